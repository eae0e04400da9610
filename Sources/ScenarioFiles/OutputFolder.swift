import Foundation

/// Writes a folder of generated files so that readers see either the old folder or the
/// complete new one: everything is written into a temporary sibling folder, which then takes
/// the place of the old one by two renames. A folder that is not empty and holds no
/// `marker` file (it is not an earlier output) is never replaced.
public enum OutputFolder {
    /// `produced` files are written by their function into the temporary folder (a binary file
    /// from a library, such as a workbook); a function returns a message when it fails.
    public static func replace(
        _ path: String, with files: [(name: String, contents: String)],
        producing produced: [(name: String, write: (_ path: String) -> String?)] = [], marker: String
    ) throws(ScenarioFileError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(pid)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
        let location = SourceLocation(file: path)

        OutputFile.removeStaleSiblings(of: target)
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw ScenarioFileError(location, "exists and is not a folder") }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw ScenarioFileError(
                    location, "the folder holds files but no \(marker), so it is not an earlier report; refusing to replace it")
            }
        }
        do {
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
                try writeText(file.contents, to: temporary.appendingPathComponent(file.name).path)
            }
            for file in produced {
                if let failure = file.write(temporary.appendingPathComponent(file.name).path) {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file.name): \(failure)"])
                }
            }
            if exists { try move(target, to: old) }
            try move(temporary, to: target)
            if exists { try? manager.removeItem(at: old) }
        } catch {
            try? manager.removeItem(at: temporary)
            if exists && !manager.fileExists(atPath: target.path) { try? move(old, to: target) }
            throw ScenarioFileError(location, "cannot write the report folder: \(error.localizedDescription)")
        }
    }

    /// Writes a String's UTF-8 straight from its storage (no copy into Data: lists can be large).
    static func writeText(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(descriptor) }
        if let failure = OutputFile.writeAll(text, to: descriptor) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(failure))])
        }
    }

    private static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}
