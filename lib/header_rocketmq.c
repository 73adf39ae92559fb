/* ROCKETMQ binary header (SPEC §3): RocketMQSerializable's layout. */
#include "internal/arena.h"
#include "internal/error_set.h"
#include "internal/header_codec.h"
#include "internal/utf8.h"
#include "rmqwire/names.h"

#include <string.h>

/* ext entries gathered on the stack; longer maps move to the arena and grow in place there */
#define EXT_ON_STACK 32

#if defined(__GNUC__)
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif

typedef struct rmq_hdr_ctx {
    const uint8_t *h;
    size_t base;
    size_t max_string;
    uint64_t high;      /* OR of every string's bytes: bit 7 set when one needs a UTF-8 check */
    bool per_string;    /* false while the whole ext region is known ASCII and within max_string */
    uint32_t leniency;
    uint32_t notes;
    rmq_arena *arena;
    rmq_error *err;
} rmq_hdr_ctx;

/* OR of the bytes p[0..n), n >= 1: sixteen bytes per step, the tail as overlapping loads. */
HOT uint64_t or_bytes(const uint8_t *p, size_t n)
{
    uint64_t any = 0, w;
    uint32_t h;
    uint16_t q;
    if (n >= 8) {
        size_t i = 0;
        for (uint64_t v; n - i > 16; i += 16) {
            memcpy(&w, p + i, 8);
            memcpy(&v, p + i + 8, 8);
            any |= w | v;
        }
        if (n - i > 8) {
            memcpy(&w, p + i, 8);
            any |= w;
        }
        memcpy(&w, p + n - 8, 8);
        any |= w;
    } else if (n >= 4) {
        memcpy(&h, p, 4);
        any = h;
        memcpy(&h, p + n - 4, 4);
        any |= h;
    } else if (n >= 2) {
        memcpy(&q, p, 2);
        any = q;
        memcpy(&q, p + n - 2, 2);
        any |= q;
    } else {
        any = p[0];
    }
    return any;
}

/* A bounds-checked string, in place; its UTF-8 is checked later (check_strings). */
HOT int take_string(rmq_hdr_ctx *cx, const uint8_t *p, size_t n, rmq_str *out)
{
    if (n == 0) {
        *out = RMQ_STR_NULL; /* Java's readStr: length 0 reads as null */
        return RMQ_OK;
    }
    if (cx->per_string) {
        if (n > cx->max_string) return rmq_fail(cx->err, RMQ_ERR_STRING_TOO_LONG, cx->base + (size_t)(p - cx->h), NULL);
        cx->high |= or_bytes(p, n);
    }
    out->ptr = (const char *)p;
    out->len = n;
    return RMQ_OK;
}

/* One string that is not all ASCII: valid, repaired into the arena, or RMQ_ERR_UTF8. */
static int check_string(rmq_hdr_ctx *cx, rmq_str *str)
{
    const uint8_t *p = (const uint8_t *)str->ptr;
    size_t n = str->len, bad;
    if (!p || rmq_utf8_check(p, n, &bad)) return RMQ_OK;
    if (!(cx->leniency & RMQ_LENIENT_RMQ_INVALID_UTF8))
        return rmq_fail(cx->err, RMQ_ERR_UTF8, cx->base + (size_t)(p - cx->h) + bad, NULL);
    uint8_t *dst = rmq_arena_alloc(cx->arena, 3 * n, 1);
    if (!dst) return rmq_fail(cx->err, RMQ_ERR_NO_MEMORY, cx->base + (size_t)(p - cx->h), NULL);
    str->ptr = (const char *)dst;
    str->len = rmq_utf8_repair(p, n, dst);
    cx->notes |= RMQ_NOTE_UTF8_REPLACED;
    return RMQ_OK;
}

/*
 * The UTF-8 of the remark and the first `count` entries, in wire order: run once
 * at the end, or before a later failure is reported, so the first failure on the
 * wire is the one reported. Nothing to do when every byte was ASCII.
 */
