/*
 * Properties strings (SPEC §7). Oracle: the iterator and the parser agree; a parsed
 * set encodes (both releases) and parses back to the same entries; KEYS splitting
 * stays inside the value.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t scratch[1 << 22];
    const char *s = (const char *)data;
    rmq_properties_iter it;
    rmq_properties_iter_init(&it, s, size);
    rmq_property p;
    size_t walked = 0;
    while (rmq_properties_next(&it, &p)) {
        FUZZ_ASSERT(p.name.len > 0 && p.value.len > 0, "iterator yielded an entry Java drops");
        FUZZ_ASSERT(p.name.ptr >= s && p.value.ptr + p.value.len <= s + size, "entry outside the string");
        FUZZ_ASSERT(!memchr(p.name.ptr, RMQ_PROP_NAME_VALUE_SEP, p.name.len), "name holds the separator");
        walked++;
    }

    rmq_arena a;
    rmq_arena_init(&a, scratch, sizeof scratch);
    rmq_property *props;
    size_t count;
    rmq_error err;
    FUZZ_ASSERT(rmq_properties_parse(s, size, &a, &props, &count, &err) == RMQ_OK, "parse failed with room to spare");
    FUZZ_ASSERT(count <= walked, "parse holds more entries than the string has");

    for (int rel = 0; rel < 2; rel++) {
        rmq_release release = rel ? RMQ_RELEASE_5_3_3 : RMQ_RELEASE_4_9_8;
        size_t need = 0, written = 0;
        int rc = rmq_properties_encoded_size(props, count, release, &need, &err);
        if (rc != RMQ_OK) {
            /* only a value holding 0x02 (the parser keeps 0x01 inside values) cannot be written */
            FUZZ_ASSERT(rc == RMQ_ERR_UNREPRESENTABLE, "parsed properties cannot be sized");
            continue;
        }
        char *out = malloc(need ? need : 1);
        FUZZ_ASSERT(rmq_properties_encode(props, count, release, out, need, &written, &err) == RMQ_OK && written == need,
                    "properties encode disagrees with its size");
        rmq_property *again;
        size_t again_count;
        FUZZ_ASSERT(rmq_properties_parse(out, written, &a, &again, &again_count, &err) == RMQ_OK, "reparse failed");
        FUZZ_ASSERT(again_count == count, "entry count changed through encode");
        for (size_t i = 0; i < count; i++)
            FUZZ_ASSERT(rmq_str_equal(props[i].name, again[i].name) && rmq_str_equal(props[i].value, again[i].value),
                        "entry changed through encode");
        if (written) FUZZ_ASSERT((out[written - 1] == RMQ_PROP_SEP) == (release == RMQ_RELEASE_5_3_3),
                                 "trailing separator not as the release writes it");
        free(out);
    }

    rmq_str keys;
    if (rmq_properties_get(props, count, RMQ_PROP_KEYS, &keys)) {
        size_t pos = 0;
        rmq_str k;
        while (rmq_keys_next(keys, &pos, &k))
            FUZZ_ASSERT(k.len > 0 && k.ptr >= keys.ptr && k.ptr + k.len <= keys.ptr + keys.len && !memchr(k.ptr, ' ', k.len),
                        "a key outside KEYS or holding a space");
    }
    return 0;
}
