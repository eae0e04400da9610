import ArgumentParser
import Foundation
import PolicyModel
import Reports
import ScenarioFiles
import Simulation

/// `dibao check FILE|DIR ...`: every target of every scenario, one line each; exit 1 when an
/// outcome is not the expected one.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the targets of scenario files (a directory means its *.yaml files).")

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Option(help: "Also write a JUnit XML report to this path.")
    var junit: String?

    @Option(help: "Language of the listing: zh or en.")
    var lang: Reports.Language = .en

    func run() throws {
        let files = try ScenarioLoader.scenarioFiles(in: paths)
        var projections: [Projection] = []
        for file in files {
            let projection = try ScenarioRunner.project(
                try ScenarioLoader.load(file), threads: ProcessInfo.processInfo.activeProcessorCount)
            print("\(file) — \(projection.scenario.name)")
            print(CheckListing.lines(for: projection, language: lang).joined(separator: "\n"))
            projections.append(projection)
        }
        print(CheckListing.summary(projections, language: lang))
        if let junit {
            try OutputFile.write(JUnitReport.xml(projections, files: files), to: junit)
        }
        if !projections.allSatisfy(\.isAsExpected) { throw ExitCode(1) }
    }
}
