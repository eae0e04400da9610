import Foundation
import PolicyModel
import RunLayer
import Testing

@testable import ScenarioFiles

@Suite("Population CSV")
struct PopulationCSVTests {
    func load(_ text: String, threads: Int = 2) throws -> HouseholdPopulation {
        let folder = try ScenarioFolder(["households.csv": text])
        return try PopulationCSV.load(folder.file("households.csv"), threads: threads)
    }

    func error(_ text: String, threads: Int = 2) throws -> ScenarioFileError {
        let folder = try ScenarioFolder(["households.csv": text])
        do {
            _ = try PopulationCSV.load(folder.file("households.csv"), threads: threads)
            Issue.record("expected an error")
            return ScenarioFileError(SourceLocation(file: ""), "")
        } catch {
            #expect(error.location.file == folder.file("households.csv"))
            return error
        }
    }

    @Test("Headers in any order, optional columns, Chinese township names")
    func anyOrder() throws {
        let population = try load(
            "income_per_capita,size,weight,township,household_id,registered_poor,category,village\n"
                + "1000.5,2,10,东乡,7,1,A,村一\n2000,3,20,西乡,8,0,B,村二\n")
        #expect(population.count == 2)
        #expect(population.incomePerCapita == [1000.5, 2000])
        #expect(population.size == [2, 3])
        #expect(population.weight == [10, 20])
        #expect(population.registeredPoor == [1, 0])
        #expect(population.townships.sorted() == ["东乡", "西乡"])
        #expect(population.township.map { population.townships[Int($0)] } == ["东乡", "西乡"])
        #expect(population.category.map { $0.map { population.categories[Int($0)] } } == ["A", "B"])
    }

    @Test("A byte-order mark, CRLF line ends and a missing final newline are all fine")
    func byteOrderMarkAndCRLF() throws {
        let population = try load("\u{FEFF}household_id,township,size,income_per_capita\r\n1,1,2,100\r\n2,2,1,200")
        #expect(population.incomePerCapita == [100, 200])
    }

    @Test("Numeric townships sort as numbers: 2 before 10")
    func numericTownships() throws {
        let population = try load("household_id,township,size,income_per_capita\n1,10,1,1\n2,2,1,1\n")
        #expect(population.townships == ["2", "10"])
    }

    @Test("Reading on one or several threads gives the same population")
    func threads() throws {
        var text = "household_id,township,size,income_per_capita\n"
        for id in 1...5000 { text += "\(id),\(id % 17),\(id % 6 + 1),\(Double(id) * 3.17)\n" }
        let one = try load(text, threads: 1)
        let four = try load(text, threads: 4)
        #expect(one.incomePerCapita == four.incomePerCapita)
        #expect(one.township == four.township && one.townships == four.townships)
        #expect(one.householdKey == four.householdKey)
    }

    @Test("Decimal incomes are read exactly as Double(String) reads them")
    func decimals() throws {
        let values = ["0.1", "1234.56", "99999999.99", "3.14159265358979", "1e3", "12345678901234567890.5", "007.50"]
        var text = "household_id,township,size,income_per_capita\n"
        for (index, value) in values.enumerated() { text += "\(index),1,1,\(value)\n" }
        #expect(try load(text).incomePerCapita == values.map { Double($0)! })
    }

    @Test("A missing column is named", arguments: ["household_id", "township", "size", "income_per_capita"])
    func missingColumn(column: String) throws {
        let header = ["household_id", "township", "size", "income_per_capita"].filter { $0 != column }.joined(separator: ",")
        let error = try error(header + "\n")
        #expect(error.message.contains("missing column '\(column)'"))
        #expect(error.location.line == 1)
    }

    @Test("A non-numeric income names line and column")
    func nonNumeric() throws {
        let error = try error("household_id,township,size,income_per_capita\n1,1,2,100\n2,1,2,abc\n")
        #expect(error.location.line == 3)
        #expect(error.message.contains("column 4 (income_per_capita)"))
    }

    @Test("A negative income is refused")
    func negative() throws {
        #expect(try error("household_id,township,size,income_per_capita\n1,1,2,-5\n").message.contains("negative"))
    }

