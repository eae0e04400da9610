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

    /// Reports the first thing that makes the scenario impossible to project: an empty span,
    /// bad series or budget figures, a target outside the span or missing the series it needs.
    public func validate() throws(ScenarioProblem) {
        guard span.first <= span.last else {
            throw ScenarioProblem(
                at: ["years"], "years run from \(span.first) to \(span.last): 'from' is after 'to'")
        }
        if let microsimulation {
            try microsimulation.validate()
            for driven in microsimulation.drives.sorted() where series[driven] != nil {
                throw ScenarioProblem(
                    at: ["series", driven.rawValue],
                    "series '\(driven.rawValue)' comes from the microsimulation (drives); remove it here or write '\(driven.rawValue): null' in a variant"
                )
            }
        }
        if let caseloadTransitions {
            try caseloadTransitions.validate(span: span)
            guard series[.caseload] == nil, microsimulation?.drives.contains(.caseload) != true else {
                throw ScenarioProblem(
                    at: ["caseload_transitions"],
                    "the caseload comes from caseload_transitions; remove series.caseload (or write 'caseload: null' in a variant)")
            }
        }
        _ = try SeriesResolver(definitions: series)
        try uncertainty?.validate(series: series)
        try budget?.validate()
        if budget != nil {
            for needed in [SeriesName.caseload, .benefit] where !provides(needed) {
                throw ScenarioProblem(at: ["budget"], "the budget needs the series '\(needed.rawValue)'")
            }
        }
        for (index, target) in targets.enumerated() {
            try validate(target, index: index)
        }
    }

    private func validate(_ target: Target, index: Int) throws(ScenarioProblem) {
        let key = ["targets", "[\(index)]"]
        let kind = target.requirement.kind
        switch target.requirement.years {
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
        let needed: [SeriesName]
        switch target.requirement {
        case .marginAbovePovertyLine(_, let atLeast):
            needed = [.standard, .povertyLine]
            try requireFinite(atLeast, key + ["at_least"])
        case .standardAtLeast(_, let floor):
            needed = [.standard]
            try requireMoney(floor.yuan, key + ["yuan_per_year"])
        case .benefitAtLeast(_, let floor):
            needed = [.benefit]
            try requireMoney(floor.yuan, key + ["yuan_per_month"])
        case .averageGrowth(let name, let from, let to, let rate, let tolerance):
            needed = [name]
            guard from < to else {
                throw ScenarioProblem(at: key + ["to"], year: to, "average_growth needs 'to' after 'from'")
            }
            try requireFinite(rate, key + ["rate"])
            try requireMoney(tolerance, key + ["tolerance"], what: "tolerance")
        case .standardGrowthAboveRuralIncome(let from, _):
            needed = [.standard, .ruralIncome]
            guard span.contains(from - 1) else {
                throw ScenarioProblem(
                    at: key + ["from"], year: from,
                    "growth in \(from) is measured from \(from - 1), which is outside the scenario's years \(span.first)–\(span.last); start at \(span.first + 1) or later"
                )
            }
        case .countyBudgetAtMost(_, let limit), .totalBudgetAtMost(_, let limit):
            needed = []
            try requireMoney(limit.yuan, key + ["yuan"])
            guard budget != nil else {
                throw ScenarioProblem(at: key, "\(kind) needs a budget section")
            }
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
