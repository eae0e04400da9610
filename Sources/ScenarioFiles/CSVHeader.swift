/// What messages about a CSV file's header and lines may show of them.
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
        return "missing column '\(name)'\(hint); the header is: \(header)\(fullWidthCommaHint(header))"
    }

    /// The message for data line `line` with `found` fields where the header has `expected`
    /// (`truncated`: the file's last line, without a newline); `text`, the line, is not quoted.
    static func fieldCount(line: Int, found: Int, expected: Int, text: some StringProtocol, truncated: Bool = false) -> String {
        "line \(line) has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)\(truncated ? " (a truncated last line?)" : "")"
            + fullWidthCommaHint(text)
    }

    /// What to do about a full-width comma '，' in a line (as a Chinese input method types it),
    /// which separates no fields; empty when the line has none.
    static func fullWidthCommaHint(_ text: some StringProtocol) -> String {
        text.contains("，") ? "; it holds a full-width comma '，', which does not separate fields: type ',' instead" : ""
    }
}
