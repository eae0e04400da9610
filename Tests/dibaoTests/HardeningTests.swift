import Foundation
import Testing

/// Hostile and careless inputs end with exit 2 and a message that names the file, line and key;
/// none crashes, hangs or leaves a temporary file behind.
@Suite("Hardening")
struct HardeningTests {
    let plan = DibaoProcess.repository.path + "/scenarios/shangrao-2017-plan.yaml"

    func write(_ text: String, _ name: String, in folder: String) throws {
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }

    @Test("A 400-byte alias bomb is refused at once, at the anchor's line; so is a single alias")
    func aliasBomb() throws {
        let folder = try DibaoProcess.temporaryFolder()
        var bomb = "years: {from: 2016, to: 2018}\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "f"]) {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        bomb += "title: *g\n"
        try write(bomb, "bomb.yaml", in: folder)
        let started = Date()
        let result = try DibaoProcess.run(["run", folder + "/bomb.yaml"])
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.status == 2 && result.stderr.contains("bomb.yaml:2:4") && result.stderr.contains("anchors and aliases"))
        try write(plan.isEmpty ? "" : "extends: \(plan)\nx: &d hi\ntitle: *d\n", "alias.yaml", in: folder)
        let alias = try DibaoProcess.run(["run", folder + "/alias.yaml"])
        #expect(alias.status == 2 && alias.stderr.contains("alias.yaml:2:4"))
    }

    @Test("extends: a cycle through '..', a folder and a FIFO are errors at the extends line; a FIFO is never opened")
    func extendsTargets() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try write("extends: sub/../a.yaml\nyears: {from: 2016, to: 2018}\n", "a.yaml", in: folder)
        try write("extends: sub\nyears: {from: 2016, to: 2018}\n", "b.yaml", in: folder)
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)
        try write("extends: fifo\nyears: {from: 2016, to: 2018}\n", "c.yaml", in: folder)
        for (file, message) in [("a.yaml", "cycle"), ("b.yaml", "not a scenario file"), ("c.yaml", "not a scenario file")] {
            let result = try DibaoProcess.run(["run", folder + "/" + file])
            #expect(
                result.status == 2 && result.stderr.contains("\(file):1:10: extends:") && result.stderr.contains(message),
                "\(result.stderr)")
        }
        for command in [["run", folder + "/fifo"], ["fit", folder + "/fifo"], ["roster", "changes", folder + "/fifo", folder + "/fifo"]] {
            let result = try DibaoProcess.run(command)
            #expect(result.status == 2 && result.stderr.contains("not a regular file"), "\(command): \(result.stderr)")
        }
    }

    @Test("Growth of 1e308 is an error at the series' growth, not a ✓; a caseload of 1e300 with staff is an error, not a crash")
    func nonFinite() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try write("extends: \(plan)\nname: huge-growth\nseries:\n  poverty_line: {growth: 1e308, reference: null}\n", "g.yaml", in: folder)
        let growth = try DibaoProcess.run(["check", folder + "/g.yaml"])
        #expect(growth.status == 2 && growth.stderr.contains("g.yaml:4:18: series.poverty_line.growth") && !growth.stdout.contains("✓"))
        try write(
            "extends: \(plan)\nname: huge-caseload\nseries:\n  caseload: {values: {2016: 1e300}, reference: null}\n", "c.yaml", in: folder)
        let caseload = try DibaoProcess.run(["run", folder + "/c.yaml"])
        #expect(
            caseload.status == 2 && caseload.stderr.contains("series.caseload") && caseload.stderr.contains("too large"),
            "\(caseload.stderr)")
        try write(
            "extends: \(plan)\nname: wild\nuncertainty:\n  growth_sd: {poverty_line: 1e31}\n", "u.yaml", in: folder)
        let draws = try DibaoProcess.run(["run", folder + "/u.yaml", "--draws", "10"])
        #expect(draws.status == 2 && draws.stderr.contains("u.yaml:4:15: uncertainty.growth_sd.poverty_line"), "\(draws.stderr)")
    }

    @Test("More than 65,536 distinct townships in a population file is an error naming the column, not a crash")
    func manyTownships() throws {
        let folder = try DibaoProcess.temporaryFolder()
        var csv = "household_id,township,size,income_per_capita\n"
        for index in 0..<70_000 { csv += "\(index),t\(index),1,1000\n" }
        try write(csv, "population.csv", in: folder)
        try write(
            """
            extends: \(DibaoProcess.repository.path)/scenarios/microsimulation-plan.yaml
            name: many
            microsimulation:
              population: population.csv
              reference: a file with a township per household
            """, "m.yaml", in: folder)
        let result = try DibaoProcess.run(["run", folder + "/m.yaml"])
        #expect(result.status == 2 && result.stderr.contains("township") && result.stderr.contains("65536"), "\(result.stderr)")
    }

    @Test("Two scenarios with one name are an error naming both files; nothing is written")
    func sameName() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try write("extends: \(plan)\nname: plan\n", "plan.yaml", in: folder + "/a")
        try write("extends: \(plan)\nname: plan\n", "plan.yaml", in: folder + "/b")
        let result = try DibaoProcess.run(["report", folder + "/a/plan.yaml", folder + "/b/plan.yaml", "--out", folder + "/out"])
        #expect(result.status == 2 && result.stderr.contains("b/plan.yaml:2:1: name") && result.stderr.contains("a/plan.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        try write("extends: \(plan)\nname: \"lin/a\"\n", "slash.yaml", in: folder)
        let slash = try DibaoProcess.run(["run", folder + "/slash.yaml"])
        #expect(slash.status == 2 && slash.stderr.contains("slash.yaml:2:7: name") && slash.stderr.contains("letters, digits"))
    }

    @Test("A missing path is listed with the bad files while the others are still checked")
    func missingPath() throws {
        let result = try DibaoProcess.run(["check", plan, "no/such.yaml", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("shangrao-2017-plan") && result.stderr.contains("no/such.yaml: no such file or directory"))
    }

    @Test("solve refuses a mistyped --skip and an input that changes nothing, with what to do")
    func solveMistakes() throws {
        let skip = try DibaoProcess.run(["solve", plan, "--vary", "series.poverty_line.growth", "--skip", "benefit_at_leest"])
        #expect(skip.status == 2 && skip.stderr.contains("did you mean 'benefit_at_least'"))
        let useless = try DibaoProcess.run(["solve", plan, "--vary", "series.standard.growth"])
        #expect(useless.status == 2 && useless.stderr.contains("changes nothing"))
        let hint = try DibaoProcess.run(["solve", plan, "--vary", "series.poverty_line.growth"])
        #expect(hint.stdout.contains("--skip average_growth"))
    }

    @Test("A killed run's temporary files are removed, and a report folder it had moved aside is restored, by the next run")
    func leftovers() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let first = try DibaoProcess.run(["report", plan, "--out", folder + "/rep"])
        #expect(first.status == 0)
        // A run killed between its two renames: the folder moved to .rep.old-PID, no new folder yet.
        let deadPID = 999_999
        try FileManager.default.moveItem(atPath: folder + "/rep", toPath: folder + "/.rep.old-\(deadPID)")
        try "partial".write(toFile: folder + "/.rep.tmp-\(deadPID)", atomically: false, encoding: .utf8)
        try "partial".write(toFile: folder + "/.junit.xml.tmp-\(deadPID)", atomically: false, encoding: .utf8)
        _ = try DibaoProcess.run(["check", plan, "--junit", folder + "/junit.xml"])
        let second = try DibaoProcess.run(["report", plan, "--out", folder + "/rep"])
        #expect(second.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(Set(names) == ["rep", "junit.xml"], "\(names)")
    }

    @Test("report --draws below 1, --percentiles without --draws or outside (0, 100), and report --confidence 1 are refused")
    func drawOptions() throws {
        #expect(try DibaoProcess.run(["report", plan, "--draws=-5", "--out", "/tmp/never"]).status == 2)
        #expect(try DibaoProcess.run(["report", plan, "--confidence", "1", "--out", "/tmp/never"]).status == 2)
        let uncertain = DibaoProcess.repository.path + "/scenarios/uncertain-poverty-line.yaml"
        #expect(try DibaoProcess.run(["run", uncertain, "--percentiles", "5,95"]).stderr.contains("needs --draws"))
        for bad in ["0,50", "100", "5,,95", "x"] {
            let result = try DibaoProcess.run(["run", uncertain, "--draws", "10", "--percentiles", bad])
            #expect(result.status == 2 && result.stderr.contains("--percentiles"), "\(bad): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never"))
    }
}

