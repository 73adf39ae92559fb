/* Java's number and boolean parsing of header text, written once for every decoder. */
#ifndef RMQ_INTERNAL_JAVA_NUMBER_H
#define RMQ_INTERNAL_JAVA_NUMBER_H

#include "rmqwire/common.h"

#include <string.h>

/* Integer.parseInt / Long.parseLong: an optional sign (+ or -), then ASCII digits only,
 * the value within [lo, hi]. Inline: typed headers parse several per decode. */
static inline bool rmq_java_parse_long(rmq_str t, int64_t lo, int64_t hi, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (!t.ptr || t.len == 0) return false;
    if (t.ptr[0] == '-' || t.ptr[0] == '+') {
        neg = t.ptr[0] == '-';
        i = 1;
        if (t.len == 1) return false;
    }
    uint64_t limit = neg ? (uint64_t)(-(lo + 1)) + 1 : (uint64_t)hi, acc = 0;
    /* up to 18 digits cannot overflow 64 bits: the range is checked once at the end */
    size_t fast_end = t.len - i > 18 ? i + 18 : t.len;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (fast_end - i >= 8) { /* eight ASCII digits at once (timestamps, offsets) */
        uint64_t w;
        memcpy(&w, t.ptr + i, 8);
        uint64_t low = w - 0x3030303030303030ull;
        /* every byte in '0'..'9': the high nibble is 3 and adding 6 does not carry into it */
        if ((w & 0xF0F0F0F0F0F0F0F0ull) != 0x3030303030303030ull ||
            ((w + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) != 0x3030303030303030ull)
            return false;
        low = (low * 10 + (low >> 8)) & 0x00FF00FF00FF00FFull;
        low = (low * 100 + (low >> 16)) & 0x0000FFFF0000FFFFull;
        low = (low * 10000 + (low >> 32)) & 0xFFFFFFFFull;
        acc = acc * 100000000u + low;
        i += 8;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (fast_end - i >= 4) { /* four more at once */
        uint32_t w;
        memcpy(&w, t.ptr + i, 4);
        if ((w & 0xF0F0F0F0u) != 0x30303030u || ((w + 0x06060606u) & 0xF0F0F0F0u) != 0x30303030u) return false;
        uint32_t low = w - 0x30303030u;
        low = (low * 10 + (low >> 8)) & 0x00FF00FFu;
        low = (low * 100 + (low >> 16)) & 0xFFFFu;
        acc = acc * 10000u + low;
        i += 4;
    }
#endif
    for (; i < fast_end; i++) {
        unsigned d = (unsigned)(uint8_t)t.ptr[i] - '0';
        if (d > 9) return false;
        acc = acc * 10 + d;
    }
    for (; i < t.len; i++) {
        unsigned d = (unsigned)(uint8_t)t.ptr[i] - '0';
        if (d > 9 || acc > (limit - d) / 10) return false;
        acc = acc * 10 + d;
    }
    if (acc > limit) return false;
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return true;
}

/* Boolean.parseBoolean: "true" in any case is true, everything else false. */
static inline bool rmq_java_parse_boolean(rmq_str t)
{
    static const char want[] = "true";
    if (!t.ptr || t.len != 4) return false;
    for (size_t i = 0; i < 4; i++) {
        char c = t.ptr[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != want[i]) return false;
    }
    return true;
}

/* BigDecimal.intValue of a JSON number with a fraction or an exponent (fastjson's
 * IntegerCodec): truncated toward zero, low 32 bits; outside scale +-100 only an exact zero
 * (intValueExact). False when the text is no number Java reads. */
bool rmq_java_decimal_int(const uint8_t *t, size_t n, int32_t *out);

/* A JSON number's text as Java's String of it (fastjson's StringCodec): an integer as it
 * stands, a fraction or exponent as BigDecimal.toString ("1e2" is "1E+2", "-0.0" is "0.0").
 * Writes to dst when not NULL (at most n + 8 bytes); returns the length, 0 when Java fails. */
size_t rmq_java_number_text(const uint8_t *t, size_t n, uint8_t *dst);

/* Double.toString / Float.toString of a number read with a D / F suffix (fastjson makes a
 * Double or Float of it where it wants an Object), for the values whose digits come back
 * as written (at most 15 / 6 significant digits, away from the subnormal and infinite ends):
 * "102" is "102.0", "1e7" is "1.0E7". Returns the length (at most 32; written to dst when
 * not NULL), 0 outside that range. */
size_t rmq_java_float_text(const uint8_t *t, size_t n, bool is_float, uint8_t *dst);

/* TypeUtils.castToInt of a String: commas dropped, a ".000" end cut, then Integer.parseInt. */
bool rmq_java_cast_int(const uint8_t *t, size_t n, int32_t *out);

/* TypeUtils.castToLong of a String (a Long map key given quoted): commas dropped, Long.parseLong. */
bool rmq_java_cast_long(const uint8_t *t, size_t n, int64_t *out);

#endif
