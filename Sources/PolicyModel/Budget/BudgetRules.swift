/// How the county turns caseload and benefit level into a budget, and who pays it
/// (饶县民字[2017]33号 七: 积极争取上级财政资金 … 落实县本级应承担资金; 根据农村低保对象比例量化配备工作人员).
public struct BudgetRules: Sendable {
    /// Months of benefit paid in a year (12 for a full year).
    public var monthsPaid: Double
    /// Who pays what share of the total.
    public var fundingShares: FundingShares
    /// Staff hired in proportion to the caseload, if the scenario budgets for them.
    public var staffing: StaffingRule?
    public var reference: String?
    public var assumption: String?

    public init(
        monthsPaid: Double, fundingShares: FundingShares, staffing: StaffingRule? = nil,
        reference: String? = nil, assumption: String? = nil
    ) {
        self.monthsPaid = monthsPaid
        self.fundingShares = fundingShares
        self.staffing = staffing
        self.reference = reference
        self.assumption = assumption
    }

    /// The year's budget: benefit spending = caseload × benefit per month × months paid;
    /// workers = ⌈caseload / recipients per worker⌉; admin = workers × cost per worker;
    /// total = spending + admin; each level pays its share of the total.
    /// A caseload too large to count its workers, or a total that is not a finite amount, is a
    /// problem of the scenario (`year` names it), never a crash or an infinite budget.
    public func budget(caseload: Double, benefit: YuanPerPersonMonth, year: Int = 0) throws(ScenarioProblem) -> YearBudget {
        let spending = benefit.paid(to: caseload, forMonths: monthsPaid)
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
        return YearBudget(
            benefitSpending: spending, workers: workers, admin: admin, total: total,
            central: total.share(fundingShares.central),
            provincial: total.share(fundingShares.provincial),
            county: total.share(fundingShares.county))
    }

    /// Reports the first rule a scenario breaks: months outside (0, 12], shares that are negative
    /// or do not sum to 1 (within 1e-9), or staffing figures that are not positive.
    public func validate() throws(ScenarioProblem) {
        guard monthsPaid.isFinite, monthsPaid > 0, monthsPaid <= 12 else {
            throw ScenarioProblem(
                at: ["budget", "months"], "months paid must be more than 0 and at most 12, not \(monthsPaid)")
        }
        try fundingShares.validate()
        try staffing?.validate()
    }
}

/// Shares of the total budget paid by each level of government.
public struct FundingShares: Sendable {
    public var central: Double
    public var provincial: Double
    public var county: Double

    public init(central: Double, provincial: Double, county: Double) {
        self.central = central
        self.provincial = provincial
        self.county = county
    }

    func validate() throws(ScenarioProblem) {
        let key = ["budget", "funding_shares"]
        for (name, share) in [("central", central), ("provincial", provincial), ("county", county)] {
            guard share.isFinite, share >= 0, share <= 1 else {
                throw ScenarioProblem(at: key + [name], "the \(name) share must be between 0 and 1, not \(share)")
            }
        }
        let sum = central + provincial + county
        guard abs(sum - 1) <= relativeTolerance else {
            throw ScenarioProblem(
                at: key,
                "funding shares must sum to 1, but central \(central) + provincial \(provincial) + county \(county) = \(sum)")
        }
    }
}

/// Social-assistance staff hired in proportion to the caseload (饶县民字[2017]33号 七).
public struct StaffingRule: Sendable {
    /// Recipients one worker handles.
    public var recipientsPerWorker: Double
    /// What one worker costs for a year.
    public var costPerWorkerYear: Yuan

    public init(recipientsPerWorker: Double, costPerWorkerYear: Yuan) {
        self.recipientsPerWorker = recipientsPerWorker
        self.costPerWorkerYear = costPerWorkerYear
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

    func validate() throws(ScenarioProblem) {
        guard recipientsPerWorker.isFinite, recipientsPerWorker > 0 else {
            throw ScenarioProblem(
                at: ["budget", "staff", "recipients_per_worker"],
                "recipients per worker must be a positive number, not \(recipientsPerWorker)")
        }
        guard costPerWorkerYear.yuan.isFinite, costPerWorkerYear.yuan >= 0 else {
            throw ScenarioProblem(
                at: ["budget", "staff", "yuan_per_worker_year"],
                "the cost of a worker must be a finite, non-negative amount, not \(costPerWorkerYear.yuan)")
        }
    }
}

/// One year's budget, in 元.
public struct YearBudget: Sendable, Equatable {
    public var benefitSpending: Yuan
    /// nil when the scenario budgets no staff.
    public var workers: Int?
    public var admin: Yuan?
    public var total: Yuan
    public var central: Yuan
    public var provincial: Yuan
    public var county: Yuan
}
