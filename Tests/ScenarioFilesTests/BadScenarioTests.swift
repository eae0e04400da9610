import Foundation
import ScenarioFiles
import Testing

/// Every mistake a user can make in a scenario file is an error naming the file, line and key.
@Suite("Bad scenario files")
struct BadScenarioTests {
    func error(_ text: String, file: String = "bad.yaml") throws -> ScenarioFileError {
        let folder = try ScenarioFolder([file: text])
        let error = try #require(folder.error(loading: file))
        #expect(error.description.hasPrefix(folder.file(file)))
        return error
    }

    func spliced(_ old: String, _ new: String) throws -> String {
        try #require(minimalScenario.contains(old), "the splice '\(old)' is not in the minimal scenario")
        return minimalScenario.replacingOccurrences(of: old, with: new)
    }

    @Test("Malformed YAML names the line")
    func malformed() throws {
        let error = try error("years: {from: 2016, to: 2018\nseries: {}\n")
        #expect(error.location.line != nil)
        #expect(error.message.contains("malformed YAML"))
    }

    @Test("An unknown key suggests the closest valid one: 'stanard' → 'standard'")
    func unknownSeries() throws {
        let error = try error(try spliced("  standard:\n", "  stanard:\n"))
        #expect(error.message.contains("did you mean 'standard'"))
        #expect(error.location.line == 4)
        #expect(error.key == "series.stanard")
    }

    @Test("An unknown top-level key: 'target' → 'targets'")
    func unknownTopLevel() throws {
        let error = try error(try spliced("targets:", "target:"))
        #expect(error.message.contains("did you mean 'targets'"))
    }

    @Test("An unknown target kind suggests the closest")
    func unknownKind() throws {
        let error = try error(try spliced("kind: margin_above_poverty_line", "kind: margin_above_povertyline"))
        #expect(error.message.contains("did you mean 'margin_above_poverty_line'"))
        #expect(error.location.line == 14)
    }

    @Test("Money without a unit is refused")
    func missingUnit() throws {
        let error = try error(try spliced("    unit: yuan/person/year\n", ""))
        #expect(error.message.contains("missing unit"))
        #expect(error.key == "series.standard.unit")
    }

    @Test("An unknown unit suggests the closest: yuan/person/yr")
    func unknownUnit() throws {
        let error = try error(try spliced("unit: yuan/person/year\n", "unit: yuan/person/yr\n"))
        #expect(error.message.contains("did you mean 'yuan/person/year'"))
    }

    @Test("Negative money names the line, key and year")
    func negativeMoney() throws {
        let error = try error(try spliced("2017: 3660", "2017: -3660"))
        #expect(error.location.line == 6)
        #expect(error.key == "series.standard.values.2017")
        #expect(error.year == 2017)
        #expect(error.description.contains("2017"))
    }

    @Test("Not-a-number and infinite money are refused", arguments: [".nan", ".inf", "-.inf"])
    func nonFinite(value: String) throws {
        let error = try error(try spliced("2018: 4260", "2018: \(value)"))
        #expect(error.year == 2018)
    }

    @Test("Text where a number belongs is refused")
    func notANumber() throws {
        let error = try error(try spliced("2018: 4260", "2018: lots"))
        #expect(error.message.contains("expected a number"))
    }

    @Test("A value key that is not a year is refused")
    func notAYear() throws {
        let error = try error(try spliced("2018: 4260", "twenty: 4260"))
        #expect(error.message.contains("not a year"))
    }

    @Test("Funding shares not summing to 1 are refused at the funding_shares line")
    func shares() throws {
        let error = try error(try spliced("county: 0.2", "county: 0.3"))
        #expect(error.location.line == 12)
        #expect(error.message.contains("sum to more than 100%"))
    }

    @Test("'from' after 'to' is refused")
    func fromAfterTo() throws {
        let error = try error(try spliced("years: {from: 2016, to: 2018}", "years: {from: 2018, to: 2016}"))
        #expect(error.message.contains("'from' is after 'to'"))
        #expect(error.location.line == 2)
    }

    @Test("A target year outside the span is refused at the target's line, naming the year")
    func targetOutsideSpan() throws {
        let error = try error(try spliced("year: 2018, at_least", "year: 2025, at_least"))
        #expect(error.year == 2025)
        #expect(error.location.line == 14)
        #expect(error.description.contains("2025"))
    }

    @Test("A year a series cannot reach is refused naming the series and year")
    func unreachableYear() throws {
        let error = try error(try spliced("values: {2016: 3240, 2017: 3660, 2018: 4260}", "values: {2016: 3240}"))
        #expect(error.year == 2017)
        #expect(error.message.contains("standard"))
        #expect(error.location.line == 6)
    }

    @Test("A key given twice in one mapping is refused")
    func duplicateKey() throws {
        let error = try error(try spliced("  poverty_line:", "  standard: {unit: yuan/person/year, values: {2016: 1}}\n  poverty_line:"))
        #expect(error.message.contains("more than once"))
    }

    @Test("A year given twice, once quoted (2016 and \"2016\"), is the same key given twice")
    func quotedDuplicateYear() throws {
        let error = try error(try spliced("values: {2016: 3240,", "values: {2016: 3240, \"2016\": 3300,"))
        #expect(error.message.contains("more than once"))
        #expect(error.location.line == 6)
    }

    @Test("An empty file is refused")
    func empty() throws {
        #expect(try error("").message.contains("empty"))
    }

    @Test("A file that is a list, not a mapping, is refused")
    func notAMapping() throws {
        #expect(try error("- 1\n- 2\n").message.contains("mapping"))
    }

