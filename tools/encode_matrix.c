/*
 * encode_matrix: every public encoder's output for a matrix of values, with the values
 * asked for, so a Java program can read each back (tools/javagen/ReadBack.java, run by
 * tools/readback). Development only: the build and the tests never need Java.
 *
 *   encode_matrix OUTDIR 4.9.8|5.3.3
 *
 * writes OUTDIR/NAME.bin per case and OUTDIR/cases.jsonl, one line per case:
 * {"name", "kind", "release", "class" (typed headers: the Java header class), "want"}.
 * "want" holds the values given to the encoder, in the shape ReadBack prints what Java
 * read: scalars as text, maps as objects, byte strings as base64.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "rmqwire.h"

#include "common/base64.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *out_dir;
static rmq_release release;
static FILE *manifest;
static int failures;

/* ---- the manifest's JSON ---- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1) cap *= 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            fprintf(stderr, "encode_matrix: out of memory\n");
            exit(1);
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}

static void putf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(t, buf, (size_t)n);
}

static void put_str(text *t, rmq_str s)
{
    if (!s.ptr) {
        put(t, "null", 4);
        return;
    }
    put(t, "\"", 1);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(t, e, 2);
        } else if (c < 0x20 || c == 0x7F) {
            putf(t, "\\u%04x", c);
        } else {
            put(t, (const char *)&c, 1);
        }
    }
    put(t, "\"", 1);
}

static void put_cstr(text *t, const char *s) { put_str(t, s ? rmq_str_from_cstr(s) : RMQ_STR_NULL); }

static void put_b64(text *t, const uint8_t *b, size_t n)
{
    if (!b) {
        put(t, "null", 4);
        return;
    }
    char *enc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&enc, &len);
    if (!f) {
        fprintf(stderr, "encode_matrix: out of memory\n");
        exit(1);
    }
    b64_write(f, b, n);
    fclose(f);
    put(t, "\"", 1);
    put(t, enc, len);
    put(t, "\"", 1);
    free(enc);
}

/* a member "key":"value" with the value as text (Java's toString) */
static void member_i64(text *t, bool *first, const char *key, int64_t v)
{
    putf(t, "%s\"%s\":\"%lld\"", *first ? "" : ",", key, (long long)v);
    *first = false;
}

static void member_str(text *t, bool *first, const char *key, rmq_str v)
{
    putf(t, "%s\"%s\":", *first ? "" : ",", key);
    put_str(t, v);
    *first = false;
}

static void write_case(const char *name, const char *kind, const char *klass, const uint8_t *bytes, size_t n,
                       const text *want, const text *asked)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", out_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f)) {
        fprintf(stderr, "encode_matrix: cannot write %s\n", path);
        exit(1);
    }
    fprintf(manifest, "{\"name\":\"%s\",\"kind\":\"%s\",\"release\":\"%s\"", name, kind,
            release == RMQ_RELEASE_4_9_8 ? "4.9.8" : "5.3.3");
    if (klass) fprintf(manifest, ",\"class\":\"%s\"", klass);
    fprintf(manifest, ",\"want\":%s", want->s);
    if (asked) fprintf(manifest, ",\"asked\":%s", asked->s);
    fputs("}\n", manifest);
}

static void encoder_failed(const char *name, const rmq_error *err)
{
    fprintf(stderr, "encode_matrix: %s: %s (%s)\n", name, rmq_strerror(err->code), err->message ? err->message : "");
    failures++;
}

/* ---- frames ---- */

static const char *java_package(void)
{
    return release == RMQ_RELEASE_4_9_8 ? "org.apache.rocketmq.common.protocol.header."
                                        : "org.apache.rocketmq.remoting.protocol.header.";
}

