import Foundation
import PolicyModel
import Testing

@testable import ScenarioFiles

/// The reader's path for the usual columns (`household_id,township,size,income_per_capita`, in
/// that order), which reads ids and incomes 8 bytes at a time: the same values and errors as the
/// path that every other column order takes.
@Suite("Population CSV, the usual columns")
struct PopulationCSVUsualColumnsTests {
    static let header = PopulationCSVFastPathTests.header

    func parse(_ text: String, threads: Int) -> Result<HouseholdPopulation, ScenarioFileError> {
        PopulationCSVFastPathTests().parse(text, threads: threads)
    }

    /// The word of `bytes` (at most 8), first byte lowest, padded with `pad`.
    static func word(_ bytes: [UInt8], pad: UInt8) -> UInt64 {
        (bytes + [UInt8](repeating: pad, count: 8 - bytes.count)).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    @Test("Digits are counted and read 8 bytes at a time as one by one, whatever byte follows them")
    func eightDigitsAtATime() {
        var random = PopulationCSVFastPathTests.SplitMix(state: 12)
        // '/' and ':' are the bytes on either side of the digits; 0xB0 and 0xBA become 0x80 and
        // 0x8A when xored with '0'; 0xC6 wraps when 0x76 is added.
        let followers: [UInt8] = [0x00, 0x0A, 0x0D, 0x2C, 0x2E, 0x2F, 0x3A, 0x41, 0x7F, 0x80, 0xB0, 0xB9, 0xBA, 0xC6, 0xFF]
        for count in 0...8 {
            for follower in followers {
                for _ in 0..<50 {
                    let digits = (0..<count).map { _ in UInt8.random(in: 0x30...0x39, using: &random) }
                    let rest = (count..<8).map { $0 == count ? follower : UInt8.random(in: 0...255, using: &random) }
                    let word = Self.word(digits + rest, pad: 0)
                    #expect(PopulationCSV.LineParser.digitCount(word) == count, "\(digits + rest)")
                    guard count > 0 else { continue }
                    let expected = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
                    #expect(PopulationCSV.LineParser.digitsValue(word, count) == expected, "\(digits + rest)")
                }
            }
        }
        // By hand: "12345678" is 12,345,678; "5198.12\n" starts with 4 digits, 5198.
        #expect(PopulationCSV.LineParser.digitsValue(Self.word(Array("12345678".utf8), pad: 0), 8) == 12_345_678)
        let income = Self.word(Array("5198.12\n".utf8), pad: 0)
        #expect(PopulationCSV.LineParser.digitCount(income) == 4 && PopulationCSV.LineParser.digitsValue(income, 4) == 5198)
    }

    static let byHandIncomes = [
        "5198.12", "0.5", "1234567.1234567", ".25", "12345678.5", "5.", "12345.67", "123.4567", "1.234567", "0.0000001",
    ]

    @Test("Usual lines by hand: ids of 8, 18 and 19 digits, townships up to 999, sizes to 100, CRLF, no final newline")
    func byHand() throws {
        let text =
            Self.header + "12345678,1,1,5198.12\r\n123456789012345678,999,100,0.5\n"
            + "1234567890123456789,1000,4,1234567.1234567\n7,20,3,.25\n8,20,2,12345678.5\n9,1,2,5."
            + "\n10,1,2,12345.67\n11,1,2,123.4567\n12,1,2,1.234567\n13,1,2,0.0000001"
        let population = try parse(text, threads: 1).get()
        let hashed = Array("1234567890123456789".utf8).withUnsafeBufferPointer { PopulationCSV.hashedID($0) }
        let keys: [UInt64] = [12_345_678, 123_456_789_012_345_678, hashed, 7, 8, 9, 10, 11, 12, 13]
        #expect(Array(population.householdKey) == keys)
        #expect(population.townships == ["1", "20", "999", "1000"])
        #expect(population.township == [0, 2, 3, 1, 1, 0, 0, 0, 0, 0])
        #expect(population.size == [1, 100, 4, 3, 2, 2, 2, 2, 2, 2])
        // 519812 / 100, 5 / 10, 12345671234567 / 10^7, 25 / 100, 12345678.5 (8 digits before
        // the point: the general path), 5 / 1; then 1234567 over 10^2, 10^4 and 10^6, 1 / 10^7.
        let expected: [Double] = [
            519_812.0 / 100, 5.0 / 10, 12_345_671_234_567.0 / 10_000_000, 25.0 / 100, 12_345_678.5, 5, 1_234_567.0 / 100,
            1_234_567.0 / 10_000, 1_234_567.0 / 1_000_000, 1.0 / 10_000_000,
        ]
        #expect(population.incomePerCapita.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(
            population.incomePerCapita.map(\.bitPattern)
                == Self.byHandIncomes.map { Double($0)!.bitPattern })
    }

