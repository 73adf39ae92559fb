/* TopicRouteData bodies in both fastjson dialects (SPEC §12.2–12.3). */
#include "rmqwire/route.h"

#include "internal/arena.h"
#include "internal/error_set.h"
#include "internal/gather.h"
#include "internal/json_reader.h"
#include "internal/limits.h"
#include "internal/route_codec.h"

#include <string.h>

typedef struct route_ctx {
    rmq_jreader jr;
    rmq_arena *arena;
    uint32_t max_list;
} route_ctx;

static int fail_at(route_ctx *cx, int code, size_t at, const char *msg) { return rmq_jr_fail(&cx->jr, code, at, msg); }

/* A list being read: its items are in `g`; more than max_list is RMQ_ERR_TOO_MANY_FIELDS at `start`. */
static void *next_item(route_ctx *cx, rmq_gather *g, size_t start, int *rc)
{
    if (g->count >= cx->max_list) {
        *rc = fail_at(cx, RMQ_ERR_TOO_MANY_FIELDS, start, "list or map too long");
        return NULL;
    }
    void *item = rmq_gather_next(g, cx->arena);
    *rc = item ? RMQ_OK : fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    return item;
}

static int finish_items(route_ctx *cx, rmq_gather *g, void **items, size_t *count)
{
    if (!rmq_gather_finish(g, cx->arena, items)) return fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    *count = g->count;
    return RMQ_OK;
}

/* Key comparison with the literal's length known at compile time. */
#define KEY_IS(k, lit) key_is(cx, (k), (lit), sizeof(lit) - 1)

static inline bool key_is(route_ctx *cx, const rmq_jtoken *k, const char *lit, size_t len)
{
    if (!k->has_escape && k->kind == RMQ_J_STRING)
        return k->end - k->start - 2 == len && memcmp(cx->jr.s + k->start + 1, lit, len) == 0;
    return rmq_jr_token_is(&cx->jr, k, lit);
}

static int read_str(route_ctx *cx, rmq_str *out)
{
    rmq_jtoken t;
    int rc = rmq_jr_value_quick(&cx->jr, &t, 1);
    if (rc) return rc;
    if (t.kind == RMQ_J_NULL) {
        *out = RMQ_STR_NULL;
        return RMQ_OK;
    }
    if (t.kind == RMQ_J_OBJECT || t.kind == RMQ_J_ARRAY) return fail_at(cx, RMQ_ERR_JSON_TYPE, t.start, "expected a string");
    if (t.kind != RMQ_J_STRING) {
        if (!(cx->jr.leniency & RMQ_LENIENT_JSON_NONSTRING_VALUES)) return fail_at(cx, RMQ_ERR_JSON_TYPE, t.start, "expected a string");
        out->ptr = (const char *)cx->jr.s + t.start;
        out->len = t.end - t.start;
        return RMQ_OK;
    }
    if (!t.has_escape && t.ascii) { /* the string as it is on the wire */
        out->ptr = (const char *)cx->jr.s + t.start + 1;
        out->len = t.end - t.start - 2;
        return RMQ_OK;
    }
    return rmq_jr_string(&cx->jr, &t, cx->arena, &out->ptr, &out->len);
}

static int read_i64(route_ctx *cx, int64_t *v, int64_t lo, int64_t hi)
{
    rmq_jtoken t;
    int rc = rmq_jr_value_quick(&cx->jr, &t, 1);
    if (rc) return rc;
    if (t.kind == RMQ_J_NULL) { /* a primitive stays 0 */
        *v = 0;
        return RMQ_OK;
    }
    if (t.kind == RMQ_J_NUMBER && t.end - t.start <= 18) { /* plain digits cannot overflow: no range work */
        int64_t acc = 0;
        size_t i = t.start;
        for (; i < t.end && cx->jr.s[i] >= '0' && cx->jr.s[i] <= '9'; i++) acc = acc * 10 + (cx->jr.s[i] - '0');
        if (i == t.end && acc >= lo && acc <= hi) {
            *v = acc;
            return RMQ_OK;
        }
    }
    rc = rmq_jr_int64(&cx->jr, &t, v);
    if (rc == RMQ_OK && (*v < lo || *v > hi)) rc = fail_at(cx, RMQ_ERR_JSON_NUMBER, t.start, "integer out of range");
    return rc;
}

static int read_i32(route_ctx *cx, int32_t *v)
{
    int64_t w;
    int rc = read_i64(cx, &w, INT32_MIN, INT32_MAX);
    if (rc == RMQ_OK) *v = (int32_t)w;
    return rc;
}

