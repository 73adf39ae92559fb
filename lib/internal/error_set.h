/* Filling an rmq_error in one line at every failure site. */
#ifndef RMQ_INTERNAL_ERROR_SET_H
#define RMQ_INTERNAL_ERROR_SET_H

#include "rmqwire/error.h"

/* Record code/offset/message (message NULL = rmq_strerror(code)); returns code. */
int rmq_fail(rmq_error *err, int code, size_t offset, const char *message);

/* The same for a typed-header field: names its ext key in err->field. */
int rmq_fail_field(rmq_error *err, int code, const char *field, const char *message);

#endif
