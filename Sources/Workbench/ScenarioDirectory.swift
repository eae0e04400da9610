import Foundation
import ScenarioFiles

/// The folder of scenario files the workbench serves: the only place it reads scenarios from
/// or writes them to. A request names a scenario only by a name from the listing; a file to
/// write is a plain file name (no folder, no `..`, no leading dot) in the folder of the
/// scenario it was edited from, and every path is checked again by its real path (symlinks
/// resolved) to lie inside the folder.
public struct ScenarioDirectory: Sendable {
    /// The folder as given (`scenarios`): scenario files are read by this path, so messages
    /// name them as `dibao run scenarios/FILE` would.
    public let path: String
    /// The folder's real path (symlinks resolved).
    let root: String

    /// The folder `path`; a 404 when it does not exist or is not a folder.
    public init(_ path: String) throws(WorkbenchError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
            let root = Self.realPath(path)
        else {
            throw WorkbenchError(status: 404, "the scenario folder \(path) does not exist")
        }
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.root = root
    }

    /// The scenario files of the folder (`*.yaml`, `*.yml`), by name relative to it, in name
    /// order: regular files whose real path lies inside the folder (a symlink that leaves it
    /// is not listed).
    public func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && contains(fullPath(of: name))
        }.sorted()
    }

    /// `name` inside the folder, as it is read (`scenarios/NAME`).
    public func fullPath(of name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Whether `path` exists as a regular file whose real path lies inside the folder.
    func contains(_ path: String) -> Bool {
        guard let real = Self.realPath(path), real.hasPrefix(root + "/") else { return false }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: real, isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// The path to write a new scenario file named `name` (`.yaml` added when it has no YAML
    /// extension) beside the listed file `original`. Refused (400) when the name is not a plain
    /// file name; the path is inside the folder and is not a symlink.
    func newFile(named name: String, beside original: String) throws(WorkbenchError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let forbidden = CharacterSet(charactersIn: "/\\%:*?\"<>|").union(.controlCharacters)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ !forbidden.contains($0) }), !trimmed.hasPrefix("."),
            trimmed.utf8.count <= 200
        else {
            throw WorkbenchError(
                status: 400,
                "'\(name)' is not a file name for a scenario: give a plain name such as 标准放缓.yaml, without a folder, '..', '%' or a leading dot"
            )
        }
        let file = trimmed.hasSuffix(".yaml") || trimmed.hasSuffix(".yml") ? trimmed : trimmed + ".yaml"
        let folder = (original as NSString).deletingLastPathComponent
        let target = fullPath(of: folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file))
        guard let parent = Self.realPath((target as NSString).deletingLastPathComponent), parent == root || parent.hasPrefix(root + "/")
        else {
            throw WorkbenchError(status: 400, "'\(name)' would be written outside the scenario folder \(path)")
        }
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: target)) != nil {
            throw WorkbenchError(status: 400, "\(file) is a symbolic link in \(path); the workbench does not write through links")
        }
        return target
    }

    /// The path with every symlink resolved, nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
