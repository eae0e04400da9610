import Foundation
import TestFolders
import Testing
import Workbench

@Suite("Workbench API")
struct WorkbenchAPITests {
    @Test("GET /api/scenarios lists every bundled scenario by name, title and file")
    func listing() throws {
        let answer = try Fixtures.bundled().get("/api/scenarios")
        #expect(answer.status == 200)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [[String: Any]])
        let plan = try #require(list.first { $0["name"] as? String == "shangrao-2017-plan" })
        #expect(plan["file"] as? String == "shangrao-2017-plan.yaml")
        #expect((plan["title"] as? String)?.hasPrefix("上饶县农村低保与扶贫衔接") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repository + "/scenarios").filter { $0.hasSuffix(".yaml") }
        #expect(list.count == files.count)
    }

    @Test("POST /api/run with poverty-line growth 8%: the 2018 margin is 4260 / (2800 × 1.08⁴) − 1")
    func runWithSetting() throws {
        let answer = try Fixtures.bundled().post(
            "/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.poverty_line.growth": "0.08"}}"#)
        #expect(answer.status == 200)
        let years = try #require(answer.object["years"] as? [[String: Any]])
        let margin = try #require(years[2]["margin_above_poverty_line"] as? Double)
        #expect(abs(margin - (4260 / (2800 * 1.08 * 1.08 * 1.08 * 1.08) - 1)) < 1e-12)
        #expect(answer.object["what_ifs"] as? [String] == ["--set series.poverty_line.growth=0.08"])
    }

    @Test("A number in set is written as --set would take it: 5000, not 5000.0")
    func numbersAsTyped() throws {
        let answer = try Fixtures.bundled().post(
            "/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.standard.values.2018": 5000}}"#)
        #expect(answer.object["what_ifs"] as? [String] == ["--set series.standard.values.2018=5000"])
    }

    @Test("An unknown scenario is 404; a malformed body 400; a bad value 422 with the file's line")
    func statuses() throws {
        let workbench = try Fixtures.bundled()
        #expect(workbench.post("/api/run", #"{"scenario": "no-such-plan"}"#).status == 404)
        #expect(workbench.post("/api/run", "{not json").status == 400)
        #expect(workbench.post("/api/run", #"{"set": {}}"#).status == 400)
        #expect(workbench.post("/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"a": {"b": 1}}}"#).status == 400)
        let bad = workbench.post("/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.caseload.values.2016": "-5"}}"#)
        #expect(bad.status == 422)
        #expect(bad.messages.contains { $0.contains("series.caseload") })
        let unknown = workbench.post("/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.standrd.growth": "0.1"}}"#)
        #expect(unknown.status == 422)
        #expect(unknown.messages.contains { $0.contains("did you mean 'standard'") })
        #expect(workbench.get("/api/nothing").status == 404)
        #expect(workbench.get("/static/secret.txt").status == 404)
    }

    @Test("No request names a file outside the folder: .., absolute paths, encoded slashes, file keys")
    func confinement() throws {
        let workbench = try Fixtures.bundled()
        for name in ["../Package.swift", "/etc/passwd", "..%2FPackage.swift", "scenarios/../Package.swift", "..", "."] {
            let run = workbench.post("/api/run", "{\"scenario\": \"\(name)\"}")
            #expect(run.status == 404, "\(name)")
        }
        #expect(workbench.get("/api/scenarios/..%2F..%2Fetc%2Fpasswd/inputs").status == 400)
        #expect(workbench.get("/api/scenarios/%2e%2e/inputs").status == 400)
        #expect(workbench.get("/static/..%2F..%2FPackage.swift").status == 400)
        let population = workbench.post(
            "/api/run", #"{"scenario": "microsimulation-plan", "set": {"microsimulation.population": "/etc/passwd"}}"#)
        #expect(population.status == 422)
        #expect(population.messages.first?.contains("does not change which files") == true)
    }

    @Test("A symlink that leaves the folder is neither listed nor served")
    func symlinkOut() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        let outside = TestFolders.file("outside", suffix: ".yaml")
        try FileManager.default.copyItem(atPath: Fixtures.repository + "/scenarios/slower-standard.yaml", toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: folder + "/escape.yaml", withDestinationPath: outside)
        #expect(!workbench.get("/api/scenarios").text.contains("escape"))
        #expect(workbench.post("/api/run", #"{"scenario": "escape.yaml"}"#).status == 404)
        #expect(workbench.post("/api/run", #"{"scenario": "slower-standard"}"#).status == 404)
    }

    @Test("Requests too large or asking too many draws are refused")
    func limits() throws {
        let workbench = try Fixtures.bundled()
        let big = "{\"scenario\": \"shangrao-2017-plan\", \"x\": \"" + String(repeating: "a", count: 70_000) + "\"}"
        #expect(workbench.post("/api/run", big).status == 413)
        #expect(workbench.post("/api/montecarlo", #"{"scenario": "budget-2021", "draws": 100000000}"#).status == 400)
        #expect(workbench.post("/api/montecarlo", #"{"scenario": "shangrao-2017-plan", "draws": 10}"#).status == 422)
    }

    @Test("The inputs of the plan: the standard's path by year, the poverty line's growth 6%, shares and caps in 万元")
    func inputs() throws {
        let answer = try Fixtures.bundled().get("/api/scenarios/shangrao-2017-plan/inputs")
        #expect(answer.status == 200)
        let inputs = try #require(answer.object["inputs"] as? [[String: Any]])
        let byKey = Dictionary(uniqueKeysWithValues: inputs.map { ($0["key"] as! String, $0) })
        #expect(byKey["series.standard.values.2018"]?["value"] as? Double == 4260)
        #expect(byKey["series.poverty_line.growth"]?["value"] as? Double == 0.06)
        #expect(byKey["series.poverty_line.growth"]?["factor"] as? Double == 100)
        #expect(byKey["budget.funding_shares.county"]?["value"] as? Double == 0.15)
        // county_budget_at_most 2018: yuan 10000000 = 1000 万元.
        let cap = try #require(byKey["targets[8].yuan"])
        #expect((cap["value"] as! Double) * (cap["factor"] as! Double) == 1000)
        let paths = try #require(answer.object["paths"] as? [[String: Any]])
        #expect(paths.first?["series"] as? String == "standard")
        #expect(paths.first?["values"] as? [Double] == [3240, 3660, 4260, 4860, 5640])
    }

    @Test("Many requests at once each get the answer one request gets")
    func concurrent() async throws {
        let workbench = try Fixtures.bundled()
        let one = workbench.post("/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.caseload.growth": "0.01"}}"#).text
        let answers = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    workbench.post("/api/run", #"{"scenario": "shangrao-2017-plan", "set": {"series.caseload.growth": "0.01"}}"#).text
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 16 && answers.allSatisfy { $0 == one })
    }

    @Test("Monte Carlo runs as a job: its progress reaches the draws, then probabilities and the budget")
    func monteCarlo() async throws {
        let workbench = try Fixtures.bundled()
        let started = workbench.post("/api/montecarlo", #"{"scenario": "budget-2021", "draws": 200, "seed": 7}"#)
        #expect(started.status == 202)
        let id = try #require(started.object["id"] as? String)
        var status: [String: Any] = [:]
        for _ in 0..<600 {
            status = workbench.get("/api/montecarlo/\(id)").object
            if status["finished"] as? Bool == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status["done"] as? Int == 200)
        let result = try #require(status["result"] as? [String: Any])
        let run = try #require(result["run"] as? [String: Any])
        let uncertainty = try #require(run["uncertainty"] as? [String: Any])
        #expect(uncertainty["draws"] as? Int == 200)
        let budget = try #require(result["confidence_budget"] as? [String: Any])
        #expect(budget["year"] as? Int == 2021)
        #expect(workbench.get("/api/montecarlo/no-such-job").status == 404)
    }

    @Test("The report downloads: a docx is a zip, an xlsx a zip, the HTML a page, the CSV the year table")
    func downloads() throws {
        let workbench = try Fixtures.bundled()
        for format in ["docx", "xlsx"] {
            let answer = workbench.get("/api/report", query: "scenario=shangrao-2017-plan&format=\(format)")
            #expect(answer.status == 200)
            #expect(Array(answer.body.prefix(2)) == [0x50, 0x4B], "\(format) is a zip")
            #expect(answer.headers.contains { $0.name == "Content-Disposition" && $0.value.contains(".\(format)") })
        }
        let html = workbench.get("/api/report", query: "scenario=shangrao-2017-plan&format=html&lang=en")
        #expect(html.text.contains("<html"))
        let csv = workbench.get("/api/report", query: "scenario=shangrao-2017-plan&format=csv&set=series.standard.values.2018%3D4000")
        #expect(csv.status == 200)
        #expect(csv.text.contains("4000"))
        #expect(workbench.get("/api/report", query: "scenario=shangrao-2017-plan&format=pdf").status == 400)
    }

    @Test("The page and its files are served; nothing else from the resources")
    func page() throws {
        let workbench = try Fixtures.bundled()
        let page = workbench.get("/")
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
        #expect(page.text.contains("/static/app.js"))
        #expect(!page.text.contains("http://") && !page.text.contains("https://"), "no resource from the network")
        #expect(workbench.get("/static/app.js").status == 200)
        #expect(workbench.get("/static/app.css").status == 200)
    }
}
