/* ROCKETMQ binary header (SPEC §3): RocketMQSerializable's layout. */
#include "internal/error_set.h"
#include "internal/header_codec.h"
#include "internal/utf8.h"
#include "rmqwire/names.h"

#include <string.h>

/* ext entries gathered on the stack during the first walk */
#define EXT_ON_STACK 48

typedef struct rmq_hdr_ctx {
    const rmq_limits *lim;
    rmq_arena *arena;
    size_t base;
    rmq_error *err;
    uint32_t notes;
} rmq_hdr_ctx;

/* A length-prefixed string already bounds-checked: in place, or repaired into the arena. */
static int take_string(rmq_hdr_ctx *cx, const uint8_t *p, size_t n, size_t at, rmq_str *out)
{
    if (n == 0) {
        *out = RMQ_STR_NULL; /* Java's readStr: length 0 reads as null */
        return RMQ_OK;
    }
    if (n > cx->lim->max_string) return rmq_fail(cx->err, RMQ_ERR_STRING_TOO_LONG, cx->base + at, NULL);
    size_t bad;
    if (rmq_utf8_valid(p, n, &bad)) {
        out->ptr = (const char *)p;
        out->len = n;
        return RMQ_OK;
    }
    if (!(cx->lim->leniency & RMQ_LENIENT_RMQ_INVALID_UTF8))
        return rmq_fail(cx->err, RMQ_ERR_UTF8, cx->base + at + bad, NULL);
    uint8_t *dst = rmq_arena_alloc(cx->arena, 3 * n, 1);
    if (!dst) return rmq_fail(cx->err, RMQ_ERR_NO_MEMORY, cx->base + at, NULL);
    out->ptr = (const char *)dst;
    out->len = rmq_utf8_repair(p, n, dst);
    cx->notes |= RMQ_NOTE_UTF8_REPLACED;
    return RMQ_OK;
}

/* One ext entry inside the region r (which ends where ext_len says). */
static int read_entry(rmq_hdr_ctx *cx, rmq_reader *r, rmq_ext_field *f)
{
    size_t at = r->pos;
    int16_t klen;
    int32_t vlen;
    const uint8_t *k, *v;
    if (!rmq_read_be16(r, &klen) || klen < 0 || !rmq_read_span(r, (size_t)klen, &k))
        return rmq_fail(cx->err, RMQ_ERR_RMQ_KEY_LENGTH, cx->base + at, NULL);
    size_t vat = r->pos;
    if (!rmq_read_be32(r, &vlen) || vlen < 0 || !rmq_read_span(r, (size_t)vlen, &v))
        return rmq_fail(cx->err, RMQ_ERR_RMQ_VALUE_LENGTH, cx->base + vat, NULL);
    if (!f) return RMQ_OK;
    int rc = take_string(cx, k, (size_t)klen, at + 2, &f->key);
    if (rc) return rc;
    return take_string(cx, v, (size_t)vlen, vat + 4, &f->value);
}

