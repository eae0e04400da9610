import MicrosimKernels

/// Which C kernels bulk random numbers may use: the widest the CPU has (AVX-512, then AVX2 for
/// what is left), AVX2 only, or none (Swift's four lanes). Every choice gives the same bits.
public enum VectorKernels: Sendable {
    case widest, avx2, none
}

extension DrawStream {
    /// The first `count` uniforms of the streams of draws `firstDraw ..< firstDraw + lanes`, as
    /// `nextUnitForInversion()` gives them draw by draw, written uniform-major:
    /// `out[j * lanes + d]` is the j-th uniform of draw `firstDraw + d` under `seed`.
    /// `kernels` says which C kernels may run (the tests compare each with the Swift lanes).
    ///
    /// Uniforms 2b and 2b + 1 of a draw are the words (0, 1) and (2, 3) of its Philox block b, so
    /// block b is computed for sixteen draws at once with AVX-512 or eight with AVX2 where the CPU
    /// has them (the C kernels), for four at once otherwise (`Philox4x32.blocks`): the same bits
    /// as `Philox4x32.block` draw by draw.
    public static func unitsForInversion(
        seed: UInt64, firstDraw: Int, lanes: Int, count: Int, into out: UnsafeMutablePointer<Double>,
        kernels: VectorKernels = .widest
    ) {
        let key = (UInt64(UInt32(truncatingIfNeeded: seed)), UInt64(UInt32(truncatingIfNeeded: seed >> 32)))
        let (low, high) = (UInt32(key.0), UInt32(key.1))
        var done = 0
        if kernels == .widest { done = dibao_units_kernel_avx512(low, high, UInt64(firstDraw), lanes, count, lanes, out) }
        if kernels != .none {
            done += dibao_units_kernel_avx2(low, high, UInt64(firstDraw + done), lanes - done, count, lanes, out + done)
        }
        for b in 0..<((count + 1) / 2) {
            let (c2, c3) = (UInt64(UInt32(truncatingIfNeeded: b)), UInt64(UInt32(truncatingIfNeeded: UInt64(b) >> 32)))
            let second = 2 * b + 1 < count
            var d = done
            while d + 4 <= lanes {
                var c0 = SIMD4<UInt64>.zero
                var c1 = SIMD4<UInt64>.zero
                for lane in 0..<4 {
                    let draw = UInt64(firstDraw + d + lane)
                    c0[lane] = draw & 0xFFFF_FFFF
                    c1[lane] = draw >> 32
                }
                let words = Philox4x32.blocks(c0, c1, SIMD4(repeating: c2), SIMD4(repeating: c3), key: key)
                (out + 2 * b * lanes + d).storeUnaligned(unit(words.0, words.1))
                if second { (out + (2 * b + 1) * lanes + d).storeUnaligned(unit(words.2, words.3)) }
                d += 4
            }
            while d < lanes {
                let draw = UInt64(firstDraw + d)
                let words = Philox4x32.block(
                    counter: SIMD4(UInt32(truncatingIfNeeded: draw), UInt32(truncatingIfNeeded: draw >> 32), UInt32(c2), UInt32(c3)),
                    key: SIMD2(UInt32(key.0), UInt32(key.1)))
                out[2 * b * lanes + d] = unit(UInt64(words.x), UInt64(words.y))
                if second { out[(2 * b + 1) * lanes + d] = unit(UInt64(words.z), UInt64(words.w)) }
                d += 1
            }
        }
    }

    /// `nextUnitForInversion()`'s uniform from its two words: (k + ½) · 2⁻⁵³ for the 53-bit k,
    /// at most the largest double below 1 (for k = 2⁵³ − 1 the sum rounds to 2⁵³, which would be
    /// exactly 1 and an infinite normal).
    @inline(__always)
    static func unit(_ high: UInt64, _ low: UInt64) -> Double {
        min((Double(high << 21 | low >> 11) + 0.5) * 0x1.0p-53, largestBelowOne)
    }

    /// The largest double below 1, 1 − 2⁻⁵³.
    static let largestBelowOne = 1.0.nextDown

    @inline(__always)
    static func unit(_ high: SIMD4<UInt64>, _ low: SIMD4<UInt64>) -> SIMD4<Double> {
        let bits = high &<< 21 | low &>> 11
        let whole = SIMD4<Double>(
            Double(Int64(bitPattern: bits[0])), Double(Int64(bitPattern: bits[1])), Double(Int64(bitPattern: bits[2])),
            Double(Int64(bitPattern: bits[3])))
        var unit = (whole + 0.5) * 0x1.0p-53
        unit.replace(with: largestBelowOne, where: unit .> largestBelowOne)
        return unit
    }
}

extension Philox4x32 {
    /// Four blocks at once: lane i is `block(counter: (c0[i], c1[i], c2[i], c3[i]), key: key)`,
    /// each word held in the low 32 bits of a 64-bit lane so that a 32 × 32 → 64-bit product is
    /// one multiplication per lane.
    @inline(__always)
    static func blocks(
        _ c0: SIMD4<UInt64>, _ c1: SIMD4<UInt64>, _ c2: SIMD4<UInt64>, _ c3: SIMD4<UInt64>, key: (UInt64, UInt64)
    ) -> (SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>) {
        let low32 = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
        var (c0, c1, c2, c3) = (c0, c1, c2, c3)
        var (k0, k1) = (key.0, key.1)
        for _ in 0..<rounds {
            let product0 = c0 &* UInt64(multiplier0)
            let product1 = c2 &* UInt64(multiplier1)
            (c0, c1, c2, c3) = (
                product1 &>> 32 ^ c1 ^ SIMD4(repeating: k0), product1 & low32, product0 &>> 32 ^ c3 ^ SIMD4(repeating: k1),
                product0 & low32
            )
            k0 = (k0 &+ UInt64(weyl0)) & 0xFFFF_FFFF
            k1 = (k1 &+ UInt64(weyl1)) & 0xFFFF_FFFF
        }
        return (c0, c1, c2, c3)
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    @inline(__always)
    func storeUnaligned(_ value: SIMD4<Double>) {
        UnsafeMutableRawPointer(self).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
