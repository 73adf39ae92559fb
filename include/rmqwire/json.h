/* rmqwire — fastjson-compatible string quoting, for tools that print JSON. */
#ifndef RMQWIRE_JSON_H
#define RMQWIRE_JSON_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes rmq_json_quote writes for `len` bytes of UTF-8 at `s` (quotes included). */
RMQ_API size_t rmq_json_quoted_size(const char *s, size_t len);

/*
 * Write s as a JSON string the way fastjson does by default (SPEC §2.2): control
 * characters, U+007F–U+009F and U+2028/2029 as upper-case \u escapes, \b \t \n \f
 * \r \" \\ short escapes, everything else raw. Returns bytes written, or 0 when
 * cap is smaller than rmq_json_quoted_size(). Bytes that are not UTF-8 are copied as
 * they are: this is the byte-level helper; the frame and route encoders refuse them.
 */
RMQ_API size_t rmq_json_quote(char *out, size_t cap, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
