/*
 * Finding the end of a double-quoted JSON string: the next '"' or '\\', 16 bytes
 * per step with SSE2 where the compiler targets it, 8 bytes per step elsewhere.
 * Loads never reach past s + n, so the scan is clean under ASan and valgrind.
 */
#ifndef RMQ_INTERNAL_SCAN_H
#define RMQ_INTERNAL_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define RMQ_SCAN_INLINE static inline __attribute__((always_inline))
#else
#define RMQ_SCAN_INLINE static inline
#endif

/*
 * Index of the first '"' or '\\' in s[i..n), or n when there is none. Bit 7 is set
 * in *high when a byte >= 0x80 was passed over on the way, so the caller knows the
 * span needs a UTF-8 check; it may also be set by one in the rest of the last 16-byte
 * block (a needless check, never a missed one).
 */
RMQ_SCAN_INLINE size_t rmq_scan_quote_or_backslash(const uint8_t *s, size_t i, size_t n, uint8_t *high)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        unsigned hi = (unsigned)_mm_movemask_epi8(v);
        *high |= (uint8_t)(hi ? 0x80 : 0);
        if (stop) return i + (unsigned)__builtin_ctz(stop);
        i += 16;
    }
#else
    /* SWAR: a zero byte in (w ^ pattern) marks a match */
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        uint64_t zq = (q - ones) & ~q & highs, zb = (b - ones) & ~b & highs;
        if (zq | zb) break; /* the byte loop below finds it and the high bits before it */
        if (w & highs) *high |= 0x80;
        i += 8;
    }
#endif
    for (; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') return i;
        *high |= c & 0x80;
    }
    return n;
}

/*
 * Copy s[i..) up to the first '\\' before b into dst; returns the index of that
 * backslash, or b. dst needs 16 bytes of room beyond the bytes copied: whole
 * 16-byte blocks are stored before the backslash is looked for.
 */
static inline size_t rmq_copy_until_backslash(const uint8_t *s, size_t i, size_t b, uint8_t *dst)
{
#if defined(__SSE2__)
    const __m128i backslash = _mm_set1_epi8('\\');
    while (b - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)dst, v);
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash));
        if (stop) return i + (unsigned)__builtin_ctz(stop);
        i += 16;
        dst += 16;
    }
#endif
    for (; i < b && s[i] != '\\'; i++) *dst++ = s[i];
    return i;
}

/*
 * Copy s[i..) into dst up to the first '"' or '\\' before b; returns its index, or
 * b. *high as for rmq_scan_quote_or_backslash.
 * dst needs 16 bytes of room beyond the bytes copied (whole blocks are stored).
 */
RMQ_SCAN_INLINE size_t rmq_copy_until_quote_or_backslash(const uint8_t *s, size_t i, size_t b, uint8_t *dst,
                                                       uint8_t *high)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    while (b - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)dst, v);
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        unsigned hi = (unsigned)_mm_movemask_epi8(v);
        *high |= (uint8_t)(hi ? 0x80 : 0);
        if (stop) return i + (unsigned)__builtin_ctz(stop);
        i += 16;
        dst += 16;
    }
#endif
    for (; i < b; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') return i;
        *high |= c & 0x80;
        *dst++ = c;
    }
    return b;
}


/* Set in the length rmq_scan_plain_string reports when the string holds escapes. */
#define RMQ_SCAN_ESCAPED ((size_t)1 << (sizeof(size_t) * 8 - 1))

bool rmq_utf8_check(const uint8_t *s, size_t n, size_t *bad_at);

/*
 * The double-quoted string at s[*pos]: *out spans its raw bytes (RMQ_SCAN_ESCAPED
 * set in out->len when it holds escapes, which are not checked here). False when
 * it is not there, is unterminated, longer than max_string or not valid UTF-8.
 */
RMQ_SCAN_INLINE bool rmq_scan_plain_string(const uint8_t *s, size_t n, size_t *pos, size_t max_string, rmq_str *out)
{
    size_t i = *pos;
    if (i >= n || s[i] != '"') return false;
    size_t start = ++i;
    uint8_t high = 0;
    size_t escaped = 0;
    for (;;) {
        i = rmq_scan_quote_or_backslash(s, i, n, &high);
        if (i >= n) return false;
        if (s[i] == '"') break;
        escaped = RMQ_SCAN_ESCAPED;
        i += 2; /* the escaped byte never ends the string */
        if (i > n) return false;
    }
    size_t len = i - start;
    if (len > max_string) return false;
    if (high && !rmq_utf8_check(s + start, len, NULL)) return false;
    *pos = i + 1;
    out->ptr = (const char *)s + start;
    out->len = len | escaped;
    return true;
}

/*
 * An integer as fastjson writes it at s[*pos]: an optional '-', at most max_digits
 * (<= 18, so no overflow) digits, then ',' or '}' (not consumed), inside [lo, hi].
 * False otherwise: the general reader then decides (other forms, its range errors).
 */
RMQ_SCAN_INLINE bool rmq_scan_plain_integer(const uint8_t *s, size_t n, size_t *pos, size_t max_digits, int64_t lo,
                                            int64_t hi, int64_t *v)
{
    size_t i = *pos;
    /* one digit, as most counts and flags are */
    if (n - i >= 2 && (unsigned)s[i] - '0' <= 9 && (s[i + 1] == ',' || s[i + 1] == '}')) {
        int64_t d = s[i] - '0';
        if (d < lo || d > hi) return false;
        *v = d;
        *pos = i + 1;
        return true;
    }
    bool neg = i < n && s[i] == '-';
    if (neg) i++;
    size_t first = i, stop = n - i > max_digits ? i + max_digits : n;
    int64_t acc = 0;
    for (; i < stop; i++) {
        unsigned d = (unsigned)s[i] - '0';
        if (d > 9) break;
        acc = acc * 10 + (int64_t)d;
    }
    if (i == first || i >= n || (s[i] != ',' && s[i] != '}')) return false;
    acc = neg ? -acc : acc;
    if (acc < lo || acc > hi) return false;
    *v = acc;
    *pos = i;
    return true;
}

#endif
