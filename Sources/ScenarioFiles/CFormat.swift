import MicrosimKernels

/// Numbers as text by a C format with one floating-point conversion (`%.2f`, `%.*f%%`, `%.15g`,
/// `%g`), written by the C library: the text `String(format:)` gives, since it hands these
/// conversions to the C library too, without Foundation's format parser and locale, which cost
/// about half a millisecond at the first call of every run and a microsecond or two at each.
/// The format is a literal of the program (`StaticString`), never text from a file or a user.
public enum CFormat {
    /// `value` by `format`, which has one double conversion.
    public static func printf(_ format: StaticString, _ value: Double) -> String { printf(format, precision: -1, value) }

    /// `value` by `format`, which has one double conversion with a `*` precision (`%.*f`).
    public static func printf(_ format: StaticString, _ precision: Int, _ value: Double) -> String {
        printf(format, precision: Int32(clamping: max(0, precision)), value)
    }

    private static func printf(_ format: StaticString, precision: Int32, _ value: Double) -> String {
        // A string literal's bytes end with a NUL.
        let format = UnsafeRawPointer(format.utf8Start).assumingMemoryBound(to: CChar.self)
        // 64 bytes hold every value of these formats but %f of one near the double range.
        var size = 64
        while true {
            let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer in
                let written = Int(dibao_format_double(buffer.baseAddress!, size, format, precision, value))
                guard written < size else {
                    size = written + 1
                    return nil
                }
                return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: max(0, written)), as: UTF8.self)
            }
            if let text { return text }
        }
    }
}
