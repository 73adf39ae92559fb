/*
 * An asynchronous producer: non-blocking sockets and one poll() loop, the way an
 * embedder puts rmqwire under any event loop. It does what DefaultMQProducer does for
 * send(msg, callback) with sendLatencyFaultEnable (4.9.8's MQFaultStrategy, or 5.3.3's with
 * --release 5.3.3): many sends in flight, responses
 * matched by the correlator, requests expired by the correlator against this loop's
 * clock, Java's async retry rule (a send that got no answer — transport failure or
 * timeout — is sent again, with a new opaque, to the queue the fault strategy picks,
 * at most retryTimesWhenSendAsyncFailed = 2 times and within what is left of the
 * timeout; a broker's error answer is final), route refresh and heartbeats on timers,
 * and UNREGISTER_CLIENT to every broker before it exits.
 *
 *   async_producer -n 127.0.0.1:9876 -t TopicTest -c COUNT [-b BODY] [-g GROUP] [--tags TagA]
 *                  [--keys "k1 k2"] [--inflight 16] [--timeout 3000] [--heartbeat-ms 30000]
 *                  [--route-ms 30000] [--release 4.9.8|5.3.3] [--rocketmq-header]
 *
 * One line per message on stdout: SendResult [...] as Java's toString writes it, or
 * SendFailed [...]. Exit status 0 when every message was sent OK. Loopback addresses only.
 */
#define _POSIX_C_SOURCE 200809L
#include <rmqwire.h>

#include "loopback.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define VERSION_V4_9_8 409
#define VERSION_V5_3_3 479
#define DEFAULT_TOPIC_QUEUE_NUMS 4       /* DefaultMQProducer.defaultTopicQueueNums */
#define RETRY_TIMES_WHEN_ASYNC_FAILED 2  /* DefaultMQProducer.retryTimesWhenSendAsyncFailed */
#define MAX_CONNS 16                     /* the name server and the brokers' masters */
#define FRAME_MAX (1 << 20)              /* what this client accepts from a peer */
#define MAX_QUEUES 256

typedef struct options {
    const char *namesrv, *topic, *group, *tags, *keys, *body;
    long count;
    int inflight, timeout_ms, heartbeat_ms, route_ms;
    rmq_release release;
    bool rocketmq_header;
} options;

/* One connection: non-blocking socket, bytes waiting to be written, frames being split. */
typedef struct conn {
    int fd;
    bool connecting;
    char addr[64];
    rmq_splitter sp;
    uint8_t *split_buf;
    uint8_t *out;
    size_t out_len, out_off, out_cap;
} conn;

typedef enum request_kind { REQ_ROUTE, REQ_DEFAULT_ROUTE, REQ_SEND, REQ_HEARTBEAT, REQ_UNREGISTER } request_kind;

typedef enum msg_state { MSG_WAITING, MSG_IN_FLIGHT, MSG_DONE } msg_state;

/* One message: its properties (UNIQ_KEY stays the same across retries) and its current attempt. */
typedef struct message {
    request_kind kind; /* REQ_SEND: the correlator's user pointer points here */
    msg_state state;
    bool ok;
    int retries;
    int64_t first_sent, sent_at;
    char broker[RMQ_FAULT_NAME_MAX];
    size_t broker_len;
    int32_t queue_id;
    int32_t opaque;
    char uniq[57]; /* rmq_uniq_gen_next writes up to 56 (IPv6) and a NUL */
    char props[1024];
    size_t props_len;
} message;

/* messages in flight and done: the counts the loop tests, kept as messages change state */
static long in_flight_count, done_count;

static void set_state(message *m, msg_state state)
{
    in_flight_count += (state == MSG_IN_FLIGHT) - (m->state == MSG_IN_FLIGHT);
    done_count += (state == MSG_DONE) - (m->state == MSG_DONE);
    m->state = state;
}

static const request_kind kind_route = REQ_ROUTE, kind_default_route = REQ_DEFAULT_ROUTE, kind_heartbeat = REQ_HEARTBEAT,
                          kind_unregister = REQ_UNREGISTER;

