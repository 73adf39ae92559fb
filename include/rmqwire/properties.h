/* rmqwire — message properties strings (SPEC §7): name 0x01 value 0x02 … */
#ifndef RMQWIRE_PROPERTIES_H
#define RMQWIRE_PROPERTIES_H

#include "alloc.h"
#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_PROP_NAME_VALUE_SEP '\x01'
#define RMQ_PROP_SEP '\x02'

/* Well-known keys (MessageConst, SPEC §7.2). */
#define RMQ_PROP_KEYS "KEYS"
#define RMQ_PROP_TAGS "TAGS"
#define RMQ_PROP_WAIT "WAIT"
#define RMQ_PROP_DELAY "DELAY"
#define RMQ_PROP_RETRY_TOPIC "RETRY_TOPIC"
#define RMQ_PROP_REAL_TOPIC "REAL_TOPIC"
#define RMQ_PROP_REAL_QID "REAL_QID"
#define RMQ_PROP_TRAN_MSG "TRAN_MSG"
#define RMQ_PROP_PGROUP "PGROUP"
#define RMQ_PROP_MIN_OFFSET "MIN_OFFSET"
#define RMQ_PROP_MAX_OFFSET "MAX_OFFSET"
#define RMQ_PROP_RECONSUME_TIME "RECONSUME_TIME"
#define RMQ_PROP_MAX_RECONSUME_TIMES "MAX_RECONSUME_TIMES"
#define RMQ_PROP_MSG_REGION "MSG_REGION"
#define RMQ_PROP_TRACE_ON "TRACE_ON"
#define RMQ_PROP_UNIQ_KEY "UNIQ_KEY"
#define RMQ_PROP_TRANSACTION_ID "__transactionId__"
#define RMQ_PROP_TRANSACTION_CHECK_TIMES "TRANSACTION_CHECK_TIMES"
#define RMQ_PROP_INSTANCE_ID "INSTANCE_ID"
#define RMQ_PROP_CORRELATION_ID "CORRELATION_ID"
#define RMQ_PROP_REPLY_TO_CLIENT "REPLY_TO_CLIENT"
#define RMQ_PROP_TTL "TTL"
#define RMQ_PROP_MSG_TYPE "MSG_TYPE"
#define RMQ_PROP_CLUSTER "CLUSTER"
#define RMQ_PROP_TIMER_DELAY_SEC "TIMER_DELAY_SEC"     /* 5.x */
#define RMQ_PROP_TIMER_DELIVER_MS "TIMER_DELIVER_MS"   /* 5.x */
#define RMQ_PROP_TIMER_DELAY_MS "TIMER_DELAY_MS"       /* 5.x */
#define RMQ_PROP_SHARDING_KEY "__SHARDINGKEY"          /* 5.x */
/* KEYS holds several business keys joined by one space. */
#define RMQ_PROP_KEY_SEPARATOR ' '

typedef struct rmq_property {
    rmq_str name;
    rmq_str value;   /* encoding skips entries whose value is null, as Java does */
} rmq_property;

/*
 * Zero-allocation walk over a properties string with Java's parse rules: split at
 * 0x02; an entry needs a non-empty name before the first 0x01 and a non-empty
 * value after it (which may contain more 0x01); anything else is skipped.
 * Duplicates are all reported, in order (Java keeps the last).
 */
typedef struct rmq_properties_iter {
    const char *s;
    size_t len;
    size_t pos;
} rmq_properties_iter;

RMQ_API void rmq_properties_iter_init(rmq_properties_iter *it, const char *s, size_t len);
/* Next accepted entry (spans into the string); false at the end. */
RMQ_API bool rmq_properties_next(rmq_properties_iter *it, rmq_property *out);

/*
 * Java's string2messageProperties into an array in the arena: one entry per distinct
 * name, in order of first appearance, holding the last value (HashMap put semantics).
 * Names are compared as Java Strings: names that differ only in bytes that are not
 * UTF-8 (each is U+FFFD to Java) are one name, kept as first written. Names and values
 * point into `s`. O(n log n) in the entries; fails only with RMQ_ERR_NO_MEMORY.
 */
RMQ_API int rmq_properties_parse(const char *s, size_t len, rmq_arena *arena,
                                 rmq_property **props, size_t *count, rmq_error *err);

/* Value of a name in a parsed (or any) property array; false when absent (*value is
 * then null). */
RMQ_API bool rmq_properties_get(const rmq_property *props, size_t count, const char *name,
                                rmq_str *value);

/*
 * messageProperties2String: each entry with a non-null value as name 0x01 value
 * 0x02 in array order (a null name is written as "null", like Java); 4.9.8 drops the
 * final 0x02, 5.3.3 keeps it. A name or value containing 0x01 or 0x02 would corrupt
 * the string (Java does not check): RMQ_ERR_UNREPRESENTABLE.
 */
RMQ_API int rmq_properties_encoded_size(const rmq_property *props, size_t count,
                                        rmq_release release, size_t *size, rmq_error *err);
RMQ_API int rmq_properties_encode(const rmq_property *props, size_t count, rmq_release release,
                                  char *out, size_t cap, size_t *written, rmq_error *err);

/*
 * props[0..count) as a Java Message's HashMap holds the same puts, in place: one entry
 * per name (where it was first put, with the value it was last put), then in the
 * map's iteration order (capacity 16, doubled while more than 3/4 full; buckets by
 * String.hashCode, a null name in bucket 0; insertion order within a bucket).
 * rmq_properties_encode of the result writes what messageProperties2String writes.
 * Returns the new count. Quadratic in count: meant for a message's few properties.
 */
RMQ_API size_t rmq_properties_java_order(rmq_property *props, size_t count);

/* Next key of a KEYS value ("k1 k2"): empty pieces skipped. */
RMQ_API bool rmq_keys_next(rmq_str keys, size_t *pos, rmq_str *key);

#ifdef __cplusplus
}
#endif
#endif
