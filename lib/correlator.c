/* Pending requests by opaque: linear probing over caller slots, backward-shift deletion. */
#include "rmqwire/correlator.h"

#include "internal/error_set.h"

static size_t home_of(const rmq_correlator *c, int32_t opaque)
{
    /* opaques are sequential: a multiplicative hash spreads neighbours over the table */
    uint32_t h = (uint32_t)opaque * 2654435761u;
    return (size_t)(h % c->cap);
}

static size_t find_slot(const rmq_correlator *c, int32_t opaque, bool *found)
{
    size_t i = home_of(c, opaque);
    for (size_t probes = 0; probes < c->cap; probes++) {
        if (!c->slots[i].in_use) {
            *found = false;
            return i;
        }
        if (c->slots[i].opaque == opaque) {
            *found = true;
            return i;
        }
        i = (i + 1) % c->cap;
    }
    *found = false;
    return c->cap; /* full and absent */
}

/* Distance from an entry's home slot to where it sits, walking forward. */
static size_t probe_distance(const rmq_correlator *c, size_t home, size_t at)
{
    return at >= home ? at - home : at + c->cap - home;
}

/* Empty slot i and pull later entries of its cluster back so every lookup still finds them. */
static void remove_at(rmq_correlator *c, size_t hole)
{
    size_t j = hole;
    for (;;) {
        j = (j + 1) % c->cap;
        if (j == hole || !c->slots[j].in_use) break;
        size_t home = home_of(c, c->slots[j].opaque);
        /* move j into the hole only if the hole lies between its home and j */
        if (probe_distance(c, home, j) >= probe_distance(c, hole, j)) {
            c->slots[hole] = c->slots[j];
            hole = j;
        }
    }
    c->slots[hole].in_use = false;
    c->count--;
}

int rmq_correlator_init(rmq_correlator *c, rmq_pending *slots, size_t cap, int32_t first_opaque)
{
    if (!c || !slots || cap == 0) return RMQ_ERR_INVALID_ARGUMENT;
    c->slots = slots;
    c->cap = cap;
    c->count = 0;
    c->next_opaque = first_opaque;
    for (size_t i = 0; i < cap; i++) c->slots[i].in_use = false;
    return RMQ_OK;
}

static int32_t java_int_increment(int32_t v)
{
    return v == INT32_MAX ? INT32_MIN : v + 1;
}

int32_t rmq_correlator_next_opaque(rmq_correlator *c)
{
    if (!c) return 0;
    int32_t v = c->next_opaque;
    bool found = true;
    /* at most cap values can be pending, so this ends within cap + 1 steps */
    for (size_t tries = 0; tries <= c->cap; tries++) {
        find_slot(c, v, &found);
        if (!found) break;
        v = java_int_increment(v);
    }
    c->next_opaque = java_int_increment(v);
    return v;
}

bool rmq_command_expects_response(const rmq_command *cmd)
{
    return cmd && !rmq_command_is_response(cmd) && !rmq_command_is_oneway(cmd);
}

int rmq_correlator_track(rmq_correlator *c, const rmq_command *req, int64_t now, int64_t timeout,
                         void *user, bool *tracked, rmq_error *err)
{
    if (tracked) *tracked = false;
    if (!c || !req || rmq_command_is_response(req) || timeout < 0)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "track needs a request and a timeout >= 0");
    if (rmq_command_is_oneway(req)) return RMQ_OK;
    bool found;
    size_t i = find_slot(c, req->opaque, &found);
    if (found) return rmq_fail(err, RMQ_ERR_DUPLICATE_OPAQUE, 0, NULL);
    if (i == c->cap) return rmq_fail(err, RMQ_ERR_TABLE_FULL, 0, NULL);
    rmq_pending *p = &c->slots[i];
    p->opaque = req->opaque;
    p->code = req->code;
    p->sent_at = now;
    /* saturate instead of overflowing on a huge timeout */
    p->deadline = (now > 0 && timeout > INT64_MAX - now) ? INT64_MAX : now + timeout;
    p->user = user;
    p->in_use = true;
    c->count++;
    if (tracked) *tracked = true;
    return RMQ_OK;
}

int rmq_correlator_match(rmq_correlator *c, const rmq_command *resp, rmq_pending *out, rmq_error *err)
{
    if (!c || !resp || !rmq_command_is_response(resp))
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "match needs a response command");
    bool found;
    size_t i = find_slot(c, resp->opaque, &found);
    if (!found) return rmq_fail(err, RMQ_ERR_UNKNOWN_OPAQUE, 0, NULL);
    if (out) *out = c->slots[i];
    remove_at(c, i);
    return RMQ_OK;
}

bool rmq_correlator_cancel(rmq_correlator *c, int32_t opaque, rmq_pending *out)
{
    if (!c) return false;
    if (!c) return false;
    bool found;
    size_t i = find_slot(c, opaque, &found);
    if (!found) return false;
    if (out) *out = c->slots[i];
    remove_at(c, i);
    return true;
}

size_t rmq_correlator_expire(rmq_correlator *c, int64_t now, rmq_pending *out, size_t max)
{
    if (!c || !out) return 0;
    size_t removed = 0;
    if (!c || !out) return 0;
    /* a removal pulls a later entry into slot i, so look at i again before moving on */
    for (size_t i = 0; i < c->cap && removed < max; i++) {
        while (removed < max && c->slots[i].in_use && c->slots[i].deadline <= now) {
            out[removed++] = c->slots[i];
            remove_at(c, i);
        }
    }
    return removed;
}

size_t rmq_correlator_pending(const rmq_correlator *c)
{
    if (!c) return 0;
    return c ? c->count : 0;
}
