/*
 * error.h's NULL policy, function by function: a required pointer that is NULL (or a
 * data pointer that is NULL with a length) is RMQ_ERR_INVALID_ARGUMENT for functions
 * returning a status, 0 / false / NULL / a null string for the others, and nothing
 * at all for void functions. Never a crash. `err` may always be NULL.
 */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

#define BAD RMQ_ERR_INVALID_ARGUMENT

static uint8_t bytes[64] = {0, 0, 0, 12, 0, 0, 0, 2, '{', '}'};
static char text[64] = "KEYS\001a\002";

Test(null_policy, memory_and_commands)
{
    rmq_arena_init(NULL, NULL, 0);
    rmq_arena_init_hooks(NULL, NULL, 0, NULL);
    cr_assert_null(rmq_arena_alloc(NULL, 8, 8));
    rmq_arena_reset(NULL);
    cr_assert_eq(rmq_arena_used(NULL), 0);
    rmq_command_init(NULL);
    rmq_command c;
    rmq_command_init(&c);
    rmq_str v = rmq_str_from_cstr("stale");
    cr_assert_not(rmq_ext_get(NULL, "k", 1, &v));
    cr_assert_null(v.ptr, "a miss gives a null value");
    cr_assert_not(rmq_ext_get(&c, NULL, 1, &v));
    cr_assert_eq(rmq_ext_distinct_count(NULL), 0);
    cr_assert_null(rmq_str_from_cstr(NULL).ptr);
    cr_assert_not(rmq_str_equal_cstr(RMQ_STR_NULL, NULL));
    cr_assert_not(rmq_command_expects_response(NULL));
}

Test(null_policy, frames_splitter_and_options)
{
    rmq_decode_options_default(NULL);
    rmq_decode_options_for_release(NULL, RMQ_RELEASE_4_9_8);
    rmq_command c;
    rmq_command_init(&c);
    uint8_t mem[256];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_error err;
    cr_assert_eq(rmq_frame_decode(NULL, 10, NULL, &a, &c, &err), BAD);
    cr_assert_eq(err.code, BAD);
    cr_assert_eq(rmq_frame_decode(bytes, 10, NULL, &a, NULL, NULL), BAD);
    cr_assert_eq(rmq_frame_decode_unprefixed(NULL, 10, NULL, &a, &c, NULL), BAD);
    cr_assert_eq(rmq_frame_decode_unprefixed(bytes, 10, NULL, &a, NULL, NULL), BAD);
    size_t size, written, need;
    cr_assert_eq(rmq_frame_encoded_size(NULL, &size, NULL), BAD);
    cr_assert_eq(rmq_frame_encoded_size(&c, NULL, NULL), BAD);
    cr_assert_eq(rmq_frame_encode(NULL, mem, sizeof mem, &written, NULL), BAD);
    cr_assert_eq(rmq_frame_encode(&c, NULL, 10, &written, NULL), BAD);
    rmq_frame_view view;
    cr_assert_eq(rmq_frame_peek(NULL, 10, 0, &view, &need, NULL), BAD);
    cr_assert_eq(rmq_frame_peek(bytes, 10, 0, NULL, &need, NULL), BAD);
    cr_assert_eq(rmq_frame_peek(bytes, 10, 0, &view, NULL, NULL), BAD);

    cr_assert_eq(rmq_splitter_init(NULL, NULL, 0, 0, NULL), BAD);
    rmq_splitter_reset(NULL);
    cr_assert_eq(rmq_splitter_pending(NULL), 0);
    rmq_splitter sp;
    cr_assert_eq(rmq_splitter_init(&sp, mem, sizeof mem, sizeof mem, NULL), RMQ_OK);
    rmq_split_result r;
    cr_assert_eq(rmq_splitter_feed(NULL, bytes, 4, &r, NULL), BAD);
    cr_assert_eq(rmq_splitter_feed(&sp, NULL, 4, &r, NULL), BAD);
    cr_assert_eq(rmq_splitter_feed(&sp, bytes, 4, NULL, NULL), BAD);
}

