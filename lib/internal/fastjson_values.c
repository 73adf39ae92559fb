/* Values as fastjson's codecs convert them where a bean wants text or an int (fastjson_values.h). */
#include "internal/fastjson_values.h"

#include "internal/fastjson_text.h"
#include "internal/java_number.h"
#include "internal/utf8.h"

#include <string.h>

/* Text of a value that Java turns into a String (remark, ext values). */
int rmq_fj_string_value(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_str *out)
{
    switch (tok->kind) {
    case RMQ_J_NULL:
        *out = RMQ_STR_NULL;
        return RMQ_OK;
    case RMQ_J_STRING: {
        const char *p;
        size_t n;
        int rc = rmq_jr_string(jr, tok, arena, &p, &n);
        if (rc) return rc;
        out->ptr = p;
        out->len = n;
        return RMQ_OK;
    }
    default:
        /* fastjson turns numbers, booleans and objects into their text */
        if (!(jr->leniency & RMQ_LENIENT_JSON_NONSTRING_VALUES))
            return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "expected a string");
        jr->notes |= RMQ_NOTE_NONSTRING_VALUE;
        if (tok->kind == RMQ_J_OBJECT || tok->kind == RMQ_J_ARRAY) return rmq_fj_container_text(jr, tok, arena, out);
        const uint8_t *raw = jr->s + tok->start;
        size_t n = tok->end - tok->start, bad;
        if (tok->kind == RMQ_J_NUMBER) {
            if (rmq_jr_float_suffix(jr, tok)) {
                /* a Float or Double, whose toString Java keeps */
                uint8_t *dst = rmq_arena_alloc(arena, 32, 1);
                if (!dst) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
                size_t len = rmq_java_float_text(raw, n, jr->s[tok->end] == 'F', dst);
                if (!len) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->end, "a Float/Double whose Java text is not modelled");
                out->ptr = (const char *)dst;
                out->len = len;
                return RMQ_OK;
            }
            size_t len = rmq_java_number_text(raw, n, NULL);
            if (!len) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "number Java cannot read");
            uint8_t probe[64];
            if (len == n && n <= sizeof probe) {
                /* usually the text as it stands: then no copy */
                rmq_java_number_text(raw, n, probe);
                if (!memcmp(probe, raw, n)) {
                    out->ptr = (const char *)raw;
                    out->len = n;
                    return RMQ_OK;
                }
            }
            uint8_t *dst = rmq_arena_alloc(arena, len, 1);
            if (!dst) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
            rmq_java_number_text(raw, n, dst);
            out->ptr = (const char *)dst;
            out->len = len;
            return RMQ_OK;
        }
        if (!rmq_utf8_valid(raw, n, &bad)) {
            /* Java holds the text of its String: each bad byte U+FFFD (4.9.8), or no
             * String at all (5.3.3); an encoder must be able to write it back */
            if (!jr->repair_utf8) return rmq_jr_fail(jr, RMQ_ERR_UTF8, tok->start + bad, NULL);
            uint8_t *dst = rmq_arena_alloc(arena, 3 * n, 1);
            if (!dst) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, tok->start, NULL);
            jr->notes |= RMQ_NOTE_UTF8_REPLACED;
            out->ptr = (const char *)dst;
            out->len = rmq_utf8_repair(raw, n, dst);
            return RMQ_OK;
        }
        out->ptr = (const char *)raw;
        out->len = n;
        return RMQ_OK;
    }
}

/* An int field: what fastjson's IntegerCodec makes of the value. Null, "", "null" leave
 * the field as it was (Java's primitive keeps its value). */
int rmq_fj_int_value(rmq_jreader *jr, const rmq_jtoken *tok, int32_t *field, bool *assigned)
{
    *assigned = true;
    const uint8_t *t = jr->s + tok->start;
    size_t n = tok->end - tok->start;
    bool forms = (jr->leniency & RMQ_LENIENT_JSON_NUMBER_FORMS) != 0;
    int32_t v;
    switch (tok->kind) {
    case RMQ_J_NUMBER:
        if (!memchr(t, '.', n) && !memchr(t, 'e', n) && !memchr(t, 'E', n) && !rmq_jr_float_suffix(jr, tok))
            return rmq_jr_int32(jr, tok, field);
        if (!forms) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "not an integer");
        if (!rmq_java_decimal_int(t, n, &v)) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "number Java cannot make an int");
        break;
    case RMQ_J_TRUE:
    case RMQ_J_FALSE:
    case RMQ_J_NULL:
        if (!forms) return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "expected a number");
        jr->notes |= RMQ_NOTE_NUMBER_FORM;
        if (tok->kind != RMQ_J_NULL) *field = tok->kind == RMQ_J_TRUE;
        else *assigned = false;
        return RMQ_OK;
    case RMQ_J_STRING:
        if (!forms || tok->has_escape) return rmq_jr_int32(jr, tok, field);
        t++;
        n -= 2;
        if (n == 0 || (n == 4 && (!memcmp(t, "null", 4) || !memcmp(t, "NULL", 4)))) {
            jr->notes |= RMQ_NOTE_NUMBER_FORM | RMQ_NOTE_NUMERIC_STRING;
            *assigned = false;
            return RMQ_OK;
        }
        if (!(jr->leniency & RMQ_LENIENT_JSON_NUMERIC_STRINGS)) return rmq_jr_int32(jr, tok, field);
        if (!rmq_java_cast_int(t, n, &v)) return rmq_jr_fail(jr, RMQ_ERR_JSON_NUMBER, tok->start, "not an integer");
        jr->notes |= RMQ_NOTE_NUMERIC_STRING;
        *field = v;
        return RMQ_OK;
    default:
        return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "expected a number");
    }
    jr->notes |= RMQ_NOTE_NUMBER_FORM;
    *field = v;
    return RMQ_OK;
}


/* LITERAL_FLOAT to scanNumber: a point or an exponent, or an F or D after the digits */
static bool fj_float(const rmq_jreader *jr, const rmq_jtoken *tok)
{
    const uint8_t *t = jr->s + tok->start;
    size_t n = tok->end - tok->start;
    return memchr(t, '.', n) || memchr(t, 'e', n) || memchr(t, 'E', n) || rmq_jr_float_suffix(jr, tok);
}

void rmq_fj_codec_read(rmq_jreader *jr, rmq_fj_codec codec, const rmq_jtoken *tok)
{
    bool comma;
    switch (tok->kind) {
    case RMQ_J_ARRAY: comma = true; break;   /* parseArray ends with nextToken(COMMA) */
    case RMQ_J_OBJECT: comma = false; break; /* parseObject with nextToken() */
    case RMQ_J_STRING: comma = true; break;  /* every codec, parse() too */
    case RMQ_J_NUMBER:
        /* parse() reads on with nextToken(), and StringCodec and BooleanCodec give it a float */
        comma = codec == RMQ_FJC_INTEGER || codec == RMQ_FJC_LONG || (codec != RMQ_FJC_PARSE && !fj_float(jr, tok));
        break;
    case RMQ_J_NULL: comma = codec == RMQ_FJC_INTEGER; break; /* the others hand null to parse() */
    default: comma = codec == RMQ_FJC_BOOLEAN; break;          /* true, false */
    }
    jr->next_by_comma = comma;
}
