import Foundation
import Testing

/// `--set KEY.PATH=VALUE`: a what-if equals the edited file, and a wrong path is an error at `--set`.
@Suite("--set")
struct OverrideTests {
    let plan = DibaoProcess.repository.path + "/scenarios/shangrao-2017-plan.yaml"

    @Test(
        "run --set series.poverty_line.growth=0.08 gives, byte for byte, the figures of the file edited to 0.08; only the what-if note differs"
    )
    func equalsEditedFile() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "growth: 0.06", with: "growth: 0.08")
        #expect(edited != text)
        try edited.write(toFile: folder + "/shangrao-2017-plan.yaml", atomically: true, encoding: .utf8)
        let viaSet = try DibaoProcess.run(["run", plan, "--set", "series.poverty_line.growth=0.08", "--format", "json"])
        let viaFile = try DibaoProcess.run(["run", folder + "/shangrao-2017-plan.yaml", "--format", "json"])
        // The JSON says the what-if (`what_ifs`); everything else is the same, byte for byte.
        let note = "\"what_ifs\": [\n    \"--set series.poverty_line.growth=0.08\"\n  ],"
        #expect(viaSet.stdout.contains(note))
        #expect(viaSet.stdout.replacingOccurrences(of: note, with: "\"what_ifs\": [],") == viaFile.stdout && !viaSet.stdout.isEmpty)
        #expect(viaSet.status == viaFile.status)
        for format in ["csv", "table"] {
            let set = try DibaoProcess.run(["run", plan, "--set", "series.poverty_line.growth=0.08", "--format", format])
            let file = try DibaoProcess.run(["run", folder + "/shangrao-2017-plan.yaml", "--format", format])
            let disclosed = "假设调整（非原方案）：--set series.poverty_line.growth=0.08\n"
            #expect(set.stdout.replacingOccurrences(of: disclosed, with: "") == file.stdout, "\(format)")
            #expect(format == "csv" ? set.stdout == file.stdout : set.stdout.contains(disclosed))
        }
    }

    @Test("A target's threshold by its position: targets[3].at_least=0.25 makes the 2018 margin (20.5%) fail, exit 1")
    func targetThreshold() throws {
        let result = try DibaoProcess.run(["run", plan, "--set", "targets[3].at_least=0.25", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ margin above poverty line 2018: 20.5% (≥ 25.0%)"))
    }

    @Test("A misspelt path, a list position past the end, a bad value and a malformed --set are errors at --set, exit 2")
    func mistakes() throws {
        for (argument, message) in [
            ("series.poverty_line.grwth=0.08", "--set: series.poverty_line.grwth: unknown key 'grwth'; did you mean 'growth'?"),
            ("targets[30].at_least=0.25", "--set: targets[30].at_least: the scenario has no place for this key"),
            ("series.poverty_line.growth=abc", "--set: series.poverty_line.growth: expected a number, not 'abc'"),
            ("series.poverty_line.growth", "write --set KEY.PATH=VALUE"),
        ] {
            let result = try DibaoProcess.run(["check", plan, "--set", argument])
            #expect(result.status == 2, "\(argument)")
            #expect(result.stderr.contains(message), "\(argument): \(result.stderr)")
        }
    }
}

/// `dibao run --format xlsx`.
@Suite("Workbook output")
struct WorkbookOutputTests {
    @Test("--format xlsx needs --out; with it the workbook is a zip written in place, no temporary left; the same bytes twice")
    func workbook() throws {
        let plan = DibaoProcess.repository.path + "/scenarios/shangrao-2017-plan.yaml"
        #expect(try DibaoProcess.run(["run", plan, "--format", "xlsx"]).status == 2)
        let folder = try DibaoProcess.temporaryFolder()
        for name in ["a.xlsx", "b.xlsx"] {
            #expect(try DibaoProcess.run(["run", plan, "--format", "xlsx", "--out", folder + "/" + name]).status == 0)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.xlsx"))
        #expect(a.prefix(2) == Data("PK".utf8))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: folder + "/b.xlsx"))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.xlsx", "b.xlsx"])
    }
}

/// `dibao explain`.
@Suite("Explain")
struct ExplainTests {
    @Test(
        "The 2020 county share is 0.15 × (21000 × 0.97⁴ × 245 × 5640 / 4260 × 12 + ⌈21000 × 0.97⁴ / 400⌉ × 36000), down to the file's lines"
    )
    func countyShare() throws {
        let result = try DibaoProcess.run(["explain", "scenarios/shangrao-2017-plan.yaml", "county_yuan", "2020", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let caseload = 21000 * 0.97 * 0.97 * 0.97 * 0.97
        let expected = 0.15 * (caseload * 245 * 5640 / 4260 * 12 + (caseload / 400).rounded(.up) * 36000)
        #expect(abs(try #require(root["value"] as? Double) - expected) < 1e-6)
        #expect(root["rule"] as? String == "need × share")
        var leaves: [[String: Any]] = []
        func collect(_ node: [String: Any]) {
            let inputs = node["inputs"] as? [[String: Any]] ?? []
            if inputs.isEmpty { leaves.append(node) } else { inputs.forEach(collect) }
        }
        collect(root)
        let names = Set(leaves.compactMap { $0["name"] as? String })
        #expect(
            names.isSuperset(of: [
                "budget.funding_shares.county", "series.caseload.values.2016", "series.caseload.growth", "series.benefit.values.2018",
                "budget.staff.recipients_per_worker",
            ]), "\(names)")
        let share = try #require(leaves.first { $0["name"] as? String == "budget.funding_shares.county" })
        #expect(share["value"] as? Double == 0.15)
        // The line that writes the shares, found in the file rather than counted by hand.
        let lines = try String(contentsOfFile: DibaoProcess.repository.path + "/scenarios/shangrao-2017-plan.yaml", encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("funding_shares:") }) + 1
        #expect((share["written_at"] as? String)?.hasPrefix("scenarios/shangrao-2017-plan.yaml:\(line):") == true, "\(share)")
    }

    @Test("--set reaches the explanation; an unknown figure suggests the closest; a year outside the span is refused")
    func mistakes() throws {
        let set = try DibaoProcess.run([
            "explain", "scenarios/shangrao-2017-plan.yaml", "county_yuan", "2020", "--set",
            "budget.funding_shares={central: 0.6, provincial: 0.2, county: 0.2}",
            "--lang", "en",
        ])
        #expect(set.status == 0 && set.stdout.contains("budget.funding_shares.county: 20.00%  --set"), "\(set.stdout)\(set.stderr)")
        let unknown = try DibaoProcess.run(["explain", "scenarios/shangrao-2017-plan.yaml", "county_yaun", "2020"])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean 'county_yuan'"))
        #expect(try DibaoProcess.run(["explain", "scenarios/shangrao-2017-plan.yaml", "county_yuan", "2030"]).status == 2)
    }
}

/// `dibao budget`.
@Suite("Budget command")
struct BudgetCommandTests {
    @Test("budget --format json has the documented keys; Monte Carlo fields are null without --draws, numbers with them")
    func json() throws {
        for draws in [nil, "2000"] {
            let arguments =
                ["budget", "scenarios/uncertain-poverty-line.yaml", "--year", "2020", "--format", "json"]
                + (draws.map { ["--draws", $0] } ?? [])
            let result = try DibaoProcess.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(
                Set(object.keys) == ["scenario", "what_ifs", "year", "confidence", "draws", "seed", "levels", "total", "surplus", "caps"])
            #expect(object["surplus"] is NSNull)
            let levels = try #require(object["levels"] as? [[String: Any]])
            #expect(levels.map { $0["level"] as? String } == ["central", "provincial", "county"])
            let total = try #require(object["total"] as? [String: Any])
            #expect((total["at_confidence_yuan"] is NSNull) == (draws == nil))
            let caps = try #require(object["caps"] as? [[String: Any]])
            #expect(caps.first?["level"] as? String == "county" && caps.first?["cap_yuan"] as? Double == 12_000_000)
        }
    }

    @Test("A confidence outside 0.5–0.999, a year outside the span and a scenario without a budget exit 2")
    func mistakes() throws {
        #expect(
            try DibaoProcess.run(["budget", "scenarios/uncertain-poverty-line.yaml", "--year", "2020", "--confidence", "1.5"]).status == 2)
        #expect(try DibaoProcess.run(["budget", "scenarios/uncertain-poverty-line.yaml", "--year", "2030"]).status == 2)
    }
}

/// `--scale series.NAME=FACTOR`: what if 10% more people apply?
@Suite("--scale")
struct ScaleTests {
    @Test(
        "--scale series.caseload=+10% makes the 2018 caseload 21000 × 1.1 × 0.97² and breaks the 2020 cap; a series not written is refused")
    func caseload() throws {
        let result = try DibaoProcess.run([
            "run", "scenarios/shangrao-2017-plan.yaml", "--scale", "series.caseload=+10%", "--format", "json",
        ])
        // 10% more people break the county's 2020 cap (1,110.84 万元 × about 1.1 > 1,200 万元): exit 1.
        #expect(result.status == 1, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let years = try #require(object["years"] as? [[String: Any]])
        let caseload = try #require(years[2]["caseload_persons"] as? Double)
        #expect(abs(caseload - 21000 * 1.1 * 0.97 * 0.97) < 1e-6)
        let households = try DibaoProcess.run(["run", "scenarios/microsimulation-plan.yaml", "--scale", "series.caseload=1.1"])
        #expect(households.status == 2 && households.stderr.contains("--scale: series.caseload"))
        #expect(try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml", "--scale", "series.caseload=abc"]).status == 2)
    }
}
