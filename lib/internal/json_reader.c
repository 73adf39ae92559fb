#include "json_reader.h"

#include "error_set.h"
#include "hex.h"
#include "rmqwire/options.h"
#include "scan.h"
#include "utf8.h"

#include <string.h>

void rmq_jr_init(rmq_jreader *jr, const uint8_t *s, size_t n, size_t base_offset,
                 const rmq_limits *lim, rmq_error *err)
{
    jr->s = s;
    jr->n = n;
    jr->pos = 0;
    jr->base_offset = base_offset;
    jr->leniency = lim->leniency;
    jr->max_depth = lim->max_json_depth;
    jr->max_string = lim->max_string;
    jr->notes = 0;
    jr->repair_utf8 = (lim->leniency & RMQ_LENIENT_JSON_INVALID_UTF8) != 0;
    jr->container_keys = false;
    jr->fastjson_words = false;
    jr->next_by_comma = false;
    jr->err = err;
}

int rmq_jr_fail(rmq_jreader *jr, int code, size_t at, const char *message)
{
    return rmq_fail(jr->err, code, jr->base_offset + at, message);
}

/* fastjson skips these between tokens. */
static bool is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\b'; }

/* A comment at pos ('/'), as fastjson's skipComment reads it: false when it is none. */
static bool skip_comment(rmq_jreader *jr)
{
    const uint8_t *s = jr->s;
    size_t p = jr->pos + 1, n = jr->n;
    if (p >= n || (s[p] != '*' && s[p] != '/')) return false;
    if (s[p] == '/') {
        while (p < n && s[p] != '\n') p++;
        jr->pos = p < n ? p + 1 : n;
    } else {
        /* an unclosed one runs to the end, as in fastjson */
        for (p++; p < n && !(s[p] == '*' && p + 1 < n && s[p + 1] == '/'); p++) {}
        jr->pos = p < n ? p + 2 : n;
    }
    jr->notes |= RMQ_NOTE_COMMENT;
    return true;
}

/* Between tokens. At a token (a value, ',' or '}') fastjson's nextToken also passes over
 * control characters; before a key (skipWhitespace) only whitespace and comments. */
static void skip_between(rmq_jreader *jr, bool at_token)
{
    for (;;) {
        /* fastjson output has no whitespace: test the common case first */
        while (jr->pos < jr->n && jr->s[jr->pos] <= ' ' && is_ws(jr->s[jr->pos])) jr->pos++;
        if (jr->pos >= jr->n) return;
        uint8_t c = jr->s[jr->pos];
        if (c == '/' && (jr->leniency & RMQ_LENIENT_JSON_COMMENTS) && skip_comment(jr)) continue;
        if (at_token && (c < ' ' || c == 0x7F) && (jr->leniency & RMQ_LENIENT_JSON_CONTROL_CHARS)) {
            jr->notes |= RMQ_NOTE_CONTROL_CHARS;
            jr->pos++;
            continue;
        }
        return;
    }
}

static void skip_ws(rmq_jreader *jr) { skip_between(jr, true); }

int rmq_jr_peek(rmq_jreader *jr)
{
    skip_ws(jr);
    return jr->pos < jr->n ? jr->s[jr->pos] : -1;
}

static int peek_before_key(rmq_jreader *jr)
{
    skip_between(jr, false);
    return jr->pos < jr->n ? jr->s[jr->pos] : -1;
}

int rmq_jr_expect(rmq_jreader *jr, uint8_t c)
{
    if (rmq_jr_peek(jr) != c) {
        if (jr->pos >= jr->n) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "unexpected end of JSON");
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "unexpected character in JSON");
    }
    jr->pos++;
    return RMQ_OK;
}

int rmq_jr_need_leniency(rmq_jreader *jr, uint32_t flag, uint32_t note, size_t at, const char *what)
{
    if (!(jr->leniency & flag)) return rmq_jr_fail(jr, RMQ_ERR_JSON_LENIENT, at, what);
    jr->notes |= note;
    return RMQ_OK;
}

/* An escape after its backslash as scanString takes it: 0 fine, 1 an unknown letter, 2 bad
 * hex digits (\\u goes through Integer.parseInt, so a sign may stand for the first digit). */
static int bad_escape(const uint8_t *e, size_t avail)
{
    switch (e[0]) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case 'b': case 't': case 'n': case 'v': case 'f': case 'F': case 'r':
    case '"': case '\'': case '/': case '\\':
        return 0;
    case 'x':
        return avail >= 3 && rmq_hex_value(e[1]) >= 0 && rmq_hex_value(e[2]) >= 0 ? 0 : 2;
    case 'u': {
        if (avail < 5) return 2;
        size_t k = (e[1] == '-' || e[1] == '+') ? 2 : 1;
        for (; k < 5; k++)
            if (rmq_hex_value(e[k]) < 0) return 2;
        return 0;
    }
    default:
        return 1;
    }
}

/* scanSymbol stops a key at a literal EOI (0x1A) and throws "unclosed.str"; values
 * (scanString) keep it unless it is the last byte. */
