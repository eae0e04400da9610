import ArgumentParser
import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation
import Workbooks

/// `--lang`: the language of everything a person reads; Chinese unless `--lang en`.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the output: Chinese (zh) or English (en).")
    var lang: Reports.Language = .zh
}

/// `--threads`: how many threads read files and run households; results never depend on it.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Threads for reading files, the microsimulation and Monte Carlo draws (default: all cores).")
    var threads: Int?

    var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }
}

/// `--set KEY.PATH=VALUE` (repeatable): what-ifs without a new file, checked like the file.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: "Replace a value of the scenario, e.g. --set series.poverty_line.growth=0.08 or --set targets[0].at_least=0.25 (repeatable).")
    var values: [String] = []

    @Option(
        name: .customLong("scale"),
        help: "Multiply every value a series writes, e.g. --scale series.caseload=1.1 or =+10% (what if 10% more people apply?).")
    var scales: [String] = []

    /// The overrides, scales first, in the order given (checked by `validate()`).
    var overrides: [ScenarioOverride] { (try? Self.overrides(values: values, scales: scales)) ?? [] }

    /// `--scale` and `--set` texts as overrides, scales first, in the order given; the first one
    /// that does not read is the error.
    static func overrides(values: [String], scales: [String]) throws(ScenarioFileError) -> [ScenarioOverride] {
        try scales.map { text throws(ScenarioFileError) in try ScenarioOverride.parseScale(text).get() }
            + values.map { text throws(ScenarioFileError) in try ScenarioOverride.parse(text).get() }
    }

    func validate() throws {
        for value in values {
            if case .failure(let error) = ScenarioOverride.parse(value) { throw ValidationError(error.message) }
        }
        for scale in scales {
            if case .failure(let error) = ScenarioOverride.parseScale(scale) { throw ValidationError(error.description) }
        }
    }
}

extension Reports.Language: ExpressibleByArgument {}

/// The choices of an option of fixed values (`--format`, `--lang`), for its help: ArgumentParser's
/// own list reads them through a key path, which the runtime builds at every start of every command.
extension ExpressibleByArgument where Self: CaseIterable, Self: RawRepresentable, RawValue == String {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}

/// The exit statuses of every command, in one place.
enum ExitStatus {
    /// A target's outcome is not the expected one.
    static let unexpectedOutcome: Int32 = 1
    /// An input file or option is wrong; nothing was written.
    static let badInput: Int32 = 2

    /// The table every `--help` of a command that checks targets ends with.
    static let table = """
        Exit status:
          0  done; every target's outcome is the expected one
          1  a target failed (or passed) unexpectedly
          2  bad input (a file, key or option): nothing was written
        """

    /// The table of commands that check no targets (fit, population, roster).
    static let tableWithoutTargets = """
        Exit status:
          0  done
          2  bad input (a file, key or option): nothing was written
        """
}

/// Scenario files read for a command over many files: every file is read, each bad one is
/// reported (all its problems), and the command ends with status 2 after the others are done.
struct ScenarioBatch {
    var runs: [(file: String, run: ScenarioRun)] = []
    var failures: [ScenarioFileErrors] = []

    /// Reads every path (a missing one is listed like a bad file), then refuses two scenarios
    /// of one name: their outputs would overwrite each other.
    init(_ paths: [String], overrides: [ScenarioOverride] = [], threads: Int) {
        var files: [String] = []
        for path in paths {
            do {
                files += try ScenarioLoader.scenarioFiles(in: [path])
            } catch {
                failures.append(ScenarioFileErrors(error))
            }
        }
        var warned = Set<String>()
        for file in ScenarioLoader.distinct(files) {
            do {
                let run = try ScenarioRun(loading: file, overrides: overrides, threads: threads)
                printWarnings(run.loaded, skipping: &warned)
                if let earlier = runs.first(where: { $0.run.scenario.name == run.scenario.name }) {
                    failures.append(
                        ScenarioFileErrors(
                            ScenarioFileError(
                                run.loaded.location(of: ["name"]), key: "name",
                                "the scenario name '\(run.scenario.name)' is also the name of \(earlier.file); give each scenario its own name"
                            )))
                    continue
                }
                runs.append((file, run))
            } catch {
                failures.append(error)
            }
        }
    }
}

