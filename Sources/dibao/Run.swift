import ArgumentParser
import Foundation
import Reports
import ScenarioFiles
import Simulation

/// `dibao run FILE`: the year-by-year projection and every target's result.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project one scenario year by year and check its targets.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Language of the table: zh or en.")
    var lang: Reports.Language = .en

    enum Breakdown: String, ExpressibleByArgument { case township }

    @Option(help: "Break the microsimulation down: township.")
    var by: Breakdown?

    @Option(help: "Threads for the microsimulation (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Monte Carlo draws over the scenario's uncertainty section.")
    var draws: Int?

    @Option(help: "Seed of the Monte Carlo draws.")
    var seed: UInt64 = 1

    func run() throws {
        let loaded = try ScenarioLoader.load(file)
        let projection = try ScenarioRunner.project(loaded, byTownship: by == .township, threads: max(1, threads))
        var uncertainty: MonteCarloResult?
        if let draws {
            guard draws >= 1 else { throw ValidationError("--draws must be at least 1") }
            let bar = ProgressBar(total: draws)
            uncertainty = try ScenarioRunner.monteCarlo(loaded, projection, draws: draws, seed: seed, threads: threads) { bar.advance($0) }
            bar.finish()
        }
        switch format {
        case .table:
            print(ProjectionTable.rendered(projection, language: lang), terminator: "")
            if let uncertainty {
                print("\n" + UncertaintyOutput.table(uncertainty, checks: projection.checks, language: lang), terminator: "")
            }
        case .json:
            print(ProjectionJSON.document(projection, uncertainty: uncertainty).rendered())
        case .csv: print(ProjectionCSV.table(projection).rendered(), terminator: "")
        }
    }
}

extension Reports.Language: ExpressibleByArgument {}
