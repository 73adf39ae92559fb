#include "json_fields.h"

#include "error_set.h"
#include "fastjson_match.h"
#include "fastjson_parse.h"
#include "fastjson_values.h"

int rmq_jf_fail_at(rmq_jf_ctx *cx, int code, size_t at, const char *msg) { return rmq_jr_fail(&cx->jr, code, at, msg); }

/* A list being read: its items are in `g`; more than max_list is RMQ_ERR_TOO_MANY_FIELDS at `start`. */
void *rmq_jf_next_item(rmq_jf_ctx *cx, rmq_gather *g, size_t start, int *rc)
{
    if (g->count >= cx->max_list) {
        *rc = rmq_jf_fail_at(cx, RMQ_ERR_TOO_MANY_FIELDS, start, "list or map too long");
        return NULL;
    }
    void *item = rmq_gather_next(g, cx->arena);
    *rc = item ? RMQ_OK : rmq_jf_fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    return item;
}

int rmq_jf_finish_items(rmq_jf_ctx *cx, rmq_gather *g, void **items, size_t *count)
{
    if (!rmq_gather_finish(g, cx->arena, items)) return rmq_jf_fail_at(cx, RMQ_ERR_NO_MEMORY, cx->jr.pos, NULL);
    *count = g->count;
    return RMQ_OK;
}

int rmq_jf_read_str(rmq_jf_ctx *cx, rmq_str *out)
{
    rmq_jtoken t;
    /* StringCodec hands a container to parse(), which reads it leniently */
    int c = rmq_jr_peek_quick(&cx->jr);
    int rc = c == '{' || c == '[' ? rmq_fj_parse_value(&cx->jr, &t, 1) : rmq_jr_value_quick(&cx->jr, &t, 1);
    if (rc) return rc;
    rmq_fj_codec_read(&cx->jr, RMQ_FJC_STRING, &t);
    if (t.kind == RMQ_J_STRING && !t.has_escape && t.ascii) { /* the string as it is on the wire */
        out->ptr = (const char *)cx->jr.s + t.start + 1;
        out->len = t.end - t.start - 2;
        return RMQ_OK;
    }
    /* StringCodec: null, an escaped string, or a number, boolean or container as its text */
    return rmq_fj_string_value(&cx->jr, &t, cx->arena, out);
}

int rmq_jf_read_i64(rmq_jf_ctx *cx, int64_t *v, int64_t lo, int64_t hi)
{
    rmq_jtoken t;
    int rc = rmq_jr_value_quick(&cx->jr, &t, 1);
    if (rc) return rc;
    rmq_fj_codec_read(&cx->jr, RMQ_FJC_LONG, &t);
    if (t.kind == RMQ_J_NULL) { /* a primitive stays 0 */
        *v = 0;
        return RMQ_OK;
    }
    if (t.kind == RMQ_J_NUMBER && t.end - t.start <= 18) { /* plain digits cannot overflow: no range work */
        int64_t acc = 0;
        size_t i = t.start;
        for (; i < t.end && cx->jr.s[i] >= '0' && cx->jr.s[i] <= '9'; i++) acc = acc * 10 + (cx->jr.s[i] - '0');
        if (i == t.end && acc >= lo && acc <= hi) {
            *v = acc;
            return RMQ_OK;
        }
    }
    rc = rmq_jr_int64(&cx->jr, &t, v);
    if (rc == RMQ_OK && (*v < lo || *v > hi)) rc = rmq_jf_fail_at(cx, RMQ_ERR_JSON_NUMBER, t.start, "integer out of range");
    return rc;
}

