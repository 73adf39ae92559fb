/* Every documented limit is enforced with its own error, and every status has a name and a message. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static uint8_t frame[1 << 16];
static uint8_t arena_mem[1 << 20];

/* A JSON frame around header text `h` (prefix included); returns its length. */
static size_t json_frame(const char *h)
{
    size_t hl = strlen(h), total = 4 + hl;
    frame[0] = (uint8_t)(total >> 24); frame[1] = (uint8_t)(total >> 16); frame[2] = (uint8_t)(total >> 8); frame[3] = (uint8_t)total;
    frame[4] = 0; frame[5] = (uint8_t)(hl >> 16); frame[6] = (uint8_t)(hl >> 8); frame[7] = (uint8_t)hl;
    memcpy(frame + 8, h, hl);
    return 8 + hl;
}

static int decode(size_t len, const rmq_decode_options *o, rmq_error *err)
{
    rmq_arena a;
    rmq_arena_init(&a, arena_mem, sizeof arena_mem);
    rmq_command c;
    return rmq_frame_decode(frame, len, o, &a, &c, err);
}

Test(limits, every_status_has_a_name_and_a_distinct_message)
{
    int seen = 0;
    for (int code = -100; code <= RMQ_DONE; code++) {
        const char *name = rmq_status_name(code);
        if (!name) continue;
        seen++;
        cr_expect(strncmp(name, "RMQ_", 4) == 0, "%d: %s", code, name);
        const char *msg = rmq_strerror(code);
        cr_expect(msg && *msg, "%s has no message", name);
        for (int other = code + 1; other <= RMQ_DONE; other++)
            if (rmq_status_name(other)) cr_expect_str_neq(msg, rmq_strerror(other), "%s and %s share a message", name, rmq_status_name(other));
    }
    cr_expect_geq(seen, 45);
    cr_expect(rmq_strerror(-99) != NULL, "unknown codes still get a message");
    cr_expect_null(rmq_status_name(-99));
}

Test(limits, invalid_options_are_refused_not_ignored)
{
    size_t len = json_frame("{\"code\":1,\"opaque\":2}");
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    rmq_error err;
    o.leniency = RMQ_LENIENCY_ALL + 1; /* the lowest bit outside the set */
    cr_assert_eq(decode(len, &o, &err), RMQ_ERR_INVALID_ARGUMENT, "an unknown leniency bit");
    rmq_decode_options_default(&o);
    o.release = (rmq_release)77;
    cr_assert_eq(decode(len, &o, &err), RMQ_ERR_INVALID_ARGUMENT, "an unknown release");
    rmq_arena a;
    rmq_arena_init(&a, arena_mem, sizeof arena_mem);
    rmq_route r;
    cr_assert_eq(rmq_route_decode((const uint8_t *)"{}", 2, &o, &a, &r, &err), RMQ_ERR_INVALID_ARGUMENT);
    o.release = (rmq_release)0;
    cr_assert_eq(decode(len, &o, &err), RMQ_OK, "release 0 is the default, as for the limits");
}

Test(limits, header_above_max_header_is_rejected_at_the_header)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_header = 16;
    rmq_error err;
    cr_assert_eq(decode(json_frame("{\"code\":1,\"opaque\":2}"), &o, &err), RMQ_ERR_HEADER_TOO_LONG);
    cr_expect_eq(err.offset, 4, "offset of the header word, got %zu", err.offset);
    o.max_header = 64;
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2}"), &o, &err), RMQ_OK);
}

