extension TargetKind {
    /// standard / poverty line − 1 ≥ `at_least` in `year` (饶县民字[2017]33号 一: 高于同期全国扶贫标准20%).
    public static let marginAbovePovertyLine = TargetKind(
        name: "margin_above_poverty_line", years: .single,
        parameters: [TargetParameter("at_least", .rate, meaning: "required margin", isThreshold: true)],
        needs: [.standard, .povertyLine], measure: .ratio, comparison: .atLeast, bounds: .marginAbovePovertyLine,
        label: Words(zh: "标准高于扶贫标准", en: "margin above poverty line"),
        sentence: Words(
            zh: "低保标准高于同期国家扶贫标准 {actual}，要求至少 {required}",
            en: "standard is {actual} above the poverty line; required at least {required}"),
        reads: { target in [SeriesYear(.standard, target.year), SeriesYear(.povertyLine, target.year)] },
        rule: { target in MarginAbovePovertyLineRule(required: target.number("at_least")) }
    )

    /// standard / poverty line − 1 against the required margin.
    struct MarginAbovePovertyLineRule: TargetRule {
        let required: Double

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            let margin = values[0] / values[1] - L(every: 1)
            let required = L(every: required)
            return TargetJudgement(passed: isAtLeast(margin, required), actual: margin, required: required)
        }
    }
}

extension Target.Requirement {
    /// The standard is at least `atLeast` (0.2 for 20%) above the poverty line in `year`.
    public static func marginAbovePovertyLine(year: Int, atLeast: Double) -> Self {
        Self(.marginAbovePovertyLine, years: .single(year), arguments: ["at_least": .number(atLeast)])
    }
}
