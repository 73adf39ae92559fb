/* TopicRouteData bodies in both fastjson dialects (SPEC §12.2–12.3). */
#include "rmqwire/route.h"

#include "internal/error_set.h"
#include "internal/json_reader.h"
#include "internal/limits.h"

#include <string.h>

typedef struct route_ctx {
    rmq_jreader jr;
    rmq_arena *arena;
    uint32_t max_list;
} route_ctx;

static int fail_at(route_ctx *cx, int code, size_t at, const char *msg) { return rmq_jr_fail(&cx->jr, code, at, msg); }

/* Count the members/elements of the container at the reader (not consumed); position restored. */
static int count_items(route_ctx *cx, uint32_t depth, size_t *n)
{
    size_t start = cx->jr.pos;
    bool object = rmq_jr_peek(&cx->jr) == '{';
    int rc = rmq_jr_expect(&cx->jr, object ? '{' : '[');
    if (rc) return rc;
    int state = 0;
    bool done = false;
    *n = 0;
    for (;;) {
        rmq_jtoken key, val;
        rc = object ? rmq_jr_member(&cx->jr, &state, &done, &key) : rmq_jr_element(&cx->jr, &state, &done);
        if (rc) return rc;
        if (done) break;
        if ((rc = rmq_jr_value(&cx->jr, &val, depth + 1))) return rc;
        if (++*n > cx->max_list) return fail_at(cx, RMQ_ERR_TOO_MANY_FIELDS, start, "list or map too long");
    }
    cx->jr.pos = start;
    return RMQ_OK;
}

static void *alloc_items(route_ctx *cx, size_t n, size_t size, size_t align, int *rc)
{
    *rc = RMQ_OK;
    if (n == 0) return NULL;
    void *p = rmq_arena_alloc(cx->arena, n * size, align);
    if (!p) *rc = fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    return p;
}

static int read_str(route_ctx *cx, rmq_str *out)
{
    rmq_jtoken t;
    int rc = rmq_jr_value(&cx->jr, &t, 1);
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
    return rmq_jr_string(&cx->jr, &t, cx->arena, &out->ptr, &out->len);
}

static int read_i64(route_ctx *cx, int64_t *v, int64_t lo, int64_t hi)
{
    rmq_jtoken t;
    int rc = rmq_jr_value(&cx->jr, &t, 1);
    if (rc) return rc;
    if (t.kind == RMQ_J_NULL) { /* a primitive stays 0 */
        *v = 0;
        return RMQ_OK;
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

static int each_member(route_ctx *cx, uint32_t depth, void *obj, member_fn fn)
{
    if (depth >= cx->jr.max_depth) return fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    int rc = rmq_jr_expect(&cx->jr, '{');
    if (rc) return rc;
    int state = 0;
    bool done = false;
    for (size_t i = 0;; i++) {
        rmq_jtoken key;
        if ((rc = rmq_jr_member(&cx->jr, &state, &done, &key))) return rc;
        if (done) return RMQ_OK;
        if ((rc = fn(cx, &key, obj, i, depth + 1))) return rc;
    }
}

static int skip_value(route_ctx *cx, uint32_t depth)
{
    rmq_jtoken t;
    return rmq_jr_value(&cx->jr, &t, depth);
}

static bool is_key(route_ctx *cx, const rmq_jtoken *k, const char *name) { return rmq_jr_token_is(&cx->jr, k, name); }

/* Is the next value null? (consumes it if so) */
static bool take_null(route_ctx *cx)
{
    if (rmq_jr_peek(&cx->jr) != 'n') return false;
    rmq_jtoken t;
    size_t at = cx->jr.pos;
    if (rmq_jr_value(&cx->jr, &t, 1) == RMQ_OK && t.kind == RMQ_J_NULL) return true;
    cx->jr.pos = at;
    return false;
}

static int expect_container(route_ctx *cx, char open)
{
    int c = rmq_jr_peek(&cx->jr);
    if (c != open) return fail_at(cx, RMQ_ERR_JSON_TYPE, cx->jr.pos, open == '{' ? "expected an object" : "expected an array");
    return RMQ_OK;
}

/* ---- QueueData ---- */
static int queue_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_data *q = obj;
    if (is_key(cx, k, "brokerName")) return read_str(cx, &q->broker_name);
    if (is_key(cx, k, "perm")) return read_i32(cx, &q->perm);
    if (is_key(cx, k, "readQueueNums")) return read_i32(cx, &q->read_queue_nums);
    if (is_key(cx, k, "writeQueueNums")) return read_i32(cx, &q->write_queue_nums);
    if (is_key(cx, k, "topicSysFlag")) return read_i32(cx, &q->topic_sys_flag);
    return skip_value(cx, depth);
}

/* ---- BrokerData ---- */
static int addr_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    rmq_broker_addr *a = (rmq_broker_addr *)obj + i;
    int rc = key_int64(cx, k, &a->id);
    return rc ? rc : read_str(cx, &a->addr);
}

