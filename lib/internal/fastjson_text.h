/*
 * The String fastjson 1.2.69 makes of a JSON object or array given where a header wants
 * text (an ext value, the remark): StringCodec parses it into a JSONObject / JSONArray and
 * calls toString, which is JSON.toJSONString. So keys come out in HashMap order (a table
 * of 16 that doubles past 0.75 full; tree bins of 8+ colliding keys not modelled), a key
 * given twice once with the last value, members whose value is null left out, integers
 * as Integer/Long/BigInteger print them, fractions as BigDecimal.toString, strings
 * escaped as SerializeWriter escapes them.
 */
#ifndef RMQ_INTERNAL_FASTJSON_TEXT_H
#define RMQ_INTERNAL_FASTJSON_TEXT_H

#include "arena.h"
#include "json_reader.h"

/* tok: an RMQ_J_OBJECT or RMQ_J_ARRAY the reader has already passed over (its depth checked). */
int rmq_fj_container_text(rmq_jreader *jr, const rmq_jtoken *tok, rmq_arena *arena, rmq_str *out);

#endif
