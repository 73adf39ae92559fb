/* HeartbeatData beyond the 4.9.8 vectors: 5.3.3's fields, the client id, limits. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

#define S(x) rmq_str_from_cstr(x)

static uint8_t mem[1 << 16];
static rmq_arena arena;
static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(heartbeat, .init = setup);

Test(heartbeat, release_533_adds_its_two_fields_in_fastjsons_order)
{
    rmq_str groups[] = {S("g")};
    rmq_heartbeat h = {S("127.0.0.1@1"), groups, 1, NULL, 0, 7, true};
    char out[256];
    size_t n;
    cr_assert_eq(rmq_heartbeat_encode(&h, RMQ_RELEASE_5_3_3, (uint8_t *)out, sizeof out, &n, NULL), RMQ_OK);
    const char want[] = "{\"clientID\":\"127.0.0.1@1\",\"consumerDataSet\":[],\"heartbeatFingerprint\":7,"
                        "\"producerDataSet\":[{\"groupName\":\"g\"}],\"withoutSub\":true}";
    cr_assert_eq(n, sizeof want - 1);
    cr_assert_eq(memcmp(out, want, n), 0, "%.*s", (int)n, out);
    rmq_heartbeat back;
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)out, n, NULL, &arena, &back, NULL), RMQ_OK);
    cr_assert_eq(back.heartbeat_fingerprint, 7);
    cr_assert(back.without_sub);
    cr_assert_eq(rmq_heartbeat_encode(&h, RMQ_RELEASE_4_9_8, (uint8_t *)out, sizeof out, &n, NULL), RMQ_OK);
    out[n] = 0;
    cr_assert_null(strstr(out, "Fingerprint"), "4.9.8 has no such field");
    size_t size;
    cr_assert_eq(rmq_heartbeat_encoded_size(&h, RMQ_RELEASE_4_9_8, &size, NULL), RMQ_OK);
    cr_assert_eq(size, n);
    cr_assert_eq(rmq_heartbeat_encode(&h, RMQ_RELEASE_4_9_8, (uint8_t *)out, n - 1, &n, NULL), RMQ_ERR_BUFFER_TOO_SMALL);
}

Test(heartbeat, client_id_and_tag_codes)
{
    char id[64];
    cr_assert_eq(rmq_client_id(S("10.1.2.3"), S("DEFAULT"), RMQ_STR_NULL, id, sizeof id), 16);
    cr_assert_str_eq(id, "10.1.2.3@DEFAULT");
    rmq_client_id(S("10.1.2.3"), S("1234"), S("unitA"), id, sizeof id);
    cr_assert_str_eq(id, "10.1.2.3@1234@unitA");
    rmq_client_id(S("10.1.2.3"), S("1234"), S("  "), id, sizeof id);
    cr_assert_str_eq(id, "10.1.2.3@1234", "a blank unit name is left out");
    cr_assert_eq(rmq_client_id(S("ip"), S("i"), RMQ_STR_NULL, id, 3), 4, "the size it needs");
    cr_assert_str_eq(id, "ip");
    cr_assert_eq(rmq_tag_code(S("TagA")), 2598919, "String.hashCode, as the 4.9.8 vectors carry it");
}

Test(heartbeat, limits_duplicates_and_types)
{
    rmq_heartbeat h;
    rmq_error err;
    const char *dup = "{\"clientID\":\"a\",\"clientID\":\"b\"}";
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)dup, strlen(dup), NULL, &arena, &h, &err), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(h.client_id, "b"), "Java's setter: the last one");
    rmq_decode_options strict;
    rmq_decode_options_default(&strict);
    strict.leniency = RMQ_LENIENCY_STRICT;
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)dup, strlen(dup), &strict, &arena, &h, &err),
                 RMQ_ERR_JSON_DUPLICATE_KEY);
    rmq_decode_options few;
    rmq_decode_options_default(&few);
    few.max_list = 1;
    const char *two = "{\"producerDataSet\":[{\"groupName\":\"a\"},{\"groupName\":\"b\"}]}";
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)two, strlen(two), &few, &arena, &h, &err), RMQ_ERR_TOO_MANY_FIELDS);
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)two, strlen(two), NULL, &arena, &h, &err), RMQ_OK);
    cr_assert_eq(h.producer_count, 2);
    const char *bad = "{\"consumerDataSet\":[{\"unitMode\":\"x\"}]}";
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)bad, strlen(bad), NULL, &arena, &h, &err), RMQ_ERR_JSON_TYPE);
    const char *unknown = "{\"future\":{\"a\":[1,2]},\"clientID\":\"c\",\"consumerDataSet\":null}";
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)unknown, strlen(unknown), NULL, &arena, &h, &err), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(h.client_id, "c"));
    cr_assert_eq(rmq_heartbeat_decode((const uint8_t *)"[]", 2, NULL, &arena, &h, &err), RMQ_ERR_JSON_TYPE);
}