static int broker_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_broker_data *b = obj;
    if (is_key(cx, k, "cluster")) return read_str(cx, &b->cluster);
    if (is_key(cx, k, "brokerName")) return read_str(cx, &b->broker_name);
    if (is_key(cx, k, "zoneName")) return read_str(cx, &b->zone_name);
    if (is_key(cx, k, "enableActingMaster")) {
        b->has_acting_master = true;
        return read_bool(cx, &b->enable_acting_master);
    }
    if (is_key(cx, k, "brokerAddrs")) {
        b->has_addrs = false;
        b->addrs = NULL;
        b->addr_count = 0;
        if (take_null(cx)) return RMQ_OK;
        int rc = expect_container(cx, '{');
        size_t n;
        if (rc || (rc = count_items(cx, depth, &n))) return rc;
        rmq_broker_addr *addrs = alloc_items(cx, n, sizeof *addrs, _Alignof(rmq_broker_addr), &rc);
        if (rc || (rc = each_member(cx, depth, addrs, addr_member))) return rc;
        b->has_addrs = true;
        b->addrs = addrs;
        b->addr_count = n;
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

/* ---- filterServerTable ---- */
static int filter_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    rmq_filter_servers *f = (rmq_filter_servers *)obj + i;
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &f->broker_addr.ptr, &f->broker_addr.len);
    if (rc) return rc;
    f->has_servers = false;
    f->servers = NULL;
    f->count = 0;
    if (take_null(cx)) return RMQ_OK;
    if ((rc = expect_container(cx, '['))) return rc;
    size_t n;
    if ((rc = count_items(cx, depth, &n))) return rc;
    rmq_str *servers = alloc_items(cx, n, sizeof *servers, _Alignof(rmq_str), &rc);
    if (rc || (rc = rmq_jr_expect(&cx->jr, '['))) return rc;
    int state = 0;
    bool done;
    for (size_t j = 0; j < n; j++) {
        if ((rc = rmq_jr_element(&cx->jr, &state, &done)) || (rc = read_str(cx, &servers[j]))) return rc;
    }
    if ((rc = rmq_jr_element(&cx->jr, &state, &done))) return rc;
    f->has_servers = true;
    f->servers = servers;
    f->count = n;
    return RMQ_OK;
}

/* ---- topicQueueMappingByBroker (5.x) ---- */
static int id_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    rmq_id_pair *p = (rmq_id_pair *)obj + i;
    int64_t key;
    int rc = key_int64(cx, k, &key);
    if (rc) return rc;
    if (key < INT32_MIN || key > INT32_MAX) return fail_at(cx, RMQ_ERR_JSON_NUMBER, k->start, "queue id out of range");
    p->logical = (int32_t)key;
    return read_i32(cx, &p->physical);
}

static int mapping_field(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_mapping *m = obj;
    if (is_key(cx, k, "bname")) return read_str(cx, &m->bname);
    if (is_key(cx, k, "topic")) return read_str(cx, &m->topic);
    if (is_key(cx, k, "scope")) return read_str(cx, &m->scope);
    if (is_key(cx, k, "totalQueues")) return read_i32(cx, &m->total_queues);
    if (is_key(cx, k, "epoch")) return read_i64(cx, &m->epoch, INT64_MIN, INT64_MAX);
    if (is_key(cx, k, "dirty")) return read_bool(cx, &m->dirty);
    if (is_key(cx, k, "currIdMap")) {
        m->has_curr_id_map = false;
        m->curr_id_map = NULL;
        m->curr_id_count = 0;
        if (take_null(cx)) return RMQ_OK;
        int rc = expect_container(cx, '{');
        size_t n;
        if (rc || (rc = count_items(cx, depth, &n))) return rc;
        rmq_id_pair *ids = alloc_items(cx, n, sizeof *ids, _Alignof(rmq_id_pair), &rc);
        if (rc || (rc = each_member(cx, depth, ids, id_member))) return rc;
        m->has_curr_id_map = true;
        m->curr_id_map = ids;
        m->curr_id_count = n;
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

static int mapping_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    rmq_queue_mapping *m = (rmq_queue_mapping *)obj + i;
    memset(m, 0, sizeof *m);
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &m->key.ptr, &m->key.len);
    if (rc) return rc;
    if (take_null(cx)) return RMQ_OK;
    if ((rc = expect_container(cx, '{'))) return rc;
    return each_member(cx, depth, m, mapping_field);
}

