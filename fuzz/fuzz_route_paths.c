/*
 * TopicRouteData bodies read twice: by the one-pass reader for fastjson's own
 * output (with its fallback) and by the general reader alone. Same status, error
 * code, offset and message; on success the same route, field for field. Leniency:
 * the presets plus a mask from the input's hash; small limits from the hash too.
 */
#include "fuzz_common.h"
#include "internal/route_codec.h"

static bool str_same(rmq_str a, rmq_str b)
{
    if (!a.ptr || !b.ptr) return !a.ptr && !b.ptr;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void same_brokers(const rmq_broker_data *x, const rmq_broker_data *y)
{
    FUZZ_ASSERT(str_same(x->cluster, y->cluster) && str_same(x->broker_name, y->broker_name) &&
                    str_same(x->zone_name, y->zone_name) && x->has_acting_master == y->has_acting_master &&
                    x->enable_acting_master == y->enable_acting_master && x->has_addrs == y->has_addrs &&
                    x->addr_count == y->addr_count,
                "different broker data");
    for (size_t i = 0; i < x->addr_count; i++)
        FUZZ_ASSERT(x->addrs[i].id == y->addrs[i].id && str_same(x->addrs[i].addr, y->addrs[i].addr), "different broker address");
}

static void same_routes(const rmq_route *a, const rmq_route *b)
{
    FUZZ_ASSERT(str_same(a->order_topic_conf, b->order_topic_conf), "different orderTopicConf");
    FUZZ_ASSERT(a->has_queue_datas == b->has_queue_datas && a->queue_count == b->queue_count, "different queueDatas");
    for (size_t i = 0; i < a->queue_count; i++) {
        const rmq_queue_data *x = &a->queue_datas[i], *y = &b->queue_datas[i];
        FUZZ_ASSERT(str_same(x->broker_name, y->broker_name) && x->perm == y->perm &&
                        x->read_queue_nums == y->read_queue_nums && x->write_queue_nums == y->write_queue_nums &&
                        x->topic_sys_flag == y->topic_sys_flag,
                    "different queue data");
    }
    FUZZ_ASSERT(a->has_broker_datas == b->has_broker_datas && a->broker_count == b->broker_count, "different brokerDatas");
    for (size_t i = 0; i < a->broker_count; i++) same_brokers(&a->broker_datas[i], &b->broker_datas[i]);
    FUZZ_ASSERT(a->has_filter_server_table == b->has_filter_server_table && a->filter_count == b->filter_count,
                "different filterServerTable");
    for (size_t i = 0; i < a->filter_count; i++) {
        const rmq_filter_servers *x = &a->filter_servers[i], *y = &b->filter_servers[i];
        FUZZ_ASSERT(str_same(x->broker_addr, y->broker_addr) && x->has_servers == y->has_servers && x->count == y->count,
                    "different filter servers");
        for (size_t j = 0; j < x->count; j++) FUZZ_ASSERT(str_same(x->servers[j], y->servers[j]), "different filter server");
    }
    FUZZ_ASSERT(a->has_queue_mapping == b->has_queue_mapping && a->mapping_count == b->mapping_count,
                "different topicQueueMappingByBroker");
}

static void compare_paths(const uint8_t *body, size_t len, const rmq_decode_options *o)
{
    rmq_limits fast, general;
    rmq_limits_resolve(&fast, o);
    general = fast;
    general.general_reader_only = true;
    size_t bound = rmq_route_decode_bound(len);
    void *m1 = malloc(bound ? bound : 1), *m2 = malloc(bound ? bound : 1);
    rmq_arena a1, a2;
    rmq_arena_init(&a1, m1, bound);
    rmq_arena_init(&a2, m2, bound);
    rmq_route r1, r2;
    rmq_error e1 = {0, 0, NULL, NULL}, e2 = {0, 0, NULL, NULL};
    int rc1 = rmq_route_decode_limits(body, len, &fast, &a1, &r1, &e1);
    int rc2 = rmq_route_decode_limits(body, len, &general, &a2, &r2, &e2);
    FUZZ_ASSERT(rc1 == rc2, "route fast path and general reader disagree on the status");
    if (rc1 != RMQ_OK) {
        FUZZ_ASSERT(e1.code == e2.code && e1.offset == e2.offset && e1.message && e2.message &&
                        !strcmp(e1.message, e2.message),
                    "route fast path and general reader report different errors");
    } else {
        same_routes(&r1, &r2);
    }
    free(m1);
    free(m2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < FUZZ_LENIENCY_COUNT; i++) {
        rmq_decode_options o = fuzz_options(i);
        compare_paths(data, size, &o);
    }
    uint32_t hash = fuzz_hash(data, size);
    rmq_decode_options o = fuzz_input_options(data, size);
    if (hash & (1u << 17)) o.max_string = 1 + (hash >> 18 & 15);
    if (hash & (1u << 22)) o.max_list = 1 + (hash >> 23 & 3);
    if (hash & (1u << 25)) o.max_json_depth = 1 + (hash >> 26 & 7);
    compare_paths(data, size, &o);
    return 0;
}
