/* HeartbeatData bodies (HEART_BEAT, code 34) in fastjson's form, and the client id. */
#include "rmqwire/heartbeat.h"

#include "internal/error_set.h"
#include "internal/java_string.h"
#include "internal/json_fields.h"
#include "internal/json_writer.h"
#include "internal/limits.h"
#include "internal/utf8.h"

#include <string.h>

/* ---- writing: fastjson's alphabetical fields, nulls omitted ---- */

/* `"name":` with the separator when not the first member. */
static void field(rmq_writer *w, bool *first, const char *name)
{
    if (!*first) rmq_write_u8(w, ',');
    *first = false;
    rmq_write_u8(w, '"');
    rmq_jw_raw(w, name);
    RMQ_WRITE_LIT(w, "\":");
}

static void str_field(rmq_writer *w, bool *first, const char *name, rmq_str v)
{
    if (!v.ptr) return;
    field(w, first, name);
    rmq_jw_string(w, v.ptr, v.len);
}

static void bool_field(rmq_writer *w, bool *first, const char *name, bool v)
{
    field(w, first, name);
    rmq_jw_raw(w, v ? "true" : "false");
}

static void write_subscription(rmq_writer *w, const rmq_subscription *s)
{
    bool first = true;
    rmq_write_u8(w, '{');
    bool_field(w, &first, "classFilterMode", s->class_filter_mode);
    field(w, &first, "codeSet");
    rmq_write_u8(w, '[');
    for (size_t i = 0; i < s->code_count; i++) {
        if (i) rmq_write_u8(w, ',');
        rmq_jw_int(w, s->codes[i]);
    }
    rmq_write_u8(w, ']');
    str_field(w, &first, "expressionType", s->expression_type);
    str_field(w, &first, "subString", s->sub_string);
    field(w, &first, "subVersion");
    rmq_jw_int(w, s->sub_version);
    field(w, &first, "tagsSet");
    rmq_write_u8(w, '[');
    for (size_t i = 0; i < s->tag_count; i++) {
        if (i) rmq_write_u8(w, ',');
        if (s->tags[i].ptr) rmq_jw_string(w, s->tags[i].ptr, s->tags[i].len);
        else rmq_jw_raw(w, "null");
    }
    rmq_write_u8(w, ']');
    str_field(w, &first, "topic", s->topic);
    rmq_write_u8(w, '}');
}

static void write_consumer(rmq_writer *w, const rmq_consumer_data *c)
{
    bool first = true;
    rmq_write_u8(w, '{');
    str_field(w, &first, "consumeFromWhere", c->consume_from_where);
    str_field(w, &first, "consumeType", c->consume_type);
    str_field(w, &first, "groupName", c->group_name);
    str_field(w, &first, "messageModel", c->message_model);
    field(w, &first, "subscriptionDataSet");
    rmq_write_u8(w, '[');
    for (size_t i = 0; i < c->subscription_count; i++) {
        if (i) rmq_write_u8(w, ',');
        write_subscription(w, &c->subscriptions[i]);
    }
    rmq_write_u8(w, ']');
    bool_field(w, &first, "unitMode", c->unit_mode);
    rmq_write_u8(w, '}');
}

static int encode(const rmq_heartbeat *h, rmq_release release, rmq_writer *w, rmq_error *err)
{
    if (!h || (h->producer_count && !h->producer_groups) || (h->consumer_count && !h->consumers) ||
        (release != RMQ_RELEASE_4_9_8 && release != RMQ_RELEASE_5_3_3))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    for (size_t i = 0; i < h->consumer_count; i++) {
        const rmq_consumer_data *c = &h->consumers[i];
        if (c->subscription_count && !c->subscriptions) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
        for (size_t j = 0; j < c->subscription_count; j++)
            if ((c->subscriptions[j].tag_count && !c->subscriptions[j].tags) ||
                (c->subscriptions[j].code_count && !c->subscriptions[j].codes))
                return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    }
    bool first = true;
    rmq_write_u8(w, '{');
    str_field(w, &first, "clientID", h->client_id);
    field(w, &first, "consumerDataSet");
    rmq_write_u8(w, '[');
    for (size_t i = 0; i < h->consumer_count; i++) {
        if (i) rmq_write_u8(w, ',');
        write_consumer(w, &h->consumers[i]);
    }
    rmq_write_u8(w, ']');
    if (release == RMQ_RELEASE_5_3_3) {
        field(w, &first, "heartbeatFingerprint");
        rmq_jw_int(w, h->heartbeat_fingerprint);
    }
    field(w, &first, "producerDataSet");
    rmq_write_u8(w, '[');
    for (size_t i = 0; i < h->producer_count; i++) {
        if (i) rmq_write_u8(w, ',');
        rmq_write_u8(w, '{');
        bool pf = true;
        str_field(w, &pf, "groupName", h->producer_groups[i]);
        rmq_write_u8(w, '}');
    }
    rmq_write_u8(w, ']');
    if (release == RMQ_RELEASE_5_3_3) bool_field(w, &first, "withoutSub", h->without_sub);
    rmq_write_u8(w, '}');
    if (w->bad_utf8_at != SIZE_MAX)
        return rmq_fail(err, RMQ_ERR_UTF8, w->bad_utf8_at, "a string is not UTF-8 (no Java String holds it)");
    return RMQ_OK;
}

