import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles
import Simulation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func bundled(_ names: [String]) throws -> [ReportScenario] {
    try names.map { name in
        let loaded = try ScenarioLoader.load(repository.appendingPathComponent("scenarios/\(name).yaml").path)
        return ReportScenario(
            projection: try ScenarioRun(loaded).project(), files: loaded.files.map { "scenarios/" + ($0 as NSString).lastPathComponent })
    }
}

/// Collects element names and attributes while parsing, to check an SVG's structure.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        elements.append((name, attributes))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite("Annual report")
struct AnnualReportTests {
    @Test("Every chart is well-formed SVG with a title, both axes and a unit on the value axis")
    func chartsAreWellFormed() throws {
        let report = AnnualReport(scenarios: try bundled(["shangrao-2017-plan", "slower-standard"]))
        let svgs = report.files().filter { $0.name.hasSuffix(".svg") }
        #expect(svgs.count == 4)
        for file in svgs {
            let parser = XMLParser(data: Data(file.contents.utf8))
            let collector = ElementCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(file.name): \(parser.parserError.map { "\($0)" } ?? "")")
            let classes = collector.elements.compactMap { $0.attributes["class"] }
            #expect(collector.elements.first?.name == "svg")
            #expect(collector.elements.contains { $0.name == "title" }, "\(file.name) has no <title>")
            for part in ["chart-title", "axis y-axis", "axis x-axis", "axis-label", "legend"] {
                #expect(classes.contains(part), "\(file.name) has no \(part)")
            }
            #expect(["元/人·年", "元/人·月", "人", "万元"].contains { collector.text.contains($0) }, "\(file.name) names no unit")
        }
    }

    @Test("The HTML is self-contained: no scripts, no external files, fonts or network")
    func selfContained() throws {
        let html = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"])).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        let addresses = html.components(separatedBy: "http").dropFirst()
        #expect(addresses.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") })
        #expect(html.contains("<svg"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test("The summary shows the report year's standard per year and per month: 4260 and 4260 / 12 in 2018")
    func summaryFigures() throws {
        let report = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"]), year: 2018)
        let row = try #require(report.summary.rows.first)
        #expect(row[1].value == .number(4260))
        #expect(row[2].value == .number(4260.0 / 12))
        #expect(row[2].display == "355.00")
        // The plan: 21000 recipients in 2016 falling 3% a year; 245 元/月 for 12 months; one worker
        // per 400 recipients at 36000 元; the county pays 15%.
        let caseload = 21000 * 0.97 * 0.97
        let workers = (caseload / 400).rounded(.up)
        let county = (caseload * 245 * 12 + workers * 36000) * 0.15
        #expect(abs(try #require(row[7].value.number) - county) < 1e-6)
        #expect(row[7].display == Formatting.grouped(county / 10_000))
    }

    @Test("English reports use English headings")
    func english() throws {
        let report = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"]), language: .en)
        #expect(report.html().contains("<html lang=\"en\">"))
        #expect(report.markdown().contains("Summary for 2020"))
    }

    @Test("The same inputs give byte-identical files")
    func deterministic() throws {
        let first = AnnualReport(scenarios: try bundled(["shangrao-2017-plan", "faster-poverty-line"])).files()
        let second = AnnualReport(scenarios: try bundled(["shangrao-2017-plan", "faster-poverty-line"])).files()
        #expect(first.map(\.name) == second.map(\.name))
        #expect(first.map(\.contents) == second.map(\.contents))
    }

    @Test("Every CSV starts with a byte-order mark; amounts are in 元, unrounded")
    func csvFiles() throws {
        let files = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"])).files().filter { $0.name.hasSuffix(".csv") }
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.contents.hasPrefix("\u{FEFF}") })
        let budget = try #require(files.first { $0.name == "budget-by-source.csv" })
        #expect(budget.contents.contains(",yuan\n"))
    }

    @Test("report.json holds every table and chart the HTML shows")
    func json() throws {
        let report = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"]))
        let text = try #require(report.files().first { $0.name == "report.json" }?.contents)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["tables"] as? [Any])?.count == report.tables.count)
        #expect((object["charts"] as? [Any])?.count == 4)
        #expect(object["year"] as? Int == 2020)
    }
}

@Suite("Annual report with uncertainty")
struct UncertainReportTests {
    @Test("A scenario with Monte Carlo results gets a fan chart (band, median, targets) and a probability table")
    func fanChart() throws {
        let loaded = try ScenarioLoader.load(repository.appendingPathComponent("scenarios/uncertain-poverty-line.yaml").path)
        let projection = try ScenarioRun(loaded).project()
        let result = try MonteCarlo.run(projection, draws: 500, seed: 1, threads: 2)
        let report = AnnualReport(scenarios: [ReportScenario(projection: projection, files: ["u.yaml"], uncertainty: result)])
        let files = report.files()
        let fan = try #require(files.first { $0.name == "fan-uncertain-poverty-line.svg" }?.contents)
        #expect(fan.contains("class=\"band\"") && fan.contains("≥ 20%") && fan.contains("≥ 40%"))
        let table = try #require(report.probabilities)
        #expect(table.rows.count == projection.checks.count)
        #expect(files.contains { $0.name == "target-probabilities.csv" })
        #expect(report.html().contains("table-target-probabilities"))
    }
}

extension JSONValue {
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
