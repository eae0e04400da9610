// Philox4x32-10 uniforms for Monte Carlo draws with AVX2 (or AVX-512), chosen at run time: eight
// (sixteen) draws at once, each 32-bit word in the low half of a 64-bit lane so that the round's 32 × 32 → 64-bit
// products are one _mm256_mul_epu32. Integer arithmetic, then an exact conversion: the same
// bits as the Swift stream (`DrawStream`), which the tests check.
#pragma STDC FP_CONTRACT OFF
#include "MicrosimKernels.h"
#include "pack_lanes.h"

#if defined(__x86_64__)
#include <immintrin.h>

int dibao_units_kernel_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

int dibao_units_kernel_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512f");
}

typedef struct {
    __m256i c0, c1, c2, c3;
} Counters;

__attribute__((target("avx2"))) static inline void philox_round(Counters *x, __m256i k0, __m256i k1, __m256i m0, __m256i m1,
                                                                  __m256i low32) {
    __m256i p0 = _mm256_mul_epu32(x->c0, m0);
    __m256i p1 = _mm256_mul_epu32(x->c2, m1);
    __m256i c0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x->c1), k0);
    __m256i c2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x->c3), k1);
    x->c1 = _mm256_and_si256(p1, low32);
    x->c3 = _mm256_and_si256(p0, low32);
    x->c0 = c0;
    x->c2 = c2;
}

// (high · 2²¹ | low >> 11) as a double, exactly: a value below 2⁵³, split at bit 32 and each part
// converted through the 2⁵² exponent trick; then + ½ and × 2⁻⁵³ as in Swift, below 1.
__attribute__((target("avx2"))) static inline __m256d unit(__m256i high, __m256i low) {
    const __m256i magic = _mm256_set1_epi64x(0x4330000000000000LL);
    const __m256d two52 = _mm256_set1_pd(0x1p52);
    __m256i bits = _mm256_or_si256(_mm256_slli_epi64(high, 21), _mm256_srli_epi64(low, 11));
    __m256i top = _mm256_srli_epi64(bits, 32);
    __m256i bottom = _mm256_and_si256(bits, _mm256_set1_epi64x(0xFFFFFFFFLL));
    __m256d t = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(top, magic)), two52);
    __m256d b = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(bottom, magic)), two52);
    __m256d whole = _mm256_add_pd(_mm256_mul_pd(t, _mm256_set1_pd(0x1p32)), b);
    __m256d unit = _mm256_mul_pd(_mm256_add_pd(whole, _mm256_set1_pd(0.5)), _mm256_set1_pd(0x1p-53));
    // At most the largest double below 1 (k = 2⁵³ − 1 would round to exactly 1), as in Swift.
    return _mm256_min_pd(unit, _mm256_set1_pd(0x1.fffffffffffffp-1));
}

__attribute__((target("avx2"))) static size_t units_avx2(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    const __m256i m0 = _mm256_set1_epi64x(0xD2511F53LL), m1 = _mm256_set1_epi64x(0xCD9E8D57LL);
    const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFFLL);
    size_t done = lanes - lanes % 8;
    for (size_t b = 0; b < (count + 1) / 2; b++) {
        int second = 2 * b + 1 < count;
        for (size_t d = 0; d < done; d += 8) {
            uint64_t draw = first_draw + d;
            __m256i draws0 = _mm256_add_epi64(_mm256_set1_epi64x((long long)draw), _mm256_setr_epi64x(0, 1, 2, 3));
            __m256i draws1 = _mm256_add_epi64(draws0, _mm256_set1_epi64x(4));
            Counters x = {_mm256_and_si256(draws0, low32), _mm256_srli_epi64(draws0, 32), _mm256_set1_epi64x((long long)(uint32_t)b),
                          _mm256_set1_epi64x((long long)(uint32_t)((uint64_t)b >> 32))};
            Counters y = {_mm256_and_si256(draws1, low32), _mm256_srli_epi64(draws1, 32), x.c2, x.c3};
            uint32_t k0 = seed_low, k1 = seed_high;
            for (int round = 0; round < 10; round++) {
                __m256i key0 = _mm256_set1_epi64x(k0), key1 = _mm256_set1_epi64x(k1);
                philox_round(&x, key0, key1, m0, m1, low32);
                philox_round(&y, key0, key1, m0, m1, low32);
                k0 += 0x9E3779B9u;
                k1 += 0xBB67AE85u;
            }
            double *row = out + 2 * b * stride + d;
            _mm256_storeu_pd(row, unit(x.c0, x.c1));
            _mm256_storeu_pd(row + 4, unit(y.c0, y.c1));
            if (second) {
                _mm256_storeu_pd(row + stride, unit(x.c2, x.c3));
                _mm256_storeu_pd(row + stride + 4, unit(y.c2, y.c3));
            }
        }
    }
    return done;
}

