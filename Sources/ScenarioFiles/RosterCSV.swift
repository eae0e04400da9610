import Foundation
import PolicyModel

/// Reads a roster (台账): `id_number` and `township` required; `name`, `household_id`, `village`,
/// `size` optional; other columns ignored. RFC 4180 quoting; UTF-8 with or without a byte-order
/// mark; LF or CRLF. Structural problems (a missing column, an empty file, a line with another
/// number of fields, bytes that are not UTF-8, a size that is not a number) are errors naming the
/// line; invalid identity numbers are data, kept (masked) for the comparison to count and list.
/// No error message quotes a field: fields are personal data.
public enum RosterCSV {
    static let required = ["id_number", "township"]
    /// A field longer than this (a name, a village, a township) is refused, and so is a line with
    /// more fields: a roster's fields are short, and a runaway line would fill memory.
    public static let maximumFieldBytes = 4096
    public static let maximumFields = 64

    public static func load(_ path: String) throws(ScenarioFileError) -> [RosterRecord] {
        let bytes = try PopulationCSV.readBytes(path)
        return try bytes.withUnsafeBufferPointer { buffer throws(ScenarioFileError) in try parse(buffer, file: path) }
    }

    /// Loads several rosters at once, one per core; the first error in argument order wins.
    public static func load(_ paths: [String]) throws(ScenarioFileError) -> [[RosterRecord]] {
        let results = concurrentMap(paths.count, threads: paths.count) { index -> Result<[RosterRecord], ScenarioFileError> in
            do throws(ScenarioFileError) { return .success(try load(paths[index])) } catch { return .failure(error) }
        }
        return try results.map { result throws(ScenarioFileError) in try result.get() }
    }

    /// A field: a range of the buffer, and whether it was quoted with doubled quotes inside.
    struct Field {
        var range: Range<Int>
        var hasEscapedQuotes: Bool
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String) throws(ScenarioFileError) -> [RosterRecord] {
        var position = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        guard position < buffer.count else { throw ScenarioFileError(SourceLocation(file: file), "the file is empty") }
        if let bad = firstInvalidUTF8(buffer) {
            let line = 1 + buffer[0..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ScenarioFileError(SourceLocation(file: file, line: line), "line \(line) has bytes that are not UTF-8")
        }
        var line = 1
        var fields: [Field] = []
        try readRecord(buffer, &position, &line, into: &fields, file: file)
        let names = try fields.map { field throws(ScenarioFileError) in try text(buffer, field, line: 1, file: file) }
        let known = ["id_number", "township", "name", "household_id", "village", "size"]
        for name in required where !names.contains(name) {
            throw ScenarioFileError(
                SourceLocation(file: file, line: 1), key: name, CSVHeader.missing(name, in: names, example: "id_number,name,township"))
        }
        for (index, name) in names.enumerated() where known.contains(name) && names[..<index].contains(name) {
            throw ScenarioFileError(
                SourceLocation(file: file, line: 1, column: index + 1), key: name, "column '\(name)' appears twice in the header")
        }
        let column = { (name: String) in names.firstIndex(of: name) }
        let idColumn = column("id_number")!
        let townshipColumn = column("township")!
        let nameColumn = column("name")
        let householdColumn = column("household_id")
        let villageColumn = column("village")
        let sizeColumn = column("size")

        var records: [RosterRecord] = []
        records.reserveCapacity(PopulationCSV.countLines(buffer, position..<buffer.count))
        while position < buffer.count {
            let recordLine = line
            try readRecord(buffer, &position, &line, into: &fields, file: file)
            if fields.count == 1 && fields[0].range.isEmpty {
                if position >= buffer.count { break }
                throw ScenarioFileError(SourceLocation(file: file, line: recordLine), "line \(recordLine) is empty")
            }
            guard fields.count == names.count else {
                let record = fields.first!.range.lowerBound..<fields.last!.range.upperBound
                throw ScenarioFileError(
                    SourceLocation(file: file, line: recordLine),
                    CSVHeader.fieldCount(
                        line: recordLine, found: fields.count, expected: names.count,
                        text: String(decoding: UnsafeBufferPointer(rebasing: buffer[record]), as: UTF8.self)))
            }
            let id = fields[idColumn]
            let parsedID =
                id.hasEscapedQuotes
                ? ResidentID.parse(try text(buffer, id, line: recordLine, file: file))
                : ResidentID.parse(utf8: UnsafeBufferPointer(rebasing: buffer[id.range]))
            var record = RosterRecord(
                line: recordLine, id: parsedID,
                township: try text(buffer, fields[townshipColumn], line: recordLine, file: file))
            if let nameColumn {
                if fields[nameColumn].hasEscapedQuotes {
                    record.setName(try text(buffer, fields[nameColumn], line: recordLine, file: file))
                } else {
                    record.setName(utf8: trimmedBytes(buffer, fields[nameColumn].range))
                }
                record.nameHash = PopulationCSV.hashedID(trimmedBytes(buffer, fields[nameColumn].range))
            }
            if let householdColumn { record.householdID = try optionalText(buffer, fields[householdColumn], recordLine, file) }
            if let villageColumn { record.village = try optionalText(buffer, fields[villageColumn], recordLine, file) }
            if let sizeColumn, !fields[sizeColumn].range.isEmpty {
                let sizeBytes = UnsafeBufferPointer(rebasing: buffer[fields[sizeColumn].range])
                guard let value = PopulationCSV.parseWholeNumber(sizeBytes), value >= 1, value <= 100 else {
                    throw ScenarioFileError(
                        SourceLocation(file: file, line: recordLine), key: "size",
                        "line \(recordLine): size must be a whole number of persons from 1 to 100")
                }
                record.size = Int(value)
            }
            records.append(record)
        }
        guard !records.isEmpty else {
            throw ScenarioFileError(SourceLocation(file: file, line: 2), "the roster has a header but no records")
        }
        return records
    }

    /// Reads one record's fields starting at `position`, leaving it after the record's line end.
    static func readRecord(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ line: inout Int, into fields: inout [Field], file: String
    ) throws(ScenarioFileError) {
        fields.removeAll(keepingCapacity: true)
        let n = buffer.count
        let startLine = line
        while true {
            if position < n && buffer[position] == 0x22 {
                let start = position + 1
                var cursor = start
                var escaped = false
                while true {
                    guard cursor < n else {
                        throw ScenarioFileError(
                            SourceLocation(file: file, line: startLine), "line \(startLine) has a quote that is never closed")
                    }
                    if buffer[cursor] == 0x22 {
                        if cursor + 1 < n && buffer[cursor + 1] == 0x22 {
                            escaped = true
                            cursor += 2
                            continue
                        }
                        break
                    }
                    if buffer[cursor] == 0x0A { line += 1 }
                    cursor += 1
                }
                fields.append(Field(range: start..<cursor, hasEscapedQuotes: escaped))
                position = cursor + 1
            } else {
                let start = position
                while position < n && buffer[position] != 0x2C && buffer[position] != 0x0A { position += 1 }
                var end = position
                if end > start && buffer[end - 1] == 0x0D && (position >= n || buffer[position] == 0x0A) { end -= 1 }
                fields.append(Field(range: start..<end, hasEscapedQuotes: false))
            }
            guard fields.last!.range.count <= maximumFieldBytes, fields.count <= maximumFields else {
                throw ScenarioFileError(
                    SourceLocation(file: file, line: startLine),
                    "line \(startLine) has a field longer than \(maximumFieldBytes) bytes or more than \(maximumFields) fields; is this a roster?"
                )
            }
            if position < n && buffer[position] == 0x2C {
                position += 1
                continue
            }
            if position < n && buffer[position] == 0x0D { position += 1 }
            if position < n && buffer[position] == 0x0A { position += 1 }
            line += 1
            return
        }
    }

    /// The field as text, spaces trimmed (ASCII spaces and tabs, no-break and ideographic spaces),
    /// doubled quotes undone.
    static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ field: Field, line: Int, file: String) throws(ScenarioFileError) -> String {
        let bytes = trimmedBytes(buffer, field.range)
        // The whole file was validated as UTF-8 before parsing.
        let text = String(decoding: bytes, as: UTF8.self)
        return field.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = buffer.count
        while i < n {
            let byte = buffer[i]
            if byte < 0x80 {
                i += 1
                continue
            }
            let length: Int
            let low: UInt8
            let high: UInt8
            switch byte {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return i
            }
            guard i + length <= n, (low...high).contains(buffer[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(buffer[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// The bytes of `range` without surrounding spaces (ASCII spaces and tabs, no-break and
    /// ideographic spaces).
    static func trimmedBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        var start = range.lowerBound
        var end = range.upperBound
        while true {
            if start < end && (buffer[start] == 0x20 || buffer[start] == 0x09) {
                start += 1
            } else if end - start >= 3 && buffer[start] == 0xE3 && buffer[start + 1] == 0x80 && buffer[start + 2] == 0x80 {
                start += 3
            } else if end - start >= 2 && buffer[start] == 0xC2 && buffer[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while true {
            if end > start && (buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09) {
                end -= 1
            } else if end - start >= 3 && buffer[end - 3] == 0xE3 && buffer[end - 2] == 0x80 && buffer[end - 1] == 0x80 {
                end -= 3
            } else if end - start >= 2 && buffer[end - 2] == 0xC2 && buffer[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: buffer[start..<end])
    }

    static func optionalText(_ buffer: UnsafeBufferPointer<UInt8>, _ field: Field, _ line: Int, _ file: String) throws(ScenarioFileError)
        -> String?
    {
        let value = try text(buffer, field, line: line, file: file)
        return value.isEmpty ? nil : value
    }
}
