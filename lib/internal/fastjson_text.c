/* JSON.toJSONString of what fastjson parsed from an object or array (fastjson_text.h). */
#include "fastjson_text.h"

#include "error_set.h"
#include "java_number.h"
#include "java_string.h"
#include "json_writer.h"
#include "fastjson_parse.h"

#include <string.h>

/* Keys of one object compared pairwise to merge repeats: beyond this many members the
 * conversion is refused rather than made quadratic. */
#define MAX_NESTED_MEMBERS 1024u

typedef struct nested_member {
    rmq_str key; /* first: rmq_java_map_reorder finds it at offset 0 */
    rmq_jtoken value;
} nested_member;

static int write_value(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_writer *w, uint32_t depth);

/* The next member of an object parse() passed over (rmq_fj_parse_skip checked its form):
 * commas before a key passed over, *done at its '}'. */
static int next_member(rmq_jreader *jr, rmq_jtoken *key, rmq_jtoken *val, bool *done, uint32_t depth)
{
    while (rmq_jr_peek(jr) == ',') jr->pos++;
    rmq_fj_key what;
    int rc = rmq_jr_fj_key(jr, RMQ_FJ_MAP_KEY, key, &what);
    *done = rc == RMQ_OK && what != RMQ_FJK_KEY;
    if (rc || *done) return rc;
    if ((rc = rmq_fj_parse_value(jr, val, depth))) return rc;
    if (rmq_jr_peek(jr) == ',') jr->pos++; /* a '}' is left for the next call, which ends there */
    return RMQ_OK;
}

/* Integer, Long and BigInteger print no '+', no leading zeros and no "-0". */
static void write_integer(rmq_writer *w, const uint8_t *t, size_t n)
{
    size_t i = 0;
    bool neg = n && t[0] == '-';
    if (neg) i++;
    while (i + 1 < n && t[i] == '0') i++;
    if (neg && !(n - i == 1 && t[i] == '0')) rmq_write_u8(w, '-');
    rmq_write_bytes(w, t + i, n - i);
}

static int write_number(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_writer *w)
{
    const uint8_t *t = jr->s + tok->start;
    size_t n = tok->end - tok->start;
    if (rmq_jr_float_suffix(jr, tok)) {
        uint8_t text[32];
        size_t len = rmq_java_float_text(t, n, jr->s[tok->end] == 'F', text);
        if (!len) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->end, "a Float/Double whose Java text is not modelled");
        rmq_write_bytes(w, text, len);
        return RMQ_OK;
    }
    bool fraction = memchr(t, '.', n) || memchr(t, 'e', n) || memchr(t, 'E', n);
    bool digits = n > (size_t)(t[0] == '-');
    for (size_t i = t[0] == '-'; i < n && !fraction; i++) digits &= t[i] >= '0' && t[i] <= '9';
    if (!fraction) {
        if (!digits) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "number Java cannot read");
        write_integer(w, t, n);
        return RMQ_OK;
    }
    size_t len = rmq_java_number_text(t, n, NULL);
    if (!len) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "number Java cannot read");
    uint8_t *text = rmq_arena_alloc(arena, len, 1);
    if (!text) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
    rmq_java_number_text(t, n, text);
    rmq_write_bytes(w, text, len);
    return RMQ_OK;
}

