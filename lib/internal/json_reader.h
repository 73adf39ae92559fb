/*
 * Pull reader for the fastjson dialect (SPEC §2.3, §12.3): standard JSON plus the
 * tolerances named by RMQ_LENIENT_JSON_* flags. Used for headers and bodies.
 * Never allocates except through rmq_jr_string's arena.
 */
#ifndef RMQ_INTERNAL_JSON_READER_H
#define RMQ_INTERNAL_JSON_READER_H

#include "rmqwire/alloc.h"
#include "rmqwire/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum rmq_jkind {
    RMQ_J_STRING,
    RMQ_J_NUMBER,
    RMQ_J_TRUE,
    RMQ_J_FALSE,
    RMQ_J_NULL,
    RMQ_J_OBJECT,   /* skipped container: span is its whole text */
    RMQ_J_ARRAY,
    RMQ_J_WORD      /* unquoted object key (leniency) */
} rmq_jkind;

typedef struct rmq_jtoken {
    rmq_jkind kind;
    size_t start;   /* offset of the first byte (the quote for strings) */
    size_t end;     /* offset one past the last byte (past the closing quote) */
    bool has_escape;
    bool ascii;     /* strings: no byte >= 0x80 (no UTF-8 check needed) */
} rmq_jtoken;

typedef struct rmq_jreader {
    const uint8_t *s;
    size_t n;
    size_t pos;
    size_t base_offset;  /* added to every error offset */
    uint32_t leniency;
    uint32_t max_depth;
    uint32_t max_string;
    uint32_t notes;      /* RMQ_NOTE_* that fired */
    bool repair_utf8;    /* replace malformed UTF-8 (else RMQ_ERR_UTF8) */
    rmq_error *err;
} rmq_jreader;

void rmq_jr_init(rmq_jreader *jr, const uint8_t *s, size_t n, size_t base_offset,
                 uint32_t leniency, rmq_error *err);

int rmq_jr_fail(rmq_jreader *jr, int code, size_t at, const char *message);

/* Next non-whitespace byte without consuming it; -1 at the end. */
int rmq_jr_peek(rmq_jreader *jr);

/* Consume `c` (after whitespace) or fail with RMQ_ERR_JSON_SYNTAX. */
int rmq_jr_expect(rmq_jreader *jr, uint8_t c);

/*
 * Object member iteration after '{' was consumed. *state starts at 0. Sets
 * *done at '}' (consumed); otherwise reads the key into *key and the ':'.
 */
int rmq_jr_member(rmq_jreader *jr, int *state, bool *done, rmq_jtoken *key);

/* Array element iteration after '[' was consumed; same contract without keys. */
int rmq_jr_element(rmq_jreader *jr, int *state, bool *done);

/* Read one value. Objects and arrays are skipped whole (depth-checked from `depth`). */
int rmq_jr_value(rmq_jreader *jr, rmq_jtoken *tok, uint32_t depth);

/* Text of a string or word token: the input span when it can be used as it is,
 * otherwise an unescaped/repaired copy in the arena. */
int rmq_jr_string(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, const char **out,
                  size_t *out_len);

/*
 * Unescape s[a..b) into dst (room for 3 * (b - a) + RMQ_UNESCAPE_SLACK bytes; b - a
 * + RMQ_UNESCAPE_SLACK when runs_valid).
 * fastjson's escapes: the JSON set plus \' \v \xHH and single octal digits \0..\7.
 * runs_valid: the caller checked the raw bytes are UTF-8, so runs are copied as they are.
 */
#define RMQ_UNESCAPE_SLACK 16u /* runs are copied in 16-byte blocks */
int rmq_jr_unescape(rmq_jreader *jr, size_t a, size_t b, bool runs_valid, uint8_t *dst, size_t *out_len);

/* True when the token's text equals `lit` (strings compared after unescaping the
 * simple cases; escaped keys fall back to a slow exact comparison). */
bool rmq_jr_token_is(const rmq_jreader *jr, const rmq_jtoken *tok, const char *lit);

/* int32/int64 value of a number token, or of a string token under NUMERIC_STRINGS. */
int rmq_jr_int32(rmq_jreader *jr, const rmq_jtoken *tok, int32_t *v);
int rmq_jr_int64(rmq_jreader *jr, const rmq_jtoken *tok, int64_t *v);

/* Only whitespace may follow. */
int rmq_jr_end(rmq_jreader *jr);

#endif
