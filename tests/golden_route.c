/* Golden check of route/ bodies and of route bodies inside live GET_ROUTEINFO_BY_TOPIC responses. */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIFF(...) do { snprintf(why, n, __VA_ARGS__); return false; } while (0)

static bool vstr_eq(rmq_str s, const vj *v)
{
    if (vj_is_null(v)) return s.ptr == NULL;
    return v->type == VJ_STR && s.ptr && s.len == v->slen && memcmp(s.ptr, v->s, s.len) == 0;
}

static bool vint_eq(int64_t x, const vj *v) { return v && v->type == VJ_NUM && v->is_int && v->i == x; }

static bool broker_matches(const rmq_broker_data *b, const vj *w, char *why, size_t n)
{
    if (!vstr_eq(b->cluster, vj_get(w, "cluster"))) DIFF("cluster");
    if (!vstr_eq(b->broker_name, vj_get(w, "brokerName"))) DIFF("brokerName");
    if (!vstr_eq(b->zone_name, vj_get(w, "zoneName"))) DIFF("zoneName");
    const vj *am = vj_get(w, "enableActingMaster");
    if (am && am->type == VJ_BOOL && am->b != b->enable_acting_master) DIFF("enableActingMaster");
    const vj *addrs = vj_get(w, "brokerAddrs");
    if (vj_is_null(addrs)) {
        if (b->has_addrs) DIFF("brokerAddrs present, Java null");
        return true;
    }
    if (!b->has_addrs || b->addr_count != addrs->n) DIFF("brokerAddrs count");
    for (size_t i = 0; i < addrs->n; i++) {
        int64_t id = strtoll(addrs->keys[i], NULL, 10);
        if (!vstr_eq(rmq_broker_addr_of(b, id), addrs->items[i])) DIFF("brokerAddrs[%s]", addrs->keys[i]);
    }
    return true;
}

static bool mapping_matches(const rmq_queue_mapping *m, const vj *w, char *why, size_t n)
{
    if (!vstr_eq(m->bname, vj_get(w, "bname")) || !vstr_eq(m->topic, vj_get(w, "topic")) ||
        !vstr_eq(m->scope, vj_get(w, "scope")))
        DIFF("mapping strings");
    if (!vint_eq(m->total_queues, vj_get(w, "totalQueues")) || !vint_eq(m->epoch, vj_get(w, "epoch"))) DIFF("mapping numbers");
    const vj *dirty = vj_get(w, "dirty");
    if (dirty && dirty->type == VJ_BOOL && dirty->b != m->dirty) DIFF("dirty");
    const vj *ids = vj_get(w, "currIdMap");
    if (vj_is_null(ids)) return !m->has_curr_id_map || (snprintf(why, n, "currIdMap"), false);
    if (m->curr_id_count != ids->n) DIFF("currIdMap count");
    for (size_t i = 0; i < ids->n; i++) {
        int32_t logical = (int32_t)strtol(ids->keys[i], NULL, 10);
        bool found = false;
        for (size_t j = 0; j < m->curr_id_count; j++)
            if (m->curr_id_map[j].logical == logical) found = vint_eq(m->curr_id_map[j].physical, ids->items[i]);
        if (!found) DIFF("currIdMap[%s]", ids->keys[i]);
    }
    return true;
}

static bool route_matches(const rmq_route *r, const vj *w, char *why, size_t n)
{
    if (!vstr_eq(r->order_topic_conf, vj_get(w, "orderTopicConf"))) DIFF("orderTopicConf");
    const vj *qd = vj_get(w, "queueDatas");
    if (vj_is_null(qd) == r->has_queue_datas) DIFF("queueDatas null-ness");
    for (size_t i = 0; qd && !vj_is_null(qd) && i < qd->n; i++) {
        if (r->queue_count != qd->n) DIFF("queueDatas count");
        const rmq_queue_data *q = &r->queue_datas[i];
        const vj *e = qd->items[i];
        if (vj_is_null(e)) { /* Java's null item: held all-null (the struct has no flag for it) */
            if (q->broker_name.ptr || q->perm || q->read_queue_nums || q->write_queue_nums || q->topic_sys_flag)
                DIFF("queueDatas[%zu] null", i);
            continue;
        }
        if (!vstr_eq(q->broker_name, vj_get(e, "brokerName")) || !vint_eq(q->perm, vj_get(e, "perm")) ||
            !vint_eq(q->read_queue_nums, vj_get(e, "readQueueNums")) ||
            !vint_eq(q->write_queue_nums, vj_get(e, "writeQueueNums")) || !vint_eq(q->topic_sys_flag, vj_get(e, "topicSysFlag")))
            DIFF("queueDatas[%zu]", i);
    }
    const vj *bd = vj_get(w, "brokerDatas");
    if (vj_is_null(bd) == r->has_broker_datas) DIFF("brokerDatas null-ness");
    if (bd && !vj_is_null(bd)) {
        if (r->broker_count != bd->n) DIFF("brokerDatas count");
        for (size_t i = 0; i < bd->n; i++)
            if (!broker_matches(&r->broker_datas[i], bd->items[i], why, n)) return false;
    }
    const vj *fs = vj_get(w, "filterServerTable");
    if (vj_is_null(fs) == r->has_filter_server_table) DIFF("filterServerTable null-ness");
    if (fs && !vj_is_null(fs)) {
        if (r->filter_count != fs->n) DIFF("filterServerTable count");
        for (size_t i = 0; i < fs->n; i++) {
            const rmq_filter_servers *f = NULL;
            for (size_t j = 0; j < r->filter_count; j++)
                if (rmq_str_equal_cstr(r->filter_servers[j].broker_addr, fs->keys[i])) f = &r->filter_servers[j];
            if (!f || f->count != fs->items[i]->n) DIFF("filterServerTable[%s]", fs->keys[i]);
            for (size_t k = 0; k < f->count; k++)
                if (!vstr_eq(f->servers[k], fs->items[i]->items[k])) DIFF("filterServerTable[%s][%zu]", fs->keys[i], k);
        }
    }
    const vj *mp = vj_get(w, "topicQueueMappingByBroker");
    if (vj_is_null(mp) == r->has_queue_mapping) DIFF("topicQueueMappingByBroker null-ness");
    if (mp && !vj_is_null(mp)) {
        if (r->mapping_count != mp->n) DIFF("mapping count");
        for (size_t i = 0; i < mp->n; i++) {
            const rmq_queue_mapping *m = NULL;
            for (size_t j = 0; j < r->mapping_count; j++)
                if (rmq_str_equal_cstr(r->queue_mappings[j].key, mp->keys[i])) m = &r->queue_mappings[j];
            if (!m || !mapping_matches(m, mp->items[i], why, n)) return m ? false : (snprintf(why, n, "mapping %s", mp->keys[i]), false);
        }
    }
    return true;
}

