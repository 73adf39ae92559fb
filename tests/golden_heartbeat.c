/* vectors/heartbeat: 4.9.8's HeartbeatData.encode(); decoded and encoded again, the same bytes. */
#include "golden.h"

#include <stdlib.h>
#include <string.h>

#define DIFF(...) return (snprintf(why, n, __VA_ARGS__), false)

bool check_heartbeat_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    if (!c->bin) DIFF("no .bin");
    size_t bound = rmq_heartbeat_decode_bound(c->bin_len), size = 0, written = 0;
    uint8_t *mem = malloc(bound), *out = NULL;
    rmq_arena a;
    rmq_arena_init(&a, mem, bound);
    rmq_heartbeat h;
    rmq_error err;
    bool ok = false;
    if (rmq_heartbeat_decode(c->bin, c->bin_len, NULL, &a, &h, &err) != RMQ_OK) {
        snprintf(why, n, "decode: %s at %zu", err.message, err.offset);
    } else {
        ok = true;
        for (size_t i = 0; ok && i < h.consumer_count; i++)
            for (size_t j = 0; ok && j < h.consumers[i].subscription_count; j++) {
                const rmq_subscription *s = &h.consumers[i].subscriptions[j];
                ok = s->code_count == s->tag_count;
                for (size_t k = 0; ok && k < s->tag_count; k++) ok = s->codes[k] == rmq_tag_code(s->tags[k]);
                if (!ok) snprintf(why, n, "codeSet is not the tags' hash codes");
            }
        if (ok && rmq_heartbeat_encoded_size(&h, RMQ_RELEASE_4_9_8, &size, &err) == RMQ_OK && (out = malloc(size)) &&
            rmq_heartbeat_encode(&h, RMQ_RELEASE_4_9_8, out, size, &written, &err) == RMQ_OK) {
            ok = written == c->bin_len && !memcmp(out, c->bin, written);
            if (!ok) snprintf(why, n, "encoded again: %.*s", (int)(written < 300 ? written : 300), out);
        } else if (ok) {
            snprintf(why, n, "encode: %s", err.message);
            ok = false;
        }
    }
    free(out);
    free(mem);
    return ok;
}
