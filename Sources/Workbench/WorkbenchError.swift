import Reports
import ScenarioFiles

/// What a request did wrong, as the page shows it: an HTTP status and the messages, each with
/// the file, line and key when it is about a scenario (the CLI's `error:` lines, word for word).
public struct WorkbenchError: Error, Sendable {
    /// 400 a malformed request, 404 an unknown scenario or page, 409 a file that exists,
    /// 413 a request too large, 422 a scenario or `set` value the loader refuses.
    public var status: Int
    public var problems: [ScenarioFileError]
    /// Messages not about a file (a malformed request).
    public var messages: [String]

    public init(status: Int, _ message: String) {
        self.status = status
        problems = []
        messages = [message]
    }

    public init(status: Int = 422, _ errors: ScenarioFileErrors) {
        self.status = status
        problems = errors.errors
        messages = errors.omitted > 0 ? [errors.lines.last ?? ""] : []
    }

    /// `{"status": 422, "errors": [{"message", "file", "line", "column", "key", "year"}]}`;
    /// `message` is the line `dibao` prints after `error: `.
    var json: JSONValue {
        let fileErrors = problems.map { problem in
            JSONValue.object([
                ("message", .string(problem.description)), ("file", .string(problem.location.file)),
                ("line", problem.location.line.map(JSONValue.int) ?? .null),
                ("column", problem.location.column.map(JSONValue.int) ?? .null), ("key", problem.key.map(JSONValue.string) ?? .null),
                ("year", problem.year.map(JSONValue.int) ?? .null),
            ])
        }
        let plain = messages.map { JSONValue.object([("message", .string($0))]) }
        return .object([("status", .int(status)), ("errors", .array(fileErrors + plain))])
    }
}
