// The population reader's usual lines (household_id,township,size,income_per_capita) with
// AVX2, chosen at run time. The lines' starts come from the newlines of 64 bytes at a time, so a
// line does not wait for the one before it; each line's 32 bytes are classified at once (digits,
// commas, a point) and its fields' lengths come from those masks. A line of the usual shape (an
// id and an income of at most 8 digits each) has its four fields read at once: one shuffle puts
// each field's digits in 8 bytes of their own, and three multiply-adds make them numbers. Any
// other line it reads has each field read from the 8 bytes that end it (SWAR: three
// multiplications for 8 digits). Integer arithmetic and one division: the same bits on every
// machine.
#include "MicrosimKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include <pthread.h>

/// Shuffle masks that put each field's digits, right-aligned, in 8 bytes of their own (0x80: a
/// zero byte). The low lane reads the line's first 16 bytes: the id (1 … 8 digits) into bytes 0-7,
/// the township (1 … 4) into 8-15. The high lane reads the 16 bytes that end where the line's
/// fields end: the income's digits without its point (at most 8 in all) into bytes 0-7, the size
/// (1 … 4) into 8-15. Indexed by the fields' lengths; filled once, with `available`, before
/// either kernel runs (`prepare`, through pthread_once from every entry point).
static uint8_t low_masks[32][16], high_masks[512][16];
static int available;
static pthread_once_t prepared = PTHREAD_ONCE_INIT;

static void fill_masks(void) {
    for (unsigned id = 1; id <= 8; id++)
        for (unsigned township = 1; township <= 4; township++) {
            uint8_t *mask = low_masks[(id - 1) * 4 + township - 1];
            const unsigned first = id, second = id + 1 + township;
            for (unsigned k = 0; k < 8; k++) mask[7 - k] = k < id ? (uint8_t)(first - 1 - k) : 0x80;
            for (unsigned k = 0; k < 8; k++) mask[15 - k] = k < township ? (uint8_t)(second - 1 - k) : 0x80;
        }
    for (unsigned integer = 0; integer <= 7; integer++)
        for (unsigned fraction = 0; fraction <= 7; fraction++)
            for (unsigned point = 0; point <= 1; point++)
                for (unsigned size = 1; size <= 4; size++) {
                    uint8_t *mask = high_masks[((integer * 8 + fraction) * 2 + point) * 4 + size - 1];
                    for (unsigned k = 0; k < 16; k++) mask[k] = 0x80;
                    // In the 16 bytes that end where the fields end, byte 15 is the last.
                    for (unsigned k = 0; k < 8 && k < integer + fraction; k++)
                        mask[7 - k] = (uint8_t)(k < fraction ? 15 - k : 15 - fraction - point - (k - fraction));
                    const int sizeEnd = 14 - (int)(integer + point + fraction);  // the size's last digit
                    for (unsigned k = 0; k < size; k++)
                        if (sizeEnd - (int)k >= 0) mask[15 - k] = (uint8_t)(sizeEnd - (int)k);
                }
}

static void prepare(void) {
    __builtin_cpu_init();
    available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
    fill_masks();
}

int dibao_usual_lines_available(void) {
    pthread_once(&prepared, prepare);
    return available;
}

/// The 8 bytes at `at`, the first in the lowest byte.
static inline uint64_t word_at(const uint8_t *at) {
    uint64_t word;
    __builtin_memcpy(&word, at, 8);
    return word;
}

/// The low four bits of the top `n` (0 … 8) bytes of a word: a field of n digits that ends where
/// the word ends, each digit's value in its byte, the bytes before it zero.
static const uint64_t field_masks[9] = {
    0, 0x0F00000000000000ULL, 0x0F0F000000000000ULL, 0x0F0F0F0000000000ULL, 0x0F0F0F0F00000000ULL,
    0x0F0F0F0F0F000000ULL, 0x0F0F0F0F0F0F0000ULL, 0x0F0F0F0F0F0F0F00ULL, 0x0F0F0F0F0F0F0F0FULL,
};

