/// Something in a scenario that makes it impossible to project: names the key (as a path into
/// the scenario file) and, where it concerns one, the year. Front ends add the file and line.
public struct ScenarioProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key the problem is about, outermost first: `["series", "standard", "values", "2018"]`.
    public var keyPath: [String]
    /// The year the problem is about, if any.
    public var year: Int?
    /// What is wrong, in one sentence.
    public var message: String

    public init(at keyPath: [String], year: Int? = nil, _ message: String) {
        self.keyPath = keyPath
        self.year = year
        self.message = message
    }

    /// The key path in dotted form: `series.standard.values.2018`; list items as `targets[2]`.
    public var dottedKey: String { Self.dotted(keyPath) }

    /// A key path in dotted form: `["targets", "[2]", "year"]` is `targets[2].year`.
    public static func dotted(_ keyPath: [String]) -> String {
        keyPath.reduce(into: "") { text, part in
            if part.hasPrefix("[") { text += part } else { text += text.isEmpty ? part : "." + part }
        }
    }

    public var description: String { "\(dottedKey): \(message)" }
}
