/*
 * Live check against a real RocketMQ broker (`meson test --suite interop`, never part
 * of the default command). RMQ_INTEROP_NAMESRV names its name server (loopback only,
 * e.g. 127.0.0.1:9876, as ../shared/javaref/broker starts one). A topic new to the
 * cluster gets messages from both example producers in both header encodings — sync,
 * async, oneway, a batch, a 6 000-byte body (deflated on the wire), tags, keys and a
 * user property — and then every queue of the topic is pulled back through the library
 * (PULL_MESSAGE, stored-message decode, inflate): each message the producers reported
 * must be there once, with its topic, tags, keys, property and body byte for byte.
 *
 *   interop PRODUCER ASYNC_PRODUCER
 */
#define _POSIX_C_SOURCE 200809L
#include "rmqwire.h"

#include "support/check.h"

#include "../examples/loopback.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_EXPECTED 256


/* What one sent message must look like when it is pulled back. */
typedef struct expected {
    char uniq[57];
    const char *how;
    const char *tags;       /* NULL: no TAGS */
    const char *keys;
    const char *prop;       /* "name=value" or NULL */
    const uint8_t *body;
    size_t body_len;
    int found;
} expected;

static expected want[MAX_EXPECTED];
static size_t want_count;
static char topic[64];
static const char *namesrv;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* argv run to completion; its stdout in out. */
static int run(char *const argv[], char *out, size_t cap)
{
    int pipefd[2];
    if (pipe(pipefd) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(pipefd[1]);
    size_t n = 0;
    for (ssize_t k; n + 1 < cap && (k = read(pipefd[0], out + n, cap - 1 - n)) > 0;) n += (size_t)k;
    out[n] = 0;
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Every msgId the output reports (a batch's ids are comma-joined), as expected messages. */
static size_t collect(const char *out, const char *marker, const expected *tmpl)
{
    size_t n = 0;
    for (const char *p = out; (p = strstr(p, marker)); p++) {
        const char *id = strstr(p, "msgId=");
        if (!id) break;
        id += 6;
        for (;;) {
            size_t len = strcspn(id, ",]\n");
            if (len != 32 || want_count == MAX_EXPECTED) break;
            want[want_count] = *tmpl;
            memcpy(want[want_count].uniq, id, 32);
            want[want_count].uniq[32] = 0;
            want_count++;
            n++;
            id += len;
            /* "msgId=A,B,C, offsetMsgId=…": the list ends where ", " begins */
            if (id[0] != ',' || id[1] == ' ') break;
            id++;
        }
    }
    return n;
}

static void send_case(char *const argv[], const char *marker, const expected *tmpl, size_t count)
{
    static char out[1 << 16];
    int rc = run(argv, out, sizeof out);
    size_t got = collect(out, marker, tmpl);
    CHECK(rc == 0 && got == count, "%s: exit %d, %zu of %zu messages reported:\n%s", tmpl->how, rc, got, count, out);
    printf("%-34s %zu sent\n", tmpl->how, got);
}

/* One blocking request/answer on a fresh connection; the answer decoded into arena. */
static int exchange(const char *addr, size_t addr_len, rmq_command *req, rmq_arena *arena, uint8_t *frame_buf,
                    size_t cap, rmq_command *resp)
{
    int fd = connect_loopback("interop", addr, addr_len, false);
    if (fd < 0) return -1;
    static int32_t opaque = 1;
    req->opaque = opaque++;
    size_t written;
    rmq_error err;
    int rc = -1;
    if (rmq_frame_encode(req, frame_buf, cap, &written, &err) == RMQ_OK &&
        write(fd, frame_buf, written) == (ssize_t)written) {
        static uint8_t split_buf[4 << 20];
        rmq_splitter sp;
        rmq_splitter_init(&sp, split_buf, sizeof split_buf, sizeof split_buf, NULL);
        uint8_t chunk[1 << 16];
        for (;;) {
            struct pollfd p = {fd, POLLIN, 0};
            if (poll(&p, 1, 5000) <= 0) break;
            ssize_t k = read(fd, chunk, sizeof chunk);
            if (k <= 0) break;
            rmq_split_result r;
            int fr = rmq_splitter_feed(&sp, chunk, (size_t)k, &r, &err);
            if (fr == RMQ_INCOMPLETE) continue;
            if (fr != RMQ_OK || r.frame_len > cap) break;
            memcpy(frame_buf, r.frame, r.frame_len);
            if (rmq_frame_decode(frame_buf, r.frame_len, NULL, arena, resp, &err) == RMQ_OK &&
                resp->opaque == req->opaque)
                rc = 0;
            break;
        }
    }
    close(fd);
    return rc;
}

static rmq_command request(int32_t code)
{
    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = code;
    cmd.version = 409;
    return cmd;
}

/* A pulled message against what was sent. */
static void check_message(const rmq_stored_message *m, rmq_arena *arena)
{
    rmq_property *props;
    size_t count;
    rmq_error err;
    if (rmq_properties_parse(m->properties.ptr, m->properties.len, arena, &props, &count, &err) != RMQ_OK) {
        CHECK(0, "stored properties unreadable: %s", err.message);
        return;
    }
    rmq_str uniq, v;
    if (!rmq_properties_get(props, count, "UNIQ_KEY", &uniq)) return; /* not one of ours */
    expected *e = NULL;
    for (size_t i = 0; i < want_count; i++)
        if (strlen(want[i].uniq) == uniq.len && !memcmp(want[i].uniq, uniq.ptr, uniq.len)) e = &want[i];
    CHECK(e != NULL, "pulled a message nobody sent: %.*s", (int)uniq.len, uniq.ptr);
    if (!e) return;
    e->found++;
    CHECK(rmq_str_equal_cstr(m->topic, topic), "%s: topic %.*s", e->how, (int)m->topic.len, m->topic.ptr);
    bool has_tags = rmq_properties_get(props, count, "TAGS", &v);
    CHECK(e->tags ? has_tags && rmq_str_equal_cstr(v, e->tags) : !has_tags, "%s: TAGS", e->how);
    bool has_keys = rmq_properties_get(props, count, "KEYS", &v);
    CHECK(e->keys ? has_keys && rmq_str_equal_cstr(v, e->keys) : !has_keys, "%s: KEYS", e->how);
    if (e->prop) {
        char name[64];
        const char *eq = strchr(e->prop, '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - e->prop), e->prop);
        CHECK(rmq_properties_get(props, count, name, &v) && rmq_str_equal_cstr(v, eq + 1), "%s: property %s", e->how,
              e->prop);
    }
    const uint8_t *body = m->body;
    size_t body_len = m->body_len;
    static uint8_t plain[RMQ_DEFAULT_MAX_MESSAGE_SIZE], scratch[RMQ_ZLIB_INFLATE_SCRATCH];
    if (m->sys_flag & RMQ_MSG_COMPRESSED) {
        rmq_arena z;
        rmq_arena_init(&z, scratch, sizeof scratch);
        CHECK(rmq_body_decompress(m->body, m->body_len, m->sys_flag, &z, plain, sizeof plain, &body_len, &err) ==
                  RMQ_OK,
              "%s: body does not inflate: %s", e->how, err.message);
        body = plain;
        CHECK(e->body_len >= RMQ_COMPRESS_THRESHOLD, "%s: a %zu-byte body was compressed", e->how, e->body_len);
    } else {
        CHECK(e->body_len < RMQ_COMPRESS_THRESHOLD || !strcmp(e->how, "producer --batch 3 (ROCKETMQ)"),
              "%s: a %zu-byte body was stored uncompressed", e->how, e->body_len);
    }
    CHECK(body_len == e->body_len && !memcmp(body, e->body, body_len), "%s: body differs (%zu bytes, %zu sent)",
          e->how, body_len, e->body_len);
}

/* Every message of every queue of the topic, from offset 0, through PULL_MESSAGE. */
static size_t pull_all(void)
{
    static uint8_t frame[4 << 20], mem[8 << 20];
    rmq_arena arena;
    rmq_arena_init(&arena, mem, sizeof mem);
    rmq_ext_field topic_ext = {{"topic", 5}, rmq_str_from_cstr(topic)};
    rmq_command req = request(RMQ_REQ_GET_ROUTEINFO_BY_TOPIC), resp;
    req.has_ext = true;
    req.ext = &topic_ext;
    req.ext_count = 1;
    if (exchange(namesrv, strlen(namesrv), &req, &arena, frame, sizeof frame, &resp) != 0 ||
        resp.code != RMQ_RESP_SUCCESS) {
        CHECK(0, "no route for %s", topic);
        return 0;
    }
    static uint8_t route_body[1 << 16];
    memcpy(route_body, resp.body, resp.body_len);
    rmq_route route;
    rmq_error err;
    CHECK(rmq_route_decode(route_body, resp.body_len, NULL, &arena, &route, &err) == RMQ_OK, "route: %s", err.message);
    size_t pulled = 0;
    for (size_t b = 0; b < route.queue_count; b++) {
        const rmq_queue_data *qd = &route.queue_datas[b];
        rmq_str addr = rmq_route_master_addr(&route, qd->broker_name);
        static char addr_buf[64];
        snprintf(addr_buf, sizeof addr_buf, "%.*s", (int)addr.len, addr.ptr ? addr.ptr : "");
        for (int32_t q = 0; q < qd->read_queue_nums; q++) {
            for (int64_t offset = 0;;) {
                size_t mark = rmq_arena_used(&arena);
                (void)mark;
                rmq_pull_request h;
                memset(&h, 0, sizeof h);
                h.consumer_group = rmq_str_from_cstr("interop_pull_group");
                h.topic = rmq_str_from_cstr(topic);
                h.queue_id = q;
                h.queue_offset = offset;
                h.max_msg_nums = 32;
                h.sys_flag = 4; /* PullSysFlag: subscription in the request */
                h.commit_offset = 0;
                h.suspend_timeout_millis = 0;
                h.subscription = rmq_str_from_cstr("*");
                h.sub_version = now_ms();
                h.expression_type = rmq_str_from_cstr("TAG");
                h.present = 0x7FF; /* consumerGroup … expressionType */
                rmq_ext_field *fields;
                size_t count;
                CHECK(rmq_pull_request_to_ext(&h, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_JAVA_MAP, &arena, &fields, &count, &err) == RMQ_OK,
                      "pull header: %s", err.message);
                rmq_command pull = request(RMQ_REQ_PULL_MESSAGE);
                pull.has_ext = true;
                pull.ext = fields;
                pull.ext_count = count;
                if (exchange(addr_buf, strlen(addr_buf), &pull, &arena, frame, sizeof frame, &resp) != 0) {
                    CHECK(0, "no answer to PULL_MESSAGE from %s", addr_buf);
                    break;
                }
                if (resp.code != RMQ_RESP_SUCCESS) break; /* PULL_NOT_FOUND: the queue is read */
                rmq_pull_response ph;
                CHECK(rmq_pull_response_decode(&resp, &ph, NULL, &err) == RMQ_OK, "pull response: %s", err.message);
                rmq_stored_iter it;
                rmq_stored_iter_init(&it, resp.body, resp.body_len, RMQ_RELEASE_4_9_8, 0);
                rmq_stored_message m;
                int rc;
                while ((rc = rmq_stored_next(&it, &m, &err)) == RMQ_OK) {
                    CHECK(rmq_stored_body_crc_ok(&m), "stored body CRC");
                    check_message(&m, &arena);
                    pulled++;
                }
                CHECK(rc == RMQ_DONE, "stored messages: %s", err.message);
                if (ph.next_begin_offset <= offset) break;
                offset = ph.next_begin_offset;
            }
        }
    }
    return pulled;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: interop PRODUCER ASYNC_PRODUCER (RMQ_INTEROP_NAMESRV=127.0.0.1:9876)\n");
        return 2;
    }
    namesrv = getenv("RMQ_INTEROP_NAMESRV");
    if (!namesrv || !*namesrv) {
        printf("FAIL set RMQ_INTEROP_NAMESRV to a name server on loopback (README: Interop)\n");
        return 1;
    }
    snprintf(topic, sizeof topic, "Interop_%ld_%lld", (long)getpid(), (long long)(now_ms() % 1000000));
    char *p = argv[1], *a = argv[2], *ns = (char *)(uintptr_t)namesrv, *t = topic;
    static char big[6000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = "interop 6000-byte body, compressible; "[i % 38];
    char big_path[64];
    snprintf(big_path, sizeof big_path, "/tmp/rmqwire-interop-%ld.bin", (long)getpid());
    FILE *f = fopen(big_path, "wb");
    if (!f || fwrite(big, 1, sizeof big, f) != sizeof big || fclose(f) != 0) return 1;
#define B(s) (const uint8_t *)(s), sizeof(s) - 1
    expected e;

    e = (expected){"", "producer sync (JSON)", "TagA", "k1 k2", "color=blue", B("interop sync json"), 0};
    send_case((char *[]){p, "-n", ns, "-t", t, "--tags", "TagA", "--keys", "k1 k2", "--prop", "color=blue", "-b",
                         "interop sync json", NULL},
              "SendResult [sendStatus=SEND_OK", &e, 1);
    e = (expected){"", "producer sync (ROCKETMQ)", NULL, NULL, NULL, B("interop sync rocketmq"), 0};
    send_case((char *[]){p, "-n", ns, "-t", t, "--tags", "", "--rocketmq-header", "-b", "interop sync rocketmq", NULL},
              "SendResult [sendStatus=SEND_OK", &e, 1);
    e = (expected){"", "producer 6000-byte body (JSON)", "Big", NULL, NULL, (const uint8_t *)big, sizeof big, 0};
    send_case((char *[]){p, "-n", ns, "-t", t, "--tags", "Big", "-f", big_path, NULL}, "SendResult [sendStatus=SEND_OK",
              &e, 1);
    e = (expected){"", "producer oneway (ROCKETMQ)", "TagO", "oneway", NULL, B("interop oneway"), 0};
    send_case((char *[]){p, "-n", ns, "-t", t, "--tags", "TagO", "--keys", "oneway", "--oneway", "--rocketmq-header",
                         "-b", "interop oneway", NULL},
              "sent oneway:", &e, 1);
    e = (expected){"", "producer --batch 3 (ROCKETMQ)", "TagB", "b1", "kind=batch", B("interop batch"), 0};
    send_case((char *[]){p, "-n", ns, "-t", t, "--tags", "TagB", "--keys", "b1", "--prop", "kind=batch", "--batch", "3",
                         "--rocketmq-header", "-b", "interop batch", NULL},
              "SendResult [sendStatus=SEND_OK", &e, 3);
    e = (expected){"", "async_producer -c 20 (JSON)", "TagA", "ak", NULL, B("interop async json"), 0};
    send_case((char *[]){a, "-n", ns, "-t", t, "-c", "20", "--keys", "ak", "-b", "interop async json", NULL},
              "SendResult [sendStatus=SEND_OK", &e, 20);
    e = (expected){"", "async_producer -c 20 (ROCKETMQ)", "TagR", NULL, NULL, B("interop async rocketmq"), 0};
    send_case((char *[]){a, "-n", ns, "-t", t, "-c", "20", "--tags", "TagR", "--rocketmq-header", "-b",
                         "interop async rocketmq", NULL},
              "SendResult [sendStatus=SEND_OK", &e, 20);
    remove(big_path);

    sleep(1); /* the oneway message has no answer to wait for */
    size_t pulled = pull_all();
    size_t found = 0;
    for (size_t i = 0; i < want_count; i++) {
        CHECK(want[i].found == 1, "%s: %s pulled %d times", want[i].how, want[i].uniq, want[i].found);
        found += want[i].found == 1;
    }
    printf("topic %s: %zu messages sent, %zu pulled back, %zu matched exactly once\n", topic, want_count, pulled,
           found);
    printf("interop: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
