extension TargetKind {
    /// The compound annual growth of `series` from `from` to `to` is `rate` ± `tolerance`
    /// (饶县民字[2017]33号 一: 按照年均14.4%的增长比例). A rate quoted to a tenth of a percent
    /// (14.4%) is met within half of that by default.
    public static let averageGrowth = TargetKind(
        name: "average_growth", years: .span,
        parameters: [
            TargetParameter("series", .series, meaning: "series", default: .series(.standard)),
            TargetParameter("rate", .rate, meaning: "growth rate", isThreshold: true),
            TargetParameter("tolerance", .nonNegative, meaning: "tolerance", default: .number(0.0005)),
        ],
        needs: [], measure: .ratePerYear, comparison: .within(toleranceKey: "tolerance"), bounds: nil,
        label: Words(zh: "{series}年均增长", en: "average growth of {series}"),
        sentence: Words(
            zh: "{series}年均增长 {actual}，要求 {required} ± {tolerance}",
            en: "{series} grows {actual} a year on average; required {required} ± {tolerance}"),
        validate: { target, _ in
            guard case .span(let from, let to) = target.years, from >= to else { return nil }
            return ScenarioProblem(at: ["to"], year: to, "average_growth needs 'to' after 'from'")
        },
        reads: { target in
            guard case .span(let from, let to) = target.years else { return [] }
            return [SeriesYear(target.series("series"), to), SeriesYear(target.series("series"), from)]
        },
        rule: { target in
            // A kind of `years: .span` always has a span once validated.
            guard case .span(let from, let to) = target.years else { return CompoundGrowthRule(years: nil, rate: .nan, tolerance: .nan) }
            return CompoundGrowthRule(years: to - from, rate: target.number("rate"), tolerance: target.number("tolerance"))
        }
    )

    /// (last / first)^(1 / years) − 1 against the rate, within the tolerance.
    struct CompoundGrowthRule: TargetRule {
        /// The years from `from` to `to`; nil without a span.
        let years: Int?
        let rate: Double
        let tolerance: Double

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            guard let years else { return .unjudged }
            let compound = (values[0] / values[1]).raised(to: 1 / Double(years)) - L(every: 1)
            let rate = L(every: rate)
            return TargetJudgement(passed: isWithin(compound, rate, tolerance: L(every: tolerance)), actual: compound, required: rate)
        }
    }
}

extension Target.Requirement {
    /// `series` grows `rate` ± `tolerance` a year on average from `from` to `to`.
    public static func averageGrowth(series: SeriesName, from: Int, to: Int, rate: Double, tolerance: Double) -> Self {
        Self(
            .averageGrowth, years: .span(from: from, to: to),
            arguments: ["series": .series(series), "rate": .number(rate), "tolerance": .number(tolerance)])
    }
}
