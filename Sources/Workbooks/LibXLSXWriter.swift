import CXLSXWriter
import LazyLibraries

/// The libxlsxwriter functions `Workbook` calls, from libxlsxwriter.so.4 opened on the first
/// workbook written (`@unchecked Sendable`: C function pointers, never changed).
struct LibXLSXWriter: @unchecked Sendable {
    let workbookNew: workbook_new_fn
    let workbookSetProperties: workbook_set_properties_fn
    let workbookAddFormat: workbook_add_format_fn
    let workbookAddWorksheet: workbook_add_worksheet_fn
    let workbookClose: workbook_close_fn
    let formatSetBold: format_set_bold_fn
    let formatSetTextWrap: format_set_text_wrap_fn
    let formatSetBackgroundColor: format_set_bg_color_fn
    let formatSetNumberFormat: format_set_num_format_fn
    let worksheetWriteString: worksheet_write_string_fn
    let worksheetWriteNumber: worksheet_write_number_fn
    let worksheetSetColumn: worksheet_set_column_fn
    let worksheetFreezePanes: worksheet_freeze_panes_fn
    let errorText: lxw_strerror_fn

    private static let opened = Result { () throws(SharedLibrary.Unavailable) in
        try LibXLSXWriter(SharedLibrary(["libxlsxwriter.so.4"], package: "libxlsxwriter4", purpose: "writing Excel workbooks"))
    }

    init(_ library: SharedLibrary) throws(SharedLibrary.Unavailable) {
        workbookNew = try library.function("workbook_new")
        workbookSetProperties = try library.function("workbook_set_properties")
        workbookAddFormat = try library.function("workbook_add_format")
        workbookAddWorksheet = try library.function("workbook_add_worksheet")
        workbookClose = try library.function("workbook_close")
        formatSetBold = try library.function("format_set_bold")
        formatSetTextWrap = try library.function("format_set_text_wrap")
        formatSetBackgroundColor = try library.function("format_set_bg_color")
        formatSetNumberFormat = try library.function("format_set_num_format")
        worksheetWriteString = try library.function("worksheet_write_string")
        worksheetWriteNumber = try library.function("worksheet_write_number")
        worksheetSetColumn = try library.function("worksheet_set_column")
        worksheetFreezePanes = try library.function("worksheet_freeze_panes")
        errorText = try library.function("lxw_strerror")
    }

    /// The functions, the library opened the first time.
    static func functions() throws(SharedLibrary.Unavailable) -> LibXLSXWriter { try opened.get() }
}
