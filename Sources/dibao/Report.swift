import ArgumentParser
import Foundation
import Reports
import RunLayer
import ScenarioFiles
import Simulation
import Workbooks

/// `dibao report FILE|DIR ...`: the annual target report (HTML with charts, Markdown, CSV, JSON).
/// Every file is read first; when any is bad, all their problems are listed and nothing is written.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the annual target report for scenario files (a directory means its *.yaml files).",
        discussion: ExitStatus.table)

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Option(help: "The report year (default: the latest year of the first scenario's targets, else its last year).")
    var year: Int?

    @Option(help: "The folder to write (replaced as a whole), or with --format docx the .docx file.")
    var out: String = "reports"

    enum Format: String, ExpressibleByArgument, CaseIterable { case folder, docx }

    @Option(help: "folder: every file of the report; docx: only the Word document, at --out.")
    var format: Format = .folder

    /// Writes `data` to `path`; a message when it cannot.
    static func write(_ data: Data, to path: String) -> String? {
        FileManager.default.createFile(atPath: path, contents: data) ? nil : "cannot write \(path)"
    }

    @OptionGroup var language: LanguageOption

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var set: OverrideOptions

    @Option(help: "Monte Carlo draws for scenarios with an uncertainty section.")
    var draws: Int = 10_000

    @Option(help: "Seed of the Monte Carlo draws (fixed, so that reports are reproducible).")
    var seed: UInt64 = 1

    func validate() throws {
        if draws < 1 { throw ValidationError("--draws must be at least 1") }
    }

    @Option(
        name: .customLong("confidence"),
        help: "Confidence of the budget a report gives for each uncertain scenario (0.5 to 0.999; 0.9 or 90%).")
    var confidenceLevel: Fraction = Fraction(0.9)

    var confidence: Double { confidenceLevel.value }

    @Option(help: "A ledger of recorded figures (CSV, as Excel saves it) for the first scenario: 实际 beside the plan.")
    var actuals: String?

    func run() throws {
        guard confidence.isFinite, (0.5...0.999).contains(confidence) else {
            throw UsageError("--confidence must be from 0.5 to 0.999, not \(confidence)")
        }
        var batch = ScenarioBatch(paths, overrides: set.overrides, threads: threads.count)
        if let actuals, !batch.runs.isEmpty {
            let ledger = try ActualsCSV.load(actuals)
            let scenario = batch.runs[0].run.scenario
            let problems = ledger.problems(span: scenario.span)
            guard problems.isEmpty else {
                throw ScenarioFileErrors(
                    problems.map { ScenarioFileError(SourceLocation(file: actuals), key: $0.dottedKey, year: $0.year, $0.message) })
            }
            batch.runs[0].run.loaded.scenario.actuals = ledger
        }
        var failures = batch.failures
        var scenarios: [ReportScenario] = []
        let reportYear = year ?? batch.runs.first.map { AnnualReport.defaultYear(of: $0.run.scenario) } ?? 0
        for (_, run) in batch.runs {
            do {
                scenarios.append(try ReportScenario(run: run, draws: draws, seed: seed, reportYear: reportYear, confidence: confidence))
            } catch {
                failures.append(ScenarioFileErrors(error))
            }
        }
        guard failures.isEmpty else {
            printFailures(failures)
            throw ExitCode(ExitStatus.badInput)
        }
        if let year, !scenarios.contains(where: { $0.projection.scenario.span.contains(year) }) {
            throw UsageError("--year \(year) is outside the years of every scenario given")
        }
        let lang = language.lang
        let report = AnnualReport(scenarios: scenarios, year: year, language: lang)
        let pngs: [(id: String, png: [UInt8])]
        let document: Data
        do {
            pngs = try report.chartPNGs()
            document = try report.docx(pngs: pngs).data()
        } catch {
            throw UsageError("cannot draw the report's pictures or document: \(error)")
        }
        if format == .docx {
            var isFolder: ObjCBool = false
            if out.hasSuffix("/") || (FileManager.default.fileExists(atPath: out, isDirectory: &isFolder) && isFolder.boolValue) {
                throw UsageError("--format docx writes one file: give --out a file name such as 年度报告.docx, not the folder \(out)")
            }
            let path = out.lowercased().hasSuffix(".docx") ? out : out + ".docx"
            try OutputFile.produce(path) { temporary in Self.write(document, to: temporary) }
            print(lang == .zh ? "已写入 \(path)" : "wrote \(path)")
            if !scenarios.allSatisfy(\.projection.isAsExpected) { throw ExitCode(ExitStatus.unexpectedOutcome) }
            return
        }
        // The folder: every file of the report, the workbook, the document and the pictures.
        let files = report.files()
        let workbook = ProjectionWorkbook.workbook(scenarios, year: report.year, language: lang)
        var produced: [(name: String, write: (String) -> String?)] = [
            ("workbook.xlsx", workbook.failure(writingTo:)), ("report.docx", { path in Self.write(document, to: path) }),
        ]
        for (id, png) in pngs { produced.append(("\(id).png", { path in Self.write(Data(png), to: path) })) }
        try OutputFolder.replace(out, with: files, producing: produced, marker: "report.json")
        for scenario in scenarios {
            print(CheckListing.scenarioLine(scenario.projection, language: lang))
        }
        print(
            lang == .zh
                ? "已写入 \(out)/：\(files.count + produced.count) 个文件，报告年份 \(report.year)"
                : "wrote \(out)/: \(files.count + produced.count) files, report year \(report.year)")
        if !scenarios.allSatisfy(\.projection.isAsExpected) { throw ExitCode(ExitStatus.unexpectedOutcome) }
    }
}
