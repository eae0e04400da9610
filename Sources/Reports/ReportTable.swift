/// A table of a report: what people see (formatted cells) and what the CSV holds (unrounded
/// figures in 元), side by side, so that every rendering shows the same rows.
public struct ReportTable: Sendable {
    /// File-name stem of its CSV (`summary`, `years-shangrao-2017-plan`).
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]

    public struct Column: Sendable {
        /// The heading people see, with its display unit (`资金总需求(万元)`).
        public var label: String
        /// The CSV heading, with the unit of the raw figures (`资金总需求(元)`).
        public var csvHeader: String
        public var isNumeric: Bool

        public init(_ label: String, csv: String? = nil, numeric: Bool = false) {
            self.label = label
            csvHeader = csv ?? label
            isNumeric = numeric
        }
    }

    public struct Cell: Sendable {
        public var display: String
        /// The unrounded figure or plain text behind the cell, for CSV and JSON.
        public var value: JSONValue
        /// For ✓/✗ cells: whether the outcome is the expected one (styled in HTML).
        public var asExpected: Bool?

        public init(_ display: String, value: JSONValue? = nil, asExpected: Bool? = nil) {
            self.display = display
            self.value = value ?? .string(display)
            self.asExpected = asExpected
        }

        /// A number shown formatted and stored unrounded; "—" and null when absent.
        public static func number(_ value: Double?, _ format: (Double) -> String) -> Cell {
            guard let value, value.isFinite else { return Cell("—", value: .null) }
            return Cell(format(value), value: .number(value))
        }

        /// The CSV field: unrounded numbers, plain text, empty for a missing figure.
        var csvField: String {
            switch value {
            case .null: ""
            case .number(let number): Formatting.plain(number)
            case .int(let number): String(number)
            case .bool(let flag): flag ? "true" : "false"
            case .string(let text): text
            case .array, .object: value.rendered(pretty: false)
            }
        }
    }

    /// The rows whose first cell is `key`, without the columns at `dropping` (a per-scenario view
    /// of a table that lists all scenarios).
    public func rows(whereFirstCellIs key: String, title: String, dropping: Set<Int>) -> ReportTable {
        let kept = columns.indices.filter { !dropping.contains($0) }
        return ReportTable(
            id: "\(id)-\(key)", title: title, columns: kept.map { columns[$0] },
            rows: rows.filter { $0.first.map { $0.value == .string(key) || $0.display == key } ?? false }.map { row in kept.map { row[$0] }
            })
    }

    public func csv() -> CSVTable {
        CSVTable(header: columns.map(\.csvHeader), rows: rows.map { $0.map(\.csvField) })
    }

    /// The table as JSON: a list of objects keyed by CSV heading, unrounded values.
    public func json() -> JSONValue {
        .object([
            ("id", .string(id)), ("title", .string(title)),
            (
                "rows",
                .array(
                    rows.map { row in
                        .object(zip(columns, row).map { column, cell in (column.csvHeader, cell.value) })
                    })
            ),
        ])
    }
}
