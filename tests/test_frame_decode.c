/* Whole-frame decoding: frame-level errors and limits, the zero-copy view, arena exhaustion. */
#include "rmqwire.h"
#include "support/frame_build.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static uint8_t mem[1 << 16];
static rmq_arena arena;
static rmq_command cmd;
static rmq_error err;

static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(frame_decode, .init = setup);

Test(frame_decode, frame_level_errors)
{
    uint8_t buf[32] = {0, 0, 0, 4, 0, 0, 0, 0};
    cr_assert_eq(rmq_frame_decode(buf, 3, NULL, &arena, &cmd, &err), RMQ_ERR_TRUNCATED);
    cr_assert_eq(rmq_frame_decode(buf, 9, NULL, &arena, &cmd, &err), RMQ_ERR_TRAILING_DATA);
    cr_assert_eq(err.offset, 8);
    cr_assert_eq(rmq_frame_decode(buf, 8, NULL, &arena, &cmd, &err), RMQ_ERR_JSON_NOT_OBJECT);
    buf[3] = 3;
    cr_assert_eq(rmq_frame_decode(buf, 7, NULL, &arena, &cmd, &err), RMQ_ERR_FRAME_TOO_SHORT);
    buf[0] = 0x01; buf[3] = 0x01; /* 16777217 */
    cr_assert_eq(rmq_frame_decode(buf, 8, NULL, &arena, &cmd, &err), RMQ_ERR_FRAME_TOO_LONG);
    memcpy(buf, "\x00\x00\x00\x08\x00\x00\x00\x09", 8);
    cr_assert_eq(rmq_frame_decode(buf, 12, NULL, &arena, &cmd, &err), RMQ_ERR_HEADER_LENGTH);
    memcpy(buf, "\x00\x00\x00\x08\xff\x00\x00\x02{}", 10);
    cr_assert_eq(rmq_frame_decode(buf, 12, NULL, &arena, &cmd, &err), RMQ_ERR_SERIALIZE_TYPE);
    cr_assert_eq(rmq_frame_decode(NULL, 5, NULL, &arena, &cmd, &err), RMQ_ERR_INVALID_ARGUMENT);
}

Test(frame_decode, limit_16777212_is_the_largest_default_total_length)
{
    uint8_t p[8] = {0x00, 0xFF, 0xFF, 0xFC, 0, 0, 0, 2};
    size_t need = 0;
    rmq_frame_view view;
    cr_assert_eq(rmq_frame_peek(p, 8, 0, &view, &need, &err), RMQ_INCOMPLETE);
    cr_assert_eq(need, 16777212u + 4 - 8);
    p[3] = 0xFD;
    cr_assert_eq(rmq_frame_peek(p, 8, 0, &view, &need, &err), RMQ_ERR_FRAME_TOO_LONG);
    p[0] = 0x80; /* read unsigned: huge, not negative */
    cr_assert_eq(rmq_frame_peek(p, 8, 0, &view, &need, &err), RMQ_ERR_FRAME_TOO_LONG);
}

Test(frame_decode, arena_exhaustion_is_a_clean_error)
{
    static uint8_t buf[256];
    const char *h = "{\"opaque\":1,\"extFields\":{\"a\":\"1\"}}";
    size_t n = frame_of(buf, 0, h, strlen(h), NULL, 0);
    uint8_t small[8];
    rmq_arena a;
    rmq_arena_init(&a, small, sizeof small);
    cr_assert_eq(rmq_frame_decode(buf, n, NULL, &a, &cmd, &err), RMQ_ERR_NO_MEMORY);
    cr_assert_str_eq(err.message, rmq_strerror(RMQ_ERR_NO_MEMORY));
}

Test(frame_decode, peek_gives_the_zero_copy_view)
{
    static uint8_t buf[64];
    size_t n = frame_of(buf, 1, "0123456789abcdefghijk", 21, "xyz", 3);
    rmq_frame_view v;
    size_t need;
    cr_assert_eq(rmq_frame_peek(buf, n + 5, 0, &v, &need, &err), RMQ_OK);
    cr_assert_eq(v.frame_len, n);
    cr_assert_eq(v.serialize_type, RMQ_SERIALIZE_ROCKETMQ);
    cr_assert_eq(v.header, buf + 8);
    cr_assert_eq(v.header_len, 21);
    cr_assert_eq(v.body, buf + 29);
    cr_assert_eq(v.body_len, 3);
    cr_assert_eq(rmq_frame_peek(buf, 2, 0, &v, &need, &err), RMQ_INCOMPLETE);
    cr_assert_eq(need, 6);
}

/* More ext entries than the decoders gather on the stack in their first walk. */
Test(frame_decode, long_ext_maps_decode_in_order_in_both_encodings)
{
    static char keys[100][8], vals[100][8];
    static rmq_ext_field fields[100];
    for (int i = 0; i < 100; i++) {
        snprintf(keys[i], sizeof keys[i], "k%02d", i);
        snprintf(vals[i], sizeof vals[i], i % 7 ? "v%d" : "\xc3\xa9%d", i);
        fields[i].key = rmq_str_from_cstr(keys[i]);
        fields[i].value = rmq_str_from_cstr(vals[i]);
    }
    for (int ser = 0; ser < 2; ser++) {
        rmq_command c;
        rmq_command_init(&c);
        c.code = 10;
        c.opaque = 5;
        c.serialize_type = ser ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
        c.has_ext = true;
        c.ext = fields;
        c.ext_count = 100;
        static uint8_t wire[8192];
        size_t size, written;
        cr_assert_eq(rmq_frame_encoded_size(&c, &size, NULL), RMQ_OK);
        cr_assert_eq(rmq_frame_encode(&c, wire, sizeof wire, &written, NULL), RMQ_OK);
        static uint8_t decode_mem[1 << 16];
        rmq_arena a;
        rmq_arena_init(&a, decode_mem, sizeof decode_mem);
        rmq_command d;
        cr_assert_eq(rmq_frame_decode(wire, written, NULL, &a, &d, NULL), RMQ_OK);
        cr_assert_eq(d.ext_count, 100);
        for (int i = 0; i < 100; i++) {
            cr_expect(rmq_str_equal(d.ext[i].key, fields[i].key), "%s key %d", ser ? "ROCKETMQ" : "JSON", i);
            cr_expect(rmq_str_equal(d.ext[i].value, fields[i].value), "%s value %d", ser ? "ROCKETMQ" : "JSON", i);
        }
        cr_expect_leq(rmq_arena_used(&a), rmq_frame_decode_bound(written));
    }
}
