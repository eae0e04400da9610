import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation
import Workbooks

/// `dibao run FILE`: the year-by-year projection and every target's result.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Project one scenario year by year and check its targets.", discussion: ExitStatus.table)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, xlsx }

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "Output format: table, json, csv (with --draws: mean and percentiles by figure and year), or xlsx (needs --out).")
    var format: Format = .table

    @Option(help: "The file to write (with --format xlsx).")
    var out: String?

    @OptionGroup var language: LanguageOption

    enum Breakdown: String, ExpressibleByArgument { case township }

    @Option(help: "Break the microsimulation down: township.")
    var by: Breakdown?

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    @Option(help: "Monte Carlo draws over the scenario's uncertainty section.")
    var draws: Int?

    @Option(help: "Seed of the Monte Carlo draws.")
    var seed: UInt64 = 1

    @Option(help: "Percentiles of every figure with --draws, in percent (default 5,50,95).")
    var percentiles: String?

    @Option(
        help: ArgumentHelp(
            "Compute shard K of M of the --draws only and write it to --out (a part file); `dibao merge` joins the parts into exactly what the single run prints.",
            valueName: "K/M"))
    var shard: Shard?

    /// The percentile levels asked for, as fractions in ascending order.
    func levels() throws -> [Double] {
        guard let percentiles else { return Summary.defaultLevels }
        var levels: [Double] = []
        for part in percentiles.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value > 0, value < 100 else {
                throw ValidationError("--percentiles: '\(text)' is not a percentile between 0 and 100 (such as 5,50,90,95,99)")
            }
            levels.append(value / 100)
        }
        return Array(Set(levels)).sorted()
    }

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx writes a file: give --out FILE.xlsx") }
        if percentiles != nil && draws == nil { throw ValidationError("--percentiles needs --draws N") }
        if shard != nil && (draws == nil || out == nil) {
            throw ValidationError("--shard K/M computes part of a Monte Carlo run: give --draws N and --out part-K.json")
        }
        if shard != nil && format == .xlsx { throw ValidationError("--shard writes a part file; --format does not apply") }
        _ = try levels()
    }

    func run() throws {
        let run = try loadRun(file, overrides: set.overrides, threads: threads.count)
        if by == .township && run.scenario.microsimulation == nil {
            throw UsageError("--by township needs a scenario with a microsimulation section; \(file) has none")
        }
        if draws != nil && run.scenario.uncertainty == nil {
            throw UsageError("--draws needs an uncertainty section in \(file) to draw from")
        }
        if let shard, let draws, let out {
            try writePart(run, shard: shard, draws: draws, to: out)
            return
        }
        // Drawn only to judge probability targets, the run shows no Monte Carlo tables.
        let judged = try judgingProbabilities(
            try run.project(byTownship: by == .township), run: run, draws: draws, seed: seed, levels: try levels(),
            language: language.lang, progress: true)
        try printRun(judged.projection, uncertainty: judged.monteCarlo, format: format, out: out, language: language.lang)
    }

    /// Shard `shard` of the run's draws, written to `path` as a part file (atomically).
    func writePart(_ run: ScenarioRun, shard: Shard, draws: Int, to path: String) throws {
        guard draws <= MonteCarlo.maximumDraws else {
            throw UsageError("--draws \(draws): a merged run holds at most \(MonteCarlo.maximumDraws) draws")
        }
        let range = shard.draws(of: draws)
        let bar = ProgressBar(total: max(1, range.count))
        let (plan, part) = try run.monteCarloPart(try run.project(), draws: draws, seed: seed, shard: shard) { bar.advance($0) }
        bar.finish()
        let file = MonteCarloPartFile(
            scenarioFile: URL(fileURLWithPath: self.file).standardizedFileURL.path, fingerprint: run.loaded.fingerprint(),
            set: set.values, scale: set.scales, draws: draws, seed: seed, levels: try levels(), shardIndex: shard.index,
            shardCount: shard.count, cells: MonteCarloPartFile.cellNames(plan), part: part)
        try OutputFile.write(file.rendered(), to: path)
        FileHandle.standardError.write(
            Data(
                (language.lang == .zh
                    ? "分片 \(shard)：第 \(range.lowerBound + 1)–\(range.upperBound) 次抽样（共 \(draws) 次），已写入 \(path)\n"
                    : "shard \(shard): draws \(range.lowerBound + 1)–\(range.upperBound) of \(draws), written to \(path)\n").utf8))
    }
}

/// Prints a run's projection (and its Monte Carlo summary, if drawn) as `dibao run` does, in
/// `format`; exits 1 when a target's outcome is not the expected one.
func printRun(
    _ projection: Projection, uncertainty: MonteCarloResult?, format: Run.Format, out: String?, language lang: Language
) throws {
    switch format {
    case .table:
        print(ProjectionTable.rendered(projection, language: lang), terminator: "")
        if let uncertainty {
            print("\n" + UncertaintyOutput.table(uncertainty, checks: projection.checks, language: lang), terminator: "")
        }
    case .json:
        print(ProjectionJSON.document(projection, uncertainty: uncertainty).rendered())
    case .csv:
        if let uncertainty {
            print(
                UncertaintyOutput.csv(uncertainty, checks: projection.checks, scenario: projection.scenario.name).rendered(),
                terminator: "")
        } else {
            print(ProjectionCSV.table(projection).rendered(), terminator: "")
        }
    case .xlsx:
        guard let path = out else { throw UsageError("--format xlsx writes a file: give --out FILE.xlsx") }
        try write(ProjectionWorkbook.workbook(projection, uncertainty: uncertainty, language: lang), to: path, language: lang)
    }
    if !projection.isAsExpected { throw ExitCode(ExitStatus.unexpectedOutcome) }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