static int check_strings(rmq_hdr_ctx *cx, rmq_str *remark, rmq_ext_field *f, size_t count)
{
    if (!(cx->high & 0x8080808080808080ull)) return RMQ_OK;
    int rc = check_string(cx, remark);
    for (size_t i = 0; rc == RMQ_OK && i < count; i++)
        if ((rc = check_string(cx, &f[i].key)) == RMQ_OK) rc = check_string(cx, &f[i].value);
    return rc;
}

/* An entry starting at h[at] (inside h[0..end)): key length (int16), key, value length (int32), value. */
HOT int read_entry(rmq_hdr_ctx *cx, size_t *pos, size_t end, rmq_ext_field *f)
{
    size_t at = *pos, left = end - at;
    const uint8_t *p = cx->h + at;
    if (left < 2) return rmq_fail(cx->err, RMQ_ERR_RMQ_KEY_LENGTH, cx->base + at, NULL);
    int16_t klen = (int16_t)(uint16_t)(((unsigned)p[0] << 8) | p[1]);
    if (klen < 0 || left - 2 < (size_t)klen) return rmq_fail(cx->err, RMQ_ERR_RMQ_KEY_LENGTH, cx->base + at, NULL);
    size_t vat = at + 2 + (size_t)klen;
    left -= 2 + (size_t)klen;
    if (left < 4) return rmq_fail(cx->err, RMQ_ERR_RMQ_VALUE_LENGTH, cx->base + vat, NULL);
    int32_t vlen = (int32_t)rmq_load_be32(p + 2 + klen);
    if (vlen < 0 || left - 4 < (size_t)vlen) return rmq_fail(cx->err, RMQ_ERR_RMQ_VALUE_LENGTH, cx->base + vat, NULL);
    *pos = vat + 4 + (size_t)vlen;
    if (klen == 0 || vlen == 0) cx->notes |= RMQ_NOTE_ZERO_LENGTH_ENTRY;
    int rc = take_string(cx, p + 2, (size_t)klen, &f->key);
    return rc ? rc : take_string(cx, p + 6 + klen, (size_t)vlen, &f->value);
}

/*
 * Entries of a region already known ASCII and within max_string, read until the
 * first one that is not plainly well formed, the region ends or `stop` entries
 * are held; that entry (if any) is then read again by read_entry, which reports
 * it. Returns the new count.
 */
HOT size_t read_plain_entries(const uint8_t *h, size_t *pos, size_t end, size_t ext_end, rmq_ext_field *f,
                              size_t count, size_t stop)
{
    /* no byte has bit 7, so neither length can be negative; a zero length (Java's null,
     * RMQ_NOTE_ZERO_LENGTH_ENTRY) wraps below and leaves the entry to read_entry */
    size_t at = *pos;
    while (at < ext_end && count < stop && end - at >= 6) {
        size_t klen = ((size_t)h[at] << 8) | h[at + 1];
        if (klen - 1 >= end - at - 6) break;
        size_t vlen = rmq_load_be32(h + at + 2 + klen);
        if (vlen - 1 >= end - at - 6 - klen) break;
        const char *key = (const char *)h + at + 2;
        f[count].key = (rmq_str){key, klen};
        f[count].value = (rmq_str){key + klen + 4, vlen};
        count++;
        at += 6 + klen + vlen;
    }
    *pos = at;
    return count;
}

/* Room for more entries once the stack is full: moved to the arena, then grown in place. */
static bool grow_entries(rmq_arena *arena, rmq_ext_field **f, bool *on_stack, size_t count, size_t *cap,
                         size_t bytes_left)
{
    /* an entry takes at least 6 header bytes */
    size_t more = bytes_left / 6 + 1, want = *cap < more ? *cap : more;
    size_t size = sizeof **f;
    if (*on_stack || !rmq_arena_extend(arena, *f, *cap * size, (*cap + want) * size)) {
        rmq_ext_field *moved = rmq_arena_alloc(arena, (*cap + want) * size, _Alignof(rmq_ext_field));
        if (!moved) return false;
        memcpy(moved, *f, count * size);
        *f = moved;
        *on_stack = false;
    }
    *cap += want;
    return true;
}

