/* LatencyFaultToleranceImpl and MQFaultStrategy (4.9.8 and 5.3.3), with the caller's clock. */
#include "rmqwire/fault.h"

#include "internal/error_set.h"
#include "internal/index_sort.h"
#include "internal/route_codec.h"
#include "rmqwire/sysflag.h"

#include <string.h>

int rmq_fault_init(rmq_fault_table *t, rmq_fault_item *items, size_t cap, uint32_t start, rmq_error *err)
{
    if (!t || !items || cap == 0 || cap > RMQ_FAULT_MAX_ITEMS) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    memset(items, 0, cap * sizeof *items);
    t->items = items;
    t->cap = cap;
    t->which_item_worst = start;
    return RMQ_OK;
}

/* computeNotAvailableDuration over one release's tables (seven steps in both) */
static int64_t duration_of(const int64_t latency_max[7], const int64_t not_available[7], int64_t latency_ms)
{
    for (size_t i = 7; i-- > 0;)
        if (latency_ms >= latency_max[i]) return not_available[i];
    return 0;
}

int64_t rmq_fault_not_available_duration(int64_t latency_ms)
{
    static const int64_t latency_max[7] = {50, 100, 550, 1000, 2000, 3000, 15000};
    static const int64_t not_available[7] = {0, 0, 30000, 60000, 120000, 180000, 600000};
    return duration_of(latency_max, not_available, latency_ms);
}

int64_t rmq_fault_not_available_duration_533(int64_t latency_ms)
{
    static const int64_t latency_max[7] = {50, 100, 550, 1800, 3000, 5000, 15000};
    static const int64_t not_available[7] = {0, 0, 2000, 5000, 6000, 10000, 30000};
    return duration_of(latency_max, not_available, latency_ms);
}

static rmq_fault_item *find(const rmq_fault_table *t, rmq_str broker)
{
    for (size_t i = 0; broker.ptr && i < t->cap; i++) {
        rmq_fault_item *it = &t->items[i];
        if (it->in_use && it->name_len == broker.len && !memcmp(it->broker_name, broker.ptr, broker.len)) return it;
    }
    return NULL;
}

static int64_t clamp_add(int64_t a, int64_t b) { return b > 0 && a > INT64_MAX - b ? INT64_MAX : a + b; }

/* The broker's item in *out, a fresh (zeroed: available, reachable) one when it has none. */
static int item_for(rmq_fault_table *t, rmq_str broker, rmq_fault_item **out, rmq_error *err)
{
    if (!t || !broker.ptr) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (broker.len > RMQ_FAULT_NAME_MAX) return rmq_fail(err, RMQ_ERR_STRING_TOO_LONG, 0, "broker name too long");
    rmq_fault_item *it = find(t, broker);
    for (size_t i = 0; !it && i < t->cap; i++)
        if (!t->items[i].in_use) {
            it = &t->items[i];
            memset(it, 0, sizeof *it);
            memcpy(it->broker_name, broker.ptr, broker.len);
            it->name_len = broker.len;
            it->in_use = true;
        }
    if (!it) return rmq_fail(err, RMQ_ERR_TABLE_FULL, 0, "no free fault item");
    *out = it;
    return RMQ_OK;
}

int rmq_fault_update(rmq_fault_table *t, rmq_str broker, int64_t latency_ms, bool isolation, int64_t now_ms,
                     rmq_error *err)
{
    rmq_fault_item *it;
    int rc = item_for(t, broker, &it, err);
    if (rc) return rc;
    it->current_latency = latency_ms;
    it->start_timestamp = clamp_add(now_ms, rmq_fault_not_available_duration(isolation ? 30000 : latency_ms));
    return RMQ_OK;
}

int rmq_fault_update_533(rmq_fault_table *t, rmq_str broker, int64_t latency_ms, bool isolation, bool reachable,
                         int64_t now_ms, rmq_error *err)
{
    rmq_fault_item *it;
    int rc = item_for(t, broker, &it, err);
    if (rc) return rc;
    int64_t duration = rmq_fault_not_available_duration_533(isolation ? 10000 : latency_ms);
    it->current_latency = latency_ms;
    /* FaultItem.updateNotAvailableDuration: only ever later */
    if (duration > 0 && clamp_add(now_ms, duration) > it->start_timestamp) it->start_timestamp = clamp_add(now_ms, duration);
    it->unreachable = !reachable;
    return RMQ_OK;
}

bool rmq_fault_is_reachable(const rmq_fault_table *t, rmq_str broker)
{
    if (!t) return false;
    const rmq_fault_item *it = find(t, broker);
    return !it || !it->unreachable;
}

static bool item_available(const rmq_fault_item *it, int64_t now_ms) { return now_ms >= it->start_timestamp; }

bool rmq_fault_is_available(const rmq_fault_table *t, rmq_str broker, int64_t now_ms)
{
    if (!t) return false;
    const rmq_fault_item *it = find(t, broker);
    return !it || item_available(it, now_ms);
}

void rmq_fault_remove(rmq_fault_table *t, rmq_str broker)
{
    rmq_fault_item *it = t ? find(t, broker) : NULL;
    if (it) it->in_use = false;
}