/* Encode r in a dialect/order and compare with the bytes Java wrote. */
static bool reencodes(const rmq_route *r, rmq_route_dialect d, rmq_route_map_order o, rmq_release rel,
                      const uint8_t *want, size_t len, char *why, size_t n)
{
    size_t size = 0, written = 0;
    rmq_error err;
    if (rmq_route_encoded_size(r, d, o, rel, &size, &err) != RMQ_OK) DIFF("encode: %s", err.message);
    uint8_t *out = malloc(size + 1);
    bool same = rmq_route_encode(r, d, o, rel, out, size, &written, &err) == RMQ_OK && written == len && memcmp(out, want, len) == 0;
    if (!same) {
        size_t at = 0;
        while (at < len && at < written && out[at] == want[at]) at++;
        snprintf(why, n, "%s%s re-encoding differs at byte %zu", d == RMQ_ROUTE_STANDARD ? "standard" : "plain",
                 o == RMQ_ROUTE_ORDER_JAVA_HASHMAP ? " (HashMap order)" : "", at);
    }
    free(out);
    return same;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

bool check_route_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    if (!c->bin) DIFF("no .bin");
    rmq_release rel = case_release(c->json);
    rmq_decode_options opts;
    rmq_decode_options_for_release(&opts, rel);
    static uint8_t mem[1 << 20];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_route r;
    rmq_error err;
    int rc = rmq_route_decode(c->bin, c->bin_len, &opts, &a, &r, &err);
    if (!strncmp(name, "diff_", 5)) {
        /* a body Java's decoder was run on (jview route): its result or its exception */
        const vj *java = vj_get(c->json, "java");
        if (!java || java->type != VJ_STR) DIFF("no java verdict");
        if (strcmp(java->s, "ok")) {
            if (rc == RMQ_OK) DIFF("Java rejects (%.80s), we accept", java->s);
            return true;
        }
        const vj *jr = vj_get(c->json, "route");
        /* README "Decisions": a body with no JSON value, where Java's decode returns no route */
        if (vj_is_null(jr)) {
            /* 5.3.3's fastjson also gives none for a body that is not UTF-8: RMQ_ERR_UTF8 */
            bool not_utf8 = rc == RMQ_ERR_UTF8 && rel != RMQ_RELEASE_4_9_8;
            if (rc != RMQ_ERR_JSON_NOT_OBJECT && !not_utf8) DIFF("Java: no route; we: %s", rmq_status_name(rc));
            return true;
        }
        if (rc != RMQ_OK) DIFF("Java accepts, we: %s at %zu", err.message ? err.message : rmq_status_name(rc), err.offset);
        return route_matches(&r, jr, why, n);
    }
    if (rc != RMQ_OK) DIFF("decode: %s at %zu", err.message, err.offset);
    if (!route_matches(&r, vj_get(c->json, "route"), why, n)) return false;
    if (ends_with(name, "_std")) return reencodes(&r, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, c->bin, c->bin_len, why, n);
    return reencodes(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, rel, c->bin, c->bin_len, why, n) &&
           reencodes(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_JAVA_HASHMAP, rel, c->bin, c->bin_len, why, n);
}

bool check_route_response(const rmq_command *cmd, const vj *json, rmq_release rel, char *why, size_t n)
{
    const vj *req = vj_get(json, "request_code");
    if (!req || !vint_eq(105, req) || cmd->code != 0 || !cmd->body) return true;
    static uint8_t mem[1 << 20];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_route r;
    rmq_error err;
    if (rmq_route_decode(cmd->body, cmd->body_len, NULL, &a, &r, &err) != RMQ_OK) DIFF("route body: %s at %zu", err.message, err.offset);
    /* the live clients sent version 409 >= 401, so the name server answered in the standard dialect */
    return reencodes(&r, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, cmd->body, cmd->body_len, why, n);
}
