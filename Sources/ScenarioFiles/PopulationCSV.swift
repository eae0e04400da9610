import Foundation
import MicrosimKernels
import PolicyModel

/// Reads a household population from CSV: `household_id,township,size,income_per_capita`
/// required, `weight`, `registered_poor`, `category`, `village` optional; headers in any order;
/// UTF-8 with or without a byte-order mark; LF or CRLF. Every bad value is an error naming the
/// line and column. A large file is read in chunks that the threads share (`stream`), a small one
/// whole; either way its lines are parsed straight into their place in the final arrays.
public enum PopulationCSV {
    static let required = ["household_id", "township", "size", "income_per_capita"]
    static let optional = ["weight", "registered_poor", "category", "village"]

    /// Reads and parses the file at `path`.
    public static func load(_ path: String, threads: Int = 2) throws(ScenarioFileError) -> HouseholdPopulation {
        if let population = try stream(path, threads: threads) { return population }
        return try withBytes(of: path, threads: threads) { buffer, newlines throws(ScenarioFileError) in
            try parse(buffer, file: path, threads: threads, newlines: newlines)
        }
    }

    /// Population and roster files are read whole, and their columns take about twice the file
    /// again: at most 4 GiB (about 150 million households), so that a run fits in memory.
    public static let maximumFileBytes = 4 << 30

    static func readBytes(_ path: String) throws(ScenarioFileError) -> [UInt8] {
        try InputFile.contents(of: path, limit: maximumFileBytes, what: "data file")
    }

    /// Parses CSV text already in memory.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String, threads: Int = 2) throws(ScenarioFileError)
        -> HouseholdPopulation
    {
        try parse(buffer, file: file, threads: threads, newlines: nil)
    }

    /// Parses CSV text in memory whose newlines `newlines` may have counted already (as the
    /// file was read), so that counting each part's lines takes no pass over the text.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String, threads: Int, newlines: NewlineCounts?)
        throws(ScenarioFileError) -> HouseholdPopulation
    {
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        guard start < buffer.count else { throw ScenarioFileError(SourceLocation(file: file), "the file is empty") }
        let headerEnd = nextNewline(buffer, from: start)
        let layout = try Layout(header: buffer[start..<headerEnd], file: file)
        let bodyStart = min(headerEnd + 1, buffer.count)

        // Split the body into parts at line boundaries, count each part's lines, then parse the
        // parts concurrently straight into their place in the final arrays.
        let parts = max(1, min(threads, 8))
        var bounds = [bodyStart]
        for part in 1..<parts {
            let guess = bodyStart + (buffer.count - bodyStart) * part / parts
            bounds.append(max(bounds.last!, min(buffer.count, nextNewline(buffer, from: max(guess, bounds.last!)) + 1)))
        }
        bounds.append(buffer.count)
        let partBounds = bounds
        nonisolated(unsafe) let text = buffer
        let lineCounts =
            newlines.map { newlines in
                (0..<parts).map { newlines.lines(text, partBounds[$0]..<partBounds[$0 + 1]) }
            } ?? concurrentMap(parts, threads: parts) { countLines(text, partBounds[$0]..<partBounds[$0 + 1]) }
        let total = lineCounts.reduce(0, +)
        guard total > 0 else { throw ScenarioFileError(SourceLocation(file: file, line: 2), "the file has a header but no households") }
        var firstRecord = [0]
        var firstLine = [2]
        for part in 0..<parts {
            firstRecord.append(firstRecord[part] + lineCounts[part])
            firstLine.append(firstLine[part] + lineCounts[part])
        }

        let partRecords = firstRecord
        let partLines = firstLine
        var columns = Columns(count: total, layout: layout)
        var outcomes: [Outcome] = []
        columns.withPointers { pointers in
            outcomes = concurrentMap(parts, threads: parts) { part in
                pointers.prefault(partRecords[part]..<partRecords[part + 1])
                var parser = LineParser(buffer: text, layout: layout, pointers: pointers, file: file, interners: Interners())
                do throws(ScenarioFileError) {
                    try parser.parse(partBounds[part]..<partBounds[part + 1], firstRecord: partRecords[part], firstLine: partLines[part])
                    return Outcome(parser)
                } catch {
                    return Outcome(parser, failure: error)
                }
            }
        }
        if let failure = outcomes.lazy.compactMap(\.failure).first { throw failure }
        var population = try columns.population(merging: outcomes.map(\.interners), firstRecord: firstRecord, file: file)
        if !Outcome.keysIncrease(outcomes) {
            try checkDuplicateIDs(
                &population, buffer: buffer, bodyStart: bodyStart, idColumn: layout.roles.firstIndex(of: .id)!, file: file)
        }
        return population
    }

    /// What one part's parser found.
    struct Outcome: Sendable {
        var failure: ScenarioFileError?
        var interners: Interners
        var keysIncrease: Bool
        var firstKey: UInt64
        var lastKey: UInt64
        var isEmpty: Bool
        /// Whether the part's keys are in the key column (`stream` writes them there only
        /// when they are not numbered one after another).
        var keysStored = false

        init(_ parser: LineParser, failure: ScenarioFileError? = nil) {
            self.failure = failure
            interners = parser.interners
            keysIncrease = parser.keysIncrease
            firstKey = parser.firstKey
            lastKey = parser.lastKey
            isEmpty = parser.isEmpty
        }

        /// Whether the part's `count` keys are numbered one after another: each exceeds the one
        /// before and the last exceeds the first by `count` − 1.
        func keysConsecutive(_ count: Int) -> Bool {
            isEmpty || (keysIncrease && lastKey >= firstKey && lastKey &- firstKey == UInt64(count - 1))
        }

