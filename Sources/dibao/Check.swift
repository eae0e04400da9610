import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles

/// `dibao check FILE|DIR ...`: every target of every scenario, one line each. Every file is
/// read: bad files are listed with all their problems, and the others are still checked.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the targets of scenario files (a directory means its *.yaml files).", discussion: ExitStatus.table)

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Option(help: "Also write a JUnit XML report to this path.")
    var junit: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    @Option(help: "Monte Carlo draws for scenarios with an uncertainty section: judges probability_at_least targets.")
    var draws: Int?

    @Option(help: "Seed of the Monte Carlo draws.")
    var seed: UInt64 = 1

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
    }

    func run() throws {
        let batch = ScenarioBatch(paths, overrides: set.overrides, threads: threads.count)
        var projections: [Projection] = []
        var files: [String] = []
        var failures = batch.failures
        for (file, run) in batch.runs {
            do {
                let projection = try judgingProbabilities(
                    try run.project(), run: run, draws: draws, seed: seed, language: language.lang
                ).projection
                print("\(file) — \(projection.scenario.name)")
                print(CheckListing.lines(for: projection, language: language.lang).joined(separator: "\n"))
                projections.append(projection)
                files.append(file)
            } catch {
                failures.append(ScenarioFileErrors(error))
            }
        }
        if !projections.isEmpty { print(CheckListing.summary(projections, language: language.lang)) }
        printFailures(failures)
        if !failures.isEmpty { throw ExitCode(ExitStatus.badInput) }
        if let junit {
            try OutputFile.write(JUnitReport.xml(projections, files: files), to: junit)
        }
        if !projections.allSatisfy(\.isAsExpected) { throw ExitCode(ExitStatus.unexpectedOutcome) }
    }
}
