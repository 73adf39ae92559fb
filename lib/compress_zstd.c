/* ZSTD frames (5.x ZstdCompressor, zstd-jni streams), through libzstd's static contexts:
 * their workspace is the caller's arena. */
#include "rmqwire/compress.h"

#include "internal/error_set.h"

#if defined(RMQ_HAVE_ZSTD)
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_initStatic*: contexts in caller memory */
#include <zstd.h>
#include <zstd_errors.h>
#endif

bool rmq_have_zstd(void)
{
#if defined(RMQ_HAVE_ZSTD)
    return true;
#else
    return false;
#endif
}

#if defined(RMQ_HAVE_ZSTD)
size_t rmq_zstd_compress_scratch(int level) { return ZSTD_estimateCCtxSize(level) + 64; }
size_t rmq_zstd_decompress_scratch(void) { return ZSTD_estimateDCtxSize() + 64; }
size_t rmq_zstd_compress_bound(size_t len) { return ZSTD_compressBound(len); }

static void *workspace(rmq_arena *scratch, size_t size) { return rmq_arena_alloc(scratch, size, 8); }

int rmq_zstd_compress(const uint8_t *in, size_t len, int level, rmq_arena *scratch, uint8_t *out, size_t cap,
                      size_t *written, rmq_error *err)
{
    if ((!in && len) || !scratch || (!out && cap) || !written) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    *written = 0;
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) return rmq_fail(err, RMQ_ERR_DEFLATE, 0, "bad ZSTD level");
    size_t size = ZSTD_estimateCCtxSize(level);
    void *ws = workspace(scratch, size);
    ZSTD_CCtx *cctx = ws ? ZSTD_initStaticCCtx(ws, size) : NULL;
    if (!cctx) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, "scratch smaller than rmq_zstd_compress_scratch(level)");
    /* what a zstd-jni stream writes: no content size (the stream does not know it), no checksum */
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0);
    size_t n = ZSTD_compress2(cctx, out, cap, in, len);
    if (ZSTD_isError(n))
        return ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall ? rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL)
                                                                    : rmq_fail(err, RMQ_ERR_DEFLATE, 0, ZSTD_getErrorName(n));
    *written = n;
    return RMQ_OK;
}

int rmq_zstd_decompress(const uint8_t *in, size_t len, rmq_arena *scratch, uint8_t *out, size_t max_out,
                        size_t *written, rmq_error *err)
{
    if ((!in && len) || !scratch || (!out && max_out) || !written) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    *written = 0;
    size_t size = ZSTD_estimateDCtxSize();
    void *ws = workspace(scratch, size);
    ZSTD_DCtx *dctx = ws ? ZSTD_initStaticDCtx(ws, size) : NULL;
    if (!dctx) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, "scratch smaller than rmq_zstd_decompress_scratch()");
    /* one shot into out: no window buffer, and never a byte past max_out */
    size_t n = ZSTD_decompressDCtx(dctx, out, max_out, in, len);
    if (ZSTD_isError(n)) {
        if (ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall) return rmq_fail(err, RMQ_ERR_INFLATE_LIMIT, 0, NULL);
        return rmq_fail(err, RMQ_ERR_INFLATE, 0, ZSTD_getErrorName(n));
    }
    *written = n;
    return RMQ_OK;
}
#else
size_t rmq_zstd_compress_scratch(int level) { return (void)level, 0; }
size_t rmq_zstd_decompress_scratch(void) { return 0; }
size_t rmq_zstd_compress_bound(size_t len) { return (void)len, 0; }

int rmq_zstd_compress(const uint8_t *in, size_t len, int level, rmq_arena *scratch, uint8_t *out, size_t cap,
                      size_t *written, rmq_error *err)
{
    (void)in, (void)len, (void)level, (void)scratch, (void)out, (void)cap;
    if (written) *written = 0;
    return rmq_fail(err, RMQ_ERR_UNSUPPORTED, 0, "built without ZSTD (libzstd-dev)");
}

int rmq_zstd_decompress(const uint8_t *in, size_t len, rmq_arena *scratch, uint8_t *out, size_t max_out,
                        size_t *written, rmq_error *err)
{
    (void)in, (void)len, (void)scratch, (void)out, (void)max_out;
    if (written) *written = 0;
    return rmq_fail(err, RMQ_ERR_UNSUPPORTED, 0, "built without ZSTD (libzstd-dev)");
}
#endif