    /// A random line's four fields: plain ones mostly, with every kind that the usual path
    /// leaves to the general one (long ids and incomes, text, spaces, quotes, leading zeros,
    /// signs, exponents, townships not seen yet).
    static func fields(_ index: Int, _ random: inout PopulationCSVFastPathTests.SplitMix, incomes: [String]) -> [String] {
        let id: String
        switch Int.random(in: 0..<10, using: &random) {
        case 0: id = "h\(index)"
        case 1: id = String(repeating: "0", count: Int.random(in: 0...20, using: &random)) + String(index)
        case 2: id = String(index + 10_000_000_000)
        default: id = String(index)
        }
        let townships = ["1", "7", "20", "999", "1000", "01", "0", "镇A", " 3", "\"q\"", "12345", "3"]
        let sizes = ["1", "4", "100", "007", "12", " 2", "99"]
        return [
            id, townships[Int.random(in: 0..<townships.count, using: &random)], sizes[Int.random(in: 0..<sizes.count, using: &random)],
            incomes[Int.random(in: 0..<incomes.count, using: &random)],
        ]
    }

    @Test("Random files in the usual order read as the same files with their columns in another order")
    func usualAgainstOtherOrder() throws {
        var random = PopulationCSVFastPathTests.SplitMix(state: 2026)
        let incomes = PopulationCSVFastPathTests.tokens(count: 500).filter { !$0.hasPrefix("-") } + ["5198.12", "8113.38", "0.5", "7"]
        let records = (1...3000).map { Self.fields($0, &random, incomes: incomes) }
        let ends = records.map { _ in Bool.random(using: &random) ? "\r\n" : "\n" }
        // Usual order: id, township, size, income; the other: size, income, id, township.
        let usual = Self.header + zip(records, ends).map { $0.joined(separator: ",") + $1 }.joined()
        let other =
            "size,income_per_capita,household_id,township\n"
            + zip(records, ends).map { [$0[2], $0[3], $0[0], $0[1]].joined(separator: ",") + $1 }.joined()
        for finalNewline in [true, false] {
            let usualText = finalNewline ? usual : String(usual.dropLast())
            let otherText = finalNewline ? other : String(other.dropLast())
            let reference = try parse(otherText, threads: 1).get()
            for threads in [1, 2, 3] {
                let population = try parse(usualText, threads: threads).get()
                #expect(population.incomePerCapita.map(\.bitPattern) == reference.incomePerCapita.map(\.bitPattern), "\(threads)")
                #expect(population.householdKey == reference.householdKey && population.size == reference.size)
                #expect(population.township == reference.township && population.townships == reference.townships)
            }
        }
    }

    /// The error of `text`, checked to be the same on 1, 2 and 3 threads.
    func error(_ text: String) throws -> ScenarioFileError {
        guard case .failure(let error) = parse(text, threads: 1) else { throw ScenarioFileError(SourceLocation(file: "t.csv"), "no error") }
        for threads in [2, 3] {
            guard case .failure(let other) = parse(text, threads: threads) else {
                Issue.record("no error on \(threads) threads")
                continue
            }
            #expect(other == error, "\(threads) threads")
        }
        return error
    }

