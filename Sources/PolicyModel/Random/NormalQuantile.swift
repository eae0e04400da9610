import MicrosimKernels

/// The standard normal quantile Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16: "The percentage
/// points of the normal distribution", Applied Statistics 37(3), 477–484, 1988), accurate to about
/// 1 part in 10¹⁶. Rational functions evaluated by Horner's rule in the published order, the
/// tails through `PortableMath.log` and the correctly rounded square root: the same bits on every
/// IEEE-754 machine. `p` must lie in (0, 1); 0 and 1 give ∓∞, anything else outside gives NaN.
public enum NormalQuantile {
    /// AS 241's coefficients, highest degree first: the central region's numerator and
    /// denominator (in r = 0.180625 − q²), then the near tail's (r − 1.6) and the far tail's (r − 5);
    /// written once, in the C kernels' header, which compute the central region in bulk.
    static let central = (numerator: table(dibao_as241_central_numerator), denominator: table(dibao_as241_central_denominator))
    static let nearTail = (numerator: table(dibao_as241_near_numerator), denominator: table(dibao_as241_near_denominator))
    static let farTail = (numerator: table(dibao_as241_far_numerator), denominator: table(dibao_as241_far_denominator))

    private static func table(_ coefficients: (Double, Double, Double, Double, Double, Double, Double, Double)) -> [Double] {
        withUnsafeBytes(of: coefficients) { Array($0.bindMemory(to: Double.self)) }
    }

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
    /// Φ⁻¹ of every value of `values`, in place: value by value the same bits as `of(_:)`.
    public static func transform(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { transform($0) }
    }

    /// The same over a buffer, in place: the central region (|p − ½| ≤ 0.425) with AVX-512 or
    /// AVX2 (the C kernels) where the CPU has them, else four values at a time in Swift, the values
    /// outside gathered with their places; then the tails four at a time, with AVX2 (a C kernel)
    /// or in Swift, and put back in their places.
    /// `kernels` says which C kernels may run (the tests compare each with the Swift lanes).
    public static func transform(_ buffer: UnsafeMutableBufferPointer<Double>, kernels: VectorKernels = .widest) {
        var scratch = Scratch()
        transform(buffer, kernels: kernels, scratch: &scratch)
    }

    /// Room for the values a transform gathers outside the central region and their places,
    /// kept by a caller that transforms block after block (so that a block allocates nothing).
    public struct Scratch: Sendable {
        var places: [Int64] = []
        var outside: [Double] = []

        public init() {}
    }

    /// `transform(_:kernels:)` with the gathered values in `scratch`'s memory (grown as needed).
    public static func transform(_ buffer: UnsafeMutableBufferPointer<Double>, kernels: VectorKernels = .widest, scratch: inout Scratch) {
        guard buffer.baseAddress != nil, !buffer.isEmpty else { return }
        if scratch.places.count < buffer.count {
            scratch.places = [Int64](repeating: 0, count: buffer.count)
            scratch.outside = [Double](repeating: 0, count: buffer.count)
        }
        scratch.places.withUnsafeMutableBufferPointer { places in
            scratch.outside.withUnsafeMutableBufferPointer { outside in
                transform(buffer, kernels: kernels, places: places.baseAddress!, outside: outside.baseAddress!)
            }
        }
    }

    /// A C kernel for the central region (`dibao_normal_central_*`): values, count, the places and
    /// values of those outside it, how many those are; returns how many values it took.
    private typealias CentralKernel =
        @convention(c) (
            UnsafeMutablePointer<Double>?, Int, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int>?
        ) -> Int