static int read_bool(route_ctx *cx, bool *b)
{
    rmq_jtoken t;
    int rc = rmq_jr_value(&cx->jr, &t, 1);
    if (rc) return rc;
    if (t.kind == RMQ_J_TRUE || t.kind == RMQ_J_FALSE || t.kind == RMQ_J_NULL) {
        *b = t.kind == RMQ_J_TRUE;
        return RMQ_OK;
    }
    if (t.kind == RMQ_J_STRING && (cx->jr.leniency & RMQ_LENIENT_JSON_NUMERIC_STRINGS)) {
        if (rmq_jr_token_is(&cx->jr, &t, "true") || rmq_jr_token_is(&cx->jr, &t, "false")) {
            *b = rmq_jr_token_is(&cx->jr, &t, "true");
            return RMQ_OK;
        }
    }
    return fail_at(cx, RMQ_ERR_JSON_TYPE, t.start, "expected a boolean");
}

/* An integer map key: bare (plain dialect) or quoted (standard dialect). */
static int key_int64(route_ctx *cx, const rmq_jtoken *key, int64_t *v)
{
    rmq_jtoken t = *key;
    if (t.kind == RMQ_J_WORD) t.kind = RMQ_J_NUMBER;
    else if (t.kind == RMQ_J_STRING) {
        /* a quoted number key is standard JSON, not the "number as string" tolerance */
        uint32_t saved = cx->jr.leniency;
        cx->jr.leniency |= RMQ_LENIENT_JSON_NUMERIC_STRINGS;
        int rc = rmq_jr_int64(&cx->jr, &t, v);
        cx->jr.leniency = saved;
        return rc;
    }
    return rmq_jr_int64(&cx->jr, &t, v);
}

/* Iterate an object's members calling `on_key` for each; null object → *present false. */
typedef int (*member_fn)(route_ctx *cx, const rmq_jtoken *key, void *obj, size_t index, uint32_t depth);

/* The keys a class of object knows; a repeat of one is a duplicate key. */
typedef struct known_key {
    const char *name;
    size_t len;
} known_key;
#define K(name) {name, sizeof(name) - 1}

static const known_key route_keys[] = {K("orderTopicConf"), K("queueDatas"), K("brokerDatas"),
                                       K("filterServerTable"), K("topicQueueMappingByBroker"), {NULL, 0}};
static const known_key queue_keys[] = {K("brokerName"), K("perm"), K("readQueueNums"), K("writeQueueNums"),
                                       K("topicSysFlag"), {NULL, 0}};
static const known_key broker_keys[] = {K("cluster"), K("brokerName"), K("zoneName"), K("enableActingMaster"),
                                        K("brokerAddrs"), {NULL, 0}};
static const known_key mapping_keys[] = {K("bname"), K("topic"), K("scope"), K("totalQueues"), K("epoch"),
                                         K("dirty"), K("currIdMap"), {NULL, 0}};
#undef K

static inline bool key_is(route_ctx *cx, const rmq_jtoken *k, const char *lit, size_t len);

/* Under strict options a known key seen twice in one object is RMQ_ERR_JSON_DUPLICATE_KEY at the
 * second; with JSON_DUPLICATE_KEYS (Java) the last one wins, as fastjson's setters do. */
static int check_repeat(route_ctx *cx, const known_key *known, const rmq_jtoken *key, uint32_t *seen)
{
    if (!known || (cx->jr.leniency & RMQ_LENIENT_JSON_DUPLICATE_KEYS)) return RMQ_OK;
    for (uint32_t i = 0; known[i].name; i++) {
        if (!key_is(cx, key, known[i].name, known[i].len)) continue;
        if (*seen & (1u << i)) return fail_at(cx, RMQ_ERR_JSON_DUPLICATE_KEY, key->start, NULL);
        *seen |= 1u << i;
        break;
    }
    return RMQ_OK;
}

static int each_member(route_ctx *cx, uint32_t depth, void *obj, member_fn fn, const known_key *known)
{
    if (depth >= cx->jr.max_depth) return fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    int rc;
    if (cx->jr.pos < cx->jr.n && cx->jr.s[cx->jr.pos] == '{') cx->jr.pos++;
    else if ((rc = rmq_jr_expect(&cx->jr, '{'))) return rc;
    int state = 0;
    bool done = false;
    uint32_t seen = 0;
    for (size_t i = 0;; i++) {
        rmq_jtoken key;
        if ((rc = rmq_jr_member_quick(&cx->jr, &state, &done, &key))) return rc;
        if (done) return RMQ_OK;
        if ((rc = check_repeat(cx, known, &key, &seen))) return rc;
        if ((rc = fn(cx, &key, obj, i, depth + 1))) return rc;
    }
}

