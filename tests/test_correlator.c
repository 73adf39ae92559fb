/* Correlator: opaques, matching, oneway, expiry, full table, wrap-around. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

static rmq_command request(int32_t code, int32_t opaque, bool oneway)
{
    rmq_command c;
    rmq_command_init(&c);
    c.code = code;
    c.opaque = opaque;
    c.flag = oneway ? RMQ_FLAG_ONEWAY : 0;
    return c;
}

static rmq_command response(int32_t opaque)
{
    rmq_command c;
    rmq_command_init(&c);
    c.opaque = opaque;
    c.flag = RMQ_FLAG_RESPONSE;
    return c;
}

Test(correlator, init_rejects_empty_table)
{
    rmq_correlator c;
    rmq_pending slots[1];
    cr_expect_eq(rmq_correlator_init(&c, slots, 0, 0), RMQ_ERR_INVALID_ARGUMENT);
    cr_expect_eq(rmq_correlator_init(&c, NULL, 4, 0), RMQ_ERR_INVALID_ARGUMENT);
}

Test(correlator, next_opaque_counts_like_java_and_wraps)
{
    rmq_correlator c;
    rmq_pending slots[4];
    rmq_correlator_init(&c, slots, 4, INT32_MAX - 1);
    cr_expect_eq(rmq_correlator_next_opaque(&c), INT32_MAX - 1);
    cr_expect_eq(rmq_correlator_next_opaque(&c), INT32_MAX);
    cr_expect_eq(rmq_correlator_next_opaque(&c), INT32_MIN);
}

Test(correlator, next_opaque_skips_values_still_pending)
{
    rmq_correlator c;
    rmq_pending slots[4];
    rmq_correlator_init(&c, slots, 4, 5);
    rmq_command r5 = request(105, 5, false), r6 = request(105, 6, false);
    cr_assert_eq(rmq_correlator_track(&c, &r5, 0, 100, NULL, NULL, NULL), RMQ_OK);
    cr_assert_eq(rmq_correlator_track(&c, &r6, 0, 100, NULL, NULL, NULL), RMQ_OK);
    cr_expect_eq(rmq_correlator_next_opaque(&c), 7);
    cr_expect_eq(rmq_correlator_next_opaque(&c), 8);
}

Test(correlator, match_returns_the_request_once)
{
    rmq_correlator c;
    rmq_pending slots[8], got;
    rmq_correlator_init(&c, slots, 8, 0);
    int ctx = 42;
    rmq_command req = request(310, 17, false);
    bool tracked = false;
    cr_assert_eq(rmq_correlator_track(&c, &req, 1000, 3000, &ctx, &tracked, NULL), RMQ_OK);
    cr_expect(tracked);
    cr_expect_eq(rmq_correlator_pending(&c), 1);
    rmq_command resp = response(17);
    rmq_error err;
    cr_assert_eq(rmq_correlator_match(&c, &resp, &got, &err), RMQ_OK);
    cr_expect_eq(got.code, 310);
    cr_expect_eq(got.sent_at, 1000);
    cr_expect_eq(got.deadline, 4000);
    cr_expect_eq(got.user, &ctx);
    cr_expect_eq(rmq_correlator_pending(&c), 0);
    cr_expect_eq(rmq_correlator_match(&c, &resp, &got, &err), RMQ_ERR_UNKNOWN_OPAQUE);
    cr_expect_eq(err.code, RMQ_ERR_UNKNOWN_OPAQUE);
    cr_expect_str_eq(err.message, rmq_strerror(RMQ_ERR_UNKNOWN_OPAQUE));
}

Test(correlator, oneway_requests_are_not_tracked)
{
    rmq_correlator c;
    rmq_pending slots[2];
    rmq_correlator_init(&c, slots, 2, 0);
    rmq_command req = request(34, 3, true);
    bool tracked = true;
    cr_assert_eq(rmq_correlator_track(&c, &req, 0, 100, NULL, &tracked, NULL), RMQ_OK);
    cr_expect_not(tracked);
    cr_expect_not(rmq_command_expects_response(&req));
    cr_expect_eq(rmq_correlator_pending(&c), 0);
    rmq_command resp = response(3);
    cr_expect_eq(rmq_correlator_match(&c, &resp, NULL, NULL), RMQ_ERR_UNKNOWN_OPAQUE);
}

Test(correlator, rejects_duplicates_full_table_and_wrong_direction)
{
    rmq_correlator c;
    rmq_pending slots[2];
    rmq_correlator_init(&c, slots, 2, 0);
    rmq_command a = request(10, 1, false), b = request(10, 2, false), d = request(10, 3, false);
    rmq_error err;
    cr_assert_eq(rmq_correlator_track(&c, &a, 0, 10, NULL, NULL, &err), RMQ_OK);
    cr_expect_eq(rmq_correlator_track(&c, &a, 0, 10, NULL, NULL, &err), RMQ_ERR_DUPLICATE_OPAQUE);
    cr_assert_eq(rmq_correlator_track(&c, &b, 0, 10, NULL, NULL, &err), RMQ_OK);
    cr_expect_eq(rmq_correlator_track(&c, &d, 0, 10, NULL, NULL, &err), RMQ_ERR_TABLE_FULL);
    rmq_command resp = response(1);
    cr_expect_eq(rmq_correlator_track(&c, &resp, 0, 10, NULL, NULL, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_expect_eq(rmq_correlator_track(&c, &d, 0, -1, NULL, NULL, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_expect_eq(rmq_correlator_match(&c, &a, NULL, &err), RMQ_ERR_INVALID_ARGUMENT);
}

Test(correlator, expire_removes_only_what_is_due)
{
    rmq_correlator c;
    rmq_pending slots[16], out[16];
    rmq_correlator_init(&c, slots, 16, 0);
    for (int i = 0; i < 10; i++) {
        rmq_command r = request(10, i, false);
        cr_assert_eq(rmq_correlator_track(&c, &r, i * 100, 1000, NULL, NULL, NULL), RMQ_OK);
    }
    /* deadlines 1000, 1100, … 1900: at 1450 the first five are due */
    cr_expect_eq(rmq_correlator_expire(&c, 1450, out, 3), 3);
    cr_expect_eq(rmq_correlator_expire(&c, 1450, out, 16), 2);
    cr_expect_eq(rmq_correlator_expire(&c, 1450, out, 16), 0);
    cr_expect_eq(rmq_correlator_pending(&c), 5);
    for (int i = 5; i < 10; i++) {
        rmq_command resp = response(i);
        cr_expect_eq(rmq_correlator_match(&c, &resp, NULL, NULL), RMQ_OK, "opaque %d lost", i);
    }
    for (int i = 0; i < 5; i++) {
        rmq_command resp = response(i);
        cr_expect_eq(rmq_correlator_match(&c, &resp, NULL, NULL), RMQ_ERR_UNKNOWN_OPAQUE);
    }
}

