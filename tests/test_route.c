/* Routes: decoding both dialects, publish queues, queue selection. */
#include "rmqwire.h"
#include "common/base64.h"
#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "support/sha256.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t mem[1 << 18];
static rmq_arena arena;
static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(route, .init = setup);

static rmq_route decode_as(const char *json, rmq_release release)
{
    rmq_route r;
    rmq_error err;
    rmq_decode_options o;
    rmq_decode_options_for_release(&o, release);
    int rc = rmq_route_decode((const uint8_t *)json, strlen(json), &o, &arena, &r, &err);
    cr_assert_eq(rc, RMQ_OK, "%s at %zu", err.message, err.offset);
    return r;
}

/* 4.9.8: a field the body leaves out stays null, so a route re-encodes as it came */
static rmq_route decode(const char *json) { return decode_as(json, RMQ_RELEASE_4_9_8); }

static rmq_publish_info publish(const rmq_route *r)
{
    rmq_publish_info info;
    cr_assert_eq(rmq_route_publish_info(r, rmq_str_from_cstr("T"), &arena, &info, NULL), RMQ_OK);
    return info;
}

#define S(x) rmq_str_from_cstr(x)

Test(route, bare_and_quoted_integer_keys_decode_alike)
{
    rmq_route a = decode("{\"brokerDatas\":[{\"brokerAddrs\":{0:\"h:1\",1:\"h:2\"},\"brokerName\":\"b\"}]}");
    rmq_route b = decode("{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"h:1\",\"1\":\"h:2\"},\"brokerName\":\"b\"}]}");
    cr_assert(rmq_str_equal(rmq_route_master_addr(&a, S("b")), S("h:1")));
    cr_assert(rmq_str_equal(rmq_route_master_addr(&b, S("b")), S("h:1")));
    cr_assert_eq(a.broker_datas[0].addrs[1].id, 1);
    cr_assert_not(a.has_queue_datas, "absent list is null");
}

Test(route, absent_lists_are_empty_in_5_3_3)
{
    /* 5.3.3's TopicRouteData() makes both lists and the filter map empty; an explicit null stays null */
    rmq_route r = decode_as("{\"brokerDatas\":null}", RMQ_RELEASE_5_3_3);
    cr_assert(r.has_queue_datas && r.queue_count == 0);
    cr_assert(r.has_filter_server_table && r.filter_count == 0);
    cr_assert_not(r.has_broker_datas);
    cr_assert_not(r.has_queue_mapping, "topicQueueMappingByBroker has no initial value");
    rmq_route c = decode_as("{}", RMQ_RELEASE_5_3_3);
    cr_assert(c.has_queue_datas && c.has_broker_datas && c.has_filter_server_table, "the canonical reader too");
    rmq_route old = decode_as("{}", RMQ_RELEASE_4_9_8);
    cr_assert_not(old.has_queue_datas || old.has_broker_datas || old.has_filter_server_table);
}

