import PolicyModel
import Testing

@testable import Simulation

/// `probability_at_least` targets and requested percentiles, against the closed form of one
/// normal caseload shock: caseload₂₀₂₁ = 10,000 × (1 + 0.1 Z), the county paying all of
/// caseload × 100 元/月 × 12, so county₂₀₂₁ = 12,000,000 × (1 + 0.1 Z).
@Suite("Targets met with a probability; percentiles asked for")
struct ProbabilityTargetTests {
    static let z90 = 1.2815515655446004  // Φ⁻¹(0.9)
    static let cap = 12_000_000 * (1 + 0.1 * z90)  // enough with probability 0.9

    func projection(probabilityAtLeast: Double) throws -> Projection {
        var scenario = Scenario(
            name: "one-shock", span: YearSpan(first: 2020, last: 2021),
            series: [
                .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2020: 100, 2021: 100]),
                .caseload: SeriesDefinition(unit: .persons, values: [2020: 10_000], growth: 0),
            ],
            budget: BudgetRules(monthsPaid: 12, funding: FundingRule([.county: .residual])),
            targets: [
                Target(.countyBudgetAtMost(year: 2021, Yuan(Self.cap)), probabilityAtLeast: probabilityAtLeast),
                Target(.countyBudgetAtMost(year: 2021, Yuan(12_000_000))),
            ])
        scenario.uncertainty = UncertaintySpec(growthSD: [(.caseload, 0.1)])
        return try Projection(scenario)
    }

    @Test(
        "A cap enough with probability 0.9 meets 'at least 85%' and fails 'at least 95%'; the probability is 0.9 within 4 binomial deviations"
    )
    func judged() throws {
        let draws = 20_000
        let deviation = (0.9 * 0.1 / Double(draws)).squareRoot()
        for (required, met) in [(0.85, true), (0.95, false)] {
            let base = try projection(probabilityAtLeast: required)
            // Deterministically the cap is enough: the target passes before any draw.
            #expect(base.checks[0].passed && base.checks[0].probability == nil)
            let result = try MonteCarlo.run(base, draws: draws, seed: 7, threads: 2)
            let judged = base.judged(byProbabilities: result.targetProbabilities)
            let probability = try #require(judged.checks[0].probability)
            #expect(abs(probability - 0.9) < 4 * deviation, "\(probability)")
            #expect(judged.checks[0].passed == met)
            #expect(judged.checks[0].isJudgedByProbability)
            // A target without probability_at_least keeps its deterministic verdict (12,000,000 ≤ 12,000,000).
            #expect(judged.checks[1].passed && !judged.checks[1].isJudgedByProbability)
            #expect(abs(judged.checks[1].probability! - 0.5) < 4 * (0.25 / Double(draws)).squareRoot())
        }
    }

    @Test("Percentiles asked for: the 10th and 99th of the caseload are 10,000 × (1 + 0.1 Φ⁻¹(p)) within Monte Carlo error")
    func percentiles() throws {
        let base = try projection(probabilityAtLeast: 0.9)
        let draws = 40_000
        let result = try MonteCarlo.run(base, draws: draws, seed: 3, threads: 2, levels: [0.10, 0.99])
        #expect(result.levels == [0.10, 0.99])
        let caseload = try #require(result.years.last?.figures.first { $0.figure == .caseloadPersons }?.summary)
        #expect(caseload.percentiles.count == 2)
        // Standard error of the p-quantile of N(μ, σ²): σ √(p(1 − p)/n) / φ(Φ⁻¹(p)).
        for (p, z, density) in [(0.10, -1.2815515655446004, 0.17549833193248685), (0.99, 2.3263478740408408, 0.026652142203458)] {
            let expected = 10_000 * (1 + 0.1 * z)
            let error = 1_000 * (p * (1 - p) / Double(draws)).squareRoot() / density
            let found = caseload.percentiles[p == 0.10 ? 0 : 1]
            #expect(abs(found - expected) < 4 * error, "p\(p): \(found) vs \(expected) ± \(error)")
        }
        // The default summaries stay: the median is 10,000 within its error.
        #expect(abs(caseload.p50 - 10_000) < 4 * 1_000 * (0.25 / Double(draws)).squareRoot() / 0.3989422804014327)
    }
}
