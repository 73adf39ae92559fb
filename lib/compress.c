/* zlib through the caller's arena (zalloc/zfree), never zlib's own malloc. */
#include "rmqwire/compress.h"

#include "internal/error_set.h"
#include "rmqwire/sysflag.h"

#include <limits.h>
#include <zlib.h>

static voidpf arena_zalloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size) return Z_NULL;
    return rmq_arena_alloc(opaque, (size_t)items * size, 16);
}

/* Arena memory is released all at once by the caller. */
static void arena_zfree(voidpf opaque, voidpf address)
{
    (void)opaque;
    (void)address;
}

static void stream_init(z_stream *zs, rmq_arena *scratch)
{
    zs->zalloc = arena_zalloc;
    zs->zfree = arena_zfree;
    zs->opaque = scratch;
    zs->next_in = Z_NULL;
    zs->avail_in = 0;
}

size_t rmq_zlib_compress_bound(size_t len)
{
    /* deflateBound's worst case for the default parameters, without a stream */
    size_t bound = len + (len >> 12) + (len >> 14) + (len >> 25) + 13 + 6;
    return bound < len ? SIZE_MAX : bound;
}

int rmq_zlib_compress(const uint8_t *in, size_t len, int level, rmq_arena *scratch, uint8_t *out,
                      size_t cap, size_t *written, rmq_error *err)
{
    if (level < 1 || level > 9) return rmq_fail(err, RMQ_ERR_DEFLATE, 0, "compression level must be 1..9");
    if ((!in && len) || !scratch || (!out && cap) || len > UINT_MAX || cap > UINT_MAX)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    z_stream zs;
    stream_init(&zs, scratch);
    int zrc = deflateInit2(&zs, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
    if (zrc == Z_MEM_ERROR) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    if (zrc != Z_OK) return rmq_fail(err, RMQ_ERR_DEFLATE, 0, NULL);
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    zrc = deflate(&zs, Z_FINISH);
    size_t produced = zs.total_out;
    deflateEnd(&zs);
    if (zrc != Z_STREAM_END) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = produced;
    return RMQ_OK;
}

int rmq_zlib_inflate(const uint8_t *in, size_t len, rmq_arena *scratch, uint8_t *out, size_t max_out,
                     size_t *written, rmq_error *err)
{
    if ((!in && len) || !scratch || (!out && max_out)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    z_stream zs;
    stream_init(&zs, scratch);
    int zrc = inflateInit(&zs);
    if (zrc == Z_MEM_ERROR) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    if (zrc != Z_OK) return rmq_fail(err, RMQ_ERR_INFLATE, 0, NULL);
    size_t in_left = len, produced = 0;
    uint8_t probe; /* one byte past the limit tells "more output" from "stream ends here" */
    zs.next_in = (Bytef *)(uintptr_t)in;
    int rc = RMQ_OK;
    for (;;) {
        if (zs.avail_in == 0 && in_left) { /* slices, so sizes beyond uInt work */
            zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
            in_left -= zs.avail_in;
        }
        size_t room = max_out - produced;
        uint8_t *dst = room ? out + produced : &probe;
        zs.next_out = dst;
        zs.avail_out = room == 0 ? 1 : room > UINT_MAX ? UINT_MAX : (uInt)room;
        uInt in_before = zs.avail_in;
        zrc = inflate(&zs, Z_NO_FLUSH);
        size_t wrote = (size_t)(zs.next_out - dst);
        if (room == 0 && wrote) {
            rc = rmq_fail(err, RMQ_ERR_INFLATE_LIMIT, (size_t)zs.total_in, NULL);
            break;
        }
        produced += room ? wrote : 0;
        if (zrc == Z_STREAM_END) break;
        if (zrc == Z_MEM_ERROR) {
            rc = rmq_fail(err, RMQ_ERR_NO_MEMORY, (size_t)zs.total_in, NULL);
            break;
        }
        if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
            rc = rmq_fail(err, RMQ_ERR_INFLATE, (size_t)zs.total_in, "corrupt zlib stream");
            break;
        }
        bool out_full = zs.avail_out == 0;
        if (!out_full && zs.avail_in == 0 && in_left == 0) {
            rc = rmq_fail(err, RMQ_ERR_INFLATE, (size_t)zs.total_in, "truncated zlib stream");
            break;
        }
        if (!out_full && wrote == 0 && zs.avail_in == in_before) {
            rc = rmq_fail(err, RMQ_ERR_INFLATE, (size_t)zs.total_in, "zlib made no progress");
            break;
        }
    }
    inflateEnd(&zs);
    /* also on failure: an analyzer can still show what inflated before the problem */
    if (written) *written = produced;
    return rc;
}

int rmq_body_decompress(const uint8_t *in, size_t len, int32_t sys_flag, rmq_arena *scratch, uint8_t *out,
                        size_t max_out, size_t *written, rmq_error *err)
{
    if (!rmq_sysflag_compressed(sys_flag)) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "the sysFlag says not compressed");
    switch (rmq_sysflag_compression(sys_flag)) {
    case RMQ_COMPRESSION_ZLIB_OLD:
    case RMQ_COMPRESSION_ZLIB: return rmq_zlib_inflate(in, len, scratch, out, max_out, written, err);
    case RMQ_COMPRESSION_LZ4: return rmq_lz4_decompress(in, len, out, max_out, written, err);
    case RMQ_COMPRESSION_ZSTD: return rmq_zstd_decompress(in, len, scratch, out, max_out, written, err);
    default: return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "a compression type Java does not know");
    }
}