        /// Whether the parts' keys, in file order, are numbered one after another throughout:
        /// each part's are (none stored one by one), and each part's first follows the last
        /// part's last.
        static func keysFollowOn(_ outcomes: [Outcome]) -> Bool {
            var previous: UInt64?
            for outcome in outcomes where !outcome.isEmpty {
                guard !outcome.keysStored, previous.map({ $0 != .max && $0 + 1 == outcome.firstKey }) ?? true else { return false }
                previous = outcome.lastKey
            }
            return true
        }

        /// Whether the household keys of all parts, in file order, each exceed the one before:
        /// then no id repeats (the common file, numbered 1, 2, 3 …) and the sort is skipped.
        static func keysIncrease(_ outcomes: [Outcome]) -> Bool {
            var previous: UInt64?
            for outcome in outcomes where !outcome.isEmpty {
                guard outcome.keysIncrease, previous.map({ $0 < outcome.firstKey }) ?? true else { return false }
                previous = outcome.lastKey
            }
            return true
        }
    }

    // MARK: Lines

    /// The newlines of each share of a buffer, counted as it was read: shares `starts[i] ..<
    /// starts[i + 1]` (the last one to the buffer's end) tile the buffer from 0.
    struct NewlineCounts: Sendable {
        var starts: [Int]
        var counts: [Int]

        /// The newlines before `offset`: the shares' counts up to the share boundary nearest to
        /// it, corrected by counting the bytes between the two.
        func before(_ offset: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Int {
            var share = 0
            while share + 1 < starts.count && starts[share + 1] <= offset { share += 1 }
            let below = counts[..<share].reduce(0, +)
            let next = share + 1 < starts.count ? starts[share + 1] : buffer.count
            if offset - starts[share] <= next - offset {
                return below + countNewlines(buffer, starts[share]..<offset)
            }
            return below + counts[share] - countNewlines(buffer, offset..<next)
        }

        /// `countLines(buffer, range)`, from the counts.
        func lines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            guard !range.isEmpty else { return 0 }
            let newlines = before(range.upperBound, buffer) - before(range.lowerBound, buffer)
            return newlines + (buffer[range.upperBound - 1] == 0x0A ? 0 : 1)
        }
    }

    static func nextNewline(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count else { return buffer.count }
        let base = buffer.baseAddress! + start
        guard let found = memchr(base, 0x0A, buffer.count - start) else { return buffer.count }
        return start + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
    }

    /// Lines in `range` that hold a record: every newline-terminated line, plus a last line
    /// without a newline. An empty last line (the file ends with a newline) is none.
    static func countLines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        return countNewlines(buffer, range) + (buffer[range.upperBound - 1] == 0x0A ? 0 : 1)
    }

    /// The newlines in `range`: 64 bytes at a time with AVX2 where the reader uses its kernel
    /// (`dibao_newlines_avx2`, three times as fast here), then sixteen at a time: each lane of a
    /// vector compare is all ones (255) where a byte is a newline, so subtracting the compare
    /// counts newlines per lane; the lanes are summed every 255 steps, before one can wrap.
    static func countNewlines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        var count = 0
        var position = range.lowerBound
        if LineParser.usesKernel {
            var found = 0
            position += dibao_newlines_avx2(buffer.baseAddress! + position, range.count, &found)
            count = found
        }
        while position + 16 <= range.upperBound {
            var lanes = SIMD16<UInt8>(repeating: 0)
            var steps = 0
            while steps < 255, position + 16 <= range.upperBound {
                let bytes = raw.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(bytes .== newline, to: SIMD16<UInt8>.self)
                position += 16
                steps += 1
            }
            count += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while position < range.upperBound {
            if buffer[position] == 0x0A { count += 1 }
            position += 1
        }
        return count
    }

    // MARK: Duplicate ids

    /// Sorts a copy of the household keys; equal neighbours are duplicates, reported with the
    /// lines of both. Ids that are not numbers are keyed by a hash, so equal hashes are confirmed
    /// by comparing the id text itself before they are reported.
    static func checkDuplicateIDs(
        _ population: inout HouseholdPopulation, buffer: UnsafeBufferPointer<UInt8>, bodyStart: Int, idColumn: Int, file: String
    ) throws(ScenarioFileError) {
        var keys = Array(population.householdKey)
        keys.sort()
        for index in keys.indices.dropFirst() where keys[index] == keys[index - 1] && (index < 2 || keys[index - 2] != keys[index]) {
            let rows = population.householdKey.indices.filter { population.householdKey[$0] == keys[index] }
            for (position, later) in rows.enumerated().dropFirst() {
                let earlier =
                    keys[index] >> 63 == 0
                    ? rows[0]
                    : rows[..<position].first {
                        idText(buffer, bodyStart, row: $0, column: idColumn) == idText(buffer, bodyStart, row: later, column: idColumn)
                    }
                if let earlier {
                    throw ScenarioFileError(
                        SourceLocation(file: file, line: later + 2), key: "household_id",
                        "household_id repeats the id on line \(earlier + 2); every household needs its own id")
                }
            }
        }
    }

    /// The text of field `column` on record `row` (rare path: scans the lines from the start).
    static func idText(_ buffer: UnsafeBufferPointer<UInt8>, _ bodyStart: Int, row: Int, column: Int) -> String {
        var start = bodyStart
        for _ in 0..<row { start = min(nextNewline(buffer, from: start) + 1, buffer.count) }
        var end = nextNewline(buffer, from: start)
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let fields = buffer[start..<end].split(separator: 0x2C, omittingEmptySubsequences: false)
        return column < fields.count ? String(decoding: fields[column], as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
    }
}
