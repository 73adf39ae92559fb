/* Latency fault tolerance: MQFaultStrategy / LatencyFaultToleranceImpl of 4.9.8 and 5.3.3. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define S(x) rmq_str_from_cstr(x)

Test(fault, durations_follow_javas_tables)
{
    static const int64_t latency[] = {0, 49, 50, 100, 549, 550, 999, 1000, 1999, 2000, 2999, 3000, 14999, 15000, 99999};
    static const int64_t want[] = {0, 0, 0, 0, 0, 30000, 30000, 60000, 60000, 120000, 120000, 180000, 180000, 600000, 600000};
    for (size_t i = 0; i < sizeof latency / sizeof latency[0]; i++)
        cr_assert_eq(rmq_fault_not_available_duration(latency[i]), want[i], "latency %lld", (long long)latency[i]);
}

Test(fault, availability_by_the_callers_clock)
{
    rmq_fault_item items[4];
    rmq_fault_table t;
    cr_assert_eq(rmq_fault_init(&t, items, 4, 0, NULL), RMQ_OK);
    cr_assert(rmq_fault_is_available(&t, S("a"), 0), "unknown brokers are available");
    cr_assert_eq(rmq_fault_update(&t, S("a"), 600, false, 1000, NULL), RMQ_OK);
    cr_assert_not(rmq_fault_is_available(&t, S("a"), 30999));
    cr_assert(rmq_fault_is_available(&t, S("a"), 31000));
    cr_assert_eq(rmq_fault_update(&t, S("a"), 10, true, 1000, NULL), RMQ_OK, "a failed send is isolated");
    cr_assert_not(rmq_fault_is_available(&t, S("a"), 600999));
    cr_assert(rmq_fault_is_available(&t, S("a"), 601000));
    cr_assert_eq(rmq_fault_update(&t, S("fast"), 20, false, 1000, NULL), RMQ_OK);
    cr_assert(rmq_fault_is_available(&t, S("fast"), 1000), "under 550 ms a broker stays available");
    rmq_fault_remove(&t, S("a"));
    cr_assert(rmq_fault_is_available(&t, S("a"), 0));
    char long_name[RMQ_FAULT_NAME_MAX + 2];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    cr_assert_eq(rmq_fault_update(&t, S(long_name), 1, false, 0, NULL), RMQ_ERR_STRING_TOO_LONG);
    for (int i = 0; i < 3; i++) {
        char n[8];
        snprintf(n, sizeof n, "b%d", i);
        cr_assert_eq(rmq_fault_update(&t, S(n), 1, false, 0, NULL), i < 3 ? RMQ_OK : RMQ_ERR_TABLE_FULL);
    }
    cr_assert_eq(rmq_fault_update(&t, S("one_too_many"), 1, false, 0, NULL), RMQ_ERR_TABLE_FULL);
}

static rmq_route two_brokers(rmq_queue_data qd[2])
{
    qd[0] = (rmq_queue_data){S("a"), 4, 4, RMQ_PERM_READ | RMQ_PERM_WRITE, 0};
    qd[1] = (rmq_queue_data){S("b"), 4, 2, RMQ_PERM_READ | RMQ_PERM_WRITE, 0};
    rmq_route r;
    memset(&r, 0, sizeof r);
    r.has_queue_datas = true;
    r.queue_datas = qd;
    r.queue_count = 2;
    return r;
}

Test(fault, select_skips_unavailable_brokers_then_takes_the_least_bad)
{
    rmq_queue_data qd[2];
    rmq_route r = two_brokers(qd);
    rmq_message_queue queues[6] = {{S("T"), S("a"), 0}, {S("T"), S("a"), 1}, {S("T"), S("a"), 2}, {S("T"), S("a"), 3},
                                   {S("T"), S("b"), 0}, {S("T"), S("b"), 1}};
    rmq_publish_info info = {queues, 6, false};
    rmq_fault_item items[4];
    rmq_fault_table t;
    rmq_fault_init(&t, items, 4, 0, NULL);
    rmq_queue_selector sel;
    rmq_queue_selector_init(&sel, 0);
    rmq_message_queue scratch;
    cr_assert_eq(rmq_fault_update(&t, S("a"), 1000, false, 0, NULL), RMQ_OK); /* a out for 60 s */
    for (int i = 0; i < 20; i++) {
        const rmq_message_queue *q = rmq_fault_select(&sel, &info, &r, &t, 100, &scratch);
        cr_assert(rmq_str_equal_cstr(q->broker_name, "b"), "pick %d went to %.*s", i, (int)q->broker_name.len,
                  q->broker_name.ptr);
    }
    cr_assert_eq(rmq_fault_update(&t, S("b"), 3000, false, 0, NULL), RMQ_OK); /* b out for 180 s, slower */
    for (int i = 0; i < 10; i++) {
        const rmq_message_queue *q = rmq_fault_select(&sel, &info, &r, &t, 100, &scratch);
        cr_assert_eq(q, &scratch, "both down: a queue of the least bad broker");
        cr_assert(rmq_str_equal_cstr(q->broker_name, "a"), "the lower latency wins");
        cr_assert(q->queue_id >= 0 && q->queue_id < 4, "a queue id under a's write queue count");
    }
    cr_assert(rmq_str_equal_cstr(rmq_fault_select(&sel, &info, &r, &t, 60000, &scratch)->broker_name, "a"),
              "a is back after 60 s");
    /* a least-bad broker the route cannot write to is dropped from the table */
    rmq_fault_update(&t, S("gone"), 10, true, 0, NULL);
    rmq_fault_update(&t, S("a"), 3000, false, 0, NULL);
    rmq_fault_update(&t, S("b"), 3000, false, 0, NULL);
    const rmq_message_queue *q = rmq_fault_select(&sel, &info, &r, &t, 100, &scratch);
    cr_assert_not_null(q);
    cr_assert_neq(q, &scratch);
}

