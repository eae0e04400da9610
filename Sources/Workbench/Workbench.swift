import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles

/// What one workbench allows a request: sizes and counts that keep a local server responsive.
public struct WorkbenchLimits: Sendable {
    /// Bytes of a request body.
    public var requestBytes = 64 << 10
    /// `set` values in one request.
    public var settings = 200
    /// Monte Carlo draws of one request.
    public var draws = 100_000
    /// Monte Carlo runs at once; more are refused with 429 until one ends.
    public var runningJobs = 2

    public init() {}
}

/// The local web workbench (`dibao serve`): the page and its JSON API over the scenario files
/// of one folder, through the same run layer and outputs as the command line. Independent of
/// the HTTP server: `respond` takes a method, the raw path, the query and the body. Safe to call
/// from many requests at once (each request loads its own scenario; shared state is locked).
public final class Workbench: Sendable {
    public let directory: ScenarioDirectory
    public let limits: WorkbenchLimits
    /// Threads of one run (the microsimulation, Monte Carlo draws); never changes results.
    let threads: Int
    let populations = PopulationCache()
    let jobs = MonteCarloJobs()

    public init(directory: ScenarioDirectory, limits: WorkbenchLimits = WorkbenchLimits(), threads: Int = 1) {
        self.directory = directory
        self.limits = limits
        self.threads = max(1, threads)
    }

    /// The answer to one request; every error is a JSON answer with its status.
    public func respond(method: String, path: String, query: String? = nil, body: [UInt8] = []) -> WorkbenchResponse {
        do {
            return try route(method: method, components: try Self.components(of: path), query: Self.parameters(query), body: body)
        } catch {
            return .failure(error)
        }
    }