static int write_object(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_writer *w, uint32_t depth)
{
    int rc;
    bool done = false;
    size_t count = 0;
    jr->pos = tok->start + 1;
    for (;;) {
        rmq_jtoken key, val;
        if ((rc = next_member(jr, &key, &val, &done, depth + 1))) return rc;
        if (done) break;
        if (++count > MAX_NESTED_MEMBERS)
            return rmq_jr_fail(jr, RMQ_ERR_TOO_MANY_FIELDS, key.start, "object too large to turn into Java's text");
    }
    nested_member *m = NULL;
    if (count) {
        m = rmq_arena_alloc(arena, count * sizeof *m, _Alignof(nested_member));
        if (!m) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
    }
    jr->pos = tok->start + 1;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        rmq_jtoken key, val;
        if ((rc = next_member(jr, &key, &val, &done, depth + 1))) return rc;
        uint8_t first = jr->s[key.start];
        if (key.kind == RMQ_J_WORD && ((first >= '0' && first <= '9') || first == '-'))
            return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, key.start, "a number as key of a nested object (not modelled)");
        rmq_str k;
        if ((rc = rmq_jr_string(jr, &key, arena, &k.ptr, &k.len))) return rc;
        size_t j = 0;
        while (j < kept && !(m[j].key.len == k.len && !memcmp(m[j].key.ptr, k.ptr, k.len))) j++;
        if (j < kept) {
            m[j].value = val; /* HashMap.put: the place stays, the value is the last */
            continue;
        }
        m[kept].key = k;
        m[kept].value = val;
        kept++;
    }
    rmq_java_map_reorder(m, kept, sizeof *m, 0, 16);
    rmq_write_u8(w, '{');
    bool first_member = true;
    for (size_t i = 0; i < kept; i++) {
        if (m[i].value.kind == RMQ_J_NULL) continue; /* WriteMapNullValue is off */
        if (!first_member) rmq_write_u8(w, ',');
        first_member = false;
        rmq_jw_string_any(w, m[i].key.ptr, m[i].key.len);
        rmq_write_u8(w, ':');
        if ((rc = write_value(jr, &m[i].value, arena, w, depth + 1))) return rc;
    }
    rmq_write_u8(w, '}');
    return RMQ_OK;
}

static int write_array(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_writer *w, uint32_t depth)
{
    int rc;
    bool first = true;
    rmq_write_u8(w, '[');
    size_t pos = tok->start + 1;
    for (;;) {
        /* parseArray: commas passed over, an item may follow another without one */
        jr->pos = pos;
        while (rmq_jr_peek(jr) == ',') jr->pos++;
        if (rmq_jr_peek(jr) == ']') break;
        rmq_jtoken val;
        if ((rc = rmq_fj_parse_value(jr, &val, depth + 1))) return rc;
        pos = jr->pos; /* a nested object moves the reader: come back to the element's end */
        if (!first) rmq_write_u8(w, ',');
        first = false;
        if ((rc = write_value(jr, &val, arena, w, depth + 1))) return rc;
    }
    rmq_write_u8(w, ']');
    return RMQ_OK;
}

static int write_value(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_writer *w, uint32_t depth)
{
    switch (tok->kind) {
    case RMQ_J_STRING: case RMQ_J_WORD: {
        rmq_str s;
        int rc = rmq_jr_string(jr, tok, arena, &s.ptr, &s.len);
        if (rc) return rc;
        rmq_jw_string_any(w, s.ptr, s.len);
        return RMQ_OK;
    }
    case RMQ_J_NUMBER: return write_number(jr, tok, arena, w);
    case RMQ_J_TRUE: rmq_write_bytes(w, "true", 4); return RMQ_OK;
    case RMQ_J_FALSE: rmq_write_bytes(w, "false", 5); return RMQ_OK;
    case RMQ_J_NULL: rmq_write_bytes(w, "null", 4); return RMQ_OK;
    case RMQ_J_OBJECT:
    case RMQ_J_ARRAY:
        /* the reader passed over it with this depth checked; the bound holds here too */
        if (depth >= jr->max_depth) return rmq_jr_fail(jr, RMQ_ERR_JSON_DEPTH, tok->start, NULL);
        return tok->kind == RMQ_J_OBJECT ? write_object(jr, tok, arena, w, depth) : write_array(jr, tok, arena, w, depth);
    }
    return RMQ_OK;
}

int rmq_fj_container_text(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_str *out)
{
    size_t saved = jr->pos;
    bool saved_by_comma = jr->next_by_comma; /* the walk below reads the value again */
    /* once to count (what it allocates is given back), once to write */
    rmq_arena_mark mark = rmq_arena_get_mark(arena);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = write_value(jr, tok, arena, &w, 1);
    rmq_arena_rewind(arena, &mark);
    if (rc) return rc;
    size_t len = w.len;
    uint8_t *buf = rmq_arena_alloc(arena, len ? len : 1, 1);
    if (!buf) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
    rmq_writer_init(&w, buf, len);
    mark = rmq_arena_get_mark(arena);
    rc = write_value(jr, tok, arena, &w, 1);
    rmq_arena_rewind(arena, &mark);
    jr->pos = saved;
    jr->next_by_comma = saved_by_comma;
    if (rc) return rc;
    out->ptr = (const char *)buf;
    out->len = len;
    return RMQ_OK;
}
