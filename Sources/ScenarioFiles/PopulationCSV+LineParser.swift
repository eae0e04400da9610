import PolicyModel

extension PopulationCSV {
    /// Parses a run of lines into the columns, with no allocation per line. Each line is first
    /// read by a fast path that knows only plain fields (digits, one decimal point, names already
    /// seen); anything else (spaces, signs, exponents, long numbers, new names, every error) sends
    /// that one line through `storeLine`, which reads it field by field and names the line and
    /// column of an error. Both store the same values: the fast path gives up rather than guess.
    struct LineParser {
        let buffer: UnsafeBufferPointer<UInt8>
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

        private func error(_ line: Int, _ column: Int, _ message: String) -> ScenarioFileError {
            ScenarioFileError(
                SourceLocation(file: file, line: line, column: nil), key: layout.names[column],
                "column \(column + 1) (\(layout.names[column])): \(message)")
        }

        mutating func parse(_ range: Range<Int>, firstRecord: Int, firstLine: Int) throws(ScenarioFileError) {
            var position = range.lowerBound
            var record = firstRecord
            let roles = layout.roles
            try roles.withUnsafeBufferPointer { roles throws(ScenarioFileError) in
                while position < range.upperBound {
                    let next = fastLine(at: position, end: range.upperBound, record: record, roles: roles)
                    position = try next >= 0 ? next : storeLine(at: position, record: record, line: firstLine + record - firstRecord)
                    let key = pointers.key[record]
                    if isEmpty { firstKey = key } else if key <= lastKey { keysIncrease = false }
                    isEmpty = false
                    lastKey = key
                    record += 1
                }
            }
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
                    pointers.size[record] = Double(value)
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
                        pointers.key[record] = value
                    } else {
                        stop = Self.fieldEnd(base, position, end)
                        guard stop > position, base[position] != 0x20, base[stop - 1] > 0x20 else { return -1 }
                        let field = UnsafeBufferPointer(start: base + position, count: stop - position)
                        pointers.key[record] = PopulationCSV.parseWholeNumber(field) ?? PopulationCSV.hashedID(field)
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
        private static func smallNumber(_ base: UnsafePointer<UInt8>, _ stop: inout Int, _ end: Int) -> Int {
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
            var column = 0
            var start = position
            while true {
                var stop = start
                while stop < end && base[stop] != 0x2C { stop += 1 }
                guard column < fieldCount else {
                    throw ScenarioFileError(
                        SourceLocation(file: file, line: line),
                        "line \(line) has more fields than the header's \(fieldCount)")
                }
                try store(UnsafeBufferPointer(start: base + start, count: stop - start), column: column, record: record, line: line)
                column += 1
                if stop >= end { break }
                start = stop + 1
            }
            guard column == fieldCount else {
                let truncated = hasNewline ? "" : " (a truncated last line?)"
                throw ScenarioFileError(
                    SourceLocation(file: file, line: line),
                    "line \(line) has \(column) fields, the header has \(fieldCount)\(truncated)")
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
                pointers.size[record] = Double(value)
            case .id:
                guard !field.isEmpty else { throw error(line, column, "the household id is empty") }
                pointers.key[record] = PopulationCSV.parseWholeNumber(field) ?? PopulationCSV.hashedID(field)
            case .township:
                guard !field.isEmpty else { throw error(line, column, "the township is empty") }
                guard let index = interners.townships.number(of: field) else { throw error(line, column, "too many townships") }
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
                guard let index = interners.categories.number(of: field) else { throw error(line, column, "too many categories") }
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
