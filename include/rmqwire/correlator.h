/* rmqwire — request/response correlation by opaque (the Java client's responseTable). */
#ifndef RMQWIRE_CORRELATOR_H
#define RMQWIRE_CORRELATOR_H

#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A request waiting for its response. Times are whatever clock the caller uses
 * (milliseconds in the examples); the correlator never reads a clock itself.
 */
typedef struct rmq_pending {
    int32_t opaque;
    int32_t code;           /* request code, to pick the response's header class */
    int64_t sent_at;
    int64_t deadline;       /* sent_at + timeout */
    void *user;             /* caller's context, returned untouched */
    bool in_use;
} rmq_pending;

/*
 * Pending requests in caller memory: an open-addressing table over `slots`, so
 * tracking, matching and removing are O(1) on average and never allocate.
 * Treat the fields as private.
 */
typedef struct rmq_correlator {
    rmq_pending *slots;
    size_t cap;
    size_t count;
    int32_t next_opaque;
} rmq_correlator;

/*
 * Use `slots[0..cap)` (cap >= 1) as the table; first_opaque is the first value
 * rmq_correlator_next_opaque hands out (Java's counter starts at 0 per JVM).
 * RMQ_ERR_INVALID_ARGUMENT when slots is NULL or cap is 0.
 */
RMQ_API int rmq_correlator_init(rmq_correlator *c, rmq_pending *slots, size_t cap, int32_t first_opaque);

/*
 * The next opaque for a request: the counter value, incremented with Java's int
 * wrap-around, skipping values still pending so that a wrapped counter never
 * collides with a live request.
 */
RMQ_API int32_t rmq_correlator_next_opaque(rmq_correlator *c);

/* Whether a command expects an answer: a request that is not oneway. */
RMQ_API bool rmq_command_expects_response(const rmq_command *cmd);

/*
 * Remember request `req` (its opaque and code), sent at `now`, expiring at
 * now + timeout. A oneway request expects no answer: RMQ_OK, nothing stored, and
 * *tracked false. Errors: RMQ_ERR_INVALID_ARGUMENT for a response command or a
 * negative timeout, RMQ_ERR_DUPLICATE_OPAQUE when the opaque is already pending,
 * RMQ_ERR_TABLE_FULL when every slot is in use. `tracked` may be NULL.
 */
RMQ_API int rmq_correlator_track(rmq_correlator *c, const rmq_command *req, int64_t now, int64_t timeout,
                                 void *user, bool *tracked, rmq_error *err);

/*
 * The pending request a decoded response answers (same opaque), removed from the
 * table into *out. A response that arrives after its deadline but before
 * rmq_correlator_expire removed it is still matched, as in Java (check
 * out->deadline against your clock to see that it was late).
 * Errors: RMQ_ERR_INVALID_ARGUMENT when resp is not a response,
 * RMQ_ERR_UNKNOWN_OPAQUE when nothing is pending under its opaque (never sent,
 * already answered, expired, or sent oneway).
 */
RMQ_API int rmq_correlator_match(rmq_correlator *c, const rmq_command *resp, rmq_pending *out, rmq_error *err);

/* Drop the pending request with this opaque (the send failed); false when none. */
RMQ_API bool rmq_correlator_cancel(rmq_correlator *c, int32_t opaque, rmq_pending *out);

/*
 * Remove up to `max` requests whose deadline is <= now, copying them to out[]
 * (out may be NULL only with max 0). Returns how many
 * were removed; call again while it returns max.
 */
RMQ_API size_t rmq_correlator_expire(rmq_correlator *c, int64_t now, rmq_pending *out, size_t max);

/* Requests pending now. */
RMQ_API size_t rmq_correlator_pending(const rmq_correlator *c);

#ifdef __cplusplus
}
#endif
#endif
