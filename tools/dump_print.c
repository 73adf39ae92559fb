/* rmqdump's output: one JSON object (or one text line) per frame, with the views
 * the message layer gives (typed headers, properties, flags, bodies, routes). */
#include "dump_print.h"

#include "common/base64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREVIEW_BYTES 32


static void put_json_string(const char *s, size_t len)
{
    size_t need = rmq_json_quoted_size(s, len);
    char stack[1024];
    char *buf = need <= sizeof stack ? stack : malloc(need);
    if (!buf) {
        fputs("null", stdout);
        return;
    }
    size_t n = rmq_json_quote(buf, need, s, len);
    fwrite(buf, 1, n, stdout);
    if (buf != stack) free(buf);
}

static void put_str(rmq_str s)
{
    if (!s.ptr) fputs("null", stdout);
    else put_json_string(s.ptr, s.len);
}

static void put_cstr(const char *s)
{
    if (!s) fputs("null", stdout);
    else put_json_string(s, strlen(s));
}

static void put_body_preview(const uint8_t *body, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = len < PREVIEW_BYTES ? len : PREVIEW_BYTES;
    char h[2 * PREVIEW_BYTES + 1], t[PREVIEW_BYTES + 1];
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = hex[body[i] >> 4];
        h[2 * i + 1] = hex[body[i] & 15];
        t[i] = (body[i] >= 0x20 && body[i] < 0x7F) ? (char)body[i] : '.';
    }
    h[2 * n] = 0;
    t[n] = 0;
    printf(",\"bodyHex\":\"%s\",\"bodyText\":", h);
    put_json_string(t, n);
    if (len > n) fputs(",\"bodyTruncated\":true", stdout);
}

/* The whole body, so that --encode can rebuild the frame. */
static void put_base64(const uint8_t *p, size_t n)
{
    fputs(",\"bodyBase64\":\"", stdout);
    b64_write(stdout, p, n);
    putchar('"');
}

/* Scratch for zlib state and inflated previews (the tool owns it; the library only borrows it). */
static uint8_t zlib_scratch[RMQ_ZLIB_INFLATE_SCRATCH];
#define INFLATE_MAX (16u << 20)
static uint8_t *inflate_buf;

static void put_properties(rmq_str s, rmq_arena *arena)
{
    rmq_property *props;
    size_t n;
    if (rmq_properties_parse(s.ptr, s.len, arena, &props, &n, NULL) != RMQ_OK) {
        fputs("null", stdout);
        return;
    }
    putchar('{');
    for (size_t i = 0; i < n; i++) {
        if (i) putchar(',');
        put_str(props[i].name);
        putchar(':');
        put_str(props[i].value);
    }
    putchar('}');
}

/* The library's "A|B|C" flag names: the bit names as a JSON array; a sysFlag's transaction
 * and compression names become fields of their own, as rmqdump always printed them. */
static bool has_prefix(const char *p, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n > k && !strncmp(p, prefix, k);
}

static void put_name_list(const char *names)
{
    const char *tx = NULL, *compression = NULL;
    size_t tx_len = 0, compression_len = 0;
    bool first = true;
    putchar('[');
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (has_prefix(p, n, "TRANSACTION_")) {
            tx = p;
            tx_len = n;
        } else if (has_prefix(p, n, "COMPRESSION_")) {
            compression = p + 12;
            compression_len = n - 12;
        } else {
            if (!first) putchar(',');
            first = false;
            put_json_string(p, n);
        }
        p += n + (bar ? 1 : 0);
    }
    putchar(']');
    if (tx) {
        fputs(",\"transaction\":", stdout);
        put_json_string(tx, tx_len);
    }
    if (compression) {
        fputs(",\"compression\":", stdout);
        put_json_string(compression, compression_len);
    }
}

static void put_sys_flag(int32_t f)
{
    char names[160];
    rmq_sys_flag_names(f, names, sizeof names);
    put_name_list(names);
}

static void put_pull_sys_flag(int32_t f)
{
    char names[96];
    rmq_pull_sys_flag_names(f, names, sizeof names);
    put_name_list(names);
}

