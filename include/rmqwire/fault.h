/* rmqwire — latency fault tolerance: the queue choice of the Java producer's MQFaultStrategy
 * with sendLatencyFaultEnable (4.9.8 and 5.3.3, which differ), over caller memory and caller
 * clocks. */
#ifndef RMQWIRE_FAULT_H
#define RMQWIRE_FAULT_H

#include "error.h"
#include "route.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_FAULT_NAME_MAX 128 /* bytes of a broker name a fault item holds */
#define RMQ_FAULT_MAX_ITEMS 256

/* One broker's last latency and when it may be used again. Treat as private. */
typedef struct rmq_fault_item {
    char broker_name[RMQ_FAULT_NAME_MAX];
    size_t name_len;
    int64_t current_latency;
    int64_t start_timestamp; /* available from this time on (caller's milliseconds) */
    bool in_use;
    bool unreachable;        /* 5.3.3's reachableFlag, negated so a zeroed item is reachable */
} rmq_fault_item;

/* LatencyFaultToleranceImpl's table, in `items`. Treat the fields as private. */
typedef struct rmq_fault_table {
    rmq_fault_item *items;
    size_t cap;
    uint32_t which_item_worst;
} rmq_fault_table;

/* cap 1..RMQ_FAULT_MAX_ITEMS; start seeds whichItemWorst (Java: a random ThreadLocalIndex). */
RMQ_API int rmq_fault_init(rmq_fault_table *t, rmq_fault_item *items, size_t cap, uint32_t start, rmq_error *err);

/* computeNotAvailableDuration: latencyMax {50, 100, 550, 1000, 2000, 3000, 15000} ms →
 * notAvailableDuration {0, 0, 30000, 60000, 120000, 180000, 600000} ms. */
RMQ_API int64_t rmq_fault_not_available_duration(int64_t latency_ms);

/* updateFaultItem after a send took latency_ms (isolation: it failed, counted as 30 000 ms):
 * the broker is unavailable until now + the duration. RMQ_ERR_TABLE_FULL when a new broker
 * finds no free item, RMQ_ERR_STRING_TOO_LONG for a name over RMQ_FAULT_NAME_MAX. */
RMQ_API int rmq_fault_update(rmq_fault_table *t, rmq_str broker, int64_t latency_ms, bool isolation, int64_t now_ms,
                             rmq_error *err);

/* isAvailable: no item, or now >= its start timestamp. */
RMQ_API bool rmq_fault_is_available(const rmq_fault_table *t, rmq_str broker, int64_t now_ms);

RMQ_API void rmq_fault_remove(rmq_fault_table *t, rmq_str broker);

/* pickOneAtLeast: items sorted available first, then by latency, then by start timestamp
 * (ties keep table order; Java's follow its hash map), one of the better half in turn.
 * A null string when the table is empty; otherwise it points into the table. */
RMQ_API rmq_str rmq_fault_pick_one_at_least(rmq_fault_table *t, int64_t now_ms);

/*
 * MQFaultStrategy.selectOneMessageQueue with sendLatencyFaultEnable: the next queue (from
 * sel, as rmq_queue_select) whose broker is available; else a queue of the least bad broker
 * (written to *scratch: that broker with a queue id by its write queue count in `route`),
 * dropping it from the table when the route has no writable queue data for it; else the
 * next queue. NULL when the list is empty.
 */
RMQ_API const rmq_message_queue *rmq_fault_select(rmq_queue_selector *sel, const rmq_publish_info *info,
                                                  const rmq_route *route, rmq_fault_table *t, int64_t now_ms,
                                                  rmq_message_queue *scratch);

/* 5.3.3's computeNotAvailableDuration: latencyMax {50, 100, 550, 1800, 3000, 5000, 15000} ms
 * → notAvailableDuration {0, 0, 2000, 5000, 6000, 10000, 30000} ms. */
RMQ_API int64_t rmq_fault_not_available_duration_533(int64_t latency_ms);

/*
 * 5.3.3's updateFaultItem: isolation counts as 10 000 ms; the broker's unavailability only
 * ever moves later (a duration of 0 leaves it, and a new broker stays available), and
 * `reachable` is recorded (the detector's verdict; a send that got an answer passes true).
 * Errors as rmq_fault_update.
 */
RMQ_API int rmq_fault_update_533(rmq_fault_table *t, rmq_str broker, int64_t latency_ms, bool isolation,
                                 bool reachable, int64_t now_ms, rmq_error *err);

/* isReachable: no item, or its last update said reachable. */
RMQ_API bool rmq_fault_is_reachable(const rmq_fault_table *t, rmq_str broker);

/*
 * 5.3.3's MQFaultStrategy.selectOneMessageQueue: with a table (sendLatencyFaultEnable), the
 * first queue, walking the shared index one step per queue looked at, whose broker is
 * available and not last_broker; else one reachable and not last_broker; else the next
 * queue. Without a table (t NULL): the first not on last_broker, else the next. 5.3.3 resets
 * the index before a retry (sendDefaultImpl, times > 0): call rmq_queue_selector_init with a
 * random start then. NULL when the list is empty.
 */
RMQ_API const rmq_message_queue *rmq_fault_select_533(rmq_queue_selector *sel, const rmq_publish_info *info,
                                                      const rmq_fault_table *t, rmq_str last_broker, int64_t now_ms);

#ifdef __cplusplus
}
#endif
#endif
