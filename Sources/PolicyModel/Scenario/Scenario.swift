/// A commitment to project and check: a span of years, the policy series, the budget rules and
/// the targets. Built by a front end (usually from a YAML file); holds no file paths.
public struct Scenario: Sendable {
    /// Identifier used in outputs (`shangrao-2017-plan`).
    public var name: String
    /// Human title, Chinese first.
    public var title: String?
    /// Free text describing the scenario.
    public var description: String?
    /// The years to project.
    public var span: YearSpan
    public var series: [SeriesName: SeriesDefinition]
    public var budget: BudgetRules?
    public var targets: [Target]
    /// Derives eligibility, caseload and benefit from a household population, if given.
    public var microsimulation: MicrosimulationRules?
    /// How uncertain the growth rates are, for Monte Carlo runs.
    public var uncertainty: UncertaintySpec?
    /// The caseload as persons moving between states, if the scenario models it so.
    public var caseloadTransitions: CaseloadTransitions?
    /// What-ifs applied on top of the files (`--set series.poverty_line.growth=0.08`,
    /// `--scale series.caseload=+10%`), as given: every output that shows the scenario says them,
    /// so that a what-if is never mistaken for the plan.
    public var whatIfs: [String] = []
    /// The county the scenario is about (`county: 上饶县`): the report's title names it.
    public var county: String?
    /// Who signs the report and when (`sign_off: {unit: 上饶县民政局, date: 2021年1月15日}`).
    public var signOffUnit: String?
    public var signOffDate: String?
    /// Whom the report is addressed to (主送机关, `sign_off: {to: 县人民政府}`).
    public var addressee: String?
    /// The English of texts the files write in both languages (`note: {zh: …, en: …}`), by their
    /// Chinese, which the scenario's fields hold.
    public var english: [String: String] = [:]
    /// Recorded figures (实际数), by year and township.
    public var actuals: Actuals?

    /// `text` for people reading `english` (or Chinese): its English when the file gives one.
    public func text(_ text: String, english: Bool) -> String { english ? self.english[text] ?? text : text }

    public init(
        name: String, title: String? = nil, description: String? = nil, span: YearSpan,
        series: [SeriesName: SeriesDefinition], budget: BudgetRules? = nil, targets: [Target] = [],
        microsimulation: MicrosimulationRules? = nil
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.span = span
        self.series = series
        self.budget = budget
        self.targets = targets
        self.microsimulation = microsimulation
    }

    /// Whether the scenario defines `name`, or takes it from its microsimulation.
    public func provides(_ name: SeriesName) -> Bool {
        series[name] != nil || microsimulation?.drives.contains(name) == true || (name == .caseload && caseloadTransitions != nil)
    }

    /// Reports the first thing that makes the scenario impossible to project (see `problems()`).
    public func validate() throws(ScenarioProblem) {
        if let first = problems().first { throw first }
    }

    /// Everything that makes the scenario impossible to project, in the order of a scenario
    /// file's sections, each section's first problem (every series and every target on its
    /// own): an empty span, bad series or budget figures, a target outside the span or missing
    /// the series it needs.
    public func problems() -> [ScenarioProblem] {
        guard span.first <= span.last else {
            return [ScenarioProblem(at: ["years"], "years run from \(span.first) to \(span.last): 'from' is after 'to'")]
        }
        var found: [ScenarioProblem] = []
        func collect(_ check: () throws(ScenarioProblem) -> Void) {
            do { try check() } catch { found.append(error) }
        }
        let seriesProblems = SeriesResolver.problems(definitions: series)
        found += seriesProblems
        // Every series must reach every year of the span; each series' first gap is reported.
        if seriesProblems.isEmpty, let resolver = try? SeriesResolver(definitions: series) {
            for name in SeriesName.allCases where series[name] != nil {
                for year in span {
                    do {
                        _ = try resolver.value(of: name, in: year)
                    } catch {
                        found.append(error)
                        break
                    }
                }
            }
        }
        found += budget?.problems(span: span) ?? []
        if budget != nil {
            for needed in [SeriesName.caseload, .benefit] where !provides(needed) {
                found.append(ScenarioProblem(at: ["budget"], "the budget needs the series '\(needed.rawValue)'"))
            }
        }
        for (index, target) in targets.enumerated() {
            collect { () throws(ScenarioProblem) in try validate(target, index: index) }
        }
        if let microsimulation {
            collect { () throws(ScenarioProblem) in try microsimulation.validate() }
            for driven in microsimulation.drives.sorted() where series[driven] != nil {
                found.append(
                    ScenarioProblem(
                        at: ["series", driven.rawValue],
                        "series '\(driven.rawValue)' comes from the microsimulation (drives); remove it here or write '\(driven.rawValue): null' in a variant"
                    ))
            }
        }
        if let uncertainty, seriesProblems.isEmpty {
            collect { () throws(ScenarioProblem) in try uncertainty.validate(series: series, hasMicrosimulation: microsimulation != nil) }
        }
        if let actuals { found += actuals.problems(span: span) }
        if let caseloadTransitions {
            collect { () throws(ScenarioProblem) in try caseloadTransitions.validate(span: span) }
            if series[.caseload] != nil || microsimulation?.drives.contains(.caseload) == true {
                found.append(
                    ScenarioProblem(
                        at: ["caseload_transitions"],
                        "the caseload comes from caseload_transitions; remove series.caseload (or write 'caseload: null' in a variant)"))
            }
        }
        return found
    }