Test(limits, string_above_max_string_is_rejected_in_both_encodings)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_string = 6; /* keys count too: "opaque" and "remark" are 6 */
    rmq_error err;
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"remark\":\"1234567\"}"), &o, &err), RMQ_ERR_STRING_TOO_LONG);
    cr_expect_eq(err.offset, 38, "offset of the remark string, got %zu", err.offset);
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"remark\":\"123456\"}"), &o, &err), RMQ_OK);
    o.max_string = 4;

    /* ROCKETMQ: remark of 5 bytes */
    static const uint8_t rmq[] = {0, 0, 0, 30, 1, 0, 0, 26, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0,
                                  0, 0, 0, 5, '1', '2', '3', '4', '5', 0, 0, 0, 0};
    memcpy(frame, rmq, sizeof rmq);
    cr_expect_eq(decode(sizeof rmq, &o, &err), RMQ_ERR_STRING_TOO_LONG);
    cr_expect_eq(err.offset, 25, "offset of the remark, got %zu", err.offset);
    o.max_string = 5;
    cr_expect_eq(decode(sizeof rmq, &o, &err), RMQ_OK);
}

Test(limits, ext_fields_above_the_maximum_are_rejected)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_ext_fields = 2;
    rmq_error err;
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"extFields\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}"), &o, &err),
                 RMQ_ERR_TOO_MANY_FIELDS);
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"extFields\":{\"a\":\"1\",\"b\":\"2\"}}"), &o, &err), RMQ_OK);
}

Test(limits, json_nesting_above_the_maximum_is_rejected)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_json_depth = 3;
    rmq_error err;
    /* an unknown member holding nested arrays is skipped, up to the depth limit */
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"x\":[[[[1]]]]}"), &o, &err), RMQ_ERR_JSON_DEPTH);
    cr_expect_eq(decode(json_frame("{\"code\":1,\"opaque\":2,\"x\":[[1]]}"), &o, &err), RMQ_OK);
    char deep[8192];
    size_t n = (size_t)snprintf(deep, sizeof deep, "{\"code\":1,\"opaque\":2,\"x\":");
    for (int i = 0; i < 3000; i++) deep[n++] = '[';
    deep[n] = 0;
    cr_expect_eq(decode(json_frame(deep), NULL, &err), RMQ_ERR_JSON_DEPTH, "default depth bounds the recursion");
}

Test(limits, json_depth_option_is_clamped_so_deep_input_cannot_exhaust_the_stack)
{
    /* 2 000 000 '[' under the largest depth option: a recursion per level would overflow the stack */
    enum { DEEP = 2000000 };
    static char h[DEEP + 64];
    int n = snprintf(h, sizeof h, "{\"opaque\":1,\"x\":");
    memset(h + n, '[', DEEP);
    h[n + DEEP] = 0;
    static uint8_t big[DEEP + 128];
    size_t hl = strlen(h), total = 4 + hl;
    big[0] = (uint8_t)(total >> 24); big[1] = (uint8_t)(total >> 16); big[2] = (uint8_t)(total >> 8); big[3] = (uint8_t)total;
    big[4] = 0; big[5] = (uint8_t)(hl >> 16); big[6] = (uint8_t)(hl >> 8); big[7] = (uint8_t)hl;
    memcpy(big + 8, h, hl);
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_json_depth = 0xFFFFFFFFu;
    rmq_arena a;
    rmq_arena_init(&a, arena_mem, sizeof arena_mem);
    rmq_command c;
    rmq_error err;
    cr_assert_eq(rmq_frame_decode(big, 8 + hl, &o, &a, &c, &err), RMQ_ERR_JSON_DEPTH);
    cr_assert_eq(err.offset, 8 + (size_t)n + RMQ_MAX_JSON_DEPTH - 1, "the level past the clamp: %zu", err.offset);
}

Test(limits, frame_above_max_frame_is_rejected_by_decoder_and_splitter)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    size_t len = json_frame("{\"code\":1,\"opaque\":2}");
    o.max_frame = (uint32_t)len - 1;
    rmq_error err;
    cr_expect_eq(decode(len, &o, &err), RMQ_ERR_FRAME_TOO_LONG);
    o.max_frame = (uint32_t)len;
    cr_expect_eq(decode(len, &o, &err), RMQ_OK);

    uint8_t buf[64];
    rmq_splitter sp;
    rmq_splitter_init(&sp, buf, sizeof buf, (uint32_t)len - 1, NULL);
    rmq_split_result r;
    cr_expect_eq(rmq_splitter_feed(&sp, frame, len, &r, &err), RMQ_ERR_FRAME_TOO_LONG);
    cr_expect_eq(rmq_splitter_feed(&sp, frame, len, &r, &err), RMQ_ERR_SPLITTER_FAILED, "a failed splitter stays failed");
}

