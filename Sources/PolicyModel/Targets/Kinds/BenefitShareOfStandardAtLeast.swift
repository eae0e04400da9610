extension TargetKind {
    /// The benefit level is at least `at_least` of the monthly standard in `year`: B(t) / (S(t) / 12)
    /// (饶县民字[2017]33号 一: 按照低保标准提高幅度的相应比例提高低保补助水平; 245 元/月 is 69% of
    /// the 355 元/月 standard of 2018).
    public static let benefitShareOfStandardAtLeast = TargetKind(
        name: "benefit_share_of_standard_at_least", years: .single,
        parameters: [TargetParameter("at_least", .rate, meaning: "required share of the standard", isThreshold: true)],
        needs: [.benefit, .standard], measure: .ratio, comparison: .atLeast, bounds: nil,
        label: Words(zh: "补助水平占低保标准比例", en: "benefit as a share of the standard"),
        sentence: Words(
            zh: "补助水平为低保标准的 {actual}，要求至少 {required}", en: "benefit is {actual} of the standard; required at least {required}"),
        reads: { target in [SeriesYear(.benefit, target.year), SeriesYear(.standard, target.year)] },
        rule: { target in BenefitShareRule(required: target.number("at_least")) }
    )

    /// benefit / standard against the required share.
    struct BenefitShareRule: TargetRule {
        let required: Double

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            let share = values[0] / values[1]
            let required = L(every: required)
            return TargetJudgement(passed: isAtLeast(share, required), actual: share, required: required)
        }
    }
}

extension Target.Requirement {
    /// The benefit level is at least `atLeast` of the standard in `year`.
    public static func benefitShareOfStandardAtLeast(year: Int, atLeast: Double) -> Self {
        Self(.benefitShareOfStandardAtLeast, years: .single(year), arguments: ["at_least": .number(atLeast)])
    }
}
