import Foundation
import PolicyModel
import Reports
import Testing

/// Text from a scenario or a roster is safe in every medium it reaches.
@Suite("Escaping")
struct EscapingTests {
    @Test("CSV cells that a spreadsheet would run as a formula get a leading quote; numbers stay numbers")
    func formulaInjection() {
        let table = CSVTable(header: ["a", "b", "c", "d", "e", "f"], rows: [["=1+2", "+SUM(A1)", "-0.05", "@cmd", "\tx", "-x"]])
        let line = table.rendered().split(separator: "\n")[1]
        #expect(line == "'=1+2,'+SUM(A1),-0.05,'@cmd,'\tx,'-x")
    }

    @Test("A note with <script> and a link is shown as text in report.md and index.html, never run")
    func markup() throws {
        var projection = try sampleProjection()
        projection.scenario.description = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
        let report = AnnualReport(scenarios: [ReportScenario(projection: projection, files: ["s.yaml"])], year: 2018, language: .en)
        let markdown = report.markdown()
        #expect(!markdown.contains("<script>") && !markdown.contains("<img") && !markdown.contains("](javascript"))
        #expect(markdown.contains("&lt;script&gt;"))
        let html = report.html()
        #expect(!html.contains("<script>") && !html.contains("<img"))
    }
}
