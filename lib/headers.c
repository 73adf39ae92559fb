/* Typed custom headers ↔ extFields: one table per Java header class, one engine (SPEC §4.5). */
#include "rmqwire/headers.h"

#include "rmqwire/codes.h"

#include "internal/error_set.h"
#include "internal/java_number.h"
#include "internal/java_string.h"

#include <stddef.h>
#include <string.h>

enum field_flags {
    PRIMITIVE_498 = 1 /* a primitive in 4.9.8: written even when "absent" (false) */
};

typedef struct rmq_hfield {
    const char *key;
    uint8_t key_len;   /* sizeof the literal - 1: no strlen at run time */
    uint8_t type;
    uint8_t flags;
    uint16_t offset;
} rmq_hfield;

struct rmq_header_schema {
    const char *java_name;
    const rmq_hfield *fields;
    uint8_t count;
    bool fast;              /* FastCodesHeader: parse errors throw in Java */
    /* The order makeCustomHeaderToNet puts the fields into the map, per release (4.9.8, 5.3.3):
     * getClazzFields' HashSet<Field> order (Field.hashCode mixes the declaring class's name,
     * which moved package between the releases). Listed by tools/javagen/FieldOrder.java;
     * NULL for headers that are only decoded. A field the release lacks comes last. */
    const uint8_t *visit[2];
    bool letters;           /* field i's key is the letter 'a' + i (SendMessageRequestHeaderV2) */
};

#define F(st, key, type, member) {key, (uint8_t)(sizeof key - 1), type, 0, (uint16_t)offsetof(st, member)}
#define FP(st, key, type, member) {key, (uint8_t)(sizeof key - 1), type, PRIMITIVE_498, (uint16_t)offsetof(st, member)}
#define SCHEMA(name, java, table, fast) \
    static const rmq_header_schema name = {java, table, (uint8_t)(sizeof table / sizeof table[0]), fast, {NULL, NULL}, \
                                           false}
#define SCHEMA_VISITED(name, java, table, fast, v498, v533)                                                  \
    static const rmq_header_schema name = {java, table, (uint8_t)(sizeof table / sizeof table[0]), fast, {v498, v533}, \
                                           false}
#define S RMQ_FIELD_STRING
#define I RMQ_FIELD_INT32
#define L RMQ_FIELD_INT64
#define B RMQ_FIELD_BOOL

/* Same indexes as V2 below: the two share rmq_send_request and its present bits. */
static const rmq_hfield send_v1_fields[] = {
    F(rmq_send_request, "producerGroup", S, producer_group), F(rmq_send_request, "topic", S, topic),
    F(rmq_send_request, "defaultTopic", S, default_topic),
    F(rmq_send_request, "defaultTopicQueueNums", I, default_topic_queue_nums),
    F(rmq_send_request, "queueId", I, queue_id), F(rmq_send_request, "sysFlag", I, sys_flag),
    F(rmq_send_request, "bornTimestamp", L, born_timestamp), F(rmq_send_request, "flag", I, flag),
    F(rmq_send_request, "properties", S, properties), F(rmq_send_request, "reconsumeTimes", I, reconsume_times),
    FP(rmq_send_request, "unitMode", B, unit_mode),
    F(rmq_send_request, "maxReconsumeTimes", I, max_reconsume_times), FP(rmq_send_request, "batch", B, batch),
    F(rmq_send_request, "bname", S, broker_name),
};
static const uint8_t send_v1_visit_498[] = {0, 11, 8, 13, 6, 1, 5, 9, 7, 4, 2, 3, 10, 12};
static const uint8_t send_v1_visit_533[] = {11, 0, 1, 6, 8, 4, 7, 13, 5, 9, 12, 10, 3, 2};
SCHEMA_VISITED(send_v1, "SendMessageRequestHeader", send_v1_fields, false, send_v1_visit_498, send_v1_visit_533);

