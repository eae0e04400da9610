import Foundation

/// Writes output files so that a reader sees either the old file or the complete new one,
/// never a partial write: the text goes to a temporary file beside the target (named
/// `.NAME.tmp-PID`), then is renamed. A write error (a full disk) is an error of the target,
/// and removes the temporary file; temporaries that a killed run left behind are removed by the
/// next run that writes beside them.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(ScenarioFileError) {
        try writeSet([path]) { _, write in write(text) }
    }

    /// Streams text to `path`, renamed into place when `body` has written everything.
    public static func stream(to path: String, _ body: (_ write: (String) -> Void) -> Void) throws(ScenarioFileError) {
        let result = withoutActuallyEscaping(body) { body in
            Result { () throws(ScenarioFileError) in try writeSet([path]) { _, write in body(write) } }
        }
        try result.get()
    }

    /// Writes several files as one set: every file is written to its temporary first, and only
    /// when all are complete are they renamed into place, so a failure leaves the old set.
    public static func writeSet(_ paths: [String], _ body: (_ index: Int, _ write: (String) -> Void) -> Void) throws(ScenarioFileError) {
        var temporaries: [String] = []
        defer { for temporary in temporaries { unlink(temporary) } }
        for (index, path) in paths.enumerated() {
            let temporary = try temporarySibling(of: path)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(String(cString: strerror(errno)))")
            }
            temporaries.append(temporary)
            var failure: Int32?
            var pending = ""
            body(index) { text in
                guard failure == nil else { return }
                pending += text
                if pending.utf8.count >= 1 << 20 {
                    failure = writeAll(pending, to: descriptor)
                    pending = ""
                }
            }
            if failure == nil { failure = writeAll(pending, to: descriptor) }
            if failure == nil, fsync(descriptor) != 0 { failure = errno }
            close(descriptor)
            if let failure {
                throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(String(cString: strerror(failure)))")
            }
        }
        for (temporary, path) in zip(temporaries, paths) {
            guard rename(temporary, path) == 0 else {
                throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(String(cString: strerror(errno)))")
            }
        }
        temporaries = []
    }

    /// Lets `write` produce the file at a temporary path beside `path` (a library that writes
    /// files itself), then renames it into place; a failure leaves the old file and no temporary.
    public static func produce(_ path: String, _ write: (_ temporary: String) -> String?) throws(ScenarioFileError) {
        let temporary = try temporarySibling(of: path)
        defer { unlink(temporary) }
        if let failure = write(temporary) { throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(failure)") }
        guard rename(temporary, path) == 0 else {
            throw ScenarioFileError(SourceLocation(file: path), "cannot write the file: \(String(cString: strerror(errno)))")
        }
    }

    /// `.NAME.tmp-PID` beside `path`, its folder created and the leftovers of killed runs removed.
    static func temporarySibling(of path: String) throws(ScenarioFileError) -> String {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ScenarioFileError(SourceLocation(file: path), "cannot create the folder: \(error.localizedDescription)")
        }
        removeStaleSiblings(of: url)
        return directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
    }

    /// Writes all of `text`; the errno of a failed write, or nil.
    static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard count > 0 else { return count < 0 ? errno : ENOSPC }
                offset += count
            }
            return nil
        }
    }

    /// Removes `.NAME.tmp-PID` and `.NAME.old-PID` siblings of `target` whose process is gone
    /// (a run killed while writing), after restoring a folder that a killed run had moved to
    /// `.NAME.old-PID` before its new one was in place.
    static func removeStaleSiblings(of target: URL) {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        guard let siblings = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for sibling in siblings.sorted() {
            for kind in ["tmp", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard sibling.hasPrefix(prefix), let pid = Int32(sibling.dropFirst(prefix.count)), !isRunning(pid) else { continue }
                let path = parent.appendingPathComponent(sibling).path
                if kind == "old" && !manager.fileExists(atPath: target.path) {
                    _ = rename(path, target.path)
                } else {
                    try? manager.removeItem(atPath: path)
                }
            }
        }
    }

    /// Whether a process with this id is running (ours counts as running).
    static func isRunning(_ pid: Int32) -> Bool {
        pid == ProcessInfo.processInfo.processIdentifier || kill(pid, 0) == 0 || errno == EPERM
    }
}
