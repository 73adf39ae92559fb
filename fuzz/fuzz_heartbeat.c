/*
 * HEART_BEAT bodies. The first byte picks the leniency preset and the release, the rest is
 * the body. Oracles: errors have a code, a message and an offset inside the body; the
 * arena stays within rmq_heartbeat_decode_bound; what decodes encodes, and decoding that
 * gives the same bytes again (a fixed point).
 */
#include "fuzz_common.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    rmq_decode_options o = fuzz_options(data[0]);
    rmq_release rel = (data[0] & 2) ? RMQ_RELEASE_5_3_3 : RMQ_RELEASE_4_9_8;
    const uint8_t *body = data + 1;
    size_t len = size - 1;
    rmq_arena a;
    fuzz_bound_arena(&a, rmq_heartbeat_decode_bound(len));
    rmq_heartbeat h;
    rmq_error err;
    int rc = rmq_heartbeat_decode(body, len, &o, &a, &h, &err);
    FUZZ_ASSERT(rc != RMQ_ERR_NO_MEMORY, "the documented bound was not enough");
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(err.offset <= len, "error offset past the body");
        return 0;
    }
    size_t n1 = 0, n2 = 0;
    if (rmq_heartbeat_encoded_size(&h, rel, &n1, &err) != RMQ_OK) {
        /* only text no Java String holds (kept under the repairing options' complement) */
        FUZZ_ASSERT(err.code == RMQ_ERR_UTF8, "a decoded heartbeat does not encode");
        return 0;
    }
    uint8_t *first = malloc(n1 ? n1 : 1);
    FUZZ_ASSERT(rmq_heartbeat_encode(&h, rel, first, n1, &n1, &err) == RMQ_OK, "encode within its size failed");
    /* defaults are written out, so the encoding may be much longer than the input */
    size_t again_bound = rmq_heartbeat_decode_bound(n1);
    uint8_t *again_mem = malloc(again_bound);
    FUZZ_ASSERT(again_mem, "no memory");
    rmq_arena b;
    rmq_arena_init(&b, again_mem, again_bound);
    rmq_heartbeat again;
    rmq_decode_options strict = o;
    strict.leniency = RMQ_LENIENCY_STRICT;
    FUZZ_ASSERT(rmq_heartbeat_decode(first, n1, &strict, &b, &again, &err) == RMQ_OK, "our body does not decode");
    uint8_t *second = malloc(n1 ? n1 : 1);
    FUZZ_ASSERT(rmq_heartbeat_encode(&again, rel, second, n1, &n2, &err) == RMQ_OK && n2 == n1 &&
                    !memcmp(first, second, n1),
                "decode(encode(h)) encodes differently");
    free(second);
    free(again_mem);
    free(first);
    return 0;
}