static const rmq_hfield send_v2_fields[] = {
    F(rmq_send_request, "a", S, producer_group), F(rmq_send_request, "b", S, topic),
    F(rmq_send_request, "c", S, default_topic), F(rmq_send_request, "d", I, default_topic_queue_nums),
    F(rmq_send_request, "e", I, queue_id), F(rmq_send_request, "f", I, sys_flag),
    F(rmq_send_request, "g", L, born_timestamp), F(rmq_send_request, "h", I, flag),
    F(rmq_send_request, "i", S, properties), F(rmq_send_request, "j", I, reconsume_times),
    FP(rmq_send_request, "k", B, unit_mode), F(rmq_send_request, "l", I, max_reconsume_times),
    FP(rmq_send_request, "m", B, batch), F(rmq_send_request, "n", S, broker_name),
};
static const uint8_t send_v2_visit_498[] = {4, 3, 6, 5, 0, 2, 1, 12, 11, 13, 8, 7, 10, 9};
static const uint8_t send_v2_visit_533[] = {13, 11, 12, 9, 10, 7, 8, 5, 6, 3, 4, 1, 2, 0};
static const rmq_header_schema send_v2 = {"SendMessageRequestHeaderV2", send_v2_fields,
                                          (uint8_t)(sizeof send_v2_fields / sizeof send_v2_fields[0]), true,
                                          {send_v2_visit_498, send_v2_visit_533}, true};

static const rmq_hfield send_resp_fields[] = {
    F(rmq_send_response, "msgId", S, msg_id), F(rmq_send_response, "queueId", I, queue_id),
    F(rmq_send_response, "queueOffset", L, queue_offset), F(rmq_send_response, "transactionId", S, transaction_id),
    F(rmq_send_response, "batchUniqId", S, batch_uniq_id), F(rmq_send_response, "recallHandle", S, recall_handle),
};
static const uint8_t send_resp_visit_498[] = {2, 0, 3, 1, 4, 5};
static const uint8_t send_resp_visit_533[] = {0, 5, 2, 4, 3, 1};
SCHEMA_VISITED(send_resp, "SendMessageResponseHeader", send_resp_fields, true, send_resp_visit_498, send_resp_visit_533);

static const rmq_hfield pull_req_fields[] = {
    F(rmq_pull_request, "consumerGroup", S, consumer_group), F(rmq_pull_request, "topic", S, topic),
    F(rmq_pull_request, "queueId", I, queue_id), F(rmq_pull_request, "queueOffset", L, queue_offset),
    F(rmq_pull_request, "maxMsgNums", I, max_msg_nums), F(rmq_pull_request, "sysFlag", I, sys_flag),
    F(rmq_pull_request, "commitOffset", L, commit_offset),
    F(rmq_pull_request, "suspendTimeoutMillis", L, suspend_timeout_millis),
    F(rmq_pull_request, "subscription", S, subscription), F(rmq_pull_request, "subVersion", L, sub_version),
    F(rmq_pull_request, "expressionType", S, expression_type), F(rmq_pull_request, "maxMsgBytes", I, max_msg_bytes),
    F(rmq_pull_request, "requestSource", I, request_source),
    F(rmq_pull_request, "proxyFrowardClientId", S, proxy_forward_client_id), F(rmq_pull_request, "lo", B, lo),
    F(rmq_pull_request, "ns", S, ns), F(rmq_pull_request, "nsd", B, nsd), F(rmq_pull_request, "bname", S, broker_name),
    F(rmq_pull_request, "oway", B, oway),
};
static const uint8_t pull_req_visit_498[] = {4, 5, 7, 6, 2, 0, 17, 9, 3, 10, 8, 1, 11, 12, 13, 14, 15, 16, 18};
static const uint8_t pull_req_visit_533[] = {11, 2, 15, 6, 4, 5, 8, 12, 13, 14, 17, 18, 7, 3, 10, 1, 0, 9, 16};
SCHEMA_VISITED(pull_req, "PullMessageRequestHeader", pull_req_fields, true, pull_req_visit_498, pull_req_visit_533);

