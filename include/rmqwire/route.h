/* rmqwire — TopicRouteData (SPEC §12): both fastjson dialects, queries, publish queues, queue choice. */
#ifndef RMQWIRE_ROUTE_H
#define RMQWIRE_ROUTE_H

#include "alloc.h"
#include "command.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_MASTER_ID 0

typedef struct rmq_broker_addr {
    int64_t id;        /* 0 = master */
    rmq_str addr;      /* "ip:port" */
} rmq_broker_addr;

typedef struct rmq_broker_data {
    rmq_str cluster;
    rmq_str broker_name;
    bool has_addrs;                 /* false: brokerAddrs null/absent */
    const rmq_broker_addr *addrs;   /* map order as decoded / as to be written */
    size_t addr_count;
    rmq_str zone_name;              /* 5.x, null when absent */
    bool has_acting_master;         /* 5.x: enableActingMaster was on the wire */
    bool enable_acting_master;
} rmq_broker_data;

typedef struct rmq_queue_data {
    rmq_str broker_name;
    int32_t read_queue_nums;
    int32_t write_queue_nums;
    int32_t perm;
    int32_t topic_sys_flag;
} rmq_queue_data;

typedef struct rmq_filter_servers {
    rmq_str broker_addr;
    bool has_servers;
    const rmq_str *servers;
    size_t count;
} rmq_filter_servers;

typedef struct rmq_id_pair {
    int32_t logical;
    int32_t physical;
} rmq_id_pair;

/* 5.x TopicQueueMappingInfo, keyed by broker name. */
typedef struct rmq_queue_mapping {
    rmq_str key;              /* the map key (broker name) */
    rmq_str bname;
    rmq_str topic;
    rmq_str scope;
    int32_t total_queues;
    int64_t epoch;
    bool dirty;
    bool has_curr_id_map;
    const rmq_id_pair *curr_id_map;
    size_t curr_id_count;
} rmq_queue_mapping;

/* has_* false = Java null (absent or explicit null); true with count 0 = empty. */
typedef struct rmq_route {
    rmq_str order_topic_conf;
    bool has_queue_datas;
    const rmq_queue_data *queue_datas;
    size_t queue_count;
    bool has_broker_datas;
    const rmq_broker_data *broker_datas;
    size_t broker_count;
    bool has_filter_server_table;
    const rmq_filter_servers *filter_servers;
    size_t filter_count;
    bool has_queue_mapping;   /* 5.x topicQueueMappingByBroker */
    const rmq_queue_mapping *queue_mappings;
    size_t mapping_count;
} rmq_route;

/*
 * Decode a TopicRouteData body in either dialect: bare or quoted integer map keys,
 * fastjson's tolerances as in the frame decoder's options (opts NULL = defaults),
 * unknown keys skipped, null or absent fields → has_* false. Strings point into
 * `body` or the arena, arrays are in the arena. Lists/maps longer than
 * opts->max_list fail with RMQ_ERR_TOO_MANY_FIELDS; nesting is bounded by
 * opts->max_json_depth. err->offset is a byte offset into `body`.
 */
RMQ_API int rmq_route_decode(const uint8_t *body, size_t len, const rmq_decode_options *opts, rmq_arena *arena,
                             rmq_route *route, rmq_error *err);

/* Most arena bytes rmq_route_decode can use for a body of len bytes (any input). */
RMQ_API size_t rmq_route_decode_bound(size_t len);

typedef enum rmq_route_dialect {
    RMQ_ROUTE_PLAIN,     /* TopicRouteData.encode(): bare integer keys, raw UTF-8 (clients with version < 401) */
    RMQ_ROUTE_STANDARD   /* BrowserCompatible + MapSortField: quoted sorted keys, \uXXXX escapes */
} rmq_route_dialect;

