/// The random numbers of one Monte Carlo draw: Philox4x32-10 blocks keyed by the seed and counted
/// by the draw, so draw d's numbers depend on (seed, d) alone, never on which block of draws or
/// which thread computes it.
///
/// Block i of draw d under seed s is `Philox4x32.block(counter: (lo d, hi d, lo i, hi i),
/// key: (lo s, hi s))`, lo and hi the low and high 32 bits; the stream hands out the words of
/// blocks 0, 1, 2, … in order. Under one seed no two (draw, block) pairs share a counter, so no
/// block of one draw appears in another (the counter-based design of Salmon, Moraes, Dror and
/// Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011).
public struct DrawStream: UniformSource, Sendable {
    let key: SIMD2<UInt32>
    let draw: UInt64
    var block: UInt64 = 0
    var words = SIMD4<UInt32>.zero
    var nextIndex = 4

    public init(seed: UInt64, draw: UInt64) {
        key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.draw = draw
    }

    /// The draw's stream from block `block` on: a second stream of the same draw that the first
    /// never reaches (block 2⁶³ for take-up), so adding it changes none of the draw's other numbers.
    public init(seed: UInt64, draw: UInt64, fromBlock block: UInt64) {
        self.init(seed: seed, draw: draw)
        self.block = block
    }

    /// The next 32-bit word of the stream.
    public mutating func nextWord() -> UInt32 {
        if nextIndex == 4 {
            let counter = SIMD4(
                UInt32(truncatingIfNeeded: draw), UInt32(truncatingIfNeeded: draw >> 32), UInt32(truncatingIfNeeded: block),
                UInt32(truncatingIfNeeded: block >> 32))
            words = Philox4x32.block(counter: counter, key: key)
            block &+= 1
            nextIndex = 0
        }
        defer { nextIndex += 1 }
        return words[nextIndex]
    }

    /// Uniform in [0, 1) on the grid of 2⁻⁵³: the next word gives the high 32 bits, the high 21
    /// bits of the word after it the rest.
    public mutating func nextUnit() -> Double {
        let high = UInt64(nextWord())
        let low = UInt64(nextWord())
        return Double(high << 21 | low >> 11) * 0x1.0p-53
    }

}
