/*
 * zlib bodies (SPEC §9). The first input byte picks the output limit; the rest is
 * the compressed body. Oracle: never past the limit; what inflates, compresses and
 * inflates back to the same bytes; the state fits the documented scratch size.
 */
#include "fuzz_common.h"

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
