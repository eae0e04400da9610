import Foundation
import Reports
import Testing

/// The Markdown and CSV of the bundled plan, compared with the files committed in
/// `Snapshots/`. Changing them is a reviewed act: run `DIBAO_UPDATE_SNAPSHOTS=1 swift test`
/// and read the diff before committing it.
@Suite("Report snapshots")
struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test("The plan's report.md, summary, targets and year tables match the committed snapshots")
    func planSnapshots() throws {
        let files = AnnualReport(scenarios: try bundled(["shangrao-2017-plan"]), year: 2018).files()
        let names = [
            "report.md", "summary.csv", "targets.csv", "years-shangrao-2017-plan-levels.csv", "years-shangrao-2017-plan-budget.csv",
        ]
        for name in names {
            let contents = try #require(files.first { $0.name == name }?.contents)
            let snapshot = Self.folder.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["DIBAO_UPDATE_SNAPSHOTS"] == "1" {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: snapshot)
                continue
            }
            // Compared as bytes: reading text through String(contentsOf:) would drop the byte-order mark.
            let committed = try Data(contentsOf: snapshot)
            #expect(
                Data(contents.utf8) == committed, "\(name) differs from Snapshots/\(name); if the change is intended, update the snapshots")
        }
    }
}