int rmq_jf_read_i32(rmq_jf_ctx *cx, int32_t *v)
{
    rmq_jtoken t;
    int rc = rmq_jr_value_quick(&cx->jr, &t, 1);
    if (rc) return rc;
    rmq_fj_codec_read(&cx->jr, RMQ_FJC_INTEGER, &t);
    if (t.kind == RMQ_J_NUMBER && t.end - t.start <= 9) { /* plain digits cannot overflow: no range work */
        int32_t acc = 0;
        size_t i = t.start;
        for (; i < t.end && cx->jr.s[i] >= '0' && cx->jr.s[i] <= '9'; i++) acc = acc * 10 + (cx->jr.s[i] - '0');
        if (i == t.end) {
            *v = acc;
            return RMQ_OK;
        }
    }
    /* IntegerCodec; null (and "", "null") leave the primitive at 0 */
    bool assigned;
    *v = 0;
    rc = rmq_fj_int_value(&cx->jr, &t, v, &assigned);
    const rmq_fj_matcher *m = cx->match;
    if (rc == RMQ_ERR_JSON_NUMBER && m && m->quick && (t.kind == RMQ_J_NUMBER || t.kind == RMQ_J_STRING) &&
        (cx->jr.leniency & RMQ_LENIENT_JSON_NUMBER_FORMS)) {
        /* scanFieldInt's value stands where Java's int arithmetic wrapped (its overflow
         * test misses some 11-digit numbers) */
        cx->jr.notes |= RMQ_NOTE_NUMBER_FORM;
        *v = m->quick_int;
        return RMQ_OK;
    }
    return rc;
}

int rmq_jf_read_bool(rmq_jf_ctx *cx, bool *b)
{
    rmq_jtoken t;
    int rc = rmq_jr_value(&cx->jr, &t, 1);
    if (rc) return rc;
    rmq_fj_codec_read(&cx->jr, RMQ_FJC_BOOLEAN, &t);
    if (t.kind == RMQ_J_TRUE || t.kind == RMQ_J_FALSE || t.kind == RMQ_J_NULL) {
        *b = t.kind == RMQ_J_TRUE;
        return RMQ_OK;
    }
    if (t.kind == RMQ_J_STRING && (cx->jr.leniency & RMQ_LENIENT_JSON_NUMERIC_STRINGS)) {
        if (rmq_jr_token_is(&cx->jr, &t, "true") || rmq_jr_token_is(&cx->jr, &t, "false")) {
            *b = rmq_jr_token_is(&cx->jr, &t, "true");
            return RMQ_OK;
        }
    }
    return rmq_jf_fail_at(cx, RMQ_ERR_JSON_TYPE, t.start, "expected a boolean");
}



/* Under strict options a known key seen twice in one object is RMQ_ERR_JSON_DUPLICATE_KEY at the
 * second; with JSON_DUPLICATE_KEYS (Java) the last one wins, as fastjson's setters do. */
int rmq_jf_check_repeat(rmq_jf_ctx *cx, const rmq_jf_known_key *known, const rmq_jtoken *key, uint32_t *seen)
{
    if (!known || (cx->jr.leniency & RMQ_LENIENT_JSON_DUPLICATE_KEYS)) return RMQ_OK;
    for (uint32_t i = 0; known[i].name; i++) {
        if (!rmq_jf_key_is(cx, key, known[i].name, known[i].len)) continue;
        if (*seen & (1u << i)) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_DUPLICATE_KEY, key->start, NULL);
        *seen |= 1u << i;
        break;
    }
    return RMQ_OK;
}

/* JavaBeanDeserializer's smartMatch for a key that names no property exactly: the property
 * it names with ASCII case, '_' and '-' ignored, taken only if not set yet in this object
 * (then *as; else the member is dropped as unknown). Escaped keys are compared exactly. */
static int loose_property(rmq_jf_ctx *cx, const rmq_jf_known_key *known, const rmq_jtoken *key, uint32_t *set,
                          const rmq_jf_known_key **as)
{
    *as = NULL;
    for (uint32_t i = 0; known[i].name; i++) {
        if (rmq_jf_key_is(cx, key, known[i].name, known[i].len)) {
            *set |= 1u << i;
            return RMQ_OK;
        }
    }
    if (key->has_escape || (key->kind != RMQ_J_STRING && key->kind != RMQ_J_WORD)) return RMQ_OK;
    size_t a = key->kind == RMQ_J_WORD ? key->start : key->start + 1;
    size_t b = key->kind == RMQ_J_WORD ? key->end : key->end - 1;
    for (uint32_t i = 0; known[i].name; i++) {
        if (!rmq_fj_loose_equal((const char *)cx->jr.s + a, b - a, known[i].name)) continue;
        if (!(cx->jr.leniency & RMQ_LENIENT_JSON_LOOSE_NAMES))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_LENIENT, key->start, "key names a field only loosely (case, '_', '-')");
        cx->jr.notes |= RMQ_NOTE_LOOSE_NAME;
        if (!(*set & (1u << i))) {
            *set |= 1u << i;
            *as = &known[i];
        }
        return RMQ_OK;
    }
    return RMQ_OK;
}

