/* Golden check of tables/: every constant the library exposes equals Java's. */
#include "golden.h"

#include <stdio.h>
#include <string.h>

#define DIFF(...) do { snprintf(why, n, __VA_ARGS__); return false; } while (0)

typedef struct named_constant {
    const char *name;
    long long value;
} named_constant;

static const named_constant sys_flags[] = {
    {"COMPRESSED_FLAG", RMQ_MSG_COMPRESSED}, {"MULTI_TAGS_FLAG", RMQ_MSG_MULTI_TAGS},
    {"TRANSACTION_NOT_TYPE", RMQ_MSG_TRANSACTION_NOT_TYPE}, {"TRANSACTION_PREPARED_TYPE", RMQ_MSG_TRANSACTION_PREPARED},
    {"TRANSACTION_COMMIT_TYPE", RMQ_MSG_TRANSACTION_COMMIT}, {"TRANSACTION_ROLLBACK_TYPE", RMQ_MSG_TRANSACTION_ROLLBACK},
    {"BORNHOST_V6_FLAG", RMQ_MSG_BORNHOST_V6}, {"STOREHOSTADDRESS_V6_FLAG", RMQ_MSG_STOREHOST_V6},
    {"NEED_UNWRAP_FLAG", RMQ_MSG_NEED_UNWRAP}, {"INNER_BATCH_FLAG", RMQ_MSG_INNER_BATCH},
    {"COMPRESSION_LZ4_TYPE", RMQ_MSG_COMPRESSION_LZ4}, {"COMPRESSION_ZSTD_TYPE", RMQ_MSG_COMPRESSION_ZSTD},
    {"COMPRESSION_ZLIB_TYPE", RMQ_MSG_COMPRESSION_ZLIB}, {"COMPRESSION_TYPE_COMPARATOR", RMQ_MSG_COMPRESSION_MASK},
    {"PERM_PRIORITY", RMQ_PERM_PRIORITY}, {"PERM_READ", RMQ_PERM_READ}, {"PERM_WRITE", RMQ_PERM_WRITE},
    {"PERM_INHERIT", RMQ_PERM_INHERIT}, {"INDEX_PERM_PRIORITY", RMQ_PERM_INDEX_PRIORITY},
    {"INDEX_PERM_READ", RMQ_PERM_INDEX_READ}, {"INDEX_PERM_WRITE", RMQ_PERM_INDEX_WRITE},
    {"INDEX_PERM_INHERIT", RMQ_PERM_INDEX_INHERIT}, {"FLAG_UNIT", RMQ_TOPIC_FLAG_UNIT}, {"FLAG_UNIT_SUB", RMQ_TOPIC_FLAG_UNIT_SUB},
    {"FLAG_COMMIT_OFFSET", RMQ_PULL_COMMIT_OFFSET}, {"FLAG_SUSPEND", RMQ_PULL_SUSPEND},
    {"FLAG_SUBSCRIPTION", RMQ_PULL_SUBSCRIPTION}, {"FLAG_CLASS_FILTER", RMQ_PULL_CLASS_FILTER},
    {"FLAG_LITE_PULL_MESSAGE", RMQ_PULL_LITE_PULL}, {"JSON", RMQ_SERIALIZE_JSON}, {"ROCKETMQ", RMQ_SERIALIZE_ROCKETMQ},
    {"RPC_TYPE_bit", 0}, {"RPC_ONEWAY_bit", 1}, {"response_flag_value", RMQ_FLAG_RESPONSE},
    {"oneway_flag_value", RMQ_FLAG_ONEWAY},
};

typedef struct named_key {
    const char *name;
    const char *key;
} named_key;

static const named_key prop_keys[] = {
    {"PROPERTY_KEYS", RMQ_PROP_KEYS}, {"PROPERTY_TAGS", RMQ_PROP_TAGS}, {"PROPERTY_WAIT_STORE_MSG_OK", RMQ_PROP_WAIT},
    {"PROPERTY_DELAY_TIME_LEVEL", RMQ_PROP_DELAY}, {"PROPERTY_RETRY_TOPIC", RMQ_PROP_RETRY_TOPIC},
    {"PROPERTY_REAL_TOPIC", RMQ_PROP_REAL_TOPIC}, {"PROPERTY_REAL_QUEUE_ID", RMQ_PROP_REAL_QID},
    {"PROPERTY_TRANSACTION_PREPARED", RMQ_PROP_TRAN_MSG}, {"PROPERTY_PRODUCER_GROUP", RMQ_PROP_PGROUP},
    {"PROPERTY_MIN_OFFSET", RMQ_PROP_MIN_OFFSET}, {"PROPERTY_MAX_OFFSET", RMQ_PROP_MAX_OFFSET},
    {"PROPERTY_RECONSUME_TIME", RMQ_PROP_RECONSUME_TIME}, {"PROPERTY_MAX_RECONSUME_TIMES", RMQ_PROP_MAX_RECONSUME_TIMES},
    {"PROPERTY_MSG_REGION", RMQ_PROP_MSG_REGION}, {"PROPERTY_TRACE_SWITCH", RMQ_PROP_TRACE_ON},
    {"PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX", RMQ_PROP_UNIQ_KEY}, {"PROPERTY_TRANSACTION_ID", RMQ_PROP_TRANSACTION_ID},
    {"PROPERTY_TRANSACTION_CHECK_TIMES", RMQ_PROP_TRANSACTION_CHECK_TIMES}, {"PROPERTY_INSTANCE_ID", RMQ_PROP_INSTANCE_ID},
    {"PROPERTY_CORRELATION_ID", RMQ_PROP_CORRELATION_ID}, {"PROPERTY_MESSAGE_REPLY_TO_CLIENT", RMQ_PROP_REPLY_TO_CLIENT},
    {"PROPERTY_MESSAGE_TTL", RMQ_PROP_TTL}, {"PROPERTY_MESSAGE_TYPE", RMQ_PROP_MSG_TYPE}, {"PROPERTY_CLUSTER", RMQ_PROP_CLUSTER},
    {"PROPERTY_TIMER_DELAY_SEC", RMQ_PROP_TIMER_DELAY_SEC}, {"PROPERTY_TIMER_DELIVER_MS", RMQ_PROP_TIMER_DELIVER_MS},
    {"PROPERTY_TIMER_DELAY_MS", RMQ_PROP_TIMER_DELAY_MS}, {"PROPERTY_SHARDING_KEY", RMQ_PROP_SHARDING_KEY},
};