static int skip_value(route_ctx *cx, uint32_t depth)
{
    rmq_jtoken t;
    return rmq_jr_value(&cx->jr, &t, depth);
}


/* Is the next value null? (consumes it if so) */
static bool take_null(route_ctx *cx)
{
    if (rmq_jr_peek_quick(&cx->jr) != 'n') return false;
    rmq_jtoken t;
    size_t at = cx->jr.pos;
    if (rmq_jr_value(&cx->jr, &t, 1) == RMQ_OK && t.kind == RMQ_J_NULL) return true;
    cx->jr.pos = at;
    return false;
}

static int expect_container(route_ctx *cx, char open)
{
    int c = rmq_jr_peek_quick(&cx->jr);
    if (c != open) return fail_at(cx, RMQ_ERR_JSON_TYPE, cx->jr.pos, open == '{' ? "expected an object" : "expected an array");
    return RMQ_OK;
}

/* A JSON object whose members become items of `g` (a map read into an array), one per member. */
static int each_map_entry(route_ctx *cx, uint32_t depth, rmq_gather *g, member_fn fn)
{
    if (depth >= cx->jr.max_depth) return fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    size_t start = cx->jr.pos;
    int rc;
    if (cx->jr.pos < cx->jr.n && cx->jr.s[cx->jr.pos] == '{') cx->jr.pos++;
    else if ((rc = rmq_jr_expect(&cx->jr, '{'))) return rc;
    int state = 0;
    bool done = false;
    for (;;) {
        rmq_jtoken key;
        if ((rc = rmq_jr_member_quick(&cx->jr, &state, &done, &key))) return rc;
        if (done) return RMQ_OK;
        void *item = next_item(cx, g, start, &rc);
        if (!item || (rc = fn(cx, &key, item, 0, depth + 1))) return rc;
    }
}

/* ---- QueueData ---- */
static int queue_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_data *q = obj;
    if (KEY_IS(k, "brokerName")) return read_str(cx, &q->broker_name);
    if (KEY_IS(k, "perm")) return read_i32(cx, &q->perm);
    if (KEY_IS(k, "readQueueNums")) return read_i32(cx, &q->read_queue_nums);
    if (KEY_IS(k, "writeQueueNums")) return read_i32(cx, &q->write_queue_nums);
    if (KEY_IS(k, "topicSysFlag")) return read_i32(cx, &q->topic_sys_flag);
    return skip_value(cx, depth);
}

/* ---- BrokerData ---- */
static int addr_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    (void)i;
    rmq_broker_addr *a = obj;
    int rc = key_int64(cx, k, &a->id);
    return rc ? rc : read_str(cx, &a->addr);
}

#define ADDRS_ON_STACK 8

static int broker_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_broker_data *b = obj;
    if (KEY_IS(k, "cluster")) return read_str(cx, &b->cluster);
    if (KEY_IS(k, "brokerName")) return read_str(cx, &b->broker_name);
    if (KEY_IS(k, "zoneName")) return read_str(cx, &b->zone_name);
    if (KEY_IS(k, "enableActingMaster")) {
        b->has_acting_master = true;
        return read_bool(cx, &b->enable_acting_master);
    }
    if (KEY_IS(k, "brokerAddrs")) {
        b->has_addrs = false;
        b->addrs = NULL;
        b->addr_count = 0;
        if (take_null(cx)) return RMQ_OK;
        int rc = expect_container(cx, '{');
        if (rc) return rc;
        rmq_broker_addr stack[ADDRS_ON_STACK];
        rmq_gather g;
        rmq_gather_init(&g, stack, ADDRS_ON_STACK, sizeof *stack, _Alignof(rmq_broker_addr));
        void *items;
        if ((rc = each_map_entry(cx, depth, &g, addr_member)) || (rc = finish_items(cx, &g, &items, &b->addr_count)))
            return rc;
        b->has_addrs = true;
        b->addrs = items;
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

/* ---- filterServerTable ---- */
#define SERVERS_ON_STACK 8

static int filter_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_filter_servers *f = obj;
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &f->broker_addr.ptr, &f->broker_addr.len);
    if (rc) return rc;
    f->has_servers = false;
    f->servers = NULL;
    f->count = 0;
    if (take_null(cx)) return RMQ_OK;
    if ((rc = expect_container(cx, '['))) return rc;
    size_t start = cx->jr.pos;
    if ((rc = rmq_jr_expect(&cx->jr, '['))) return rc;
    (void)depth;
    rmq_str stack[SERVERS_ON_STACK];
    rmq_gather g;
    rmq_gather_init(&g, stack, SERVERS_ON_STACK, sizeof *stack, _Alignof(rmq_str));
    int state = 0;
    bool done;
    for (;;) {
        if ((rc = rmq_jr_element_quick(&cx->jr, &state, &done))) return rc;
        if (done) break;
        rmq_str *server = next_item(cx, &g, start, &rc);
        if (!server || (rc = read_str(cx, server))) return rc;
    }
    void *items;
    if ((rc = finish_items(cx, &g, &items, &f->count))) return rc;
    f->has_servers = true;
    f->servers = items;
    return RMQ_OK;
}