static int key_without_eoi(rmq_jreader *jr, const rmq_jtoken *key)
{
    const void *eoi = memchr(jr->s + key->start, 0x1A, key->end - key->start);
    if (!eoi) return RMQ_OK;
    return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, (size_t)((const uint8_t *)eoi - jr->s), "a literal 0x1A in a key: fastjson's scanSymbol ends there");
}

/* Quoted string starting at pos (the quote); leaves pos past the closing quote. */
static int scan_string(rmq_jreader *jr, rmq_jtoken *tok)
{
    uint8_t q = jr->s[jr->pos];
    if (q == '\'') {
        int rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_SINGLE_QUOTES, RMQ_NOTE_SINGLE_QUOTES, jr->pos,
                               "single-quoted string");
        if (rc) return rc;
    }
    tok->kind = RMQ_J_STRING;
    tok->start = jr->pos;
    tok->has_escape = false;
    /* one pass classifies every byte: 1 the quote, 2 a backslash, 4 non-ASCII */
    static const uint8_t double_quoted[256] = {
        ['"'] = 1, ['\\'] = 2,
        [0x80] = 4, [0x81] = 4, [0x82] = 4, [0x83] = 4, [0x84] = 4, [0x85] = 4, [0x86] = 4, [0x87] = 4,
        [0x88] = 4, [0x89] = 4, [0x8A] = 4, [0x8B] = 4, [0x8C] = 4, [0x8D] = 4, [0x8E] = 4, [0x8F] = 4,
        [0x90] = 4, [0x91] = 4, [0x92] = 4, [0x93] = 4, [0x94] = 4, [0x95] = 4, [0x96] = 4, [0x97] = 4,
        [0x98] = 4, [0x99] = 4, [0x9A] = 4, [0x9B] = 4, [0x9C] = 4, [0x9D] = 4, [0x9E] = 4, [0x9F] = 4,
        [0xA0] = 4, [0xA1] = 4, [0xA2] = 4, [0xA3] = 4, [0xA4] = 4, [0xA5] = 4, [0xA6] = 4, [0xA7] = 4,
        [0xA8] = 4, [0xA9] = 4, [0xAA] = 4, [0xAB] = 4, [0xAC] = 4, [0xAD] = 4, [0xAE] = 4, [0xAF] = 4,
        [0xB0] = 4, [0xB1] = 4, [0xB2] = 4, [0xB3] = 4, [0xB4] = 4, [0xB5] = 4, [0xB6] = 4, [0xB7] = 4,
        [0xB8] = 4, [0xB9] = 4, [0xBA] = 4, [0xBB] = 4, [0xBC] = 4, [0xBD] = 4, [0xBE] = 4, [0xBF] = 4,
        [0xC0] = 4, [0xC1] = 4, [0xC2] = 4, [0xC3] = 4, [0xC4] = 4, [0xC5] = 4, [0xC6] = 4, [0xC7] = 4,
        [0xC8] = 4, [0xC9] = 4, [0xCA] = 4, [0xCB] = 4, [0xCC] = 4, [0xCD] = 4, [0xCE] = 4, [0xCF] = 4,
        [0xD0] = 4, [0xD1] = 4, [0xD2] = 4, [0xD3] = 4, [0xD4] = 4, [0xD5] = 4, [0xD6] = 4, [0xD7] = 4,
        [0xD8] = 4, [0xD9] = 4, [0xDA] = 4, [0xDB] = 4, [0xDC] = 4, [0xDD] = 4, [0xDE] = 4, [0xDF] = 4,
        [0xE0] = 4, [0xE1] = 4, [0xE2] = 4, [0xE3] = 4, [0xE4] = 4, [0xE5] = 4, [0xE6] = 4, [0xE7] = 4,
        [0xE8] = 4, [0xE9] = 4, [0xEA] = 4, [0xEB] = 4, [0xEC] = 4, [0xED] = 4, [0xEE] = 4, [0xEF] = 4,
        [0xF0] = 4, [0xF1] = 4, [0xF2] = 4, [0xF3] = 4, [0xF4] = 4, [0xF5] = 4, [0xF6] = 4, [0xF7] = 4,
        [0xF8] = 4, [0xF9] = 4, [0xFA] = 4, [0xFB] = 4, [0xFC] = 4, [0xFD] = 4, [0xFE] = 4, [0xFF] = 4,
    };
    uint8_t single_quoted[256];
    const uint8_t *cls = double_quoted;
    if (q == '\'') {
        memcpy(single_quoted, double_quoted, sizeof single_quoted);
        single_quoted['"'] = 0;
        single_quoted['\''] = 1;
        cls = single_quoted;
    }
    tok->ascii = true;
    size_t i = jr->pos + 1;
    const uint8_t *s = jr->s;
    size_t n = jr->n;
    for (;;) {
        /* four bytes per step while none of them matters */
        /* i may already be past n after an escape at the very end: compare, never subtract */
        while (i + 4 <= n && !(cls[s[i]] | cls[s[i + 1]] | cls[s[i + 2]] | cls[s[i + 3]])) i += 4;
        while (i < n && !cls[s[i]]) i++;
        if (i >= n) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, tok->start, "unterminated string");
        uint8_t c = cls[s[i]];
        if (c == 1) break;
        if (c == 4) {
            tok->ascii = false;
            i++;
            continue;
        }
        tok->has_escape = true;
        /* fastjson's lexer checks every escape, also in values nobody reads */
        if (i + 1 < n) {
            int bad = bad_escape(s + i + 1, n - (i + 1));
            if (bad) return rmq_jr_fail(jr, RMQ_ERR_JSON_ESCAPE, i, bad == 2 ? "bad \\x or \\u escape" : "invalid escape");
        }
        i += 2; /* the escaped byte, whatever it is, does not end the string */
    }
    if (i - tok->start - 1 > jr->max_string)
        return rmq_jr_fail(jr, RMQ_ERR_STRING_TOO_LONG, tok->start, NULL);
    tok->end = i + 1;
    jr->pos = i + 1;
    return RMQ_OK;
}

