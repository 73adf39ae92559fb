/*
 * End-to-end tests of examples/async_producer against a fake name server and two
 * fake broker ports on 127.0.0.1, served by one poll() loop. The name server says
 * TOPIC_NOT_EXIST for the topic until a send has been seen (the producer must fall
 * back to TBW102), then gives the route of route/many_brokers_plain.bin with the
 * brokers on the two ports. The brokers answer sends in batches (so several must be
 * in flight), answer heartbeats and UNREGISTER_CLIENT, and check what each carries.
 * Run 1, 50 messages: the connection that carries the fifth message's first attempt
 * is closed under it; that message and every other lost with it must be sent again
 * (same UNIQ_KEY, another broker) and all 50 end SEND_OK. Run 2, 3 messages: the
 * second is never answered; the correlator expires it and, the timeout being spent,
 * Java's rule gives up: one SendFailed line and exit status 1.
 *
 *   fake_async_cluster ASYNC_PRODUCER VECTORS_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include "rmqwire.h"

#include "support/check.h"

#include "support/fake_peer.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define COUNT 50
#define DROPPED 4 /* index of the message whose first attempt loses its connection (run 1) */
#define SILENT 1  /* index of the message never answered (run 2) */
#define MAX_PEERS 16


typedef struct peer {
    int fd;
    bool is_ns;
    rmq_splitter sp;
    uint8_t split_buf[1 << 20];
} peer;

/* what the fake cluster saw */
static struct {
    int route_requests, default_route_requests, sends, heartbeats, unregisters, max_unanswered;
    char uniq[COUNT + 8][64];
    char broker[COUNT + 8][64];
    char first_broker[COUNT + 8][64];
    int sends_of[COUNT + 8];
    int distinct;
} seen;

/* send answers held back and given every 20 ms, in a batch */
static struct held {
    int fd;
    int32_t opaque;
} held[256];
static int held_count;
static int64_t held_since;

static peer peers[MAX_PEERS];
static bool silent_mode; /* run 2 */
static const char *vectors;
static uint8_t route_body[1 << 16];
static size_t route_len;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_frame(int fd, const rmq_command *cmd)
{
    static uint8_t out[1 << 16];
    size_t n = fake_encode(cmd, out, sizeof out);
    CHECK(n > 0, "cannot encode an answer");
    /* a peer that has gone (the producer exits with sends held here) is no failure */
    if (n && write(fd, out, n) != (ssize_t)n) return;
}

static rmq_command answer(int32_t code, int32_t opaque)
{
    rmq_command resp;
    rmq_command_init(&resp);
    resp.code = code;
    resp.flag = RMQ_FLAG_RESPONSE;
    resp.opaque = opaque;
    return resp;
}

static void flush_held(void)
{
    static uint8_t mem[1 << 16];
    size_t tlen;
    const uint8_t *tmpl = fake_vector(vectors, "frames/live498_s04_s2c_005.bin", &tlen);
    for (int i = 0; i < held_count; i++) {
        rmq_arena a;
        rmq_arena_init(&a, mem, sizeof mem);
        rmq_command resp;
        CHECK(rmq_frame_decode(tmpl, tlen, NULL, &a, &resp, NULL) == RMQ_OK, "send response vector");
        resp.opaque = held[i].opaque;
        send_frame(held[i].fd, &resp);
    }
    held_count = 0;
}

static void on_route_request(peer *p, const rmq_command *req)
{
    rmq_str topic;
    CHECK(rmq_ext_get(req, "topic", 5, &topic), "route request without topic");
    rmq_command resp;
    if (rmq_str_equal_cstr(topic, "TBW102")) {
        seen.default_route_requests++;
        resp = answer(RMQ_RESP_SUCCESS, req->opaque);
        resp.body = route_body;
        resp.body_len = route_len;
    } else {
        CHECK(rmq_str_equal_cstr(topic, "TopicAsync"), "route request for another topic");
        seen.route_requests++;
        if (seen.sends == 0) {
            resp = answer(RMQ_RESP_TOPIC_NOT_EXIST, req->opaque);
        } else {
            resp = answer(RMQ_RESP_SUCCESS, req->opaque);
            resp.body = route_body;
            resp.body_len = route_len;
        }
    }
    send_frame(p->fd, &resp);
}