static const rmq_hfield pull_resp_fields[] = {
    F(rmq_pull_response, "suggestWhichBrokerId", L, suggest_which_broker_id),
    F(rmq_pull_response, "nextBeginOffset", L, next_begin_offset), F(rmq_pull_response, "minOffset", L, min_offset),
    F(rmq_pull_response, "maxOffset", L, max_offset), F(rmq_pull_response, "offsetDelta", L, offset_delta),
    F(rmq_pull_response, "topicSysFlag", I, topic_sys_flag), F(rmq_pull_response, "groupSysFlag", I, group_sys_flag),
    F(rmq_pull_response, "forbiddenType", I, forbidden_type),
};
static const uint8_t pull_resp_visit_498[] = {3, 2, 0, 1, 4, 5, 6, 7};
static const uint8_t pull_resp_visit_533[] = {3, 4, 5, 2, 6, 0, 1, 7};
SCHEMA_VISITED(pull_resp, "PullMessageResponseHeader", pull_resp_fields, true, pull_resp_visit_498, pull_resp_visit_533);

static const rmq_hfield route_req_fields[] = {
    F(rmq_route_request, "topic", S, topic),
    F(rmq_route_request, "acceptStandardJsonOnly", B, accept_standard_json_only),
};
SCHEMA(route_req, "GetRouteInfoRequestHeader", route_req_fields, false);

static const rmq_hfield end_tx_fields[] = {
    F(rmq_end_tx_request, "producerGroup", S, producer_group),
    F(rmq_end_tx_request, "tranStateTableOffset", L, tran_state_table_offset),
    F(rmq_end_tx_request, "commitLogOffset", L, commit_log_offset),
    F(rmq_end_tx_request, "commitOrRollback", I, commit_or_rollback),
    F(rmq_end_tx_request, "fromTransactionCheck", B, from_transaction_check),
    F(rmq_end_tx_request, "msgId", S, msg_id), F(rmq_end_tx_request, "transactionId", S, transaction_id),
    F(rmq_end_tx_request, "topic", S, topic), F(rmq_end_tx_request, "bname", S, broker_name),
};
static const uint8_t end_tx_visit_498[] = {4, 6, 5, 1, 3, 2, 8, 0, 7};
static const uint8_t end_tx_visit_533[] = {6, 4, 8, 7, 5, 1, 3, 2, 0};
SCHEMA_VISITED(end_tx, "EndTransactionRequestHeader", end_tx_fields, false, end_tx_visit_498, end_tx_visit_533);

