import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Testing

/// A file reports all its problems in one run; every accepted key is read; a variant that
/// changes a series but keeps what its parent says of it is warned about.
@Suite("Every problem at once, and provenance")
struct AllProblemsTests {
    @Test("Five mistakes in one file are five errors in one run, in line order, each with its line and key")
    func fiveMistakes() throws {
        let text =
            minimalScenario
            .replacingOccurrences(of: "  standard:\n", with: "  stanard:\n")
            .replacingOccurrences(of: "values: {2014: 2800}", with: "values: {2014: -2800}")
            .replacingOccurrences(of: "central: 0.5", with: "centrl: 0.5")
            .replacingOccurrences(
                of: "at_least: 0.20}", with: "at_least: 0.20}\n  - {kind: standard_at_least, year: 2030, yuan_per_year: 1}")
            + "titel: misspelt\n"
        let folder = try ScenarioFolder(["five.yaml": text])
        let errors = try #require(folder.errors(loading: "five.yaml")).errors
        #expect(errors.map(\.key) == ["series.stanard", "budget.funding_shares.centrl", "titel"], "\(errors)")
        let lines = errors.compactMap(\.location.line)
        #expect(lines == lines.sorted())

        // With the file's keys fixed, the model's checks report every remaining problem together.
        let second = text.replacingOccurrences(of: "  stanard:\n", with: "  standard:\n")
            .replacingOccurrences(of: "centrl: 0.5", with: "central: 0.5").replacingOccurrences(of: "titel:", with: "title:")
        let folder2 = try ScenarioFolder(["five.yaml": second])
        let remaining = try #require(folder2.errors(loading: "five.yaml")).errors
        #expect(remaining.map(\.key) == ["series.poverty_line.values.2014", "targets[1].year"], "\(remaining)")
    }

    @Test("At most 20 problems are listed; the rest are counted")
    func limit() throws {
        let targets = (0..<30).map { "  - {kind: standard_at_least, year: \(2030 + $0), yuan_per_year: 1}" }.joined(separator: "\n")
        let folder = try ScenarioFolder(["many.yaml": minimalScenario + targets + "\n"])
        let errors = try #require(folder.errors(loading: "many.yaml"))
        #expect(errors.errors.count == 20)
        #expect(errors.omitted == 10)
        #expect(errors.lines.last?.contains("10 more") == true)
    }

    @Test("Every key of every bundled scenario is read by the decoder")
    func noUnreadKeys() throws {
        for file in try ScenarioLoader.scenarioFiles(in: [bundledScenarios]) {
            let loaded = try ScenarioLoader.load(file)
            #expect(loaded.unreadKeys.isEmpty, "\(file): \(loaded.unreadKeys)")
        }
    }

    @Test("The provenance of the microsimulation, uncertainty and transitions sections reaches the model")
    func provenanceKept() throws {
        let household = try ScenarioLoader.load(bundledScenarios + "/microsimulation-plan.yaml").scenario
        // Written in both languages: the Chinese is the text, its English is kept beside it.
        let reference = try #require(household.microsimulation?.reference)
        #expect(reference.contains("合成家庭样本") && household.text(reference, english: true).contains("dibao population"))
        let assumption = try #require(household.microsimulation?.assumption)
        #expect(assumption.hasPrefix("示例") && household.text(assumption, english: true).contains("illustrative"))
        let uncertain = try ScenarioLoader.load(bundledScenarios + "/uncertain-poverty-line.yaml").scenario
        #expect(uncertain.uncertainty?.reference != nil || uncertain.uncertainty?.assumption != nil)
    }