static void on_send(peer *p, const rmq_command *req, rmq_arena *a)
{
    rmq_send_request h;
    rmq_error err;
    CHECK(rmq_send_request_decode(req, &h, NULL, &err) == RMQ_OK, "send header: %s", err.message);
    CHECK(rmq_str_equal_cstr(h.topic, "TopicAsync") && rmq_str_equal_cstr(h.producer_group, "async_group"),
          "send topic or group");
    CHECK(req->body_len == 10 && !memcmp(req->body, "async body", 10), "send body");
    rmq_property *props;
    size_t count;
    rmq_str uniq = RMQ_STR_NULL, tags;
    CHECK(rmq_properties_parse(h.properties.ptr, h.properties.len, a, &props, &count, &err) == RMQ_OK, "properties");
    CHECK(rmq_properties_get(props, count, "UNIQ_KEY", &uniq) && uniq.len == 32, "UNIQ_KEY");
    CHECK(rmq_properties_get(props, count, "TAGS", &tags) && rmq_str_equal_cstr(tags, "TagA"), "TAGS");
    seen.sends++;
    int idx = -1;
    for (int i = 0; i < seen.distinct; i++)
        if (strlen(seen.uniq[i]) == uniq.len && !memcmp(seen.uniq[i], uniq.ptr, uniq.len)) idx = i;
    if (idx < 0 && seen.distinct < COUNT + 8) {
        idx = seen.distinct++;
        snprintf(seen.uniq[idx], sizeof seen.uniq[idx], "%.*s", (int)uniq.len, uniq.ptr ? uniq.ptr : "");
    }
    if (idx < 0) return;
    int attempt = seen.sends_of[idx]++;
    snprintf(seen.broker[idx], sizeof seen.broker[idx], "%.*s", (int)h.broker_name.len, h.broker_name.ptr);
    if (attempt == 0) memcpy(seen.first_broker[idx], seen.broker[idx], sizeof seen.broker[idx]);
    if (silent_mode && idx == SILENT) return; /* never answered */
    if (!silent_mode && idx == DROPPED && attempt == 0) {
        /* the connection breaks with this send (and whatever else waits on it) in flight */
        int fd = p->fd;
        close(fd);
        p->fd = -1;
        int kept = 0;
        for (int i = 0; i < held_count; i++)
            if (held[i].fd != fd) held[kept++] = held[i];
        held_count = kept;
        return;
    }
    if (held_count == 0) held_since = now_ms();
    held[held_count++] = (struct held){p->fd, req->opaque};
    if (held_count > seen.max_unanswered) seen.max_unanswered = held_count;
    if (held_count == (int)(sizeof held / sizeof *held)) flush_held();
}

static void on_heartbeat(peer *p, const rmq_command *req, rmq_arena *a)
{
    rmq_heartbeat hb;
    rmq_error err;
    CHECK(rmq_heartbeat_decode(req->body, req->body_len, NULL, a, &hb, &err) == RMQ_OK, "heartbeat body: %s",
          err.message);
    bool ours = false;
    for (size_t i = 0; i < hb.producer_count; i++) ours |= rmq_str_equal_cstr(hb.producer_groups[i], "async_group");
    CHECK(ours && hb.consumer_count == 0, "heartbeat without the producer group");
    CHECK(hb.client_id.len > 10 && !memcmp(hb.client_id.ptr, "127.0.0.1@", 10), "heartbeat client id");
    seen.heartbeats++;
    rmq_command resp = answer(RMQ_RESP_SUCCESS, req->opaque);
    send_frame(p->fd, &resp);
}

static void on_unregister(peer *p, const rmq_command *req)
{
    rmq_str group, id;
    CHECK(rmq_ext_get(req, "producerGroup", 13, &group) && rmq_str_equal_cstr(group, "async_group"),
          "unregister producerGroup");
    CHECK(rmq_ext_get(req, "clientID", 8, &id) && id.len > 10 && !memcmp(id.ptr, "127.0.0.1@", 10),
          "unregister clientID");
    seen.unregisters++;
    rmq_command resp = answer(RMQ_RESP_SUCCESS, req->opaque);
    send_frame(p->fd, &resp);
}

static void on_frame(peer *p, const uint8_t *frame, size_t len)
{
    static uint8_t mem[1 << 20];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_command req;
    rmq_error err;
    if (rmq_frame_decode(frame, len, NULL, &a, &req, &err) != RMQ_OK) {
        CHECK(0, "undecodable request: %s", err.message);
        return;
    }
    CHECK(!rmq_command_is_response(&req), "a response sent to the cluster");
    if (p->is_ns) {
        CHECK(req.code == RMQ_REQ_GET_ROUTEINFO_BY_TOPIC, "name server got code %d", (int)req.code);
        if (req.code == RMQ_REQ_GET_ROUTEINFO_BY_TOPIC) on_route_request(p, &req);
    } else if (req.code == RMQ_REQ_SEND_MESSAGE_V2) {
        on_send(p, &req, &a);
    } else if (req.code == RMQ_REQ_HEART_BEAT) {
        on_heartbeat(p, &req, &a);
    } else if (req.code == RMQ_REQ_UNREGISTER_CLIENT) {
        on_unregister(p, &req);
    } else {
        CHECK(0, "broker got code %d", (int)req.code);
    }
}

