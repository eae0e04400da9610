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
