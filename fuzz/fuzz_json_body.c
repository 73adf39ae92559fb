/*
 * fastjson bodies → standard JSON. The first byte picks the leniency preset, the rest
 * is the body. Oracles: errors have a code, a message and an offset inside the body;
 * the arena use stays within rmq_json_body_bound; a too-small buffer reports the size
 * the full one then needs; the output is JSON an independent parser takes; and it is a
 * fixed point: converting it again gives the same bytes.
 */
#include "fuzz_common.h"

#include "common/json_dom.h"


static int convert(const uint8_t *body, size_t len, const rmq_decode_options *o, uint8_t *out, size_t cap,
                   size_t *written, rmq_error *err, size_t *used)
{
    rmq_arena a;
    fuzz_bound_arena(&a, rmq_json_body_bound(len));
    int rc = rmq_json_body_to_standard(body, len, o, &a, out, cap, written, err);
    FUZZ_ASSERT(rc != RMQ_ERR_NO_MEMORY, "the documented bound was not enough");
    *used = rmq_arena_used(&a);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    rmq_decode_options o = fuzz_options(data[0]);
    const uint8_t *body = data + 1;
    size_t len = size - 1, need = 0, used;
    rmq_error err;
    int rc = convert(body, len, &o, NULL, 0, &need, &err, &used);
    if (rc != RMQ_ERR_BUFFER_TOO_SMALL) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(err.offset <= len, "error offset past the body");
        return 0;
    }
    uint8_t *out = malloc(need + 1);
    size_t written = 0;
    FUZZ_ASSERT(convert(body, len, &o, out, need, &written, &err, &used) == RMQ_OK, "the size it asked for failed");
    FUZZ_ASSERT(written == need, "written differs from the size asked");
    vj *v = vj_parse((const char *)out, written);
    FUZZ_ASSERT(v != NULL, "the output is not JSON");
    vj_free(v);
    /* standard JSON is its own standard form (the strict reader takes it too) */
    rmq_decode_options strict = o;
    strict.leniency = RMQ_LENIENCY_STRICT;
    uint8_t *again = malloc(written + 1);
    size_t again_len = 0;
    rc = convert(out, written, &strict, again, written, &again_len, &err, &used);
    FUZZ_ASSERT(rc == RMQ_OK, "the output does not convert again");
    FUZZ_ASSERT(again_len == written && memcmp(again, out, written) == 0, "the output is not a fixed point");
    free(again);
    free(out);
    return 0;
}