/* want of a command: what Java's RemotingCommand should hold after decode */
static void want_command(text *t, const rmq_command *cmd, const text *header)
{
    bool rmq = cmd->serialize_type == RMQ_SERIALIZE_ROCKETMQ;
    put(t, "{", 1);
    bool first = true;
    member_i64(t, &first, "code", cmd->code);
    /* no language in JSON: Java keeps its default, JAVA (as from its own writer) */
    const char *lang = rmq_language_name(cmd->language == RMQ_LANG_NULL ? RMQ_LANG_JAVA : cmd->language, release);
    put(t, ",\"language\":", 12);
    put_cstr(t, lang);
    member_i64(t, &first, "version", cmd->version);
    member_i64(t, &first, "opaque", cmd->opaque);
    member_i64(t, &first, "flag", cmd->flag);
    /* ROCKETMQ writes "" and null alike (length 0), which Java reads as null */
    rmq_str remark = rmq && cmd->remark.len == 0 ? RMQ_STR_NULL : cmd->remark;
    member_str(t, &first, "remark", remark);
    put(t, ",\"serializeType\":", 17);
    put_cstr(t, rmq ? "ROCKETMQ" : "JSON");
    put(t, ",\"extFields\":", 13);
    /* JSON writes an empty map as {} (Java: empty map); ROCKETMQ as length 0 (Java: null).
     * Null keys and values are left out by both writers. */
    size_t kept = 0;
    for (size_t i = 0; cmd->has_ext && i < cmd->ext_count; i++)
        if (cmd->ext[i].key.ptr && cmd->ext[i].value.ptr) kept++;
    if (!cmd->has_ext || (rmq && kept == 0)) {
        put(t, "null", 4);
    } else {
        put(t, "{", 1);
        bool f2 = true;
        for (size_t i = 0; i < cmd->ext_count; i++) {
            const rmq_ext_field *e = &cmd->ext[i];
            if (!e->key.ptr || !e->value.ptr) continue;
            if (!f2) put(t, ",", 1);
            /* ROCKETMQ: "" and null are both length 0, which Java's readStr reads as null */
            put_str(t, rmq && !e->key.len ? RMQ_STR_NULL : e->key);
            put(t, ":", 1);
            put_str(t, rmq && !e->value.len ? RMQ_STR_NULL : e->value);
            f2 = false;
        }
        put(t, "}", 1);
    }
    put(t, ",\"body\":", 8);
    /* an empty body and none are the same bytes; Java reads null */
    put_b64(t, cmd->body_len ? cmd->body : NULL, cmd->body_len);
    if (header) {
        put(t, ",\"header\":", 10);
        put(t, header->s, header->len);
    }
    put(t, "}", 1);
}

/* the values given, for Java's own writer: nulls left out of the map, "" kept */
static void asked_command(text *t, const rmq_command *cmd)
{
    put(t, "{", 1);
    bool first = true;
    member_i64(t, &first, "code", cmd->code);
    put(t, ",\"language\":", 12);
    put_cstr(t, cmd->language == RMQ_LANG_NULL ? NULL : rmq_language_name(cmd->language, release));
    member_i64(t, &first, "version", cmd->version);
    member_i64(t, &first, "opaque", cmd->opaque);
    member_i64(t, &first, "flag", cmd->flag);
    member_str(t, &first, "remark", cmd->remark);
    put(t, ",\"serializeType\":", 17);
    put_cstr(t, cmd->serialize_type == RMQ_SERIALIZE_ROCKETMQ ? "ROCKETMQ" : "JSON");
    put(t, ",\"extFields\":", 13);
    if (!cmd->has_ext) {
        put(t, "null", 4);
    } else {
        put(t, "{", 1);
        bool f2 = true;
        for (size_t i = 0; i < cmd->ext_count; i++) {
            if (!cmd->ext[i].key.ptr || !cmd->ext[i].value.ptr) continue;
            if (!f2) put(t, ",", 1);
            put_str(t, cmd->ext[i].key);
            put(t, ":", 1);
            put_str(t, cmd->ext[i].value);
            f2 = false;
        }
        put(t, "}", 1);
    }
    put(t, ",\"body\":", 8);
    put_b64(t, cmd->body, cmd->body_len);
    put(t, "}", 1);
}

static void frame_case(const char *name, const rmq_command *cmd, const char *klass, const text *header)
{
    size_t size;
    rmq_error err = {0};
    if (rmq_frame_encoded_size(cmd, &size, &err)) {
        encoder_failed(name, &err);
        return;
    }
    uint8_t *buf = malloc(size);
    size_t written;
    if (rmq_frame_encode(cmd, buf, size, &written, &err)) {
        encoder_failed(name, &err);
        free(buf);
        return;
    }
    text want = {0}, asked = {0};
    want_command(&want, cmd, header);
    asked_command(&asked, cmd);
    char full[256];
    if (klass) snprintf(full, sizeof full, "%s%s", java_package(), klass);
    write_case(name, "frame", klass ? full : NULL, buf, written, &want, &asked);
    free(want.s);
    free(asked.s);
    free(buf);
}

static rmq_str S(const char *s) { return rmq_str_from_cstr(s); }