/// Prints every bad file's problems to standard error, and how many files have them.
func printFailures(_ failures: [ScenarioFileErrors]) {
    for failure in failures { printErrors(failure) }
    if failures.count > 1 { FileHandle.standardError.write(Data("\(failures.count) files have problems\n".utf8)) }
}

/// One `error:` line per problem, on standard error.
func printErrors(_ errors: ScenarioFileErrors) {
    FileHandle.standardError.write(Data(errors.lines.map { "error: \($0)\n" }.joined().utf8))
}

/// One `warning:` line per warning of a loaded scenario not yet in `shown`, on standard error
/// (a variant and its parent in one batch share the parent's warnings).
func printWarnings(_ loaded: LoadedScenario, skipping shown: inout Set<String>) {
    for warning in loaded.warnings where shown.insert(warning.description).inserted {
        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
}

/// Loads one scenario for a command on one file, printing its warnings.
func loadRun(_ file: String, overrides: [ScenarioOverride] = [], threads: Int) throws -> ScenarioRun {
    let run = try ScenarioRun(loading: file, overrides: overrides, threads: threads)
    var shown = Set<String>()
    printWarnings(run.loaded, skipping: &shown)
    return run
}

/// A mistake in the options found while the command runs: printed as `error: …` with a pointer
/// to the command's help, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// The target kinds named by `--skip`, each checked against the registry.
func skippedKinds(_ names: [String]) throws -> [String] {
    let valid = TargetKind.all.map(\.name)
    for name in names where !valid.contains(name) {
        let hint = closestKey(to: name, among: valid).map { "; did you mean '\($0)'?" } ?? "; kinds: \(valid.joined(separator: ", "))"
        throw UsageError("--skip \(name): no such target kind\(hint)")
    }
    return names
}

/// Writes `workbook` to `path` atomically (never a half-written file) and says so.
func write(_ workbook: Workbook, to path: String, language: Language) throws {
    try OutputFile.produce(path, workbook.failure(writingTo:))
    print(language == .zh ? "已写入 \(path)" : "wrote \(path)")
}

/// The projection with its targets judged by Monte Carlo (`ScenarioRun.judged`), a progress bar
/// on the terminal when `progress`, and a note when drawn by default to judge
/// `probability_at_least` targets.
func judgingProbabilities(
    _ projection: Projection, run: ScenarioRun, draws: Int?, seed: UInt64, levels: [Double] = Summary.defaultLevels,
    language: Language, progress: Bool = false
) throws(ScenarioFileError) -> JudgedRun {
    let needed = projection.scenario.targets.contains { $0.probabilityAtLeast != nil }
    let total = draws ?? (needed ? ScenarioRun.defaultProbabilityDraws : 0)
    let bar = progress && run.scenario.uncertainty != nil && total > 0 ? ProgressBar(total: total) : nil
    let judged = try run.judged(projection, draws: draws, seed: seed, levels: levels) { bar?.advance($0) }
    bar?.finish()
    if let count = judged.defaultDraws {
        FileHandle.standardError.write(
            Data(
                (language == .zh
                    ? "（达标概率要求按 \(count) 次抽样评估，随机种子 \(seed)；用 --draws、--seed 可改）\n"
                    : "(probability_at_least judged by \(count) draws, seed \(seed); change with --draws and --seed)\n").utf8))
    }
    return judged
}

/// A fraction on the command line, written `0.9` or `90%`.
struct Fraction: ExpressibleByArgument, CustomStringConvertible {
    var value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        guard let value = parseNumber(argument) else { return nil }
        self.value = value
    }

    var description: String { CFormat.printf("%g", value) }
}