    @Test("A variant that changes a series but keeps the parent's reference and description is warned about, naming both lines")
    func staleProvenance() throws {
        let parent = minimalScenario.replacingOccurrences(of: "name: minimal\n", with: "name: minimal\ndescription: the plan\n")
            .replacingOccurrences(
                of: "values: {2014: 2800}, growth: 0.06}", with: "values: {2014: 2800}, growth: 0.06, reference: published}")
        let child = "extends: parent.yaml\nname: faster\nseries:\n  poverty_line: {growth: 0.08}\n"
        let folder = try ScenarioFolder(["parent.yaml": parent, "child.yaml": child])
        let loaded = try ScenarioLoader.load(folder.file("child.yaml"))
        #expect(loaded.warnings.count == 2)
        let series = try #require(loaded.warnings.first { $0.key == "series.poverty_line" })
        #expect(series.location == SourceLocation(file: folder.file("child.yaml"), line: 4, column: 3))
        #expect(series.message.contains(folder.file("parent.yaml") + ":8"))
        let description = try #require(loaded.warnings.first { $0.key == "description" })
        #expect(description.message.contains(folder.file("parent.yaml") + ":2"))

        let documented =
            "extends: parent.yaml\nname: faster\ndescription: the plan with a faster line\nseries:\n  poverty_line: {growth: 0.08, reference: the line of 2014, assumption: eight percent}\n"
        let documentedFolder = try ScenarioFolder(["parent.yaml": parent, "child.yaml": documented])
        #expect(try ScenarioLoader.load(documentedFolder.file("child.yaml")).warnings.isEmpty)
    }
}

/// Rates, amounts and units as people write them.
@Suite("Inputs as people write them")
struct PercentageTests {
    @Test("14.4% is read as 0.144 exactly, 8 % and ８％ too, wherever a rate goes; 8x% is an error naming the key")
    func percentages() throws {
        let text =
            minimalScenario
            .replacingOccurrences(of: "growth: 0.06}", with: "growth: 14.4%}")
            .replacingOccurrences(
                of: "central: 0.5, provincial: 0.3, county: 0.2",
                with: "central: 50 %, provincial: 30%, county: ２０％".replacingOccurrences(of: "２０", with: "20")
            )
            .replacingOccurrences(of: "at_least: 0.20}", with: "at_least: 20%}")
        let folder = try ScenarioFolder(["p.yaml": text])
        let scenario = try ScenarioLoader.load(folder.file("p.yaml")).scenario
        #expect(scenario.series[.povertyLine]?.growth == 0.144)
        #expect(scenario.budget?.funding.sources[.central] == .share(.constant(0.5)))
        #expect(scenario.budget?.funding.sources[.county] == .share(.constant(0.2)))
        #expect(scenario.targets[0].number("at_least") == 0.2)
        let bad = try ScenarioFolder(["b.yaml": minimalScenario.replacingOccurrences(of: "growth: 0.06}", with: "growth: 8x%}")])
        let error = try #require(bad.error(loading: "b.yaml"))
        #expect(error.key == "series.poverty_line.growth" && error.message.contains("8%"))
    }

    @Test("Units in Chinese (元/人·年, 元/人·月, 人) and amounts in 万元 (wan_yuan: 1000 is 10,000,000 元) read as the English ones")
    func chineseUnitsAndWanYuan() throws {
        let text =
            minimalScenario
            .replacingOccurrences(of: "unit: yuan/person/year\n", with: "unit: 元/人·年\n")
            .replacingOccurrences(of: "benefit: {unit: yuan/person/month", with: "benefit: {unit: 元/人·月")
            .replacingOccurrences(of: "caseload: {unit: persons", with: "caseload: {unit: 人")
            .replacingOccurrences(
                of: "  months: 12\n", with: "  months: 12\n  staff: {recipients_per_worker: 400, wan_yuan_per_worker_year: 3.6}\n")
            + "  - {kind: county_budget_at_most, year: 2018, wan_yuan: 1000}\n"
        let folder = try ScenarioFolder(["c.yaml": text])
        let scenario = try ScenarioLoader.load(folder.file("c.yaml")).scenario
        #expect(scenario.series[.standard]?.unit == .yuanPerPersonYear)
        #expect(scenario.series[.benefit]?.unit == .yuanPerPersonMonth)
        #expect(scenario.series[.caseload]?.unit == .persons)
        #expect(scenario.budget?.staffing?.costPerWorkerYear == Yuan(36_000))
        #expect(scenario.targets[1].number("yuan") == 10_000_000)
        let both = try ScenarioFolder(["b.yaml": minimalScenario + "  - {kind: county_budget_at_most, year: 2018, yuan: 1, wan_yuan: 1}\n"])
        #expect(try #require(both.error(loading: "b.yaml")).message.contains("not both"))
    }
}
