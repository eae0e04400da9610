/// How a figure of a projection follows from the scenario's inputs: a tree whose leaves are
/// values written in the scenario (with their key path) and whose nodes apply one rule of the
/// model (docs/model.md), so that a finance bureau can see why a figure is what it is.
public struct Derivation: Sendable {
    /// What the node is: a figure of the year tables, or an input of the scenario.
    public enum Subject: Sendable, Equatable {
        case figure(Figure)
        /// A series' value in a year, in the model's unit (元 per person per year, persons).
        case series(SeriesName)
        /// A number written in the scenario, at `keyPath`.
        case input(keyPath: [String])
        /// What a level pays of benefit spending, or of staff costs (`staff`), when the staff have
        /// their own funding rule.
        case fundingPart(FundingLevel, staff: Bool)
    }

    /// The rule that gives the node's value from its inputs (docs/model.md names each).
    public enum Rule: Sendable, Equatable {
        /// Written in the scenario.
        case given
        /// v(a) × (1 + g)^(t − a) (§2, clause 一).
        case growth(fromYear: Int)
        /// v(a) × S(t) / S(a) (§2, clause 一: 按照低保标准提高幅度的相应比例).
        case proportional(fromYear: Int)
        /// From the household microsimulation (§6) or the caseload transitions (§11).
        case microsimulation, transitions
        /// a ÷ 12
        case perMonth
        /// S / L − 1 (§3, clause 一)
        case margin
        /// caseload × benefit per month × months (§4, clause 七)
        case spending
        /// previous caseload × previous benefit × (m − 1) + caseload × benefit × (months − m + 1),
        /// a standard raised from month m (§4, 年中提标)
        case blendedSpending(fromMonth: Int)
        /// ⌈caseload / recipients per worker⌉ (§4, clause 七)
        case workers
        /// workers × cost per worker (§4)
        case admin
        /// spending + admin (§4)
        case total
        /// need × share (§4, clause 七)
        case share
        /// a fixed amount for the year (§4, clause 七: 上级财政资金)
        case transfer
        /// need − shares − transfers, at least 0 (§4, clause 七: 落实县本级应承担资金)
        case residual
        /// transfers + shares − need, at least 0 (§4)
        case surplus
        /// the benefit part + the staff part (§4)
        case sum
    }

    public var subject: Subject
    public var year: Int?
    public var value: Double
    public var rule: Rule
    public var inputs: [Derivation]

    public init(_ subject: Subject, year: Int?, value: Double, rule: Rule, inputs: [Derivation] = []) {
        self.subject = subject
        self.year = year
        self.value = value
        self.rule = rule
        self.inputs = inputs
    }
}

extension Projection {
    /// The derivation of `figure` in `year`, or nil when the projection has no such figure.
    public func derivation(of figure: Figure, in year: Int) -> Derivation? {
        guard let figures = figures(for: year), let value = figure.value(in: figures) else { return nil }
        func node(_ rule: Derivation.Rule, _ inputs: [Derivation?]) -> Derivation {
            Derivation(.figure(figure), year: year, value: value, rule: rule, inputs: inputs.compactMap { $0 })
        }
        func input(_ keyPath: [String], _ value: Double) -> Derivation {
            Derivation(.input(keyPath: keyPath), year: nil, value: value, rule: .given)
        }
        let rules = scenario.budget
        switch figure {
        case .standardYuanPerYear: return seriesDerivation(.standard, year)
        case .povertyLineYuanPerYear: return seriesDerivation(.povertyLine, year)
        case .ruralIncomeYuanPerYear: return seriesDerivation(.ruralIncome, year)
        case .caseloadPersons: return seriesDerivation(.caseload, year)
        case .caseloadHouseholds: return seriesDerivation(.households, year)
        case .standardYuanPerMonth: return node(.perMonth, [seriesDerivation(.standard, year)])
        case .benefitYuanPerMonth: return node(.perMonth, [seriesDerivation(.benefit, year)])
        case .marginAbovePovertyLine: return node(.margin, [seriesDerivation(.standard, year), seriesDerivation(.povertyLine, year)])
        case .benefitSpendingYuan:
            guard let rules else { return nil }
            let months = rules.monthsAtStandards(in: year, hasPrevious: year > scenario.span.first)
            guard months.previous > 0 else {
                return node(
                    .spending,
                    [
                        derivation(of: .caseloadPersons, in: year), derivation(of: .benefitYuanPerMonth, in: year),
                        input(["budget", "months"], rules.monthsPaid),
                    ])
            }
            let month = rules.effectiveMonth(in: year)
            return node(
                .blendedSpending(fromMonth: month),
                [
                    derivation(of: .caseloadPersons, in: year - 1), derivation(of: .benefitYuanPerMonth, in: year - 1),
                    derivation(of: .caseloadPersons, in: year), derivation(of: .benefitYuanPerMonth, in: year),
                    input(["budget", "months"], rules.monthsPaid),
                    rules.effectiveMonth.map { input($0.keyPath(["budget", "effective_month"], year: year), Double(month)) },
                ])
        case .workers:
            return node(
                .workers,
                [
                    derivation(of: .caseloadPersons, in: year),
                    rules?.staffing.map { input(["budget", "staff", "recipients_per_worker"], $0.recipientsPerWorker) },
                ])
        case .adminYuan:
            return node(
                .admin,
                [
                    derivation(of: .workers, in: year),
                    rules?.staffing.map { input(["budget", "staff", "yuan_per_worker_year"], $0.costPerWorkerYear.yuan) },
                ])
        case .totalBudgetYuan: return node(.total, [derivation(of: .benefitSpendingYuan, in: year), derivation(of: .adminYuan, in: year)])
        case .centralYuan, .provincialYuan, .cityYuan, .countyYuan:
            guard let rules, let level = FundingLevel(figure: figure) else { return nil }
            guard let staffFunding = rules.staffing?.funding else {
                return fundingDerivation(of: level, under: rules.funding, need: .totalBudgetYuan, in: year, separate: nil)
            }
            return node(
                .sum,
                [
                    fundingDerivation(of: level, under: rules.funding, need: .benefitSpendingYuan, in: year, separate: false),
                    fundingDerivation(of: level, under: staffFunding, need: .adminYuan, in: year, separate: true),
                ])
        case .surplusYuan:
            guard let rules else { return nil }
            let parts: [(FundingRule, Figure, Bool?)] =
                rules.staffing?.funding.map { [(rules.funding, .benefitSpendingYuan, false), ($0, .adminYuan, true)] }
                ?? [(rules.funding, .totalBudgetYuan, nil)]
            return node(
                .surplus,
                parts.flatMap { rule, need, separate in
                    [derivation(of: need, in: year)]
                        + rule.levels.filter { rule.sources[$0] != .residual }.map {
                            fundingDerivation(of: $0, under: rule, need: need, in: year, separate: separate)
                        }
                })
        }
    }

