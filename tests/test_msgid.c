/* Message ids (SPEC §11). */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

Test(msgid, offset_id_spec_example_both_ways)
{
    rmq_host h = {{10, 0, 0, 2}, 4, 10911};
    char id[57];
    cr_assert_eq(rmq_offset_msgid_format(&h, 1234, id), 32);
    cr_assert_str_eq(id, "0A00000200002A9F00000000000004D2");
    rmq_host back;
    int64_t off;
    cr_assert_eq(rmq_offset_msgid_parse("0a00000200002a9f00000000000004d2", 32, &back, &off, NULL), RMQ_OK, "lower case accepted");
    cr_assert_eq(off, 1234);
    cr_assert_eq(back.port, 10911);
    cr_assert_eq(memcmp(back.addr, h.addr, 4), 0);
}

Test(msgid, offset_id_errors)
{
    rmq_host h;
    int64_t off;
    rmq_error err;
    cr_assert_eq(rmq_offset_msgid_parse("0A00", 4, &h, &off, &err), RMQ_ERR_MSGID);
    cr_assert_eq(rmq_offset_msgid_parse("0A00000200002A9F00000000000004DZ", 32, &h, &off, &err), RMQ_ERR_MSGID);
    cr_assert_eq(err.offset, 31);
}

Test(msgid, uniq_id_spec_example)
{
    const char *id = "FD000000000000000000000000000002229230946E097CC21A4E0001";
    rmq_uniq_id u;
    cr_assert_eq(rmq_uniq_id_parse(id, strlen(id), &u, NULL), RMQ_OK);
    cr_assert_eq(u.ip_len, 16);
    cr_assert_eq(u.pid, 0x2292);
    cr_assert_eq(u.loader_hash, 0x30946E09u);
    cr_assert_eq(u.ms_in_month, 0x7CC21A4Eu);
    cr_assert_eq(u.counter, 1);
    char ip[40];
    rmq_ip_format(u.ip, u.ip_len, RMQ_IP_STYLE_UTILALL, ip);
    cr_assert_str_eq(ip, "fd00:0000:0000:0000:0000:0000:0000:0002");
    rmq_ip_format(u.ip, u.ip_len, RMQ_IP_STYLE_INET, ip);
    cr_assert_str_eq(ip, "fd00:0:0:0:0:0:0:2");
}

Test(msgid, month_start_and_nearly_time)
{
    /* 2026-11-25 → 2026-11-01 00:00 UTC; 2027-01-01 → itself; with a +08:00 zone */
    cr_assert_eq(rmq_month_start_ms(1795584777945LL, 0), 1793491200000LL);
    cr_assert_eq(rmq_month_start_ms(1798761600000LL, 0), 1798761600000LL);
    cr_assert_eq(rmq_month_start_ms(1798761600000LL - 1, 0), 1796083200000LL);
    cr_assert_eq(rmq_month_start_ms(1793491200000LL - 3600000, 480), 1793491200000LL - 8 * 3600000LL);
    rmq_uniq_id u = {.ms_in_month = 86400000u};
    cr_assert_eq(rmq_uniq_id_nearly_time(&u, 1795584777945LL, 0), 1793577600000LL, "uniq_fixed vector");
    u.ms_in_month = 30u * 86400000u; /* would be in the future: previous month */
    cr_assert_eq(rmq_uniq_id_nearly_time(&u, 1795584777945LL, 0), 1790812800000LL + 30LL * 86400000);
}

Test(msgid, generator_layout_counter_and_month_rollover)
{
    const uint8_t ip[4] = {192, 0, 2, 2};
    rmq_uniq_gen g;
    cr_assert_eq(rmq_uniq_gen_init(&g, ip, 4, 0x3B36, 0x5FFD2B27, 0), RMQ_OK);
    char id[57];
    int64_t t = 1793491200000LL + 1000; /* one second into November */
    cr_assert_eq(rmq_uniq_gen_next(&g, t, id), 32);
    cr_assert_str_eq(id, "C00002023B365FFD2B27000003E80000");
    rmq_uniq_gen_next(&g, t, id);
    cr_assert_str_eq(id + 28, "0001", "counter");
    rmq_uniq_gen_next(&g, 1796083200000LL + 5, id); /* December */
    cr_assert_str_eq(id + 20, "000000050002");
    rmq_uniq_gen_next(&g, 1796083200000LL - 10, id); /* clock stepped back */
    cr_assert_eq(memcmp(id + 20, "00000000", 8), 0, "negative difference clamps to 0");
    cr_assert_eq(rmq_uniq_gen_init(&g, ip, 5, 1, 1, 0), RMQ_ERR_INVALID_ARGUMENT);
}

Test(msgid, time_helpers_at_extreme_clocks_stay_defined)
{
    /* under UBSan a signed overflow here fails the sanitizer run */
    const int64_t clocks[] = {INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, (int64_t)1 << 53, -((int64_t)1 << 53)};
    const int32_t offsets[] = {INT32_MAX, INT32_MIN, 0, 480};
    rmq_uniq_id id;
    memset(&id, 0, sizeof id);
    id.ms_in_month = UINT32_MAX;
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        for (size_t j = 0; j < sizeof offsets / sizeof offsets[0]; j++) {
            int64_t start = rmq_month_start_ms(clocks[i], offsets[j]);
            cr_assert(start <= ((int64_t)1 << 53) + ((int64_t)1 << 48) && start >= -((int64_t)1 << 54), "start %lld", (long long)start);
            int64_t t = rmq_uniq_id_nearly_time(&id, clocks[i], offsets[j]);
            cr_assert(t < ((int64_t)1 << 54) && t > -((int64_t)1 << 54));
        }
    }
    static const uint8_t ip[4] = {10, 0, 0, 1};
    rmq_uniq_gen gen;
    cr_assert_eq(rmq_uniq_gen_init(&gen, ip, 4, 7, 9, INT32_MAX), RMQ_OK);
    char out[57];
    cr_assert_eq(rmq_uniq_gen_next(&gen, INT64_MAX, out), 32);
    cr_assert_eq(rmq_uniq_gen_next(&gen, INT64_MIN, out), 32);
}
