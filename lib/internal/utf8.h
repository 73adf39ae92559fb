/* UTF-8 checks and Java's replacement of malformed input with U+FFFD. */
#ifndef RMQ_INTERNAL_UTF8_H
#define RMQ_INTERNAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Length of the unit at s[0..n): a valid character (*valid = true) or one
 * malformed run that Java replaces by a single U+FFFD (*valid = false). n >= 1.
 */
size_t rmq_utf8_unit(const uint8_t *s, size_t n, bool *valid);

/* rmq_utf8_valid for input that is not all ASCII. */
bool rmq_utf8_check(const uint8_t *s, size_t n, size_t *bad_at);

/*
 * True when all n bytes are valid UTF-8; otherwise *bad_at = first bad offset.
 * Header strings are short and nearly always ASCII: that case is settled inline.
 */
static inline bool rmq_utf8_valid(const uint8_t *s, size_t n, size_t *bad_at)
{
    uint8_t any = 0;
    for (size_t i = 0; i < n; i++) any |= s[i];
    return any < 0x80 || rmq_utf8_check(s, n, bad_at);
}

/* Copy s to dst replacing malformed runs as Java does; dst needs 3 * n bytes.
 * Returns bytes written. */
size_t rmq_utf8_repair(const uint8_t *s, size_t n, uint8_t *dst);

/* Append code point cp as UTF-8 (cp <= 0x10FFFF); returns bytes written (1..4). */
size_t rmq_utf8_put(uint8_t *dst, uint32_t cp);

#endif
