/* ROCKETMQ headers (SPEC §3): fixed fields, length checks, leniencies, header slack. */
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
TestSuite(header_rocketmq, .init = setup);

/* ROCKETMQ header bytes: fixed part + remark + ext region. */
static size_t rmq_header(uint8_t *h, int16_t code, uint8_t lang, int32_t remark_len, const char *remark,
                         int32_t ext_len, const uint8_t *ext, size_t ext_bytes)
{
    size_t n = 0;
    h[n++] = (uint8_t)((uint16_t)code >> 8); h[n++] = (uint8_t)code; h[n++] = lang;
    h[n++] = 0x01; h[n++] = 0x99;                       /* version 409 */
    h[n++] = 0; h[n++] = 0; h[n++] = 0; h[n++] = 7;     /* opaque 7 */
    h[n++] = 0; h[n++] = 0; h[n++] = 0; h[n++] = 1;     /* flag: response */
    h[n++] = (uint8_t)((uint32_t)remark_len >> 24); h[n++] = (uint8_t)((uint32_t)remark_len >> 16);
    h[n++] = (uint8_t)((uint32_t)remark_len >> 8); h[n++] = (uint8_t)remark_len;
    if (remark) { memcpy(h + n, remark, strlen(remark)); n += strlen(remark); }
    h[n++] = (uint8_t)((uint32_t)ext_len >> 24); h[n++] = (uint8_t)((uint32_t)ext_len >> 16);
    h[n++] = (uint8_t)((uint32_t)ext_len >> 8); h[n++] = (uint8_t)ext_len;
    if (ext_bytes) { memcpy(h + n, ext, ext_bytes); n += ext_bytes; }
    return n;
}

static int decode_rmq(const uint8_t *h, size_t hlen, const char *body, uint32_t leniency)
{
    static uint8_t buf[1024];
    size_t n = frame_of(buf, 1, h, hlen, body, body ? strlen(body) : 0);
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.leniency = leniency;
    return rmq_frame_decode(buf, n, &o, &arena, &cmd, &err);
}

Test(header_rocketmq, rocketmq_fields_sign_extension_and_null_rules)
{
    static const uint8_t ext[] = {0, 1, 'k', 0, 0, 0, 1, 'v', 0, 1, 'e', 0, 0, 0, 0};
    uint8_t h[128];
    size_t n = rmq_header(h, -25536, RMQ_LANG_GO, 2, "ok", sizeof ext, ext, sizeof ext);
    cr_assert_eq(decode_rmq(h, n, "B", RMQ_LENIENCY_STRICT), RMQ_OK, "%s", err.message);
    cr_assert_eq(cmd.code, -25536, "readShort sign-extends");
    cr_assert_eq(cmd.language, RMQ_LANG_GO);
    cr_assert_eq(cmd.version, 409);
    cr_assert_eq(cmd.opaque, 7);
    cr_assert(rmq_command_is_response(&cmd));
    cr_assert(rmq_str_equal_cstr(cmd.remark, "ok"));
    cr_assert_eq(cmd.ext_count, 2);
    cr_assert_null(cmd.ext[1].value.ptr, "length 0 reads back as null");
    cr_assert_eq(cmd.body_len, 1);
    cr_assert_eq(rmq_arena_used(&arena), 2 * sizeof(rmq_ext_field));
}

Test(header_rocketmq, rocketmq_empty_remark_and_empty_map_read_as_null)
{
    uint8_t h[64];
    size_t n = rmq_header(h, 10, 0, 0, NULL, 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_null(cmd.remark.ptr);
    cr_assert_not(cmd.has_ext);
    cr_assert_null(cmd.body);
}

Test(header_rocketmq, rocketmq_length_errors_are_specific)
{
    static const uint8_t bad_key[] = {0, 9, 'k', 0, 0, 0, 0};
    static const uint8_t bad_val[] = {0, 1, 'k', 0, 0, 0, 9};
    static const uint8_t neg_val[] = {0, 1, 'k', 0xff, 0xff, 0xff, 0xfb};
    uint8_t h[128];
    size_t n;
    n = rmq_header(h, 10, 0, 1000, NULL, 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_REMARK_LENGTH);
    cr_assert_eq(err.offset, 8 + 13);
    n = rmq_header(h, 10, 0, -1, NULL, 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_REMARK_LENGTH);
    n = rmq_header(h, 10, 0, 0, NULL, 5000, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_EXT_LENGTH);
    n = rmq_header(h, 10, 0, 0, NULL, sizeof bad_key, bad_key, sizeof bad_key);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_KEY_LENGTH);
    n = rmq_header(h, 10, 0, 0, NULL, sizeof bad_val, bad_val, sizeof bad_val);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_VALUE_LENGTH);
    n = rmq_header(h, 10, 0, 0, NULL, sizeof neg_val, neg_val, sizeof neg_val);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_VALUE_LENGTH);
    cr_assert_eq(decode_rmq(h, 20, NULL, RMQ_LENIENCY_ALL), RMQ_ERR_RMQ_SHORT_HEADER);
}

Test(header_rocketmq, rocketmq_leniencies)
{
    uint8_t h[128];
    size_t n = rmq_header(h, 10, 99, 0, NULL, 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_ERR_LANGUAGE);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENT_LANGUAGE_UNKNOWN), RMQ_OK);
    cr_assert_eq(cmd.language, 99, "the byte is kept");
    cr_assert_null(rmq_language_name(cmd.language, RMQ_RELEASE_5_3_3));

    n = rmq_header(h, 10, 0, 0, NULL, -1, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_ERR_RMQ_EXT_LENGTH);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENT_RMQ_NEGATIVE_EXT_LENGTH), RMQ_OK);
    cr_assert_not(cmd.has_ext);

    n = rmq_header(h, 10, 0, 3, "a\xc3(", 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_ERR_UTF8);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENT_RMQ_INVALID_UTF8), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "a\xef\xbf\xbd("));

    static const uint8_t overrun[] = {0, 1, 'k', 0, 0, 0, 1, 'v'};
    n = rmq_header(h, 10, 0, 0, NULL, 7, overrun, sizeof overrun);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_ERR_RMQ_EXT_LENGTH);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENT_RMQ_EXT_OVERRUN), RMQ_OK);
    cr_assert(cmd.notes & RMQ_NOTE_EXT_OVERRUN);
}

Test(header_rocketmq, rocketmq_header_slack_rejected_unless_asked_then_body_shifts_like_java)
{
    uint8_t h[64];
    size_t n = rmq_header(h, 105, 0, 0, NULL, 0, NULL, 0);
    memcpy(h + n, "JUNK", 4);
    cr_assert_eq(decode_rmq(h, n + 4, "BODY", RMQ_LENIENCY_JAVA_498), RMQ_ERR_RMQ_HEADER_SLACK);
    cr_assert_eq(err.offset, 8 + 21);
    cr_assert_eq(decode_rmq(h, n + 4, "BODY", RMQ_LENIENT_RMQ_HEADER_SLACK), RMQ_OK);
    cr_assert_eq(cmd.body_len, 4);
    cr_assert_eq(memcmp(cmd.body, "JUNK", 4), 0, "Java sizes the body by the header length, reads it after the fields");
}
