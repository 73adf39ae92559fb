/*
 * A producer over plain blocking POSIX sockets, doing what the Java quick-start
 * producer does: ask the name server for the topic's route, build the publish queue
 * list, pick a queue, send one message with SEND_MESSAGE_V2 and print the result;
 * failed sends are retried on another broker with the Java client's rule.
 *
 *   producer [-n 127.0.0.1:9876] [-t TopicTest] [-g ProducerGroup] [--tags TagA]
 *            [--keys "k1 k2"] [--prop name=value] [-b body | -f FILE] [--timeout 3000]
 *            [--retries 2] [--release 4.9.8|5.3.3] [--rocketmq-header] [--oneway] [--batch N]
 *
 * --oneway sends without waiting for an answer (sendOneway: no retry, no result);
 * --batch N sends N copies of the message as one SEND_BATCH_MESSAGE (MessageBatch:
 * each inner message with its own UNIQ_KEY, the batch with WAIT only).
 *
 * Like DefaultMQProducer it validates the message first (Validators: nothing is sent for
 * an empty body), falls back to the route of TBW102 when the name server has none for the
 * topic (the broker then creates it, with autoCreateTopicEnable), and deflates bodies of
 * 4 KiB or more at level 5 (sysFlag 1 for 4.9.8, 0x301 for 5.x).
 *
 * It connects only to loopback addresses (127.0.0.0/8, ::1): route data may name
 * any host, and this example must never reach out of the machine it runs on.
 */
#define _POSIX_C_SOURCE 200809L
#include <rmqwire.h>

#include "loopback.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define VERSION_V4_9_8 409 /* MQVersion ordinal the 4.9.8 client sends */
#define VERSION_V5_3_3 479
#define DEFAULT_TOPIC_QUEUE_NUMS 4 /* DefaultMQProducer.defaultTopicQueueNums */

typedef struct options {
    const char *namesrv;
    const char *topic;
    const char *group;
    const char *tags;   /* "" for none */
    const char *keys;
    const char *prop;   /* one user property, "name=value" */
    const char *body;
    const char *body_file;
    int timeout_ms;
    int retries;
    rmq_release release;
    bool rocketmq_header;
    bool oneway;
    int batch;          /* 0: a single message */
} options;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int send_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* One connection: the socket, its splitter and a buffer for frames split across reads. */
typedef struct conn {
    int fd;
    rmq_splitter sp;
    uint8_t split_buf[1 << 20];
    uint8_t rbuf[1 << 16];
    size_t rlen, roff;
} conn;

static conn ns_conn, broker_conn;

static int conn_open(conn *c, const char *addr, size_t len)
{
    c->fd = connect_loopback("producer", addr, len, false);
    rmq_splitter_init(&c->sp, c->split_buf, sizeof c->split_buf, sizeof c->split_buf, NULL);
    c->rlen = c->roff = 0;
    return c->fd < 0 ? -1 : 0;
}

static void conn_close(conn *c)
{
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
}

/* Encode cmd (size first, then into a stack buffer) and write it. */
static int send_command(conn *c, const rmq_command *cmd)
{
    static uint8_t out[1 << 20];
    size_t size, written;
    rmq_error err;
    if (rmq_frame_encoded_size(cmd, &size, &err) != RMQ_OK || size > sizeof out ||
        rmq_frame_encode(cmd, out, sizeof out, &written, &err) != RMQ_OK) {
        fprintf(stderr, "producer: cannot encode request: %s\n", err.message);
        return -1;
    }
    return send_all(c->fd, out, written);
}

/*
 * Read frames until the correlator matches a response to a pending request or the
 * deadline passes. The response is decoded into `arena`; its frame bytes stay valid
 * until the next read on this connection.
 */
