/* rmqwire — ACL 1.0 request signing, as RocketMQ's AclClientRPCHook does it. */
#ifndef RMQWIRE_ACL_H
#define RMQWIRE_ACL_H

#include "alloc.h"
#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_SHA1_LEN 20
#define RMQ_ACL_SIGNATURE_LEN 28 /* Base64 of an HMAC-SHA1 */

/* HMAC-SHA1 of data under key into mac; 0 on success. Yours, or rmq_hmac_sha1_libcrypto. */
typedef int (*rmq_hmac_sha1_fn)(void *ctx, const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                                uint8_t mac[RMQ_SHA1_LEN]);

typedef struct rmq_acl_credentials {
    rmq_str access_key;
    rmq_str secret_key;
    rmq_str security_token; /* null when there is none */
} rmq_acl_credentials;

/*
 * What the hook signs (AclUtils.combineRequestContent): the values of the ext fields plus
 * AccessKey and, when not null, SecurityToken, in Java's key order (a TreeMap of String:
 * UTF-16 order), a repeated key by its last value, a null value as "null", Signature left
 * out; then the body. Writes it to out[0..cap); *written is the size, also on
 * RMQ_ERR_BUFFER_TOO_SMALL (then call again with that much room). The sort uses
 * 4 * (count + 2) arena bytes.
 */
RMQ_API int rmq_acl_content(const rmq_ext_field *fields, size_t count, const rmq_acl_credentials *cred,
                            const uint8_t *body, size_t body_len, rmq_arena *arena, uint8_t *out, size_t cap,
                            size_t *written, rmq_error *err);

/* Base64(HmacSHA1(content, secret_key)) into out (NUL-terminated). An empty secret key is
 * RMQ_ERR_INVALID_ARGUMENT (Java's SecretKeySpec refuses it); a failing hmac is RMQ_ERR_INVALID_ARGUMENT. */
RMQ_API int rmq_acl_signature(const uint8_t *content, size_t len, rmq_str secret_key, rmq_hmac_sha1_fn hmac, void *ctx,
                              char out[RMQ_ACL_SIGNATURE_LEN + 1], rmq_error *err);

/*
 * The whole hook: cmd's ext fields (an AccessKey, SecurityToken or Signature it already has
 * replaced) followed by AccessKey, SecurityToken (when set) and Signature, as a new array
 * in `arena` for the caller to put in cmd->ext before encoding. Memory: the content, the
 * sort and the new array come from the arena.
 */
RMQ_API int rmq_acl_sign(const rmq_command *cmd, const rmq_acl_credentials *cred, rmq_hmac_sha1_fn hmac, void *ctx,
                         rmq_arena *arena, rmq_ext_field **fields, size_t *count, rmq_error *err);

/* HMAC-SHA1 through OpenSSL's libcrypto when the library was built with it
 * (-Dlibcrypto=enabled, or auto when libssl-dev is there); otherwise it returns -1.
 * libcrypto allocates with its own allocator: pass your own HMAC where every allocation
 * must go through your memory. */
RMQ_API int rmq_hmac_sha1_libcrypto(void *ctx, const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                                    uint8_t mac[RMQ_SHA1_LEN]);
RMQ_API bool rmq_acl_have_libcrypto(void);

#ifdef __cplusplus
}
#endif
#endif
