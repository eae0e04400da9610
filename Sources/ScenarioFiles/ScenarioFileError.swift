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

    public var description: String {
        var text = "\(location): "
        if let key, !key.isEmpty { text += "\(key): " }
        text += message
        if let year, !message.contains(String(year)) { text += " (year \(year))" }
        return text
    }
}