static int await_response(conn *c, rmq_correlator *corr, int64_t deadline, rmq_arena *arena, rmq_command *resp,
                          rmq_pending *matched)
{
    for (;;) {
        while (c->roff < c->rlen) {
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&c->sp, c->rbuf + c->roff, c->rlen - c->roff, &r, &err);
            c->roff += r.consumed;
            if (rc == RMQ_INCOMPLETE) break;
            if (rc != RMQ_OK) {
                fprintf(stderr, "producer: bad framing at %zu: %s\n", err.offset, err.message);
                return -1;
            }
            rmq_arena_reset(arena);
            if (rmq_frame_decode(r.frame, r.frame_len, NULL, arena, resp, &err) != RMQ_OK) {
                fprintf(stderr, "producer: undecodable frame: %s at %zu\n", err.message, err.offset);
                return -1;
            }
            if (!rmq_command_is_response(resp)) continue; /* server-initiated requests are not ours */
            if (rmq_correlator_match(corr, resp, matched, &err) == RMQ_OK) return 0;
            fprintf(stderr, "producer: response with unknown opaque %d ignored\n", (int)resp->opaque);
        }
        int64_t left = deadline - now_ms();
        if (left <= 0) break;
        struct pollfd p = {c->fd, POLLIN, 0};
        int pr = poll(&p, 1, (int)left);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) break;
        ssize_t k = read(c->fd, c->rbuf, sizeof c->rbuf);
        if (k <= 0) {
            fprintf(stderr, "producer: connection closed\n");
            return -1;
        }
        c->rlen = (size_t)k;
        c->roff = 0;
    }
    rmq_pending expired[4];
    rmq_correlator_expire(corr, now_ms(), expired, 4);
    fprintf(stderr, "producer: timed out waiting for a response\n");
    return -1;
}

static void usage(void)
{
    fprintf(stderr, "usage: producer [-n host:port] [-t topic] [-g group] [--tags T] [--keys \"k1 k2\"]\n"
                    "                [-b body | -f file] [--timeout ms] [--retries n] [--release 4.9.8|5.3.3]\n"
                    "                [--rocketmq-header] [--prop name=value] [--oneway] [--batch n]\n"
                    "Sends one message like the Java quick-start producer (--tags \"\" sends none).\n"
                    "Loopback addresses only.\n");
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){"127.0.0.1:9876", "TopicTest", "please_rename_unique_group_name", "TagA", NULL, NULL,
                   "Hello RocketMQ", NULL, 3000, 2, RMQ_RELEASE_4_9_8, false, false, 0};
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return 1;
        if (!strcmp(a, "--rocketmq-header") || !strcmp(a, "--oneway")) { /* the flags without a value */
            if (a[2] == 'r') o->rocketmq_header = true;
            else o->oneway = true;
            i--;
            continue;
        }
        if (!v) return -1;
        if (!strcmp(a, "-n")) o->namesrv = v;
        else if (!strcmp(a, "-t")) o->topic = v;
        else if (!strcmp(a, "-g")) o->group = v;
        else if (!strcmp(a, "--tags")) o->tags = v;
        else if (!strcmp(a, "--keys")) o->keys = v;
        else if (!strcmp(a, "--prop") && strchr(v, '=') && v[0] != '=') o->prop = v;
        else if (!strcmp(a, "--batch")) o->batch = atoi(v);
        else if (!strcmp(a, "-b")) o->body = v;
        else if (!strcmp(a, "-f")) o->body_file = v;
        else if (!strcmp(a, "--release") && !strcmp(v, "4.9.8")) o->release = RMQ_RELEASE_4_9_8;
        else if (!strcmp(a, "--release") && !strcmp(v, "5.3.3")) o->release = RMQ_RELEASE_5_3_3;
        else if (!strcmp(a, "--timeout")) o->timeout_ms = atoi(v);
        else if (!strcmp(a, "--retries")) o->retries = atoi(v);
        else return -1;
    }
    return o->timeout_ms > 0 && o->retries >= 0 && o->batch >= 0 && o->batch <= 64 ? 0 : -1;
}

static rmq_str cstr(const char *s) { return rmq_str_from_cstr(s); }

/* GET_ROUTEINFO_BY_TOPIC; the body is copied into out (the route's strings point into it).
 * Returns the response code, or -1 when the name server could not be asked. */
