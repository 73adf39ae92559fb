/*
 * The JSON header as fastjson writes it (SPEC §2.1): no whitespace, known top-level
 * keys, integers, plain double-quoted strings, an extFields object of strings. One
 * pass, no tokens. Anything else — whitespace, unknown keys, nulls, non-strings,
 * bad escapes or UTF-8, duplicates, limits reached — is declined, and the general
 * reader (header_json.c) decodes the header from scratch, so results, notes,
 * errors and offsets are the general reader's by construction.
 */
#include "internal/arena.h"
#include "internal/ext_dups.h"
#include "internal/header_codec.h"
#include "internal/hex.h"
#include "internal/json_reader.h"
#include "internal/scan.h"
#include "internal/utf8.h"
#include "rmqwire/names.h"

#include <string.h>

/* the bytes `"?":` read big-endian, the second byte masked out */
#define KEY_ONE_CHAR ((uint32_t)'"' << 24 | (uint32_t)'"' << 8 | (uint32_t)':')
/* bytes that do not stand for themselves in a one-character key: '"', '\\' and non-ASCII */
static const bool key_char_special[256] = {
    ['"'] = 1, ['\\'] = 1,
#define R16(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1, [b + 4] = 1, [b + 5] = 1, [b + 6] = 1, [b + 7] = 1, \
               [b + 8] = 1, [b + 9] = 1, [b + 10] = 1, [b + 11] = 1, [b + 12] = 1, [b + 13] = 1, [b + 14] = 1, [b + 15] = 1
    R16(0x80), R16(0x90), R16(0xA0), R16(0xB0), R16(0xC0), R16(0xD0), R16(0xE0), R16(0xF0),
#undef R16
};
/* ext entries gathered on the stack; longer maps move to the arena and grow in place there */
#define CANON_EXT_FIRST 32
/* marks a string that still holds escapes, in its length, until it is unescaped */
#define ESCAPED_BIT RMQ_SCAN_ESCAPED

typedef struct canon {
    const uint8_t *s;
    size_t n;
    size_t pos;
    size_t max_string;
    const rmq_limits *lim;
    bool entries_on_top; /* the ext entries grow in place at the arena's top */
} canon;

/* A double-quoted string at pos: *out spans its raw bytes; ESCAPED_BIT set in out->len
 * when it holds escapes. False when it is not a plain, valid, short enough string. */
#if defined(__GNUC__)
#define CANON_INLINE static inline __attribute__((always_inline))
#else
#define CANON_INLINE static inline
#endif

CANON_INLINE bool canon_string(canon *c, rmq_str *out)
{
    return rmq_scan_plain_string(c->s, c->n, &c->pos, c->max_string, out);
}

/* An int32 field: at most 11 digits, the general reader's rules otherwise (it decides the rest). */
CANON_INLINE bool canon_int32(canon *c, int32_t *v)
{
    int64_t w;
    if (!rmq_scan_plain_integer(c->s, c->n, &c->pos, 11, INT32_MIN, INT32_MAX, &w)) return false;
    *v = (int32_t)w;
    return true;
}

/*
 * The rest of a string whose first escape is at s[j] (its text starts at `start`),
 * unescaped while it is scanned, into the arena. The escapes fastjson writes —
 * \u00XX below U+0080 and the one-letter forms — are decoded here; at any other the
 * string is scanned to its end and the general unescaper decodes it whole.
 */
static bool canon_escaped(const canon *c, size_t *pos, rmq_arena *arena, size_t start, size_t j, uint8_t high,
                          rmq_str *out)
{
    static const uint8_t one_letter[256] = {
        ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['\''] = '\'', ['b'] = 0x08, ['f'] = 0x0C,
        ['n'] = 0x0A, ['r'] = 0x0D, ['t'] = 0x09, ['v'] = 0x0B,
    };
    const uint8_t *s = c->s;
    /* a string unescaped after the entries would pin them: declined, and the general
     * reader decodes this rare header (over CANON_EXT_FIRST entries and escapes) */
    if (c->entries_on_top) return false;
    /* escapes never lengthen a string, and a longer one than max_string is declined:
     * the text fits in `room`, and no scan goes past start + room */
    size_t room = c->n - start < c->max_string ? c->n - start : c->max_string, limit = start + room;
    if (j >= limit) return false; /* longer than max_string already */
    uint8_t *dst = rmq_arena_alloc_quick(arena, room + RMQ_UNESCAPE_SLACK, 1);
    if (!dst) return false;
    memcpy(dst, s + start, j - start);
    size_t o = j - start, end;
    for (;;) {
        /* s[j] is a backslash */
        if (limit - j < 2) return false;
        uint8_t e = s[j + 1];
        unsigned hi, lo;
        if (e == 'u' && limit - j >= 6 && s[j + 2] == '0' && s[j + 3] == '0' &&
            (hi = rmq_hex_plus_one[s[j + 4]] - 1u) < 8 && (lo = rmq_hex_plus_one[s[j + 5]] - 1u) < 16) {
            dst[o++] = (uint8_t)(hi << 4 | lo); /* \u00XX below U+0080 */
            j += 6;
        } else if (one_letter[e]) {
            dst[o++] = one_letter[e];
            j += 2;
        } else {
            goto general;
        }
        size_t k = rmq_copy_until_quote_or_backslash(s, j, limit, dst + o, &high);
        o += k - j;
        j = k;
        if (j >= limit) return false;
        if (s[j] == '"') break;
    }
    end = j;
    goto done;
general:
    /* a rarer escape (\x, octal, a surrogate pair…): find the end, then unescape from the start */
    for (end = j;;) {
        if (limit - end < 2) return false;
        end = rmq_scan_quote_or_backslash(s, end + 2, limit, &high);
        if (end >= limit) return false;
        if (s[end] == '"') break;
    }
    if (high && !rmq_utf8_check(s + start, end - start, NULL)) return false;
    rmq_jreader jr;
    rmq_jr_init(&jr, s, c->n, 0, c->lim, NULL);
    if (rmq_jr_unescape(&jr, start, end, true, dst, &o)) return false;
    high = 0;
done:
    if (high && !rmq_utf8_check(s + start, end - start, NULL)) return false;
    rmq_arena_trim_quick(arena, dst, room + RMQ_UNESCAPE_SLACK, o);
    *pos = end + 1;
    out->ptr = (const char *)dst;
    out->len = o;
    return true;
}

