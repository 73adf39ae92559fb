/* rmqwire — one TCP connection as an analyzer sees it: both directions in, frames out. */
#ifndef RMQWIRE_CONVERSATION_H
#define RMQWIRE_CONVERSATION_H

#include "alloc.h"
#include "command.h"
#include "correlator.h"
#include "error.h"
#include "options.h"
#include "probe.h"
#include "splitter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Directions: the side that opened the connection sends RMQ_DIR_C2S. */
#define RMQ_DIR_C2S 0
#define RMQ_DIR_S2C 1

/* What the conversation knows about the stream. */
typedef enum rmq_conv_state {
    RMQ_CONV_PROBING = 0,   /* nothing decoded yet: the next failure means "not RocketMQ" */
    RMQ_CONV_CONFIRMED = 1, /* on a RocketMQ port, or a frame decoded */
    RMQ_CONV_REJECTED = 2   /* probing failed: every feed returns RMQ_DONE */
} rmq_conv_state;

/* Caller memory for one conversation: per direction, a splitter buffer of at least
 * max_frame bytes and the slots for requests waiting for their response. */
typedef struct rmq_conversation_memory {
    uint8_t *buf[2];
    size_t buf_cap;
    rmq_pending *slots[2];
    size_t slot_count;
} rmq_conversation_memory;

/* Treat the fields as private. */
typedef struct rmq_conversation {
    rmq_splitter sp[2];
    rmq_correlator corr[2];   /* requests sent in direction d, answered in 1 - d */
    uint64_t fed[2];          /* bytes seen in each direction, gaps included */
    uint64_t base[2];         /* stream offset where the splitter's stream starts */
    bool resync[2];           /* framing lost: looking for the next plausible frame start */
    uint8_t carry[2][8];      /* while resynchronising: a plausible start cut by the chunk end */
    uint8_t carry_len[2];
    uint32_t max_frame;
    rmq_conv_state state;
    rmq_decode_options opts;
} rmq_conversation;

/*
 * confirmed: the connection is on a RocketMQ port, so failures are reported as errors
 * instead of ending the probe. opts may be NULL (defaults); max_frame comes from it.
 * RMQ_ERR_INVALID_ARGUMENT for a NULL pointer, a buffer below max_frame, no slots.
 */
RMQ_API int rmq_conversation_init(rmq_conversation *cv, const rmq_conversation_memory *mem,
                                  const rmq_decode_options *opts, bool confirmed, rmq_error *err);

/* One frame of the conversation, decoded, with what it answers. */
typedef struct rmq_conv_frame {
    int dir;                    /* RMQ_DIR_C2S or RMQ_DIR_S2C */
    uint64_t offset;            /* stream offset of the frame's first byte in its direction */
    const uint8_t *bytes;       /* the whole frame, prefix included; valid until the next feed */
    size_t len;
    int64_t ts;                 /* the caller's timestamp of the bytes that completed it */
    int decode_status;          /* RMQ_OK: cmd holds it; else decode_error says why */
    rmq_command cmd;
    rmq_error decode_error;     /* offsets count from `bytes` */
    /* responses: the request it answers, when that request was seen */
    bool answered;
    int32_t request_code;
    int64_t request_ts;
} rmq_conv_frame;

/*
 * Feed bytes of one direction, as they arrive (any chunking). Returns
 *  RMQ_OK          a frame is in *out (decoded into `arena` with the conversation's options;
 *                  a frame that does not decode is still a frame, with decode_status set);
 *                  call again with data + *consumed;
 *  RMQ_INCOMPLETE  the chunk is used up (*consumed == len);
 *  RMQ_DONE        the conversation is RMQ_CONV_REJECTED: not RocketMQ;
 *  an error        the direction cannot be framed (bad length prefix) at err->offset, a
 *                  stream offset; the next feeds resynchronise on the next plausible frame
 *                  start (rmq_find_frame_start), so call again with data + *consumed.
 * While probing, the first frame that fails to frame or decode rejects the conversation.
 * Requests are remembered with their ts and responses matched by opaque (a full slot
 * table leaves later responses unanswered, never fails a feed).
 */
RMQ_API int rmq_conversation_feed(rmq_conversation *cv, int dir, const uint8_t *data, size_t len, int64_t ts,
                                  rmq_arena *arena, size_t *consumed, rmq_conv_frame *out, rmq_error *err);

/* `missing` bytes of direction dir were lost (a TCP gap): the partial frame is dropped,
 * offsets still count them, and framing resumes at the next plausible frame start. */
RMQ_API void rmq_conversation_gap(rmq_conversation *cv, int dir, uint64_t missing);

/* Bytes of a partial frame held for direction dir (0 between frames). */
RMQ_API size_t rmq_conversation_pending(const rmq_conversation *cv, int dir);

/* Stream offset of the next byte of direction dir. */
RMQ_API uint64_t rmq_conversation_offset(const rmq_conversation *cv, int dir);

RMQ_API rmq_conv_state rmq_conversation_state(const rmq_conversation *cv);

#ifdef __cplusplus
}
#endif
#endif