/* Headers known only through the generic view: offsets are computed from the index. */
#define G(key, type) {key, (uint8_t)(sizeof key - 1), type, 0, 0}
static const rmq_hfield query_msg_fields[] = {G("topic", S), G("key", S), G("maxNum", I), G("beginTimestamp", L), G("endTimestamp", L)};
SCHEMA(query_msg, "QueryMessageRequestHeader", query_msg_fields, false);
static const rmq_hfield query_offset_fields[] = {G("consumerGroup", S), G("topic", S), G("queueId", I), G("bname", S)};
SCHEMA(query_offset, "QueryConsumerOffsetRequestHeader", query_offset_fields, false);
static const rmq_hfield query_offset_resp_fields[] = {G("offset", L)};
SCHEMA(query_offset_resp, "QueryConsumerOffsetResponseHeader", query_offset_resp_fields, false);
static const rmq_hfield update_offset_fields[] = {G("consumerGroup", S), G("topic", S), G("queueId", I), G("commitOffset", L), G("bname", S)};
SCHEMA(update_offset, "UpdateConsumerOffsetRequestHeader", update_offset_fields, false);
static const rmq_hfield create_topic_fields[] = {G("topic", S), G("defaultTopic", S), G("readQueueNums", I), G("writeQueueNums", I), G("perm", I), G("topicFilterType", S), G("topicSysFlag", I), G("order", B)};
SCHEMA(create_topic, "CreateTopicRequestHeader", create_topic_fields, false);
static const rmq_hfield search_offset_fields[] = {G("topic", S), G("queueId", I), G("timestamp", L), G("bname", S)};
SCHEMA(search_offset, "SearchOffsetRequestHeader", search_offset_fields, false);
static const rmq_hfield offset_resp_fields[] = {G("offset", L)};
SCHEMA(offset_resp, "OffsetResponseHeader", offset_resp_fields, false);
static const rmq_hfield max_offset_fields[] = {G("topic", S), G("queueId", I), G("committed", B), G("bname", S)};
SCHEMA(max_offset, "GetMaxOffsetRequestHeader", max_offset_fields, false);
static const rmq_hfield view_msg_fields[] = {G("offset", L)};
SCHEMA(view_msg, "ViewMessageRequestHeader", view_msg_fields, false);
static const rmq_hfield unregister_fields[] = {G("clientID", S), G("producerGroup", S), G("consumerGroup", S)};
SCHEMA(unregister, "UnregisterClientRequestHeader", unregister_fields, false);
static const rmq_hfield send_back_fields[] = {G("offset", L), G("group", S), G("delayLevel", I), G("originMsgId", S), G("originTopic", S), G("unitMode", B), G("maxReconsumeTimes", I), G("bname", S)};
SCHEMA(send_back, "ConsumerSendMsgBackRequestHeader", send_back_fields, false);
static const rmq_hfield consumer_list_fields[] = {G("consumerGroup", S)};
SCHEMA(consumer_list, "GetConsumerListByGroupRequestHeader", consumer_list_fields, false);
static const rmq_hfield check_tx_fields[] = {G("msgId", S), G("transactionId", S), G("offsetMsgId", S), G("tranStateTableOffset", L), G("commitLogOffset", L), G("topic", S)};
SCHEMA(check_tx, "CheckTransactionStateRequestHeader", check_tx_fields, false);
static const rmq_hfield notify_ids_fields[] = {G("consumerGroup", S)};
SCHEMA(notify_ids, "NotifyConsumerIdsChangedRequestHeader", notify_ids_fields, false);
static const rmq_hfield kv_config_fields[] = {G("namespace", S), G("key", S)};
SCHEMA(kv_config, "GetKVConfigRequestHeader", kv_config_fields, false);
static const rmq_hfield register_broker_fields[] = {G("brokerName", S), G("brokerAddr", S), G("clusterName", S), G("haServerAddr", S), G("brokerId", L), G("heartbeatTimeoutMillis", L), G("enableActingMaster", B), G("compressed", B), G("bodyCrc32", I)};
SCHEMA(register_broker, "RegisterBrokerRequestHeader", register_broker_fields, false);

/* The table engine reads `present` at offset 0 and keeps one bit per field in it. */
_Static_assert(offsetof(rmq_send_request, present) == 0, "present first");
_Static_assert(offsetof(rmq_send_response, present) == 0, "present first");
_Static_assert(offsetof(rmq_pull_request, present) == 0, "present first");
_Static_assert(offsetof(rmq_pull_response, present) == 0, "present first");
_Static_assert(offsetof(rmq_route_request, present) == 0, "present first");
_Static_assert(offsetof(rmq_end_tx_request, present) == 0, "present first");
_Static_assert(offsetof(rmq_header_values, present) == 0, "present first");
_Static_assert(RMQ_HEADER_MAX_FIELDS <= 32, "one present bit per field");
#define FITS(table) _Static_assert(sizeof table / sizeof table[0] <= RMQ_HEADER_MAX_FIELDS, #table " too long")
FITS(send_v1_fields);
FITS(send_v2_fields);
FITS(send_resp_fields);
FITS(pull_req_fields);
FITS(pull_resp_fields);
FITS(route_req_fields);
FITS(end_tx_fields);
FITS(register_broker_fields);
FITS(create_topic_fields);
FITS(send_back_fields);
#undef FITS

typedef struct schema_route {
    int32_t code;
    bool response;
    const rmq_header_schema *schema;
} schema_route;

