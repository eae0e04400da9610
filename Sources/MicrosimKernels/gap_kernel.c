// The microsim v1 gap rule with AVX2, chosen at run time. No contraction of a multiply and an
// add into one FMA: every operation rounds on its own, exactly as in the Swift kernel.
#pragma STDC FP_CONTRACT OFF
#include "MicrosimKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int dibao_gap_kernel_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

__attribute__((target("avx2")))
static size_t gap_avx2(
    const double *income, const uint8_t *size, size_t n, double standard, double factor, double floor, DibaoGapLanes *lanes) {
    const __m256d s = _mm256_set1_pd(standard), f = _mm256_set1_pd(factor), fl = _mm256_set1_pd(floor);
    __m256d total = _mm256_loadu_pd(lanes->total);
    __m256d persons = _mm256_loadu_pd(lanes->persons);
    __m256i households = _mm256_loadu_si256((const __m256i *)lanes->households);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d yearly = _mm256_mul_pd(_mm256_loadu_pd(income + i), f);
        int32_t four;
        __builtin_memcpy(&four, size + i, 4);
        // The four sizes' bytes widened to 32 bits, then to doubles: exact.
        __m256d householdSize = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_cvtsi32_si128(four)));
        __m256d eligible = _mm256_cmp_pd(yearly, s, _CMP_LT_OQ);
        __m256d gap = _mm256_sub_pd(s, yearly);
        __m256d perPerson = _mm256_blendv_pd(gap, fl, _mm256_cmp_pd(gap, fl, _CMP_LT_OQ));
        total = _mm256_add_pd(total, _mm256_and_pd(_mm256_mul_pd(perPerson, householdSize), eligible));
        persons = _mm256_add_pd(persons, _mm256_and_pd(householdSize, eligible));
        households = _mm256_sub_epi64(households, _mm256_castpd_si256(eligible));
    }
    _mm256_storeu_pd(lanes->total, total);
    _mm256_storeu_pd(lanes->persons, persons);
    _mm256_storeu_si256((__m256i *)lanes->households, households);
    return i;
}

size_t dibao_gap_kernel_avx2(
    const double *income, const uint8_t *size, size_t n, double standard, double factor, double floor, DibaoGapLanes *lanes) {
    static int available = -1;
    if (available < 0) available = dibao_gap_kernel_available();
    return available ? gap_avx2(income, size, n, standard, factor, floor, lanes) : 0;
}

#else
int dibao_gap_kernel_available(void) { return 0; }
size_t dibao_gap_kernel_avx2(
    const double *income, const uint8_t *size, size_t n, double standard, double factor, double floor, DibaoGapLanes *lanes) {
    (void)income; (void)size; (void)n; (void)standard; (void)factor; (void)floor; (void)lanes;
    return 0;
}
#endif
