/* Whole frames (prefix included): every leniency preset, the encode fixed point. */
#include "frame_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_frame_oracle(data, size);
    if (size >= 4) { /* the unprefixed entry point on the same bytes */
        size_t bound = rmq_frame_decode_bound(size);
        void *mem = malloc(bound);
        rmq_arena a;
        rmq_arena_init(&a, mem, bound);
        rmq_command c;
        rmq_error err;
        int rc = rmq_frame_decode_unprefixed(data + 4, size - 4, NULL, &a, &c, &err);
        if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
        free(mem);
    }
    return 0;
}
