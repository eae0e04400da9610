/// A synthetic household population for examples, tests and benchmarks; no real people.
/// The same parameters and seed give the same households on every machine: the random numbers
/// come from SplitMix64 and the logarithm and exponential are computed here from IEEE basic
/// operations only (no platform maths library), so every bit is fixed (docs/model.md §6.1).
///
/// Each household, in order: size from `sizeShares` (1, 2, … persons); township uniform over
/// 1…`townships`; per-capita income lognormal with median `medianIncome` and log-sd `sigma`
/// (Marsaglia's polar method), rounded to the fen; registered poor with probability
/// 2 × `registeredPoorShare` when its income is below the median (so about that share of all
/// households), never above; category "A" (no work capacity) with probability
/// `categoryAShare`, else "B".
public struct SyntheticPopulation: Sendable {
    public var households: Int
    public var seed: UInt64
    public var medianIncome: Double = 9000
    public var sigma: Double = 0.8
    public var townships: Int = 20
    public var sizeShares: [Double] = [0.15, 0.25, 0.25, 0.20, 0.10, 0.05]
    public var registeredPoorShare: Double = 0.1
    public var categoryAShare: Double = 0.2
    /// A survey weight written for every household (households each one stands for), if any.
    public var weight: Double?

    public init(households: Int, seed: UInt64) {
        self.households = households
        self.seed = seed
    }

    /// One generated household.
    public struct Household: Sendable, Equatable {
        public var id: Int
        public var township: Int
        public var size: Int
        /// 元 per person per year, rounded to the fen.
        public var incomePerCapita: Double
        public var registeredPoor: Bool
        public var category: String
    }

    /// Reports parameters that cannot generate a population.
    /// The bounds of each option: at most 100,000,000 households (a file of about 2.5 GB), a
    /// median income up to 1,000,000 元, sigma up to 3, a weight up to 1,000,000; outside them
    /// incomes or sums would stop being finite or the file would not fit on a disk.
    public func validate() throws(ScenarioProblem) {
        guard (1...100_000_000).contains(households) else {
            throw ScenarioProblem(at: ["households"], "from 1 to 100,000,000 households, not \(households)")
        }
        guard medianIncome.isFinite, medianIncome > 0, medianIncome <= 1_000_000 else {
            throw ScenarioProblem(at: ["median_income"], "the median income must be above 0 and at most 1,000,000 元, not \(medianIncome)")
        }
        guard sigma.isFinite, (0...3).contains(sigma) else {
            throw ScenarioProblem(at: ["sigma"], "sigma must be from 0 to 3, not \(sigma)")
        }
        guard (1...65535).contains(townships) else { throw ScenarioProblem(at: ["townships"], "between 1 and 65535 townships") }
        guard (0...0.5).contains(registeredPoorShare) else {
            throw ScenarioProblem(at: ["registered_poor_share"], "the registered-poor share must be between 0 and 0.5")
        }
        guard (0...1).contains(categoryAShare) else { throw ScenarioProblem(at: ["category_a_share"], "a share between 0 and 1") }
        if let weight, !(weight.isFinite && weight > 0 && weight <= 1_000_000) {
            throw ScenarioProblem(at: ["weight"], "the weight must be above 0 and at most 1,000,000, not \(weight)")
        }
    }

    /// Calls `body` with every household, in id order.
    public func generate(_ body: (Household) -> Void) {
        var random = SplitMix64(seed: seed)
        let cumulative = sizeShares.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let logMedian = PortableMath.log(medianIncome)
        for id in 1...households {
            let u = random.nextUnit() * cumulative.last!
            let size = (cumulative.firstIndex { u < $0 } ?? cumulative.count - 1) + 1
            let township = Int(random.next() % UInt64(townships)) + 1
            let z = random.nextNormal()
            let income = (PortableMath.exp(logMedian + sigma * z) * 100).rounded() / 100
            let poorDraw = random.nextUnit()
            let registeredPoor = income < medianIncome && poorDraw < 2 * registeredPoorShare
            let category = random.nextUnit() < categoryAShare ? "A" : "B"
            body(
                Household(
                    id: id, township: township, size: size, incomePerCapita: income, registeredPoor: registeredPoor, category: category))
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same sequence everywhere.
public struct SplitMix64: UniformSource, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

}

/// One value or several in lanes, with the arithmetic `PortableMath` uses (lane by lane).
protocol PortableLanes {
    static func + (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Double) -> Self
    static func - (lhs: Self, rhs: Double) -> Self
    static func * (lhs: Self, rhs: Double) -> Self
    static func / (lhs: Self, rhs: Double) -> Self
}

extension Double: PortableLanes {}
extension SIMD4: PortableLanes where Scalar == Double {}

/// Natural logarithm and exponential from +, −, ×, ÷ and exact scaling only, so that results
/// are the same bits on every IEEE-754 machine. Accurate to a few ulps over the ranges used.
enum PortableMath {
    static let ln2High = 0.693_147_180_369_123_816_49  // ln 2 rounded to 32 significant bits
    static let ln2Low = 1.908_214_929_270_587_700_02e-10

    /// ln x for finite x > 0: x = m · 2^e with m in [√½, √2); ln m = 2 atanh((m − 1)/(m + 1)).
    static func log(_ x: Double) -> Double {
        var exponent = Int(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.414_213_562_373_095 {
            m *= 0.5
            exponent += 1
        }
        return log(reduced: m, exponent: Double(exponent))
    }

    /// The same in four lanes, for normal (not subnormal) finite x > 0: lane by lane the same
    /// operations, so the same bits as `log(_:)`.
    @inline(__always)
    static func log(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let bits = unsafeBitCast(x, to: SIMD4<UInt64>.self)
        var exponent = SIMD4<Int64>(truncatingIfNeeded: (bits &>> 52) & 0x7FF) &- 1023
        var m = unsafeBitCast(bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000, to: SIMD4<Double>.self)  // [1, 2)
        let above = m .> 1.414_213_562_373_095
        m.replace(with: m * 0.5, where: above)
        exponent.replace(with: exponent &+ 1, where: above)
        let e = SIMD4<Double>(Double(exponent[0]), Double(exponent[1]), Double(exponent[2]), Double(exponent[3]))
        return log(reduced: m, exponent: e)
    }

    /// e ln 2 + 2 atanh((m − 1)/(m + 1)) for m in [√½, √2), in one lane or four: the series
    /// t + t³/3 + t⁵/5 + … summed in that order to t¹⁹/19. Every later term would leave the sum
    /// as it is: |t| ≤ 0.1716, so t^(2k+1)/(2k+1) < |t| · 2⁻⁵⁴ for k ≥ 10 (t²⁰/21 < 2.4 · 10⁻¹⁷),
    /// less than half an ulp of a sum at least |t|, which rounds back to the sum: the same bits
    /// as the series to t³¹ (tested), with six divisions fewer. (m · 0.5 is m / 2 exactly.)
    @inline(__always)
    static func log<Lanes: PortableLanes>(reduced m: Lanes, exponent e: Lanes) -> Lanes {
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var sum = t
        for k in stride(from: 3, through: 19, by: 2) {
            term = term * t2
            sum = sum + term / Double(k)
        }
        return e * ln2High + (e * ln2Low + sum * 2)
    }

    /// e^x for moderate x (|x| < 700): x = k ln 2 + r, e^r by its Taylor series.
    static func exp(_ x: Double) -> Double {
        let k = (x / (ln2High + ln2Low)).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0
        var sum = 1.0
        for n in 1...24 {
            term *= r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: 1) * sum
    }
}
