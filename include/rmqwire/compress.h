/* rmqwire — zlib body compression as the Java producer and consumer do it (SPEC §9). */
#ifndef RMQWIRE_COMPRESS_H
#define RMQWIRE_COMPRESS_H

#include "alloc.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The producer compresses non-batch bodies of at least this many bytes, at level 5. */
#define RMQ_COMPRESS_THRESHOLD 4096u
#define RMQ_COMPRESS_LEVEL 5

/* Arena bytes zlib's state needs (windowBits 15, memLevel 8, like java.util.zip). */
#define RMQ_ZLIB_INFLATE_SCRATCH (48u * 1024u)
#define RMQ_ZLIB_DEFLATE_SCRATCH (300u * 1024u)

/* Java's rule (DefaultMQProducerImpl.tryToCompressMessage): body_len >= 4096, not a batch. */
static inline bool rmq_should_compress(size_t body_len, bool is_batch)
{
    return !is_batch && body_len >= RMQ_COMPRESS_THRESHOLD;
}

/* Largest output rmq_zlib_compress can produce for len input bytes. */
RMQ_API size_t rmq_zlib_compress_bound(size_t len);

/*
 * zlib stream (RFC 1950) of in[0..len) at `level` (1..9, else RMQ_ERR_DEFLATE; Java's default 5) into out,
 * the bytes java.util.zip.Deflater writes. zlib's state comes from `scratch` (at most
 * RMQ_ZLIB_DEFLATE_SCRATCH bytes; reset the arena afterwards to reuse them).
 * Pair it with rmq_sysflag_mark_zlib() on the header's sysFlag.
 */
RMQ_API int rmq_zlib_compress(const uint8_t *in, size_t len, int level, rmq_arena *scratch,
                              uint8_t *out, size_t cap, size_t *written, rmq_error *err);

/*
 * Inflate a zlib stream into out[0..max_out). A body that would inflate past max_out
 * fails with RMQ_ERR_INFLATE_LIMIT before writing past it, so a small hostile body
 * can never expand beyond what the caller allowed; a corrupt or truncated stream
 * fails with RMQ_ERR_INFLATE (err->offset: input bytes consumed). *written is the
 * number of bytes placed in out, on failure too (never more than max_out). Bytes after the end
 * of the zlib stream are ignored, as InflaterInputStream does.
 * zlib's state comes from `scratch` (at most RMQ_ZLIB_INFLATE_SCRATCH bytes).
 */
RMQ_API int rmq_zlib_inflate(const uint8_t *in, size_t len, rmq_arena *scratch, uint8_t *out,
                             size_t max_out, size_t *written, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif
