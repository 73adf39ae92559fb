/* Streaming splitter: NettyDecoder's LengthFieldBasedFrameDecoder (SPEC §1.2). */
#include "rmqwire/splitter.h"

#include "internal/error_set.h"
#include "internal/frame_check.h"

#include <string.h>

/* A frame is at least prefix + header word. */
#define MIN_FRAME_BYTES 8u

int rmq_splitter_init(rmq_splitter *sp, void *buf, size_t cap, uint32_t max_frame, rmq_error *err)
{
    if (!sp) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    sp->buf = buf;
    sp->cap = buf ? cap : 0;
    sp->max_frame = max_frame ? max_frame : RMQ_DEFAULT_MAX_FRAME;
    rmq_splitter_reset(sp);
    if (sp->failed) return rmq_fail(err, sp->failed, 0, "splitter buffer smaller than max_frame, or max_frame below 8");
    return RMQ_OK;
}

/* A buffer smaller than the limit would accept a frame only when it arrives whole in one
 * chunk: the verdict would depend on how the network cut the stream. A limit below the
 * smallest frame accepts nothing. Such a splitter refuses every feed, even after a reset. */
static int configuration_status(const rmq_splitter *sp)
{
    return sp->cap < sp->max_frame || sp->max_frame < MIN_FRAME_BYTES ? RMQ_ERR_INVALID_ARGUMENT : 0;
}

void rmq_splitter_reset(rmq_splitter *sp)
{
    if (!sp) return;
    sp->have = 0;
    sp->want = 0;
    sp->stream_offset = 0;
    sp->failed = configuration_status(sp);
    sp->fail_offset = 0;
}

size_t rmq_splitter_pending(const rmq_splitter *sp) { return sp ? sp->have : 0; }

static int fail(rmq_splitter *sp, int code, rmq_error *err)
{
    sp->failed = code;
    sp->fail_offset = (size_t)sp->stream_offset;
    return rmq_fail(err, code, sp->fail_offset, NULL);
}

/* Learn the frame size from a complete prefix, or fail for good. */
static inline int frame_size(rmq_splitter *sp, const uint8_t *prefix, size_t *size, rmq_error *err)
{
    uint32_t total = rmq_load_be32(prefix);
    int rc = rmq_frame_length_check(total, sp->max_frame, (size_t)sp->stream_offset, err);
    if (rc) {
        sp->failed = rc;
        sp->fail_offset = (size_t)sp->stream_offset;
        return rc;
    }
    *size = (size_t)total + RMQ_FRAME_PREFIX_LEN;
    return RMQ_OK;
}

static int emit(rmq_splitter *sp, const uint8_t *frame, size_t len, rmq_split_result *res)
{
    res->frame = frame;
    res->frame_len = len;
    res->frame_offset = sp->stream_offset;
    sp->stream_offset += len;
    return RMQ_OK;
}

static void gather(rmq_splitter *sp, const uint8_t *data, size_t len, size_t upto, rmq_split_result *res)
{
    size_t take = upto - sp->have;
    if (take > len - res->consumed) take = len - res->consumed;
    memcpy(sp->buf + sp->have, data + res->consumed, take);
    sp->have += take;
    res->consumed += take;
}

int rmq_splitter_feed(rmq_splitter *sp, const uint8_t *data, size_t len, rmq_split_result *res,
                      rmq_error *err)
{
    if (!sp || !res || (!data && len)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    memset(res, 0, sizeof *res);
    if (sp->failed) return rmq_fail(err, RMQ_ERR_SPLITTER_FAILED, sp->fail_offset, NULL);

    if (sp->have == 0 && len >= RMQ_FRAME_PREFIX_LEN) {
        size_t size;
        int rc = frame_size(sp, data, &size, err);
        if (rc) return rc;
        if (len >= size) {
            res->consumed = size; /* whole frame inside the chunk: no copy */
            return emit(sp, data, size, res);
        }
        sp->want = size;
    }
    if (sp->want == 0) {
        if (sp->cap < RMQ_FRAME_PREFIX_LEN) return fail(sp, RMQ_ERR_SPLIT_NO_ROOM, err);
        gather(sp, data, len, RMQ_FRAME_PREFIX_LEN, res);
        if (sp->have < RMQ_FRAME_PREFIX_LEN) {
            res->need = MIN_FRAME_BYTES - sp->have;
            return RMQ_INCOMPLETE;
        }
        int rc = frame_size(sp, sp->buf, &sp->want, err);
        if (rc) return rc;
    }
    if (sp->want > sp->cap) return fail(sp, RMQ_ERR_SPLIT_NO_ROOM, err);
    gather(sp, data, len, sp->want, res);
    if (sp->have < sp->want) {
        res->need = sp->want - sp->have;
        return RMQ_INCOMPLETE;
    }
    size_t size = sp->want;
    sp->have = 0;
    sp->want = 0;
    return emit(sp, sp->buf, size, res);
}
