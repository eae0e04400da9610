import Foundation
import PolicyModel
import ScenarioFiles
import Testing

@Suite("Roster CSV")
struct RosterCSVTests {
    static let valid = "11010519491231002X"

    func load(_ bytes: [UInt8]) throws -> [RosterRecord] {
        let folder = try ScenarioFolder([:])
        _ = FileManager.default.createFile(atPath: folder.file("r.csv"), contents: Data(bytes))
        return try RosterCSV.load(folder.file("r.csv"))
    }

    func load(_ text: String) throws -> [RosterRecord] { try load(Array(text.utf8)) }

    func error(_ text: String) -> ScenarioFileError? { error(Array(text.utf8)) }

    func error(_ bytes: [UInt8]) -> ScenarioFileError? {
        do {
            _ = try load(bytes)
            return nil
        } catch {
            #expect(!"\(error)".contains(Self.valid), "an error message shows an identity number")
            return error as? ScenarioFileError
        }
    }

    @Test("Columns in any order, quoted fields with commas, CRLF and a byte-order mark")
    func reads() throws {
        let records = try load(
            "\u{FEFF}name,township,id_number,household_id,size\r\n\"王, 小明\",东乡, \(Self.valid) ,H1,3\r\n李四,西乡,123,H2,1\r\n")
        #expect(records.count == 2)
        #expect(records[0].maskedName == "王" + String(repeating: "*", count: "王, 小明".count - 1))
        #expect(records[0].township == "东乡")
        #expect(records[0].validID != nil)
        #expect(records[0].size == 3)
        #expect(records[1].validID == nil)
        #expect(records[1].line == 3)
    }

    @Test("A missing column is named", arguments: ["id_number", "township"])
    func missingColumn(column: String) {
        let header = ["id_number", "township", "name"].filter { $0 != column }.joined(separator: ",")
        #expect(error(header + "\nx,y\n")?.message.contains("missing column '\(column)'") == true)
    }

    @Test("An empty file and a header without records are refused")
    func empty() {
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("id_number,township\n")?.message.contains("no records") == true)
    }

    @Test("A line with another number of fields names its line")
    func fieldCount() {
        let problem = error("id_number,township\n\(Self.valid),东乡\n\(Self.valid),东乡,extra\n")
        #expect(problem?.location.line == 3)
        #expect(problem?.message.contains("3 fields") == true)
    }

    @Test("Bytes that are not UTF-8 name their line")
    func notUTF8() {
        let bytes = Array("id_number,township\n\(Self.valid),东乡\n".utf8) + [0xC3, 0x28] + Array(",x\n".utf8)
        #expect(error(bytes)?.location.line == 3)
    }

    @Test("A size that is not a number is refused; an unclosed quote is refused")
    func badValues() {
        #expect(error("id_number,township,size\n\(Self.valid),东乡,many\n")?.location.line == 2)
        #expect(error("id_number,township\n\"\(Self.valid),东乡\n")?.message.contains("never closed") == true)
    }
}
