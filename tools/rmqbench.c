/*
 * rmqbench: speed of the hot paths, one line per workload:
 *   name ns_per_op mb_per_s allocs_per_op
 * best of several runs, plus a memcpy of the same bytes as a floor. Allocations
 * are the calls the library made to the arena's hooks (it has no others); the
 * arena gets a caller buffer sized from the documented bound, so 0 is expected.
 *
 *   rmqbench [VECTORS_DIR] [--quick]
 */
#define _POSIX_C_SOURCE 200809L
#include "rmqwire.h"

#include "common/file_bytes.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t hook_allocs;
static void *count_alloc(void *ctx, size_t n) { (void)ctx; hook_allocs++; return malloc(n); }
static void count_free(void *ctx, void *p) { (void)ctx; free(p); }
static const rmq_allocator counting = {count_alloc, count_free, NULL};

static int runs = 7;
static double min_seconds = 0.2;

static uint8_t *slurp(const char *dir, const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    uint8_t *buf = read_file_bytes(path, len);
    if (!buf) {
        fprintf(stderr, "rmqbench: cannot read %s\n", path);
        exit(1);
    }
    return buf;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef int (*workload_fn)(void *ctx);

/* Best ns/op over `runs` runs, each long enough to swamp the clock's resolution. */
static void bench(const char *name, workload_fn fn, void *ctx, size_t bytes)
{
    size_t iters = 1;
    for (;;) { /* calibrate */
        double t0 = now_s();
        for (size_t i = 0; i < iters; i++) fn(ctx);
        if (now_s() - t0 >= min_seconds / 4 || iters >= (1u << 30)) break;
        iters *= 2;
    }
    double best = 1e30;
    size_t allocs_before = hook_allocs;
    for (int r = 0; r < runs; r++) {
        double t0 = now_s();
        for (size_t i = 0; i < iters; i++)
            if (fn(ctx) != RMQ_OK) {
                fprintf(stderr, "rmqbench: %s failed\n", name);
                exit(1);
            }
        double ns = (now_s() - t0) * 1e9 / (double)iters;
        if (ns < best) best = ns;
    }
    double allocs = (double)(hook_allocs - allocs_before) / ((double)iters * runs);
    printf("%s %.1f %.1f %.2f\n", name, best, (double)bytes / best * 1e3, allocs);
    fflush(stdout);
}

/* ---- frame workloads ---- */

typedef struct frame_ctx {
    const uint8_t *bytes;
    size_t len;
    rmq_arena arena;
    rmq_command cmd;
    uint8_t *out;
    size_t out_cap;
} frame_ctx;

static int w_memcpy(void *p)
{
    frame_ctx *c = p;
    memcpy(c->out, c->bytes, c->len);
    /* keep the copy observable so it is not optimised away */
    __asm__ volatile("" : : "r"(c->out) : "memory");
    return RMQ_OK;
}

static int w_decode(void *p)
{
    frame_ctx *c = p;
    rmq_arena_reset(&c->arena);
    return rmq_frame_decode(c->bytes, c->len, NULL, &c->arena, &c->cmd, NULL);
}

static int w_decode_typed(void *p)
{
    frame_ctx *c = p;
    int rc = w_decode(c);
    if (rc != RMQ_OK) return rc;
    rmq_send_request h;
    uint32_t notes = 0;
    rc = rmq_send_request_decode(&c->cmd, &h, &notes, NULL);
    __asm__ volatile("" : : "r"(&h) : "memory");
    return rc;
}

static int w_encode(void *p)
{
    frame_ctx *c = p;
    size_t written;
    return rmq_frame_encode(&c->cmd, c->out, c->out_cap, &written, NULL);
}


static int w_typed_only(void *p)
{
    frame_ctx *c = p;
    rmq_send_request h;
    uint32_t notes = 0;
    int rc = rmq_send_request_decode(&c->cmd, &h, &notes, NULL);
    __asm__ volatile("" : : "r"(&h) : "memory");
    return rc;
}

static void frame_setup(frame_ctx *c, const uint8_t *bytes, size_t len, void *mem, size_t bound)
{
    c->bytes = bytes;
    c->len = len;
    rmq_arena_init_hooks(&c->arena, mem, bound, &counting);
    c->out_cap = c->len + 64;
    c->out = malloc(c->out_cap);
}

/* A header with `n` distinct ext keys kNNNNN = "v": the duplicate check's worst legal case. */
static uint8_t *many_keys_frame(size_t n, rmq_serialize_type type, size_t *len)
{
    rmq_ext_field *f = calloc(n, sizeof *f);
    char *keys = malloc(n * 8);
    for (size_t i = 0; i < n; i++) {
        snprintf(keys + 8 * i, 8, "k%05zu", i);
        f[i].key.ptr = keys + 8 * i;
        f[i].key.len = 6;
        f[i].value.ptr = "v";
        f[i].value.len = 1;
    }
    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = RMQ_REQ_SEND_MESSAGE_V2;
    cmd.opaque = 7;
    cmd.serialize_type = type;
    cmd.has_ext = true;
    cmd.ext = f;
    cmd.ext_count = n;
    size_t size = 0, written = 0;
    uint8_t *out = NULL;
    if (rmq_frame_encoded_size(&cmd, &size, NULL) != RMQ_OK || !(out = malloc(size)) ||
        rmq_frame_encode(&cmd, out, size, &written, NULL) != RMQ_OK) {
        fprintf(stderr, "rmqbench: cannot build the many-keys frame\n");
        exit(1);
    }
    free(f);
    free(keys);
    *len = written;
    return out;
}

/* ---- route ---- */

typedef struct route_ctx {
    const uint8_t *bytes;
    size_t len;
    rmq_arena arena;
    rmq_route route;
} route_ctx;

static int w_route(void *p)
{
    route_ctx *c = p;
    rmq_arena_reset(&c->arena);
    return rmq_route_decode(c->bytes, c->len, NULL, &c->arena, &c->route, NULL);
}

/* ---- splitter ---- */

typedef struct split_ctx {
    const uint8_t *bytes;
    size_t len;
    size_t chunk;
    uint8_t *buf;
    size_t cap;
} split_ctx;

static int w_split(void *p)
{
    split_ctx *c = p;
    rmq_splitter sp;
    rmq_splitter_init(&sp, c->buf, c->cap, 0, NULL);
    size_t frames = 0;
    for (size_t pos = 0; pos < c->len;) {
        size_t n = c->len - pos < c->chunk ? c->len - pos : c->chunk;
        size_t off = 0;
        for (;;) {
            rmq_split_result r;
            int rc = rmq_splitter_feed(&sp, c->bytes + pos + off, n - off, &r, NULL);
            off += r.consumed;
            if (rc == RMQ_INCOMPLETE) break;
            if (rc != RMQ_OK) return rc;
            frames++;
            if (off == n) break;
        }
        pos += n;
    }
    __asm__ volatile("" : : "r"(frames) : "memory");
    return RMQ_OK;
}

/* ---- workload table ---- */

enum input { IN_JSON_FRAME, IN_RMQ_FRAME, IN_KEYS_JSON, IN_KEYS_RMQ, IN_ROUTE_PLAIN, IN_ROUTE_STD, IN_STREAM };

typedef struct workload {
    const char *name;
    workload_fn fn;
    enum input input;
    bool decoded_first;   /* the context holds a decoded command before the loop */
    size_t chunk;         /* splitter chunk size */
} workload;

static const workload workloads[] = {
    {"memcpy_send_v2_json", w_memcpy, IN_JSON_FRAME, false, 0},
    {"decode_send_v2_json", w_decode, IN_JSON_FRAME, false, 0},
    {"decode_typed_send_v2_json", w_decode_typed, IN_JSON_FRAME, false, 0},
    {"typed_only_send_v2_json", w_typed_only, IN_JSON_FRAME, true, 0},
    {"encode_send_v2_json", w_encode, IN_JSON_FRAME, true, 0},
    {"memcpy_send_v2_rocketmq", w_memcpy, IN_RMQ_FRAME, false, 0},
    {"decode_send_v2_rocketmq", w_decode, IN_RMQ_FRAME, false, 0},
    {"decode_typed_send_v2_rocketmq", w_decode_typed, IN_RMQ_FRAME, false, 0},
    {"typed_only_send_v2_rocketmq", w_typed_only, IN_RMQ_FRAME, true, 0},
    {"encode_send_v2_rocketmq", w_encode, IN_RMQ_FRAME, true, 0},
    {"decode_4000_keys_json", w_decode, IN_KEYS_JSON, false, 0},
    {"decode_4000_keys_rocketmq", w_decode, IN_KEYS_RMQ, false, 0},
    {"memcpy_route_many_brokers_plain", w_memcpy, IN_ROUTE_PLAIN, false, 0},
    {"decode_route_many_brokers_plain", w_route, IN_ROUTE_PLAIN, false, 0},
    {"decode_route_many_brokers_std", w_route, IN_ROUTE_STD, false, 0},
    {"memcpy_stream_s04_c2s", w_memcpy, IN_STREAM, false, 0},
    {"split_stream_s04_c2s_chunk_1", w_split, IN_STREAM, false, 1},
    {"split_stream_s04_c2s_chunk_64", w_split, IN_STREAM, false, 64},
    {"split_stream_s04_c2s_chunk_65536", w_split, IN_STREAM, false, 65536},
};

typedef struct any_ctx {
    union {
        frame_ctx frame;
        route_ctx route;
        split_ctx split;
    } u;
    uint8_t *bytes;  /* owned: input, arena memory, output */
    void *mem;
    void *out;
} any_ctx;

static const char *const input_files[] = {
    [IN_JSON_FRAME] = "frames/live498_s04_c2s_005.bin", [IN_RMQ_FRAME] = "frames/enc_hdr_send_v2_rmq.bin",
    [IN_ROUTE_PLAIN] = "route/many_brokers_plain.bin", [IN_ROUTE_STD] = "route/many_brokers_std.bin",
    [IN_STREAM] = "streams/live498_s04_c2s.bin",
};

/* Builds the context of one workload; returns the bytes it works on. */
static size_t setup(const char *dir, const workload *wl, any_ctx *c)
{
    size_t len = 0;
    memset(c, 0, sizeof *c);
    if (wl->input == IN_KEYS_JSON || wl->input == IN_KEYS_RMQ)
        c->bytes = many_keys_frame(4000, wl->input == IN_KEYS_JSON ? RMQ_SERIALIZE_JSON : RMQ_SERIALIZE_ROCKETMQ, &len);
    else
        c->bytes = slurp(dir, input_files[wl->input], &len);
    if (wl->fn == w_route) {
        size_t bound = rmq_route_decode_bound(len);
        c->mem = malloc(bound);
        c->u.route.bytes = c->bytes;
        c->u.route.len = len;
        rmq_arena_init_hooks(&c->u.route.arena, c->mem, bound, &counting);
    } else if (wl->fn == w_split) {
        c->u.split.bytes = c->bytes;
        c->u.split.len = len;
        c->u.split.chunk = wl->chunk;
        c->u.split.cap = 1u << 24;
        c->u.split.buf = c->out = malloc(c->u.split.cap);
    } else {
        size_t bound = rmq_frame_decode_bound(len);
        c->mem = malloc(bound);
        frame_setup(&c->u.frame, c->bytes, len, c->mem, bound);
        c->out = c->u.frame.out;
        if (wl->decoded_first && w_decode(&c->u.frame) != RMQ_OK) {
            fprintf(stderr, "rmqbench: %s: input does not decode\n", wl->name);
            exit(1);
        }
    }
    return len;
}

static void teardown(any_ctx *c)
{
    free(c->out);
    free(c->mem);
    free(c->bytes);
}

/* The loop callgrind counts (--toggle-collect=rmqbench_loop): n operations, nothing else. */
__attribute__((noinline)) int rmqbench_loop(workload_fn fn, void *ctx, size_t n);
__attribute__((noinline)) int rmqbench_loop(workload_fn fn, void *ctx, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) bad |= fn(ctx);
    return bad;
}

