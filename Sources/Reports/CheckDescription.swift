import PolicyModel

/// Words and units for one target check: what it is about, the figure, the requirement.
public struct CheckDescription: Sendable {
    /// `margin_above_poverty_line 2018`
    public var title: String
    /// The unit of `actual` and `required` in machine-readable outputs.
    public var unit: String
    /// The figure reached, formatted.
    public var actual: String
    /// The requirement, formatted with its comparison (`≥ 20.0%`).
    public var requirement: String
    /// One sentence with both figures.
    public var message: String

    /// Describes `check` in `language`.
    public init(_ check: TargetCheck, language: Language = .en) {
        let l = language
        let requirement = check.target.requirement
        let years: String
        switch requirement.years {
        case .single(let year): years = l.pick("\(year)年", "\(year)")
        case .span(let from, let to): years = l.pick("\(from)–\(to)年", "\(from)–\(to)")
        }
        title = "\(CheckDescription.name(of: requirement, l)) \(years)"
        switch requirement {
        case .marginAbovePovertyLine:
            unit = "ratio"
            actual = Formatting.percent(check.actual)
            self.requirement = "≥ " + Formatting.percent(check.required)
            message = l.pick(
                "低保标准高于同期国家扶贫标准 \(actual)，要求至少 \(Formatting.percent(check.required))",
                "standard is \(actual) above the poverty line; required at least \(Formatting.percent(check.required))")
        case .standardAtLeast, .benefitAtLeast:
            let isStandard = if case .standardAtLeast = requirement { true } else { false }
            let shown = isStandard ? "元/年" : "元/月"
            unit = isStandard ? "yuan/person/year" : "yuan/person/month"
            actual = Formatting.grouped(check.actual) + " " + shown
            self.requirement = "≥ " + Formatting.grouped(check.required) + " " + shown
            message = l.pick(
                "\(isStandard ? "低保标准" : "补助水平") \(actual)，要求至少 \(Formatting.grouped(check.required)) \(shown)",
                "\(isStandard ? "standard" : "benefit level") \(actual); required at least \(Formatting.grouped(check.required)) \(shown)")
        case .averageGrowth(let series, _, _, _, let tolerance):
            unit = "rate per year"
            actual = Formatting.percent(check.actual, decimals: 2) + l.pick("/年", " a year")
            self.requirement = "= " + Formatting.percent(check.required, decimals: 2) + " ± " + Formatting.percent(tolerance, decimals: 2)
            message = l.pick(
                "\(CheckDescription.seriesName(series, l))年均增长 \(Formatting.percent(check.actual, decimals: 2))，要求 \(Formatting.percent(check.required, decimals: 2)) ± \(Formatting.percent(tolerance, decimals: 2))",
                "\(CheckDescription.seriesName(series, l)) grows \(actual) on average; required \(Formatting.percent(check.required, decimals: 2)) ± \(Formatting.percent(tolerance, decimals: 2))"
            )
        case .standardGrowthAboveRuralIncome:
            unit = "rate per year"
            let year = check.decidingYear.map(String.init) ?? ""
            actual = Formatting.percent(check.actual, decimals: 2) + l.pick("（\(year)年）", " in \(year)")
            self.requirement = "> " + Formatting.percent(check.required, decimals: 2)
            let figures = "\(Formatting.percent(check.actual, decimals: 2)) vs \(Formatting.percent(check.required, decimals: 2))"
            message =
                check.passed
                ? l.pick(
                    "每年低保标准增幅均高于农村居民收入增幅；差距最小为\(year)年（\(figures)）",
                    "the standard grows faster than rural income every year; closest in \(year) (\(figures))")
                : l.pick(
                    "\(year)年低保标准增幅不高于农村居民收入增幅（\(figures)）",
                    "in \(year) the standard grows no faster than rural income (\(figures))")
        case .countyBudgetAtMost, .totalBudgetAtMost:
            let isCounty = if case .countyBudgetAtMost = requirement { true } else { false }
            unit = "yuan"
            actual = Formatting.wanYuan(check.actual) + " 万元"
            self.requirement = "≤ " + Formatting.wanYuan(check.required) + " 万元"
            message = l.pick(
                "\(isCounty ? "县级承担" : "资金总需求") \(actual)，上限 \(Formatting.wanYuan(check.required)) 万元",
                "\(isCounty ? "county's own share" : "total budget") \(actual); limit \(Formatting.wanYuan(check.required)) 万元")
        }
    }

    static func name(of requirement: Target.Requirement, _ l: Language) -> String {
        switch requirement {
        case .marginAbovePovertyLine: l.pick("标准高于扶贫标准", "margin above poverty line")
        case .standardAtLeast: l.pick("低保标准下限", "standard at least")
        case .benefitAtLeast: l.pick("补助水平下限", "benefit at least")
        case .averageGrowth(let series, _, _, _, _): l.pick("\(seriesName(series, l))年均增长", "average growth of \(seriesName(series, l))")
        case .standardGrowthAboveRuralIncome: l.pick("标准增幅高于收入增幅", "standard growth above rural income")
        case .countyBudgetAtMost: l.pick("县级资金上限", "county budget at most")
        case .totalBudgetAtMost: l.pick("资金总需求上限", "total budget at most")
        }
    }

    /// The programme's name for a series.
    public static func seriesName(_ series: SeriesName, _ l: Language) -> String {
        switch series {
        case .standard: l.pick("低保标准", "standard")
        case .povertyLine: l.pick("国家扶贫标准", "poverty line")
        case .ruralIncome: l.pick("农村居民人均可支配收入", "rural income")
        case .benefit: l.pick("补助水平", "benefit level")
        case .caseload: l.pick("低保对象人数", "caseload")
        }
    }
}