/* Inflate a compressed body for its preview; prints the fields or an error. */
static void put_inflated(const uint8_t *body, size_t len)
{
    rmq_arena scratch;
    rmq_arena_init(&scratch, zlib_scratch, sizeof zlib_scratch);
    size_t got;
    rmq_error err;
    if (rmq_zlib_inflate(body, len, &scratch, inflate_buf, INFLATE_MAX, &got, &err) != RMQ_OK) {
        fputs(",\"inflateError\":", stdout);
        put_cstr(rmq_status_name(err.code));
        return;
    }
    printf(",\"inflatedLength\":%zu,\"inflated\":{\"bodyLength\":%zu", got, got);
    put_body_preview(inflate_buf, got);
    putchar('}');
}

/* Typed header fields: the header class the code carries (responses: the answered request's, or guessed). */
static const rmq_header_schema *schema_for(const rmq_command *cmd, const frame_origin *at)
{
    if (!rmq_command_is_response(cmd)) return rmq_header_schema_for(cmd->code, false);
    return rmq_header_schema_for_response(cmd, at && at->matched ? at->request_code : RMQ_REQUEST_CODE_UNKNOWN);
}

static void put_typed_header(const rmq_command *cmd, const frame_origin *at, rmq_arena *arena)
{
    const rmq_header_schema *s = schema_for(cmd, at);
    rmq_header_values vals;
    rmq_error err;
    if (!s) return;
    fputs(",\"header\":{\"class\":", stdout);
    put_cstr(rmq_header_schema_name(s));
    if (rmq_header_decode(s, cmd, &vals, NULL, &err) != RMQ_OK) {
        fputs(",\"error\":", stdout);
        put_cstr(err.message);
        if (err.field) {
            fputs(",\"errorField\":", stdout);
            put_cstr(err.field);
        }
        putchar('}');
        return;
    }
    fputs(",\"fields\":{", stdout);
    bool first = true;
    int32_t sys_flag = 0;
    bool have_sys_flag = false;
    rmq_str props = RMQ_STR_NULL;
    for (size_t i = 0; i < rmq_header_schema_field_count(s); i++) {
        if (!(vals.present & (1u << i))) continue;
        rmq_field_type t;
        const char *key = rmq_header_schema_field(s, i, &t);
        printf("%s", first ? "" : ",");
        first = false;
        put_cstr(key);
        putchar(':');
        switch (t) {
        case RMQ_FIELD_STRING: put_str(vals.v[i].s); break;
        case RMQ_FIELD_INT32: printf("%d", vals.v[i].i32); break;
        case RMQ_FIELD_INT64: printf("%lld", (long long)vals.v[i].i64); break;
        default: fputs(vals.v[i].b ? "true" : "false", stdout); break;
        }
        if ((!strcmp(key, "sysFlag") || !strcmp(key, "f")) && t == RMQ_FIELD_INT32) {
            sys_flag = vals.v[i].i32;
            have_sys_flag = true;
        }
        if ((!strcmp(key, "properties") || !strcmp(key, "i")) && t == RMQ_FIELD_STRING) props = vals.v[i].s;
    }
    putchar('}');
    if (props.ptr) {
        fputs(",\"properties\":", stdout);
        put_properties(props, arena);
    }
    if (have_sys_flag) {
        fputs(",\"sysFlagNames\":", stdout);
        if (cmd->code == RMQ_REQ_PULL_MESSAGE || cmd->code == RMQ_REQ_LITE_PULL_MESSAGE) put_pull_sys_flag(sys_flag);
        else put_sys_flag(sys_flag);
    }
    putchar('}');
}

static void put_batch(const rmq_command *cmd, rmq_arena *arena)
{
    rmq_batch_iter it;
    rmq_batch_record r;
    rmq_error err;
    int rc;
    rmq_batch_iter_init(&it, cmd->body, cmd->body_len, RMQ_LENIENCY_ALL);
    fputs(",\"batch\":[", stdout);
    for (size_t i = 0; (rc = rmq_batch_next(&it, &r, &err)) == RMQ_OK; i++) {
        printf("%s{\"flag\":%d,\"properties\":", i ? "," : "", r.flag);
        put_properties(r.properties, arena);
        printf(",\"bodyLength\":%zu", r.body_len);
        put_body_preview(r.body, r.body_len);
        putchar('}');
    }
    putchar(']');
    if (rc < 0) printf(",\"batchError\":\"%s\",\"batchErrorOffset\":%zu", rmq_status_name(rc), err.offset);
}

