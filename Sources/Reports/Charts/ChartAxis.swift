/// A value axis with "nice" ticks (1, 2, 2.5 or 5 times a power of ten). Bars always start at
/// zero; lines of levels may start near their lowest value.
struct ChartAxis {
    let minimum: Double
    let maximum: Double
    let step: Double

    /// An axis covering `values` (and zero, when `includingZero`), with about `targetTicks`
    /// intervals.
    init(covering values: [Double], includingZero: Bool = true, targetTicks: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includingZero {
            low = min(0, low)
            high = max(0, high)
        }
        if high == low { high = low + 1 }
        let raw = (high - low) / Double(targetTicks)
        let magnitude = pow10(floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        self.step = step
        minimum = (low / step).rounded(.down) * step
        maximum = (high / step).rounded(.up) * step
    }

    var ticks: [Double] {
        let count = Int(((maximum - minimum) / step).rounded())
        return (0...count).map { minimum + Double($0) * step }
    }

    /// The position of `value` between `low` (for the minimum) and `high` (for the maximum).
    func position(_ value: Double, from low: Double, to high: Double) -> Double {
        low + (value - minimum) / (maximum - minimum) * (high - low)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func pow10(_ exponent: Double) -> Double { pow(10, exponent) }
