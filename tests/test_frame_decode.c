/* Whole-frame decoding: both header encodings, every leniency flag, error codes and offsets. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static uint8_t mem[1 << 16];
static rmq_arena arena;
static rmq_command cmd;
static rmq_error err;

static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(frame_decode, .init = setup);

/* Build a frame around a header text and body (JSON type unless rmq). */
static size_t frame_of(uint8_t *out, int type, const void *header, size_t hlen, const void *body, size_t blen)
{
    uint32_t total = (uint32_t)(4 + hlen + blen);
    out[0] = (uint8_t)(total >> 24); out[1] = (uint8_t)(total >> 16); out[2] = (uint8_t)(total >> 8); out[3] = (uint8_t)total;
    out[4] = (uint8_t)type; out[5] = (uint8_t)(hlen >> 16); out[6] = (uint8_t)(hlen >> 8); out[7] = (uint8_t)hlen;
    memcpy(out + 8, header, hlen);
    if (blen) memcpy(out + 8 + hlen, body, blen);
    return 8 + hlen + blen;
}

static int decode_json(const char *header, uint32_t leniency)
{
    static uint8_t buf[4096];
    size_t n = frame_of(buf, 0, header, strlen(header), NULL, 0);
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.leniency = leniency;
    memset(&err, 0, sizeof err);
    return rmq_frame_decode(buf, n, &o, &arena, &cmd, &err);
}

Test(frame_decode, json_standard_header_fields_and_zero_copy_strings)
{
    static uint8_t buf[512];
    const char *h = "{\"code\":310,\"extFields\":{\"b\":\"T1\",\"a\":\"PG\"},\"flag\":0,\"language\":\"CPP\","
                    "\"opaque\":7,\"remark\":\"hi\",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}";
    size_t n = frame_of(buf, 0, h, strlen(h), "hello", 5);
    cr_assert_eq(rmq_frame_decode(buf, n, NULL, &arena, &cmd, &err), RMQ_OK);
    cr_assert_eq(cmd.code, 310);
    cr_assert_eq(cmd.language, RMQ_LANG_CPP);
    cr_assert_eq(cmd.opaque, 7);
    cr_assert_eq(cmd.version, 409);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "hi"));
    cr_assert(cmd.has_ext);
    cr_assert_eq(cmd.ext_count, 2);
    cr_assert(rmq_str_equal_cstr(cmd.ext[0].key, "b"), "wire order kept");
    cr_assert(cmd.remark.ptr > (const char *)buf && cmd.remark.ptr < (const char *)buf + n, "remark points into the input");
    cr_assert_eq(cmd.body, buf + n - 5);
    cr_assert_eq(cmd.body_len, 5);
    cr_assert_eq(rmq_arena_used(&arena), 2 * sizeof(rmq_ext_field), "only the ext array is allocated");
}

Test(frame_decode, json_escaped_strings_are_unescaped_into_the_arena)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"a\\\"b\\u0001\\u00e9\\ud83d\\ude00\"}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "a\"b\x01\xc3\xa9\xf0\x9f\x98\x80"));
    cr_assert(cmd.remark.ptr >= (const char *)mem && cmd.remark.ptr < (const char *)mem + sizeof mem);
}

Test(frame_decode, json_lone_surrogate_becomes_question_mark_like_java_getbytes)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"x\\ud800y\"}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "x?y"));
}

Test(frame_decode, json_null_and_empty_are_distinct)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"\",\"extFields\":{}}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_not_null(cmd.remark.ptr);
    cr_assert_eq(cmd.remark.len, 0);
    cr_assert(cmd.has_ext);
    cr_assert_eq(cmd.ext_count, 0);
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":null,\"extFields\":null}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_null(cmd.remark.ptr);
    cr_assert_not(cmd.has_ext);
}

