/* Encoding: fastjson's exact text, ROCKETMQ layout, sizes, and what cannot be encoded. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

static uint8_t out[4096];
static size_t written;
static rmq_error err;

static const char *json_header_of(const rmq_command *cmd)
{
    static char text[4096];
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(cmd, &size, &err), RMQ_OK);
    cr_assert_eq(rmq_frame_encode(cmd, out, sizeof out, &written, &err), RMQ_OK);
    cr_assert_eq(written, size, "size first, then exactly that many bytes");
    size_t hlen = ((size_t)out[5] << 16) | ((size_t)out[6] << 8) | out[7];
    cr_assert_eq(out[4], 0);
    memcpy(text, out + 8, hlen);
    text[hlen] = 0;
    return text;
}

Test(frame_encode, json_field_order_and_omitted_nulls_match_fastjson)
{
    rmq_command c;
    rmq_command_init(&c);
    c.code = 1;
    c.flag = 1;
    c.opaque = 5;
    c.remark = rmq_str_from_cstr("not set any response code");
    /* SPEC §2.1: the default response created by createResponseCommand(null) */
    cr_assert_str_eq(json_header_of(&c), "{\"code\":1,\"flag\":1,\"language\":\"JAVA\",\"opaque\":5,\"remark\":\"not set any response code\",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0}");
}

Test(frame_encode, json_ext_fields_in_given_order_with_null_values_omitted)
{
    rmq_ext_field ext[] = {{rmq_str_from_cstr("b"), rmq_str_from_cstr("T1")},
                           {rmq_str_from_cstr("z"), RMQ_STR_NULL},
                           {rmq_str_from_cstr("a"), rmq_str_from_cstr("")}};
    rmq_command c;
    rmq_command_init(&c);
    c.code = 310;
    c.opaque = -7;
    c.version = 409;
    c.has_ext = true;
    c.ext = ext;
    c.ext_count = 3;
    cr_assert_str_eq(json_header_of(&c), "{\"code\":310,\"extFields\":{\"b\":\"T1\",\"a\":\"\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":-7,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}");
    c.ext_count = 0;
    cr_assert(strstr(json_header_of(&c), "\"extFields\":{}"), "empty map is written");
    c.has_ext = false;
    cr_assert_null(strstr(json_header_of(&c), "extFields"), "null map is omitted");
}

Test(frame_encode, json_string_escaping_follows_fastjson)
{
    rmq_command c;
    rmq_command_init(&c);
    c.opaque = 1;
    /* \b \t \n \f \r, other controls as upper-case \u, quote and backslash, U+007F..U+009F,
     * U+2028/9; '/', '<', '&', non-ASCII and emoji stay raw */
    c.remark = rmq_str_from_cstr("\b\t\n\f\r\x01\x1f\"\\\x7f\xc2\x80\xc2\x9f\xe2\x80\xa8\xe2\x80\xa9/<&\xc3\xa9\xf0\x9f\x98\x80");
    const char *h = json_header_of(&c);
    cr_assert(strstr(h, "\"remark\":\"\\b\\t\\n\\f\\r\\u0001\\u001F\\\"\\\\\\u007F\\u0080\\u009F\\u2028\\u2029/<&\xc3\xa9\xf0\x9f\x98\x80\""), "%s", h);
}

Test(frame_encode, json_language_without_name_is_omitted_like_java_null)
{
    rmq_command c;
    rmq_command_init(&c);
    c.opaque = 1;
    c.language = RMQ_LANG_NULL;
    cr_assert_null(strstr(json_header_of(&c), "language"));
    c.language = RMQ_LANG_NODE_JS;
    cr_assert(strstr(json_header_of(&c), "\"language\":\"NODE_JS\""));
}

Test(frame_encode, json_refuses_a_language_byte_it_cannot_name)
{
    /* omitting it would make the frame read back as JAVA (or null): refuse instead */
    rmq_command c;
    rmq_command_init(&c);
    c.opaque = 1;
    c.language = 99;
    size_t size;
    uint8_t buf[256];
    size_t n;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_ERR_UNREPRESENTABLE);
    cr_assert_eq(rmq_frame_encode(&c, buf, sizeof buf, &n, &err), RMQ_ERR_UNREPRESENTABLE);
    c.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_OK, "ROCKETMQ carries the byte itself");
}

