/// The standard normal quantile Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16: "The percentage
/// points of the normal distribution", Applied Statistics 37(3), 477–484, 1988), accurate to about
/// 1 part in 10¹⁶. Rational functions evaluated by Horner's rule in the published order, the
/// tails through `PortableMath.log` and the correctly rounded square root: the same bits on every
/// IEEE-754 machine. `p` must lie in (0, 1); 0 and 1 give ∓∞, anything else outside gives NaN.
public enum NormalQuantile {
    /// AS 241's coefficients, highest degree first: the central region's numerator and
    /// denominator (in r = 0.180625 − q²), then the near tail's (r − 1.6) and the far tail's (r − 5).
    static let central = (
        numerator: [
            2.509_080_928_730_122_672_7e3, 3.343_057_558_358_812_810_5e4, 6.726_577_092_700_870_085_3e4, 4.592_195_393_154_987_145_7e4,
            1.373_169_376_550_946_112_5e4, 1.971_590_950_306_551_442_7e3, 1.331_416_678_917_843_774_5e2, 3.387_132_872_796_366_608_0,
        ],
        denominator: [
            5.226_495_278_852_854_561_0e3, 2.872_908_573_572_194_267_4e4, 3.930_789_580_009_271_061_0e4, 2.121_379_430_158_659_586_7e4,
            5.394_196_021_424_751_107_7e3, 6.871_870_074_920_579_083_0e2, 4.231_333_070_160_091_125_2e1, 1.0,
        ]
    )
    static let nearTail = (
        numerator: [
            7.745_450_142_783_414_076_40e-4, 2.272_384_498_926_918_458_33e-2, 2.417_807_251_774_506_117_70e-1,
            1.270_458_252_452_368_382_58, 3.647_848_324_763_204_605_04, 5.769_497_221_460_691_405_50, 4.630_337_846_156_545_295_90,
            1.423_437_110_749_683_577_34,
        ],
        denominator: [
            1.050_750_071_644_416_843_24e-9, 5.475_938_084_995_344_946_00e-4, 1.519_866_656_361_645_719_66e-2,
            1.481_039_764_274_800_745_90e-1, 6.897_673_349_851_000_045_50e-1, 1.676_384_830_183_803_849_40,
            2.053_191_626_637_758_821_87, 1.0,
        ]
    )
    static let farTail = (
        numerator: [
            2.010_334_399_292_288_132_65e-7, 2.711_555_568_743_487_578_15e-5, 1.242_660_947_388_078_438_60e-3,
            2.653_218_952_657_612_309_30e-2, 2.965_605_718_285_048_912_30e-1, 1.784_826_539_917_291_335_80,
            5.463_784_911_164_114_369_90, 6.657_904_643_501_103_777_20,
        ],
        denominator: [
            2.044_263_103_389_939_785_64e-15, 1.421_511_758_316_445_888_70e-7, 1.846_318_317_510_054_681_80e-5,
            7.868_691_311_456_132_591_00e-4, 1.487_536_129_085_061_485_25e-2, 1.369_298_809_227_358_053_10e-1,
            5.998_322_065_558_879_376_90e-1, 1.0,
        ]
    )

    /// Σ c_k r^k by Horner's rule, `coefficients` highest degree first: ((c₇ r + c₆) r + …) + c₀.
    @inline(__always)
    static func horner(_ coefficients: [Double], _ r: Double) -> Double {
        var value = coefficients[0]
        for k in 1..<coefficients.count { value = value * r + coefficients[k] }
        return value
    }

    /// The same in four lanes (the same operations in the same order in each).
    @inline(__always)
    static func horner(_ coefficients: [Double], _ r: SIMD4<Double>) -> SIMD4<Double> {
        var value = SIMD4(repeating: coefficients[0])
        for k in 1..<coefficients.count { value = value * r + coefficients[k] }
        return value
    }

    public static func of(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * horner(central.numerator, r) / horner(central.denominator, r)
        }
        let r = (-PortableMath.log(q < 0 ? p : 1 - p)).squareRoot()
        let tail = r <= 5 ? nearTail : farTail
        let t = r <= 5 ? r - 1.6 : r - 5
        let value = horner(tail.numerator, t) / horner(tail.denominator, t)
        return q < 0 ? -value : value
    }
}

extension NormalQuantile {
    /// Φ⁻¹ of every value of `values`, in place: value by value the same bits as `of(_:)`, the
    /// central region (|p − ½| ≤ 0.425) four at a time in SIMD lanes, the tails one by one.
    public static func transform(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { buffer in
            let n = buffer.count
            var i = 0
            while i + 4 <= n {
                let p = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                let q = p - 0.5
                let r = 0.180625 - q * q
                var z = q * horner(central.numerator, r) / horner(central.denominator, r)
                let inCentral = (q .>= -0.425) .& (q .<= 0.425)
                if !all(inCentral) {
                    for lane in 0..<4 where !inCentral[lane] { z[lane] = of(p[lane]) }
                }
                UnsafeMutableRawPointer(buffer.baseAddress! + i).storeBytes(of: z, as: SIMD4<Double>.self)
                i += 4
            }
            while i < n {
                buffer[i] = of(buffer[i])
                i += 1
            }
        }
    }
}

extension DrawStream {
    /// The next uniform placed at the middle of its 2⁻⁵³ cell, in (0, 1): what
    /// `nextNormalByInversion()` inverts.
    public mutating func nextUnitForInversion() -> Double {
        let high = UInt64(nextWord())
        let low = UInt64(nextWord())
        return (Double(high << 21 | low >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal by inversion: Φ⁻¹ (AS 241) of the next uniform, placed at the middle of
    /// its 2⁻⁵³ cell so that it lies in (0, 1). One uniform (two words) per normal, no rejection:
    /// a draw's k-th normal always comes from the same words of its stream.
    public mutating func nextNormalByInversion() -> Double {
        NormalQuantile.of(nextUnitForInversion())
    }
}
