import Foundation
import PolicyModel
import Reports
import Testing

/// Variants whose names prefix each other, and the provenance of every section.
@Suite("Report: variants and provenance")
struct ReportVariantsTests {
    func projection(_ name: String, growth: Double) throws -> Projection {
        var scenario = Scenario(
            name: name, span: YearSpan(first: 2016, last: 2018),
            series: [
                .standard: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3240], growth: growth),
                .povertyLine: SeriesDefinition(unit: .yuanPerPersonYear, values: [2014: 2800], growth: 0.06),
                .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2016: 200], proportionalTo: .standard),
                .caseload: SeriesDefinition(unit: .persons, values: [2016: 1000], growth: 0),
            ],
            budget: BudgetRules(monthsPaid: 12, funding: .shares(central: 0.5, provincial: 0.3, county: 0.2)))
        scenario.uncertainty = UncertaintySpec(
            growthSD: [(.povertyLine, 0.02)], reference: "fitted to 2010–2020", assumption: "two points either way")
        return try Projection(scenario)
    }

    @Test("Each variant's year tables appear once, under it, even when one name starts with the other; every HTML id is unique")
    func prefixNames() throws {
        let report = AnnualReport(
            scenarios: [
                ReportScenario(projection: try projection("lin-county", growth: 0.1), files: ["lin-county.yaml"]),
                ReportScenario(projection: try projection("lin-county-fast", growth: 0.2), files: ["lin-county-fast.yaml"]),
            ], year: 2018, language: .zh)
        let html = report.html()
        for id in ["table-years-lin-county-levels", "table-years-lin-county-fast-levels", "table-years-lin-county-budget"] {
            #expect(html.components(separatedBy: "id=\"\(id)\"").count == 2, "\(id)")
        }
        var ids: [String] = []
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            let end = rest[start.upperBound...].firstIndex(of: "\"")!
            ids.append(String(rest[start.upperBound..<end]))
            rest = rest[end...]
        }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        let markdown = report.markdown()
        #expect(markdown.components(separatedBy: "lin-county-fast：").count - 1 == 2, "two year tables of the fast variant, once each")
    }

    @Test("The uncertainty section's reference and assumption reach the sources table of HTML, Markdown and JSON")
    func provenance() throws {
        let report = AnnualReport(
            scenarios: [ReportScenario(projection: try projection("lin-county", growth: 0.1), files: ["lin-county.yaml"])], year: 2018,
            language: .en)
        #expect(report.html().contains("fitted to 2010–2020") && report.html().contains("two points either way"))
        #expect(report.markdown().contains("fitted to 2010–2020"))
        #expect(report.json().rendered().contains("two points either way"))
    }
}
