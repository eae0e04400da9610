/// One kind of target, declared in one place: its name in scenario files, the keys it takes,
/// the series and budget it needs, how it is checked, and how its figures are worded and
/// shown. Every layer reads this entry (decoding, validation, evaluation, listings, reports,
/// JSON); adding a kind is a new entry in `TargetKind.all` (docs/model.md §5).
public struct TargetKind: Sendable, Equatable, CustomStringConvertible {
    /// The identifier in scenario files and outputs (`margin_above_poverty_line`).
    public let name: String
    /// Whether the target concerns one year (`year:`) or a span (`from:`, `to:`).
    public let years: YearShape
    /// The keys the kind takes besides `kind`, `expect`, `reference`, `note` and its years.
    public let parameters: [TargetParameter]
    /// The series the check reads; a scenario without one of them is refused.
    public let needs: [SeriesName]
    /// Whether the check reads the budget.
    public let needsBudget: Bool
    /// What the figures measure, for formatting and the `unit` of machine-readable outputs.
    public let measure: TargetMeasure
    /// How the figure is compared with the requirement.
    public let comparison: TargetComparison
    /// The figure of the year tables that the target bounds (charts draw the requirement on it).
    public let bounds: Figure?
    /// The target's name in listings; `{series}` stands for the series it concerns.
    public let label: Words
    /// One sentence on the outcome when met and when not; `{actual}`, `{required}`,
    /// `{tolerance}`, `{year}` and `{series}` stand for the check's figures.
    public let sentence: (met: Words, failed: Words)
    /// Checks one target against a projection's series and budgets.
    let evaluate: @Sendable (Target, TargetContext) throws(ScenarioProblem) -> TargetResult
    /// For a kind whose check reads series values only: the (series, year) values a target reads…
    private(set) var reads: (@Sendable (Target) -> [SeriesYear])?
    /// …and its check as a function of them, in `reads` order (the target's parameters read once,
    /// then applied to each draw's values: Monte Carlo checks draws in bulk this way).
    private(set) var rule: (@Sendable (Target) -> Rule)?

    /// A target's check as a function of the values it reads, for one value and for eight draws
    /// at a time: the kind's `TargetRule`, specialised for both when the kind is declared.
    public struct Rule: Sendable {
        /// One set of values: whether the target passes and its deciding figures.
        let one: @Sendable (UnsafeBufferPointer<Double>) -> TargetJudgement<Double>
        /// Eight draws' values, value i's lanes in `values[i]`: which lanes pass, and which
        /// computed finite figures only (a draw that did not cannot be judged: the caller checks
        /// it alone). Only these two, so the deciding figures are not computed eight at a time.
        let eight: @Sendable (UnsafeBufferPointer<SIMD8<Double>>) -> (passed: SIMD8<Double>.Verdict, figuresFinite: SIMD8<Double>.Verdict)
        let yearByYear: @Sendable (UnsafeBufferPointer<Double>) -> [TargetCheck.YearComparison]

        init<R: TargetRule>(_ rule: R) {
            one = { rule.judge($0) }
            eight = { values in
                let judgement = rule.judge(values)
                return (judgement.passed, judgement.figuresFinite)
            }
            yearByYear = { rule.yearByYear($0) }
        }

        /// The check on one set of values: `detailed` false when only whether it passes and its
        /// deciding figures are wanted (a Monte Carlo draw), not its year-by-year comparisons.
        public func callAsFunction(_ values: UnsafeBufferPointer<Double>, _ detailed: Bool) -> TargetResult {
            let judgement = one(values)
            return TargetResult(
                passed: judgement.passed, actual: judgement.actual, required: judgement.required,
                decidingYear: judgement.decidingYear.map { Int($0) }, yearByYear: detailed ? yearByYear(values) : [])
        }
    }
    /// Checks that depend on the kind (beyond years in the span and finite numbers), nil when fine.
    let validate: @Sendable (Target, YearSpan) -> ScenarioProblem?

