// Shared by the C kernels, not part of the module's interface.
#ifndef DIBAO_PACK_LANES_H
#define DIBAO_PACK_LANES_H
#include <stdint.h>

// For each 4-bit mask, the 32-bit lanes of _mm256_permutevar8x32 that move the set doubles (or
// 64-bit integers) to the front, in order: AVX2's stand-in for a compress (bracket_kernel.c).
extern const int32_t dibao_pack_lanes[16][8];

#endif
