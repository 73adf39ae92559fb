/* Properties strings (SPEC §7): Java's writer and its lenient parser. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static uint8_t mem[4096];
static rmq_arena arena;
static void setup(void) { rmq_arena_init(&arena, mem, sizeof mem); }
TestSuite(properties, .init = setup);

static rmq_property P(const char *k, const char *v) { return (rmq_property){rmq_str_from_cstr(k), rmq_str_from_cstr(v)}; }

Test(properties, java_parse_quirks_from_spec_7_1)
{
    const char s[] = "a\1b\2\1x\2c\1\2dd\2e\1f\1g\2\2h\0011";
    rmq_property *props;
    size_t n;
    cr_assert_eq(rmq_properties_parse(s, sizeof s - 1, &arena, &props, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 3);
    rmq_str v;
    cr_assert(rmq_properties_get(props, n, "a", &v) && rmq_str_equal_cstr(v, "b"));
    cr_assert(rmq_properties_get(props, n, "e", &v) && rmq_str_equal_cstr(v, "f\1g"), "first 0x01 splits");
    cr_assert(rmq_properties_get(props, n, "h", &v) && rmq_str_equal_cstr(v, "1"));
    cr_assert_not(rmq_properties_get(props, n, "c", &v), "empty value dropped");
    cr_assert_null(v.ptr, "a miss leaves a null value, not the previous hit");
}

Test(properties, duplicates_keep_first_position_and_last_value)
{
    const char s[] = "k\1" "1\2j\1x\2k\1" "2";
    rmq_property *props;
    size_t n;
    cr_assert_eq(rmq_properties_parse(s, sizeof s - 1, &arena, &props, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 2);
    cr_assert(rmq_str_equal_cstr(props[0].name, "k") && rmq_str_equal_cstr(props[0].value, "2"));
    rmq_properties_iter it;
    rmq_property p;
    size_t raw = 0;
    rmq_properties_iter_init(&it, s, sizeof s - 1);
    while (rmq_properties_next(&it, &p)) raw++;
    cr_assert_eq(raw, 3, "the iterator reports every entry");
}

Test(properties, encode_trailing_separator_differs_by_release)
{
    rmq_property props[] = {P("KEYS", "k1 k2"), P("SKIP", NULL), P("TAGS", "t")};
    char out[64];
    size_t w;
    cr_assert_eq(rmq_properties_encode(props, 3, RMQ_RELEASE_4_9_8, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_eq(w, 17);
    cr_assert_eq(memcmp(out, "KEYS\1k1 k2\2TAGS\1t", 17), 0, "null values skipped, no trailing 0x02");
    cr_assert_eq(rmq_properties_encode(props, 3, RMQ_RELEASE_5_3_3, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_eq(w, 18);
    cr_assert_eq(out[17], '\2');
    size_t size;
    cr_assert_eq(rmq_properties_encoded_size(NULL, 0, RMQ_RELEASE_5_3_3, &size, NULL), RMQ_OK);
    cr_assert_eq(size, 0, "empty map → empty string");
    cr_assert_eq(rmq_properties_encode(props, 3, RMQ_RELEASE_5_3_3, out, 17, &w, NULL), RMQ_ERR_BUFFER_TOO_SMALL);
}

Test(properties, null_name_is_written_as_null_and_separators_are_refused)
{
    rmq_property props[] = {{RMQ_STR_NULL, rmq_str_from_cstr("v")}};
    char out[16];
    size_t w;
    cr_assert_eq(rmq_properties_encode(props, 1, RMQ_RELEASE_4_9_8, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_eq(memcmp(out, "null\1v", 6), 0);
    rmq_property bad[] = {P("k", "a\2b")};
    rmq_error err;
    cr_assert_eq(rmq_properties_encode(bad, 1, RMQ_RELEASE_4_9_8, out, sizeof out, &w, &err), RMQ_ERR_UNREPRESENTABLE);
}

Test(properties, keys_split_on_single_spaces)
{
    rmq_str keys = rmq_str_from_cstr(" k1  k2 ");
    size_t pos = 0;
    rmq_str k;
    cr_assert(rmq_keys_next(keys, &pos, &k) && rmq_str_equal_cstr(k, "k1"));
    cr_assert(rmq_keys_next(keys, &pos, &k) && rmq_str_equal_cstr(k, "k2"));
    cr_assert_not(rmq_keys_next(keys, &pos, &k));
}

Test(properties, parse_needs_memory_only_for_entries)
{
    uint8_t tiny[4];
    rmq_arena a;
    rmq_arena_init(&a, tiny, sizeof tiny);
    rmq_property *props;
    size_t n;
    rmq_error err;
    cr_assert_eq(rmq_properties_parse("a\1b", 3, &a, &props, &n, &err), RMQ_ERR_NO_MEMORY);
    cr_assert_eq(rmq_properties_parse("junk", 4, &a, &props, &n, &err), RMQ_OK);
    cr_assert_eq(n, 0);
}

/* Names put in Java's insertion order (HashMap order needs it for names sharing a
 * bucket), reordered and written: the bytes Java wrote. */