int rmq_heartbeat_encoded_size(const rmq_heartbeat *h, rmq_release release, size_t *size, rmq_error *err)
{
    if (!size) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = encode(h, release, &w, err);
    if (rc == RMQ_OK) *size = w.len;
    return rc;
}

int rmq_heartbeat_encode(const rmq_heartbeat *h, rmq_release release, uint8_t *out, size_t cap, size_t *written,
                         rmq_error *err)
{
    if (!out && cap) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, out, cap);
    int rc = encode(h, release, &w, err);
    if (rc) return rc;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = w.len;
    return RMQ_OK;
}

/* ---- reading ---- */

#define ON_STACK 8

static const rmq_jf_known_key heartbeat_keys[] = {K("clientID"), K("producerDataSet"), K("consumerDataSet"),
                                                   K("heartbeatFingerprint"), K("withoutSub"), {NULL, 0}};
static const rmq_jf_known_key consumer_keys[] = {K("groupName"), K("consumeType"), K("messageModel"),
                                                  K("consumeFromWhere"), K("subscriptionDataSet"), K("unitMode"),
                                                  {NULL, 0}};
static const rmq_jf_known_key subscription_keys[] = {K("classFilterMode"), K("topic"), K("subString"), K("tagsSet"),
                                                      K("codeSet"), K("subVersion"), K("expressionType"), {NULL, 0}};
static const rmq_jf_known_key producer_keys[] = {K("groupName"), {NULL, 0}};
#undef K

static int tag_item(rmq_jf_ctx *cx, void *item) { return rmq_jf_read_str(cx, item); }
static int code_item(rmq_jf_ctx *cx, void *item) { return rmq_jf_read_i32(cx, item); }

static int subscription_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_subscription *s = obj;
    if (KEY_IS(k, "classFilterMode")) return rmq_jf_read_bool(cx, &s->class_filter_mode);
    if (KEY_IS(k, "topic")) return rmq_jf_read_str(cx, &s->topic);
    if (KEY_IS(k, "subString")) return rmq_jf_read_str(cx, &s->sub_string);
    if (KEY_IS(k, "expressionType")) return rmq_jf_read_str(cx, &s->expression_type);
    if (KEY_IS(k, "subVersion")) return rmq_jf_read_i64(cx, &s->sub_version, INT64_MIN, INT64_MAX);
    if (KEY_IS(k, "tagsSet")) {
        rmq_str stack[ON_STACK];
        void *items;
        int rc = rmq_jf_scalar_array(cx, stack, ON_STACK, sizeof stack[0], _Alignof(rmq_str), tag_item, &items,
                                     &s->tag_count);
        s->tags = items;
        return rc;
    }
    if (KEY_IS(k, "codeSet")) {
        int32_t stack[ON_STACK];
        void *items;
        int rc = rmq_jf_scalar_array(cx, stack, ON_STACK, sizeof stack[0], _Alignof(int32_t), code_item, &items,
                                     &s->code_count);
        s->codes = items;
        return rc;
    }
    return rmq_jf_skip_value(cx, depth);
}

static int consumer_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_consumer_data *c = obj;
    if (KEY_IS(k, "groupName")) return rmq_jf_read_str(cx, &c->group_name);
    if (KEY_IS(k, "consumeType")) return rmq_jf_read_str(cx, &c->consume_type);
    if (KEY_IS(k, "messageModel")) return rmq_jf_read_str(cx, &c->message_model);
    if (KEY_IS(k, "consumeFromWhere")) return rmq_jf_read_str(cx, &c->consume_from_where);
    if (KEY_IS(k, "unitMode")) return rmq_jf_read_bool(cx, &c->unit_mode);
    if (KEY_IS(k, "subscriptionDataSet")) {
        c->subscriptions = NULL;
        c->subscription_count = 0;
        if (rmq_jf_take_null(cx)) return RMQ_OK;
        rmq_subscription stack[ON_STACK];
        void *items;
        int rc = rmq_jf_object_array(cx, depth, stack, ON_STACK, sizeof stack[0], _Alignof(rmq_subscription),
                                     subscription_member, subscription_keys, &items, &c->subscription_count);
        c->subscriptions = items;
        return rc;
    }
    return rmq_jf_skip_value(cx, depth);
}

