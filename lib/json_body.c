/* fastjson-serialized bodies as standard JSON: parsed into an arena tree with the
 * header's JSON reader, repeated keys resolved, then written compactly. */
#include "rmqwire/json_body.h"

#include "internal/error_set.h"
#include "internal/gather.h"
#include "internal/index_sort.h"
#include "internal/json_reader.h"
#include "internal/json_writer.h"
#include "internal/limits.h"

#include <string.h>

typedef enum node_kind {
    NODE_NULL,
    NODE_TRUE,
    NODE_FALSE,
    NODE_NUMBER,      /* a JSON number, written as it came */
    NODE_TEXT,        /* a string, or a number token JSON has no form for */
    NODE_OBJECT,
    NODE_ARRAY
} node_kind;

typedef struct node {
    node_kind kind;
    size_t count;     /* members or elements */
    const char *text; /* NODE_NUMBER / NODE_TEXT */
    size_t len;
    void *items;      /* member[] or node[] */
} node;

typedef struct member {
    const char *key;
    size_t key_len;
    bool hidden;      /* an earlier member has this key and took this one's value */
    node value;
} member;

typedef struct body_ctx {
    rmq_jreader jr;
    rmq_arena *arena;
    uint32_t max_list;
    bool in_key;      /* reading an object or array used as a key */
} body_ctx;

#define ON_STACK 4

static int fail_at(body_ctx *cx, int code, size_t at, const char *message)
{
    return rmq_jr_fail(&cx->jr, code, at, message);
}

/* RFC 8259's number grammar; fastjson takes more (01, 1., -). */
static bool is_json_number(const uint8_t *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-') i++;
    if (i >= n) return false;
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        return false;
    }
    if (i < n && s[i] == '.') {
        size_t start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == start) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == start) return false;
    }
    return i == n;
}

static int parse_value(body_ctx *cx, node *n, uint32_t depth);
static void render(rmq_writer *w, const node *n);

/* Members by key bytes, then position. */
static bool index_less(const void *items, uint32_t a, uint32_t b)
{
    const member *m = items;
    size_t la = m[a].key_len, lb = m[b].key_len, k = la < lb ? la : lb;
    int c = k ? memcmp(m[a].key, m[b].key, k) : 0;
    if (c) return c < 0;
    if (la != lb) return la < lb;
    return a < b;
}

static bool same_key(const member *a, const member *b)
{
    return a->key_len == b->key_len && (a->key_len == 0 || memcmp(a->key, b->key, a->key_len) == 0);
}

/* fastjson fills a map: a repeated key keeps its first place and takes the last value. */
static int resolve_repeats(body_ctx *cx, member *m, size_t count)
{
    if (count < 2) return RMQ_OK;
    uint32_t *idx = rmq_arena_alloc(cx->arena, count * sizeof *idx, _Alignof(uint32_t));
    if (!idx) return fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    for (size_t i = 0; i < count; i++) idx[i] = (uint32_t)i;
    rmq_index_sort(idx, count, index_less, m);
    for (size_t i = 0; i < count;) {
        size_t j = i + 1;
        while (j < count && same_key(&m[idx[i]], &m[idx[j]])) j++;
        if (j - i > 1) {
            m[idx[i]].value = m[idx[j - 1]].value;
            for (size_t k = i + 1; k < j; k++) m[idx[k]].hidden = true;
        }
        i = j;
    }
    return RMQ_OK;
}

/* An object or array used as a map key: its own compact JSON text is the key. */
static int container_key(body_ctx *cx, member *m, uint32_t depth)
{
    size_t at = cx->jr.pos;
    /* a key inside a key would be escaped once per level: refuse instead of growing without bound */
    if (cx->in_key) return fail_at(cx, RMQ_ERR_JSON_DEPTH, at, "object key inside an object key");
    node key;
    cx->in_key = true;
    int rc = parse_value(cx, &key, depth + 1);
    cx->in_key = false;
    if (rc) return rc;
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    render(&w, &key);
    uint8_t *text = rmq_arena_alloc(cx->arena, w.len ? w.len : 1, 1);
    if (!text) return fail_at(cx, RMQ_ERR_NO_MEMORY, at, NULL);
    size_t need = w.len;
    rmq_writer_init(&w, text, need);
    render(&w, &key);
    m->key = (const char *)text;
    m->key_len = need;
    return rmq_jr_expect(&cx->jr, ':');
}

static int parse_object(body_ctx *cx, node *n, uint32_t depth)
{
    member stack[ON_STACK];
    rmq_gather g;
    rmq_gather_init(&g, stack, ON_STACK, sizeof stack[0], _Alignof(member));
    int state = 0;
    for (;;) {
        bool done;
        rmq_jtoken key;
        size_t at = cx->jr.pos;
        int rc = rmq_jr_member(&cx->jr, &state, &done, &key);
        if (rc) return rc;
        if (done) break;
        if (g.count >= cx->max_list) return fail_at(cx, RMQ_ERR_TOO_MANY_FIELDS, at, "object has too many members");
        member *m = RMQ_GATHER_NEXT(&g, cx->arena, sizeof(member));
        if (!m) return fail_at(cx, RMQ_ERR_NO_MEMORY, at, NULL);
        if (key.kind == RMQ_J_OBJECT || key.kind == RMQ_J_ARRAY) {
            rc = container_key(cx, m, depth);
        } else {
            rc = rmq_jr_string(&cx->jr, &key, cx->arena, &m->key, &m->key_len);
        }
        if (rc) return rc;
        rc = parse_value(cx, &m->value, depth + 1);
        if (rc) return rc;
    }
    n->kind = NODE_OBJECT;
    n->count = g.count;
    if (!rmq_gather_finish(&g, cx->arena, &n->items)) return fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    return resolve_repeats(cx, n->items, n->count);
}

