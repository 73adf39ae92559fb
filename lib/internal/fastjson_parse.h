/*
 * What fastjson 1.2.69's DefaultJSONParser does with a value nobody reads (parse(), by way
 * of parseObject and parseArray), and the odd separators its readers take: shared by the
 * header, route and heartbeat readers so that a dropped member reads alike in all of them.
 */
#ifndef RMQ_INTERNAL_FASTJSON_PARSE_H
#define RMQ_INTERNAL_FASTJSON_PARSE_H

#include "fastjson_match.h"
#include "json_reader.h"

/* The token the lexer holds, as the bean matcher's second stage judges it (rmq_fj_last). */
static inline enum rmq_fj_last rmq_fj_last_of(rmq_fj_token t)
{
    return t == RMQ_FJT_COMMA || t == RMQ_FJT_LBRACE ? RMQ_FJ_LAST_OPEN
           : t == RMQ_FJT_RBRACE                     ? RMQ_FJ_LAST_CLOSE
                                                     : RMQ_FJ_LAST_OTHER;
}

/* A separator fastjson takes where JSON has one ',' (RMQ_LENIENT_JSON_ODD_SEPARATORS, with
 * its note); strict JSON has no such form, so without the flag it is RMQ_ERR_JSON_SYNTAX. */
int rmq_fj_odd_separator(rmq_jreader *jr, size_t at);

/* The value at the reader, read and dropped as parse() reads it: objects as parseObject
 * (commas before a key passed over; after a value only ',' or '}'), arrays as parseArray
 * (an item may follow the one before without a ','), scalars converted (rmq_jr_value);
 * jr->next_by_comma as parse() reads on. */
int rmq_fj_parse_skip(rmq_jreader *jr, uint32_t depth);

/* The value at the reader as a token, read as parse() reads it: a container's token spans
 * what rmq_fj_parse_skip passes over (a codec that wants text of it hands it to parse()). */
int rmq_fj_parse_value(rmq_jreader *jr, rmq_jtoken *tok, uint32_t depth);

#endif
