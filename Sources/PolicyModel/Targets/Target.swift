/// A performance target of the plan (饶县民字[2017]33号 八: 列入县民生工作年度目标管理), checked
/// against every projection.
public struct Target: Sendable {
    /// What must be true.
    public var requirement: Requirement
    /// Whether the scenario expects the target to be met; an expected failure keeps CI green
    /// while staying visible, and an unexpected pass is reported so the expectation gets updated.
    public var expectation: Expectation
    /// The clause or source the target comes from.
    public var reference: String?
    /// Free text, e.g. why a failure is expected.
    public var note: String?

    public init(
        _ requirement: Requirement, expectation: Expectation = .pass, reference: String? = nil,
        note: String? = nil
    ) {
        self.requirement = requirement
        self.expectation = expectation
        self.reference = reference
        self.note = note
    }

    public enum Expectation: String, Sendable {
        case pass, fail
    }

    /// The kinds of target, each with the figures it needs.
    public enum Requirement: Sendable, Equatable {
        /// standard / poverty line − 1 ≥ `atLeast` in `year` (一: 高于同期全国扶贫标准20%).
        case marginAbovePovertyLine(year: Int, atLeast: Double)
        /// The standard is at least the given amount in `year` (一: 2016-2020 标准分别为…).
        case standardAtLeast(year: Int, YuanPerPersonYear)
        /// The benefit level is at least the given amount in `year` (一: 至少达到245元/月).
        case benefitAtLeast(year: Int, YuanPerPersonMonth)
        /// The compound annual growth of `series` over from…to is `rate` ± `tolerance`
        /// (一: 按照年均14.4%的增长比例).
        case averageGrowth(series: SeriesName, from: Int, to: Int, rate: Double, tolerance: Double)
        /// In every year from…to the standard grows faster than rural income
        /// (一: 实际收入增幅略高于全县农村居民年人均可支配收入增幅).
        case standardGrowthAboveRuralIncome(from: Int, to: Int)
        /// The county's own share of the budget is at most the given amount in `year` (七).
        case countyBudgetAtMost(year: Int, Yuan)
        /// The whole budget is at most the given amount in `year`.
        case totalBudgetAtMost(year: Int, Yuan)

        /// The identifier used in scenario files and outputs.
        public var kind: String {
            switch self {
            case .marginAbovePovertyLine: "margin_above_poverty_line"
            case .standardAtLeast: "standard_at_least"
            case .benefitAtLeast: "benefit_at_least"
            case .averageGrowth: "average_growth"
            case .standardGrowthAboveRuralIncome: "standard_growth_above_rural_income"
            case .countyBudgetAtMost: "county_budget_at_most"
            case .totalBudgetAtMost: "total_budget_at_most"
            }
        }

        /// The years the target is about: one year, or a span.
        public var years: TargetYears {
            switch self {
            case .marginAbovePovertyLine(let year, _), .standardAtLeast(let year, _),
                .benefitAtLeast(let year, _), .countyBudgetAtMost(let year, _),
                .totalBudgetAtMost(let year, _):
                .single(year)
            case .averageGrowth(_, let from, let to, _, _), .standardGrowthAboveRuralIncome(let from, let to):
                .span(from: from, to: to)
            }
        }
    }
}

/// The years a target concerns.
public enum TargetYears: Sendable, Equatable {
    case single(Int)
    case span(from: Int, to: Int)
}