// The same with AVX-512: sixteen draws at once, the same integer operations and conversion.
typedef struct {
    __m512i c0, c1, c2, c3;
} WideCounters;

__attribute__((target("avx512f"))) static inline void philox_round_512(
    WideCounters *x, __m512i k0, __m512i k1, __m512i m0, __m512i m1, __m512i low32) {
    __m512i p0 = _mm512_mul_epu32(x->c0, m0);
    __m512i p1 = _mm512_mul_epu32(x->c2, m1);
    __m512i c0 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(p1, 32), x->c1), k0);
    __m512i c2 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(p0, 32), x->c3), k1);
    x->c1 = _mm512_and_si512(p1, low32);
    x->c3 = _mm512_and_si512(p0, low32);
    x->c0 = c0;
    x->c2 = c2;
}

__attribute__((target("avx512f"))) static inline __m512d unit_512(__m512i high, __m512i low) {
    const __m512i magic = _mm512_set1_epi64(0x4330000000000000LL);
    const __m512d two52 = _mm512_set1_pd(0x1p52);
    __m512i bits = _mm512_or_si512(_mm512_slli_epi64(high, 21), _mm512_srli_epi64(low, 11));
    __m512i top = _mm512_srli_epi64(bits, 32);
    __m512i bottom = _mm512_and_si512(bits, _mm512_set1_epi64(0xFFFFFFFFLL));
    __m512d t = _mm512_sub_pd(_mm512_castsi512_pd(_mm512_or_si512(top, magic)), two52);
    __m512d b = _mm512_sub_pd(_mm512_castsi512_pd(_mm512_or_si512(bottom, magic)), two52);
    __m512d whole = _mm512_add_pd(_mm512_mul_pd(t, _mm512_set1_pd(0x1p32)), b);
    __m512d unit = _mm512_mul_pd(_mm512_add_pd(whole, _mm512_set1_pd(0.5)), _mm512_set1_pd(0x1p-53));
    return _mm512_min_pd(unit, _mm512_set1_pd(0x1.fffffffffffffp-1));
}

__attribute__((target("avx512f"))) static size_t units_avx512(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    const __m512i m0 = _mm512_set1_epi64(0xD2511F53LL), m1 = _mm512_set1_epi64(0xCD9E8D57LL);
    const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFFLL);
    size_t done = lanes - lanes % 16;
    for (size_t b = 0; b < (count + 1) / 2; b++) {
        int second = 2 * b + 1 < count;
        for (size_t d = 0; d < done; d += 16) {
            uint64_t draw = first_draw + d;
            __m512i draws0 = _mm512_add_epi64(_mm512_set1_epi64((long long)draw), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
            __m512i draws1 = _mm512_add_epi64(draws0, _mm512_set1_epi64(8));
            WideCounters x = {_mm512_and_si512(draws0, low32), _mm512_srli_epi64(draws0, 32),
                              _mm512_set1_epi64((long long)(uint32_t)b), _mm512_set1_epi64((long long)(uint32_t)((uint64_t)b >> 32))};
            WideCounters y = {_mm512_and_si512(draws1, low32), _mm512_srli_epi64(draws1, 32), x.c2, x.c3};
            uint32_t k0 = seed_low, k1 = seed_high;
            for (int round = 0; round < 10; round++) {
                __m512i key0 = _mm512_set1_epi64(k0), key1 = _mm512_set1_epi64(k1);
                philox_round_512(&x, key0, key1, m0, m1, low32);
                philox_round_512(&y, key0, key1, m0, m1, low32);
                k0 += 0x9E3779B9u;
                k1 += 0xBB67AE85u;
            }
            double *row = out + 2 * b * stride + d;
            _mm512_storeu_pd(row, unit_512(x.c0, x.c1));
            _mm512_storeu_pd(row + 8, unit_512(y.c0, y.c1));
            if (second) {
                _mm512_storeu_pd(row + stride, unit_512(x.c2, x.c3));
                _mm512_storeu_pd(row + stride + 8, unit_512(y.c2, y.c3));
            }
        }
    }
    return done;
}

