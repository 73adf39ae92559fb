/* vectors/compression: bodies Java 5.3.3 compressed with LZ4 and ZSTD. Ours must give the
 * original back; our LZ4 frame must be Java's byte for byte, our ZSTD frame must round-trip
 * (libzstd and zstd-jni's stream cut blocks differently; Java reads ours: see the note). */
#include "golden.h"

#include <stdlib.h>
#include <string.h>

#define DIFF(...) return (snprintf(why, n, __VA_ARGS__), false)

static uint8_t *original_of(const vj *j, size_t *len)
{
    const vj *b64 = vj_get(j, "original_b64"), *l = vj_get(j, "original_length");
    if (b64 && b64->type == VJ_STR) return b64_decode(b64->s, b64->slen, len);
    if (!l || l->type != VJ_NUM || l->i < 0) return NULL;
    *len = (size_t)l->i;
    uint8_t *b = malloc(*len ? *len : 1);
    for (size_t i = 0; b && i < *len; i++) b[i] = (uint8_t)((i * 31 + (i >> 10)) % 251);
    return b;
}

bool check_compression_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    const vj *type = vj_get(c->json, "type"), *level = vj_get(c->json, "level");
    bool lz4 = type && type->type == VJ_STR && !strcmp(type->s, "LZ4");
    if (lz4 ? !rmq_have_lz4() : !rmq_have_zstd()) {
        /* without the library the functions say so, and nothing else */
        size_t w;
        uint8_t out[8];
        int rc = lz4 ? rmq_lz4_decompress(c->bin, c->bin_len, out, sizeof out, &w, NULL) : RMQ_ERR_UNSUPPORTED;
        if (rc != RMQ_ERR_UNSUPPORTED) DIFF("%s: built without it, yet it ran", name);
        return true;
    }
    size_t orig_len = 0, got = 0;
    uint8_t *orig = original_of(c->json, &orig_len);
    if (!orig) DIFF("no original");
    char hex[65];
    sha256_hex(orig, orig_len, hex);
    const vj *sum = vj_get(c->json, "original_sha256");
    bool ok = sum && sum->type == VJ_STR && !strcmp(sum->s, hex);
    if (!ok) snprintf(why, n, "the original is not what Java compressed");
    uint8_t *out = malloc(orig_len + 16);
    size_t scratch_len = rmq_zstd_decompress_scratch() + rmq_zstd_compress_scratch(level ? (int)level->i : 3) + 64;
    uint8_t *scratch = malloc(scratch_len);
    rmq_arena a;
    rmq_arena_init(&a, scratch, scratch_len);
    rmq_error err;
    int32_t flag = RMQ_MSG_COMPRESSED | (lz4 ? RMQ_MSG_COMPRESSION_LZ4 : RMQ_MSG_COMPRESSION_ZSTD);
    if (ok && (rmq_body_decompress(c->bin, c->bin_len, flag, &a, out, orig_len + 16, &got, &err) != RMQ_OK ||
               got != orig_len || memcmp(out, orig, got))) {
        snprintf(why, n, "decompress: %s (%zu bytes)", err.message, got);
        ok = false;
    }
    /* one byte less room than the original: the limit, not a crash or a short success */
    if (ok && orig_len && rmq_body_decompress(c->bin, c->bin_len, flag, &a, out, orig_len - 1, &got, &err) != RMQ_ERR_INFLATE_LIMIT) {
        snprintf(why, n, "a body larger than max_out was not RMQ_ERR_INFLATE_LIMIT (%s)", rmq_status_name(err.code));
        ok = false;
    }
    size_t bound = lz4 ? rmq_lz4_compress_bound(orig_len) : rmq_zstd_compress_bound(orig_len);
    uint8_t *z = malloc(bound);
    rmq_arena_reset(&a);
    int rc = lz4 ? rmq_lz4_compress(orig, orig_len, z, bound, &got, &err)
                 : rmq_zstd_compress(orig, orig_len, (int)level->i, &a, z, bound, &got, &err);
    if (ok && rc != RMQ_OK) {
        snprintf(why, n, "compress: %s", err.message);
        ok = false;
    }
    if (ok && lz4 && (got != c->bin_len || memcmp(z, c->bin, got))) {
        snprintf(why, n, "our LZ4 frame differs from Java's (%zu vs %zu bytes)", got, c->bin_len);
        ok = false;
    }
    size_t back = 0;
    rmq_arena_reset(&a);
    if (ok && (rmq_body_decompress(z, got, flag, &a, out, orig_len + 16, &back, &err) != RMQ_OK || back != orig_len ||
               memcmp(out, orig, back))) {
        snprintf(why, n, "our own frame does not come back");
        ok = false;
    }
    free(z);
    free(scratch);
    free(out);
    free(orig);
    return ok;
}
