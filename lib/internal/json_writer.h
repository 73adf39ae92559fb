/* fastjson-compatible JSON output pieces (SPEC §2.1–2.2). */
#ifndef RMQ_INTERNAL_JSON_WRITER_H
#define RMQ_INTERNAL_JSON_WRITER_H

#include "bytes.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bytes that may need escaping (controls, '"', '\\', DEL, leads of U+0080..9F and U+2028/9). */
extern const uint8_t rmq_jw_attention[256];

/* Any string, through the block writer and the counting writer. */
void rmq_jw_string_any(rmq_writer *w, const char *s, size_t len);

#if defined(__GNUC__)
#define RMQ_JW_INLINE static inline __attribute__((always_inline))
#else
#define RMQ_JW_INLINE static inline
#endif

/* Bit 7 set in each byte of w below 0x20, '"', '\\', DEL or >= 0x80 (then a byte may
 * need attention); the borrows and carries of neighbouring bytes only ever add bits
 * next to a byte that is already flagged. */
RMQ_JW_INLINE uint64_t attention8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b) | (w + ones) | w;
}

/* p[0..n), n <= 16, is ASCII and holds no byte that needs attention: non-ASCII strings
 * take rmq_jw_string_any, which checks their UTF-8. The bytes are gathered with loads
 * that stay inside p[0..n) (overlapping halves; first, middle and last for n < 4, the
 * rest of the word a plain 'A'). */
RMQ_JW_INLINE bool plain_short(const uint8_t *p, size_t n)
{
    uint64_t a, b;
    uint32_t x, y;
    if (n >= 8) {
        memcpy(&a, p, 8);
        memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        a = (uint64_t)x << 32 | y;
        b = a;
    } else if (n) {
        a = 0x4141414141000000ull | p[0] | (uint64_t)p[n >> 1] << 8 | (uint64_t)p[n - 1] << 16;
        b = a;
    } else {
        return true;
    }
#if defined(__SSE2__)
    /* the constants fold into the compares as memory operands: no 64-bit immediates */
    __m128i v = _mm_set_epi64x((long long)b, (long long)a);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v),
                                            _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
                               _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    return _mm_movemask_epi8(_mm_or_si128(hit, v)) == 0;
#else
    return ((attention8(a) | attention8(b)) & 0x8080808080808080ull) == 0;
#endif
}

/* p[0..n), 16 < n <= 64, is plain in the sense of plain_short: whole blocks, the last
 * one overlapping the one before it. */
RMQ_JW_INLINE bool plain_medium(const uint8_t *p, size_t n)
{
#if defined(__SSE2__)
    __m128i any = _mm_setzero_si128();
    for (size_t i = 0;; i = i + 16 < n - 16 ? i + 16 : n - 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        any = _mm_or_si128(any, _mm_or_si128(v, _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v),
                                                            _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)))));
        any = _mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
        if (i == n - 16) break;
    }
    return _mm_movemask_epi8(any) == 0;
#else
    uint64_t t = 0, w;
    for (size_t i = 0; i < n - 8; i += 8) {
        memcpy(&w, p + i, 8);
        t |= attention8(w);
    }
    memcpy(&w, p + n - 8, 8);
    return ((t | attention8(w)) & 0x8080808080808080ull) == 0;
#endif
}

/* A JSON string the way fastjson writes it by default (quotes included). Plain strings
 * up to 64 bytes, most keys and values, take one room check and no call. */
RMQ_JW_INLINE void rmq_jw_string(rmq_writer *w, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    uint8_t *room = len <= 64 ? rmq_writer_room(w, len + 2) : NULL;
    if (room && (len <= 16 ? plain_short(p, len) : plain_medium(p, len))) {
        room[0] = '"';
        rmq_copy(room + 1, p, len);
        room[len + 1] = '"';
        w->len += len + 2;
        return;
    }
    rmq_jw_string_any(w, s, len);
}

/* Whether `"key":"value"` can be written by rmq_jw_member_plain: both short and plain. */
RMQ_JW_INLINE bool rmq_jw_member_is_plain(const char *key, size_t klen, const char *value, size_t vlen)
{
    return klen <= 16 && vlen <= 16 && plain_short((const uint8_t *)key, klen) &&
           plain_short((const uint8_t *)value, vlen);
}

/* `"key":"value"` (after a ',' when `comma`) at room, which has klen + vlen + 6 bytes;
 * returns the bytes written. Only for members rmq_jw_member_is_plain accepts. */
RMQ_JW_INLINE size_t rmq_jw_member_plain(uint8_t *room, bool comma, const char *key, size_t klen, const char *value,
                                         size_t vlen)
{
    room[0] = ',';
    size_t o = comma;
    room[o] = '"';
    rmq_copy_small(room + o + 1, (const uint8_t *)key, klen);
    o += klen + 1;
    room[o] = '"';
    room[o + 1] = ':';
    room[o + 2] = '"';
    o += 3;
    rmq_copy_small(room + o, (const uint8_t *)value, vlen);
    o += vlen;
    room[o] = '"';
    return o + 1;
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