    private static func transform(
        _ buffer: UnsafeMutableBufferPointer<Double>, kernels: VectorKernels, places: UnsafeMutablePointer<Int64>,
        outside: UnsafeMutablePointer<Double>
    ) {
        let base = buffer.baseAddress!
        let n = buffer.count
        var count = 0  // values gathered outside the central region
        var i = 0
        // Each kernel from where the one before stopped; its places count from there.
        func run(_ kernel: CentralKernel) {
            var found = 0
            let done = kernel(base + i, n - i, places + count, outside + count, &found)
            if i > 0 { for k in count..<(count + found) { places[k] += Int64(i) } }
            count += found
            i += done
        }
        if kernels == .widest { run(dibao_normal_central_avx512) }
        if kernels != .none { run(dibao_normal_central_avx2) }
        while i + 4 <= n {
            let p = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
            let q = p - 0.5
            let r = 0.180625 - q * q
            UnsafeMutableRawPointer(base + i).storeBytes(
                of: q * horner(central.numerator, r) / horner(central.denominator, r), as: SIMD4<Double>.self)
            let inCentral = (q .>= -0.425) .& (q .<= 0.425)
            if !all(inCentral) {
                for lane in 0..<4 where !inCentral[lane] {
                    places[count] = Int64(i + lane)
                    outside[count] = p[lane]
                    count += 1
                }
            }
            i += 4
        }
        while i < n {
            base[i] = of(base[i])
            i += 1
        }
        // What the lanes cannot take (0, 1, NaN, subnormal, anything outside (0, 1)) by
        // the scalar path in place; the tails kept, in order.
        var tails = 0
        for k in 0..<count {
            let p = outside[k]
            if p.isNormal, p > 0, p < 1 {
                places[tails] = places[k]
                outside[tails] = p
                tails += 1
            } else {
                base[Int(places[k])] = of(p)
            }
        }
        // The tails in place of their p, then put back in their places.
        var t = 0
        if kernels != .none {
            t = dibao_normal_tail_avx2(outside, tails, outside, PortableMath.ln2High, PortableMath.ln2Low)
        }
        while t < tails {
            let lanes = min(4, tails - t)
            var p = SIMD4<Double>(repeating: 0.01)
            for lane in 0..<lanes { p[lane] = outside[t + lane] }
            let z = tail(p)
            for lane in 0..<lanes { outside[t + lane] = z[lane] }
            t += 4
        }
        for k in 0..<tails { base[Int(places[k])] = outside[k] }
    }

    /// `of(_:)` in four lanes for p in (0, 1) outside the central region, the same operations
    /// lane by lane (the near tail's rational function, and the far tail's when a lane needs it).
    @inline(__always)
    static func tail(_ p: SIMD4<Double>) -> SIMD4<Double> {
        let q = p - 0.5
        let lower = q .< 0
        var x = 1 - p
        x.replace(with: p, where: lower)
        let r = (-PortableMath.log(x)).squareRoot()
        let near = r .<= 5
        var value = horner(nearTail.numerator, r - 1.6) / horner(nearTail.denominator, r - 1.6)
        if !all(near) {
            // Beyond about 6.8 standard deviations: rare, so computed only when some lane needs it.
            let farValue = horner(farTail.numerator, r - 5) / horner(farTail.denominator, r - 5)
            value.replace(with: farValue, where: .!near)
        }
        value.replace(with: -value, where: lower)
        return value
    }
}

extension DrawStream {
    /// The next uniform, (k + ½) · 2⁻⁵³ for the 53 bits k of two words (rounded to a double; the
    /// last cell's is the largest double below 1), in (0, 1): what `nextNormalByInversion()` inverts.
    public mutating func nextUnitForInversion() -> Double {
        let high = UInt64(nextWord())
        let low = UInt64(nextWord())
        return DrawStream.unit(high, low)
    }

    /// A standard normal by inversion: Φ⁻¹ (AS 241) of the next uniform, placed at the middle of
    /// its 2⁻⁵³ cell so that it lies in (0, 1). One uniform (two words) per normal, no rejection:
    /// a draw's k-th normal always comes from the same words of its stream.
    public mutating func nextNormalByInversion() -> Double {
        NormalQuantile.of(nextUnitForInversion())
    }
}