static void put_messages(const rmq_command *cmd, rmq_release rel, rmq_arena *arena)
{
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_error err;
    int rc;
    rmq_stored_iter_init(&it, cmd->body, cmd->body_len, rel, RMQ_LENIENCY_ALL);
    fputs(",\"messages\":[", stdout);
    for (size_t i = 0; (rc = rmq_stored_next(&it, &m, &err)) == RMQ_OK; i++) {
        char id[57], born[52], store[52];
        rmq_stored_offset_msgid(&m, id);
        rmq_host_format(&m.born_host, born);
        rmq_host_format(&m.store_host, store);
        printf("%s{\"topic\":", i ? "," : "");
        put_str(m.topic);
        printf(",\"queueId\":%d,\"queueOffset\":%lld,\"commitLogOffset\":%lld,\"offsetMsgId\":\"%s\","
               "\"bornHost\":\"%s\",\"storeHost\":\"%s\",\"bornTimestamp\":%lld,\"storeTimestamp\":%lld,"
               "\"reconsumeTimes\":%d,\"sysFlag\":%d,\"sysFlagNames\":",
               m.queue_id, (long long)m.queue_offset, (long long)m.commit_log_offset, id, born, store,
               (long long)m.born_timestamp, (long long)m.store_timestamp, m.reconsume_times, m.sys_flag);
        put_sys_flag(m.sys_flag);
        fputs(",\"properties\":", stdout);
        put_properties(m.properties, arena);
        printf(",\"bodyLength\":%zu", m.body_len);
        put_body_preview(m.body, m.body_len);
        if (rmq_sysflag_compressed(m.sys_flag)) put_inflated(m.body, m.body_len);
        putchar('}');
    }
    putchar(']');
    if (rc < 0) printf(",\"messagesError\":\"%s\",\"messagesErrorOffset\":%zu", rmq_status_name(rc), err.offset);
}

/* A TopicRouteData body (GET_ROUTEINFO_BY_TOPIC answer), shown in the standard dialect. */
static void put_route(const rmq_command *cmd, rmq_release rel, rmq_arena *arena)
{
    rmq_route route;
    size_t size, written;
    if (rmq_route_decode(cmd->body, cmd->body_len, NULL, arena, &route, NULL) != RMQ_OK ||
        (!route.has_broker_datas && !route.has_queue_datas) ||
        rmq_route_encoded_size(&route, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, &size, NULL) != RMQ_OK)
        return;
    uint8_t *text = malloc(size);
    if (text && rmq_route_encode(&route, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, text, size, &written, NULL) == RMQ_OK) {
        fputs(",\"route\":", stdout);
        fwrite(text, 1, written, stdout);
    }
    free(text);
}

/* Any fastjson body as standard JSON (bare integer keys, object keys, repeats resolved). */
static void put_body_json(const rmq_command *cmd, const dump_opts *o, rmq_arena *arena)
{
    size_t need = 0;
    rmq_error err;
    int rc = rmq_json_body_to_standard(cmd->body, cmd->body_len, &o->decode, arena, NULL, 0, &need, &err);
    uint8_t *text = rc == RMQ_ERR_BUFFER_TOO_SMALL ? malloc(need ? need : 1) : NULL;
    size_t written = 0;
    if (text) rc = rmq_json_body_to_standard(cmd->body, cmd->body_len, &o->decode, arena, text, need, &written, &err);
    if (rc == RMQ_OK) {
        fputs(",\"bodyJson\":", stdout);
        fwrite(text, 1, written, stdout);
    } else {
        printf(",\"bodyJsonError\":\"%s\",\"bodyJsonErrorOffset\":%zu", rmq_status_name(err.code), err.offset);
    }
    free(text);
}

/* The views of a body, by what the library says it is. */
static void put_body_views(const rmq_command *cmd, const frame_origin *at, const dump_opts *o, rmq_release rel,
                           rmq_arena *arena)
{
    rmq_body_kind kind =
        rmq_body_kind_of(cmd, at && at->matched ? at->request_code : RMQ_REQUEST_CODE_UNKNOWN);
    if (kind == RMQ_BODY_NONE) return;
    printf(",\"bodyKind\":\"%s\"", rmq_body_kind_name(kind));
    switch (kind) {
    case RMQ_BODY_MESSAGE_COMPRESSED: put_inflated(cmd->body, cmd->body_len); break;
    case RMQ_BODY_BATCH: put_batch(cmd, arena); break;
    case RMQ_BODY_STORED_MESSAGES: put_messages(cmd, rel, arena); break;
    case RMQ_BODY_ROUTE:
        put_route(cmd, rel, arena);
        put_body_json(cmd, o, arena);
        break;
    case RMQ_BODY_JSON: put_body_json(cmd, o, arena); break;
    default: break;
    }
}

