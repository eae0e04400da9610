import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Testing

@Suite("Population CSV")
struct PopulationCSVTests {
    func load(_ text: String, threads: Int = 2) throws -> HouseholdPopulation {
        let folder = try ScenarioFolder(["households.csv": text])
        return try PopulationCSV.load(folder.file("households.csv"), threads: threads)
    }

    func error(_ text: String) throws -> ScenarioFileError {
        let folder = try ScenarioFolder(["households.csv": text])
        do {
            _ = try PopulationCSV.load(folder.file("households.csv"))
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
