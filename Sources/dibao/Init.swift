import ArgumentParser
import Foundation
import ScenarioFiles

/// `dibao init FILE [--county NAME]`: a commented Chinese template scenario that runs as written.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented Chinese template scenario (it runs as written; change its numbers).",
        discussion: ExitStatus.tableWithoutTargets)

    @Argument(help: "The scenario file to write (not overwritten if it exists).")
    var file: String

    @Option(help: "The county's name, for the title and the report.")
    var county: String?

    @Option(help: "The budget year the template centres on (default 2025).")
    var year: Int = 2025

    func validate() throws {
        guard (1990...2190).contains(year) else { throw ValidationError("--year must be a year such as 2025, not \(year)") }
        if let county, county.isEmpty || county.count > 40 || county.contains(where: { "\n\r{}[]:#,\"'".contains($0) }) {
            throw ValidationError("--county must be a plain name such as 上饶县 (no punctuation), not '\(county)'")
        }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw UsageError("\(file) exists; choose another name (dibao init never overwrites a file)")
        }
        try OutputFile.write(ScenarioTemplate.text(county: county, year: year), to: file)
        print("已写入 \(file)：请按注释修改数字，然后运行 dibao run \(file)")
    }
}
