extension TargetKind {
    /// Every kind of target a scenario can state, in the order listings present them.
    public static let all: [TargetKind] = [
        .standardAtLeast, .averageGrowth, .marginAbovePovertyLine, .benefitAtLeast, .benefitShareOfStandardAtLeast,
        .standardGrowthAboveRuralIncome,
        .countyBudgetAtMost, .totalBudgetAtMost, .townshipCoverageAtMost,
    ]
}