/// No reader's error echoes an identity number: each is fed a roster without its header.
@Suite("Personal data in messages")
struct PersonalDataMessageTests {
    @Test("Every reader's error on real-looking roster lines shows no 17 digits and a check character")
    func noWholeNumbers() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let lines = "369901199001010014,张三丰,东乡,东一村,H00001,3\n36990119900101002X,李四,西乡,西二村,H00002,2\n"
        try lines.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        try lines.write(toFile: folder + "/r.yaml", atomically: true, encoding: .utf8)
        try ("year,a\n" + lines).write(toFile: folder + "/h.csv", atomically: true, encoding: .utf8)
        try
            "years: {from: 2016, to: 2017}\nmicrosimulation: {population: r.csv, income_base_year: 2016, income_growth: 0.05, payment: {rule: gap}}\n"
            .write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let commands = [
            ["roster", "compare", folder + "/r.csv", folder + "/r.csv", "--out", folder + "/out"],
            ["roster", "changes", folder + "/r.csv", folder + "/r.csv"], ["fit", folder + "/r.csv"], ["fit", folder + "/h.csv"],
            ["run", folder + "/r.yaml"], ["run", folder + "/m.yaml"], ["check", folder],
        ]
        let wholeNumber = try Regex("[0-9]{17}[0-9Xx]")
        for command in commands {
            let result = try DibaoProcess.run(command)
            #expect(result.status == 2, "\(command)")
            #expect(!result.stderr.contains(wholeNumber) && !result.stdout.contains(wholeNumber), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("张三丰"), "\(command)")
        }
    }
}