static bool check_constants(const vj *table, char *why, size_t n)
{
    for (size_t i = 0; i < table->n; i++) {
        const vj *v = table->items[i];
        size_t k = 0;
        while (k < sizeof sys_flags / sizeof sys_flags[0] && strcmp(sys_flags[k].name, table->keys[i])) k++;
        if (k == sizeof sys_flags / sizeof sys_flags[0]) DIFF("constant %s not provided", table->keys[i]);
        if (v->type != VJ_NUM || v->i != sys_flags[k].value) DIFF("constant %s = %lld", table->keys[i], sys_flags[k].value);
    }
    return true;
}

static bool check_code_names(const vj *table, rmq_release rel, bool response, char *why, size_t n)
{
    for (size_t i = 0; i < table->n; i++) {
        int32_t code = (int32_t)table->items[i]->i;
        const char *ours = response ? rmq_response_code_name(code, rel) : rmq_request_code_name(code, rel);
        if (!ours || strcmp(ours, table->keys[i])) DIFF("code %d: %s, Java %s", code, ours ? ours : "none", table->keys[i]);
        if (!response && rmq_request_code_from_name(table->keys[i], strlen(table->keys[i]), rel) != code) DIFF("name %s", table->keys[i]);
    }
    return true;
}

bool check_tables_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    rmq_release rel = case_release(c->json);
    const char *kind = strncmp(name, "v533_", 5) == 0 ? name + 5 : name;
    const vj *t = vj_get(c->json, "table");
    if (!t || t->type != VJ_OBJ) DIFF("no table");
    if (!strcmp(kind, "language_code")) {
        for (size_t i = 0; i < t->n; i++) {
            const char *ours = rmq_language_name((int32_t)t->items[i]->i, rel);
            if (!ours || strcmp(ours, t->keys[i])) DIFF("language %s", t->keys[i]);
            if (rmq_language_from_name(t->keys[i], strlen(t->keys[i]), rel) != t->items[i]->i) DIFF("language name %s", t->keys[i]);
        }
        return true;
    }
    if (!strcmp(kind, "request_code")) return check_code_names(t, rel, false, why, n);
    if (!strcmp(kind, "response_code")) {
        for (size_t i = 0; i < t->n; i++)
            if (!check_code_names(t->items[i], rel, true, why, n)) return false;
        return true;
    }
    if (!strcmp(kind, "mq_version")) {
        const vj *ord = vj_get(t, "ordinals");
        for (size_t i = 0; ord && i < ord->n; i++) {
            const char *ours = rmq_mq_version_name((int32_t)ord->items[i]->i);
            if (!ours || strcmp(ours, ord->keys[i])) DIFF("version %s", ord->keys[i]);
        }
        const vj *cur = vj_get(t, "CURRENT_VERSION_NAME");
        if (cur && rmq_mq_version_from_name(cur->s, cur->slen) != vj_get(t, "CURRENT_VERSION")->i) DIFF("CURRENT_VERSION");
        return true;
    }
    if (!strcmp(kind, "message_const")) {
        for (size_t k = 0; k < sizeof prop_keys / sizeof prop_keys[0]; k++) {
            const vj *v = vj_get(t, prop_keys[k].name);
            if (!v) {
                if (rel == RMQ_RELEASE_5_3_3) DIFF("%s not in Java's MessageConst", prop_keys[k].name);
                continue; /* 5.x-only key, absent from 4.9.8 */
            }
            if (v->type != VJ_STR || strcmp(v->s, prop_keys[k].key)) DIFF("%s = %s", prop_keys[k].name, prop_keys[k].key);
        }
        return true;
    }
    return check_constants(t, why, n);
}