Test(route, java_tolerances_and_errors)
{
    rmq_route r = decode("{\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":\"6\",\"writeQueueNums\":null,\"x\":[1,{}]}],"
                         "\"unknown\":{\"a\":1},\"orderTopicConf\":null}");
    cr_assert_eq(r.queue_datas[0].perm, 6, "number as string");
    cr_assert_eq(r.queue_datas[0].write_queue_nums, 0, "null primitive is 0");
    /* a lone object where a list is wanted is a list of that one item; a bean's unquoted
     * key must be an identifier (a map's may be a number) */
    rmq_route one = decode("{\"queueDatas\":{\"brokerName\":\"b\",\"perm\":6}}");
    cr_assert(one.has_queue_datas && one.queue_count == 1 && one.queue_datas[0].perm == 6);
    rmq_error err;
    rmq_route out;
    const char *bad[] = {"{\"brokerDatas\":[{\"brokerAddrs\":{x:\"h\"}}]}", "[]", "{\"queueDatas\":\"x\"}",
                         "{\"queueDatas\":[{\"perm\":2147483648}]}", "{\"brokerDatas\":[{}]} x"};
    const int codes[] = {RMQ_ERR_JSON_NUMBER, RMQ_ERR_JSON_NOT_OBJECT, RMQ_ERR_JSON_TYPE, RMQ_ERR_JSON_NUMBER, RMQ_ERR_JSON_TRAILING};
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(rmq_route_decode((const uint8_t *)bad[i], strlen(bad[i]), NULL, &arena, &out, &err), codes[i], "case %zu: %s", i, rmq_status_name(err.code));
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_list = 2;
    const char *three = "{\"queueDatas\":[{},{},{}]}";
    cr_assert_eq(rmq_route_decode((const uint8_t *)three, strlen(three), &o, &arena, &out, &err), RMQ_ERR_TOO_MANY_FIELDS);
    o.leniency = RMQ_LENIENCY_STRICT;
    const char *bare = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"h\"}}]}";
    cr_assert_eq(rmq_route_decode((const uint8_t *)bare, strlen(bare), &o, &arena, &out, &err), RMQ_ERR_JSON_LENIENT, "bare keys are a named leniency");
}

Test(route, repeated_keys_follow_the_duplicate_keys_leniency)
{
    rmq_route out;
    rmq_error err;
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    const char *twice = "{\"queueDatas\":[],\"queueDatas\":[{\"brokerName\":\"x\",\"perm\":6,\"perm\":2}]}";
    cr_assert_eq(rmq_route_decode((const uint8_t *)twice, strlen(twice), &o, &arena, &out, &err), RMQ_OK);
    cr_assert_eq(out.queue_count, 1);
    cr_assert_eq(out.queue_datas[0].perm, 2, "Java's setters: the last value wins");
    o.leniency = RMQ_LENIENCY_STRICT;
    cr_assert_eq(rmq_route_decode((const uint8_t *)twice, strlen(twice), &o, &arena, &out, &err), RMQ_ERR_JSON_DUPLICATE_KEY);
    cr_assert_eq(err.offset, strlen("{\"queueDatas\":[],"), "at the second queueDatas");
    const char *inner = "{\"queueDatas\":[{\"brokerName\":\"x\",\"perm\":6,\"perm\":2}]}";
    cr_assert_eq(rmq_route_decode((const uint8_t *)inner, strlen(inner), &o, &arena, &out, &err), RMQ_ERR_JSON_DUPLICATE_KEY);
    cr_assert_eq(err.offset, strlen("{\"queueDatas\":[{\"brokerName\":\"x\",\"perm\":6,"), "at the second perm");
}

Test(route, encoders_refuse_strings_that_are_not_utf8)
{
    rmq_route r = decode("{\"brokerDatas\":[{\"brokerAddrs\":{0:\"h:1\"},\"brokerName\":\"b\"}],"
                         "\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"readQueueNums\":4,"
                         "\"topicSysFlag\":0,\"writeQueueNums\":4}]}");
    size_t size;
    rmq_error err;
    cr_assert_eq(rmq_route_encoded_size(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, &size, &err),
                 RMQ_OK);
    rmq_queue_data q = r.queue_datas[0];
    q.broker_name = S("b\xfe");
    r.queue_datas = &q;
    for (int d = 0; d < 2; d++) {
        rmq_route_dialect dialect = d ? RMQ_ROUTE_STANDARD : RMQ_ROUTE_PLAIN;
        cr_assert_eq(rmq_route_encoded_size(&r, dialect, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, &size, &err),
                     RMQ_ERR_UTF8);
        uint8_t buf[1024];
        size_t n;
        cr_assert_eq(rmq_route_encode(&r, dialect, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, buf, sizeof buf, &n, &err),
                     RMQ_ERR_UTF8);
        cr_assert_gt(err.offset, 0);
    }
}