Test(limits, route_lists_and_depth_are_bounded)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_list = 2;
    static const char body[] = "{\"queueDatas\":[{\"brokerName\":\"a\"},{\"brokerName\":\"b\"},{\"brokerName\":\"c\"}]}";
    rmq_arena a;
    rmq_arena_init(&a, arena_mem, sizeof arena_mem);
    rmq_route r;
    rmq_error err;
    cr_expect_eq(rmq_route_decode((const uint8_t *)body, sizeof body - 1, &o, &a, &r, &err), RMQ_ERR_TOO_MANY_FIELDS);
    cr_expect_gt(err.offset, 0);
    o.max_list = 3;
    rmq_arena_reset(&a);
    cr_expect_eq(rmq_route_decode((const uint8_t *)body, sizeof body - 1, &o, &a, &r, &err), RMQ_OK);
    cr_expect_eq(r.queue_count, 3);

    o.max_json_depth = 2;
    static const char nested[] = "{\"unknown\":{\"x\":{\"y\":{\"z\":1}}}}";
    rmq_arena_reset(&a);
    cr_expect_eq(rmq_route_decode((const uint8_t *)nested, sizeof nested - 1, &o, &a, &r, &err), RMQ_ERR_JSON_DEPTH);
}

Test(limits, inflate_stops_at_the_callers_maximum_and_deflate_rejects_bad_levels)
{
    static uint8_t zs[RMQ_ZLIB_DEFLATE_SCRATCH], plain[8192], packed[8192], out[8192];
    memset(plain, 'a', sizeof plain);
    rmq_arena z;
    rmq_arena_init(&z, zs, sizeof zs);
    size_t n, got;
    rmq_error err;
    cr_assert_eq(rmq_zlib_compress(plain, sizeof plain, 5, &z, packed, sizeof packed, &n, &err), RMQ_OK);
    cr_expect_lt(n, 100, "8 KiB of one byte packs small: a high expansion ratio");
    rmq_arena_init(&z, zs, RMQ_ZLIB_INFLATE_SCRATCH);
    cr_expect_eq(rmq_zlib_inflate(packed, n, &z, out, 4096, &got, &err), RMQ_ERR_INFLATE_LIMIT);
    cr_expect_leq(got, 4096);
    rmq_arena_init(&z, zs, RMQ_ZLIB_INFLATE_SCRATCH);
    cr_expect_eq(rmq_zlib_inflate(packed, n, &z, out, sizeof out, &got, &err), RMQ_OK);
    cr_expect_eq(got, sizeof plain);
    rmq_arena_init(&z, zs, sizeof zs);
    cr_expect_eq(rmq_zlib_compress(plain, 16, 42, &z, packed, sizeof packed, &n, &err), RMQ_ERR_DEFLATE);
    cr_expect_eq(err.code, RMQ_ERR_DEFLATE);
}

Test(limits, decode_bound_is_enough_and_one_byte_less_fails_cleanly)
{
    size_t len = json_frame("{\"code\":1,\"opaque\":2,\"remark\":\"\\u00e9t\\u00e9\",\"extFields\":{\"k\\u0001\":\"v\"}}");
    size_t bound = rmq_frame_decode_bound(len);
    rmq_arena a;
    rmq_command c;
    rmq_error err;
    rmq_arena_init(&a, arena_mem, bound);
    cr_assert_eq(rmq_frame_decode(frame, len, NULL, &a, &c, &err), RMQ_OK);
    size_t used = rmq_arena_used(&a);
    cr_assert_gt(used, 0);
    rmq_arena_init(&a, arena_mem, used - 1);
    cr_expect_eq(rmq_frame_decode(frame, len, NULL, &a, &c, &err), RMQ_ERR_NO_MEMORY);
    cr_expect_str_eq(err.message, rmq_strerror(RMQ_ERR_NO_MEMORY));
}
