import ArgumentParser
import Foundation
import Reports
import ScenarioFiles
import Simulation

/// `dibao report FILE|DIR ...`: the annual target report (HTML with charts, Markdown, CSV, JSON).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the annual target report for scenario files (a directory means its *.yaml files).")

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Option(help: "The report year (default: the last year of the first scenario).")
    var year: Int?

    @Option(help: "The folder to write (replaced as a whole).")
    var out: String = "reports"

    @Option(help: "Language: zh or en.")
    var lang: Reports.Language = .zh

    @Option(help: "Monte Carlo draws for scenarios with an uncertainty section.")
    var draws: Int = 10_000

    @Option(help: "Seed of the Monte Carlo draws (fixed, so that reports are reproducible).")
    var seed: UInt64 = 1

    func run() throws {
        let scenarios = try ScenarioLoader.scenarioFiles(in: paths).map { file in
            let loaded = try ScenarioLoader.load(file)
            let threads = ProcessInfo.processInfo.activeProcessorCount
            let projection = try ScenarioRunner.project(loaded, threads: threads)
            let uncertainty =
                loaded.scenario.uncertainty == nil
                ? nil : try ScenarioRunner.monteCarlo(loaded, projection, draws: max(1, draws), seed: seed, threads: threads)
            return ReportScenario(projection: projection, files: loaded.files, uncertainty: uncertainty)
        }
        if let year, !scenarios.contains(where: { $0.projection.scenario.span.contains(year) }) {
            throw ValidationError("--year \(year) is outside the years of every scenario given")
        }
        let report = AnnualReport(scenarios: scenarios, year: year, language: lang)
        let files = report.files()
        try OutputFolder.replace(out, with: files, marker: "report.json")
        for scenario in scenarios {
            print(CheckListing.scenarioLine(scenario.projection, language: lang))
        }
        print(
            lang == .zh
                ? "已写入 \(out)/：\(files.count) 个文件，报告年份 \(report.year)" : "wrote \(out)/: \(files.count) files, report year \(report.year)")
    }
}