    @Test("Size 0 is refused, and so is a fractional size")
    func sizeZero() throws {
        #expect(try error("household_id,township,size,income_per_capita\n1,1,0,5\n").message.contains("1 to 100 persons"))
        #expect(try error("household_id,township,size,income_per_capita\n1,1,2.5,5\n").message.contains("whole number"))
    }

    @Test("A duplicate household id names both lines")
    func duplicateID() throws {
        let error = try error("household_id,township,size,income_per_capita\n7,1,1,5\n8,1,1,5\n7,1,1,5\n")
        #expect(error.location.line == 4)
        #expect(error.message.contains("line 2"))
    }

    @Test("Text ids work, and duplicates among them are found")
    func textIDs() throws {
        #expect(try load("household_id,township,size,income_per_capita\nH-1,1,1,5\nH-2,1,1,5\n").count == 2)
        #expect(try error("household_id,township,size,income_per_capita\nH-1,1,1,5\nH-1,1,1,5\n").location.line == 3)
    }

    @Test("An empty file, and a header with no households, are refused")
    func empty() throws {
        #expect(try error("").message.contains("empty"))
        #expect(try error("household_id,township,size,income_per_capita\n").message.contains("no households"))
    }

    @Test("A truncated last line is refused with its line number")
    func truncated() throws {
        let error = try error("household_id,township,size,income_per_capita\n1,1,2,100\n2,1")
        #expect(error.location.line == 3)
        #expect(error.message.contains("truncated"))
    }

    @Test("A line with too many fields, or an empty line, is refused")
    func fieldCounts() throws {
        #expect(try error("household_id,township,size,income_per_capita\n1,1,2,100,9\n").location.line == 2)
        #expect(try error("household_id,township,size,income_per_capita\n1,1,2,100\n\n2,1,1,1\n").message.contains("empty"))
    }

    @Test("registered_poor must be 0 or 1")
    func registeredPoor() throws {
        #expect(try error("household_id,township,size,income_per_capita,registered_poor\n1,1,2,100,yes\n").message.contains("0 or 1"))
    }
}

/// The fast reader: its number parser against `Double(String)`, and splits of the file between
/// threads that must never change a value or an error.
@Suite("Population CSV, fast path")
struct PopulationCSVFastPathTests {
    static let header = "household_id,township,size,income_per_capita\n"

    /// A small counter-based generator (SplitMix64), so that the random tokens are the same on
    /// every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random decimal tokens of 1 to 24 digits with the point anywhere or nowhere (leading
    /// zeros, `.5`, `5.` included), then numbers at the edges of the fast path: 2^53 ± 1,
    /// 19 and 20 digits, 22 and 23 decimals, exponents, a sign, halfway cases.
    static func tokens(count: Int) -> [String] {
        var random = SplitMix(state: 2017)
        var tokens: [String] = []
        for _ in 0..<count {
            let digits = (0..<Int.random(in: 1...24, using: &random)).map { _ in String(Int.random(in: 0...9, using: &random)) }
            var token = digits.joined()
            let point = Int.random(in: 0...(token.count + 3), using: &random)
            if point <= token.count { token.insert(".", at: token.index(token.startIndex, offsetBy: point)) }
            tokens.append(token)
        }
        return tokens + [
            "0", "0.0", "00.00", "1", "9", "0.1", "0.2", "0.3", "1234.56", "8765.43", "99999999.99", "5.", ".5",
            "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740992.5", "900719925474099.25",
            "1234567890123456789", "12345678901234567890", "9999999999999999999", "0.0000000000000000000001",
            "0.00000000000000000000001", "1.7976931348623157e308", "4.9e-324", "1e3", "2E-5", "1.5e+2", "+3.5", "-0",
            "0.30000000000000004", "2.2250738585072014e-308", "123456.789e-3", "0000000000000000000000001.5",
            "4503599627370496.5", "4503599627370497.5", "9007199254740993.0", "0.1000000000000000055511151231257827",
        ]
    }

