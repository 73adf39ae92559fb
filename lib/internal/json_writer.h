/* fastjson-compatible JSON output pieces (SPEC §2.1–2.2). */
#ifndef RMQ_INTERNAL_JSON_WRITER_H
#define RMQ_INTERNAL_JSON_WRITER_H

#include "bytes.h"

/* A JSON string the way fastjson writes it by default (quotes included). */
void rmq_jw_string(rmq_writer *w, const char *s, size_t len);

/* A decimal integer (no exponent, '-' for negatives). */
void rmq_jw_int(rmq_writer *w, int64_t v);

/* A literal ASCII text. */
void rmq_jw_raw(rmq_writer *w, const char *text);

#endif
