/* Base64 (RFC 4648, with padding) for body text in vectors and rmqdump output. */
#ifndef RMQ_TOOLS_BASE64_H
#define RMQ_TOOLS_BASE64_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* base64 → malloc'ed bytes; NULL on bad input. */
uint8_t *b64_decode(const char *s, size_t slen, size_t *out_len);

/* n bytes as base64 text to f. */
void b64_write(FILE *f, const uint8_t *p, size_t n);

#endif
