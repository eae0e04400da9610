extension TargetKind {
    /// The standard is at least the given amount in `year` (饶县民字[2017]33号 一: 2016-2020 标准分别为…).
    public static let standardAtLeast = TargetKind(
        name: "standard_at_least", years: .single,
        parameters: [TargetParameter("yuan_per_year", .moneyPerPerson, meaning: "floor", isThreshold: true)],
        needs: [.standard], measure: .yuanPerPersonYear, comparison: .atLeast, bounds: .standardYuanPerYear,
        label: Words(zh: "低保标准下限", en: "standard at least"),
        sentence: Words(zh: "低保标准 {actual}，要求至少 {required}", en: "standard {actual}; required at least {required}"),
        reads: { target in [SeriesYear(.standard, target.year)] },
        rule: { target in StandardFloorRule(floor: target.number("yuan_per_year")) }
    )

    /// The standard against its floor.
    struct StandardFloorRule: TargetRule {
        let floor: Double

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            let floor = L(every: floor)
            return TargetJudgement(passed: isAtLeast(values[0], floor), actual: values[0], required: floor)
        }
    }
}

extension Target.Requirement {
    /// The standard is at least `floor` in `year`.
    public static func standardAtLeast(year: Int, _ floor: YuanPerPersonYear) -> Self {
        Self(.standardAtLeast, years: .single(year), arguments: ["yuan_per_year": .number(floor.yuan)])
    }
}
