import Foundation
import ScenarioFiles
import Testing

@Suite("Writing output folders")
struct OutputFolderTests {
    @Test("A report folder is replaced as a whole: old files disappear, new ones appear")
    func replaces() throws {
        let folder = try ScenarioFolder([:])
        let out = folder.file("reports")
        try OutputFolder.replace(out, with: [("report.json", "{}"), ("old.csv", "a")], marker: "report.json")
        try OutputFolder.replace(out, with: [("report.json", "{\"v\": 2}"), ("new.csv", "b")], marker: "report.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["new.csv", "report.json"])
        #expect(try String(contentsOfFile: out + "/report.json", encoding: .utf8) == "{\"v\": 2}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["reports"])
    }

    @Test("A folder that is not an earlier report is never replaced")
    func refusesForeignFolder() throws {
        let folder = try ScenarioFolder(["notes.txt": "keep me"])
        #expect(throws: ScenarioFileError.self) {
            try OutputFolder.replace(folder.path, with: [("report.json", "{}")], marker: "report.json")
        }
        #expect(try String(contentsOfFile: folder.file("notes.txt"), encoding: .utf8) == "keep me")
    }

    @Test("When a write fails the old report stays whole and no temporary folder is left")
    func failureKeepsOld() throws {
        let folder = try ScenarioFolder([:])
        let out = folder.file("reports")
        try OutputFolder.replace(out, with: [("report.json", "old")], marker: "report.json")
        #expect(throws: ScenarioFileError.self) {
            try OutputFolder.replace(out, with: [("report.json", "new"), ("no/such/dir.csv", "x")], marker: "report.json")
        }
        #expect(try String(contentsOfFile: out + "/report.json", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["reports"])
    }

    @Test("A single output file is written whole, replacing the old one")
    func singleFile() throws {
        let folder = try ScenarioFolder([:])
        try OutputFile.write("first", to: folder.file("junit.xml"))
        try OutputFile.write("second", to: folder.file("junit.xml"))
        #expect(try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["junit.xml"])
    }
}
