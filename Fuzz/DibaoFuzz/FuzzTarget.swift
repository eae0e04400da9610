import Foundation
import PolicyModel
import Reports
import RunLayer
import Simulation

// The fuzzing build (scripts/fuzz.sh) also reads populations in chunks, an internal path.
#if DIBAO_FUZZ
    @testable import ScenarioFiles
#else
    import ScenarioFiles
#endif

/// A libFuzzer target over every reader and the report writers (`make fuzz`, docs in README
/// "Limits and fuzzing"). The first byte of an input chooses what the rest is: a scenario file,
/// a household population, a roster, a history, a ledger of recorded figures or a Monte Carlo part
/// file (`dibao run --shard`). Errors a user can cause are the expected
/// outcome; a crash, a hang or an output that is not well-formed is a finding.
enum FuzzTarget {
    /// A private folder for the inputs that must be files (scenarios and histories).
    nonisolated(unsafe) static var folder: String = {
        let path = NSTemporaryDirectory() + "dibao-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func run(_ data: UnsafeBufferPointer<UInt8>) {
        guard let selector = data.first else { return }
        let body = UnsafeBufferPointer(rebasing: data.dropFirst())
        switch selector % 6 {
        case 0: scenario(body)
        case 1: population(body)
        case 2: _ = try? RosterCSV.parse(body, file: "roster.csv")
        case 5:
            if case .success(let file) = MonteCarloPartFile.parse(Data(body)) {
                let bits = file.part.values.map(\.bitPattern)
                precondition(MonteCarloPart.joined([file.part])?.values.map(\.bitPattern) == bits, "one part joins into itself")
                let again = try? MonteCarloPartFile.parse(Data(file.rendered().utf8)).get()
                precondition(again?.part.values.map(\.bitPattern) == bits && again?.cells == file.cells, "a part reads back as written")
            }
        case 4:
            let path = folder + "/ledger.csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(body))
            if let ledger = try? ActualsCSV.load(path) { _ = ledger.problems(span: YearSpan(first: 2016, last: 2020)) }
        default:
            let path = folder + "/history.csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(body))
            if let history = try? HistoryCSV.load(path) { _ = try? Calibration(history: history) }
        }
    }

    /// Parses a population in memory; in the fuzzing build also reads the same bytes as a file in
    /// chunks of 64 bytes on two threads (`PopulationCSV.stream`), which must give the same
    /// population, or the same error at the same line.
    static func population(_ body: UnsafeBufferPointer<UInt8>) {
        let whole = Result { () throws(ScenarioFileError) in try PopulationCSV.parse(body, file: "population.csv", threads: 2) }
        #if DIBAO_FUZZ
            let path = folder + "/population.csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(body))
            let chunked = Result { () throws(ScenarioFileError) in
                try PopulationCSV.stream(path, threads: 2, piece: 61, minimumBytes: 0, bytesPerChunk: 64)
            }
            switch (whole, chunked) {
            case (_, .success(nil)):
                break  // not read in chunks (a header past the first 64 KiB): nothing to compare
            case (.success(let one), .success(let other?)):
                precondition(
                    one.incomePerCapita.map(\.bitPattern) == other.incomePerCapita.map(\.bitPattern) && one.size == other.size
                        && one.householdKey == other.householdKey && one.township == other.township && one.townships == other.townships
                        && one.weight.map { $0.map(\.bitPattern) } == other.weight.map { $0.map(\.bitPattern) }
                        && one.registeredPoor == other.registeredPoor && one.category == other.category
                        && one.categories == other.categories,
                    "a population read in chunks differs from the same bytes in memory")
            case (.failure(let one), .failure(let other)):
                precondition(
                    one.location.line == other.location.line && one.key == other.key && one.message == other.message,
                    "a population read in chunks fails otherwise than in memory: \(one.message) / \(other.message)")
            default:
                preconditionFailure("a population read in chunks and in memory: one reads, the other fails")
            }
        #else
            _ = whole
        #endif
    }

    /// Loads, projects and reports a scenario file; Monte Carlo with a few draws when it is uncertain.
    static func scenario(_ body: UnsafeBufferPointer<UInt8>) {
        let path = folder + "/scenario.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(body))
        guard let run = try? ScenarioRun(loading: path), let projection = try? run.project() else { return }
        let uncertainty = run.scenario.uncertainty == nil ? nil : try? run.monteCarlo(projection, draws: 16, seed: 1)
        // One language per input (by its length), so that both are covered at half the cost.
        for language in [body.count % 2 == 0 ? Language.zh : .en] {
            _ = ProjectionTable.rendered(projection, language: language)
            _ = ProjectionJSON.document(projection, uncertainty: uncertainty).rendered()
            _ = ProjectionCSV.table(projection).rendered()
            let report = AnnualReport(
                scenarios: [ReportScenario(projection: projection, files: [path], uncertainty: uncertainty)], year: nil, language: language)
            let html = report.html()
            precondition(!html.contains("<script"), "a scenario's text reached the HTML as markup")
            _ = report.files()
            // The Word document's parts (without pictures: rasterising is librsvg's, not ours).
            let document = report.docx(pngs: []).parts()
            precondition(document.contains { $0.path == "word/document.xml" }, "the document has no body")
        }
    }
}
