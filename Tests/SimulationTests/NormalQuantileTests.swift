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

    @Test(
        "in bulk (the AVX-512 and AVX2 kernels where the CPU has them, and Swift's lanes), Φ⁻¹ gives the same bits as value by value, tails, edges and odd lengths included",
        arguments: [VectorKernels.widest, .avx2, .none])
    func bulk(_ kernels: VectorKernels) {
        var stream = DrawStream(seed: 1, draw: 0)
        // 10,003 + 14 + 9 = 10,026 values: AVX-512 takes 10,016, AVX2 8 of the rest and Swift 2;
        // or AVX2 10,024 and Swift 2; or Swift all.
        var values = (0..<10_003).map { i in i % 7 == 0 ? stream.nextUnit() * 1e-6 : stream.nextUnitForInversion() }
        // The central region's edges, the far tail, and values outside (0, 1) anywhere in a group of eight.
        values += [0.075, 0.925, 0.5, 1e-300, 1 - 1e-16, 0.5 - 0.425, 0.5 + 0.425, 0, 1, 1.5, -0.25, .nan, 1e-12, 0.3]
        values += [0.2, 0.97, 0.01, 0.5, 0.93, 0.07, 0.6, 1e-5, 0.999]
        let expected = values.map { NormalQuantile.of($0) }
        values.withUnsafeMutableBufferPointer { NormalQuantile.transform($0, kernels: kernels) }
        #expect(values.count == expected.count)
        for (found, wanted) in zip(values, expected) {
            #expect(found.bitPattern == wanted.bitPattern || (found.isNaN && wanted.isNaN), "\(found) vs \(wanted)")
        }
    }

    @Test("the last 2⁻⁵³ cell gives the largest double below 1, not 1 (whose normal would be infinite), one lane or four")
    func lastCell() {
        // k = 2⁵³ − 1: (k + ½) · 2⁻⁵³ rounds to exactly 1; the uniform is 1 − 2⁻⁵³ instead.
        let last = DrawStream.unit(0xFFFF_FFFF, 0xFFFF_FFFF)
        #expect(last == 1 - 0x1.0p-53 && NormalQuantile.of(last).isFinite)
        let lanes = DrawStream.unit(SIMD4(repeating: 0xFFFF_FFFF), SIMD4(0xFFFF_FFFF, 0, 0x7FF, 0xFFFF_F800))
        #expect(lanes[0] == 1 - 0x1.0p-53)
        // The high word all ones, the low one zero: k = (2³² − 1) · 2²¹ = 2⁵³ − 2²¹, unchanged.
        #expect(lanes[1] == (0x1.0p53 - 0x1.0p21 + 0.5) * 0x1.0p-53)
        // The smallest: k = 0 gives 2⁻⁵⁴.
        #expect(DrawStream.unit(0, 0) == 0x1.0p-54)
    }

    @Test(
        "in bulk, every length 0…40 with tails at every place of a group (all tails, alternating, one in five; near and far on both sides, and p outside (0, 1)) gives the same bits as value by value",
        arguments: [VectorKernels.widest, .avx2, .none])
    func everyLength(_ kernels: VectorKernels) {
        var stream = DrawStream(seed: 3, draw: 9)
        // p below 0.075 or above 0.925 is a tail; within e⁻²⁵ ≈ 1.4e-11 of 0 or 1 (r = √−ln p > 5)
        // the far tail: near and far on both sides, and now and then a p the lanes cannot take.
        let outside: [Double] = [0, 1, .nan, 1.5, 4.9e-324]
        let tail = { (i: Int) -> Double in
            let u = stream.nextUnitForInversion()
            switch i % 9 {
            case 0: return 1e-11 * u
            case 1, 5: return 0.925 + 0.075 * u
            case 2: return 1 - 1e-11 * u
            case 3, 7: return 0.075 * u
            case 4: return outside[(i / 9) % outside.count]
            default: return 1 - 0.075 * u
            }
        }
        for n in 0...40 {
            for layout in 0..<3 {
                var values = (0..<n).map { i -> Double in
                    let isTail = layout == 0 || (layout == 1 && i % 2 == 0) || (layout == 2 && i % 5 == 3)
                    return isTail ? tail(i) : 0.2 + 0.6 * stream.nextUnitForInversion()
                }
                let expected = values.map { NormalQuantile.of($0).bitPattern }
                values.withUnsafeMutableBufferPointer { NormalQuantile.transform($0, kernels: kernels) }
                #expect(
                    zip(values, expected).allSatisfy { $0.bitPattern == $1 || ($0.isNaN && Double(bitPattern: $1).isNaN) },
                    "length \(n), layout \(layout)")
            }
        }
    }

    @Test("subnormal p outside the central region is inverted as Φ⁻¹ value by value does, in bulk too")
    func subnormalInBulk() {
        var values = [Double](repeating: 0.5, count: 16)
        values[3] = 4.9e-324
        values[10] = 1e-310
        let expected = values.map { NormalQuantile.of($0).bitPattern }
        values.withUnsafeMutableBufferPointer { NormalQuantile.transform($0) }
        #expect(values.map(\.bitPattern) == expected)
    }

    @Test("the portable logarithm in four lanes is the scalar one bit for bit, across the √2 split and the exponent range")
    func logarithmLanes() {
        var stream = DrawStream(seed: 8, draw: 1)
        var xs: [Double] = [1, 2, 0.5, 1.414_213_562_373_095, 1.414_213_562_373_095_1, 0.075, 1e-300, 2.3e-308, 7e300]
        for _ in 0..<4000 { xs.append(stream.nextUnitForInversion() * 0.075) }
        while xs.count % 4 != 0 { xs.append(0.01) }
        for i in stride(from: 0, to: xs.count, by: 4) {
            let lanes = PortableMath.log(SIMD4(xs[i], xs[i + 1], xs[i + 2], xs[i + 3]))
            for lane in 0..<4 { #expect(lanes[lane].bitPattern == PortableMath.log(xs[i + lane]).bitPattern, "ln \(xs[i + lane])") }
        }
    }

    @Test(
        "the uniforms of a block of draws, sixteen, eight or four lanes at a time, are each draw's own stream's, across draw 2³² too",
        arguments: [VectorKernels.widest, .avx2, .none])
    func unitsInBulk(_ kernels: VectorKernels) {
        // 29 lanes: AVX-512 16, AVX2 8, Swift 5 (or AVX2 24); 21: 16 and 5; 13: AVX2 8 and 5.
        let cases = [(0, 21, 12), (4_294_967_293, 13, 7), (1000, 8, 1), (5, 3, 5), (77, 29, 6), (4_294_967_280, 29, 3)]
        for (first, lanes, count) in cases {
            var out = [Double](repeating: .nan, count: lanes * count)
            out.withUnsafeMutableBufferPointer { buffer in
                DrawStream.unitsForInversion(
                    seed: 0x1234_5678_9ABC, firstDraw: first, lanes: lanes, count: count, into: buffer.baseAddress!, kernels: kernels)
            }
            for d in 0..<lanes {
                var stream = DrawStream(seed: 0x1234_5678_9ABC, draw: UInt64(first + d))
                for j in 0..<count {
                    #expect(out[j * lanes + d].bitPattern == stream.nextUnitForInversion().bitPattern, "draw \(first + d), uniform \(j)")
                }
            }
        }
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

    @Test("the mean is x₀ + Σ(xᵢ − x₀)/n; the scan finds the least, the greatest and a value that is not finite")
    func scan() {
        // 1, 2, …, 10: x₀ = 1, Σ(xᵢ − 1) = 45, mean 1 + 45/10 = 5.5, exactly in any order of adding.
        let values = (1...10).map(Double.init)
        let found = values.withUnsafeBufferPointer { Summary.scan($0) }
        #expect(found.mean == 5.5 && found.range.least == 1 && found.range.greatest == 10 && found.range.finite)
        for bad in [Double.nan, .infinity, -.infinity] {
            for position in [0, 3, 9] {
                var copy = values
                copy[position] = bad
                #expect(!copy.withUnsafeBufferPointer { Summary.scan($0) }.range.finite, "\(bad) at \(position)")
            }
        }
        var constant = [Double](repeating: 0.1, count: 1001)
        #expect(Summary(&constant).mean == 0.1)
    }

    @Test(
        "a block's scan (AVX2 where the CPU has it) at every length 0…41: the sum in its four lanes' order, the range, what is not finite"
    )
    func scanLanes() {
        var stream = DrawStream(seed: 11, draw: 2)
        for n in 0...41 {
            for special in [Double?.none, .nan, .infinity, -.infinity] {
                // Magnitudes far apart, so that any other order of adding gives other bits.
                var values = (0..<n).map { i in (stream.nextUnit() - 0.5) * (i % 3 == 0 ? 1e12 : 1) }
                if let special, n > 0 { values[(n * 7) % n] = special }
                let first = values.first ?? 0
                // By hand: lane j sums xᵢ − x₀ for i ≡ j (mod 4) over whole groups of four, the lanes
                // added (s₀ + s₁) + (s₂ + s₃), then the rest in order.
                let whole = n - n % 4
                var lanes = [0.0, 0, 0, 0]
                for i in 0..<whole { lanes[i % 4] += values[i] - first }
                var sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
                for i in whole..<n { sum += values[i] - first }
                let found = values.withUnsafeBufferPointer { Summary.scanBlock($0, from: first) }
                let finite = n > 0 && values.allSatisfy(\.isFinite)
                #expect(found.range.finite == finite, "length \(n), \(String(describing: special))")
                if finite {
                    #expect(found.sum.bitPattern == sum.bitPattern, "length \(n)")
                    #expect(found.range.least == values.min()! && found.range.greatest == values.max()!, "length \(n)")
                }
            }
        }
    }

    @Test("the mean's sum is taken block by block of 512 values, then the blocks' sums in order")
    func blockSums() {
        // Block 0: x₀ = 0, then 2⁵³, then 510 zeros: its sum is 2⁵³. Block 1: 512 ones, summed in
        // four lanes of 128: 512. Block by block, 2⁵³ + 512 (exact: doubles are 2 apart there), so
        // the mean is (2⁵³ + 512)/1024 = 2⁴³ + ½. Adding the ones to 2⁵³ one lane at a time would
        // lose lane 1's: 2⁵³ + 1 rounds back to 2⁵³.
        var values = [Double](repeating: 0, count: 512) + [Double](repeating: 1, count: 512)
        values[1] = 0x1p53
        #expect(Summary.meanBlock == 512)
        #expect(values.withUnsafeBufferPointer { Summary.scan($0) }.mean == 0x1p43 + 0.5)
    }

    @Test("a percentile that is zero is +0, whichever zero the selection met")
    func positiveZero() {
        var zeros: [Double] = [-0.0, -0.0, 0.0, -0.0, 1]
        let summary = Summary(&zeros, levels: [0.25])
        #expect(summary.p50.bitPattern == 0 && summary.p5.bitPattern == 0 && summary.percentiles[0].bitPattern == 0)
    }
}
