/* Streaming splitter: the input is a byte stream; its hash drives the chunking.
 * Oracle: whatever the chunking, the same frames at the same offsets, then the same end. */
#include "fuzz_common.h"

typedef struct split_log {
    size_t count;
    size_t offsets[4096];
    size_t lens[4096];
    int end_rc;
    size_t end_offset;
} split_log;

static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void split(const uint8_t *data, size_t size, uint32_t seed, split_log *log)
{
    size_t cap = size + 8;
    uint8_t *buf = malloc(cap);
    rmq_splitter sp;
    /* the buffer holds any frame the limit allows, so chunking cannot change a verdict */
    FUZZ_ASSERT(rmq_splitter_init(&sp, buf, cap, (uint32_t)cap, NULL) == RMQ_OK, "init refused");
    memset(log, 0, sizeof *log);
    log->end_rc = RMQ_OK;
    size_t pos = 0;
    while (pos < size && log->end_rc == RMQ_OK) {
        size_t chunk = size - pos;
        if (seed) {
            static const size_t scales[] = {1, 3, 16, 700};
            chunk = 1 + next(&seed) % scales[next(&seed) % 4];
            if (chunk > size - pos) chunk = size - pos;
        }
        size_t off = 0;
        for (;;) {
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&sp, data + pos + off, chunk - off, &r, &err);
            FUZZ_ASSERT(r.consumed <= chunk - off, "consumed more than given");
            off += r.consumed;
            if (rc == RMQ_INCOMPLETE) {
                FUZZ_ASSERT(off == chunk && r.need > 0, "incomplete without taking the chunk or needing bytes");
                log->end_rc = RMQ_INCOMPLETE;
                break;
            }
            if (rc != RMQ_OK) {
                FUZZ_CHECK_ERROR(rc, err);
                log->end_rc = rc;
                log->end_offset = err.offset;
                break;
            }
            FUZZ_ASSERT(r.frame_offset + r.frame_len <= size, "frame past the stream");
            FUZZ_ASSERT(!memcmp(r.frame, data + r.frame_offset, r.frame_len), "frame bytes differ from the stream");
            if (log->count < 4096) {
                log->offsets[log->count] = (size_t)r.frame_offset;
                log->lens[log->count] = r.frame_len;
            }
            log->count++;
            log->end_rc = RMQ_OK;
            if (off == chunk) break;
        }
        if (log->end_rc == RMQ_INCOMPLETE && pos + chunk < size) log->end_rc = RMQ_OK; /* more to come */
        pos += chunk;
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static split_log whole, chunked;
    split(data, size, 0, &whole);
    uint32_t seed = fuzz_hash(data, size) | 1;
    for (int round = 0; round < 3; round++) {
        split(data, size, seed + (uint32_t)round * 7919u, &chunked);
        FUZZ_ASSERT(chunked.count == whole.count, "frame count depends on chunking");
        for (size_t i = 0; i < whole.count && i < 4096; i++)
            FUZZ_ASSERT(chunked.offsets[i] == whole.offsets[i] && chunked.lens[i] == whole.lens[i], "frames depend on chunking");
        FUZZ_ASSERT(chunked.end_rc == whole.end_rc, "end state depends on chunking");
        if (whole.end_rc < 0) FUZZ_ASSERT(chunked.end_offset == whole.end_offset, "error offset depends on chunking");
    }
    return 0;
}
