import PolicyModel
import Testing

/// The policy's own commitments (饶县民字[2017]33号 一), checked as sentences.
@Suite("Policy cases: 饶县民字[2017]33号")
struct PolicyCaseTests {
    let plan = scenario(
        [
            .standard: yearly(planStandards),
            .povertyLine: yearly([2014: 2800], growth: 0.06),
            .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard),
            .caseload: SeriesDefinition(unit: .persons, values: [2016: 30000], growth: -0.03),
        ], budget: BudgetRules(monthsPaid: 12, funding: .shares(central: 0.5, provincial: 0.3, county: 0.2)))

    @Test("In 2020 the standard of 5640 元/年 is 470 元/月")
    func standardPerMonth() throws {
        let figures = try Projection(plan).figures(for: 2020)!
        #expect(figures.standard?.perMonth.yuan == 5640.0 / 12)
    }

    @Test("In 2020 the standard is 5640 / (2800 × 1.06⁶) − 1 above the projected poverty line, more than 40%")
    func margin2020() throws {
        let margin = try Projection(plan).figures(for: 2020)!.marginAbovePovertyLine!
        let line = 2800 * 1.06 * 1.06 * 1.06 * 1.06 * 1.06 * 1.06
        #expect(abs(margin - (5640 / line - 1)) < 1e-12)
        #expect(margin > 0.40)
    }

    @Test("In 2018, 30000 × 0.97² recipients at 245 元/月 cost 30000 × 0.97² × 245 × 12 元, the county paying 20%")
    func budget2018() throws {
        let budget = try Projection(plan).figures(for: 2018)!.budget!
        let spending = 30000 * 0.97 * 0.97 * 245 * 12
        #expect(abs(budget.benefitSpending.yuan - spending) < 1e-6)
        #expect(abs(budget.county.yuan - spending * 0.2) < 1e-6)
    }

    @Test("A series the scenario does not define has no figure, not zero")
    func undefinedIsNil() throws {
        let figures = try Projection(plan).figures(for: 2018)!
        #expect(figures.ruralIncome == nil)
    }
}