Test(frame_encode, strings_that_are_not_utf8_are_refused_in_both_encodings)
{
    /* 0.1 wrote them, and its own 5.3.3 options then refused the frame it had written */
    static const char *const bad[] = {"\xff", "ok\xc3", "\xed\xa0\x80", "\xc0\xaf", "a\x80z"};
    for (int type = 0; type < 2; type++) {
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            for (int where = 0; where < 3; where++) {
                rmq_ext_field ext[2] = {{rmq_str_from_cstr("topic"), rmq_str_from_cstr("T")},
                                        {rmq_str_from_cstr("k"), rmq_str_from_cstr("v")}};
                rmq_command c;
                rmq_command_init(&c);
                c.serialize_type = type ? RMQ_SERIALIZE_ROCKETMQ : RMQ_SERIALIZE_JSON;
                c.code = RMQ_REQ_SEND_MESSAGE_V2;
                c.opaque = 3;
                c.has_ext = true;
                c.ext = ext;
                c.ext_count = 2;
                if (where == 0) c.remark = rmq_str_from_cstr(bad[k]);
                if (where == 1) ext[1].key = rmq_str_from_cstr(bad[k]);
                if (where == 2) ext[1].value = rmq_str_from_cstr(bad[k]);
                size_t size, n;
                cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_ERR_UTF8, "type %d bad %zu where %d", type, k, where);
                size_t at = err.offset;
                cr_assert_gt(at, 8, "inside the header");
                cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &n, &err), RMQ_ERR_UTF8);
                cr_assert_eq(err.offset, at, "sizing and writing report the same place");
                /* the same command with valid UTF-8 in that place is written and read back strictly */
                const char *good = "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80";
                if (where == 0) c.remark = rmq_str_from_cstr(good);
                if (where == 1) ext[1].key = rmq_str_from_cstr(good);
                if (where == 2) ext[1].value = rmq_str_from_cstr(good);
                cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &n, &err), RMQ_OK, "%s", err.message);
                rmq_decode_options strict;
                rmq_decode_options_for_release(&strict, RMQ_RELEASE_5_3_3);
                strict.leniency = RMQ_LENIENCY_STRICT;
                uint8_t mem[2048];
                rmq_arena a;
                rmq_arena_init(&a, mem, sizeof mem);
                rmq_command back;
                cr_assert_eq(rmq_frame_decode(out, n, &strict, &a, &back, &err), RMQ_OK, "%s", err.message);
            }
        }
    }
}

Test(frame_encode, rocketmq_layout_matches_spec_15_5)
{
    /* SPEC §15.5: one-way HEART_BEAT, opaque 3, no ext, no body */
    rmq_command c;
    rmq_command_init(&c);
    c.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    c.code = 34;
    c.opaque = 3;
    c.flag = RMQ_FLAG_ONEWAY;
    c.remark = rmq_str_from_cstr(""); /* empty remark: length 0, as null */
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    static const uint8_t want[] = {0, 0, 0, 25, 1, 0, 0, 21, 0, 34, 0, 0, 0, 0, 0, 0, 3,
                                   0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(written, sizeof want);
    cr_assert_eq(memcmp(out, want, sizeof want), 0);
}

Test(frame_encode, rocketmq_code_and_version_keep_low_16_bits_like_java)
{
    rmq_command c;
    rmq_command_init(&c);
    c.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    c.code = 200050; /* POP_MESSAGE: 3442 on the wire */
    c.version = 70000;
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    cr_assert_eq((out[8] << 8) | out[9], 3442);
    cr_assert_eq((out[11] << 8) | out[12], 70000 & 0xFFFF);
}

Test(frame_encode, rocketmq_null_ext_entries_left_out_as_mapSerialize_does)
{
    rmq_ext_field ext[] = {{rmq_str_from_cstr("k"), RMQ_STR_NULL},
                           {rmq_str_from_cstr("e"), rmq_str_from_cstr("")},
                           {RMQ_STR_NULL, rmq_str_from_cstr("v")}};
    rmq_command c;
    rmq_command_init(&c);
    c.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    c.has_ext = true;
    c.ext = ext;
    c.ext_count = 3;
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_OK);
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    /* only "e" (an empty string is written, and Java reads it back as null) */
    cr_assert_eq(written, 8 + 21 + 7);
    cr_assert_eq(size, written);
    cr_assert_eq(memcmp(out + 25, "\x00\x00\x00\x07\x00\x01" "e\x00\x00\x00\x00", 11), 0);

    /* the JSON writer leaves the same entries out: both give Java the map {e=""} / {e=null} */
    c.serialize_type = RMQ_SERIALIZE_JSON;
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    static const char want[] = "\"extFields\":{\"e\":\"\"}";
    bool found = false;
    for (size_t i = 0; i + sizeof want - 1 <= written && !found; i++) found = !memcmp(out + i, want, sizeof want - 1);
    cr_assert(found);
}

