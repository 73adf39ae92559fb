/* JSON headers (SPEC §2): fields, escapes, every leniency flag, limits, error codes and offsets. */
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
TestSuite(header_json, .init = setup);

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

Test(header_json, json_standard_header_fields_and_zero_copy_strings)
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

Test(header_json, json_escaped_strings_are_unescaped_into_the_arena)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"a\\\"b\\u0001\\u00e9\\ud83d\\ude00\"}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "a\"b\x01\xc3\xa9\xf0\x9f\x98\x80"));
    cr_assert(cmd.remark.ptr >= (const char *)mem && cmd.remark.ptr < (const char *)mem + sizeof mem);
}

Test(header_json, json_lone_surrogate_becomes_question_mark_like_java_getbytes)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"x\\ud800y\"}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(cmd.remark, "x?y"));
}

Test(header_json, json_null_and_empty_are_distinct)
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

Test(header_json, json_absent_fields_take_java_defaults)
{
    cr_assert_eq(decode_json("{\"opaque\":9}", RMQ_LENIENCY_STRICT), RMQ_OK);
    cr_assert_eq(cmd.code, 0);
    cr_assert_eq(cmd.language, RMQ_LANG_JAVA);
    cr_assert_eq(cmd.flag, 0);
    cr_assert_null(cmd.remark.ptr);
    cr_assert_not(cmd.has_ext);
    cr_assert_null(cmd.body);
}

Test(header_json, json_unknown_keys_of_any_type_are_skipped)
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
    {"\x01 \x1c\x7f{\"opaque\":1}", RMQ_LENIENT_JSON_CONTROL_CHARS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_CONTROL_CHARS, 0},
    {"{\"x\":1,\"Op_aque\":1}", RMQ_LENIENT_JSON_LOOSE_NAMES, RMQ_ERR_JSON_LENIENT, RMQ_NOTE_LOOSE_NAME, 0},
    {"{\"opaque\":1,\"code\":1.5}", RMQ_LENIENT_JSON_NUMBER_FORMS, RMQ_ERR_JSON_NUMBER, RMQ_NOTE_NUMBER_FORM, 0},
    {"{\"opaque\":1,\"code\":true}", RMQ_LENIENT_JSON_NUMBER_FORMS, RMQ_ERR_JSON_TYPE, RMQ_NOTE_NUMBER_FORM, 0},
    {"{\"opaque\":1,/*c*/\"code\":5}", RMQ_LENIENT_JSON_COMMENTS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_COMMENT, 0},
    {"{\"opaque\":1,\"code\":\x1c" "5}", RMQ_LENIENT_JSON_CONTROL_CHARS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_CONTROL_CHARS, 0},
    {"{\"opaque\":1,\"extFields\":{\"a\":\"1\"+\"b\":\"2\"}}", RMQ_LENIENT_JSON_ODD_SEPARATORS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_ODD_SEPARATOR, 0},
    {"{\"code\":1 5,\"opaque\":5}", RMQ_LENIENT_JSON_ODD_SEPARATORS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_ODD_SEPARATOR, 0},
    {"{\"code\":1,,\"opaque\":5}", RMQ_LENIENT_JSON_ODD_SEPARATORS, RMQ_ERR_JSON_SYNTAX, RMQ_NOTE_ODD_SEPARATOR, 0},
    {"{\"code\":1,\"extFields\":{\"a\":\"1\"}}\"opaque\":5}", RMQ_LENIENT_JSON_ODD_SEPARATORS, RMQ_ERR_JSON_TRAILING, RMQ_NOTE_ODD_SEPARATOR, 0},
};

Test(header_json, each_json_leniency_is_one_named_switch)
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

