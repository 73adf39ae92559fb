/* Reading fastjson objects into C structs: typed members, lists gathered in the arena,
 * repeated known keys under the duplicate-keys leniency. Route bodies and heartbeats use it. */
#ifndef RMQ_INTERNAL_JSON_FIELDS_H
#define RMQ_INTERNAL_JSON_FIELDS_H

#include "fastjson_match.h"
#include "gather.h"
#include "json_reader.h"

#include <string.h>

typedef struct rmq_jf_known_key rmq_jf_known_key;

typedef struct rmq_jf_ctx {
    rmq_jreader jr;
    rmq_arena *arena;
    uint32_t max_list;
    /* set while a member whose key names a property only loosely (smartMatch) is read:
     * KEY_IS then compares that property's name */
    const rmq_jf_known_key *loose_as;
    const rmq_fj_matcher *match; /* the bean matcher of the member being read (quick scan results) */
    enum rmq_fj_last start_last; /* the token the lexer holds as the next bean starts */
    bool by_field_deserializer;  /* the member being read was taken by JavaBeanDeserializer (the
                                  * second stage), whose list reader passes over extra commas */
    rmq_fj_token pending;        /* the token a String-keyed map ended on (']'), which the bean
                                  * holding it reads as its own; RMQ_FJT_COMMA for none */
    bool refused_object;         /* the failure is JavaBeanDeserializer's "expect {" refusal of
                                  * a token, which it turns into a null bean for a text that
                                  * starts with fastjson's end of input (isBlankInput) */
} rmq_jf_ctx;

/* The keys a class of object knows; a repeat of one is a duplicate key. */
struct rmq_jf_known_key {
    const char *name;
    size_t len;
};

/* Key comparison with the literal's length known at compile time. */
#define KEY_IS(k, lit) rmq_jf_key_is(cx, (k), (lit), sizeof(lit) - 1)

static inline bool rmq_jf_key_is(rmq_jf_ctx *cx, const rmq_jtoken *k, const char *lit, size_t len)
{
    if (cx->loose_as) return cx->loose_as->len == len && memcmp(cx->loose_as->name, lit, len) == 0;
    if (!k->has_escape && k->kind == RMQ_J_STRING)
        return k->end - k->start - 2 == len && memcmp(cx->jr.s + k->start + 1, lit, len) == 0;
    return rmq_jr_token_is(&cx->jr, k, lit);
}

/* Called per member of an object being read (index: its position). */
typedef int (*rmq_jf_member_fn)(rmq_jf_ctx *cx, const rmq_jtoken *key, void *obj, size_t index, uint32_t depth);

#define K(name) {name, sizeof(name) - 1}

int rmq_jf_fail_at(rmq_jf_ctx *cx, int code, size_t at, const char *msg);
/* The next item of a list being read; more than max_list is RMQ_ERR_TOO_MANY_FIELDS at `start`. */
void *rmq_jf_next_item(rmq_jf_ctx *cx, rmq_gather *g, size_t start, int *rc);
int rmq_jf_finish_items(rmq_jf_ctx *cx, rmq_gather *g, void **items, size_t *count);
/* Values: null reads as a null string / 0 / false, as fastjson leaves Java's defaults. */
int rmq_jf_read_str(rmq_jf_ctx *cx, rmq_str *out);
int rmq_jf_read_i64(rmq_jf_ctx *cx, int64_t *v, int64_t lo, int64_t hi);
int rmq_jf_read_i32(rmq_jf_ctx *cx, int32_t *v);
int rmq_jf_read_bool(rmq_jf_ctx *cx, bool *b);
int rmq_jf_check_repeat(rmq_jf_ctx *cx, const rmq_jf_known_key *known, const rmq_jtoken *key, uint32_t *seen);
/* Every member of the object at the reader, fn per member (known: keys whose repeat is checked). */
int rmq_jf_each_member(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn, const rmq_jf_known_key *known);
/* A member nobody reads, dropped as parse() reads it (rmq_fj_parse_skip). */
int rmq_jf_skip_value(rmq_jf_ctx *cx, uint32_t depth);
/* The same for a bean fastjson reads in its two stages (bean: its properties in name order). */
int rmq_jf_bean_object(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn, const rmq_jf_known_key *known,
                       const rmq_fj_bean *bean);
/* A bean after another token where its '{' should be, as the generated deserializer reads one. */
int rmq_jf_bean_after_token(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn,
                            const rmq_jf_known_key *known, const rmq_fj_bean *bean);
/* Is the next value null? (consumed if so) */
bool rmq_jf_take_null(rmq_jf_ctx *cx);
int rmq_jf_expect_container(rmq_jf_ctx *cx, char open);
/* An object whose members become items of g (a map read into an array). */
int rmq_jf_each_map_entry(rmq_jf_ctx *cx, uint32_t depth, rmq_gather *g, rmq_jf_member_fn fn, bool string_keys);
/* A value read into one list item (a scalar array's element). */
typedef int (*rmq_jf_item_fn)(rmq_jf_ctx *cx, void *item);
/* An array of scalars, each read by fn into items of `size` bytes; null is an empty list. */
int rmq_jf_scalar_array(rmq_jf_ctx *cx, void *stack, size_t stack_cap, size_t size, size_t align, rmq_jf_item_fn fn,
                        void **items, size_t *count);
/* An array of objects, each parsed by fn into items of `size` bytes (gathered in `stack` first). */
int rmq_jf_object_array(rmq_jf_ctx *cx, uint32_t depth, void *stack, size_t stack_cap, size_t size, size_t align,
                        rmq_jf_member_fn fn, const rmq_jf_known_key *known, void **items, size_t *count);
int rmq_jf_bean_array(rmq_jf_ctx *cx, uint32_t depth, void *stack, size_t stack_cap, size_t size, size_t align,
                      rmq_jf_member_fn fn, const rmq_jf_known_key *known, const rmq_fj_bean *bean, void **items,
                      size_t *count);

#endif
