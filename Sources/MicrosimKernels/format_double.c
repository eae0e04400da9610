// C's own number formatting for Swift (`CFormat` in ScenarioFiles): a plain call, no boxed
// variadic arguments. Writes into the caller's buffer only.
#include <stdio.h>
#include "MicrosimKernels.h"

int dibao_format_double(char *buffer, size_t size, const char *format, int precision, double value) {
    return precision < 0 ? snprintf(buffer, size, format, value) : snprintf(buffer, size, format, precision, value);
}