    public init(
        name: String, years: YearShape, parameters: [TargetParameter], needs: [SeriesName], needsBudget: Bool = false,
        measure: TargetMeasure, comparison: TargetComparison, bounds: Figure?, label: Words, sentence: (met: Words, failed: Words),
        validate: @escaping @Sendable (Target, YearSpan) -> ScenarioProblem? = { _, _ in nil },
        evaluate: @escaping @Sendable (Target, TargetContext) throws(ScenarioProblem) -> TargetResult
    ) {
        self.name = name
        self.years = years
        self.parameters = parameters
        self.needs = needs
        self.needsBudget = needsBudget
        self.measure = measure
        self.comparison = comparison
        self.bounds = bounds
        self.label = label
        self.sentence = sentence
        self.validate = validate
        self.evaluate = evaluate
        reads = nil
        rule = nil
    }

    /// A kind whose check reads series values only: `reads` names them, `rule` judges them. The
    /// projection reads them from its series and applies the rule; Monte Carlo applies the same
    /// rule to each draw's values. Internal, as `TargetRule` is: the kinds are declared in this
    /// module, and the lane types' helpers (`Bool.and`, `SIMD8.choose`…) stay out of importers.
    init<R: TargetRule>(
        name: String, years: YearShape, parameters: [TargetParameter], needs: [SeriesName], measure: TargetMeasure,
        comparison: TargetComparison, bounds: Figure?, label: Words, sentence: (met: Words, failed: Words),
        validate: @escaping @Sendable (Target, YearSpan) -> ScenarioProblem? = { _, _ in nil },
        reads: @escaping @Sendable (Target) -> [SeriesYear], rule: @escaping @Sendable (Target) -> R
    ) {
        let compiled: @Sendable (Target) -> Rule = { target in Rule(rule(target)) }
        self.init(
            name: name, years: years, parameters: parameters, needs: needs, measure: measure, comparison: comparison, bounds: bounds,
            label: label, sentence: sentence, validate: validate
        ) { target, context throws(ScenarioProblem) in
            var values: [Double] = []
            for read in reads(target) { values.append(try context.value(of: read.series, in: read.year)) }
            return values.withUnsafeBufferPointer { compiled(target)($0, true) }
        }
        self.reads = reads
        self.rule = compiled
    }

    /// The same, with one sentence whether the target is met or not.
    init<R: TargetRule>(
        name: String, years: YearShape, parameters: [TargetParameter], needs: [SeriesName], measure: TargetMeasure,
        comparison: TargetComparison, bounds: Figure?, label: Words, sentence: Words,
        validate: @escaping @Sendable (Target, YearSpan) -> ScenarioProblem? = { _, _ in nil },
        reads: @escaping @Sendable (Target) -> [SeriesYear], rule: @escaping @Sendable (Target) -> R
    ) {
        self.init(
            name: name, years: years, parameters: parameters, needs: needs, measure: measure, comparison: comparison, bounds: bounds,
            label: label, sentence: (met: sentence, failed: sentence), validate: validate, reads: reads, rule: rule)
    }

    /// A kind whose sentence is the same whether the target is met or not.
    public init(
        name: String, years: YearShape, parameters: [TargetParameter], needs: [SeriesName], needsBudget: Bool = false,
        measure: TargetMeasure, comparison: TargetComparison, bounds: Figure?, label: Words, sentence: Words,
        validate: @escaping @Sendable (Target, YearSpan) -> ScenarioProblem? = { _, _ in nil },
        evaluate: @escaping @Sendable (Target, TargetContext) throws(ScenarioProblem) -> TargetResult
    ) {
        self.init(
            name: name, years: years, parameters: parameters, needs: needs, needsBudget: needsBudget, measure: measure,
            comparison: comparison, bounds: bounds, label: label, sentence: (met: sentence, failed: sentence), validate: validate,
            evaluate: evaluate)
    }

