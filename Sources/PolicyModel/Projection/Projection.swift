/// One series' values for some years (sorted, in the model's unit), replacing its own.
public typealias DrawnValues = (series: SeriesName, years: [Int], values: [Double])

/// What a scenario implies, year by year, and how each of its targets fares.
public struct Projection: Sendable {
    public var scenario: Scenario
    /// One entry per year of the scenario's span, in order.
    public var years: [YearFigures]
    /// One entry per target, in the scenario's order.
    public var checks: [TargetCheck]
    /// The microsimulation's results, when the scenario has one.
    public var microsimulation: MicrosimulationResult?
    /// Persons by state, when the caseload comes from a transitions model (set by the front end
    /// that projected the states; the caseload series is their recipients' sum).
    public var caseloadStates: CaseloadStates?

    /// Projects `scenario`: validates it, runs its microsimulation on `population` (which it
    /// then needs) and takes the series it drives from the results, resolves every series for
    /// every year of its span, computes the budget and checks the targets. `threads` only
    /// changes how fast the microsimulation runs, never its results.
    /// A scenario with `caseload_transitions` needs its `caseloadStates` projected by a front end
    /// (the numerics are not the core's); the caseload is then the sum of its recipient states.
    /// `replacing` replaces some series' values (sorted years, values in the model's unit) before
    /// anything is computed, the microsimulation included: what a Monte Carlo draw changes.
    public init(
        _ scenario: Scenario, population: HouseholdPopulation? = nil, byTownship: Bool = false, threads: Int = 1,
        caseloadStates: CaseloadStates? = nil, replacing paths: [DrawnValues] = []
    ) throws(ScenarioProblem) {
        try scenario.validate()
        var scenario = scenario
        var microsimulation: MicrosimulationResult?
        if let rules = scenario.microsimulation {
            guard let population else {
                throw ScenarioProblem(at: ["microsimulation", "population"], "the microsimulation needs a household population")
            }
            let result = try Microsimulation.run(
                population, rules: rules, series: try SeriesResolver(definitions: scenario.series).replacingValues(paths),
                span: scenario.span, byTownship: byTownship, threads: threads)
            scenario.series.merge(result.drivenSeries(rules.drives)) { _, driven in driven }
            microsimulation = result
        }
        if let transitions = scenario.caseloadTransitions {
            guard let states = caseloadStates, states.states == transitions.states else {
                throw ScenarioProblem(at: ["caseload_transitions"], "the transitions caseload needs its states projected first")
            }
            let recipients = transitions.recipients.compactMap { transitions.states.firstIndex(of: $0) }
            scenario.series[.caseload] = SeriesDefinition(
                unit: .persons,
                values: Dictionary(
                    uniqueKeysWithValues: states.years.map { year in (year.year, recipients.reduce(0) { $0 + year.counts[$1] }) }),
                reference: "caseload_transitions")
        }
        try self.init(
            scenario, series: try SeriesResolver(definitions: scenario.series).replacingValues(paths), microsimulation: microsimulation)
        self.caseloadStates = caseloadStates
    }

    /// Computes the projection of an already validated scenario from its resolved series.
    private init(_ scenario: Scenario, series: SeriesResolver, microsimulation: MicrosimulationResult?) throws(ScenarioProblem) {
        // Reach every series in every year first, so that a gap is reported at its own series
        // and earliest year rather than where another series first needed it.
        // A value that is not finite (growth of 1e308) is an error at the series, never a ✓.
        try Self.checkFinite(SeriesName.allCases.filter(series.defines), of: series, in: scenario)
        var years: [YearFigures] = []
        for year in scenario.span {
            years.append(try Self.figures(in: year, series: series, budget: scenario.budget, previous: years.last))
        }
        var budgets = Dictionary(uniqueKeysWithValues: years.compactMap { f in f.budget.map { (f.year, $0) } })
        // Recorded years (实际) replace the projection's figures where the ledger has them: targets
        // are judged on what happened, and on the projection for the years still to come.
        var judged = series
        if let actuals = scenario.actuals, !actuals.years.isEmpty {
            for index in years.indices { years[index].actual = actuals.years[years[index].year] }
            let recorded: [(SeriesName, (Actuals.Record) -> Double?)] = [
                (.standard, { $0.standard?.yuan }), (.benefit, { $0.benefit?.perYear.yuan }), (.caseload, { $0.persons }),
                (.households, { $0.households }),
            ]
            for (name, value) in recorded where series.defines(name) {
                let overrides = actuals.years.compactMapValues(value)
                guard !overrides.isEmpty, let explicit = series.explicitValues(of: name) else { continue }
                let first = min(explicit.years.first ?? scenario.span.first, scenario.span.first)
                var path: (years: [Int], values: [Double]) = ([], [])
                for year in first...scenario.span.last {
                    guard let value = overrides[year] ?? (try? series.value(of: name, in: year)) else { continue }
                    path.years.append(year)
                    path.values.append(value)
                }
                judged = judged.replacingValues(of: name, years: path.years, values: path.values)
            }
            for (year, record) in actuals.years where !record.paid.isEmpty {
                guard var budget = budgets[year] else { continue }
                budget.paid = record.paid
                budget.total = record.total ?? budget.total
                budgets[year] = budget
            }
        }
        var checks: [TargetCheck] = []
        for (index, target) in scenario.targets.enumerated() {
            var check = try TargetCheck.evaluate(
                target, index: index, series: judged, budgets: budgets, townships: scenario.actuals?.townships ?? [:])
            if let actuals = scenario.actuals {
                switch target.years {
                case .single(let year): check.isRecorded = actuals.years[year] != nil
                case .span(let from, let to): check.isRecorded = actuals.years[from] != nil && actuals.years[to] != nil
                }
            }
            try Self.checkFinite(check)
            checks.append(check)
        }
        self.scenario = scenario
        self.series = series
        self.years = years
        self.checks = checks
        self.microsimulation = microsimulation
    }

