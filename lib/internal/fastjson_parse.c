/* Values nobody reads, as fastjson's parse() reads them (fastjson_parse.h). */
#include "fastjson_parse.h"

#include "fastjson_match.h"
#include "fastjson_values.h"

#include <string.h>

int rmq_fj_odd_separator(rmq_jreader *jr, size_t at)
{
    if (!(jr->leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS))
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "expected ',' or a closing bracket");
    jr->notes |= RMQ_NOTE_ODD_SEPARATOR;
    return RMQ_OK;
}

/* Commas passed over before a key or an item (AllowArbitraryCommas). */
static int arbitrary_commas(rmq_jreader *jr)
{
    while (rmq_jr_peek(jr) == ',') {
        int rc = rmq_fj_odd_separator(jr, jr->pos);
        if (rc) return rc;
        jr->pos++;
    }
    return RMQ_OK;
}

static bool ascii_alnum(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* scanIdent's word at the reader is exactly w (a byte from 0x80 up may be a letter to Java:
 * taken as going on, so the word is another) */
static bool ident_is(const rmq_jreader *jr, const char *w)
{
    size_t k = strlen(w), at = jr->pos;
    if (jr->n - at < k || memcmp(jr->s + at, w, k)) return false;
    return at + k == jr->n || (!ascii_alnum(jr->s[at + k]) && jr->s[at + k] < 0x80);
}

/* The token nextToken reads next is the character c (consumed). */
static int expect_token(rmq_jreader *jr, int c, const char *what)
{
    if (rmq_jr_peek(jr) != c) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, what);
    jr->pos++;
    return RMQ_OK;
}

/*
 * parse()'s values beyond JSON, which a member nobody reads may hold: Set[...] and
 * TreeSet[...] (an array after the word), new Name(123) (a Date) and x'0A1B' (bytes: an
 * even count of digits 0-9 A-F). *taken false where none starts at the reader.
 */
static int fastjson_extension(rmq_jreader *jr, uint32_t depth, bool *taken)
{
    size_t at = jr->pos;
    const uint8_t *s = jr->s;
    *taken = true;
    if (ident_is(jr, "Set") || ident_is(jr, "TreeSet")) {
        jr->pos += s[at] == 'S' ? 3 : 7;
        if (rmq_jr_peek(jr) != '[') return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "expected '[' after Set or TreeSet");
        return rmq_fj_parse_skip(jr, depth);
    }
    if (jr->n - at > 3 && !memcmp(s + at, "new", 3) && (s[at + 3] == ' ' || s[at + 3] == '\t' || s[at + 3] == '\n' ||
                                                          s[at + 3] == '\r' || s[at + 3] == '\f' || s[at + 3] == '\b')) {
        /* nextIdent: whitespace, then an identifier */
        size_t i = rmq_fj_space_end(s, jr->n, at + 3);
        if (i >= jr->n || !(s[i] == '_' || s[i] == '$' || (ascii_alnum(s[i]) && !(s[i] >= '0' && s[i] <= '9'))))
            return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "expected a class name after new");
        for (i++; i < jr->n && ascii_alnum(s[i]);) i++;
        if (i < jr->n && s[i] >= 0x80)
            return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "a class name beyond ASCII after new (not modelled)");
        jr->pos = i;
        int rc = expect_token(jr, '(', "expected '(' after new Name");
        if (rc) return rc;
        rmq_jr_peek(jr);
        size_t d = jr->pos + (jr->pos < jr->n && s[jr->pos] == '-');
        size_t e = d;
        while (e < jr->n && s[e] >= '0' && s[e] <= '9') e++;
        if (e == d || (e < jr->n && (s[e] == '.' || s[e] == 'e' || s[e] == 'E')))
            return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, jr->pos, "expected an integer in new Name(...)");
        jr->pos = e;
        if ((rc = expect_token(jr, ')', "expected ')' after new Name(n"))) return rc;
        jr->next_by_comma = false;
        return RMQ_OK;
    }
    if (jr->n - at > 1 && s[at] == 'x' && s[at + 1] == '\'') {
        size_t i = at + 2;
        while (i < jr->n && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F'))) i++;
        if (i >= jr->n || s[i] != '\'' || (i - at - 2) % 2)
            return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, i, "fastjson's scanHex refuses this");
        jr->pos = i + 1;
        jr->next_by_comma = false;
        return RMQ_OK;
    }
    *taken = false;
    return RMQ_OK;
}

