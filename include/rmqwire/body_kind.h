/* rmqwire — what a frame's body is, from the code, the direction and the request it answers. */
#ifndef RMQWIRE_BODY_KIND_H
#define RMQWIRE_BODY_KIND_H

#include "command.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rmq_body_kind {
    RMQ_BODY_NONE = 0,            /* no body */
    RMQ_BODY_MESSAGE,             /* a send's message body, as the producer gave it */
    RMQ_BODY_MESSAGE_COMPRESSED,  /* a send body whose sysFlag says compressed (rmq_sysflag_compression) */
    RMQ_BODY_BATCH,               /* a batch send: MessageBatch records (rmq_batch_iter) */
    RMQ_BODY_STORED_MESSAGES,     /* pull / query / view-by-id answer: stored records (rmq_stored_iter) */
    RMQ_BODY_ROUTE,               /* GET_ROUTEINFO_BY_TOPIC answer: TopicRouteData (rmq_route_decode) */
    RMQ_BODY_JSON,                /* another fastjson-serialized object (rmq_json_body_to_standard) */
    RMQ_BODY_BINARY               /* anything else */
} rmq_body_kind;

/*
 * The kind of cmd's body. For a response, request_code is the code of the request it
 * answers, or RMQ_REQUEST_CODE_UNKNOWN (from headers.h): then the header's keys and the
 * body's first bytes decide. Reads the send header of send requests; allocates nothing.
 */
RMQ_API rmq_body_kind rmq_body_kind_of(const rmq_command *cmd, int32_t request_code);

/* "ROUTE", "JSON"…; NULL for a value outside the enum. */
RMQ_API const char *rmq_body_kind_name(rmq_body_kind kind);

#ifdef __cplusplus
}
#endif
#endif
