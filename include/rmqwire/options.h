/* rmqwire — decode options shared by every decoder: limits, leniency flags, presets. */
#ifndef RMQWIRE_OPTIONS_H
#define RMQWIRE_OPTIONS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Limits. Java's NettyDecoder compares total_length + 4 with 16 777 216, so the
 * largest total_length accepted by default is 16 777 212 (SPEC §1.2).
 */
#define RMQ_DEFAULT_MAX_FRAME 16777216u      /* compared with total_length + 4 */
#define RMQ_DEFAULT_MAX_EXT_FIELDS 4096u     /* ext entries per header */
#define RMQ_DEFAULT_MAX_JSON_DEPTH 32u       /* nesting of skipped unknown values */
#define RMQ_MAX_JSON_DEPTH 256u              /* larger max_json_depth values are clamped to this */
#define RMQ_DEFAULT_MAX_STRING 16777215u     /* bytes of one decoded string */
#define RMQ_DEFAULT_MAX_LIST 65536u          /* entries of one list/map in a JSON body */

/*
 * Leniency flags: each names one thing Java's decoder tolerates. A flag that is
 * off turns that construction into a specific error.
 */
enum {
    RMQ_LENIENT_JSON_UNQUOTED_KEYS = 1u << 0,   /* {code:10} */
    RMQ_LENIENT_JSON_SINGLE_QUOTES = 1u << 1,   /* {'remark':'hi'} */
    RMQ_LENIENT_JSON_TRAILING_COMMA = 1u << 2,  /* {"code":10,} */
    RMQ_LENIENT_JSON_DUPLICATE_KEYS = 1u << 3,  /* a repeated field: the occurrence fastjson keeps (README) */
    RMQ_LENIENT_JSON_NUMERIC_STRINGS = 1u << 4, /* "code":"10" */
    RMQ_LENIENT_JSON_NONSTRING_VALUES = 1u << 5,/* ext/remark numbers, booleans, objects as text */
    RMQ_LENIENT_LANGUAGE_ORDINAL = 1u << 6,     /* "language":0 is the enum ordinal */
    RMQ_LENIENT_LANGUAGE_UNKNOWN = 1u << 7,     /* unknown name/byte becomes RMQ_LANG_NULL */
    RMQ_LENIENT_LANGUAGE_CASE = 1u << 8,        /* "java" matches JAVA */
    RMQ_LENIENT_JSON_INVALID_UTF8 = 1u << 9,    /* replace bad bytes with U+FFFD (4.9.8) */
    RMQ_LENIENT_RMQ_INVALID_UTF8 = 1u << 10,    /* same, ROCKETMQ strings (both releases) */
    RMQ_LENIENT_RMQ_NEGATIVE_EXT_LENGTH = 1u << 11, /* ext_len < 0 means no map */
    RMQ_LENIENT_RMQ_EXT_OVERRUN = 1u << 14,     /* last entry may end past ext_len (inside the header) */
    RMQ_LENIENT_BATCH_TOTAL_SIZE = 1u << 15,    /* batch record TOTALSIZE not checked (Java ignores it) */
    RMQ_LENIENT_STORED_MAGIC = 1u << 16,        /* stored record magic not checked (4.9.8 ignores it) */
    RMQ_LENIENT_JSON_CONTROL_CHARS = 1u << 17,  /* control characters where fastjson's nextToken passes over them */
    RMQ_LENIENT_JSON_LOOSE_NAMES = 1u << 18,    /* header keys matched as fastjson's smartMatch: "OPAQUE", "op_aque" */
    RMQ_LENIENT_JSON_NUMBER_FORMS = 1u << 19,   /* header ints as fastjson converts them: 1.5, 1e2, true, null, "1,000" */
    RMQ_LENIENT_JSON_COMMENTS = 1u << 20,       /* comments between tokens, as fastjson skips them */
    RMQ_LENIENT_JSON_ODD_SEPARATORS = 1u << 21, /* header members apart by a token other than one ',' (fastjson): {"a":"1"+"b":"2"} */
    /* Not Java-equivalent, so off in the Java presets (see README "Decisions"): */
    RMQ_LENIENT_JSON_MISSING_OPAQUE = 1u << 12, /* accept, opaque 0 + RMQ_NOTE_OPAQUE_MISSING */
    RMQ_LENIENT_RMQ_HEADER_SLACK = 1u << 13     /* unread header bytes become the body start */
};

