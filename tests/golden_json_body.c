/* vectors/json_body: fastjson's own reading of JSON bodies, rendered as standard JSON
 * (tools/javagen/JsonBodies.java); ours must give the same text byte for byte. */
#include "golden.h"

#include <stdlib.h>
#include <string.h>

#define DIFF(...) return (snprintf(why, n, __VA_ARGS__), false)

bool check_json_body_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    if (!c->bin) DIFF("no .bin");
    const vj *verdict = vj_get(c->json, "java"), *standard = vj_get(c->json, "standard");
    if (!verdict || verdict->type != VJ_STR) DIFF("no java verdict");
    size_t bound = rmq_json_body_bound(c->bin_len), need = 0, written = 0;
    uint8_t *mem = malloc(bound);
    rmq_arena a;
    rmq_arena_init(&a, mem, bound);
    rmq_error err;
    int rc = rmq_json_body_to_standard(c->bin, c->bin_len, NULL, &a, NULL, 0, &need, &err);
    uint8_t *out = rc == RMQ_ERR_BUFFER_TOO_SMALL ? malloc(need + 1) : NULL;
    if (out) {
        rmq_arena_reset(&a);
        rc = rmq_json_body_to_standard(c->bin, c->bin_len, NULL, &a, out, need, &written, &err);
    }
    bool ok;
    if (!strcmp(verdict->s, "ok")) {
        ok = rc == RMQ_OK && standard && standard->type == VJ_STR && written == standard->slen &&
             memcmp(out, standard->s, written) == 0;
        if (!ok && rc != RMQ_OK) snprintf(why, n, "Java reads it, we fail: %s at %zu", err.message, err.offset);
        else if (!ok) snprintf(why, n, "we give %.*s, Java %s", (int)(written < 200 ? written : 200), out, standard ? standard->s : "?");
    } else {
        ok = rc != RMQ_OK;
        if (!ok) snprintf(why, n, "Java throws, we convert it");
    }
    free(out);
    free(mem);
    return ok;
}