static int odd_separator(rmq_jf_ctx *cx, size_t at) { return rmq_fj_odd_separator(&cx->jr, at); }

static int trailing_comma(rmq_jf_ctx *cx, size_t at)
{
    return rmq_jr_need_leniency(&cx->jr, RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_NOTE_TRAILING_COMMA, at, "trailing comma");
}

/* The token after a member's value: *end at '}', *after_comma at ','; the end of the text
 * fails. Any other token is the caller's to judge (at: where it starts). */
static int after_member(rmq_jf_ctx *cx, size_t *at, rmq_fj_token *t, bool *end, bool *after_comma)
{
    *at = cx->jr.pos;
    *t = cx->pending; /* a map's ']' read already */
    cx->pending = RMQ_FJT_COMMA;
    int rc = *t == RMQ_FJT_COMMA ? rmq_jr_fj_token_after_value(&cx->jr, t) : RMQ_OK;
    if (rc) return rc;
    *end = *t == RMQ_FJT_RBRACE;
    *after_comma = *t == RMQ_FJT_COMMA;
    if (*t == RMQ_FJT_EOF) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, *at, "unterminated object");
    return RMQ_OK;
}

/* The object's '{', at the reader. */
static int open_brace(rmq_jf_ctx *cx)
{
    if (cx->jr.pos < cx->jr.n && cx->jr.s[cx->jr.pos] == '{') {
        cx->jr.pos++;
        return RMQ_OK;
    }
    return rmq_jr_expect(&cx->jr, '{');
}


/* The entry of known[] for a property name. */
static const rmq_jf_known_key *known_named(const rmq_jf_known_key *known, const char *name)
{
    for (size_t i = 0; known && known[i].name; i++)
        if (!strcmp(known[i].name, name)) return &known[i];
    return NULL;
}

/* The property of `bean` a key names: exactly, or loosely (smartMatch) when allowed. */
static int bean_property(rmq_jf_ctx *cx, const rmq_fj_bean *bean, const rmq_jtoken *key, int *named)
{
    *named = RMQ_FJ_NONE;
    for (int f = 0; f < bean->count; f++) {
        if (rmq_jf_key_is(cx, key, bean->props[f].name, bean->props[f].quoted_len - 3)) {
            *named = f;
            return RMQ_OK;
        }
    }
    if (key->has_escape || (key->kind != RMQ_J_STRING && key->kind != RMQ_J_WORD)) return RMQ_OK;
    size_t a = key->kind == RMQ_J_WORD ? key->start : key->start + 1;
    size_t b = key->kind == RMQ_J_WORD ? key->end : key->end - 1;
    for (int f = 0; f < bean->count; f++) {
        if (!rmq_fj_loose_equal((const char *)cx->jr.s + a, b - a, bean->props[f].name)) continue;
        if (!(cx->jr.leniency & RMQ_LENIENT_JSON_LOOSE_NAMES))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_LENIENT, key->start, "key names a field only loosely (case, '_', '-')");
        cx->jr.notes |= RMQ_NOTE_LOOSE_NAME;
        *named = f;
        return RMQ_OK;
    }
    return RMQ_OK;
}

/*
 * A bean's members in fastjson's two stages (lib/fastjson_match.c): the generated
 * deserializer's quick scans in property order, then JavaBeanDeserializer, which matches
 * keys (loosely too) only to properties not set yet; what stands between members is judged
 * by how the last value was read, as for the header (header_json.c).
 */
