/*
 * rmqdump — print RocketMQ remoting frames from a raw byte stream as JSON lines.
 * Reads a file (or stdin), splits it with the streaming splitter, decodes each
 * frame and prints one JSON object per frame. Decode errors are reported with
 * their byte offset and the dump goes on with the next frame; a framing error
 * (bad length prefix) ends it, because the stream can no longer be cut safely.
 */
#include "rmqwire.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREVIEW_BYTES 32

typedef struct dump_opts {
    rmq_decode_options decode;
    int release_forced;   /* 0: pick from each frame's version */
    const char *path;
} dump_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: rmqdump [options] [FILE|-]\n"
            "Print every RocketMQ remoting frame of a raw byte stream (one direction of a\n"
            "TCP connection, as in vectors/streams/*.bin) as one JSON object per line.\n"
            "\n"
            "  --lenient=MODE   java (default: what a Java peer accepts), all (every\n"
            "                   tolerance, for analysis), strict (standard JSON only)\n"
            "  --release=R      4.9.8 or 5.3.3: name tables and Java quirks to mirror\n"
            "                   (default: chosen per frame from its version field)\n"
            "  --max-frame=N    largest frame accepted, prefix included (default 16777216)\n"
            "  -h, --help       this text\n"
            "\n"
            "Exit status: 0 when every frame decoded, 1 when some did not or the stream\n"
            "ended inside a frame or could not be framed, 2 on usage or I/O errors.\n");
}

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

typedef struct flag_name {
    int32_t bit;
    const char *name;
} flag_name;

static void put_flag_names(int32_t value, const flag_name *names, size_t count)
{
    putchar('[');
    bool first = true;
    for (size_t i = 0; i < count; i++) {
        if ((value & names[i].bit) != names[i].bit || !names[i].bit) continue;
        printf("%s\"%s\"", first ? "" : ",", names[i].name);
        first = false;
    }
    putchar(']');
}

static void put_sys_flag(int32_t f)
{
    static const flag_name bits[] = {{RMQ_MSG_COMPRESSED, "COMPRESSED"}, {RMQ_MSG_MULTI_TAGS, "MULTI_TAGS"},
                                     {RMQ_MSG_BORNHOST_V6, "BORNHOST_V6"}, {RMQ_MSG_STOREHOST_V6, "STOREHOST_V6"},
                                     {RMQ_MSG_NEED_UNWRAP, "NEED_UNWRAP"}, {RMQ_MSG_INNER_BATCH, "INNER_BATCH"}};
    static const char *const tx[] = {"TRANSACTION_NOT_TYPE", "TRANSACTION_PREPARED", "TRANSACTION_COMMIT", "TRANSACTION_ROLLBACK"};
    static const char *const compression[] = {"ZLIB(default)", "LZ4", "ZSTD", "ZLIB"};
    put_flag_names(f, bits, sizeof bits / sizeof bits[0]);
    printf(",\"transaction\":\"%s\"", tx[rmq_sysflag_transaction(f) >> 2]);
    if (rmq_sysflag_compressed(f)) {
        rmq_compression c = rmq_sysflag_compression(f);
        printf(",\"compression\":\"%s\"", c == RMQ_COMPRESSION_INVALID ? "INVALID" : compression[c]);
    }
}

