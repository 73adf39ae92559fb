/* A TCP connection as an analyzer sees it: two splitters, one correlator per direction,
 * probing, resynchronisation after gaps. */
#include "rmqwire/conversation.h"

#include "internal/error_set.h"
#include "internal/limits.h"
#include "rmqwire/frame.h"
#include "rmqwire/probe.h"

#include <string.h>

int rmq_conversation_init(rmq_conversation *cv, const rmq_conversation_memory *mem,
                          const rmq_decode_options *opts, bool confirmed, rmq_error *err)
{
    if (!cv || !mem || !rmq_options_valid(opts)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    memset(cv, 0, sizeof *cv);
    if (opts) cv->opts = *opts;
    else rmq_decode_options_default(&cv->opts);
    cv->max_frame = cv->opts.max_frame ? cv->opts.max_frame : RMQ_DEFAULT_MAX_FRAME;
    for (int d = 0; d < 2; d++) {
        int rc = rmq_splitter_init(&cv->sp[d], mem->buf[d], mem->buf_cap, cv->max_frame, err);
        if (rc) return rc;
        rc = rmq_correlator_init(&cv->corr[d], mem->slots[d], mem->slot_count, 0);
        if (rc) return rmq_fail(err, rc, 0, "no slots for pending requests");
    }
    cv->state = confirmed ? RMQ_CONV_CONFIRMED : RMQ_CONV_PROBING;
    return RMQ_OK;
}

static bool valid_dir(int dir) { return dir == RMQ_DIR_C2S || dir == RMQ_DIR_S2C; }

/* Requests are remembered, responses matched; a full table only loses links. */
static void correlate(rmq_conversation *cv, int dir, rmq_conv_frame *f)
{
    const rmq_command *cmd = &f->cmd;
    if (rmq_command_is_response(cmd)) {
        rmq_pending req;
        if (rmq_correlator_match(&cv->corr[1 - dir], cmd, &req, NULL) == RMQ_OK) {
            f->answered = true;
            f->request_code = req.code;
            f->request_ts = req.sent_at;
        }
        return;
    }
    if (!rmq_command_expects_response(cmd)) return;
    /* a peer that reuses an opaque: the newer request is the one a response answers */
    rmq_correlator_cancel(&cv->corr[dir], cmd->opaque, NULL);
    /* deadline = ts: never expired here, and a late response is still matched */
    (void)rmq_correlator_track(&cv->corr[dir], cmd, f->ts, 0, NULL, NULL, NULL);
}

/* Restart framing at a plausible frame start: held carry bytes first, then the chunk. A
 * start cut by the chunk's end is carried (at most 8 bytes) to be judged with the next
 * chunk, so resynchronisation does not depend on how segments were cut. Returns
 * RMQ_INCOMPLETE when the chunk is used up still searching, else RMQ_OK with *pos where
 * framing continues in data. */
static int resynchronise(rmq_conversation *cv, int dir, const uint8_t *data, size_t len, size_t *pos)
{
    uint8_t *carry = cv->carry[dir];
    size_t held = cv->carry_len[dir];
    for (size_t k = 0; k < held; k++) {
        uint8_t probe[RMQ_PROBE_BYTES];
        size_t m = held - k, extra = RMQ_PROBE_BYTES - m < len ? RMQ_PROBE_BYTES - m : len;
        memcpy(probe, carry + k, m);
        memcpy(probe + m, data, extra);
        int rc = rmq_stream_probe(probe, m + extra, cv->max_frame, NULL, NULL);
        if (rc == RMQ_INCOMPLETE) { /* still too few bytes: carry them all */
            memmove(carry, carry + k, m);
            memcpy(carry + m, data, len);
            cv->carry_len[dir] = (uint8_t)(m + len);
            *pos = len;
            return RMQ_INCOMPLETE;
        }
        if (rc != RMQ_OK) continue;
        rmq_splitter_reset(&cv->sp[dir]);
        cv->base[dir] = cv->fed[dir] - m;
        rmq_split_result r;
        /* fewer bytes than any plausible frame: the splitter only holds them */
        (void)rmq_splitter_feed(&cv->sp[dir], carry + k, m, &r, NULL);
        cv->carry_len[dir] = 0;
        cv->resync[dir] = false;
        *pos = 0;
        return RMQ_OK;
    }
    cv->carry_len[dir] = 0;
    size_t at = rmq_find_frame_start(data, len, cv->max_frame);
    if (len - at < RMQ_PROBE_BYTES) {
        memcpy(carry, data + at, len - at);
        cv->carry_len[dir] = (uint8_t)(len - at);
        *pos = len;
        return RMQ_INCOMPLETE;
    }
    rmq_splitter_reset(&cv->sp[dir]);
    cv->base[dir] = cv->fed[dir] + at;
    cv->resync[dir] = false;
    *pos = at;
    return RMQ_OK;
}

/* Probing failed: not RocketMQ. The rest of the chunk is taken, as every later one. */
static int reject(rmq_conversation *cv, int dir, size_t len, size_t *consumed)
{
    cv->state = RMQ_CONV_REJECTED;
    cv->fed[dir] += len - *consumed;
    *consumed = len;
    return RMQ_DONE;
}

int rmq_conversation_feed(rmq_conversation *cv, int dir, const uint8_t *data, size_t len, int64_t ts,
                          rmq_arena *arena, size_t *consumed, rmq_conv_frame *out, rmq_error *err)
{
    if (!cv || !valid_dir(dir) || (!data && len) || !arena || !consumed || !out)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    *consumed = 0;
    if (cv->state == RMQ_CONV_REJECTED) {
        *consumed = len;
        cv->fed[dir] += len;
        return RMQ_DONE;
    }
    size_t pos = 0;
    if (cv->resync[dir] && resynchronise(cv, dir, data, len, &pos) == RMQ_INCOMPLETE) {
        *consumed = len;
        cv->fed[dir] += len;
        return RMQ_INCOMPLETE;
    }
    rmq_split_result r;
    rmq_error serr;
    int rc = rmq_splitter_feed(&cv->sp[dir], data + pos, len - pos, &r, &serr);
    pos += r.consumed;
    *consumed = pos;
    cv->fed[dir] += pos;
    if (rc == RMQ_INCOMPLETE) return RMQ_INCOMPLETE;
    if (rc != RMQ_OK) {
        if (cv->state == RMQ_CONV_PROBING) return reject(cv, dir, len, consumed);
        cv->resync[dir] = true;
        /* the search restarts one byte after the bad frame's start, however its prefix was
         * cut: prefix bytes the splitter gathered (at most 4) are carried */
        const rmq_splitter *sp = &cv->sp[dir];
        if (sp->have > 1) {
            size_t k = sp->have - 1 < sizeof cv->carry[dir] ? sp->have - 1 : sizeof cv->carry[dir];
            memcpy(cv->carry[dir], sp->buf + sp->have - k, k);
            cv->carry_len[dir] = (uint8_t)k;
        }
        return rmq_fail(err, serr.code, (size_t)(cv->base[dir] + serr.offset), serr.message);
    }
    memset(out, 0, sizeof *out);
    out->dir = dir;
    out->offset = cv->base[dir] + r.frame_offset;
    out->bytes = r.frame;
    out->len = r.frame_len;
    out->ts = ts;
    out->decode_status = rmq_frame_decode(r.frame, r.frame_len, &cv->opts, arena, &out->cmd, &out->decode_error);
    if (out->decode_status != RMQ_OK) {
        if (cv->state == RMQ_CONV_PROBING) return reject(cv, dir, len, consumed);
        return RMQ_OK;
    }
    cv->state = RMQ_CONV_CONFIRMED;
    correlate(cv, dir, out);
    return RMQ_OK;
}

void rmq_conversation_gap(rmq_conversation *cv, int dir, uint64_t missing)
{
    if (!cv || !valid_dir(dir)) return;
    cv->fed[dir] += missing;
    cv->resync[dir] = true;
    cv->carry_len[dir] = 0; /* the bytes after a gap are not next to what was carried */
}

size_t rmq_conversation_pending(const rmq_conversation *cv, int dir)
{
    if (!cv || !valid_dir(dir) || cv->resync[dir]) return 0;
    return rmq_splitter_pending(&cv->sp[dir]);
}

uint64_t rmq_conversation_offset(const rmq_conversation *cv, int dir)
{
    return cv && valid_dir(dir) ? cv->fed[dir] : 0;
}

rmq_conv_state rmq_conversation_state(const rmq_conversation *cv) { return cv ? cv->state : RMQ_CONV_REJECTED; }
