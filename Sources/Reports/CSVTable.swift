import Foundation

/// RFC 4180 CSV text: fields quoted when they hold a comma, quote or line break; CRLF-free
/// (LF line ends); optionally prefixed with a UTF-8 byte-order mark so that Excel reads Chinese.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public func rendered(byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out.reserveCapacity((rows.count + 1) * 64)
        for row in [header] + rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out += "," }
                Self.append(field, to: &out)
            }
            out += "\n"
        }
        return out
    }

    /// Appends a field, quoted when it holds a comma, quote or line break (scanned as UTF-8).
    /// Text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return, and not a number) gets a leading `'`, as OWASP recommends against
    /// CSV injection; numbers such as `-0.05` stay numbers.
    static func append(_ text: String, to out: inout String) {
        var text = text
        if let first = text.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first), Double(text) == nil {
            text = "'" + text
        }
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out += text
            return
        }
        out += "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