    @Test("The fast number parser gives Double(String)'s double for every decimal token it takes, and so does the reader")
    func numberParser() throws {
        let tokens = Self.tokens(count: 20_000)
        var taken = 0
        for token in tokens {
            let expected = try #require(Double(token), "\(token)")
            let bytes = Array(token.utf8)
            let fast: Double? = bytes.withUnsafeBufferPointer { field in
                var stop = 0
                let value = PopulationCSV.LineParser.plainDecimal(field.baseAddress!, &stop, field.count, PopulationCSV.powersOfTen)
                return stop == field.count ? value : nil
            }
            if let fast {
                #expect(fast.bitPattern == expected.bitPattern, "\(token): \(fast) against \(expected)")
                taken += 1
            }
            let slow = bytes.withUnsafeBufferPointer { PopulationCSV.parseDecimal($0) }
            #expect(slow?.bitPattern == expected.bitPattern, "\(token)")
        }
        // Most random tokens have at most 19 digits and a mantissa within 2^53: the fast path.
        #expect(taken > tokens.count / 2)

        let incomes = tokens.filter { !$0.hasPrefix("-") }
        var text = Self.header
        for (index, token) in incomes.enumerated() { text += "\(index + 1),1,1,\(token)\n" }
        for threads in [1, 2, 3] {
            let population = try text.utf8CString.withUnsafeBufferPointer { chars in
                try chars.withMemoryRebound(to: UInt8.self) {
                    try PopulationCSV.parse(UnsafeBufferPointer(rebasing: $0.dropLast()), file: "t.csv", threads: threads)
                }
            }
            #expect(population.incomePerCapita.map(\.bitPattern) == incomes.map { Double($0)!.bitPattern })
        }
    }

    @Test("The fast path steps aside for spaces, signs, leading zeros and exponents, with the same values as before")
    func unusualFields() throws {
        let population = try PopulationCSVTests().load(
            Self.header + " 1 ,01,002, 100.5 \n2,1,2,+7\n3,1,100,1e3\n004,1,1,0.25\n")
        #expect(population.householdKey == [1, 2, 3, 4])
        #expect(population.size == [2, 2, 100, 1])
        #expect(population.incomePerCapita == [100.5, 7, 1000, 0.25])
        #expect(population.townships == ["1"])
    }

