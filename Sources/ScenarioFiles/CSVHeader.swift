/// What messages about a CSV header may show of it.
enum CSVHeader {
    /// The header as a message may quote it, or nil when line 1 looks like a record rather than
    /// column names (a field with six digits or more: an identity number, with a name beside it),
    /// so that no message ever prints a person's data.
    static func quotable(_ names: [String]) -> String? {
        names.contains { $0.filter(\.isNumber).count >= 6 } ? nil : names.joined(separator: ",")
    }

    /// The message for a missing column `name`.
    static func missing(_ name: String, in names: [String], example: String, hint: String = "") -> String {
        guard let header = quotable(names) else {
            return "line 1 holds a record, not the header; add a first line naming the columns, e.g. \(example)"
        }
        return "missing column '\(name)'\(hint); the header is: \(header)"
    }
}
