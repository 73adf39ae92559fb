/* fastjson bodies as standard JSON, and what kind a body is. */
#include "rmqwire.h"
#include "support/vcase.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t mem[1 << 22];
static rmq_arena arena;
static char out[1 << 20];
static size_t written;
static rmq_error err;
static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(json_body, .init = setup);

static int convert(const char *body, const rmq_decode_options *o)
{
    return rmq_json_body_to_standard((const uint8_t *)body, strlen(body), o, &arena, (uint8_t *)out, sizeof out,
                                     &written, &err);
}

static void expect(const char *body, const char *standard)
{
    cr_assert_eq(convert(body, NULL), RMQ_OK, "%s: %s at %zu", body, err.message, err.offset);
    cr_assert_eq(written, strlen(standard), "%s gave %.*s", body, (int)written, out);
    cr_assert_eq(memcmp(out, standard, written), 0, "%s gave %.*s", body, (int)written, out);
    /* and an independent parser takes it */
    vj *v = vj_parse(out, written);
    cr_assert_not_null(v, "not JSON: %.*s", (int)written, out);
    vj_free(v);
}

Test(json_body, fastjson_forms_become_standard_json)
{
    expect("{0:\"a\",1:\"b\"}", "{\"0\":\"a\",\"1\":\"b\"}");
    expect("{'k':'v\\'s'}", "{\"k\":\"v's\"}");
    expect("{\"a\":[1,2,],}", "{\"a\":[1,2]}");
    expect("[true,false,null,-1.5e3]", "[true,false,null,-1.5e3]");
    expect("{\"n\":01}", "{\"n\":\"01\"}");
    expect("{\"s\":\"\\x41\\u00e9\"}", "{\"s\":\"A\xc3\xa9\"}");
    expect("{\"ctl\":\"a\\u0001b\"}", "{\"ctl\":\"a\\u0001b\"}");
    expect("\"just a string\"", "\"just a string\"");
}

Test(json_body, object_keys_become_their_json_text)
{
    /* ConsumerOffsetSerializeWrapper / offset tables: MessageQueue objects as keys */
    expect("{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:12,"
           "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:3}}",
           "{\"offsetTable\":{\"{\\\"brokerName\\\":\\\"b\\\",\\\"queueId\\\":0,\\\"topic\\\":\\\"T\\\"}\":12,"
           "\"{\\\"brokerName\\\":\\\"b\\\",\\\"queueId\\\":1,\\\"topic\\\":\\\"T\\\"}\":3}}");
    expect("{[1,2]:\"x\"}", "{\"[1,2]\":\"x\"}");
    cr_assert_eq(convert("{{{\"a\":1}:2}:3}", NULL), RMQ_ERR_JSON_DEPTH, "a key inside a key is refused");
    cr_assert_eq(err.offset, 2, "at the inner key");
}

Test(json_body, repeated_keys_keep_the_first_place_and_the_last_value)
{
    expect("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}");
    expect("{\"x\":{\"k\":1,\"k\":{\"deep\":true}},\"y\":0,\"x\":[9]}", "{\"x\":[9],\"y\":0}");
    /* many keys, many repeats: still one of each */
    char big[20000];
    size_t n = 0;
    big[n++] = '{';
    for (int i = 0; i < 1000; i++) n += (size_t)snprintf(big + n, sizeof big - n, "%s\"k%d\":%d", i ? "," : "", i % 250, i);
    big[n++] = '}';
    big[n] = 0;
    cr_assert_eq(convert(big, NULL), RMQ_OK);
    vj *v = vj_parse(out, written);
    cr_assert_not_null(v);
    cr_assert_eq(v->n, 250);
    cr_assert_str_eq(v->keys[0], "k0");
    cr_assert_eq(vj_get(v, "k0")->i, 750, "the last of k0's four values");
    vj_free(v);
}

