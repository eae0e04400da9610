#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PopulationCSV {
    /// Calls `body` with the bytes of the population file at `path`, read with read(2) into
    /// memory that is not zero-filled first (on the machines measured here, filling fresh pages
    /// cost as much as parsing them). A file that another program shortens meanwhile gives the
    /// bytes that were there, never a crash (as a mapped file would: SIGBUS). Only a regular
    /// file of at most `maximumFileBytes` is read this way; any other path goes to
    /// `InputFile.contents`, for its checks and messages.
    static func withBytes<Result>(
        of path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(ScenarioFileError) -> Result
    ) throws(ScenarioFileError) -> Result {
        var status = stat()
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        var buffer: UnsafeMutableBufferPointer<UInt8>?
        var filled = 0
        if descriptor >= 0 {
            if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
                status.st_size <= maximumFileBytes
            {
                let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Int(status.st_size))
                var failed = false
                while filled < bytes.count {
                    let got = read(descriptor, bytes.baseAddress! + filled, bytes.count - filled)
                    if got < 0 && errno == EINTR { continue }
                    failed = got < 0
                    guard got > 0 else { break }
                    filled += got
                }
                // A read error is never taken for the end of the file: the reader's own path
                // below reports it.
                if filled > 0 && !failed { buffer = bytes } else { bytes.deallocate() }
            }
            close(descriptor)
        }
        guard let buffer else {
            // Missing, empty, not a regular file, too large or unreadable: read, with the
            // reader's own checks and messages.
            let bytes = try readBytes(path)
            return try bytes.withUnsafeBufferPointer { buffer throws(ScenarioFileError) in try body(buffer) }
        }
        defer { buffer.deallocate() }
        return try body(UnsafeBufferPointer(rebasing: buffer[..<filled]))
    }
}