static void on_readable(peer *p)
{
    uint8_t chunk[1 << 16];
    ssize_t k = read(p->fd, chunk, sizeof chunk);
    if (k <= 0) {
        close(p->fd);
        p->fd = -1;
        return;
    }
    size_t off = 0;
    while (off < (size_t)k && p->fd >= 0) { /* a send may close the connection under the rest */
        rmq_split_result r;
        int rc = rmq_splitter_feed(&p->sp, chunk + off, (size_t)k - off, &r, NULL);
        off += r.consumed;
        if (rc == RMQ_INCOMPLETE) break;
        if (rc != RMQ_OK) {
            CHECK(0, "bad framing from the producer");
            close(p->fd);
            p->fd = -1;
            return;
        }
        on_frame(p, r.frame, r.frame_len);
    }
}

static void accept_peer(int lfd, bool is_ns)
{
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) return;
    for (int i = 0; i < MAX_PEERS; i++) {
        if (peers[i].fd >= 0) continue;
        peers[i].fd = fd;
        peers[i].is_ns = is_ns;
        rmq_splitter_init(&peers[i].sp, peers[i].split_buf, sizeof peers[i].split_buf, sizeof peers[i].split_buf,
                          NULL);
        return;
    }
    close(fd);
}

/* Runs the producer with args against a fresh cluster; its stdout in `printed`, exit status returned. */
static int run(const char *producer, const char *const *args, size_t nargs, char *printed, size_t cap)
{
    memset(&seen, 0, sizeof seen);
    held_count = 0;
    for (int i = 0; i < MAX_PEERS; i++) peers[i].fd = -1;
    int ns_port, port_a, port_b;
    int lfd[3] = {fake_listen_loopback(&ns_port), fake_listen_loopback(&port_a), fake_listen_loopback(&port_b)};
    route_len = fake_loopback_route(vectors, port_a, port_b, true, route_body, sizeof route_body);
    int out[2];
    if (pipe(out) != 0) exit(1);
    char ns[32];
    snprintf(ns, sizeof ns, "127.0.0.1:%d", ns_port);
    const char *argv[32] = {producer, "-n", ns};
    size_t argc = 3;
    for (size_t i = 0; i < nargs && argc < 31; i++) argv[argc++] = args[i];
    argv[argc] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        execv(producer, (char *const *)(uintptr_t)argv);
        _exit(127);
    }
    close(out[1]);
    size_t printed_len = 0;
    int status = 0;
    bool exited = false;
    while (!exited) {
        struct pollfd pfd[MAX_PEERS + 4];
        peer *of[MAX_PEERS + 4];
        nfds_t n = 0;
        for (int i = 0; i < 3; i++) pfd[n] = (struct pollfd){lfd[i], POLLIN, 0}, of[n++] = NULL;
        pfd[n] = (struct pollfd){out[0], POLLIN, 0}, of[n++] = NULL;
        for (int i = 0; i < MAX_PEERS; i++)
            if (peers[i].fd >= 0) pfd[n] = (struct pollfd){peers[i].fd, POLLIN, 0}, of[n++] = &peers[i];
        poll(pfd, n, 10);
        for (int i = 0; i < 3; i++)
            if (pfd[i].revents & POLLIN) accept_peer(lfd[i], i == 0);
        if (pfd[3].revents & (POLLIN | POLLHUP)) {
            ssize_t k = read(out[0], printed + printed_len, cap - 1 - printed_len);
            if (k > 0) printed_len += (size_t)k;
        }
        for (nfds_t i = 4; i < n; i++)
            if (of[i]->fd >= 0 && (pfd[i].revents & (POLLIN | POLLHUP))) on_readable(of[i]);
        if (held_count && now_ms() - held_since >= 20) flush_held();
        exited = waitpid(pid, &status, WNOHANG) == pid;
    }
    for (ssize_t k; (k = read(out[0], printed + printed_len, cap - 1 - printed_len)) > 0;) printed_len += (size_t)k;
    printed[printed_len] = 0;
    close(out[0]);
    for (int i = 0; i < 3; i++) close(lfd[i]);
    for (int i = 0; i < MAX_PEERS; i++)
        if (peers[i].fd >= 0) close(peers[i].fd), peers[i].fd = -1;
    return status;
}

