import Foundation

/// Writes output files so that a reader sees either the old file or the complete new one,
/// never a partial write: the text goes to a temporary file beside the target, then is renamed.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(ScenarioFileError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Streams text to `path` through a temporary file that is renamed into place when `body`
    /// has written everything, so that a large file is never seen half-written.
    public static func stream(to path: String, _ body: (_ write: (String) -> Void) -> Void) throws(ScenarioFileError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            var pending = ""
            body { text in
                pending += text
                if pending.utf8.count >= 1 << 20 {
                    handle.write(Data(pending.utf8))
                    pending = ""
                }
            }
            handle.write(Data(pending.utf8))
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(error.localizedDescription)")
        }
    }
}