    public static func == (lhs: TargetKind, rhs: TargetKind) -> Bool { lhs.name == rhs.name }

    public var description: String { name }

    /// The kind named `name` in scenario files, if there is one.
    public static func named(_ name: String) -> TargetKind? { all.first { $0.name == name } }

    /// The parameter with `key`, if the kind takes it.
    public func parameter(_ key: String) -> TargetParameter? { parameters.first { $0.key == key } }

    public enum YearShape: Sendable {
        case single, span
    }
}

/// One series' value in one year, as a target reads it.
public struct SeriesYear: Sendable, Equatable {
    public var series: SeriesName
    public var year: Int

    public init(_ series: SeriesName, _ year: Int) {
        self.series = series
        self.year = year
    }
}

/// A key a target kind takes, with what its value must be.
public struct TargetParameter: Sendable {
    /// The key in scenario files (`at_least`).
    public let key: String
    public let type: ParameterType
    /// What the value is, for messages ("required margin").
    public let meaning: String
    /// The value when the key is absent; nil makes the key required.
    public let defaultValue: TargetArgument?
    /// Whether the value is the requirement itself (shown as `required`, not repeated in outputs).
    public let isThreshold: Bool

    public init(
        _ key: String, _ type: ParameterType, meaning: String, default defaultValue: TargetArgument? = nil, isThreshold: Bool = false
    ) {
        self.key = key
        self.type = type
        self.meaning = meaning
        self.defaultValue = defaultValue
        self.isThreshold = isThreshold
    }

    public enum ParameterType: Sendable, Equatable {
        /// A finite number: a ratio or a rate (0.2 for 20%).
        case rate
        /// A finite number ≥ 0 (a tolerance).
        case nonNegative
        /// An amount in 元, finite and ≥ 0 (written in 元, or in 万元 under `wan_` + the key).
        case yuan
        /// An amount per person, written `yuan_per_year:` or `yuan_per_month:`; held in the unit
        /// of the parameter's key (the unit the kind prefers), converted from the other.
        case moneyPerPerson
        /// A series name.
        case series
    }

    /// The keys a scenario file may use for this parameter: an amount in 元 may also be given
    /// in 万元 (`wan_yuan`), one per person per year or per month.
    public var fileKeys: [String] {
        switch type {
        case .moneyPerPerson: [key, key == "yuan_per_year" ? "yuan_per_month" : "yuan_per_year"]
        case .yuan: [key, "wan_" + key]
        default: [key]
        }
    }
}

/// A target's value for one parameter.
public enum TargetArgument: Sendable, Equatable {
    case number(Double)
    case series(SeriesName)
}

/// What a target's figures measure.
public enum TargetMeasure: String, Sendable {
    /// A ratio shown as a percentage with one decimal (a margin).
    case ratio
    /// A rate per year shown as a percentage with two decimals.
    case ratePerYear = "rate per year"
    case yuanPerPersonYear = "yuan/person/year"
    case yuanPerPersonMonth = "yuan/person/month"
    /// An amount in 元, shown in 万元.
    case yuan
}

/// How a target compares its figure with the requirement.
public enum TargetComparison: Sendable, Equatable {
    /// figure ≥ requirement
    case atLeast
    /// figure ≤ requirement
    case atMost
    /// |figure − requirement| ≤ the value of the parameter `tolerance`
    case within(toleranceKey: String)
    /// figure > requirement in every year (the deciding year is shown)
    case aboveEveryYear
}

/// What a target kind's check finds.
public struct TargetResult: Sendable {
    public var passed: Bool
    public var actual: Double
    public var required: Double
    public var decidingYear: Int?
    public var yearByYear: [TargetCheck.YearComparison]

    public init(
        passed: Bool, actual: Double, required: Double, decidingYear: Int? = nil, yearByYear: [TargetCheck.YearComparison] = []
    ) {
        self.passed = passed
        self.actual = actual
        self.required = required
        self.decidingYear = decidingYear
        self.yearByYear = yearByYear
    }
}
