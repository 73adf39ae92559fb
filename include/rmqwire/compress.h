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

/*
 * LZ4 and ZSTD bodies (5.x: sysFlag compression type 1 and 2), when the library was built
 * with them (meson features lz4 / zstd, auto when liblz4-dev / libzstd-dev are there);
 * otherwise each function fails with RMQ_ERR_UNSUPPORTED. Decompression has the same
 * contract as rmq_zlib_inflate: at most max_out bytes are written, a body that would
 * expand past them is RMQ_ERR_INFLATE_LIMIT, a corrupt one RMQ_ERR_INFLATE.
 */
RMQ_API bool rmq_have_lz4(void);
RMQ_API bool rmq_have_zstd(void);

/* The LZ4 frame lz4-java's LZ4FrameOutputStream writes (Java's Lz4Compressor): 4 MiB
 * independent blocks, no checksums but the header's, fast compression. No scratch needed. */
RMQ_API size_t rmq_lz4_compress_bound(size_t len);
RMQ_API int rmq_lz4_compress(const uint8_t *in, size_t len, uint8_t *out, size_t cap, size_t *written,
                             rmq_error *err);
/* Any LZ4 frame (one or more; linked or independent blocks; checksums verified). Decodes
 * straight into out: no scratch. */
RMQ_API int rmq_lz4_decompress(const uint8_t *in, size_t len, uint8_t *out, size_t max_out, size_t *written,
                               rmq_error *err);

/* Arena bytes ZSTD needs: to compress at `level`, and to decompress. */
RMQ_API size_t rmq_zstd_compress_scratch(int level);
RMQ_API size_t rmq_zstd_decompress_scratch(void);
RMQ_API size_t rmq_zstd_compress_bound(size_t len);
/* A ZSTD frame at `level` (Java's ZstdCompressor passes the producer's compressLevel). */
RMQ_API int rmq_zstd_compress(const uint8_t *in, size_t len, int level, rmq_arena *scratch, uint8_t *out,
                              size_t cap, size_t *written, rmq_error *err);
RMQ_API int rmq_zstd_decompress(const uint8_t *in, size_t len, rmq_arena *scratch, uint8_t *out, size_t max_out,
                                size_t *written, rmq_error *err);

/* The decompressor a sysFlag names (rmq_sysflag_compression): zlib, LZ4 or ZSTD. scratch
 * must hold the chosen one's state (the larger of RMQ_ZLIB_INFLATE_SCRATCH and
 * rmq_zstd_decompress_scratch() covers all). A sysFlag without COMPRESSED, or with a
 * type Java does not know, is RMQ_ERR_INVALID_ARGUMENT. */
RMQ_API int rmq_body_decompress(const uint8_t *in, size_t len, int32_t sys_flag, rmq_arena *scratch, uint8_t *out,
                                size_t max_out, size_t *written, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif
