/*
 * End-to-end test of examples/producer against a fake name server and broker on
 * 127.0.0.1, answering with frames built from vectors/: the route of
 * route/many_brokers_plain.bin with every address rewritten to the fake broker's
 * loopback port, and the live send response live498_s04_s2c_005. The broker
 * fails the first send with a retryable code, so the producer must retry on a
 * different broker. A second run keeps the route's 10.x addresses: the producer must
 * refuse them rather than connect.
 *
 *   fake_cluster PRODUCER VECTORS_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include "rmqwire.h"

#include "support/check.h"

#include "support/fake_peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>


static int accept_within(int lfd, int ms)
{
    struct pollfd p = {lfd, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0) return -1;
    return accept(lfd, NULL, NULL);
}

/* One request frame from fd, decoded into arena; its bytes live in `frame`. */
static int read_request(int fd, uint8_t *frame, size_t cap, rmq_arena *arena, rmq_command *cmd)
{
    rmq_splitter sp;
    static uint8_t sbuf[1 << 16];
    rmq_splitter_init(&sp, sbuf, sizeof sbuf, sizeof sbuf, NULL);
    uint8_t chunk[512];
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 5000) <= 0) return -1;
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k <= 0) return -1;
        rmq_split_result r;
        rmq_error err;
        int rc = rmq_splitter_feed(&sp, chunk, (size_t)k, &r, &err);
        if (rc == RMQ_INCOMPLETE) continue;
        if (rc != RMQ_OK || r.frame_len > cap) return -1;
        memcpy(frame, r.frame, r.frame_len);
        rmq_arena_reset(arena);
        return rmq_frame_decode(frame, r.frame_len, NULL, arena, cmd, &err) == RMQ_OK ? 0 : -1;
    }
}

static void reply(int fd, const rmq_command *cmd)
{
    static uint8_t out[1 << 16];
    size_t written = fake_encode(cmd, out, sizeof out);
    if (!written) {
        printf("FAIL cannot encode a reply\n");
        exit(1);
    }
    if (write(fd, out, written) != (ssize_t)written) printf("FAIL short write\n");
}

static pid_t spawn_producer(const char *producer, int ns_port, int out_fd, const char *body)
{
    char ns[32];
    snprintf(ns, sizeof ns, "127.0.0.1:%d", ns_port);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out_fd, 1);
        dup2(out_fd, 2);
        execl(producer, producer, "-n", ns, "-t", "TopicTest", "--tags", "TagA", "--keys", "k1 k2", "-b", body,
              "--timeout", "3000", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static size_t read_all(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    for (ssize_t k; n + 1 < cap && (k = read(fd, buf + n, cap - 1 - n)) > 0;) n += (size_t)k;
    buf[n] = 0;
    return n;
}

static void serve_route(int ns_listen, const char *vectors, const uint8_t *route, size_t route_len)
{
    static uint8_t frame[1 << 16], mem[1 << 16], tmem[1 << 16];
    rmq_arena a, ta;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_arena_init(&ta, tmem, sizeof tmem);
    int fd = accept_within(ns_listen, 5000);
    CHECK(fd >= 0, "producer never connected to the name server");
    if (fd < 0) return;
    rmq_command req;
    CHECK(read_request(fd, frame, sizeof frame, &a, &req) == 0, "no route request");
    CHECK(req.code == RMQ_REQ_GET_ROUTEINFO_BY_TOPIC, "route request code %d", (int)req.code);
    rmq_str topic;
    CHECK(rmq_ext_get(&req, "topic", 5, &topic) && rmq_str_equal_cstr(topic, "TopicTest"), "route request topic");

    size_t tlen;
    const uint8_t *tmpl = fake_vector(vectors, "frames/live498_s01_s2c_001.bin", &tlen);
    rmq_command resp;
    CHECK(rmq_frame_decode(tmpl, tlen, NULL, &ta, &resp, NULL) == RMQ_OK, "route response vector");
    resp.opaque = req.opaque;
    resp.body = route;
    resp.body_len = route_len;
    reply(fd, &resp);
    close(fd);
}

/* One send: checks the V2 header and answers with `code` (RMQ_RESP_SUCCESS = the live success response). */
static void serve_send(int broker_listen, const char *vectors, int32_t code, char *broker_name, size_t bn_cap,
                       char *uniq, size_t uniq_cap)
{
    static uint8_t frame[1 << 16], mem[1 << 16], tmem[1 << 16];
    rmq_arena a, ta;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_arena_init(&ta, tmem, sizeof tmem);
    broker_name[0] = 0;
    int fd = accept_within(broker_listen, 5000);
    CHECK(fd >= 0, "producer never connected to the broker");
    if (fd < 0) return;
    rmq_command req;
    CHECK(read_request(fd, frame, sizeof frame, &a, &req) == 0, "no send request");
    CHECK(req.code == RMQ_REQ_SEND_MESSAGE_V2, "send code %d", (int)req.code);
    rmq_send_request h;
    uint32_t notes;
    rmq_error err;
    CHECK(rmq_send_request_decode(&req, &h, &notes, &err) == RMQ_OK, "send header: %s", err.message);
    CHECK(rmq_str_equal_cstr(h.topic, "TopicTest"), "send topic");
    CHECK(req.body_len == 19 && !memcmp(req.body, "hello from the test", 19), "send body");
    snprintf(broker_name, bn_cap, "%.*s", (int)h.broker_name.len, h.broker_name.ptr ? h.broker_name.ptr : "");
    rmq_property *props;
    size_t count;
    rmq_str v;
    CHECK(rmq_properties_parse(h.properties.ptr, h.properties.len, &a, &props, &count, &err) == RMQ_OK, "properties");
    CHECK(rmq_properties_get(props, count, "TAGS", &v) && rmq_str_equal_cstr(v, "TagA"), "TAGS");
    CHECK(rmq_properties_get(props, count, "KEYS", &v) && rmq_str_equal_cstr(v, "k1 k2"), "KEYS");
    CHECK(rmq_properties_get(props, count, "UNIQ_KEY", &v) && v.len == 32, "UNIQ_KEY");
    snprintf(uniq, uniq_cap, "%.*s", (int)v.len, v.ptr ? v.ptr : "");

    rmq_command resp;
    if (code == RMQ_RESP_SUCCESS) {
        size_t tlen;
        const uint8_t *tmpl = fake_vector(vectors, "frames/live498_s04_s2c_005.bin", &tlen);
        CHECK(rmq_frame_decode(tmpl, tlen, NULL, &ta, &resp, NULL) == RMQ_OK, "send response vector");
    } else {
        rmq_command_init(&resp);
        resp.code = code;
        resp.flag = RMQ_FLAG_RESPONSE;
        resp.remark = rmq_str_from_cstr("injected failure");
    }
    resp.opaque = req.opaque;
    reply(fd, &resp);
    close(fd);
}

/* Listening fake servers, the producer started against them, and the route already served. */
typedef struct cluster {
    int ns_listen, broker_listen;
    int out_fd;
    pid_t pid;
} cluster;

static void start_cluster(cluster *cl, const char *producer, const char *vectors, bool loopback_route_addrs)
{
    int ns_port, broker_port;
    cl->ns_listen = fake_listen_loopback(&ns_port);
    cl->broker_listen = fake_listen_loopback(&broker_port);
    static uint8_t route[1 << 16];
    size_t route_len = fake_loopback_route(vectors, broker_port, broker_port, loopback_route_addrs, route, sizeof route);
    int pipefd[2];
    if (pipe(pipefd) != 0) exit(1);
    cl->pid = spawn_producer(producer, ns_port, pipefd[1], "hello from the test");
    close(pipefd[1]);
    cl->out_fd = pipefd[0];
    serve_route(cl->ns_listen, vectors, route, route_len);
}

/* Everything the producer printed, once it exited; its wait status in *status. */
static char *finish_cluster(cluster *cl, int *status)
{
    static char out[1 << 14];
    read_all(cl->out_fd, out, sizeof out);
    close(cl->out_fd);
    waitpid(cl->pid, status, 0);
    close(cl->ns_listen);
    close(cl->broker_listen);
    return out;
}

static void retry_scenario(const char *producer, const char *vectors)
{
    cluster cl;
    start_cluster(&cl, producer, vectors, true);
    int broker_listen = cl.broker_listen;
    char first[64], second[64], uniq1[64], uniq2[64];
    serve_send(broker_listen, vectors, RMQ_RESP_SYSTEM_ERROR /* retried */, first, sizeof first, uniq1, sizeof uniq1);
    serve_send(broker_listen, vectors, RMQ_RESP_SUCCESS, second, sizeof second, uniq2, sizeof uniq2);
    CHECK(first[0] && second[0] && strcmp(first, second) != 0, "retry went to the same broker (%s, %s)", first, second);
    CHECK(!strcmp(uniq1, uniq2), "the retry changed the message's UNIQ_KEY");

    int status;
    char *out = finish_cluster(&cl, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "producer exit status %d\n%s", status, out);
    char expect[256];
    snprintf(expect, sizeof expect, "sendStatus=SEND_OK, msgId=%s, offsetMsgId=7F00000100002A9F00000000000009B2", uniq2);
    CHECK(strstr(out, expect) != NULL, "no '%s' in:\n%s", expect, out);
    snprintf(expect, sizeof expect, "brokerName=%s, queueId=1], queueOffset=1]", second);
    CHECK(strstr(out, expect) != NULL, "no '%s' in:\n%s", expect, out);
    CHECK(strstr(out, "broker error 1") != NULL, "first failure not reported:\n%s", out);
    printf("%s", out);
}

/* Route data naming 10.x hosts: the producer refuses them and never connects. */
static void non_loopback_scenario(const char *producer, const char *vectors)
{
    cluster cl;
    start_cluster(&cl, producer, vectors, false);
    int status;
    char *out = finish_cluster(&cl, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "producer should fail without a loopback broker");
    CHECK(strstr(out, "refusing non-loopback address 10.0.0.") != NULL, "no refusal in:\n%s", out);
}

/* An empty body: refused by the validators before the name server is asked. */
static void empty_body_scenario(const char *producer)
{
    int ns_port;
    int ns_listen = fake_listen_loopback(&ns_port);
    int pipefd[2];
    if (pipe(pipefd) != 0) exit(1);
    pid_t pid = spawn_producer(producer, ns_port, pipefd[1], "");
    close(pipefd[1]);
    static char out[4096];
    read_all(pipefd[0], out, sizeof out);
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    int fd = accept_within(ns_listen, 100);
    CHECK(fd < 0, "the producer connected although the body is empty");
    if (fd >= 0) close(fd);
    close(ns_listen);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "producer exit status %d", status);
    CHECK(strstr(out, "the message body length is zero") && strstr(out, "RMQ_ERR_BODY_EMPTY"), "no refusal in:\n%s", out);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fake_cluster PRODUCER VECTORS_DIR\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    alarm(60); /* a stuck exchange fails the test instead of hanging it */
    retry_scenario(argv[1], argv[2]);
    non_loopback_scenario(argv[1], argv[2]);
    empty_body_scenario(argv[1]);
    printf("%s\n", failures ? "fake cluster: FAILED" : "fake cluster: producer retried, sent, refused non-loopback and an empty body");
    return failures ? 1 : 0;
}
