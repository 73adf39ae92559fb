/*
 * A JSON value as fastjson 1.2.69's codecs convert it into a bean's String or int
 * property: StringCodec (a number, boolean or container becomes its text; a Float or
 * Double its toString) and IntegerCodec (decimals cut, booleans 1/0, numeric strings).
 * The conversions beyond plain JSON need RMQ_LENIENT_JSON_NONSTRING_VALUES /
 * RMQ_LENIENT_JSON_NUMBER_FORMS / RMQ_LENIENT_JSON_NUMERIC_STRINGS and leave their notes.
 */
#ifndef RMQ_INTERNAL_FASTJSON_VALUES_H
#define RMQ_INTERNAL_FASTJSON_VALUES_H

#include "arena.h"
#include "json_reader.h"

/* The String Java holds for tok (null for JSON null). */
int rmq_fj_string_value(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_str *out);

/* The int IntegerCodec makes of tok; *assigned false where Java leaves the field as it
 * was (null, "", "null"). */
int rmq_fj_int_value(rmq_jreader *jr, const rmq_jtoken *tok, int32_t *field, bool *assigned);

/* fastjson's reader of a value, for how it reads the token after it (next_by_comma). */
typedef enum rmq_fj_codec {
    RMQ_FJC_PARSE,   /* DefaultJSONParser.parse(): a value nobody reads */
    RMQ_FJC_STRING,  /* StringCodec */
    RMQ_FJC_INTEGER, /* IntegerCodec, EnumDeserializer, ObjectArrayCodec (byte[]) */
    RMQ_FJC_LONG,    /* LongCodec */
    RMQ_FJC_BOOLEAN  /* BooleanCodec */
} rmq_fj_codec;

/* Sets jr->next_by_comma as `codec`, having read tok, reads on: nextToken(COMMA) after what
 * it reads itself, parse()'s choice after what it hands to parse(). */
void rmq_fj_codec_read(rmq_jreader *jr, rmq_fj_codec codec, const rmq_jtoken *tok);

#endif
