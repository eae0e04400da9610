import Foundation
import PolicyModel
import Reports
import RunLayer
import ScenarioFiles

extension Workbench {
    /// `POST /api/save` with `scenario`, `set` and `file`: the scenario's file with the `set`
    /// values written in place and `name:` the new file's stem, saved beside it as `file`.
    /// Never overwrites unless `overwrite` is true (409 otherwise). The new text is loaded
    /// and checked before it takes the name (the link is atomic), so a bad value changes
    /// nothing on disk.
    func save(_ request: RunRequest) throws(WorkbenchError) -> WorkbenchResponse {
        guard let name = request.file else {
            throw WorkbenchError(status: 400, "give \"file\": the name of the new scenario file, such as 标准放缓.yaml")
        }
        let entry = try entry(named: request.scenario)
        let target = try directory.newFile(named: name, beside: entry.file)
        let relative = String(target.dropFirst(directory.path.count + 1))
        let exists = FileManager.default.fileExists(atPath: target)
        if exists && !request.overwrite {
            throw WorkbenchError(status: 409, "\(relative) already exists in \(directory.path); choose another name or allow overwriting")
        }
        if exists && target == entry.path {
            throw WorkbenchError(status: 409, "\(relative) is the scenario being edited; save the edit under a new name")
        }
        // The edited values must load as a what-if first: their messages are those of `--set`.
        let overrides = try request.overrides()
        do {
            _ = try ScenarioLoader.load(entry.path, overrides: overrides)
        } catch {
            throw WorkbenchError(error)
        }
        let original: LoadedScenario
        let text: String
        do {
            original = try ScenarioLoader.load(entry.path)
            text = try String(contentsOfFile: entry.path, encoding: .utf8)
        } catch let error as ScenarioFileErrors {
            throw WorkbenchError(error)
        } catch {
            throw WorkbenchError(status: 422, "\(entry.path) cannot be read: \(error)")
        }
        var editor = ScenarioTextEditor(text: text, file: entry.path, locations: original.locations)
        let stem = ((target as NSString).lastPathComponent as NSString).deletingPathExtension
        var edits = overrides.map { ($0.keyPath, $0.value) }
        edits.append((["name"], Self.yamlString(stem)))
        for (keyPath, value) in edits where !editor.set(keyPath, to: value) {
            throw WorkbenchError(
                status: 422,
                "\(ScenarioProblem.dotted(keyPath)) cannot be written into \(entry.path) in place (its value there is a list or mapping); edit the file itself"
            )
        }
        return try write(editor.text, to: target, relative: relative, checking: overrides, overwrite: request.overwrite)
    }

    /// Writes `text` to a hidden sibling of `target`, loads it (its `set` values must read back
    /// as given), then links it to `target` (refusing an existing file) or renames it over it.
    private func write(_ text: String, to target: String, relative: String, checking overrides: [ScenarioOverride], overwrite: Bool)
        throws(WorkbenchError) -> WorkbenchResponse
    {
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            ".\((target as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw WorkbenchError(status: 500, "cannot write in \(folder)")
        }
        defer { unlink(temporary) }
        let saved: LoadedScenario
        do {
            saved = try ScenarioLoader.load(temporary)
        } catch {
            throw WorkbenchError(error)
        }
        for override in overrides {
            let expected = try? ScenarioLoader.load(temporary, overrides: [override]).number(at: override.keyPath)
            guard (try? saved.number(at: override.keyPath)) == expected else {
                throw WorkbenchError(
                    status: 422, "\(override.keyPath.joined(separator: ".")) did not read back as \(override.value) after editing the file")
            }
        }
        if overwrite {
            guard rename(temporary, target) == 0 else { throw WorkbenchError(status: 500, "cannot write \(relative)") }
        } else if link(temporary, target) != 0 {
            throw WorkbenchError(
                status: errno == EEXIST ? 409 : 500,
                errno == EEXIST ? "\(relative) already exists in \(directory.path); choose another name" : "cannot write \(relative)")
        }
        return .json(
            .object([("file", .string(relative)), ("name", .string(saved.scenario.name)), ("path", .string(target))]), status: 201)
    }

    /// `text` as a YAML scalar: plain when it is a simple name, else double-quoted.
    static func yamlString(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !(text.first?.isNumber ?? true)
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