Test(frame_decode, json_absent_fields_take_java_defaults)
{
    cr_assert_eq(decode_json("{\"opaque\":9}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_eq(cmd.code, 0);
    cr_assert_eq(cmd.language, RMQ_LANG_JAVA);
    cr_assert_eq(cmd.flag, 0);
    cr_assert_null(cmd.remark.ptr);
    cr_assert_not(cmd.has_ext);
    cr_assert_null(cmd.body);
}

Test(frame_decode, json_unknown_keys_of_any_type_are_skipped)
{
    cr_assert_eq(decode_json(" { \"x\" : [1,{\"y\":[true,null]},\"s\"] , \"opaque\" : 4 , \"z\":{} } ", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_eq(cmd.opaque, 4);
}

/* Each leniency: rejected with a specific code when off, accepted and noted when on. */
typedef struct leniency_case {
    const char *header;
    uint32_t flag;
    int strict_error;
    uint32_t note;
    uint32_t also_off; /* a second flag that would also accept the input */
} leniency_case;

static const leniency_case leniencies[] = {
    {"{code:10,opaque:1}", RMQ_LENIENT_JSON_UNQUOTED_KEYS, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_UNQUOTED_KEY, 0},
    {"{\"opaque\":1,\"remark\":'hi'}", RMQ_LENIENT_JSON_SINGLE_QUOTES, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_SINGLE_QUOTES, 0},
    {"{\"opaque\":1,\"code\":10,}", RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_TRAILING_COMMA, 0},
    {"{\"opaque\":1,\"code\":1,\"code\":2}", RMQ_LENIENT_JSON_DUPLICATE_KEYS, RMQ_ERR_JSON_DUPLICATE_KEY, RMQ_NOTE_DUPLICATE_KEY, 0},
    {"{\"opaque\":1,\"extFields\":{\"k\":\"1\",\"k\":\"2\"}}", RMQ_LENIENT_JSON_DUPLICATE_KEYS, RMQ_ERR_JSON_DUPLICATE_KEY, RMQ_NOTE_DUPLICATE_KEY, 0},
    {"{\"opaque\":\"5\"}", RMQ_LENIENT_JSON_NUMERIC_STRINGS, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_NUMERIC_STRING, 0},
    {"{\"opaque\":1,\"extFields\":{\"i\":1}}", RMQ_LENIENT_JSON_NONSTRING_VALUES, RMQ_ERR_JSON_TYPE, RMQ_NOTE_NONSTRING_VALUE, 0},
    {"{\"opaque\":1,\"language\":3}", RMQ_LENIENT_LANGUAGE_ORDINAL, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_LANGUAGE_ORDINAL, 0},
    {"{\"opaque\":1,\"language\":\"COBOL\"}", RMQ_LENIENT_LANGUAGE_UNKNOWN, RMQ_ERR_LANGUAGE, RMQ_NOTE_LANGUAGE_UNKNOWN, 0},
    {"{\"opaque\":1,\"language\":\"python\"}", RMQ_LENIENT_LANGUAGE_CASE, RMQ_ERR_LANGUAGE, RMQ_NOTE_LANGUAGE_CASE, RMQ_LENIENT_LANGUAGE_UNKNOWN},
    {"{\"opaque\":1,\"remark\":\"a\xff\"}", RMQ_LENIENT_JSON_INVALID_UTF8, RMQ_ERR_UTF8, RMQ_NOTE_UTF8_REPLACED, 0},
    {"{\"code\":1}", RMQ_LENIENT_JSON_MISSING_OPAQUE, RMQ_ERR_JSON_MISSING_OPAQUE, RMQ_NOTE_OPAQUE_MISSING, 0},
};

Test(frame_decode, each_json_leniency_is_one_named_switch)
{
    for (size_t i = 0; i < sizeof leniencies / sizeof leniencies[0]; i++) {
        const leniency_case *c = &leniencies[i];
        cr_assert_eq(decode_json(c->header, RMQ_LENIENCY_ALL & ~(c->flag | c->also_off)), c->strict_error, "case %zu off: %s", i, rmq_status_name(err.code));
        cr_assert_not_null(err.message);
        setup();
        cr_assert_eq(decode_json(c->header, c->flag), RMQ_OK, "case %zu on: %s", i, err.message);
        cr_assert(cmd.notes & c->note, "case %zu note", i);
        setup();
    }
}

Test(frame_decode, json_values_java_converts_to_text)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":{\"a\":1,\"b\":true,\"c\":null,\"d\":{\"x\":1}}}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "a", 1, &v) && rmq_str_equal_cstr(v, "1"));
    cr_assert(rmq_ext_get(&cmd, "b", 1, &v) && rmq_str_equal_cstr(v, "true"));
    cr_assert(rmq_ext_get(&cmd, "c", 1, &v) && v.ptr == NULL, "null value, key kept");
    cr_assert(rmq_ext_get(&cmd, "d", 1, &v) && rmq_str_equal_cstr(v, "{\"x\":1}"));
}

Test(frame_decode, json_duplicate_ext_keys_keep_wire_entries_and_last_wins)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":{\"k\":\"1\",\"j\":\"x\",\"k\":\"2\"}}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    cr_assert_eq(cmd.ext_count, 3);
    cr_assert_eq(rmq_ext_distinct_count(&cmd), 2);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "k", 1, &v) && rmq_str_equal_cstr(v, "2"));
}

