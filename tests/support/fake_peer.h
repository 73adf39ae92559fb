/* Pieces of the fake name servers and brokers the example tests run on 127.0.0.1. */
#ifndef RMQ_TEST_FAKE_PEER_H
#define RMQ_TEST_FAKE_PEER_H

#include "rmqwire.h"

#include <stdbool.h>
#include <stddef.h>

/* A listening socket on 127.0.0.1 with a free port (written to *port); exits on failure. */
int fake_listen_loopback(int *port);

/* A vector file's bytes (VECTORS_DIR/rel) in one of a few static buffers; exits on failure. */
const uint8_t *fake_vector(const char *vectors, const char *rel, size_t *len);

/* route/many_brokers_plain.bin with every broker address replaced by 127.0.0.1:port when
 * `rewrite` (else the vector's 10.x hosts): port_a for the 1st, 3rd, … broker, port_b for
 * the others; re-encoded in the plain dialect as 4.9.8 sends it. */
size_t fake_loopback_route(const char *vectors, int port_a, int port_b, bool rewrite, uint8_t *out, size_t cap);

/* cmd as a frame in out; its length, or 0 when it cannot be encoded. */
size_t fake_encode(const rmq_command *cmd, uint8_t *out, size_t cap);

#endif