/* fastjson's separators: what the value after one decides (vectors/invalid/diff_fastjson_sep_*) */
Test(header_json, separators_as_fastjson_takes_them)
{
    cr_assert_eq(decode_json("{\"code\":1,\"extFields\":{\"a\":\"1\"}D\"flag\":3,\"opaque\":5}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    cr_assert_eq(cmd.flag, 3);
    cr_assert_eq(cmd.opaque, 5);
    cr_assert_eq(cmd.ext_count, 1);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"opaque\":5,\"extFields\":{\"a\":\"1\"}D\"flag\":3}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
    cr_assert_eq(err.offset, 8 + 42, "at the D, not %zu", err.offset);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"extFields\":{\"a\":\"1\"}5,\"opaque\":5}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"opaque\":5,\"extFields\":{\"a\":\"1\"],\"flag\":3}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    cr_assert_eq(cmd.flag, 3);
    cr_assert_eq(cmd.ext_count, 1);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"opaque\":5 Tx}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"opaque\":5 Set}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    setup();
    cr_assert_eq(decode_json("{\"code\":1,\"opaque\":5,\"extFields\":{\"a\":\"1\"true\"b\":\"2\"}}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
}

Test(header_json, json_values_java_converts_to_text)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":{\"a\":1,\"b\":true,\"c\":null,\"d\":{\"x\":1}}}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "a", 1, &v) && rmq_str_equal_cstr(v, "1"));
    cr_assert(rmq_ext_get(&cmd, "b", 1, &v) && rmq_str_equal_cstr(v, "true"));
    cr_assert(rmq_ext_get(&cmd, "c", 1, &v) && v.ptr == NULL, "null value, key kept");
    cr_assert(rmq_ext_get(&cmd, "d", 1, &v) && rmq_str_equal_cstr(v, "{\"x\":1}"));
}

Test(header_json, json_value_text_with_invalid_utf8_is_repaired_or_refused)
{
    /* the text of an object value holds a byte that is not UTF-8: 4.9.8 has U+FFFD in its
     * String (and the decoded command must encode again), the strict reading refuses */
    static const char h[] = "{\"opaque\":1,\"extFields\":{\"d\":{\"x\":\"\xff\"}}}";
    cr_assert_eq(decode_json(h, RMQ_LENIENCY_JAVA_498), RMQ_OK);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "d", 1, &v) && rmq_str_equal_cstr(v, "{\"x\":\"\xef\xbf\xbd\"}"));
    cr_assert(cmd.notes & RMQ_NOTE_UTF8_REPLACED);
    size_t size;
    cr_assert_eq(rmq_frame_encoded_size(&cmd, &size, NULL), RMQ_OK);
    cr_assert_eq(decode_json(h, RMQ_LENIENCY_JAVA_498 & ~RMQ_LENIENT_JSON_INVALID_UTF8), RMQ_ERR_UTF8);
    cr_assert_eq(err.offset, 8 + 35, "at the bad byte, not %zu", err.offset);
}

Test(header_json, json_duplicate_ext_keys_keep_wire_entries_and_last_wins)
{
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":{\"k\":\"1\",\"j\":\"x\",\"k\":\"2\"}}", RMQ_LENIENCY_JAVA_498), RMQ_OK);
    cr_assert_eq(cmd.ext_count, 3);
    cr_assert_eq(rmq_ext_distinct_count(&cmd), 2);
    rmq_str v;
    cr_assert(rmq_ext_get(&cmd, "k", 1, &v) && rmq_str_equal_cstr(v, "2"));
}

Test(header_json, json_language_ordinal_range_follows_release)
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