    /// The path's components, each percent-decoded; an encoded `/`, `..` or `.` is refused, so
    /// that no name can climb out of the folder however it is written.
    static func components(of path: String) throws(WorkbenchError) -> [String] {
        var components: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(part).removingPercentEncoding, !decoded.contains("/"), !decoded.contains("\\"),
                decoded != "..", decoded != ".", !decoded.contains("\0")
            else {
                throw WorkbenchError(status: 400, "the path \(path) is not one the workbench serves")
            }
            components.append(decoded)
        }
        return components
    }

    /// The query's parameters in order (`set` may repeat), `+` read as a space.
    static func parameters(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            // A pair of just "=" is an empty name and value, never a crash.
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    private func route(method: String, components: [String], query: [(String, String)], body: [UInt8]) throws(WorkbenchError)
        -> WorkbenchResponse
    {
        let get = method == "GET" || method == "HEAD"
        let post = method == "POST"
        /// The components matched by `pattern` (`*` matches one component), or nil.
        func match(_ pattern: String...) -> [String]? {
            guard pattern.count == components.count else { return nil }
            var captured: [String] = []
            for (part, component) in zip(pattern, components) {
                if part == "*" { captured.append(component) } else if part != component { return nil }
            }
            return captured
        }
        if get, components.isEmpty || match("index.html") != nil { return try StaticFiles.response(for: "index.html") }
        if get, let name = match("static", "*")?.first { return try StaticFiles.response(for: name) }
        if get, match("api", "scenarios") != nil { return .json(scenarioList()) }
        if get, let name = match("api", "scenarios", "*", "inputs")?.first { return .json(try inputs(of: name)) }
        if post, match("api", "run") != nil { return try run(RunRequest(json: body, limits: limits)) }
        if post, match("api", "view") != nil { return try view(RunRequest(json: body, limits: limits)) }
        if post, match("api", "montecarlo") != nil { return try startMonteCarlo(RunRequest(json: body, limits: limits)) }
        if get, let id = match("api", "montecarlo", "*")?.first { return try monteCarloStatus(id) }
        if post, match("api", "save") != nil { return try save(RunRequest(json: body, limits: limits)) }
        if get, match("api", "report") != nil { return try report(query) }
        if components.first == "api" {
            throw WorkbenchError(status: 404, "no such endpoint: \(method) /\(components.joined(separator: "/")) (see docs/openapi.yaml)")
        }
        throw WorkbenchError(status: 404, "no such page: /\(components.joined(separator: "/"))")
    }

    // MARK: - Scenarios

    /// A listed scenario file: its name relative to the folder and the path it is read by.
    struct Entry {
        var file: String
        var path: String
    }

    /// `[{"name", "title", "title_en", "file"}]`, plus `"errors"` for a file that does not load
    /// (its name is then the file's stem).
    func scenarioList() -> JSONValue {
        .array(
            directory.files().map { file in
                let path = directory.fullPath(of: file)
                let stem = (file as NSString).deletingPathExtension
                do {
                    let scenario = try ScenarioLoader.load(path).scenario
                    return .object([
                        ("name", .string(scenario.name)), ("title", scenario.title.map(JSONValue.string) ?? .null),
                        ("title_en", scenario.title.map { .string(scenario.text($0, english: true)) } ?? .null), ("file", .string(file)),
                    ])
                } catch let error as ScenarioFileErrors {
                    return .object([
                        ("name", .string(stem)), ("title", .null), ("title_en", .null), ("file", .string(file)),
                        ("errors", .array(error.lines.map(JSONValue.string))),
                    ])
                } catch {
                    return .object([("name", .string(stem)), ("file", .string(file)), ("errors", .array([.string("\(error)")]))])
                }
            })
    }

    /// The listed file a request names: by its file name, or by its scenario's name (a 404 for
    /// anything else, whatever path it spells).
    func entry(named name: String) throws(WorkbenchError) -> Entry {
        let files = directory.files()
        if let file = files.first(where: { $0 == name }) { return Entry(file: file, path: directory.fullPath(of: file)) }
        let byStem = files.filter { ($0 as NSString).deletingPathExtension == name }
        for file in byStem + files.filter({ !byStem.contains($0) }) {
            let path = directory.fullPath(of: file)
            let scenarioName = (try? ScenarioLoader.load(path).scenario.name) ?? (file as NSString).deletingPathExtension
            if scenarioName == name { return Entry(file: file, path: path) }
        }
        throw WorkbenchError(status: 404, "no scenario named '\(name)' in \(directory.path) (see GET /api/scenarios)")
    }

    /// The run of the named scenario with the request's `set` values, as `dibao run FILE --set`
    /// loads it (its population read once and kept).
    func scenarioRun(_ request: RunRequest) throws(WorkbenchError) -> (run: ScenarioRun, entry: Entry) {
        let entry = try entry(named: request.scenario)
        let overrides = try request.overrides()
        do {
            let loaded = try ScenarioLoader.load(entry.path, overrides: overrides)
            let run = try ScenarioRun(loaded, threads: threads, readingPopulation: populations.population(_:threads:))
            return (run, entry)
        } catch {
            throw WorkbenchError(error)
        }
    }

    // MARK: - Runs

    /// The projection judged as `dibao run` judges it, and its JSON text exactly as
    /// `dibao run FILE --format json --set …` prints it (with the final newline).
    func judgedRun(_ run: ScenarioRun) throws(WorkbenchError) -> (judged: JudgedRun, text: String) {
        do {
            let judged = try run.judged(try run.project(), draws: nil, seed: 1)
            return (judged, ProjectionJSON.document(judged.projection, uncertainty: judged.monteCarlo).rendered() + "\n")
        } catch {
            throw WorkbenchError(ScenarioFileErrors(error))
        }
    }

    /// `POST /api/run`: the CLI's JSON, byte for byte; the loader's warnings in the header
    /// `X-Dibao-Warnings` (a JSON list of texts, percent-encoded).
    func run(_ request: RunRequest) throws(WorkbenchError) -> WorkbenchResponse {
        let (run, _) = try scenarioRun(request)
        let text = try judgedRun(run).text
        return .json(text, headers: warningHeader(run.loaded))
    }

    func warningHeader(_ loaded: LoadedScenario) -> [(name: String, value: String)] {
        guard !loaded.warnings.isEmpty else { return [] }
        let list = JSONValue.array(loaded.warnings.map { .string($0.description) }).rendered(pretty: false)
        return [("X-Dibao-Warnings", list.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")]
    }

    /// `POST /api/view`: what the page shows: `run` (the CLI's JSON), every check worded in
    /// both languages, and the warnings.
    func view(_ request: RunRequest) throws(WorkbenchError) -> WorkbenchResponse {
        let (run, entry) = try scenarioRun(request)
        let (judged, text) = try judgedRun(run)
        let words = JSONValue.object([
            ("file", .string(entry.file)), ("checks", .array(judged.projection.checks.map(Self.checkWords))),
            ("warnings", .array(run.loaded.warnings.map { .string($0.description) })),
            ("default_draws", judged.defaultDraws.map(JSONValue.int) ?? .null),
        ]).rendered(pretty: false)
        // The run's document spliced in as it is, so the page reads the very bytes of /api/run.
        return .json("{\"run\":" + text + "," + words.dropFirst())
    }

    /// A check in the page's words: title, figure, requirement and outcome in Chinese and English.
    static func checkWords(_ check: TargetCheck) -> JSONValue {
        let zh = CheckDescription(check, language: .zh)
        let en = CheckDescription(check, language: .en)
        let both = { (a: String, b: String) in JSONValue.object([("zh", .string(a)), ("en", .string(b))]) }
        return .object([
            ("title", both(zh.title, en.title)), ("actual", both(zh.actual, en.actual)),
            ("requirement", both(zh.requirement, en.requirement)), ("message", both(zh.message, en.message)),
            ("outcome", both(CheckDescription.outcome(check, .zh), CheckDescription.outcome(check, .en))),
            ("passed", .bool(check.passed)), ("recorded", .bool(check.isRecorded)), ("as_expected", .bool(check.isAsExpected)),
            ("expected", .string(check.target.expectation.rawValue)),
        ])
    }
}
