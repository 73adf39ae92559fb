/* Batch bodies (SPEC §10.1). */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

/* SPEC §15.7: body "body1", KEYS k1 k2, WAIT true, TAGS tagA (4.9.8) */
static const uint8_t spec_record[] = {
    0, 0, 0, 0x39, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 'b', 'o', 'd', 'y', '1', 0, 0x1e,
    'K', 'E', 'Y', 'S', 1, 'k', '1', ' ', 'k', '2', 2, 'W', 'A', 'I', 'T', 1, 't', 'r', 'u', 'e', 2,
    'T', 'A', 'G', 'S', 1, 't', 'a', 'g', 'A'};

Test(batch, spec_record_decodes_and_reencodes)
{
    rmq_batch_iter it;
    rmq_batch_record r;
    rmq_batch_iter_init(&it, spec_record, sizeof spec_record, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_batch_next(&it, &r, NULL), RMQ_OK);
    cr_assert_eq(r.body_len, 5);
    cr_assert_eq(memcmp(r.body, "body1", 5), 0);
    cr_assert_eq(r.properties.len, 30);
    cr_assert_eq(rmq_batch_next(&it, &r, NULL), RMQ_DONE);
    uint8_t out[128];
    size_t w;
    cr_assert_eq(rmq_batch_encode(&r, 1, out, sizeof out, &w, NULL), RMQ_OK);
    cr_assert_eq(w, sizeof spec_record);
    cr_assert_eq(memcmp(out, spec_record, w), 0);
}

Test(batch, bad_lengths_are_errors_with_offsets)
{
    uint8_t buf[sizeof spec_record * 2];
    memcpy(buf, spec_record, sizeof spec_record);
    memcpy(buf + sizeof spec_record, spec_record, sizeof spec_record);
    rmq_batch_iter it;
    rmq_batch_record r;
    rmq_error err;
    rmq_batch_iter_init(&it, buf, sizeof buf - 1, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_batch_next(&it, &r, &err), RMQ_OK);
    cr_assert_eq(rmq_batch_next(&it, &r, &err), RMQ_ERR_BATCH_RECORD, "truncated second record");
    cr_assert_eq(err.offset, sizeof spec_record + 25);

    buf[19] = 0xFF; buf[16] = 0xFF; /* body length -1 */
    rmq_batch_iter_init(&it, buf, sizeof spec_record, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_batch_next(&it, &r, &err), RMQ_ERR_BATCH_RECORD);
}

Test(batch, total_size_mismatch_is_strict_unless_asked)
{
    uint8_t buf[sizeof spec_record];
    memcpy(buf, spec_record, sizeof buf);
    buf[3] = 0x40;
    rmq_batch_iter it;
    rmq_batch_record r;
    rmq_batch_iter_init(&it, buf, sizeof buf, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_batch_next(&it, &r, NULL), RMQ_ERR_BATCH_RECORD);
    rmq_batch_iter_init(&it, buf, sizeof buf, RMQ_LENIENT_BATCH_TOTAL_SIZE);
    cr_assert_eq(rmq_batch_next(&it, &r, NULL), RMQ_OK, "Java never reads TOTALSIZE");
}

Test(batch, properties_longer_than_a_short_are_refused)
{
    static char big[40000];
    memset(big, 'p', sizeof big);
    rmq_batch_record r = {0, (const uint8_t *)"x", 1, {big, sizeof big}};
    size_t size;
    cr_assert_eq(rmq_batch_encoded_size(&r, 1, &size, NULL), RMQ_ERR_UNREPRESENTABLE);
    r.properties.len = 32767;
    cr_assert_eq(rmq_batch_encoded_size(&r, 1, &size, NULL), RMQ_OK);
    cr_assert_eq(size, 22 + 1 + 32767);
}
