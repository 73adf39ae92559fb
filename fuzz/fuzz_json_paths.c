/*
 * Header bytes read twice: by the fast path (JSON: fastjson's own output, with its
 * fallback; ROCKETMQ: the all-ASCII ext region) and by the general reader alone. Every result must be the same:
 * status, error code, offset and message, and on success every field and note.
 * Leniency: the four presets plus a mask taken from the input's hash, so every
 * flag combination is reached.
 */
#include "fuzz_common.h"
#include "internal/header_codec.h"

static bool str_same(rmq_str a, rmq_str b)
{
    if (!a.ptr || !b.ptr) return !a.ptr && !b.ptr;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void compare_paths(const uint8_t *frame, size_t size, const rmq_decode_options *o)
{
    rmq_limits fast, general;
    rmq_limits_resolve(&fast, o);
    general = fast;
    general.general_reader_only = true;
    size_t bound = rmq_frame_decode_bound(size);
    void *m1 = malloc(bound ? bound : 1), *m2 = malloc(bound ? bound : 1);
    rmq_arena a1, a2;
    rmq_arena_init(&a1, m1, bound);
    rmq_arena_init(&a2, m2, bound);
    rmq_command c1, c2;
    rmq_error e1 = {0, 0, NULL, NULL}, e2 = {0, 0, NULL, NULL};
    int r1 = rmq_frame_decode_limits(frame, size, &fast, &a1, &c1, &e1);
    int r2 = rmq_frame_decode_limits(frame, size, &general, &a2, &c2, &e2);
    if (r1 != r2) fprintf(stderr, "fast %d (%s @%zu) general %d (%s @%zu) lenient %x max_string %u max_ext %u\n", r1, e1.message ? e1.message : "", e1.offset, r2, e2.message ? e2.message : "", e2.offset, o->leniency, o->max_string, o->max_ext_fields);
    FUZZ_ASSERT(r1 == r2, "fast path and general reader disagree on the status");
    if (r1 != RMQ_OK) {
        FUZZ_ASSERT(e1.code == e2.code && e1.offset == e2.offset, "fast path and general reader report different errors");
        FUZZ_ASSERT(e1.message && e2.message && !strcmp(e1.message, e2.message), "different error messages");
    } else {
        FUZZ_ASSERT(c1.code == c2.code && c1.language == c2.language && c1.version == c2.version &&
                        c1.opaque == c2.opaque && c1.flag == c2.flag && c1.notes == c2.notes &&
                        c1.serialize_type == c2.serialize_type,
                    "fast path and general reader decode different header fields");
        FUZZ_ASSERT(str_same(c1.remark, c2.remark), "different remark");
        FUZZ_ASSERT(c1.has_ext == c2.has_ext && c1.ext_count == c2.ext_count, "different extFields");
        for (size_t i = 0; i < c1.ext_count; i++)
            FUZZ_ASSERT(str_same(c1.ext[i].key, c2.ext[i].key) && str_same(c1.ext[i].value, c2.ext[i].value),
                        "different ext entry");
        FUZZ_ASSERT(c1.body_len == c2.body_len && c1.body == c2.body, "different body");
        FUZZ_ASSERT(rmq_arena_used(&a1) <= rmq_arena_used(&a2), "fast path used more arena than the general reader");
    }
    free(m1);
    free(m2);
}

static void header_paths(const uint8_t *h, size_t n, uint8_t type)
{
    if (n > 0x00FFFFFF) return;
    uint8_t *frame = malloc(n + 8);
    uint32_t total = (uint32_t)n + 4;
    frame[0] = (uint8_t)(total >> 24); frame[1] = (uint8_t)(total >> 16); frame[2] = (uint8_t)(total >> 8); frame[3] = (uint8_t)total;
    frame[4] = type; frame[5] = (uint8_t)(n >> 16); frame[6] = (uint8_t)(n >> 8); frame[7] = (uint8_t)n;
    if (n) memcpy(frame + 8, h, n);
    for (size_t i = 0; i < FUZZ_LENIENCY_COUNT; i++) {
        rmq_decode_options o = fuzz_options(i);
        compare_paths(frame, n + 8, &o);
    }
    uint32_t hash = fuzz_hash(h, n);
    rmq_decode_options o = fuzz_input_options(h, n);
    /* small limits reach the fast path's bail-outs (string length, entry count) */
    if (hash & (1u << 20)) o.max_string = 1 + (hash >> 21 & 63);
    if (hash & (1u << 27)) o.max_ext_fields = 1 + (hash >> 28 & 7);
    compare_paths(frame, n + 8, &o);
    free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* seeds are whole frames: their header too, when the prefix says JSON */
    if (size >= 8 && data[4] <= 1 && ((size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7]) <= size - 8)
        header_paths(data + 8, (size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7], data[4]);
    header_paths(data, size, 0);
    header_paths(data, size, 1);
    return 0;
}
