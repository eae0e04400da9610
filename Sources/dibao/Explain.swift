import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles

/// `dibao explain FILE FIGURE YEAR`: why a figure is what it is, down to the scenario's inputs.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how one figure of one year follows from the scenario's inputs (e.g. county_yuan 2020).",
        discussion: "FIGURE is a key of `dibao run --format json`: "
            // A closure, not a key path: a key path is built at run time, and this is read at every start.
            + Figure.allCases.map { $0.rawValue }.joined(separator: ", ") + ".\n\n" + ExitStatus.tableWithoutTargets)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Argument(help: "The figure, e.g. county_yuan.")
    var figure: String

    @Argument(help: "The year.")
    var year: Int

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    func run() throws {
        guard let figure = Figure(rawValue: figure) else {
            let hint = closestKey(to: figure, among: Figure.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
            throw UsageError("no figure '\(figure)'\(hint)")
        }
        let run = try loadRun(file, overrides: set.overrides, threads: threads.count)
        let projection = try run.project()
        guard projection.scenario.span.contains(year) else {
            throw UsageError("\(year) is outside the scenario's years \(projection.scenario.span.first)–\(projection.scenario.span.last)")
        }
        guard let derivation = projection.derivation(of: figure, in: year) else {
            throw UsageError("the scenario has no \(figure.rawValue) in \(year) (it does not define what the figure needs)")
        }
        let locate: DerivationOutput.Locate = { keyPath in run.loaded.location(of: keyPath).description }
        switch format {
        case .text:
            print(DerivationOutput.text(derivation, scenario: run.scenario, locate: locate, language: language.lang), terminator: "")
        case .json: print(DerivationOutput.json(derivation, scenario: run.scenario, locate: locate).rendered())
        }
    }
}