static bool is_word_byte(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '-' || c >= 0x80;
}

static bool is_number_byte(uint8_t c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* A key at pos (quoted, or a word under UNQUOTED_KEYS) and its ':'. Before the ':' JSON
 * and the bean reader (nextTokenWithColon) skip whitespace only, parseMap comments too, a
 * typed key's codec (nextToken) control characters as well. */
static int key_and_colon(rmq_jreader *jr, rmq_jtoken *key, bool eoi_ends_key, rmq_fj_key_reader reader)
{
    int c = jr->pos < jr->n ? jr->s[jr->pos] : -1;
    size_t at = jr->pos;
    int rc;
    if (c == '"' || c == '\'') {
        rc = scan_string(jr, key);
        if (!rc && eoi_ends_key) rc = key_without_eoi(jr, key);
    } else if (c >= 0 && is_word_byte((uint8_t)c)) {
        rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_UNQUOTED_KEYS, RMQ_NOTE_UNQUOTED_KEY, at, "unquoted key");
        if (!rc) {
            key->kind = RMQ_J_WORD;
            key->start = at;
            key->has_escape = false;
            key->ascii = false;
            while (jr->pos < jr->n && is_word_byte(jr->s[jr->pos])) jr->pos++;
            key->end = jr->pos;
        }
    } else {
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, c < 0 ? "unterminated object" : "expected a key");
    }
    if (rc) return rc;
    if (reader != RMQ_FJ_BEAN_KEY) skip_between(jr, reader == RMQ_FJ_TYPED_KEY);
    while (jr->pos < jr->n && is_ws(jr->s[jr->pos])) jr->pos++;
    if (jr->pos >= jr->n) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "unexpected end of JSON");
    if (jr->s[jr->pos] != ':') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "expected ':'");
    jr->pos++;
    return RMQ_OK;
}

int rmq_jr_member(rmq_jreader *jr, int *state, bool *done, rmq_jtoken *key)
{
    int c = *state ? rmq_jr_peek(jr) : peek_before_key(jr);
    *done = false;
    if (*state) {
        if (c == '}') {
            jr->pos++;
            *done = true;
            return RMQ_OK;
        }
        if (c != ',') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, c < 0 ? "unterminated object" : "expected ',' or '}'");
        jr->pos++;
        c = peek_before_key(jr);
        if (c == '}') {
            int rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_NOTE_TRAILING_COMMA, jr->pos - 1,
                                   "trailing comma");
            if (rc) return rc;
            jr->pos++;
            *done = true;
            return RMQ_OK;
        }
    } else if (c == '}') {
        jr->pos++;
        *done = true;
        return RMQ_OK;
    }
    if ((c == '{' || c == '[') && jr->container_keys) {
        key->kind = c == '{' ? RMQ_J_OBJECT : RMQ_J_ARRAY;
        key->start = key->end = jr->pos;
        key->has_escape = false;
        key->ascii = false;
        *state = 1;
        return RMQ_OK;
    }
    *state = 1;
    return key_and_colon(jr, key, jr->fastjson_words, RMQ_FJ_BEAN_KEY);
}

int rmq_jr_element(rmq_jreader *jr, int *state, bool *done)
{
    int c = rmq_jr_peek(jr);
    *done = false;
    if (*state) {
        if (c == ']') {
            jr->pos++;
            *done = true;
            return RMQ_OK;
        }
        if (c != ',') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, c < 0 ? "unterminated array" : "expected ',' or ']'");
        jr->pos++;
        c = rmq_jr_peek(jr);
        if (c == ']') {
            int rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_NOTE_TRAILING_COMMA, jr->pos - 1,
                                   "trailing comma");
            if (rc) return rc;
            jr->pos++;
            *done = true;
            return RMQ_OK;
        }
    } else if (c == ']') {
        jr->pos++;
        *done = true;
        return RMQ_OK;
    }
    if (c < 0) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "unterminated array");
    *state = 1;
    return RMQ_OK;
}

