/* Shared pieces of the fuzz harnesses: oracles abort, memory is a fixed arena. */
#ifndef RMQ_FUZZ_COMMON_H
#define RMQ_FUZZ_COMMON_H

#include "rmqwire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A failed oracle is a finding: say what and stop. */
#define FUZZ_ASSERT(cond, what)                                                          \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "oracle failed: %s (%s:%d)\n", what, __FILE__, __LINE__);    \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* Errors must be real error codes with a message. */
#define FUZZ_CHECK_ERROR(rc, err)                                                        \
    FUZZ_ASSERT((rc) < 0 && (err).message && rmq_status_name(rc), "error without a code or message")

static const uint32_t fuzz_leniencies[] = {RMQ_LENIENCY_JAVA_498, RMQ_LENIENCY_JAVA_533, RMQ_LENIENCY_ALL,
                                           RMQ_LENIENCY_STRICT};
#define FUZZ_LENIENCY_COUNT (sizeof fuzz_leniencies / sizeof fuzz_leniencies[0])

static inline rmq_decode_options fuzz_options(size_t i)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.leniency = fuzz_leniencies[i % FUZZ_LENIENCY_COUNT];
    o.release = (i & 1) ? RMQ_RELEASE_4_9_8 : RMQ_RELEASE_5_3_3;
    return o;
}

/* FNV-1a: a deterministic seed from the input. */
static inline uint32_t fuzz_hash(const uint8_t *d, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ d[i]) * 16777619u;
    return h;
}

/* Any leniency combination, not only the presets: the mask comes from the input's hash, so
 * the fuzzer's feedback explores it while a queue entry stays the raw bytes Java can read
 * (the differential feeds queues to jview unchanged). */
static inline rmq_decode_options fuzz_input_options(const uint8_t *d, size_t n)
{
    uint32_t h = fuzz_hash(d, n);
    rmq_decode_options o = fuzz_options(0);
    o.leniency = h & RMQ_LENIENCY_ALL;
    o.release = (h >> 31) ? RMQ_RELEASE_4_9_8 : RMQ_RELEASE_5_3_3;
    return o;
}

/* An arena over a reused heap block of exactly `bound` bytes (the decoder's documented
 * bound), grown as inputs need: one malloc per new largest input, not one per input. */
static inline void fuzz_bound_arena(rmq_arena *a, size_t bound)
{
    static uint8_t *mem;
    static size_t cap;
    if (bound > cap) {
        free(mem);
        mem = malloc(bound);
        cap = mem ? bound : 0;
    }
    FUZZ_ASSERT(mem, "no memory for the bound");
    rmq_arena_init(a, mem, bound);
}

#endif
