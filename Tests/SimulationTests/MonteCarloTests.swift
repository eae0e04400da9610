import LinearAlgebra
import PolicyModel
import Testing

@testable import Simulation

#if canImport(Glibc)
    import Glibc
#endif

let standards: [Int: Double] = [2016: 3240, 2017: 3660, 2018: 4260, 2019: 4860, 2020: 5640]

/// The plan's standards against a poverty line of 3000 in 2016 growing 6% a year, with a
/// standard deviation `sd` of its growth.
func uncertainPlan(sd: Double, correlation: [[Double]]? = nil, second: Double? = nil) throws -> Projection {
    var growthSD: [(series: SeriesName, sd: Double)] = [(.povertyLine, sd)]
    if let second { growthSD.append((.ruralIncome, second)) }
    let scenario = Scenario(
        name: "u", span: YearSpan(first: 2016, last: 2020),
        series: [
            .standard: SeriesDefinition(unit: .yuanPerPersonYear, values: standards),
            .povertyLine: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3000], growth: 0.06),
            .ruralIncome: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 12000], growth: 0.09),
        ],
        targets: [
            Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2)), Target(.marginAbovePovertyLine(year: 2017, atLeast: 0.15)),
            Target(.standardGrowthAboveRuralIncome(from: 2017, to: 2020)),
        ])
    var withUncertainty = scenario
    withUncertainty.uncertainty = UncertaintySpec(growthSD: growthSD, correlation: correlation)
    return try Projection(withUncertainty)
}

func summary(_ result: MonteCarloResult, _ year: Int, _ figure: Figure) -> Summary? {
    result.years.first { $0.year == year }?.figures.first { $0.figure == figure }?.summary
}

