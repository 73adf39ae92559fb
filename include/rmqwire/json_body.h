/* rmqwire — any fastjson-serialized body (heartbeats, broker registration, offset tables,
 * consumer stats…) rendered as standard JSON, for analyzers. */
#ifndef RMQWIRE_JSON_BODY_H
#define RMQWIRE_JSON_BODY_H

#include "alloc.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Read `body` as fastjson reads it (the RMQ_LENIENT_JSON_* flags of opts apply; NULL =
 * defaults) and write it to out[0..cap) as standard JSON (RFC 8259), compact:
 * - map keys that are not strings become strings: bare integers (`{0:"a"}` → `{"0":"a"}`)
 *   and object or array keys (offset tables, TopicStatsTable: `{{"topic":"T",…}:5}`),
 *   which become their own compact standard JSON text as the key string;
 * - a key repeated in one object is resolved as fastjson's map does: the last value wins,
 *   shown at the first key's position;
 * - single-quoted strings, fastjson's extra escapes and repaired UTF-8 come out as JSON
 *   strings; a number token that is not a JSON number (`01`, `1.`) becomes a string of its text.
 * Limits: max_json_depth (nesting), max_list (members or elements of one container),
 * max_string, as for every decoder. Memory: at most rmq_json_body_bound(len) arena bytes.
 * On RMQ_ERR_BUFFER_TOO_SMALL, *written is the size needed (call again with a buffer of
 * that size). Errors carry the offset in `body`.
 */
RMQ_API int rmq_json_body_to_standard(const uint8_t *body, size_t len, const rmq_decode_options *opts,
                                      rmq_arena *arena, uint8_t *out, size_t cap, size_t *written, rmq_error *err);

/* Most arena bytes rmq_json_body_to_standard can use for a body of `len` bytes. */
RMQ_API size_t rmq_json_body_bound(size_t len);

#ifdef __cplusplus
}
#endif
#endif