    @Test("A file that is not UTF-8 is refused")
    func notUTF8() throws {
        let folder = try ScenarioFolder([:])
        _ = FileManager.default.createFile(
            atPath: folder.file("latin1.yaml"), contents: Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF, 0x0A]))
        let error = try #require(folder.error(loading: "latin1.yaml"))
        #expect(error.message.contains("UTF-8"))
    }

    @Test("A huge file is refused before it is parsed")
    func huge() throws {
        let folder = try ScenarioFolder([:])
        let line = "# " + String(repeating: "x", count: 1000) + "\n"
        let text = String(repeating: line, count: ScenarioLoader.maximumFileBytes / line.utf8.count + 1)
        try text.write(toFile: folder.file("huge.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(folder.error(loading: "huge.yaml"))
        #expect(error.message.contains("limited to"))
    }

    @Test("A missing file is refused")
    func missingFile() throws {
        let folder = try ScenarioFolder([:])
        #expect(folder.error(loading: "absent.yaml") != nil)
    }

    @Test("Giving a target both yuan_per_month and yuan_per_year is refused")
    func bothUnits() throws {
        let error = try error(
            try spliced(
                "- {kind: margin_above_poverty_line, year: 2018, at_least: 0.20}",
                "- {kind: benefit_at_least, year: 2018, yuan_per_month: 245, yuan_per_year: 2940}"))
        #expect(error.message.contains("not both"))
    }

    @Test("expect must be pass or fail")
    func badExpect() throws {
        let error = try error(try spliced("at_least: 0.20}", "at_least: 0.20, expect: maybe}"))
        #expect(error.key == "targets[0].expect")
    }

    @Test("A directory with no scenario files is refused")
    func emptyDirectory() throws {
        let folder = try ScenarioFolder([:])
        #expect(throws: ScenarioFileError.self) { try ScenarioLoader.scenarioFiles(in: [folder.path]) }
    }
}

@Suite("Bad microsimulation sections")
struct BadMicrosimulationTests {
    let base = """
        years: {from: 2016, to: 2017}
        series:
          standard: {unit: yuan/person/year, values: {2016: 3240, 2017: 3660}}
          caseload: {unit: persons, values: {2016: 100}, growth: 0}
        microsimulation:
          population: households.csv
          income_base_year: 2016
          income_growth: 0.09
          payment: {rule: gap, floor_share_of_standard: 0.1}

        """

    func error(_ text: String) throws -> ScenarioFileError {
        let folder = try ScenarioFolder(["s.yaml": text, "households.csv": "household_id,township,size,income_per_capita\n1,1,1,100\n"])
        let errors = try #require(folder.errors(loading: "s.yaml")).errors
        return errors.first { ["uncertainty", "caseload_transitions"].contains($0.key?.split(separator: ".").first ?? "") } ?? errors[0]
    }

    @Test("A missing population file names the file")
    func missingFile() throws {
        let error = try error(base.replacingOccurrences(of: "households.csv", with: "nowhere.csv"))
        #expect(error.location.file.hasSuffix("nowhere.csv"))
    }

    @Test("An unknown payment rule, a misspelt key and take-up above 1 are refused")
    func badKeys() throws {
        #expect(try error(base.replacingOccurrences(of: "rule: gap", with: "rule: gapp")).message.contains("'gap' or 'tiers'"))
        #expect(
            try error(base.replacingOccurrences(of: "income_growth:", with: "income_grwth:")).message.contains(
                "did you mean 'income_growth'"))
        #expect(try error(base + "  take_up: 1.5\n").key == "microsimulation.take_up")
    }

    @Test("Driving a series the scenario also defines is refused")
    func drivesDefined() throws {
        let error = try error(base + "  drives: [caseload]\n")
        #expect(error.key == "series.caseload")
        #expect(error.message.contains("null"))
    }
}

@Suite("Bad uncertainty and transitions sections")
struct BadNumericsSectionTests {
    func error(_ extra: String) throws -> ScenarioFileError {
        let folder = try ScenarioFolder([
            "s.yaml": minimalScenario.replacingOccurrences(
                of: "  caseload: {unit: persons, values: {2016: 30000}, growth: -0.03}\n", with: "") + extra
        ])
        let errors = try #require(folder.errors(loading: "s.yaml")).errors
        return errors.first { ["uncertainty", "caseload_transitions"].contains($0.key?.split(separator: ".").first ?? "") } ?? errors[0]
    }

    @Test("An asymmetric correlation matrix is refused at its line")
    func asymmetric() throws {
        let error = try error("uncertainty:\n  growth_sd: {poverty_line: 0.02}\n  correlation: [[1, 0.5], [0.4, 1]]\n")
        #expect(error.key == "uncertainty.correlation")
        #expect(error.location.line == 16)
    }

    @Test("growth_sd for a series without growth is refused")
    func noGrowth() throws {
        let error = try error("uncertainty:\n  growth_sd: {standard: 0.02}\n")
        #expect(error.key == "uncertainty.growth_sd.standard")
    }

    @Test("A transition matrix whose row does not sum to 1 is refused at the matrix")
    func rowSum() throws {
        let error = try error(
            "caseload_transitions:\n  states: [a, b]\n  initial: {a: 10, b: 5}\n  recipients: [a]\n  matrix: [[0.9, 0.2], [0, 1]]\n")
        #expect(error.key == "caseload_transitions.matrix")
        #expect(error.message.contains("sums to"))
        #expect(error.location.line == 18)
    }

    @Test("An unknown state in the initial counts suggests the valid ones")
    func unknownState() throws {
        let error = try error(
            "caseload_transitions:\n  states: [dibao, off]\n  initial: {dibaoo: 10}\n  recipients: [dibao]\n  matrix: [[1, 0], [0, 1]]\n")
        #expect(error.message.contains("did you mean 'dibao'"))
    }
}
