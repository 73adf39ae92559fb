/* UTF-8 checks and Java's replacement of malformed input with U+FFFD. */
#ifndef RMQ_INTERNAL_UTF8_H
#define RMQ_INTERNAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * Length of the unit at s[0..n): a valid character (*valid = true) or one
 * malformed run that Java replaces by a single U+FFFD (*valid = false). n >= 1.
 */
size_t rmq_utf8_unit(const uint8_t *s, size_t n, bool *valid);

/* The code point of a valid unit of k bytes at s (k from rmq_utf8_unit). */
static inline uint32_t rmq_utf8_code_point(const uint8_t *s, size_t k)
{
    uint32_t cp = k == 1 ? s[0] : k == 2 ? (s[0] & 0x1Fu) : k == 3 ? (s[0] & 0x0Fu) : (s[0] & 0x07u);
    for (size_t j = 1; j < k; j++) cp = cp << 6 | (s[j] & 0x3Fu);
    return cp;
}

/* rmq_utf8_valid for input that is not all ASCII. */
bool rmq_utf8_check(const uint8_t *s, size_t n, size_t *bad_at);

/*
 * True when all n bytes are valid UTF-8; otherwise *bad_at = first bad offset.
 * Header strings are short and nearly always ASCII: that case is settled inline.
 */
/* The OR of all n bytes, spread over a word (overlapping loads, no byte loop):
 * its high bits say whether any byte is outside ASCII. */
static inline uint64_t rmq_bytes_or(const uint8_t *s, size_t n)
{
    uint64_t any = 0, w;
#if defined(__SSE2__)
    if (n >= 16) {
        __m128i acc = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        for (size_t i = 0; i + 16 < n; i += 16)
            acc = _mm_or_si128(acc, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        return _mm_movemask_epi8(acc) ? 0x80u : 0; /* a high bit where some byte had one */
    }
#endif
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&w, s + i, 8);
            any |= w;
        }
        memcpy(&w, s + n - 8, 8);
        return any | w;
    }
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        return x | y;
    }
    return n ? (uint64_t)(s[0] | s[n >> 1] | s[n - 1]) : 0;
}

#define RMQ_HIGH_BITS 0x8080808080808080ull

static inline bool rmq_utf8_valid(const uint8_t *s, size_t n, size_t *bad_at)
{
    return (rmq_bytes_or(s, n) & RMQ_HIGH_BITS) == 0 || rmq_utf8_check(s, n, bad_at);
}

/* Copy s to dst replacing malformed runs as Java does; dst needs 3 * n bytes.
 * Returns bytes written. */
size_t rmq_utf8_repair(const uint8_t *s, size_t n, uint8_t *dst);

/* Append code point cp as UTF-8 (cp <= 0x10FFFF); returns bytes written (1..4). */
size_t rmq_utf8_put(uint8_t *dst, uint32_t cp);

#endif
