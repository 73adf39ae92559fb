/* Typed headers ↔ extFields, code ↔ header checks, send results. */
#include "rmqwire.h"
#include "common/base64.h"
#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "support/sha256.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t mem[1 << 16];
static rmq_arena arena;
static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(headers, .init = setup);

static rmq_command command_with(int32_t code, rmq_ext_field *ext, size_t n)
{
    rmq_command c;
    rmq_command_init(&c);
    c.code = code;
    c.opaque = 1;
    c.has_ext = true;
    c.ext = ext;
    c.ext_count = n;
    return c;
}

#define E(k, v) {rmq_str_from_cstr(k), rmq_str_from_cstr(v)}

Test(headers, v2_decode_and_convert_to_v1)
{
    rmq_ext_field ext[] = {E("a", "PG"), E("b", "T1"), E("c", "TBW102"), E("d", "4"), E("e", "1"), E("f", "0"),
                           E("g", "1700000000000"), E("h", "0"), E("i", "TAGS\1tagA"), E("j", "0"), E("k", "false"),
                           E("m", "TRUE"), E("n", "broker-a")};
    rmq_command c = command_with(310, ext, 13);
    rmq_send_request h;
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, NULL), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(h.topic, "T1"));
    cr_assert_eq(h.queue_id, 1);
    cr_assert_eq(h.born_timestamp, 1700000000000LL);
    cr_assert(h.batch, "parseBoolean ignores case");
    cr_assert_not(h.present & RMQ_SEND_MAX_RECONSUME_TIMES);
    rmq_ext_field *v1;
    size_t n;
    cr_assert_eq(rmq_send_request_to_ext(&h, RMQ_SEND_V1, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_FIELDS, &arena, &v1, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 13);
    rmq_command c1 = command_with(10, v1, n);
    rmq_str v;
    cr_assert(rmq_ext_get(&c1, "bname", 5, &v) && rmq_str_equal_cstr(v, "broker-a"));
    cr_assert(rmq_ext_get(&c1, "batch", 5, &v) && rmq_str_equal_cstr(v, "true"));
    cr_assert(rmq_ext_get(&c1, "bornTimestamp", 13, &v) && rmq_str_equal_cstr(v, "1700000000000"));
    rmq_send_request back;
    cr_assert_eq(rmq_send_request_decode(&c1, &back, NULL, NULL), RMQ_OK);
    cr_assert_eq(back.present, h.present);
}

Test(headers, code_and_header_must_match)
{
    rmq_ext_field v1[] = {E("topic", "T1"), E("queueId", "1")};
    rmq_command c = command_with(310, v1, 2);
    rmq_send_request h;
    rmq_error err;
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_ERR_WRONG_HEADER, "long names under a V2 code");
    c.code = 105;
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_ERR_WRONG_HEADER);
    c.code = 10;
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_OK);
    cr_assert_eq(rmq_send_variant_for_code(320), RMQ_SEND_V2);
    cr_assert_eq(rmq_send_variant_for_code(324), RMQ_SEND_V1);
}