typedef struct sort_view {
    const rmq_fault_item *items;
    int64_t now;
} sort_view;

/* FaultItem.compareTo, ties by table position */
static bool item_less(const void *v, uint32_t a, uint32_t b)
{
    const sort_view *s = v;
    const rmq_fault_item *x = &s->items[a], *y = &s->items[b];
    bool ax = item_available(x, s->now), ay = item_available(y, s->now);
    if (ax != ay) return ax;
    if (x->current_latency != y->current_latency) return x->current_latency < y->current_latency;
    if (x->start_timestamp != y->start_timestamp) return x->start_timestamp < y->start_timestamp;
    return a < b;
}

rmq_str rmq_fault_pick_one_at_least(rmq_fault_table *t, int64_t now_ms)
{
    if (!t) return RMQ_STR_NULL;
    uint32_t idx[RMQ_FAULT_MAX_ITEMS];
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->items[i].in_use) idx[n++] = (uint32_t)i;
    if (n == 0) return RMQ_STR_NULL;
    sort_view v = {t->items, now_ms};
    rmq_index_sort(idx, n, item_less, &v);
    size_t half = n / 2, pick = 0;
    if (half > 0) {
        t->which_item_worst++; /* ThreadLocalIndex.incrementAndGet: non-negative */
        pick = (t->which_item_worst & 0x7FFFFFFFu) % half;
    }
    const rmq_fault_item *it = &t->items[idx[pick]];
    return (rmq_str){it->broker_name, it->name_len};
}

/* TopicPublishInfo.getQueueIdByBroker: the write queue count of the broker's writable queue data. */
static int32_t write_queues_of(const rmq_route *route, rmq_str broker)
{
    for (size_t i = 0; route && i < route->queue_count; i++) {
        const rmq_queue_data *q = &route->queue_datas[i];
        if (rmq_perm_writeable(q->perm) && rmq_str_equal(q->broker_name, broker)) return q->write_queue_nums;
    }
    return -1;
}

/* Math.abs(int) % size, with Java's int: abs(MIN_VALUE) stays negative, and Java then uses 0. */
static size_t java_pos(int32_t index, size_t size)
{
    if (index == INT32_MIN) return 0;
    return (size_t)(index < 0 ? -index : index) % size;
}

const rmq_message_queue *rmq_fault_select(rmq_queue_selector *sel, const rmq_publish_info *info,
                                          const rmq_route *route, rmq_fault_table *t, int64_t now_ms,
                                          rmq_message_queue *scratch)
{
    if (!sel || !info || !t || !scratch || !info->count) return NULL;
    /* a local index walks the list; the shared one moved once */
    uint32_t index = rmq_queue_selector_next(sel);
    for (size_t i = 0; i < info->count; i++) {
        const rmq_message_queue *q = &info->queues[java_pos((int32_t)index, info->count)];
        index++;
        if (rmq_fault_is_available(t, q->broker_name, now_ms)) return q;
    }
    rmq_str not_best = rmq_fault_pick_one_at_least(t, now_ms);
    int32_t write_queues = write_queues_of(route, not_best);
    if (write_queues > 0) {
        const rmq_message_queue *q = &info->queues[rmq_queue_selector_next(sel) % info->count];
        if (!not_best.ptr) return q;
        scratch->topic = q->topic;
        scratch->broker_name = not_best;
        scratch->queue_id = (int32_t)(rmq_queue_selector_next(sel) % (uint32_t)write_queues);
        return scratch;
    }
    rmq_fault_remove(t, not_best);
    return &info->queues[rmq_queue_selector_next(sel) % info->count];
}

/* TopicPublishInfo.selectOneMessageQueue(filters…): each look takes the next index */
static const rmq_message_queue *first_passing(rmq_queue_selector *sel, const rmq_publish_info *info,
                                              const rmq_fault_table *t, bool available, bool reachable,
                                              rmq_str last_broker, int64_t now_ms)
{
    for (size_t i = 0; i < info->count; i++) {
        const rmq_message_queue *q = &info->queues[rmq_queue_selector_next(sel) % info->count];
        if (last_broker.ptr && rmq_str_equal(q->broker_name, last_broker)) continue;
        if (available && !rmq_fault_is_available(t, q->broker_name, now_ms)) continue;
        if (reachable && !rmq_fault_is_reachable(t, q->broker_name)) continue;
        return q;
    }
    return NULL;
}

const rmq_message_queue *rmq_fault_select_533(rmq_queue_selector *sel, const rmq_publish_info *info,
                                              const rmq_fault_table *t, rmq_str last_broker, int64_t now_ms)
{
    if (!sel || !info || !info->count) return NULL;
    const rmq_message_queue *q = NULL;
    if (t) {
        q = first_passing(sel, info, t, true, false, last_broker, now_ms);
        if (!q) q = first_passing(sel, info, t, false, true, last_broker, now_ms);
    } else {
        q = first_passing(sel, info, NULL, false, false, last_broker, now_ms);
    }
    return q ? q : &info->queues[rmq_queue_selector_next(sel) % info->count];
}
