extension TargetKind {
    /// In every year from `from` to `to` the standard grows faster than rural income
    /// (饶县民字[2017]33号 一: 实际收入增幅略高于全县农村居民年人均可支配收入增幅); the deciding year
    /// is the first failing one, or the closest when all pass.
    public static let standardGrowthAboveRuralIncome = TargetKind(
        name: "standard_growth_above_rural_income", years: .span, parameters: [],
        needs: [.standard, .ruralIncome], measure: .ratePerYear, comparison: .aboveEveryYear, bounds: nil,
        label: Words(zh: "标准增幅高于收入增幅", en: "standard growth above rural income"),
        sentence: (
            met: Words(
                zh: "每年低保标准增幅均高于农村居民收入增幅；差距最小为{year}年（{actual} vs {required}）",
                en: "the standard grows faster than rural income every year; closest in {year} ({actual} vs {required})"),
            failed: Words(
                zh: "{year}年低保标准增幅不高于农村居民收入增幅（{actual} vs {required}）",
                en: "in {year} the standard grows no faster than rural income ({actual} vs {required})")
        ),
        validate: { target, span in
            guard case .span(let from, _) = target.years, !span.contains(from - 1) else { return nil }
            return ScenarioProblem(
                at: ["from"], year: from,
                "growth in \(from) is measured from \(from - 1), which is outside the scenario's years \(span.first)–\(span.last); start at \(span.first + 1) or later"
            )
        },
        reads: { target in
            guard case .span(let from, let to) = target.years else { return [] }
            return ((from - 1)...to).flatMap { year in [SeriesYear(.standard, year), SeriesYear(.ruralIncome, year)] }
        },
        rule: { target in
            // A kind of `years: .span` always has a span once validated.
            guard case .span(let from, let to) = target.years else { return GrowthRule(years: nil) }
            return GrowthRule(years: from...to)
        }
    )

    /// Year by year, the standard's growth against rural income's, from the values of
    /// from − 1 … to in pairs (standard, rural income). The deciding year is the first failing
    /// one, else the first of the smallest margins.
    struct GrowthRule: TargetRule {
        /// From `from` to `to`; nil without a span.
        let years: ClosedRange<Int>?

        /// The standard's and rural income's growth into the i-th year of the span.
        @inline(__always)
        func growth<L: TargetLanes>(_ values: UnsafeBufferPointer<L>, _ i: Int) -> (standard: L, income: L) {
            (values[2 * i + 2] / values[2 * i] - L(every: 1), values[2 * i + 3] / values[2 * i + 1] - L(every: 1))
        }

        @inline(__always)
        func judge<L: TargetLanes>(_ values: UnsafeBufferPointer<L>) -> TargetJudgement<L> {
            guard let years else { return .unjudged }
            // Lane by lane: whether a year has failed yet, the first failing year's figures, and
            // the closest year's (the first year, replaced only by a strictly smaller margin).
            var failing = L.Verdict(every: false)
            var finite = L.Verdict(every: true)
            var failed = (actual: L(every: .nan), required: L(every: .nan), year: L(every: .nan))
            var closest = failed
            for (i, year) in years.enumerated() {
                let (standard, income) = growth(values, i)
                let passed = isGreater(standard, than: income)
                finite = finite.and(standard.isFinite.and(income.isFinite))
                let thisYear = L(every: Double(year))
                let firstFailure = passed.inverted.and(failing.inverted)
                failed = (
                    L.choose(firstFailure, standard, else: failed.actual), L.choose(firstFailure, income, else: failed.required),
                    L.choose(firstFailure, thisYear, else: failed.year)
                )
                failing = failing.or(passed.inverted)
                let nearer = i == 0 ? L.Verdict(every: true) : L.isLess(standard - income, closest.actual - closest.required)
                closest = (
                    L.choose(nearer, standard, else: closest.actual), L.choose(nearer, income, else: closest.required),
                    L.choose(nearer, thisYear, else: closest.year)
                )
            }
            return TargetJudgement(
                passed: failing.inverted, actual: L.choose(failing, failed.actual, else: closest.actual),
                required: L.choose(failing, failed.required, else: closest.required),
                decidingYear: L.choose(failing, failed.year, else: closest.year), figuresFinite: finite)
        }

        func yearByYear(_ values: UnsafeBufferPointer<Double>) -> [TargetCheck.YearComparison] {
            guard let years else { return [] }
            return years.enumerated().map { i, year in
                let (standard, income) = growth(values, i)
                return TargetCheck.YearComparison(year: year, actual: standard, required: income, passed: isGreater(standard, than: income))
            }
        }
    }
}

extension Target.Requirement {
    /// The standard grows faster than rural income in every year from `from` to `to`.
    public static func standardGrowthAboveRuralIncome(from: Int, to: Int) -> Self {
        Self(.standardGrowthAboveRuralIncome, years: .span(from: from, to: to), arguments: [:])
    }
}
