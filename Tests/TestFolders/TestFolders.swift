import Foundation

/// Temporary folders for tests. Every folder a test process makes is under one parent,
/// `<tmp>/dibao-tests-<pid>`, which is removed when the process exits, so that a test run leaves
/// nothing behind in the temporary directory (a run made about 1,700 folders and kept them all).
/// A test may delete its own folder earlier; it need not.
public enum TestFolders {
    /// The parent folder of this process, made at its first use and removed at exit.
    public static let parent: String = {
        let path = NSTemporaryDirectory() + "dibao-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestFolders.parent) }
        return path
    }()

    /// A new, empty folder `<parent>/<prefix>-<UUID>`.
    public static func make(_ prefix: String) throws -> String {
        let path = parent + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A path for a new file `<parent>/<prefix>-<UUID><suffix>`, outside every folder `make` gives
    /// (not created).
    public static func file(_ prefix: String, suffix: String = "") -> String {
        parent + "/" + prefix + "-" + UUID().uuidString + suffix
    }
}
