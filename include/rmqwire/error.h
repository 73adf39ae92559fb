/* rmqwire — status codes and the error record every decoder fills. */
#ifndef RMQWIRE_ERROR_H
#define RMQWIRE_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Status codes. 0 is success, RMQ_INCOMPLETE (positive) means "feed more bytes",
 * RMQ_DONE (positive) "an iterator has no more records", every negative value is an
 * error. The numbers are stable: new codes are only ever appended.
 *
 * This is the one list of statuses, X(name, value, message): the enum, rmq_status_name
 * and rmq_strerror are expanded from it, and a caller may expand it too.
 */
#define RMQ_STATUS_LIST(X) \
    X(RMQ_OK, 0, "success") \
    /* not an error: more input is needed */ \
    X(RMQ_INCOMPLETE, 1, "more input needed") \
    /* not an error: an iterator has no more records */ \
    X(RMQ_DONE, 2, "no more records") \
    /* NULL pointer or nonsensical option */ \
    X(RMQ_ERR_INVALID_ARGUMENT, -1, "invalid argument") \
    /* the caller's arena/hooks could not supply memory */ \
    X(RMQ_ERR_NO_MEMORY, -2, "caller memory exhausted") \
    /* encoder output buffer too small */ \
    X(RMQ_ERR_BUFFER_TOO_SMALL, -3, "output buffer too small") \
    /* input ends before the length it announces */ \
    X(RMQ_ERR_TRUNCATED, -4, "input shorter than the length it announces") \
    /* bytes after a whole frame given to a whole-frame decoder */ \
    X(RMQ_ERR_TRAILING_DATA, -5, "bytes after the end of the frame") \
    /* total_length < 4: no room for the header word */ \
    X(RMQ_ERR_FRAME_TOO_SHORT, -6, "frame length smaller than 4") \
    /* total_length + 4 exceeds the frame limit */ \
    X(RMQ_ERR_FRAME_TOO_LONG, -7, "frame length above the maximum") \
    /* header length larger than the frame */ \
    X(RMQ_ERR_HEADER_LENGTH, -8, "header length larger than the frame") \
    /* top byte of the header word is neither 0 nor 1 */ \
    X(RMQ_ERR_SERIALIZE_TYPE, -9, "unknown serialize type") \
    /* header above the configured maximum */ \
    X(RMQ_ERR_HEADER_TOO_LONG, -10, "header above the configured maximum") \
    /* malformed JSON text */ \
    X(RMQ_ERR_JSON_SYNTAX, -20, "malformed JSON") \
    /* header empty, or not a JSON object (e.g. `null`) */ \
    X(RMQ_ERR_JSON_NOT_OBJECT, -21, "JSON header is not an object") \
    /* text after the closing brace of the header */ \
    X(RMQ_ERR_JSON_TRAILING, -22, "text after the JSON header object") \
    /* nesting deeper than the configured maximum */ \
    X(RMQ_ERR_JSON_DEPTH, -23, "JSON nesting too deep") \
    /* numeric field not an int32 */ \
    X(RMQ_ERR_JSON_NUMBER, -24, "number is not a valid int32") \
    /* value of the wrong JSON type for its field */ \
    X(RMQ_ERR_JSON_TYPE, -25, "JSON value of the wrong type") \
    /* fastjson-only syntax used while its leniency flag is off */ \
    X(RMQ_ERR_JSON_LENIENT, -26, "fastjson-only syntax not allowed by the options") \
    /* same key twice while duplicates are not allowed */ \
    X(RMQ_ERR_JSON_DUPLICATE_KEY, -27, "duplicate JSON key") \
    /* header has no opaque (Java would invent one) */ \
    X(RMQ_ERR_JSON_MISSING_OPAQUE, -28, "JSON header has no opaque") \
    /* language name/ordinal not known to the chosen release */ \
    X(RMQ_ERR_LANGUAGE, -29, "unknown language") \
    /* invalid UTF-8 while replacement is not allowed */ \
    X(RMQ_ERR_UTF8, -30, "invalid UTF-8") \
    /* bad backslash escape in a JSON string */ \
    X(RMQ_ERR_JSON_ESCAPE, -31, "invalid escape in JSON string") \
    /* a header fastjson spins on for 2^31 steps (seconds of a Java peer's CPU) before failing */ \
    X(RMQ_ERR_JSON_JAVA_HANGS, -32, "JSON header that Java's fastjson spins on before failing") \
    /* ROCKETMQ header shorter than its 21 fixed bytes */ \
    X(RMQ_ERR_RMQ_SHORT_HEADER, -40, "ROCKETMQ header shorter than 21 bytes") \
    /* remark length negative or past the header */ \
    X(RMQ_ERR_RMQ_REMARK_LENGTH, -41, "ROCKETMQ remark length out of range") \
    /* extFields length negative or past the header */ \
    X(RMQ_ERR_RMQ_EXT_LENGTH, -42, "ROCKETMQ extFields length out of range") \
    /* ext key length negative or past the ext region */ \
    X(RMQ_ERR_RMQ_KEY_LENGTH, -43, "ROCKETMQ ext key length out of range") \
    /* ext value length negative or past the ext region */ \
    X(RMQ_ERR_RMQ_VALUE_LENGTH, -44, "ROCKETMQ ext value length out of range") \
    /* header length larger than its fields (Java shifts the body) */ \
    X(RMQ_ERR_RMQ_HEADER_SLACK, -45, "ROCKETMQ header length larger than its fields") \
    /* more ext fields than the configured maximum */ \
    X(RMQ_ERR_TOO_MANY_FIELDS, -50, "too many ext fields") \
    /* string above the configured maximum */ \
    X(RMQ_ERR_STRING_TOO_LONG, -51, "string too long") \
    /* value the chosen encoding cannot carry */ \
    X(RMQ_ERR_UNREPRESENTABLE, -52, "value cannot be carried by this encoding") \
    /* splitter buffer smaller than a partial frame (not returned since 0.2: init refuses) */ \
    X(RMQ_ERR_SPLIT_NO_ROOM, -53, "splitter buffer too small for this frame") \
    /* splitter already failed; reset it */ \
    X(RMQ_ERR_SPLITTER_FAILED, -54, "splitter failed earlier; reset it") \
    /* compressed body is not a valid zlib stream */ \
    X(RMQ_ERR_INFLATE, -55, "compressed body is not a valid zlib stream") \
    /* inflated body would exceed the caller's maximum */ \
    X(RMQ_ERR_INFLATE_LIMIT, -56, "inflated body exceeds the maximum") \
    /* zlib refused to compress (bad level) */ \
    X(RMQ_ERR_DEFLATE, -58, "compression failed") \
    /* header field text Java would fail to parse */ \
    X(RMQ_ERR_FIELD_VALUE, -59, "header field value Java cannot parse") \
    /* header type does not match the request code */ \
    X(RMQ_ERR_WRONG_HEADER, -60, "header type does not match the request code") \
    /* batch record lengths out of range */ \
    X(RMQ_ERR_BATCH_RECORD, -61, "malformed batch record") \
    /* stored message record malformed */ \
    X(RMQ_ERR_STORED_RECORD, -62, "malformed stored message record") \
    /* message id text malformed */ \
    X(RMQ_ERR_MSGID, -63, "malformed message id") \
    /* correlator: no pending request with this opaque */ \
    X(RMQ_ERR_UNKNOWN_OPAQUE, -64, "no pending request with this opaque") \
    /* correlator: a request with this opaque is already pending */ \
    X(RMQ_ERR_DUPLICATE_OPAQUE, -65, "a request with this opaque is already pending") \
    /* correlator: every slot the caller gave is in use */ \
    X(RMQ_ERR_TABLE_FULL, -66, "pending-request table full") \
    /* a header field Java needs is absent (it would fail on a null) */ \
    X(RMQ_ERR_FIELD_MISSING, -67, "a header field Java needs is missing") \
    /* Validators (client side, before anything is sent): */ \
    X(RMQ_ERR_TOPIC_BLANK, -68, "the topic is blank") \
    X(RMQ_ERR_TOPIC_TOO_LONG, -69, "the topic is longer than 127 characters") \
    X(RMQ_ERR_TOPIC_ILLEGAL, -70, "the topic has characters outside ^[%|a-zA-Z0-9_-]+$") \
    X(RMQ_ERR_TOPIC_FORBIDDEN, -71, "sending to this system topic is forbidden") \
    X(RMQ_ERR_GROUP_BLANK, -72, "the group is blank") \
    X(RMQ_ERR_GROUP_TOO_LONG, -73, "the group is longer than 255 characters") \
    X(RMQ_ERR_GROUP_ILLEGAL, -74, "the group has characters outside ^[%|a-zA-Z0-9_-]+$") \
    X(RMQ_ERR_BODY_EMPTY, -75, "the message body is null or empty") \
    X(RMQ_ERR_BODY_TOO_LARGE, -76, "the message body is larger than the maximum message size") \
    X(RMQ_ERR_LMQ_PATH, -77, "INNER_MULTI_DISPATCH contains a path separator") \
    /* an optional feature this build of the library does not have (LZ4, ZSTD) */ \
    X(RMQ_ERR_UNSUPPORTED, -78, "not built into this library")

