/* vectors/acl: Java 4.9.8's AclClientRPCHook; our content bytes and signature must match. */
#include "golden.h"
#include "support/sha1.h"

#include <stdlib.h>
#include <string.h>

#define DIFF(...) return (snprintf(why, n, __VA_ARGS__), false)

static rmq_str str_of(const vj *v) { return v && v->type == VJ_STR ? (rmq_str){v->s, v->slen} : RMQ_STR_NULL; }

bool check_acl_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    const vj *j = c->json, *ext = vj_get(j, "ext_before");
    if (!ext || ext->type != VJ_OBJ) DIFF("no ext_before");
    rmq_ext_field fields[64];
    size_t count = ext->n < 64 ? ext->n : 64;
    for (size_t i = 0; i < count; i++)
        fields[i] = (rmq_ext_field){{ext->keys[i], ext->key_lens[i]}, str_of(ext->items[i])};
    const vj *b = vj_get(j, "body_b64");
    size_t body_len = 0, want_len = 0;
    uint8_t *body = b && b->type == VJ_STR ? b64_decode(b->s, b->slen, &body_len) : NULL;
    const vj *cb = vj_get(j, "content_b64");
    uint8_t *want = cb && cb->type == VJ_STR ? b64_decode(cb->s, cb->slen, &want_len) : NULL;
    rmq_acl_credentials cred = {str_of(vj_get(j, "access_key")), str_of(vj_get(j, "secret_key")),
                                str_of(vj_get(j, "security_token"))};
    static uint8_t mem[1 << 16], content[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    size_t got = 0;
    bool ok = false;
    rmq_error err;
    if (rmq_acl_content(fields, count, &cred, body_len ? body : NULL, body_len, &a, content, sizeof content, &got, &err) != RMQ_OK) {
        snprintf(why, n, "content: %s", err.message);
    } else if (!want || got != want_len || memcmp(content, want, got) != 0) {
        snprintf(why, n, "content differs (%zu bytes, Java %zu)", got, want_len);
    } else {
        const vj *sig = vj_get(j, "signature");
        char ours[RMQ_ACL_SIGNATURE_LEN + 1];
        int rc = rmq_acl_signature(content, got, cred.secret_key, hmac_sha1, NULL, ours, &err);
        if (!sig || sig->type != VJ_STR) {
            ok = rc == RMQ_ERR_INVALID_ARGUMENT; /* Java threw */
            if (!ok) snprintf(why, n, "Java could not sign, we did");
        } else if (rc != RMQ_OK || strcmp(ours, sig->s)) {
            snprintf(why, n, "signature %s, Java %s", rc ? "failed" : ours, sig->s);
        } else if (rmq_acl_have_libcrypto() &&
                   (rmq_acl_signature(content, got, cred.secret_key, rmq_hmac_sha1_libcrypto, NULL, ours, &err) != RMQ_OK ||
                    strcmp(ours, sig->s))) {
            snprintf(why, n, "libcrypto's signature differs");
        } else {
            /* the whole hook on a command with those fields */
            rmq_command cmd;
            rmq_command_init(&cmd);
            cmd.has_ext = true;
            cmd.ext = fields;
            cmd.ext_count = count;
            cmd.body = body_len ? body : NULL;
            cmd.body_len = body_len;
            rmq_ext_field *signed_fields;
            size_t signed_count;
            rmq_arena_reset(&a);
            if (rmq_acl_sign(&cmd, &cred, hmac_sha1, NULL, &a, &signed_fields, &signed_count, &err) != RMQ_OK ||
                !rmq_str_equal_cstr(signed_fields[signed_count - 1].value, sig->s) ||
                !rmq_str_equal_cstr(signed_fields[signed_count - 1].key, "Signature"))
                snprintf(why, n, "rmq_acl_sign differs");
            else
                ok = true;
        }
    }
    free(body);
    free(want);
    return ok;
}