static options opt;
static conn conns[MAX_CONNS];
static rmq_correlator corr;
static rmq_pending *slots;
static rmq_fault_table faults;
static rmq_fault_item fault_items[64];
static rmq_queue_selector selector;
static message *msgs;
static const uint8_t *body;
static size_t body_len;
static int32_t sys_flag;
static char client_id[128];

/* the current route and what a producer derives from it; the strings point into route_body */
static uint8_t route_body[FRAME_MAX], route_mem[4 << 20];
static rmq_arena route_arena;
static rmq_route route;
static rmq_publish_info info;
static rmq_queue_data clamped[MAX_QUEUES];
static bool have_route, route_pending, using_default_topic;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static rmq_str cstr(const char *s) { return rmq_str_from_cstr(s); }

/* The connection to addr, opened (non-blocking) when there is none; NULL when it cannot be. */
static conn *conn_get(rmq_str addr)
{
    conn *free_slot = NULL;
    for (int i = 0; i < MAX_CONNS; i++) {
        if (conns[i].fd >= 0 && strlen(conns[i].addr) == addr.len && !memcmp(conns[i].addr, addr.ptr, addr.len))
            return &conns[i];
        if (conns[i].fd < 0 && !free_slot) free_slot = &conns[i];
    }
    if (!free_slot || addr.len >= sizeof free_slot->addr) return NULL;
    int fd = connect_loopback("async_producer", addr.ptr, addr.len, true);
    if (fd < 0) return NULL;
    conn *c = free_slot;
    c->fd = fd;
    c->connecting = true;
    memcpy(c->addr, addr.ptr, addr.len);
    c->addr[addr.len] = 0;
    c->out_len = c->out_off = 0;
    rmq_splitter_init(&c->sp, c->split_buf, FRAME_MAX, FRAME_MAX, NULL);
    return c;
}

static void conn_close(conn *c)
{
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
}

/* cmd encoded onto c's output; written when poll says the socket can take it. */
static int queue_command(conn *c, const rmq_command *cmd)
{
    size_t size, written;
    rmq_error err;
    if (rmq_frame_encoded_size(cmd, &size, &err) != RMQ_OK) {
        fprintf(stderr, "async_producer: cannot encode request: %s\n", err.message);
        return -1;
    }
    if (c->out_len + size > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 1 << 16;
        while (cap < c->out_len + size) cap *= 2;
        uint8_t *grown = realloc(c->out, cap);
        if (!grown) return -1;
        c->out = grown;
        c->out_cap = cap;
    }
    if (rmq_frame_encode(cmd, c->out + c->out_len, c->out_cap - c->out_len, &written, &err) != RMQ_OK) return -1;
    c->out_len += written;
    return 0;
}

/* A request sent on c and tracked under `user`; -1 when it could not go out. */
static int send_request(conn *c, rmq_command *cmd, int64_t now, int64_t timeout, void *user)
{
    rmq_error err;
    cmd->opaque = rmq_correlator_next_opaque(&corr);
    if (rmq_correlator_track(&corr, cmd, now, timeout, user, NULL, &err) != RMQ_OK) {
        fprintf(stderr, "async_producer: cannot track request: %s\n", err.message);
        return -1;
    }
    if (queue_command(c, cmd) != 0) {
        rmq_correlator_cancel(&corr, cmd->opaque, NULL);
        return -1;
    }
    return 0;
}

static rmq_command new_request(int32_t code)
{
    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = code;
    cmd.version = opt.release == RMQ_RELEASE_4_9_8 ? VERSION_V4_9_8 : VERSION_V5_3_3;
    cmd.serialize_type = opt.rocketmq_header ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
    return cmd;
}

/* GET_ROUTEINFO_BY_TOPIC for the topic, or for TBW102 (the default topic). */
static void request_route(int64_t now, bool default_topic)
{
    conn *ns = conn_get(cstr(opt.namesrv));
    if (!ns) return;
    rmq_ext_field topic = {{"topic", 5}, cstr(default_topic ? "TBW102" : opt.topic)};
    rmq_command cmd = new_request(RMQ_REQ_GET_ROUTEINFO_BY_TOPIC);
    cmd.has_ext = true;
    cmd.ext = &topic;
    cmd.ext_count = 1;
    const request_kind *kind = default_topic ? &kind_default_route : &kind_route;
    route_pending = send_request(ns, &cmd, now, opt.timeout_ms, (void *)(uintptr_t)kind) == 0;
}

