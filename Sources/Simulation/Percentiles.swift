import MicrosimKernels

/// Mean and percentiles of a sample, as summaries of Monte Carlo draws.
public struct Summary: Sendable, Equatable {
    public var mean: Double
    public var p5: Double
    public var p50: Double
    public var p95: Double
    /// The percentiles at `levels` (fractions, as asked for with `--percentiles`), in order.
    public var percentiles: [Double] = []

    /// The percentile levels reports show when none are asked for: 5, 50 and 95.
    public static let defaultLevels = [0.05, 0.50, 0.95]

    /// Summarises `values` (reordered in place), with the percentiles at `levels` as well.
    public init(_ values: inout [Double], levels: [Double]) {
        self = values.withUnsafeMutableBufferPointer { Summary($0, levels: levels) }
    }

    /// The same over a buffer (reordered in place).
    init(_ values: UnsafeMutableBufferPointer<Double>, levels: [Double]) {
        precondition(!values.isEmpty, "a summary needs values")
        let scan = Self.scan(UnsafeBufferPointer(values))
        let all = Self.allLevels(levels)
        let statistics = Self.orderStatistics(values, ranks: Self.ranks(count: values.count, levels: all), range: scan.range)
        self.init(mean: scan.mean, count: values.count, levels: levels, statistics: statistics)
    }

    /// The summary of `count` values whose mean is `mean` and whose order statistics at
    /// `ranks(count:levels:)` of `allLevels(levels)` are `statistics`.
    init(mean: Double, count: Int, levels: [Double], statistics: [Int: Double]) {
        self.mean = mean
        let found = Self.interpolated(at: Self.allLevels(levels), count: count, statistics: statistics)
        p5 = found[0]
        p50 = found[1]
        p95 = found[2]
        percentiles = Array(found.dropFirst(3))
    }

    /// The levels a summary finds: 5, 50 and 95, then those asked for.
    static func allLevels(_ levels: [Double]) -> [Double] { [0.05, 0.50, 0.95] + levels }

    /// Summarises `values` (reordered in place). Percentiles interpolate linearly between order
    /// statistics at rank (n − 1) p, as numpy's default does; found by selection, not sorting.
    /// The mean is x₀ + Σ(xᵢ − x₀)/n, so that identical values give exactly that value.
    public init(_ values: inout [Double]) {
        self.init(&values, levels: [])
    }

    /// The values a mean sums at a time (`scanBlock`): Monte Carlo's block of draws, so that a
    /// run that never holds all its draws (`MonteCarlo`'s streamed summaries) sums exactly as
    /// one that does.
    public static let meanBlock = 512

    /// The mean x₀ + Σ(xᵢ − x₀)/n, the least and the greatest value, and whether every value is
    /// finite, in one pass. The sum is the sum, block after block of `meanBlock` values, of each
    /// block's sum (`scanBlock`).
    static func scan(_ values: UnsafeBufferPointer<Double>) -> (mean: Double, range: Extent) {
        let n = values.count
        let first = values[0]
        var sum = 0.0
        var range = Extent(least: .infinity, greatest: -.infinity, finite: true)
        var start = 0
        while start < n {
            let block = scanBlock(UnsafeBufferPointer(rebasing: values[start..<min(n, start + meanBlock)]), from: first)
            sum += block.sum
            range.include(block.range)
            start += meanBlock
        }
        return (first + sum / Double(n), range)
    }

