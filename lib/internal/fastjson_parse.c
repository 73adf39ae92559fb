/* Values nobody reads, as fastjson's parse() reads them (fastjson_parse.h). */
#include "fastjson_parse.h"

#include "fastjson_match.h"
#include "fastjson_values.h"

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
            if (c != '{' && c != 'n' && c != 'N' && c != 'u') jr->next_by_comma = true;
            if ((rc = rmq_jr_fj_check_value_end(jr))) return rc;
            c = rmq_jr_peek(jr);
            if (c == ',') jr->pos++;
            else if (c != ']' && (rc = rmq_fj_odd_separator(jr, jr->pos))) return rc;
        }
    }
    rmq_jtoken t;
    if ((rc = rmq_jr_value(jr, &t, depth))) return rc;
    rmq_fj_codec_read(jr, RMQ_FJC_PARSE, &t);
    return RMQ_OK;
}