    @Test("Names seen before are found by their bytes: repeated Chinese townships, large numbers, 01 as 1, categories")
    func repeatedNames() throws {
        var text = "household_id,township,size,income_per_capita,category\n"
        let townships = ["东乡", "3601", "西乡", "01", "1", "3601", "东乡", " 西乡 "]
        for (index, township) in townships.enumerated() { text += "\(index + 1),\(township),1,5,\(index % 2 == 0 ? "低保" : "特困")\n" }
        for threads in [1, 2] {
            let population = try PopulationCSVTests().load(text, threads: threads)
            // Numbers first, as numbers (01 is 1), then names: 1, 3601, 东乡, 西乡.
            #expect(population.townships == ["1", "3601", "东乡", "西乡"])
            #expect(population.township == [2, 1, 3, 0, 0, 1, 2, 3])
            #expect(
                population.category.map { $0.map { population.categories[Int($0)] } } == ["低保", "特困", "低保", "特困", "低保", "特困", "低保", "特困"])
        }
    }

    @Test("CRLF after every kind of last column, and a last line without a newline or with a lone CR")
    func lineEnds() throws {
        let tests = PopulationCSVTests()
        let optional = try tests.load(
            "household_id,township,size,weight,category,registered_poor,income_per_capita,village\r\n"
                + "1,1,2,1.5,3,1,100.25,东村\r\n2,2,1,2,3,0,200,\r\n3,2,1,2,3,0,300,西村")
        #expect(optional.incomePerCapita == [100.25, 200, 300])
        #expect(optional.weight == [1.5, 2, 2])
        #expect(optional.registeredPoor == [1, 0, 0])
        for last in ["size", "weight", "registered_poor", "township"] {
            let columns = ["household_id", "township", "size", "income_per_capita", "weight", "registered_poor"].filter { $0 != last }
            let values = [
                "household_id": "7", "township": "3", "size": "4", "income_per_capita": "12.5", "weight": "2", "registered_poor": "1",
            ]
            let line = (columns + [last]).map { values[$0]! }.joined(separator: ",")
            for ending in ["\r\n", "\n", "", "\r"] {
                let population = try tests.load((columns + [last]).joined(separator: ",") + "\r\n" + line + ending)
                #expect(population.size == [4] && population.incomePerCapita == [12.5] && population.weight == [2], "\(last) \(ending)")
                #expect(population.registeredPoor == [1] && population.townships == ["3"] && population.householdKey == [7])
            }
        }
    }

    /// A body of lines all `width` bytes long (with their newline), padded in the id.
    static func body(lines: Int, width: Int, crlf: Bool = false) -> String {
        (1...lines).map { id -> String in
            let rest = ",\(id % 20 + 1),\(id % 6 + 1),\(id * 37 % 10_000).\(id % 100)"
            let end = crlf ? "\r\n" : "\n"
            let pad = max(0, width - rest.utf8.count - end.utf8.count - String(id).utf8.count)
            return String(repeating: "0", count: pad) + String(id) + rest + end
        }.joined()
    }

    /// The population read from `text` on `threads` threads, or the error it gives.
    func parse(_ text: String, threads: Int) -> Result<HouseholdPopulation, ScenarioFileError> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ScenarioFileError) in try PopulationCSV.parse(buffer, file: "t.csv", threads: threads) }
        }
    }

    @Test("Splitting the file between threads at every offset within a line, a newline included, changes nothing")
    func threadBoundaries() throws {
        for crlf in [false, true] {
            for width in [16, 17] {
                #expect(try parse(Self.header + Self.body(lines: 40, width: width, crlf: crlf), threads: 1).get().count == 40)
                // Bytes cut from the end move the split points through every byte of a line (and
                // leave a truncated last line, an error, for some cuts).
                for cut in 0..<(2 * width) {
                    var text = Self.header + Self.body(lines: 40, width: width, crlf: crlf)
                    text.removeLast(cut)
                    let reference = parse(text, threads: 1)
                    for threads in [2, 3, 8] {
                        let split = parse(text, threads: threads)
                        switch (reference, split) {
                        case (.success(let one), .success(let many)):
                            #expect(many.incomePerCapita == one.incomePerCapita, "width \(width), cut \(cut), \(threads) threads")
                            #expect(many.householdKey == one.householdKey && many.township == one.township)
                            #expect(many.size == one.size && many.townships == one.townships)
                        case (.failure(let one), .failure(let many)):
                            #expect(many == one)
                        default:
                            Issue.record("width \(width), cut \(cut), \(threads) threads: \(reference) against \(split)")
                        }
                    }
                }
            }
        }
    }

    @Test("An error in the second thread's part names its line, the same on one thread; the first of two errors wins")
    func errorInSecondPart() throws {
        let tests = PopulationCSVTests()
        var lines = (1...1000).map { "\($0),\($0 % 20 + 1),2,\($0).5" }
        lines[799] = "800,1,2,12x"
        let late = try tests.error(Self.header + lines.joined(separator: "\n") + "\n", threads: 2)
        #expect(late.location.line == 801)
        #expect(late.message == "column 4 (income_per_capita): '12x' is not a number")
        // Each call writes its own folder: compare all but the file's path.
        let alone = try tests.error(Self.header + lines.joined(separator: "\n") + "\n", threads: 1)
        #expect(alone.location.line == late.location.line && alone.message == late.message && alone.key == late.key)
        lines[99] = "100,1,0,5"
        let early = try tests.error(Self.header + lines.joined(separator: "\n") + "\n", threads: 2)
        #expect(early.location.line == 101 && early.message.contains("1 to 100 persons, not 0"))
    }

    @Test("Ids that rise within each thread's part but repeat across parts are found, naming both lines")
    func duplicatesAcrossParts() throws {
        // The second half is two bytes shorter (income 1 instead of 100 on its first line), so
        // that the middle of the body is the first half's last newline: each thread reads ids
        // 1 … 500, rising.
        let first = (1...500).map { "\($0),1,2,\($0 == 1 ? 100 : $0)" }.joined(separator: "\n")
        let second = (1...500).map { "\($0),1,2,\($0)" }.joined(separator: "\n")
        let error = try PopulationCSVTests().error(Self.header + first + "\n" + second + "\n", threads: 2)
        // Line 2 holds id 1; its repeat is record 501, on line 502.
        #expect(error.location.line == 502)
        #expect(error.message == "household_id repeats the id on line 2; every household needs its own id")
    }
}

