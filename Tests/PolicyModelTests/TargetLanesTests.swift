import Foundation
import Testing

@testable import PolicyModel

/// A target kind's rule runs eight draws at a time in Monte Carlo and one value at a time in a
/// projection, from one formula: lane by lane the two must agree, and the figures must be the
/// ones worked out by hand.
@Suite("Target rules eight draws at a time")
struct TargetLanesTests {
    /// Every kind with a rule, a target of it, and how many values it reads.
    static let targets: [(target: Target, reads: Int)] = [
        (Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2)), 2),
        (Target(.standardAtLeast(year: 2018, YuanPerPersonYear(4260))), 1),
        (Target(.benefitAtLeast(year: 2018, YuanPerPersonMonth(245))), 1),
        (Target(.benefitShareOfStandardAtLeast(year: 2018, atLeast: 0.69)), 2),
        (Target(.averageGrowth(series: .standard, from: 2016, to: 2020, rate: 0.144, tolerance: 0.0005)), 2),
        (Target(.standardGrowthAboveRuralIncome(from: 2017, to: 2020)), 10),
    ]

    /// Lane d's values from `columns` (value i's lanes in `columns[i]`), one by one and eight at
    /// a time: (passed, figures finite) each way.
    static func judge(_ rule: TargetKind.Rule, _ columns: [SIMD8<Double>]) -> (one: [(Bool, Bool)], eight: [(Bool, Bool)]) {
        let eight = columns.withUnsafeBufferPointer { rule.eight($0) }
        var one: [(Bool, Bool)] = []
        var lanes: [(Bool, Bool)] = []
        for lane in 0..<8 {
            let values: [Double] = columns.map { $0[lane] }
            let judgement = values.withUnsafeBufferPointer { rule.one($0) }
            one.append((judgement.passed, judgement.actual.isFinite && judgement.required.isFinite))
            lanes.append((eight.passed[lane], eight.figuresFinite[lane]))
        }
        return (one, lanes)
    }

    @Test("every kind: eight lanes pass as each lane alone, over random values with ties, zeros, infinities and NaN")
    func lanesAgree() throws {
        var random = SplitMix64(seed: 2017)
        let special: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e-300, 1e300]
        for (target, reads) in Self.targets {
            let makeRule = try #require(target.kind.rule)
            let rule = makeRule(target)
            for round in 0..<400 {
                // Whole amounts near the thresholds (so that two values sometimes tie), and in every
                // fifth round some special values.
                var columns = [SIMD8<Double>](repeating: SIMD8(), count: reads)
                for i in 0..<reads {
                    for lane in 0..<8 {
                        let u = random.nextUnit()
                        let amount = 2800 + (random.nextUnit() * 3000).rounded()
                        columns[i][lane] = round % 5 == 0 && u < 0.1 ? special[Int(random.next() % UInt64(special.count))] : amount
                    }
                }
                let (one, eight) = Self.judge(rule, columns)
                for lane in 0..<8 {
                    #expect(one[lane].0 == eight[lane].0, "\(target.kind) lane \(lane) passed: \(columns.map { $0[lane] })")
                    // Finite figures eight at a time promise finite deciding figures alone.
                    if eight[lane].1 { #expect(one[lane].1, "\(target.kind) lane \(lane): \(columns.map { $0[lane] })") }
                }
            }
        }
    }

    @Test("a 20% margin: 3360 over 2800 passes exactly, 3359 does not, a poverty line of 0 cannot be judged")
    func marginByHand() throws {
        let target = Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2))
        let makeRule = try #require(target.kind.rule)
        let rule = makeRule(target)
        // 3360 / 2800 − 1 = 0.2 (to the last bit or within the tolerance); 3359 / 2800 − 1 ≈ 0.19964.
        let standard = SIMD8<Double>(3360, 3359, 3360, 3361, 3360, 4000, 3360, .nan)
        let povertyLine = SIMD8<Double>(2800, 2800, 0, 2800, 2801, 2800, 2800, 2800)
        let (one, eight) = Self.judge(rule, [standard, povertyLine])
        // Lane 2's margin is infinite and lane 7's NaN: not finite, so the caller refuses them
        // (an infinite margin would "pass").
        #expect(eight.map { $0.1 } == [true, true, false, true, true, true, true, false])
        let judged = [0, 1, 3, 4, 5, 6]
        #expect(judged.map { eight[$0].0 } == [true, false, true, false, true, true])
        #expect(one.map { $0.0 } == eight.map { $0.0 })
    }

    @Test("14.4% a year ± 0.05 points over four years: 14.35% and 14.45% are met, 14.34% and 14.46% are not")
    func averageGrowthByHand() throws {
        let target = Target(.averageGrowth(series: .standard, from: 2016, to: 2020, rate: 0.144, tolerance: 0.0005))
        let makeRule = try #require(target.kind.rule)
        let rule = makeRule(target)
        // The 2020 value is 3240 × (1 + g)⁴ for the growth g of each lane; lane 6 starts from 0
        // (an infinite growth), lane 7 does not grow.
        let growth: [Double] = [0.1444, 0.1446, 0.1445, 0.1435, 0.1434, 0.144, 0.144, 0]
        var last = SIMD8<Double>()
        for lane in 0..<8 { last[lane] = 3240 * pow(1 + growth[lane], 4) }
        var first = SIMD8<Double>(repeating: 3240)
        first[6] = 0
        let (one, eight) = Self.judge(rule, [last, first])
        #expect(eight.map { $0.1 } == [true, true, true, true, true, true, false, true])
        let judged = [0, 1, 2, 3, 4, 5, 7]
        #expect(judged.map { eight[$0].0 } == [true, false, true, true, false, true, false])
        #expect(one.map { $0.0 } == eight.map { $0.0 })
    }

    @Test("growth above rural income, eight at a time: a failing year anywhere fails; an infinite growth cannot be judged")
    func growthByHand() throws {
        let target = Target(.standardGrowthAboveRuralIncome(from: 2017, to: 2020))
        let makeRule = try #require(target.kind.rule)
        let rule = makeRule(target)
        // Standard 100, 110, 121, 133.1, 146.41 (10% a year); rural income 100, 105, … (5% a year) in
        // every lane, then one change per lane: lane 1's 2018 income grows 15% (fails), lane 2's 2020
        // standard stays at 133.1 (0%: fails), lane 3's 2016 income is 0 (infinite growth in 2017),
        // lane 4's income stays at 100 (0% a year: passes), lane 5's 2017 standard grows
        // exactly as income (5% against 5%: not greater, fails).
        var pairs: [(standard: SIMD8<Double>, income: SIMD8<Double>)] = []
        for k in 0...4 {
            pairs.append((SIMD8(repeating: 100 * pow(1.1, Double(k))), SIMD8(repeating: 100 * pow(1.05, Double(k)))))
        }
        pairs[2].income[1] = pairs[1].income[1] * 1.15
        pairs[4].standard[2] = pairs[3].standard[2]
        pairs[0].income[3] = 0
        for k in 1...4 { pairs[k].income[4] = 100 }
        pairs[1].standard[5] = 105
        pairs[1].income[5] = 105
        var columns: [SIMD8<Double>] = []
        for pair in pairs { columns += [pair.standard, pair.income] }
        let (one, eight) = Self.judge(rule, columns)
        #expect(eight.map { $0.0 } == [true, false, false, false, true, false, true, true])
        #expect(eight.map { $0.1 } == [true, true, true, false, true, true, true, true])
        #expect(one.map { $0.0 } == eight.map { $0.0 })
        // Alone, lane 3's deciding year is 2017, whose standard growth is finite and whose income
        // growth (from 0) is infinite: it cannot be judged either way.
        #expect(!one[3].1)
    }
}