/* An array of objects, each parsed by fn into items of `size` bytes. */
static int object_array(route_ctx *cx, uint32_t depth, size_t size, size_t align, member_fn fn, void **items,
                        size_t *count)
{
    int rc = expect_container(cx, '[');
    size_t n;
    if (rc || (rc = count_items(cx, depth, &n))) return rc;
    unsigned char *arr = alloc_items(cx, n, size, align, &rc);
    if (rc) return rc;
    if (n) memset(arr, 0, n * size);
    if ((rc = rmq_jr_expect(&cx->jr, '['))) return rc;
    int state = 0;
    bool done;
    for (size_t i = 0; i < n; i++) {
        if ((rc = rmq_jr_element(&cx->jr, &state, &done))) return rc;
        if (take_null(cx)) continue; /* a null element stays all-null */
        if ((rc = expect_container(cx, '{')) || (rc = each_member(cx, depth + 1, arr + i * size, fn))) return rc;
    }
    if ((rc = rmq_jr_element(&cx->jr, &state, &done))) return rc;
    *items = arr;
    *count = n;
    return RMQ_OK;
}

static int route_member(route_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_route *r = obj;
    int rc;
    if (is_key(cx, k, "orderTopicConf")) return read_str(cx, &r->order_topic_conf);
    if (is_key(cx, k, "queueDatas")) {
        r->has_queue_datas = false;
        if (take_null(cx)) return RMQ_OK;
        void *items = NULL;
        if ((rc = object_array(cx, depth, sizeof(rmq_queue_data), _Alignof(rmq_queue_data), queue_member, &items, &r->queue_count))) return rc;
        r->queue_datas = items;
        r->has_queue_datas = true;
        return RMQ_OK;
    }
    if (is_key(cx, k, "brokerDatas")) {
        r->has_broker_datas = false;
        if (take_null(cx)) return RMQ_OK;
        void *items = NULL;
        if ((rc = object_array(cx, depth, sizeof(rmq_broker_data), _Alignof(rmq_broker_data), broker_member, &items, &r->broker_count))) return rc;
        r->broker_datas = items;
        r->has_broker_datas = true;
        return RMQ_OK;
    }
    if (is_key(cx, k, "filterServerTable") || is_key(cx, k, "topicQueueMappingByBroker")) {
        bool filters = is_key(cx, k, "filterServerTable");
        if (filters) r->has_filter_server_table = false;
        else r->has_queue_mapping = false;
        if (take_null(cx)) return RMQ_OK;
        size_t n;
        if ((rc = expect_container(cx, '{')) || (rc = count_items(cx, depth, &n))) return rc;
        void *items = filters ? alloc_items(cx, n, sizeof(rmq_filter_servers), _Alignof(rmq_filter_servers), &rc)
                              : alloc_items(cx, n, sizeof(rmq_queue_mapping), _Alignof(rmq_queue_mapping), &rc);
        if (rc || (rc = each_member(cx, depth, items, filters ? filter_member : mapping_member))) return rc;
        if (filters) {
            r->filter_servers = items;
            r->filter_count = n;
            r->has_filter_server_table = true;
        } else {
            r->queue_mappings = items;
            r->mapping_count = n;
            r->has_queue_mapping = true;
        }
        return RMQ_OK;
    }
    return skip_value(cx, depth);
}

int rmq_route_decode(const uint8_t *body, size_t len, const rmq_decode_options *opts, rmq_arena *arena,
                     rmq_route *route, rmq_error *err)
{
    if ((!body && len) || !route) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_limits lim;
    rmq_limits_resolve(&lim, opts);
    route_ctx cx;
    rmq_jr_init(&cx.jr, body, len, 0, lim.leniency, err);
    cx.jr.max_depth = lim.max_json_depth;
    cx.jr.max_string = lim.max_string;
    cx.arena = arena;
    cx.max_list = lim.max_list;
    memset(route, 0, sizeof *route);
    if (rmq_jr_peek(&cx.jr) != '{') return fail_at(&cx, RMQ_ERR_JSON_NOT_OBJECT, cx.jr.pos, "route body is not a JSON object");
    int rc = each_member(&cx, 0, route, route_member);
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
    if (entries > SIZE_MAX / (largest + 16 + 8)) return SIZE_MAX;
    return entries * (largest + 16 + 8) + 3 * len + 64;
}