/* JSONLexerBase.scanNumber from `at`: a sign, digits, a fraction, then one suffix letter or
 * an exponent (with its own D or F). Returns the end; *text_end leaves a suffix out, as
 * numberString and decimalValue do. */
static size_t fj_number_end(const rmq_jreader *jr, size_t at, size_t *text_end)
{
    const uint8_t *s = jr->s;
    size_t n = jr->n, i = at;
    if (i < n && s[i] == '-') i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9';) i++;
    *text_end = i;
    if (i >= n) return i;
    if (s[i] == 'L' || s[i] == 'S' || s[i] == 'B' || s[i] == 'F' || s[i] == 'D') return i + 1;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        *text_end = i;
        if (i < n && (s[i] == 'D' || s[i] == 'F')) i++;
    }
    return i;
}

/* the characters after true/false/null that scanTrue, scanFalse, scanNullOrNew accept */
static bool fj_word_delimiter(int c, bool colon_slash)
{
    return c < 0 || c == ' ' || c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r' || c == '\t' ||
           c == 0x1A || c == '\f' || c == '\b' || (colon_slash && (c == ':' || c == '/'));
}

/* Whether the text of a number fastjson's scanNumber took converts: digits before or after
 * the point (an integer needs them before), and digits in an exponent; with an exponent and
 * no F or D after it (big_decimal), as new BigDecimal takes it: at most 10 exponent digits
 * after leading zeros, an exponent and a scale (fraction digits - exponent) that fit an int. */
static bool fj_number_converts(const uint8_t *t, size_t n, bool big_decimal)
{
    size_t i = t[0] == '-', digits = 0, fraction = 0;
    while (i < n && t[i] >= '0' && t[i] <= '9') i++, digits++;
    bool point = i < n && t[i] == '.';
    if (point)
        for (i++; i < n && t[i] >= '0' && t[i] <= '9';) i++, digits++, fraction++;
    if (!digits) return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        bool negative = i < n && t[i] == '-';
        if (i < n && (t[i] == '+' || t[i] == '-')) i++;
        size_t start = i;
        while (i < n && t[i] >= '0' && t[i] <= '9') i++;
        size_t count = i - start;
        if (!count) return false;
        if (big_decimal) {
            while (count > 10 && t[start] == '0') start++, count--;
            if (count > 10) return false; /* "Too many nonzero exponent digits." */
            int64_t exp = 0;
            for (size_t k = start; k < i; k++) exp = exp * 10 + (t[k] - '0');
            if (negative) exp = -exp;
            if (exp < INT32_MIN || exp > INT32_MAX) return false;              /* "Exponent overflow." */
            int64_t scale = (int64_t)fraction - exp;
            if (scale < INT32_MIN || scale > INT32_MAX) return false;          /* "Scale out of range." */
        }
    }
    return true;
}

static bool match_word(rmq_jreader *jr, const char *w)
{
    size_t k = strlen(w);
    if (jr->n - jr->pos < k || memcmp(jr->s + jr->pos, w, k) != 0) return false;
    if (jr->fastjson_words) {
        /* scanTrue/scanFalse also allow ':' and '/', scanNullOrNew ':' */
        int next = jr->pos + k < jr->n ? jr->s[jr->pos + k] : -1;
        if (!fj_word_delimiter(next, w[0] != 'n') && !(w[0] == 'n' && next == ':')) return false;
    } else if (jr->pos + k < jr->n && is_word_byte(jr->s[jr->pos + k])) {
        return false;
    }
    jr->pos += k;
    return true;
}

static int skip_container(rmq_jreader *jr, uint32_t depth)
{
    uint8_t open = jr->s[jr->pos];
    if (depth >= jr->max_depth) return rmq_jr_fail(jr, RMQ_ERR_JSON_DEPTH, jr->pos, NULL);
    jr->pos++;
    int state = 0;
    bool done = false;
    while (!done) {
        int rc;
        if (open == '{') {
            rmq_jtoken key;
            rc = rmq_jr_member(jr, &state, &done, &key);
        } else {
            rc = rmq_jr_element(jr, &state, &done);
        }
        if (rc) return rc;
        if (done) break;
        rmq_jtoken v;
        rc = rmq_jr_value(jr, &v, depth + 1);
        if (rc) return rc;
    }
    return RMQ_OK;
}

static size_t fj_letter_or_digit(const uint8_t *s, size_t n, bool *unknown);

/* scanIdent's word at pos ('N', 'u'): "null" in any case is the null token, and parse()
 * reads "NaN" and "undefined" as null too (a null token here); any other word fails. */
static int fj_ident_value(rmq_jreader *jr, rmq_jtoken *tok)
{
    size_t at = jr->pos, i = at + 1;
    bool unknown = false;
    for (size_t k; i < jr->n && (k = fj_letter_or_digit(jr->s + i, jr->n - i, &unknown)) > 0;) i += k;
    const char *w = (const char *)jr->s + at;
    size_t len = i - at;
    bool null_word = len == 4 && (w[1] | 32) == 'u' && (w[2] | 32) == 'l' && (w[3] | 32) == 'l';
    if (unknown || !(null_word || (len == 3 && !memcmp(w, "NaN", 3)) || (len == 9 && !memcmp(w, "undefined", 9))))
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "unexpected character in JSON");
    tok->kind = RMQ_J_NULL;
    tok->end = jr->pos = i;
    return RMQ_OK;
}