int rmq_rocketmq_header_decode(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                               rmq_arena *arena, rmq_command *cmd, size_t *consumed,
                               rmq_error *err)
{
    rmq_hdr_ctx cx = {lim, arena, base, err, 0};
    rmq_reader r;
    rmq_reader_init(&r, h, n);
    if (n < RMQ_ROCKETMQ_FIXED_HEADER) return rmq_fail(err, RMQ_ERR_RMQ_SHORT_HEADER, base, NULL);

    int16_t code = 0, version = 0;
    uint8_t lang = 0;
    /* cannot fail after the length check above; the reader keeps the bounds anyway */
    if (!rmq_read_be16(&r, &code) || !rmq_read_u8(&r, &lang) || !rmq_read_be16(&r, &version) ||
        !rmq_read_be32(&r, &cmd->opaque) || !rmq_read_be32(&r, &cmd->flag))
        return rmq_fail(err, RMQ_ERR_RMQ_SHORT_HEADER, base, NULL);
    cmd->code = code; /* Java's readShort sign-extends */
    cmd->version = version;
    cmd->language = lang;
    if (!rmq_language_name(lang, lim->release)) {
        if (!(lim->leniency & RMQ_LENIENT_LANGUAGE_UNKNOWN))
            return rmq_fail(err, RMQ_ERR_LANGUAGE, base + 2, "unknown language byte");
        cx.notes |= RMQ_NOTE_LANGUAGE_UNKNOWN; /* Java: null; the byte is kept for re-encoding */
    }

    size_t at = r.pos;
    int32_t remark_len = -1;
    const uint8_t *remark;
    if (!rmq_read_be32(&r, &remark_len) || remark_len < 0 || !rmq_read_span(&r, (size_t)remark_len, &remark))
        return rmq_fail(err, RMQ_ERR_RMQ_REMARK_LENGTH, base + at, NULL);
    int rc = take_string(&cx, remark, (size_t)remark_len, at + 4, &cmd->remark);
    if (rc) return rc;

    at = r.pos;
    int32_t ext_len;
    if (!rmq_read_be32(&r, &ext_len)) return rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, NULL);
    cmd->has_ext = false;
    cmd->ext = NULL;
    cmd->ext_count = 0;
    if (ext_len < 0) {
        if (!(lim->leniency & RMQ_LENIENT_RMQ_NEGATIVE_EXT_LENGTH))
            return rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, "negative extFields length");
        cx.notes |= RMQ_NOTE_NEGATIVE_EXT_LENGTH; /* Java: `> 0` test fails, map stays null */
    } else if (ext_len > 0) {
        if ((size_t)ext_len > rmq_reader_left(&r))
            return rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, NULL);
        /* Java walks entries while the position is before the ext end and checks
         * them only against the frame; we bound them by the header instead. */
        size_t ext_end = r.pos + (size_t)ext_len;
        /* the array size is known only at the end: the first walk keeps up to
         * EXT_ON_STACK entries, and only longer maps are walked again for the rest */
        rmq_ext_field stack[EXT_ON_STACK];
        rmq_reader entries = r, rest = r;
        size_t count = 0;
        while (entries.pos < ext_end) {
            if ((rc = read_entry(&cx, &entries, count < EXT_ON_STACK ? &stack[count] : NULL))) return rc;
            if (++count > lim->max_ext_fields) return rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, base + at, NULL);
            if (count == EXT_ON_STACK) rest = entries; /* where the second walk starts */
        }
        if (entries.pos > ext_end) {
            if (!(lim->leniency & RMQ_LENIENT_RMQ_EXT_OVERRUN))
                return rmq_fail(err, RMQ_ERR_RMQ_EXT_LENGTH, base + at, "last ext entry ends past extFields length");
            cx.notes |= RMQ_NOTE_EXT_OVERRUN;
        }
        rmq_ext_field *fields = rmq_arena_alloc(arena, count * sizeof *fields, _Alignof(rmq_ext_field));
        if (!fields) return rmq_fail(err, RMQ_ERR_NO_MEMORY, base + at, NULL);
        size_t kept = count < EXT_ON_STACK ? count : EXT_ON_STACK;
        if (kept) memcpy(fields, stack, kept * sizeof *fields);
        for (size_t i = kept; i < count; i++)
            if ((rc = read_entry(&cx, &rest, &fields[i]))) return rc;
        r = entries;
        cmd->has_ext = true;
        cmd->ext = fields;
        cmd->ext_count = count;
    }
    if (rmq_reader_left(&r)) {
        if (!(lim->leniency & RMQ_LENIENT_RMQ_HEADER_SLACK))
            return rmq_fail(err, RMQ_ERR_RMQ_HEADER_SLACK, base + r.pos, NULL);
        cx.notes |= RMQ_NOTE_HEADER_SLACK;
    }
    *consumed = r.pos;
    cmd->notes |= cx.notes;
    return RMQ_OK;
}

static bool fits_i32(size_t n) { return n <= (size_t)INT32_MAX; }

int rmq_rocketmq_header_encode(rmq_writer *w, const rmq_command *cmd, rmq_error *err)
{
    if (cmd->language < 0 || cmd->language > 255)
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "ROCKETMQ needs a language byte");
    if (cmd->remark.ptr && !fits_i32(cmd->remark.len))
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "remark too long");
    size_t ext_bytes = 0;
    if (cmd->has_ext) {
        for (size_t i = 0; i < cmd->ext_count; i++) {
            const rmq_ext_field *f = &cmd->ext[i];
            /* Java casts the key length to short without a check: refuse instead */
            if (f->key.len > INT16_MAX || !fits_i32(f->value.len))
                return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "ext key or value too long");
            ext_bytes += 6 + f->key.len + f->value.len;
            if (!fits_i32(ext_bytes)) return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "extFields too long");
        }
    }
    /* writeShort keeps the low 16 bits, exactly as Java */
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
    if (cmd->has_ext) {
        for (size_t i = 0; i < cmd->ext_count; i++) {
            const rmq_ext_field *f = &cmd->ext[i];
            /* null and "" are the same bytes here (length 0), so both are written */
            rmq_write_be16(w, (uint16_t)f->key.len);
            rmq_write_bytes(w, f->key.ptr, f->key.len);
            rmq_write_be32(w, (uint32_t)f->value.len);
            rmq_write_bytes(w, f->value.ptr, f->value.len);
        }
    }
    return RMQ_OK;
}
