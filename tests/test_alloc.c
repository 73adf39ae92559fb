/* Caller-owned memory: the arena, allocator hooks, and zero hook calls on every vector. */
#include "rmqwire.h"
#include "support/vcase.h"

#include "internal/header_codec.h"
#include "internal/limits.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct counting {
    size_t allocs, frees, live_bytes;
    size_t fail_after; /* 0 = never fail */
} counting;

static void *count_alloc(void *ctx, size_t size)
{
    counting *c = ctx;
    if (c->fail_after && c->allocs + 1 >= c->fail_after) return NULL;
    c->allocs++;
    return malloc(size);
}

static void count_free(void *ctx, void *p)
{
    counting *c = ctx;
    c->frees++;
    free(p);
}

Test(alloc, arena_aligns_and_stays_inside_the_buffer)
{
    _Alignas(16) uint8_t buf[64];
    rmq_arena a;
    rmq_arena_init(&a, buf, sizeof buf);
    uint8_t *p1 = rmq_arena_alloc(&a, 3, 1);
    uint8_t *p2 = rmq_arena_alloc(&a, 8, 8);
    cr_assert_eq(p1, buf);
    cr_assert_eq((uintptr_t)p2 % 8, 0);
    cr_assert_eq(rmq_arena_used(&a), 16);
    cr_assert_null(rmq_arena_alloc(&a, 100, 1), "no hooks: exhausted is NULL");
    cr_assert_null(rmq_arena_alloc(&a, 1, 3), "alignment must be a power of two");
    rmq_arena_reset(&a);
    cr_assert_eq(rmq_arena_used(&a), 0);
    cr_assert_eq(rmq_arena_alloc(&a, 1, 1), buf);
}

Test(alloc, arena_grows_through_hooks_and_gives_everything_back)
{
    counting c = {0};
    rmq_allocator hooks = {count_alloc, count_free, &c};
    uint8_t buf[16];
    rmq_arena a;
    rmq_arena_init_hooks(&a, buf, sizeof buf, &hooks);
    cr_assert_not_null(rmq_arena_alloc(&a, 8, 1));
    cr_assert_eq(c.allocs, 0, "the caller buffer is used first");
    for (int i = 0; i < 100; i++) cr_assert_not_null(rmq_arena_alloc(&a, 1000, 8));
    cr_assert_gt(c.allocs, 0);
    cr_assert_lt(c.allocs, 30, "chunks grow geometrically");
    rmq_arena_reset(&a);
    cr_assert_eq(c.frees, c.allocs);
    c.fail_after = c.allocs + 1;
    cr_assert_null(rmq_arena_alloc(&a, 100, 1), "a failing hook is a NULL, not a crash");
}

/* Decode and encode one frame; returns the hook calls it took. */
static size_t decode_encode(const uint8_t *bin, size_t len, void *buf, size_t cap, counting *c, int *rc)
{
    rmq_allocator hooks = {count_alloc, count_free, c};
    rmq_arena a;
    rmq_arena_init_hooks(&a, buf, cap, &hooks);
    rmq_command cmd;
    rmq_error err;
    size_t before = c->allocs;
    *rc = rmq_frame_decode(bin, len, NULL, &a, &cmd, &err);
    if (*rc == RMQ_OK) {
        static uint8_t out[1 << 21];
        size_t size, written;
        cr_assert_eq(rmq_frame_encoded_size(&cmd, &size, &err), RMQ_OK);
        cr_assert_leq(size, sizeof out);
        cr_assert_eq(rmq_frame_encode(&cmd, out, size, &written, &err), RMQ_OK);
        cr_assert_leq(rmq_arena_used(&a), rmq_frame_decode_bound(len), "the documented bound holds");
    }
    size_t calls = c->allocs - before;
    rmq_arena_reset(&a);
    return calls;
}

static void each_vector(const char *group, void (*fn)(const char *name, const uint8_t *bin, size_t len))
{
    size_t n;
    char **names = list_cases(RMQ_VECTORS_DIR, group, ".bin", &n);
    cr_assert_gt(n, 0, "vectors/%s present", group);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/%s.bin", RMQ_VECTORS_DIR, group, names[i]);
        size_t len;
        uint8_t *bin = read_file_bytes(path, &len);
        cr_assert_not_null(bin);
        fn(names[i], bin, len);
        free(bin);
    }
    free_cases(names, n);
}

static void zero_calls_with_enough_memory(const char *name, const uint8_t *bin, size_t len)
{
    counting c = {0};
    size_t cap = rmq_frame_decode_bound(len);
    void *buf = malloc(cap);
    int rc;
    cr_assert_eq(decode_encode(bin, len, buf, cap, &c, &rc), 0, "%s made hook calls", name);
    cr_assert_eq(rc, RMQ_OK, "%s", name);
    cr_assert_eq(c.allocs, c.frees);
    free(buf);
}