/*
 * A route answer. The topic's own route replaces whatever was there; while the name
 * server does not know the topic, TBW102's route is used with its queues clamped to
 * defaultTopicQueueNums (tryToFindTopicPublishInfo: the broker creates the topic on
 * the first send, and the next refresh finds it).
 */
static void on_route(const rmq_command *resp, bool default_topic, int64_t now)
{
    route_pending = false;
    if (resp->code == RMQ_RESP_TOPIC_NOT_EXIST && !default_topic) {
        if (!have_route || using_default_topic) request_route(now, true);
        return;
    }
    if (resp->code != RMQ_RESP_SUCCESS || !resp->body || resp->body_len > sizeof route_body) {
        fprintf(stderr, "async_producer: no route (code %d)\n", (int)resp->code);
        return;
    }
    /* nothing points into the old route: messages and the fault table hold copies */
    memcpy(route_body, resp->body, resp->body_len);
    rmq_arena_reset(&route_arena);
    rmq_error err;
    if (rmq_route_decode(route_body, resp->body_len, NULL, &route_arena, &route, &err) != RMQ_OK) {
        fprintf(stderr, "async_producer: bad route body: %s at %zu\n", err.message, err.offset);
        have_route = false;
        return;
    }
    using_default_topic = default_topic;
    if (using_default_topic) {
        size_t n = route.queue_count < MAX_QUEUES ? route.queue_count : MAX_QUEUES;
        for (size_t i = 0; i < n; i++) {
            clamped[i] = route.queue_datas[i];
            if (clamped[i].read_queue_nums > DEFAULT_TOPIC_QUEUE_NUMS) clamped[i].read_queue_nums = DEFAULT_TOPIC_QUEUE_NUMS;
            clamped[i].write_queue_nums = clamped[i].read_queue_nums;
        }
        route.queue_datas = clamped;
        route.queue_count = n;
    }
    have_route = rmq_route_publish_info(&route, cstr(opt.topic), &route_arena, &info, &err) == RMQ_OK && info.count > 0;
    if (!have_route) fprintf(stderr, "async_producer: no writable queue for %s\n", opt.topic);
}

/* HEART_BEAT (HeartbeatData of this producer) to every broker master of the route. */
static void send_heartbeats(int64_t now)
{
    /* the client instance's inner producer group, then ours */
    rmq_str producer_groups[2] = {cstr("CLIENT_INNER_PRODUCER"), cstr(opt.group)};
    rmq_heartbeat hb = {cstr(client_id), producer_groups, 2, NULL, 0, 0, false};
    static uint8_t hb_body[4096];
    size_t len;
    rmq_error err;
    if (rmq_heartbeat_encode(&hb, opt.release, hb_body, sizeof hb_body, &len, &err) != RMQ_OK) return;
    for (size_t i = 0; i < route.broker_count; i++) {
        rmq_str addr = rmq_broker_addr_of(&route.broker_datas[i], RMQ_MASTER_ID);
        conn *c = addr.ptr ? conn_get(addr) : NULL;
        if (!c) continue;
        rmq_command cmd = new_request(RMQ_REQ_HEART_BEAT);
        cmd.body = hb_body;
        cmd.body_len = len;
        send_request(c, &cmd, now, opt.timeout_ms, (void *)(uintptr_t)&kind_heartbeat);
    }
}

/* UNREGISTER_CLIENT (clientID, producerGroup) to every broker master, as shutdown() does. */
static size_t send_unregisters(int64_t now)
{
    size_t sent = 0;
    for (size_t i = 0; have_route && i < route.broker_count; i++) {
        rmq_str addr = rmq_broker_addr_of(&route.broker_datas[i], RMQ_MASTER_ID);
        conn *c = addr.ptr ? conn_get(addr) : NULL;
        if (!c) continue;
        rmq_ext_field ext[2] = {{{"clientID", 8}, cstr(client_id)}, {{"producerGroup", 13}, cstr(opt.group)}};
        rmq_ext_java_map_order(ext, 2, 16);
        rmq_command cmd = new_request(RMQ_REQ_UNREGISTER_CLIENT);
        cmd.has_ext = true;
        cmd.ext = ext;
        cmd.ext_count = 2;
        if (send_request(c, &cmd, now, opt.timeout_ms, (void *)(uintptr_t)&kind_unregister) == 0) sent++;
    }
    return sent;
}

