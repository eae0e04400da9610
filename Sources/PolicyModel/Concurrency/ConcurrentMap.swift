import Dispatch
import Synchronization

/// Runs `body(worker, next)` on up to `workers` threads (Dispatch's concurrentPerform), where
/// `next()` hands out the indexes 0..<count one at a time, in order, to whichever worker asks
/// first, then nil: a worker the machine slows down takes fewer and leaves no other waiting.
/// `worker` (0..<workers) lets a worker keep state of its own from index to index.
public func concurrentWork(_ count: Int, workers: Int, _ body: @Sendable (_ worker: Int, _ next: () -> Int?) -> Void) {
    let taken = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { worker in
        body(worker) {
            let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue
            return index < count ? index : nil
        }
    }
}

/// Runs `body` for every index in 0..<count on up to `threads` workers, each taking the next
/// index when it is free (`concurrentWork`), and returns the results in index order, whatever
/// order they finished in: the results cross threads through a buffer here, so that callers need
/// not.
public func concurrentMap<T: Sendable>(_ count: Int, threads: Int = 2, _ body: @Sendable (Int) -> T) -> [T] {
    concurrentMap(count, threads: threads) { _, index in body(index) }
}

/// The same, `body` also told which worker (0..<threads) runs it, for state a worker keeps.
public func concurrentMap<T: Sendable>(_ count: Int, threads: Int = 2, _ body: @Sendable (_ worker: Int, _ index: Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let out = buffer
        concurrentWork(count, workers: threads) { worker, next in
            while let index = next() { out[index] = body(worker, index) }
        }
    }
    return results.map { $0! }
}
