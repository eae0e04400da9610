import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PopulationCSV {
    /// Calls `body` with the bytes of the population file at `path`, read with pread(2) by
    /// `threads` threads at once (each its share of the file) into memory that is not zero-filled
    /// first and that asks for large pages (one fault per 2 MiB instead of one per 4 KiB page: on
    /// the machines measured here, faulting fresh pages cost as much as parsing them). A file that
    /// another program shortens meanwhile gives the bytes that were there, never a crash (as a
    /// mapped file would: SIGBUS). Only a regular file of at most `maximumFileBytes` is read this
    /// way; any other path goes to `InputFile.contents`, for its checks and messages.
    static func withBytes<Result>(
        of path: String, threads: Int = 1,
        _ body: (UnsafeBufferPointer<UInt8>, NewlineCounts?) throws(ScenarioFileError) -> Result
    ) throws(ScenarioFileError) -> Result {
        var status = stat()
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        var buffer: FileBuffer?
        var filled = 0
        var newlines: NewlineCounts?
        if descriptor >= 0 {
            if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
                status.st_size <= maximumFileBytes, let bytes = FileBuffer(count: Int(status.st_size))
            {
                // A read error is never taken for the end of the file: the reader's own path
                // below reports it.
                if let got = bytes.read(descriptor, threads: threads), got.filled > 0 {
                    filled = got.filled
                    newlines = got.newlines
                    buffer = bytes
                } else {
                    bytes.deallocate()
                }
            }
            close(descriptor)
        }
        guard let buffer else {
            // Missing, empty, not a regular file, too large or unreadable: read, with the
            // reader's own checks and messages.
            let bytes = try readBytes(path)
            return try bytes.withUnsafeBufferPointer { buffer throws(ScenarioFileError) in try body(buffer, nil) }
        }
        defer { buffer.deallocate() }
        return try body(UnsafeBufferPointer(start: buffer.base, count: filled), newlines)
    }

    /// Anonymous memory for a file's bytes, mapped privately (never zero-filled by us; the kernel
    /// gives each page on first touch), with the whole 2 MiB blocks inside it marked for large
    /// pages (a hint; ignored where unavailable).
    struct FileBuffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let count: Int
        private let mapped: Int

        init?(count: Int) {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            mapped = (count + page - 1) / page * page
            guard let memory = mmap(nil, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                memory != MAP_FAILED
            else { return nil }
            base = memory.assumingMemoryBound(to: UInt8.self)
            self.count = count
            #if os(Linux)
                let block = 2 << 20
                let start = (Int(bitPattern: base) + block - 1) & ~(block - 1)
                let end = (Int(bitPattern: base) + count) & ~(block - 1)
                if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            #endif
        }

        func deallocate() { munmap(base, mapped) }

        /// Reads the file into the buffer, `threads` shares of it at once (each thread faults in
        /// its own pages), counting each share's newlines as each 256 KiB of it arrives (while it
        /// is in the cache). Returns how many bytes from the start were read, fewer than `count`
        /// when the file was shortened meanwhile (the bytes after the first short share are not
        /// used), and the newlines of those bytes; nil on a read error.
        func read(_ descriptor: Int32, threads: Int) -> (filled: Int, newlines: NewlineCounts)? {
            let parts = max(1, min(threads, 8, count >> 20 + 1))
            nonisolated(unsafe) let whole = UnsafeBufferPointer(start: UnsafePointer(base), count: count)
            let shares = concurrentMap(parts, threads: parts) { part -> (bytes: Int, newlines: Int)? in
                let start = count * part / parts
                let end = count * (part + 1) / parts
                var done = start
                var newlines = 0
                while done < end {
                    let got = pread(descriptor, base + done, min(end - done, 256 << 10), off_t(done))
                    if got < 0 && errno == EINTR { continue }
                    guard got >= 0 else { return nil }
                    guard got > 0 else { break }
                    newlines += PopulationCSV.countNewlines(whole, done..<done + got)
                    done += got
                }
                return (done - start, newlines)
            }
            var filled = 0
            var newlines = NewlineCounts(starts: [], counts: [])
            for part in 0..<parts {
                guard let share = shares[part] else { return nil }
                newlines.starts.append(filled)
                newlines.counts.append(share.newlines)
                filled += share.bytes
                if share.bytes < count * (part + 1) / parts - count * part / parts { break }
            }
            return (filled, newlines)
        }
    }
}