Test(fault, pick_one_at_least_turns_over_the_better_half)
{
    rmq_fault_item items[8];
    rmq_fault_table t;
    rmq_fault_init(&t, items, 8, 0, NULL);
    cr_assert_null(rmq_fault_pick_one_at_least(&t, 0).ptr);
    rmq_fault_update(&t, S("slow"), 3000, false, 0, NULL);
    rmq_fault_update(&t, S("ok"), 10, false, 0, NULL);
    rmq_fault_update(&t, S("mid"), 600, false, 0, NULL);
    rmq_fault_update(&t, S("worst"), 15000, false, 0, NULL);
    /* sorted: ok (available), mid, slow, worst; half = 2 → ok and mid in turn */
    bool saw_ok = false, saw_mid = false;
    for (int i = 0; i < 6; i++) {
        rmq_str s = rmq_fault_pick_one_at_least(&t, 1);
        saw_ok |= rmq_str_equal_cstr(s, "ok");
        saw_mid |= rmq_str_equal_cstr(s, "mid");
        cr_assert(rmq_str_equal_cstr(s, "ok") || rmq_str_equal_cstr(s, "mid"));
    }
    cr_assert(saw_ok && saw_mid);
}

Test(fault, durations_of_533)
{
    static const int64_t latency[] = {0, 549, 550, 1799, 1800, 2999, 3000, 4999, 5000, 14999, 15000};
    static const int64_t want[] = {0, 0, 2000, 2000, 5000, 5000, 6000, 6000, 10000, 10000, 30000};
    for (size_t i = 0; i < sizeof latency / sizeof latency[0]; i++)
        cr_assert_eq(rmq_fault_not_available_duration_533(latency[i]), want[i], "latency %lld", (long long)latency[i]);
}