Test(frame_decode, json_language_ordinal_range_follows_release)
{
    static uint8_t buf[128];
    const char *h = "{\"opaque\":1,\"language\":13}";
    size_t n = frame_of(buf, 0, h, strlen(h), NULL, 0);
    rmq_decode_options o;
    rmq_decode_options_for_release(&o, RMQ_RELEASE_5_3_3);
    cr_assert_eq(rmq_frame_decode(buf, n, &o, &arena, &cmd, &err), RMQ_OK);
    cr_assert_eq(cmd.language, RMQ_LANG_NODE_JS);
    rmq_decode_options_for_release(&o, RMQ_RELEASE_4_9_8);
    cr_assert_eq(rmq_frame_decode(buf, n, &o, &arena, &cmd, &err), RMQ_ERR_LANGUAGE);
}

Test(frame_decode, json_errors_carry_codes_and_offsets)
{
    cr_assert_eq(decode_json("", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NOT_OBJECT);
    cr_assert_eq(decode_json("null", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NOT_OBJECT);
    cr_assert_eq(decode_json("{\"opaque\":1}x", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_TRAILING);
    cr_assert_eq(err.offset, 8 + 12, "offset counts from the frame start");
    cr_assert_eq(decode_json("{\"opaque\":2147483648}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"opaque\":-2147483648}", RMQ_LENIENCY_ALL), RMQ_OK);
    cr_assert_eq(cmd.opaque, INT32_MIN);
    cr_assert_eq(decode_json("{\"opaque\":1.5}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"code\":\"abc\",\"opaque\":1}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"\\q\"}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_ESCAPE);
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"abc", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_SYNTAX);
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":[]}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_TYPE);
    cr_assert_eq(decode_json("{\"opaque\" 1}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_SYNTAX);
    cr_assert_eq(err.offset, 8 + 10);
}

Test(frame_decode, json_depth_limit_applies_to_skipped_values)
{
    char h[256] = "{\"opaque\":1,\"x\":";
    size_t n = strlen(h);
    for (int i = 0; i < 40; i++) h[n++] = '[';
    for (int i = 0; i < 40; i++) h[n++] = ']';
    h[n++] = '}';
    h[n] = 0;
    cr_assert_eq(decode_json(h, RMQ_LENIENCY_ALL), RMQ_ERR_JSON_DEPTH);
}

Test(frame_decode, ext_field_count_limit)
{
    static uint8_t buf[512];
    const char *h = "{\"opaque\":1,\"extFields\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}";
    size_t n = frame_of(buf, 0, h, strlen(h), NULL, 0);
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_ext_fields = 2;
    cr_assert_eq(rmq_frame_decode(buf, n, &o, &arena, &cmd, &err), RMQ_ERR_TOO_MANY_FIELDS);
    o.max_ext_fields = 3;
    cr_assert_eq(rmq_frame_decode(buf, n, &o, &arena, &cmd, &err), RMQ_OK);
}

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

Test(frame_decode, rocketmq_fields_sign_extension_and_null_rules)
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

Test(frame_decode, rocketmq_empty_remark_and_empty_map_read_as_null)
{
    uint8_t h[64];
    size_t n = rmq_header(h, 10, 0, 0, NULL, 0, NULL, 0);
    cr_assert_eq(decode_rmq(h, n, NULL, RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_null(cmd.remark.ptr);
    cr_assert_not(cmd.has_ext);
    cr_assert_null(cmd.body);
}

Test(frame_decode, rocketmq_length_errors_are_specific)
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

Test(frame_decode, rocketmq_leniencies)
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

Test(frame_decode, rocketmq_header_slack_rejected_unless_asked_then_body_shifts_like_java)
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
