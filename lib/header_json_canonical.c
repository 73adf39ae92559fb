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

/* ext entries reserved at first; longer maps grow in place in the arena */
#define CANON_EXT_FIRST 32
/* marks a string that still holds escapes, in its length, until it is unescaped */
#define ESCAPED_BIT RMQ_SCAN_ESCAPED

typedef struct canon {
    const uint8_t *s;
    size_t n;
    size_t pos;
    size_t max_string;
    const rmq_limits *lim;
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

/* The escapes fastjson writes: \u00XX for control characters and the one-letter
 * forms. False at anything else, which the general unescaper then handles. */
static bool unescape_common(const uint8_t *s, size_t i, size_t b, uint8_t *dst, size_t *out_len)
{
    static const uint8_t one_letter[256] = {
        ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['\''] = '\'', ['b'] = 0x08, ['f'] = 0x0C,
        ['n'] = 0x0A, ['r'] = 0x0D, ['t'] = 0x09, ['v'] = 0x0B,
    };
    size_t o = 0;
    for (;;) {
        size_t j = rmq_copy_until_backslash(s, i, b, dst + o);
        o += j - i;
        if (j >= b) break;
        uint8_t e = s[j + 1];
        if (e == 'u') {
            if (b - j < 6 || s[j + 2] != '0' || s[j + 3] != '0') return false;
            unsigned hi = rmq_hex_plus_one[s[j + 4]] - 1u, lo = rmq_hex_plus_one[s[j + 5]] - 1u;
            if (hi >= 8 || lo >= 16) return false; /* U+0080 and up become two bytes: general path */
            dst[o++] = (uint8_t)(hi << 4 | lo);
            i = j + 6;
        } else if (one_letter[e]) {
            dst[o++] = one_letter[e];
            i = j + 2;
        } else {
            return false;
        }
    }
    *out_len = o;
    return true;
}

/* Unescape every ESCAPED_BIT string in place into the arena (the escapes were scanned,
 * not checked: a bad one declines). */
static bool canon_unescape(canon *c, rmq_arena *arena, rmq_str *str)
{
    if (!(str->len & ESCAPED_BIT)) return true;
    size_t len = str->len & ~ESCAPED_BIT;
    size_t a = (size_t)((const uint8_t *)str->ptr - c->s);
    /* valid escapes never make a string longer */
    uint8_t *dst = rmq_arena_alloc(arena, len + RMQ_UNESCAPE_SLACK, 1);
    if (!dst) return false;
    size_t out;
    if (!unescape_common(c->s, a, a + len, dst, &out)) {
        /* a rarer escape (\x, octal, a surrogate pair…): the general unescaper, from the start */
        rmq_jreader jr;
        rmq_jr_init(&jr, c->s, c->n, 0, c->lim, NULL);
        if (rmq_jr_unescape(&jr, a, a + len, true, dst, &out)) return false;
    }
    str->ptr = (const char *)dst;
    str->len = out;
    return true;
}

/* Room for more entries: grown in place while nothing else is allocated during the walk. */
static bool canon_grow(canon *c, rmq_arena *arena, rmq_ext_field **f, size_t count, size_t *cap)
{
    /* the rest of the header holds at most one entry per 6 bytes ("":"",) */
    size_t more = (c->n - c->pos) / 6 + 1, want = *cap < more ? *cap : more;
    if (!want) want = 1;
    size_t size = sizeof **f;
    if (!rmq_arena_extend(arena, *f, *cap * size, (*cap + want) * size)) {
        rmq_ext_field *moved = rmq_arena_alloc(arena, (*cap + want) * size, _Alignof(rmq_ext_field));
        if (!moved) return false;
        if (count) memcpy(moved, *f, count * size);
        *f = moved;
    }
    *cap += want;
    return true;
}

/* The extFields object at pos ('{'). */
static bool canon_ext(canon *c, rmq_arena *arena, rmq_command *cmd)
{
    rmq_ext_field *f = NULL;
    size_t count = 0, cap = 0;
    bool escapes = false, key_escapes = false;
    /* (length, first byte) filter: keys that pass it distinct need no full duplicate check */
    uint64_t seen = 0;
    bool maybe_dup = false;
    c->pos++;
    if (c->pos < c->n && c->s[c->pos] == '}') {
        c->pos++;
    } else {
        const uint8_t *s = c->s;
        size_t n = c->n, pos = c->pos, max_string = c->max_string, max_fields = c->lim->max_ext_fields;
        /* reserved for the entries the rest of the header can hold, trimmed to the count below */
        cap = (n - pos) / 6 + 1;
        if (cap > CANON_EXT_FIRST) cap = CANON_EXT_FIRST;
        f = rmq_arena_alloc(arena, cap * sizeof *f, _Alignof(rmq_ext_field));
        if (!f) return false;
        for (;;) {
            if (count == cap) {
                c->pos = pos;
                if (!canon_grow(c, arena, &f, count, &cap)) return false;
            }
            rmq_ext_field *e = &f[count];
            if (!rmq_scan_plain_string(s, n, &pos, max_string, &e->key) || pos >= n || s[pos] != ':') return false;
            pos++;
            if (!rmq_scan_plain_string(s, n, &pos, max_string, &e->value)) return false;
            size_t klen = e->key.len;
            key_escapes |= (klen & ESCAPED_BIT) != 0;
            escapes |= ((klen | e->value.len) & ESCAPED_BIT) != 0;
            uint64_t bit = (uint64_t)1 << ((klen * 31u + (uint8_t)e->key.ptr[0]) & 63u);
            maybe_dup |= (seen & bit) != 0;
            seen |= bit;
            if (++count > max_fields || pos >= n) return false;
            uint8_t sep = s[pos++];
            if (sep == '}') break;
            if (sep != ',') return false;
        }
        c->pos = pos;
    }
    /* exactly the entries read stay: never more arena than the general reader needs */
    if (f) rmq_arena_trim(arena, f, cap * sizeof *f, count * sizeof *f);
    for (size_t i = 0; escapes && i < count; i++)
        if (((f[i].key.len | f[i].value.len) & ESCAPED_BIT) &&
            (!canon_unescape(c, arena, &f[i].key) || !canon_unescape(c, arena, &f[i].value)))
            return false;
    /* an escaped key may equal another only after unescaping: then the filter says nothing */
    size_t dup = count;
    if ((maybe_dup || key_escapes) && (rmq_ext_first_duplicate(f, count, arena, &dup) || dup < count)) return false;
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
    case C_REMARK: return canon_string(c, &cmd->remark) && canon_unescape(c, arena, &cmd->remark);
    case C_SERIALIZE: return canon_string(c, &ignored); /* the frame's type wins; its text is not read */
    case C_EXT: return c->pos < c->n && c->s[c->pos] == '{' && canon_ext(c, arena, cmd);
    default: return false;
    }
}

bool rmq_json_header_decode_canonical(const uint8_t *h, size_t n, const rmq_limits *lim, rmq_arena *arena,
                                      rmq_command *cmd)
{
    canon c = {h, n, 0, lim->max_string, lim};
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