/* A failure at an entry: an earlier string's bad UTF-8 is reported first. */
static int entry_failure(rmq_hdr_ctx *cx, int rc, rmq_str *remark, rmq_ext_field *f, size_t count)
{
    rmq_error saved = cx->err ? *cx->err : (rmq_error){0, 0, NULL, NULL};
    int first = check_strings(cx, remark, f, count);
    if (first) return first;
    if (cx->err) *cx->err = saved;
    return rc;
}

int rmq_rocketmq_header_decode(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                               rmq_arena *arena, rmq_command *cmd, size_t *consumed,
                               rmq_error *err)
{
    rmq_hdr_ctx cx = {h, base, lim->max_string, 0, true, lim->leniency, 0, arena, err};
    if (n < RMQ_ROCKETMQ_FIXED_HEADER) return rmq_fail(err, RMQ_ERR_RMQ_SHORT_HEADER, base, NULL);

    /* code(2) language(1) version(2) opaque(4) flag(4) remark length(4): the fixed 17 bytes */
    cmd->code = (int16_t)(uint16_t)(((unsigned)h[0] << 8) | h[1]); /* Java's readShort sign-extends */
    uint8_t lang = h[2];
    cmd->language = lang;
    cmd->version = (int16_t)(uint16_t)(((unsigned)h[3] << 8) | h[4]);
    cmd->opaque = (int32_t)rmq_load_be32(h + 5);
    cmd->flag = (int32_t)rmq_load_be32(h + 9);
    if (!rmq_language_name(lang, lim->release)) {
        if (!(lim->leniency & RMQ_LENIENT_LANGUAGE_UNKNOWN))
            return rmq_fail(err, RMQ_ERR_LANGUAGE, base + 2, "unknown language byte");
        cx.notes |= RMQ_NOTE_LANGUAGE_UNKNOWN; /* Java: null; the byte is kept for re-encoding */
    }

    size_t pos = 13;
    int32_t remark_len = (int32_t)rmq_load_be32(h + pos);
    if (remark_len < 0 || n - pos - 4 < (size_t)remark_len)
        return rmq_fail(err, RMQ_ERR_RMQ_REMARK_LENGTH, base + pos, NULL);
    int rc = take_string(&cx, h + pos + 4, (size_t)remark_len, &cmd->remark);
    if (rc) return rc;
    pos += 4 + (size_t)remark_len;

    size_t at = pos;
    if (n - pos < 4) return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, NULL), &cmd->remark, NULL, 0);
    int32_t ext_len = (int32_t)rmq_load_be32(h + pos);
    pos += 4;
    cmd->has_ext = false;
    cmd->ext = NULL;
    cmd->ext_count = 0;
    if (ext_len < 0) {
        if (!(lim->leniency & RMQ_LENIENT_RMQ_NEGATIVE_EXT_LENGTH))
            return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, "negative extFields length"),
                                 &cmd->remark, NULL, 0);
        cx.notes |= RMQ_NOTE_NEGATIVE_EXT_LENGTH; /* Java: `> 0` test fails, map stays null */
    } else if (ext_len > 0) {
        if ((size_t)ext_len > n - pos)
            return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, NULL), &cmd->remark, NULL, 0);
        /* Java walks entries while the position is before the ext end and checks
         * them only against the frame; we bound them by the header instead. */
        size_t ext_end = pos + (size_t)ext_len;
        rmq_ext_field stack[EXT_ON_STACK];
        /* entries go straight to the arena when it has room for as many as the bytes allow
         * (trimmed below); a tight arena gets the stack first and exactly the count */
        size_t cap = (size_t)ext_len / 6 + 1;
        if (cap > EXT_ON_STACK) cap = EXT_ON_STACK;
        rmq_ext_field *f = rmq_arena_alloc_quick(arena, cap * sizeof *f, _Alignof(rmq_ext_field));
        bool on_stack = f == NULL;
        if (on_stack) {
            f = stack;
            cap = EXT_ON_STACK;
        }
        /* One look at the rest of the header (an overrunning last entry may reach past ext_end)
         * usually settles every string in it: no byte with bit 7, lengths under 128 included,
         * means all ASCII, and no string is longer than the region. */
        cx.per_string = lim->general_reader_only || n - pos > cx.max_string ||
                        (or_bytes(h + pos, n - pos) & 0x8080808080808080ull);
        size_t count = 0, max_fields = lim->max_ext_fields;
        while (pos < ext_end) {
            if (!cx.per_string) {
                size_t stop = cap < max_fields ? cap : max_fields;
                count = read_plain_entries(h, &pos, n, ext_end, f, count, stop);
                if (pos >= ext_end) break;
            }
            if (count == cap && !grow_entries(arena, &f, &on_stack, count, &cap, n - pos))
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_NO_MEMORY, base + at, NULL), &cmd->remark, f, count);
            if ((rc = read_entry(&cx, &pos, n, &f[count]))) return entry_failure(&cx, rc, &cmd->remark, f, count);
            if (++count > max_fields)
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, base + at, NULL), &cmd->remark, f,
                                     count - 1);
        }
        if (pos > ext_end) {
            /* only the entry that runs past ext_end can hold a string longer than ext_len,
             * which Java's readStr refuses ("string length exceed limit") */
            const rmq_ext_field *last = &f[count - 1];
            size_t value_len_at = pos - last->value.len - 4;
            if (last->key.len > (size_t)ext_len)
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_KEY_LENGTH, base + value_len_at - last->key.len - 2,
                                                   "key longer than the extFields length"),
                                     &cmd->remark, f, count);
            if (last->value.len > (size_t)ext_len)
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_VALUE_LENGTH, base + value_len_at,
                                                   "value longer than the extFields length"),
                                     &cmd->remark, f, count);
            if (!(lim->leniency & RMQ_LENIENT_RMQ_EXT_OVERRUN))
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at,
                                                   "last ext entry ends past extFields length"),
                                     &cmd->remark, f, count);
            cx.notes |= RMQ_NOTE_EXT_OVERRUN;
        }
        if (on_stack) {
            rmq_ext_field *exact = rmq_arena_alloc(arena, count * sizeof *f, _Alignof(rmq_ext_field));
            if (!exact)
                return entry_failure(&cx, rmq_fail(err, RMQ_ERR_NO_MEMORY, base + at, NULL), &cmd->remark, f, count);
            memcpy(exact, stack, count * sizeof *f);
            f = exact;
        } else {
            rmq_arena_trim_quick(arena, f, cap * sizeof *f, count * sizeof *f);
        }
        if ((rc = check_strings(&cx, &cmd->remark, f, count))) return rc;
        cx.high = 0;
        cmd->has_ext = true;
        cmd->ext = f;
        cmd->ext_count = count;
    }
    if ((rc = check_strings(&cx, &cmd->remark, NULL, 0))) return rc;
    if (pos < n) {
        if (!(lim->leniency & RMQ_LENIENT_RMQ_HEADER_SLACK))
            return rmq_fail(err, RMQ_ERR_RMQ_HEADER_SLACK, base + pos, NULL);
        cx.notes |= RMQ_NOTE_HEADER_SLACK;
    }
    *consumed = pos;
    cmd->notes |= cx.notes;
    return RMQ_OK;
}