Test(header_json, json_errors_carry_codes_and_offsets)
{
    cr_assert_eq(decode_json("", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NOT_OBJECT);
    cr_assert_eq(decode_json("null", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NOT_OBJECT);
    cr_assert_eq(decode_json("{\"opaque\":1}x", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_TRAILING);
    cr_assert_eq(err.offset, 8 + 12, "offset counts from the frame start");
    cr_assert_eq(decode_json("{\"opaque\":2147483648}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"opaque\":-2147483648}", RMQ_LENIENCY_ALL), RMQ_OK);
    cr_assert_eq(cmd.opaque, INT32_MIN);
    cr_assert_eq(decode_json("{\"opaque\":1.5}", RMQ_LENIENCY_ALL & ~RMQ_LENIENT_JSON_NUMBER_FORMS), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"code\":\"abc\",\"opaque\":1}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_NUMBER);
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"\\q\"}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_ESCAPE);
    cr_assert_eq(decode_json("{\"opaque\":1,\"remark\":\"abc", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_SYNTAX);
    cr_assert_eq(decode_json("{\"opaque\":1,\"extFields\":[]}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_TYPE);
    cr_assert_eq(decode_json("{\"opaque\" 1}", RMQ_LENIENCY_ALL), RMQ_ERR_JSON_SYNTAX);
    cr_assert_eq(err.offset, 8 + 10);
}

Test(header_json, json_depth_limit_applies_to_skipped_values)
{
    char h[256] = "{\"opaque\":1,\"x\":";
    size_t n = strlen(h);
    for (int i = 0; i < 40; i++) h[n++] = '[';
    for (int i = 0; i < 40; i++) h[n++] = ']';
    h[n++] = '}';
    h[n] = 0;
    cr_assert_eq(decode_json(h, RMQ_LENIENCY_ALL), RMQ_ERR_JSON_DEPTH);
}

Test(header_json, ext_field_count_limit)
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

/* fastjson's quick enum scan runs past the end of an unterminated language or serialize type
 * string until its int offset wraps (2^31 steps, seconds of a Java peer's CPU): a specific code,
 * at the value, so an analyzer can flag the frame; an unterminated remark is plain bad JSON. */
Test(header_json, json_enum_string_java_spins_on)
{
    cr_assert_eq(decode_json("{\"code\":0,\"language\":\"J", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_JAVA_HANGS);
    cr_assert_eq(err.offset, 8 + 21, "at the value's quote, not %zu", err.offset);
    setup();
    cr_assert_eq(decode_json("{\"code\":0,\"flag\":1,\"opaque\":1,\"serializeTypeCurrentRPC\":\"JS", RMQ_LENIENCY_STRICT),
                 RMQ_ERR_JSON_JAVA_HANGS);
    setup();
    cr_assert_eq(decode_json("{\"code\":0,\"remark\":\"J", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
    setup();
    /* a key that is no quick-scan position (an unknown key first) reaches no quick scan */
    cr_assert_eq(decode_json("{\"x\":0,\"code\":0,\"language\":\"J", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_SYNTAX);
}

/* fastjson's IntegerCodec: a fraction truncated, an exponent applied, the low 32 bits kept
 * (BigDecimal.intValue); null and "" leave the field, so an opaque given only so is missing. */
Test(header_json, json_int_number_forms_as_java_converts_them)
{
    static const struct { const char *header; int32_t code; } cases[] = {
        {"{\"opaque\":1,\"code\":-1.5}", -1},        {"{\"opaque\":1,\"code\":1E2}", 100},
        {"{\"opaque\":1,\"code\":1e10}", 1410065408}, {"{\"opaque\":1,\"code\":0.5e1}", 5},
        {"{\"opaque\":1,\"code\":\"1,000\"}", 1000}, {"{\"opaque\":1,\"code\":\"12.000\"}", 12},
        {"{\"opaque\":1,\"code\":\"+5\"}", 5},       {"{\"opaque\":1,\"code\":false}", 0},
        /* the quick scan's int arithmetic wraps where its overflow test misses */
        {"{\"code\":19088743545,\"opaque\":1}", 1908874361},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup();
        cr_assert_eq(decode_json(cases[i].header, RMQ_LENIENCY_JAVA_498), RMQ_OK, "case %zu: %s", i, err.message);
        cr_assert_eq(cmd.code, cases[i].code, "case %zu: %d", i, cmd.code);
    }
    setup();
    cr_assert_eq(decode_json("{\"opaque\":1,\"code\":1e-200}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_NUMBER);
    setup();
    cr_assert_eq(decode_json("{\"opaque\":1,\"code\":\"1e2\"}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_NUMBER);
    setup();
    cr_assert_eq(decode_json("{\"x\":0,\"opaque\":\"\",\"opaque\":5}", RMQ_LENIENCY_JAVA_498), RMQ_ERR_JSON_MISSING_OPAQUE);
}

/* fastjson 1.2.69 (4.9.8) unescapes a remark given after a space from one character too early,
 * so the space's last character and the quote become text; 1.2.83 (5.3.3) does not. */
Test(header_json, json_remark_after_a_space_per_release)
{
    static const char h[] = "{\"code\":1,\"opaque\":11,\"remark\":\b\"a\\u0000b\"}";
    cr_assert_eq(decode_json(h, RMQ_LENIENCY_JAVA_533), RMQ_OK, "%s", err.message);
    cr_assert_eq(cmd.remark.len, 3);
    cr_assert(!memcmp(cmd.remark.ptr, "a\0b", 3));
    setup();
    static uint8_t buf[256];
    size_t n = frame_of(buf, 0, h, strlen(h), NULL, 0);
    rmq_decode_options o;
    rmq_decode_options_for_release(&o, RMQ_RELEASE_4_9_8);
    cr_assert_eq(rmq_frame_decode(buf, n, &o, &arena, &cmd, &err), RMQ_OK, "%s", err.message);
    cr_assert_eq(cmd.remark.len, 4);
    cr_assert(!memcmp(cmd.remark.ptr, "\"a\0b", 4));
}
