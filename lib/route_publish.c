/* What a producer derives from a route (SPEC §12.4–12.5): queries, publish queues, queue choice. */
#include "rmqwire/route.h"

#include "internal/error_set.h"
#include "internal/java_number.h"
#include "internal/java_string.h"
#include "internal/route_codec.h"
#include "rmqwire/sysflag.h"

#include <string.h>

const rmq_broker_data *rmq_route_find_broker(const rmq_route *route, rmq_str name)
{
    if (!route) return NULL;
    for (size_t i = 0; route && i < route->broker_count; i++)
        if (rmq_str_equal(route->broker_datas[i].broker_name, name)) return &route->broker_datas[i];
    return NULL;
}

const rmq_queue_data *rmq_route_find_queue_data(const rmq_route *route, rmq_str name)
{
    if (!route) return NULL;
    for (size_t i = 0; route && i < route->queue_count; i++)
        if (rmq_str_equal(route->queue_datas[i].broker_name, name)) return &route->queue_datas[i];
    return NULL;
}

rmq_str rmq_broker_addr_of(const rmq_broker_data *b, int64_t id)
{
    if (!b) return RMQ_STR_NULL;
    /* HashMap.get: a duplicated key holds its last value */
    for (size_t i = b ? b->addr_count : 0; i-- > 0;)
        if (b->addrs[i].id == id) return b->addrs[i].addr;
    return RMQ_STR_NULL;
}

rmq_str rmq_route_master_addr(const rmq_route *route, rmq_str name)
{
    if (!route) return RMQ_STR_NULL;
    return rmq_broker_addr_of(rmq_route_find_broker(route, name), RMQ_MASTER_ID);
}

/* orderTopicConf "brokerA:4;brokerB:4": queues in the listed order, no permission check. */
static int order_topic_queues(rmq_str conf, rmq_str topic, rmq_arena *arena, rmq_publish_info *info, rmq_error *err)
{
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        rmq_message_queue *out = NULL;
        if (pass == 1) {
            info->count = 0;
            if (!total) return RMQ_OK;
            out = rmq_arena_alloc(arena, total * sizeof *out, _Alignof(rmq_message_queue));
            if (!out) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
            info->queues = out;
        }
        size_t pos = 0;
        while (pos <= conf.len) {
            const char *item = conf.ptr + pos;
            const char *semi = memchr(item, ';', conf.len - pos);
            size_t len = semi ? (size_t)(semi - item) : conf.len - pos;
            pos += len + 1;
            if (len == 0 && !semi) break; /* String.split drops a trailing empty item */
            const char *colon = memchr(item, ':', len);
            int64_t nums;
            /* Java: split(":"), parseInt of the second piece; anything else throws */
            const char *num_end = colon ? memchr(colon + 1, ':', len - (size_t)(colon - item) - 1) : NULL;
            size_t num_len = colon ? (size_t)((num_end ? num_end : item + len) - colon - 1) : 0;
            if (!colon || !rmq_java_parse_long((rmq_str){colon + 1, num_len}, INT32_MIN, INT32_MAX, &nums))
                return rmq_fail(err, RMQ_ERR_FIELD_VALUE, (size_t)(item - conf.ptr), "malformed orderTopicConf item");
            for (int32_t q = 0; q < (int32_t)nums; q++) {
                if (pass == 0) {
                    if (++total > RMQ_MAX_PUBLISH_QUEUES) return rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, 0, NULL);
                } else {
                    out[info->count].topic = topic;
                    out[info->count].broker_name = (rmq_str){item, (size_t)(colon - item)};
                    out[info->count].queue_id = q;
                    info->count++;
                }
            }
            if (!semi) break;
        }
    }
    return RMQ_OK;
}

/* Static topics (5.x): the mock broker name of a scope, "__syslo__" + scope minus "__" for the default. */
static const char SYSLO_GLOBAL[] = "__syslo__global__";

static int static_topic_queues(const rmq_route *r, rmq_str topic, rmq_arena *arena, rmq_publish_info *info, rmq_error *err)
{
    /* the default scope only: ids 0..max(totalQueues)-1 under one mock broker */
    int64_t total = 0;
    for (size_t i = 0; i < r->mapping_count; i++)
        if (r->queue_mappings[i].total_queues > total) total = r->queue_mappings[i].total_queues;
    if (total > (int64_t)RMQ_MAX_PUBLISH_QUEUES) return rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, 0, NULL);
    info->count = 0;
    if (!total) return RMQ_OK;
    rmq_message_queue *out = rmq_arena_alloc(arena, (size_t)total * sizeof *out, _Alignof(rmq_message_queue));
    if (!out) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    for (int32_t q = 0; q < total; q++) {
        out[q].topic = topic;
        out[q].broker_name = (rmq_str){SYSLO_GLOBAL, sizeof SYSLO_GLOBAL - 1};
        out[q].queue_id = q;
    }
    info->queues = out;
    info->count = (size_t)total;
    return RMQ_OK;
}

