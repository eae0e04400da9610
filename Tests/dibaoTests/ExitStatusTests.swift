import Foundation
import Testing

/// One exit-status table for every command, shared options, Chinese by default, and commands
/// over many files that read every file before they fail.
@Suite("Exit statuses and shared options")
struct ExitStatusTests {
    static let commandsWithTargets = [["run"], ["check"], ["report"], ["solve"], ["sweep"]]
    static let commandsWithoutTargets = [["fit"], ["population"], ["roster", "compare"], ["roster", "changes"], ["roster", "example"]]

    @Test("Every command's help ends with the exit-status table; commands that check no targets have no status 1")
    func helpTables() throws {
        for command in Self.commandsWithTargets + Self.commandsWithoutTargets {
            let help = try DibaoProcess.run(command + ["--help"]).stdout
            #expect(help.contains("0  done"), "\(command)")
            #expect(help.contains("2  bad input (a file, key or option): nothing was written"), "\(command)")
            #expect(
                help.contains("1  a target failed (or passed) unexpectedly") == Self.commandsWithTargets.contains(command), "\(command)")
        }
    }

    @Test("--threads and --lang read the same in every command that takes them; the default is said once")
    func sharedOptions() throws {
        for command in [["run"], ["check"], ["report"], ["solve"], ["sweep"]] {
            let help = try DibaoProcess.run(command + ["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let threads = try #require(help.range(of: "--threads <threads>", options: .backwards), "\(command)")
            let description = help[threads.upperBound...].prefix { $0 != "-" }
            #expect(
                description.contains("(default: all cores)") && description.components(separatedBy: "default:").count == 2, "\(command)")
        }
        for command in [
            ["run"], ["check"], ["report"], ["solve"], ["sweep"], ["fit"], ["population"], ["roster", "compare"], ["roster", "changes"],
            ["roster", "example"],
        ] {
            let help = try DibaoProcess.run(command + ["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.contains("values: zh, en; default: zh"), "\(command)")
        }
    }

    @Test("run and check speak Chinese unless told --lang en")
    func chineseByDefault() throws {
        let run = try DibaoProcess.run(["run", "scenarios/shangrao-2017-plan.yaml"])
        #expect(run.stdout.contains("年份") && run.stdout.contains("低保标准(元/年)") && !run.stdout.contains("standard ("))
        let check = try DibaoProcess.run(["check", "scenarios/shangrao-2017-plan.yaml"])
        #expect(check.stdout.contains("标准高于扶贫标准"))
        let solve = try DibaoProcess.run(["solve", "scenarios/faster-poverty-line.yaml", "--vary", "series.poverty_line.growth"])
        #expect(solve.stdout.contains("全部目标达标的区间") && solve.stdout.contains("标准高于扶贫标准 2018年"), "\(solve.stdout)")
        let english = try DibaoProcess.run(["check", "scenarios/shangrao-2017-plan.yaml", "--lang", "en"])
        #expect(english.stdout.contains("margin above poverty line"))
    }

    @Test("run exits 1 when a target's outcome is not the expected one")
    func runUnexpected() throws {
        let folder = try DibaoProcess.temporaryFolder()
        try """
        extends: \(DibaoProcess.repository.path)/scenarios/shangrao-2017-plan.yaml
        targets:
          - {kind: margin_above_poverty_line, year: 2018, at_least: 0.30}
        """.write(toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run(["run", folder + "/broken.yaml", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"as_expected\":false") || result.stdout.contains("\"as_expected\": false"))
    }

    @Test("check over a folder reads every file: two bad files are both listed with all their problems, the good one is checked, exit 2")
    func checkEveryFile() throws {
        let folder = try DibaoProcess.temporaryFolder()
        let plan = try String(contentsOfFile: DibaoProcess.repository.path + "/scenarios/shangrao-2017-plan.yaml", encoding: .utf8)
        try plan.write(toFile: folder + "/b-good.yaml", atomically: true, encoding: .utf8)
        try "years: {from: 2016, to: 2018}\nseries:\n  stanard: {unit: yuan/person/year, values: {2016: 1}}\ntitel: x\n"
            .write(toFile: folder + "/a-bad.yaml", atomically: true, encoding: .utf8)
        try "years: {from: 2016, to: 20x8}\n".write(toFile: folder + "/c-bad.yaml", atomically: true, encoding: .utf8)
        let result = try DibaoProcess.run(["check", folder, "--lang", "en", "--junit", folder + "/junit.xml"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("b-good.yaml — shangrao-2017-plan"))
        #expect(result.stderr.contains("a-bad.yaml:3:3: series.stanard"))
        #expect(result.stderr.contains("a-bad.yaml:4:1: titel"))
        #expect(result.stderr.contains("c-bad.yaml:1"))
        #expect(result.stderr.contains("2 files have problems"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/junit.xml"))

        let report = try DibaoProcess.run(["report", folder, "--out", folder + "/out"])
        #expect(report.status == 2)
        #expect(report.stderr.contains("a-bad.yaml") && report.stderr.contains("c-bad.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}