static int producer_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    if (KEY_IS(k, "groupName")) return rmq_jf_read_str(cx, obj);
    return rmq_jf_skip_value(cx, depth);
}

static int heartbeat_member(rmq_jf_ctx *cx, const rmq_jtoken *k, void *obj, size_t i, uint32_t depth)
{
    (void)i;
    rmq_heartbeat *h = obj;
    if (KEY_IS(k, "clientID")) return rmq_jf_read_str(cx, &h->client_id);
    if (KEY_IS(k, "heartbeatFingerprint")) return rmq_jf_read_i32(cx, &h->heartbeat_fingerprint);
    if (KEY_IS(k, "withoutSub")) return rmq_jf_read_bool(cx, &h->without_sub);
    if (KEY_IS(k, "producerDataSet")) {
        h->producer_groups = NULL;
        h->producer_count = 0;
        if (rmq_jf_take_null(cx)) return RMQ_OK;
        /* a ProducerData is an object with its group: the list keeps only the names */
        rmq_str stack[ON_STACK];
        void *items;
        int rc = rmq_jf_object_array(cx, depth, stack, ON_STACK, sizeof stack[0], _Alignof(rmq_str), producer_member,
                                     producer_keys, &items, &h->producer_count);
        h->producer_groups = items;
        return rc;
    }
    if (KEY_IS(k, "consumerDataSet")) {
        h->consumers = NULL;
        h->consumer_count = 0;
        if (rmq_jf_take_null(cx)) return RMQ_OK;
        rmq_consumer_data stack[ON_STACK];
        void *items;
        int rc = rmq_jf_object_array(cx, depth, stack, ON_STACK, sizeof stack[0], _Alignof(rmq_consumer_data),
                                     consumer_member, consumer_keys, &items, &h->consumer_count);
        h->consumers = items;
        return rc;
    }
    return rmq_jf_skip_value(cx, depth);
}

size_t rmq_heartbeat_decode_bound(size_t len)
{
    /* every list item at most 4x while gathered, at most one item per 2 input bytes, plus
     * unescaped strings (3x + slack) */
    if (len > (SIZE_MAX - 4096) / 512) return SIZE_MAX;
    return 512 * len + 4096;
}

int rmq_heartbeat_decode(const uint8_t *body, size_t len, const rmq_decode_options *opts, rmq_arena *arena,
                         rmq_heartbeat *h, rmq_error *err)
{
    if ((!body && len) || !arena || !h || !rmq_options_valid(opts)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    memset(h, 0, sizeof *h);
    rmq_limits scratch;
    const rmq_limits *lim = rmq_limits_for(&scratch, opts);
    rmq_jf_ctx cx;
    rmq_jr_init(&cx.jr, body, len, 0, lim, err);
    cx.arena = arena;
    cx.max_list = lim->max_list;
    cx.loose_as = NULL;
    cx.match = NULL;
    cx.start_last = RMQ_FJ_LAST_OPEN;
    cx.by_field_deserializer = false;
    cx.pending = RMQ_FJT_COMMA;
    cx.refused_object = false;
    cx.jr.fastjson_words = true; /* fastjson's lexer: number suffixes, word delimiters, numbers that convert */
    int rc = rmq_jf_expect_container(&cx, '{');
    if (rc) return rc;
    rc = rmq_jf_each_member(&cx, 0, h, heartbeat_member, heartbeat_keys);
    if (rc) return rc;
    return rmq_jr_end(&cx.jr);
}

/* ---- names ---- */

size_t rmq_client_id(rmq_str ip, rmq_str instance_name, rmq_str unit_name, char *out, size_t cap)
{
    rmq_str parts[5] = {ip, {"@", 1}, instance_name, {"@", 1}, unit_name};
    /* UtilAll.isBlank(unitName): null, empty or whitespace only leaves it out */
    bool unit = false;
    for (size_t i = 0; unit_name.ptr && i < unit_name.len; i++)
        unit |= !(unit_name.ptr[i] == ' ' || (unit_name.ptr[i] >= 9 && unit_name.ptr[i] <= 13));
    size_t n = unit ? 5 : 3, len = 0;
    if (!out) cap = 0;
    for (size_t i = 0; i < n; i++) {
        const char *text = parts[i].ptr ? parts[i].ptr : "null"; /* StringBuilder.append(null) */
        size_t tl = parts[i].ptr ? parts[i].len : 4;
        for (size_t k = 0; k < tl; k++, len++)
            if (len + 1 < cap) out[len] = text[k];
    }
    if (cap) out[len < cap ? len : cap - 1] = 0;
    return len;
}

int32_t rmq_tag_code(rmq_str tag) { return tag.ptr ? (int32_t)rmq_java_string_hash(tag.ptr, tag.len) : 0; }
