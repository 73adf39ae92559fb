/*
 * Which member of a JSON header sets which RemotingCommand field, decided as fastjson
 * 1.2.69 decides it (README "Decisions": duplicate keys). Only matters when a field
 * occurs twice or under a loose name; the value itself is read by the header reader.
 *
 * fastjson reads RemotingCommand with a generated deserializer that tries the bean's
 * nine properties in name order at the lexer's position (a quick scan per type that
 * needs `"name":` right there), and on the first member it cannot take that way hands
 * over to JavaBeanDeserializer: it again tries the properties in order from the first
 * (at most 16 misses), and otherwise reads the key and matches it by name, loosely
 * (case, '_' and '-' ignored) and only to a property not yet set. Quick scans set a
 * property even when it was set before. (Java's quick enum scan in the second stage
 * works only once that property's deserializer has been used by the JVM; modelled as
 * used — any non-canonical language key in the JVM's life does it.) fastjson 1.2.83, which
 * RocketMQ 5.3.3 uses, follows the same rules on a bean with these properties, except that
 * it unescapes a remark after a space as it should (header_json.c applies that per release).
 */
#ifndef RMQ_INTERNAL_FASTJSON_MATCH_H
#define RMQ_INTERNAL_FASTJSON_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RemotingCommand's deserializable properties, in fastjson's (name) order. */
enum rmq_fj_field {
    RMQ_FJ_BODY, RMQ_FJ_CODE, RMQ_FJ_EXT, RMQ_FJ_FLAG, RMQ_FJ_LANGUAGE, RMQ_FJ_OPAQUE,
    RMQ_FJ_REMARK, RMQ_FJ_SERIALIZE, RMQ_FJ_VERSION, RMQ_FJ_COUNT,
    RMQ_FJ_NONE = -1
};

/* How the generated deserializer scans a property quickly (JSONScanner / JSONLexerBase). */
enum rmq_fj_scan {
    RMQ_FJK_MATCH,  /* matchField, then the value is parsed whatever it is (objects, lists, maps) */
    RMQ_FJK_INT,    /* scanFieldInt */
    RMQ_FJK_STRING, /* scanFieldString */
    RMQ_FJK_ENUM,   /* scanEnumSymbol */
    RMQ_FJK_OTHER   /* a scan not modelled (boolean, long): the key is read instead */
};

/* A bean's deserializable property, as its quick scan compares it at the lexer. */
typedef struct rmq_fj_prop {
    const char *name;   /* as smartMatch compares it */
    const char *quoted; /* "\"name\":" */
    uint8_t quoted_len;
    uint8_t kind;       /* enum rmq_fj_scan */
} rmq_fj_prop;

/* A bean class: its properties in fastjson's (name) order. */
typedef struct rmq_fj_bean {
    const rmq_fj_prop *props;
    int count; /* at most 32 */
} rmq_fj_bean;

extern const rmq_fj_bean rmq_fj_remoting_command;

typedef enum rmq_fj_route {
    RMQ_FJ_SET,     /* the value sets `field` */
    RMQ_FJ_SKIP,    /* the value is read and dropped (unknown, or a property already set) */
    RMQ_FJ_KEY,     /* no quick scan takes the member: read the key, then rmq_fj_route_key */
    RMQ_FJ_ENDS,    /* the object ends before this position (a '}' token stood before it) */
    RMQ_FJ_REFUSED, /* JavaBeanDeserializer refuses the token before this position */
    RMQ_FJ_HANGS    /* Java's lexer spins on this member, then fails (java_spins_at) */
} rmq_fj_route;

/* The token fastjson read last, as the second stage judges it when it takes over. */
/* OPEN: a "{" or ",", which it reads on from; CLOSE: a "}", where the object ends */
enum rmq_fj_last { RMQ_FJ_LAST_OPEN, RMQ_FJ_LAST_CLOSE, RMQ_FJ_LAST_OTHER };

typedef struct rmq_fj_matcher {
    const rmq_fj_bean *bean;
    const uint8_t *s;
    size_t n;
    uint32_t set;         /* properties set so far (fastjson's setFlags) */
    bool generic;         /* handed over to JavaBeanDeserializer */
    bool object_quick;    /* the last RMQ_FJ_SET is body or extFields in the first stage */
    uint8_t last;         /* enum rmq_fj_last: '{' or ',' / '}' / another token */
    unsigned cursor;      /* next property to try at the lexer's position */
    unsigned misses;      /* second stage: name misses (quick scans stop at 16) */
    size_t java_spins_at; /* SIZE_MAX, or the enum value Java's quick scan spins on */
    bool quick;           /* the last RMQ_FJ_SET came from a quick scan */
    int32_t quick_int;    /* and for an int property, the value Java's scan computed */
    size_t quick_text_at; /* for the remark: SIZE_MAX, or where Java's unescaped text starts */
    size_t quick_text_end;
} rmq_fj_matcher;

/* Past JSONLexerBase.isWhitespace characters from p (no control characters, no comments). */
size_t rmq_fj_space_end(const uint8_t *s, size_t n, size_t p);

/* Whether a quick scan of some property of `bean` would take the member at p: its
 * `"name":` after whitespace. */
bool rmq_fj_quick_name_at(const rmq_fj_bean *bean, const uint8_t *s, size_t n, size_t p);

/* A matcher for RemotingCommand, or for another bean. */
void rmq_fj_init(rmq_fj_matcher *m, const uint8_t *s, size_t n);
void rmq_fj_init_bean(rmq_fj_matcher *m, const rmq_fj_bean *bean, const uint8_t *s, size_t n);

/*
 * Route of the next member before its key is read: bp is where fastjson's lexer stands
 * (just past the '{' or the token after the last value). A quick scan may take it
 * (RMQ_FJ_SET, *field); else the key is read and rmq_fj_route_key decides. In the first
 * stage the object may also end or fail here, by the token read after body/extFields.
 */
rmq_fj_route rmq_fj_route_member(rmq_fj_matcher *m, size_t bp, int *field);

/* Route of a member whose key was read: named is the property the key names
 * (RMQ_FJ_NONE for none; rmq_fj_field_of). RMQ_FJ_SET or RMQ_FJ_SKIP. */
rmq_fj_route rmq_fj_route_key(rmq_fj_matcher *m, int named, int *field);

/* The token read after a body or extFields value taken in the first stage
 * (object_quick): the generated code goes on to the next property whatever it is. */
void rmq_fj_after_object(rmq_fj_matcher *m, enum rmq_fj_last last);

/* The property's name ("opaque"). */
const char *rmq_fj_name(int field);

/* smartMatch's comparison of a key with a property name: ASCII case, '_' and '-' ignored. */
bool rmq_fj_loose_equal(const char *key, size_t len, const char *name);

/* The property a key names: exactly, or (loose) with case, '_' and '-' ignored. */
int rmq_fj_field_of(const char *key, size_t len, bool loose, bool *was_loose);

#endif
