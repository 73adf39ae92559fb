/* rmqwire — status codes and the error record every decoder fills. */
#ifndef RMQWIRE_ERROR_H
#define RMQWIRE_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Status codes. 0 is success, RMQ_INCOMPLETE (positive) means "feed more bytes",
 * RMQ_DONE (positive) "an iterator has no more records",
 * every negative value is an error. The numbers are stable: new codes are only
 * ever appended.
 */
typedef enum rmq_status {
    RMQ_OK = 0,
    RMQ_INCOMPLETE = 1,              /* not an error: more input is needed */
    RMQ_DONE = 2,                    /* not an error: an iterator has no more records */

    RMQ_ERR_INVALID_ARGUMENT = -1,   /* NULL pointer or nonsensical option */
    RMQ_ERR_NO_MEMORY = -2,          /* the caller's arena/hooks could not supply memory */
    RMQ_ERR_BUFFER_TOO_SMALL = -3,   /* encoder output buffer too small */
    RMQ_ERR_TRUNCATED = -4,          /* input ends before the length it announces */
    RMQ_ERR_TRAILING_DATA = -5,      /* bytes after a whole frame given to a whole-frame decoder */
    RMQ_ERR_FRAME_TOO_SHORT = -6,    /* total_length < 4: no room for the header word */
    RMQ_ERR_FRAME_TOO_LONG = -7,     /* total_length + 4 exceeds the frame limit */
    RMQ_ERR_HEADER_LENGTH = -8,      /* header length larger than the frame */
    RMQ_ERR_SERIALIZE_TYPE = -9,     /* top byte of the header word is neither 0 nor 1 */
    RMQ_ERR_HEADER_TOO_LONG = -10,   /* header above the configured maximum */

    RMQ_ERR_JSON_SYNTAX = -20,       /* malformed JSON text */
    RMQ_ERR_JSON_NOT_OBJECT = -21,   /* header empty, or not a JSON object (e.g. `null`) */
    RMQ_ERR_JSON_TRAILING = -22,     /* text after the closing brace of the header */
    RMQ_ERR_JSON_DEPTH = -23,        /* nesting deeper than the configured maximum */
    RMQ_ERR_JSON_NUMBER = -24,       /* numeric field not an int32 */
    RMQ_ERR_JSON_TYPE = -25,         /* value of the wrong JSON type for its field */
    RMQ_ERR_JSON_LENIENT = -26,      /* fastjson-only syntax used while its leniency flag is off */
    RMQ_ERR_JSON_DUPLICATE_KEY = -27,/* same key twice while duplicates are not allowed */
    RMQ_ERR_JSON_MISSING_OPAQUE = -28,/* header has no opaque (Java would invent one) */
    RMQ_ERR_LANGUAGE = -29,          /* language name/ordinal not known to the chosen release */
    RMQ_ERR_UTF8 = -30,              /* invalid UTF-8 while replacement is not allowed */
    RMQ_ERR_JSON_ESCAPE = -31,       /* bad backslash escape in a JSON string */

    RMQ_ERR_RMQ_SHORT_HEADER = -40,  /* ROCKETMQ header shorter than its 21 fixed bytes */
    RMQ_ERR_RMQ_REMARK_LENGTH = -41, /* remark length negative or past the header */
    RMQ_ERR_RMQ_EXT_LENGTH = -42,    /* extFields length negative or past the header */
    RMQ_ERR_RMQ_KEY_LENGTH = -43,    /* ext key length negative or past the ext region */
    RMQ_ERR_RMQ_VALUE_LENGTH = -44,  /* ext value length negative or past the ext region */
    RMQ_ERR_RMQ_HEADER_SLACK = -45,  /* header length larger than its fields (Java shifts the body) */

    RMQ_ERR_TOO_MANY_FIELDS = -50,   /* more ext fields than the configured maximum */
    RMQ_ERR_STRING_TOO_LONG = -51,   /* string above the configured maximum */
    RMQ_ERR_UNREPRESENTABLE = -52,   /* value the chosen encoding cannot carry */
    RMQ_ERR_SPLIT_NO_ROOM = -53,     /* splitter buffer smaller than a partial frame */
    RMQ_ERR_SPLITTER_FAILED = -54,   /* splitter already failed; reset it */
    RMQ_ERR_INFLATE = -55,           /* compressed body is not a valid zlib stream */
    RMQ_ERR_INFLATE_LIMIT = -56,     /* inflated body would exceed the caller's maximum */
    RMQ_ERR_DEFLATE = -58,           /* zlib refused to compress (bad level) */
    RMQ_ERR_FIELD_VALUE = -59,       /* header field text Java would fail to parse */
    RMQ_ERR_WRONG_HEADER = -60,      /* header type does not match the request code */
    RMQ_ERR_BATCH_RECORD = -61,      /* batch record lengths out of range */
    RMQ_ERR_STORED_RECORD = -62,     /* stored message record malformed */
    RMQ_ERR_MSGID = -63,             /* message id text malformed */
    RMQ_ERR_UNKNOWN_OPAQUE = -64,    /* correlator: no pending request with this opaque */
    RMQ_ERR_DUPLICATE_OPAQUE = -65,  /* correlator: a request with this opaque is already pending */
    RMQ_ERR_TABLE_FULL = -66,        /* correlator: every slot the caller gave is in use */
    RMQ_ERR_FIELD_MISSING = -67      /* a header field Java needs is absent (it would fail on a null) */
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
