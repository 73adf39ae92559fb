/* Caller-owned memory: the arena, allocator hooks, and zero hook calls on every vector. */
#include "rmqwire.h"
#include "support/vcase.h"

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
    cr_assert_eq(rmq_route_decode(bin, len, NULL, &a, &r, &err), RMQ_OK, "%s", name);
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
 * The allocation sweep: for every arena capacity from 0 up to what a decode used with
 * room to spare, the decode either gives exactly the result it gave with room (the
 * same frame re-encoded byte for byte) or fails with RMQ_ERR_NO_MEMORY: running out
 * of memory part-way never yields a different command, another error, or a crash.
 * Both header readers are swept, each with the fast path and the general one
 * (the JSON fast path rewinds the arena when it declines).
 */
static size_t sweep_encode(const rmq_command *cmd, uint8_t *out, size_t cap)
{
    size_t written = 0;
    cr_assert_eq(rmq_frame_encode(cmd, out, cap, &written, NULL), RMQ_OK);
    return written;
}

static void sweep_frame(const char *name, const uint8_t *bin, size_t len)
{
    if (len > 8192) return; /* the sweep is quadratic in the arena use; large bodies add nothing */
    static uint8_t room[1 << 16], want[1 << 14], got[1 << 14];
    rmq_arena a;
    rmq_arena_init(&a, room, sizeof room);
    rmq_command cmd;
    rmq_error err;
    if (rmq_frame_decode(bin, len, NULL, &a, &cmd, &err) != RMQ_OK) return;
    size_t want_len = sweep_encode(&cmd, want, sizeof want);
    /* the final use can be below the peak (a declined fast path, trimmed lists): sweep past it */
    size_t top = 2 * rmq_arena_used(&a) + 64, bound = rmq_frame_decode_bound(len);
    if (top > bound) top = bound;
    uint8_t *tight = malloc(top + 1);
    bool succeeded = false;
    for (size_t cap = 0; cap <= top; cap++) {
        rmq_arena t;
        rmq_arena_init(&t, tight, cap);
        int rc = rmq_frame_decode(bin, len, NULL, &t, &cmd, &err);
        if (rc == RMQ_ERR_NO_MEMORY) {
            cr_assert_not(succeeded, "%s: arena %zu fails after a smaller one worked", name, cap);
            continue;
        }
        cr_assert_eq(rc, RMQ_OK, "%s, arena %zu: %s", name, cap, rmq_status_name(rc));
        succeeded = true;
        size_t got_len = sweep_encode(&cmd, got, sizeof got);
        cr_assert(got_len == want_len && memcmp(got, want, want_len) == 0, "%s, arena %zu: another command", name, cap);
    }
    cr_assert(succeeded, "%s: no capacity up to %zu was enough", name, top);
    free(tight);
}

Test(alloc, sweep_every_arena_capacity_for_every_frame_vector, .timeout = 600)
{
    each_vector("frames", sweep_frame);
}

static void sweep_route(const char *name, const uint8_t *bin, size_t len)
{
    static uint8_t room[1 << 20], want[1 << 16], got[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, room, sizeof room);
    rmq_route r;
    rmq_error err;
    if (rmq_route_decode(bin, len, NULL, &a, &r, &err) != RMQ_OK) return;
    size_t want_len, got_len, used = 2 * rmq_arena_used(&a) + 64, bound = rmq_route_decode_bound(len);
    if (used > bound) used = bound;
    bool succeeded = false;
    cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, want, sizeof want,
                                  &want_len, &err), RMQ_OK, "%s", name);
    uint8_t *tight = malloc(used + 1);
    /* big routes: every capacity near the edges, a stride in between */
    size_t stride = used > 4096 ? used / 1024 : 1;
    for (size_t cap = 0; cap <= used; cap += (cap < 256 || used - cap < 256) ? 1 : stride) {
        rmq_arena t;
        rmq_arena_init(&t, tight, cap);
        int rc = rmq_route_decode(bin, len, NULL, &t, &r, &err);
        if (rc == RMQ_ERR_NO_MEMORY) {
            cr_assert_not(succeeded, "%s: arena %zu fails after a smaller one worked", name, cap);
            continue;
        }
        cr_assert_eq(rc, RMQ_OK, "%s, arena %zu: %s", name, cap, rmq_status_name(rc));
        succeeded = true;
        cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, got, sizeof got,
                                      &got_len, &err), RMQ_OK);
        cr_assert(got_len == want_len && memcmp(got, want, want_len) == 0, "%s, arena %zu: another route", name, cap);
    }
    cr_assert(succeeded, "%s: no capacity up to %zu was enough", name, used);
    free(tight);
}

Test(alloc, sweep_every_arena_capacity_for_every_route_vector, .timeout = 600)
{
    each_vector("route", sweep_route);
}

static void sweep_properties(const char *name, const uint8_t *bin, size_t len)
{
    static uint8_t room[1 << 18];
    rmq_arena a;
    rmq_arena_init(&a, room, sizeof room);
    rmq_property *want, *got;
    size_t want_n, got_n;
    if (rmq_properties_parse((const char *)bin, len, &a, &want, &want_n, NULL) != RMQ_OK) return;
    size_t used = 2 * rmq_arena_used(&a) + 64;
    uint8_t *tight = malloc(used + 1);
    bool succeeded = false;
    for (size_t cap = 0; cap <= used; cap++) {
        rmq_arena t;
        rmq_arena_init(&t, tight, cap);
        int rc = rmq_properties_parse((const char *)bin, len, &t, &got, &got_n, NULL);
        if (rc == RMQ_ERR_NO_MEMORY) {
            cr_assert_not(succeeded, "%s: arena %zu fails after a smaller one worked", name, cap);
            continue;
        }
        cr_assert_eq(rc, RMQ_OK, "%s, arena %zu: %s", name, cap, rmq_status_name(rc));
        succeeded = true;
        cr_assert_eq(got_n, want_n, "%s, arena %zu", name, cap);
        for (size_t i = 0; i < got_n; i++)
            cr_assert(rmq_str_equal(got[i].name, want[i].name) && rmq_str_equal(got[i].value, want[i].value),
                      "%s, arena %zu, entry %zu", name, cap, i);
    }
    cr_assert(succeeded, "%s", name);
    free(tight);
}

Test(alloc, sweep_every_arena_capacity_for_every_properties_vector)
{
    each_vector("properties", sweep_properties);
}
