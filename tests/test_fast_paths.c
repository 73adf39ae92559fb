/*
 * The speed work's promises: the fastjson-shaped fast paths give exactly the general
 * readers' results, duplicate checks stay linearithmic on thousands of keys, and the
 * arena operations they rely on (marks, growing and trimming the last block) hold.
 */
#include "internal/arena.h"
#include "internal/ext_dups.h"
#include "internal/header_codec.h"
#include "internal/route_codec.h"
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANY 4000

static uint8_t arena_a[1 << 22], arena_b[1 << 22];

/* A frame whose ext map holds MANY distinct keys kNNNNN = "v" (key `dup_of` repeated last, if >= 0). */
static uint8_t *many_keys(rmq_serialize_type type, long dup_of, size_t *len)
{
    static char keys[MANY + 1][8];
    static rmq_ext_field f[MANY + 1];
    size_t n = MANY;
    for (size_t i = 0; i < MANY; i++) {
        snprintf(keys[i], sizeof keys[i], "k%05zu", i);
        f[i].key = rmq_str_from_cstr(keys[i]);
        f[i].value = rmq_str_from_cstr("v");
    }
    if (dup_of >= 0) {
        f[n].key = f[dup_of].key;
        f[n].value = rmq_str_from_cstr("w");
        n++;
    }
    rmq_command cmd;
    rmq_command_init(&cmd);
    cmd.code = 310;
    cmd.opaque = 9;
    cmd.serialize_type = type;
    cmd.has_ext = true;
    cmd.ext = f;
    cmd.ext_count = n;
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(&cmd, &size, NULL), RMQ_OK);
    uint8_t *out = malloc(size);
    cr_assert_eq(rmq_frame_encode(&cmd, out, size, len, NULL), RMQ_OK);
    return out;
}

static int decode(const uint8_t *frame, size_t len, uint32_t leniency, rmq_command *cmd, rmq_error *err)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.leniency = leniency;
    o.max_ext_fields = MANY + 1;
    rmq_arena a;
    rmq_arena_init(&a, arena_a, sizeof arena_a);
    return rmq_frame_decode(frame, len, &o, &a, cmd, err);
}

Test(fast_paths, four_thousand_distinct_keys_decode_in_both_encodings)
{
    rmq_serialize_type types[] = {RMQ_SERIALIZE_JSON, RMQ_SERIALIZE_ROCKETMQ};
    for (int t = 0; t < 2; t++) {
        size_t len;
        uint8_t *frame = many_keys(types[t], -1, &len);
        rmq_command cmd;
        rmq_error err;
        cr_assert_eq(decode(frame, len, RMQ_LENIENCY_STRICT, &cmd, &err), RMQ_OK, "type %d: %s", t, err.message);
        cr_assert_eq(cmd.ext_count, MANY);
        cr_assert_eq(cmd.notes & RMQ_NOTE_DUPLICATE_KEY, 0);
        cr_assert(rmq_str_equal_cstr(cmd.ext[3999].key, "k03999"));
        cr_assert_eq(rmq_ext_distinct_count(&cmd), MANY);
        free(frame);
    }
}

Test(fast_paths, a_duplicate_after_four_thousand_keys_is_found_at_its_offset)
{
    size_t len;
    uint8_t *frame = many_keys(RMQ_SERIALIZE_JSON, 1234, &len);
    rmq_command cmd;
    rmq_error err;
    cr_assert_eq(decode(frame, len, RMQ_LENIENCY_STRICT, &cmd, &err), RMQ_ERR_JSON_DUPLICATE_KEY);
    /* the repeated key is the last entry: "k01234":"w"} ends 1 + the rest of the header away */
    const char *at = (const char *)frame + err.offset;
    cr_assert(len - err.offset > 8 && memcmp(at, "\"k01234\"", 8) == 0, "offset %zu", err.offset);
    cr_assert_eq(decode(frame, len, RMQ_LENIENCY_JAVA_498, &cmd, &err), RMQ_OK);
    cr_assert(cmd.notes & RMQ_NOTE_DUPLICATE_KEY);
    cr_assert_eq(cmd.ext_count, MANY + 1);
    cr_assert_eq(rmq_ext_distinct_count(&cmd), MANY);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "k01234", 6, &v) && rmq_str_equal_cstr(v, "w"), "the last one wins");
    free(frame);
}

