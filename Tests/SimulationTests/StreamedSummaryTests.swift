import MicrosimKernels
import PolicyModel
import Testing

@testable import Simulation

/// The pieces of summaries streamed as draws come (`DrawPlan.streamedSummaries`); the
/// whole runs are compared with held draws in `AnalysesTests.FastDrawTests`.
@Suite("Streamed summaries")
struct StreamedSummaryTests {
    /// Values with ties at the bracket's ends, NaN-free, of every length up to 40.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let pick = random.next() % 10
            return pick == 0 ? 2 : pick == 1 ? 5 : Double(random.next() % 700) / 100
        }
    }

    @Test(
        "the AVX-512 and AVX2 bracket kernels count the values below and pack those inside, in order, as a plain loop does",
        arguments: [1, 0])
    func kernel(_ widest: Int32) {
        // Eight at a time with AVX-512 where asked for and the CPU has it, else four with AVX2.
        let group = widest != 0 && dibao_units_kernel_avx512_available() != 0 ? 8 : 4
        for count in 0...40 {
            let values = Self.values(count, seed: UInt64(count))
            var out = [Double](repeating: .nan, count: count + 4)
            var appended = 0
            var below = 0
            let done = values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    dibao_bracket_kernel(v.baseAddress, count, 2, 5, o.baseAddress, &appended, &below, widest)
                }
            }
            guard done > 0 || count < group else { continue }  // no AVX2 here: the Swift lanes do it all
            #expect(done == count - count % group)
            let seen = values[..<done]
            #expect(below == seen.filter { $0 < 2 }.count, "count \(count)")
            #expect(Array(out[..<appended]) == seen.filter { $0 >= 2 && $0 <= 5 }, "count \(count)")
        }
    }

    @Test("a tally counts below, packs inside, and for a one-value bracket counts the equal values")
    func tally() {
        let values = Self.values(1000, seed: 9)
        var tally = CellTally(brackets: 3)
        let brackets = [
            DrawPlan.Bracket(least: -.infinity, greatest: 1), DrawPlan.Bracket(least: 2, greatest: 2),
            DrawPlan.Bracket(least: 5, greatest: 6.5),
        ]
        // In pieces of 512 and 488, as blocks of draws come.
        values.withUnsafeBufferPointer { all in
            for (start, count) in [(0, 512), (512, 488)] {
                let piece = UnsafeBufferPointer(rebasing: all[start..<(start + count)])
                let range = Summary.scanBlock(piece, from: 0).range
                tally.take(piece.baseAddress!, count: count, range: range, brackets: brackets, cap: 10_000)
            }
        }
        defer { tally.deallocate() }
        #expect(tally.below == [0, values.filter { $0 < 2 }.count, values.filter { $0 < 5 }.count])
        #expect(tally.atLeast[1] == values.filter { $0 == 2 }.count)
        #expect(tally.members[1].count == 0, "a one-value bracket holds no values")
        #expect(Array(tally.members[0].buffer) == values.filter { $0 <= 1 })
        #expect(Array(tally.members[2].buffer) == values.filter { $0 >= 5 && $0 <= 6.5 })
        #expect(tally.range.least == values.min()! && tally.range.greatest == values.max()! && tally.range.finite)
        #expect(!tally.overflowed)
    }

    @Test("a bracket that holds more than its cap marks the cell for summarizing again")
    func overflow() {
        let values = Self.values(512, seed: 3)
        var tally = CellTally(brackets: 1)
        values.withUnsafeBufferPointer { all in
            let range = Summary.scanBlock(all, from: 0).range
            tally.take(all.baseAddress!, count: 512, range: range, brackets: [.init(least: 0, greatest: 7)], cap: 100)
        }
        defer { tally.deallocate() }
        #expect(tally.overflowed)
    }

    @Test("brackets come from the pilot's order statistics around each rank, joined when they overlap")
    func brackets() throws {
        // A pilot of 0, 1, …, 999 (shuffled): for 100,000 draws, rank 49,999.5's neighbours 49,999
        // and 50,000 give p ≈ 0.5, centre 499.5, spread 5 √(1000 · ¼) + 2 ≈ 81.06: order statistics
        // 418 and 581, the values themselves.
        var random = SplitMix64(seed: 1)
        var pilot = (0..<1000).map(Double.init)
        for i in stride(from: 999, to: 0, by: -1) { pilot.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let ranks = Summary.ranks(count: 100_000, levels: [0.5])
        #expect(ranks == [49_999, 50_000])
        let found = try #require(DrawPlan.brackets(pilot[...], ranks: ranks, draws: 100_000, reach: 5))
        #expect(found.brackets.count == 1, "the two ranks' brackets overlap: one")
        #expect(found.brackets[0].least == 418 && found.brackets[0].greatest == 581)
        // Rank 0 reaches below the pilot: unbounded there.
        let low = try #require(DrawPlan.brackets(pilot[...], ranks: [0], draws: 100_000, reach: 5))
        #expect(low.brackets[0].least == -.infinity && low.brackets[0].greatest == 2)
        var bad = pilot
        bad[7] = .nan
        #expect(DrawPlan.brackets(bad[...], ranks: ranks, draws: 100_000, reach: 5) == nil, "not finite: summarized from all draws")
    }
}

extension DrawPlan {
    /// The brackets of a pilot given as values (a copy is selected in).
    static func brackets(_ pilot: ArraySlice<Double>, ranks: [Int], draws: Int, reach: Double) -> CellBrackets? {
        var values = Array(pilot)
        return values.withUnsafeMutableBufferPointer { buffer in
            brackets(reordering: buffer, range: Summary.scan(UnsafeBufferPointer(buffer)).range, ranks: ranks, draws: draws, reach: reach)
        }
    }
}
