/* The whole-frame oracle, shared by the frame and header harnesses. */
#ifndef RMQ_FUZZ_FRAME_ORACLE_H
#define RMQ_FUZZ_FRAME_ORACLE_H

#include "fuzz_common.h"

/* Encode cmd into a fresh buffer (NULL when the encoding cannot carry it). */
static uint8_t *fuzz_encode(const rmq_command *cmd, size_t *len)
{
    size_t size;
    rmq_error err;
    int rc = rmq_frame_encoded_size(cmd, &size, &err);
    if (rc != RMQ_OK) {
        FUZZ_ASSERT(rc == RMQ_ERR_UNREPRESENTABLE, "encoded_size failed for a decoded command");
        return NULL;
    }
    uint8_t *out = malloc(size);
    size_t written = 0;
    FUZZ_ASSERT(out && rmq_frame_encode(cmd, out, size, &written, &err) == RMQ_OK, "encode failed after sizing");
    FUZZ_ASSERT(written == size, "encode wrote a different size than announced");
    *len = size;
    return out;
}

/* Decode with an arena of exactly the documented bound: NO_MEMORY would break the promise. */
static int fuzz_decode(const uint8_t *data, size_t size, const rmq_decode_options *o, void **mem, rmq_command *cmd,
                       rmq_error *err)
{
    size_t bound = rmq_frame_decode_bound(size);
    *mem = malloc(bound ? bound : 1);
    rmq_arena a;
    rmq_arena_init(&a, *mem, bound);
    int rc = rmq_frame_decode(data, size, o, &a, cmd, err);
    if (rc != RMQ_OK) {
        FUZZ_CHECK_ERROR(rc, *err);
        FUZZ_ASSERT(rc != RMQ_ERR_NO_MEMORY, "decode needed more than rmq_frame_decode_bound");
        FUZZ_ASSERT(err->offset <= size, "error offset past the input");
    }
    return rc;
}

/* decode → encode → decode → encode reaches a fixed point; encoded frames always decode. */
static void fuzz_frame_oracle(const uint8_t *data, size_t size)
{
    /* the presets, then one mask taken from the input */
    for (size_t i = 0; i <= FUZZ_LENIENCY_COUNT; i++) {
        rmq_decode_options o = i < FUZZ_LENIENCY_COUNT ? fuzz_options(i) : fuzz_input_options(data, size);
        rmq_decode_options all = o;
        all.leniency = RMQ_LENIENCY_ALL;
        void *m1 = NULL, *m2 = NULL, *m3 = NULL;
        rmq_command c1, c2, c3;
        rmq_error err;
        if (fuzz_decode(data, size, &o, &m1, &c1, &err) == RMQ_OK) {
            size_t n1 = 0, n2 = 0, n3 = 0;
            uint8_t *y1 = fuzz_encode(&c1, &n1);
            if (y1) {
                FUZZ_ASSERT(fuzz_decode(y1, n1, &all, &m2, &c2, &err) == RMQ_OK, "our own encoding does not decode");
                FUZZ_ASSERT(c2.code == c1.code || c1.serialize_type == RMQ_SERIALIZE_ROCKETMQ, "code changed");
                FUZZ_ASSERT(c2.opaque == c1.opaque && c2.flag == c1.flag, "opaque/flag changed");
                FUZZ_ASSERT(c2.body_len == c1.body_len && (!c1.body_len || !memcmp(c2.body, c1.body, c1.body_len)), "body changed");
                uint8_t *y2 = fuzz_encode(&c2, &n2);
                FUZZ_ASSERT(y2, "re-decoded command not encodable");
                /* a JSON language Java holds as null is omitted, then reads back as JAVA: one more round */
                if (c1.language != RMQ_LANG_NULL)
                    FUZZ_ASSERT(n1 == n2 && !memcmp(y1, y2, n1), "encode(decode(encode(x))) != encode(x)");
                FUZZ_ASSERT(fuzz_decode(y2, n2, &all, &m3, &c3, &err) == RMQ_OK, "second round does not decode");
                uint8_t *y3 = fuzz_encode(&c3, &n3);
                FUZZ_ASSERT(y3 && n3 == n2 && !memcmp(y2, y3, n2), "no fixed point after two rounds");
                free(y3);
                free(y2);
                free(y1);
            }
            rmq_frame_view v;
            size_t need;
            FUZZ_ASSERT(rmq_frame_peek(data, size, 0, &v, &need, &err) == RMQ_OK && v.frame_len == size,
                        "peek disagrees with a successful decode");
        }
        free(m1);
        free(m2);
        free(m3);
    }
}

#endif
