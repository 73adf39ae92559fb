/* TopicRouteData bodies in both fastjson dialects (SPEC §12.2–12.3). */
#include "rmqwire/route.h"

#include "internal/arena.h"
#include "internal/error_set.h"
#include "internal/gather.h"
#include "internal/java_number.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"
#include "internal/limits.h"
#include "internal/route_codec.h"
#include "internal/utf8.h"

#include <string.h>

/* An integer map key: bare (plain dialect) or quoted (standard dialect). */
static int key_int64(rmq_jf_ctx *cx, const rmq_jtoken *key, int64_t *v)
{
    rmq_jtoken t = *key;
    if (t.kind == RMQ_J_WORD) t.kind = RMQ_J_NUMBER;
    else if (t.kind == RMQ_J_STRING) {
        /* a quoted number key is standard JSON, not the "number as string" tolerance */
        uint32_t saved = cx->jr.leniency;
        cx->jr.leniency |= RMQ_LENIENT_JSON_NUMERIC_STRINGS;
        int rc = rmq_jr_int64(&cx->jr, &t, v);
        cx->jr.leniency = saved;
        /* LongCodec casts the text as TypeUtils.castToLong does: "1,0" is 10 */
        if (rc == RMQ_ERR_JSON_NUMBER && !t.has_escape && (cx->jr.leniency & RMQ_LENIENT_JSON_NUMBER_FORMS) &&
            rmq_java_cast_long(cx->jr.s + t.start + 1, t.end - t.start - 2, v)) {
            cx->jr.notes |= RMQ_NOTE_NUMBER_FORM;
            return RMQ_OK;
        }
        return rc;
    }
    return rmq_jr_int64(&cx->jr, &t, v);
}

static const rmq_jf_known_key route_keys[] = {K("orderTopicConf"), K("queueDatas"), K("brokerDatas"),
                                       K("filterServerTable"), K("topicQueueMappingByBroker"), {NULL, 0}};
/* 4.9.8's TopicRouteData and BrokerData have no 5.x fields: fastjson skips them as unknown keys */
static const rmq_jf_known_key route_keys_498[] = {K("orderTopicConf"), K("queueDatas"), K("brokerDatas"),
                                           K("filterServerTable"), {NULL, 0}};
static const rmq_jf_known_key queue_keys[] = {K("brokerName"), K("perm"), K("readQueueNums"), K("writeQueueNums"),
                                       K("topicSysFlag"), {NULL, 0}};
static const rmq_jf_known_key broker_keys[] = {K("cluster"), K("brokerName"), K("zoneName"), K("enableActingMaster"),
                                        K("brokerAddrs"), {NULL, 0}};
static const rmq_jf_known_key broker_keys_498[] = {K("cluster"), K("brokerName"), K("brokerAddrs"), {NULL, 0}};

/* The beans as fastjson reads them (properties in name order, each with its quick scan). */
#define P(name, kind) {name, "\"" name "\":", (uint8_t)(sizeof name + 2), kind}
static const rmq_fj_prop route_props_498[] = {P("brokerDatas", RMQ_FJK_MATCH), P("filterServerTable", RMQ_FJK_MATCH),
                                              P("orderTopicConf", RMQ_FJK_STRING), P("queueDatas", RMQ_FJK_MATCH)};
static const rmq_fj_prop route_props[] = {P("brokerDatas", RMQ_FJK_MATCH), P("filterServerTable", RMQ_FJK_MATCH),
                                          P("orderTopicConf", RMQ_FJK_STRING), P("queueDatas", RMQ_FJK_MATCH),
                                          P("topicQueueMappingByBroker", RMQ_FJK_MATCH)};
static const rmq_fj_prop queue_props[] = {P("brokerName", RMQ_FJK_STRING), P("perm", RMQ_FJK_INT),
                                          P("readQueueNums", RMQ_FJK_INT), P("topicSysFlag", RMQ_FJK_INT),
                                          P("writeQueueNums", RMQ_FJK_INT)};
static const rmq_fj_prop broker_props_498[] = {P("brokerAddrs", RMQ_FJK_MATCH), P("brokerName", RMQ_FJK_STRING),
                                               P("cluster", RMQ_FJK_STRING)};
