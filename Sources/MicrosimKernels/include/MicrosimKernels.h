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
/// income × factor < standard; benefit = max(standard − income × factor, floor) × size (each
/// size a byte, converted to a double exactly).
/// Adds into `lanes` and returns the number of households done (a multiple of 4); the caller
/// does the rest. Returns 0 when AVX2 is not available.
size_t dibao_gap_kernel_avx2(
    const double *income, const uint8_t *size, size_t n, double standard, double factor, double floor, DibaoGapLanes *lanes);

/// 1 when this CPU can run the AVX2 random-number kernel.
int dibao_units_kernel_available(void);

/// The first `count` uniforms of the Monte Carlo streams of draws first_draw + [0, lanes − lanes % 8)
/// under the seed (seed_low, seed_high), uniform-major: out[j × stride + d] is draw
/// (first_draw + d)'s j-th uniform. Uniforms 2b and 2b + 1 are words (0, 1) and (2, 3) of the
/// draw's Philox4x32-10 block b (counter: low and high 32 bits of the draw, then of b), each
/// (high · 2²¹ + low / 2¹¹ + ½) · 2⁻⁵³, at most 1 − 2⁻⁵³: bit for bit `DrawStream.nextUnitForInversion()`.
/// Returns the number of draws done (a multiple of 8); the caller does the rest. Returns 0 when
/// AVX2 is not available.
size_t dibao_units_kernel_avx2(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out);

/// 1 when this CPU can run the AVX-512 kernels.
int dibao_units_kernel_avx512_available(void);

/// The same with AVX-512 for draws first_draw + [0, lanes − lanes % 16): the same bits. Returns
/// the number of draws done (a multiple of 16), 0 when AVX-512 is not available.
size_t dibao_units_kernel_avx512(
    uint32_t seed_low, uint32_t seed_high, uint64_t first_draw, size_t lanes, size_t count, size_t stride, double *out);

/// AS 241's coefficients (Wichura, Applied Statistics 37(3), 1988), highest degree first: the
/// central region's numerator and denominator in r = 0.180625 − q², the near tail's in r − 1.6
/// and the far tail's in r − 5. The one copy: the Swift `NormalQuantile` reads these too.
extern const double dibao_as241_central_numerator[8], dibao_as241_central_denominator[8];
extern const double dibao_as241_near_numerator[8], dibao_as241_near_denominator[8];
extern const double dibao_as241_far_numerator[8], dibao_as241_far_denominator[8];

/// Φ⁻¹(p) in place for values[0, n − n % 8) with AVX2 where |p − ½| ≤ 0.425 (AS 241's central
/// region, Horner's rule in the published order, no contraction: bit for bit
/// `NormalQuantile.of`). Every other value (the tails, and anything not in (0, 1)) is left in
/// place, its index appended to `others` and its value to `other_values` (room for n each: the
/// kernel stores whole vectors, so entries past the count may be overwritten); `*other_count` is
/// set to how many. Returns the number of values looked at (a multiple of 8),
/// 0 when AVX2 is not available.
size_t dibao_normal_central_avx2(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count);

/// The same with AVX-512 for values[0, n − n % 16): the same bits, the same indices and values in
/// the same order. Returns a multiple of 16, 0 when AVX-512 is not available.
size_t dibao_normal_central_avx512(double *values, size_t n, int64_t *others, double *other_values, size_t *other_count);

/// Φ⁻¹(p[i]) into z[i] for i in [0, n − n % 4) with AVX2, for p in (0, 1), normal, outside the
/// central region: AS 241's tails through the portable logarithm (`PortableMath.log`, whose ln 2
/// in two parts is passed) and the correctly rounded square root, the operations of
/// `NormalQuantile.tail` in the same order, no contraction: the same bits. Returns the number
/// done (a multiple of 4), 0 when AVX2 is not available.
size_t dibao_normal_tail_avx2(const double *p, size_t n, double *z, double ln2_high, double ln2_low);

/// A block's scan for values[0, count − count % 4) with AVX2, four lanes carried in `lanes`
/// (16 doubles: least, greatest, Σ(x − first), Σ(x − x), four of each, lane j taking values j,
/// j + 4, …): least = x < least ? x : least, greatest likewise, then the sums, in the order
/// Swift's SIMD4 lanes use, so the same bits. Returns the number done (a multiple of 4), 0 when
/// AVX2 is not available.
size_t dibao_scan_kernel(const double *values, size_t count, double first, double *lanes);

/// For values[0, count − count % 8) with AVX-512 when `widest` is set and the CPU has it, else
/// values[0, count − count % 4) with AVX2: sets `*below` to how many are < least and appends
/// those in [least, greatest] to `out` in order, setting `*appended` to how many; `out` needs
/// room for `count` values (whole lanes are stored). NaN is neither. Returns the number of
/// values looked at (a multiple of 8 or 4), 0 when neither is available.
size_t dibao_bracket_kernel(
    const double *values, size_t count, double least, double greatest, double *out, size_t *appended, size_t *below, int widest);

/// Where the population reader's columns for the usual file are: one element per record, but
/// for the keys, whose element 0 is record `key_origin`'s (a worker's scratch for one chunk).
typedef struct {
    uint64_t *key;
    uint16_t *township;
    uint8_t *size;
    double *income;
    size_t key_origin;
} DibaoUsualColumns;

/// Where `dibao_usual_lines_avx2` goes on from, updated as it stores lines: the position of the
/// next line in the text, the next record, the last household key stored and whether every key
/// so far exceeded the one before it (1) or not (0).
typedef struct {
    size_t position;
    size_t record;
    uint64_t last_key;
    int keys_increase;
} DibaoUsualCursor;

/// 1 when this CPU can run the AVX2 usual-line kernel.
int dibao_usual_lines_available(void);

/// Stores the lines of text[cursor->position, end) into `columns` from record cursor->record on,
/// at most up to record `limit`, while each is a usual line exactly as the Swift `usualLine`
/// reads one: an id of 1 to 16 digits, a township of 1 to 3 digits without a leading zero (unless
/// it is 0) whose number townships[value] (1024 entries; -1 for a name not seen) is known, a size
/// of 1 to 100 without a leading zero, an income of at most 7 digits, a point and at most 7
/// digits (at least one digit), LF or CRLF, at most 31 bytes before its newline. The income is
/// m / powers[f] (powers: 10^0 … 10^7, exact), m < 10^14. Every load stays inside
/// text[0, text_count): the kernel takes no line that starts less than 16 bytes from the text's
/// start or ends less than 48 bytes from its end. Stops at the first line it does not take and
/// returns how many it stored; 0 when AVX2 is not available.
size_t dibao_usual_lines_avx2(
    const uint8_t *text, size_t text_count, size_t end, size_t limit, const int32_t *townships, const double *powers,
    DibaoUsualColumns columns, DibaoUsualCursor *cursor);

/// Counts the newlines of text[0, count − count % 64) with AVX2 into `*newlines` and returns
/// how many bytes it looked at (a multiple of 64; the caller counts the rest); 0 when AVX2 is
/// not available (as for `dibao_usual_lines_avx2`).
size_t dibao_newlines_avx2(const uint8_t *text, size_t count, size_t *newlines);

/// snprintf(buffer, size, format, value) for a format with one double conversion, or (with
/// precision ≥ 0) one `*` precision and one double conversion: for Swift, which reaches C's
/// variadic functions only through boxed `CVarArg` arrays (`CFormat`).
int dibao_format_double(char *buffer, size_t size, const char *format, int precision, double value);

#endif