static void plain_frames(void)
{
    static const uint8_t body[] = {0, 1, 2, 0xFF, 'h', 'i', '"', '\\'};
    const rmq_ext_field ext[] = {
        {S("topic"), S("TopicTest")},
        {S("queueId"), S("3")},
        {S("k\"q\\"), S("v\n\t\x01" "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80")},
        {S("empty"), S("")},
        {S("nullValue"), RMQ_STR_NULL},
        {S("\xE4\xB8\xAD\xE6\x96\x87"), S("\xE2\x80\xA8 \x7F")},
    };
    static const struct {
        const char *name;
        int32_t code, language, version, opaque, flag;
        const char *remark;
        int ext; /* 0 none, 1 empty map, 2 the entries */
        bool body;
    } rows[] = {
        {"request", 10, RMQ_LANG_JAVA, 399, 1, 0, NULL, 2, true},
        {"response", 0, RMQ_LANG_JAVA, 433, 77, RMQ_FLAG_RESPONSE, "ok", 0, false},
        {"oneway", 34, RMQ_LANG_CPP, 0, -5, RMQ_FLAG_ONEWAY, "", 1, false},
        {"remark_escapes", 1, RMQ_LANG_GO, 1, INT32_MAX, 0, "a\"b\\c\n\x1f\xE2\x80\xA9\xF0\x9F\x98\x80", 2, true},
        {"negative_code", -1, RMQ_LANG_PYTHON, 7, INT32_MIN, 3, "r", 2, false},
        {"empty_body", 11, RMQ_LANG_RUST, 2, 9, 0, NULL, 1, true},
        {"null_language", 12, RMQ_LANG_NULL, 3, 10, 0, NULL, 0, false},
        {"node_js", 13, RMQ_LANG_NODE_JS, 4, 11, 0, NULL, 0, false},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        for (int st = 0; st < 2; st++) {
            if (rows[r].language == RMQ_LANG_NODE_JS && release == RMQ_RELEASE_4_9_8) continue;
            /* ROCKETMQ carries the language as a byte: there is no null one */
            if (st == 1 && rows[r].language == RMQ_LANG_NULL) continue;
            rmq_command cmd;
            rmq_command_init(&cmd);
            cmd.serialize_type = st ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
            cmd.code = rows[r].code;
            cmd.language = rows[r].language;
            cmd.version = rows[r].version;
            cmd.opaque = rows[r].opaque;
            cmd.flag = rows[r].flag;
            cmd.remark = rows[r].remark ? S(rows[r].remark) : RMQ_STR_NULL;
            cmd.has_ext = rows[r].ext > 0;
            cmd.ext = rows[r].ext == 2 ? ext : NULL;
            cmd.ext_count = rows[r].ext == 2 ? sizeof ext / sizeof ext[0] : 0;
            if (rows[r].body) {
                cmd.body = body;
                cmd.body_len = strcmp(rows[r].name, "empty_body") == 0 ? 0 : sizeof body;
            }
            rmq_ext_field ordered[sizeof ext / sizeof ext[0]];
            if (cmd.ext_count) {
                /* as Java's HashMap(16) holds them, so that Java's own writer gives the same bytes */
                memcpy(ordered, ext, sizeof ext);
                rmq_ext_java_map_order(ordered, cmd.ext_count, 16);
                cmd.ext = ordered;
            }
            char name[128];
            snprintf(name, sizeof name, "frame_%s_%s", rows[r].name, st ? "rocketmq" : "json");
            frame_case(name, &cmd, NULL, NULL);
        }
    }
}

/* ---- typed headers ---- */

static void header_frames(const char *name, int32_t code, int32_t flag, const char *klass, const rmq_ext_field *ext,
                          size_t count, size_t fast_count, const rmq_ext_field *fast, const text *header)
{
    for (int st = 0; st < 2; st++) {
        rmq_command cmd;
        rmq_command_init(&cmd);
        cmd.serialize_type = st ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
        cmd.code = code;
        cmd.flag = flag;
        cmd.opaque = 42;
        cmd.version = release == RMQ_RELEASE_4_9_8 ? 399 : 473;
        cmd.has_ext = true;
        /* ROCKETMQ: a FastCodesHeader writes its own order, the rest go through the map */
        cmd.ext = st && fast ? fast : ext;
        cmd.ext_count = st && fast ? fast_count : count;
        char full[128];
        snprintf(full, sizeof full, "header_%s_%s", name, st ? "rocketmq" : "json");
        frame_case(full, &cmd, klass, header);
    }
}

/* The header values as Java's fields print them (Java names). */
static void header_want(text *t, const rmq_ext_field *ext, size_t count)
{
    put(t, "{", 1);
    bool first = true;
    for (size_t i = 0; i < count; i++) {
        if (!first) put(t, ",", 1);
        put_str(t, ext[i].key);
        put(t, ":", 1);
        put_str(t, ext[i].value);
        first = false;
    }
    put(t, "}", 1);
}

static rmq_arena arena;