/* booleans and longs (scanFieldBoolean, scanFieldLong) are not modelled: their keys are read */
static const rmq_fj_prop broker_props[] = {P("brokerAddrs", RMQ_FJK_MATCH), P("brokerName", RMQ_FJK_STRING),
                                           P("cluster", RMQ_FJK_STRING), P("enableActingMaster", RMQ_FJK_OTHER),
                                           P("zoneName", RMQ_FJK_STRING)};
static const rmq_fj_prop mapping_props[] = {P("bname", RMQ_FJK_STRING), P("currIdMap", RMQ_FJK_MATCH),
                                            P("dirty", RMQ_FJK_OTHER), P("epoch", RMQ_FJK_OTHER),
                                            P("scope", RMQ_FJK_STRING), P("topic", RMQ_FJK_STRING),
                                            P("totalQueues", RMQ_FJK_INT)};
#undef P
#define BEAN(props) {props, (int)(sizeof props / sizeof props[0])}
static const rmq_fj_bean route_bean_498 = BEAN(route_props_498), route_bean = BEAN(route_props),
                         queue_bean = BEAN(queue_props), broker_bean_498 = BEAN(broker_props_498),
                         broker_bean = BEAN(broker_props), mapping_bean = BEAN(mapping_props);
#undef BEAN

/* The reading context: the shared one, and whether the release has the 5.x fields. */
typedef struct route_ctx {
    rmq_jf_ctx jf; /* first: the member callbacks get &jf and find the rest */
    bool v5_fields;
} route_ctx;

static bool v5_fields(const rmq_jf_ctx *cx) { return ((const route_ctx *)(const void *)cx)->v5_fields; }
static const rmq_jf_known_key mapping_keys[] = {K("bname"), K("topic"), K("scope"), K("totalQueues"), K("epoch"),
                                         K("dirty"), K("currIdMap"), {NULL, 0}};
#undef K

/* A null where a list or map property is wanted (consumed if so): its deserializer reads
 * on with nextToken(COMMA), a String-keyed map's entry (by_comma false) with nextToken(). */
static bool take_null(rmq_jf_ctx *cx, bool by_comma)
{
    if (!rmq_jf_take_null(cx)) return false;
    cx->jr.next_by_comma = by_comma;
    return true;
}

/* ---- QueueData ---- */
static int queue_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_data *q = obj;
    if (KEY_IS(k, "brokerName")) return rmq_jf_read_str(cx, &q->broker_name);
    if (KEY_IS(k, "perm")) return rmq_jf_read_i32(cx, &q->perm);
    if (KEY_IS(k, "readQueueNums")) return rmq_jf_read_i32(cx, &q->read_queue_nums);
    if (KEY_IS(k, "writeQueueNums")) return rmq_jf_read_i32(cx, &q->write_queue_nums);
    if (KEY_IS(k, "topicSysFlag")) return rmq_jf_read_i32(cx, &q->topic_sys_flag);
    return rmq_jf_skip_value(cx, depth);
}

/* ---- BrokerData ---- */
static int addr_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    (void)i;
    rmq_broker_addr *a = obj;
    int rc = key_int64(cx, k, &a->id);
    return rc ? rc : rmq_jf_read_str(cx, &a->addr);
}

#define ADDRS_ON_STACK 8

static int broker_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_broker_data *b = obj;
    if (KEY_IS(k, "cluster")) return rmq_jf_read_str(cx, &b->cluster);
    if (KEY_IS(k, "brokerName")) return rmq_jf_read_str(cx, &b->broker_name);
    if (!v5_fields(cx)) {
        if (!KEY_IS(k, "brokerAddrs")) return rmq_jf_skip_value(cx, depth);
    } else if (KEY_IS(k, "zoneName")) {
        return rmq_jf_read_str(cx, &b->zone_name);
    }
    if (KEY_IS(k, "enableActingMaster")) {
        b->has_acting_master = true;
        return rmq_jf_read_bool(cx, &b->enable_acting_master);
    }
    if (KEY_IS(k, "brokerAddrs")) {
        b->has_addrs = false;
        b->addrs = NULL;
        b->addr_count = 0;
        if (take_null(cx, true)) return RMQ_OK;
        int rc = rmq_jf_expect_container(cx, '{');
        if (rc) return rc;
        rmq_broker_addr stack[ADDRS_ON_STACK];
        rmq_gather g;
        rmq_gather_init(&g, stack, ADDRS_ON_STACK, sizeof *stack, _Alignof(rmq_broker_addr));
        void *items;
        if ((rc = rmq_jf_each_map_entry(cx, depth, &g, addr_member, false)) || (rc = rmq_jf_finish_items(cx, &g, &items, &b->addr_count)))
            return rc;
        b->has_addrs = true;
        b->addrs = items;
        return RMQ_OK;
    }
    return rmq_jf_skip_value(cx, depth);
}