size_t dibao_units_kernel_avx2(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_available();
    return available ? units_avx2(seed_low, seed_high, first_draw, lanes, count, stride, out) : 0;
}

size_t dibao_units_kernel_avx512(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_avx512_available();
    return available ? units_avx512(seed_low, seed_high, first_draw, lanes, count, stride, out) : 0;
}

#else
int dibao_units_kernel_available(void) { return 0; }
int dibao_units_kernel_avx512_available(void) { return 0; }
size_t dibao_units_kernel_avx2(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    (void)seed_low; (void)seed_high; (void)first_draw; (void)lanes; (void)count; (void)stride; (void)out;
    return 0;
}
size_t dibao_units_kernel_avx512(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out) {
    (void)seed_low; (void)seed_high; (void)first_draw; (void)lanes; (void)count; (void)stride; (void)out;
    return 0;
}
#endif

const double dibao_as241_central_numerator[8] = {
    2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4, 4.5921953931549871457e4,
    1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2, 3.3871328727963666080};
const double dibao_as241_central_denominator[8] = {
    5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4, 2.1213794301586595867e4,
    5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1, 1.0};
const double dibao_as241_near_numerator[8] = {
    7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258,
    3.64784832476320460504, 5.76949722146069140550, 4.63033784615654529590, 1.42343711074968357734};
const double dibao_as241_near_denominator[8] = {
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
    6.89767334985100004550e-1, 1.67638483018380384940, 2.05319162663775882187, 1.0};
const double dibao_as241_far_numerator[8] = {
    2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
    2.96560571828504891230e-1, 1.78482653991729133580, 5.46378491116411436990, 6.65790464350110377720};
const double dibao_as241_far_denominator[8] = {
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
    1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0};

#if defined(__x86_64__)
__attribute__((target("avx2"))) static inline __m256d horner8(const double *c, __m256d r) {
    __m256d value = _mm256_set1_pd(c[0]);
    for (int k = 1; k < 8; k++) value = _mm256_add_pd(_mm256_mul_pd(value, r), _mm256_set1_pd(c[k]));
    return value;
}

// One group of four: Φ⁻¹ in place where central; the others' indices and values stored packed at
// `count` (whole vectors: the room for n of each covers the lanes written beyond the count).
__attribute__((target("avx2,popcnt"))) static inline size_t central4(
    double *values, size_t i, __m256d p, __m256d q, __m256d numerator, __m256d denominator, int64_t *others,
    double *other_values, size_t count) {
    const __m256d bound = _mm256_set1_pd(0.425), negative = _mm256_set1_pd(-0.425);
    __m256d z = _mm256_div_pd(_mm256_mul_pd(q, numerator), denominator);
    // Central: q ≥ −0.425 and q ≤ 0.425 (false for NaN, as in Swift).
    __m256d in = _mm256_and_pd(_mm256_cmp_pd(q, negative, _CMP_GE_OQ), _mm256_cmp_pd(q, bound, _CMP_LE_OQ));
    _mm256_storeu_pd(values + i, _mm256_blendv_pd(p, z, in));
    unsigned outside = ~(unsigned)_mm256_movemask_pd(in) & 0xF;
    __m256i order = _mm256_loadu_si256((const __m256i *)dibao_pack_lanes[outside]);
    __m256i index = _mm256_add_epi64(_mm256_set1_epi64x((long long)i), _mm256_setr_epi64x(0, 1, 2, 3));
    _mm256_storeu_si256((__m256i *)(others + count), _mm256_permutevar8x32_epi32(index, order));
    _mm256_storeu_pd(other_values + count, _mm256_castsi256_pd(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(p), order)));
    return count + (size_t)__builtin_popcount(outside);
}

