import Foundation
import TestFolders
import Testing

/// Runs the built `dibao` executable.
struct DibaoProcess {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dibao")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dibao")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dibao` with `arguments`, `environment` added to this process's.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        try TestFolders.make("cli")
    }
}

@Suite("dibao command line")
struct CommandLineTests {
    @Test("run --format json gives the plan's figures: 2018 margin 4260 / (2800 × 1.06⁴) − 1")
    func runJSON() throws {
        let result = try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["scenario"] as? String == "shangrao-2017-plan")
        let years = try #require(object["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2016, 2017, 2018, 2019, 2020])
        let margin = try #require(years[2]["margin_above_poverty_line"] as? Double)
        #expect(abs(margin - (4260 / (2800 * 1.06 * 1.06 * 1.06 * 1.06) - 1)) < 1e-12)
        #expect(years[2]["standard_yuan_per_year"] as? Double == 4260)
        #expect(years[2]["benefit_yuan_per_month"] as? Double == 245)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(!checks.isEmpty)
    }

    @Test("check on the bundled scenarios exits 0 and shows the expected failures")
    func checkBundled() throws {
        let result = try DibaoProcess.run(["check", "scenarios/", "--lang", "en"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✗"))
        #expect(result.stdout.contains("expected to fail"))
        #expect(result.stdout.contains("0 unexpected"))
    }

    @Test("A scenario whose target fails unexpectedly makes check exit 1, and --junit records it")
    func checkFailing() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let broken = """
            extends: \(DibaoProcess.repository.path)/scenarios/shangrao-2017-plan.yaml
            targets:
              - {kind: margin_above_poverty_line, year: 2018, at_least: 0.30}
            """
        try broken.write(toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run(["check", folder + "/broken.yaml", "--junit", folder + "/junit.xml", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAILED"))
        let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("<failure"))
    }

    @Test("Bad input exits 2 with the file named and no stack trace")
    func badInput() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try "years: {from: 2016, to: 2018}\nseries:\n  stanard: {unit: yuan/person/year, values: {2016: 1}}\n"
            .write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        for arguments in [
            ["run", folder + "/bad.yaml"], ["check", folder], ["check", folder + "/bad.yaml", "--junit", folder + "/out.xml"],
        ] {
            let result = try DibaoProcess.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains(folder + "/bad.yaml:3"))
            #expect(result.stderr.contains("did you mean 'standard'"))
            #expect(!result.stderr.contains("Backtrac") && !result.stderr.contains("Fatal"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.xml"))
    }

    @Test("A missing file and an unknown option exit 2")
    func usageErrors() throws {
        #expect(try DibaoProcess.run(["run", "no/such.yaml"]).status == 2)
        #expect(try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml", "--format", "xml"]).status == 2)
    }

    @Test("run --format csv has a header and one line per year")
    func runCSV() throws {
        let result = try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 6)
    }
}

@Suite("dibao report")
struct ReportCommandTests {
    @Test("report writes index.html, report.md, report.json, SVGs and CSVs, and says what it wrote")
    func writesFolder() throws {
        let out = try DibaoProcess.temporaryFolder() + "/out"
        let result = try DibaoProcess.run(["report", "scenarios/shangrao-2017-plan.yaml", "--year", "2018", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        for name in ["index.html", "report.md", "report.json", "standard-vs-poverty-line.svg", "summary.csv"] {
            #expect(files.contains(name), "missing \(name)")
        }
        #expect(result.stdout.contains("shangrao-2017-plan"))
    }

    @Test("A report year outside every scenario exits 2 and writes nothing")
    func badYear() throws {
        let out = try DibaoProcess.temporaryFolder() + "/out"
        let result = try DibaoProcess.run(["report", "scenarios/shangrao-2017-plan.yaml", "--year", "2030", "--out", out])
        #expect(result.status == 2)
        #expect(result.stderr.contains("2030"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("An invalid scenario exits 2 and leaves the old report untouched")
    func badScenarioKeepsReport() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let out = folder + "/out"
        #expect(try DibaoProcess.run(["report", "scenarios/shangrao-2017-plan.yaml", "--out", out]).status == 0)
        let before = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        try "years: {from: 2016, to: 2015}\n".write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run(["report", folder + "/bad.yaml", "--out", out])
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: out + "/report.json", encoding: .utf8) == before)
    }
}

@Suite("dibao population and the microsimulation")
struct MicrosimulationCommandTests {
    @Test("population writes the same file twice for the same seed, with the documented header")
    func populationReproducible() throws {
        let folder = try DibaoProcess.temporaryFolder()
        for name in ["a.csv", "b.csv"] {
            let result = try DibaoProcess.run(["population", "--households", "300", "--seed", "9", "--out", folder + "/" + name])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.csv"))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: folder + "/b.csv"))))
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.hasPrefix("household_id,township,size,income_per_capita,registered_poor,category\n"))
        #expect(text.split(separator: "\n").count == 301)
    }

    @Test("population with impossible options exits 2 and writes nothing")
    func populationBadOptions() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let result = try DibaoProcess.run(["population", "--households", "0", "--out", folder + "/x.csv"])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.csv"))
    }

    @Test("run --by township reports every township, adding up to the total")
    func byTownship() throws {
        let result = try DibaoProcess.run(["run", "scenarios/microsimulation-plan.yaml", "--format", "json", "--by", "township"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let microsimulation = try #require(object["microsimulation"] as? [String: Any])
        let years = try #require(microsimulation["years"] as? [[String: Any]])
        let townships = try #require(microsimulation["by_township"] as? [[String: Any]])
        #expect(townships.count == 20)
        let total = try #require(years[0]["eligible_persons"] as? Double)
        let sum = townships.compactMap { (($0["years"] as? [[String: Any]])?[0]["eligible_persons"] as? Double) }.reduce(0, +)
        #expect(sum == total)
        // The driven caseload is the recipients.
        let projected = try #require(object["years"] as? [[String: Any]])
        #expect(projected[0]["caseload_persons"] as? Double == years[0]["recipient_persons"] as? Double)
    }

    @Test("A bad population file exits 2 naming its line")
    func badPopulation() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try "household_id,township,size,income_per_capita\n1,1,2,100\n2,1,0,100\n".write(
            toFile: folder + "/households.csv", atomically: true, encoding: .utf8)
        let scenario = """
            years: {from: 2016, to: 2017}
            series:
              standard: {unit: yuan/person/year, values: {2016: 3240, 2017: 3660}}
            microsimulation:
              population: households.csv
              income_base_year: 2016
              income_growth: 0.09
              payment: {rule: gap, floor_share_of_standard: 0.1}
            """
        try scenario.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run(["run", folder + "/s.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(folder + "/households.csv:3"))
    }
}

@Suite("dibao roster")
struct RosterCommandTests {
    /// Every identity number (normalised) and name in the bundled example rosters.
    static func personalData() throws -> (ids: [String], names: [String]) {
        var ids: [String] = []
        var names: [String] = []
        for file in ["dibao.csv", "registered.csv", "dibao-previous-quarter.csv"] {
            let text = try String(contentsOf: DibaoProcess.repository.appendingPathComponent("data/rosters/" + file), encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0]
            for row in lines.dropFirst() {
                let raw = row[header.firstIndex(of: "id_number")!].replacingOccurrences(of: "\"", with: "")
                ids.append(
                    String(
                        String.UnicodeScalarView(
                            raw.unicodeScalars.compactMap { s in
                                (0xFF10...0xFF19).contains(s.value) ? Unicode.Scalar(s.value - 0xFF10 + 0x30) : (s == " " ? nil : s)
                            })
                    ).uppercased())
                names.append(row[header.firstIndex(of: "name")!])
            }
        }
        return (ids, names)
    }

    /// Fails when any output shows a whole identity number (or its 17 leading digits) or a name.
    func expectMasked(_ texts: [String], _ place: String) throws {
        let (ids, names) = try Self.personalData()
        for text in texts {
            #expect(text.range(of: "[0-9]{17}[0-9Xx]", options: .regularExpression) == nil, "a whole number in \(place)")
            for id in ids where id.count >= 17 { #expect(!text.contains(id.prefix(17)), "an identity number in \(place)") }
            for name in names where name.count >= 2 { #expect(!text.contains(name), "a name in \(place)") }
        }
    }

    @Test("compare writes every list and the summary, and masks numbers and names everywhere")
    func compare() throws {
        let out = try DibaoProcess.temporaryFolder() + "/out"
        let result = try DibaoProcess.run([
            "roster", "compare", "data/rosters/dibao.csv", "data/rosters/registered.csv", "--out", out, "--scenario-fragment",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("合计"))
        #expect(result.stdout.contains("caseload_transitions"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.contains("both.csv") && files.contains("summary.json") && files.contains("scenario-fragment.yaml"))
        let contents = try files.map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        try expectMasked(contents + [result.stdout, result.stderr], "roster compare output")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let totals = try #require(summary["totals"] as? [String: Int])
        #expect(totals["both"]! > 0 && totals["invalid_dibao"]! > 0 && totals["township_or_household_differs"]! > 0)
    }

    @Test("changes lists additions, cancellations and adjustments, masked")
    func changes() throws {
        let result = try DibaoProcess.run(["roster", "changes", "data/rosters/dibao-previous-quarter.csv", "data/rosters/dibao.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        for kind in ["新增", "取消", "调整"] { #expect(result.stdout.contains(kind)) }
        try expectMasked([result.stdout, result.stderr], "roster changes output")
    }

    @Test("A bad roster exits 2 naming the line, showing no personal data")
    func badRoster() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try "id_number,township,name\n11010519491231002X,东乡,王小明\n11010519491231002X,东乡\n".write(
            toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run([
            "roster", "compare", folder + "/bad.csv", "data/rosters/registered.csv", "--out", folder + "/out",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.csv:3"))
        #expect(!result.stderr.contains("11010519491231002X") && !result.stderr.contains("王小明"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}

@Suite("Numerics commands")
struct NumericsCommandTests {
    @Test("run --draws gives every target a probability and every varying figure its percentiles")
    func monteCarlo() throws {
        let result = try DibaoProcess.run([
            "run", "scenarios/uncertain-poverty-line.yaml", "--draws", "2000", "--seed", "3", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let uncertainty = try #require(object["uncertainty"] as? [String: Any])
        let targets = try #require(uncertainty["targets"] as? [[String: Any]])
        #expect(targets.count == 10)
        #expect(targets.allSatisfy { ($0["probability_met"] as? Double).map { (0...1).contains($0) } ?? false })
        let years = try #require(uncertainty["years"] as? [[String: Any]])
        let line = try #require(years[4]["poverty_line_yuan_per_year"] as? [String: Double])
        #expect(line["p5"]! < line["p50"]! && line["p50"]! < line["p95"]!)
    }

    @Test("run --draws on a scenario without uncertainty exits 2")
    func noUncertainty() throws {
        #expect(try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml", "--draws", "10"]).status == 2)
    }

    @Test("fit prints each column's growth and writes a fragment that parses as YAML keys of a scenario")
    func fit() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let result = try DibaoProcess.run(["fit", "data/history/national.csv", "--out", folder + "/fragment.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let fragment = try String(contentsOfFile: folder + "/fragment.yaml", encoding: .utf8)
        #expect(fragment.contains("poverty_line: {growth:") && fragment.contains("growth_sd:") && fragment.contains("correlation:"))
    }

    @Test("solve finds the smallest 2018 benefit meeting 325 元/月 in 2020: 325 × 4260 / 5640")
    func solve() throws {
        let result = try DibaoProcess.run([
            "solve", "scenarios/shangrao-2017-plan.yaml", "--vary", "series.benefit.values.2018", "--range", "200..300", "--skip",
            "average_growth",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(String(format: "%.7g", 325.0 * 4260 / 5640)))
    }

    @Test("solve and sweep refuse a key they cannot vary, exit 2")
    func badKeys() throws {
        let text = try DibaoProcess.run(["solve", "scenarios/shangrao-2017-plan.yaml", "--vary", "name"])
        #expect(text.status == 2 && text.stderr.contains("not a number"), "\(text.stderr)")
        let misspelt = try DibaoProcess.run(["solve", "scenarios/shangrao-2017-plan.yaml", "--vary", "budget.funding_shares.countyy"])
        #expect(misspelt.status == 2 && misspelt.stderr.contains("did you mean 'county'"), "\(misspelt.stderr)")
        #expect(
            try DibaoProcess.run(["sweep", "scenarios/shangrao-2017-plan.yaml", "--vary", "series.poverty_line.growth=0.1..0.0/0.01"])
                .status == 2)
    }

    @Test("sweep writes one CSV row per combination")
    func sweep() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let result = try DibaoProcess.run([
            "sweep", "scenarios/shangrao-2017-plan.yaml", "--vary", "series.poverty_line.growth=0.04..0.08/0.01", "--vary",
            "series.caseload.growth=-0.05..0.05/0.05", "--csv", folder + "/grid.csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: folder + "/grid.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 5 * 3)
    }

    @Test("run on the transitions scenario reports persons by state")
    func transitions() throws {
        let result = try DibaoProcess.run(["run", "scenarios/caseload-transitions.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let states = try #require(object["caseload_states"] as? [String: Any])
        #expect((states["states"] as? [String])?.count == 4)
    }
}

@Suite("Runaway requests")
struct RunawayRequestTests {
    @Test("Draws beyond the one-run limit (pointing to shards), a sweep of more than a million runs and a folder given to run exit 2")
    func limits() throws {
        let draws = try DibaoProcess.run(["run", "scenarios/uncertain-poverty-line.yaml", "--draws", "900000000"])
        #expect(
            draws.status == 2 && draws.stderr.contains("at most 100000000 draws") && draws.stderr.contains("--shard"), "\(draws.stderr)")
        let sweep = try DibaoProcess.run([
            "sweep", "scenarios/shangrao-2017-plan.yaml", "--vary", "series.poverty_line.growth=0..1/0.0001", "--vary",
            "series.caseload.growth=0..1/0.0001",
        ])
        #expect(sweep.status == 2 && sweep.stderr.contains("1,000,000"))
        let folder = try DibaoProcess.run(["run", "scenarios"])
        #expect(folder.status == 2 && folder.stderr.contains("is a folder"))
    }
}
