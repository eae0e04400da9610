import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation

extension Workbench {
    /// Draws when a request gives none.
    static let defaultDraws = 2000

    /// `POST /api/montecarlo` with `scenario`, `set`, `draws`, `seed` and `confidence`: starts
    /// the run (202 with its `id`); 422 when the scenario has no uncertainty section, 429 when
    /// `limits.runningJobs` runs are going.
    func startMonteCarlo(_ request: RunRequest) throws(WorkbenchError) -> WorkbenchResponse {
        let (run, _) = try scenarioRun(request)
        guard run.scenario.uncertainty != nil else {
            throw WorkbenchError(
                status: 422, "\(run.loaded.files[0]) has no uncertainty section to draw from (add one: see docs/使用说明.md)")
        }
        let draws = request.draws ?? Self.defaultDraws
        let seed = request.seed ?? 1
        let confidence = request.confidence ?? 0.9
        let started = jobs.start(total: draws, limit: limits.runningJobs) { advance throws(WorkbenchError) in
            do throws(ScenarioFileError) {
                let projection = try run.project()
                let judged = try run.judged(projection, draws: draws, seed: seed, keep: ConfidenceBudget.keptFigures, progress: advance)
                let document = ProjectionJSON.document(judged.projection, uncertainty: judged.monteCarlo)
                let budget = ConfidenceBudget.year(of: judged.projection, reportYear: AnnualReport.defaultYear(of: run.scenario)).map {
                    ConfidenceBudget(projection: judged.projection, year: $0, confidence: confidence, monteCarlo: judged.monteCarlo)
                }
                return JSONValue.object([
                    ("run", document), ("checks", .array(judged.projection.checks.map(Self.checkWords))),
                    ("confidence_budget", budget.map(Self.budgetJSON) ?? .null),
                ]).rendered(pretty: false)
            } catch {
                throw WorkbenchError(ScenarioFileErrors(error))
            }
        }
        guard let started else {
            throw WorkbenchError(status: 429, "\(limits.runningJobs) Monte Carlo runs are going; wait for one to finish")
        }
        return .json(.object([("id", .string(started)), ("total", .int(draws))]), status: 202)
    }

    /// `GET /api/montecarlo/{id}`: `{"id", "done", "total", "finished"}` and, once finished,
    /// `result` or `error`.
    func monteCarloStatus(_ id: String) throws(WorkbenchError) -> WorkbenchResponse {
        guard let job = jobs.job(id) else { throw WorkbenchError(status: 404, "no Monte Carlo run \(id) (runs are kept for a while only)") }
        var text =
            JSONValue.object([
                ("id", .string(id)), ("done", .int(job.done)), ("total", .int(job.total)), ("finished", .bool(job.finished)),
            ]).rendered(pretty: false)
        if let result = job.result {
            text = String(text.dropLast()) + ",\"result\":" + result + "}"
        } else if let failure = job.failure {
            text = String(text.dropLast()) + ",\"error\":" + failure.json.rendered(pretty: false) + "}"
        }
        return .json(text)
    }

    /// The budget at a confidence level: each funding level, the total and the surplus in 元,
    /// and each cap with the share of draws it is enough in.
    static func budgetJSON(_ budget: ConfidenceBudget) -> JSONValue {
        let label = { (figure: Figure) -> JSONValue in
            let column = YearColumn.all.first { $0.key == figure.rawValue }
            return .object([("zh", .string(column?.zh ?? figure.rawValue)), ("en", .string(column?.en ?? figure.rawValue))])
        }
        return .object([
            ("year", .int(budget.year)), ("confidence", .number(budget.confidence)), ("draws", budget.draws.map(JSONValue.int) ?? .null),
            (
                "lines",
                .array(
                    budget.lines.map { line in
                        .object([
                            ("figure", .string(line.figure.rawValue)), ("label", label(line.figure)),
                            ("deterministic_yuan", .number(line.deterministic)), ("mean_yuan", .number(line.mean)),
                            ("at_confidence_yuan", .number(line.atConfidence)), ("standard_error_yuan", .number(line.standardError)),
                        ])
                    })
            ),
            (
                "caps",
                .array(
                    budget.caps.map { cap in
                        .object([
                            ("figure", .string(cap.figure.rawValue)), ("label", label(cap.figure)), ("cap_yuan", .number(cap.cap)),
                            ("probability_enough", .number(cap.probabilityEnough)),
                        ])
                    })
            ),
        ])
    }
}