static bool fits_i32(size_t n) { return n <= (size_t)INT32_MAX; }

static inline void put_be16(uint8_t *d, uint16_t v)
{
    d[0] = (uint8_t)(v >> 8);
    d[1] = (uint8_t)v;
}

static inline void put_be32(uint8_t *d, uint32_t v)
{
    d[0] = (uint8_t)(v >> 24);
    d[1] = (uint8_t)(v >> 16);
    d[2] = (uint8_t)(v >> 8);
    d[3] = (uint8_t)v;
}

/* mapSerialize leaves out an entry whose key or value is null; a decoded frame that had
 * zero-length entries (Java's null) writes them again, so it re-encodes byte for byte. */
static inline bool entry_written(const rmq_command *cmd, const rmq_ext_field *f)
{
    return (f->key.ptr && f->value.ptr) || (cmd->notes & RMQ_NOTE_ZERO_LENGTH_ENTRY);
}

/* The same bytes through the counting writer: sizing (no buffer) or a buffer too small. */
static void write_counted(rmq_writer *w, const rmq_command *cmd, size_t ext_bytes)
{
    rmq_write_be16(w, (uint16_t)cmd->code);
    rmq_write_u8(w, (uint8_t)cmd->language);
    rmq_write_be16(w, (uint16_t)cmd->version);
    rmq_write_be32(w, (uint32_t)cmd->opaque);
    rmq_write_be32(w, (uint32_t)cmd->flag);
    if (cmd->remark.ptr && cmd->remark.len) {
        rmq_write_be32(w, (uint32_t)cmd->remark.len);
        rmq_write_bytes(w, cmd->remark.ptr, cmd->remark.len);
    } else {
        rmq_write_be32(w, 0);
    }
    rmq_write_be32(w, (uint32_t)ext_bytes);
    for (size_t i = 0; cmd->has_ext && i < cmd->ext_count; i++) {
        const rmq_ext_field *f = &cmd->ext[i];
        if (!entry_written(cmd, f)) continue;
        rmq_write_be16(w, (uint16_t)f->key.len);
        rmq_write_bytes(w, f->key.ptr, f->key.len);
        rmq_write_be32(w, (uint32_t)f->value.len);
        rmq_write_bytes(w, f->value.ptr, f->value.len);
    }
}

