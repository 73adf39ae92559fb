/* ACL 1.0 signing: AclClientRPCHook, AclUtils.combineRequestContent, AclSigner. */
#include "rmqwire/acl.h"

#include "internal/error_set.h"
#include "internal/index_sort.h"
#include "internal/java_string.h"

#include <string.h>

#if defined(RMQ_HAVE_LIBCRYPTO)
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

typedef struct signed_field {
    rmq_str key, value;
} signed_field;

/* TreeMap<String, String> order: String.compareTo, ties by position so the last one wins. */
static bool field_less(const void *items, uint32_t a, uint32_t b)
{
    const signed_field *f = items;
    int c = rmq_java_string_compare(f[a].key.ptr, f[a].key.len, f[b].key.ptr, f[b].key.len);
    return c ? c < 0 : a < b;
}

static bool key_is(rmq_str k, const char *name) { return rmq_str_equal_cstr(k, name); }

int rmq_acl_content(const rmq_ext_field *fields, size_t count, const rmq_acl_credentials *cred,
                    const uint8_t *body, size_t body_len, rmq_arena *arena, uint8_t *out, size_t cap,
                    size_t *written, rmq_error *err)
{
    if ((!fields && count) || !cred || !cred->access_key.ptr || (!body && body_len) || !arena || (!out && cap) ||
        !written || count > UINT32_MAX - 2 || count > SIZE_MAX / sizeof(signed_field) - 2)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    size_t n = 0, total = count + 2;
    signed_field *all = rmq_arena_alloc(arena, total * sizeof *all, _Alignof(signed_field));
    uint32_t *idx = rmq_arena_alloc(arena, total * sizeof *idx, _Alignof(uint32_t));
    if (!all || !idx) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    /* the hook adds its keys to the map first; a header field of the same name would follow */
    all[n++] = (signed_field){rmq_str_from_cstr("AccessKey"), cred->access_key};
    if (cred->security_token.ptr) all[n++] = (signed_field){rmq_str_from_cstr("SecurityToken"), cred->security_token};
    for (size_t i = 0; i < count; i++) {
        if (!fields[i].key.ptr || key_is(fields[i].key, "Signature")) continue;
        all[n++] = (signed_field){fields[i].key, fields[i].value};
    }
    for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
    rmq_index_sort(idx, n, field_less, all);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        /* of equal keys the last (highest position) is the map's value */
        if (i + 1 < n && rmq_str_equal(all[idx[i]].key, all[idx[i + 1]].key)) continue;
        rmq_str v = all[idx[i]].value;
        const char *text = v.ptr ? v.ptr : "null";
        size_t vl = v.ptr ? v.len : 4;
        if (len <= cap && cap - len >= vl && vl) memcpy(out + len, text, vl);
        len += vl;
    }
    if (body_len && len <= cap && cap - len >= body_len) memcpy(out + len, body, body_len);
    len += body_len;
    *written = len;
    if (len > cap) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, "the content needs *written bytes");
    return RMQ_OK;
}

static void base64(const uint8_t *p, size_t n, char *out)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0u);
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = i + 1 < n ? t[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? t[v & 63] : '=';
    }
    out[o] = 0;
}

int rmq_acl_signature(const uint8_t *content, size_t len, rmq_str secret_key, rmq_hmac_sha1_fn hmac, void *ctx,
                      char out[RMQ_ACL_SIGNATURE_LEN + 1], rmq_error *err)
{
    if ((!content && len) || !hmac || !out || !secret_key.ptr) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (secret_key.len == 0) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "empty secret key (Java refuses it too)");
    uint8_t mac[RMQ_SHA1_LEN];
    if (hmac(ctx, (const uint8_t *)secret_key.ptr, secret_key.len, content, len, mac) != 0)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, "the HMAC function failed");
    base64(mac, sizeof mac, out);
    return RMQ_OK;
}

int rmq_acl_sign(const rmq_command *cmd, const rmq_acl_credentials *cred, rmq_hmac_sha1_fn hmac, void *ctx,
                 rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err)
{
    if (!cmd || !cred || !hmac || !arena || !fields || !count || (cmd->ext_count && !cmd->ext) ||
        !cred->access_key.ptr || !cred->secret_key.ptr)
        return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    size_t have = cmd->has_ext ? cmd->ext_count : 0;
    rmq_ext_field *out = rmq_arena_alloc(arena, (have + 3) * sizeof *out, _Alignof(rmq_ext_field));
    if (!out) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    size_t n = 0;
    for (size_t i = 0; i < have; i++) {
        rmq_str k = cmd->ext[i].key;
        if (key_is(k, "AccessKey") || key_is(k, "SecurityToken") || key_is(k, "Signature")) continue;
        out[n++] = cmd->ext[i];
    }
    size_t need = 0;
    int rc = rmq_acl_content(out, n, cred, cmd->body, cmd->body_len, arena, NULL, 0, &need, err);
    if (rc != RMQ_ERR_BUFFER_TOO_SMALL && rc != RMQ_OK) return rc;
    uint8_t *content = rmq_arena_alloc(arena, need ? need : 1, 1);
    if (!content) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    rc = rmq_acl_content(out, n, cred, cmd->body, cmd->body_len, arena, content, need, &need, err);
    if (rc) return rc;
    char *sig = rmq_arena_alloc(arena, RMQ_ACL_SIGNATURE_LEN + 1, 1);
    if (!sig) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    rc = rmq_acl_signature(content, need, cred->secret_key, hmac, ctx, sig, err);
    if (rc) return rc;
    out[n++] = (rmq_ext_field){rmq_str_from_cstr("AccessKey"), cred->access_key};
    if (cred->security_token.ptr) out[n++] = (rmq_ext_field){rmq_str_from_cstr("SecurityToken"), cred->security_token};
    out[n++] = (rmq_ext_field){rmq_str_from_cstr("Signature"), (rmq_str){sig, RMQ_ACL_SIGNATURE_LEN}};
    *fields = out;
    *count = n;
    return RMQ_OK;
}

int rmq_hmac_sha1_libcrypto(void *ctx, const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                            uint8_t mac[RMQ_SHA1_LEN])
{
    (void)ctx;
#if defined(RMQ_HAVE_LIBCRYPTO)
    unsigned int mac_len = 0;
    if (!key || !mac || (!data && len) || key_len > INT32_MAX) return -1;
    static const uint8_t none = 0;
    return HMAC(EVP_sha1(), key, (int)key_len, data ? data : &none, len, mac, &mac_len) && mac_len == RMQ_SHA1_LEN ? 0 : -1;
#else
    (void)key;
    (void)key_len;
    (void)data;
    (void)len;
    (void)mac;
    return -1;
#endif
}

bool rmq_acl_have_libcrypto(void)
{
#if defined(RMQ_HAVE_LIBCRYPTO)
    return true;
#else
    return false;
#endif
}
