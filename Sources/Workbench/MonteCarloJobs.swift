import Foundation
import Reports

/// Monte Carlo runs of the workbench, each on its own thread: the page starts one, then asks
/// for its progress until its result is there. The last `kept` finished jobs are kept.
final class MonteCarloJobs: @unchecked Sendable {
    struct Job {
        var total: Int
        var done = 0
        var result: String?
        var failure: WorkbenchError?
        var finished: Bool { result != nil || failure != nil }
    }

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private var order: [String] = []
    private let kept = 16

    /// Starts `work` for `total` draws on a new thread; nil when `limit` jobs are running.
    func start(
        total: Int, limit: Int, _ work: @escaping @Sendable (_ advance: @escaping @Sendable (Int) -> Void) throws(WorkbenchError) -> String
    )
        -> String?
    {
        let id = UUID().uuidString.lowercased()
        lock.lock()
        guard jobs.values.filter({ !$0.finished }).count < limit else {
            lock.unlock()
            return nil
        }
        jobs[id] = Job(total: total)
        order.append(id)
        while order.count > kept, let oldest = order.first(where: { jobs[$0]?.finished ?? true }) {
            order.removeAll { $0 == oldest }
            jobs[oldest] = nil
        }
        lock.unlock()
        let thread = Thread { [self] in
            let advance: @Sendable (Int) -> Void = { [self] count in update(id) { $0.done = min($0.total, $0.done + count) } }
            do throws(WorkbenchError) {
                let result = try work(advance)
                update(id) {
                    $0.done = $0.total
                    $0.result = result
                }
            } catch {
                update(id) { $0.failure = error }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return id
    }

    private func update(_ id: String, _ change: (inout Job) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if var job = jobs[id] {
            change(&job)
            jobs[id] = job
        }
    }

    func job(_ id: String) -> Job? {
        lock.lock()
        defer { lock.unlock() }
        return jobs[id]
    }
}