/* ---- filterServerTable ---- */
#define SERVERS_ON_STACK 8

static int server_item(rmq_jf_ctx *cx, void *item)
{
    /* parseArray takes a string item itself (nextToken(COMMA) after it) and hands any
     * other to parse() */
    int c = rmq_jr_peek(&cx->jr);
    int rc = rmq_jf_read_str(cx, item);
    if (c != '"' && c != '\'') cx->jr.next_by_comma = c == '[';
    return rc;
}

static int filter_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    (void)depth;
    rmq_filter_servers *f = obj;
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &f->broker_addr.ptr, &f->broker_addr.len);
    if (rc) return rc;
    f->has_servers = false;
    f->servers = NULL;
    f->count = 0;
    if (take_null(cx, false)) return RMQ_OK;
    rmq_str stack[SERVERS_ON_STACK];
    void *items;
    if ((rc = rmq_jf_scalar_array(cx, stack, SERVERS_ON_STACK, sizeof *stack, _Alignof(rmq_str), server_item, &items,
                                  &f->count)))
        return rc;
    f->has_servers = true;
    f->servers = items;
    return RMQ_OK;
}

/* ---- topicQueueMappingByBroker (5.x) ---- */
static int id_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)depth;
    (void)i;
    rmq_id_pair *p = obj;
    int64_t key;
    int rc = key_int64(cx, k, &key);
    if (rc) return rc;
    if (key < INT32_MIN || key > INT32_MAX) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NUMBER, k->start, "queue id out of range");
    p->logical = (int32_t)key;
    return rmq_jf_read_i32(cx, &p->physical);
}

#define IDS_ON_STACK 16

static int mapping_field(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_mapping *m = obj;
    if (KEY_IS(k, "bname")) return rmq_jf_read_str(cx, &m->bname);
    if (KEY_IS(k, "topic")) return rmq_jf_read_str(cx, &m->topic);
    if (KEY_IS(k, "scope")) return rmq_jf_read_str(cx, &m->scope);
    if (KEY_IS(k, "totalQueues")) return rmq_jf_read_i32(cx, &m->total_queues);
    if (KEY_IS(k, "epoch")) return rmq_jf_read_i64(cx, &m->epoch, INT64_MIN, INT64_MAX);
    if (KEY_IS(k, "dirty")) return rmq_jf_read_bool(cx, &m->dirty);
    if (KEY_IS(k, "currIdMap")) {
        m->has_curr_id_map = false;
        m->curr_id_map = NULL;
        m->curr_id_count = 0;
        if (take_null(cx, true)) return RMQ_OK;
        int rc = rmq_jf_expect_container(cx, '{');
        if (rc) return rc;
        rmq_id_pair stack[IDS_ON_STACK];
        rmq_gather g;
        rmq_gather_init(&g, stack, IDS_ON_STACK, sizeof *stack, _Alignof(rmq_id_pair));
        void *items;
        if ((rc = rmq_jf_each_map_entry(cx, depth, &g, id_member, false)) || (rc = rmq_jf_finish_items(cx, &g, &items, &m->curr_id_count)))
            return rc;
        m->has_curr_id_map = true;
        m->curr_id_map = items;
        return RMQ_OK;
    }
    return rmq_jf_skip_value(cx, depth);
}

