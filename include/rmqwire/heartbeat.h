/* rmqwire — HeartbeatData (HEART_BEAT body) and the client id, as the Java client writes them. */
#ifndef RMQWIRE_HEARTBEAT_H
#define RMQWIRE_HEARTBEAT_H

#include "alloc.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/* SubscriptionData. Sets are arrays in the order they are written (Java: HashSet order). */
typedef struct rmq_subscription {
    bool class_filter_mode;
    rmq_str topic;
    rmq_str sub_string;           /* "TagA || TagB", "*" */
    const rmq_str *tags;          /* tagsSet */
    size_t tag_count;
    const int32_t *codes;         /* codeSet: the tags' String.hashCode */
    size_t code_count;
    int64_t sub_version;
    rmq_str expression_type;      /* "TAG", "SQL92" */
} rmq_subscription;

/* ConsumerData; the enums by their Java names ("CONSUME_PASSIVELY", "CLUSTERING", …). */
typedef struct rmq_consumer_data {
    rmq_str group_name;
    rmq_str consume_type;
    rmq_str message_model;
    rmq_str consume_from_where;
    const rmq_subscription *subscriptions;
    size_t subscription_count;
    bool unit_mode;
} rmq_consumer_data;

typedef struct rmq_heartbeat {
    rmq_str client_id;
    const rmq_str *producer_groups;      /* producerDataSet: each ProducerData's groupName */
    size_t producer_count;
    const rmq_consumer_data *consumers;  /* consumerDataSet */
    size_t consumer_count;
    int32_t heartbeat_fingerprint;       /* 5.x, written by 5.3.3 always */
    bool without_sub;                    /* 5.x "withoutSub", written by 5.3.3 always */
} rmq_heartbeat;

/* The body HeartbeatData.encode() writes (fastjson: fields in alphabetical order, nulls
 * omitted); release 5.3.3 adds heartbeatFingerprint and withoutSub. */
RMQ_API int rmq_heartbeat_encoded_size(const rmq_heartbeat *h, rmq_release release, size_t *size, rmq_error *err);
RMQ_API int rmq_heartbeat_encode(const rmq_heartbeat *h, rmq_release release, uint8_t *out, size_t cap,
                                 size_t *written, rmq_error *err);

/* Read a HEART_BEAT body as fastjson does (RMQ_LENIENT_JSON_* of opts; unknown keys skipped;
 * max_list bounds each set). Strings point into body or the arena; at most
 * rmq_heartbeat_decode_bound(len) arena bytes. */
RMQ_API int rmq_heartbeat_decode(const uint8_t *body, size_t len, const rmq_decode_options *opts, rmq_arena *arena,
                                 rmq_heartbeat *h, rmq_error *err);
RMQ_API size_t rmq_heartbeat_decode_bound(size_t len);

/* ClientConfig.buildMQClientId: ip@instanceName, then @unitName when there is one.
 * Returns the length it needs (like snprintf); out is NUL-terminated when cap > 0. */
RMQ_API size_t rmq_client_id(rmq_str ip, rmq_str instance_name, rmq_str unit_name, char *out, size_t cap);

/* String.hashCode of a tag (the codeSet FilterAPI builds); the text must be UTF-8. */
RMQ_API int32_t rmq_tag_code(rmq_str tag);

#ifdef __cplusplus
}
#endif
#endif