static void usage(void)
{
    printf("usage: rmqbench [VECTORS_DIR] [--quick] [--only NAME] [--loop NAME N] [--list]\n"
           "prints: name ns_per_op mb_per_s allocs_per_op\n"
           "--loop runs N operations of one workload inside rmqbench_loop, for\n"
           "  valgrind --tool=callgrind --toggle-collect=rmqbench_loop\n");
}

int main(int argc, char **argv)
{
    const char *dir = RMQ_VECTORS_DIR, *only = NULL, *loop = NULL;
    size_t loop_n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            runs = 2;
            min_seconds = 0.01;
        } else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
        } else if (!strcmp(argv[i], "--loop") && i + 2 < argc) {
            loop = argv[++i];
            loop_n = (size_t)strtoull(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--list")) {
            for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; w++) printf("%s\n", workloads[w].name);
            return 0;
        } else if (!strcmp(argv[i], "--help")) {
            usage();
            return 0;
        } else {
            dir = argv[i];
        }
    }
    if (loop) only = loop;
    if (!loop) printf("# rmqwire %s; name ns_per_op mb_per_s allocs_per_op\n", rmq_version_string());
    int matched = 0;
    for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; w++) {
        const workload *wl = &workloads[w];
        if (only && strcmp(only, wl->name)) continue;
        matched = 1;
        any_ctx c;
        size_t len = setup(dir, wl, &c);
        if (loop) {
            size_t before = hook_allocs;
            if (rmqbench_loop(wl->fn, &c.u, loop_n) != RMQ_OK) {
                fprintf(stderr, "rmqbench: %s failed\n", wl->name);
                return 1;
            }
            printf("%s %zu ops, %zu allocations\n", wl->name, loop_n, hook_allocs - before);
        } else {
            bench(wl->name, wl->fn, &c.u, len);
        }
        teardown(&c);
    }
    if (!matched) {
        fprintf(stderr, "rmqbench: no workload named %s (--list)\n", only);
        return 1;
    }
    return 0;
}
