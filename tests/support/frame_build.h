/* Frames around hand-written header bytes, for tests that feed the decoders odd headers. */
#ifndef RMQ_TEST_FRAME_BUILD_H
#define RMQ_TEST_FRAME_BUILD_H

#include <stddef.h>
#include <stdint.h>

/* Length prefix, header word (serialize type `type`), header, body into out; returns the length. */
size_t frame_of(uint8_t *out, int type, const void *header, size_t hlen, const void *body, size_t blen);

#endif
