#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One figure (`Double`) or eight draws' figures side by side (`SIMD8<Double>`). A target kind
/// writes its check once, generic over this (`TargetRule`): a projection runs it on one value,
/// Monte Carlo on eight draws a step, with the same IEEE operations lane by lane, so a draw
/// checked in a batch of eight is judged bit for bit as it is alone.
protocol TargetLanes: Sendable {
    /// Whether each lane meets a comparison: `Bool`, or a mask of eight.
    associatedtype Verdict: TargetVerdict
    /// `value` in every lane.
    init(every value: Double)
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    /// |x| lane by lane.
    var magnitude: Self { get }
    /// `x` raised to `exponent` lane by lane, by the C library's `pow`.
    func raised(to exponent: Double) -> Self
    /// The larger of the two, lane by lane, as `Swift.max` picks it (`rhs` when it is greater
    /// or equal).
    static func larger(_ lhs: Self, _ rhs: Self) -> Self
    static func isLess(_ lhs: Self, _ rhs: Self) -> Verdict
    static func isLessOrEqual(_ lhs: Self, _ rhs: Self) -> Verdict
    /// `lhs` where `verdict` holds, else `rhs`.
    static func choose(_ verdict: Verdict, _ lhs: Self, else rhs: Self) -> Self
    /// Whether each lane is a finite number.
    var isFinite: Verdict { get }
}

/// Outcomes lane by lane.
protocol TargetVerdict: Sendable {
    init(every value: Bool)
    func and(_ other: Self) -> Self
    func or(_ other: Self) -> Self
    var inverted: Self { get }
}

extension Bool: TargetVerdict {
    @inline(__always)
    init(every value: Bool) { self = value }
    @inline(__always)
    func and(_ other: Bool) -> Bool { self && other }
    @inline(__always)
    func or(_ other: Bool) -> Bool { self || other }
    @inline(__always)
    var inverted: Bool { !self }
}

extension SIMDMask<SIMD8<Int64>>: TargetVerdict {
    @inline(__always)
    init(every value: Bool) { self.init(repeating: value) }
    @inline(__always)
    func and(_ other: Self) -> Self { self .& other }
    @inline(__always)
    func or(_ other: Self) -> Self { self .| other }
    @inline(__always)
    var inverted: Self { .!self }
}

extension Double: TargetLanes {
    @inline(__always)
    init(every value: Double) { self = value }
    @inline(__always)
    func raised(to exponent: Double) -> Double { pow(self, exponent) }
    @inline(__always)
    static func larger(_ lhs: Double, _ rhs: Double) -> Double { max(lhs, rhs) }
    @inline(__always)
    static func isLess(_ lhs: Double, _ rhs: Double) -> Bool { lhs < rhs }
    @inline(__always)
    static func isLessOrEqual(_ lhs: Double, _ rhs: Double) -> Bool { lhs <= rhs }
    @inline(__always)
    static func choose(_ verdict: Bool, _ lhs: Double, else rhs: Double) -> Double { verdict ? lhs : rhs }
}

extension SIMD8<Double>: TargetLanes {
    typealias Verdict = SIMDMask<SIMD8<Int64>>
    @inline(__always)
    init(every value: Double) { self.init(repeating: value) }
    @inline(__always)
    var magnitude: Self {
        // The sign bit cleared, as Double.magnitude does (NaN stays NaN).
        unsafeBitCast(unsafeBitCast(self, to: SIMD8<UInt64>.self) & SIMD8<UInt64>(repeating: ~(1 << 63)), to: SIMD8<Double>.self)
    }
    func raised(to exponent: Double) -> Self {
        var result = self
        for lane in 0..<8 { result[lane] = pow(self[lane], exponent) }
        return result
    }
    @inline(__always)
    static func larger(_ lhs: Self, _ rhs: Self) -> Self { lhs.replacing(with: rhs, where: rhs .>= lhs) }
    @inline(__always)
    static func isLess(_ lhs: Self, _ rhs: Self) -> Verdict { lhs .< rhs }
    @inline(__always)
    static func isLessOrEqual(_ lhs: Self, _ rhs: Self) -> Verdict { lhs .<= rhs }
    @inline(__always)
    static func choose(_ verdict: Verdict, _ lhs: Self, else rhs: Self) -> Self { rhs.replacing(with: lhs, where: verdict) }
    @inline(__always)
    var isFinite: Verdict {
        // x − x is 0 for a finite x, NaN for an infinite one or NaN.
        (self - self) .== Self()
    }
}

/// What a target's check finds, lane by lane: whether it is met and the figures that decide it.
struct TargetJudgement<L: TargetLanes> {
    var passed: L.Verdict
    var actual: L
    var required: L
    /// The year that decides a check over several years (as a number), nil for one year.
    var decidingYear: L?
    /// Whether every figure the check computed is finite, so that the deciding ones are: a
    /// check over several years computes one pair a year.
    var figuresFinite: L.Verdict

    @inline(__always)
    init(passed: L.Verdict, actual: L, required: L, decidingYear: L? = nil, figuresFinite: L.Verdict? = nil) {
        self.passed = passed
        self.actual = actual
        self.required = required
        self.decidingYear = decidingYear
        self.figuresFinite = figuresFinite ?? actual.isFinite.and(required.isFinite)
    }

    /// A check that cannot be made (a span target without its span, which validation refuses
    /// first): not met, its figures NaN, no value read.
    static var unjudged: Self { Self(passed: L.Verdict(every: false), actual: L(every: .nan), required: L(every: .nan)) }
}

/// A target's check as a function of the values it reads (in its kind's `reads` order), written
/// once for one value and for eight draws at a time.
protocol TargetRule: Sendable {
    func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L>
    /// The year-by-year comparisons shown for a check over several years (none by default).
    func yearByYear(_ values: UnsafeBufferPointer<Double>) -> [TargetCheck.YearComparison]
}

extension TargetRule {
    func yearByYear(_ values: UnsafeBufferPointer<Double>) -> [TargetCheck.YearComparison] { [] }
}