static void print_failure(const message *m, const char *why)
{
    printf("SendFailed [msgId=%s, retries=%d, reason=%s]\n", m->uniq, m->retries, why);
}

/* updateFaultItem of the release: the attempt's latency; isolation for a failed one;
 * 5.3.3 also records whether the broker could be reached at all. */
static void note_fault(const message *m, int64_t now, bool isolation, bool reachable)
{
    rmq_str broker = {m->broker, m->broker_len};
    if (opt.release == RMQ_RELEASE_5_3_3) rmq_fault_update_533(&faults, broker, now - m->sent_at, isolation, reachable, now, NULL);
    else rmq_fault_update(&faults, broker, now - m->sent_at, isolation, now, NULL);
}

/* One attempt of m: the queue the release's fault strategy picks (5.3.3 also avoids the
 * broker of the attempt before), its broker's master, the V2 header. */
static int send_attempt(message *m, int64_t now, int64_t timeout)
{
    rmq_message_queue scratch;
    rmq_str last = m->retries > 0 ? (rmq_str){m->broker, m->broker_len} : RMQ_STR_NULL;
    const rmq_message_queue *q = opt.release == RMQ_RELEASE_5_3_3
                                     ? rmq_fault_select_533(&selector, &info, &faults, last, now)
                                     : rmq_fault_select(&selector, &info, &route, &faults, now, &scratch);
    if (!q) return -1;
    m->broker_len = q->broker_name.len < sizeof m->broker ? q->broker_name.len : sizeof m->broker - 1;
    memcpy(m->broker, q->broker_name.ptr, m->broker_len);
    m->broker[m->broker_len] = 0;
    m->queue_id = q->queue_id;
    rmq_str addr = rmq_route_master_addr(&route, q->broker_name);
    conn *c = addr.ptr ? conn_get(addr) : NULL;
    if (!c) {
        m->sent_at = now;
        note_fault(m, now, true, false); /* invokeAsync threw: isolated, unreachable */
        return -1;
    }

    rmq_send_request h;
    memset(&h, 0, sizeof h);
    h.producer_group = cstr(opt.group);
    h.topic = cstr(opt.topic);
    h.default_topic = cstr("TBW102");
    h.default_topic_queue_nums = DEFAULT_TOPIC_QUEUE_NUMS;
    h.queue_id = q->queue_id;
    h.sys_flag = sys_flag;
    h.born_timestamp = wall_ms();
    h.properties = (rmq_str){m->props, m->props_len};
    h.broker_name = q->broker_name;
    h.present = RMQ_SEND_PRODUCER_GROUP | RMQ_SEND_TOPIC | RMQ_SEND_DEFAULT_TOPIC | RMQ_SEND_DEFAULT_TOPIC_QUEUE_NUMS |
                RMQ_SEND_QUEUE_ID | RMQ_SEND_SYS_FLAG | RMQ_SEND_BORN_TIMESTAMP | RMQ_SEND_FLAG |
                RMQ_SEND_PROPERTIES | RMQ_SEND_RECONSUME_TIMES | RMQ_SEND_UNIT_MODE | RMQ_SEND_BATCH |
                RMQ_SEND_BROKER_NAME;
    static uint8_t build_mem[1 << 14];
    rmq_arena build;
    rmq_arena_init(&build, build_mem, sizeof build_mem);
    rmq_ext_field *fields;
    size_t count;
    rmq_error err;
    if (rmq_send_request_to_ext(&h, RMQ_SEND_V2, opt.release, RMQ_EXT_ORDER_JAVA_MAP, &build, &fields, &count, &err) !=
        RMQ_OK)
        return -1;
    rmq_command cmd = new_request(RMQ_REQ_SEND_MESSAGE_V2);
    cmd.has_ext = true;
    cmd.ext = fields;
    cmd.ext_count = count;
    cmd.body = body;
    cmd.body_len = body_len;
    if (send_request(c, &cmd, now, timeout, m) != 0) return -1;
    m->opaque = cmd.opaque;
    m->sent_at = now;
    set_state(m, MSG_IN_FLIGHT);
    return 0;
}

