/* rmqwire — whole-frame decode and encode (SPEC §1–3). */
#ifndef RMQWIRE_FRAME_H
#define RMQWIRE_FRAME_H

#include "alloc.h"
#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Limits. Java's NettyDecoder compares total_length + 4 with 16 777 216, so the
 * largest total_length accepted by default is 16 777 212 (SPEC §1.2).
 */
#define RMQ_FRAME_PREFIX_LEN 4
#define RMQ_DEFAULT_MAX_FRAME 16777216u      /* compared with total_length + 4 */
#define RMQ_MAX_HEADER_FIELD 0x00FFFFFFu     /* 24-bit header length field */
#define RMQ_ROCKETMQ_FIXED_HEADER 21u
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
    RMQ_LENIENT_JSON_DUPLICATE_KEYS = 1u << 3,  /* last one wins, as fastjson */
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
                RMQ_LENIENT_BATCH_TOTAL_SIZE)
/* 4.9.8 turns the whole JSON header into a String first, repairing bad UTF-8. */
#define RMQ_LENIENCY_JAVA_498                                                                  \
    (RMQ_LENIENCY_JAVA_533 | RMQ_LENIENT_JSON_INVALID_UTF8 | RMQ_LENIENT_STORED_MAGIC)
#define RMQ_LENIENCY_ALL 0x1FFFFu
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

/*
 * Decode one whole frame that starts with the 4-byte length prefix. `len` must be
 * exactly total_length + 4 (RMQ_ERR_TRUNCATED when shorter, RMQ_ERR_TRAILING_DATA
 * when longer). Strings and body point into `data` where they can be used as they
 * are; unescaped or repaired strings and the ext array go into `arena`.
 * opts may be NULL (defaults). On failure *err (if not NULL) holds code, message
 * and the offset from `data`; *cmd is then unspecified.
 * Memory: at most rmq_frame_decode_bound(len) arena bytes.
 */
RMQ_API int rmq_frame_decode(const uint8_t *data, size_t len, const rmq_decode_options *opts,
                             rmq_arena *arena, rmq_command *cmd, rmq_error *err);

/* The same for a frame without its length prefix (what Java's RemotingCommand.decode
 * gets): `len` is total_length. Offsets in *err count from `data`. */
RMQ_API int rmq_frame_decode_unprefixed(const uint8_t *data, size_t len,
                                        const rmq_decode_options *opts, rmq_arena *arena,
                                        rmq_command *cmd, rmq_error *err);

/* Most arena bytes a decode of a frame of `len` bytes can use (any input, any options). */
RMQ_API size_t rmq_frame_decode_bound(size_t len);

/*
 * Exact number of bytes rmq_frame_encode will write for cmd in cmd->serialize_type
 * (prefix included). Fails with RMQ_ERR_UNREPRESENTABLE for what the encoding cannot
 * carry (ROCKETMQ: key over 32767 bytes, language RMQ_LANG_NULL or > 255; JSON: a
 * language byte with no LanguageCode name (RMQ_LANG_NULL is written as no
 * language, as fastjson omits Java's null); any: a header over 16 MiB - 1, a frame
 * over 4 GiB).
 */
RMQ_API int rmq_frame_encoded_size(const rmq_command *cmd, size_t *size, rmq_error *err);

/*
 * Write cmd as Java's RemotingCommand.encode() does: prefix, header word, header
 * (JSON exactly as fastjson writes it, or ROCKETMQ), body. Ext entries are written
 * in array order. JSON omits entries whose key or value is null, as fastjson omits
 * null map values; ROCKETMQ writes a null key or value with length 0, the same bytes
 * as an empty string (which Java reads back as null), so decoded frames re-encode
 * byte for byte.
 * ROCKETMQ code and version keep their low 16 bits, as Java's writeShort does.
 */
RMQ_API int rmq_frame_encode(const rmq_command *cmd, uint8_t *out, size_t cap,
                             size_t *written, rmq_error *err);

/*
 * Zero-allocation view of a complete frame at the start of `data` (with prefix):
 * header type, header bytes and body bytes, no header parsing.
 */
typedef struct rmq_frame_view {
    size_t frame_len;                 /* total_length + 4 */
    rmq_serialize_type serialize_type;
    const uint8_t *header;
    size_t header_len;
    const uint8_t *body;              /* NULL when body_len is 0 */
    size_t body_len;
} rmq_frame_view;

/*
 * Look at the start of `data`: RMQ_OK and *view when a whole frame is there,
 * RMQ_INCOMPLETE and *need (bytes still missing, at least 1) when it is not yet,
 * or an error (length too small/large for max_frame (0 = default), bad header
 * length, unknown serialize type). Never reads past data + len.
 */
RMQ_API int rmq_frame_peek(const uint8_t *data, size_t len, uint32_t max_frame,
                           rmq_frame_view *view, size_t *need, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif
