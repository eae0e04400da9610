import ArgumentParser
import Foundation
import Reports
import ScenarioFiles

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

    func run() throws {
        let projection = try ScenarioLoader.project(try ScenarioLoader.load(file), byTownship: by == .township, threads: max(1, threads))
        switch format {
        case .table: print(ProjectionTable.rendered(projection, language: lang), terminator: "")
        case .json: print(ProjectionJSON.document(projection).rendered())
        case .csv: print(ProjectionCSV.table(projection).rendered(), terminator: "")
        }
    }
}

extension Reports.Language: ExpressibleByArgument {}
