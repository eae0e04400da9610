import ArgumentParser
import Foundation
import Reports
import RunLayer
import ScenarioFiles
import Simulation

/// `dibao merge PART...`: the parts of a sharded Monte Carlo run joined into exactly what the
/// single run prints.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the part files of a sharded Monte Carlo run (dibao run --shard K/M) into the single run's output.",
        discussion: ExitStatus.table)

    @Argument(help: "The part files, every shard of one run once (any order).")
    var parts: [String]

    @Option(help: "Output format: json (the default), table, csv or xlsx (needs --out).")
    var format: Run.Format = .json

    @Option(help: "The file to write (with --format xlsx).")
    var out: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the part files of one run: dibao merge part-*.json") }
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx writes a file: give --out FILE.xlsx") }
    }

    func run() throws {
        var files: [MonteCarloPartFile] = []
        for path in parts {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ScenarioFileError(SourceLocation(file: path), "cannot read the part file (is the path right?)")
            }
            switch MonteCarloPartFile.parse(data) {
            case .success(let file): files.append(file)
            case .failure(let problem): throw ScenarioFileError(SourceLocation(file: path), problem.description)
            }
        }
        let first = files[0]
        guard first.draws <= MonteCarlo.maximumDraws else {
            throw ScenarioFileError(
                SourceLocation(file: parts[0]),
                "\(first.draws) draws: an exact merge holds every draw of each changing figure, at most \(MonteCarlo.maximumDraws) draws")
        }
        for (path, file) in zip(parts, files).dropFirst() {
            let same =
                file.scenarioFile == first.scenarioFile && file.set == first.set && file.scale == first.scale
                && file.draws == first.draws && file.seed == first.seed && file.levels == first.levels
                && file.shardCount == first.shardCount && file.cells == first.cells
            guard same else {
                throw ScenarioFileError(
                    SourceLocation(file: path),
                    "this part belongs to another run than \(parts[0]) (scenario, --set, --scale, --draws, --seed, --percentiles or --shard M differ)"
                )
            }
        }
        let indices = files.map(\.shardIndex).sorted()
        guard indices == Array(1...first.shardCount) else {
            let missing = Set(1...first.shardCount).subtracting(indices).sorted().map(String.init).joined(separator: ", ")
            throw UsageError(
                "the parts are not every shard of the run once: \(first.shardCount) shards, "
                    + (missing.isEmpty ? "some given twice" : "missing \(missing)"))
        }
        let overrides = try OverrideOptions.overrides(values: first.set, scales: first.scale)
        let run = try loadRun(first.scenarioFile, overrides: overrides, threads: threads.count)
        guard run.loaded.fingerprint() == first.fingerprint else {
            throw ScenarioFileError(
                SourceLocation(file: first.scenarioFile),
                "this scenario (or a file it reads) has changed since the shards were computed; run the shards again")
        }
        let base = try run.project()
        let plan = try run.drawPlan(base)
        guard MonteCarloPartFile.cellNames(plan) == first.cells,
            let result = plan.result(joining: files.map(\.part), seed: first.seed, levels: first.levels, threads: threads.count),
            result.draws == first.draws
        else {
            throw ScenarioFileError(SourceLocation(file: parts[0]), "the parts do not fit this scenario's draws; run the shards again")
        }
        try printRun(
            base.judged(byProbabilities: result.targetProbabilities), uncertainty: result, format: format, out: out,
            language: language.lang)
    }
}