static const schema_route routes[] = {
    {RMQ_REQ_SEND_MESSAGE, false, &send_v1},
    {RMQ_REQ_SEND_REPLY_MESSAGE, false, &send_v1},
    {RMQ_REQ_SEND_MESSAGE_V2, false, &send_v2},
    {RMQ_REQ_SEND_BATCH_MESSAGE, false, &send_v2},
    {RMQ_REQ_SEND_REPLY_MESSAGE_V2, false, &send_v2},
    {RMQ_REQ_SEND_MESSAGE, true, &send_resp},
    {RMQ_REQ_SEND_MESSAGE_V2, true, &send_resp},
    {RMQ_REQ_SEND_BATCH_MESSAGE, true, &send_resp},
    {RMQ_REQ_SEND_REPLY_MESSAGE, true, &send_resp},
    {RMQ_REQ_SEND_REPLY_MESSAGE_V2, true, &send_resp},
    {RMQ_REQ_PULL_MESSAGE, false, &pull_req},
    {RMQ_REQ_LITE_PULL_MESSAGE, false, &pull_req},
    {RMQ_REQ_PULL_MESSAGE, true, &pull_resp},
    {RMQ_REQ_LITE_PULL_MESSAGE, true, &pull_resp},
    {RMQ_REQ_GET_ROUTEINFO_BY_TOPIC, false, &route_req},
    {RMQ_REQ_END_TRANSACTION, false, &end_tx},
    {RMQ_REQ_QUERY_MESSAGE, false, &query_msg},
    {RMQ_REQ_QUERY_CONSUMER_OFFSET, false, &query_offset},
    {RMQ_REQ_QUERY_CONSUMER_OFFSET, true, &query_offset_resp},
    {RMQ_REQ_UPDATE_CONSUMER_OFFSET, false, &update_offset},
    {RMQ_REQ_UPDATE_AND_CREATE_TOPIC, false, &create_topic},
    {RMQ_REQ_SEARCH_OFFSET_BY_TIMESTAMP, false, &search_offset},
    {RMQ_REQ_SEARCH_OFFSET_BY_TIMESTAMP, true, &offset_resp},
    {RMQ_REQ_GET_MAX_OFFSET, false, &max_offset},
    {RMQ_REQ_GET_MAX_OFFSET, true, &offset_resp},
    {RMQ_REQ_VIEW_MESSAGE_BY_ID, false, &view_msg},
    {RMQ_REQ_UNREGISTER_CLIENT, false, &unregister},
    {RMQ_REQ_CONSUMER_SEND_MSG_BACK, false, &send_back},
    {RMQ_REQ_GET_CONSUMER_LIST_BY_GROUP, false, &consumer_list},
    {RMQ_REQ_CHECK_TRANSACTION_STATE, false, &check_tx},
    {RMQ_REQ_NOTIFY_CONSUMER_IDS_CHANGED, false, &notify_ids},
    {RMQ_REQ_GET_KV_CONFIG, false, &kv_config},
    {RMQ_REQ_REGISTER_BROKER, false, &register_broker},
};

const rmq_header_schema *rmq_header_schema_for(int32_t code, bool is_response)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (routes[i].code == code && routes[i].response == is_response) return routes[i].schema;
    return NULL;
}

const rmq_header_schema *rmq_header_schema_for_response(const rmq_command *resp, int32_t request_code)
{
    if (!resp) return NULL;
    if (request_code != RMQ_REQUEST_CODE_UNKNOWN) return rmq_header_schema_for(request_code, true);
    static const struct {
        const char *key;
        size_t len;
        int32_t answered;
    } markers[] = {{"nextBeginOffset", 15, RMQ_REQ_PULL_MESSAGE},
                   {"msgId", 5, RMQ_REQ_SEND_MESSAGE_V2},
                   {"offset", 6, RMQ_REQ_QUERY_CONSUMER_OFFSET}};
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (rmq_ext_get(resp, markers[i].key, markers[i].len, NULL)) return rmq_header_schema_for(markers[i].answered, true);
    return NULL;
}

const char *rmq_header_schema_name(const rmq_header_schema *s) { return s ? s->java_name : NULL; }
size_t rmq_header_schema_field_count(const rmq_header_schema *s) { return s ? s->count : 0; }

const char *rmq_header_schema_field(const rmq_header_schema *s, size_t i, rmq_field_type *type)
{
    if (!s || i >= s->count) return NULL;
    if (type) *type = (rmq_field_type)s->fields[i].type;
    return s->fields[i].key;
}

/* Where field i lives: the table offset, or slot i of an rmq_header_values. */
static void *slot(const rmq_header_schema *s, size_t i, void *base, bool generic)
{
    size_t off = generic ? offsetof(rmq_header_values, v) + i * sizeof(rmq_field_value) : s->fields[i].offset;
    return (char *)base + off;
}

