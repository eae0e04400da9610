import PolicyModel
import Testing

/// One line of Random123's known-answer file: counter, key and the block Philox4x32-10 gives.
struct KnownAnswer: Sendable, CustomTestStringConvertible {
    var counter: SIMD4<UInt32>
    var key: SIMD2<UInt32>
    var block: SIMD4<UInt32>
    var testDescription: String { "counter \(counter), key \(key)" }
}

/// The three `philox4x32 10` lines (27-29) of `tests/kat_vectors` in the Random123 distribution
/// (GitHub DEShawResearch/random123, commit 9545ff6413f258be2f04c1d319d99aaef7521150), copied
/// verbatim; the fields are the 4 counter words, the 2 key words, then the 4 expected words:
///
///     philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
///     philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
///     philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
let philoxKnownAnswers = [
    KnownAnswer(counter: SIMD4(0, 0, 0, 0), key: SIMD2(0, 0), block: SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
    KnownAnswer(
        counter: SIMD4(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF), key: SIMD2(0xFFFF_FFFF, 0xFFFF_FFFF),
        block: SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
    KnownAnswer(
        counter: SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), key: SIMD2(0xA409_3822, 0x299F_31D0),
        block: SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
]

/// The streams MonteCarlo used before Philox: SplitMix64 started at seed + d·γ, γ its own
/// increment, so draw d + 1 reads draw d's numbers one step on. The checks below must catch it.
func oldSeeding(seed: UInt64, draw: UInt64) -> SplitMix64 {
    SplitMix64(seed: seed &+ draw &* 0x9E37_79B9_7F4A_7C15)
}

/// The sample correlation of `x[i]` and `x[i + lag]`.
func lagCorrelation(_ x: [Double], lag: Int) -> Double {
    let a = x.dropLast(lag)
    let b = x.dropFirst(lag)
    let n = Double(a.count)
    let meanA = a.reduce(0, +) / n
    let meanB = b.reduce(0, +) / n
    let sab = zip(a, b).reduce(0) { $0 + ($1.0 - meanA) * ($1.1 - meanB) }
    let saa = a.reduce(0) { $0 + ($1 - meanA) * ($1 - meanA) }
    let sbb = b.reduce(0) { $0 + ($1 - meanB) * ($1 - meanB) }
    return sab / (saa * sbb).squareRoot()
}

@Suite("Philox4x32-10 and the draw streams")
struct PhiloxTests {
    @Test("Philox4x32-10 gives Random123's published known answers", arguments: philoxKnownAnswers)
    func knownAnswers(_ vector: KnownAnswer) {
        #expect(Philox4x32.block(counter: vector.counter, key: vector.key) == vector.block)
    }

    @Test("Draw d's stream is Philox block i at counter (lo d, hi d, lo i, hi i) under the key (lo seed, hi seed), word by word")
    func streamLayout() {
        let seed: UInt64 = 0x0123_4567_89AB_CDEF
        let draw: UInt64 = 0x1_0000_0002
        var stream = DrawStream(seed: seed, draw: draw)
        let words = (0..<12).map { _ in stream.nextWord() }
        let key = SIMD2<UInt32>(0x89AB_CDEF, 0x0123_4567)
        let blocks = (0..<3).map { i in Philox4x32.block(counter: SIMD4(2, 1, UInt32(i), 0), key: key) }
        #expect(words == blocks.flatMap { [$0.x, $0.y, $0.z, $0.w] })
    }

    @Test("A unit takes its high 32 bits from one word and its low 21 bits from the top of the next, and lies in [0, 1)")
    func units() {
        var words = DrawStream(seed: 7, draw: 3)
        var units = DrawStream(seed: 7, draw: 3)
        for _ in 0..<1000 {
            let high = UInt64(words.nextWord())
            let low = UInt64(words.nextWord())
            let unit = units.nextUnit()
            #expect(unit == Double((high << 32 | low) >> 11) / 9_007_199_254_740_992)
            #expect(unit >= 0 && unit < 1)
        }
    }

    @Test("Draws d and d + 1 share no words, at small draws and across the 32-bit boundary; the old seeding shares nearly all")
    func noSharedNumbers() {
        let seed: UInt64 = 2017
        for draw: UInt64 in [0, 1, 1000, 0xFFFF_FFFF, 1 << 40] {
            var this = DrawStream(seed: seed, draw: draw)
            var next = DrawStream(seed: seed, draw: draw + 1)
            let these = Set((0..<4096).map { _ in this.nextWord() })
            let nexts = (0..<4096).map { _ in next.nextWord() }
            #expect(nexts.filter(these.contains).isEmpty, "draw \(draw)")
        }
        var this = oldSeeding(seed: seed, draw: 0)
        var next = oldSeeding(seed: seed, draw: 1)
        let these = Set((0..<4096).map { _ in this.next() })
        let nexts = (0..<4096).map { _ in next.next() }
        #expect(nexts.filter(these.contains).count == 4095)
    }

    @Test("The first normals of draws d, d + 1 and d + 2 are uncorrelated: |r| < 4/√n over 20,000 draws; the old seeding's are not")
    func neighbouringDrawsUncorrelated() {
        let n = 20_000
        let bound = 4 / Double(n).squareRoot()
        let first = (0..<n).map { d in
            var stream = DrawStream(seed: 11, draw: UInt64(d))
            return stream.nextNormal()
        }
        #expect(abs(lagCorrelation(first, lag: 1)) < bound)
        #expect(abs(lagCorrelation(first, lag: 2)) < bound)
        let old = (0..<n).map { d in
            var stream = oldSeeding(seed: 11, draw: UInt64(d))
            return stream.nextNormal()
        }
        #expect(abs(lagCorrelation(old, lag: 2)) > bound)
    }

    @Test("Normals have mean 0 within 4/√n, variance 1 within 4√(2/n), and 5% of them beyond ±1.96 within 4 standard errors")
    func normalMoments() {
        let draws = 10_000
        let perDraw = 10
        var normals: [Double] = []
        for d in 0..<draws {
            var stream = DrawStream(seed: 5, draw: UInt64(d))
            for _ in 0..<perDraw { normals.append(stream.nextNormal()) }
        }
        let n = Double(normals.count)
        let mean = normals.reduce(0, +) / n
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let tails = Double(normals.filter { abs($0) > 1.959_963_985 }.count) / n
        #expect(abs(mean) < 4 / n.squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / n).squareRoot())
        #expect(abs(tails - 0.05) < 4 * (0.05 * 0.95 / n).squareRoot())
    }

    @Test("Different seeds give different streams for the same draw")
    func seedsDiffer() {
        var a = DrawStream(seed: 1, draw: 0)
        var b = DrawStream(seed: 1 << 32, draw: 0)
        let wordsA = (0..<8).map { _ in a.nextWord() }
        let wordsB = (0..<8).map { _ in b.nextWord() }
        #expect(wordsA != wordsB)
    }
}