Test(null_policy, typed_headers_and_send_results)
{
    rmq_command c;
    rmq_command_init(&c);
    rmq_send_request sr;
    rmq_send_response sp;
    rmq_pull_request pq;
    rmq_pull_response pr;
    rmq_route_request rr;
    rmq_end_tx_request et;
    uint8_t mem[1024];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_ext_field *f;
    size_t n;
    cr_assert_eq(rmq_send_request_decode(NULL, &sr, NULL, NULL), BAD);
    cr_assert_eq(rmq_send_request_decode_as(&c, RMQ_SEND_V2, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_send_request_to_ext(NULL, RMQ_SEND_V2, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, NULL), BAD);
    cr_assert_eq(rmq_send_request_to_ext(&sr, RMQ_SEND_V2, RMQ_RELEASE_4_9_8, RMQ_EXT_ORDER_FIELDS, &a, NULL, &n, NULL), BAD);
    cr_assert_eq(rmq_send_response_decode(&c, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_send_response_to_ext(NULL, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, NULL), BAD);
    cr_assert_eq(rmq_pull_request_decode(NULL, &pq, NULL, NULL), BAD);
    cr_assert_eq(rmq_pull_request_to_ext(&pq, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, NULL, NULL), BAD);
    cr_assert_eq(rmq_pull_response_decode(&c, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_pull_response_to_ext(NULL, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, NULL), BAD);
    cr_assert_eq(rmq_route_request_decode(NULL, &rr, NULL, NULL), BAD);
    cr_assert_eq(rmq_route_request_to_ext(NULL, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, NULL), BAD);
    cr_assert_eq(rmq_end_tx_request_decode(&c, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_end_tx_request_to_ext(NULL, RMQ_RELEASE_5_3_3, RMQ_EXT_ORDER_FIELDS, &a, &f, &n, NULL), BAD);
    (void)sp;
    (void)pr;
    (void)et;
    cr_assert_null(rmq_header_schema_name(NULL));
    cr_assert_eq(rmq_header_schema_field_count(NULL), 0);
    cr_assert_null(rmq_header_schema_field(NULL, 0, NULL));
    rmq_header_values vals;
    cr_assert_eq(rmq_header_decode(NULL, &c, &vals, NULL, NULL), BAD);
    rmq_ext_java_map_order(NULL, 3, 16);

    rmq_send_result res;
    cr_assert_eq(rmq_send_result_from_response(NULL, RMQ_STR_NULL, RMQ_STR_NULL, &res, NULL), BAD);
    cr_assert_eq(rmq_send_result_from_response(&c, RMQ_STR_NULL, RMQ_STR_NULL, NULL, NULL), BAD);
    cr_assert_not(rmq_send_should_retry(NULL, RMQ_RELEASE_4_9_8, true));
    size_t pos = 0;
    rmq_str id;
    cr_assert_not(rmq_msgid_list_next(rmq_str_from_cstr("a,b"), NULL, &id));
    cr_assert_not(rmq_msgid_list_next(rmq_str_from_cstr("a,b"), &pos, NULL));
}

Test(null_policy, message_layer)
{
    uint8_t mem[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    size_t n, written;
    cr_assert_eq(rmq_zlib_compress(NULL, 4, 5, &a, mem, sizeof mem, &written, NULL), BAD);
    cr_assert_eq(rmq_zlib_compress(bytes, 4, 5, NULL, mem, sizeof mem, &written, NULL), BAD);
    cr_assert_eq(rmq_zlib_compress(bytes, 4, 5, &a, NULL, 10, &written, NULL), BAD);
    cr_assert_eq(rmq_zlib_inflate(NULL, 4, &a, mem, sizeof mem, &written, NULL), BAD);
    cr_assert_eq(rmq_zlib_inflate(bytes, 4, NULL, mem, sizeof mem, &written, NULL), BAD);

    rmq_batch_iter_init(NULL, bytes, 4, 0);
    rmq_batch_iter bi;
    rmq_batch_iter_init(&bi, NULL, 0, 0);
    rmq_batch_record rec;
    cr_assert_eq(rmq_batch_next(NULL, &rec, NULL), BAD);
    cr_assert_eq(rmq_batch_next(&bi, NULL, NULL), BAD);
    cr_assert_eq(rmq_batch_encoded_size(NULL, 2, &n, NULL), BAD);
    cr_assert_eq(rmq_batch_encoded_size(&rec, 0, NULL, NULL), BAD);
    cr_assert_eq(rmq_batch_encode(NULL, 2, mem, sizeof mem, &written, NULL), BAD);

    rmq_stored_iter_init(NULL, bytes, 4, RMQ_RELEASE_4_9_8, 0);
    rmq_stored_iter si;
    rmq_stored_iter_init(&si, NULL, 0, RMQ_RELEASE_4_9_8, 0);
    rmq_stored_message msg;
    cr_assert_eq(rmq_stored_next(NULL, &msg, NULL), BAD);
    cr_assert_eq(rmq_stored_next(&si, NULL, NULL), BAD);
    cr_assert_not(rmq_stored_body_crc_ok(NULL));
    char id[57];
    cr_assert_eq(rmq_stored_offset_msgid(NULL, id), 0);
    cr_assert_eq(rmq_stored_offset_msgid(&msg, NULL), 0);
    cr_assert_eq(rmq_body_crc(NULL, 4), 0);

    rmq_properties_iter_init(NULL, text, 4);
    rmq_properties_iter pi;
    rmq_properties_iter_init(&pi, NULL, 0);
    rmq_property prop;
    cr_assert_not(rmq_properties_next(NULL, &prop));
    cr_assert_not(rmq_properties_next(&pi, NULL));
    rmq_property *props;
    cr_assert_eq(rmq_properties_parse(NULL, 4, &a, &props, &n, NULL), BAD);
    cr_assert_eq(rmq_properties_parse(text, 4, &a, NULL, &n, NULL), BAD);
    cr_assert_eq(rmq_properties_parse(text, 4, &a, &props, NULL, NULL), BAD);
    rmq_str v;
    cr_assert_not(rmq_properties_get(NULL, 2, "KEYS", &v));
    cr_assert_not(rmq_properties_get(&prop, 1, NULL, &v));
    cr_assert_eq(rmq_properties_encoded_size(NULL, 2, RMQ_RELEASE_4_9_8, &n, NULL), BAD);
    cr_assert_eq(rmq_properties_encoded_size(&prop, 0, RMQ_RELEASE_4_9_8, NULL, NULL), BAD);
    cr_assert_eq(rmq_properties_encode(NULL, 2, RMQ_RELEASE_4_9_8, text, sizeof text, &written, NULL), BAD);
    size_t pos = 0;
    rmq_str key;
    cr_assert_not(rmq_keys_next(rmq_str_from_cstr("a b"), NULL, &key));
    cr_assert_not(rmq_keys_next(rmq_str_from_cstr("a b"), &pos, NULL));

    cr_assert_eq(rmq_json_quoted_size(NULL, 4), 0);
    cr_assert_eq(rmq_json_quote(NULL, 10, "a", 1), 0);
    cr_assert_eq(rmq_json_quote(text, sizeof text, NULL, 4), 0);
}

Test(null_policy, ids_names_routes_and_correlator)
{
    char out[64];
    rmq_host h;
    memset(&h, 0, sizeof h);
    int64_t off;
    cr_assert_eq(rmq_ip_format(NULL, 4, RMQ_IP_STYLE_INET, out), 0);
    cr_assert_eq(rmq_ip_format(bytes, 4, RMQ_IP_STYLE_INET, NULL), 0);
    cr_assert_eq(rmq_host_format(NULL, out), 0);
    cr_assert_eq(rmq_host_format(&h, NULL), 0);
    cr_assert_eq(rmq_offset_msgid_format(NULL, 0, out), 0);
    cr_assert_eq(rmq_offset_msgid_format(&h, 0, NULL), 0);
    cr_assert_eq(rmq_offset_msgid_parse(NULL, 32, &h, &off, NULL), BAD);
    cr_assert_eq(rmq_offset_msgid_parse("0A00000100002A9F0000000000000001", 32, NULL, &off, NULL), BAD);
    cr_assert_eq(rmq_offset_msgid_parse("0A00000100002A9F0000000000000001", 32, &h, NULL, NULL), BAD);
    rmq_uniq_id u;
    cr_assert_eq(rmq_uniq_id_parse(NULL, 32, &u, NULL), BAD);
    cr_assert_eq(rmq_uniq_id_parse("C0A8000100002A9F0000000000000001", 32, NULL, NULL), BAD);
    cr_assert_eq(rmq_uniq_id_nearly_time(NULL, 0, 0), 0);
    cr_assert_eq(rmq_uniq_gen_init(NULL, bytes, 4, 1, 1, 0), BAD);
    cr_assert_eq(rmq_uniq_gen_next(NULL, 0, out), 0);
    rmq_uniq_gen gen;
    cr_assert_eq(rmq_uniq_gen_init(&gen, bytes, 4, 1, 1, 0), RMQ_OK);
    cr_assert_eq(rmq_uniq_gen_next(&gen, 0, NULL), 0);

    cr_assert_eq(rmq_language_from_name(NULL, 4, RMQ_RELEASE_4_9_8), -1);
    cr_assert_eq(rmq_mq_version_from_name(NULL, 4), -1);
    cr_assert_eq(rmq_request_code_from_name(NULL, 4, RMQ_RELEASE_4_9_8), INT32_MIN);
    rmq_perm_to_string(6, NULL);

    uint8_t mem[1024];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_route route;
    memset(&route, 0, sizeof route);
    size_t n, written;
    cr_assert_eq(rmq_route_decode(NULL, 2, NULL, &a, &route, NULL), BAD);
    cr_assert_eq(rmq_route_decode((const uint8_t *)"{}", 2, NULL, &a, NULL, NULL), BAD);
    cr_assert_eq(rmq_route_encoded_size(NULL, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, &n, NULL), BAD);
    cr_assert_eq(rmq_route_encoded_size(&route, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, NULL, NULL), BAD);
    cr_assert_eq(rmq_route_encode(NULL, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, mem, sizeof mem, &written, NULL), BAD);
    cr_assert_eq(rmq_route_encode(&route, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, NULL, 10, &written, NULL), BAD);
    cr_assert_null(rmq_route_find_broker(NULL, rmq_str_from_cstr("b")));
    cr_assert_null(rmq_route_find_queue_data(NULL, rmq_str_from_cstr("b")));
    cr_assert_null(rmq_route_master_addr(NULL, rmq_str_from_cstr("b")).ptr);
    cr_assert_null(rmq_broker_addr_of(NULL, 0).ptr);
    rmq_publish_info info;
    cr_assert_eq(rmq_route_publish_info(NULL, rmq_str_from_cstr("T"), &a, &info, NULL), BAD);
    cr_assert_eq(rmq_route_publish_info(&route, rmq_str_from_cstr("T"), &a, NULL, NULL), BAD);
    cr_assert_null(rmq_route_static_broker(NULL, 0).ptr);
    rmq_queue_selector_init(NULL, 0);
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0);
    cr_assert_null(rmq_queue_select(NULL, &info, RMQ_STR_NULL));
    cr_assert_null(rmq_queue_select(&sel, NULL, RMQ_STR_NULL));

    rmq_pending slots[2], p;
    rmq_correlator corr;
    cr_assert_eq(rmq_correlator_init(NULL, slots, 2, 1), BAD);
    cr_assert_eq(rmq_correlator_init(&corr, NULL, 2, 1), BAD);
    cr_assert_eq(rmq_correlator_init(&corr, slots, 2, 1), RMQ_OK);
    rmq_command c;
    rmq_command_init(&c);
    cr_assert_eq(rmq_correlator_next_opaque(NULL), 0);
    cr_assert_eq(rmq_correlator_track(NULL, &c, 0, 10, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_correlator_track(&corr, NULL, 0, 10, NULL, NULL, NULL), BAD);
    cr_assert_eq(rmq_correlator_match(NULL, &c, &p, NULL), BAD);
    cr_assert_eq(rmq_correlator_match(&corr, NULL, &p, NULL), BAD);
    cr_assert_not(rmq_correlator_cancel(NULL, 1, &p));
    cr_assert_eq(rmq_correlator_expire(NULL, 0, &p, 1), 0);
    cr_assert_eq(rmq_correlator_expire(&corr, 0, NULL, 1), 0);
    cr_assert_eq(rmq_correlator_pending(NULL), 0);
}

Test(null_policy, analysis_layer)
{
    uint8_t some[16] = {0};
    size_t n = 0;
    cr_assert_eq(rmq_stream_probe(NULL, 9, 0, &n, NULL), BAD);
    cr_assert_eq(rmq_find_frame_start(NULL, 9, 0), 0);
    rmq_conversation cv;
    rmq_conversation_memory mem = {{NULL, NULL}, 0, {NULL, NULL}, 0};
    cr_assert_eq(rmq_conversation_init(NULL, &mem, NULL, false, NULL), BAD);
    cr_assert_eq(rmq_conversation_init(&cv, NULL, NULL, false, NULL), BAD);
    cr_assert_eq(rmq_conversation_init(&cv, &mem, NULL, false, NULL), BAD, "no buffers, no slots");
    rmq_arena a;
    rmq_arena_init(&a, some, sizeof some);
    rmq_conv_frame f;
    cr_assert_eq(rmq_conversation_feed(NULL, 0, some, 1, 0, &a, &n, &f, NULL), BAD);
    cr_assert_eq(rmq_conversation_feed(&cv, 0, NULL, 1, 0, &a, &n, &f, NULL), BAD);
    cr_assert_eq(rmq_conversation_feed(&cv, 0, some, 1, 0, NULL, &n, &f, NULL), BAD);
    cr_assert_eq(rmq_conversation_feed(&cv, 0, some, 1, 0, &a, NULL, &f, NULL), BAD);
    cr_assert_eq(rmq_conversation_feed(&cv, 0, some, 1, 0, &a, &n, NULL, NULL), BAD);
    rmq_conversation_gap(NULL, 0, 5);
    cr_assert_eq(rmq_conversation_pending(NULL, 0), 0);
    cr_assert_eq(rmq_conversation_offset(NULL, 0), 0);
    cr_assert_eq(rmq_conversation_state(NULL), RMQ_CONV_REJECTED);
    cr_assert_eq(rmq_json_body_to_standard(NULL, 1, NULL, &a, some, 1, &n, NULL), BAD);
    cr_assert_eq(rmq_json_body_to_standard(some, 1, NULL, NULL, some, 1, &n, NULL), BAD);
    cr_assert_eq(rmq_json_body_to_standard(some, 1, NULL, &a, NULL, 1, &n, NULL), BAD);
    cr_assert_eq(rmq_json_body_to_standard(some, 1, NULL, &a, some, 1, NULL, NULL), BAD);
    cr_assert_eq(rmq_body_kind_of(NULL, 0), RMQ_BODY_NONE);
    cr_assert_gt(rmq_sys_flag_names(1, NULL, 0), 0, "NULL out asks the size");
    cr_assert_eq(rmq_pull_sys_flag_names(1, NULL, 5), strlen("COMMIT_OFFSET"));
    cr_assert_eq(rmq_perm_names(4, NULL, 0), 4);
    cr_assert_null(rmq_header_schema_for_response(NULL, RMQ_REQUEST_CODE_UNKNOWN));
    cr_assert_eq(rmq_validate_message(rmq_str_from_cstr("T"), NULL, 3, RMQ_STR_NULL, 0, RMQ_RELEASE_4_9_8, NULL), BAD);
    rmq_acl_credentials cred = {rmq_str_from_cstr("ak"), rmq_str_from_cstr("sk"), RMQ_STR_NULL};
    cr_assert_eq(rmq_acl_content(NULL, 1, &cred, NULL, 0, &a, some, sizeof some, &n, NULL), BAD);
    cr_assert_eq(rmq_acl_content(NULL, 0, NULL, NULL, 0, &a, some, sizeof some, &n, NULL), BAD);
    cr_assert_eq(rmq_acl_content(NULL, 0, &cred, NULL, 4, &a, some, sizeof some, &n, NULL), BAD);
    cr_assert_eq(rmq_acl_content(NULL, 0, &cred, NULL, 0, NULL, some, sizeof some, &n, NULL), BAD);
    cr_assert_eq(rmq_acl_content(NULL, 0, &cred, NULL, 0, &a, some, sizeof some, NULL, NULL), BAD);
    char sig[RMQ_ACL_SIGNATURE_LEN + 1];
    cr_assert_eq(rmq_acl_signature(some, 1, cred.secret_key, NULL, NULL, sig, NULL), BAD);
    cr_assert_eq(rmq_acl_signature(some, 1, cred.secret_key, rmq_hmac_sha1_libcrypto, NULL, NULL, NULL), BAD);
    rmq_ext_field *fs;
    cr_assert_eq(rmq_acl_sign(NULL, &cred, rmq_hmac_sha1_libcrypto, NULL, &a, &fs, &n, NULL), BAD);
    if (rmq_have_lz4()) {
        cr_assert_eq(rmq_lz4_compress(NULL, 1, some, sizeof some, &n, NULL), BAD);
        cr_assert_eq(rmq_lz4_decompress(some, 1, NULL, 1, &n, NULL), BAD);
        cr_assert_eq(rmq_lz4_decompress(some, 1, some, 1, NULL, NULL), BAD);
    }
    if (rmq_have_zstd()) {
        cr_assert_eq(rmq_zstd_compress(some, 1, 3, NULL, some, 1, &n, NULL), BAD);
        cr_assert_eq(rmq_zstd_decompress(NULL, 1, &a, some, 1, &n, NULL), BAD);
    }
    cr_assert_eq(rmq_body_decompress(some, 1, 0, &a, some, 1, &n, NULL), BAD, "not compressed");
    rmq_fault_item fi[2];
    rmq_fault_table ft;
    cr_assert_eq(rmq_fault_init(NULL, fi, 2, 0, NULL), BAD);
    cr_assert_eq(rmq_fault_init(&ft, NULL, 2, 0, NULL), BAD);
    cr_assert_eq(rmq_fault_init(&ft, fi, 2, 0, NULL), RMQ_OK);
    cr_assert_eq(rmq_fault_update(NULL, rmq_str_from_cstr("b"), 1, false, 0, NULL), BAD);
    cr_assert_eq(rmq_fault_update(&ft, RMQ_STR_NULL, 1, false, 0, NULL), BAD);
    cr_assert_not(rmq_fault_is_available(NULL, rmq_str_from_cstr("b"), 0));
    rmq_fault_remove(NULL, rmq_str_from_cstr("b"));
    cr_assert_null(rmq_fault_pick_one_at_least(NULL, 0).ptr);
    cr_assert_null(rmq_fault_select(NULL, NULL, NULL, &ft, 0, NULL));
    rmq_heartbeat hb;
    memset(&hb, 0, sizeof hb);
    cr_assert_eq(rmq_heartbeat_encoded_size(NULL, RMQ_RELEASE_4_9_8, &n, NULL), BAD);
    cr_assert_eq(rmq_heartbeat_encoded_size(&hb, RMQ_RELEASE_4_9_8, NULL, NULL), BAD);
    cr_assert_eq(rmq_heartbeat_encode(&hb, RMQ_RELEASE_4_9_8, NULL, 4, &n, NULL), BAD);
    hb.producer_count = 1;
    cr_assert_eq(rmq_heartbeat_encoded_size(&hb, RMQ_RELEASE_4_9_8, &n, NULL), BAD, "a count without its array");
    cr_assert_eq(rmq_heartbeat_decode(NULL, 1, NULL, &a, &hb, NULL), BAD);
    cr_assert_eq(rmq_heartbeat_decode(some, 1, NULL, NULL, &hb, NULL), BAD);
    cr_assert_eq(rmq_heartbeat_decode(some, 1, NULL, &a, NULL, NULL), BAD);
    cr_assert_eq(rmq_client_id(RMQ_STR_NULL, RMQ_STR_NULL, RMQ_STR_NULL, NULL, 0), 9, "null parts print as Java's null");
}
