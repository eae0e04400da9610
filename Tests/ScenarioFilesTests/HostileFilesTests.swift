import Foundation
import PolicyModel
import RunLayer
import Testing

@testable import ScenarioFiles

/// Readers refuse what would crash, hang or fill memory, and never echo personal data.
@Suite("Hostile files")
struct HostileFilesTests {
    /// A valid identity number for tests, in the unassigned region 3699xx (no real person).
    static let idNumber = "369901199001010014"

    @Test("A roster without its header row is refused without printing line 1 (an identity number and a name)")
    func headerlessRoster() throws {
        let folder = try ScenarioFolder(["r.csv": "\(Self.idNumber),张三丰,东乡\n369901199001010022,李四,西乡\n"])
        do {
            _ = try RosterCSV.load(folder.file("r.csv"))
            Issue.record("a roster without a header loaded")
        } catch {
            #expect(!error.description.contains(Self.idNumber) && !error.description.contains("张三丰"), "\(error)")
            #expect(error.description.contains("header"))
        }
    }

    @Test("A roster with a column named twice is refused at the second one")
    func duplicateColumn() throws {
        let folder = try ScenarioFolder(["r.csv": "id_number,township,township\n\(Self.idNumber),东乡,西乡\n"])
        #expect(
            throws: ScenarioFileError(
                SourceLocation(file: folder.file("r.csv"), line: 1, column: 3), key: "township",
                "column 'township' appears twice in the header")
        ) {
            _ = try RosterCSV.load(folder.file("r.csv"))
        }
    }

    @Test("A line with a full-width comma is named for it in the roster, history and ledger, without the line's text")
    func fullWidthComma() throws {
        let hint = "; it holds a full-width comma '，', which does not separate fields: type ',' instead"
        let folder = try ScenarioFolder([
            "r.csv": "id_number,township\n\(Self.idNumber)，东乡\n", "h.csv": "year,a\n2015，1\n", "l.csv": "年份,人数\n2019，5\n",
        ])
        let loads: [(String, () throws -> Void)] = [
            ("r.csv", { _ = try RosterCSV.load(folder.file("r.csv")) }),
            ("h.csv", { _ = try HistoryCSV.load(folder.file("h.csv")) }),
            ("l.csv", { _ = try ActualsCSV.load(folder.file("l.csv")) }),
        ]
        for (name, load) in loads {
            do {
                try load()
                Issue.record("\(name) loaded")
            } catch let error as ScenarioFileError {
                #expect(error.location.line == 2 && error.message == "line 2 has 1 field, the header has 2" + hint, "\(name)")
                #expect(!error.description.contains(Self.idNumber) && !error.description.contains("东乡"), "\(name)")
            }
        }
        // In the header: the missing column's message says why.
        let header = try ScenarioFolder(["r.csv": "id_number，township\n\(Self.idNumber),东乡\n"])
        do {
            _ = try RosterCSV.load(header.file("r.csv"))
            Issue.record("a header with a full-width comma loaded")
        } catch {
            #expect(error.location.line == 1 && error.message.hasSuffix(hint), "\(error)")
        }
    }

    @Test("A roster line with a field of a megabyte is refused at its line")
    func longField() throws {
        let folder = try ScenarioFolder(["r.csv": "id_number,township\n\(Self.idNumber),\(String(repeating: "乡", count: 400_000))\n"])
        #expect(throws: ScenarioFileError.self) { _ = try RosterCSV.load(folder.file("r.csv")) }
        do { _ = try RosterCSV.load(folder.file("r.csv")) } catch { #expect(error.location.line == 2) }
    }

    @Test("A history of 3,000 columns is refused at once; one with invalid UTF-8 names the line")
    func history() throws {
        let wide =
            "year," + (0..<3_000).map { "c\($0)" }.joined(separator: ",") + "\n2016,"
            + Array(repeating: "1", count: 3_000).joined(separator: ",") + "\n"
        let folder = try ScenarioFolder(["wide.csv": wide])
        let started = Date()
        #expect(throws: ScenarioFileError.self) { _ = try HistoryCSV.load(folder.file("wide.csv")) }
        #expect(Date().timeIntervalSince(started) < 2)
        let bad = folder.file("bad.csv")
        _ = FileManager.default.createFile(atPath: bad, contents: Data("year,a\n2016,1\n2017,\u{1}".utf8) + Data([0xFF, 0x0A]))
        do {
            _ = try HistoryCSV.load(bad)
            Issue.record("invalid UTF-8 loaded")
        } catch {
            #expect(error.location.line == 3)
        }
    }

    @Test("A problem in the population file also names the scenario line that points at it")
    func populationLine() throws {
        let folder = try ScenarioFolder([
            "households.csv": "household_id,township,size,income_per_capita\n1,1,2,-5\n",
            "m.yaml": """
            years: {from: 2016, to: 2017}
            series:
              standard: {unit: yuan/person/year, values: {2016: 3240, 2017: 3660}}
            microsimulation:
              population: households.csv
              income_base_year: 2016
              income_growth: 0.05
              payment: {rule: gap}
              drives: [caseload]
            """,
        ])
        let errors = try #require(folder.errors(loading: "m.yaml")).errors
        #expect(errors.contains { $0.location.file.hasSuffix("households.csv") && $0.location.line == 2 })
        #expect(errors.contains { $0.location == SourceLocation(file: folder.file("m.yaml"), line: 5, column: 3) })
    }

    @Test("A write that fails (a full disk) is an error, not a crash: writing to /dev/full")
    func fullDisk() {
        let descriptor = open("/dev/full", O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        #expect(OutputFile.writeAll(String(repeating: "x", count: 100_000), to: descriptor) == ENOSPC)
    }

    @Test("Synthetic populations: a billion households, a weight of 1e300 and a median income of 1e308 are refused")
    func populationBounds() {
        for change in [
            { (p: inout SyntheticPopulation) in p.households = 1_000_000_000_000 }, { $0.weight = 1e300 }, { $0.medianIncome = 1e308 },
        ] {
            var population = SyntheticPopulation(households: 10, seed: 1)
            change(&population)
            #expect(throws: ScenarioProblem.self) { try population.validate() }
        }
    }

    @Test("Malformed YAML with lone CR line breaks is an error at its line, not a crash (found by the fuzzer)")
    func carriageReturns() throws {
        let text = String(repeating: "name: x\r", count: 12) + "series: [a: {\r"
        let folder = try ScenarioFolder(["cr.yaml": text])
        let error = try #require(folder.error(loading: "cr.yaml"))
        #expect(error.message.contains("malformed YAML"), "\(error)")
    }

    @Test("Invalid UTF-8 and a control character in a scenario are reported at their line; a state listed twice says so")
    func scenarioBytes() throws {
        let folder = try ScenarioFolder([
            "ok.yaml": minimalScenario,
            "control.yaml": minimalScenario.replacingOccurrences(of: "name: minimal", with: "name: minimal\ntitle: a\u{1}b"),
            "states.yaml": minimalScenario.replacingOccurrences(
                of: "  caseload: {unit: persons, values: {2016: 30000}, growth: -0.03}\n", with: "")
                + "caseload_transitions:\n  states: [a, a]\n  initial: {a: 1}\n  recipients: [a]\n  matrix: [[1, 0], [0, 1]]\n",
        ])
        var bytes = Array(minimalScenario.utf8)
        bytes.insert(contentsOf: [0xC3, 0x28], at: bytes.firstIndex(of: 0x0A)! + 1)
        _ = FileManager.default.createFile(atPath: folder.file("utf8.yaml"), contents: Data(bytes))
        #expect(folder.error(loading: "utf8.yaml")?.location.line == 2)
        let control = try #require(folder.error(loading: "control.yaml"))
        #expect(control.location.line == 2 && control.message.contains("U+0001"))
        let states = try #require(folder.error(loading: "states.yaml"))
        #expect(states.key == "caseload_transitions.states" && states.message.contains("listed twice"))
    }
}