/*
 * onExceptionImpl with needRetry: up to retryTimesWhenSendAsyncFailed more attempts
 * with what is left of the timeout. With nothing left (after a timeout), Java's retry
 * fails at once in invokeAsync ("call timeout") and uses up the count the same way.
 */
static void retry_or_fail(message *m, int64_t now, const char *why)
{
    int64_t left = opt.timeout_ms - (now - m->first_sent);
    while (m->retries < RETRY_TIMES_WHEN_ASYNC_FAILED) {
        m->retries++;
        if (left > 0 && send_attempt(m, now, left) == 0) return;
    }
    set_state(m, MSG_DONE);
    print_failure(m, why);
}

/* A send's answer: the SendResult line, or the broker's error (not retried, as in Java). */
static void on_send_response(message *m, const rmq_command *resp, int64_t now)
{
    rmq_send_result r;
    rmq_error err;
    int rc = rmq_send_result_from_response(resp, cstr(m->uniq), RMQ_STR_NULL, &r, &err);
    bool failed = rc != RMQ_OK || r.status == RMQ_SEND_BROKER_ERROR;
    /* isolation when processSendResponse threw; the broker answered, so it is reachable */
    note_fault(m, now, failed, true);
    set_state(m, MSG_DONE);
    if (failed) {
        char why[160];
        snprintf(why, sizeof why, "broker error %d %.*s", (int)resp->code, (int)(rc == RMQ_OK ? r.remark.len : 0),
                 rc == RMQ_OK && r.remark.ptr ? r.remark.ptr : "");
        print_failure(m, why);
        return;
    }
    m->ok = r.status == RMQ_SEND_OK;
    printf("SendResult [sendStatus=%s, msgId=%.*s, offsetMsgId=%.*s, messageQueue=[topic=%s, brokerName=%s, "
           "queueId=%d], queueOffset=%lld]\n",
           rmq_send_status_name(r.status), (int)r.msg_id.len, r.msg_id.ptr, (int)r.offset_msg_id.len,
           r.offset_msg_id.ptr ? r.offset_msg_id.ptr : "", opt.topic, m->broker, (int)r.queue_id,
           (long long)r.queue_offset);
}

/* A request that got no answer in time (expired) or whose connection broke (lost). */
static void on_no_answer(const rmq_pending *p, int64_t now, const char *why)
{
    request_kind kind = *(const request_kind *)p->user;
    if (kind == REQ_ROUTE || kind == REQ_DEFAULT_ROUTE) route_pending = false;
    if (kind != REQ_SEND) return;
    message *m = p->user;
    note_fault(m, now, true, true); /* operationFail: isolated, still reachable */
    retry_or_fail(m, now, why);
}

/* Every request pending on c: lost with it. */
static void fail_conn(conn *c, int64_t now)
{
    fprintf(stderr, "async_producer: connection to %s lost\n", c->addr);
    conn_close(c);
    /* the correlator does not know connections: expire everything and put back what was elsewhere */
    rmq_pending lost[64];
    size_t n;
    static rmq_pending keep[4096];
    size_t kept = 0;
    while ((n = rmq_correlator_expire(&corr, INT64_MAX, lost, 64)) > 0) {
        for (size_t i = 0; i < n; i++) {
            const message *m = *(const request_kind *)lost[i].user == REQ_SEND ? lost[i].user : NULL;
            rmq_str addr = m ? rmq_route_master_addr(&route, (rmq_str){m->broker, m->broker_len}) : RMQ_STR_NULL;
            bool on_c = m && addr.ptr && strlen(c->addr) == addr.len && !memcmp(c->addr, addr.ptr, addr.len);
            if (on_c || kept == sizeof keep / sizeof *keep) on_no_answer(&lost[i], now, "connection lost");
            else keep[kept++] = lost[i];
        }
        if (n < 64) break;
    }
    for (size_t i = 0; i < kept; i++) {
        rmq_command probe = new_request(keep[i].code);
        probe.opaque = keep[i].opaque;
        rmq_correlator_track(&corr, &probe, keep[i].sent_at, keep[i].deadline - keep[i].sent_at, keep[i].user, NULL,
                             NULL);
    }
}

