/*
 * Compressed bodies (SPEC §9): zlib, and LZ4 / ZSTD when built with them. The first
 * input byte picks the output limit and the decompressor (zlib, LZ4, ZSTD by its value
 * / 5 % 3); the rest is the compressed body. Oracle: never past the limit; only the
 * documented errors; what decompresses, compresses and decompresses back to the same
 * bytes; the state fits the documented scratch size.
 */
#include "fuzz_common.h"

/* LZ4 (kind 1) or ZSTD (kind 2): the same oracle as zlib's. */
static int other_codec(int kind, const uint8_t *in, size_t len, size_t limit, uint8_t *out, uint8_t *again)
{
    static uint8_t *scratch;
    static size_t scratch_len;
    if (!scratch) {
        scratch_len = rmq_zstd_decompress_scratch() + rmq_zstd_compress_scratch(3) + 64;
        scratch = malloc(scratch_len ? scratch_len : 1);
    }
    rmq_arena a;
    rmq_arena_init(&a, scratch, scratch_len);
    size_t written = 0;
    rmq_error err;
    int rc = kind == 1 ? rmq_lz4_decompress(in, len, out, limit, &written, &err)
                       : rmq_zstd_decompress(in, len, &a, out, limit, &written, &err);
    FUZZ_ASSERT(written <= limit, "decompress wrote past the limit");
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(rc == RMQ_ERR_INFLATE || rc == RMQ_ERR_INFLATE_LIMIT || rc == RMQ_ERR_UNSUPPORTED,
                    "unexpected decompress error");
        FUZZ_ASSERT(err.offset <= len, "error offset past the input");
        return 0;
    }
    size_t bound = kind == 1 ? rmq_lz4_compress_bound(written) : rmq_zstd_compress_bound(written), packed_len = 0;
    uint8_t *packed = malloc(bound);
    rmq_arena_reset(&a);
    FUZZ_ASSERT((kind == 1 ? rmq_lz4_compress(out, written, packed, bound, &packed_len, &err)
                           : rmq_zstd_compress(out, written, 3, &a, packed, bound, &packed_len, &err)) == RMQ_OK,
                "compress failed within its bound");
    size_t back = 0;
    rmq_arena_reset(&a);
    FUZZ_ASSERT((kind == 1 ? rmq_lz4_decompress(packed, packed_len, again, 1 << 17, &back, &err)
                           : rmq_zstd_decompress(packed, packed_len, &a, again, 1 << 17, &back, &err)) == RMQ_OK,
                "our frame does not decompress");
    FUZZ_ASSERT(back == written && !memcmp(again, out, written), "compress/decompress changed the bytes");
    free(packed);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t zscratch[RMQ_ZLIB_DEFLATE_SCRATCH];
    static uint8_t out[1 << 17];
    static uint8_t again[1 << 17];
    if (size < 1) return 0;
    static const size_t limits[] = {0, 1, 16, 4096, sizeof out};
    size_t limit = limits[data[0] % 5];
    rmq_arena z;
    rmq_arena_init(&z, zscratch, RMQ_ZLIB_INFLATE_SCRATCH);
    size_t written = 0;
    rmq_error err;
    int kind = data[0] / 5 % 3;
    if (kind) return other_codec(kind, data + 1, size - 1, limit, out, again);
    int rc = rmq_zlib_inflate(data + 1, size - 1, &z, out, limit, &written, &err);
    FUZZ_ASSERT(written <= limit, "inflate wrote past the limit");
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(rc == RMQ_ERR_INFLATE || rc == RMQ_ERR_INFLATE_LIMIT, "unexpected inflate error");
        FUZZ_ASSERT(err.offset <= size - 1, "inflate error offset past the input");
        return 0;
    }
    size_t bound = rmq_zlib_compress_bound(written);
    uint8_t *packed = malloc(bound);
    size_t packed_len = 0;
    rmq_arena_init(&z, zscratch, sizeof zscratch);
    FUZZ_ASSERT(rmq_zlib_compress(out, written, 1 + data[0] % 9, &z, packed, bound, &packed_len, &err) == RMQ_OK,
                "compress failed within its bound");
    size_t back = 0;
    rmq_arena_init(&z, zscratch, RMQ_ZLIB_INFLATE_SCRATCH);
    FUZZ_ASSERT(rmq_zlib_inflate(packed, packed_len, &z, again, sizeof again, &back, &err) == RMQ_OK, "our stream does not inflate");
    FUZZ_ASSERT(back == written && !memcmp(again, out, written), "compress/inflate changed the bytes");
    free(packed);
    return 0;
}
