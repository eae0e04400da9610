import PolicyModel
import Testing

@Suite("Budget arithmetic")
struct BudgetTests {
    let rules = BudgetRules(
        monthsPaid: 12, funding: .shares(central: 0.5, provincial: 0.3, county: 0.2),
        staffing: StaffingRule(recipientsPerWorker: 300, costPerWorkerYear: Yuan(40000)))
    let span = YearSpan(first: 2020, last: 2022)

    @Test("30000 recipients at 245 元/月 for 12 months, 100 workers at 40000 元, split 50/30/20")
    func fullBudget() throws {
        let budget = try rules.budget(caseload: 30000, benefit: YuanPerPersonMonth(245))
        let spending = 30000.0 * 245 * 12
        let admin = 100.0 * 40000
        #expect(budget.benefitSpending == Yuan(spending))
        #expect(budget.workers == 100)
        #expect(budget.admin == Yuan(admin))
        #expect(budget.total == Yuan(spending + admin))
        #expect(budget.paid[.central] == Yuan((spending + admin) * 0.5))
        #expect(budget.paid[.provincial] == Yuan((spending + admin) * 0.3))
        #expect(budget.county == Yuan((spending + admin) * 0.2))
        #expect(budget.paid[.city] == nil && budget.surplus == nil)
    }

    @Test("Workers round up: 30001 recipients at 300 each need 101 workers")
    func workersRoundUp() throws {
        #expect(rules.staffing!.workers(for: 30001) == 101)
        #expect(rules.staffing!.workers(for: 29999.5) == 100)
        #expect(rules.staffing!.workers(for: 0) == 0)
    }

    @Test("Without staffing there are no workers and no admin cost; the total is the spending")
    func noStaff() throws {
        var rules = rules
        rules.staffing = nil
        let budget = try rules.budget(caseload: 1000, benefit: YuanPerPersonMonth(300))
        #expect(budget.workers == nil)
        #expect(budget.admin == nil)
        #expect(budget.total == Yuan(1000 * 300 * 12))
    }

    @Test("Shares that do not sum to 1 are refused")
    func sharesMustSumToOne() throws {
        var rules = rules
        rules.funding.sources[.county] = .share(.constant(0.25))
        #expect(problem { try rules.validate(span: span) }?.keyPath == ["budget", "funding_shares", "county"])
    }

    @Test("Shares summing to 1 up to rounding are accepted: 0.1 + 0.2 + 0.7")
    func sharesRounding() throws {
        var rules = rules
        rules.funding = .shares(central: 0.1, provincial: 0.2, county: 0.7)
        #expect(problem { try rules.validate(span: span) } == nil)
    }

    @Test("Months paid must be within (0, 12]", arguments: [0.0, 13, -1, .nan])
    func months(months: Double) {
        var rules = rules
        rules.monthsPaid = months
        #expect(problem { try rules.validate(span: span) }?.keyPath == ["budget", "months"])
    }

    @Test("A worker handling no recipients is refused")
    func badStaffing() throws {
        var rules = rules
        rules.staffing = StaffingRule(recipientsPerWorker: 0, costPerWorkerYear: Yuan(1))
        #expect(problem { try rules.validate(span: span) } != nil)
    }
}