/* ---- topicQueueMappingByBroker (5.x) ---- */
static int id_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    (void)i;
    rmq_id_pair *p = obj;
    int64_t key;
    int rc = key_int64(cx, k, &key);
    if (rc) return rc;
    if (key < INT32_MIN || key > INT32_MAX) return fail_at(cx, RMQ_ERR_JSON_NUMBER, k->start, "queue id out of range");
    p->logical = (int32_t)key;
    return read_i32(cx, &p->physical);
}

#define IDS_ON_STACK 16

static int mapping_field(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_mapping *m = obj;
    if (KEY_IS(k, "bname")) return read_str(cx, &m->bname);
    if (KEY_IS(k, "topic")) return read_str(cx, &m->topic);
    if (KEY_IS(k, "scope")) return read_str(cx, &m->scope);
    if (KEY_IS(k, "totalQueues")) return read_i32(cx, &m->total_queues);
    if (KEY_IS(k, "epoch")) return read_i64(cx, &m->epoch, INT64_MIN, INT64_MAX);
    if (KEY_IS(k, "dirty")) return read_bool(cx, &m->dirty);
    if (KEY_IS(k, "currIdMap")) {
        m->has_curr_id_map = false;
        m->curr_id_map = NULL;
        m->curr_id_count = 0;
        if (take_null(cx)) return RMQ_OK;
        int rc = expect_container(cx, '{');
        if (rc) return rc;
        rmq_id_pair stack[IDS_ON_STACK];
        rmq_gather g;
        rmq_gather_init(&g, stack, IDS_ON_STACK, sizeof *stack, _Alignof(rmq_id_pair));
        void *items;
        if ((rc = each_map_entry(cx, depth, &g, id_member)) || (rc = finish_items(cx, &g, &items, &m->curr_id_count)))
            return rc;
        m->has_curr_id_map = true;
        m->curr_id_map = items;
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

static int mapping_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_mapping *m = obj;
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &m->key.ptr, &m->key.len);
    if (rc) return rc;
    if (take_null(cx)) return RMQ_OK;
    if ((rc = expect_container(cx, '{'))) return rc;
    return each_member(cx, depth, m, mapping_field, mapping_keys);
}

/* An array of objects, each parsed by fn into items of `size` bytes (gathered in `stack` first). */
static int object_array(route_ctx *cx, uint32_t depth, void *stack, size_t stack_cap, size_t size, size_t align,
                        member_fn fn, const known_key *known, void **items, size_t *count)
{
    int rc = expect_container(cx, '[');
    if (rc) return rc;
    size_t start = cx->jr.pos;
    cx->jr.pos++; /* the '[' expect_container saw */
    rmq_gather g;
    rmq_gather_init(&g, stack, stack_cap, size, align);
    int state = 0;
    bool done;
    for (;;) {
        if ((rc = rmq_jr_element_quick(&cx->jr, &state, &done))) return rc;
        if (done) break;
        void *item = next_item(cx, &g, start, &rc);
        if (!item) return rc;
        if (take_null(cx)) continue; /* a null element stays all-null */
        if ((rc = expect_container(cx, '{')) || (rc = each_member(cx, depth + 1, item, fn, known))) return rc;
    }
    return finish_items(cx, &g, items, count);
}

#define LIST_ON_STACK 16
#define MAP_ON_STACK 8

