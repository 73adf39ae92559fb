/* Whole frames (prefix included): every leniency preset, the encode fixed point, and
 * decoding under memory pressure (a short arena, hooks that fail at a chosen call). */
#include "frame_oracle.h"

typedef struct failing_hooks {
    size_t calls, fail_at;
} failing_hooks;

static void *fail_alloc(void *ctx, size_t n)
{
    failing_hooks *h = ctx;
    if (++h->calls == h->fail_at) return NULL;
    return malloc(n);
}

static void fail_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static bool same_command(const rmq_command *a, const rmq_command *b)
{
    if (a->code != b->code || a->opaque != b->opaque || a->flag != b->flag || a->version != b->version ||
        a->language != b->language || a->has_ext != b->has_ext || a->ext_count != b->ext_count ||
        a->body_len != b->body_len || !rmq_str_equal(a->remark, b->remark))
        return false;
    for (size_t i = 0; i < a->ext_count; i++)
        if (!rmq_str_equal(a->ext[i].key, b->ext[i].key) || !rmq_str_equal(a->ext[i].value, b->ext[i].value))
            return false;
    return true;
}

/* With less memory a decode may only fail with RMQ_ERR_NO_MEMORY, or give the same command. */
static void memory_pressure(const uint8_t *data, size_t size)
{
    size_t bound = rmq_frame_decode_bound(size);
    uint8_t *full_mem = malloc(bound ? bound : 1);
    rmq_arena full;
    rmq_arena_init(&full, full_mem, bound);
    rmq_command ref, c;
    rmq_error err;
    int ref_rc = rmq_frame_decode(data, size, NULL, &full, &ref, &err);
    uint32_t h = fuzz_hash(data, size);

    size_t small = bound ? h % bound : 0;
    uint8_t *small_mem = malloc(small ? small : 1);
    rmq_arena a;
    rmq_arena_init(&a, small_mem, small);
    int rc = rmq_frame_decode(data, size, NULL, &a, &c, &err);
    if (rc != ref_rc) FUZZ_ASSERT(rc == RMQ_ERR_NO_MEMORY, "a short arena changed the outcome");
    else if (rc == RMQ_OK) FUZZ_ASSERT(same_command(&ref, &c), "a short arena changed the command");

    /* a tiny buffer growing through hooks; one of the first growth calls fails */
    failing_hooks fh = {0, 1 + (h >> 8) % 4};
    rmq_allocator hooks = {fail_alloc, fail_free, &fh};
    uint8_t tiny[32];
    rmq_arena g;
    rmq_arena_init_hooks(&g, tiny, sizeof tiny, &hooks);
    rc = rmq_frame_decode(data, size, NULL, &g, &c, &err);
    if (rc != ref_rc) FUZZ_ASSERT(rc == RMQ_ERR_NO_MEMORY, "failing hooks changed the outcome");
    else if (rc == RMQ_OK) FUZZ_ASSERT(same_command(&ref, &c), "grown arena changed the command");
    rmq_arena_reset(&g); /* returns every chunk to the hooks: LeakSanitizer checks it */
    free(small_mem);
    free(full_mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_frame_oracle(data, size);
    memory_pressure(data, size);
    if (size >= 4) { /* the unprefixed entry point on the same bytes */
        size_t bound = rmq_frame_decode_bound(size);
        void *mem = malloc(bound);
        rmq_arena a;
        rmq_arena_init(&a, mem, bound);
        rmq_command c;
        rmq_error err;
        int rc = rmq_frame_decode_unprefixed(data + 4, size - 4, NULL, &a, &c, &err);
        if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
        free(mem);
    }
    return 0;
}
