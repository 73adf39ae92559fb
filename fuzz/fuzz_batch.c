/*
 * SEND_BATCH_MESSAGE bodies (SPEC §10.1), strict and lenient about TOTALSIZE.
 * Oracle: the records read re-encode to a body that reads back the same; in strict
 * mode a fully read body re-encodes byte for byte, MAGICCODE and BODYCRC aside (Java
 * writes 0 there and never reads them, so any value is accepted and 0 is written).
 */
#include "fuzz_common.h"

#define MAX_RECORDS 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rmq_batch_record recs[MAX_RECORDS];
    for (int lenient = 0; lenient < 2; lenient++) {
        rmq_batch_iter it;
        rmq_batch_iter_init(&it, data, size, lenient ? RMQ_LENIENT_BATCH_TOTAL_SIZE : 0);
        size_t n = 0;
        rmq_error err;
        int rc;
        rmq_batch_record rec;
        while ((rc = rmq_batch_next(&it, &rec, &err)) == RMQ_OK) {
            FUZZ_ASSERT(rec.body && rec.body >= data && rec.body + rec.body_len <= data + size, "body outside the batch");
            FUZZ_ASSERT(!rec.properties.len || (const uint8_t *)rec.properties.ptr + rec.properties.len <= data + size,
                        "properties outside the batch");
            if (n < MAX_RECORDS) recs[n++] = rec;
        }
        if (rc < 0) {
            FUZZ_CHECK_ERROR(rc, err);
            FUZZ_ASSERT(err.offset <= size, "batch error offset past the body");
        }
        if (n == MAX_RECORDS) continue;
        size_t need = 0, written = 0;
        if (rmq_batch_encoded_size(recs, n, &need, &err) != RMQ_OK) continue;
        uint8_t *out = malloc(need ? need : 1);
        FUZZ_ASSERT(rmq_batch_encode(recs, n, out, need, &written, &err) == RMQ_OK && written == need,
                    "batch encode disagrees with its size");
        rmq_batch_iter again;
        rmq_batch_iter_init(&again, out, written, 0);
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(rmq_batch_next(&again, &rec, &err) == RMQ_OK, "our batch encoding does not read back");
            FUZZ_ASSERT(rec.flag == recs[i].flag && rec.body_len == recs[i].body_len &&
                            !memcmp(rec.body, recs[i].body, rec.body_len) && rmq_str_equal(rec.properties, recs[i].properties),
                        "batch record changed through encode");
        }
        FUZZ_ASSERT(rmq_batch_next(&again, &rec, &err) == RMQ_DONE, "our batch encoding has extra records");
        if (!lenient && rc == RMQ_DONE) {
            /* byte for byte, but for MAGICCODE and BODYCRC: Java writes 0 in both and never reads them */
            FUZZ_ASSERT(written == size, "strict batch re-encodes to another size");
            uint8_t *expect = malloc(size ? size : 1);
            memcpy(expect, data, size);
            for (size_t i = 0; i < n; i++) memset(expect + (recs[i].body - data) - 16, 0, 8);
            FUZZ_ASSERT(!memcmp(out, expect, size), "strict batch does not re-encode exactly");
            free(expect);
        }
        free(out);
    }
    return 0;
}