static bool str_utf8_valid(rmq_str s) { return !s.ptr || rmq_utf8_valid((const uint8_t *)s.ptr, s.len, NULL); }

/* Finds the first string that is not UTF-8 and where it would be written. */
static bool utf8_strings_valid(const rmq_writer *w, const rmq_command *cmd, size_t *at)
{
    size_t pos = w->len + 17;
    *at = pos;
    if (!str_utf8_valid(cmd->remark)) return false;
    pos += (cmd->remark.ptr ? cmd->remark.len : 0) + 4;
    for (size_t i = 0; cmd->has_ext && i < cmd->ext_count; i++) {
        const rmq_ext_field *f = &cmd->ext[i];
        if (!entry_written(cmd, f)) continue;
        *at = pos;
        if (!str_utf8_valid(f->key) || !str_utf8_valid(f->value)) return false;
        pos += 6 + f->key.len + f->value.len;
    }
    return true;
}

/* Copy n bytes to d and OR them into *any: short strings are ORed from the words the
 * copy loaded anyway. */
HOT void copy_or(uint8_t *d, const char *src, size_t n, uint64_t *any)
{
    const uint8_t *p = (const uint8_t *)src;
    if (n == 1) { /* every SEND_MESSAGE_V2 key */
        d[0] = p[0];
        *any |= p[0];
    } else if (n > 16) {
        memcpy(d, p, n);
        *any |= rmq_bytes_or(p, n);
    } else {
        *any |= rmq_copy_small_or(d, p, n);
    }
}

/* Lengths Java can write, checked in its order: each entry's key and value, then the
 * running extFields size. */
static int check_ext_sizes(const rmq_command *cmd, size_t *ext_bytes, rmq_error *err)
{
    size_t total = 0;
    for (size_t i = 0; cmd->has_ext && i < cmd->ext_count; i++) {
        const rmq_ext_field *f = &cmd->ext[i];
        if (!entry_written(cmd, f)) continue;
        /* Java casts the key length to short without a check: refuse instead */
        if (f->key.len > INT16_MAX || !fits_i32(f->value.len))
            return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "ext key or value too long");
        total += 6 + f->key.len + f->value.len;
        if (!fits_i32(total)) return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "extFields too long");
    }
    *ext_bytes = total;
    return RMQ_OK;
}

