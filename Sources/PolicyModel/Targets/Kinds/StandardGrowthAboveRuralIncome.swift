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
            guard case .span(let from, let to) = target.years else {
                return { _, _ in TargetResult(passed: false, actual: .nan, required: .nan) }
            }
            return { values, detailed in
                // values: standard and rural income of from − 1 … to, in pairs. The deciding year is
                // the first failing one, else the first of the smallest margins.
                var years: [TargetCheck.YearComparison] = []
                if detailed { years.reserveCapacity(to - from + 1) }
                var failing: TargetCheck.YearComparison?
                var closest: TargetCheck.YearComparison?
                for (i, year) in (from...to).enumerated() {
                    let standardGrowth = values[2 * i + 2] / values[2 * i] - 1
                    let incomeGrowth = values[2 * i + 3] / values[2 * i + 1] - 1
                    let comparison = TargetCheck.YearComparison(
                        year: year, actual: standardGrowth, required: incomeGrowth,
                        passed: isGreater(standardGrowth, than: incomeGrowth))
                    if detailed { years.append(comparison) }
                    if !comparison.passed, failing == nil { failing = comparison }
                    if let best = closest, !(comparison.actual - comparison.required < best.actual - best.required) { continue }
                    closest = comparison
                }
                let deciding = (failing ?? closest)!
                return TargetResult(
                    passed: failing == nil, actual: deciding.actual, required: deciding.required, decidingYear: deciding.year,
                    yearByYear: years)
            }
        }
    )
}

extension Target.Requirement {
    /// The standard grows faster than rural income in every year from `from` to `to`.
    public static func standardGrowthAboveRuralIncome(from: Int, to: Int) -> Self {
        Self(.standardGrowthAboveRuralIncome, years: .span(from: from, to: to), arguments: [:])
    }
}
