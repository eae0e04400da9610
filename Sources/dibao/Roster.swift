import ArgumentParser
import PolicyModel
import Reports
import ScenarioFiles

/// `dibao roster`: reconciliation of the dibao roster with the registered-poor roster (clause 二).
struct Roster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Compare the dibao roster with the registered-poor (建档立卡) roster; quarterly change sets.",
        discussion: "Identity numbers and names are masked in every output (362321********123X, 张*).\n\n" + ExitStatus.tableWithoutTargets,
        subcommands: [Compare.self, Changes.self, Example.self])

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Who is in both rosters, in one, has an invalid or repeated number, or differs in township or household.",
            discussion: ExitStatus.tableWithoutTargets)

        @Argument(help: "The dibao roster (CSV with id_number, township; optional name, household_id, village, size).")
        var dibao: String

        @Argument(help: "The registered-poor roster (same columns).")
        var registered: String

        @Option(help: "The folder for the lists and summary (replaced as a whole).")
        var out: String = "roster-comparison"

        @Flag(help: "Also write the caseload model's initial state counts (scenario-fragment.yaml).")
        var scenarioFragment = false

        @OptionGroup var language: LanguageOption

        func run() throws {
            let rosters = try RosterCSV.load([dibao, registered])
            let report = RosterReport(
                RosterComparison(dibao: rosters[0], registered: rosters[1]), dibaoFile: dibao, registeredFile: registered)
            try OutputFolder.replace(out, with: report.files(withFragment: scenarioFragment), marker: "summary.json")
            print(report.table(language: language.lang).rendered(), terminator: "")
            if scenarioFragment { print("\n" + report.scenarioFragment, terminator: "") }
            print(language.lang == .zh ? "已写入 \(out)/" : "wrote \(out)/")
        }
    }

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes",
            abstract: "The quarterly change set of one roster: additions, cancellations and adjustments, as CSV.",
            discussion: ExitStatus.tableWithoutTargets)

        @Argument(help: "The roster as it was.")
        var old: String

        @Argument(help: "The roster as it is now.")
        var new: String

        @Option(help: "Write the CSV here instead of to standard output.")
        var out: String?

        @OptionGroup var language: LanguageOption

        func run() throws {
            let rosters = try RosterCSV.load([old, new])
            let table = RosterReport.changes(RosterChanges(old: rosters[0], new: rosters[1]))
            if let out {
                try OutputFile.write(table.rendered(byteOrderMark: true), to: out)
                print(
                    language.lang == .zh ? "已写入 \(out)：\(table.rows.count) 条变更" : "wrote \(out): \(table.rows.count) changes")
            } else {
                print(table.rendered(), terminator: "")
            }
        }
    }

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "example",
            abstract: "Write a synthetic pair of rosters and the dibao roster's previous quarter (no real people).",
            discussion: ExitStatus.tableWithoutTargets)

        @Option(help: "The folder to write dibao.csv, registered.csv and dibao-previous-quarter.csv into.")
        var out: String

        @Option(help: "People to draw.")
        var persons: Int = 400

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @OptionGroup var language: LanguageOption

        func run() throws {
            guard (1...20_000_000).contains(persons) else { throw ValidationError("--persons must be from 1 to 20,000,000") }
            let rosters = SyntheticRosters(persons: persons, seed: seed).generate()
            try RosterCSV.writeExample(rosters, to: out)
            let counts =
                "dibao.csv (\(rosters.dibao.count)), registered.csv (\(rosters.registered.count)), dibao-previous-quarter.csv (\(rosters.dibaoPreviousQuarter.count))"
            print(language.lang == .zh ? "已写入 \(out)/：\(counts)" : "wrote \(out)/: \(counts)")
        }
    }
}