Test(route, publish_list_sorted_writable_with_master)
{
    rmq_route r = decode("{\"brokerDatas\":[{\"brokerAddrs\":{0:\"a:1\"},\"brokerName\":\"b-a\"},"
                         "{\"brokerAddrs\":{1:\"c:1\"},\"brokerName\":\"b-c\"},{\"brokerAddrs\":{0:\"d:1\"},\"brokerName\":\"b-b\"},"
                         "{\"brokerAddrs\":{0:\"r:1\"},\"brokerName\":\"b-r\"}],"
                         "\"queueDatas\":[{\"brokerName\":\"b-b\",\"perm\":6,\"writeQueueNums\":2},"
                         "{\"brokerName\":\"b-a\",\"perm\":6,\"writeQueueNums\":1},{\"brokerName\":\"b-c\",\"perm\":6,\"writeQueueNums\":3},"
                         "{\"brokerName\":\"b-r\",\"perm\":4,\"writeQueueNums\":3},{\"brokerName\":\"b-x\",\"perm\":6,\"writeQueueNums\":3}]}");
    rmq_publish_info info = publish(&r);
    cr_assert_eq(info.count, 3, "b-c has no master, b-r is read-only, b-x has no broker data");
    cr_assert(rmq_str_equal(info.queues[0].broker_name, S("b-a")));
    cr_assert(rmq_str_equal(info.queues[1].broker_name, S("b-b")));
    cr_assert_eq(info.queues[2].queue_id, 1);
    cr_assert_not(info.order_topic);
}

Test(route, order_topic_conf_wins)
{
    rmq_route r = decode("{\"orderTopicConf\":\"x:2;y:1;\",\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"writeQueueNums\":4}]}");
    rmq_publish_info info = publish(&r);
    cr_assert(info.order_topic);
    cr_assert_eq(info.count, 3);
    cr_assert(rmq_str_equal(info.queues[2].broker_name, S("y")));
    rmq_route bad = decode("{\"orderTopicConf\":\"x:2;y\"}");
    rmq_error err;
    cr_assert_eq(rmq_route_publish_info(&bad, S("T"), &arena, &info, &err), RMQ_ERR_FIELD_VALUE);
}

Test(route, static_topic_uses_mock_broker_and_maps_back)
{
    rmq_route r = decode_as("{\"topicQueueMappingByBroker\":{\"b1\":{\"bname\":\"b1\",\"currIdMap\":{0:0,1:1},\"epoch\":1,"
                         "\"scope\":\"__global__\",\"totalQueues\":4},\"b2\":{\"bname\":\"b2\",\"currIdMap\":{1:0,2:1},\"epoch\":2,"
                         "\"scope\":\"__global__\",\"totalQueues\":4}}}", RMQ_RELEASE_5_3_3);
    rmq_publish_info info = publish(&r);
    cr_assert_eq(info.count, 4);
    cr_assert(rmq_str_equal(info.queues[0].broker_name, S("__syslo__global__")));
    cr_assert(rmq_str_equal(rmq_route_static_broker(&r, 1), S("b2")), "highest epoch wins");
    cr_assert(rmq_str_equal(rmq_route_static_broker(&r, 0), S("b1")));
    cr_assert(rmq_str_equal(rmq_route_static_broker(&r, 3), S("__syslo__none__")));
}

Test(route, empty_and_unwritable_routes_give_no_queue)
{
    rmq_route r = decode("{\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":4,\"writeQueueNums\":4}],"
                         "\"brokerDatas\":[{\"brokerAddrs\":{0:\"a:1\"},\"brokerName\":\"b\"}]}");
    rmq_publish_info info = publish(&r);
    cr_assert_eq(info.count, 0);
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0);
    cr_assert_null(rmq_queue_select(&sel, &info, RMQ_STR_NULL));
    rmq_route empty = decode("{}");
    info = publish(&empty);
    cr_assert_eq(info.count, 0);
}