    /// One block's Σ(xᵢ − x₀) (four interleaved partial sums, i mod 4, added as
    /// (s₀ + s₁) + (s₂ + s₃), then the last n mod 4 in order), its least and greatest value, and
    /// whether every value is finite (x − x is 0 for a finite x, NaN otherwise): four lanes at a
    /// time, with AVX2 where the CPU has it (a C kernel, the same lanes and operations).
    @inline(__always)
    static func scanBlock(_ values: UnsafeBufferPointer<Double>, from first: Double) -> (sum: Double, range: Extent) {
        let n = values.count
        // No values: no least or greatest, so not finite (as the lanes below would say).
        guard let base = values.baseAddress, n > 0 else { return (0, Extent(least: .infinity, greatest: -.infinity, finite: false)) }
        // The lanes, four of each: least, greatest, Σ(x − first), Σ(x − x).
        var (i, low, high, deviation, check) = withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 4) { lanes in
            lanes.initializeElement(at: 0, to: SIMD4(repeating: .infinity))
            lanes.initializeElement(at: 1, to: SIMD4(repeating: -.infinity))
            lanes.initializeElement(at: 2, to: .zero)
            lanes.initializeElement(at: 3, to: .zero)
            let done = dibao_scan_kernel(base, n, first, UnsafeMutableRawPointer(lanes.baseAddress!).assumingMemoryBound(to: Double.self))
            return (done, lanes[0], lanes[1], lanes[2], lanes[3])
        }
        while i + 4 <= n {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
            low.replace(with: x, where: x .< low)
            high.replace(with: x, where: x .> high)
            deviation += x - first
            check += x - x
            i += 4
        }
        var least = low.min()
        var greatest = high.max()
        var finite = check.sum() == 0
        var sum = (deviation[0] + deviation[1]) + (deviation[2] + deviation[3])
        while i < n {
            let x = values[i]
            least = Swift.min(least, x)
            greatest = Swift.max(greatest, x)
            finite = finite && x.isFinite
            sum += x - first
            i += 1
        }
        return (sum, Extent(least: least, greatest: greatest, finite: finite && least.isFinite && greatest.isFinite))
    }

    /// The least and the greatest of some values, and whether all are finite.
    struct Extent {
        var least: Double
        var greatest: Double
        var finite: Bool

        /// Widened to take in `other` as well.
        mutating func include(_ other: Extent) {
            least = Swift.min(least, other.least)
            greatest = Swift.max(greatest, other.greatest)
            finite = finite && other.finite
        }
    }

    /// The percentiles at `levels` (any order, repeats allowed) of `values` (reordered in
    /// place): the order statistics at `ranks`, interpolated (`interpolated`).
    static func percentiles(_ buffer: UnsafeMutableBufferPointer<Double>, at levels: [Double], range: Extent? = nil) -> [Double] {
        let statistics = orderStatistics(buffer, ranks: ranks(count: buffer.count, levels: levels), range: range)
        return interpolated(at: levels, count: buffer.count, statistics: statistics)
    }

    /// The order statistics (0 the smallest) that the percentiles at `levels` of `count` values
    /// read: ⌊(n − 1) p⌋, and the one after it when (n − 1) p is not a whole number.
    static func ranks(count: Int, levels: [Double]) -> [Int] {
        var ranks: Set<Int> = []
        for p in levels {
            let rank = Double(count - 1) * p
            let low = Int(rank.rounded(.down))
            ranks.insert(low)
            if Double(low) < rank { ranks.insert(low + 1) }
        }
        return ranks.sorted()
    }

    /// The percentiles at `levels` from the order statistics at `ranks(count:levels:)`:
    /// between order statistics at rank (n − 1) p linearly, as numpy's default does. A zero
    /// statistic counts as +0 (x + 0), whichever zero the selection met first.
    static func interpolated(at levels: [Double], count: Int, statistics: [Int: Double]) -> [Double] {
        levels.map { p in
            let rank = Double(count - 1) * p
            let low = Int(rank.rounded(.down))
            let lower = statistics[low]! + 0
            return Double(low) < rank ? lower + (rank - Double(low)) * (statistics[low + 1]! + 0 - lower) : lower
        }
    }

    /// The order statistics of `values` at `ranks` (0 the smallest), exactly. For finite values
    /// a histogram of 2¹² equal buckets (a table that stays in the nearest cache) between the least and the greatest value finds each
    /// rank's bucket in one pass; the few values of that bucket are then selected among. Values
    /// that are not all finite are selected among directly (Hoare), reordering `values`.
    static func orderStatistics(_ values: UnsafeMutableBufferPointer<Double>, ranks: [Int], range: Extent? = nil) -> [Int: Double] {
        let range = range ?? scan(UnsafeBufferPointer(values)).range
        let (least, greatest, finite) = (range.least, range.greatest, range.finite)
        var found: [Int: Double] = [:]
        let bucketCount = Self.bucketCount
        let width = greatest - least
        guard finite, width > 0, width.isFinite, values.count > 4 * bucketCount / 16 else {
            var start = 0
            for rank in Array(Set(ranks)).sorted() {
                found[rank] = select(UnsafeMutableBufferPointer(rebasing: values[start...]), rank - start)
                start = rank
            }
            return found
        }
        // bucket(x) = (x − least) × scale rounded to the nearest integer is non-decreasing in x,
        // so the values of lower buckets are never greater than those of higher ones; it lies in
        // 0 ..< bucketCount (`bucket`).
        let scale = Double(bucketCount - 1) / width
        var counts = [UInt32](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            let counts = counts.baseAddress!
            for value in values { counts[Self.bucket(value, least, scale)] &+= 1 }
        }
        var wanted: [Int: (bucket: Int, before: Int)] = [:]
        var cumulative = 0
        var bucket = 0
        for rank in Array(Set(ranks)).sorted() {
            while cumulative + Int(counts[bucket]) <= rank {
                cumulative += Int(counts[bucket])
                bucket += 1
            }
            wanted[rank] = (bucket, cumulative)
        }
        // The values of the wanted buckets, each bucket's gathered apart (slot[b] ≥ 0 marks one).
        let buckets = Array(Set(wanted.values.map(\.bucket))).sorted()
        var slot = [Int32](repeating: -1, count: bucketCount)
        for (i, b) in buckets.enumerated() { slot[b] = Int32(i) }
        var members = buckets.map { b in [Double](repeating: 0, count: Int(counts[b])) }
        var filled = [Int](repeating: 0, count: buckets.count)
        slot.withUnsafeBufferPointer { slot in
            let slot = slot.baseAddress!
            for value in values {
                let i = Int(slot[Self.bucket(value, least, scale)])
                if i >= 0 {
                    members[i][filled[i]] = value
                    filled[i] += 1
                }
            }
        }
        for (rank, place) in wanted {
            let i = buckets.firstIndex(of: place.bucket)!
            found[rank] = members[i].withUnsafeMutableBufferPointer { select($0, rank - place.before) }
        }
        return found
    }

    /// The histogram's buckets: 16 KiB of counts, which stay in the nearest cache.
    static let bucketCount = 1 << 12

    /// (x − least) × scale, which lies in [0, bucketCount − 1], rounded to the nearest integer by adding
    /// 2⁵² (where doubles are one apart) and reading the low bits: no range check in the loop.
    @inline(__always)
    static func bucket(_ x: Double, _ least: Double, _ scale: Double) -> Int {
        Int(truncatingIfNeeded: ((x - least) * scale + 0x1p52).bitPattern & UInt64(bucketCount - 1))
    }

    static func percentile(_ values: inout [Double], _ p: Double) -> Double {
        values.withUnsafeMutableBufferPointer { percentiles($0, at: [p])[0] }
    }

    /// Puts the k-th smallest value at position k, smaller ones before it (Hoare's selection
    /// with a median-of-three pivot), and returns it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        values.withUnsafeMutableBufferPointer { select($0, k) }
    }

    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let (a, b, c) = (values[low], values[middle], values[high])
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
