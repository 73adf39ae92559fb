/* Connecting the examples to "host:port": numeric loopback hosts only. */
#ifndef RMQ_EXAMPLE_LOOPBACK_H
#define RMQ_EXAMPLE_LOOPBACK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A TCP socket connected (or, with nonblocking, connecting: finish on POLLOUT and
 * check SO_ERROR) to hostport[0..len), which must name 127.0.0.0/8 or ::1 by number
 * ("[::1]:9876" for IPv6). -1, with the reason on stderr after `who`, otherwise:
 * route data may name any host, and the examples must never leave the machine.
 */
int connect_loopback(const char *who, const char *hostport, size_t len, bool nonblocking);

#endif