Test(correlator, late_response_matches_until_expired)
{
    rmq_correlator c;
    rmq_pending slots[4], got;
    rmq_correlator_init(&c, slots, 4, 0);
    rmq_command r = request(105, 9, false);
    rmq_correlator_track(&c, &r, 0, 10, NULL, NULL, NULL);
    rmq_command resp = response(9);
    cr_assert_eq(rmq_correlator_match(&c, &resp, &got, NULL), RMQ_OK);
    cr_expect_lt(got.deadline, 50);
}

Test(correlator, cancel_and_colliding_homes_keep_every_entry_reachable)
{
    /* a table of 7 with 7 entries: every probe chain wraps; remove from the middle */
    rmq_correlator c;
    rmq_pending slots[7];
    rmq_correlator_init(&c, slots, 7, 0);
    for (int i = 0; i < 7; i++) {
        rmq_command r = request(10, i * 7, false);
        cr_assert_eq(rmq_correlator_track(&c, &r, 0, 10, NULL, NULL, NULL), RMQ_OK);
    }
    cr_expect(rmq_correlator_cancel(&c, 21, NULL));
    cr_expect_not(rmq_correlator_cancel(&c, 21, NULL));
    for (int i = 0; i < 7; i++) {
        if (i == 3) continue;
        rmq_command resp = response(i * 7);
        cr_expect_eq(rmq_correlator_match(&c, &resp, NULL, NULL), RMQ_OK, "opaque %d lost", i * 7);
    }
    cr_expect_eq(rmq_correlator_pending(&c), 0);
}

Test(correlator, huge_timeout_saturates)
{
    rmq_correlator c;
    rmq_pending slots[1], got;
    rmq_correlator_init(&c, slots, 1, 0);
    rmq_command r = request(10, 1, false);
    cr_assert_eq(rmq_correlator_track(&c, &r, 5, INT64_MAX, NULL, NULL, NULL), RMQ_OK);
    cr_expect_eq(rmq_correlator_expire(&c, INT64_MAX - 1, &got, 1), 0);
}