static void put_pull_sys_flag(int32_t f)
{
    static const flag_name bits[] = {{RMQ_PULL_COMMIT_OFFSET, "COMMIT_OFFSET"}, {RMQ_PULL_SUSPEND, "SUSPEND"},
                                     {RMQ_PULL_SUBSCRIPTION, "SUBSCRIPTION"}, {RMQ_PULL_CLASS_FILTER, "CLASS_FILTER"},
                                     {RMQ_PULL_LITE_PULL, "LITE_PULL"}};
    put_flag_names(f, bits, sizeof bits / sizeof bits[0]);
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

/* Typed header fields: the header class the code carries (responses guessed by their keys). */
static const rmq_header_schema *schema_for(const rmq_command *cmd)
{
    if (!rmq_command_is_response(cmd)) return rmq_header_schema_for(cmd->code, false);
    static const int32_t answered[] = {11, 310, 14};
    static const char *const marker[] = {"nextBeginOffset", "msgId", "offset"};
    for (size_t i = 0; i < 3; i++)
        if (rmq_ext_get(cmd, marker[i], strlen(marker[i]), NULL)) return rmq_header_schema_for(answered[i], true);
    return NULL;
}

static void put_typed_header(const rmq_command *cmd, rmq_arena *arena)
{
    const rmq_header_schema *s = schema_for(cmd);
    rmq_header_values vals;
    rmq_error err;
    if (!s) return;
    fputs(",\"header\":{\"class\":", stdout);
    put_cstr(rmq_header_schema_name(s));
    if (rmq_header_decode(s, cmd, &vals, NULL, &err) != RMQ_OK) {
        fputs(",\"error\":", stdout);
        put_cstr(err.message);
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
        if (cmd->code == 11 || cmd->code == 361) put_pull_sys_flag(sys_flag);
        else put_sys_flag(sys_flag);
    }
    putchar('}');
}

/* Bodies the message layer understands: compressed sends, batches, pulled messages. */
static void put_body_views(const rmq_command *cmd, rmq_release rel, rmq_arena *arena)
{
    if (!cmd->body) return;
    rmq_send_request h;
    if (!rmq_command_is_response(cmd) && rmq_send_request_decode(cmd, &h, NULL, NULL) == RMQ_OK) {
        if ((h.present & RMQ_SEND_SYS_FLAG) && rmq_sysflag_compressed(h.sys_flag)) put_inflated(cmd->body, cmd->body_len);
        if ((h.present & RMQ_SEND_BATCH) && h.batch) {
            rmq_batch_iter it;
            rmq_batch_record r;
            rmq_error err;
            int rc;
            rmq_batch_iter_init(&it, cmd->body, cmd->body_len, RMQ_LENIENCY_ALL);
            fputs(",\"batch\":[", stdout);
            for (size_t i = 0; (rc = rmq_batch_next(&it, &r, &err)) == 1; i++) {
                printf("%s{\"flag\":%d,\"properties\":", i ? "," : "", r.flag);
                put_properties(r.properties, arena);
                printf(",\"bodyLength\":%zu", r.body_len);
                put_body_preview(r.body, r.body_len);
                putchar('}');
            }
            putchar(']');
            if (rc < 0) printf(",\"batchError\":\"%s\",\"batchErrorOffset\":%zu", rmq_status_name(rc), err.offset);
        }
        return;
    }
    if (rmq_command_is_response(cmd) && cmd->body_len && cmd->body[0] == '{') {
        /* a TopicRouteData body (GET_ROUTEINFO_BY_TOPIC answer), shown in the standard dialect */
        rmq_route route;
        size_t size, written;
        if (rmq_route_decode(cmd->body, cmd->body_len, NULL, arena, &route, NULL) == RMQ_OK &&
            (route.has_broker_datas || route.has_queue_datas) &&
            rmq_route_encoded_size(&route, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, &size, NULL) == RMQ_OK) {
            uint8_t *text = malloc(size);
            if (text && rmq_route_encode(&route, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, rel, text, size, &written, NULL) == RMQ_OK) {
                fputs(",\"route\":", stdout);
                fwrite(text, 1, written, stdout);
            }
            free(text);
        }
        return;
    }
    if (rmq_command_is_response(cmd) && cmd->code == 0 && rmq_ext_get(cmd, "nextBeginOffset", 15, NULL)) {
        rmq_stored_iter it;
        rmq_stored_message m;
        rmq_error err;
        int rc;
        rmq_stored_iter_init(&it, cmd->body, cmd->body_len, rel, RMQ_LENIENCY_ALL);
        fputs(",\"messages\":[", stdout);
        for (size_t i = 0; (rc = rmq_stored_next(&it, &m, &err)) == 1; i++) {
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
}

static rmq_release release_for(const dump_opts *o, const rmq_command *cmd)
{
    if (o->release_forced) return (rmq_release)o->release_forced;
    /* V5_0_0 is ordinal 413: a 5.x peer names codes the 5.x way */
    return cmd->version >= 413 ? RMQ_RELEASE_5_3_3 : RMQ_RELEASE_4_9_8;
}

static void print_frame(const dump_opts *o, uint64_t offset, size_t len, const rmq_command *cmd, rmq_arena *arena)
{
    rmq_release rel = release_for(o, cmd);
    bool response = rmq_command_is_response(cmd);
    printf("{\"offset\":%llu,\"length\":%zu,\"serializeType\":\"%s\",\"code\":%d,\"codeName\":",
           (unsigned long long)offset, len, cmd->serialize_type == RMQ_SERIALIZE_JSON ? "JSON" : "ROCKETMQ",
           cmd->code);
    put_cstr(response ? rmq_response_code_name(cmd->code, rel) : rmq_request_code_name(cmd->code, rel));
    printf(",\"kind\":\"%s\",\"oneway\":%s,\"language\":", response ? "response" : "request",
           rmq_command_is_oneway(cmd) ? "true" : "false");
    put_cstr(rmq_language_name(cmd->language, rel));
    printf(",\"languageCode\":%d,\"version\":%d,\"versionName\":", cmd->language, cmd->version);
    put_cstr(rmq_version_name(cmd->version));
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
    put_typed_header(cmd, arena);
    printf(",\"bodyLength\":%zu", cmd->body_len);
    if (cmd->body) put_body_preview(cmd->body, cmd->body_len);
    put_body_views(cmd, rel, arena);
    if (cmd->notes) printf(",\"leniencyNotes\":%u", cmd->notes);
    fputs("}\n", stdout);
}

static void print_error(uint64_t frame_offset, const rmq_error *err, bool in_frame)
{
    printf("{\"offset\":%llu,\"error\":", (unsigned long long)frame_offset);
    put_cstr(rmq_status_name(err->code));
    fputs(",\"message\":", stdout);
    put_cstr(err->message);
    /* decode errors count from the frame start; framing errors from the stream start */
    printf(",\"errorOffset\":%llu}\n", (unsigned long long)(in_frame ? frame_offset + err->offset : err->offset));
}

static void *heap_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void heap_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const rmq_allocator heap = {heap_alloc, heap_free, NULL};

static bool parse_args(int argc, char **argv, dump_opts *o)
{
    rmq_decode_options_default(&o->decode);
    o->release_forced = 0;
    o->path = "-";
    bool have_path = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else if (!strncmp(a, "--lenient=", 10)) {
            const char *m = a + 10;
            if (!strcmp(m, "java")) o->decode.leniency = RMQ_LENIENCY_JAVA_498;
            else if (!strcmp(m, "all")) o->decode.leniency = RMQ_LENIENCY_ALL;
            else if (!strcmp(m, "strict")) o->decode.leniency = RMQ_LENIENCY_STRICT;
            else return false;
        } else if (!strncmp(a, "--release=", 10)) {
            if (!strcmp(a + 10, "4.9.8")) o->release_forced = RMQ_RELEASE_4_9_8;
            else if (!strcmp(a + 10, "5.3.3")) o->release_forced = RMQ_RELEASE_5_3_3;
            else return false;
            o->decode.release = (rmq_release)o->release_forced;
        } else if (!strncmp(a, "--max-frame=", 12)) {
            char *end;
            errno = 0;
            unsigned long v = strtoul(a + 12, &end, 10);
            if (errno || *end || v < 8 || v > 0xFFFFFFFFul) return false;
            o->decode.max_frame = (uint32_t)v;
        } else if (a[0] == '-' && a[1]) {
            return false;
        } else if (!have_path) {
            o->path = a;
            have_path = true;
        } else {
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    dump_opts o;
    if (!parse_args(argc, argv, &o)) {
        usage(stderr);
        return 2;
    }
    FILE *in = strcmp(o.path, "-") ? fopen(o.path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "rmqdump: %s: %s\n", o.path, strerror(errno));
        return 2;
    }
    size_t max_frame = o.decode.max_frame ? o.decode.max_frame : RMQ_DEFAULT_MAX_FRAME;
    uint8_t *frame_buf = malloc(max_frame);
    inflate_buf = malloc(INFLATE_MAX);
    /* decode scratch: 1 MiB up front, more from malloc for the rare huge header */
    size_t arena_cap = 1u << 20;
    void *arena_mem = malloc(arena_cap);
    static uint8_t chunk[65536];
    if (!frame_buf || !arena_mem || !inflate_buf) {
        fprintf(stderr, "rmqdump: out of memory\n");
        return 2;
    }
    rmq_splitter sp;
    rmq_splitter_init(&sp, frame_buf, max_frame, o.decode.max_frame);
    int status = 0;
    bool stop = false;
    size_t got;
    while (!stop && (got = fread(chunk, 1, sizeof chunk, in)) > 0) {
        size_t pos = 0;
        while (pos < got) {
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&sp, chunk + pos, got - pos, &r, &err);
            pos += r.consumed;
            if (rc == RMQ_INCOMPLETE) break;
            if (rc != RMQ_OK) {
                print_error(err.offset, &err, false);
                status = 1;
                stop = true;
                break;
            }
            rmq_arena arena;
            rmq_arena_init_hooks(&arena, arena_mem, arena_cap, &heap);
            rmq_command cmd;
            rc = rmq_frame_decode(r.frame, r.frame_len, &o.decode, &arena, &cmd, &err);
            if (rc == RMQ_OK) {
                print_frame(&o, r.frame_offset, r.frame_len, &cmd, &arena);
            } else {
                print_error(r.frame_offset, &err, true);
                status = 1;
            }
            rmq_arena_reset(&arena);
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "rmqdump: read error on %s\n", o.path);
        status = 2;
    } else if (!stop && rmq_splitter_pending(&sp)) {
        printf("{\"offset\":%llu,\"error\":\"RMQ_INCOMPLETE\",\"message\":\"stream ends inside a frame\","
               "\"pendingBytes\":%zu}\n",
               (unsigned long long)sp.stream_offset, rmq_splitter_pending(&sp));
        status = 1;
    }
    if (in != stdin) fclose(in);
    free(frame_buf);
    free(arena_mem);
    free(inflate_buf);
    return status;
}
