import Foundation
import Testing

/// The finance bureau's questions on the bundled 2021 budget, as commands: what the county must
/// budget and how sure it can be, what if more people apply, and where a figure comes from.
@Suite("Finance commands on the 2021 budget")
struct FinanceCommandTests {
    static let budget = "scenarios/budget-2021.yaml"

    @Test("check judges probability_at_least by drawing: 10,000 draws unless --draws says otherwise, and says so")
    func probabilityTargets() throws {
        let plain = try DibaoProcess.run(["check", Self.budget, "--lang", "en"])
        #expect(plain.status == 0 && plain.stdout.contains("met in "), "\(plain.stdout)")
        #expect(plain.stderr.contains("judged by 10000 draws, seed 1"), "\(plain.stderr)")
        let drawn = try DibaoProcess.run(["check", Self.budget, "--draws", "4000", "--seed", "2021", "--lang", "en"])
        #expect(drawn.status == 0, "\(drawn.stdout)\(drawn.stderr)")
        #expect(drawn.stdout.contains("met in ") && drawn.stdout.contains("met with probability ≥ 90.0%"), "\(drawn.stdout)")
        // Raising the requirement to 99% makes the 1,100 万元 cap fail: exit 1 (unexpected outcome).
        let strict = try DibaoProcess.run(["check", Self.budget, "--draws", "4000", "--set", "targets[1].probability_at_least=99%"])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
    }

    @Test("run --draws --percentiles: CSV rows carry the mean and each percentile asked for, and every target's probability")
    func percentilesCSV() throws {
        let result = try DibaoProcess.run([
            "run", Self.budget, "--draws", "2000", "--seed", "3", "--percentiles", "5,50,90,95,99", "--format", "csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "scenario,year,item,mean,p5,p50,p90,p95,p99,probability_met,draws,seed")
        let county = try #require(lines.first { $0.hasPrefix("budget-2021,2021,county_yuan,") }).split(separator: ",")
        let values = county[3...8].map { Double($0)! }
        // Percentiles rise with their level; the mean lies between the 5th and the 95th.
        #expect(values[1] <= values[2] && values[2] <= values[3] && values[3] <= values[4] && values[4] <= values[5])
        #expect(values[1] < values[0] && values[0] < values[4])
        #expect(lines.filter { $0.contains(",target [") }.count == 3)
        let json = try DibaoProcess.run(["run", Self.budget, "--draws", "200", "--percentiles", "10,90", "--format", "json"])
        #expect(json.stdout.contains("\"p10\"") && json.stdout.contains("\"p90\"") && !json.stdout.contains("\"p95\""))
    }

    @Test("budget --format xlsx writes a workbook atomically; without --out it is refused")
    func budgetWorkbook() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let path = folder + "/budget.xlsx"
        let result = try DibaoProcess.run(["budget", Self.budget, "--year", "2021", "--format", "xlsx", "--out", path])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0x50, 0x4B]))  // a zip: PK
        #expect(try DibaoProcess.run(["budget", Self.budget, "--year", "2021", "--format", "xlsx"]).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["budget.xlsx"])
    }

    @Test("What if 10% more people apply: --scale series.caseload=+10% raises 2021's benefit spending by 10% exactly")
    func morePeopleApply() throws {
        func spending(_ extra: [String]) throws -> Double {
            let result = try DibaoProcess.run(["run", Self.budget, "--format", "csv"] + extra)
            let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let column = try #require(lines[0].firstIndex(of: "benefit_spending_yuan"))
            return Double(try #require(lines.first { $0[1] == "2021" })[column])!
        }
        let base = try spending([])
        let more = try spending(["--scale", "series.caseload=+10%"])
        #expect(abs(more / base - 1.1) < 1e-12, "\(more) vs \(base)")
    }

    @Test("solve varies a funding share: the city share that keeps the county within its cap")
    func solveCityShare() throws {
        let result = try DibaoProcess.run([
            "solve", Self.budget, "--vary", "budget.funding.city.share", "--range", "0..0.5", "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("budget.funding.city.share"), "\(result.stdout)")
    }

    @Test("A what-if is said wherever the scenario is shown: table, JSON, budget; --scale moves households proportional to the caseload")
    func whatIfsAreShown() throws {
        let table = try DibaoProcess.run(["run", Self.budget, "--scale", "series.caseload=+10%", "--lang", "en"])
        #expect(table.stdout.contains("what-if (not the scenario as written): --scale series.caseload=+10%"), "\(table.stdout)")
        // 9,300 households × 1.1 = 10,230 in 2020.
        #expect(table.stdout.contains("10,230"), "\(table.stdout)")
        let json = try DibaoProcess.run(["run", Self.budget, "--set", "budget.funding.city.share=8%", "--format", "json"])
        #expect(json.stdout.contains("\"what_ifs\": [\n    \"--set budget.funding.city.share=8%\"\n  ]"), "\(json.stdout.prefix(400))")
        let budget = try DibaoProcess.run(["budget", Self.budget, "--year", "2021", "--set", "budget.funding.city.share=8%"])
        #expect(budget.stdout.contains("假设调整：--set budget.funding.city.share=8%"), "\(budget.stdout)")
    }

    @Test("A transfer beyond the need shows as a surplus line, and the levels add up to the total plus it")
    func surplusLine() throws {
        let result = try DibaoProcess.run([
            "budget", Self.budget, "--year", "2021", "--set", "budget.funding.central.transfer.wan_yuan.2021=6500", "--format", "csv",
        ])
        let rows = Dictionary(
            uniqueKeysWithValues: result.stdout.split(separator: "\n").dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(fields[0]), Double(fields[1])!)
            })
        let levels = ["central", "provincial", "city", "county"].map { rows[$0]! }.reduce(0, +)
        let surplus = try #require(rows["surplus"])
        #expect(surplus > 0 && abs(levels - (rows["total"]! + surplus)) < 1e-6, "\(rows)")
    }
}