static void typed_case(const char *name, int32_t code, int32_t flag, const char *klass, bool fast,
                       int (*to_ext)(const void *h, rmq_ext_order order, rmq_ext_field **f, size_t *n, rmq_error *e),
                       const void *h)
{
    rmq_ext_field *map_order, *field_order = NULL;
    size_t n, n2 = 0;
    rmq_error err = {0};
    if (to_ext(h, RMQ_EXT_ORDER_JAVA_MAP, &map_order, &n, &err) ||
        (fast && to_ext(h, RMQ_EXT_ORDER_FIELDS, &field_order, &n2, &err))) {
        encoder_failed(name, &err);
        return;
    }
    text header = {0};
    header_want(&header, map_order, n);
    header_frames(name, code, flag, klass, map_order, n, n2, field_order, &header);
    free(header.s);
}

static rmq_send_variant send_variant;

static int send_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_send_request_to_ext(h, send_variant, release, o, &arena, f, n, e);
}
static int send_resp_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_send_response_to_ext(h, release, o, &arena, f, n, e);
}
static int pull_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_pull_request_to_ext(h, release, o, &arena, f, n, e);
}
static int pull_resp_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_pull_response_to_ext(h, release, o, &arena, f, n, e);
}
static int route_req_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_route_request_to_ext(h, release, o, &arena, f, n, e);
}
static int end_tx_to_ext(const void *h, rmq_ext_order o, rmq_ext_field **f, size_t *n, rmq_error *e)
{
    return rmq_end_tx_request_to_ext(h, release, o, &arena, f, n, e);
}

static void typed_headers(void)
{
    bool v5 = release == RMQ_RELEASE_5_3_3;
    rmq_send_request s = {0};
    s.present = (1u << 14) - 1;
    s.producer_group = S("please_rename_unique_group_name");
    s.topic = S("TopicTest\xE4\xB8\xAD");
    s.default_topic = S("TBW102");
    s.default_topic_queue_nums = 4;
    s.queue_id = 3;
    s.sys_flag = 0x41;
    s.born_timestamp = 1700000000123;
    s.flag = -7;
    s.properties = S("KEYS\001k1 k2\002TAGS\001TagA\002UNIQ_KEY\001AC1100020001");
    s.reconsume_times = 2;
    s.unit_mode = true;
    s.max_reconsume_times = 16;
    s.batch = false;
    s.broker_name = S("broker-a");
    send_variant = RMQ_SEND_V1;
    typed_case("send_v1", 10, 0, "SendMessageRequestHeader", false, send_to_ext, &s);
    send_variant = RMQ_SEND_V2;
    typed_case("send_v2", 310, 0, "SendMessageRequestHeaderV2", true, send_to_ext, &s);
    rmq_send_request few = {0};
    few.present = RMQ_SEND_PRODUCER_GROUP | RMQ_SEND_TOPIC | RMQ_SEND_QUEUE_ID | RMQ_SEND_BORN_TIMESTAMP;
    few.producer_group = S("g");
    few.topic = S("t");
    few.queue_id = 0;
    few.born_timestamp = -1;
    send_variant = RMQ_SEND_V1;
    typed_case("send_v1_few", 10, 0, "SendMessageRequestHeader", false, send_to_ext, &few);

    rmq_send_response r = {0};
    r.present = v5 ? 0x3F : 0x0F;
    r.msg_id = S("C0A8000200002A9F0000000000000000,C0A8000200002A9F0000000000000100");
    r.queue_id = 1;
    r.queue_offset = 123456789012;
    r.transaction_id = S("tx-1");
    r.batch_uniq_id = S("batch");
    r.recall_handle = S("recall");
    typed_case("send_response", 0, RMQ_FLAG_RESPONSE, "SendMessageResponseHeader", true, send_resp_to_ext, &r);

    rmq_pull_request p = {0};
    /* 4.9.8: the eleven fields and RpcRequestHeader's bname */
    p.present = v5 ? (1u << 19) - 1 : ((1u << 11) - 1) | 1u << 17;
    p.consumer_group = S("cg");
    p.topic = S("TopicTest");
    p.queue_id = 2;
    p.queue_offset = 100;
    p.max_msg_nums = 32;
    p.sys_flag = 3;
    p.commit_offset = 99;
    p.suspend_timeout_millis = 15000;
    p.subscription = S("TagA || TagB");
    p.sub_version = 1700000000000;
    p.expression_type = S("TAG");
    p.max_msg_bytes = 1 << 20;
    p.request_source = 1;
    p.proxy_forward_client_id = S("proxy-1");
    p.lo = true;
    p.ns = S("ns1");
    p.nsd = true;
    p.broker_name = S("broker-b");
    p.oway = true;
    typed_case("pull", 11, 0, "PullMessageRequestHeader", true, pull_to_ext, &p);

    rmq_pull_response pr = {0};
    pr.present = v5 ? 0xFF : 0x0F;
    pr.suggest_which_broker_id = 1;
    pr.next_begin_offset = 200;
    pr.min_offset = 0;
    pr.max_offset = 1000;
    pr.offset_delta = -3;
    pr.topic_sys_flag = 1;
    pr.group_sys_flag = 2;
    pr.forbidden_type = 4;
    typed_case("pull_response", 0, RMQ_FLAG_RESPONSE, "PullMessageResponseHeader", true, pull_resp_to_ext, &pr);

    rmq_route_request rr = {0};
    rr.present = v5 ? 3 : 1;
    rr.topic = S("TopicTest");
    rr.accept_standard_json_only = true;
    typed_case("route_request", 105, 0, "namesrv.GetRouteInfoRequestHeader", false, route_req_to_ext, &rr);

    rmq_end_tx_request e = {0};
    e.present = v5 ? 0x1FF : (0x7F | (1u << 8));
    e.producer_group = S("pg");
    e.tran_state_table_offset = 5;
    e.commit_log_offset = 123456;
    e.commit_or_rollback = 8;
    e.from_transaction_check = true;
    e.msg_id = S("C0A8000200002A9F0000000000000000");
    e.transaction_id = S("AC11000200002A9F0000000000000001");
    e.topic = S("TopicTest");
    e.broker_name = S("broker-a");
    typed_case("end_tx", 37, 0, "EndTransactionRequestHeader", false, end_tx_to_ext, &e);
}

