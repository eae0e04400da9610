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
        mean = Self.mean(UnsafeBufferPointer(values))
        let found = Self.percentiles(values, at: [0.05, 0.50, 0.95] + levels)
        p5 = found[0]
        p50 = found[1]
        p95 = found[2]
        percentiles = Array(found.dropFirst(3))
    }

    /// Summarises `values` (reordered in place). Percentiles interpolate linearly between order
    /// statistics at rank (n − 1) p, as numpy's default does; found by selection, not sorting.
    /// The mean is x₀ + Σ(xᵢ − x₀)/n, so that identical values give exactly that value.
    public init(_ values: inout [Double]) {
        self.init(&values, levels: [])
    }

    /// x₀ + Σ(xᵢ − x₀)/n, summed in order.
    static func mean(_ values: UnsafeBufferPointer<Double>) -> Double {
        let first = values[0]
        var deviation = 0.0
        for value in values { deviation += value - first }
        return first + deviation / Double(values.count)
    }

    /// The percentiles at `levels` (any order, repeats allowed) of `values` (reordered in
    /// place). The levels are found in ascending order, each selection within the part of the
    /// array above the previous one: the same order statistics as selecting each over all.
    static func percentiles(_ buffer: UnsafeMutableBufferPointer<Double>, at levels: [Double]) -> [Double] {
        let distinct = Array(Set(levels)).sorted()
        var ranks: [Int] = []
        for p in distinct {
            let rank = Double(buffer.count - 1) * p
            let low = Int(rank.rounded(.down))
            ranks.append(low)
            if Double(low) < rank { ranks.append(low + 1) }
        }
        let statistics = orderStatistics(buffer, ranks: ranks)
        var found: [Double: Double] = [:]
        for p in distinct {
            let rank = Double(buffer.count - 1) * p
            let low = Int(rank.rounded(.down))
            let lower = statistics[low]!
            found[p] = Double(low) < rank ? lower + (rank - Double(low)) * (statistics[low + 1]! - lower) : lower
        }
        return levels.map { found[$0]! }
    }

    /// The order statistics of `values` at `ranks` (0 the smallest), exactly. For finite values
    /// a histogram of 2¹⁶ equal buckets between the least and the greatest value finds each
    /// rank's bucket in one pass; the few values of that bucket are then selected among. Values
    /// that are not all finite are selected among directly (Hoare), reordering `values`.
    static func orderStatistics(_ values: UnsafeMutableBufferPointer<Double>, ranks: [Int]) -> [Int: Double] {
        var least = Double.infinity
        var greatest = -Double.infinity
        var finite = true
        for value in values {
            least = Swift.min(least, value)
            greatest = Swift.max(greatest, value)
            finite = finite && value.isFinite
        }
        var found: [Int: Double] = [:]
        let bucketCount = 1 << 16
        let width = greatest - least
        guard finite, width > 0, width.isFinite, values.count > 4 * bucketCount / 16 else {
            var start = 0
            for rank in Array(Set(ranks)).sorted() {
                found[rank] = select(UnsafeMutableBufferPointer(rebasing: values[start...]), rank - start)
                start = rank
            }
            return found
        }
        // bucket(x) = ⌊(x − least) × scale⌋ is non-decreasing in x, so the values of lower
        // buckets are never greater than those of higher ones.
        let scale = Double(bucketCount - 1) / width
        var counts = [Int](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            for value in values { counts[Int((value - least) * scale)] += 1 }
        }
        var wanted: [Int: (bucket: Int, before: Int)] = [:]
        var cumulative = 0
        var bucket = 0
        for rank in Array(Set(ranks)).sorted() {
            while cumulative + counts[bucket] <= rank {
                cumulative += counts[bucket]
                bucket += 1
            }
            wanted[rank] = (bucket, cumulative)
        }
        // The values of the wanted buckets, each bucket's gathered apart (slot[b] ≥ 0 marks one).
        let buckets = Array(Set(wanted.values.map(\.bucket))).sorted()
        var slot = [Int32](repeating: -1, count: bucketCount)
        for (i, b) in buckets.enumerated() { slot[b] = Int32(i) }
        var members = buckets.map { b in [Double](repeating: 0, count: counts[b]) }
        var filled = [Int](repeating: 0, count: buckets.count)
        slot.withUnsafeBufferPointer { slot in
            for value in values {
                let i = Int(slot[Int((value - least) * scale)])
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
