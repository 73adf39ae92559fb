/* rmqwire — streaming frame splitter (SPEC §1.2): bytes in any chunking, frames out. */
#ifndef RMQWIRE_SPLITTER_H
#define RMQWIRE_SPLITTER_H

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * State for one direction of one connection. The caller embeds it and gives it a
 * buffer; the splitter uses only that buffer. A frame that lies whole inside a
 * chunk is handed back without a copy; a frame split across chunks is gathered in
 * the buffer, so the buffer holds at least max_frame bytes: then every frame the limit
 * allows is accepted however the stream is cut. (Pages of a large buffer that no
 * gathered frame reaches are never touched.) Treat the fields as private.
 */
typedef struct rmq_splitter {
    uint8_t *buf;
    size_t cap;
    size_t have;          /* bytes of the pending frame held in buf */
    size_t want;          /* bytes the pending frame needs in all (0 until known) */
    uint32_t max_frame;
    uint64_t stream_offset; /* stream position of buf[0] / of the next byte */
    int failed;           /* sticky error code, 0 while healthy */
    size_t fail_offset;
} rmq_splitter;

/* What one call produced. */
typedef struct rmq_split_result {
    size_t consumed;        /* bytes of the chunk used by this call */
    const uint8_t *frame;   /* RMQ_OK: whole frame, prefix included; valid until the next call */
    size_t frame_len;
    uint64_t frame_offset;  /* stream offset of the frame's first byte */
    size_t need;            /* RMQ_INCOMPLETE: bytes still missing (a lower bound before the prefix is complete) */
} rmq_split_result;

/*
 * max_frame 0 = RMQ_DEFAULT_MAX_FRAME (compared with total_length + 4, as Java does).
 * RMQ_ERR_INVALID_ARGUMENT when cap < max_frame, max_frame < 8 (no frame is that short) or
 * sp is NULL: to gather only smaller
 * frames, pass a smaller max_frame (larger ones then fail as RMQ_ERR_FRAME_TOO_LONG at
 * their prefix). A splitter whose init failed refuses every feed, even after a reset.
 */
RMQ_API int rmq_splitter_init(rmq_splitter *sp, void *buf, size_t cap, uint32_t max_frame,
                              rmq_error *err);

/* Forget any partial frame and a previous failure; the stream offset restarts at 0. */
RMQ_API void rmq_splitter_reset(rmq_splitter *sp);

/*
 * Feed a chunk (len may be 0). Returns
 *  RMQ_OK          a frame is ready in *res; call again with data + res->consumed;
 *  RMQ_INCOMPLETE  the whole chunk was taken (res->consumed == len) and more bytes
 *                  are needed (res->need);
 *  an error        length prefix < 4 or over max_frame; err->offset
 *                  is the stream offset of the bad frame. Like Java's
 *                  LengthFieldBasedFrameDecoder it frames by the length alone: the
 *                  header word and the header are checked when the frame is
 *                  decoded (rmq_frame_decode, rmq_frame_peek). The
 *                  splitter then stays failed (RMQ_ERR_SPLITTER_FAILED) until reset,
 *                  because the byte stream can no longer be framed.
 * The chunk's bytes are never modified.
 */
RMQ_API int rmq_splitter_feed(rmq_splitter *sp, const uint8_t *data, size_t len,
                              rmq_split_result *res, rmq_error *err);

/* Bytes of a partial frame currently held (0 between frames). */
RMQ_API size_t rmq_splitter_pending(const rmq_splitter *sp);

#ifdef __cplusplus
}
#endif
#endif
