/*
 * Pull reader for the fastjson dialect (SPEC §2.3, §12.3): standard JSON plus the
 * tolerances named by RMQ_LENIENT_JSON_* flags. Used for headers and bodies.
 * Never allocates except through rmq_jr_string's arena.
 */
#ifndef RMQ_INTERNAL_JSON_READER_H
#define RMQ_INTERNAL_JSON_READER_H

#include "rmqwire/alloc.h"
#include "rmqwire/command.h"
#include "rmqwire/error.h"
#include "rmqwire/options.h"

#include "limits.h"
#include "scan.h"

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
    bool container_keys; /* fastjson map keys that are objects or arrays (JSON bodies) */
    bool fastjson_words; /* values lexed as fastjson's lexer does (headers): numbers by
                          * scanNumber (a suffix L S B F D read past, not part of the token),
                          * true/false/null only before the characters fastjson allows */
    bool next_by_comma;  /* the codec that read the last value reads the token after it with
                          * fastjson's nextToken(COMMA) (rmq_jr_fj_token_after_value) */
    rmq_error *err;
} rmq_jreader;

/* A reader over s[0..n) with the decode's leniency, depth and string limits. */
void rmq_jr_init(rmq_jreader *jr, const uint8_t *s, size_t n, size_t base_offset,
                 const rmq_limits *lim, rmq_error *err);

int rmq_jr_fail(rmq_jreader *jr, int code, size_t at, const char *message);

/* Next non-whitespace byte without consuming it; -1 at the end. */
int rmq_jr_peek(rmq_jreader *jr);

/* Consume `c` (after whitespace) or fail with RMQ_ERR_JSON_SYNTAX. */
int rmq_jr_expect(rmq_jreader *jr, uint8_t c);

/*
 * Object member iteration after '{' was consumed. *state starts at 0. Sets
 * *done at '}' (consumed); otherwise reads the key into *key and the ':'.
 * With container_keys, a key that is an object or array comes back as RMQ_J_OBJECT /
 * RMQ_J_ARRAY with nothing consumed: the caller reads it, then the ':'.
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

/* A form only fastjson takes: RMQ_ERR_JSON_LENIENT unless flag is set, else note it. */
int rmq_jr_need_leniency(rmq_jreader *jr, uint32_t flag, uint32_t note, size_t at, const char *what);

/* int32/int64 value of a number token, or of a string token under NUMERIC_STRINGS. */
int rmq_jr_int32(rmq_jreader *jr, const rmq_jtoken *tok, int32_t *v);
int rmq_jr_int64(rmq_jreader *jr, const rmq_jtoken *tok, int64_t *v);

/*
 * fastjson's lexer where it parts from JSON's grammar: what stands between members
 * (RMQ_LENIENT_JSON_ODD_SEPARATORS). After a value fastjson reads one token with
 * JSONLexerBase.nextToken and only then decides; the kinds below are what decides.
 */
typedef enum rmq_fj_token {
    RMQ_FJT_COMMA, RMQ_FJT_RBRACE, RMQ_FJT_RBRACKET, RMQ_FJT_LBRACE, RMQ_FJT_EOF,
    RMQ_FJT_NULL, RMQ_FJT_COLON,
    RMQ_FJT_ERROR,  /* a character nextToken has no token for */
    RMQ_FJT_IDENT,  /* scanIdent's identifier that is no keyword */
    RMQ_FJT_OTHER   /* a string, number, word or punctuation token */
} rmq_fj_token;

/* One token as nextToken reads it, consumed; an error where fastjson's lexer throws. */
int rmq_jr_fj_token(rmq_jreader *jr, rmq_fj_token *kind);

typedef enum rmq_fj_key { RMQ_FJK_KEY, RMQ_FJK_END, RMQ_FJK_COMMA } rmq_fj_key;

/* Who reads the key: a bean (nextTokenWithColon: whitespace only before the ':'), a
 * String-keyed map (parseMap: comments too), or a map with typed keys (Long, Integer),
 * whose codec finds the key and then the ':' as tokens (nextToken: control characters too). */
typedef enum rmq_fj_key_reader { RMQ_FJ_BEAN_KEY, RMQ_FJ_MAP_KEY, RMQ_FJ_TYPED_KEY } rmq_fj_key_reader;

/* A key as fastjson's `reader` reads it: after whitespace and comments (a typed key: any
 * skipped token gap), a key and its ':', or a '}' or ',' (consumed). */
int rmq_jr_fj_key(rmq_jreader *jr, rmq_fj_key_reader reader, rmq_jtoken *key, rmq_fj_key *what);

/* Whether an unquoted key is an identifier to fastjson (scanSymbolUnQuoted's tables). */
bool rmq_jr_fj_identifier(const uint8_t *w, size_t n);

/* The token after a value, read on as the codec that read the value does: with
 * nextToken(COMMA) (next_by_comma) a literal 0x1A after whitespace is fastjson's end of
 * input even where the text goes on, which every bean, list and map reader then refuses
 * (RMQ_ERR_JSON_SYNTAX at the 0x1A); else as rmq_jr_fj_token. */
int rmq_jr_fj_token_after_value(rmq_jreader *jr, rmq_fj_token *kind);

/* That refusal alone, for readers that look at characters after a value. */
int rmq_jr_fj_check_value_end(rmq_jreader *jr);

/* What may follow the outermost object: as rmq_jr_end, and where its end was read with
 * nextToken(COMMA) (next_by_comma), a literal 0x1A after whitespace ends the text there. */
int rmq_jr_fj_end(rmq_jreader *jr);

/* A number token fastjson reads as a Float or Double (an F or D suffix after it). */
static inline bool rmq_jr_float_suffix(const rmq_jreader *jr, const rmq_jtoken *tok)
{
    return tok->kind == RMQ_J_NUMBER && tok->end < jr->n && (jr->s[tok->end] == 'F' || jr->s[tok->end] == 'D');
}

/* Only whitespace may follow. */
int rmq_jr_end(rmq_jreader *jr);

/*
 * Inline shortcuts of the functions above for the bytes fastjson itself writes (no
 * whitespace, double-quoted strings): each takes the quick path only where the
 * general function would do exactly the same, and otherwise calls it from the same
 * position, so results and errors never differ.
 */

#if defined(__GNUC__)
#define RMQ_JR_QUICK static inline __attribute__((always_inline))
#else
#define RMQ_JR_QUICK static inline
#endif

/* A double-quoted string at jr->pos, or false (nothing changed) for the general scan. */
RMQ_JR_QUICK bool rmq_jr_quick_string(rmq_jreader *jr, size_t p, rmq_jtoken *tok)
{
    const uint8_t *s = jr->s;
    size_t n = jr->n, i = p + 1;
    uint8_t high = 0;
    bool escaped = false;
    for (;;) {
        i = rmq_scan_quote_or_backslash(s, i, n, &high);
        if (i >= n) return false;
        if (s[i] == '"') break;
        escaped = true;
        i += 2; /* the escaped byte never ends the string */
        if (i >= n) return false;
    }
    if (i - p - 1 > jr->max_string) return false;
    tok->kind = RMQ_J_STRING;
    tok->start = p;
    tok->end = i + 1;
    tok->has_escape = escaped;
    tok->ascii = high == 0;
    jr->pos = i + 1;
    return true;
}