Test(frame_encode, rocketmq_zero_length_entries_decoded_re_encode_byte_for_byte)
{
    /* code 1, JAVA, version 2, opaque 3, flag 0, no remark, ext: k -> (0), (0) -> v, a -> b */
    static const uint8_t frame[] = {
        0, 0, 0, 47, 1, 0, 0, 43,               /* length, ROCKETMQ + header length */
        0, 1, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0,  /* code, language, version, opaque, flag */
        0, 0, 0, 0, 0, 0, 0, 22,                /* no remark, 22 ext bytes */
        0, 1, 'k', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'v', 0, 1, 'a', 0, 0, 0, 1, 'b'};
    uint8_t arena_buf[1024];
    rmq_arena arena;
    rmq_arena_init(&arena, arena_buf, sizeof arena_buf);
    rmq_command c;
    cr_assert_eq(rmq_frame_decode(frame, sizeof frame, NULL, &arena, &c, &err), RMQ_OK, "%s", err.message);
    cr_assert_eq(c.ext_count, 3);
    cr_assert_null(c.ext[0].value.ptr, "Java's readStr: length 0 is null");
    cr_assert_null(c.ext[1].key.ptr);
    cr_assert(c.notes & RMQ_NOTE_ZERO_LENGTH_ENTRY);
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    cr_assert_eq(written, sizeof frame);
    cr_assert_eq(memcmp(out, frame, sizeof frame), 0);
    /* without the note it is a command like any other: Java's writer leaves them out */
    c.notes &= ~(uint32_t)RMQ_NOTE_ZERO_LENGTH_ENTRY;
    cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
    cr_assert_eq(written, sizeof frame - 14);
}

Test(frame_encode, unrepresentable_values_are_refused_before_writing)
{
    static char long_key[40000];
    memset(long_key, 'k', sizeof long_key);
    rmq_ext_field ext[] = {{{long_key, sizeof long_key}, rmq_str_from_cstr("v")}};
    rmq_command c;
    rmq_command_init(&c);
    c.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    c.has_ext = true;
    c.ext = ext;
    c.ext_count = 1;
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_ERR_UNREPRESENTABLE, "Java would corrupt the frame");
    c.has_ext = false;
    c.language = RMQ_LANG_NULL;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_ERR_UNREPRESENTABLE);
    c.language = 0;
    c.serialize_type = (rmq_serialize_type)7;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_ERR_SERIALIZE_TYPE);
}

Test(frame_encode, small_buffer_is_reported_not_overrun)
{
    rmq_command c;
    rmq_command_init(&c);
    c.body = (const uint8_t *)"hello";
    c.body_len = 5;
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(&c, &size, &err), RMQ_OK);
    memset(out, 0xAA, sizeof out);
    cr_assert_eq(rmq_frame_encode(&c, out, size - 1, &written, &err), RMQ_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(out[size - 1], 0xAA, "nothing written past the capacity");
    cr_assert_eq(rmq_frame_encode(&c, out, size, &written, &err), RMQ_OK);
    cr_assert_eq(memcmp(out + size - 5, "hello", 5), 0);
}

Test(frame_encode, encode_then_decode_round_trips_both_encodings)
{
    rmq_ext_field ext[] = {{rmq_str_from_cstr("topic"), rmq_str_from_cstr("T\x01\xe4\xb8\xad")},
                           {rmq_str_from_cstr("queueId"), rmq_str_from_cstr("3")}};
    for (int t = 0; t < 2; t++) {
        rmq_command c, d;
        rmq_command_init(&c);
        c.serialize_type = (rmq_serialize_type)t;
        c.code = 105;
        c.opaque = 99;
        c.language = RMQ_LANG_CPP;
        c.remark = rmq_str_from_cstr("r\"x");
        c.has_ext = true;
        c.ext = ext;
        c.ext_count = 2;
        c.body = (const uint8_t *)"\x00\x01";
        c.body_len = 2;
        cr_assert_eq(rmq_frame_encode(&c, out, sizeof out, &written, &err), RMQ_OK);
        uint8_t mem[1024];
        rmq_arena a;
        rmq_arena_init(&a, mem, sizeof mem);
        cr_assert_eq(rmq_frame_decode(out, written, NULL, &a, &d, &err), RMQ_OK);
        cr_assert_eq(d.code, 105);
        cr_assert_eq(d.opaque, 99);
        cr_assert_eq(d.language, RMQ_LANG_CPP);
        cr_assert(rmq_str_equal(d.remark, c.remark));
        cr_assert_eq(d.ext_count, 2);
        cr_assert(rmq_str_equal(d.ext[0].value, ext[0].value));
        cr_assert_eq(d.body_len, 2);
        cr_assert_eq(memcmp(d.body, "\x00\x01", 2), 0);
    }
}

Test(frame_encode, json_quote_helper_reports_size_and_refuses_small_buffers)
{
    char buf[16];
    cr_assert_eq(rmq_json_quoted_size("a\n", 2), 5);
    cr_assert_eq(rmq_json_quote(buf, 4, "a\n", 2), 0);
    cr_assert_eq(rmq_json_quote(buf, sizeof buf, "a\n", 2), 5);
    cr_assert_eq(memcmp(buf, "\"a\\n\"", 5), 0);
}