int rmq_jr_value(rmq_jreader *jr, rmq_jtoken *tok, uint32_t depth)
{
    int c = rmq_jr_peek(jr);
    if (c < 0) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "expected a value");
    tok->start = jr->pos;
    tok->has_escape = false;
    tok->ascii = false;
    if (c == '"' || c == '\'') return scan_string(jr, tok);
    if (c == '{' || c == '[') {
        tok->kind = c == '{' ? RMQ_J_OBJECT : RMQ_J_ARRAY;
        int rc = skip_container(jr, depth);
        tok->end = jr->pos;
        return rc;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        tok->kind = RMQ_J_NUMBER;
        if (jr->fastjson_words) {
            jr->pos = fj_number_end(jr, jr->pos, &tok->end);
            /* parse() converts even a value nobody reads: Long ("-" alone fails) or BigDecimal */
            bool float_suffix = jr->pos > tok->end && (jr->s[tok->end] == 'F' || jr->s[tok->end] == 'D');
            if (!fj_number_converts(jr->s + tok->start, tok->end - tok->start, !float_suffix))
                return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "number fastjson cannot convert");
            if (jr->pos != tok->end)
                return rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_NUMBER_FORMS, RMQ_NOTE_NUMBER_FORM, tok->end,
                                     "number with a type suffix (L, S, B, F, D)");
            return RMQ_OK;
        }
        while (jr->pos < jr->n && is_number_byte(jr->s[jr->pos])) jr->pos++;
        tok->end = jr->pos;
        return RMQ_OK;
    }
    if (jr->fastjson_words && (c == 'N' || c == 'u')) return fj_ident_value(jr, tok);
    if (match_word(jr, "true")) tok->kind = RMQ_J_TRUE;
    else if (match_word(jr, "false")) tok->kind = RMQ_J_FALSE;
    else if (match_word(jr, "null")) tok->kind = RMQ_J_NULL;
    else return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "unexpected character in JSON");
    tok->end = jr->pos;
    return RMQ_OK;
}

static int read_hex(const uint8_t *p, size_t avail, int digits, uint32_t *v)
{
    if (avail < (size_t)digits) return -1;
    *v = 0;
    for (int i = 0; i < digits; i++) {
        int h = rmq_hex_value(p[i]);
        if (h < 0) return -1;
        *v = (*v << 4) | (uint32_t)h;
    }
    return 0;
}

/* Copy a raw run, repairing UTF-8 when needed; returns bytes written or SIZE_MAX on strict failure. */
static size_t copy_raw(rmq_jreader *jr, const uint8_t *src, size_t n, uint8_t *dst, size_t at)
{
    size_t bad;
    if (rmq_utf8_valid(src, n, &bad)) {
        memcpy(dst, src, n);
        return n;
    }
    if (!jr->repair_utf8) {
        rmq_jr_fail(jr, RMQ_ERR_UTF8, at + bad, NULL);
        return SIZE_MAX;
    }
    jr->notes |= RMQ_NOTE_UTF8_REPLACED;
    return rmq_utf8_repair(src, n, dst);
}