/* What a 4.9.8 / 5.3.3 peer accepts (with the two exceptions above). */
#define RMQ_LENIENCY_JAVA_533                                                                  \
    (0u | RMQ_LENIENT_JSON_UNQUOTED_KEYS | RMQ_LENIENT_JSON_SINGLE_QUOTES |                     \
                RMQ_LENIENT_JSON_TRAILING_COMMA | RMQ_LENIENT_JSON_DUPLICATE_KEYS |             \
                RMQ_LENIENT_JSON_NUMERIC_STRINGS | RMQ_LENIENT_JSON_NONSTRING_VALUES |          \
                RMQ_LENIENT_LANGUAGE_ORDINAL | RMQ_LENIENT_LANGUAGE_UNKNOWN |                   \
                RMQ_LENIENT_LANGUAGE_CASE | RMQ_LENIENT_RMQ_INVALID_UTF8 |                      \
                RMQ_LENIENT_RMQ_NEGATIVE_EXT_LENGTH | RMQ_LENIENT_RMQ_EXT_OVERRUN |               \
                RMQ_LENIENT_BATCH_TOTAL_SIZE | RMQ_LENIENT_JSON_CONTROL_CHARS |                \
                RMQ_LENIENT_JSON_LOOSE_NAMES | RMQ_LENIENT_JSON_NUMBER_FORMS |                  \
                RMQ_LENIENT_JSON_COMMENTS | RMQ_LENIENT_JSON_ODD_SEPARATORS)
/* 4.9.8 turns the whole JSON header into a String first, repairing bad UTF-8. */
#define RMQ_LENIENCY_JAVA_498                                                                  \
    (RMQ_LENIENCY_JAVA_533 | RMQ_LENIENT_JSON_INVALID_UTF8 | RMQ_LENIENT_STORED_MAGIC)
#define RMQ_LENIENCY_ALL 0x3FFFFFu
#define RMQ_LENIENCY_STRICT 0u

typedef struct rmq_decode_options {
    uint32_t leniency;        /* RMQ_LENIENT_* bits */
    rmq_release release;      /* language table to use (NODE_JS is 5.x only); 0 = 5.3.3 */
    uint32_t max_frame;       /* compared with total_length + 4; 0 = default */
    uint32_t max_header;      /* header bytes; 0 = no limit below the 24-bit field */
    uint32_t max_ext_fields;  /* 0 = default */
    uint32_t max_json_depth;  /* 0 = default; at most RMQ_MAX_JSON_DEPTH (skipping recurses per level) */
    uint32_t max_string;      /* 0 = default */
    uint32_t max_list;        /* entries per JSON body list or map (routes); 0 = default */
} rmq_decode_options;

/* Defaults: leniency RMQ_LENIENCY_JAVA_498 | (NODE_JS known), release 5.3.3, default limits.
 * Decoders refuse options with leniency bits outside RMQ_LENIENCY_ALL or a release
 * other than 0, RMQ_RELEASE_4_9_8 and RMQ_RELEASE_5_3_3 (RMQ_ERR_INVALID_ARGUMENT). */
RMQ_API void rmq_decode_options_default(rmq_decode_options *opts);

/* Options that mirror one Java release exactly where the two differ. */
RMQ_API void rmq_decode_options_for_release(rmq_decode_options *opts, rmq_release release);

#ifdef __cplusplus
}
#endif
#endif