static rmq_publish_info two_brokers(void)
{
    static rmq_message_queue q[6];
    const char *b[] = {"a", "a", "a", "b", "b", "b"};
    for (int i = 0; i < 6; i++) q[i] = (rmq_message_queue){S("T"), S(b[i]), i % 3};
    return (rmq_publish_info){q, 6, false};
}

Test(route, round_robin_from_the_start_index)
{
    rmq_publish_info info = two_brokers();
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 4); /* Java pre-increments: first pick is index 5 */
    const int want[] = {5, 0, 1, 2, 3, 4, 5, 0};
    for (int i = 0; i < 8; i++) cr_assert_eq(rmq_queue_select(&sel, &info, RMQ_STR_NULL) - info.queues, want[i], "pick %d", i);
}

Test(route, retry_skips_the_broker_that_failed)
{
    rmq_publish_info info = two_brokers();
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0);
    const rmq_message_queue *first = rmq_queue_select(&sel, &info, RMQ_STR_NULL); /* index 1: broker a */
    cr_assert(rmq_str_equal(first->broker_name, S("a")));
    const rmq_message_queue *retry = rmq_queue_select(&sel, &info, first->broker_name);
    cr_assert(rmq_str_equal(retry->broker_name, S("b")), "a failed, so b");
    cr_assert_eq(retry - info.queues, 3, "indexes 2 (a) then 3 (b)");
    /* every queue on the failed broker: falls back to a plain pick */
    static rmq_message_queue only_a[2] = {{{"T", 1}, {"a", 1}, 0}, {{"T", 1}, {"a", 1}, 1}};
    rmq_publish_info one = {only_a, 2, false};
    cr_assert_not_null(rmq_queue_select(&sel, &one, S("a")));
}

Test(route, index_wraps_like_java_masked_counter)
{
    rmq_publish_info info = two_brokers();
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0x7FFFFFFFu);
    /* next is 0x80000000, masked to 0 */
    cr_assert_eq(rmq_queue_select(&sel, &info, RMQ_STR_NULL) - info.queues, 0);
}

Test(route, standard_dialect_escapes_and_sorts)
{
    rmq_route r = decode("{\"brokerDatas\":[{\"brokerAddrs\":{10:\"h/1\",2:\"h2\"},\"brokerName\":\"b\\u00e9\\ud83d\\ude00\"}],"
                         "\"filterServerTable\":{\"z\":[],\"a\":[\"x\"]}}");
    uint8_t out[512];
    size_t w;
    cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_STANDARD, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_4_9_8, out, sizeof out, &w, NULL), RMQ_OK);
    out[w] = 0;
    cr_assert_str_eq((char *)out, "{\"brokerDatas\":[{\"brokerAddrs\":{\"2\":\"h2\",\"10\":\"h\\/1\"},\"brokerName\":\"b\\u00E9\\uD83D\\uDE00\"}],"
                                  "\"filterServerTable\":{\"a\":[\"x\"],\"z\":[]}}");
    cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_5_3_3, out, sizeof out, &w, NULL), RMQ_OK);
    out[w] = 0;
    cr_assert_str_eq((char *)out, "{\"brokerDatas\":[{\"brokerAddrs\":{10:\"h/1\",2:\"h2\"},\"brokerName\":\"b\xc3\xa9\xf0\x9f\x98\x80\","
                                  "\"enableActingMaster\":false}],\"filterServerTable\":{\"z\":[],\"a\":[\"x\"]}}");
    size_t size;
    cr_assert_eq(rmq_route_encoded_size(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_5_3_3, &size, NULL), RMQ_OK);
    cr_assert_eq(size, w);
    cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_AS_GIVEN, RMQ_RELEASE_5_3_3, out, w - 1, &w, NULL), RMQ_ERR_BUFFER_TOO_SMALL);
}