/// The whole number of eight digit values, one a byte, the first (most significant) lowest:
/// pairs, fours and the eight combined by three multiplications (zero bytes are leading zeros).
static inline uint64_t eight_digits(uint64_t value) {
    value = (value * 2561) >> 8;
    value = ((value & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
    return ((value & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}

/// The value of the field of `n` (0 … 8) digits that ends just before `end`: the 8 bytes before
/// `end` are read.
static inline uint64_t field_before(const uint8_t *end, unsigned n) { return eight_digits(word_at(end - 8) & field_masks[n]); }

static const uint64_t integer_powers[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
/// The least township and size of 0 … 4 digits without a leading zero (a township of one digit
/// may be 0; a size is at least 1).
static const uint32_t least_township[5] = {0, 0, 10, 100, 1000}, least_size[5] = {0, 1, 10, 100, 1000};

/// Stores the usual line at `line` whose newline is `length` bytes on (1 … 31) into record
/// `record` and returns its key + 1, or 0 (having stored nothing) when it is not a usual line.
/// The 32 bytes at `line` and the 16 before it may be read.
__attribute__((target("avx2,bmi,popcnt"), always_inline))
static inline uint64_t usual_line(
    const uint8_t *line, unsigned length, size_t record, const int32_t *townships, const double *powers,
    const DibaoUsualColumns *columns) {
    const __m256i bytes = _mm256_loadu_si256((const __m256i *)line);
    const __m256i values = _mm256_sub_epi8(bytes, _mm256_set1_epi8('0'));
    const uint32_t digits =
        (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(values, _mm256_set1_epi8(9)), values));
    const uint32_t commas = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(',')));
    const uint32_t points = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('.')));
    // The fields end before a CR that ends the line.
    const unsigned content = length - (line[length - 1] == '\r');
    const uint32_t inside = (1u << content) - 1;
    const uint32_t lineCommas = commas & inside, linePoint = points & inside;
    // Digits everywhere but three commas and at most one point, which comes after the last
    // comma ((point - 1) ≥ commas then, and for no point). Then no field's length is negative.
    if ((((~digits ^ (lineCommas | linePoint)) & inside) != 0) | (__builtin_popcount(lineCommas) != 3) |
        ((linePoint & (linePoint - 1)) != 0) | (linePoint - 1 < lineCommas))
        return 0;
    const unsigned first = (unsigned)__builtin_ctz(lineCommas);
    const unsigned second = (unsigned)__builtin_ctz(lineCommas & (lineCommas - 1));
    const unsigned third = 31 - (unsigned)__builtin_clz(lineCommas);
    // The point, or the income's end when there is none (bit `content` is outside the line).
    const unsigned pointAt = (unsigned)__builtin_ctz(linePoint | (1u << content));
    const unsigned hasPoint = linePoint != 0;
    const unsigned idDigits = first, townshipDigits = second - first - 1, sizeDigits = third - second - 1;
    const unsigned integerDigits = pointAt - third - 1, fractionDigits = content - pointAt - hasPoint;
    // An id of 1 to 16 digits, a township and a size of 1 to 4 (at most 3 by their values
    // below), at most 7 digits before and after the point, at least one in all.
    if ((idDigits - 1 > 15) | (townshipDigits - 1 > 3) | (sizeDigits - 1 > 3) | (integerDigits > 7) | (fractionDigits > 7) |
        (integerDigits + fractionDigits == 0))
        return 0;
    // The usual shape (an id of at most 8 digits, an income of at most 8, its fields and the
    // size in the 16 bytes that end the line): every field at once, in the lanes of one vector.
    if ((idDigits <= 8) & (integerDigits + fractionDigits <= 8) & (integerDigits + hasPoint + fractionDigits + sizeDigits <= 15)) {
        const __m256i text2 = _mm256_loadu2_m128i((const __m128i *)(line + content - 16), (const __m128i *)line);
        const __m256i mask2 = _mm256_loadu2_m128i(
            (const __m128i *)high_masks[((integerDigits * 8 + fractionDigits) * 2 + hasPoint) * 4 + sizeDigits - 1],
            (const __m128i *)low_masks[(idDigits - 1) * 4 + townshipDigits - 1]);
        __m256i v = _mm256_shuffle_epi8(_mm256_sub_epi8(text2, _mm256_set1_epi8('0')), mask2);
        v = _mm256_maddubs_epi16(v, _mm256_set1_epi16(0x010A));
        v = _mm256_madd_epi16(v, _mm256_set1_epi32(0x00010064));
        v = _mm256_packus_epi32(v, v);
        v = _mm256_madd_epi16(v, _mm256_set1_epi32(0x00012710));
        const uint64_t low = (uint64_t)_mm_cvtsi128_si64(_mm256_castsi256_si128(v));
        const uint64_t high = (uint64_t)_mm_cvtsi128_si64(_mm256_extracti128_si256(v, 1));
        const uint32_t townshipValue = (uint32_t)(low >> 32), size = (uint32_t)(high >> 32);
        const int32_t township = townships[townshipValue & 1023];
        if ((townshipValue < least_township[townshipDigits]) | (townshipValue > 999) | (township < 0) |
            (size < least_size[sizeDigits]) | (size > 100))
            return 0;
        const uint64_t key = (uint32_t)low;
        columns->key[record - columns->key_origin] = key;
        columns->township[record] = (uint16_t)township;
        columns->size[record] = (uint8_t)size;
        columns->income[record] = (double)(int64_t)(uint32_t)high / powers[fractionDigits];
        return key + 1;
    }
    // The township in the low half of one word, the size in the high half, each ending where
    // its half ends: both read by the same two multiplications.
    uint64_t pair = ((word_at(line + second - 8) & field_masks[townshipDigits]) >> 32) |
                    (word_at(line + third - 8) & field_masks[sizeDigits] & 0xFFFFFFFF00000000ULL);
    pair = (pair * 2561) >> 8;
    pair = ((pair & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
    const uint32_t townshipValue = (uint32_t)pair & 0xFFFF, size = (uint32_t)(pair >> 32) & 0xFFFF;
    // No leading zero (a value below the least of its digits), a township seen before, a size
    // of at most 100 (so each has at most 3 digits).
    const int32_t township = townships[townshipValue & 1023];
    if ((townshipValue < least_township[townshipDigits]) | (townshipValue > 999) | (township < 0) | (size < least_size[sizeDigits]) |
        (size > 100))
        return 0;
    uint64_t key = field_before(line + first, idDigits > 8 ? 8 : idDigits);
    if (idDigits > 8) key += field_before(line + first - 8, idDigits - 8) * 100000000;
    // The income's digits without the point, in one word when they fit in the 8 bytes that end
    // the field (at most 7 digits and the point).
    uint64_t mantissa;
    if (integerDigits + fractionDigits <= 7) {
        const uint64_t word = word_at(line + content - 8);
        const uint64_t fraction = field_masks[fractionDigits];
        mantissa = eight_digits((word & fraction) | ((word << (8 * hasPoint)) & (field_masks[integerDigits + fractionDigits] ^ fraction)));
    } else {
        mantissa = field_before(line + pointAt, integerDigits) * integer_powers[fractionDigits] +
                   field_before(line + content, fractionDigits);
    }
    columns->key[record - columns->key_origin] = key;
    columns->township[record] = (uint16_t)township;
    columns->size[record] = (uint8_t)size;
    // mantissa < 10^14 < 2^53: exact as a double; one correctly rounded division.
    columns->income[record] = (double)(int64_t)mantissa / powers[fractionDigits];
    return key + 1;
}

__attribute__((target("avx2,bmi,popcnt")))
static size_t usual_lines_avx2(
    const uint8_t *text, size_t text_count, size_t end, size_t limit, const int32_t *townships, const double *powers,
    DibaoUsualColumns columns, DibaoUsualCursor *cursor) {
    const __m256i newline = _mm256_set1_epi8('\n');
    size_t position = cursor->position, record = cursor->record;
    const size_t first_record = record;
    uint64_t last_key = cursor->last_key;
    int keys_increase = cursor->keys_increase;
    // Every load of a line (the 16 bytes before it, 32 at its start) stays inside the text, and
    // every line ends before `end`.
    if (text_count < 48 || position < 16) return 0;
    const size_t stop = end < text_count - 48 ? end : text_count - 48;
    // The lines whose newlines lie in the 64 bytes from `block` on: their starts come from the
    // newlines' bit mask, not from parsing the line before, so consecutive lines overlap.
    size_t block = position;
    while (block + 64 <= stop) {
        uint64_t newlines = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(text + block)), newline));
        newlines |= (uint64_t)(uint32_t)_mm256_movemask_epi8(
                        _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(text + block + 32)), newline))
                    << 32;
        for (; newlines != 0; newlines &= newlines - 1) {
            const size_t at = block + (size_t)__builtin_ctzll(newlines);
            if (at - position - 1 > 30 || record >= limit) goto done;
            const uint64_t key = usual_line(text + position, (unsigned)(at - position), record, townships, powers, &columns);
            if (key == 0) goto done;
            keys_increase &= key - 1 > last_key;
            last_key = key - 1;
            position = at + 1;
            record += 1;
        }
        block += 64;
    }
    // The rest, line by line.
    while (position < stop && record < limit) {
        const uint32_t newlines =
            (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(text + position)), newline));
        if (newlines == 0) break;
        const unsigned length = (unsigned)__builtin_ctz(newlines);
        if (length == 0 || position + length >= stop) break;
        const uint64_t key = usual_line(text + position, length, record, townships, powers, &columns);
        if (key == 0) break;
        keys_increase &= key - 1 > last_key;
        last_key = key - 1;
        position += length + 1;
        record += 1;
    }