    /// The same projection with some series' values replaced (sorted years, values in the
    /// model's unit), not validated again: what a Monte Carlo draw changes. The scenario keeps
    /// its definitions; only the figures and checks follow the new values.
    public func replacingValues(_ paths: [DrawnValues]) throws(ScenarioProblem) -> Projection {
        try Projection(scenario, series: series.replacingValues(paths), microsimulation: microsimulation)
    }

    /// Every value of `names` in the span is finite: a value that is not (growth of 1e308) is an
    /// error at the series, never a ✓.
    static func checkFinite(
        _ names: some Sequence<SeriesName>, of series: SeriesResolver, in scenario: Scenario
    ) throws(ScenarioProblem) {
        for name in names {
            for year in scenario.span {
                let value = try series.value(of: name, in: year)
                guard value.isFinite else {
                    let definition = scenario.series[name]
                    throw ScenarioProblem(
                        at: ["series", name.rawValue, definition?.growth != nil ? "growth" : "values"], year: year,
                        "series '\(name.rawValue)' grows beyond any finite number by \(year); check its growth and values")
                }
            }
        }
    }

    /// A target's figures are finite numbers, or the target cannot be judged.
    static func checkFinite(_ check: TargetCheck) throws(ScenarioProblem) {
        try checkFinite(actual: check.actual, required: check.required, of: check.target, index: check.index)
    }

    @inline(__always)
    static func checkFinite(actual: Double, required: Double, of target: Target, index: Int) throws(ScenarioProblem) {
        guard actual.isFinite, required.isFinite else {
            throw ScenarioProblem(
                at: ["targets", "[\(index)]"], year: target.year,
                "\(target.kind) cannot be judged: its figure is \(actual) (a series of 0 where it divides?)")
        }
    }

    /// The figures of `year` from the resolved series, its budget by `budget`'s rules when the
    /// scenario has them (the months before an effective month paid at `previous` year's
    /// caseload and benefit).
    static func figures(
        in year: Int, series: SeriesResolver, budget: BudgetRules?, previous: YearFigures?
    ) throws(ScenarioProblem) -> YearFigures {
        let standard = try series.valueIfDefined(of: .standard, in: year).map(YuanPerPersonYear.init)
        let povertyLine = try series.valueIfDefined(of: .povertyLine, in: year).map(YuanPerPersonYear.init)
        let benefit = try series.valueIfDefined(of: .benefit, in: year).map { YuanPerPersonYear($0).perMonth }
        let caseload = try series.valueIfDefined(of: .caseload, in: year)
        var figures = YearFigures(
            year: year, standard: standard, povertyLine: povertyLine,
            ruralIncome: try series.valueIfDefined(of: .ruralIncome, in: year).map(YuanPerPersonYear.init),
            benefit: benefit, caseload: caseload)
        figures.households = try series.valueIfDefined(of: .households, in: year)
        if let budget, let caseload, let benefit {
            let last = previous.flatMap { last in last.caseload.flatMap { c in last.benefit.map { (c, $0) } } }
            figures.budget = try budget.budget(caseload: caseload, benefit: benefit, previous: last, year: year)
        }
        return figures
    }

    /// The resolved series the figures come from.
    public let series: SeriesResolver

    /// The figures for `year`, or nil outside the span.
    public func figures(for year: Int) -> YearFigures? {
        scenario.span.contains(year) ? years[year - scenario.span.first] : nil
    }

    /// The projection with each target's probability from Monte Carlo (in the scenario's order);
    /// targets with `probability_at_least` are then judged by it.
    public func judged(byProbabilities probabilities: [Double]) -> Projection {
        var projection = self
        projection.checks = zip(checks, probabilities).map { $0.judged(withProbability: $1) }
        return projection
    }

    /// True when every target's outcome is the expected one.
    public var isAsExpected: Bool { checks.allSatisfy(\.isAsExpected) }
}
