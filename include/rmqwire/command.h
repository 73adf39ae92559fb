/* rmqwire — the RemotingCommand model (SPEC §1–4). */
#ifndef RMQWIRE_COMMAND_H
#define RMQWIRE_COMMAND_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Top byte of the header-length word (SPEC §1.1). */
typedef enum rmq_serialize_type {
    RMQ_SERIALIZE_JSON = 0,
    RMQ_SERIALIZE_ROCKETMQ = 1
} rmq_serialize_type;

/* LanguageCode (SPEC §4.3). JSON carries the name, ROCKETMQ the byte. */
enum {
    RMQ_LANG_JAVA = 0, RMQ_LANG_CPP = 1, RMQ_LANG_DOTNET = 2, RMQ_LANG_PYTHON = 3,
    RMQ_LANG_DELPHI = 4, RMQ_LANG_ERLANG = 5, RMQ_LANG_RUBY = 6, RMQ_LANG_OTHER = 7,
    RMQ_LANG_HTTP = 8, RMQ_LANG_GO = 9, RMQ_LANG_PHP = 10, RMQ_LANG_OMS = 11,
    RMQ_LANG_RUST = 12, RMQ_LANG_NODE_JS = 13 /* 5.x only */,
    /* Java holds null (unknown name in JSON). A JSON encoder omits the field. */
    RMQ_LANG_NULL = -1
};

/* flag bits (SPEC §4.1). */
#define RMQ_FLAG_RESPONSE 0x1
#define RMQ_FLAG_ONEWAY   0x2

/*
 * One extFields entry. Key or value may be null (ROCKETMQ zero length, JSON null). Both
 * encoders leave an entry with a null key or value out, as Java's writers do (fastjson;
 * mapSerialize), so the two encodings of a command give Java the same map; "" is written.
 * A command the ROCKETMQ decoder read zero-length entries into (RMQ_NOTE_ZERO_LENGTH_ENTRY)
 * keeps them: it re-encodes byte for byte.
 */
typedef struct rmq_ext_field {
    rmq_str key;
    rmq_str value;
} rmq_ext_field;

/* Notes a decoder leaves about leniencies that applied (bit set), for analyzers. */
enum {
    RMQ_NOTE_UNQUOTED_KEY = 1u << 0,
    RMQ_NOTE_SINGLE_QUOTES = 1u << 1,
    RMQ_NOTE_TRAILING_COMMA = 1u << 2,
    RMQ_NOTE_DUPLICATE_KEY = 1u << 3,
    RMQ_NOTE_NUMERIC_STRING = 1u << 4,
    RMQ_NOTE_NONSTRING_VALUE = 1u << 5,
    RMQ_NOTE_LANGUAGE_ORDINAL = 1u << 6,
    RMQ_NOTE_LANGUAGE_UNKNOWN = 1u << 7,
    RMQ_NOTE_UTF8_REPLACED = 1u << 8,
    RMQ_NOTE_OPAQUE_MISSING = 1u << 9,
    RMQ_NOTE_HEADER_SLACK = 1u << 10,
    RMQ_NOTE_NEGATIVE_EXT_LENGTH = 1u << 11,
    RMQ_NOTE_LANGUAGE_CASE = 1u << 12,
    RMQ_NOTE_EXT_OVERRUN = 1u << 13,
    RMQ_NOTE_CONTROL_CHARS = 1u << 14,
    RMQ_NOTE_LOOSE_NAME = 1u << 15,
    RMQ_NOTE_NUMBER_FORM = 1u << 16,
    RMQ_NOTE_COMMENT = 1u << 17,
    RMQ_NOTE_ODD_SEPARATOR = 1u << 18,
    /* a ROCKETMQ ext key or value of length 0 (Java's readStr: null); the ROCKETMQ encoder
     * then writes the command's null keys and values with length 0 again */
    RMQ_NOTE_ZERO_LENGTH_ENTRY = 1u << 19
};

/*
 * A RemotingCommand as Java holds it. Decoders fill it with pointers into the
 * input and the caller's arena; encoders read it. Nothing in it is owned.
 */
typedef struct rmq_command {
    int32_t code;
    int32_t language;        /* LanguageCode byte, or RMQ_LANG_NULL */
    int32_t version;         /* MQVersion ordinal */
    int32_t opaque;
    int32_t flag;
    rmq_str remark;          /* null and "" are distinct (JSON); ROCKETMQ has no "" */
    bool has_ext;            /* false: Java null map; true with ext_count 0: empty map */
    const rmq_ext_field *ext;/* wire order, duplicates kept (lookups: last wins) */
    size_t ext_count;
    const uint8_t *body;     /* NULL when there is no body (Java null) */
    size_t body_len;
    rmq_serialize_type serialize_type;
    uint32_t notes;          /* RMQ_NOTE_* set by the decoder */
} rmq_command;

/* A zeroed command with Java's constructor defaults (code 0, JAVA, JSON). */
RMQ_API void rmq_command_init(rmq_command *cmd);

static inline bool rmq_command_is_response(const rmq_command *c) { return (c->flag & RMQ_FLAG_RESPONSE) != 0; }
static inline bool rmq_command_is_oneway(const rmq_command *c) { return (c->flag & RMQ_FLAG_ONEWAY) != 0; }

/*
 * Value of extFields[key] with Java HashMap semantics: the last entry with that key
 * wins. Returns false when the map is null or holds no such key (*value is then
 * null); when it returns true the value may still be null (ptr == NULL).
 */
RMQ_API bool rmq_ext_get(const rmq_command *cmd, const char *key, size_t key_len, rmq_str *value);

/* Number of distinct keys, the size of Java's map after decoding (duplicates count once).
 * Sorted in 4 KiB of stack up to 128 entries (n log n); larger maps are compared
 * pairwise, as the function has no memory to sort them in. */
RMQ_API size_t rmq_ext_distinct_count(const rmq_command *cmd);

#ifdef __cplusplus
}
#endif
#endif
