/// A place in a scenario file, for error messages: `scenarios/plan.yaml:12:5`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// From 1; nil when the error concerns the whole file.
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}