typedef enum rmq_status {
#define RMQ_STATUS_ENUM_ENTRY(name, value, message) name = value,
    RMQ_STATUS_LIST(RMQ_STATUS_ENUM_ENTRY)
#undef RMQ_STATUS_ENUM_ENTRY
} rmq_status;

/*
 * What went wrong and where. `offset` counts bytes from the start of the input the
 * failing call was given (for the splitter: from the start of the stream).
 * `message` is a static string, never freed, never NULL after a failure.
 */
typedef struct rmq_error {
    int code;
    size_t offset;
    const char *message;
    /* Typed headers: the ext key of the field that failed ("queueId"), static; NULL
     * for every other failure. (A decoded command keeps no byte offsets of its ext
     * values, so for these errors the field is the position, and offset is 0.) */
    const char *field;
} rmq_error;

/*
 * NULL policy, the same for every public function:
 * - `err` may always be NULL (nothing is reported then, the status still is);
 *   so may the out-parameters that report extra facts: `notes`, `written`,
 *   `tracked`, a field's `type`.
 * - Every other pointer is required: the object a function works on, its input
 *   (a data pointer may be NULL only with a length of 0) and the out-parameter
 *   that receives its result (the decoded value, the size asked for).
 * - A required pointer that is NULL makes a function that returns a status return
 *   RMQ_ERR_INVALID_ARGUMENT; one that returns a size, count, flag, pointer or
 *   string return 0, false, NULL or a null rmq_str; a void function does nothing.
 * tests/test_null_policy.c calls every public function that takes a pointer this way.
 */

/* A static, human-readable description of a status code (never NULL). */
RMQ_API const char *rmq_strerror(int code);

/* The enum name of a status code ("RMQ_ERR_JSON_SYNTAX"), or NULL when unknown. */
RMQ_API const char *rmq_status_name(int code);

#ifdef __cplusplus
}
#endif
#endif
