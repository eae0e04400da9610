import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Simulation
import Testing

@Suite("Scenario files")
struct ScenarioLoaderTests {
    @Test("The minimal scenario loads, with its units converted")
    func minimal() throws {
        let folder = try ScenarioFolder(["a.yaml": minimalScenario])
        let projection = try ScenarioRun(loading: folder.file("a.yaml")).project()
        #expect(projection.scenario.name == "minimal")
        #expect(projection.figures(for: 2018)?.benefit == YuanPerPersonMonth(245))
        #expect(projection.figures(for: 2018)?.standard == YuanPerPersonYear(4260))
        #expect(projection.checks.count == 1)
    }

    @Test("Every bundled scenario loads and projects")
    func bundled() throws {
        let files = try ScenarioLoader.scenarioFiles(in: [bundledScenarios])
        #expect(files.count >= 3)
        for file in files {
            let projection = try ScenarioRun(loading: file).project()
            #expect(projection.isAsExpected, "\(file)")
        }
    }

    @Test("A name defaults to the file name")
    func defaultName() throws {
        let folder = try ScenarioFolder(["my-plan.yaml": minimalScenario.replacingOccurrences(of: "name: minimal\n", with: "")])
        #expect(try ScenarioLoader.load(folder.file("my-plan.yaml")).scenario.name == "my-plan")
    }

    @Test("A byte-order mark at the start of the file is ignored")
    func byteOrderMark() throws {
        let folder = try ScenarioFolder(["a.yaml": "\u{FEFF}" + minimalScenario])
        #expect(folder.error(loading: "a.yaml") == nil)
    }
}

@Suite("extends")
struct ExtendsTests {
    @Test("A child's values merge year by year with its parent's; its targets replace the parent's")
    func merge() throws {
        let child = """
            extends: base.yaml
            name: child
            series:
              standard: {values: {2018: 4000}}
            targets:
              - {kind: standard_at_least, year: 2017, yuan_per_year: 3660}
              - {kind: standard_at_least, year: 2018, yuan_per_year: 4000}
            """
        let folder = try ScenarioFolder(["base.yaml": minimalScenario, "child.yaml": child])
        let loaded = try ScenarioLoader.load(folder.file("child.yaml"))
        #expect(loaded.scenario.name == "child")
        #expect(loaded.scenario.series[.standard]?.values == [2016: 3240, 2017: 3660, 2018: 4000])
        #expect(loaded.scenario.series[.standard]?.unit == .yuanPerPersonYear)
        #expect(loaded.scenario.targets.count == 2)
        #expect(loaded.files == [folder.file("child.yaml"), folder.file("base.yaml")])
    }

    @Test("A child's null removes the parent's key: proportional_to replaced by growth")
    func nullRemoves() throws {
        let child = """
            extends: base.yaml
            series:
              benefit: {proportional_to: null, growth: 0.1, values: {2016: 200}}
            """
        let folder = try ScenarioFolder(["base.yaml": minimalScenario, "child.yaml": child])
        let benefit = try ScenarioLoader.load(folder.file("child.yaml")).scenario.series[.benefit]
        #expect(benefit?.proportionalTo == nil)
        #expect(benefit?.growth == 0.1)
        #expect(benefit?.values == [2016: 200, 2018: 245])
    }

    @Test("A child that does not name itself takes its own file name, not its parent's name")
    func childName() throws {
        let folder = try ScenarioFolder(["base.yaml": minimalScenario, "variant.yaml": "extends: base.yaml\n"])
        #expect(try ScenarioLoader.load(folder.file("variant.yaml")).scenario.name == "variant")
    }

    @Test("An extends cycle is an error naming the files")
    func cycle() throws {
        let folder = try ScenarioFolder([
            "a.yaml": "extends: b.yaml\nyears: {from: 2016, to: 2016}\n",
            "b.yaml": "extends: a.yaml\nyears: {from: 2016, to: 2016}\n",
        ])
        let error = try #require(folder.error(loading: "a.yaml"))
        #expect(error.message.contains("cycle"))
        #expect(error.message.contains("a.yaml") && error.message.contains("b.yaml"))
    }

    @Test("extends naming a missing file is an error at the extends line")
    func missingParent() throws {
        let folder = try ScenarioFolder(["a.yaml": "years: {from: 2016, to: 2016}\nextends: nowhere.yaml\n"])
        let error = try #require(folder.error(loading: "a.yaml"))
        #expect(error.location.line == 2)
        #expect(error.message.contains("nowhere.yaml"))
    }

    @Test("An error in the parent names the parent's file")
    func errorInParent() throws {
        let folder = try ScenarioFolder([
            "base.yaml": minimalScenario.replacingOccurrences(of: "2017: 3660", with: "2017: -3660"),
            "child.yaml": "extends: base.yaml\n",
        ])
        let error = try #require(folder.error(loading: "child.yaml"))
        #expect(error.location.file == folder.file("base.yaml"))
        #expect(error.year == 2017)
    }
}
