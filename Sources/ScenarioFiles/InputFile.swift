#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads input files whole, safely: only regular files (a folder, FIFO or device is refused
/// without blocking: the file is opened non-blocking and checked before it is read), and only up
/// to a stated size.
enum InputFile {
    /// The bytes of the regular file at `path`, at most `limit` of them.
    static func contents(of path: String, limit: Int = Int.max, what: String = "file") throws(ScenarioFileError) -> [UInt8] {
        let location = SourceLocation(file: path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw ScenarioFileError(location, "cannot open the \(what): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ScenarioFileError(location, "cannot read the \(what)") }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ScenarioFileError(location, "is a folder, not a \(what)")
        default: throw ScenarioFileError(location, "is not a regular file (a pipe or a device?); give a \(what)")
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw ScenarioFileError(location, "the \(what) is \(size) bytes; \(what)s are limited to \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, size - done) }
            guard got > 0 else { throw ScenarioFileError(location, "cannot read the \(what)") }
            done += got
        }
        return bytes
    }

    /// The text of the regular file at `path` (at most `limit` bytes), its byte-order mark removed;
    /// bytes that are not UTF-8 are an error at their line, saying how to save the file (`save`).
    static func text(
        of path: String, limit: Int, what: String, save: String = "save the file as UTF-8"
    ) throws(ScenarioFileError) -> String {
        let bytes = try contents(of: path, limit: limit, what: what)
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw ScenarioFileError(
                SourceLocation(file: path, line: 1 + linesBeforeInvalidUTF8(bytes)), "this line is not valid UTF-8 text (\(save))")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// How many lines come before the first line that is not valid UTF-8.
    static func linesBeforeInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var newlines = 0
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 10 {
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return newlines }
            newlines += 1
            lineStart = index + 1
        }
        return newlines
    }
}