Test(alloc, every_frame_vector_decodes_and_encodes_with_zero_hook_calls)
{
    each_vector("frames", zero_calls_with_enough_memory);
}

static void hooks_only_then_all_returned(const char *name, const uint8_t *bin, size_t len)
{
    counting c = {0};
    int rc;
    decode_encode(bin, len, NULL, 0, &c, &rc);
    cr_assert_eq(rc, RMQ_OK, "%s through hooks alone", name);
    cr_assert_eq(c.allocs, c.frees, "%s: every chunk returned", name);
}

Test(alloc, every_frame_vector_decodes_through_hooks_alone)
{
    each_vector("frames", hooks_only_then_all_returned);
}

static void too_little_memory_is_a_clean_error(const char *name, const uint8_t *bin, size_t len)
{
    rmq_command cmd;
    rmq_error err;
    rmq_arena a;
    uint8_t small[4];
    rmq_arena_init(&a, small, sizeof small);
    int rc = rmq_frame_decode(bin, len, NULL, &a, &cmd, &err);
    if (rc != RMQ_OK) {
        cr_assert_eq(rc, RMQ_ERR_NO_MEMORY, "%s: %s", name, rmq_status_name(rc));
        cr_assert_not_null(err.message);
    } else {
        cr_assert_leq(rmq_arena_used(&a), sizeof small, "%s", name);
    }
    /* a hook that always fails behaves the same */
    counting c = {.fail_after = 1};
    rmq_allocator hooks = {count_alloc, count_free, &c};
    rmq_arena_init_hooks(&a, NULL, 0, &hooks);
    rc = rmq_frame_decode(bin, len, NULL, &a, &cmd, &err);
    cr_assert(rc == RMQ_OK || rc == RMQ_ERR_NO_MEMORY, "%s", name);
    rmq_arena_reset(&a);
}

Test(alloc, every_frame_vector_fails_cleanly_without_memory)
{
    each_vector("frames", too_little_memory_is_a_clean_error);
}

static void invalid_inputs_never_call_hooks_beyond_the_bound(const char *name, const uint8_t *bin, size_t len)
{
    counting c = {0};
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.leniency = RMQ_LENIENCY_ALL;
    size_t cap = rmq_frame_decode_bound(len);
    void *buf = malloc(cap ? cap : 1);
    rmq_allocator hooks = {count_alloc, count_free, &c};
    rmq_arena a;
    rmq_arena_init_hooks(&a, buf, cap, &hooks);
    rmq_command cmd;
    rmq_error err;
    /* the invalid/ inputs are whole connections' bytes: decode what follows the prefix */
    if (len >= 4) rmq_frame_decode_unprefixed(bin + 4, len - 4, &o, &a, &cmd, &err);
    cr_assert_eq(c.allocs, 0, "%s", name);
    free(buf);
}

Test(alloc, invalid_vectors_stay_within_the_bound)
{
    each_vector("invalid", invalid_inputs_never_call_hooks_beyond_the_bound);
}

/* Message layer on every vector: typed headers, properties, inflate, batch and stored
 * records, all through an arena over a caller buffer that has hooks attached. */
static counting msg_count;

static void message_paths_make_no_hook_calls(const char *name, const uint8_t *bin, size_t len)
{
    static uint8_t buf[RMQ_ZLIB_DEFLATE_SCRATCH + (1 << 20)];
    static uint8_t inflated[8 << 20];
    rmq_allocator hooks = {count_alloc, count_free, &msg_count};
    rmq_arena a;
    rmq_arena_init_hooks(&a, buf, sizeof buf, &hooks);
    rmq_command cmd;
    rmq_error err;
    cr_assert_eq(rmq_frame_decode(bin, len, NULL, &a, &cmd, &err), RMQ_OK, "%s", name);
    rmq_send_request h;
    if (rmq_send_variant_for_code(cmd.code) != RMQ_SEND_NOT_A_SEND && !rmq_command_is_response(&cmd) &&
        rmq_send_request_decode(&cmd, &h, NULL, &err) == RMQ_OK) {
        rmq_property *props;
        size_t n;
        cr_assert_eq(rmq_properties_parse(h.properties.ptr, h.properties.len, &a, &props, &n, &err), RMQ_OK);
        rmq_ext_field *ext;
        cr_assert_eq(rmq_send_request_to_ext(&h, RMQ_SEND_V1, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_JAVA_MAP, &a, &ext, &n, &err), RMQ_OK);
        if (rmq_sysflag_compressed(h.sys_flag)) {
            size_t got;
            cr_assert_eq(rmq_zlib_inflate(cmd.body, cmd.body_len, &a, inflated, sizeof inflated, &got, &err), RMQ_OK, "%s", name);
        }
        if (h.batch) {
            rmq_batch_iter it;
            rmq_batch_record r;
            rmq_batch_iter_init(&it, cmd.body, cmd.body_len, RMQ_LENIENCY_JAVA_498);
            while (rmq_batch_next(&it, &r, &err) == RMQ_OK)
                cr_assert_eq(rmq_properties_parse(r.properties.ptr, r.properties.len, &a, &props, &n, &err), RMQ_OK);
        }
    }
    if (rmq_command_is_response(&cmd) && cmd.code == 0 && cmd.body) {
        rmq_stored_iter it;
        rmq_stored_message m;
        rmq_stored_iter_init(&it, cmd.body, cmd.body_len, RMQ_RELEASE_4_9_8, RMQ_LENIENCY_JAVA_498);
        while (rmq_stored_next(&it, &m, &err) == RMQ_OK) {
            rmq_property *props;
            size_t n;
            cr_assert_eq(rmq_properties_parse(m.properties.ptr, m.properties.len, &a, &props, &n, &err), RMQ_OK);
        }
    }
    rmq_arena_reset(&a);
    cr_assert_eq(msg_count.allocs, 0, "%s made hook calls", name);
}

