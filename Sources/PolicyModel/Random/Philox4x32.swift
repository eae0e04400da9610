/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3" (SC 2011), as Random123's `philox4x32` with its default 10
/// rounds.
///
/// A pure function of a 128-bit counter and a 64-bit key, in 32-bit words: the same inputs give
/// the same four words on every machine. Each round is a bijection of the counter, so under one
/// key distinct counters give distinct blocks. Checked against Random123's published known-answer
/// vectors (`tests/kat_vectors`).
public enum Philox4x32 {
    static let multiplier0: UInt32 = 0xD251_1F53
    static let multiplier1: UInt32 = 0xCD9E_8D57
    /// The key's increments between rounds: the golden ratio and √3 − 1 as 32-bit fractions.
    static let weyl0: UInt32 = 0x9E37_79B9
    static let weyl1: UInt32 = 0xBB67_AE85
    public static let rounds = 10

    /// The block at `counter` under `key`. A round maps (c0, c1, c2, c3) with key (k0, k1) to
    /// (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)); the key gains the Weyl
    /// constants after each round.
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var (c0, c1, c2, c3) = (counter.x, counter.y, counter.z, counter.w)
        var (k0, k1) = (key.x, key.y)
        for _ in 0..<rounds {
            let (high0, low0) = multiplier0.multipliedFullWidth(by: c0)
            let (high1, low1) = multiplier1.multipliedFullWidth(by: c2)
            (c0, c1, c2, c3) = (high1 ^ c1 ^ k0, low1, high0 ^ c3 ^ k1, low0)
            k0 &+= weyl0
            k1 &+= weyl1
        }
        return SIMD4(c0, c1, c2, c3)
    }
}