Test(headers, fast_headers_fail_where_java_throws_reflection_ones_leave_null)
{
    rmq_ext_field bad_v2[] = {E("b", "T1"), E("e", "notanint")};
    rmq_command c = command_with(310, bad_v2, 2);
    rmq_send_request h;
    rmq_error err;
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_ERR_FIELD_VALUE);
    cr_assert_str_eq(err.field, "e", "the error names the ext key that failed");
    /* Java parses in declaration order: queueId (e) throws before sysFlag (f) and bornTimestamp (g) */
    rmq_ext_field two_bad[] = {E("g", "x"), E("f", "y"), E("e", "z"), E("b", "T1")};
    c = command_with(310, two_bad, 4);
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_ERR_FIELD_VALUE);
    cr_assert_str_eq(err.field, "e");
    rmq_ext_field fine[] = {E("b", "T1")};
    c = command_with(310, fine, 1);
    err.field = "stale";
    cr_assert_eq(rmq_frame_decode((const uint8_t *)"", 0, NULL, NULL, NULL, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_null(err.field, "other failures leave it NULL");
    /* SPEC §4.5's verified V1 case */
    rmq_ext_field bad_v1[] = {E("queueId", "notanint"), E("unitMode", "TRUE"), E("batch", "yes"), E("bornTimestamp", " 12")};
    c = command_with(10, bad_v1, 4);
    uint32_t notes = 0;
    cr_assert_eq(rmq_send_request_decode(&c, &h, &notes, &err), RMQ_OK);
    cr_assert_not(h.present & RMQ_SEND_QUEUE_ID);
    cr_assert_not(h.present & RMQ_SEND_BORN_TIMESTAMP);
    cr_assert(h.unit_mode);
    cr_assert_not(h.batch);
    cr_assert(notes & RMQ_NOTE_FIELD_UNPARSED);
    rmq_ext_field signs[] = {E("queueId", "+7"), E("bornTimestamp", "-9223372036854775808")};
    c = command_with(10, signs, 2);
    cr_assert_eq(rmq_send_request_decode(&c, &h, NULL, &err), RMQ_OK);
    cr_assert_eq(h.queue_id, 7);
    cr_assert_eq(h.born_timestamp, INT64_MIN);
}

/* Rebuild a golden frame from its typed header alone: Java's key order included. */
static void reencode_vector(const char *name, rmq_send_variant variant, rmq_release rel, rmq_ext_order order)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/frames/%s.bin", RMQ_VECTORS_DIR, name);
    size_t len;
    uint8_t *bin = read_file_bytes(path, &len);
    cr_assert_not_null(bin, "%s", path);
    static uint8_t dmem[1 << 16];
    rmq_arena da;
    rmq_arena_init(&da, dmem, sizeof dmem);
    rmq_command cmd;
    cr_assert_eq(rmq_frame_decode(bin, len, NULL, &da, &cmd, NULL), RMQ_OK);
    rmq_send_request h;
    cr_assert_eq(rmq_send_request_decode(&cmd, &h, NULL, NULL), RMQ_OK);
    rmq_ext_field *ext;
    size_t n;
    cr_assert_eq(rmq_send_request_to_ext(&h, variant, rel, order, &arena, &ext, &n, NULL), RMQ_OK);
    rmq_command again = cmd;
    again.ext = ext;
    again.ext_count = n;
    static uint8_t out[1 << 16];
    size_t w;
    cr_assert_eq(rmq_frame_encode(&again, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_eq(w, len, "%s", name);
    cr_assert_eq(memcmp(out, bin, len), 0, "%s: same bytes as Java", name);
    free(bin);
}

Test(headers, typed_headers_reencode_java_vectors_byte_for_byte)
{
    reencode_vector("enc_hdr_send_v1_rmq", RMQ_SEND_V1, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_JAVA_MAP);
    reencode_vector("v533_enc_hdr_send_v1_rmq", RMQ_SEND_V1, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_JAVA_MAP);
    reencode_vector("enc_hdr_send_v2_rmq", RMQ_SEND_V2, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_FIELDS);
    reencode_vector("live498_s04_c2s_005", RMQ_SEND_V2, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_FIELDS);
}

Test(headers, java_map_order_of_spec_appendix_a)
{
    rmq_ext_field f[] = {E("queueId", "1"), E("msgId", "m"), E("TRACE_ON", "t"), E("MSG_REGION", "r"), E("queueOffset", "2")};
    rmq_ext_java_map_order(f, 5, 16);
    const char *want16[] = {"queueId", "TRACE_ON", "MSG_REGION", "msgId", "queueOffset"};
    for (int i = 0; i < 5; i++) cr_assert(rmq_str_equal_cstr(f[i].key, want16[i]), "cap 16 pos %d", i);
    rmq_ext_java_map_order(f, 5, 256);
    const char *want256[] = {"queueId", "msgId", "TRACE_ON", "MSG_REGION", "queueOffset"};
    for (int i = 0; i < 5; i++) cr_assert(rmq_str_equal_cstr(f[i].key, want256[i]), "cap 256 pos %d", i);
}

Test(headers, java_map_order_with_a_huge_initial_capacity_returns, .timeout = 10)
{
    /* Java's table stops at 1 << 30; a larger request used to double until it wrapped */
    rmq_ext_field f[] = {E("queueId", "1"), E("msgId", "m"), E("TRACE_ON", "t"), E("MSG_REGION", "r"), E("queueOffset", "2")};
    rmq_ext_field g[5];
    memcpy(g, f, sizeof f);
    rmq_ext_java_map_order(f, 5, SIZE_MAX);
    rmq_ext_java_map_order(g, 5, (size_t)1 << 30);
    for (int i = 0; i < 5; i++) cr_assert(rmq_str_equal(f[i].key, g[i].key), "pos %d: as MAXIMUM_CAPACITY", i);
}

Test(headers, pull_and_route_and_end_transaction)
{
    rmq_ext_field pull[] = {E("consumerGroup", "g"), E("topic", "t"), E("queueId", "3"), E("queueOffset", "64"),
                            E("maxMsgNums", "32"), E("sysFlag", "6"), E("bname", "broker-a")};
    rmq_command c = command_with(11, pull, 7);
    rmq_pull_request p;
    cr_assert_eq(rmq_pull_request_decode(&c, &p, NULL, NULL), RMQ_OK);
    cr_assert_eq(p.queue_offset, 64);
    cr_assert(rmq_str_equal_cstr(p.broker_name, "broker-a"));
    rmq_ext_field *ext;
    size_t n;
    cr_assert_eq(rmq_pull_request_to_ext(&p, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &arena, &ext, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 7);
    cr_assert(rmq_str_equal_cstr(ext[6].key, "bname"), "bname is last among these in the fast order");

    rmq_route_request r = {.present = 1, .topic = rmq_str_from_cstr("T1")};
    cr_assert_eq(rmq_route_request_to_ext(&r, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &arena, &ext, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 1);

    rmq_ext_field tx[] = {E("producerGroup", "g"), E("commitOrRollback", "8"), E("fromTransactionCheck", "false"),
                          E("tranStateTableOffset", "17"), E("commitLogOffset", "123456789")};
    c = command_with(37, tx, 5);
    rmq_end_tx_request t;
    cr_assert_eq(rmq_end_tx_request_decode(&c, &t, NULL, NULL), RMQ_OK);
    cr_assert_eq(t.commit_or_rollback, RMQ_MSG_TRANSACTION_COMMIT);
    cr_assert_eq(t.commit_log_offset, 123456789);
    cr_assert_null(t.broker_name.ptr);
    /* the 4.9.8 client's RpcRequestHeader adds bname: read and written back */
    rmq_ext_field tx_b[] = {E("producerGroup", "g"), E("commitOrRollback", "8"), E("bname", "broker-a")};
    c = command_with(RMQ_REQ_END_TRANSACTION, tx_b, 3);
    cr_assert_eq(rmq_end_tx_request_decode(&c, &t, NULL, NULL), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(t.broker_name, "broker-a"));
    cr_assert_eq(rmq_end_tx_request_to_ext(&t, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &arena, &ext, &n, NULL), RMQ_OK);
    bool wrote_bname = false;
    for (size_t i = 0; i < n; i++) wrote_bname |= rmq_str_equal_cstr(ext[i].key, "bname") && rmq_str_equal_cstr(ext[i].value, "broker-a");
    cr_assert(wrote_bname);
}

Test(headers, generic_view_for_analyzers)
{
    const rmq_header_schema *s = rmq_header_schema_for(14, false);
    cr_assert_str_eq(rmq_header_schema_name(s), "QueryConsumerOffsetRequestHeader");
    rmq_ext_field ext[] = {E("consumerGroup", "g"), E("topic", "t"), E("queueId", "2")};
    rmq_command c = command_with(14, ext, 3);
    rmq_header_values vals;
    cr_assert_eq(rmq_header_decode(s, &c, &vals, NULL, NULL), RMQ_OK);
    rmq_field_type type;
    cr_assert_str_eq(rmq_header_schema_field(s, 2, &type), "queueId");
    cr_assert_eq(type, RMQ_FIELD_INT32);
    cr_assert_eq(vals.v[2].i32, 2);
    cr_assert_not(vals.present & (1u << 3), "bname absent");
    cr_assert_null(rmq_header_schema_for(34, false), "heartbeat has no header fields");
    cr_assert_not_null(rmq_header_schema_for(11, true));
}

Test(headers, send_result_mapping)
{
    rmq_ext_field ext[] = {E("msgId", "0A00000200002A9F00000000000004D2,0A00000200002A9F00000000000004E0"),
                           E("queueId", "1"), E("queueOffset", "100"), E("MSG_REGION", ""), E("TRACE_ON", "false")};
    rmq_command resp = command_with(0, ext, 5);
    resp.flag = RMQ_FLAG_RESPONSE;
    rmq_send_result r;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("UNIQ"), rmq_str_from_cstr("K1,K2"), &r, NULL), RMQ_OK);
    cr_assert_eq(r.status, RMQ_SEND_OK);
    cr_assert(rmq_str_equal_cstr(r.msg_id, "K1,K2"), "batch: the inner keys");
    cr_assert(rmq_str_equal_cstr(r.region_id, "DefaultRegion"), "empty region");
    cr_assert_not(r.trace_on);
    cr_assert_eq(r.queue_offset, 100);
    size_t pos = 0, ids = 0;
    rmq_str id;
    while (rmq_msgid_list_next(r.offset_msg_id, &pos, &id)) ids++;
    cr_assert_eq(ids, 2);
    resp.code = 11;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, NULL), RMQ_OK);
    cr_assert_eq(r.status, RMQ_SEND_SLAVE_NOT_AVAILABLE);
    cr_assert(rmq_str_equal_cstr(r.msg_id, "U"));
    cr_assert(r.trace_on == false);
    cr_assert_not(rmq_send_should_retry(&r, RMQ_RELEASE_4_9_8, false));
    cr_assert(rmq_send_should_retry(&r, RMQ_RELEASE_4_9_8, true));
    resp.code = 17;
    resp.has_ext = false;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, NULL), RMQ_OK);
    cr_assert_eq(r.status, RMQ_SEND_BROKER_ERROR);
    cr_assert(rmq_send_should_retry(&r, RMQ_RELEASE_4_9_8, false));
    resp.code = 2;
    rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, NULL);
    cr_assert_not(rmq_send_should_retry(&r, RMQ_RELEASE_4_9_8, false));
    cr_assert(rmq_send_should_retry(&r, RMQ_RELEASE_5_3_3, false));
    cr_assert_str_eq(rmq_send_status_name(RMQ_SEND_FLUSH_DISK_TIMEOUT), "FLUSH_DISK_TIMEOUT");
}