/* ---- bodies ---- */

/* What string2messageProperties gives: one entry per name, where it was first put, with its
 * last value; an entry with an empty name or value is not read at all. */
static void want_props(text *t, const rmq_property *p, size_t n)
{
    put(t, "{", 1);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        bool earlier = false;
        for (size_t j = 0; j < i; j++) earlier |= rmq_str_equal(p[j].name, p[i].name);
        if (earlier) continue;
        rmq_str value = p[i].value;
        for (size_t j = i + 1; j < n; j++)
            if (rmq_str_equal(p[j].name, p[i].name) && p[j].value.ptr) value = p[j].value;
        if (!value.ptr || !value.len || !p[i].name.len) continue;
        if (!first) put(t, ",", 1);
        put_str(t, p[i].name);
        put(t, ":", 1);
        put_str(t, value);
        first = false;
    }
    put(t, "}", 1);
}

static void properties_cases(void)
{
    const rmq_property sets[][6] = {
        {{S("TAGS"), S("TagA")}, {S("KEYS"), S("k1 k2")}, {S("UNIQ_KEY"), S("AC110002")}, {S("WAIT"), S("true")}},
        {{S("a"), S("1")}, {S("b"), S("")}, {S("a"), S("2")}, {S("n"), RMQ_STR_NULL}, {S("\xE4\xB8\xAD"), S("\xF0\x9F\x98\x80")}},
        {{S("DELAY"), S("3")}},
    };
    const size_t counts[] = {4, 5, 1};
    for (size_t k = 0; k < 3; k++) {
        rmq_property p[6];
        memcpy(p, sets[k], sizeof p);
        /* Java writes its HashMap: rmq_properties_java_order puts them so (and drops repeats) */
        size_t n = rmq_properties_java_order(p, counts[k]);
        size_t size, written;
        rmq_error err = {0};
        char name[64];
        snprintf(name, sizeof name, "properties_%zu", k);
        if (rmq_properties_encoded_size(p, n, release, &size, &err)) {
            encoder_failed(name, &err);
            continue;
        }
        char *buf = malloc(size + 1);
        if (rmq_properties_encode(p, n, release, buf, size + 1, &written, &err)) {
            encoder_failed(name, &err);
            free(buf);
            continue;
        }
        text want = {0}, asked = {0};
        want_props(&want, sets[k], counts[k]);
        put(&asked, "[", 1);
        for (size_t i = 0; i < counts[k]; i++) {
            put(&asked, i ? ",[" : "[", i ? 2 : 1);
            put_str(&asked, sets[k][i].name);
            put(&asked, ",", 1);
            put_str(&asked, sets[k][i].value);
            put(&asked, "]", 1);
        }
        put(&asked, "]", 1);
        write_case(name, "properties", NULL, (const uint8_t *)buf, written, &want, &asked);
        free(want.s);
        free(asked.s);
        free(buf);
    }
}

