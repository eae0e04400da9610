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
    guard parts.count == 2, let low = parseNumber(parts[0]), let high = parseNumber(parts[1]), low.isFinite, high.isFinite, low < high
    else {
        return nil
    }
    return low...high
}

/// A number as people write it on the command line: `0.08` or `8%` (the decimal 8e-2, exactly).
func parseNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasSuffix("%") else { return Double(trimmed) }
    let digits = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.".contains($0)) }) else { return nil }
    return Double(digits + "e-2")
}

/// `dibao solve FILE --vary KEY [--range A..B]`.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
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

    @Option(help: "The year whose figures the grid shows (default: the year the varied key names, else the last year).")
    var year: Int?

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
            guard parts.count == 2, grid.count == 2, let range = parseRange(grid[0]), let step = parseNumber(grid[1]), step > 0,
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
        let span = run.scenario.span
        if let year, !span.contains(year) { throw UsageError("--year \(year) is outside the scenario's years \(span.first)–\(span.last)") }
        // The varied key's own year (budget.funding.central.transfer.wan_yuan.2021), if it names one.
        let named = axes.lazy.compactMap { axis -> Int? in
            guard case .key(let keyPath) = axis.input.kind else { return nil }
            return keyPath.compactMap { Int($0) }.first { span.contains($0) }
        }.first
        let shown = year ?? named ?? span.last
        let sweep = Sweep(run: run, axes: axes, skipping: skipped)
        let lang = language.lang
        let people = SolveOutput.sweepTable(sweep, scenario: run.scenario, year: shown, forPeople: true, language: lang)
        print(TextTable(header: people.header, rows: people.rows).rendered(), terminator: "")
        let drawn = sweep.considered.filter { run.scenario.targets[$0].probabilityAtLeast != nil }
        if !drawn.isEmpty {
            print(
                lang == .zh
                    ? "注意：有达标概率要求的目标按确定性测算判断（sweep 不抽样；用 check --draws 检验概率）"
                    : "note: targets with probability_at_least are judged on the deterministic projection (sweep does not draw; check --draws tests the probability)"
            )
        }
        if let csv {
            let table = SolveOutput.sweepTable(sweep, scenario: run.scenario, year: shown, language: lang)
            try OutputFile.write(table.rendered(byteOrderMark: true), to: csv)
        }
    }
}
