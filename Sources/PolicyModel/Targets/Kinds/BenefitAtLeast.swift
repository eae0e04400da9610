extension TargetKind {
    /// The benefit level is at least the given amount in `year` (饶县民字[2017]33号 一: 至少达到245元/月).
    public static let benefitAtLeast = TargetKind(
        name: "benefit_at_least", years: .single,
        parameters: [TargetParameter("yuan_per_month", .moneyPerPerson, meaning: "floor", isThreshold: true)],
        needs: [.benefit], measure: .yuanPerPersonMonth, comparison: .atLeast, bounds: .benefitYuanPerMonth,
        label: Words(zh: "补助水平下限", en: "benefit at least"),
        sentence: Words(zh: "补助水平 {actual}，要求至少 {required}", en: "benefit level {actual}; required at least {required}"),
        reads: { target in [SeriesYear(.benefit, target.year)] },
        rule: { target in BenefitFloorRule(floor: target.number("yuan_per_month")) }
    )

    /// The benefit per month against its floor.
    struct BenefitFloorRule: TargetRule {
        let floor: Double

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            // The series is held per year.
            let benefit = YuanPerPersonYear.perMonth(values[0])
            let floor = L(every: floor)
            return TargetJudgement(passed: isAtLeast(benefit, floor), actual: benefit, required: floor)
        }
    }
}

extension Target.Requirement {
    /// The benefit level is at least `floor` in `year`.
    public static func benefitAtLeast(year: Int, _ floor: YuanPerPersonMonth) -> Self {
        Self(.benefitAtLeast, years: .single(year), arguments: ["yuan_per_month": .number(floor.yuan)])
    }
}