// Sixteen values at a time: Horner's rule is a chain of dependent steps, so eight chains (four
// numerators, four denominators) are in flight at once; then eight, the rest.
__attribute__((target("avx2,popcnt"))) static size_t normal_central_avx2(
    double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    const __m256d half = _mm256_set1_pd(0.5), edge = _mm256_set1_pd(0.180625);
    const double *a = dibao_as241_central_numerator, *b = dibao_as241_central_denominator;
    size_t done = n - n % 8, count = 0, i = 0;
#define CENTRAL_START(g)                                                                                                 \
    __m256d p##g = _mm256_loadu_pd(values + i + 4 * g), q##g = _mm256_sub_pd(p##g, half);                                \
    __m256d r##g = _mm256_sub_pd(edge, _mm256_mul_pd(q##g, q##g));                                                       \
    __m256d num##g = _mm256_set1_pd(a[0]), den##g = _mm256_set1_pd(b[0]);
#define CENTRAL_STEP(g)                                                                                                  \
    num##g = _mm256_add_pd(_mm256_mul_pd(num##g, r##g), _mm256_set1_pd(a[k]));                                          \
    den##g = _mm256_add_pd(_mm256_mul_pd(den##g, r##g), _mm256_set1_pd(b[k]));
#define CENTRAL_END(g) count = central4(values, i + 4 * g, p##g, q##g, num##g, den##g, others, other_values, count);
    for (; i + 16 <= done; i += 16) {
        CENTRAL_START(0) CENTRAL_START(1) CENTRAL_START(2) CENTRAL_START(3)
        for (int k = 1; k < 8; k++) { CENTRAL_STEP(0) CENTRAL_STEP(1) CENTRAL_STEP(2) CENTRAL_STEP(3) }
        CENTRAL_END(0) CENTRAL_END(1) CENTRAL_END(2) CENTRAL_END(3)
    }
    if (i < done) {
        CENTRAL_START(0) CENTRAL_START(1)
        for (int k = 1; k < 8; k++) { CENTRAL_STEP(0) CENTRAL_STEP(1) }
        CENTRAL_END(0) CENTRAL_END(1)
    }
#undef CENTRAL_START
#undef CENTRAL_STEP
#undef CENTRAL_END
    *other_count = count;
    return done;
}

__attribute__((target("avx512f"))) static inline __m512d horner8_512(const double *c, __m512d r) {
    __m512d value = _mm512_set1_pd(c[0]);
    for (int k = 1; k < 8; k++) value = _mm512_add_pd(_mm512_mul_pd(value, r), _mm512_set1_pd(c[k]));
    return value;
}