static int bean_members_staged(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn,
                               const rmq_jf_known_key *known, const rmq_fj_bean *bean, enum rmq_fj_last start)
{
    int rc;
    rmq_fj_matcher m;
    rmq_fj_init_bean(&m, bean, cx->jr.s, cx->jr.n);
    rmq_fj_after_object(&m, start); /* the token the lexer holds as the object starts */
    enum { READ_QUICK, READ_BY_KEY, DROPPED } last_read = READ_QUICK;
    bool after_value = false, after_comma = false;
    uint32_t seen = 0;
    for (size_t i = 0;; i++) {
        size_t closed_at = SIZE_MAX;
        if (after_value) {
            bool object_quick = m.object_quick;
            size_t at = cx->jr.pos;
            rmq_fj_token t = cx->pending; /* a map's ']' read already */
            cx->pending = RMQ_FJT_COMMA;
            /* an end of input after a list or map in the first stage is the token the
             * second stage takes over with, and refuses */
            if (t == RMQ_FJT_COMMA && object_quick && (rc = rmq_jr_fj_check_value_end(&cx->jr))) {
                cx->refused_object = true;
                return rc;
            }
            if (t == RMQ_FJT_COMMA && (rc = rmq_jr_fj_token_after_value(&cx->jr, &t))) return rc;
            after_value = false;
            after_comma = t == RMQ_FJT_COMMA;
            bool odd_ok = (cx->jr.leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS) != 0;
            /* the bean reads on past its '}' with nextToken(COMMA), after a dropped value with nextToken() */
            cx->jr.next_by_comma = last_read != DROPPED;
            if (t == RMQ_FJT_RBRACE && (!object_quick || !odd_ok)) return RMQ_OK;
            if (object_quick) {
                /* the first stage goes on to the next property: the token is judged only if
                 * the second stage takes over */
                rmq_fj_after_object(&m, rmq_fj_last_of(t));
                if (t == RMQ_FJT_RBRACE) closed_at = at;
                else if (t != RMQ_FJT_COMMA && (rc = odd_separator(cx, at))) return rc;
            } else if (t != RMQ_FJT_COMMA) {
                if (t == RMQ_FJT_EOF) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, at, "unterminated object");
                if (last_read != DROPPED &&
                    (t == RMQ_FJT_IDENT || t == RMQ_FJT_ERROR || (last_read == READ_BY_KEY && t == RMQ_FJT_COLON)))
                    return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, at, "fastjson refuses this token after a value");
                if ((rc = odd_separator(cx, at))) return rc;
            }
        }
        size_t bp = cx->jr.pos;
        int field;
        rmq_fj_route route = rmq_fj_route_member(&m, bp, &field);
        if (route == RMQ_FJ_HANGS)
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_JAVA_HANGS, m.java_spins_at, "unterminated enum string at the end");
        if (route == RMQ_FJ_ENDS) {
            cx->jr.pos = bp; /* a '}' after a list or map property ended the object */
            cx->jr.next_by_comma = true;
            return RMQ_OK;
        }
        if (route == RMQ_FJ_REFUSED) {
            cx->refused_object = true;
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, bp, "fastjson refuses the token after a list or map here");
        }
        if (closed_at != SIZE_MAX && (rc = odd_separator(cx, closed_at))) return rc;
        rmq_jtoken key;
        rmq_fj_key what;
        size_t key_at = cx->jr.pos;
        if ((rc = rmq_jr_fj_key(&cx->jr, RMQ_FJ_BEAN_KEY, &key, &what))) return rc;
        if (what == RMQ_FJK_END) {
            cx->jr.next_by_comma = true; /* a '}' where a key would be: nextToken(COMMA) */
            return after_comma ? trailing_comma(cx, key_at) : RMQ_OK;
        }
        if (what == RMQ_FJK_COMMA) {
            if ((rc = odd_separator(cx, cx->jr.pos - 1))) return rc; /* AllowArbitraryCommas */
            after_comma = true;
            continue;
        }
        if (key.kind == RMQ_J_WORD && !rmq_jr_fj_identifier(cx->jr.s + key.start, key.end - key.start))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, key.start, "unquoted key with a character fastjson refuses");
        if ((rc = rmq_jf_check_repeat(cx, known, &key, &seen))) return rc;
        int named;
        if ((rc = bean_property(cx, bean, &key, &named))) return rc;
        last_read = READ_QUICK;
        if (route == RMQ_FJ_KEY) {
            route = rmq_fj_route_key(&m, named, &field);
            last_read = route == RMQ_FJ_SKIP ? DROPPED : READ_BY_KEY;
        }
        after_value = true;
        const rmq_jf_known_key *as = route == RMQ_FJ_SET ? known_named(known, bean->props[field].name) : NULL;
        if (!as) {
            /* unknown, or a property fastjson had set already: read and dropped */
            if ((rc = rmq_jf_skip_value(cx, depth + 1))) return rc;
            continue;
        }
        cx->loose_as = as;
        const rmq_fj_matcher *outer = cx->match;
        /* an int property's quick scan result, which rmq_jf_read_i32 may need */
        cx->match = bean->props[field].kind == RMQ_FJK_INT ? &m : NULL;
        bool outer_stage = cx->by_field_deserializer;
        cx->by_field_deserializer = m.generic;
        rc = fn(cx, &key, obj, i, depth + 1);
        cx->loose_as = NULL;
        cx->match = outer;
        cx->by_field_deserializer = outer_stage;
        if (rc) return rc;
    }
}