/* Frames that arrived on c: each response goes to what its request was for. */
static void on_readable(conn *c, int64_t now)
{
    uint8_t chunk[1 << 16];
    ssize_t k = read(c->fd, chunk, sizeof chunk);
    if (k < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (k <= 0) {
        fail_conn(c, now);
        return;
    }
    static uint8_t resp_mem[1 << 16];
    size_t off = 0;
    while (off < (size_t)k) {
        rmq_split_result r;
        rmq_error err;
        int rc = rmq_splitter_feed(&c->sp, chunk + off, (size_t)k - off, &r, &err);
        off += r.consumed;
        if (rc == RMQ_INCOMPLETE) break;
        if (rc != RMQ_OK) {
            fprintf(stderr, "async_producer: bad framing from %s: %s\n", c->addr, err.message);
            fail_conn(c, now);
            return;
        }
        rmq_arena arena;
        rmq_arena_init(&arena, resp_mem, sizeof resp_mem);
        rmq_command resp;
        rmq_pending p;
        if (rmq_frame_decode(r.frame, r.frame_len, NULL, &arena, &resp, &err) != RMQ_OK) {
            fprintf(stderr, "async_producer: undecodable frame from %s: %s\n", c->addr, err.message);
            continue;
        }
        if (!rmq_command_is_response(&resp)) continue; /* broker-initiated requests are not answered here */
        if (rmq_correlator_match(&corr, &resp, &p, &err) != RMQ_OK) continue; /* late: already expired */
        request_kind kind = *(const request_kind *)p.user;
        if (kind == REQ_ROUTE || kind == REQ_DEFAULT_ROUTE) on_route(&resp, kind == REQ_DEFAULT_ROUTE, now);
        else if (kind == REQ_SEND) on_send_response(p.user, &resp, now);
    }
}

static void on_writable(conn *c, int64_t now)
{
    if (c->connecting) {
        int e = 0;
        socklen_t el = sizeof e;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &el);
        if (e) {
            fprintf(stderr, "async_producer: connect %s: %s\n", c->addr, strerror(e));
            fail_conn(c, now);
            return;
        }
        c->connecting = false;
    }
    while (c->out_off < c->out_len) {
        ssize_t k = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (k < 0 && (errno == EAGAIN || errno == EINTR)) return;
        if (k <= 0) {
            fail_conn(c, now);
            return;
        }
        c->out_off += (size_t)k;
    }
    c->out_off = c->out_len = 0;
}

/* One pass of the loop: poll every connection until `deadline` at most, then serve them. */
static void poll_once(int64_t deadline)
{
    struct pollfd pfd[MAX_CONNS];
    conn *of[MAX_CONNS];
    int n = 0;
    for (int i = 0; i < MAX_CONNS; i++) {
        if (conns[i].fd < 0) continue;
        pfd[n] = (struct pollfd){conns[i].fd, POLLIN, 0};
        if (conns[i].connecting || conns[i].out_off < conns[i].out_len) pfd[n].events |= POLLOUT;
        of[n++] = &conns[i];
    }
    int64_t wait = deadline - now_ms();
    if (poll(pfd, (nfds_t)n, wait < 0 ? 0 : (int)wait) <= 0) return;
    int64_t now = now_ms();
    for (int i = 0; i < n; i++) {
        if (of[i]->fd < 0) continue;
        if (pfd[i].revents & (POLLOUT | POLLERR | POLLHUP)) on_writable(of[i], now);
        if (of[i]->fd >= 0 && (pfd[i].revents & (POLLIN | POLLHUP))) on_readable(of[i], now);
    }
}

/* Requests whose deadline passed, by the correlator's clock (this loop's). */
static void expire_requests(int64_t now)
{
    rmq_pending expired[32];
    size_t n;
    do {
        n = rmq_correlator_expire(&corr, now, expired, 32);
        for (size_t i = 0; i < n; i++) on_no_answer(&expired[i], now, "wait response timeout");
    } while (n == 32);
}

static void usage(void)
{
    fprintf(stderr, "usage: async_producer -n host:port -t topic -c count [-b body] [-g group] [--tags T]\n"
                    "                      [--keys \"k1 k2\"] [--inflight n] [--timeout ms] [--heartbeat-ms ms]\n"
                    "                      [--route-ms ms] [--release 4.9.8|5.3.3] [--rocketmq-header]\n"
                    "Sends count messages asynchronously, many in flight. Loopback addresses only.\n");
}

