/// Every check compares with this relative tolerance, so that a 20% margin requirement is met by
/// a margin of exactly 20% even when the division leaves a rounding error in the last bit.
public let relativeTolerance = 1e-9

/// `actual ≥ required`, allowing `relativeTolerance` of the larger magnitude.
func isAtLeast(_ actual: Double, _ required: Double) -> Bool {
    actual >= required - relativeTolerance * max(abs(actual), abs(required))
}

/// `actual ≤ limit`, allowing `relativeTolerance` of the larger magnitude.
func isAtMost(_ actual: Double, _ limit: Double) -> Bool {
    actual <= limit + relativeTolerance * max(abs(actual), abs(limit))
}

/// `actual > other` by more than `relativeTolerance`: figures equal within the tolerance are
/// not "greater".
func isGreater(_ actual: Double, than other: Double) -> Bool {
    actual > other + relativeTolerance * max(abs(actual), abs(other))
}