/*
 * A bean's members as JavaBeanDeserializer reads them: after a value it reads one token and
 * decides: ',' goes on, '}' ends the object, any other token goes on too (an odd separator),
 * except an identifier, a character fastjson has no token for, or ':' after a value that set a
 * property. Commas before a key are passed over (AllowArbitraryCommas). The object's '{' is at
 * the reader or, with open_taken, already consumed. With a bean descriptor: bean_members_staged.
 */
static int bean_members(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn, const rmq_jf_known_key *known,
                        bool open_taken, const rmq_fj_bean *bean)
{
    if (depth >= cx->jr.max_depth) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    int rc;
    if (!open_taken && (rc = open_brace(cx))) return rc;
    /* the member that holds this object was dispatched already: keys here are compared as they are */
    cx->loose_as = NULL;
    if (bean) {
        /* an item read after another token starts with that token in the lexer (start_last) */
        enum rmq_fj_last start = cx->start_last;
        cx->start_last = RMQ_FJ_LAST_OPEN;
        return bean_members_staged(cx, depth, obj, fn, known, bean, start);
    }
    uint32_t seen = 0, set = 0;
    bool after_value = false, after_comma = false, dropped = false;
    for (size_t i = 0;; i++) {
        if (after_value) {
            size_t at;
            rmq_fj_token t;
            bool end;
            if ((rc = after_member(cx, &at, &t, &end, &after_comma))) return rc;
            if (end) {
                cx->jr.next_by_comma = !dropped;
                return RMQ_OK;
            }
            if (!after_comma) {
                if (!dropped && (t == RMQ_FJT_IDENT || t == RMQ_FJT_ERROR || t == RMQ_FJT_COLON)) {
                    return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, at, "fastjson refuses this token after a value");
                }
                if ((rc = odd_separator(cx, at))) return rc;
            }
        }
        rmq_jtoken key;
        rmq_fj_key what;
        size_t key_at = cx->jr.pos;
        if ((rc = rmq_jr_fj_key(&cx->jr, RMQ_FJ_BEAN_KEY, &key, &what))) return rc;
        if (what == RMQ_FJK_END) {
            cx->jr.next_by_comma = true; /* a '}' where a key would be: nextToken(COMMA) */
            return after_comma ? trailing_comma(cx, key_at) : RMQ_OK;
        }
        if (what == RMQ_FJK_COMMA) {
            if ((rc = odd_separator(cx, cx->jr.pos - 1))) return rc;
            after_comma = true;
            after_value = false;
            continue;
        }
        /* a bean's unquoted key is an identifier to fastjson (a map's may be a number) */
        if (key.kind == RMQ_J_WORD && !rmq_jr_fj_identifier(cx->jr.s + key.start, key.end - key.start))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, key.start, "unquoted key with a character fastjson refuses");
        if ((rc = rmq_jf_check_repeat(cx, known, &key, &seen))) return rc;
        const rmq_jf_known_key *as = NULL;
        uint32_t set_before = set;
        if (known && (rc = loose_property(cx, known, &key, &set, &as))) return rc;
        /* dropped: a key that names no property (or one already set, loosely) */
        dropped = known && set == set_before && !as;
        cx->loose_as = as;
        rc = fn(cx, &key, obj, i, depth + 1);
        cx->loose_as = NULL;
        if (rc) return rc;
        after_value = true;
    }
}

/* Where a bean is wanted and another token stands: the generated deserializer runs its quick
 * scans after that token and reads an object there if one matches, and after a ',' always
 * ("expect {" when none does). */