static int parse_args(int argc, char **argv)
{
    opt = (options){"127.0.0.1:9876", "TopicTest", "please_rename_unique_group_name", "TagA", NULL,
                    "Hello RocketMQ", 1, 16, 3000, 30000, 30000, RMQ_RELEASE_4_9_8, false};
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return 1;
        if (!strcmp(a, "--rocketmq-header")) {
            opt.rocketmq_header = true;
            i--;
            continue;
        }
        if (!v) return -1;
        if (!strcmp(a, "-n")) opt.namesrv = v;
        else if (!strcmp(a, "-t")) opt.topic = v;
        else if (!strcmp(a, "-c")) opt.count = atol(v);
        else if (!strcmp(a, "-b")) opt.body = v;
        else if (!strcmp(a, "-g")) opt.group = v;
        else if (!strcmp(a, "--tags")) opt.tags = v;
        else if (!strcmp(a, "--keys")) opt.keys = v;
        else if (!strcmp(a, "--inflight")) opt.inflight = atoi(v);
        else if (!strcmp(a, "--timeout")) opt.timeout_ms = atoi(v);
        else if (!strcmp(a, "--heartbeat-ms")) opt.heartbeat_ms = atoi(v);
        else if (!strcmp(a, "--route-ms")) opt.route_ms = atoi(v);
        else if (!strcmp(a, "--release") && !strcmp(v, "4.9.8")) opt.release = RMQ_RELEASE_4_9_8;
        else if (!strcmp(a, "--release") && !strcmp(v, "5.3.3")) opt.release = RMQ_RELEASE_5_3_3;
        else return -1;
    }
    return opt.count > 0 && opt.count <= 1000000 && opt.inflight > 0 && opt.inflight <= 1024 && opt.timeout_ms > 0 &&
                   opt.heartbeat_ms > 0 && opt.route_ms > 0
               ? 0
               : -1;
}

/* Message i's properties as the Java client sets them, with a fresh UNIQ_KEY. */
static int prepare_message(message *m, rmq_uniq_gen *gen)
{
    size_t uniq_len = rmq_uniq_gen_next(gen, wall_ms(), m->uniq);
    m->uniq[uniq_len] = 0;
    /* in the order a Java producer puts them, then in its HashMap's order */
    rmq_property props[4];
    size_t n = 0;
    if (opt.tags && opt.tags[0]) props[n++] = (rmq_property){cstr(RMQ_PROP_TAGS), cstr(opt.tags)};
    if (opt.keys) props[n++] = (rmq_property){cstr(RMQ_PROP_KEYS), cstr(opt.keys)};
    props[n++] = (rmq_property){cstr(RMQ_PROP_WAIT), cstr("true")};
    props[n++] = (rmq_property){cstr(RMQ_PROP_UNIQ_KEY), (rmq_str){m->uniq, uniq_len}};
    n = rmq_properties_java_order(props, n);
    m->kind = REQ_SEND;
    return rmq_properties_encode(props, n, opt.release, m->props, sizeof m->props, &m->props_len, NULL);
}

