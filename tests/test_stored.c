/* Stored message records (SPEC §10.2). */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

/* SPEC §15.8 (4.9.8): topic T1, body "hi", queue 2, offsets 5 / 1234, IPv4 hosts. */
static const uint8_t spec_record[] = {
    0x00, 0x00, 0x00, 0x71, 0xda, 0xa3, 0x20, 0xa7, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xd2, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0xc3, 0x50,
    0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x00, 0x00, 0x2a, 0x9f,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 'h', 'i', 0x02, 'T', '1',
    0x00, 0x12, 'U', 'N', 'I', 'Q', '_', 'K', 'E', 'Y', 0x01, 'A', 'A', 0x02, 'T', 'A', 'G', 'S', 0x01, 't'};

Test(stored, spec_record_fields)
{
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_stored_iter_init(&it, spec_record, sizeof spec_record, RMQ_RELEASE_4_9_8, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_stored_next(&it, &m, NULL), RMQ_OK);
    cr_assert_eq(m.store_size, 0x71);
    cr_assert_eq(m.queue_id, 2);
    cr_assert_eq(m.queue_offset, 5);
    cr_assert_eq(m.commit_log_offset, 1234);
    cr_assert_eq(m.born_timestamp, 1700000000000LL);
    cr_assert_eq(m.born_host.port, 50000);
    cr_assert_eq(m.store_host.addr_len, 4);
    cr_assert(rmq_str_equal_cstr(m.topic, "T1"));
    cr_assert_eq(m.body_len, 2);
    char id[57], host[52];
    rmq_stored_offset_msgid(&m, id);
    cr_assert_str_eq(id, "0A00000200002A9F00000000000004D2");
    rmq_host_format(&m.born_host, host);
    cr_assert_str_eq(host, "10.0.0.1:50000");
    cr_assert_eq(rmq_stored_next(&it, &m, NULL), RMQ_DONE);
    cr_assert_eq(rmq_body_crc((const uint8_t *)"hi", 2), rmq_body_crc((const uint8_t *)"hi", 2));
    cr_assert_not(rmq_stored_body_crc_ok(&m), "the SPEC vector has BODYCRC 0");
}

Test(stored, magic_is_checked_per_release)
{
    uint8_t buf[sizeof spec_record];
    memcpy(buf, spec_record, sizeof buf);
    buf[7] = 0x00; /* bad magic */
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_error err;
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_5_3_3, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_stored_next(&it, &m, &err), RMQ_ERR_STORED_RECORD);
    cr_assert_eq(err.offset, 4);
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_4_9_8, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_stored_next(&it, &m, &err), RMQ_OK, "4.9.8 ignores the magic");
}

Test(stored, v2_magic_has_a_two_byte_topic_length)
{
    uint8_t buf[sizeof spec_record + 1];
    memcpy(buf, spec_record, 90);
    buf[3] = 0x72;
    buf[7] = 0xab;
    buf[90] = 0;
    buf[91] = 2;
    memcpy(buf + 92, spec_record + 91, sizeof spec_record - 91);
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_5_3_3, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_stored_next(&it, &m, NULL), RMQ_OK);
    cr_assert(rmq_str_equal_cstr(m.topic, "T1"));
}

Test(stored, truncation_anywhere_is_an_error_never_a_read_past_the_end)
{
    for (size_t cut = 1; cut < sizeof spec_record; cut++) {
        rmq_stored_iter it;
        rmq_stored_message m;
        rmq_error err;
        rmq_stored_iter_init(&it, spec_record, cut, RMQ_RELEASE_5_3_3, RMQ_LENIENCY_ALL);
        cr_assert_eq(rmq_stored_next(&it, &m, &err), RMQ_ERR_STORED_RECORD, "cut at %zu", cut);
    }
}

Test(stored, total_size_and_ipv6_hosts)
{
    uint8_t buf[sizeof spec_record];
    memcpy(buf, spec_record, sizeof buf);
    buf[3] = 0x70;
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_5_3_3, RMQ_LENIENCY_STRICT);
    cr_assert_eq(rmq_stored_next(&it, &m, NULL), RMQ_ERR_STORED_RECORD);
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_5_3_3, RMQ_LENIENT_BATCH_TOTAL_SIZE);
    cr_assert_eq(rmq_stored_next(&it, &m, NULL), RMQ_OK);
    /* IPv6 born host flag without the extra 12 bytes: the record no longer parses */
    memcpy(buf, spec_record, sizeof buf);
    buf[39] = RMQ_MSG_BORNHOST_V6;
    rmq_stored_iter_init(&it, buf, sizeof buf, RMQ_RELEASE_5_3_3, RMQ_LENIENCY_STRICT);
    cr_assert_lt(rmq_stored_next(&it, &m, NULL), RMQ_DONE);
}