static void check_java_order(const char *java, size_t len, rmq_release release, const char *const *insertion,
                             size_t count)
{
    static uint8_t big[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, big, sizeof big);
    rmq_property *parsed;
    size_t parsed_count;
    cr_assert_eq(rmq_properties_parse(java, len, &a, &parsed, &parsed_count, NULL), RMQ_OK);
    cr_assert_eq(parsed_count, count);
    rmq_property puts[16];
    for (size_t i = 0; i < count; i++) {
        puts[i].name = rmq_str_from_cstr(insertion[i]);
        cr_assert(rmq_properties_get(parsed, parsed_count, insertion[i], &puts[i].value), "%s", insertion[i]);
    }
    size_t n = rmq_properties_java_order(puts, count);
    cr_assert_eq(n, count);
    char out[1 << 12];
    size_t written;
    cr_assert_eq(rmq_properties_encode(puts, n, release, out, sizeof out, &written, NULL), RMQ_OK);
    cr_assert(written == len && memcmp(out, java, len) == 0, "not Java's order: %.*s", (int)written, out);
}

Test(properties, java_order_writes_what_java_wrote)
{
    /* a real 4.9.8 producer's SEND_MESSAGE_V2 (vectors/frames/live498_s04_c2s_005): Message(topic,
     * tags, keys, body) puts TAGS, KEYS, WAIT; then setDelayTimeLevel, then the send's UNIQ_KEY */
    static const char live[] = "KEYS\001delay-key\002UNIQ_KEY\001FD00000000000000000000000000023333F5FFD2B277CC78810"
                               "0007\002WAIT\001true\002DELAY\0011\002TAGS\001TagDelay";
    static const char *const live_puts[] = {"TAGS", "KEYS", "WAIT", "DELAY", "UNIQ_KEY"};
    check_java_order(live, sizeof live - 1, RMQ_RELEASE_4_9_8, live_puts, 5);
    /* vectors/properties/msg_tags_keys: Message(topic, tags, keys, body), written by 4.9.8 */
    static const char tags_keys_wait[] = "KEYS\001OrderID001\002WAIT\001true\002TAGS\001TagA";
    static const char *const message_puts[] = {"TAGS", "KEYS", "WAIT"};
    check_java_order(tags_keys_wait, sizeof tags_keys_wait - 1, RMQ_RELEASE_4_9_8, message_puts, 3);
    /* issue 10's example: TAGS put before KEYS still comes after it */
    static const char tags_keys[] = "KEYS\001k1 k2\002TAGS\001TagA";
    check_java_order(tags_keys, sizeof tags_keys - 1, RMQ_RELEASE_4_9_8, message_puts, 2);
}

Test(properties, java_order_keeps_the_first_position_and_the_last_value)
{
    rmq_property props[] = {P("TAGS", "a"), P("KEYS", "k"), P("TAGS", "b")};
    size_t n = rmq_properties_java_order(props, 3);
    cr_assert_eq(n, 2);
    rmq_str v;
    cr_assert(rmq_properties_get(props, n, "TAGS", &v) && rmq_str_equal_cstr(v, "b"));
    cr_assert(rmq_properties_get(props, n, "KEYS", &v) && rmq_str_equal_cstr(v, "k"));
    cr_assert(rmq_str_equal_cstr(props[0].name, "KEYS"), "KEYS is in the earlier bucket");
    cr_assert_eq(rmq_properties_java_order(NULL, 3), 0);
}

Test(properties, names_java_cannot_tell_apart_are_one)
{
    /* 0x80 and 0xFF are both U+FFFD to Java: one name, Java's {"\ufffd":"b"} */
    static const char s[] = "\x80\x01" "a\x02\xff\x01" "b";
    rmq_property *props;
    size_t n;
    cr_assert_eq(rmq_properties_parse(s, sizeof s - 1, &arena, &props, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 1);
    cr_assert(props[0].name.len == 1 && (uint8_t)props[0].name.ptr[0] == 0x80, "the first name as written");
    cr_assert(rmq_str_equal_cstr(props[0].value, "b"));
}

Test(properties, many_names_keep_first_positions_and_last_values)
{
    /* 5000 names, then each again with a new value, then a third of them once more */
    static char s[200000];
    size_t len = 0;
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 5000; i++)
            if (round < 2 || i % 3 == 0)
                len += (size_t)snprintf(s + len, sizeof s - len, "k%d\001v%d_%d\002", (i * 7919) % 5000, round, i);
    static uint8_t big[5000 * 3 * sizeof(rmq_property) + 64];
    rmq_arena a;
    rmq_arena_init(&a, big, sizeof big);
    rmq_property *props;
    size_t n;
    cr_assert_eq(rmq_properties_parse(s, len, &a, &props, &n, NULL), RMQ_OK);
    cr_assert_eq(n, 5000);
    for (int i = 0; i < 5000; i++) {
        char name[16], value[32];
        snprintf(name, sizeof name, "k%d", (i * 7919) % 5000);
        cr_assert(rmq_str_equal_cstr(props[i].name, name), "entry %d is %.*s", i, (int)props[i].name.len,
                  props[i].name.ptr);
        snprintf(value, sizeof value, "v%d_%d", i % 3 == 0 ? 2 : 1, i);
        cr_assert(rmq_str_equal_cstr(props[i].value, value), "entry %d holds %.*s", i, (int)props[i].value.len,
                  props[i].value.ptr);
    }
}
