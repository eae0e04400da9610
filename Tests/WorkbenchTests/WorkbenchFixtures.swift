import Foundation
import TestFolders
import Workbench

/// The repository, the bundled scenarios, and temporary copies of them for tests that write.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The workbench over the bundled scenarios (read only).
    static func bundled() throws -> Workbench {
        Workbench(directory: try ScenarioDirectory(repository + "/scenarios"))
    }

    /// A fresh folder holding a copy of `names` from scenarios/, and the workbench over it.
    static func copy(_ names: [String]) throws -> (folder: String, workbench: Workbench) {
        let folder = try TestFolders.make("serve")
        for name in names {
            try FileManager.default.copyItem(atPath: repository + "/scenarios/" + name, toPath: folder + "/" + name)
        }
        return (folder, Workbench(directory: try ScenarioDirectory(folder)))
    }
}

extension Workbench {
    /// A POST of `json` text.
    func post(_ path: String, _ json: String) -> WorkbenchResponse {
        respond(method: "POST", path: path, body: Array(json.utf8))
    }

    func get(_ path: String, query: String? = nil) -> WorkbenchResponse {
        respond(method: "GET", path: path, query: query)
    }
}

extension WorkbenchResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

    /// The `message` of each error of an error answer.
    var messages: [String] { (object["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? [] }
}
