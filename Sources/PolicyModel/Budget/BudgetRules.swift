/// How the county turns caseload and benefit level into a budget, and who pays it
/// (饶县民字[2017]33号 七: 积极争取上级财政资金 … 落实县本级应承担资金; 根据农村低保对象比例量化配备工作人员).
public struct BudgetRules: Sendable {
    /// Months of benefit paid in a year (12 for a full year).
    public var monthsPaid: Double
    /// The month (1…12) from which a year's new standard and benefit are paid (年中提标); the
    /// months before it are paid at the previous year's. nil: from January every year.
    public var effectiveMonth: YearlyNumber?
    /// Who pays benefit spending (and staff costs, unless the staff have their own rule).
    public var funding: FundingRule
    /// Staff hired in proportion to the caseload, if the scenario budgets for them.
    public var staffing: StaffingRule?
    public var reference: String?
    public var assumption: String?

    public init(
        monthsPaid: Double, effectiveMonth: YearlyNumber? = nil, funding: FundingRule, staffing: StaffingRule? = nil,
        reference: String? = nil, assumption: String? = nil
    ) {
        self.monthsPaid = monthsPaid
        self.effectiveMonth = effectiveMonth
        self.funding = funding
        self.staffing = staffing
        self.reference = reference
        self.assumption = assumption
    }

    /// The month from which `year`'s standard is paid (1 when it is paid all year).
    public func effectiveMonth(in year: Int) -> Int {
        effectiveMonth?.value(in: year).map { Int($0) } ?? 1
    }

    /// Months of `year` paid at the previous year's standard and at the year's own:
    /// min(m − 1, months paid) and the rest (§4).
    public func monthsAtStandards(in year: Int, hasPrevious: Bool) -> (previous: Double, current: Double) {
        let previous = hasPrevious ? min(Double(effectiveMonth(in: year) - 1), monthsPaid) : 0
        return (previous, monthsPaid - previous)
    }

    /// The year's budget: benefit spending = caseload × benefit per month × months paid, the
    /// months before the effective month at the previous year's caseload × benefit;
    /// workers = ⌈caseload / recipients per worker⌉; admin = workers × cost per worker;
    /// total = spending + admin; each level pays by its funding rule (staff costs by theirs
    /// when they have one).
    /// A caseload too large to count its workers, or a total that is not a finite amount, is a
    /// problem of the scenario (`year` names it), never a crash or an infinite budget.
    public func budget(
        caseload: Double, benefit: YuanPerPersonMonth, previous: (caseload: Double, benefit: YuanPerPersonMonth)? = nil,
        year: Int = 0
    ) throws(ScenarioProblem) -> YearBudget {
        let months = monthsAtStandards(in: year, hasPrevious: previous != nil)
        var spending = benefit.paid(to: caseload, forMonths: months.current)
        if let previous, months.previous > 0 {
            spending = spending + previous.benefit.paid(to: previous.caseload, forMonths: months.previous)
        }
        var workers: Int?
        if let staffing {
            guard let count = staffing.workers(for: caseload) else {
                throw ScenarioProblem(
                    at: ["series", "caseload"], year: year,
                    "a caseload of \(caseload) in \(year) is too large to staff (more than 2⁵³ workers); check the caseload")
            }
            workers = count
        }
        let admin = staffing.flatMap { rule in workers.map { rule.cost(of: $0) } }
        let total = spending + (admin ?? Yuan(0))
        guard total.yuan.isFinite else {
            throw ScenarioProblem(
                at: ["budget"], year: year,
                "the \(year) budget is not a finite amount (caseload \(caseload) × benefit \(benefit.yuan) 元/月); check the caseload and the benefit"
            )
        }
        var paid: [FundingLevel: Yuan]
        var surplus: Yuan
        if let staffFunding = staffing?.funding, let admin {
            let benefits = funding.split(spending, in: year)
            let staff = staffFunding.split(admin, in: year)
            paid = benefits.paid.merging(staff.paid, uniquingKeysWith: +)
            surplus = benefits.surplus + staff.surplus
        } else {
            (paid, surplus) = funding.split(total, in: year)
        }
        let hasTransfers = funding.hasTransfers || staffing?.funding?.hasTransfers == true
        return YearBudget(
            benefitSpending: spending, workers: workers, admin: admin, total: total, paid: paid,
            surplus: hasTransfers ? surplus : nil)
    }

    /// Reports the first rule a scenario breaks for the years of `span` (see `problems(span:)`).
    public func validate(span: YearSpan) throws(ScenarioProblem) {
        if let first = problems(span: span).first { throw first }
    }