done:
    cursor->position = position;
    cursor->record = record;
    cursor->last_key = last_key;
    cursor->keys_increase = keys_increase;
    return record - first_record;
}

size_t dibao_usual_lines_avx2(
    const uint8_t *text, size_t text_count, size_t end, size_t limit, const int32_t *townships, const double *powers,
    DibaoUsualColumns columns, DibaoUsualCursor *cursor) {
    return dibao_usual_lines_available() ? usual_lines_avx2(text, text_count, end, limit, townships, powers, columns, cursor) : 0;
}

__attribute__((target("avx2,popcnt")))
static size_t newlines_avx2(const uint8_t *text, size_t count, size_t *newlines) {
    const __m256i newline = _mm256_set1_epi8('\n');
    size_t found = 0, done = 0;
    for (; done + 64 <= count; done += 64) {
        const uint64_t low = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(text + done)), newline));
        const uint64_t high =
            (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(text + done + 32)), newline));
        found += (size_t)__builtin_popcountll(low | high << 32);
    }
    *newlines = found;
    return done;
}

size_t dibao_newlines_avx2(const uint8_t *text, size_t count, size_t *newlines) {
    *newlines = 0;
    return dibao_usual_lines_available() ? newlines_avx2(text, count, newlines) : 0;
}

#else
size_t dibao_newlines_avx2(const uint8_t *text, size_t count, size_t *newlines) {
    (void)text; (void)count;
    *newlines = 0;
    return 0;
}

int dibao_usual_lines_available(void) { return 0; }
size_t dibao_usual_lines_avx2(
    const uint8_t *text, size_t text_count, size_t end, size_t limit, const int32_t *townships, const double *powers,
    DibaoUsualColumns columns, DibaoUsualCursor *cursor) {
    (void)text; (void)text_count; (void)end; (void)limit; (void)townships; (void)powers; (void)columns; (void)cursor;
    return 0;
}
#endif
