import Foundation
import Testing
import Workbench

/// `POST /api/run` is `dibao run FILE --format json --set …`, byte for byte, errors included.
@Suite("dibao serve answers as dibao run")
struct ServeTests {
    static let folder = DibaoProcess.repository.appendingPathComponent("scenarios").path

    static func workbench() throws -> Workbench { Workbench(directory: try ScenarioDirectory(folder)) }

    /// The JSON body of a run request.
    static func body(_ scenario: String, _ settings: [String]) -> [UInt8] {
        let set = settings.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ",")
        return Array("{\"scenario\": \"\(scenario)\", \"set\": [\(set)]}".utf8)
    }

    @Test(
        "The same bytes as the command line",
        arguments: [
            ("shangrao-2017-plan", ["series.poverty_line.growth=0.08"]),
            (
                "shangrao-2017-plan",
                ["series.standard.values.2018=4000", "budget.funding_shares.central=0.55", "budget.funding_shares.county=0.2"]
            ),
            ("budget-2021", ["targets[1].wan_yuan=1200"]),
            ("caseload-transitions", []),
        ])
    func sameBytes(scenario: String, settings: [String]) throws {
        let file = Self.folder + "/" + scenario + ".yaml"
        let cli = try DibaoProcess.run(["run", file, "--format", "json"] + settings.flatMap { ["--set", $0] })
        #expect(cli.status == 0 || cli.status == 1, "\(cli.stderr)")
        let answer = try Self.workbench().respond(method: "POST", path: "/api/run", body: Self.body(scenario, settings))
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self) == cli.stdout)
    }

    @Test("The same error messages as the command line, with file, line and key")
    func sameErrors() throws {
        let file = Self.folder + "/shangrao-2017-plan.yaml"
        for setting in ["series.caseload.values.2016=-5", "series.standrd.growth=0.1", "targets[40].at_least=0.3"] {
            let cli = try DibaoProcess.run(["run", file, "--format", "json", "--set", setting])
            #expect(cli.status == 2)
            let answer = try Self.workbench().respond(method: "POST", path: "/api/run", body: Self.body("shangrao-2017-plan", [setting]))
            #expect(answer.status == 422)
            let object = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
            let messages = (object?["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
            #expect(messages.map { "error: \($0)\n" }.joined() == cli.stderr, "\(setting)")
        }
    }
}

@Suite("dibao serve on the command line")
struct ServeCommandTests {
    @Test("A folder that does not exist: exit 2 with the folder named")
    func missingFolder() throws {
        let result = try DibaoProcess.run(["serve", "no-such-folder", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-folder"))
    }

    @Test("--host other than loopback warns that other computers can use it")
    func hostWarning() throws {
        let process = Process()
        process.executableURL = DibaoProcess.executable
        process.arguments = ["serve", "scenarios", "--port", "0", "--host", "0.0.0.0"]
        process.currentDirectoryURL = DibaoProcess.repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The first line on standard output says where it listens; then it is stopped.
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !seen.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        process.terminate()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(String(decoding: seen, as: UTF8.self).contains("http://0.0.0.0:"))
        #expect(stderr.contains("warning:") && stderr.contains("0.0.0.0"))
    }
}