static int mapping_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_queue_mapping *m = obj;
    int rc = rmq_jr_string(&cx->jr, k, cx->arena, &m->key.ptr, &m->key.len);
    if (rc) return rc;
    if (take_null(cx, false)) return RMQ_OK;
    if ((rc = rmq_jf_expect_container(cx, '{'))) return rc;
    /* what 5.3.3's TopicQueueMappingInfo() holds before fastjson sets anything */
    m->scope = (rmq_str){"__global__", 10};
    m->has_curr_id_map = true;
    return rmq_jf_bean_object(cx, depth, m, mapping_field, mapping_keys, &mapping_bean);
}

#define LIST_ON_STACK 16
#define MAP_ON_STACK 8

static int route_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_route *r = obj;
    int rc;
    if (KEY_IS(k, "orderTopicConf")) return rmq_jf_read_str(cx, &r->order_topic_conf);
    if (KEY_IS(k, "queueDatas")) {
        r->has_queue_datas = false;
        if (take_null(cx, true)) return RMQ_OK;
        rmq_queue_data stack[LIST_ON_STACK];
        void *items = NULL;
        if ((rc = rmq_jf_bean_array(cx, depth, stack, LIST_ON_STACK, sizeof(rmq_queue_data), _Alignof(rmq_queue_data),
                                    queue_member, queue_keys, &queue_bean, &items, &r->queue_count)))
            return rc;
        r->queue_datas = items;
        r->has_queue_datas = true;
        return RMQ_OK;
    }
    if (KEY_IS(k, "brokerDatas")) {
        r->has_broker_datas = false;
        if (take_null(cx, true)) return RMQ_OK;
        rmq_broker_data stack[LIST_ON_STACK];
        void *items = NULL;
        if ((rc = rmq_jf_bean_array(cx, depth, stack, LIST_ON_STACK, sizeof(rmq_broker_data), _Alignof(rmq_broker_data),
                                    broker_member, v5_fields(cx) ? broker_keys : broker_keys_498,
                                    v5_fields(cx) ? &broker_bean : &broker_bean_498, &items, &r->broker_count)))
            return rc;
        r->broker_datas = items;
        r->has_broker_datas = true;
        return RMQ_OK;
    }
    bool filters = KEY_IS(k, "filterServerTable");
    if (filters || (v5_fields(cx) && KEY_IS(k, "topicQueueMappingByBroker"))) {
        if (filters) r->has_filter_server_table = false;
        else r->has_queue_mapping = false;
        if (take_null(cx, true)) return RMQ_OK;
        if ((rc = rmq_jf_expect_container(cx, '{'))) return rc;
        void *items;
        if (filters) {
            rmq_filter_servers stack[MAP_ON_STACK];
            rmq_gather g;
            rmq_gather_init(&g, stack, MAP_ON_STACK, sizeof *stack, _Alignof(rmq_filter_servers));
            if ((rc = rmq_jf_each_map_entry(cx, depth, &g, filter_member, true)) ||
                (rc = rmq_jf_finish_items(cx, &g, &items, &r->filter_count)))
                return rc;
            r->filter_servers = items;
            r->has_filter_server_table = true;
        } else {
            rmq_queue_mapping stack[MAP_ON_STACK];
            rmq_gather g;
            rmq_gather_init(&g, stack, MAP_ON_STACK, sizeof *stack, _Alignof(rmq_queue_mapping));
            if ((rc = rmq_jf_each_map_entry(cx, depth, &g, mapping_member, true)) ||
                (rc = rmq_jf_finish_items(cx, &g, &items, &r->mapping_count)))
                return rc;
            r->queue_mappings = items;
            r->has_queue_mapping = true;
        }
        return RMQ_OK;
    }
    return rmq_jf_skip_value(cx, depth);
}

/* What the release's TopicRouteData() holds before fastjson sets anything: 5.3.3's
 * constructor makes the two lists and the filter map empty (null only when the body says
 * null), 4.9.8's leaves every field null. */