typedef enum rmq_route_map_order {
    RMQ_ROUTE_ORDER_AS_GIVEN,    /* plain dialect: maps in array order (a decoded route re-encodes exactly) */
    RMQ_ROUTE_ORDER_JAVA_HASHMAP /* plain dialect: Java HashMap iteration order computed from the keys */
} rmq_route_map_order;

/*
 * Exact size / bytes of the body Java writes for this route. Null (has_* false)
 * fields are omitted; `release` decides whether BrokerData carries
 * enableActingMaster (5.3.3 always writes it; 4.9.8 never) unless the broker data
 * says it was decoded with one. The standard dialect sorts every map by key, so the
 * order option matters only for the plain dialect. A string that is not UTF-8 is
 * RMQ_ERR_UTF8, as for frames (rmq_frame_encoded_size).
 */
RMQ_API int rmq_route_encoded_size(const rmq_route *route, rmq_route_dialect dialect, rmq_route_map_order order,
                                   rmq_release release, size_t *size, rmq_error *err);
RMQ_API int rmq_route_encode(const rmq_route *route, rmq_route_dialect dialect, rmq_route_map_order order,
                             rmq_release release, uint8_t *out, size_t cap, size_t *written, rmq_error *err);

/* Queries. */
RMQ_API const rmq_broker_data *rmq_route_find_broker(const rmq_route *route, rmq_str broker_name);
RMQ_API const rmq_queue_data *rmq_route_find_queue_data(const rmq_route *route, rmq_str broker_name);
/* brokerAddrs[0] of that broker, or a null string. */
RMQ_API rmq_str rmq_route_master_addr(const rmq_route *route, rmq_str broker_name);
RMQ_API rmq_str rmq_broker_addr_of(const rmq_broker_data *broker, int64_t id);

/* A queue a producer can send to. */
typedef struct rmq_message_queue {
    rmq_str topic;
    rmq_str broker_name;
    int32_t queue_id;
} rmq_message_queue;

typedef struct rmq_publish_info {
    const rmq_message_queue *queues;
    size_t count;
    bool order_topic;
} rmq_publish_info;

/*
 * topicRouteData2TopicPublishInfo (SPEC §12.4): orderTopicConf when set (a
 * malformed item is RMQ_ERR_FIELD_VALUE, Java throws); else 5.x static-topic
 * logical queues (mock broker names "__syslo__…"); else queueDatas sorted by
 * broker name (Java String order), writable only, broker must have a master, queue
 * ids 0..writeQueueNums-1. The queue array goes into `arena`. Limits: at most
 * RMQ_MAX_PUBLISH_QUEUES queues and 1024 queueDatas (RMQ_ERR_TOO_MANY_FIELDS beyond).
 */
#define RMQ_MAX_PUBLISH_QUEUES 1048576u
RMQ_API int rmq_route_publish_info(const rmq_route *route, rmq_str topic, rmq_arena *arena,
                                   rmq_publish_info *info, rmq_error *err);

/* 5.x static topics: the real broker behind a logical queue (highest epoch), or "__syslo__none__". */
RMQ_API rmq_str rmq_route_static_broker(const rmq_route *route, int32_t logical_queue_id);

/*
 * Queue choice with the Java producer's rule (SPEC §12.5), state in caller memory:
 * a counter that starts where the caller says (Java: a random value per thread) and
 * is pre-incremented and masked non-negative on each use.
 */
typedef struct rmq_queue_selector {
    uint32_t index;
} rmq_queue_selector;

RMQ_API void rmq_queue_selector_init(rmq_queue_selector *sel, uint32_t start);

/*
 * Pick a queue. last_broker null: list[next % count]. Otherwise up to `count`
 * tries of the next index for a queue whose broker differs from last_broker, then
 * a plain pick. NULL when the list is empty.
 */
RMQ_API const rmq_message_queue *rmq_queue_select(rmq_queue_selector *sel, const rmq_publish_info *info,
                                                  rmq_str last_broker);

#ifdef __cplusplus
}
#endif
#endif