@Suite("dibao init and the official report")
struct OfficialReportCommandTests {
    @Test("init writes a commented Chinese template that runs as written, and never overwrites a file")
    func initTemplate() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let file = folder + "/我县方案.yaml"
        let written = try DibaoProcess.run(["init", file, "--county", "某某县"])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("county: 某某县") && text.contains("# 低保标准"))
        let run = try DibaoProcess.run(["run", file])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // The commented ledger example runs too, once uncommented.
        let uncommented = text.replacingOccurrences(of: "# actuals:", with: "actuals:").replacingOccurrences(of: "#   ", with: "  ")
        try uncommented.write(toFile: file + ".2.yaml", atomically: true, encoding: .utf8)
        #expect(try DibaoProcess.run(["check", file + ".2.yaml"]).status == 0)
        let again = try DibaoProcess.run(["init", file])
        #expect(again.status == 2 && again.stderr.contains("never overwrites"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
    }

    @Test("report --format docx writes the Word document alone; a recorded year's target reads 达标, a projected one 预计")
    func docxAlone() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let result = try DibaoProcess.run([
            "report", "scenarios/shangrao-2017-plan.yaml", "--actuals", "data/ledger/shangrao-actuals.csv", "--format", "docx", "--out",
            folder + "/报告.docx",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/报告.docx"))
        #expect(bytes.starts(with: [0x50, 0x4B]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["报告.docx"])
        // A folder is not a file name: refused, nothing written beside it.
        let intoFolder = try DibaoProcess.run(["report", "scenarios/shangrao-2017-plan.yaml", "--format", "docx", "--out", folder])
        #expect(intoFolder.status == 2 && intoFolder.stderr.contains("writes one file"), "\(intoFolder.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + ".docx"))
        let markdown = try DibaoProcess.run([
            "report", "scenarios/shangrao-2017-plan.yaml", "--actuals", "data/ledger/shangrao-actuals.csv", "--out", folder + "/r",
        ])
        #expect(markdown.status == 0)
        let report = try String(contentsOfFile: folder + "/r/report.md", encoding: .utf8)
        #expect(report.contains("| 低保标准下限 2018年 | ✓ 达标 |"), "\(report.prefix(3000))")
        #expect(report.contains("| 低保标准下限 2020年 | ✓ 预计达标 |"))
        #expect(report.contains("计划与实际"))
        #expect(!report.contains("shangrao-2017-plan"))
    }
}
