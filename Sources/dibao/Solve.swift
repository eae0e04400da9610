import Analyses
import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation

/// Parses `A..B` into a range.
func parseRange(_ text: String) -> ClosedRange<Double>? {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite, low < high else {
        return nil
    }
    return low...high
}

/// `dibao solve FILE --vary KEY [--range A..B]`.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the values of one input (a growth rate or one year's value) for which every target passes.",
        discussion: ExitStatus.table)

    @Argument(help: "The scenario file.")
    var file: String

    @Option(
        help:
            "The input to vary: any number of the scenario file, e.g. series.<name>.growth, series.<name>.values.<year>, budget.funding.city.share, microsimulation.take_up, targets[1].wan_yuan."
    )
    var vary: String

    @Option(help: "The range to search, A..B (default 0..0.5 for a growth rate, 0..2×the value for a value).")
    var range: String?

    @Option(help: "Leave out targets of this kind (repeatable), e.g. average_growth.")
    var skip: [String] = []

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    func run() throws {
        let run = try loadRun(file, overrides: set.overrides, threads: threads.count)
        let skipped = try skippedKinds(skip)
        let input: VariedInput
        switch VariedInput.parse(vary, in: run) {
        case .success(let parsed): input = parsed
        case .failure(let problem): throw UsageError("--vary \(vary): \(problem.message)")
        }
        var searched: ClosedRange<Double>
        if let range {
            guard let parsed = parseRange(range) else { throw UsageError("--range must be A..B with A < B, not '\(range)'") }
            searched = parsed
        } else if case .growth = input.kind {
            searched = 0...0.5
        } else if let current = input.current(in: run.scenario), current > 0 {
            searched = 0...(2 * current)
        } else {
            searched = 0...0.5
        }
        let solver = TargetSolver(run: run, input: input, range: searched, skipping: skipped)
        print(SolveOutput.text(solver.solve(), solver: solver, language: language.lang), terminator: "")
    }
}

/// `dibao sweep FILE --vary KEY=FROM..TO/STEP [--vary ...]`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a grid over one or two inputs: each target's outcome and the key figures.",
        discussion: ExitStatus.table)

    @Argument(help: "The scenario file.")
    var file: String

    @Option(help: "An input and its grid, KEY=FROM..TO/STEP (once or twice).")
    var vary: [String]

    @Option(help: "Also write the grid as CSV to this file.")
    var csv: String?

    @Option(help: "Leave out targets of this kind (repeatable), e.g. average_growth.")
    var skip: [String] = []

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    func run() throws {
        guard (1...2).contains(vary.count) else { throw UsageError("give --vary once or twice") }
        let run = try loadRun(file, overrides: set.overrides, threads: threads.count)
        let skipped = try skippedKinds(skip)
        var axes: [Sweep.Axis] = []
        for text in vary {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let grid = parts.count == 2 ? parts[1].split(separator: "/").map(String.init) : []
            guard parts.count == 2, grid.count == 2, let range = parseRange(grid[0]), let step = Double(grid[1]), step > 0,
                (range.upperBound - range.lowerBound) / step <= 10_000
            else {
                throw UsageError("--vary must be KEY=FROM..TO/STEP with FROM < TO, STEP > 0 and at most 10,000 steps, not '\(text)'")
            }
            switch VariedInput.parse(parts[0], in: run) {
            case .success(let input): axes.append(Sweep.Axis(input: input, from: range.lowerBound, to: range.upperBound, step: step))
            case .failure(let problem): throw UsageError("--vary \(parts[0]): \(problem.message)")
            }
        }
        let runs = axes.reduce(1) { $0 * $1.values.count }
        guard runs <= Sweep.maximumRuns else { throw UsageError("the grid has \(runs) runs; at most 1,000,000") }
        let bytes = Sweep.estimatedBytes(runs: runs, scenario: run.scenario)
        guard bytes <= Sweep.maximumBytes else {
            throw UsageError(
                "the grid's \(runs) runs over \(run.scenario.span.count) years would keep about \(bytes >> 20) MiB of results; at most \(Sweep.maximumBytes >> 20) MiB: use fewer steps"
            )
        }
        let table = SolveOutput.sweepTable(Sweep(run: run, axes: axes, skipping: skipped), scenario: run.scenario, language: language.lang)
        print(TextTable(header: table.header, rows: table.rows).rendered(), terminator: "")
        if let csv { try OutputFile.write(table.rendered(byteOrderMark: true), to: csv) }
    }
}