Test(headers, send_result_needs_what_java_unboxes)
{
    rmq_send_result r;
    rmq_error err;
    rmq_command resp = command_with(0, NULL, 0);
    resp.flag = RMQ_FLAG_RESPONSE;
    resp.has_ext = false;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, &err), RMQ_ERR_FIELD_MISSING,
                 "SUCCESS without a header: Java fails on the null queueId");
    rmq_ext_field only_id[] = {E("msgId", "0A00000200002A9F00000000000004D2")};
    resp = command_with(0, only_id, 1);
    resp.flag = RMQ_FLAG_RESPONSE;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, &err), RMQ_ERR_FIELD_MISSING);
    rmq_ext_field no_offset[] = {E("msgId", "m"), E("queueId", "1")};
    resp = command_with(0, no_offset, 2);
    resp.flag = RMQ_FLAG_RESPONSE;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, &err), RMQ_ERR_FIELD_MISSING);
    cr_assert_str_eq(err.message, "send response without queueOffset");
    cr_assert_str_eq(err.field, "queueOffset");
    rmq_ext_field no_id[] = {E("queueId", "1"), E("queueOffset", "5")};
    resp = command_with(0, no_id, 2);
    resp.flag = RMQ_FLAG_RESPONSE;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, &err), RMQ_OK,
                 "a missing msgId is only logged by Java");
    cr_assert_null(r.offset_msg_id.ptr);
    cr_assert_eq(r.queue_offset, 5);
    resp.flag = 0;
    cr_assert_eq(rmq_send_result_from_response(&resp, rmq_str_from_cstr("U"), RMQ_STR_NULL, &r, &err), RMQ_ERR_WRONG_HEADER,
                 "a request is not a send response");
}