int rmq_jr_unescape(rmq_jreader *jr, size_t a, size_t b, bool runs_valid, uint8_t *dst, size_t *out_len)
{
    /* locals: stores through dst may alias anything, so jr's fields would be reloaded */
    const uint8_t *s = jr->s;
    size_t o = 0, i = a, bad;
    if (!runs_valid) runs_valid = rmq_utf8_valid(s + a, b - a, &bad);
    while (i < b) {
        if (runs_valid) {
            size_t run = rmq_copy_until_backslash(s, i, b, dst + o);
            o += run - i;
            i = run;
            if (i >= b) break;
        } else {
            const uint8_t *bs = memchr(s + i, '\\', b - i);
            size_t run = bs ? (size_t)(bs - s) : b;
            if (run > i) {
                size_t k = copy_raw(jr, s + i, run - i, dst + o, i);
                if (k == SIZE_MAX) return jr->err ? jr->err->code : RMQ_ERR_UTF8;
                o += k;
                i = run;
                continue;
            }
        }
        /* s[i] == '\\'; scan_string guaranteed a following byte inside the string */
        uint8_t e = s[i + 1];
        if (e == 'u' && b - i >= 6 && s[i + 2] == '0' && s[i + 3] == '0') {
            /* \u00XX, the form fastjson writes for control characters, settled inline */
            unsigned h2 = rmq_hex_plus_one[s[i + 4]] - 1u, h3 = rmq_hex_plus_one[s[i + 5]] - 1u;
            if (h2 < 8 && h3 < 16) {
                dst[o++] = (uint8_t)((h2 << 4) | h3);
                i += 6;
                continue;
            }
        }
        uint32_t cp;
        size_t used = 2;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case '\'': cp = '\''; break;
        case 'b': cp = 0x08; break;
        case 'f': case 'F': cp = 0x0C; break;
        case 'n': cp = 0x0A; break;
        case 'r': cp = 0x0D; break;
        case 't': cp = 0x09; break;
        case 'v': cp = 0x0B; break;
        case 'x':
            if (read_hex(s + i + 2, b - (i + 2), 2, &cp)) return rmq_jr_fail(jr, RMQ_ERR_JSON_ESCAPE, i, "bad \\x escape");
            used = 4;
            break;
        case 'u':
            if (b - i >= 6 && (s[i + 2] == '-' || s[i + 2] == '+') && !read_hex(s + i + 3, 3, 3, &cp)) {
                /* Integer.parseInt takes a sign: "-029" is -0x29, then cast to a char */
                if (s[i + 2] == '-') cp = (0x10000u - cp) & 0xFFFFu;
            } else if (read_hex(s + i + 2, b - (i + 2), 4, &cp)) {
                return rmq_jr_fail(jr, RMQ_ERR_JSON_ESCAPE, i, "bad \\u escape");
            }
            used = 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (i + 12 <= b && s[i + 6] == '\\' && s[i + 7] == 'u' &&
                    read_hex(s + i + 8, 4, 4, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    used = 12;
                }
            }
            /* A lone surrogate becomes '?' when Java turns the String into UTF-8. */
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = '?';
            break;
        default:
            if (e >= '0' && e <= '7') {
                cp = (uint32_t)(e - '0');
                break;
            }
            return rmq_jr_fail(jr, RMQ_ERR_JSON_ESCAPE, i, "unknown escape");
        }
        o += rmq_utf8_put(dst + o, cp);
        i += used;
    }
    *out_len = o;
    return RMQ_OK;
}

int rmq_jr_string(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, const char **out,
                  size_t *out_len)
{
    size_t a = tok->start, b = tok->end;
    if (tok->kind == RMQ_J_STRING) {
        a++;
        b--;
    }
    size_t bad;
    if (!tok->has_escape && ((tok->kind == RMQ_J_STRING && tok->ascii) || rmq_utf8_valid(jr->s + a, b - a, &bad))) {
        *out = (const char *)jr->s + a;
        *out_len = b - a;
        return RMQ_OK;
    }
    if (b - a > SIZE_MAX / 3) return rmq_jr_fail(jr, RMQ_ERR_STRING_TOO_LONG, tok->start, NULL);
    uint8_t *dst = rmq_arena_alloc(arena, 3 * (b - a) + RMQ_UNESCAPE_SLACK, 1);
    if (!dst) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
    int rc = rmq_jr_unescape(jr, a, b, false, dst, out_len);
    if (rc) return rc;
    *out = (const char *)dst;
    return RMQ_OK;
}

bool rmq_jr_token_is(const rmq_jreader *jr, const rmq_jtoken *tok, const char *lit)
{
    size_t a = tok->start, b = tok->end;
    if (tok->kind == RMQ_J_STRING) {
        a++;
        b--;
    }
    size_t k = strlen(lit);
    if (!tok->has_escape) return b - a == k && memcmp(jr->s + a, lit, k) == 0;
    /* Escaped keys are rare: compare escape by escape for the plain ASCII forms. */
    size_t i = a, j = 0;
    while (i < b && j < k) {
        uint8_t c = jr->s[i];
        if (c == '\\') {
            uint32_t cp;
            if (i + 1 < b && jr->s[i + 1] == 'u' && read_hex(jr->s + i + 2, b - (i + 2), 4, &cp) == 0 && cp < 0x80) {
                c = (uint8_t)cp;
                i += 6;
            } else if (i + 1 < b && (jr->s[i + 1] == '"' || jr->s[i + 1] == '\\' || jr->s[i + 1] == '/' || jr->s[i + 1] == '\'')) {
                c = jr->s[i + 1];
                i += 2;
            } else {
                return false;
            }
        } else {
            i++;
        }
        if (c != (uint8_t)lit[j++]) return false;
    }
    return i == b && j == k;
}

static int parse_integer(rmq_jreader *jr, size_t a, size_t b, int64_t lo, int64_t hi, int64_t *v)
{
    size_t i = a;
    bool neg = false;
    if (i < b && jr->s[i] == '-') {
        neg = true;
        i++;
    }
    if (i >= b) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, a, "not an integer");
    uint64_t acc = 0, limit = neg ? (uint64_t)(-(lo + 1)) + 1 : (uint64_t)hi;
    for (; i < b; i++) {
        uint8_t c = jr->s[i];
        if (c < '0' || c > '9') return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, a, "not an integer");
        uint64_t d = (uint64_t)(c - '0');
        if (acc > (limit - d) / 10) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, a, "integer out of range");
        acc = acc * 10 + d;
    }
    *v = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    if (neg && acc == (uint64_t)INT64_MAX + 1) *v = INT64_MIN;
    return RMQ_OK;
}