static rmq_release release_for(const dump_opts *o, const rmq_command *cmd)
{
    if (o->release_forced) return (rmq_release)o->release_forced;
    return rmq_release_for_mq_version(cmd->version);
}

static void put_origin(const frame_origin *at)
{
    if (!at) return;
    printf("\"conn\":%llu,\"client\":\"%s\",\"server\":\"%s\",\"dir\":\"%s\",\"ts\":%llu.%06llu,",
           (unsigned long long)at->conn, at->client, at->server, at->dir, (unsigned long long)(at->ts_usec / 1000000),
           (unsigned long long)(at->ts_usec % 1000000));
}

static const char *code_name(const rmq_command *cmd, rmq_release rel)
{
    return rmq_command_is_response(cmd) ? rmq_response_code_name(cmd->code, rel) : rmq_request_code_name(cmd->code, rel);
}

/* Up to max bytes of s for a terminal: control bytes (the 0x01/0x02 of properties) escaped. */
static void put_text(rmq_str s, size_t max)
{
    size_t n = s.len < max ? s.len : max;
    for (size_t i = 0; s.ptr && i < n; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c < 0x20 || c == 0x7F) printf("\\x%02x", c);
        else putchar(c);
    }
    if (s.len > max) fputs("…", stdout);
}

/* ts conn dir offset kind code(name) opaque … — one line, for people reading a terminal. */
static void text_frame(const dump_opts *o, const frame_origin *at, uint64_t offset, size_t len, const rmq_command *cmd)
{
    rmq_release rel = release_for(o, cmd);
    const char *name = code_name(cmd, rel);
    if (at)
        printf("%llu.%06llu #%llu %s %s→%s ", (unsigned long long)(at->ts_usec / 1000000),
               (unsigned long long)(at->ts_usec % 1000000), (unsigned long long)at->conn, at->dir,
               !strcmp(at->dir, "c2s") ? at->client : at->server, !strcmp(at->dir, "c2s") ? at->server : at->client);
    printf("@%llu %s %s %d(%s) opaque=%d len=%zu %s", (unsigned long long)offset,
           rmq_command_is_response(cmd) ? "RESP" : (rmq_command_is_oneway(cmd) ? "ONEWAY" : "REQ"),
           cmd->serialize_type == RMQ_SERIALIZE_JSON ? "JSON" : "ROCKETMQ", cmd->code, name ? name : "?", cmd->opaque,
           len, rmq_language_name(cmd->language, rel) ? rmq_language_name(cmd->language, rel) : "null");
    if (cmd->remark.ptr) {
        fputs(" remark=", stdout);
        put_text(cmd->remark, 80);
    }
    for (size_t i = 0; i < cmd->ext_count && i < 16; i++) {
        putchar(' ');
        put_text(cmd->ext[i].key, 40);
        putchar('=');
        put_text(cmd->ext[i].value, 60);
    }
    if (cmd->body) printf(" body=%zu", cmd->body_len);
    if (at && rmq_command_is_response(cmd)) {
        if (at->matched) {
            const char *rn = rmq_request_code_name(at->request_code, rel);
            printf(" ← %d(%s) %lldus", at->request_code, rn ? rn : "?",
                   (long long)(at->ts_usec - at->request_ts_usec));
        } else {
            fputs(" ← unmatched", stdout);
        }
    }
    putchar('\n');
}

