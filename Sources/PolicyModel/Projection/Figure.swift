/// Every figure of a projected year, by the key outputs use (its unit in its name). The one
/// list that JSON, CSV, tables, reports and Monte Carlo summaries all follow.
public enum Figure: String, CaseIterable, Sendable {
    case standardYuanPerYear = "standard_yuan_per_year"
    case standardYuanPerMonth = "standard_yuan_per_month"
    case povertyLineYuanPerYear = "poverty_line_yuan_per_year"
    case marginAbovePovertyLine = "margin_above_poverty_line"
    case benefitYuanPerMonth = "benefit_yuan_per_month"
    case ruralIncomeYuanPerYear = "rural_income_yuan_per_year"
    case caseloadPersons = "caseload_persons"
    case caseloadHouseholds = "caseload_households"
    case benefitSpendingYuan = "benefit_spending_yuan"
    case workers
    case adminYuan = "admin_yuan"
    case totalBudgetYuan = "total_budget_yuan"
    case centralYuan = "central_yuan"
    case provincialYuan = "provincial_yuan"
    case cityYuan = "city_yuan"
    case countyYuan = "county_yuan"
    /// Fixed transfers beyond the need (present when a level has a transfer).
    case surplusYuan = "surplus_yuan"

    /// Whether the figure comes from the budget rules (spending, staff, who pays), rather than
    /// from the series (levels).
    public var isBudget: Bool { seriesFormula == nil }

    /// The series the figure is computed from; a budget figure comes from the caseload and the
    /// benefit (through the budget rules, which draws never change). Monte Carlo recomputes a
    /// figure only in draws that change one of these.
    public var inputs: [SeriesName] {
        switch seriesFormula {
        case .value(let series), .perMonth(let series): [series]
        case .margin: [.standard, .povertyLine]
        case nil: [.caseload, .benefit]
        }
    }

    /// How a figure of the series alone follows from the year's series values (元 per person per
    /// year for money), for evaluating many Monte Carlo draws at once; nil for a budget figure.
    /// The same arithmetic as `value(in:)` on the year figures a projection builds from those
    /// values (the tests compare the two bit for bit).
    public enum SeriesFormula: Sendable, Equatable {
        /// The series' value itself.
        case value(SeriesName)
        /// A money series per person per year, per month.
        case perMonth(SeriesName)
        /// The standard's margin above the poverty line (`YearFigures.margin`).
        case margin
    }

    public var seriesFormula: SeriesFormula? {
        switch self {
        case .standardYuanPerYear: .value(.standard)
        case .standardYuanPerMonth: .perMonth(.standard)
        case .povertyLineYuanPerYear: .value(.povertyLine)
        case .marginAbovePovertyLine: .margin
        case .benefitYuanPerMonth: .perMonth(.benefit)
        case .ruralIncomeYuanPerYear: .value(.ruralIncome)
        case .caseloadPersons: .value(.caseload)
        case .caseloadHouseholds: .value(.households)
        case .benefitSpendingYuan, .workers, .adminYuan, .totalBudgetYuan, .centralYuan, .provincialYuan, .cityYuan, .countyYuan,
            .surplusYuan:
            nil
        }
    }

    /// The figure in `year`, or nil when the scenario does not define what it needs.
    public func value(in year: YearFigures) -> Double? {
        switch self {
        case .standardYuanPerYear: year.standard?.yuan
        case .standardYuanPerMonth: year.standard?.perMonth.yuan
        case .povertyLineYuanPerYear: year.povertyLine?.yuan
        case .marginAbovePovertyLine: year.marginAbovePovertyLine
        case .benefitYuanPerMonth: year.benefit?.yuan
        case .ruralIncomeYuanPerYear: year.ruralIncome?.yuan
        case .caseloadPersons: year.caseload
        case .caseloadHouseholds: year.households
        case .benefitSpendingYuan: year.budget?.benefitSpending.yuan
        case .workers: year.budget?.workers.map(Double.init)
        case .adminYuan: year.budget?.admin?.yuan
        case .totalBudgetYuan: year.budget?.total.yuan
        case .centralYuan: year.budget?.paid[.central]?.yuan
        case .provincialYuan: year.budget?.paid[.provincial]?.yuan
        case .cityYuan: year.budget?.paid[.city]?.yuan
        case .countyYuan: year.budget?.paid[.county]?.yuan
        case .surplusYuan: year.budget?.surplus?.yuan
        }
    }
}