static int integer_token(rmq_jreader *jr, const rmq_jtoken *tok, int64_t lo, int64_t hi, int64_t *v)
{
    if (tok->kind == RMQ_J_NUMBER) return parse_integer(jr, tok->start, tok->end, lo, hi, v);
    if (tok->kind == RMQ_J_STRING) {
        int rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_NUMERIC_STRINGS, RMQ_NOTE_NUMERIC_STRING, tok->start,
                               "number written as a string");
        if (rc) return rc;
        if (tok->has_escape) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "not an integer");
        return parse_integer(jr, tok->start + 1, tok->end - 1, lo, hi, v);
    }
    return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "expected a number");
}

int rmq_jr_int32(rmq_jreader *jr, const rmq_jtoken *tok, int32_t *v)
{
    int64_t w;
    int rc = integer_token(jr, tok, INT32_MIN, INT32_MAX, &w);
    if (rc == RMQ_OK) *v = (int32_t)w;
    return rc;
}

int rmq_jr_int64(rmq_jreader *jr, const rmq_jtoken *tok, int64_t *v)
{
    return integer_token(jr, tok, INT64_MIN, INT64_MAX, v);
}

int rmq_jr_end(rmq_jreader *jr)
{
    if (rmq_jr_peek(jr) >= 0) return rmq_jr_fail(jr, RMQ_ERR_JSON_TRAILING, jr->pos, NULL);
    return RMQ_OK;
}

/* ---- fastjson's own tokens, where JSON's grammar and fastjson's lexer part ---- */

static int byte_at(const rmq_jreader *jr, size_t i)
{
    return i < jr->n ? jr->s[i] : -1;
}

static int fj_word(rmq_jreader *jr, const char *w, bool colon_slash, const char *error)
{
    size_t k = strlen(w);
    if (jr->n - jr->pos < k || memcmp(jr->s + jr->pos, w, k) != 0)
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, error);
    if (!fj_word_delimiter(byte_at(jr, jr->pos + k), colon_slash))
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos + k, error);
    jr->pos += k;
    return RMQ_OK;
}

/* Character.isLetterOrDigit for one character of an identifier after its first; false for
 * what it cannot tell (beyond Latin-1), *unknown then set */
static size_t fj_letter_or_digit(const uint8_t *s, size_t n, bool *unknown)
{
    uint8_t c = s[0];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
    if (c < 0x80) return 0;
    bool valid;
    size_t k = rmq_utf8_unit(s, n, &valid);
    if (!valid) return 0; /* U+FFFD is no letter */
    uint32_t cp = rmq_utf8_code_point(s, k);
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)) return k;
    if (cp > 0xFF) *unknown = true;
    return 0;
}

int rmq_jr_fj_token(rmq_jreader *jr, rmq_fj_token *kind)
{
    skip_ws(jr);
    size_t at = jr->pos;
    int c = byte_at(jr, at);
    if (c >= 0 && (c < ' ' || c == 0x7F)) /* passed over only under the control-character flag */
        return rmq_jr_fail(jr, RMQ_ERR_JSON_LENIENT, at, "control character between tokens");
    if (c == '/') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "invalid comment");
    *kind = RMQ_FJT_OTHER;
    rmq_jtoken tok;
    switch (c) {
    case -1: *kind = RMQ_FJT_EOF; return RMQ_OK;
    case ',': *kind = RMQ_FJT_COMMA; jr->pos++; return RMQ_OK;
    case '}': *kind = RMQ_FJT_RBRACE; jr->pos++; return RMQ_OK;
    case ']': *kind = RMQ_FJT_RBRACKET; jr->pos++; return RMQ_OK;
    case '{': *kind = RMQ_FJT_LBRACE; jr->pos++; return RMQ_OK;
    case ':': *kind = RMQ_FJT_COLON; jr->pos++; return RMQ_OK;
    case '[': case '(': case ')': case ';': case '.': jr->pos++; return RMQ_OK;
    case '"': case '\'': return scan_string(jr, &tok);
    case 't': return fj_word(jr, "true", true, "fastjson's scanTrue refuses this");
    case 'f': return fj_word(jr, "false", true, "fastjson's scanFalse refuses this");
    case 'n':
        if (byte_at(jr, at + 1) == 'e') return fj_word(jr, "new", false, "fastjson's scanNullOrNew refuses this");
        *kind = RMQ_FJT_NULL;
        return fj_word(jr, "null", false, "fastjson's scanNullOrNew refuses this");
    case 'x': {
        /* scanHex: x'0123ABCD' */
        size_t i = at + 1;
        if (byte_at(jr, i) != '\'') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "fastjson's scanHex refuses this");
        for (i++;; i++) {
            int h = byte_at(jr, i);
            if (h == '\'') break;
            if (!((h >= '0' && h <= '9') || (h >= 'A' && h <= 'F')))
                return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "fastjson's scanHex refuses this");
        }
        jr->pos = i + 1;
        return RMQ_OK;
    }
    case 'T': case 'N': case 'S': case 'u': {
        /* scanIdent: the first character, then letters and digits */
        size_t i = at + 1;
        bool unknown = false;
        for (size_t k; i < jr->n && (k = fj_letter_or_digit(jr->s + i, jr->n - i, &unknown)) > 0;) i += k;
        if (unknown)
            return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "identifier with a letter beyond Latin-1 after a value");
        const char *w = (const char *)jr->s + at;
        size_t len = i - at;
        bool keyword = (len == 4 && (w[0] | 32) == 'n' && (w[1] | 32) == 'u' && (w[2] | 32) == 'l' && (w[3] | 32) == 'l') ||
                       (len == 9 && !memcmp(w, "undefined", 9)) || (len == 3 && !memcmp(w, "Set", 3)) ||
                       (len == 7 && !memcmp(w, "TreeSet", 7));
        *kind = keyword ? RMQ_FJT_OTHER : RMQ_FJT_IDENT;
        jr->pos = i;
        return RMQ_OK;
    }
    default: break;
    }
    if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
        size_t text_end;
        jr->pos = fj_number_end(jr, at + (c == '+'), &text_end);
        return RMQ_OK;
    }
    /* lexError: an error token of one Java character */
    *kind = RMQ_FJT_ERROR;
    if (c < 0x80) {
        jr->pos++;
        return RMQ_OK;
    }
    bool valid;
    size_t k = rmq_utf8_unit(jr->s + at, jr->n - at, &valid);
    if (valid && k == 4) /* half of it is left, which Java reads as the start of a key */
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "a character beyond U+FFFF after a value");
    jr->pos += k;
    return RMQ_OK;
}

