import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PopulationCSV {
    /// Files from this size on are read in pieces (`stream`); smaller ones whole.
    static let streamingBytes = 4 << 20

    /// Reads a large population file without holding it in memory. The file is cut into chunks
    /// of about `bytesPerChunk` bytes (at most `maximumChunks`), which `threads` workers take one
    /// at a time, each the next not yet taken when it is free, so that a worker the machine
    /// slows down leaves no other waiting: a first pass counts each chunk's newlines; a second
    /// parses each chunk's lines straight into their place in the columns. A worker reads in
    /// pieces of `piece` bytes into one buffer of its own, which stays in the cache (fresh
    /// memory is what costs most here). The values, errors and order are those of `parse` on
    /// the whole file. Nil when the file is not a regular file of `minimumBytes` to
    /// `maximumFileBytes`, when its header does not end in its first 64 KiB, or when it changed
    /// between the two passes (then `load` reads it whole, as a smaller file).
    static func stream(
        _ path: String, threads: Int, piece: Int = 256 << 10, minimumBytes: Int = streamingBytes, bytesPerChunk: Int = 1 << 20
    ) throws(ScenarioFileError) -> HouseholdPopulation? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= max(1, minimumBytes),
            status.st_size <= maximumFileBytes
        else { return nil }
        let size = Int(status.st_size)
        let chunks = max(1, min(maximumChunks, size / max(1, bytesPerChunk)))
        let workers = max(1, min(threads, 8, chunks))
        let piece = max(piece, 16)
        let buffers = (0..<workers).map { _ in PieceBuffer(capacity: piece) }
        defer { for buffer in buffers { buffer.deallocate() } }

        // The header, from the first 64 KiB.
        let chunkStarts = (0...chunks).map { size * $0 / chunks }
        let headBuffer = PieceBuffer(capacity: min(size, 64 << 10))
        defer { headBuffer.deallocate() }
        guard let first = headBuffer.read(descriptor, at: 0, count: headBuffer.capacity) else { return nil }
        let head = UnsafeBufferPointer(start: headBuffer.base, count: first)
        var start = 0
        if first >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { start = 3 }
        let headerEnd = nextNewline(head, from: start)
        guard headerEnd < first else { return nil }
        let layout = try Layout(header: head[start..<headerEnd], file: path)
        let bodyStart = headerEnd + 1

        // First pass: each chunk's newlines, the first of them, and the file's last byte.
        let counts = concurrentMap(chunks, threads: workers) { worker, chunk -> ChunkCount? in
            buffers[worker].count(descriptor, chunkStarts[chunk]..<chunkStarts[chunk + 1])
        }
        var found: [ChunkCount] = []
        for count in counts {
            guard let count else { return nil }
            found.append(count)
        }
        // Part k starts after the first newline of chunk k (the body, for part 0; a chunk that
        // begins in the header finds the header's newline first, so the parts before it are
        // empty); a chunk without a newline joins the part before. Newlines before a part's
        // start: those of the chunks before, plus the one that ends its first line.
        var newlinesBeforeChunk = [0]
        for count in found { newlinesBeforeChunk.append(newlinesBeforeChunk.last! + count.newlines) }
        var bounds = [Int](repeating: size, count: chunks + 1)
        var newlinesBefore = [Int](repeating: newlinesBeforeChunk[chunks], count: chunks + 1)
        for part in (1..<chunks).reversed() {
            if let newline = found[part].firstNewline {
                bounds[part] = newline + 1
                newlinesBefore[part] = newlinesBeforeChunk[part] + 1
            } else {
                bounds[part] = bounds[part + 1]
                newlinesBefore[part] = newlinesBefore[part + 1]
            }
        }
        bounds[0] = bodyStart
        newlinesBefore[0] = 1
        let endsWithNewline = found[chunks - 1].lastByte == 0x0A
        var firstRecord = [0]
        for part in 0..<chunks {
            let isEmpty = bounds[part] >= bounds[part + 1]
            // The one part that reaches the file's end may end in a line without a newline.
            let unterminated = bounds[part + 1] == size && !isEmpty && !endsWithNewline ? 1 : 0
            firstRecord.append(firstRecord[part] + (isEmpty ? 0 : newlinesBefore[part + 1] - newlinesBefore[part] + unterminated))
        }
        let total = firstRecord[chunks]
        guard total > 0 else { throw ScenarioFileError(SourceLocation(file: path, line: 2), "the file has a header but no households") }

        // Second pass: each part parsed piece by piece into its place; its keys into the
        // worker's scratch, and into the key column only when they are not numbered one after
        // another (`HouseholdKeys`: the usual file's keys then never touch fresh memory).
        let partBounds = bounds
        let partRecords = firstRecord
        let mostRecords = (0..<chunks).map { partRecords[$0 + 1] - partRecords[$0] }.max() ?? 0
        var columns = Columns(count: total, layout: layout)
        var outcomes: [Outcome?] = []
        columns.withPointers { pointers in
            outcomes = concurrentMap(chunks, threads: workers) { worker, part -> Outcome? in
                let records = partRecords[part]..<partRecords[part + 1]
                var chunkPointers = pointers
                chunkPointers.key = buffers[worker].keys(mostRecords)
                chunkPointers.keyOrigin = records.lowerBound
                var parser = LineParser(
                    buffer: UnsafeBufferPointer(start: nil, count: 0), layout: layout, pointers: chunkPointers, file: path,
                    interners: Interners())
                pointers.prefault(records, keys: false)
                do throws(ScenarioFileError) {
                    let complete = try buffers[worker].parse(
                        descriptor, partBounds[part]..<partBounds[part + 1], with: &parser, records: records)
                    guard complete else { return nil }
                    var outcome = Outcome(parser)
                    if !outcome.keysConsecutive(records.count) {
                        pointers.prefaultKeys(records)
                        (pointers.key + records.lowerBound).update(from: chunkPointers.key, count: records.count)
                        outcome.keysStored = true
                    }
                    return outcome
                } catch {
                    return Outcome(parser, failure: error)
                }
            }
        }
        var parsed: [Outcome] = []
        for outcome in outcomes {
            guard let outcome else { return nil }
            parsed.append(outcome)
        }
        if let failure = parsed.lazy.compactMap(\.failure).first { throw failure }
        var keys: HouseholdKeys?
        if let first = parsed.first(where: { !$0.isEmpty }), Outcome.keysFollowOn(parsed) {
            keys = HouseholdKeys(consecutiveFrom: first.firstKey, count: total)
        } else {
            // The keys one by one: the parts that held theirs as a first key, written out.
            let held = parsed.map { $0.isEmpty || $0.keysStored ? nil : $0.firstKey }
            columns.key.withUnsafeMutableBufferPointer { column in
                nonisolated(unsafe) let column = column
                _ = concurrentMap(chunks, threads: workers) { part in
                    guard let first = held[part] else { return }
                    Pointers.prefault(column.baseAddress, partRecords[part]..<partRecords[part + 1])
                    for (offset, record) in (partRecords[part]..<partRecords[part + 1]).enumerated() {
                        column[record] = first &+ UInt64(offset)
                    }
                }
            }
        }
        var population = try columns.population(merging: parsed.map(\.interners), firstRecord: firstRecord, file: path, keys: keys)
        if !Outcome.keysIncrease(parsed) && hasEqualKeys(population.householdKey) {
            // Some ids may repeat: find them, with their lines, in the whole file.
            try withBytes(of: path) { buffer, _ throws(ScenarioFileError) in
                var start = 0
                if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                let bodyStart = min(nextNewline(buffer, from: start) + 1, buffer.count)
                try checkDuplicateIDs(
                    &population, buffer: buffer, bodyStart: bodyStart, idColumn: layout.roles.firstIndex(of: .id)!, file: path)
            }
        }
        return population
    }

    /// The most chunks a file is cut into: enough for two workers to share the work evenly, few
    /// enough that each chunk's own parser and names cost nothing beside its lines.
    static let maximumChunks = 256

    /// Whether two of `keys` are equal (a sorted copy has equal neighbours).
    static func hasEqualKeys(_ keys: HouseholdKeys) -> Bool {
        let sorted = keys.sorted()
        return sorted.indices.dropFirst().contains { sorted[$0] == sorted[$0 - 1] }
    }

    /// What the first pass found in one chunk.
    struct ChunkCount: Sendable {
        var newlines: Int
        var firstNewline: Int?
        var lastByte: UInt8
    }

    /// One worker's buffer, reused for the pieces of every chunk it takes (so that it stays in
    /// the cache), with room for one chunk's keys; it grows to hold a line longer than itself.
    final class PieceBuffer: @unchecked Sendable {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        /// Room for the keys of one chunk's records, reused from chunk to chunk (so that it
        /// stays in the cache).
        private var keyScratch: UnsafeMutablePointer<UInt64>?
        private var keyCapacity = 0

        func deallocate() {
            base.deallocate()
            keyScratch?.deallocate()
        }

        /// The worker's key scratch, with room for at least `count` keys.
        func keys(_ count: Int) -> UnsafeMutablePointer<UInt64> {
            if let keyScratch, keyCapacity >= count { return keyScratch }
            keyScratch?.deallocate()
            keyCapacity = max(count, 1)
            keyScratch = .allocate(capacity: keyCapacity)
            return keyScratch!
        }

        /// Reads `count` bytes at file offset `offset` into the buffer from `into` on; the bytes
        /// read (fewer at the end of the file), or nil on a read error.
        func read(_ descriptor: Int32, at offset: Int, count: Int, into: Int = 0) -> Int? {
            var done = 0
            while done < count {
                let got = pread(descriptor, base + into + done, count - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                guard got >= 0 else { return nil }
                guard got > 0 else { break }
                done += got
            }
            return done
        }

        /// The newlines of `chunk`, the first of them and its last byte; nil if it cannot be
        /// read whole.
        func count(_ descriptor: Int32, _ chunk: Range<Int>) -> ChunkCount? {
            var result = ChunkCount(newlines: 0, firstNewline: nil, lastByte: 0)
            var offset = chunk.lowerBound
            while offset < chunk.upperBound {
                let want = min(capacity, chunk.upperBound - offset)
                guard let got = read(descriptor, at: offset, count: want), got == want else { return nil }
                let bytes = UnsafeBufferPointer(start: base, count: got)
                if result.firstNewline == nil, let found = memchr(base, 0x0A, got) {
                    result.firstNewline = offset + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
                }
                result.newlines += PopulationCSV.countNewlines(bytes, 0..<got)
                result.lastByte = bytes[got - 1]
                offset += got
            }
            return result
        }

        /// Reads the lines of `part` piece by piece into records `records`: each piece ends
        /// after its last newline (or at the part's end), so `parser` sees whole lines, the last
        /// line of the file as a piece's end. False when the part no longer holds `records`'s
        /// lines (the file changed since they were counted).
        func parse(_ descriptor: Int32, _ part: Range<Int>, with parser: inout LineParser, records: Range<Int>)
            throws(ScenarioFileError) -> Bool
        {
            var offset = part.lowerBound
            var carried = 0
            var record = records.lowerBound
            // Line of the file of the part's first record: the header is line 1.
            let firstLine = records.lowerBound + 2
            while offset + carried < part.upperBound {
                let want = min(capacity - carried, part.upperBound - offset - carried)
                guard let got = read(descriptor, at: offset + carried, count: want, into: carried), got == want else { return false }
                let filled = carried + got
                let atEnd = offset + filled == part.upperBound
                var cut = filled
                if !atEnd {
                    while cut > 0 && base[cut - 1] != 0x0A { cut -= 1 }
                    guard cut > 0 else {
                        // A line longer than the buffer: twice the room, and read on.
                        grow()
                        carried = filled
                        continue
                    }
                }
                parser.buffer = UnsafeBufferPointer(start: base, count: cut)
                let stop = try parser.parse(
                    0..<cut, firstRecord: record, firstLine: firstLine + record - records.lowerBound, limit: records.upperBound)
                // Lines beyond the records counted: the file changed. (A last line without a
                // newline ends one past the piece.)
                guard stop >= cut else { return false }
                record = parser.nextRecord
                carried = filled - cut
                if carried > 0 { memmove(base, base + cut, carried) }
                offset += cut
            }
            return record == records.upperBound
        }

        private func grow() {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: base, count: capacity)
            base.deallocate()
            base = larger
            capacity *= 2
        }
    }
}