int rmq_jf_bean_after_token(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn,
                            const rmq_jf_known_key *known, const rmq_fj_bean *bean)
{
    size_t at = cx->jr.pos;
    rmq_fj_token t;
    int rc = rmq_jr_fj_token(&cx->jr, &t);
    if (rc) return rc;
    /* JavaBeanDeserializer reads an object body after a ',' as after a '{' */
    if (t != RMQ_FJT_COMMA && !rmq_fj_quick_name_at(bean, cx->jr.s, cx->jr.n, cx->jr.pos)) {
        cx->refused_object = true;
        return rmq_jf_fail_at(cx, RMQ_ERR_JSON_TYPE, at, "expected an object");
    }
    if ((rc = odd_separator(cx, at))) return rc;
    /* that token stays the lexer's through string quick scans: a second stage refuses it */
    cx->start_last = rmq_fj_last_of(t);
    return bean_members(cx, depth, obj, fn, known, true, bean);
}

int rmq_jf_each_member(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn, const rmq_jf_known_key *known)
{
    return bean_members(cx, depth, obj, fn, known, false, NULL);
}

int rmq_jf_bean_object(rmq_jf_ctx *cx, uint32_t depth, void *obj, rmq_jf_member_fn fn, const rmq_jf_known_key *known,
                       const rmq_fj_bean *bean)
{
    return bean_members(cx, depth, obj, fn, known, false, bean);
}

int rmq_jf_skip_value(rmq_jf_ctx *cx, uint32_t depth) { return rmq_fj_parse_skip(&cx->jr, depth); }

/* Is the next value null? (consumes it if so) A bean, list or map reader takes only the
 * null token ("null", or scanIdent's "Null" in any case), not what parse() makes null. */
bool rmq_jf_take_null(rmq_jf_ctx *cx)
{
    int c = rmq_jr_peek_quick(&cx->jr);
    if (c != 'n' && c != 'N') return false;
    rmq_jtoken t;
    size_t at = cx->jr.pos;
    if (rmq_jr_value(&cx->jr, &t, 1) == RMQ_OK && t.kind == RMQ_J_NULL && t.end - t.start == 4) return true;
    cx->jr.pos = at;
    return false;
}

int rmq_jf_expect_container(rmq_jf_ctx *cx, char open)
{
    int c = rmq_jr_peek_quick(&cx->jr);
    if (c != open) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_TYPE, cx->jr.pos, open == '{' ? "expected an object" : "expected an array");
    return RMQ_OK;
}

/*
 * A map's entries as fastjson's MapDeserializer reads them: after a value ',' goes on, '}'
 * ends the map, and any other token goes on to the next key (an odd separator).
 */
int rmq_jf_each_map_entry(rmq_jf_ctx *cx, uint32_t depth, rmq_gather *g, rmq_jf_member_fn fn, bool string_keys)
{
    if (depth >= cx->jr.max_depth) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_DEPTH, cx->jr.pos, NULL);
    size_t start = cx->jr.pos;
    int rc = open_brace(cx);
    if (rc) return rc;
    bool after_value = false, after_comma = false;
    for (;;) {
        if (after_value) {
            size_t at;
            rmq_fj_token t;
            bool end;
            if ((rc = after_member(cx, &at, &t, &end, &after_comma))) return rc;
            if (end) {
                /* a '}' after a value: parseMap with String keys reads on with nextToken(),
                 * with typed keys with nextToken(COMMA) */
                cx->jr.next_by_comma = !string_keys;
                return RMQ_OK;
            }
            if (string_keys && t == RMQ_FJT_RBRACKET) {
                /* parseMap with String keys returns at a ']' after a value, which the bean
                 * holding the map then reads as the token after it */
                if ((rc = odd_separator(cx, at))) return rc;
                cx->pending = t;
                cx->jr.next_by_comma = false;
                return RMQ_OK;
            }
            if (!after_comma) {
                if ((rc = odd_separator(cx, at))) return rc;
                /* a String-keyed map reads its next key after that token; a typed one
                 * (Long, Integer keys) takes the token as the key ("+1" is 1) */
                if (!string_keys) cx->jr.pos = at;
            }
        }
        rmq_jtoken key;
        rmq_fj_key what;
        size_t key_at = cx->jr.pos;
        if ((rc = rmq_jr_fj_key(&cx->jr, string_keys ? RMQ_FJ_MAP_KEY : RMQ_FJ_TYPED_KEY, &key, &what))) return rc;
        if (what == RMQ_FJK_END) {
            cx->jr.next_by_comma = true; /* a '}' where a key would be: nextToken(COMMA) */
            return after_comma ? trailing_comma(cx, key_at) : RMQ_OK;
        }
        if (what == RMQ_FJK_COMMA) {
            /* a typed key's codec (LongCodec) is handed the ',' and fails */
            if (!string_keys) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_NUMBER, cx->jr.pos - 1, "expected a number key");
            if ((rc = odd_separator(cx, cx->jr.pos - 1))) return rc;
            after_comma = true;
            after_value = false;
            continue;
        }
        /* scanSymbolUnQuoted: a String-keyed map's unquoted key is an identifier */
        if (string_keys && key.kind == RMQ_J_WORD && !rmq_jr_fj_identifier(cx->jr.s + key.start, key.end - key.start))
            return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, key.start, "unquoted key with a character fastjson refuses");
        void *item = rmq_jf_next_item(cx, g, start, &rc);
        if (!item || (rc = fn(cx, &key, item, 0, depth + 1))) return rc;
        after_value = true;
    }
}