    @Test("Errors name the same line, column and text as before: at the very end, in a quoted field, in every column")
    func errors() throws {
        let body = (1...200).map { "\($0),\($0 % 20 + 1),\($0 % 6 + 1),\($0 * 37).\($0 % 100)\n" }.joined()
        // 200 good lines are lines 2 … 201; the bad one is line 202, the file's last, with or
        // without its newline.
        let cases: [(String, String?, String)] = [
            ("201,1,2,12x", "income_per_capita", "column 4 (income_per_capita): '12x' is not a number"),
            ("201,1,2,\"4.5\"", "income_per_capita", "column 4 (income_per_capita): '\"4.5\"' is not a number"),
            ("201,1,2,-4.5", "income_per_capita", "column 4 (income_per_capita): income must not be negative (-4.5)"),
            ("201,1,2,.", "income_per_capita", "column 4 (income_per_capita): '.' is not a number"),
            ("201,1,2,4.5.", "income_per_capita", "column 4 (income_per_capita): '4.5.' is not a number"),
            ("201,1,0,4.5", "size", "column 3 (size): a household has 1 to 100 persons, not 0"),
            ("201,1,101,4.5", "size", "column 3 (size): a household has 1 to 100 persons, not 101"),
            ("201,1,2.5,4.5", "size", "column 3 (size): '2.5' is not a whole number of persons"),
            ("201,,2,4.5", "township", "column 2 (township): the township is empty"),
            (",1,2,4.5", "household_id", "column 1 (household_id): the household id is empty"),
            ("201,1,2,4.5,9", nil, "line 202 has 5 fields, the header has 4"),
        ]
        for (line, key, message) in cases {
            for ending in ["\n", "\r\n", ""] {
                let error = try error(Self.header + body + line + ending)
                #expect(error.location.line == 202 && error.key == key && error.message == message, "\(line)\(ending)")
            }
        }
        // The shape first: not the value that a missing comma moved into another column (2.5 as
        // a size), and a full-width comma, which separates nothing, named as the cause.
        let moved = try error(Self.header + body + "201,1,2.5\n")
        #expect(moved.location.line == 202 && moved.key == nil && moved.message == "line 202 has 3 fields, the header has 4")
        let fullWidth = try error(Self.header + body + "201，1,2,4.5\n")
        #expect(
            fullWidth.location.line == 202
                && fullWidth.message
                    == "line 202 has 3 fields, the header has 4; it holds a full-width comma '，', which does not separate fields: type ',' instead"
        )
        let short = try error(Self.header + body + "201,1,2")
        #expect(short.location.line == 202 && short.message == "line 202 has 3 fields, the header has 4 (a truncated last line?)")
        let shortWithNewline = try error(Self.header + body + "201,1,2\n")
        #expect(shortWithNewline.message == "line 202 has 3 fields, the header has 4")
        let empty = try error(Self.header + body + "\n201,1,2,4.5\n")
        #expect(empty.location.line == 202 && empty.message == "line 202 is empty")
        // A quoted township is a name with its quotes, as before.
        let quoted = try parse(Self.header + "1,\"2\",3,4.5\n", threads: 1).get()
        #expect(quoted.townships == ["\"2\""])
    }

    @Test("A bad value on each line around the split between two threads names its own line")
    func errorAtSplit() throws {
        // 1000 lines of 16 bytes: the body's middle falls on a line's first byte.
        let lines = PopulationCSVFastPathTests.body(lines: 1000, width: 16).split(separator: "\n").map(String.init)
        for bad in 495..<506 {
            var broken = lines
            broken[bad] = String(broken[bad].dropLast()) + "x"
            let error = try error(Self.header + broken.joined(separator: "\n") + "\n")
            // Record `bad` (from 0) is on line bad + 2.
            #expect(error.location.line == bad + 2 && error.key == "income_per_capita", "\(bad)")
            #expect(error.message == "column 4 (income_per_capita): '\(broken[bad].split(separator: ",")[3])' is not a number")
        }
    }
}
