import PolicyModel

/// Words and units for one target check: what it is about, the figure, the requirement. Every
/// kind is worded from its entry in `TargetKind.all` (label, measure, comparison, sentences).
public struct CheckDescription: Sendable {
    /// `margin above poverty line 2018`
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
        let target = check.target
        let kind = target.kind
        let years: String
        switch target.years {
        case .single(let year): years = l.pick("\(year)年", "\(year)")
        case .span(let from, let to): years = l.pick("\(from)–\(to)年", "\(from)–\(to)")
        }
        title = "\(CheckDescription.label(of: target, l)) \(years)"
        unit = kind.measure.rawValue
        let figure = { (value: Double) in CheckDescription.figure(value, kind.measure) }
        let deciding = check.decidingYear.map(String.init) ?? ""
        switch (kind.comparison, kind.measure) {
        case (.aboveEveryYear, _): actual = figure(check.actual) + l.pick("（\(deciding)年）", " in \(deciding)")
        case (_, .ratePerYear): actual = figure(check.actual) + l.pick("/年", " a year")
        default: actual = figure(check.actual)
        }
        var tolerance = ""
        switch kind.comparison {
        case .atLeast: requirement = "≥ " + figure(check.required)
        case .atMost: requirement = "≤ " + figure(check.required)
        case .aboveEveryYear: requirement = "> " + figure(check.required)
        case .within(let key):
            tolerance = figure(target.number(key))
            requirement = "= " + figure(check.required) + " ± " + tolerance
        }
        if let required = target.probabilityAtLeast {
            requirement += l.pick("，达标概率 ≥ ", ", met with probability ≥ ") + Formatting.percent(required)
            actual +=
                check.probability.map { l.pick("，达标概率 ", ", met in ") + Formatting.percent($0) + l.pick("", " of draws") }
                ?? l.pick("（概率未评估：加 --draws）", " (probability not drawn: add --draws)")
        }
        let template = l.pick(check.passed ? kind.sentence.met : kind.sentence.failed)
        message = CheckDescription.fill(
            template,
            [
                "actual": figure(check.actual), "required": figure(check.required), "tolerance": tolerance, "year": deciding,
                "series": CheckDescription.seriesOfTarget(target, l),
            ])
    }

    /// The kind's label with the series it concerns.
    static func label(of target: Target, _ l: Language) -> String {
        fill(l.pick(target.kind.label), ["series": seriesOfTarget(target, l)])
    }

    /// The name of the series a target concerns (its `series` parameter), if it has one.
    private static func seriesOfTarget(_ target: Target, _ l: Language) -> String {
        guard let parameter = target.kind.parameters.first(where: { $0.type == .series }) else { return "" }
        return l.pick(target.series(parameter.key).words)
    }

    /// A figure of a target as listings show it: percentages, 元 per person with the unit, 万元.
    static func figure(_ value: Double, _ measure: TargetMeasure) -> String {
        switch measure {
        case .ratio: Formatting.percent(value)
        case .ratePerYear: Formatting.percent(value, decimals: 2)
        case .yuanPerPersonYear: Formatting.grouped(value) + " 元/年"
        case .yuanPerPersonMonth: Formatting.grouped(value) + " 元/月"
        case .yuan: Formatting.wanYuan(value) + " 万元"
        }
    }

    /// `template` with each `{name}` replaced by its value, in one pass: a name without a value
    /// stays as written, and a value is never read as a template itself.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let name = rest[rest.index(after: open)...]
            guard let close = name.firstIndex(of: "}"), let value = values[String(name[..<close])] else {
                out += "{"
                rest = name
                continue
            }
            out += value
            rest = name[name.index(after: close)...]
        }
        return out + rest
    }

    /// The programme's name for a series.
    public static func seriesName(_ series: SeriesName, _ l: Language) -> String { l.pick(series.words) }

    /// The outcome in words for a report: 达标 / 未达标 when the target's years are recorded
    /// (实际), 预计达标 / 预计未达标 when they are projected.
    public static func outcome(_ check: TargetCheck, _ l: Language) -> String {
        switch (check.passed, check.isRecorded) {
        case (true, true): l.pick("✓ 达标", "✓ met")
        case (false, true): l.pick("✗ 未达标", "✗ not met")
        case (true, false): l.pick("✓ 预计达标", "✓ expected to be met")
        case (false, false): l.pick("✗ 预计未达标", "✗ not expected to be met")
        }
    }
}