// The same with AVX-512, sixteen values at a time; the indices and values outside are packed by the mask.
__attribute__((target("avx512f"))) static size_t normal_central_avx512(
    double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    const __m512d half = _mm512_set1_pd(0.5), edge = _mm512_set1_pd(0.180625), bound = _mm512_set1_pd(0.425),
                  negative = _mm512_set1_pd(-0.425);
    const __m512i lanes = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
    size_t done = n - n % 16, count = 0;
    for (size_t i = 0; i < done; i += 16) {
        __m512d p0 = _mm512_loadu_pd(values + i), p1 = _mm512_loadu_pd(values + i + 8);
        __m512d q0 = _mm512_sub_pd(p0, half), q1 = _mm512_sub_pd(p1, half);
        __m512d r0 = _mm512_sub_pd(edge, _mm512_mul_pd(q0, q0)), r1 = _mm512_sub_pd(edge, _mm512_mul_pd(q1, q1));
        __m512d z0 = _mm512_div_pd(_mm512_mul_pd(q0, horner8_512(dibao_as241_central_numerator, r0)),
                                   horner8_512(dibao_as241_central_denominator, r0));
        __m512d z1 = _mm512_div_pd(_mm512_mul_pd(q1, horner8_512(dibao_as241_central_numerator, r1)),
                                   horner8_512(dibao_as241_central_denominator, r1));
        __mmask8 in0 = _mm512_cmp_pd_mask(q0, negative, _CMP_GE_OQ) & _mm512_cmp_pd_mask(q0, bound, _CMP_LE_OQ);
        __mmask8 in1 = _mm512_cmp_pd_mask(q1, negative, _CMP_GE_OQ) & _mm512_cmp_pd_mask(q1, bound, _CMP_LE_OQ);
        _mm512_storeu_pd(values + i, _mm512_mask_blend_pd(in0, p0, z0));
        _mm512_storeu_pd(values + i + 8, _mm512_mask_blend_pd(in1, p1, z1));
        __m512i index = _mm512_add_epi64(_mm512_set1_epi64((long long)i), lanes);
        __mmask8 out0 = (__mmask8)~in0, out1 = (__mmask8)~in1;
        // Packed in a register and stored whole (a compressed store to memory is slow on some
        // CPUs): the lanes beyond the count are overwritten later, within the room for n.
        _mm512_storeu_si512(others + count, _mm512_maskz_compress_epi64(out0, index));
        _mm512_storeu_pd(other_values + count, _mm512_maskz_compress_pd(out0, p0));
        count += (size_t)__builtin_popcount(out0);
        _mm512_storeu_si512(others + count, _mm512_maskz_compress_epi64(out1, _mm512_add_epi64(index, _mm512_set1_epi64(8))));
        _mm512_storeu_pd(other_values + count, _mm512_maskz_compress_pd(out1, p1));
        count += (size_t)__builtin_popcount(out1);
    }
    *other_count = count;
    return done;
}

// The tails with AVX2, four values at a time (two groups per step, so that one group's divisions
// overlap the other's), for p in (0, 1) normal: the operations of the Swift lanes
// (`NormalQuantile.tail`, `PortableMath.log`) in the same order. The work is the logarithm's
// divisions, which a wider register does no faster per value, so there is no AVX-512 twin.
__attribute__((target("avx2"))) static inline __m256d negated(__m256d x) {
    return _mm256_xor_pd(x, _mm256_set1_pd(-0.0));
}

