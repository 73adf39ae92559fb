#include "json_writer.h"
#include "utf8.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char hex_upper[] = "0123456789ABCDEF";

/* bytes that may need escaping: controls, '"', '\\', DEL, and the leads of U+0080..9F, U+2028/9 */
const uint8_t rmq_jw_attention[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1, [0x7F] = 1, [0xC2] = 1, [0xE2] = 1,
};

/* What fastjson writes for each control character, padded to 8 bytes for one store,
 * and its length. */
typedef struct control_escape {
    char text[8];
    uint8_t len;
} control_escape;

#define HEX_DIGIT(d) ((d) < 10 ? '0' + (d) : 'A' + (d) - 10)
#define U00(x) {{'\\', 'u', '0', '0', '0' + ((x) >> 4), HEX_DIGIT((x) & 15), 0, 0}, 6}
static const control_escape control_escapes[32] = {
    U00(0x00), U00(0x01), U00(0x02), U00(0x03), U00(0x04), U00(0x05), U00(0x06), U00(0x07),
    {"\\b", 2}, {"\\t", 2}, {"\\n", 2}, U00(0x0B), {"\\f", 2}, {"\\r", 2}, U00(0x0E), U00(0x0F),
    U00(0x10), U00(0x11), U00(0x12), U00(0x13), U00(0x14), U00(0x15), U00(0x16), U00(0x17),
    U00(0x18), U00(0x19), U00(0x1A), U00(0x1B), U00(0x1C), U00(0x1D), U00(0x1E), U00(0x1F),
};
#undef U00
#undef HEX_DIGIT

/*
 * p[i] needs attention: write what fastjson writes for it into d (at most 6
 * bytes); *used = input bytes consumed. Returns bytes written.
 */
static size_t escape_at(const uint8_t *p, size_t i, size_t len, uint8_t *d, size_t *used)
{
    uint8_t c = p[i];
    unsigned esc;
    char short_esc = 0;
    if (c < 0x20) {
        *used = 1;
        memcpy(d, control_escapes[c].text, control_escapes[c].len);
        return control_escapes[c].len;
    }
    if (c == '"' || c == '\\' || c == 0x7F) {
        *used = 1;
        esc = c;
        if (c != 0x7F) short_esc = (char)c;
    } else if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
        *used = 2; /* U+0080..U+009F */
        esc = p[i + 1];
    } else if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
        *used = 3; /* U+2028, U+2029 */
        esc = 0x2000u | (p[i + 2] == 0xA8 ? 0x28u : 0x29u);
    } else {
        *used = 1; /* a lead byte of something else: as it is */
        d[0] = c;
        return 1;
    }
    d[0] = '\\';
    if (short_esc) {
        d[1] = (uint8_t)short_esc;
        return 2;
    }
    d[1] = 'u';
    d[2] = (uint8_t)hex_upper[(esc >> 12) & 15];
    d[3] = (uint8_t)hex_upper[(esc >> 8) & 15];
    d[4] = (uint8_t)hex_upper[(esc >> 4) & 15];
    d[5] = (uint8_t)hex_upper[esc & 15];
    return 6;
}


/* Room one step needs at most: a 16-byte store, or up to 16 plain bytes, then one
 * escape stored as 8 bytes (control_escape). */
#define BLOCK_WORST (16 + 8)


/*
 * Writes s[i..len) straight into the buffer while BLOCK_WORST bytes of room are
 * left: 16 bytes per step while none needs attention. Returns where it stopped.
 */
static size_t jw_string_direct(rmq_writer *w, const uint8_t *p, size_t i, size_t len)
{
    uint8_t *buf = w->buf;
    size_t o = w->len, cap = w->cap;
    if (o > cap) return i;
#if defined(__SSE2__)
    const __m128i below_space = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
#endif
    while (i < len && cap - o >= BLOCK_WORST) {
#if defined(__SSE2__)
        if (len - i >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v),
                                       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                    _mm_or_si128(_mm_cmpeq_epi8(v, del),
                                                                 _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)))));
            unsigned mask = (unsigned)_mm_movemask_epi8(hit);
            /* the whole block is stored; only the bytes before the first attention byte count */
            _mm_storeu_si128((__m128i *)(void *)(buf + o), v);
            unsigned k = mask ? (unsigned)__builtin_ctz(mask) : 16u;
            o += k;
            i += k;
            if (!mask) continue;
        } else
#endif
        {
            size_t end = len - i > 16 ? i + 16 : len;
            while (i < end && !rmq_jw_attention[p[i]]) buf[o++] = p[i++];
            if (i >= end) continue;
        }
        if (p[i] < 0x20) { /* the common escape (property separators) without a call */
            memcpy(buf + o, control_escapes[p[i]].text, 8);
            o += control_escapes[p[i]].len;
            i++;
            continue;
        }
        size_t used;
        o += escape_at(p, i, len, buf + o, &used);
        i += used;
    }
    w->len = o;
    return i;
}

void rmq_jw_string_any(rmq_writer *w, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    /* the inline path takes only ASCII, so every non-ASCII string is checked here */
    if (!rmq_utf8_valid(p, len, NULL)) rmq_writer_note_bad_utf8(w);
    rmq_write_u8(w, '"');
    size_t i = jw_string_direct(w, p, 0, len);
    /* what did not fit (or w only counts): the same bytes through the counting writer */
    size_t run = i; /* start of the pending run of bytes written as they are */
    while (i < len) {
        while (i < len && !rmq_jw_attention[p[i]]) i++;
        if (i >= len) break;
        rmq_write_bytes(w, p + run, i - run);
        uint8_t e[6];
        size_t used, n = escape_at(p, i, len, e, &used);
        rmq_write_bytes(w, e, n);
        i += used;
        run = i;
    }
    rmq_write_bytes(w, p + run, len - run);
    rmq_write_u8(w, '"');
}

void rmq_jw_int_any(rmq_writer *w, int64_t v)
{
    char tmp[24];
    size_t n = rmq_jw_digits(tmp, v);
    rmq_write_bytes(w, tmp, n);
}

void rmq_jw_raw(rmq_writer *w, const char *text) { rmq_write_bytes(w, text, strlen(text)); }