Test(fast_paths, first_duplicate_is_the_earliest_repeat_in_wire_order)
{
    /* past the pairwise limit, so the sort decides */
    enum { N = 100 };
    static char keys[N][8];
    rmq_ext_field f[N];
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "%c%02zu", 'a' + (int)(i % 3), i);
        f[i].key = rmq_str_from_cstr(keys[i]);
        f[i].value = RMQ_STR_NULL;
    }
    f[70].key = f[5].key;  /* repeats at 70 and 40: 40 comes first */
    f[40].key = f[90].key;
    rmq_arena a;
    rmq_arena_init(&a, arena_a, sizeof arena_a);
    size_t first;
    cr_assert_eq(rmq_ext_first_duplicate(f, N, &a, &first), RMQ_OK);
    cr_assert_eq(first, 70, "key 90 first appears at 40, so 90 is the repeat; key 5 repeats at 70");
    cr_assert_eq(rmq_arena_used(&a), 0, "the sort's scratch is given back");
    f[70].key = rmq_str_from_cstr("zz");
    cr_assert_eq(rmq_ext_first_duplicate(f, N, &a, &first), RMQ_OK);
    cr_assert_eq(first, 90);
    rmq_arena tiny;
    rmq_arena_init(&tiny, arena_a, 16);
    cr_assert_eq(rmq_ext_first_duplicate(f, N, &tiny, &first), RMQ_ERR_NO_MEMORY);
}

/* Decode with and without the fast path; the results must match field for field. */
static void both_paths(const uint8_t *frame, size_t len, const rmq_decode_options *o)
{
    rmq_limits fast, general;
    rmq_limits_resolve(&fast, o);
    general = fast;
    general.general_reader_only = true;
    rmq_arena a, b;
    rmq_arena_init(&a, arena_a, sizeof arena_a);
    rmq_arena_init(&b, arena_b, sizeof arena_b);
    rmq_command x, y;
    rmq_error ex = {0, 0, NULL, NULL}, ey = {0, 0, NULL, NULL};
    int rx = rmq_frame_decode_limits(frame, len, &fast, &a, &x, &ex);
    int ry = rmq_frame_decode_limits(frame, len, &general, &b, &y, &ey);
    cr_assert_eq(rx, ry);
    if (rx) {
        cr_assert_eq(ex.code, ey.code);
        cr_assert_eq(ex.offset, ey.offset);
        cr_assert_str_eq(ex.message, ey.message);
        return;
    }
    cr_assert(x.code == y.code && x.opaque == y.opaque && x.flag == y.flag && x.version == y.version &&
              x.language == y.language && x.notes == y.notes);
    cr_assert(rmq_str_equal(x.remark, y.remark));
    cr_assert_eq(x.ext_count, y.ext_count);
    for (size_t i = 0; i < x.ext_count; i++)
        cr_assert(rmq_str_equal(x.ext[i].key, y.ext[i].key) && rmq_str_equal(x.ext[i].value, y.ext[i].value));
}

static size_t json_frame(uint8_t *buf, const char *h)
{
    size_t hl = strlen(h), total = 4 + hl;
    buf[0] = (uint8_t)(total >> 24); buf[1] = (uint8_t)(total >> 16); buf[2] = (uint8_t)(total >> 8); buf[3] = (uint8_t)total;
    buf[4] = 0; buf[5] = (uint8_t)(hl >> 16); buf[6] = (uint8_t)(hl >> 8); buf[7] = (uint8_t)hl;
    memcpy(buf + 8, h, hl);
    return 8 + hl;
}

Test(fast_paths, json_fast_path_matches_the_general_reader_on_shapes_near_canonical)
{
    static const char *const headers[] = {
        "{\"code\":310,\"extFields\":{\"a\":\"g\",\"i\":\"K\\u0001v\\u0002T\\u0001x\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":5,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}",
        "{\"code\":310,\"extFields\":{\"a\":\"g\",\"a\":\"h\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":5,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}",
        "{\"code\":310, \"flag\":0,\"opaque\":5}",
        "{\"code\":0310,\"flag\":-0,\"opaque\":2147483647,\"version\":-2147483648}",
        "{\"code\":2147483648,\"opaque\":1}",
        "{\"opaque\":1,\"remark\":\"\\u00e9\\ud83d\\ude00\\x41\\7\"}",
        "{\"opaque\":1,\"remark\":\"caf\xc3\xa9\",\"language\":\"CPP\"}",
        "{\"opaque\":1,\"remark\":\"bad \xff\"}",
        "{\"opaque\":1,\"language\":\"java\"}",
        "{\"opaque\":1,\"extFields\":{}}",
        "{\"opaque\":1,\"extFields\":{\"k\":1}}",
        "{\"opaque\":1,\"extFields\":null}",
        "{\"opaque\":1}  ",
        "{\"opaque\":1,\"unknown\":[1,2]}",
        "{\"code\":1}",
        "{\"opaque\":1,\"remark\":\"\\e\"}",
        "{\"opaque\":1,\"extFields\":{\"k\\u0041\":\"1\",\"kA\":\"2\"}}",
    };
    uint8_t buf[1024];
    uint32_t leniencies[] = {RMQ_LENIENCY_JAVA_498, RMQ_LENIENCY_JAVA_533, RMQ_LENIENCY_ALL, RMQ_LENIENCY_STRICT};
    for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++) {
        size_t len = json_frame(buf, headers[h]);
        for (size_t l = 0; l < 4; l++) {
            rmq_decode_options o;
            rmq_decode_options_default(&o);
            o.leniency = leniencies[l];
            both_paths(buf, len, &o);
            o.max_string = 3; /* below a top-level key's length: the fast path must decline */
            both_paths(buf, len, &o);
        }
    }
}

