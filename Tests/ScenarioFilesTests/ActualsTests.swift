import Foundation
import PolicyModel
import RunLayer
import Testing

@testable import ScenarioFiles

/// The ledger of recorded figures (实际数): targets of recorded years judged on it, the rest on
/// the projection; read from a scenario's `actuals:` section or from a CSV as Excel saves it.
@Suite("Actual against plan")
struct ActualsTests {
    /// A standard of 4,000 元 in 2019 growing 10% a year (4,400 in 2020) and a floor of 4,100 in
    /// 2019 and 4,300 in 2020.
    func scenario(actuals: String) -> String {
        """
        name: ledger
        years: {from: 2019, to: 2020}
        series:
          standard: {unit: 元/人·年, values: {2019: 4000}, growth: 10%}
          caseload: {unit: 人, values: {2019: 1000}, growth: 0}
          benefit: {unit: 元/人·月, values: {2019: 200}, proportional_to: standard}
        budget: {funding: {central: {share: 50%}, county: residual}}
        targets:
          - {kind: standard_at_least, year: 2019, yuan_per_year: 3900}
          - {kind: standard_at_least, year: 2020, yuan_per_year: 4300}
          - {kind: county_budget_at_most, year: 2019, wan_yuan: 130}
        \(actuals)

        """
    }

    @Test(
        "A recorded year is judged on the ledger (a standard of 3,800 fails 3,900), a projected one on the plan; the county's recorded spending decides its cap"
    )
    func judgedOnActuals() throws {
        let folder = try ScenarioFolder([
            "s.yaml": scenario(
                actuals: """
                    actuals:
                      reference: 示例台账
                      years:
                        2019: {households: 520, persons: 1010, standard_yuan_per_year: 3800, wan_yuan: {central: 120, county: 125}}
                    """)
        ])
        let projection = try ScenarioRun(loading: folder.file("s.yaml")).project()
        let checks = projection.checks
        // 2019: recorded 3,800 < 3,900 although the plan's 4,000 would pass.
        #expect(checks[0].isRecorded && !checks[0].passed && checks[0].actual == 3800)
        // 2020: not recorded; the plan's 4,000 × 1.1 = 4,400 ≥ 4,300.
        #expect(!checks[1].isRecorded && checks[1].passed && abs(checks[1].actual - 4400) < 1e-9)
        // The plan's county share in 2019 is 1,000 × 200 × 12 × 0.5 = 1,200,000 元; the ledger's 1,250,000 元 (125 万元).
        #expect(checks[2].isRecorded && checks[2].actual == 1_250_000 && checks[2].passed)
        #expect(projection.figures(for: 2019)?.budget?.county == Yuan(1_200_000))
        #expect(projection.figures(for: 2019)?.actual?.persons == 1010 && projection.figures(for: 2020)?.actual == nil)
    }

    @Test("A ledger CSV saved by Excel (byte-order mark, Chinese headings, CRLF, 万元, townships) reads exactly")
    func ledgerCSV() throws {
        let text = "\u{FEFF}年份,乡镇,户数,人数,农村人口,低保标准（元/年）,县级(万元),中央(元)\r\n2019,,520,1010,,3800,125,1200000\r\n2019,城关镇,100,200,8000,,20.5,\r\n"
        let folder = try ScenarioFolder(["ledger.csv": text])
        let ledger = try ActualsCSV.load(folder.file("ledger.csv"))
        let county = try #require(ledger.years[2019])
        #expect(county.households == 520 && county.persons == 1010 && county.standard == YuanPerPersonYear(3800))
        #expect(county.paid[.county] == Yuan(1_250_000) && county.paid[.central] == Yuan(1_200_000))
        #expect(county.total == Yuan(2_450_000))
        let township = try #require(ledger.townships[2019]?.first)
        #expect(township.township == "城关镇" && township.record.population == 8000 && township.record.paid[.county] == Yuan(205_000))
    }

    @Test(
        "Ledger mistakes name the file, line, column and year",
        arguments: [
            ("年份,人口数\n2019,5\n", "unknown column '人口数'", 1),
            ("年份,人数\n2019,一千\n", "'一千' is not a number", 2),
            ("年份,人数\n2019,5\n2019,6\n", "recorded twice", 3),
            ("人数\n5\n", "needs a year column", 1),
            ("年份,人数\n20x9,5\n", "is not a year", 2),
        ])
    func ledgerMistakes(text: String, message: String, line: Int) throws {
        let folder = try ScenarioFolder(["bad.csv": text])
        do {
            _ = try ActualsCSV.load(folder.file("bad.csv"))
            Issue.record("\(text) should be refused")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.location.line == line && error.location.file.hasSuffix("bad.csv"), "\(error)")
        }
    }

    @Test("A recorded year outside the span, or a negative figure, is refused at its key")
    func actualsProblems() throws {
        let outside = try ScenarioFolder(["s.yaml": scenario(actuals: "actuals: {years: {2015: {persons: 1}}}")])
        let error = try #require(outside.error(loading: "s.yaml"))
        #expect(error.key == "actuals.2015" && error.message.contains("outside"), "\(error)")
        let negative = try ScenarioFolder(["s.yaml": scenario(actuals: "actuals: {years: {2019: {persons: -1}}}")])
        let second = try #require(negative.error(loading: "s.yaml"))
        #expect(second.key == "actuals.2019.persons" && second.year == 2019, "\(second)")
    }
}