/* A string at pos as Java reads it: in place when it holds no escape, else unescaped
 * into the arena. False when it is not a plain, valid, short enough string. */
CANON_INLINE bool canon_text(const canon *c, size_t *pos, rmq_arena *arena, rmq_str *out)
{
    const uint8_t *s = c->s;
    size_t n = c->n, i = *pos;
    if (i >= n || s[i] != '"') return false;
    size_t start = ++i;
    /* one plain ASCII character, as every SEND_MESSAGE_V2 key is */
    if (n - i >= 2 && s[i + 1] == '"' && s[i] != '\\' && s[i] != '"' && s[i] < 0x80) {
        *pos = i + 2;
        out->ptr = (const char *)s + i;
        out->len = 1;
        return c->max_string >= 1;
    }
    uint8_t high = 0;
    i = rmq_scan_quote_or_backslash(s, i, n, &high);
    if (i >= n) return false;
    if (s[i] == '\\') return canon_escaped(c, pos, arena, start, i, high, out);
    size_t len = i - start;
    if (len > c->max_string) return false;
    if (high && !rmq_utf8_check(s + start, len, NULL)) return false;
    *pos = i + 1;
    out->ptr = (const char *)s + start;
    out->len = len;
    return true;
}

/* Room for more entries: off the stack into the arena, then grown in place there
 * (moved only when the arena had to take a new chunk). */
static bool canon_grow(canon *c, rmq_arena *arena, rmq_ext_field **f, bool *on_stack, size_t count, size_t *cap)
{
    /* the rest of the header holds at most one entry per 6 bytes ("":"",) */
    size_t more = (c->n - c->pos) / 6 + 1, want = *cap < more ? *cap : more;
    size_t size = sizeof **f;
    if (*on_stack || !rmq_arena_extend(arena, *f, *cap * size, (*cap + want) * size)) {
        rmq_ext_field *moved = rmq_arena_alloc(arena, (*cap + want) * size, _Alignof(rmq_ext_field));
        if (!moved) return false;
        memcpy(moved, *f, count * size);
        *f = moved;
        *on_stack = false;
        c->entries_on_top = true;
    }
    *cap += want;
    return true;
}

/* The extFields object at pos ('{'). */
static bool canon_ext(canon *c, rmq_arena *arena, rmq_command *cmd)
{
    rmq_ext_field stack[CANON_EXT_FIRST], *f = stack;
    size_t count = 0, cap = CANON_EXT_FIRST;
    bool on_stack = true;
    /* (length, first byte) filter over the unescaped keys: keys that pass it distinct
     * need no full duplicate check */
    uint64_t seen = 0;
    bool maybe_dup = false;
    c->pos++;
    if (c->pos < c->n && c->s[c->pos] == '}') {
        c->pos++;
    } else {
        const uint8_t *s = c->s;
        size_t n = c->n, pos = c->pos, max_fields = c->lim->max_ext_fields;
        bool short_keys = c->max_string >= 1;
        for (;;) {
            if (count == cap) {
                c->pos = pos;
                if (!canon_grow(c, arena, &f, &on_stack, count, &cap)) return false;
            }
            rmq_ext_field *e = &f[count];
            /* `"k":` with one plain ASCII character k, as every SEND_MESSAGE_V2 key is */
            uint32_t w = n - pos >= 5 ? rmq_load_be32(s + pos) : 0;
            uint8_t k = (uint8_t)(w >> 16);
            uint64_t bit;
            if ((w & 0xFF00FFFFu) == KEY_ONE_CHAR && !key_char_special[k] && short_keys) {
                e->key = (rmq_str){(const char *)s + pos + 1, 1};
                pos += 4;
                bit = (uint64_t)1 << ((31u + k) & 63u);
            } else {
                if (!canon_text(c, &pos, arena, &e->key) || pos >= n || s[pos] != ':') return false;
                pos++;
                /* an empty key's ptr is its closing quote: still a byte to read */
                bit = (uint64_t)1 << ((e->key.len * 31u + (uint8_t)e->key.ptr[0]) & 63u);
            }
            if (!canon_text(c, &pos, arena, &e->value)) return false;
            maybe_dup |= (seen & bit) != 0;
            seen |= bit;
            if (++count > max_fields || pos >= n) return false;
            uint8_t sep = s[pos++];
            if (sep == '}') break;
            if (sep != ',') return false;
        }
        c->pos = pos;
    }
    /* exactly the entries read: never more arena than the general reader needs */
    if (!on_stack) {
        rmq_arena_trim_quick(arena, f, cap * sizeof *f, count * sizeof *f);
    } else if (count) {
        rmq_ext_field *kept = rmq_arena_alloc_quick(arena, count * sizeof *f, _Alignof(rmq_ext_field));
        if (!kept) return false;
        memcpy(kept, stack, count * sizeof *f);
        f = kept;
    }
    size_t dup = count;
    if (maybe_dup && (rmq_ext_first_duplicate(f, count, arena, &dup) || dup < count)) return false;
    cmd->has_ext = true;
    cmd->ext = count ? f : NULL;
    cmd->ext_count = count;
    return true;
}