@Suite("Monte Carlo")
struct MonteCarloTests {
    @Test("Zero standard deviations reproduce the deterministic run exactly")
    func zeroSpread() throws {
        let base = try uncertainPlan(sd: 0)
        let result = try MonteCarlo.run(base, draws: 500, seed: 1, threads: 2)
        for (year, figures) in zip(base.years, result.years) {
            for (figure, summary) in figures.figures {
                let value = figure.value(in: year)!
                #expect(
                    summary.mean == value && summary.p5 == value && summary.p50 == value && summary.p95 == value, "\(figure) \(year.year)")
            }
        }
        #expect(result.targetProbabilities == base.checks.map { $0.passed ? 1 : 0 })
    }

    @Test(
        "One year of drawn growth: the 2017 line is 3000 × (1.06 + 0.02 z), so its 5th and 95th percentiles are 3000 × (1.06 ∓ 1.645 × 0.02)"
    )
    func closedForm() throws {
        let result = try MonteCarlo.run(try uncertainPlan(sd: 0.02), draws: 40_000, seed: 3, threads: 2)
        let line = try #require(summary(result, 2017, .povertyLineYuanPerYear))
        #expect(abs(line.mean / (3000 * 1.06) - 1) < 0.001)
        #expect(abs(line.p5 - 3000 * (1.06 - 1.6449 * 0.02)) < 3000 * 0.02 * 0.05)
        #expect(abs(line.p95 - 3000 * (1.06 + 1.6449 * 0.02)) < 3000 * 0.02 * 0.05)
        // P(margin ≥ 15%) = P(3660 / (3000 (1.06 + 0.02 z)) ≥ 1.15) = Φ((3660 / 3450 − 1.06) / 0.02).
        let z = (3660.0 / 3450 - 1.06) / 0.02
        let expected = 0.5 * (1 + erf(z / 2.0.squareRoot()))
        #expect(abs(result.targetProbabilities[1] - expected) < 0.01)
    }

    @Test("A year's drawn growth is × (1 + g + σ e), at least × 0.01, a rate that is not a number counting as 0.01: in one lane as in four")
    func growthFloor() {
        // g = 0.5, σ = 0.25 (exact in binary): e = 0 → 1.5, e = 2 → 2, e = −8 → −0.5 (floored),
        // e = NaN → NaN (floored); a factor of 2 before.
        let shocks: [Double] = [0, 2, -8, .nan]
        let expected = [3, 4, 2 * 0.01, 2 * 0.01]
        let four = DrawnSeries.grown(SIMD4(repeating: 2), growth: 0.5, sd: 0.25, shock: SIMD4(shocks))
        for lane in 0..<4 {
            #expect(DrawnSeries.grown(2, growth: 0.5, sd: 0.25, shock: shocks[lane]) == expected[lane], "lane \(lane)")
            #expect(four[lane] == expected[lane], "lane \(lane)")
        }
    }

    @Test("Draws are correlated as asked: the sample correlation of the shocks is about 0.5")
    func correlation() throws {
        let factor = try LAPACK.cholesky(Matrix([[1, 0.5], [0.5, 1]]))
        let shocks = shocks(factor: factor, firstDraw: 0, draws: 50_000, steps: 1, seed: 9)
        let x = (0..<shocks.columns).map { shocks[0, $0] }
        let y = (0..<shocks.columns).map { shocks[1, $0] }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        #expect(abs(sxy / (sxx * syy).squareRoot() - 0.5) < 0.015)
        #expect(abs(sxx / n - 1) < 0.02)
    }

    @Test("The same seed gives the same result for one or two threads; another seed differs")
    func reproducible() throws {
        let base = try uncertainPlan(sd: 0.02, correlation: [[1, 0.3], [0.3, 1]], second: 0.01)
        let one = try MonteCarlo.run(base, draws: 5000, seed: 42, threads: 1)
        let two = try MonteCarlo.run(base, draws: 5000, seed: 42, threads: 2)
        #expect(one.targetProbabilities == two.targetProbabilities)
        #expect(summary(one, 2020, .povertyLineYuanPerYear) == summary(two, 2020, .povertyLineYuanPerYear))
        let other = try MonteCarlo.run(base, draws: 5000, seed: 43, threads: 2)
        #expect(summary(one, 2020, .povertyLineYuanPerYear) != summary(other, 2020, .povertyLineYuanPerYear))
    }

    @Test("A correlation matrix that is not positive definite is refused at uncertainty.correlation")
    func notPositiveDefinite() throws {
        let base = try uncertainPlan(sd: 0.02, correlation: [[1, 1], [1, 1]], second: 0.01)
        #expect { try MonteCarlo.run(base, draws: 10, seed: 1) } throws: {
            ($0 as? ScenarioProblem)?.keyPath == ["uncertainty", "correlation"]
        }
    }

    @Test("Bad uncertainty sections are refused: a series without growth, a negative sd, a wrong-size or asymmetric matrix")
    func badSpecs() {
        let series: [SeriesName: SeriesDefinition] = [
            .standard: SeriesDefinition(unit: .yuanPerPersonYear, values: standards),
            .povertyLine: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3000], growth: 0.06),
        ]
        #expect(throws: ScenarioProblem.self) { try UncertaintySpec(growthSD: [(.standard, 0.01)]).validate(series: series) }
        #expect(throws: ScenarioProblem.self) { try UncertaintySpec(growthSD: [(.povertyLine, -0.01)]).validate(series: series) }
        #expect(throws: ScenarioProblem.self) {
            try UncertaintySpec(growthSD: [(.povertyLine, 0.01)], correlation: [[1, 0], [0, 1]]).validate(series: series)
        }
        let two: [SeriesName: SeriesDefinition] = series.merging([
            .ruralIncome: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 1], growth: 0.1)
        ]) { a, _ in a }
        #expect(throws: ScenarioProblem.self) {
            try UncertaintySpec(growthSD: [(.povertyLine, 0.01), (.ruralIncome, 0.01)], correlation: [[1, 0.2], [0.3, 1]]).validate(
                series: two)
        }
    }
}

@Suite("Summaries")
struct SummaryTests {
    @Test("Percentiles interpolate between order statistics as numpy's default does")
    func percentiles() {
        var random = SplitMix64(seed: 4)
        for n in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<n).map { _ in random.nextNormal() }
            let sorted = values.sorted()
            func numpy(_ p: Double) -> Double {
                let rank = Double(n - 1) * p
                let low = Int(rank.rounded(.down))
                let high = min(low + 1, n - 1)
                return sorted[low] + (rank - Double(low)) * (sorted[high] - sorted[low])
            }
            var copy = values
            let summary = Summary(&copy)
            #expect(
                abs(summary.p5 - numpy(0.05)) < 1e-12 && abs(summary.p50 - numpy(0.5)) < 1e-12 && abs(summary.p95 - numpy(0.95)) < 1e-12)
            #expect(abs(summary.mean - values.reduce(0, +) / Double(n)) < 1e-12)
        }
    }
}