static int route_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_route *r = obj;
    int rc;
    if (KEY_IS(k, "orderTopicConf")) return read_str(cx, &r->order_topic_conf);
    if (KEY_IS(k, "queueDatas")) {
        r->has_queue_datas = false;
        if (take_null(cx)) return RMQ_OK;
        rmq_queue_data stack[LIST_ON_STACK];
        void *items = NULL;
        if ((rc = object_array(cx, depth, stack, LIST_ON_STACK, sizeof(rmq_queue_data), _Alignof(rmq_queue_data),
                               queue_member, queue_keys, &items, &r->queue_count)))
            return rc;
        r->queue_datas = items;
        r->has_queue_datas = true;
        return RMQ_OK;
    }
    if (KEY_IS(k, "brokerDatas")) {
        r->has_broker_datas = false;
        if (take_null(cx)) return RMQ_OK;
        rmq_broker_data stack[LIST_ON_STACK];
        void *items = NULL;
        if ((rc = object_array(cx, depth, stack, LIST_ON_STACK, sizeof(rmq_broker_data), _Alignof(rmq_broker_data),
                               broker_member, broker_keys, &items, &r->broker_count)))
            return rc;
        r->broker_datas = items;
        r->has_broker_datas = true;
        return RMQ_OK;
    }
    bool filters = KEY_IS(k, "filterServerTable");
    if (filters || KEY_IS(k, "topicQueueMappingByBroker")) {
        if (filters) r->has_filter_server_table = false;
        else r->has_queue_mapping = false;
        if (take_null(cx)) return RMQ_OK;
        if ((rc = expect_container(cx, '{'))) return rc;
        void *items;
        if (filters) {
            rmq_filter_servers stack[MAP_ON_STACK];
            rmq_gather g;
            rmq_gather_init(&g, stack, MAP_ON_STACK, sizeof *stack, _Alignof(rmq_filter_servers));
            if ((rc = each_map_entry(cx, depth, &g, filter_member)) ||
                (rc = finish_items(cx, &g, &items, &r->filter_count)))
                return rc;
            r->filter_servers = items;
            r->has_filter_server_table = true;
        } else {
            rmq_queue_mapping stack[MAP_ON_STACK];
            rmq_gather g;
            rmq_gather_init(&g, stack, MAP_ON_STACK, sizeof *stack, _Alignof(rmq_queue_mapping));
            if ((rc = each_map_entry(cx, depth, &g, mapping_member)) ||
                (rc = finish_items(cx, &g, &items, &r->mapping_count)))
                return rc;
            r->queue_mappings = items;
            r->has_queue_mapping = true;
        }
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

int rmq_route_decode(const uint8_t *body, size_t len, const rmq_decode_options *opts, rmq_arena *arena,
                     rmq_route *route, rmq_error *err)
{
    if (!rmq_options_valid(opts)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "unknown leniency bits or release");
    rmq_limits lim;
    rmq_limits_resolve(&lim, opts);
    return rmq_route_decode_limits(body, len, &lim, arena, route, err);
}

int rmq_route_decode_limits(const uint8_t *body, size_t len, const rmq_limits *limits, rmq_arena *arena,
                            rmq_route *route, rmq_error *err)
{
    if ((!body && len) || !route) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    const rmq_limits lim = *limits;
    if (!lim.general_reader_only) {
        rmq_arena_mark mark = rmq_arena_get_mark(arena);
        memset(route, 0, sizeof *route);
        if (rmq_route_decode_canonical(body, len, &lim, arena, route)) return RMQ_OK;
        rmq_arena_rewind(arena, &mark);
    }
    route_ctx cx;
    rmq_jr_init(&cx.jr, body, len, 0, &lim, err);
    cx.arena = arena;
    cx.max_list = lim.max_list;
    memset(route, 0, sizeof *route);
    if (rmq_jr_peek(&cx.jr) != '{') return fail_at(&cx, RMQ_ERR_JSON_NOT_OBJECT, cx.jr.pos, "route body is not a JSON object");
    int rc = each_member(&cx, 0, route, route_member, route_keys);
    return rc ? rc : rmq_jr_end(&cx.jr);
}

size_t rmq_route_decode_bound(size_t len)
{
    /* every list/map entry takes at least 2 input bytes ("{}", "\"\"", 0:"" …), strings grow at
     * most 3x, and each allocation may add 16 bytes of alignment */
    size_t largest = sizeof(rmq_broker_data);
    if (sizeof(rmq_queue_mapping) > largest) largest = sizeof(rmq_queue_mapping);
    if (sizeof(rmq_filter_servers) > largest) largest = sizeof(rmq_filter_servers);
    size_t entries = len / 2 + 1;
    if (entries > SIZE_MAX / 8 / (largest + 16 + 8)) return SIZE_MAX;
    /* lists are gathered in one pass: a list may take RMQ_GATHER_WORST of its final size meanwhile */
    return RMQ_GATHER_WORST(entries, largest + 16 + 8) + 3 * len + 64;
}
