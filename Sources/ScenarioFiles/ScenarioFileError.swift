import PolicyModel

/// An error a user caused in an input file: says where (file, line, key), about which year, and
/// what is wrong. Front ends print `description` and exit with status 2.
public struct ScenarioFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// The dotted key the error is about (`series.standard.values.2018`), if any.
    public var key: String?
    /// The year the error is about, if any.
    public var year: Int?
    public var message: String

    public init(_ location: SourceLocation, key: String? = nil, year: Int? = nil, _ message: String) {
        self.location = location
        self.key = key
        self.year = year
        self.message = message
    }

    /// The message as printed; any identity number quoted from a file is masked.
    public var description: String {
        var text = "\(location): "
        if let key, !key.isEmpty { text += "\(key): " }
        text += message
        if let year, !message.contains(String(year)) { text += " (year \(year))" }
        return ResidentID.maskingNumbers(in: text)
    }
}

/// Every problem found in one input file, in the order of the file (at most `limit` of them;
/// `omitted` counts the rest). Front ends print one line per error and exit with status 2.
public struct ScenarioFileErrors: Error, Sendable, CustomStringConvertible {
    /// How many problems of one file are reported at most.
    public static let limit = 20

    public var errors: [ScenarioFileError]
    /// Problems found beyond `limit`.
    public var omitted: Int

    /// `errors` sorted by file (in `files` order), line and column, cut at `limit`.
    public init(_ errors: [ScenarioFileError], files: [String] = []) {
        let ordered = errors.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            let (fx, fy) = (files.firstIndex(of: x.file) ?? files.count, files.firstIndex(of: y.file) ?? files.count)
            if fx != fy { return fx < fy }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
        self.errors = Array(ordered.prefix(Self.limit))
        omitted = max(0, ordered.count - Self.limit)
    }

    public init(_ error: ScenarioFileError) {
        self.init([error])
    }

    /// One line per error, and a last line on those left out.
    public var lines: [String] {
        errors.map(\.description) + (omitted > 0 ? ["… and \(omitted) more problems in the same file"] : [])
    }

    public var description: String { lines.joined(separator: "\n") }
}