/* Where nextToken(COMMA) would stop at a literal EOI (0x1A): after whitespace only (a
 * comment or another control character sends it to nextToken(), which passes over an
 * EOI that is not the last character). SIZE_MAX where it would not. */
static size_t comma_token_eoi(const rmq_jreader *jr)
{
    size_t p = jr->pos;
    while (p < jr->n && is_ws(jr->s[p])) p++;
    return p < jr->n && jr->s[p] == 0x1A ? p : SIZE_MAX;
}

int rmq_jr_fj_check_value_end(rmq_jreader *jr)
{
    size_t eoi = jr->next_by_comma ? comma_token_eoi(jr) : SIZE_MAX;
    if (eoi != SIZE_MAX && eoi + 1 < jr->n)
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, eoi,
                           "a literal 0x1A after a value: fastjson's nextToken(COMMA) takes it for the end of the text");
    return RMQ_OK;
}

int rmq_jr_fj_token_after_value(rmq_jreader *jr, rmq_fj_token *kind)
{
    int rc = rmq_jr_fj_check_value_end(jr);
    return rc ? rc : rmq_jr_fj_token(jr, kind);
}

int rmq_jr_fj_end(rmq_jreader *jr)
{
    /* nextToken(COMMA) takes a literal EOI after whitespace as the end, whatever follows */
    size_t p = jr->next_by_comma ? comma_token_eoi(jr) : SIZE_MAX;
    if (p != SIZE_MAX && p + 1 < jr->n) {
        int rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_CONTROL_CHARS, RMQ_NOTE_CONTROL_CHARS, p,
                               "a literal 0x1A (fastjson's end of input) before more text");
        if (rc) return rc;
        jr->pos = jr->n;
        return RMQ_OK;
    }
    return rmq_jr_end(jr);
}

/* IOUtils' identifier tables as scanSymbolUnQuoted applies them to Java chars: a letter, '_'
 * or '$' first, then letters, digits and '_'; chars from U+0100 up anywhere, U+0080-U+00FF
 * nowhere. A malformed UTF-8 run is one U+FFFD to Java, so it counts as a char above U+00FF. */
bool rmq_jr_fj_identifier(const uint8_t *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint8_t c = w[i];
        if (c >= 0x80) {
            bool valid;
            size_t k = rmq_utf8_unit(w + i, n - i, &valid);
            if (valid && rmq_utf8_code_point(w + i, k) < 0x100) return false;
            i += k;
            continue;
        }
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && (i == 0 ? c != '$' : (c < '0' || c > '9'))) return false;
        i++;
    }
    return true;
}

int rmq_jr_fj_key(rmq_jreader *jr, rmq_fj_key_reader reader, rmq_jtoken *key, rmq_fj_key *what)
{
    /* a typed key is the token nextToken finds ("+1" is 1) */
    int c = reader == RMQ_FJ_TYPED_KEY ? rmq_jr_peek(jr) : peek_before_key(jr);
    if (reader == RMQ_FJ_TYPED_KEY && c == '+') c = byte_at(jr, ++jr->pos);
    *what = RMQ_FJK_KEY;
    if (c == '}' || c == ',') {
        *what = c == '}' ? RMQ_FJK_END : RMQ_FJK_COMMA;
        jr->pos++;
        return RMQ_OK;
    }
    return key_and_colon(jr, key, true, reader);
}