/* The header through the counting writer: sizing (no buffer) or a buffer too small. */
static int encode_counted(rmq_writer *w, const rmq_command *cmd, rmq_error *err)
{
    size_t ext_bytes = 0, bad_at;
    int rc = check_ext_sizes(cmd, &ext_bytes, err);
    if (rc) return rc;
    /* Java writes its Strings' UTF-8: bytes no String could hold are refused, not passed on */
    if (!utf8_strings_valid(w, cmd, &bad_at)) return rmq_fail(err, RMQ_ERR_UTF8, bad_at, "a string is not UTF-8");
    write_counted(w, cmd, ext_bytes);
    return RMQ_OK;
}

int rmq_rocketmq_header_encode(rmq_writer *w, const rmq_command *cmd, rmq_error *err)
{
    if (cmd->language < 0 || cmd->language > 255)
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "ROCKETMQ needs a language byte");
    if (cmd->remark.ptr && !fits_i32(cmd->remark.len))
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "remark too long");
    size_t remark_len = cmd->remark.ptr ? cmd->remark.len : 0;
    uint8_t *header = rmq_writer_room(w, RMQ_ROCKETMQ_FIXED_HEADER + remark_len);
    if (!header) return encode_counted(w, cmd, err);
    /* one room check per entry below, plain stores; an entry that does not fit sends
     * the whole header through the counting writer, which checks everything first */
    size_t room = w->cap - w->len;
    uint8_t *d = header;
    put_be16(d, (uint16_t)cmd->code); /* writeShort keeps the low 16 bits, exactly as Java */
    d[2] = (uint8_t)cmd->language;
    put_be16(d + 3, (uint16_t)cmd->version);
    put_be32(d + 5, (uint32_t)cmd->opaque);
    put_be32(d + 9, (uint32_t)cmd->flag);
    put_be32(d + 13, (uint32_t)remark_len);
    uint64_t any = 0; /* OR of every string byte: bit 7 means a UTF-8 check is due */
    copy_or(d + 17, cmd->remark.ptr, remark_len, &any);
    uint8_t *ext_start = d + RMQ_ROCKETMQ_FIXED_HEADER + remark_len;
    d = ext_start;
    /* locals: stores through d could otherwise alias the command */
    const rmq_ext_field *ext = cmd->has_ext ? cmd->ext : NULL, *ext_end = ext ? ext + cmd->ext_count : NULL;
    size_t unused;
    for (const rmq_ext_field *f = ext; f != ext_end; f++) {
        size_t klen = f->key.len, vlen = f->value.len;
        /* one test for the rare entries: a length 0 (wrapped: maybe a null to leave out) or
         * one over INT16_MAX (maybe more than Java can write) */
        if (((klen - 1) | (vlen - 1)) >= INT16_MAX) {
            if (!entry_written(cmd, f)) continue;
            /* lengths Java cannot write: check_ext_sizes reports the first in Java's order */
            if (klen > INT16_MAX || !fits_i32(vlen)) return check_ext_sizes(cmd, &unused, err);
        }
        if (room - (size_t)(d - header) < 6 + klen + vlen) return encode_counted(w, cmd, err);
        put_be16(d, (uint16_t)klen);
        copy_or(d + 2, f->key.ptr, klen, &any);
        d += 2 + klen;
        put_be32(d, (uint32_t)vlen);
        copy_or(d + 4, f->value.ptr, vlen, &any);
        d += 4 + vlen;
    }
    if (!fits_i32((size_t)(d - ext_start))) return check_ext_sizes(cmd, &unused, err);
    put_be32(ext_start - 4, (uint32_t)(d - ext_start));
    size_t bad_at;
    if ((any & RMQ_HIGH_BITS) && !utf8_strings_valid(w, cmd, &bad_at))
        return rmq_fail(err, RMQ_ERR_UTF8, bad_at, "a string is not UTF-8");
    w->len += (size_t)(d - header);
    return RMQ_OK;
}