    /// Checks one target: its years within the span, its numbers finite (amounts ≥ 0), the
    /// series and budget its kind needs, and the kind's own conditions.
    func validate(_ target: Target, index: Int) throws(ScenarioProblem) {
        let key = ["targets", "[\(index)]"]
        let kind = target.kind
        switch target.years {
        case .single(let year):
            guard span.contains(year) else {
                throw ScenarioProblem(
                    at: key + ["year"], year: year,
                    "\(kind) target year \(year) is outside the scenario's years \(span.first)–\(span.last)")
            }
        case .span(let from, let to):
            guard from <= to else {
                throw ScenarioProblem(at: key + ["from"], year: from, "\(kind) target runs from \(from) to \(to): 'from' is after 'to'")
            }
            for year in [from, to] where !span.contains(year) {
                throw ScenarioProblem(
                    at: key + [year == from ? "from" : "to"], year: year,
                    "\(kind) target year \(year) is outside the scenario's years \(span.first)–\(span.last)")
            }
        }
        if let problem = kind.validate(target, span) {
            throw ScenarioProblem(at: key + problem.keyPath, year: problem.year, problem.message)
        }
        for parameter in kind.parameters {
            guard case .number(let value) = target.requirement.arguments[parameter.key] else { continue }
            switch parameter.type {
            case .rate: try requireFinite(value, key + [parameter.key])
            case .nonNegative: try requireMoney(value, key + [parameter.key], what: parameter.meaning)
            case .yuan, .moneyPerPerson: try requireMoney(value, key + [parameter.key])
            case .series: break
            }
        }
        if kind.needsBudget, budget == nil {
            throw ScenarioProblem(at: key, "\(kind) needs a budget section")
        }
        if let probability = target.probabilityAtLeast {
            guard probability.isFinite, probability > 0, probability <= 1 else {
                throw ScenarioProblem(
                    at: key + ["probability_at_least"],
                    "probability_at_least must be more than 0 and at most 1 (such as 90%), not \(probability)")
            }
            guard uncertainty != nil else {
                throw ScenarioProblem(
                    at: key + ["probability_at_least"],
                    "probability_at_least needs an uncertainty section to draw from; add one, or remove probability_at_least")
            }
        }
        var needed = kind.needs
        for parameter in kind.parameters where parameter.type == .series {
            needed.append(target.series(parameter.key))
        }
        for name in needed where !provides(name) {
            throw ScenarioProblem(at: key, "\(kind) needs the series '\(name.rawValue)', which the scenario does not define")
        }
    }

    private func requireFinite(_ value: Double, _ key: [String]) throws(ScenarioProblem) {
        guard value.isFinite else { throw ScenarioProblem(at: key, "must be a finite number, not \(value)") }
    }

    private func requireMoney(_ value: Double, _ key: [String], what: String = "amount") throws(ScenarioProblem) {
        guard value.isFinite, value >= 0 else {
            throw ScenarioProblem(at: key, "the \(what) must be a finite, non-negative number, not \(value)")
        }
    }
}