int main(int argc, char **argv)
{
    int pa = parse_args(argc, argv);
    if (pa) {
        usage();
        return pa > 0 ? 0 : 2;
    }
    signal(SIGPIPE, SIG_IGN);
    rmq_error err;
    body = (const uint8_t *)opt.body;
    body_len = strlen(opt.body);
    if (rmq_validate_group(cstr(opt.group), &err) != RMQ_OK ||
        rmq_validate_message(cstr(opt.topic), body, body_len, RMQ_STR_NULL, 0, opt.release, &err) != RMQ_OK) {
        fprintf(stderr, "async_producer: %s (%s)\n", err.message, rmq_status_name(err.code));
        return 1;
    }
    /* bodies of 4 KiB or more go out deflated at level 5, as tryToCompressMessage does */
    static uint8_t packed[RMQ_DEFAULT_MAX_MESSAGE_SIZE + 1024], zscratch[RMQ_ZLIB_DEFLATE_SCRATCH];
    if (rmq_should_compress(body_len, false) && rmq_zlib_compress_bound(body_len) <= sizeof packed) {
        rmq_arena z;
        rmq_arena_init(&z, zscratch, sizeof zscratch);
        size_t packed_len;
        if (rmq_zlib_compress(body, body_len, RMQ_COMPRESS_LEVEL, &z, packed, sizeof packed, &packed_len, &err) ==
            RMQ_OK) {
            body = packed;
            body_len = packed_len;
            sys_flag = opt.release == RMQ_RELEASE_4_9_8 ? RMQ_MSG_COMPRESSED : rmq_sysflag_mark_zlib(0);
        }
    }

    for (int i = 0; i < MAX_CONNS; i++) {
        conns[i].fd = -1;
        if (!(conns[i].split_buf = malloc(FRAME_MAX))) return 1;
    }
    size_t cap = (size_t)opt.inflight + 2 * MAX_CONNS + 8;
    slots = calloc(cap, sizeof *slots);
    msgs = calloc((size_t)opt.count, sizeof *msgs);
    if (!slots || !msgs) return 1;
    rmq_correlator_init(&corr, slots, cap, 0);
    rmq_fault_init(&faults, fault_items, sizeof fault_items / sizeof *fault_items, (uint32_t)now_ms(), NULL);
    rmq_queue_selector_init(&selector, (uint32_t)wall_ms());
    rmq_arena_init(&route_arena, route_mem, sizeof route_mem);
    char instance[24];
    snprintf(instance, sizeof instance, "%ld", (long)getpid()); /* changeInstanceNameToPID */
    rmq_client_id(cstr("127.0.0.1"), cstr(instance), RMQ_STR_NULL, client_id, sizeof client_id);
    rmq_uniq_gen gen;
    static const uint8_t loopback_ip[4] = {127, 0, 0, 1};
    rmq_uniq_gen_init(&gen, loopback_ip, 4, (uint16_t)getpid(), (uint32_t)wall_ms(), 0);
    for (long i = 0; i < opt.count; i++)
        if (prepare_message(&msgs[i], &gen) != RMQ_OK) return 1;

    /* the loop: timers, new sends while there is room in flight, I/O, expiry */
    int64_t now = now_ms(), give_up = now + 10 * (int64_t)opt.timeout_ms + 1000 * (opt.count / 100 + 1);
    int64_t next_route = now, next_heartbeat = now;
    long next_msg = 0;
    while (done_count < opt.count && now < give_up) {
        if (now >= next_route && !route_pending) {
            request_route(now, false);
            next_route = now + opt.route_ms;
        }
        if (have_route && now >= next_heartbeat) {
            send_heartbeats(now);
            next_heartbeat = now + opt.heartbeat_ms;
        }
        while (have_route && next_msg < opt.count && in_flight_count < opt.inflight) {
            message *m = &msgs[next_msg++];
            m->first_sent = now;
            if (send_attempt(m, now, opt.timeout_ms) != 0) retry_or_fail(m, now, "send request failed"); /* invokeAsync threw */
        }
        int64_t deadline = now + 50;
        if (next_heartbeat < deadline && have_route) deadline = next_heartbeat;
        poll_once(deadline);
        now = now_ms();
        expire_requests(now);
    }

    /* shutdown: UNREGISTER_CLIENT to the brokers, answered or timed out, then close */
    now = now_ms();
    if (send_unregisters(now) > 0) {
        int64_t until = now + opt.timeout_ms;
        while (rmq_correlator_pending(&corr) > 0 && now < until) {
            poll_once(until);
            now = now_ms();
            expire_requests(now);
        }
    }
    long ok = 0;
    for (long i = 0; i < opt.count; i++) {
        ok += msgs[i].ok;
        if (msgs[i].state != MSG_DONE) print_failure(&msgs[i], "not sent in time");
    }
    for (int i = 0; i < MAX_CONNS; i++) {
        conn_close(&conns[i]);
        free(conns[i].split_buf);
        free(conns[i].out);
    }
    free(slots);
    free(msgs);
    fprintf(stderr, "async_producer: %ld of %ld sent OK\n", ok, opt.count);
    return ok == opt.count ? 0 : 1;
}