static int count_lines(const char *text, const char *prefix)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, prefix)); p++) n++;
    return n;
}

/* Run 1 under one release's fault strategy. */
static void lost_connection_run(const char *producer, const char *release, char *printed, size_t cap)
{
    const char *const many[] = {"-t", "TopicAsync", "-g", "async_group", "-c", "50", "-b", "async body",
                                "--inflight", "8", "--timeout", "2000", "--heartbeat-ms", "40",
                                "--route-ms", "50", "--release", release};
    int status = run(producer, many, sizeof many / sizeof *many, printed, cap);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "async_producer exit status %d\n%s", status, printed);
    int ok_lines = count_lines(printed, "SendResult [sendStatus=SEND_OK, msgId=");
    CHECK(ok_lines == COUNT, "%d SEND_OK lines, not %d:\n%s", ok_lines, COUNT, printed);
    CHECK(seen.distinct == COUNT, "%d distinct messages reached the brokers", seen.distinct);
    int resent = 0;
    for (int i = 0; i < seen.distinct; i++) {
        char expect[96];
        snprintf(expect, sizeof expect, "msgId=%s,", seen.uniq[i]);
        CHECK(strstr(printed, expect) && strstr(strstr(printed, expect) + 1, expect) == NULL,
              "not exactly one result for %s", seen.uniq[i]);
        CHECK(seen.sends_of[i] == 1 || seen.sends_of[i] == 2, "message %d sent %d times", i, seen.sends_of[i]);
        resent += seen.sends_of[i] == 2;
    }
    CHECK(seen.sends_of[DROPPED] == 2, "the message whose connection broke was sent %d times", seen.sends_of[DROPPED]);
    CHECK(strcmp(seen.first_broker[DROPPED], seen.broker[DROPPED]) != 0, "sent again to the same broker %s",
          seen.broker[DROPPED]);
    CHECK(seen.sends == COUNT + resent && resent >= 1, "%d sends for %d messages, %d sent again", seen.sends, COUNT,
          resent);
    CHECK(seen.max_unanswered >= 4 && seen.max_unanswered <= 8, "%d sends in flight at most, --inflight 8",
          seen.max_unanswered);
    CHECK(seen.default_route_requests >= 1, "no TBW102 route request (the topic did not exist)");
    CHECK(seen.route_requests >= 2, "%d route requests: no refresh after the topic existed", seen.route_requests);
    CHECK(seen.heartbeats >= 12, "%d heartbeats: not every broker twice", seen.heartbeats);
    CHECK(seen.unregisters == 6, "%d UNREGISTER_CLIENT, one per broker master expected", seen.unregisters);
    printf("%s", printed);
    printf("run 1 (%s): %d sends (%d sent again), %d in flight at most, %d heartbeats, %d route requests, %d unregisters\n",
           release, seen.sends, resent, seen.max_unanswered, seen.heartbeats, seen.route_requests + seen.default_route_requests,
           seen.unregisters);

}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fake_async_cluster ASYNC_PRODUCER VECTORS_DIR\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    alarm(90);
    vectors = argv[2];
    static char printed[1 << 16];

    lost_connection_run(argv[1], "4.9.8", printed, sizeof printed);
    lost_connection_run(argv[1], "5.3.3", printed, sizeof printed);

    silent_mode = true;
    static const char *const few[] = {"-t", "TopicAsync", "-g", "async_group", "-c", "3", "-b", "async body",
                                      "--timeout", "300"};
    int status = run(argv[1], few, sizeof few / sizeof *few, printed, sizeof printed);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "run 2: exit status %d\n%s", status, printed);
    CHECK(count_lines(printed, "SendResult [sendStatus=SEND_OK") == 2, "run 2: not 2 SEND_OK lines:\n%s", printed);
    char expect[128];
    snprintf(expect, sizeof expect, "SendFailed [msgId=%s, retries=2, reason=wait response timeout]", seen.uniq[SILENT]);
    CHECK(strstr(printed, expect) != NULL, "run 2: no '%s' in:\n%s", expect, printed);
    CHECK(seen.sends_of[SILENT] == 1, "run 2: the unanswered message was sent %d times (no time was left)",
          seen.sends_of[SILENT]);
    printf("%s", printed);
    printf("fake async cluster: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