Test(json_body, limits_errors_and_sizes)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_list = 2;
    cr_assert_eq(convert("[1,2,3]", &o), RMQ_ERR_TOO_MANY_FIELDS);
    cr_assert_eq(err.offset, 4);
    o.max_list = 0;
    o.max_json_depth = 3;
    cr_assert_eq(convert("[[[[1]]]]", &o), RMQ_ERR_JSON_DEPTH);
    cr_assert_eq(convert("{\"a\":1} x", NULL), RMQ_ERR_JSON_TRAILING);
    cr_assert_eq(convert("{\"a\":", NULL), RMQ_ERR_JSON_SYNTAX);
    o.max_json_depth = 0;
    o.leniency = RMQ_LENIENCY_STRICT;
    cr_assert_eq(convert("{0:\"a\"}", &o), RMQ_ERR_JSON_LENIENT, "bare keys follow the leniency flags");
    /* a buffer too small says how much is needed */
    uint8_t small[4];
    const char *body = "{\"abc\":\"defg\"}";
    cr_assert_eq(rmq_json_body_to_standard((const uint8_t *)body, strlen(body), NULL, &arena, small, sizeof small,
                                           &written, &err), RMQ_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(written, strlen(body));
    cr_assert_eq(rmq_json_body_to_standard((const uint8_t *)body, strlen(body), NULL, &arena, NULL, 0, &written, &err),
                 RMQ_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(written, strlen(body));
}

/* Every body of the captured streams: JSON ones convert, within the bound, to JSON. */
Test(json_body, every_json_body_of_the_captured_streams_converts)
{
    size_t n, bodies = 0;
    char **names = list_cases(RMQ_VECTORS_DIR, "frames", ".bin", &n);
    for (size_t i = 0; i < n; i++) {
        if (strncmp(names[i], "live", 4)) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/frames/%s.bin", RMQ_VECTORS_DIR, names[i]);
        size_t len;
        uint8_t *bin = read_file_bytes(path, &len);
        uint8_t fmem[1 << 16];
        rmq_arena fa;
        rmq_arena_init(&fa, fmem, sizeof fmem);
        rmq_command cmd;
        if (rmq_frame_decode(bin, len, NULL, &fa, &cmd, NULL) == RMQ_OK) {
            rmq_body_kind k = rmq_body_kind_of(&cmd, RMQ_REQUEST_CODE_UNKNOWN);
            if (k == RMQ_BODY_JSON || k == RMQ_BODY_ROUTE) {
                rmq_arena_reset(&arena);
                int rc = rmq_json_body_to_standard(cmd.body, cmd.body_len, NULL, &arena, (uint8_t *)out, sizeof out,
                                                   &written, &err);
                cr_assert_eq(rc, RMQ_OK, "%s: %s at %zu", names[i], err.message, err.offset);
                cr_assert_leq(rmq_arena_used(&arena), rmq_json_body_bound(cmd.body_len), "%s", names[i]);
                vj *v = vj_parse(out, written);
                cr_assert_not_null(v, "%s: not JSON", names[i]);
                vj_free(v);
                bodies++;
            }
        }
        free(bin);
    }
    free_cases(names, n);
    cr_assert_gt(bodies, 20, "heartbeats, broker registrations, routes, JSON answers");
}

Test(json_body, body_kinds_by_code_header_and_answered_request)
{
    rmq_command c;
    rmq_command_init(&c);
    cr_assert_eq(rmq_body_kind_of(&c, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_NONE);
    static const uint8_t json[] = "{\"clientID\":\"x\"}", bin[] = {0, 1, 2};
    c.code = RMQ_REQ_HEART_BEAT;
    c.body = json;
    c.body_len = sizeof json - 1;
    cr_assert_eq(rmq_body_kind_of(&c, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_JSON);
    rmq_ext_field send[] = {{rmq_str_from_cstr("b"), rmq_str_from_cstr("T")}, {rmq_str_from_cstr("f"), rmq_str_from_cstr("1")}};
    c.code = RMQ_REQ_SEND_MESSAGE_V2;
    c.has_ext = true;
    c.ext = send;
    c.ext_count = 2;
    c.body = bin;
    c.body_len = sizeof bin;
    cr_assert_eq(rmq_body_kind_of(&c, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_MESSAGE_COMPRESSED);
    send[1].value = rmq_str_from_cstr("0");
    cr_assert_eq(rmq_body_kind_of(&c, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_MESSAGE);
    c.code = RMQ_REQ_SEND_BATCH_MESSAGE;
    cr_assert_eq(rmq_body_kind_of(&c, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_BATCH);
    rmq_command r;
    rmq_command_init(&r);
    r.flag = RMQ_FLAG_RESPONSE;
    r.code = RMQ_RESP_SUCCESS;
    r.body = bin;
    r.body_len = sizeof bin;
    cr_assert_eq(rmq_body_kind_of(&r, RMQ_REQ_PULL_MESSAGE), RMQ_BODY_STORED_MESSAGES);
    cr_assert_eq(rmq_body_kind_of(&r, RMQ_REQUEST_CODE_UNKNOWN), RMQ_BODY_BINARY);
    r.body = json;
    r.body_len = sizeof json - 1;
    cr_assert_eq(rmq_body_kind_of(&r, RMQ_REQ_GET_ROUTEINFO_BY_TOPIC), RMQ_BODY_ROUTE);
    cr_assert_eq(rmq_body_kind_of(&r, RMQ_REQ_HEART_BEAT), RMQ_BODY_JSON);
    r.code = RMQ_RESP_SYSTEM_ERROR;
    cr_assert_eq(rmq_body_kind_of(&r, RMQ_REQ_GET_ROUTEINFO_BY_TOPIC), RMQ_BODY_JSON, "an error answer is no route");
    cr_assert_str_eq(rmq_body_kind_name(RMQ_BODY_STORED_MESSAGES), "STORED_MESSAGES");
    cr_assert_null(rmq_body_kind_name((rmq_body_kind)99));
}

Test(json_body, flag_names_and_release_of_a_version)
{
    char buf[128];
    size_t n = rmq_sys_flag_names(RMQ_MSG_COMPRESSED | RMQ_MSG_MULTI_TAGS | RMQ_MSG_TRANSACTION_COMMIT |
                                      RMQ_MSG_COMPRESSION_ZLIB, buf, sizeof buf);
    cr_assert_str_eq(buf, "COMPRESSED|MULTI_TAGS|TRANSACTION_COMMIT|COMPRESSION_ZLIB");
    cr_assert_eq(n, strlen(buf));
    char tiny[8];
    cr_assert_eq(rmq_sys_flag_names(0, tiny, sizeof tiny), strlen("TRANSACTION_NOT_TYPE"), "the size it needs");
    cr_assert_str_eq(tiny, "TRANSAC", "truncated, terminated");
    rmq_pull_sys_flag_names(RMQ_PULL_COMMIT_OFFSET | RMQ_PULL_SUSPEND, buf, sizeof buf);
    cr_assert_str_eq(buf, "COMMIT_OFFSET|SUSPEND");
    rmq_perm_names(RMQ_PERM_READ | RMQ_PERM_WRITE, buf, sizeof buf);
    cr_assert_str_eq(buf, "READ|WRITE");
    cr_assert_eq(rmq_perm_names(0, buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "");
    cr_assert_eq(rmq_release_for_mq_version(409), RMQ_RELEASE_4_9_8);
    cr_assert_eq(rmq_release_for_mq_version(413), RMQ_RELEASE_5_3_3);
    cr_assert_eq(rmq_release_for_mq_version(-5), RMQ_RELEASE_4_9_8);
}