Test(headers, present_bits_are_the_only_source_of_truth)
{
    uint8_t buf[2048];
    rmq_arena a;
    rmq_arena_init(&a, buf, sizeof buf);
    rmq_send_request h;
    memset(&h, 0, sizeof h);
    h.present = RMQ_SEND_PRODUCER_GROUP | RMQ_SEND_TOPIC;
    h.producer_group = rmq_str_from_cstr("g");
    h.topic = RMQ_STR_NULL;                       /* bit set, no string: refused, not written as "" */
    h.default_topic = rmq_str_from_cstr("TBW102"); /* string set, bit clear: not written */
    rmq_ext_field *f;
    size_t n;
    rmq_error err;
    cr_assert_eq(rmq_send_request_to_ext(&h, RMQ_SEND_V2, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, &err),
                 RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_str_eq(err.field, "b", "V2 writes topic as b");
    cr_assert_eq(rmq_send_request_to_ext(&h, RMQ_SEND_V1, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, &err),
                 RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_str_eq(err.field, "topic");
    h.topic = rmq_str_from_cstr("");
    cr_assert_eq(rmq_send_request_to_ext(&h, RMQ_SEND_V2, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, &err), RMQ_OK);
    cr_assert_eq(n, 2);
    cr_assert(rmq_str_equal_cstr(f[0].key, "a") && rmq_str_equal_cstr(f[1].key, "b"));
    cr_assert(rmq_str_equal_cstr(f[1].value, ""), "an empty string is written as one");
}
