import CXLSXWriter

/// An Excel workbook (.xlsx) written by libxlsxwriter (Debian's `libxlsxwriter4`, opened on the
/// first workbook written; without it writing fails with the package to install): sheets of
/// text and numbers, numbers stored as numbers with a display format, frozen header rows and
/// column widths. The only importer of `CXLSXWriter`. The same content gives the same bytes (the
/// document's creation time is fixed, not the clock's).
public struct Workbook: Sendable {
    /// A cell: text, or a number shown with a format.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double, NumberFormat)
        case empty
    }

    /// How a number is shown; the value stored is always the full number.
    public enum NumberFormat: String, Sendable {
        /// 1,234.56
        case money = "#,##0.00"
        /// 1,235
        case whole = "#,##0"
        /// 20.5%
        case percent = "0.0%"
        /// 14.86%
        case rate = "0.00%"
        /// 2018
        case year = "0"
        /// 0.0611275
        case plain = "General"
    }

    /// One sheet: a header row (frozen) and rows; `widths` in characters, one per column.
    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        public var widths: [Double]

        public init(name: String, header: [String], rows: [[Cell]] = [], widths: [Double]? = nil) {
            self.name = name
            self.header = header
            self.rows = rows
            self.widths = widths ?? header.map { Double(max(10, min(40, $0.count * 2 + 2))) }
        }
    }

    public var sheets: [Sheet]
    /// The document's creation time in its properties, seconds since 1970 (fixed for reproducible files).
    public var created: Int

    public init(sheets: [Sheet], created: Int = 1_577_836_800) {
        self.sheets = sheets
        self.created = created
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes the workbook to `path`; the failure's description, or nil when written (the form
    /// `OutputFile.produce` and `OutputFolder.replace` take).
    public func failure(writingTo path: String) -> String? {
        do throws(WriteError) {
            try write(to: path)
            return nil
        } catch {
            return error.description
        }
    }

    /// Writes the workbook to `path` (the caller renames it into place).
    public func write(to path: String) throws(WriteError) {
        let lxw: LibXLSXWriter
        do { lxw = try LibXLSXWriter.functions() } catch { throw WriteError(description: error.description) }
        guard let workbook = lxw.workbookNew(path) else { throw WriteError(description: "cannot create the workbook") }
        var properties = lxw_doc_properties()
        properties.created = time_t(created)
        _ = lxw.workbookSetProperties(workbook, &properties)
        let header = lxw.workbookAddFormat(workbook)
        lxw.formatSetBold(header)
        lxw.formatSetTextWrap(header)
        lxw.formatSetBackgroundColor(header, 0xEEEEEE)
        var formats: [NumberFormat: UnsafeMutablePointer<lxw_format>] = [:]
        func format(_ kind: NumberFormat) -> UnsafeMutablePointer<lxw_format>? {
            if let existing = formats[kind] { return existing }
            guard let made = lxw.workbookAddFormat(workbook) else { return nil }
            lxw.formatSetNumberFormat(made, kind.rawValue)
            formats[kind] = made
            return made
        }
        for sheet in sheets {
            guard let worksheet = lxw.workbookAddWorksheet(workbook, String(sheet.name.prefix(31))) else {
                _ = lxw.workbookClose(workbook)
                throw WriteError(description: "cannot add the sheet '\(sheet.name)'")
            }
            for (column, title) in sheet.header.enumerated() {
                _ = lxw.worksheetWriteString(worksheet, 0, lxw_col_t(column), title, header)
            }
            for (column, width) in sheet.widths.enumerated() {
                _ = lxw.worksheetSetColumn(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil)
            }
            lxw.worksheetFreezePanes(worksheet, 1, 0)
            for (index, row) in sheet.rows.enumerated() {
                let line = lxw_row_t(index + 1)
                for (column, cell) in row.enumerated() {
                    switch cell {
                    case .text(let text): _ = lxw.worksheetWriteString(worksheet, line, lxw_col_t(column), text, nil)
                    case .number(let value, let kind) where value.isFinite:
                        _ = lxw.worksheetWriteNumber(worksheet, line, lxw_col_t(column), value, format(kind))
                    case .number, .empty: break
                    }
                }
            }
        }
        let status = lxw.workbookClose(workbook)
        guard status == LXW_NO_ERROR else {
            throw WriteError(description: lxw.errorText(status).map { String(cString: $0) } ?? "libxlsxwriter error \(status.rawValue)")
        }
    }
}
