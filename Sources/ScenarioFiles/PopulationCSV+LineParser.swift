import MicrosimKernels
import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PopulationCSV {
    /// Parses a run of lines into the columns, with no allocation per line. Each line is first
    /// read by a fast path that knows only plain fields (digits, one decimal point, names already
    /// seen); anything else (spaces, signs, exponents, long numbers, new names, every error) sends
    /// that one line through `storeLine`, which reads it field by field and names the line and
    /// column of an error. Both store the same values: the fast path gives up rather than guess.
    struct LineParser {
        /// The text the positions index: the whole file, or the piece of it being read.
        var buffer: UnsafeBufferPointer<UInt8>
        let layout: Layout
        let pointers: Pointers
        let file: String
        var interners: Interners
        /// 10^0 … 10^22, exact (`PopulationCSV.powersOfTen`), kept here out of the hot loop's way.
        let powersOfTen = PopulationCSV.powersOfTen
        /// Whether every household key of the run is greater than the one before it (then the
        /// run has no repeated id), and its first and last keys.
        var keysIncrease = true
        var firstKey: UInt64 = 0
        var lastKey: UInt64 = 0
        var isEmpty = true
        /// The record after the last one `parse` stored.
        var nextRecord = 0

        private func error(_ line: Int, _ column: Int, _ message: String) -> ScenarioFileError {
            ScenarioFileError(
                SourceLocation(file: file, line: line, column: nil), key: layout.names[column],
                "column \(column + 1) (\(layout.names[column])): \(message)")
        }

        /// Parses the lines of `range` into records `firstRecord` … (the first on line
        /// `firstLine`), at most up to record `limit`; returns where it stopped (`range`'s end
        /// unless the limit came first). Called again for the next run of lines, it goes on
        /// with the same names and key order.
        @discardableResult
        mutating func parse(_ range: Range<Int>, firstRecord: Int, firstLine: Int, limit: Int = .max) throws(ScenarioFileError) -> Int {
            if layout.isUsual { return try parseUsual(range, firstRecord: firstRecord, firstLine: firstLine, limit: limit) }
            return try parseGeneral(range, firstRecord: firstRecord, firstLine: firstLine, limit: limit)
        }

        /// `parse` for any columns: each line through `fastLine`, then `storeLine` if need be.
        private mutating func parseGeneral(_ range: Range<Int>, firstRecord: Int, firstLine: Int, limit: Int) throws(ScenarioFileError)
            -> Int
        {
            var position = range.lowerBound
            var record = firstRecord
            let roles = layout.roles
            try roles.withUnsafeBufferPointer { roles throws(ScenarioFileError) in
                while position < range.upperBound && record < limit {
                    let next = fastLine(at: position, end: range.upperBound, record: record, roles: roles)
                    position = try next >= 0 ? next : storeLine(at: position, record: record, line: firstLine + record - firstRecord)
                    let key = pointers.key(of: record)
                    if isEmpty { firstKey = key } else if key <= lastKey { keysIncrease = false }
                    isEmpty = false
                    lastKey = key
                    record += 1
                }
            }
            nextRecord = record
            return position
        }

        // MARK: The usual columns

        /// `parse` for the usual file, `household_id,township,size,income_per_capita` in that
        /// order: runs of lines go through the AVX2 kernel where the CPU has it
        /// (`dibao_usual_lines_avx2`, which reads a subset of what `usualLine` reads, with the
        /// same values); each line it leaves first goes through `usualLine`, then, if that steps
        /// aside, through `fastLine` and `storeLine` as any other file's.
        private mutating func parseUsual(_ range: Range<Int>, firstRecord: Int, firstLine: Int, limit: Int) throws(ScenarioFileError)
            -> Int
        {
            let base = buffer.baseAddress!
            let end = range.upperBound
            // The last position an 8-byte load may start at.
            let loadLimit = buffer.count - 8
            var position = range.lowerBound
            var record = firstRecord
            if isEmpty && position < end && record < limit {
                // The first record of all: it has no key before it.
                position = try parseGeneral(position..<end, firstRecord: record, firstLine: firstLine, limit: record + 1)
                record += 1
            }
            var keysIncrease = self.keysIncrease
            var lastKey = self.lastKey
            defer {
                self.lastKey = lastKey
                self.keysIncrease = keysIncrease
            }
            let columns = pointers
            // The township numbers of small numbers, taken again after each line that the general
            // path reads (which may add a township).
            var townships = interners.townships.bySmallNumber
            try layout.roles.withUnsafeBufferPointer { roles throws(ScenarioFileError) in
                try powersOfTen.withUnsafeBufferPointer { powers throws(ScenarioFileError) in
                    try Self.integerPowersOfTen.withUnsafeBufferPointer { integerPowers throws(ScenarioFileError) in
                        while position < end && record < limit {
                            if Self.usesKernel {
                                // As many lines as the AVX2 kernel takes; the one it did not, below.
                                var cursor = DibaoUsualCursor(
                                    position: position, record: record, last_key: lastKey, keys_increase: keysIncrease ? 1 : 0)
                                townships.withUnsafeBufferPointer {
                                    _ = dibao_usual_lines_avx2(
                                        base, buffer.count, end, limit, $0.baseAddress, powers.baseAddress,
                                        DibaoUsualColumns(
                                            key: columns.key, township: columns.township, size: columns.size, income: columns.income,
                                            key_origin: columns.keyOrigin),
                                        &cursor)
                                }
                                position = cursor.position
                                record = cursor.record
                                lastKey = cursor.last_key
                                keysIncrease = cursor.keys_increase != 0
                                guard position < end && record < limit else { break }
                            }
                            var next =
                                position <= loadLimit
                                ? townships.withUnsafeBufferPointer {
                                    Self.usualLine(
                                        base, at: position, end: end, record: record, loadLimit: loadLimit, townships: $0, powers: powers,
                                        integerPowers: integerPowers, columns: columns)
                                } : -1
                            if next < 0 {
                                next = fastLine(at: position, end: end, record: record, roles: roles)
                                if next < 0 { next = try storeLine(at: position, record: record, line: firstLine + record - firstRecord) }
                                townships = interners.townships.bySmallNumber
                            }
                            let key = columns.key(of: record)
                            if key <= lastKey { keysIncrease = false }
                            lastKey = key
                            position = next
                            record += 1
                        }
                    }
                }
            }
            nextRecord = record
            return position
        }

        /// Stores the usual line at `start` (at most `loadLimit`) and returns where the next one
        /// starts, or -1 when it is anything but digits and at most one decimal point: an id of 1
        /// to 18 digits, a township of 1 to 3 digits already seen (`townships`, the interner's
        /// `bySmallNumber`), a size of 1 to 100 without a leading zero, an income of at most 7
        /// digits before and 7 after the point, LF or CRLF. Ids and incomes are read 8 bytes at a
        /// time, with the same values as `fastLine`: the income is m / 10^f, m < 10^14 < 2^53
        /// (`plainDecimal`'s exact division).
        @inline(__always)
        private static func usualLine(
            _ base: UnsafePointer<UInt8>, at start: Int, end: Int, record: Int, loadLimit: Int, townships: UnsafeBufferPointer<Int32>,
            powers: UnsafeBufferPointer<Double>, integerPowers: UnsafeBufferPointer<UInt64>, columns: Pointers
        ) -> Int {
            // household_id
            var word = Self.word(base, start)
            var digits = Self.digitCount(word)
            guard digits > 0 else { return -1 }
            var key = Self.digitsValue(word, digits)
            var stop = start &+ digits
            if digits == 8 {
                while stop < end, stop &- start < 18 {
                    let digit = base[stop] &- 0x30
                    guard digit < 10 else { break }
                    key = key &* 10 &+ UInt64(digit)
                    stop &+= 1
                }
            }
            guard stop < end, base[stop] == 0x2C else { return -1 }

            // township and size, within the next 8 bytes ("12,4,"): a township of 1 to 3 digits
            // already seen (no leading zero unless it is 0), a size of 1 to 100 (none).
            var position = stop &+ 1
            guard position <= loadLimit else { return -1 }
            word = Self.word(base, position)
            let townshipDigits = Self.digitCount(word)
            guard townshipDigits > 0, townshipDigits < 4, (word >> UInt64(8 &* townshipDigits)) & 0xFF == 0x2C,
                word & 0xFF != 0x30 || townshipDigits == 1
            else { return -1 }
            let index = townships[Int(truncatingIfNeeded: Self.digitsValue(word, townshipDigits))]
            guard index >= 0 else { return -1 }
            // The bytes after the township's comma; the top ones are zeros, which are not digits.
            let rest = word >> UInt64(8 &* (townshipDigits &+ 1))
            let sizeDigits = Self.digitCount(rest)
            guard sizeDigits > 0, townshipDigits &+ sizeDigits < 7, (rest >> UInt64(8 &* sizeDigits)) & 0xFF == 0x2C, rest & 0xFF != 0x30
            else { return -1 }
            let size = Self.digitsValue(rest, sizeDigits)
            guard size <= 100 else { return -1 }
            stop = position &+ townshipDigits &+ sizeDigits &+ 1

            // income_per_capita
            position = stop &+ 1
            guard position <= loadLimit else { return -1 }
            word = Self.word(base, position)
            digits = Self.digitCount(word)
            guard digits < 8 else { return -1 }
            var mantissa = digits > 0 ? Self.digitsValue(word, digits) : 0
            stop = position &+ digits
            var fractionDigits = 0
            if base[stop] == 0x2E {
                let fraction = stop &+ 1
                guard fraction <= loadLimit else { return -1 }
                word = Self.word(base, fraction)
                fractionDigits = Self.digitCount(word)
                guard fractionDigits < 8 else { return -1 }
                if fractionDigits > 0 {
                    mantissa = mantissa &* integerPowers[fractionDigits] &+ Self.digitsValue(word, fractionDigits)
                }
                stop = fraction &+ fractionDigits
            }
            guard digits &+ fractionDigits > 0, stop < end else { return -1 }
            let next: Int
            if base[stop] == 0x0A {
                next = stop &+ 1
            } else if base[stop] == 0x0D, stop &+ 1 < end, base[stop &+ 1] == 0x0A {
                next = stop &+ 2
            } else {
                return -1
            }
            columns.store(key: key, of: record)
            columns.township[record] = UInt16(truncatingIfNeeded: index)
            columns.size[record] = UInt8(truncatingIfNeeded: size)
            // m < 10^14: Int64 converts it exactly, as UInt64 would, in one instruction.
            columns.income[record] = Double(Int64(bitPattern: mantissa)) / powers[fractionDigits]
            return next
        }

        /// Whether `parseUsual` hands runs of usual lines to the AVX2 kernel
        /// (`dibao_usual_lines_avx2`, the same values as `usualLine`): where the CPU has AVX2,
        /// unless `DIBAO_READER_PORTABLE` is set (tests of the portable path).
        static let usesKernel = dibao_usual_lines_available() != 0 && getenv("DIBAO_READER_PORTABLE") == nil

        /// 10^0 … 10^7 as whole numbers.
        static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000]

        /// The 8 bytes at `base + at`, the first in the lowest byte.
        @inline(__always)
        static func word(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
        }

        /// How many of the bytes of `word` (first byte lowest), from the first, are ASCII digits:
        /// 0 to 8. Each byte is xored with '0' (digits become 0 … 9) and has 0x76 added, which
        /// sets its top bit exactly when it is more than 9; the top bit of the xored byte itself
        /// catches the bytes that the addition wraps. A carry only leaves a byte that is not a
        /// digit, so it never changes the count.
        @inline(__always)
        static func digitCount(_ word: UInt64) -> Int {
            let values = word ^ 0x3030_3030_3030_3030
            let nonDigits = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080
            return nonDigits.trailingZeroBitCount >> 3
        }

        /// The whole number written by the first `count` (1 … 8) bytes of `word`, all digits:
        /// they are moved to the top (the bytes below become leading zeros), then pairs, fours
        /// and the eight are combined by three multiplications.
        @inline(__always)
        static func digitsValue(_ word: UInt64, _ count: Int) -> UInt64 {
            var value = (word & 0x0F0F_0F0F_0F0F_0F0F) &<< UInt64(64 &- 8 &* count)
            value = (value &* 2561) >> 8
            value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
            return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        }

        // MARK: Fast path

        /// Stores the line at `start` and returns where the next one starts, or -1 (having
        /// stored nothing that `storeLine` does not store again) when the line needs the slow path.
        @inline(__always)
        private mutating func fastLine(at start: Int, end: Int, record: Int, roles: UnsafeBufferPointer<Role>) -> Int {
            let base = buffer.baseAddress!
            let last = roles.count - 1
            var position = start
            for column in 0...last {
                var stop: Int
                switch roles[column] {
                case .income:
                    stop = position
                    guard let value = Self.plainDecimal(base, &stop, end, powersOfTen) else { return -1 }
                    pointers.income[record] = value
                case .size:
                    stop = position
                    let value = Self.smallNumber(base, &stop, end)
                    guard stop > position, base[position] != 0x30, value <= 100 else { return -1 }
                    pointers.size[record] = UInt8(value)
                case .id:
                    // Digits (at most 18, as `parseWholeNumber` reads) in one pass; any other id
                    // is hashed as the slow path hashes it.
                    stop = position
                    var value: UInt64 = 0
                    while stop < end, stop &- position < 18 {
                        let digit = base[stop] &- 0x30
                        guard digit < 10 else { break }
                        value = value &* 10 &+ UInt64(digit)
                        stop &+= 1
                    }
                    if stop > position, stop == end || base[stop] == 0x2C || base[stop] == 0x0A || base[stop] == 0x0D {
                        pointers.store(key: value, of: record)
                    } else {
                        stop = Self.fieldEnd(base, position, end)
                        guard stop > position, base[position] != 0x20, base[stop - 1] > 0x20 else { return -1 }
                        let field = UnsafeBufferPointer(start: base + position, count: stop - position)
                        pointers.store(key: PopulationCSV.parseWholeNumber(field) ?? PopulationCSV.hashedID(field), of: record)
                    }
                case .township:
                    stop = position
                    guard let index = Self.seenName(base, &stop, end, last: column == last, interners.townships) else { return -1 }
                    pointers.township[record] = index
                case .weight:
                    stop = position
                    guard let value = Self.plainDecimal(base, &stop, end, powersOfTen), value <= 1_000_000 else { return -1 }
                    pointers.weight![record] = value
                case .registeredPoor:
                    guard position < end, base[position] &- 0x30 < 2 else { return -1 }
                    pointers.registeredPoor![record] = base[position] &- 0x30
                    stop = position + 1
                case .category:
                    stop = position
                    guard let index = Self.seenName(base, &stop, end, last: column == last, interners.categories) else { return -1 }
                    pointers.category![record] = index
                case .ignored:
                    stop = Self.fieldEnd(base, position, end)
                    if column == last, stop > position, base[stop - 1] == 0x0D { stop -= 1 }
                }
                if column < last {
                    guard stop < end, base[stop] == 0x2C else { return -1 }
                    position = stop + 1
                } else {
                    if stop == end { return end }
                    if base[stop] == 0x0A { return stop + 1 }
                    guard base[stop] == 0x0D else { return -1 }
                    if stop + 1 == end { return end }
                    return base[stop + 1] == 0x0A ? stop + 2 : -1
                }
            }
            return -1
        }

        /// Where the field at `start` ends: the next comma or newline, or `end`.
        @inline(__always)
        private static func fieldEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
            var stop = start
            while stop < end, base[stop] != 0x2C, base[stop] != 0x0A { stop += 1 }
            return stop
        }

        /// The value of the one to three digits at `stop` (which moves past them); 0 with `stop`
        /// unmoved when there is no digit.
        @inline(__always)
        static func smallNumber(_ base: UnsafePointer<UInt8>, _ stop: inout Int, _ end: Int) -> Int {
            let start = stop
            var value = 0
            while stop < end, stop - start < 3 {
                let digit = Int(base[stop] &- 0x30)
                guard digit < 10 else { break }
                value = value &* 10 &+ digit
                stop += 1
            }
            return value
        }

        /// The number `interner` gave the name at `stop` (which moves past it): one to three
        /// digits without a leading zero by its table of small numbers, any other name without
        /// spaces around it by its bytes. Nil for a name not seen yet or one that needs trimming.
        @inline(__always)
        private static func seenName(_ base: UnsafePointer<UInt8>, _ stop: inout Int, _ end: Int, last: Bool, _ interner: Interner)
            -> UInt16?
        {
            let start = stop
            let value = smallNumber(base, &stop, end)
            if stop > start, stop == end || base[stop] == 0x2C || base[stop] == 0x0A || base[stop] == 0x0D {
                guard base[start] != 0x30 || stop - start == 1 else { return nil }
                let index = interner.bySmallNumber[value]
                return index >= 0 ? UInt16(truncatingIfNeeded: index) : nil
            }
            stop = fieldEnd(base, start, end)
            if last, stop > start, base[stop - 1] == 0x0D { stop -= 1 }
            guard stop > start, base[start] != 0x20, base[stop - 1] != 0x20 else { return nil }
            return interner.seen(UnsafeBufferPointer(start: base + start, count: stop - start))
        }

        /// Digits with at most one decimal point among them, 19 digits at most, read from `stop`
        /// on: the digits as a whole number m ≤ 2^53 and the f digits after the point give
        /// m / 10^f, one correctly rounded division of two exact doubles (Clinger's fast path), so
        /// the same double as `Double(String)` and `parseDecimal`. Nil for anything else (signs,
        /// exponents, more digits), which `parseDecimal` then reads.
        @inline(__always)
        static func plainDecimal(_ base: UnsafePointer<UInt8>, _ stop: inout Int, _ end: Int, _ powersOfTen: [Double]) -> Double? {
            let start = stop
            var mantissa: UInt64 = 0
            while stop < end {
                let digit = base[stop] &- 0x30
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                stop += 1
            }
            let integerDigits = stop - start
            var fractionDigits = 0
            if stop < end, base[stop] == 0x2E {
                stop += 1
                let fractionStart = stop
                while stop < end {
                    let digit = base[stop] &- 0x30
                    guard digit < 10 else { break }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    stop += 1
                }
                fractionDigits = stop - fractionStart
            }
            let digits = integerDigits + fractionDigits
            guard digits >= 1, digits <= 19, mantissa <= 1 << 53 else { return nil }
            return Double(mantissa) / powersOfTen[fractionDigits]
        }

        // MARK: Slow path

        /// Stores the line at `position` field by field, or throws the error that names its line
        /// and column; returns where the next line starts.
        @inline(never)
        private mutating func storeLine(at position: Int, record: Int, line: Int) throws(ScenarioFileError) -> Int {
            let base = buffer.baseAddress!
            let fieldCount = layout.roles.count
            let newline = PopulationCSV.nextNewline(buffer, from: position)
            let hasNewline = newline < buffer.count
            var end = newline
            if end > position && base[end - 1] == 0x0D { end -= 1 }
            if end == position {
                throw ScenarioFileError(SourceLocation(file: file, line: line), "line \(line) is empty")
            }
            // The line's shape before its values: a line with a field too many or too few is
            // named for that, not for a value that landed in another column.
            let content = UnsafeBufferPointer(start: base + position, count: end - position)
            let fields = content.reduce(1) { $0 + ($1 == 0x2C ? 1 : 0) }
            guard fields == fieldCount else {
                throw ScenarioFileError(
                    SourceLocation(file: file, line: line),
                    CSVHeader.fieldCount(
                        line: line, found: fields, expected: fieldCount, text: String(decoding: content, as: UTF8.self),
                        truncated: fields < fieldCount && !hasNewline))
            }
            var start = position
            for column in 0..<fieldCount {
                var stop = start
                while stop < end && base[stop] != 0x2C { stop += 1 }
                try store(UnsafeBufferPointer(start: base + start, count: stop - start), column: column, record: record, line: line)
                start = stop + 1
            }
            return newline + 1
        }

        private mutating func store(_ raw: UnsafeBufferPointer<UInt8>, column: Int, record: Int, line: Int) throws(ScenarioFileError) {
            let field = trimmed(raw)
            switch layout.roles[column] {
            case .income:
                guard let value = PopulationCSV.parseDecimal(field) else { throw error(line, column, "'\(text(field))' is not a number") }
                guard value >= 0 else { throw error(line, column, "income must not be negative (\(text(field)))") }
                pointers.income[record] = value
            case .size:
                guard let value = PopulationCSV.parseWholeNumber(field) else {
                    throw error(line, column, "'\(text(field))' is not a whole number of persons")
                }
                guard value >= 1, value <= 100 else { throw error(line, column, "a household has 1 to 100 persons, not \(value)") }
                pointers.size[record] = UInt8(value)
            case .id:
                guard !field.isEmpty else { throw error(line, column, "the household id is empty") }
                pointers.store(key: PopulationCSV.parseWholeNumber(field) ?? PopulationCSV.hashedID(field), of: record)
            case .township:
                guard !field.isEmpty else { throw error(line, column, "the township is empty") }
                guard let index = interners.townships.number(of: field) else {
                    throw PopulationCSV.tooManyNames(in: "township", file: file)
                }
                pointers.township[record] = index
            case .weight:
                guard let value = PopulationCSV.parseDecimal(field) else { throw error(line, column, "'\(text(field))' is not a number") }
                guard value >= 0, value <= 1_000_000 else {
                    throw error(line, column, "a weight must be from 0 to 1,000,000 households, not \(text(field))")
                }
                pointers.weight![record] = value
            case .registeredPoor:
                guard field.count == 1, field[0] == 0x30 || field[0] == 0x31 else {
                    throw error(line, column, "registered_poor must be 0 or 1, not '\(text(field))'")
                }
                pointers.registeredPoor![record] = field[0] &- 0x30
            case .category:
                guard let index = interners.categories.number(of: field) else {
                    throw PopulationCSV.tooManyNames(in: "category", file: file)
                }
                pointers.category![record] = index
            case .ignored:
                break
            }
        }

        private func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            var start = 0
            var end = field.count
            while start < end && field[start] == 0x20 { start += 1 }
            while end > start && field[end - 1] == 0x20 { end -= 1 }
            return UnsafeBufferPointer(rebasing: field[start..<end])
        }

        private func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
            String(decoding: field.prefix(40), as: UTF8.self)
        }
    }
}
