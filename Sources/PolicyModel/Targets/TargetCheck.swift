/// The result of checking one target against a projection. Holds figures only; front ends
/// word and format them.
public struct TargetCheck: Sendable {
    /// The target, as the scenario states it.
    public var target: Target
    /// Its position in the scenario's `targets` list, from 0.
    public var index: Int
    /// Whether the requirement is met (within `relativeTolerance`).
    public var passed: Bool
    /// The figure the plan reaches (a ratio, a growth rate, or an amount in the target's unit).
    public var actual: Double
    /// The figure the target requires, in the same unit as `actual`.
    public var required: Double
    /// For year-by-year comparisons, the year that decided the outcome (the first failing year,
    /// or the closest one when all pass).
    public var decidingYear: Int?
    /// For year-by-year comparisons, every year's pair of figures.
    public var yearByYear: [YearComparison]
    /// The share of Monte Carlo draws in which the requirement holds, once drawn.
    public var probability: Double?
    /// Whether every year the target is about is recorded (实际), so that it was judged on the
    /// ledger rather than on the projection (预计).
    public var isRecorded = false

    /// The check once Monte Carlo has drawn it: `probability` recorded and, for a target with
    /// `probability_at_least`, met exactly when the probability reaches it (docs/model.md §8).
    public func judged(withProbability probability: Double) -> TargetCheck {
        var check = self
        check.probability = probability
        if let required = target.probabilityAtLeast { check.passed = probability >= required - relativeTolerance }
        return check
    }

    /// Whether the outcome was decided by a probability (a `probability_at_least` target, drawn).
    public var isJudgedByProbability: Bool { target.probabilityAtLeast != nil && probability != nil }

    /// True when the outcome is the one the scenario expects (a pass, or an expected failure).
    public var isAsExpected: Bool { passed == (target.expectation == .pass) }

    /// Whether the target passed, crossed with whether the scenario expected it to.
    public enum Outcome: Sendable, Equatable {
        case met, failedAsExpected, passedUnexpectedly, failed
    }

    public var outcome: Outcome {
        switch (passed, target.expectation) {
        case (true, .pass): .met
        case (false, .fail): .failedAsExpected
        case (true, .fail): .passedUnexpectedly
        case (false, .pass): .failed
        }
    }

    /// One year of a year-by-year comparison.
    public struct YearComparison: Sendable, Equatable {
        public var year: Int
        public var actual: Double
        public var required: Double
        public var passed: Bool
    }
}
