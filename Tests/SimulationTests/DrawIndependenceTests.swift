import LinearAlgebra
import PolicyModel
import Testing

@testable import Simulation

/// The plan with two uncertain series (poverty line σ = 2 points, rural income σ = 1.5 points,
/// correlated 0.5) and one target that all four drawn years decide: in 2020 the standard of 5640
/// at least 50% above the poverty line, i.e. 3000 × Π (1.06 + 0.02 z) ≤ 3760 over 2017-2020.
/// ln(3760 / 3000) = 0.2258 against a mean of 4 E ln(1.06 + 0.02 z) ≈ 0.2324 and an SD of
/// 2 × 0.02 / 1.06 = 0.0377 gives a probability of about Φ(−0.17) ≈ 0.43.
func fourYearPlan() throws -> Projection {
    var scenario = try uncertainPlan(sd: 0.02, correlation: [[1, 0.5], [0.5, 1]], second: 0.015).scenario
    scenario.targets = [Target(.marginAbovePovertyLine(year: 2020, atLeast: 0.5))]
    return try Projection(scenario)
}

/// The (1 − α) quantile of χ²(k) by Wilson and Hilferty (1931): (χ²/k)^⅓ is nearly normal with
/// mean 1 − 2/(9k) and variance 2/(9k), so the quantile is k (1 − 2/(9k) + z √(2/(9k)))³, z the
/// normal quantile. For k = 39 and z = 3.0902 (α = 0.001) it gives 72.14; the exact value is 72.05.
func chiSquareQuantile(degrees k: Int, normalQuantile z: Double) -> Double {
    let v = 2 / (9 * Double(k))
    let root = 1 - v + z * v.squareRoot()
    return Double(k) * root * root * root
}

@Suite("Independent draws")
struct DrawIndependenceTests {
    // Measured: χ² = 37.19 (p̄ = 0.4237) with DrawStream; 165.74 (p̄ = 0.4342) with the old
    // SplitMix64 streams started at seed + d·γ, where draw d + 2 repeats draw d's normals from its
    // second one on (or from its first, when the polar method rejected draw d's first pair).
    @Test(
        "Across 40 seeds of 1,000 draws a target's probability spreads binomially: Σ (p̂ − p̄)² / (p̄ (1 − p̄) / n) is below the 0.999 quantile of χ²(39)"
    )
    func binomialSpread() throws {
        let plan = try fourYearPlan()
        let seeds = 40
        let draws = 1000
        let probabilities = try (1...seeds).map { seed in
            try MonteCarlo.run(plan, draws: draws, seed: UInt64(seed), threads: 2).targetProbabilities[0]
        }
        let pooled = probabilities.reduce(0, +) / Double(seeds)
        let binomialVariance = pooled * (1 - pooled) / Double(draws)
        let statistic = probabilities.reduce(0) { $0 + ($1 - pooled) * ($1 - pooled) } / binomialVariance
        let critical = chiSquareQuantile(degrees: seeds - 1, normalQuantile: 3.090_232)
        #expect(pooled > 0.2 && pooled < 0.8)
        #expect(statistic < critical, "χ² = \(statistic) with \(seeds - 1) degrees of freedom, p̄ = \(pooled)")
    }

    @Test("A draw's shocks are the same whether its block starts at draw 0 or at the draw itself")
    func blocksDoNotMatter() throws {
        let factor = try LAPACK.cholesky(Matrix([[1, 0.5], [0.5, 1]]))
        let steps = 4
        let whole = shocks(factor: factor, firstDraw: 0, draws: 10, steps: steps, seed: 3)
        let tail = shocks(factor: factor, firstDraw: 5, draws: 5, steps: steps, seed: 3)
        for row in 0..<2 {
            for column in 0..<tail.columns {
                #expect(tail[row, column] == whole[row, 5 * steps + column], "row \(row), column \(column)")
            }
        }
    }

    @Test("Each shock is L z from the draw's own stream, e_s = L_s0 z_0 + L_s1 z_1 + … added in that order, in every lane")
    func shocksAreTheFactorTimesTheNormals() {
        // Lower-triangular, its first entry not 1 (so the first row is scaled too); 3 series,
        // 2 steps, 11 draws: two whole fours and three after them.
        let factor = Matrix([[2, 0, 0], [0.5, 1.5, 0], [0.25, -0.75, 0.5]])
        let (series, steps, draws, first) = (3, 2, 11, 40)
        let found = shocks(factor: factor, firstDraw: first, draws: draws, steps: steps, seed: 12)
        for d in 0..<draws {
            var stream = DrawStream(seed: 12, draw: UInt64(first + d))
            for t in 0..<steps {
                // Uniform j = t · k + s of the draw's stream, year by year, series by series.
                let z = (0..<series).map { _ in NormalQuantile.of(stream.nextUnitForInversion()) }
                let e = [
                    2 * z[0],
                    0.5 * z[0] + 1.5 * z[1],
                    0.25 * z[0] + -0.75 * z[1] + 0.5 * z[2],
                ]
                for s in 0..<series {
                    #expect(found[s, d * steps + t].bitPattern == e[s].bitPattern, "draw \(d), step \(t), series \(s)")
                }
            }
        }
    }

    @Test("Shocks computed for the series a draw uses only are those of the full computation")
    func neededSeriesOnly() throws {
        let factor = try LAPACK.cholesky(Matrix([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]]))
        let needed = [1, 2, 0, 3]
        let full = shocks(factor: factor, firstDraw: 7, draws: 37, steps: 4, seed: 5)
        let some = shocks(factor: factor, firstDraw: 7, draws: 37, steps: 4, seed: 5, needed: needed)
        for t in 0..<4 {
            for s in 0..<needed[t] {
                for d in 0..<37 {
                    #expect(some[s, d * 4 + t].bitPattern == full[s, d * 4 + t].bitPattern, "step \(t), series \(s), draw \(d)")
                }
            }
        }
    }
}
