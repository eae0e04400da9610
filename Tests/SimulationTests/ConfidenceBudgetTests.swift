import PolicyModel
import Testing

@testable import Simulation

/// Budgets at a confidence level, against their closed form.
@Suite("Budgets at a confidence level")
struct ConfidenceBudgetTests {
    /// 20,000 recipients in 2020; in 2021 their number grows by 0 ± 5% (one normal shock), each
    /// paid 300 元/月 for 12 months; the county pays 15%, and may spend at most 1,080 万元.
    func projection() throws -> Projection {
        var scenario = Scenario(
            name: "one-shock", span: YearSpan(first: 2020, last: 2021),
            series: [
                .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2020: 300, 2021: 300]),
                .caseload: SeriesDefinition(unit: .persons, values: [2020: 20_000], growth: 0),
            ],
            budget: BudgetRules(monthsPaid: 12, funding: .shares(central: 0.6, provincial: 0.25, county: 0.15)),
            targets: [Target(.countyBudgetAtMost(year: 2021, Yuan(20_000 * 3600 * 0.15)))])
        scenario.uncertainty = UncertaintySpec(growthSD: [(.caseload, 0.05)])
        return try Projection(scenario)
    }

    @Test("The 90% budget is 20000 × (1 + 0.05 × 1.28155) × 300 × 12, within 4 of its standard errors; the county's is 15% of it")
    func closedForm() throws {
        let base = try projection()
        let result = try MonteCarlo.run(base, draws: 20_000, seed: 11, threads: 2, keep: ConfidenceBudget.keptFigures)
        let budget = ConfidenceBudget(projection: base, year: 2021, confidence: 0.9, monteCarlo: result)
        let z90 = 1.2815515655446004  // Φ⁻¹(0.9)
        let expected = 20_000 * (1 + 0.05 * z90) * 300 * 12
        let total = try #require(budget.total.atConfidence)
        let error = try #require(budget.total.standardError)
        #expect(error > 0 && error < 0.01 * expected)
        #expect(abs(total - expected) < 4 * error, "\(total) vs \(expected) ± \(error)")
        let county = try #require(budget.levels.first { $0.figure == .countyYuan }?.atConfidence)
        #expect(abs(county - 0.15 * total) < 1e-6 * total)
        #expect(budget.total.deterministic == 20_000 * 3600)
        // The cap is the median: enough in half the draws, within three binomial deviations.
        let cap = try #require(budget.caps.first?.probabilityEnough)
        #expect(abs(cap - 0.5) < 3 * (0.25 / 20_000.0).squareRoot())
    }

    @Test("Without draws only the deterministic amounts are given")
    func deterministicOnly() throws {
        let budget = ConfidenceBudget(projection: try projection(), year: 2021, confidence: 0.9, monteCarlo: nil)
        #expect(budget.total.mean == nil && budget.total.atConfidence == nil && budget.draws == nil)
        #expect(budget.caps.first?.probabilityEnough == nil)
    }
}
