import Foundation
import PolicyModel
import Reports
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small scenario built in code: the plan's standards, no rural income, one target of each
/// outcome.
func sampleProjection() throws -> Projection {
    let scenario = Scenario(
        name: "sample", title: "样例, \"quoted\"", span: YearSpan(first: 2016, last: 2018),
        series: [
            .standard: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3240, 2017: 3660, 2018: 4260]),
            .povertyLine: SeriesDefinition(unit: .yuanPerPersonYear, values: [2014: 2800], growth: 0.06),
            .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard),
            .caseload: SeriesDefinition(unit: .persons, values: [2016: 1000], growth: 0),
        ],
        budget: BudgetRules(monthsPaid: 12, funding: .shares(central: 0.5, provincial: 0.3, county: 0.2)),
        targets: [
            Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2)),
            Target(.benefitAtLeast(year: 2018, YuanPerPersonMonth(300)), expectation: .fail, note: "a <note> & more"),
            Target(.averageGrowth(series: .standard, from: 2016, to: 2018, rate: 0.2, tolerance: 0.001)),
        ])
    return try Projection(scenario)
}

@Suite("Output shapes")
struct OutputShapeTests {
    @Test("The JSON has the documented keys; an undefined series is null, not zero")
    func json() throws {
        let text = ProjectionJSON.document(try sampleProjection()).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["scenario"] as? String == "sample")
        let years = try #require(object["years"] as? [[String: Any]])
        #expect(years.count == 3)
        let year2018 = years[2]
        for key in [
            "year", "standard_yuan_per_year", "poverty_line_yuan_per_year", "margin_above_poverty_line", "benefit_yuan_per_month",
            "rural_income_yuan_per_year", "caseload_persons", "benefit_spending_yuan", "workers", "admin_yuan", "total_budget_yuan",
            "central_yuan", "provincial_yuan", "county_yuan",
        ] {
            #expect(year2018.keys.contains(key), "missing \(key)")
        }
        #expect(year2018["rural_income_yuan_per_year"] is NSNull)
        #expect(year2018["workers"] is NSNull)
        #expect(year2018["standard_yuan_per_year"] as? Double == 4260)
        #expect(year2018["benefit_spending_yuan"] as? Double == Double(1000 * 245 * 12))
        #expect(year2018["county_yuan"] as? Double == Double(1000 * 245 * 12) * 0.2)

        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 3)
        #expect(checks[0]["kind"] as? String == "margin_above_poverty_line")
        #expect(checks[0]["year"] as? Int == 2018)
        #expect(checks[0]["passed"] as? Bool == true)
        #expect(checks[0]["required"] as? Double == 0.2)
        #expect(checks[1]["passed"] as? Bool == false)
        #expect(checks[1]["as_expected"] as? Bool == true)
        #expect(checks[2]["from"] as? Int == 2016 && checks[2]["to"] as? Int == 2018)
        for check in checks {
            for key in ["kind", "passed", "actual", "required", "message"] { #expect(check.keys.contains(key)) }
        }
    }

    @Test("The CSV has one row per year, unit-bearing headers, empty fields for undefined figures")
    func csv() throws {
        let text = ProjectionCSV.table(try sampleProjection()).rendered()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("scenario,year,standard_yuan_per_year,standard_yuan_per_month"))
        #expect(lines.count == 5)
        #expect(lines[3].hasPrefix("sample,2018,4260,355,"))
        #expect(lines[3].contains(",,"))
    }

    @Test("CSV fields with commas or quotes are quoted; a byte-order mark can lead")
    func csvQuoting() {
        let text = CSVTable(header: ["a", "b"], rows: [["x,y", "say \"hi\""]]).rendered(byteOrderMark: true)
        #expect(text == "\u{FEFF}a,b\n\"x,y\",\"say \"\"hi\"\"\"\n")
    }

    @Test("JSON strings are escaped and non-finite numbers become null")
    func jsonEscaping() {
        let value = JSONValue.object([("t", .string("a\"b\\c\n\u{01}")), ("n", .number(.nan)), ("i", .number(.infinity))])
        #expect(value.rendered(pretty: false) == "{\"t\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":null,\"i\":null}")
    }

    @Test("The JUnit report is well-formed XML with a skipped case for the expected failure")
    func junit() throws {
        let xml = JUnitReport.xml([try sampleProjection()], files: ["scenarios/a&b.yaml"])
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(xml.contains("<skipped"))
        #expect(xml.contains("failures=\"1\""))
        #expect(xml.contains("a&amp;b.yaml"))
    }

    @Test("The check listing marks passes ✓, failures ✗ and says which failures were expected")
    func listing() throws {
        let lines = CheckListing.lines(for: try sampleProjection())
        #expect(lines[0].hasPrefix("  ✓ margin above poverty line 2018"))
        #expect(lines[1].contains("✗") && lines[1].contains("expected to fail"))
        #expect(lines[2].contains("FAILED"))
    }
}