static int32_t fetch_route(const options *o, const char *topic, rmq_correlator *corr, rmq_arena *resp_arena,
                           uint8_t *out, size_t cap, size_t *len)
{
    if (conn_open(&ns_conn, o->namesrv, strlen(o->namesrv)) != 0) return -1;
    rmq_ext_field topic_ext = {{"topic", 5}, cstr(topic)};
    rmq_command req;
    rmq_command_init(&req);
    req.code = RMQ_REQ_GET_ROUTEINFO_BY_TOPIC;
    req.version = o->release == RMQ_RELEASE_4_9_8 ? VERSION_V4_9_8 : VERSION_V5_3_3;
    req.serialize_type = o->rocketmq_header ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
    req.opaque = rmq_correlator_next_opaque(corr);
    req.has_ext = true;
    req.ext = &topic_ext;
    req.ext_count = 1;
    rmq_command resp;
    rmq_pending matched;
    rmq_error err;
    int32_t code = -1;
    if (rmq_correlator_track(corr, &req, now_ms(), o->timeout_ms, NULL, NULL, &err) == RMQ_OK &&
        send_command(&ns_conn, &req) == 0 &&
        await_response(&ns_conn, corr, now_ms() + o->timeout_ms, resp_arena, &resp, &matched) == 0) {
        code = resp.code;
        *len = 0;
        if (code == RMQ_RESP_SUCCESS && resp.body && resp.body_len <= cap) {
            memcpy(out, resp.body, resp.body_len);
            *len = resp.body_len;
        }
    }
    conn_close(&ns_conn);
    return code;
}

