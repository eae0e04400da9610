import Foundation

/// A progress bar on standard error, shown only when it is a terminal and the work has taken
/// more than a second. Safe to advance from several threads.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var shown = false
    private let enabled = isatty(2) == 1

    init(total: Int) { self.total = total }

    func advance(_ count: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += count
        guard Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(100 * done / max(total, 1))%".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