@Suite("Township targets")
struct TownshipTargetTests {
    /// Two townships in 2019: 100 of 5,000 (2%) and 150 of 3,000 (5%): the highest is 5%.
    static let townships = """
        actuals:
          townships:
            2019:
              城关镇: {persons: 100, population: 5000}
              石狮乡: {persons: 150, population: 3000}
        """

    func scenario(_ target: String, actuals: String = townships) -> String {
        """
        name: towns
        years: {from: 2019, to: 2020}
        series:
          caseload: {unit: 人, values: {2019: 250}, growth: 0}
        targets:
          - \(target)
        \(actuals)

        """
    }

    @Test("township_coverage_at_most takes the highest coverage: 150 / 3000 = 5% meets 5% and fails 4.9%")
    func highest() throws {
        for (limit, met) in [("5%", true), ("4.9%", false)] {
            let folder = try ScenarioFolder(["t.yaml": scenario("{kind: township_coverage_at_most, year: 2019, at_most: \(limit)}")])
            let check = try #require(try ScenarioRun(loading: folder.file("t.yaml")).project().checks.first)
            #expect(abs(check.actual - 0.05) < 1e-15 && check.passed == met, "\(limit)")
        }
    }

    @Test("Without township records for the year the target names, it is an error at the target, exit 2")
    func needsRecords() throws {
        let folder = try ScenarioFolder(["t.yaml": scenario("{kind: township_coverage_at_most, year: 2020, at_most: 5%}")])
        let error = try #require(folder.error(loading: "t.yaml"))
        #expect(error.key == "targets[0]" && error.year == 2020 && error.message.contains("township records"), "\(error)")
    }
}

/// What a first-time user types: Excel's quoted numbers, a Chinese input method's full-width
/// digits and colon, a year the scenario does not cover, a limit without its unit.
@Suite("Inputs as a first-time user types them")
struct FirstUserInputTests {
    @Test("Excel's quoted \"9,950\" and a doubled quote in a ledger read as written")
    func quotedFields() throws {
        #expect(ActualsCSV.fields("2019,\"9,950\",\"a \"\"b\"\"\", x ") == ["2019", "9,950", "a \"b\"", "x"])
        let folder = try ScenarioFolder(["l.csv": "\u{FEFF}年份,户数,人数\r\n2019,\"9,950\",\"19,900\"\r\n"])
        let ledger = try ActualsCSV.load(folder.file("l.csv"))
        #expect(ledger.years[2019]?.households == 9950 && ledger.years[2019]?.persons == 19900)
    }

    @Test("Full-width digits and percent (６％, －２％, ６３００) read as 6%, −2% and 6300")
    func fullWidth() throws {
        let text =
            minimalScenario
            .replacingOccurrences(of: "growth: 0.06}", with: "growth: ６％}")
            .replacingOccurrences(of: "growth: -0.03}", with: "growth: －３％}")
            .replacingOccurrences(of: "2018: 4260}", with: "2018: ４２６０}")
        let folder = try ScenarioFolder(["f.yaml": text])
        let scenario = try ScenarioLoader.load(folder.file("f.yaml")).scenario
        #expect(scenario.series[.povertyLine]?.growth == 0.06 && scenario.series[.caseload]?.growth == -0.03)
        #expect(scenario.series[.standard]?.values[2018] == 4260)
    }

    @Test(
        "A Chinese colon is named in the YAML error; an effective month outside the years is refused; a limit without its key suggests 万元")
    func messages() throws {
        let colon = try ScenarioFolder(["c.yaml": minimalScenario.replacingOccurrences(of: "name: minimal", with: "name：minimal\ntitle: x")]
        )
        let error = try #require(colon.error(loading: "c.yaml"))
        #expect(error.message.contains("Chinese colon"), "\(error)")
        let month = try ScenarioFolder([
            "m.yaml": minimalScenario.replacingOccurrences(of: "  months: 12\n", with: "  months: 12\n  effective_month: {2028: 7}\n")
        ])
        let outside = try #require(month.error(loading: "m.yaml"))
        #expect(outside.key == "budget.effective_month.2028" && outside.message.contains("outside"), "\(outside)")
        let limit = try ScenarioFolder([
            "l.yaml": minimalScenario.replacingOccurrences(
                of: "  - {kind: margin_above_poverty_line, year: 2018, at_least: 0.20}",
                with: "  - {kind: county_budget_at_most, year: 2018}")
        ])
        let missing = try #require(limit.error(loading: "l.yaml"))
        #expect(missing.message.contains("wan_yuan: 1500"), "\(missing)")
    }
}
