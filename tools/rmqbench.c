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
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "rmqbench: cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "rmqbench: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    *len = (size_t)n;
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

static void frame_workloads(const char *dir, const char *rel, const char *tag)
{
    frame_ctx c;
    memset(&c, 0, sizeof c);
    uint8_t *bytes = slurp(dir, rel, &c.len);
    c.bytes = bytes;
    size_t bound = rmq_frame_decode_bound(c.len);
    void *mem = malloc(bound);
    rmq_arena_init_hooks(&c.arena, mem, bound, &counting);
    c.out_cap = c.len + 64;
    c.out = malloc(c.out_cap);
    char name[128];
    snprintf(name, sizeof name, "memcpy_%s", tag);
    bench(name, w_memcpy, &c, c.len);
    snprintf(name, sizeof name, "decode_%s", tag);
    bench(name, w_decode, &c, c.len);
    snprintf(name, sizeof name, "decode_typed_%s", tag);
    bench(name, w_decode_typed, &c, c.len);
    if (w_decode(&c) != RMQ_OK) exit(1);
    snprintf(name, sizeof name, "encode_%s", tag);
    bench(name, w_encode, &c, c.len);
    free(c.out);
    free(mem);
    free(bytes);
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
    rmq_splitter_init(&sp, c->buf, c->cap, 0);
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

int main(int argc, char **argv)
{
    const char *dir = RMQ_VECTORS_DIR;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            runs = 2;
            min_seconds = 0.01;
        } else if (!strcmp(argv[i], "--help")) {
            printf("usage: rmqbench [VECTORS_DIR] [--quick]\nprints: name ns_per_op mb_per_s allocs_per_op\n");
            return 0;
        } else {
            dir = argv[i];
        }
    }
    printf("# rmqwire %s; name ns_per_op mb_per_s allocs_per_op\n", rmq_version_string());

    frame_workloads(dir, "frames/live498_s04_c2s_005.bin", "send_v2_json");
    frame_workloads(dir, "frames/enc_hdr_send_v2_rmq.bin", "send_v2_rocketmq");

    route_ctx rc;
    uint8_t *route_bytes = slurp(dir, "route/many_brokers_plain.bin", &rc.len);
    rc.bytes = route_bytes;
    size_t rbound = rmq_route_decode_bound(rc.len);
    void *rmem = malloc(rbound);
    rmq_arena_init_hooks(&rc.arena, rmem, rbound, &counting);
    frame_ctx copy = {.bytes = rc.bytes, .len = rc.len, .out = malloc(rc.len)};
    bench("memcpy_route_many_brokers_plain", w_memcpy, &copy, rc.len);
    bench("decode_route_many_brokers_plain", w_route, &rc, rc.len);
    free(copy.out);
    free(rmem);
    free(route_bytes);

    split_ctx sc;
    uint8_t *stream = slurp(dir, "streams/live498_s04_c2s.bin", &sc.len);
    sc.bytes = stream;
    sc.cap = 1u << 24;
    sc.buf = malloc(sc.cap);
    frame_ctx scopy = {.bytes = stream, .len = sc.len, .out = malloc(sc.len)};
    bench("memcpy_stream_s04_c2s", w_memcpy, &scopy, sc.len);
    static const size_t chunks[] = {1, 64, 65536};
    for (size_t i = 0; i < 3; i++) {
        sc.chunk = chunks[i];
        char name[64];
        snprintf(name, sizeof name, "split_stream_s04_c2s_chunk_%zu", chunks[i]);
        bench(name, w_split, &sc, sc.len);
    }
    free(scopy.out);
    free(sc.buf);
    free(stream);
    return 0;
}
