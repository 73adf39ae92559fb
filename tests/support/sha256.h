/* SHA-256 for comparing bodies with the digests in the vector files. */
#ifndef RMQ_TEST_SHA256_H
#define RMQ_TEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 as 64 lower-case hex characters + NUL. */
void sha256_hex(const uint8_t *data, size_t len, char out[65]);

#endif