    /// Every rule the budget breaks for the years of `span`: months outside (0, 12], an effective
    /// month that is not a whole month 1…12, the funding rules' problems (see
    /// `FundingRule.problems`), staffing figures that are not positive.
    public func problems(span: YearSpan) -> [ScenarioProblem] {
        var found: [ScenarioProblem] = []
        if !(monthsPaid.isFinite && monthsPaid > 0 && monthsPaid <= 12) {
            found.append(
                ScenarioProblem(
                    at: ["budget", "months"], "months paid must be more than 0 and at most 12, not \(writtenNumber(monthsPaid))"))
        }
        if let effectiveMonth {
            let years: [Int]
            switch effectiveMonth {
            case .constant: years = [span.first]
            case .byYear(let values): years = values.keys.sorted()
            }
            for year in years where !span.contains(year) {
                found.append(
                    ScenarioProblem(
                        at: ["budget", "effective_month", String(year)], year: year,
                        "\(year) is outside the scenario's years \(span.first)–\(span.last); give effective months only for years it covers"
                    ))
            }
            for year in years {
                let month = effectiveMonth.value(in: year)!
                guard month.isFinite, month >= 1, month <= 12, month == month.rounded() else {
                    found.append(
                        ScenarioProblem(
                            at: effectiveMonth.keyPath(["budget", "effective_month"], year: year),
                            "the effective month must be a whole month from 1 to 12 (7 for July), not \(writtenNumber(month))"))
                    break
                }
            }
        }
        found += funding.problems(span: span)
        if let staffing {
            if let problem = staffing.problem() { found.append(problem) }
            found += staffing.funding?.problems(span: span) ?? []
        }
        return found
    }
}

/// A number as a person wrote it, for messages: 13, not 13.0; 0.45 as is.
public func writtenNumber(_ value: Double) -> String {
    value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}

/// Social-assistance staff hired in proportion to the caseload (饶县民字[2017]33号 七).
public struct StaffingRule: Sendable {
    /// Recipients one worker handles.
    public var recipientsPerWorker: Double
    /// What one worker costs for a year.
    public var costPerWorkerYear: Yuan
    /// Who pays the staff; nil: paid like benefits, under the budget's funding rule.
    public var funding: FundingRule?

    public init(recipientsPerWorker: Double, costPerWorkerYear: Yuan, funding: FundingRule? = nil) {
        self.recipientsPerWorker = recipientsPerWorker
        self.costPerWorkerYear = costPerWorkerYear
        self.funding = funding
    }

    /// ⌈caseload / recipients per worker⌉, computed with a relative slack of 1e-9 so that a
    /// caseload that is an exact multiple does not round up through floating-point noise.
    /// nil when the count is not a finite whole number below 2⁵³ (a caseload of 1e300).
    public func workers(for caseload: Double) -> Int? {
        let count = (caseload / recipientsPerWorker * (1 - relativeTolerance)).rounded(.up)
        guard count.isFinite, count >= 0, count < 0x1p53 else { return nil }
        return Int(count)
    }

    public func cost(of workers: Int) -> Yuan { Yuan(Double(workers) * costPerWorkerYear.yuan) }

    func problem() -> ScenarioProblem? {
        guard recipientsPerWorker.isFinite, recipientsPerWorker > 0 else {
            return ScenarioProblem(
                at: ["budget", "staff", "recipients_per_worker"],
                "recipients per worker must be a positive number, not \(writtenNumber(recipientsPerWorker))")
        }
        guard costPerWorkerYear.yuan.isFinite, costPerWorkerYear.yuan >= 0 else {
            return ScenarioProblem(
                at: ["budget", "staff", "yuan_per_worker_year"],
                "the cost of a worker must be a finite, non-negative amount, not \(writtenNumber(costPerWorkerYear.yuan))")
        }
        return nil
    }
}

/// One year's budget, in 元.
public struct YearBudget: Sendable, Equatable {
    public var benefitSpending: Yuan
    /// nil when the scenario budgets no staff.
    public var workers: Int?
    public var admin: Yuan?
    /// What must be paid: benefit spending + admin.
    public var total: Yuan
    /// What each level of the funding rules pays; their sum is total + surplus.
    public var paid: [FundingLevel: Yuan]
    /// Transfers beyond the need; nil when no level has a fixed transfer.
    public var surplus: Yuan?

    public init(
        benefitSpending: Yuan, workers: Int? = nil, admin: Yuan? = nil, total: Yuan, paid: [FundingLevel: Yuan],
        surplus: Yuan? = nil
    ) {
        self.benefitSpending = benefitSpending
        self.workers = workers
        self.admin = admin
        self.total = total
        self.paid = paid
        self.surplus = surplus
    }

    /// What the county pays (0 when it takes no part).
    public var county: Yuan { paid[.county] ?? Yuan(0) }
}