static void batch_case(void)
{
    static const uint8_t b1[] = "hello", b3[] = {0, 0xFF, 0x10};
    const rmq_property p1[] = {{S("KEYS"), S("k1")}, {S("TAGS"), S("TagA")}}, p3[] = {{S("WAIT"), S("false")}};
    const struct {
        int32_t flag;
        const uint8_t *body;
        size_t len;
        const rmq_property *props;
        size_t count;
    } msgs[] = {{0, b1, 5, p1, 2}, {7, b1, 0, NULL, 0}, {-1, b3, 3, p3, 1}};
    rmq_batch_record recs[3];
    char strings[3][64];
    for (size_t i = 0; i < 3; i++) {
        rmq_property ordered[2];
        if (msgs[i].count) memcpy(ordered, msgs[i].props, msgs[i].count * sizeof *ordered);
        size_t n = rmq_properties_java_order(ordered, msgs[i].count), len;
        rmq_error err = {0};
        if (rmq_properties_encode(ordered, n, release, strings[i], sizeof strings[i], &len, &err)) {
            encoder_failed("batch properties", &err);
            return;
        }
        recs[i] = (rmq_batch_record){msgs[i].flag, msgs[i].body, msgs[i].len, {strings[i], len}};
    }
    size_t size, written;
    rmq_error err = {0};
    if (rmq_batch_encoded_size(recs, 3, &size, &err)) {
        encoder_failed("batch", &err);
        return;
    }
    uint8_t *buf = malloc(size);
    if (rmq_batch_encode(recs, 3, buf, size, &written, &err)) {
        encoder_failed("batch", &err);
        free(buf);
        return;
    }
    text want = {0};
    put(&want, "[", 1);
    for (size_t i = 0; i < 3; i++) {
        if (i) put(&want, ",", 1);
        putf(&want, "{\"flag\":\"%d\",\"body\":", msgs[i].flag);
        put_b64(&want, msgs[i].body, msgs[i].len);
        put(&want, ",\"properties\":", 14);
        want_props(&want, msgs[i].props, msgs[i].count);
        put(&want, "}", 1);
    }
    put(&want, "]", 1);
    write_case("batch", "batch", NULL, buf, written, &want, NULL);
    free(want.s);
    free(buf);
}

/* 5.3.3's TopicRouteData() starts with empty lists and map: what is not written reads so */
static void want_absent(text *t, const char *empty)
{
    put_cstr(t, NULL);
    if (release == RMQ_RELEASE_5_3_3) {
        t->len -= 4;
        put(t, empty, strlen(empty));
    }
}

static void want_route(text *t, const rmq_route *r)
{
    put(t, "{\"orderTopicConf\":", 18);
    put_str(t, r->order_topic_conf);
    put(t, ",\"queueDatas\":", 14);
    if (!r->has_queue_datas) want_absent(t, "[]");
    else {
        put(t, "[", 1);
        for (size_t i = 0; i < r->queue_count; i++) {
            const rmq_queue_data *q = &r->queue_datas[i];
            if (i) put(t, ",", 1);
            put(t, "{\"brokerName\":", 14);
            put_str(t, q->broker_name);
            putf(t, ",\"readQueueNums\":\"%d\",\"writeQueueNums\":\"%d\",\"perm\":\"%d\",\"topicSysFlag\":\"%d\"}",
                 q->read_queue_nums, q->write_queue_nums, q->perm, q->topic_sys_flag);
        }
        put(t, "]", 1);
    }
    put(t, ",\"brokerDatas\":", 15);
    if (!r->has_broker_datas) want_absent(t, "[]");
    else {
        put(t, "[", 1);
        for (size_t i = 0; i < r->broker_count; i++) {
            const rmq_broker_data *b = &r->broker_datas[i];
            if (i) put(t, ",", 1);
            put(t, "{\"cluster\":", 11);
            put_str(t, b->cluster);
            put(t, ",\"brokerName\":", 14);
            put_str(t, b->broker_name);
            put(t, ",\"brokerAddrs\":", 15);
            if (!b->has_addrs) put(t, "null", 4);
            else {
                put(t, "{", 1);
                for (size_t k = 0; k < b->addr_count; k++) {
                    putf(t, "%s\"%lld\":", k ? "," : "", (long long)b->addrs[k].id);
                    put_str(t, b->addrs[k].addr);
                }
                put(t, "}", 1);
            }
            if (release == RMQ_RELEASE_5_3_3) {
                put(t, ",\"zoneName\":", 12);
                put_str(t, b->zone_name);
                /* 5.3.3 always writes it; false unless set */
                putf(t, ",\"enableActingMaster\":\"%s\"", b->enable_acting_master ? "true" : "false");
            }
            put(t, "}", 1);
        }
        put(t, "]", 1);
    }
    put(t, ",\"filterServerTable\":", 21);
    if (!r->has_filter_server_table) want_absent(t, "{}");
    else {
        put(t, "{", 1);
        for (size_t i = 0; i < r->filter_count; i++) {
            const rmq_filter_servers *f = &r->filter_servers[i];
            if (i) put(t, ",", 1);
            put_str(t, f->broker_addr);
            put(t, ":", 1);
            if (!f->has_servers) put(t, "null", 4);
            else {
                put(t, "[", 1);
                for (size_t k = 0; k < f->count; k++) {
                    if (k) put(t, ",", 1);
                    put_str(t, f->servers[k]);
                }
                put(t, "]", 1);
            }
        }
        put(t, "}", 1);
    }
    put(t, "}", 1);
}

