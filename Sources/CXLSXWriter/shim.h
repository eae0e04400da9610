// libxlsxwriter's types from its own header (/usr/include, Debian libxlsxwriter-dev; no include
// flags needed) and the functions Workbooks calls as function-pointer types of the same
// signatures: the library is opened at run time (libxlsxwriter.so.4, Debian libxlsxwriter4) by
// Workbooks' LibXLSXWriter, not linked. Calling a function of the header directly fails to link.
#ifndef DIBAO_CXLSXWRITER_SHIM_H
#define DIBAO_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

typedef __typeof__(workbook_new) *workbook_new_fn;
typedef __typeof__(workbook_set_properties) *workbook_set_properties_fn;
typedef __typeof__(workbook_add_format) *workbook_add_format_fn;
typedef __typeof__(workbook_add_worksheet) *workbook_add_worksheet_fn;
typedef __typeof__(workbook_close) *workbook_close_fn;
typedef __typeof__(format_set_bold) *format_set_bold_fn;
typedef __typeof__(format_set_text_wrap) *format_set_text_wrap_fn;
typedef __typeof__(format_set_bg_color) *format_set_bg_color_fn;
typedef __typeof__(format_set_num_format) *format_set_num_format_fn;
typedef __typeof__(worksheet_write_string) *worksheet_write_string_fn;
typedef __typeof__(worksheet_write_number) *worksheet_write_number_fn;
typedef __typeof__(worksheet_set_column) *worksheet_set_column_fn;
typedef __typeof__(worksheet_freeze_panes) *worksheet_freeze_panes_fn;
typedef __typeof__(lxw_strerror) *lxw_strerror_fn;

#endif
