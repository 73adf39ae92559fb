/* The two TopicRouteData readers behind rmq_route_decode (route_decode.c). */
#ifndef RMQ_INTERNAL_ROUTE_CODEC_H
#define RMQ_INTERNAL_ROUTE_CODEC_H

#include "limits.h"
#include "rmqwire/route.h"

#include <stdbool.h>

/* rmq_route_decode with resolved limits (tests and fuzz oracles set general_reader_only). */
int rmq_route_decode_limits(const uint8_t *body, size_t len, const rmq_limits *lim, rmq_arena *arena,
                            rmq_route *route, rmq_error *err);

/*
 * A body exactly as fastjson writes TopicRouteData (route_decode_canonical.c): no
 * whitespace, known keys once each, plain strings, integers, booleans. False when
 * it is anything else: the caller then undoes arena use and *route and runs the
 * general reader, which alone reports errors.
 */
bool rmq_route_decode_canonical(const uint8_t *body, size_t len, const rmq_limits *lim, rmq_arena *arena,
                                rmq_route *route);

/* ThreadLocalIndex.incrementAndGet on a selector: pre-increment, masked non-negative. The
 * round-robin and the latency-aware queue choice share it. */
uint32_t rmq_queue_selector_next(rmq_queue_selector *sel);

#endif