static void route_cases(void)
{
    const rmq_broker_addr a1[] = {{0, S("192.168.0.1:10911")}, {1, S("192.168.0.11:10911")}, {17, S("10.0.0.1:1")}};
    const rmq_broker_addr a2[] = {{0, S("192.168.0.2:10911")}};
    rmq_broker_data b[] = {
        {S("DefaultCluster"), S("broker-a"), true, a1, 3, RMQ_STR_NULL, false, false},
        {S("\xE9\x9B\x86\xE7\xBE\xA4"), S("broker-\xE4\xB8\xAD"), true, a2, 1, RMQ_STR_NULL, false, false},
        {S("c"), S("broker-c"), false, NULL, 0, RMQ_STR_NULL, false, false},
    };
    if (release == RMQ_RELEASE_5_3_3) {
        b[0].zone_name = S("zone-1");
        b[0].has_acting_master = true;
        b[0].enable_acting_master = true;
    }
    const rmq_queue_data q[] = {{S("broker-a"), 4, 4, 6, 0}, {S("broker-\xE4\xB8\xAD"), 8, 2, 2, 1}};
    const rmq_str servers[] = {S("192.168.0.1:3001"), S("192.168.0.1:3002")};
    const rmq_filter_servers f[] = {{S("192.168.0.1:10911"), true, servers, 2}, {S("192.168.0.2:10911"), true, NULL, 0}};
    rmq_route r = {0};
    r.order_topic_conf = S("broker-a:4;broker-b:4 \"q\"\\\n");
    r.has_queue_datas = true;
    r.queue_datas = q;
    r.queue_count = 2;
    r.has_broker_datas = true;
    r.broker_datas = b;
    r.broker_count = 3;
    r.has_filter_server_table = true;
    r.filter_servers = f;
    r.filter_count = 2;
    rmq_route all_null = {0}, empty = {0};
    empty.has_queue_datas = empty.has_broker_datas = empty.has_filter_server_table = true;
    /* 5.3.3 has no null lists to write (its constructor makes them empty): all_null is
     * read as empty, so Java's writer on what it read is not the same values */
    const struct {
        const char *name;
        const rmq_route *r;
    } routes[] = {{"full", &r}, {"empty", &empty}, {"all_null", &all_null}};
    size_t route_count = release == RMQ_RELEASE_4_9_8 ? 3 : 2;
    for (size_t k = 0; k < route_count; k++) {
        for (int d = 0; d < 2; d++) {
            rmq_route_dialect dialect = d ? RMQ_ROUTE_STANDARD : RMQ_ROUTE_PLAIN;
            size_t size, written;
            rmq_error err = {0};
            char name[64];
            snprintf(name, sizeof name, "route_%s_%s", routes[k].name, d ? "standard" : "plain");
            if (rmq_route_encoded_size(routes[k].r, dialect, RMQ_ROUTE_ORDER_JAVA_HASHMAP, release, &size, &err)) {
                encoder_failed(name, &err);
                continue;
            }
            uint8_t *buf = malloc(size);
            if (rmq_route_encode(routes[k].r, dialect, RMQ_ROUTE_ORDER_JAVA_HASHMAP, release, buf, size, &written, &err)) {
                encoder_failed(name, &err);
                free(buf);
                continue;
            }
            text want = {0};
            want_route(&want, routes[k].r);
            write_case(name, d ? "route_standard" : "route_plain", NULL, buf, written, &want, NULL);
            free(want.s);
            free(buf);
        }
    }
}

