/* zlib bodies (SPEC §9) through the caller's arena. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

static uint8_t scratch_mem[RMQ_ZLIB_DEFLATE_SCRATCH];
static rmq_arena scratch;
static void setup(void) { rmq_arena_init(&scratch, scratch_mem, sizeof scratch_mem); }
TestSuite(compress, .init = setup);

Test(compress, level5_matches_java_for_spec_15_9)
{
    uint8_t in[30], out[64];
    memset(in, 'a', sizeof in);
    size_t w;
    cr_assert_eq(rmq_zlib_compress(in, sizeof in, 5, &scratch, out, sizeof out, &w, NULL), RMQ_OK);
    static const uint8_t want[] = {0x78, 0x5e, 0x4b, 0x4c, 0xc4, 0x07, 0x00, 0xb0, 0x4f, 0x0b, 0x5f};
    cr_assert_eq(w, sizeof want);
    cr_assert_eq(memcmp(out, want, w), 0);
    cr_assert_leq(rmq_arena_used(&scratch), RMQ_ZLIB_DEFLATE_SCRATCH);
}

Test(compress, zlib_header_follows_the_level)
{
    const char *s = "hello hello hello hello hello hello";
    const int levels[] = {1, 5, 6, 9};
    const uint8_t second[] = {0x01, 0x5e, 0x9c, 0xda};
    for (int i = 0; i < 4; i++) {
        setup();
        uint8_t out[64];
        size_t w;
        cr_assert_eq(rmq_zlib_compress((const uint8_t *)s, strlen(s), levels[i], &scratch, out, sizeof out, &w, NULL), RMQ_OK);
        cr_assert_eq(out[0], 0x78);
        cr_assert_eq(out[1], second[i], "level %d", levels[i]);
    }
    uint8_t out[8];
    size_t w;
    cr_assert_eq(rmq_zlib_compress((const uint8_t *)s, 3, 0, &scratch, out, sizeof out, &w, NULL), RMQ_ERR_DEFLATE);
}

Test(compress, round_trip_and_exact_limit)
{
    static uint8_t in[10000], packed[11000], back[10000];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (uint8_t)(i * 7 % 251);
    size_t w, got;
    cr_assert_eq(rmq_zlib_compress(in, sizeof in, 5, &scratch, packed, sizeof packed, &w, NULL), RMQ_OK);
    cr_assert_leq(w, rmq_zlib_compress_bound(sizeof in));
    setup();
    cr_assert_eq(rmq_zlib_inflate(packed, w, &scratch, back, sizeof back, &got, NULL), RMQ_OK, "exactly at the limit");
    cr_assert_eq(got, sizeof in);
    cr_assert_eq(memcmp(in, back, got), 0);
    cr_assert_leq(rmq_arena_used(&scratch), RMQ_ZLIB_INFLATE_SCRATCH);
}

Test(compress, a_small_bomb_stops_at_the_callers_limit)
{
    static uint8_t zeros[1 << 20], packed[4096], out[1000];
    size_t w, got = 12345;
    cr_assert_eq(rmq_zlib_compress(zeros, sizeof zeros, 9, &scratch, packed, sizeof packed, &w, NULL), RMQ_OK);
    cr_assert_lt(w, 2048);
    setup();
    rmq_error err;
    memset(out, 0xAA, sizeof out);
    cr_assert_eq(rmq_zlib_inflate(packed, w, &scratch, out, sizeof out, &got, &err), RMQ_ERR_INFLATE_LIMIT);
    /* what did inflate is reported, up to the limit and never past it */
    cr_assert_eq(got, sizeof out, "bytes placed before the limit stopped it");
    for (size_t i = 0; i < got; i++) cr_assert_eq(out[i], 0);
}

Test(compress, corrupt_truncated_and_trailing_input)
{
    uint8_t packed[64], out[64];
    size_t w, got;
    const char *s = "payload payload payload";
    cr_assert_eq(rmq_zlib_compress((const uint8_t *)s, strlen(s), 5, &scratch, packed, sizeof packed, &w, NULL), RMQ_OK);
    setup();
    cr_assert_eq(rmq_zlib_inflate(packed, w - 3, &scratch, out, sizeof out, &got, NULL), RMQ_ERR_INFLATE, "truncated");
    setup();
    uint8_t bad[64];
    memcpy(bad, packed, w);
    bad[0] = 0x79;
    cr_assert_eq(rmq_zlib_inflate(bad, w, &scratch, out, sizeof out, &got, NULL), RMQ_ERR_INFLATE, "bad header");
    setup();
    memcpy(bad, packed, w);
    bad[w] = 'X';
    cr_assert_eq(rmq_zlib_inflate(bad, w + 1, &scratch, out, sizeof out, &got, NULL), RMQ_OK, "trailing bytes ignored like InflaterInputStream");
    cr_assert_eq(got, strlen(s));
    setup();
    cr_assert_eq(rmq_zlib_inflate((const uint8_t *)"", 0, &scratch, out, sizeof out, &got, NULL), RMQ_ERR_INFLATE);
}

Test(compress, zlib_state_needs_scratch_memory)
{
    uint8_t tiny[64], out[64];
    rmq_arena a;
    rmq_arena_init(&a, tiny, sizeof tiny);
    size_t w;
    cr_assert_eq(rmq_zlib_compress((const uint8_t *)"abc", 3, 5, &a, out, sizeof out, &w, NULL), RMQ_ERR_NO_MEMORY);
    cr_assert_eq(rmq_zlib_inflate((const uint8_t *)"x", 1, &a, out, sizeof out, &w, NULL), RMQ_ERR_NO_MEMORY);
}

Test(compress, java_producer_rule_and_flags)
{
    cr_assert_not(rmq_should_compress(4095, false));
    cr_assert(rmq_should_compress(4096, false));
    cr_assert_not(rmq_should_compress(100000, true), "batches are never compressed");
    cr_assert_eq(rmq_sysflag_mark_zlib(RMQ_MSG_TRANSACTION_PREPARED), 0x305);
    cr_assert_eq(rmq_sysflag_compression(0x301), RMQ_COMPRESSION_ZLIB);
    cr_assert_eq(rmq_sysflag_compression(0x001), RMQ_COMPRESSION_ZLIB_OLD);
    cr_assert_eq(rmq_sysflag_compression(0x401), RMQ_COMPRESSION_INVALID);
    char perm[4];
    rmq_perm_to_string(6, perm);
    cr_assert_str_eq(perm, "RW-");
    rmq_perm_to_string(7, perm);
    cr_assert_str_eq(perm, "RWX");
    cr_assert(rmq_perm_writeable(2) && !rmq_perm_readable(2));
    cr_assert_eq(rmq_sysflag_set_transaction(0x301, RMQ_MSG_TRANSACTION_COMMIT), 0x309);
}