static void route_start(rmq_route *route, const rmq_limits *lim)
{
    memset(route, 0, sizeof *route);
    if (lim->release != RMQ_RELEASE_4_9_8)
        route->has_queue_datas = route->has_broker_datas = route->has_filter_server_table = true;
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
    size_t bad;
    if (lim.release != RMQ_RELEASE_4_9_8 && !(lim.leniency & RMQ_LENIENT_JSON_INVALID_UTF8) &&
        !rmq_utf8_valid(body, len, &bad)) {
        /* 5.3.3's fastjson (1.2.83) decodes the bytes first and gives no route for what is not
         * UTF-8, after trying it as a gzip stream (then it reads what that inflates to) */
        if (len >= 3 && body[0] == 0x1F && body[1] == 0x8B && body[2] == 8) /* gzip's magic, deflate */
            return rmq_fail(err, RMQ_ERR_UNSUPPORTED, 0, "a gzip route body, which fastjson 1.2.83 inflates (not modelled)");
        return rmq_fail(err, RMQ_ERR_UTF8, bad, "route body is not UTF-8 (RocketMQ 5.3.3: no route)");
    }
    if (!lim.general_reader_only) {
        rmq_arena_mark mark = rmq_arena_get_mark(arena);
        route_start(route, &lim);
        if (rmq_route_decode_canonical(body, len, &lim, arena, route)) return RMQ_OK;
        rmq_arena_rewind(arena, &mark);
    }
    route_ctx rc_ctx;
    rmq_jf_ctx *cx = &rc_ctx.jf;
    rmq_jr_init(&cx->jr, body, len, 0, &lim, err);
    cx->arena = arena;
    cx->max_list = lim.max_list;
    cx->loose_as = NULL;
    cx->match = NULL;
    cx->start_last = RMQ_FJ_LAST_OPEN;
    cx->by_field_deserializer = false;
    cx->pending = RMQ_FJT_COMMA;
    cx->refused_object = false;
    cx->jr.fastjson_words = true; /* fastjson's lexer: number suffixes, word delimiters, numbers that convert */
    rc_ctx.v5_fields = lim.release != RMQ_RELEASE_4_9_8;
    route_start(route, &lim);
    int c = rmq_jr_peek(&cx->jr);
    if (c < 0) /* JSON.parseObject gives null: no route at all */
        return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NOT_OBJECT, cx->jr.pos, "route body holds no JSON value (Java: null)");
    const rmq_jf_known_key *keys = rc_ctx.v5_fields ? route_keys : route_keys_498;
    const rmq_fj_bean *bean = rc_ctx.v5_fields ? &route_bean : &route_bean_498;
    /* after a lone '}' the generated deserializer's quick scans may still match: read on there */
    if (c == '}' && (lim.leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS) &&
        !rmq_fj_quick_name_at(bean, body, len, cx->jr.pos + 1)) {
        /* a lone RBRACE token: JavaBeanDeserializer makes an empty route of it */
        cx->jr.pos++;
        cx->jr.notes |= RMQ_NOTE_ODD_SEPARATOR;
        cx->jr.next_by_comma = true;
        return rmq_jr_fj_end(&cx->jr);
    }
    int rc;
    if (c != '{') {
        /* another first token: read as the generated deserializer reads on after it (a '['
         * goes to its array mapping instead, which these beans refuse) */
        if (c == '[' || !(lim.leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NOT_OBJECT, cx->jr.pos, "route body is not a JSON object");
        /* a literal null: parseObject gives null */
        if (cx->jr.n - cx->jr.pos >= 4 && !memcmp(cx->jr.s + cx->jr.pos, "null", 4))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NOT_OBJECT, cx->jr.pos, "route body holds no JSON object (Java: null)");
        rc = rmq_jf_bean_after_token(cx, 0, route, route_member, keys, bean);
    } else {
        rc = rmq_jf_bean_object(cx, 0, route, route_member, keys, bean);
    }
    /* parseObject's end as the bean read on past its '}' (a literal 0x1A may end the text) */
    if (!rc) return rmq_jr_fj_end(&cx->jr);
    /* a text that starts with fastjson's end of input (0x1A, after whitespace) is "blank" to
     * JavaBeanDeserializer, which then gives null where it would refuse a token: modelled for
     * the route itself (a refused item inside makes the whole route null here, not the item) */
    size_t first = rmq_fj_space_end(body, len, 0);
    if (cx->refused_object && first < len && body[first] == 0x1A)
        return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NOT_OBJECT, first, "route body starts with fastjson's end of input and Java refuses a token in it (Java: null)");
    return rc;
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