static void heartbeat_case(void)
{
    /* one producer: ProducerData has no hashCode, so Java's HashSet order of two is its identity hashes' */
    const rmq_str groups[] = {S("pg1")};
    const rmq_str tags[] = {S("TagA"), S("TagB")};
    const int32_t codes[] = {rmq_tag_code(S("TagA")), rmq_tag_code(S("TagB"))};
    const rmq_subscription subs[] = {
        {false, S("TopicTest"), S("TagA || TagB"), tags, 2, codes, 2, 1700000000000, S("TAG")},
    };
    const rmq_consumer_data consumers[] = {
        {S("cg1"), S("CONSUME_PASSIVELY"), S("CLUSTERING"), S("CONSUME_FROM_LAST_OFFSET"), subs, 1, false},
    };
    rmq_heartbeat h = {S("192.168.0.9@12345"), groups, 1, consumers, 1, 0, false};
    if (release == RMQ_RELEASE_5_3_3) h.heartbeat_fingerprint = 0;
    size_t size, written;
    rmq_error err = {0};
    if (rmq_heartbeat_encoded_size(&h, release, &size, &err)) {
        encoder_failed("heartbeat", &err);
        return;
    }
    uint8_t *buf = malloc(size);
    if (rmq_heartbeat_encode(&h, release, buf, size, &written, &err)) {
        encoder_failed("heartbeat", &err);
        free(buf);
        return;
    }
    text want = {0};
    put(&want, "{\"clientID\":", 12);
    put_str(&want, h.client_id);
    put(&want, ",\"producerDataSet\":[", 20);
    for (size_t i = 0; i < h.producer_count; i++) {
        if (i) put(&want, ",", 1);
        put_str(&want, groups[i]);
    }
    static const char consumer[] =
        "],\"consumerDataSet\":[{\"groupName\":\"cg1\",\"consumeType\":\"CONSUME_PASSIVELY\","
        "\"messageModel\":\"CLUSTERING\",\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET\",\"unitMode\":\"false\","
        "\"subscriptionDataSet\":[{\"classFilterMode\":\"false\",\"topic\":\"TopicTest\",\"subString\":\"TagA || TagB\","
        "\"tagsSet\":[\"TagA\",\"TagB\"],";
    put(&want, consumer, sizeof consumer - 1);
    putf(&want, "\"codeSet\":[\"%d\",\"%d\"],\"subVersion\":\"1700000000000\",\"expressionType\":\"TAG\"}]}]}", codes[0],
         codes[1]);
    write_case("heartbeat", "heartbeat", NULL, buf, written, &want, NULL);
    free(want.s);
    free(buf);
}

static void zlib_case(void)
{
    uint8_t in[3000];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (uint8_t)("rocketmq "[i % 9] + (i / 700));
    static uint8_t scratch_buf[1 << 19];
    rmq_arena scratch;
    rmq_arena_init(&scratch, scratch_buf, sizeof scratch_buf);
    size_t cap = rmq_zlib_compress_bound(sizeof in), written;
    uint8_t *out = malloc(cap);
    rmq_error err = {0};
    /* the producer's default compressMsgBodyOverHowmuch level (5) */
    if (rmq_zlib_compress(in, sizeof in, 5, &scratch, out, cap, &written, &err)) {
        encoder_failed("zlib", &err);
        free(out);
        return;
    }
    text want = {0};
    put(&want, "{\"level\":\"5\",\"body\":", 20);
    put_b64(&want, in, sizeof in);
    put(&want, "}", 1);
    write_case("zlib_level5", "zlib", NULL, out, written, &want, NULL);
    free(want.s);
    free(out);
}

static void msgid_cases(void)
{
    const rmq_host hosts[] = {
        {{192, 168, 0, 2}, 4, 10911},
        {{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 16, 10912},
    };
    const int64_t offsets[] = {0x1234567890LL, INT64_MAX};
    for (size_t k = 0; k < 2; k++) {
        char id[57];
        size_t n = rmq_offset_msgid_format(&hosts[k], offsets[k], id);
        char addr[52];
        rmq_host_format(&hosts[k], addr);
        text want = {0};
        put(&want, "{\"address\":", 11);
        put_cstr(&want, addr);
        putf(&want, ",\"offset\":\"%lld\"}", (long long)offsets[k]);
        char name[32];
        snprintf(name, sizeof name, "msgid_%s", k ? "ipv6" : "ipv4");
        write_case(name, "msgid", NULL, (const uint8_t *)id, n, &want, NULL);
        free(want.s);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "4.9.8") && strcmp(argv[2], "5.3.3"))) {
        fprintf(stderr, "usage: encode_matrix OUTDIR 4.9.8|5.3.3\n");
        return 2;
    }
    out_dir = argv[1];
    release = strcmp(argv[2], "4.9.8") == 0 ? RMQ_RELEASE_4_9_8 : RMQ_RELEASE_5_3_3;
    char path[4096];
    snprintf(path, sizeof path, "%s/cases.jsonl", out_dir);
    manifest = fopen(path, "w");
    if (!manifest) {
        fprintf(stderr, "encode_matrix: cannot write %s\n", path);
        return 1;
    }
    static uint8_t arena_buf[1 << 16];
    rmq_arena_init(&arena, arena_buf, sizeof arena_buf);
    plain_frames();
    typed_headers();
    properties_cases();
    batch_case();
    route_cases();
    if (release == RMQ_RELEASE_4_9_8) heartbeat_case(); /* javaref's 5.3.3 jar has no HeartbeatData */
    zlib_case();
    msgid_cases();
    fclose(manifest);
    return failures ? 1 : 0;
}