/* The body: -f FILE, else -b TEXT. */
static uint8_t *load_body(const options *o, size_t *len)
{
    if (!o->body_file) {
        *len = strlen(o->body);
        return (uint8_t *)(uintptr_t)o->body;
    }
    FILE *f = fopen(o->body_file, "rb");
    if (!f) return NULL;
    static uint8_t buf[RMQ_DEFAULT_MAX_MESSAGE_SIZE + 1];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    options o;
    int pa = parse_args(argc, argv, &o);
    if (pa) {
        usage();
        return pa > 0 ? 0 : 2;
    }

    /* every decoded byte and every built header lives in these arrays */
    static uint8_t route_mem[1 << 20], resp_mem[1 << 16], build_mem[1 << 16];
    rmq_arena route_arena, resp_arena, build_arena;
    rmq_arena_init(&route_arena, route_mem, sizeof route_mem);
    rmq_arena_init(&resp_arena, resp_mem, sizeof resp_mem);
    rmq_arena_init(&build_arena, build_mem, sizeof build_mem);
    rmq_pending slots[16];
    rmq_correlator corr;
    rmq_correlator_init(&corr, slots, 16, 0);
    rmq_error err;

    /* 0. what DefaultMQProducer checks before anything goes out */
    size_t body_len = 0;
    const uint8_t *body = load_body(&o, &body_len);
    if (!body) {
        fprintf(stderr, "producer: cannot read %s\n", o.body_file);
        return 2;
    }
    if (rmq_validate_group(cstr(o.group), &err) != RMQ_OK ||
        rmq_validate_message(cstr(o.topic), body, body_len, RMQ_STR_NULL, 0, o.release, &err) != RMQ_OK) {
        fprintf(stderr, "producer: %s (%s)\n", err.message, rmq_status_name(err.code));
        return 1;
    }

    /* 1. the route, from the name server; for a topic it does not know yet, TBW102's
     * (tryToFindTopicPublishInfo): the broker creates the topic on the first send */
    static uint8_t route_body[1 << 20];
    size_t route_len = 0;
    const char *route_topic = o.topic;
    int32_t code = fetch_route(&o, o.topic, &corr, &resp_arena, route_body, sizeof route_body, &route_len);
    if (code == RMQ_RESP_TOPIC_NOT_EXIST) {
        route_topic = "TBW102";
        code = fetch_route(&o, route_topic, &corr, &resp_arena, route_body, sizeof route_body, &route_len);
    }
    if (code != RMQ_RESP_SUCCESS || !route_len) {
        const char *name = code >= 0 ? rmq_response_code_name(code, o.release) : NULL;
        fprintf(stderr, "producer: no route for %s (code %d %s)\n", route_topic, (int)code, name ? name : "");
        return 1;
    }
    rmq_route route;
    if (rmq_route_decode(route_body, route_len, NULL, &route_arena, &route, &err) != RMQ_OK) {
        fprintf(stderr, "producer: bad route body: %s at %zu\n", err.message, err.offset);
        return 1;
    }
    static rmq_queue_data queues[64];
    if (route_topic != o.topic) {
        /* Java clamps the default topic's queues to defaultTopicQueueNums */
        for (size_t i = 0; i < route.queue_count && i < 64; i++) {
            queues[i] = route.queue_datas[i];
            int32_t n = queues[i].read_queue_nums < DEFAULT_TOPIC_QUEUE_NUMS ? queues[i].read_queue_nums
                                                                             : DEFAULT_TOPIC_QUEUE_NUMS;
            queues[i].read_queue_nums = queues[i].write_queue_nums = n;
        }
        route.queue_datas = queues;
        route.queue_count = route.queue_count < 64 ? route.queue_count : 64;
    }
    rmq_publish_info info;
    if (rmq_route_publish_info(&route, cstr(o.topic), &route_arena, &info, &err) != RMQ_OK || info.count == 0) {
        fprintf(stderr, "producer: no writable queue for %s\n", o.topic);
        return 1;
    }
    printf("route%s%s: %zu brokers, %zu writable queues\n", route_topic != o.topic ? " of " : "",
           route_topic != o.topic ? route_topic : "", route.broker_count, info.count);

    /* 1b. bodies of 4 KiB or more go out deflated, as tryToCompressMessage does */
    int32_t sys_flag = 0;
    static uint8_t packed[RMQ_DEFAULT_MAX_MESSAGE_SIZE + 1024], zscratch[RMQ_ZLIB_DEFLATE_SCRATCH];
    if (rmq_should_compress(body_len, o.batch > 0)) { /* Java never compresses a batch */
        rmq_arena z;
        rmq_arena_init(&z, zscratch, sizeof zscratch);
        size_t packed_len;
        if (rmq_zlib_compress_bound(body_len) <= sizeof packed &&
            rmq_zlib_compress(body, body_len, RMQ_COMPRESS_LEVEL, &z, packed, sizeof packed, &packed_len, &err) == RMQ_OK) {
            printf("body: %zu bytes deflated to %zu\n", body_len, packed_len);
            body = packed;
            body_len = packed_len;
            /* 4.9.8 knows one compression; 5.x names it in the flag */
            sys_flag = o.release == RMQ_RELEASE_4_9_8 ? RMQ_MSG_COMPRESSED : rmq_sysflag_mark_zlib(0);
        }
    }

    /* 2. the message: properties as the Java client sets them; for a batch, one record
     * per inner message (each its own UNIQ_KEY) and the batch itself with WAIT only */
    rmq_uniq_gen gen;
    static const uint8_t loopback_ip[4] = {127, 0, 0, 1};
    rmq_uniq_gen_init(&gen, loopback_ip, 4, (uint16_t)getpid(), (uint32_t)now_ms(), 0);
    int inner = o.batch ? o.batch : 1;
    static char uniq[64][57], inner_props[64][4096];
    static rmq_batch_record records[64];
    static char inner_keys[64 * 57];
    size_t inner_keys_len = 0, uniq_len = 0;
    char propbuf[4096];
    size_t prop_len;
    for (int m = 0; m < inner; m++) {
        uniq_len = rmq_uniq_gen_next(&gen, now_ms(), uniq[m]);
        /* in the order a Java producer puts them (Message(topic, tags, keys, body), then
         * putUserProperty, then the send's UNIQ_KEY), then in its HashMap's order */
        rmq_property props[5];
        size_t nprops = 0;
        if (o.tags && o.tags[0]) props[nprops++] = (rmq_property){cstr(RMQ_PROP_TAGS), cstr(o.tags)};
        if (o.keys) props[nprops++] = (rmq_property){cstr(RMQ_PROP_KEYS), cstr(o.keys)};
        props[nprops++] = (rmq_property){cstr(RMQ_PROP_WAIT), cstr("true")};
        if (o.prop) {
            const char *eq = strchr(o.prop, '=');
            props[nprops++] = (rmq_property){{o.prop, (size_t)(eq - o.prop)}, cstr(eq + 1)};
        }
        props[nprops++] = (rmq_property){cstr(RMQ_PROP_UNIQ_KEY), (rmq_str){uniq[m], uniq_len}};
        nprops = rmq_properties_java_order(props, nprops);
        if (rmq_properties_encode(props, nprops, o.release, inner_props[m], sizeof inner_props[m], &prop_len, &err) !=
            RMQ_OK) {
            fprintf(stderr, "producer: cannot write properties: %s\n", err.message);
            return 1;
        }
        records[m] = (rmq_batch_record){0, body, body_len, {inner_props[m], prop_len}};
        if (m) inner_keys[inner_keys_len++] = ',';
        memcpy(inner_keys + inner_keys_len, uniq[m], uniq_len);
        inner_keys_len += uniq_len;
    }
    if (o.batch) {
        /* the batch's body: the inner messages; its properties: WAIT */
        static uint8_t batch_body[RMQ_DEFAULT_MAX_MESSAGE_SIZE + 1024];
        size_t written;
        rmq_property wait = {cstr(RMQ_PROP_WAIT), cstr("true")};
        if (rmq_batch_encode(records, (size_t)inner, batch_body, sizeof batch_body, &written, &err) != RMQ_OK ||
            rmq_properties_encode(&wait, 1, o.release, propbuf, sizeof propbuf, &prop_len, &err) != RMQ_OK) {
            fprintf(stderr, "producer: cannot build the batch: %s\n", err.message);
            return 1;
        }
        body = batch_body;
        body_len = written;
    } else {
        memcpy(propbuf, inner_props[0], records[0].properties.len);
        prop_len = records[0].properties.len;
    }
    rmq_str uniq_key = o.batch ? RMQ_STR_NULL : (rmq_str){uniq[0], uniq_len};
    rmq_str batch_keys = o.batch ? (rmq_str){inner_keys, inner_keys_len} : RMQ_STR_NULL;

    /* 3. send, retrying on another broker the way DefaultMQProducerImpl.sendDefaultImpl does */
    rmq_command resp;
    rmq_pending matched;
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, (uint32_t)now_ms());
    rmq_str last_broker = RMQ_STR_NULL;
    char last_broker_buf[256];
    for (int attempt = 0; attempt <= o.retries; attempt++) {
        const rmq_message_queue *q = rmq_queue_select(&sel, &info, last_broker);
        rmq_str addr = rmq_route_master_addr(&route, q->broker_name);
        printf("attempt %d: %.*s queue %d at %.*s\n", attempt + 1, (int)q->broker_name.len, q->broker_name.ptr,
               (int)q->queue_id, (int)addr.len, addr.ptr ? addr.ptr : "");
        size_t bl = q->broker_name.len < sizeof last_broker_buf ? q->broker_name.len : sizeof last_broker_buf;
        memcpy(last_broker_buf, q->broker_name.ptr, bl);
        last_broker = (rmq_str){last_broker_buf, bl};
        if (!addr.ptr || conn_open(&broker_conn, addr.ptr, addr.len) != 0) continue;

        rmq_send_request h;
        memset(&h, 0, sizeof h);
        h.producer_group = cstr(o.group);
        h.topic = cstr(o.topic);
        h.default_topic = cstr("TBW102");
        h.default_topic_queue_nums = 4;
        h.queue_id = q->queue_id;
        h.sys_flag = sys_flag;
        h.born_timestamp = now_ms();
        h.flag = 0;
        h.properties = (rmq_str){propbuf, prop_len};
        h.reconsume_times = 0;
        h.unit_mode = false;
        h.batch = o.batch > 0;
        h.broker_name = q->broker_name;
        h.present = RMQ_SEND_PRODUCER_GROUP | RMQ_SEND_TOPIC | RMQ_SEND_DEFAULT_TOPIC |
                    RMQ_SEND_DEFAULT_TOPIC_QUEUE_NUMS | RMQ_SEND_QUEUE_ID | RMQ_SEND_SYS_FLAG |
                    RMQ_SEND_BORN_TIMESTAMP | RMQ_SEND_FLAG | RMQ_SEND_PROPERTIES | RMQ_SEND_RECONSUME_TIMES |
                    RMQ_SEND_UNIT_MODE | RMQ_SEND_BATCH | RMQ_SEND_BROKER_NAME;
        rmq_arena_reset(&build_arena);
        rmq_ext_field *fields;
        size_t count;
        if (rmq_send_request_to_ext(&h, RMQ_SEND_V2, o.release, RMQ_EXT_ORDER_JAVA_MAP, &build_arena, &fields,
                                    &count, &err) != RMQ_OK) {
            fprintf(stderr, "producer: cannot build the send header: %s\n", err.message);
            return 1;
        }
        rmq_command send;
        rmq_command_init(&send);
        send.code = o.batch ? RMQ_REQ_SEND_BATCH_MESSAGE : RMQ_REQ_SEND_MESSAGE_V2;
        if (o.oneway) send.flag |= RMQ_FLAG_ONEWAY;
        send.version = o.release == RMQ_RELEASE_4_9_8 ? VERSION_V4_9_8 : VERSION_V5_3_3;
        send.serialize_type = o.rocketmq_header ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
        send.opaque = rmq_correlator_next_opaque(&corr);
        send.has_ext = true;
        send.ext = fields;
        send.ext_count = count;
        send.body = body;
        send.body_len = body_len;
        if (o.oneway) {
            /* sendOneway: written and done, no answer, no retry */
            int sent = send_command(&broker_conn, &send);
            conn_close(&broker_conn);
            if (sent != 0) break;
            printf("sent oneway: msgId=%.*s, messageQueue=[topic=%s, brokerName=%.*s, queueId=%d]\n",
                   (int)(o.batch ? inner_keys_len : uniq_len), o.batch ? inner_keys : uniq[0], o.topic,
                   (int)q->broker_name.len, q->broker_name.ptr, (int)q->queue_id);
            return 0;
        }
        int ok = rmq_correlator_track(&corr, &send, now_ms(), o.timeout_ms, NULL, NULL, &err) == RMQ_OK &&
                 send_command(&broker_conn, &send) == 0 &&
                 await_response(&broker_conn, &corr, now_ms() + o.timeout_ms, &resp_arena, &resp, &matched) == 0;
        if (!ok) {
            rmq_correlator_cancel(&corr, send.opaque, NULL);
            conn_close(&broker_conn);
            continue; /* Java retries on transport errors and timeouts of sync sends */
        }
        rmq_send_result result;
        int rc = rmq_send_result_from_response(&resp, uniq_key, batch_keys, &result, &err);
        conn_close(&broker_conn);
        if (rc != RMQ_OK) {
            fprintf(stderr, "producer: unreadable send response: %s\n", err.message);
            return 1;
        }
        if (result.status == RMQ_SEND_BROKER_ERROR) {
            printf("broker error %d (%s): %.*s\n", (int)result.code,
                   rmq_response_code_name(result.code, o.release) ? rmq_response_code_name(result.code, o.release) : "?",
                   (int)result.remark.len, result.remark.ptr ? result.remark.ptr : "");
            if (rmq_send_should_retry(&result, o.release, false)) continue;
            return 1;
        }
        printf("SendResult [sendStatus=%s, msgId=%.*s, offsetMsgId=%.*s, messageQueue=[topic=%s, brokerName=%.*s, "
               "queueId=%d], queueOffset=%lld]\n",
               rmq_send_status_name(result.status), (int)result.msg_id.len, result.msg_id.ptr,
               (int)result.offset_msg_id.len, result.offset_msg_id.ptr ? result.offset_msg_id.ptr : "", o.topic,
               (int)q->broker_name.len, q->broker_name.ptr, (int)result.queue_id, (long long)result.queue_offset);
        if (result.status != RMQ_SEND_OK && rmq_send_should_retry(&result, o.release, false)) continue;
        return result.status == RMQ_SEND_OK ? 0 : 1;
    }
    fprintf(stderr, "producer: send failed after %d attempts\n", o.retries + 1);
    return 1;
}