Test(fast_paths, route_fast_path_matches_the_general_reader_past_the_stack_buffers)
{
    /* 40 brokers and queues: every list outgrows its stack buffer and moves to the arena */
    static char body[1 << 16];
    size_t n = 0;
    n += (size_t)snprintf(body + n, sizeof body - n, "{\"brokerDatas\":[");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "%s{\"brokerAddrs\":{0:\"10.0.0.%d:10911\",1:\"10.0.1.%d:10911\"},"
                              "\"brokerName\":\"b%d\",\"cluster\":\"C\"}", i ? "," : "", i, i, i);
    n += (size_t)snprintf(body + n, sizeof body - n, "],\"queueDatas\":[");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "%s{\"brokerName\":\"b%d\",\"perm\":6,\"readQueueNums\":%d,"
                              "\"topicSysFlag\":0,\"writeQueueNums\":4}", i ? "," : "", i, i);
    n += (size_t)snprintf(body + n, sizeof body - n, "]}");
    rmq_limits fast, general;
    rmq_limits_resolve(&fast, NULL);
    general = fast;
    general.general_reader_only = true;
    rmq_arena a, b;
    rmq_arena_init(&a, arena_a, sizeof arena_a);
    rmq_arena_init(&b, arena_b, sizeof arena_b);
    rmq_route x, y;
    cr_assert_eq(rmq_route_decode_limits((const uint8_t *)body, n, &fast, &a, &x, NULL), RMQ_OK);
    cr_assert_eq(rmq_route_decode_limits((const uint8_t *)body, n, &general, &b, &y, NULL), RMQ_OK);
    cr_assert_eq(x.broker_count, 40);
    cr_assert_eq(y.broker_count, 40);
    cr_assert_eq(x.queue_count, 40);
    for (size_t i = 0; i < 40; i++) {
        cr_assert(rmq_str_equal(x.broker_datas[i].broker_name, y.broker_datas[i].broker_name));
        cr_assert_eq(x.broker_datas[i].addr_count, 2);
        cr_assert(rmq_str_equal(x.broker_datas[i].addrs[1].addr, y.broker_datas[i].addrs[1].addr));
        cr_assert_eq(x.queue_datas[i].read_queue_nums, (int32_t)i);
        cr_assert_eq(y.queue_datas[i].read_queue_nums, (int32_t)i);
    }
    cr_assert(rmq_str_equal_cstr(x.broker_datas[39].broker_name, "b39"));
}

static size_t hook_allocs, hook_frees;
static void *count_alloc(void *ctx, size_t n) { (void)ctx; hook_allocs++; return malloc(n); }
static void count_free(void *ctx, void *p) { (void)ctx; hook_frees++; free(p); }

Test(fast_paths, arena_marks_extend_and_trim)
{
    static unsigned char buf[256];
    rmq_arena a;
    rmq_arena_init(&a, buf, sizeof buf);
    unsigned char *p = rmq_arena_alloc(&a, 32, 8);
    cr_assert(p);
    cr_assert(rmq_arena_extend(&a, p, 32, 64), "the last block grows in place");
    cr_assert_eq(rmq_arena_used(&a), 64);
    cr_assert(!rmq_arena_extend(&a, p, 32, 64), "a wrong old size is not the block's end");
    cr_assert(!rmq_arena_extend(&a, p, 64, 4096), "no room");
    rmq_arena_mark m = rmq_arena_get_mark(&a);
    unsigned char *q = rmq_arena_alloc(&a, 16, 1);
    cr_assert(q == p + 64);
    cr_assert(!rmq_arena_extend(&a, p, 64, 80), "p is no longer last");
    rmq_arena_rewind(&a, &m);
    cr_assert_eq(rmq_arena_used(&a), 64);
    rmq_arena_trim(&a, p, 64, 40);
    cr_assert_eq(rmq_arena_used(&a), 40);
    cr_assert(rmq_arena_alloc(&a, 8, 8) == p + 40, "trimmed bytes are handed out again");

    /* chunks grown after a mark go back to the hooks on rewind */
    const rmq_allocator hooks = {count_alloc, count_free, NULL};
    rmq_arena g;
    rmq_arena_init_hooks(&g, buf, 64, &hooks);
    cr_assert(rmq_arena_alloc(&g, 48, 8));
    rmq_arena_mark gm = rmq_arena_get_mark(&g);
    cr_assert(rmq_arena_alloc(&g, 1000, 8));
    cr_assert(rmq_arena_alloc(&g, 10000, 8));
    cr_assert_eq(hook_allocs, 2);
    rmq_arena_rewind(&g, &gm);
    cr_assert_eq(hook_frees, 2);
    cr_assert_eq(rmq_arena_used(&g), 48);
    rmq_arena_reset(&g);
}