@Suite("Microsimulation against the reference")
struct MicrosimReferenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test("microsim v1 on 2000 households: counts equal ref_pure.py's, money within 1e-9 relative")
    func matchesReference() throws {
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/microsim-v1.yaml").path
        let loaded = try ScenarioLoader.load(scenario)
        let population = try PopulationCSV.load(Self.fixtures.appendingPathComponent("microsim-v1-2000.csv").path)
        let result = try Microsimulation.run(
            population, rules: loaded.scenario.microsimulation!, series: try SeriesResolver(definitions: loaded.scenario.series),
            span: loaded.scenario.span, threads: 2)
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("microsim-v1-2000.expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(expected.count == result.years.count)
        for (reference, year) in zip(expected, result.years) {
            #expect(reference["year"] as? Int == year.year)
            #expect(reference["eligible_households"] as? Int == Int(year.eligibleHouseholds))
            #expect(reference["eligible_persons"] as? Int == Int(year.eligiblePersons))
            let total = try #require(reference["total_benefit_yuan"] as? Double)
            #expect(abs(year.totalBenefit.yuan - total) <= 1e-9 * total)
            let average = try #require(reference["avg_monthly_benefit_per_person"] as? Double)
            #expect(abs(year.averageMonthlyBenefit!.yuan - average) <= 1e-9 * average)
        }
    }
}

@Suite("Duplicate ids")
struct DuplicateIDTests {
    @Test("Two different text ids are never reported as duplicates, even among many")
    func distinctTextIDs() throws {
        var text = "household_id,township,size,income_per_capita\n"
        for id in 1...20_000 { text += "户-\(id),1,1,5\n" }
        let folder = try ScenarioFolder(["households.csv": text])
        #expect(try PopulationCSV.load(folder.file("households.csv")).count == 20_000)
    }

    @Test("The third of three equal ids is reported against the first")
    func thirdRepeat() throws {
        let folder = try ScenarioFolder(["households.csv": "household_id,township,size,income_per_capita\nA,1,1,5\nB,1,1,5\nA,1,1,5\n"])
        #expect(throws: ScenarioFileError.self) { try PopulationCSV.load(folder.file("households.csv")) }
    }
}

@Suite("History CSV")
struct HistoryCSVTests {
    func error(_ text: String) throws -> ScenarioFileError? {
        let folder = try ScenarioFolder(["h.csv": text])
        do {
            _ = try HistoryCSV.load(folder.file("h.csv"))
            return nil
        } catch {
            return error
        }
    }

    @Test("Gaps are left out of a column; columns keep header order")
    func gaps() throws {
        let folder = try ScenarioFolder(["h.csv": "year,a,b\n2015,1,\n2016,,2\n2017,3,4\n"])
        let history = try HistoryCSV.load(folder.file("h.csv"))
        #expect(history.map(\.column) == ["a", "b"])
        #expect(history[0].points.map(\.year) == [2015, 2017])
        #expect(history[1].points.map(\.value) == [2, 4])
    }

    @Test("Bad histories are refused with the line: no year column, a non-positive value, a repeated year, a short line")
    func bad() throws {
        #expect(try error("when,a\n2015,1\n")?.location.line == 1)
        #expect(try error("year,a\n2015,0\n")?.year == 2015)
        #expect(try error("year,a\n2015,1\n2015,2\n")?.location.line == 3)
        #expect(try error("year,a,b\n2015,1\n")?.location.line == 2)
    }
}