Test(alloc, message_layer_on_every_frame_makes_zero_hook_calls)
{
    each_vector("frames", message_paths_make_no_hook_calls);
}

Test(alloc, zlib_state_comes_from_hooks_when_the_buffer_is_too_small)
{
    counting c = {0};
    rmq_allocator hooks = {count_alloc, count_free, &c};
    rmq_arena a;
    rmq_arena_init_hooks(&a, NULL, 0, &hooks);
    uint8_t out[128];
    size_t w;
    cr_assert_eq(rmq_zlib_compress((const uint8_t *)"abcabcabc", 9, 5, &a, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_gt(c.allocs, 0);
    rmq_arena_reset(&a);
    cr_assert_eq(c.allocs, c.frees);
}

static void route_within_bound_and_no_hook_calls(const char *name, const uint8_t *bin, size_t len)
{
    counting c = {0};
    rmq_allocator hooks = {count_alloc, count_free, &c};
    size_t cap = rmq_route_decode_bound(len);
    void *buf = malloc(cap);
    rmq_arena a;
    rmq_arena_init_hooks(&a, buf, cap, &hooks);
    rmq_route r;
    rmq_error err;
    int decoded = rmq_route_decode(bin, len, NULL, &a, &r, &err);
    /* a Java differential case may be one Java refuses (the golden runner checks that) */
    if (decoded != RMQ_OK && !strncmp(name, "diff_", 5)) {
        cr_assert_eq(c.allocs, 0, "%s", name);
        free(buf);
        return;
    }
    cr_assert_eq(decoded, RMQ_OK, "%s", name);
    cr_assert_leq(rmq_arena_used(&a), cap);
    rmq_publish_info info;
    rmq_route_publish_info(&r, rmq_str_from_cstr("T"), &a, &info, &err);
    cr_assert_eq(c.allocs, 0, "%s", name);
    /* without memory: a clean error, or success for routes that need none */
    uint8_t tiny[8];
    rmq_arena t;
    rmq_arena_init(&t, tiny, sizeof tiny);
    int rc = rmq_route_decode(bin, len, NULL, &t, &r, &err);
    cr_assert(rc == RMQ_OK || rc == RMQ_ERR_NO_MEMORY, "%s: %s", name, rmq_status_name(rc));
    rmq_arena_reset(&a);
    free(buf);
}

Test(alloc, every_route_vector_decodes_within_the_bound_with_zero_hook_calls)
{
    each_vector("route", route_within_bound_and_no_hook_calls);
}

/*
 * The allocation sweep: for every arena capacity from 0 up to well past what a decode
 * used, the decode either gives exactly the result it gave with room (rendered to bytes:
 * the frame or route re-encoded, the property list written out) or fails with
 * RMQ_ERR_NO_MEMORY, and more memory never turns a success into a failure. Running out
 * part-way never yields another result, another error, or a crash. Frames are swept with
 * the fast paths on and with the general reader alone (the JSON fast path rewinds the
 * arena when it declines, so both orders of use are covered).
 */
typedef struct sweep_input {
    const uint8_t *bin;
    size_t len;
    bool general_only;
} sweep_input;

/* Decode `in` from arena a and render the result into out; returns the decode's status. */
typedef int (*sweep_run)(const sweep_input *in, rmq_arena *a, uint8_t *out, size_t cap, size_t *out_len);

static void sweep(const char *name, const sweep_input *in, sweep_run run, size_t bound, size_t stride)
{
    static uint8_t room[1 << 20], want[1 << 16], got[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, room, sizeof room);
    size_t want_len, got_len;
    if (run(in, &a, want, sizeof want, &want_len) != RMQ_OK) return;
    /* the final use can be below the peak (a declined fast path, trimmed lists): sweep past it */
    size_t top = 2 * rmq_arena_used(&a) + 64;
    if (top < 4096) top = 4096; /* text made of a nested container takes its room only for a while */
    if (top > bound) top = bound;
    uint8_t *tight = malloc(top + 1);
    bool succeeded = false;
    for (size_t cap = 0; cap <= top; cap += (cap < 256 || top - cap < 256) ? 1 : stride) {
        rmq_arena t;
        rmq_arena_init(&t, tight, cap);
        int rc = run(in, &t, got, sizeof got, &got_len);
        if (rc == RMQ_ERR_NO_MEMORY) {
            cr_assert_not(succeeded, "%s: arena %zu fails after a smaller one worked", name, cap);
            continue;
        }
        cr_assert_eq(rc, RMQ_OK, "%s, arena %zu: %s", name, cap, rmq_status_name(rc));
        succeeded = true;
        cr_assert(got_len == want_len && memcmp(got, want, want_len) == 0, "%s, arena %zu: another result", name, cap);
    }
    cr_assert(succeeded, "%s: no capacity up to %zu was enough", name, top);
    free(tight);
}

static int run_frame(const sweep_input *in, rmq_arena *a, uint8_t *out, size_t cap, size_t *out_len)
{
    rmq_limits lim;
    rmq_limits_resolve(&lim, NULL);
    lim.general_reader_only = in->general_only;
    rmq_command cmd;
    int rc = rmq_frame_decode_limits(in->bin, in->len, &lim, a, &cmd, NULL);
    if (rc == RMQ_OK) cr_assert_eq(rmq_frame_encode(&cmd, out, cap, out_len, NULL), RMQ_OK);
    return rc;
}

static void sweep_frame(const char *name, const uint8_t *bin, size_t len)
{
    if (len > 8192) return; /* the sweep is quadratic in the arena use; large bodies add nothing */
    for (int general = 0; general < 2; general++) {
        sweep_input in = {bin, len, general == 1};
        sweep(name, &in, run_frame, rmq_frame_decode_bound(len), 1);
    }
}

Test(alloc, sweep_every_arena_capacity_for_every_frame_vector, .timeout = 600)
{
    each_vector("frames", sweep_frame);
}

static int run_route(const sweep_input *in, rmq_arena *a, uint8_t *out, size_t cap, size_t *out_len)
{
    rmq_route r;
    int rc = rmq_route_decode(in->bin, in->len, NULL, a, &r, NULL);
    if (rc == RMQ_OK)
        cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, out, cap,
                                      out_len, NULL), RMQ_OK);
    return rc;
}

