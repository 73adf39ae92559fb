/* HMAC-SHA1 for the tests (FIPS 180-4, RFC 2104): checks ACL signatures without libcrypto. */
#ifndef RMQ_TEST_SHA1_H
#define RMQ_TEST_SHA1_H

#include <stddef.h>
#include <stdint.h>

void sha1(const uint8_t *data, size_t len, uint8_t out[20]);

/* The rmq_hmac_sha1_fn shape; always 0. */
int hmac_sha1(void *ctx, const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, uint8_t mac[20]);

#endif