RMQ_JR_QUICK int rmq_jr_member_quick(rmq_jreader *jr, int *state, bool *done, rmq_jtoken *key)
{
    const uint8_t *s = jr->s;
    size_t p = jr->pos, n = jr->n;
    if (p + 1 < n) {
        if (s[p] == '}') {
            jr->pos = p + 1;
            *done = true;
            return RMQ_OK;
        }
        if (*state && s[p] == ',') p++;
        else if (*state) return rmq_jr_member(jr, state, done, key);
        size_t start = jr->pos;
        if (p < n && s[p] == '"' && rmq_jr_quick_string(jr, p, key)) {
            /* an escaped key goes the long way: its escapes are checked there, as fastjson's
             * scanSymbol checks them in keys nobody reads */
            if (jr->pos < n && s[jr->pos] == ':' && !key->has_escape) {
                jr->pos++;
                *state = 1;
                *done = false;
                return RMQ_OK;
            }
        } else if (p < n && s[p] >= '0' && s[p] <= '9' && (jr->leniency & RMQ_LENIENT_JSON_UNQUOTED_KEYS)) {
            /* a bare integer key, as TopicRouteData.encode() writes map keys */
            size_t i = p + 1;
            while (i < n && s[i] >= '0' && s[i] <= '9') i++;
            if (i < n && s[i] == ':') {
                jr->notes |= RMQ_NOTE_UNQUOTED_KEY;
                key->kind = RMQ_J_WORD;
                key->start = p;
                key->end = i;
                key->has_escape = false;
                key->ascii = false;
                jr->pos = i + 1;
                *state = 1;
                *done = false;
                return RMQ_OK;
            }
        }
        jr->pos = start;
    }
    return rmq_jr_member(jr, state, done, key);
}

RMQ_JR_QUICK int rmq_jr_element_quick(rmq_jreader *jr, int *state, bool *done)
{
    const uint8_t *s = jr->s;
    size_t p = jr->pos, n = jr->n;
    if (p + 1 < n) {
        uint8_t c = s[p];
        if (c == ']') {
            jr->pos = p + 1;
            *done = true;
            return RMQ_OK;
        }
        if (*state && c == ',') c = s[++p];
        else if (*state) return rmq_jr_element(jr, state, done);
        if (c > ' ' && c != ']') { /* not whitespace, not a trailing comma */
            jr->pos = p;
            *state = 1;
            *done = false;
            return RMQ_OK;
        }
    }
    return rmq_jr_element(jr, state, done);
}

static inline bool rmq_jr_plain_digits(const uint8_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] < '0' || d[i] > '9') return false;
    return n > 0;
}

RMQ_JR_QUICK int rmq_jr_value_quick(rmq_jreader *jr, rmq_jtoken *tok, uint32_t depth)
{
    const uint8_t *s = jr->s;
    size_t p = jr->pos, n = jr->n;
    if (p < n) {
        uint8_t c = s[p];
        if (c == '"' && rmq_jr_quick_string(jr, p, tok)) return RMQ_OK;
        if ((c >= '0' && c <= '9') || c == '-') {
            size_t i = p + 1;
            while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '+' || s[i] == '.' ||
                             s[i] == 'e' || s[i] == 'E'))
                i++;
            /* fastjson's scanNumber ends elsewhere than JSON's ("0-", "1F"): the long way,
             * unless the number is plain digits before a ',' or a closing bracket */
            if (jr->fastjson_words && !(i < n && (s[i] == ',' || s[i] == '}' || s[i] == ']') &&
                                        (c != '-' || i > p + 1) && rmq_jr_plain_digits(s + p + (c == '-'), i - p - (c == '-'))))
                return rmq_jr_value(jr, tok, depth);
            tok->kind = RMQ_J_NUMBER;
            tok->start = p;
            tok->end = i;
            tok->has_escape = false;
            tok->ascii = false;
            jr->pos = i;
            return RMQ_OK;
        }
    }
    return rmq_jr_value(jr, tok, depth);
}

RMQ_JR_QUICK int rmq_jr_peek_quick(rmq_jreader *jr)
{
    if (jr->pos < jr->n && jr->s[jr->pos] > ' ') return jr->s[jr->pos];
    return rmq_jr_peek(jr);
}

#endif
