import PolicyModel

extension PopulationCSV {
    /// Parses a run of lines into the columns, one field at a time, with no allocation per line.
    struct LineParser {
        let buffer: UnsafeBufferPointer<UInt8>
        let layout: Layout
        let pointers: Pointers
        let file: String
        var interners: Interners

        private func error(_ line: Int, _ column: Int, _ message: String) -> ScenarioFileError {
            ScenarioFileError(
                SourceLocation(file: file, line: line, column: nil), key: layout.names[column],
                "column \(column + 1) (\(layout.names[column])): \(message)")
        }

        mutating func parse(_ range: Range<Int>, firstRecord: Int, firstLine: Int) throws(ScenarioFileError) {
            let base = buffer.baseAddress!
            var position = range.lowerBound
            var record = firstRecord
            var line = firstLine
            let fieldCount = layout.roles.count
            while position < range.upperBound {
                var end = PopulationCSV.nextNewline(buffer, from: position)
                let hasNewline = end < buffer.count
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
                record += 1
                line += 1
                position = (hasNewline ? PopulationCSV.nextNewline(buffer, from: position) : buffer.count) + 1
            }
        }

        @inline(__always)
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
