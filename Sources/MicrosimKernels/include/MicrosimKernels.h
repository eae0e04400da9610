#ifndef DIBAO_MICROSIM_KERNELS_H
#define DIBAO_MICROSIM_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Four lanes of running sums of the microsim v1 gap rule, lane j holding households
/// i ≡ j (mod 4) in order: the same lanes as the portable Swift SIMD4 kernel, so that both
/// give bit-identical sums.
typedef struct {
    double total[4];
    double persons[4];
    int64_t households[4];
} DibaoGapLanes;

/// 1 when this CPU can run the AVX2 kernel.
int dibao_gap_kernel_available(void);

/// Runs the gap rule on households [0, n − n % 4) with AVX2: eligible when
/// income × factor < standard; benefit = max(standard − income × factor, floor) × size.
/// Adds into `lanes` and returns the number of households done (a multiple of 4); the caller
/// does the rest. Returns 0 when AVX2 is not available.
size_t dibao_gap_kernel_avx2(
    const double *income, const double *size, size_t n, double standard, double factor, double floor, DibaoGapLanes *lanes);

#endif