/*
 * After a collection's item, as fastjson's list readers go on: ',' to the next item, ']' to
 * the end (*done), and any other token is where the next item starts (an odd separator).
 */
static int after_item(rmq_jf_ctx *cx, bool *done)
{
    size_t at = cx->jr.pos;
    rmq_fj_token t;
    int rc = rmq_jr_fj_token_after_value(&cx->jr, &t);
    if (rc) return rc;
    *done = t == RMQ_FJT_RBRACKET;
    if (*done) cx->jr.next_by_comma = true; /* the list reads on past ']' with nextToken(COMMA) */
    if (t == RMQ_FJT_COMMA || *done) return RMQ_OK;
    if (t == RMQ_FJT_EOF) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, at, "unterminated array");
    if ((rc = odd_separator(cx, at))) return rc;
    cx->jr.pos = at;
    return RMQ_OK;
}

/* Before an item: commas passed over (AllowArbitraryCommas; one after an item is the
 * separator itself), or the ']' that ends the collection (*done). */
static int before_item(rmq_jf_ctx *cx, bool after_comma, bool *done)
{
    int rc;
    *done = false;
    for (;;) {
        int c = rmq_jr_peek(&cx->jr);
        if (c == ']') {
            if (after_comma && (rc = trailing_comma(cx, cx->jr.pos))) return rc;
            cx->jr.pos++;
            *done = true;
            cx->jr.next_by_comma = true;
            return RMQ_OK;
        }
        if (c < 0) return rmq_jf_fail_at(cx, RMQ_ERR_JSON_SYNTAX, cx->jr.pos, "unterminated array");
        if (c != ',') return RMQ_OK;
        if ((rc = odd_separator(cx, cx->jr.pos))) return rc;
        cx->jr.pos++;
        after_comma = true;
    }
}

int rmq_jf_object_array(rmq_jf_ctx *cx, uint32_t depth, void *stack, size_t stack_cap, size_t size, size_t align,
                        rmq_jf_member_fn fn, const rmq_jf_known_key *known, void **items, size_t *count)
{
    return rmq_jf_bean_array(cx, depth, stack, stack_cap, size, align, fn, known, NULL, items, count);
}

