import Foundation
import Testing
import Workbench

@Suite("Saving an edited scenario")
struct SaveTests {
    @Test("Saved beside the original with the value changed on its line; comments and order kept; name from the file")
    func savesInPlace() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        let answer = workbench.post(
            "/api/save",
            #"{"scenario": "shangrao-2017-plan", "file": "增长放缓", "set": {"series.poverty_line.growth": "0.08", "budget.funding_shares.central": "0.55", "budget.funding_shares.county": "0.2", "targets[8].yuan": "11000000"}}"#
        )
        #expect(answer.status == 201, "\(answer.text)")
        #expect(answer.object["file"] as? String == "增长放缓.yaml")
        let original = try String(contentsOfFile: folder + "/shangrao-2017-plan.yaml", encoding: .utf8).components(separatedBy: "\n")
        let saved = try String(contentsOfFile: folder + "/增长放缓.yaml", encoding: .utf8).components(separatedBy: "\n")
        #expect(saved.count == original.count)
        let changed = zip(original, saved).filter { $0 != $1 }
        #expect(changed.count == 4)
        #expect(saved.contains("    growth: 0.08"))
        #expect(saved.contains("  funding_shares: {central: 0.55, provincial: 0.25, county: 0.2}"))
        #expect(saved.contains { $0.contains("county_budget_at_most, year: 2018, yuan: 11000000,") })
        #expect(saved.contains("name: 增长放缓"))
        #expect(saved.first == original.first, "the comment at the top is kept")
        // The saved file runs as the original with the values set.
        let run = workbench.post("/api/run", #"{"scenario": "增长放缓"}"#)
        let years = try #require(run.object["years"] as? [[String: Any]])
        let margin = try #require(years[2]["margin_above_poverty_line"] as? Double)
        #expect(abs(margin - (4260 / (2800 * 1.08 * 1.08 * 1.08 * 1.08) - 1)) < 1e-12)
    }

    @Test("A key the file does not write is added under its parent: the standard's growth")
    func addsMissingKey() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        let answer = workbench.post(
            "/api/save",
            #"{"scenario": "shangrao-2017-plan", "file": "with-growth.yaml", "set": {"series.standard.growth": "0.1", "microsimulation.take_up": "0.9"}}"#
        )
        // microsimulation is not in the file: added at the end as a new section, which the loader then refuses.
        #expect(answer.status == 422)
        #expect(!FileManager.default.fileExists(atPath: folder + "/with-growth.yaml"), "a bad save writes nothing")
        let good = workbench.post(
            "/api/save", #"{"scenario": "shangrao-2017-plan", "file": "with-growth.yaml", "set": {"series.standard.growth": "0.1"}}"#)
        #expect(good.status == 201, "\(good.text)")
        let saved = try String(contentsOfFile: folder + "/with-growth.yaml", encoding: .utf8)
        #expect(saved.contains("\n    growth: 0.1\n  poverty_line:"), "at the end of the standard's block")
    }

    @Test("Never overwrites without being asked: 409, the file unchanged; with overwrite it is replaced")
    func neverOverwrites() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        let request = #"{"scenario": "shangrao-2017-plan", "file": "copy.yaml", "set": {"series.caseload.growth": "-0.05"}}"#
        #expect(workbench.post("/api/save", request).status == 201)
        let first = try String(contentsOfFile: folder + "/copy.yaml", encoding: .utf8)
        let again = workbench.post("/api/save", #"{"scenario": "shangrao-2017-plan", "file": "copy.yaml", "set": {}}"#)
        #expect(again.status == 409)
        #expect(try String(contentsOfFile: folder + "/copy.yaml", encoding: .utf8) == first)
        let overwrite = workbench.post(
            "/api/save", #"{"scenario": "shangrao-2017-plan", "file": "copy.yaml", "set": {}, "overwrite": true}"#)
        #expect(overwrite.status == 201)
        #expect(try String(contentsOfFile: folder + "/copy.yaml", encoding: .utf8).contains("growth: -0.03"))
        let own = workbench.post(
            "/api/save", #"{"scenario": "shangrao-2017-plan", "file": "shangrao-2017-plan.yaml", "set": {}, "overwrite": true}"#)
        #expect(own.status == 409, "the scenario being edited is never replaced")
    }

    @Test("File names with a folder, .., a leading dot or an encoded slash are refused; nothing is written")
    func badNames() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        for name in ["../escape.yaml", "/tmp/escape.yaml", "sub/escape.yaml", ".hidden.yaml", "..", "a%2Fb.yaml", "a\\b.yaml", ""] {
            let answer = workbench.post("/api/save", "{\"scenario\": \"shangrao-2017-plan\", \"file\": \"\(name)\", \"set\": {}}")
            #expect(answer.status == 400, "\(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files == ["shangrao-2017-plan.yaml"])
    }

    @Test("A value the loader refuses is a 422 with its message, and nothing is written")
    func badValue() throws {
        let (folder, workbench) = try Fixtures.copy(["shangrao-2017-plan.yaml"])
        let answer = workbench.post(
            "/api/save", #"{"scenario": "shangrao-2017-plan", "file": "bad.yaml", "set": {"series.caseload.values.2016": "-5"}}"#)
        #expect(answer.status == 422)
        #expect(!answer.messages.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["shangrao-2017-plan.yaml"])
    }
}
