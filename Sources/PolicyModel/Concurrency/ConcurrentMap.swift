import Dispatch

/// Runs `body` for every index in 0..<count on up to `threads` workers (Dispatch's
/// concurrentPerform) and returns the results in index order, whatever order they finished in.
/// The one place where results cross threads through a buffer; callers stay free of unsafe code.
public func concurrentMap<T: Sendable>(_ count: Int, threads: Int = 2, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let out = buffer
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) { out[index] = body(index) }
        }
    }
    return results.map { $0! }
}
