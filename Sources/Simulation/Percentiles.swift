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
        self.init(&values)
        percentiles = levels.map { Self.percentile(&values, $0) }
    }

    /// Summarises `values` (reordered in place). Percentiles interpolate linearly between order
    /// statistics at rank (n − 1) p, as numpy's default does; found by selection, not sorting.
    /// The mean is x₀ + Σ(xᵢ − x₀)/n, so that identical values give exactly that value.
    public init(_ values: inout [Double]) {
        precondition(!values.isEmpty, "a summary needs values")
        let first = values[0]
        var deviation = 0.0
        for value in values { deviation += value - first }
        mean = first + deviation / Double(values.count)
        p5 = Self.percentile(&values, 0.05)
        p50 = Self.percentile(&values, 0.50)
        p95 = Self.percentile(&values, 0.95)
    }

    static func percentile(_ values: inout [Double], _ p: Double) -> Double {
        let rank = Double(values.count - 1) * p
        let low = Int(rank.rounded(.down))
        let lower = select(&values, low)
        guard Double(low) < rank else { return lower }
        // The next order statistic is the smallest value above position `low`.
        var upper = Double.infinity
        for value in values[(low + 1)...] where value < upper { upper = value }
        return lower + (rank - Double(low)) * (upper - lower)
    }

    /// Puts the k-th smallest value at position k, smaller ones before it (Hoare's selection
    /// with a median-of-three pivot), and returns it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = [values[low], values[middle], values[high]].sorted()[1]
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
