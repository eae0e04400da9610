// The values of a block of Monte Carlo draws that fall in a percentile's bracket, with AVX-512 or
// AVX2, chosen at run time: eight values at a time packed by a compress, or four at a
// time packed to the front of the lanes by a permutation (a table of the 16 masks) and stored
// whole; a group with none inside stores nothing.
#include "MicrosimKernels.h"
#include "pack_lanes.h"

#if defined(__x86_64__)
#include <immintrin.h>

// For each 4-bit mask, the 32-bit lanes that move the set doubles to the front, in order.
const int32_t dibao_pack_lanes[16][8] = {
    {0, 0, 0, 0, 0, 0, 0, 0},
    {0, 1, 0, 0, 0, 0, 0, 0},
    {2, 3, 0, 0, 0, 0, 0, 0},
    {0, 1, 2, 3, 0, 0, 0, 0},
    {4, 5, 0, 0, 0, 0, 0, 0},
    {0, 1, 4, 5, 0, 0, 0, 0},
    {2, 3, 4, 5, 0, 0, 0, 0},
    {0, 1, 2, 3, 4, 5, 0, 0},
    {6, 7, 0, 0, 0, 0, 0, 0},
    {0, 1, 6, 7, 0, 0, 0, 0},
    {2, 3, 6, 7, 0, 0, 0, 0},
    {0, 1, 2, 3, 6, 7, 0, 0},
    {4, 5, 6, 7, 0, 0, 0, 0},
    {0, 1, 4, 5, 6, 7, 0, 0},
    {2, 3, 4, 5, 6, 7, 0, 0},
    {0, 1, 2, 3, 4, 5, 6, 7},
};

__attribute__((target("avx2,popcnt"))) static size_t bracket_avx2(
    const double *values, size_t count, double least, double greatest, double *out, size_t *appended, size_t *below) {
    const __m256d low = _mm256_set1_pd(least), high = _mm256_set1_pd(greatest);
    size_t done = count - count % 4, n = 0;
    __m256i under = _mm256_setzero_si256();
    for (size_t i = 0; i < done; i += 4) {
        __m256d x = _mm256_loadu_pd(values + i);
        __m256d is_below = _mm256_cmp_pd(x, low, _CMP_LT_OQ);
        __m256d inside = _mm256_andnot_pd(is_below, _mm256_cmp_pd(x, high, _CMP_LE_OQ));
        under = _mm256_sub_epi64(under, _mm256_castpd_si256(is_below));
        int mask = _mm256_movemask_pd(inside);
        // Most groups have no value inside (a bracket holds a few percent of the draws): a
        // branch then skips the store, so that the count of values kept is not a chain from
        // group to group.
        if (mask) {
            __m256i order = _mm256_loadu_si256((const __m256i *)dibao_pack_lanes[mask]);
            _mm256_storeu_pd(out + n, _mm256_castps_pd(_mm256_permutevar8x32_ps(_mm256_castpd_ps(x), order)));
            n += (size_t)__builtin_popcount((unsigned)mask);
        }
    }
    int64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, under);
    *below = (size_t)(lanes[0] + lanes[1] + lanes[2] + lanes[3]);
    *appended = n;
    return done;
}

// The same with AVX-512 eight values at a time: the values inside packed by the mask itself.
__attribute__((target("avx512f,popcnt"))) static size_t bracket_avx512(
    const double *values, size_t count, double least, double greatest, double *out, size_t *appended, size_t *below) {
    const __m512d low = _mm512_set1_pd(least), high = _mm512_set1_pd(greatest);
    size_t done = count - count % 8, n = 0, under = 0;
    for (size_t i = 0; i < done; i += 8) {
        __m512d x = _mm512_loadu_pd(values + i);
        __mmask8 is_below = _mm512_cmp_pd_mask(x, low, _CMP_LT_OQ);
        __mmask8 inside = _mm512_mask_cmp_pd_mask((__mmask8)~is_below, x, high, _CMP_LE_OQ);
        under += (size_t)__builtin_popcount((unsigned)is_below);
        if (inside) {
            // Packed in a register, then stored whole (there is room: n ≤ i); a compressed
            // store to memory is slow on some CPUs.
            _mm512_storeu_pd(out + n, _mm512_maskz_compress_pd(inside, x));
            n += (size_t)__builtin_popcount((unsigned)inside);
        }
    }
    *below = under;
    *appended = n;
    return done;
}

// A block's scan with AVX2: lane j of each accumulator takes values j, j + 4, … as Swift's
// SIMD4 lanes do; min/max_pd(x, a) is x < a ? x : a (x > a ? x : a), Swift's replace.
__attribute__((target("avx2"))) static size_t scan_avx2(const double *values, size_t count, double first, double *lanes) {
    __m256d low = _mm256_loadu_pd(lanes), high = _mm256_loadu_pd(lanes + 4), deviation = _mm256_loadu_pd(lanes + 8),
            check = _mm256_loadu_pd(lanes + 12);
    const __m256d origin = _mm256_set1_pd(first);
    size_t done = count - count % 4;
    for (size_t i = 0; i < done; i += 4) {
        __m256d x = _mm256_loadu_pd(values + i);
        low = _mm256_min_pd(x, low);
        high = _mm256_max_pd(x, high);
        deviation = _mm256_add_pd(deviation, _mm256_sub_pd(x, origin));
        check = _mm256_add_pd(check, _mm256_sub_pd(x, x));
    }
    _mm256_storeu_pd(lanes, low);
    _mm256_storeu_pd(lanes + 4, high);
    _mm256_storeu_pd(lanes + 8, deviation);
    _mm256_storeu_pd(lanes + 12, check);
    return done;
}

size_t dibao_scan_kernel(const double *values, size_t count, double first, double *lanes) {
    static int available = -1;
    if (available < 0) available = dibao_units_kernel_available();
    return available ? scan_avx2(values, count, first, lanes) : 0;
}

size_t dibao_bracket_kernel(
    const double *values, size_t count, double least, double greatest, double *out, size_t *appended, size_t *below, int widest) {
    static int available = -1, wide = -1;
    if (available < 0) available = dibao_units_kernel_available();
    if (wide < 0) wide = dibao_units_kernel_avx512_available();
    *appended = 0;
    *below = 0;
    if (widest && wide) return bracket_avx512(values, count, least, greatest, out, appended, below);
    return available ? bracket_avx2(values, count, least, greatest, out, appended, below) : 0;
}
#else
size_t dibao_scan_kernel(const double *values, size_t count, double first, double *lanes) {
    (void)values; (void)count; (void)first; (void)lanes;
    return 0;
}
size_t dibao_bracket_kernel(
    const double *values, size_t count, double least, double greatest, double *out, size_t *appended, size_t *below, int widest) {
    (void)values; (void)count; (void)least; (void)greatest; (void)out; (void)widest;
    *appended = 0;
    *below = 0;
    return 0;
}
#endif