rmq_str rmq_route_static_broker(const rmq_route *r, int32_t logical)
{
    if (!r) return RMQ_STR_NULL;
    static const char none[] = "__syslo__none__";
    const rmq_queue_mapping *best = NULL;
    for (size_t i = 0; r && i < r->mapping_count; i++) {
        const rmq_queue_mapping *m = &r->queue_mappings[i];
        for (size_t j = 0; j < m->curr_id_count; j++)
            if (m->curr_id_map[j].logical == logical && (!best || m->epoch > best->epoch)) best = m;
    }
    return best && best->bname.ptr ? best->bname : (rmq_str){none, sizeof none - 1};
}

int rmq_route_publish_info(const rmq_route *r, rmq_str topic, rmq_arena *arena, rmq_publish_info *info, rmq_error *err)
{
    if (!r || !info) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    memset(info, 0, sizeof *info);
    if (r->order_topic_conf.ptr && r->order_topic_conf.len) {
        info->order_topic = true;
        return order_topic_queues(r->order_topic_conf, topic, arena, info, err);
    }
    if (r->has_queue_mapping && r->mapping_count) return static_topic_queues(r, topic, arena, info, err);

    /* queueDatas sorted by broker name (String.compareTo); stable for equal names */
    size_t n = r->queue_count, total = 0;
    const rmq_queue_data *sorted[1024];
    if (n > sizeof sorted / sizeof sorted[0]) return rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, 0, "more than 1024 queueDatas");
    for (size_t i = 0; i < n; i++) {
        const rmq_queue_data *q = &r->queue_datas[i];
        size_t j = i;
        while (j > 0 && rmq_java_string_compare(sorted[j - 1]->broker_name.ptr, sorted[j - 1]->broker_name.len,
                                                q->broker_name.ptr, q->broker_name.len) > 0) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = q;
    }
    for (int pass = 0; pass < 2; pass++) {
        rmq_message_queue *out = NULL;
        if (pass == 1) {
            if (!total) return RMQ_OK;
            out = rmq_arena_alloc(arena, total * sizeof *out, _Alignof(rmq_message_queue));
            if (!out) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
            info->queues = out;
        }
        for (size_t i = 0; i < n; i++) {
            const rmq_queue_data *q = sorted[i];
            if (!rmq_perm_writeable(q->perm)) continue;
            const rmq_broker_data *b = rmq_route_find_broker(r, q->broker_name);
            if (!b || !rmq_broker_addr_of(b, RMQ_MASTER_ID).ptr) continue;
            for (int32_t id = 0; id < q->write_queue_nums; id++) {
                if (pass == 0) {
                    if (++total > RMQ_MAX_PUBLISH_QUEUES) return rmq_fail(err, RMQ_ERR_TOO_MANY_FIELDS, 0, NULL);
                    continue;
                }
                out[info->count].topic = topic;
                out[info->count].broker_name = q->broker_name;
                out[info->count].queue_id = id;
                info->count++;
            }
        }
    }
    return RMQ_OK;
}

void rmq_queue_selector_init(rmq_queue_selector *sel, uint32_t start)
{
    if (sel) sel->index = start;
}

/* ThreadLocalIndex.incrementAndGet: pre-increment, masked non-negative. */
uint32_t rmq_queue_selector_next(rmq_queue_selector *sel)
{
    sel->index++;
    return sel->index & 0x7FFFFFFFu;
}

const rmq_message_queue *rmq_queue_select(rmq_queue_selector *sel, const rmq_publish_info *info, rmq_str last_broker)
{
    if (!sel || !info) return NULL;
    if (!sel || !info || !info->count) return NULL;
    if (last_broker.ptr) {
        for (size_t i = 0; i < info->count; i++) {
            const rmq_message_queue *q = &info->queues[rmq_queue_selector_next(sel) % info->count];
            if (!rmq_str_equal(q->broker_name, last_broker)) return q;
        }
    }
    return &info->queues[rmq_queue_selector_next(sel) % info->count];
}
