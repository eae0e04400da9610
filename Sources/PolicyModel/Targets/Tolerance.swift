/// Every check compares with this relative tolerance, so that a 20% margin requirement is met by
/// a margin of exactly 20% even when the division leaves a rounding error in the last bit.
public let relativeTolerance = 1e-9

/// `relativeTolerance` of the larger magnitude of `a` and `b`.
@inline(__always)
private func allowance<L: TargetLanes>(_ a: L, _ b: L) -> L {
    L(every: relativeTolerance) * L.larger(a.magnitude, b.magnitude)
}

/// `actual ≥ required`, allowing `relativeTolerance` of the larger magnitude.
@inline(__always)
func isAtLeast<L: TargetLanes>(_ actual: L, _ required: L) -> L.Verdict {
    L.isLessOrEqual(required - allowance(actual, required), actual)
}

/// `actual ≤ limit`, allowing `relativeTolerance` of the larger magnitude.
@inline(__always)
func isAtMost<L: TargetLanes>(_ actual: L, _ limit: L) -> L.Verdict {
    L.isLessOrEqual(actual, limit + allowance(actual, limit))
}

/// `actual > other` by more than `relativeTolerance`: figures equal within the tolerance are
/// not "greater".
@inline(__always)
func isGreater<L: TargetLanes>(_ actual: L, than other: L) -> L.Verdict {
    L.isLess(other + allowance(actual, other), actual)
}

/// |actual − required| ≤ `tolerance`, allowing `relativeTolerance` of the larger magnitude besides.
@inline(__always)
func isWithin<L: TargetLanes>(_ actual: L, _ required: L, tolerance: L) -> L.Verdict {
    L.isLessOrEqual((actual - required).magnitude, tolerance + allowance(actual, required))
}