void dump_frame(const dump_opts *o, const frame_origin *at, uint64_t offset, size_t len, const rmq_command *cmd,
                rmq_arena *arena)
{
    if (o->text) {
        text_frame(o, at, offset, len, cmd);
        return;
    }
    rmq_release rel = release_for(o, cmd);
    bool response = rmq_command_is_response(cmd);
    putchar('{');
    put_origin(at);
    printf("\"offset\":%llu,\"length\":%zu,\"serializeType\":\"%s\",\"code\":%d,\"codeName\":",
           (unsigned long long)offset, len, cmd->serialize_type == RMQ_SERIALIZE_JSON ? "JSON" : "ROCKETMQ",
           cmd->code);
    put_cstr(code_name(cmd, rel));
    printf(",\"kind\":\"%s\",\"oneway\":%s,\"language\":", response ? "response" : "request",
           rmq_command_is_oneway(cmd) ? "true" : "false");
    put_cstr(rmq_language_name(cmd->language, rel));
    printf(",\"languageCode\":%d,\"version\":%d,\"versionName\":", cmd->language, cmd->version);
    put_cstr(rmq_mq_version_name(cmd->version));
    printf(",\"opaque\":%d,\"flag\":%d,\"remark\":", cmd->opaque, cmd->flag);
    put_str(cmd->remark);
    fputs(",\"extFields\":", stdout);
    if (!cmd->has_ext) {
        fputs("null", stdout);
    } else {
        putchar('{');
        for (size_t i = 0; i < cmd->ext_count; i++) {
            if (i) putchar(',');
            /* a null key (ROCKETMQ length 0) prints as Java prints it */
            put_str(cmd->ext[i].key.ptr ? cmd->ext[i].key : rmq_str_from_cstr("null"));
            putchar(':');
            put_str(cmd->ext[i].value);
        }
        putchar('}');
    }
    if (at && response) {
        if (at->matched) {
            printf(",\"request\":{\"code\":%d,\"codeName\":", at->request_code);
            put_cstr(rmq_request_code_name(at->request_code, rel));
            printf(",\"latencyUs\":%lld}", (long long)(at->ts_usec - at->request_ts_usec));
        } else {
            fputs(",\"request\":null", stdout);
        }
    }
    put_typed_header(cmd, at, arena);
    printf(",\"bodyLength\":%zu", cmd->body_len);
    if (cmd->body) {
        put_body_preview(cmd->body, cmd->body_len);
        put_base64(cmd->body, cmd->body_len);
    }
    put_body_views(cmd, at, o, rel, arena);
    if (cmd->notes) printf(",\"leniencyNotes\":%u", cmd->notes);
    fputs("}\n", stdout);
}

void dump_error(const dump_opts *o, const frame_origin *at, uint64_t frame_offset, const rmq_error *err, bool in_frame)
{
    uint64_t where = in_frame ? frame_offset + err->offset : err->offset;
    if (o->text) {
        if (at) printf("%llu.%06llu #%llu %s ", (unsigned long long)(at->ts_usec / 1000000),
                       (unsigned long long)(at->ts_usec % 1000000), (unsigned long long)at->conn, at->dir);
        printf("@%llu ERROR %s at %llu: %s\n", (unsigned long long)frame_offset, rmq_status_name(err->code),
               (unsigned long long)where, err->message);
        return;
    }
    putchar('{');
    put_origin(at);
    printf("\"offset\":%llu,\"error\":", (unsigned long long)frame_offset);
    put_cstr(rmq_status_name(err->code));
    fputs(",\"message\":", stdout);
    put_cstr(err->message);
    /* decode errors count from the frame start; framing errors from the stream start */
    printf(",\"errorOffset\":%llu}\n", (unsigned long long)where);
}

void dump_gap(const dump_opts *o, const frame_origin *at, uint64_t offset, uint64_t missing)
{
    if (o->text) {
        printf("%llu.%06llu #%llu %s @%llu GAP %llu bytes not captured\n", (unsigned long long)(at->ts_usec / 1000000),
               (unsigned long long)(at->ts_usec % 1000000), (unsigned long long)at->conn, at->dir,
               (unsigned long long)offset, (unsigned long long)missing);
        return;
    }
    putchar('{');
    put_origin(at);
    printf("\"offset\":%llu,\"gap\":%llu}\n", (unsigned long long)offset, (unsigned long long)missing);
}

void dump_notice(const dump_opts *o, uint64_t packet, const char *what, uint64_t file_offset)
{
    if (o->text) {
        printf("packet %llu (file offset %llu): %s\n", (unsigned long long)packet, (unsigned long long)file_offset, what);
        return;
    }
    printf("{\"packet\":%llu,\"fileOffset\":%llu,\"notice\":", (unsigned long long)packet,
           (unsigned long long)file_offset);
    put_cstr(what);
    fputs("}\n", stdout);
}

bool dump_init(void)
{
    inflate_buf = malloc(INFLATE_MAX);
    return inflate_buf != NULL;
}

void dump_done(void)
{
    free(inflate_buf);
    inflate_buf = NULL;
}