static int field_index_by_name(const rmq_header_schema *s, rmq_str k);

/* Schema index of ext key k (k.len > 0), or -1: letters by arithmetic, others by length and first byte first. */
static inline int field_index(const rmq_header_schema *s, rmq_str k)
{
    if (s->letters) {
        unsigned i = (unsigned)(uint8_t)k.ptr[0] - 'a';
        return k.len == 1 && i < s->count ? (int)i : -1;
    }
    return field_index_by_name(s, k);
}

static int field_index_by_name(const rmq_header_schema *s, rmq_str k)
{
    for (int i = 0; i < s->count; i++) {
        const rmq_hfield *f = &s->fields[i];
        if (f->key_len == k.len && f->key[0] == k.ptr[0] && memcmp(f->key, k.ptr, k.len) == 0) return i;
    }
    return -1;
}

/* Field f's value in dst with Java's parse rules; false when Java cannot parse it. */
static inline bool parse_field(const rmq_hfield *f, rmq_str v, void *dst)
{
    int64_t n;
    if (f->type == RMQ_FIELD_INT32 && v.len && v.len <= 9) {
        /* plain digits fit an int: no sign, no range check */
        uint32_t acc = 0;
        size_t i = 0;
        for (; i < v.len; i++) {
            unsigned d = (unsigned)(uint8_t)v.ptr[i] - '0';
            if (d > 9) break;
            acc = acc * 10 + d;
        }
        if (i == v.len) {
            *(int32_t *)dst = (int32_t)acc;
            return true;
        }
    }
    switch (f->type) {
    case RMQ_FIELD_STRING: *(rmq_str *)dst = v; return true;
    case RMQ_FIELD_BOOL: *(bool *)dst = rmq_java_parse_boolean(v); return true;
    case RMQ_FIELD_INT32:
        if (!rmq_java_parse_long(v, INT32_MIN, INT32_MAX, &n)) return false;
        *(int32_t *)dst = (int32_t)n;
        return true;
    default:
        if (!rmq_java_parse_long(v, INT64_MIN, INT64_MAX, &n)) return false;
        *(int64_t *)dst = n;
        return true;
    }
}

/* Absent: Java null; zeroed so a caller reading it sees no garbage. */
static void clear_field(const rmq_hfield *f, void *dst)
{
    if (f->type == RMQ_FIELD_STRING) *(rmq_str *)dst = RMQ_STR_NULL;
    else if (f->type == RMQ_FIELD_BOOL) *(bool *)dst = false;
    else if (f->type == RMQ_FIELD_INT32) *(int32_t *)dst = 0;
    else *(int64_t *)dst = 0;
}

/*
 * One walk over the ext entries, last to first so the last duplicate wins as in
 * Java's HashMap: each field takes the last entry with its key (a null value leaves
 * it absent but still hides earlier entries, as rmq_ext_get finds it). *taken gets
 * the fields whose key was there.
 */
#if defined(__GNUC__)
__attribute__((always_inline)) /* one copy per `generic`: slots are then plain offsets */
#endif
static inline int decode_into(const rmq_header_schema *s, const rmq_command *cmd, void *out, bool generic,
                              uint32_t *notes, uint32_t *taken_out, rmq_error *err)
{
    uint32_t taken = 0, present = 0, note = 0, all = s->count >= 32 ? UINT32_MAX : (1u << s->count) - 1;
    uint32_t unparsable = 0;
    bool letters = s->letters;
    const rmq_ext_field *first = cmd->has_ext ? cmd->ext : NULL, *x = first ? first + cmd->ext_count : NULL;
    while (x != first && taken != all) {
        --x;
        rmq_str k = x->key;
        unsigned i;
        if (letters) { /* the common V2 case without a call */
            if (k.len != 1 || !k.ptr || (i = (unsigned)(uint8_t)k.ptr[0] - 'a') >= s->count) continue;
        } else {
            int at;
            if (!k.ptr || k.len == 0 || (at = field_index_by_name(s, k)) < 0) continue;
            i = (unsigned)at;
        }
        if ((taken >> i) & 1u) continue;
        taken |= 1u << i;
        rmq_str v = x->value;
        if (!v.ptr) continue;
        if (parse_field(&s->fields[i], v, slot(s, (size_t)i, out, generic))) present |= 1u << i;
        else if (s->fast) unparsable |= 1u << i; /* FastCodesHeader.decode lets NumberFormatException escape */
        else note |= RMQ_NOTE_FIELD_UNPARSED; /* reflection swallows it */
    }
    if (taken_out) *taken_out = taken;
    /* Java parses in declaration order and throws at the first bad field */
    if (unparsable)
        return rmq_fail_field(err, RMQ_ERR_FIELD_VALUE, s->fields[__builtin_ctz(unparsable)].key,
                              "header number field Java cannot parse");
    for (uint32_t absent = all & ~present; absent; absent &= absent - 1) {
        size_t i = (size_t)__builtin_ctz(absent);
        clear_field(&s->fields[i], slot(s, i, out, generic));
    }
    *(uint32_t *)out = present;
    if (notes) *notes = note;
    return RMQ_OK;
}