static void sweep_route(const char *name, const uint8_t *bin, size_t len)
{
    sweep_input in = {bin, len, false};
    size_t bound = rmq_route_decode_bound(len);
    /* big routes: every capacity near the edges, a stride in between */
    sweep(name, &in, run_route, bound, bound > 8192 ? bound / 2048 : 1);
}

Test(alloc, sweep_every_arena_capacity_for_every_route_vector, .timeout = 600)
{
    each_vector("route", sweep_route);
}

/* Writes each entry as name, value with a null marker, so a null and "" differ. */
static void render_str(rmq_str v, uint8_t *out, size_t cap, size_t *n)
{
    cr_assert_lt(*n + 1 + v.len, cap);
    out[(*n)++] = v.ptr ? 'S' : 'N';
    if (v.len) memcpy(out + *n, v.ptr, v.len);
    *n += v.len;
    out[(*n)++] = 0;
}

static int run_properties(const sweep_input *in, rmq_arena *a, uint8_t *out, size_t cap, size_t *out_len)
{
    rmq_property *props;
    size_t count;
    int rc = rmq_properties_parse((const char *)in->bin, in->len, a, &props, &count, NULL);
    *out_len = 0;
    for (size_t i = 0; rc == RMQ_OK && i < count; i++) {
        render_str(props[i].name, out, cap, out_len);
        render_str(props[i].value, out, cap, out_len);
    }
    return rc;
}

static void sweep_properties(const char *name, const uint8_t *bin, size_t len)
{
    sweep_input in = {bin, len, false};
    sweep(name, &in, run_properties, SIZE_MAX, 1);
}

Test(alloc, sweep_every_arena_capacity_for_every_properties_vector)
{
    each_vector("properties", sweep_properties);
}
