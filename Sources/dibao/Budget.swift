import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation
import Workbooks

/// `dibao budget FILE --year Y`: how much each level must appropriate, and how sure it can be.
struct Budget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "The budget of one year by funding level: deterministic, Monte Carlo mean, and the amount enough at a confidence level.",
        discussion: ExitStatus.tableWithoutTargets)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "The budget year.")
    var year: Int

    @Option(name: .customLong("confidence"), help: "The confidence level, from 0.5 to 0.999 (0.9 or 90%).")
    var confidenceLevel: Fraction = Fraction(0.9)

    var confidence: Double { confidenceLevel.value }

    @Option(help: "Monte Carlo draws over the scenario's uncertainty section (none: the deterministic amounts only).")
    var draws: Int?

    @Option(help: "Seed of the Monte Carlo draws.")
    var seed: UInt64 = 1

    @Option(help: "Output format: table, json, csv, or xlsx (an Excel workbook; needs --out).")
    var format: Format = .table

    @Option(help: "The file to write (with --format xlsx).")
    var out: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    func validate() throws {
        guard confidence.isFinite, (0.5...0.999).contains(confidence) else {
            throw ValidationError("--confidence must be from 0.5 to 0.999, not \(confidence)")
        }
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx writes a file: give --out FILE.xlsx") }
    }

    func run() throws {
        let run = try loadRun(file, overrides: set.overrides, threads: threads.count)
        let projection = try run.project()
        guard projection.scenario.span.contains(year) else {
            throw UsageError("\(year) is outside the scenario's years \(projection.scenario.span.first)–\(projection.scenario.span.last)")
        }
        guard projection.figures(for: year)?.budget != nil else {
            throw UsageError("\(file) has no budget section (or no caseload and benefit) to budget from")
        }
        var monteCarlo: MonteCarloResult?
        if let draws {
            let bar = ProgressBar(total: draws)
            monteCarlo = try run.monteCarlo(projection, draws: draws, seed: seed, keep: ConfidenceBudget.keptFigures) { bar.advance($0) }
            bar.finish()
        }
        let budget = ConfidenceBudget(projection: projection, year: year, confidence: confidence, monteCarlo: monteCarlo)
        switch format {
        case .table: print(BudgetOutput.table(budget, scenario: projection.scenario, language: language.lang), terminator: "")
        case .json: print(BudgetOutput.json(budget, scenario: projection.scenario).rendered())
        case .csv: print(BudgetOutput.csv(budget).rendered(), terminator: "")
        case .xlsx:
            let lang = language.lang
            try write(ProjectionWorkbook.workbook(budget, projection: projection, language: lang), to: out!, language: lang)
        }
    }
}