static int parse_array(body_ctx *cx, node *n, uint32_t depth)
{
    node stack[ON_STACK];
    rmq_gather g;
    rmq_gather_init(&g, stack, ON_STACK, sizeof stack[0], _Alignof(node));
    int state = 0;
    for (;;) {
        bool done;
        size_t at = cx->jr.pos;
        int rc = rmq_jr_element(&cx->jr, &state, &done);
        if (rc) return rc;
        if (done) break;
        if (g.count >= cx->max_list) return fail_at(cx, RMQ_ERR_TOO_MANY_FIELDS, at, "array has too many elements");
        node *item = RMQ_GATHER_NEXT(&g, cx->arena, sizeof(node));
        if (!item) return fail_at(cx, RMQ_ERR_NO_MEMORY, at, NULL);
        rc = parse_value(cx, item, depth + 1);
        if (rc) return rc;
    }
    n->kind = NODE_ARRAY;
    n->count = g.count;
    if (!rmq_gather_finish(&g, cx->arena, &n->items)) return fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    return RMQ_OK;
}

/* Depth is bounded by max_json_depth (at most RMQ_MAX_JSON_DEPTH): so is the recursion. */
static int parse_value(body_ctx *cx, node *n, uint32_t depth)
{
    memset(n, 0, sizeof *n);
    if (depth >= cx->jr.max_depth) return fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    int c = rmq_jr_peek(&cx->jr);
    if (c == '{' || c == '[') {
        cx->jr.pos++;
        return c == '{' ? parse_object(cx, n, depth) : parse_array(cx, n, depth);
    }
    rmq_jtoken tok;
    int rc = rmq_jr_value(&cx->jr, &tok, depth);
    if (rc) return rc;
    switch (tok.kind) {
    case RMQ_J_NULL: n->kind = NODE_NULL; return RMQ_OK;
    case RMQ_J_TRUE: n->kind = NODE_TRUE; return RMQ_OK;
    case RMQ_J_FALSE: n->kind = NODE_FALSE; return RMQ_OK;
    case RMQ_J_NUMBER:
        n->text = (const char *)cx->jr.s + tok.start;
        n->len = tok.end - tok.start;
        n->kind = is_json_number(cx->jr.s + tok.start, n->len) ? NODE_NUMBER : NODE_TEXT;
        return RMQ_OK;
    default:
        n->kind = NODE_TEXT;
        return rmq_jr_string(&cx->jr, &tok, cx->arena, &n->text, &n->len);
    }
}

/* Recursion follows the parsed tree, so it is bounded like the parse. */
static void render(rmq_writer *w, const node *n)
{
    switch (n->kind) {
    case NODE_NULL: RMQ_WRITE_LIT(w, "null"); return;
    case NODE_TRUE: RMQ_WRITE_LIT(w, "true"); return;
    case NODE_FALSE: RMQ_WRITE_LIT(w, "false"); return;
    case NODE_NUMBER: rmq_write_bytes(w, n->text, n->len); return;
    case NODE_TEXT: rmq_jw_string(w, n->text, n->len); return;
    case NODE_OBJECT: {
        const member *m = n->items;
        bool first = true;
        rmq_write_u8(w, '{');
        for (size_t i = 0; i < n->count; i++) {
            if (m[i].hidden) continue;
            if (!first) rmq_write_u8(w, ',');
            first = false;
            rmq_jw_string(w, m[i].key, m[i].key_len);
            rmq_write_u8(w, ':');
            render(w, &m[i].value);
        }
        rmq_write_u8(w, '}');
        return;
    }
    case NODE_ARRAY: {
        const node *items = n->items;
        rmq_write_u8(w, '[');
        for (size_t i = 0; i < n->count; i++) {
            if (i) rmq_write_u8(w, ',');
            render(w, &items[i]);
        }
        rmq_write_u8(w, ']');
        return;
    }
    }
}

size_t rmq_json_body_bound(size_t len)
{
    /* per input byte: tree nodes while their lists are gathered (at most 4x, one value per
     * two bytes), unescaped strings (3x + slack), repeat indexes and object-key texts */
    if (len > (SIZE_MAX - 4096) / 160) return SIZE_MAX;
    return 160 * len + 4096;
}

int rmq_json_body_to_standard(const uint8_t *body, size_t len, const rmq_decode_options *opts,
                              rmq_arena *arena, uint8_t *out, size_t cap, size_t *written, rmq_error *err)
{
    if ((!body && len) || !arena || (!out && cap) || !written || !rmq_options_valid(opts))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_limits scratch;
    const rmq_limits *lim = rmq_limits_for(&scratch, opts);
    body_ctx cx;
    rmq_jr_init(&cx.jr, body, len, 0, lim, err);
    cx.jr.container_keys = true;
    cx.arena = arena;
    cx.max_list = lim->max_list;
    cx.in_key = false;
    node root;
    int rc = parse_value(&cx, &root, 0);
    if (rc) return rc;
    rc = rmq_jr_end(&cx.jr);
    if (rc) return rc;
    rmq_writer w;
    rmq_writer_init(&w, out, cap);
    render(&w, &root);
    *written = w.len;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, "output buffer too small: *written is the size needed");
    return RMQ_OK;
}
