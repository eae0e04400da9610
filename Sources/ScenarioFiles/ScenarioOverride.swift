import PolicyModel

/// One `--set KEY.PATH=VALUE`: a what-if without a new file. The value replaces (or adds) the
/// key in the merged scenario before it is decoded, so it is checked like a value written in
/// the file, and a problem with it is reported at `--set KEY.PATH`.
public struct ScenarioOverride: Sendable, Equatable, CustomStringConvertible {
    /// The key path: mapping keys, and list positions as `targets[2]`.
    public var keyPath: [String]
    /// The value as YAML would read it (`0.08`, `null`, `[caseload]`).
    public var value: String
    /// For `--scale series.NAME=FACTOR`: every value the series writes is multiplied by it.
    public var factor: Double?

    public init(keyPath: [String], value: String) {
        self.keyPath = keyPath
        self.value = value
    }

    /// Reads `series.caseload=1.1` or `series.caseload=+10%` (`--scale`): the series' written
    /// values times 1.1.
    public static func parseScale(_ text: String) -> Result<ScenarioOverride, ScenarioFileError> {
        let location = SourceLocation(file: "--scale")
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let path = parts.first?.split(separator: ".").map(String.init) ?? []
        guard parts.count == 2, path.count == 2, path[0] == "series", SeriesName(rawValue: path[1]) != nil else {
            return .failure(
                ScenarioFileError(location, "write --scale series.NAME=FACTOR, for example --scale series.caseload=1.1 or =+10%"))
        }
        var factor = Double(parts[1])
        if parts[1].hasSuffix("%"), let percent = Double(parts[1].dropLast()) { factor = 1 + percent / 100 }
        guard let factor, factor.isFinite, factor >= 0 else {
            return .failure(ScenarioFileError(location, key: parts[0], "'\(parts[1])' is not a factor such as 1.1 or +10%"))
        }
        var scale = ScenarioOverride(keyPath: path, value: parts[1])
        scale.factor = factor
        return .success(scale)
    }

    /// Reads `series.standard.growth=0.1` or `targets[2].at_least=0.25`; nil with a reason
    /// when the text is not of that form.
    public static func parse(_ text: String) -> Result<ScenarioOverride, ScenarioFileError> {
        let location = SourceLocation(file: "--set \(text)")
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            return .failure(ScenarioFileError(location, "write --set KEY.PATH=VALUE, for example --set series.poverty_line.growth=0.08"))
        }
        var keyPath: [String] = []
        for part in text[..<equals].split(separator: ".", omittingEmptySubsequences: false) {
            var part = Substring(part)
            var indices: [String] = []
            while part.hasSuffix("]"), let open = part.lastIndex(of: "[") {
                indices.insert(String(part[open...]), at: 0)
                part = part[..<open]
            }
            guard !part.isEmpty, indices.allSatisfy({ Int($0.dropFirst().dropLast()).map { $0 >= 0 } ?? false }) else {
                return .failure(
                    ScenarioFileError(
                        location, "'\(text[..<equals])' is not a key path such as series.standard.growth or targets[0].at_least"))
            }
            keyPath.append(String(part))
            keyPath += indices
        }
        return .success(ScenarioOverride(keyPath: keyPath, value: String(text[text.index(after: equals)...])))
    }

    public var description: String { "\(ScenarioProblem.dotted(keyPath))=\(value)" }

    /// `series.caseload=+10%` or `series.caseload=1.1`, as `--scale` was given.
    public var scaleText: String { "\(ScenarioProblem.dotted(keyPath))=\(value)" }
}