__attribute__((target("avx2"))) static inline __m256d normal_tail4(__m256d pv, double ln2_high, double ln2_low) {
    const __m256d half = _mm256_set1_pd(0.5), one = _mm256_set1_pd(1), two = _mm256_set1_pd(2), five = _mm256_set1_pd(5),
                  near_origin = _mm256_set1_pd(1.6), root_two = _mm256_set1_pd(1.414213562373095), high = _mm256_set1_pd(ln2_high),
                  low = _mm256_set1_pd(ln2_low), two52 = _mm256_set1_pd(0x1p52), bias = _mm256_set1_pd(1023);
    const __m256i mantissa = _mm256_set1_epi64x(0x000FFFFFFFFFFFFFLL), unit_exponent = _mm256_set1_epi64x(0x3FF0000000000000LL),
                  exponent_bits = _mm256_set1_epi64x(0x7FF), magic = _mm256_set1_epi64x(0x4330000000000000LL);
    __m256d lower = _mm256_cmp_pd(_mm256_sub_pd(pv, half), _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d x = _mm256_blendv_pd(_mm256_sub_pd(one, pv), pv, lower);
    // ln x: x = m · 2^e, m in [√½, √2); e ln 2 + 2 atanh((m − 1)/(m + 1)) by its series to t¹⁹
    // (the later terms leave the sum as it is: `PortableMath.log`).
    __m256i bits = _mm256_castpd_si256(x);
    __m256d m = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(bits, mantissa), unit_exponent));
    __m256d above = _mm256_cmp_pd(m, root_two, _CMP_GT_OQ);
    m = _mm256_blendv_pd(m, _mm256_mul_pd(m, half), above);
    // The biased exponent (0 … 2047) exactly through the 2⁵² trick, less 1023, plus 1 above √2:
    // small integers, so every step is exact and e is Double(exponent) as in Swift.
    __m256d biased = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(_mm256_srli_epi64(bits, 52), exponent_bits), magic)), two52);
    __m256d e = _mm256_add_pd(_mm256_sub_pd(biased, bias), _mm256_and_pd(above, one));
    __m256d t = _mm256_div_pd(_mm256_sub_pd(m, one), _mm256_add_pd(m, one));
    __m256d t2 = _mm256_mul_pd(t, t), term = t, sum = t;
    for (int k = 3; k <= 19; k += 2) {
        term = _mm256_mul_pd(term, t2);
        sum = _mm256_add_pd(sum, _mm256_div_pd(term, _mm256_set1_pd((double)k)));
    }
    __m256d log = _mm256_add_pd(_mm256_mul_pd(e, high), _mm256_add_pd(_mm256_mul_pd(e, low), _mm256_mul_pd(sum, two)));
    __m256d r = _mm256_sqrt_pd(negated(log));
    __m256d near = _mm256_cmp_pd(r, five, _CMP_LE_OQ);
    __m256d tn = _mm256_sub_pd(r, near_origin);
    __m256d value = _mm256_div_pd(horner8(dibao_as241_near_numerator, tn), horner8(dibao_as241_near_denominator, tn));
    if (_mm256_movemask_pd(near) != 0xF) {
        // Beyond about 6.8 standard deviations: rare, so computed only when some lane needs it.
        __m256d tf = _mm256_sub_pd(r, five);
        __m256d far = _mm256_div_pd(horner8(dibao_as241_far_numerator, tf), horner8(dibao_as241_far_denominator, tf));
        value = _mm256_blendv_pd(far, value, near);
    }
    return _mm256_blendv_pd(value, negated(value), lower);
}

__attribute__((target("avx2"))) static size_t normal_tail_avx2(const double *p, size_t n, double *z, double ln2_high, double ln2_low) {
    size_t done = n - n % 4, i = 0;
    for (; i + 8 <= done; i += 8) {
        __m256d a = normal_tail4(_mm256_loadu_pd(p + i), ln2_high, ln2_low);
        __m256d b = normal_tail4(_mm256_loadu_pd(p + i + 4), ln2_high, ln2_low);
        _mm256_storeu_pd(z + i, a);
        _mm256_storeu_pd(z + i + 4, b);
    }
    if (i < done) _mm256_storeu_pd(z + i, normal_tail4(_mm256_loadu_pd(p + i), ln2_high, ln2_low));
    return done;
}

size_t dibao_normal_tail_avx2(const double *p, size_t n, double *z, double ln2_high, double ln2_low) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_available();
    return available ? normal_tail_avx2(p, n, z, ln2_high, ln2_low) : 0;
}

size_t dibao_normal_central_avx2(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_available();
    *other_count = 0;
    return available ? normal_central_avx2(values, n, others, other_values, other_count) : 0;
}

size_t dibao_normal_central_avx512(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_avx512_available();
    *other_count = 0;
    return available ? normal_central_avx512(values, n, others, other_values, other_count) : 0;
}
#else
size_t dibao_normal_central_avx2(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    (void)values; (void)n; (void)others; (void)other_values;
    *other_count = 0;
    return 0;
}
size_t dibao_normal_central_avx512(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count) {
    (void)values; (void)n; (void)others; (void)other_values;
    *other_count = 0;
    return 0;
}
size_t dibao_normal_tail_avx2(const double *p, size_t n, double *z, double ln2_high, double ln2_low) {
    (void)p; (void)n; (void)z; (void)ln2_high; (void)ln2_low;
    return 0;
}
#endif
