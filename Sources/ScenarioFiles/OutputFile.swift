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
}