    /// What `level` pays of `need` in `year` under `rule`: a share of the need, a transfer, or the
    /// residual after the other levels. `separate` says whether the need is the benefit part
    /// (false) or the staff part (true) of a budget whose staff have their own rule (nil: one rule).
    func fundingDerivation(of level: FundingLevel, under rule: FundingRule, need: Figure, in year: Int, separate: Bool?) -> Derivation? {
        guard let source = rule.sources[level], let needValue = figures(for: year).flatMap(need.value(in:)) else { return nil }
        let subject: Derivation.Subject = separate.map { .fundingPart(level, staff: $0) } ?? .figure(level.figure)
        let value = rule.split(Yuan(needValue), in: year).paid[level]?.yuan ?? 0
        let key = rule.keyPath + [level.rawValue]
        switch source {
        case .share(let share):
            let keyPath = rule.keyPath.last == "funding_shares" ? key : share.keyPath(key + ["share"], year: year)
            return Derivation(
                subject, year: year, value: value, rule: .share,
                inputs: [
                    derivation(of: need, in: year),
                    Derivation(.input(keyPath: keyPath), year: nil, value: share.value(in: year) ?? 0, rule: .given),
                ].compactMap { $0 })
        case .transfer(let amounts):
            return Derivation(
                subject, year: year, value: value, rule: .transfer,
                inputs: [Derivation(.input(keyPath: key + ["transfer", String(year)]), year: nil, value: amounts[year] ?? 0, rule: .given)])
        case .residual:
            let others = rule.levels.filter { $0 != level }.compactMap {
                fundingDerivation(of: $0, under: rule, need: need, in: year, separate: separate)
            }
            return Derivation(
                subject, year: year, value: value, rule: .residual, inputs: [derivation(of: need, in: year)].compactMap { $0 } + others)
        }
    }

    /// A series' value in `year` and the rule that gives it (docs/model.md §2).
    func seriesDerivation(_ name: SeriesName, _ year: Int) -> Derivation? {
        guard let value = try? series.value(of: name, in: year), let explicit = series.explicitValues(of: name) else { return nil }
        let subject = Derivation.Subject.series(name)
        if microsimulation != nil, scenario.microsimulation?.drives.contains(name) == true {
            return Derivation(subject, year: year, value: value, rule: .microsimulation)
        }
        if name == .caseload, caseloadStates != nil { return Derivation(subject, year: year, value: value, rule: .transitions) }
        let definition = scenario.series[name]
        guard let anchorIndex = explicit.years.lastIndex(where: { $0 <= year }) ?? (definition?.proportionalTo != nil ? 0 : nil) else {
            return nil
        }
        let anchorYear = explicit.years[anchorIndex]
        let keyPath = ["series", name.rawValue, "values", String(anchorYear)]
        // The written value, in the unit it is written in (a benefit in 元 per month).
        let written = definition.map { $0.unit.fromModelUnit(explicit.values[anchorIndex]) } ?? explicit.values[anchorIndex]
        let anchor = Derivation(.input(keyPath: keyPath), year: anchorYear, value: written, rule: .given)
        if anchorYear == year { return Derivation(subject, year: year, value: value, rule: .given, inputs: [anchor]) }
        if let base = definition?.proportionalTo {
            return Derivation(
                subject, year: year, value: value, rule: .proportional(fromYear: anchorYear),
                inputs: [anchor, seriesDerivation(base, year), seriesDerivation(base, anchorYear)].compactMap { $0 })
        }
        let growth = Derivation(
            .input(keyPath: ["series", name.rawValue, "growth"]), year: nil, value: series.growth(of: name) ?? 0, rule: .given)
        return Derivation(subject, year: year, value: value, rule: .growth(fromYear: anchorYear), inputs: [anchor, growth])
    }
}