enum canon_key { C_CODE, C_EXT, C_FLAG, C_LANGUAGE, C_OPAQUE, C_REMARK, C_SERIALIZE, C_VERSION, C_NONE };

/* The key at pos, with its quotes and the ':' after it. */
CANON_INLINE enum canon_key canon_key(canon *c)
{
    const uint8_t *s = c->s + c->pos;
    size_t left = c->n - c->pos;
    /* the general reader holds keys to max_string too: "k": is 3 bytes more than the key */
#define KEY(lit, k) \
    if (left >= sizeof(lit) && memcmp(s, lit, sizeof(lit) - 1) == 0 && sizeof(lit) - 4 <= c->max_string) { \
        c->pos += sizeof(lit) - 1; \
        return k; \
    }
    if (left < 2 || s[0] != '"') return C_NONE;
    switch (s[1]) {
    case 'c': KEY("\"code\":", C_CODE) break;
    case 'e': KEY("\"extFields\":", C_EXT) break;
    case 'f': KEY("\"flag\":", C_FLAG) break;
    case 'l': KEY("\"language\":", C_LANGUAGE) break;
    case 'o': KEY("\"opaque\":", C_OPAQUE) break;
    case 'r': KEY("\"remark\":", C_REMARK) break;
    case 's': KEY("\"serializeTypeCurrentRPC\":", C_SERIALIZE) break;
    case 'v': KEY("\"version\":", C_VERSION) break;
    default: break;
    }
#undef KEY
    return C_NONE;
}

static bool canon_language(canon *c, int32_t *lang)
{
    rmq_str name;
    if (!canon_string(c, &name) || (name.len & ESCAPED_BIT)) return false;
    if (name.len == 4 && memcmp(name.ptr, "JAVA", 4) == 0) {
        *lang = RMQ_LANG_JAVA;
        return true;
    }
    int32_t v = rmq_language_from_name(name.ptr, name.len, c->lim->release);
    if (v < 0) return false;
    *lang = v;
    return true;
}

CANON_INLINE bool canon_member(canon *c, enum canon_key k, rmq_arena *arena, rmq_command *cmd)
{
    rmq_str ignored;
    switch (k) {
    case C_CODE: return canon_int32(c, &cmd->code);
    case C_FLAG: return canon_int32(c, &cmd->flag);
    case C_OPAQUE: return canon_int32(c, &cmd->opaque);
    case C_VERSION: return canon_int32(c, &cmd->version);
    case C_LANGUAGE: return canon_language(c, &cmd->language);
    case C_REMARK: return canon_text(c, &c->pos, arena, &cmd->remark);
    /* the frame's type wins; an escape Java's lexer would check is left to the general reader */
    case C_SERIALIZE: return canon_string(c, &ignored) && !(ignored.len & ESCAPED_BIT);
    case C_EXT: return c->pos < c->n && c->s[c->pos] == '{' && canon_ext(c, arena, cmd);
    default: return false;
    }
}

bool rmq_json_header_decode_canonical(const uint8_t *h, size_t n, const rmq_limits *lim, rmq_arena *arena,
                                      rmq_command *cmd)
{
    canon c = {h, n, 0, lim->max_string, lim, false};
    if (n < 2 || h[0] != '{') return false;
    c.pos = 1;
    uint32_t seen = 0;
    for (;;) {
        enum canon_key k = canon_key(&c);
        if (k == C_NONE || (seen & (1u << k))) return false;
        seen |= 1u << k;
        if (!canon_member(&c, k, arena, cmd) || c.pos >= n) return false;
        uint8_t sep = h[c.pos++];
        if (sep == '}') break;
        if (sep != ',') return false;
    }
    return c.pos == n && (seen & (1u << C_OPAQUE));
}