int rmq_fj_parse_skip(rmq_jreader *jr, uint32_t depth)
{
    int rc, c = rmq_jr_peek(jr);
    /* containers count toward the depth limit, as in the other readers */
    if ((c == '{' || c == '[') && depth >= jr->max_depth) return rmq_jr_fail(jr, RMQ_ERR_JSON_DEPTH, jr->pos, NULL);
    if (c == '{') {
        jr->pos++;
        for (;;) {
            /* parseObject finds its key after skipWhitespace too: a control character there
             * starts an unquoted key, which it is not */
            size_t at = rmq_fj_space_end(jr->s, jr->n, jr->pos);
            while (at < jr->n && jr->s[at] == ',') at = rmq_fj_space_end(jr->s, jr->n, at + 1);
            if (at < jr->n && (jr->s[at] < ' ' || jr->s[at] == 0x7F))
                return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "illegal identifier");
            if ((rc = arbitrary_commas(jr))) return rc;
            rmq_jtoken key;
            rmq_fj_key what;
            if ((rc = rmq_jr_fj_key(jr, RMQ_FJ_MAP_KEY, &key, &what))) return rc;
            if (what != RMQ_FJK_KEY) { /* '}' (commas were taken above) */
                jr->next_by_comma = false; /* parseObject reads on with nextToken() */
                return RMQ_OK;
            }
            if (key.kind == RMQ_J_WORD) {
                /* an unquoted key is a number (scanNumber) or an identifier */
                const uint8_t *w = jr->s + key.start;
                size_t n = key.end - key.start;
                bool number = w[0] >= '0' && w[0] <= '9';
                if (number ? !rmq_jr_plain_digits(w, n) : !rmq_jr_fj_identifier(w, n))
                    return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, key.start, number ? "parse number key error" : "illegal identifier");
            }
            int first = rmq_jr_peek(jr);
            if ((rc = rmq_fj_parse_skip(jr, depth + 1))) return rc;
            /* after a string or number it scanned itself parseObject looks at characters
             * (skipWhitespace: whitespace and comments only); after what it hands to the
             * lexer (containers, null, true, ...) at the lexer's next token */
            bool scanned = first == '"' || first == '-' || (first >= '0' && first <= '9');
            at = rmq_fj_space_end(jr->s, jr->n, jr->pos);
            if (scanned && at < jr->n && (jr->s[at] < ' ' || jr->s[at] == 0x7F))
                return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "a control character after a value");
            rmq_fj_token t;
            if ((rc = rmq_jr_fj_token_after_value(jr, &t))) return rc;
            if (t == RMQ_FJT_RBRACE) {
                jr->next_by_comma = false;
                return RMQ_OK;
            }
            if (t != RMQ_FJT_COMMA) return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "expected ',' or '}'");
        }
    }
    if (c == '[') {
        jr->pos++;
        for (;;) {
            if ((rc = arbitrary_commas(jr))) return rc;
            c = rmq_jr_peek(jr);
            if (c == ']') {
                jr->pos++;
                jr->next_by_comma = true; /* parseArray: nextToken(COMMA) */
                return RMQ_OK;
            }
            if ((rc = rmq_fj_parse_skip(jr, depth + 1))) return rc;
            /* parseArray reads on after an item with nextToken(COMMA), after an object or
             * null with nextToken() */
            if (c != '{' && c != 'n' && c != 'N' && c != 'u' && c != 'x') jr->next_by_comma = true;
            if ((rc = rmq_jr_fj_check_value_end(jr))) return rc;
            c = rmq_jr_peek(jr);
            if (c == ',') jr->pos++;
            else if (c != ']' && (rc = rmq_fj_odd_separator(jr, jr->pos))) return rc;
        }
    }
    bool taken;
    if ((c == 'S' || c == 'T' || c == 'n' || c == 'x') && ((rc = fastjson_extension(jr, depth, &taken)) || taken))
        return rc;
    rmq_jtoken t;
    if ((rc = rmq_jr_value(jr, &t, depth))) return rc;
    rmq_fj_codec_read(jr, RMQ_FJC_PARSE, &t);
    return RMQ_OK;
}

int rmq_fj_parse_value(rmq_jreader *jr, rmq_jtoken *tok, uint32_t depth)
{
    int c = rmq_jr_peek(jr);
    if (c != '{' && c != '[') return rmq_jr_value(jr, tok, depth);
    tok->kind = c == '{' ? RMQ_J_OBJECT : RMQ_J_ARRAY;
    tok->start = jr->pos;
    tok->has_escape = false;
    tok->ascii = false;
    int rc = rmq_fj_parse_skip(jr, depth);
    tok->end = jr->pos;
    return rc;
}