/* Whether any ext key belongs to schema s. */
static bool has_any_key(const rmq_header_schema *s, const rmq_command *cmd)
{
    for (size_t e = 0; cmd->has_ext && e < cmd->ext_count; e++) {
        rmq_str k = cmd->ext[e].key;
        if (k.ptr && k.len && field_index(s, k) >= 0) return true;
    }
    return false;
}

static size_t render(const rmq_hfield *f, const void *src, char *buf)
{
    int64_t v;
    switch (f->type) {
    case RMQ_FIELD_BOOL:
        memcpy(buf, *(const bool *)src ? "true" : "false", *(const bool *)src ? 4 : 5);
        return *(const bool *)src ? 4 : 5;
    case RMQ_FIELD_INT32: v = *(const int32_t *)src; break;
    default: v = *(const int64_t *)src; break;
    }
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[n++] = '-';
    for (size_t i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

static int encode_from(const rmq_header_schema *s, const void *in, rmq_release release, rmq_ext_order order,
                       rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err)
{
    uint32_t present = *(const uint32_t *)in;
    size_t n = 0;
    for (size_t i = 0; i < s->count; i++) {
        bool always = (s->fields[i].flags & PRIMITIVE_498) && release == RMQ_RELEASE_4_9_8;
        if ((present & (1u << i)) || always) n++;
    }
    *fields = NULL;
    *count = 0;
    if (!n) return RMQ_OK;
    rmq_ext_field *out = rmq_arena_alloc(arena, n * sizeof *out, _Alignof(rmq_ext_field));
    if (!out) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    size_t k = 0;
    for (size_t pos = 0; pos < s->count; pos++) {
        const uint8_t *visit = s->visit[release == RMQ_RELEASE_4_9_8 ? 0 : 1];
        size_t i = (order == RMQ_EXT_ORDER_JAVA_MAP && visit) ? visit[pos] : pos;
        const rmq_hfield *f = &s->fields[i];
        bool set = (present & (1u << i)) != 0;
        if (!set && !((f->flags & PRIMITIVE_498) && release == RMQ_RELEASE_4_9_8)) continue;
        const void *src = slot(s, i, (void *)(uintptr_t)in, false);
        static const bool java_false = false;
        if (!set) src = &java_false; /* a primitive's default */
        out[k].key = rmq_str_from_cstr(f->key);
        if (f->type == RMQ_FIELD_STRING) {
            out[k].value = *(const rmq_str *)src;
            if (!out[k].value.ptr)
                return rmq_fail_field(err, RMQ_ERR_INVALID_ARGUMENT, f->key, "a present string field is NULL");
        } else {
            char *buf = rmq_arena_alloc(arena, 24, 1);
            if (!buf) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
            out[k].value.ptr = buf;
            out[k].value.len = render(f, src, buf);
        }
        k++;
    }
    if (order == RMQ_EXT_ORDER_JAVA_MAP) rmq_ext_java_map_order(out, k, 16);
    *fields = out;
    *count = k;
    return RMQ_OK;
}


rmq_send_variant rmq_send_variant_for_code(int32_t code)
{
    switch (code) {
    case RMQ_REQ_SEND_MESSAGE: case RMQ_REQ_SEND_REPLY_MESSAGE: return RMQ_SEND_V1;
    case RMQ_REQ_SEND_MESSAGE_V2: case RMQ_REQ_SEND_BATCH_MESSAGE: case RMQ_REQ_SEND_REPLY_MESSAGE_V2: return RMQ_SEND_V2;
    default: return RMQ_SEND_NOT_A_SEND;
    }
}

int rmq_send_request_decode_as(const rmq_command *cmd, rmq_send_variant variant, rmq_send_request *h,
                               uint32_t *notes, rmq_error *err)
{
    if (!cmd || !h || (variant != RMQ_SEND_V1 && variant != RMQ_SEND_V2))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    const rmq_header_schema *s = variant == RMQ_SEND_V1 ? &send_v1 : &send_v2;
    const rmq_header_schema *other = variant == RMQ_SEND_V1 ? &send_v2 : &send_v1;
    uint32_t taken;
    int rc = decode_into(s, cmd, h, false, notes, &taken, err);
    /* none of this variant's keys: name the mismatch Java would not, if the other's are there */
    if (rc == RMQ_OK && !taken && has_any_key(other, cmd))
        return rmq_fail(err, RMQ_ERR_WRONG_HEADER, 0, "send header keys of the other variant for this request code");
    return rc;
}

int rmq_send_request_decode(const rmq_command *cmd, rmq_send_request *h, uint32_t *notes, rmq_error *err)
{
    if (!cmd) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_send_variant v = rmq_send_variant_for_code(cmd->code);
    if (v == RMQ_SEND_NOT_A_SEND || rmq_command_is_response(cmd))
        return rmq_fail(err, RMQ_ERR_WRONG_HEADER, 0, "not a send request code (10, 310, 320, 324, 325)");
    return rmq_send_request_decode_as(cmd, v, h, notes, err);
}

int rmq_send_request_to_ext(const rmq_send_request *h, rmq_send_variant variant, rmq_release release,
                            rmq_ext_order order, rmq_arena *arena, rmq_ext_field **fields, size_t *count,
                            rmq_error *err)
{
    if (!h || !fields || !count || (variant != RMQ_SEND_V1 && variant != RMQ_SEND_V2))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    return encode_from(variant == RMQ_SEND_V1 ? &send_v1 : &send_v2, h, release, order, arena, fields, count, err);
}

#define SIMPLE_HEADER(prefix, type, schema)                                                                   \
    int prefix##_decode(const rmq_command *cmd, type *h, uint32_t *notes, rmq_error *err)                     \
    {                                                                                                         \
        if (!cmd || !h) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);                              \
        return decode_into(&schema, cmd, h, false, notes, NULL, err);                                         \
    }                                                                                                         \
    int prefix##_to_ext(const type *h, rmq_release release, rmq_ext_order order, rmq_arena *arena,            \
                        rmq_ext_field **fields, size_t *count, rmq_error *err)                                \
    {                                                                                                         \
        if (!h || !fields || !count) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);                 \
        return encode_from(&schema, h, release, order, arena, fields, count, err);                            \
    }

SIMPLE_HEADER(rmq_send_response, rmq_send_response, send_resp)
SIMPLE_HEADER(rmq_pull_request, rmq_pull_request, pull_req)
SIMPLE_HEADER(rmq_pull_response, rmq_pull_response, pull_resp)
SIMPLE_HEADER(rmq_route_request, rmq_route_request, route_req)
SIMPLE_HEADER(rmq_end_tx_request, rmq_end_tx_request, end_tx)

int rmq_header_decode(const rmq_header_schema *s, const rmq_command *cmd, rmq_header_values *vals, uint32_t *notes,
                      rmq_error *err)
{
    if (!s || !cmd || !vals) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    return decode_into(s, cmd, vals, true, notes, NULL, err);
}

void rmq_ext_java_map_order(rmq_ext_field *fields, size_t count, size_t initial_capacity)
{
    rmq_java_map_reorder(fields, count, sizeof *fields, offsetof(rmq_ext_field, key), initial_capacity);
}