Test(route, java_hashmap_order_for_large_ids)
{
    /* Long.hashCode(16) lands in bucket 0 of 16, before 1 */
    rmq_route r = decode("{\"brokerDatas\":[{\"brokerAddrs\":{1:\"x\",16:\"y\"}}]}");
    uint8_t out[256];
    size_t w;
    cr_assert_eq(rmq_route_encode(&r, RMQ_ROUTE_PLAIN, RMQ_ROUTE_ORDER_JAVA_HASHMAP, RMQ_RELEASE_4_9_8, out, sizeof out, &w, NULL), RMQ_OK);
    out[w] = 0;
    cr_assert_str_eq((char *)out, "{\"brokerDatas\":[{\"brokerAddrs\":{16:\"y\",1:\"x\"}}]}");
}

Test(route, golden_many_brokers_publish_list)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/route/many_brokers_plain.bin", RMQ_VECTORS_DIR);
    size_t len;
    uint8_t *bin = read_file_bytes(path, &len);
    cr_assert_not_null(bin);
    rmq_route r;
    cr_assert_eq(rmq_route_decode(bin, len, NULL, &arena, &r, NULL), RMQ_OK);
    rmq_publish_info info = publish(&r);
    /* broker-a 8, c 6 (perm 2), d 5 (perm 7), f 3 (perm 14 → writable); b (4) and e (0) are not writable */
    cr_assert_eq(info.count, 8 + 6 + 5 + 3);
    cr_assert(rmq_str_equal(info.queues[8].broker_name, S("broker-c")));
    cr_assert(rmq_str_equal(rmq_route_master_addr(&r, S("broker-d")), S("10.0.0.4:10911")));
    const rmq_queue_data *q = rmq_route_find_queue_data(&r, S("broker-b"));
    cr_assert_not_null(q);
    cr_assert(rmq_perm_readable(q->perm) && !rmq_perm_writeable(q->perm));
    free(bin);
}

Test(route, release_498_ignores_the_5x_fields_as_java_498_does)
{
    /* 4.9.8's TopicRouteData and BrokerData have no zoneName, enableActingMaster or
     * topicQueueMappingByBroker: fastjson skips them, whatever they hold (here a mapping
     * 5.3.3 refuses: a currIdMap key that is not an integer) */
    static const char body[] = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},\"brokerName\":\"b\",\"cluster\":\"c\","
                               "\"enableActingMaster\":true,\"zoneName\":\"z\"}],\"queueDatas\":[],"
                               "\"topicQueueMappingByBroker\":{\"b\":{\"bname\":\"b\",\"currIdMap\":{\"x\":1}}}}";
    rmq_decode_options o498, o533;
    rmq_decode_options_for_release(&o498, RMQ_RELEASE_4_9_8);
    rmq_decode_options_for_release(&o533, RMQ_RELEASE_5_3_3);
    rmq_route r;
    rmq_error err;
    cr_assert_eq(rmq_route_decode((const uint8_t *)body, sizeof body - 1, &o533, &arena, &r, &err), RMQ_ERR_JSON_NUMBER,
                 "%s", rmq_status_name(err.code));
    for (int general = 0; general < 2; general++) {
        /* the same with a body the fast path declines (whitespace): both readers agree */
        char spaced[sizeof body + 1];
        snprintf(spaced, sizeof spaced, general ? " %s" : "%s", body);
        setup();
        cr_assert_eq(rmq_route_decode((const uint8_t *)spaced, strlen(spaced), &o498, &arena, &r, &err), RMQ_OK, "%s",
                     err.message);
        cr_assert_eq(r.broker_count, 1);
        cr_assert(rmq_str_equal_cstr(r.broker_datas[0].cluster, "c"));
        cr_assert_null(r.broker_datas[0].zone_name.ptr);
        cr_assert_not(r.broker_datas[0].has_acting_master);
        cr_assert_not(r.has_queue_mapping);
        cr_assert_eq(r.broker_datas[0].addr_count, 1);
    }
    setup();
    cr_assert_eq(rmq_route_decode((const uint8_t *)body, sizeof body - 1, NULL, &arena, &r, &err), RMQ_ERR_JSON_NUMBER,
                 "the default (5.3.3) reads them");
}