Test(fault, update_533_only_moves_unavailability_later_and_keeps_reachability)
{
    rmq_fault_item items[2];
    rmq_fault_table t;
    rmq_fault_init(&t, items, 2, 0, NULL);
    cr_assert_eq(rmq_fault_update_533(&t, S("a"), 10, true, true, 1000, NULL), RMQ_OK);
    cr_assert_not(rmq_fault_is_available(&t, S("a"), 10999), "isolation counts as 10 s: out for 10 s");
    cr_assert(rmq_fault_is_available(&t, S("a"), 11000));
    /* a fast answer (duration 0) does not bring it back early, unlike 4.9.8 */
    cr_assert_eq(rmq_fault_update_533(&t, S("a"), 5, false, true, 2000, NULL), RMQ_OK);
    cr_assert_not(rmq_fault_is_available(&t, S("a"), 10999));
    cr_assert_eq(rmq_fault_update(&t, S("a"), 5, false, 2000, NULL), RMQ_OK);
    cr_assert(rmq_fault_is_available(&t, S("a"), 2000), "4.9.8 sets the time whatever it was");
    cr_assert(rmq_fault_is_reachable(&t, S("a")) && rmq_fault_is_reachable(&t, S("new")));
    cr_assert_eq(rmq_fault_update_533(&t, S("b"), 0, false, false, 0, NULL), RMQ_OK);
    cr_assert_not(rmq_fault_is_reachable(&t, S("b")));
    cr_assert(rmq_fault_is_available(&t, S("b"), 0), "a new fast broker stays available");
    cr_assert_eq(rmq_fault_update_533(&t, S("c"), 0, false, true, 0, NULL), RMQ_ERR_TABLE_FULL);
}

Test(fault, select_533_avoids_the_last_broker_and_filters_in_javas_order)
{
    rmq_message_queue queues[4] = {{S("T"), S("a"), 0}, {S("T"), S("a"), 1}, {S("T"), S("b"), 0}, {S("T"), S("c"), 0}};
    rmq_publish_info info = {queues, 4, false};
    rmq_fault_item items[4];
    rmq_fault_table t;
    rmq_fault_init(&t, items, 4, 0, NULL);
    rmq_queue_selector sel;
    /* every look advances the shared index (4.9.8 walked a local copy) */
    rmq_queue_selector_init(&sel, 0);
    const rmq_message_queue *q = rmq_fault_select_533(&sel, &info, &t, S("a"), 0);
    cr_assert_eq(q, &queues[2], "index 1 is a's, index 2 is b's");
    cr_assert_eq(sel.index, 2u);
    /* b and c unavailable, c also unreachable, a the last broker: nothing passes the first
     * filter (available, not a); the second (reachable, not a) takes b */
    rmq_fault_update_533(&t, S("b"), 20000, false, true, 0, NULL);
    rmq_fault_update_533(&t, S("c"), 20000, false, false, 0, NULL);
    rmq_queue_selector_init(&sel, 0);
    q = rmq_fault_select_533(&sel, &info, &t, S("a"), 100);
    cr_assert(rmq_str_equal_cstr(q->broker_name, "b"), "went to %.*s", (int)q->broker_name.len, q->broker_name.ptr);
    /* without a table (latency fault off): only the last broker is avoided */
    rmq_queue_selector_init(&sel, 0);
    cr_assert_eq(rmq_fault_select_533(&sel, &info, NULL, RMQ_STR_NULL, 0), &queues[1]);
    /* every queue on the last broker: the next one anyway */
    rmq_message_queue only_a[2] = {{S("T"), S("a"), 0}, {S("T"), S("a"), 1}};
    rmq_publish_info info_a = {only_a, 2, false};
    cr_assert_not_null(rmq_fault_select_533(&sel, &info_a, &t, S("a"), 0));
    cr_assert_null(rmq_fault_select_533(&sel, &(rmq_publish_info){only_a, 0, false}, &t, S("a"), 0));
}
