#include "utf8.h"

#include <string.h>

static bool is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }

/*
 * Mirrors JDK 17's String(byte[], UTF_8) and its CharsetDecoder: malformed runs are
 * the "maximal subpart" of Unicode §3.9, except that a lead 0xED takes any
 * continuation byte and a complete encoded surrogate (ED A0..BF xx) is one
 * malformed run of three bytes.
 */
size_t rmq_utf8_unit(const uint8_t *s, size_t n, bool *valid)
{
    uint8_t b = s[0];
    *valid = false;
    if (b < 0x80) {
        *valid = true;
        return 1;
    }
    size_t need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) need = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        if (b == 0xE0) lo = 0xA0;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else return 1;

    if (n < 2 || s[1] < lo || s[1] > hi) return 1;
    size_t i = 2;
    while (i < need) {
        if (i >= n || !is_cont(s[i])) return i;
        i++;
    }
    if (b == 0xED && s[1] >= 0xA0) return 3; /* a surrogate: malformed as a whole */
    *valid = true;
    return need;
}

bool rmq_utf8_check(const uint8_t *s, size_t n, size_t *bad_at)
{
    size_t i = 0;
    while (i < n) {
        /* headers are mostly ASCII: test eight bytes at a time */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        bool ok;
        size_t k = rmq_utf8_unit(s + i, n - i, &ok);
        if (!ok) {
            if (bad_at) *bad_at = i;
            return false;
        }
        i += k;
    }
    return true;
}

size_t rmq_utf8_repair(const uint8_t *s, size_t n, uint8_t *dst)
{
    size_t i = 0, o = 0;
    while (i < n) {
        bool ok;
        size_t k = rmq_utf8_unit(s + i, n - i, &ok);
        if (ok) {
            memcpy(dst + o, s + i, k);
            o += k;
        } else {
            o += rmq_utf8_put(dst + o, 0xFFFD);
        }
        i += k;
    }
    return o;
}

size_t rmq_utf8_put(uint8_t *dst, uint32_t cp)
{
    if (cp < 0x80) {
        dst[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (uint8_t)(0xC0 | (cp >> 6));
        dst[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (uint8_t)(0xE0 | (cp >> 12));
        dst[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (uint8_t)(0xF0 | (cp >> 18));
    dst[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}
