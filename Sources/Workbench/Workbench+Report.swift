import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles

extension Workbench {
    /// Draws of a report for a scenario with an uncertainty section, as `dibao report` makes.
    static let reportDraws = 10_000

    /// `GET /api/report?scenario=NAME&format=docx|xlsx|html|csv&lang=zh|en&set=KEY.PATH=VALUE…`:
    /// the annual report of the scenario with its edits, as `dibao report FILE --set …` writes
    /// it (docx, the workbook, the HTML page), or the year table of `dibao run --format csv`.
    func report(_ query: [(String, String)]) throws(WorkbenchError) -> WorkbenchResponse {
        let value = { (name: String) in query.last { $0.0 == name }?.1 }
        guard let scenario = value("scenario"), !scenario.isEmpty else {
            throw WorkbenchError(status: 400, "give ?scenario=NAME (a name from GET /api/scenarios)")
        }
        let format = value("format") ?? "docx"
        guard ["docx", "xlsx", "html", "csv"].contains(format) else {
            throw WorkbenchError(status: 400, "format must be docx, xlsx, html or csv, not '\(format)'")
        }
        guard let language = Language(rawValue: value("lang") ?? "zh") else { throw WorkbenchError(status: 400, "lang must be zh or en") }
        let settings = query.filter { $0.0 == "set" }.map(\.1)
        guard settings.count <= limits.settings else { throw WorkbenchError(status: 400, "more than \(limits.settings) set values") }
        let (run, _) = try scenarioRun(RunRequest(scenario: scenario, settings: settings))
        let name = run.scenario.name
        if format == "csv" {
            let projection = try judgedRun(run).judged.projection
            return .download(
                Array(ProjectionCSV.table(projection).rendered().utf8), contentType: "text/csv; charset=utf-8", name: "\(name).csv")
        }
        let entry: ReportScenario
        do {
            entry = try ReportScenario(
                run: run, draws: Self.reportDraws, seed: 1, reportYear: AnnualReport.defaultYear(of: run.scenario), confidence: 0.9)
        } catch {
            throw WorkbenchError(ScenarioFileErrors(error))
        }
        let report = AnnualReport(scenarios: [entry], language: language)
        switch format {
        case "html":
            return .download(Array(report.html().utf8), contentType: "text/html; charset=utf-8", name: "\(name).html")
        case "xlsx":
            let workbook = ProjectionWorkbook.workbook([entry], year: report.year, language: language)
            let path = NSTemporaryDirectory() + "dibao-serve-\(UUID().uuidString).xlsx"
            defer { unlink(path) }
            if let failure = workbook.failure(writingTo: path) { throw WorkbenchError(status: 500, failure) }
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkbenchError(status: 500, "cannot read \(path)") }
            return .download(
                Array(data), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(name).xlsx")
        default:
            do {
                let data = try report.docx(pngs: try report.chartPNGs()).data()
                return .download(
                    Array(data), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    name: "\(name).docx")
            } catch {
                throw WorkbenchError(status: 500, "cannot draw the report's pictures or document: \(error)")
            }
        }
    }
}
