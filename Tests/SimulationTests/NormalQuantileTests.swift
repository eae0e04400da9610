import Foundation
import Testing

@testable import PolicyModel
@testable import Simulation

/// Φ⁻¹ by AS 241 against quantiles published to 16 digits, and the normals it gives a draw.
@Suite("Normal quantile (AS 241) and normals by inversion")
struct NormalQuantileTests {
    /// Φ⁻¹(p) to 17 significant digits, computed with mpmath at 40 digits as √2 erf⁻¹(2p − 1)
    /// (the 0.975 and 0.95 points are every statistics table's 1.95996 and 1.64485).
    static let published: [(p: Double, z: Double)] = [
        (0.5, 0), (0.975, 1.959_963_984_540_054_2), (0.025, -1.959_963_984_540_054_2), (0.95, 1.644_853_626_951_472_7),
        (0.25, -0.674_489_750_196_081_74), (0.001, -3.090_232_306_167_813_5), (1e-10, -6.361_340_902_404_056_2),
        (1e-300, -37.047_096_299_361_199),
    ]

    @Test("matches quantiles computed to 40 digits within 1e-15 relative, symmetric, monotone")
    func published() {
        for (p, z) in Self.published {
            let found = NormalQuantile.of(p)
            #expect(abs(found - z) <= 1e-15 * max(1, abs(z)), "Φ⁻¹(\(p)) = \(found), published \(z)")
        }
        #expect(NormalQuantile.of(0) == -.infinity && NormalQuantile.of(1) == .infinity && NormalQuantile.of(1.5).isNaN)
        var previous = -Double.infinity
        for i in 1..<2000 {
            let z = NormalQuantile.of(Double(i) / 2000)
            #expect(z > previous)
            #expect(abs(z + NormalQuantile.of(1 - Double(i) / 2000)) < 1e-12)
            previous = z
        }
    }

    @Test("in bulk, four lanes at a time, Φ⁻¹ gives the same bits as value by value, tails and odd lengths included")
    func bulk() {
        var stream = DrawStream(seed: 1, draw: 0)
        var values = (0..<10_003).map { i in i % 7 == 0 ? stream.nextUnit() * 1e-6 : stream.nextUnitForInversion() }
        values += [0.075, 0.925, 0.5, 1e-300, 1 - 1e-16]
        let expected = values.map { NormalQuantile.of($0).bitPattern }
        NormalQuantile.transform(&values)
        #expect(values.map(\.bitPattern) == expected)
    }

    @Test("200,000 normals of one stream: mean 0, variance 1 and the share below 1 is Φ(1), each within 4 standard errors")
    func moments() {
        let n = 200_000
        var stream = DrawStream(seed: 2017, draw: 3)
        var sum = 0.0
        var squares = 0.0
        var below = 0
        for _ in 0..<n {
            let z = stream.nextNormalByInversion()
            sum += z
            squares += z * z
            if z < 1 { below += 1 }
        }
        let mean = sum / Double(n)
        let variance = squares / Double(n) - mean * mean
        #expect(abs(mean) < 4 / Double(n).squareRoot())
        // The variance of a sample variance of normals is 2/n.
        #expect(abs(variance - 1) < 4 * (2 / Double(n)).squareRoot())
        let phi1 = 0.841_344_746_068_542_9
        #expect(abs(Double(below) / Double(n) - phi1) < 4 * (phi1 * (1 - phi1) / Double(n)).squareRoot())
    }
}

/// Percentiles by histogram and selection are the sorted sample's order statistics exactly.
@Suite("Percentiles by histogram")
struct HistogramPercentileTests {
    /// numpy's default percentile of `values`, from the sorted sample.
    static func sortedPercentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let rank = Double(sorted.count - 1) * p
        let low = Int(rank.rounded(.down))
        guard low + 1 < sorted.count else { return sorted[low] }
        return sorted[low] + (rank - Double(low)) * (sorted[low + 1] - sorted[low])
    }

    @Test("random, clustered, repeated and constant samples", arguments: 0..<4)
    func exact(_ kind: Int) {
        var stream = DrawStream(seed: 5, draw: UInt64(kind))
        let n = 50_001
        let values: [Double] = (0..<n).map { i in
            switch kind {
            case 0: stream.nextNormalByInversion() * 1000 + 4000
            case 1: i % 97 == 0 ? 1e9 : 1 + stream.nextUnit() * 1e-9
            case 2: Double(Int(stream.nextUnit() * 5))
            default: 3.25
            }
        }
        let levels = [0.001, 0.05, 0.1, 0.5, 0.9, 0.95, 0.999]
        var copy = values
        let summary = Summary(&copy, levels: levels)
        for (level, found) in zip(levels, summary.percentiles) {
            #expect(found.bitPattern == Self.sortedPercentile(values, level).bitPattern, "kind \(kind), level \(level)")
        }
        #expect(summary.p50.bitPattern == Self.sortedPercentile(values, 0.5).bitPattern)
    }
}
