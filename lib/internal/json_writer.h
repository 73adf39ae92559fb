/* fastjson-compatible JSON output pieces (SPEC §2.1–2.2). */
#ifndef RMQ_INTERNAL_JSON_WRITER_H
#define RMQ_INTERNAL_JSON_WRITER_H

#include "bytes.h"

#include <string.h>

/* Bytes that may need escaping (controls, '"', '\\', DEL, leads of U+0080..9F and U+2028/9). */
extern const uint8_t rmq_jw_attention[256];

/* Any string, through the block writer and the counting writer. */
void rmq_jw_string_any(rmq_writer *w, const char *s, size_t len);

/* No byte of w is below 0x20, '"', '\\', DEL or >= 0x80 (then a byte may need attention). */
static inline bool plain8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\'), d = w ^ (ones * 0x7F);
    uint64_t t = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d) | w;
    return (t & highs) == 0;
}

/* p[0..n), n <= 16, is ASCII and holds no byte that needs attention: non-ASCII strings
 * take rmq_jw_string_any, which checks their UTF-8. */
static inline bool plain_short(const uint8_t *p, size_t n)
{
    uint64_t a, b;
    uint32_t x, y;
    if (n >= 8) {
        memcpy(&a, p, 8);
        memcpy(&b, p + n - 8, 8);
        return plain8(a) && plain8(b);
    }
    if (n >= 4) {
        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        return plain8(((uint64_t)x << 32 | y));
    }
    return n == 0 || !(rmq_jw_attention[p[0]] | rmq_jw_attention[p[n >> 1]] | rmq_jw_attention[p[n - 1]] |
                       ((p[0] | p[n >> 1] | p[n - 1]) & 0x80));
}

/* A JSON string the way fastjson writes it by default (quotes included). Short plain
 * strings, most keys and values, take one room check and no call. */
static inline void rmq_jw_string(rmq_writer *w, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    uint8_t *room = len <= 16 ? rmq_writer_room(w, len + 2) : NULL;
    if (room && plain_short(p, len)) {
        room[0] = '"';
        rmq_copy_small(room + 1, p, len);
        room[len + 1] = '"';
        w->len += len + 2;
        return;
    }
    rmq_jw_string_any(w, s, len);
}

/* v in decimal at d (room for 20 bytes); returns the length. */
static inline size_t rmq_jw_digits(char *d, int64_t v)
{
    char tmp[20];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0) d[k++] = '-';
    memcpy(d + k, tmp + sizeof tmp - n, n);
    return k + n;
}

void rmq_jw_int_any(rmq_writer *w, int64_t v);

/* A decimal integer (no exponent, '-' for negatives). */
static inline void rmq_jw_int(rmq_writer *w, int64_t v)
{
    uint8_t *room = rmq_writer_room(w, 20);
    if (!room) {
        rmq_jw_int_any(w, v);
        return;
    }
    if (v >= 0 && v < 10) { /* flags and small codes */
        room[0] = (uint8_t)('0' + v);
        w->len++;
        return;
    }
    w->len += rmq_jw_digits((char *)room, v);
}

/* A literal ASCII text. */
void rmq_jw_raw(rmq_writer *w, const char *text);

#endif