/* An array of objects, each parsed by fn into items of `size` bytes (gathered in `stack` first). */
int rmq_jf_bean_array(rmq_jf_ctx *cx, uint32_t depth, void *stack, size_t stack_cap, size_t size, size_t align,
                      rmq_jf_member_fn fn, const rmq_jf_known_key *known, const rmq_fj_bean *bean, void **items,
                      size_t *count)
{
    rmq_gather g;
    rmq_gather_init(&g, stack, stack_cap, size, align);
    int rc;
    /* the generated deserializer's list code hands a ',' where an item starts to the item;
     * JavaBeanDeserializer's (ArrayListTypeFieldDeserializer) passes over every such ',' */
    bool commas_to_item = bean && !cx->by_field_deserializer;
    cx->by_field_deserializer = false;
    if (rmq_jr_peek_quick(&cx->jr) == '{') {
        /* fastjson's collection reader takes a lone object as a list of that one item */
        void *item = rmq_jf_next_item(cx, &g, cx->jr.pos, &rc);
        if (!item || (rc = bean_members(cx, depth + 1, item, fn, known, false, bean))) return rc;
        return rmq_jf_finish_items(cx, &g, items, count);
    }
    if ((rc = rmq_jf_expect_container(cx, '['))) return rc;
    size_t start = cx->jr.pos;
    cx->jr.pos++; /* the '[' rmq_jf_expect_container saw */
    bool done, after_comma = false, first = true;
    for (;;) {
        /* the generated list code passes over no extra commas (nor one right after its '['):
         * the item's deserializer gets the ',' and reads an object body after it */
        bool at_comma = commas_to_item && (after_comma || first) && rmq_jr_peek(&cx->jr) == ',';
        first = false;
        if (at_comma) {
            void *item = rmq_jf_next_item(cx, &g, start, &rc);
            if (!item) return rc;
            size_t at = cx->jr.pos++;
            if ((rc = odd_separator(cx, at)) || (rc = bean_members(cx, depth + 1, item, fn, known, true, bean))) return rc;
            if ((rc = after_item(cx, &done))) return rc;
            if (done) break;
            after_comma = cx->jr.pos > at && cx->jr.s[cx->jr.pos - 1] == ',';
            continue;
        }
        if ((rc = before_item(cx, after_comma, &done))) return rc;
        if (done) break;
        void *item = rmq_jf_next_item(cx, &g, start, &rc);
        if (!item) return rc;
        int c = rmq_jr_peek(&cx->jr);
        /* after a '}' token the generated deserializer's quick scans may still match */
        bool read_after_brace = c == '}' && bean && rmq_fj_quick_name_at(bean, cx->jr.s, cx->jr.n, cx->jr.pos + 1);
        if (c == '}' && !read_after_brace) {
            cx->jr.pos++; /* JavaBeanDeserializer makes an empty item of a lone '}' */
            cx->jr.next_by_comma = true;
            if ((rc = odd_separator(cx, cx->jr.pos - 1))) return rc;
        } else if (bean && c != '{' && c != 'n' && c != 'N') {
            if ((rc = rmq_jf_bean_after_token(cx, depth + 1, item, fn, known, bean))) return rc;
        } else if (rmq_jf_take_null(cx)) { /* a null element stays all-null */
            cx->jr.next_by_comma = true; /* JavaBeanDeserializer reads on with nextToken(COMMA) */
        } else {
            if ((rc = rmq_jf_expect_container(cx, '{')) || (rc = bean_members(cx, depth + 1, item, fn, known, false, bean)))
                return rc;
        }
        size_t at = cx->jr.pos;
        if ((rc = after_item(cx, &done))) return rc;
        if (done) break;
        after_comma = cx->jr.pos > at && cx->jr.s[cx->jr.pos - 1] == ',';
    }
    return rmq_jf_finish_items(cx, &g, items, count);
}

int rmq_jf_scalar_array(rmq_jf_ctx *cx, void *stack, size_t stack_cap, size_t size, size_t align, rmq_jf_item_fn fn,
                        void **items, size_t *count)
{
    *items = NULL;
    *count = 0;
    if (rmq_jf_take_null(cx)) return RMQ_OK;
    int rc = rmq_jf_expect_container(cx, '[');
    if (rc) return rc;
    size_t start = cx->jr.pos++; /* the '[' expect_container saw */
    rmq_gather g;
    rmq_gather_init(&g, stack, stack_cap, size, align);
    bool done, after_comma = false;
    for (;;) {
        if ((rc = before_item(cx, after_comma, &done))) return rc;
        if (done) break;
        void *item = rmq_jf_next_item(cx, &g, start, &rc);
        if (!item || (rc = fn(cx, item))) return rc;
        size_t at = cx->jr.pos;
        if ((rc = after_item(cx, &done))) return rc;
        if (done) break;
        after_comma = cx->jr.pos > at && cx->jr.s[cx->jr.pos - 1] == ',';
    }
    return rmq_jf_finish_items(cx, &g, items, count);
}
