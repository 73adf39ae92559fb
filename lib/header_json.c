/* JSON header (SPEC §2): fastjson's field set and tolerances, fastjson's output. */
#include "internal/arena.h"
#include "internal/error_set.h"
#include "internal/fastjson_match.h"
#include "internal/fastjson_parse.h"
#include "internal/fastjson_text.h"
#include "internal/fastjson_values.h"
#include "internal/ext_dups.h"
#include "internal/header_codec.h"
#include "internal/java_number.h"
#include "internal/json_reader.h"
#include "internal/utf8.h"
#include "internal/json_writer.h"
#include "rmqwire/names.h"

#include <string.h>

enum header_key {
    KEY_CODE, KEY_EXT, KEY_FLAG, KEY_LANGUAGE, KEY_OPAQUE, KEY_REMARK, KEY_SERIALIZE, KEY_VERSION,
    KEY_BODY, KEY_UNKNOWN
};


/* fastjson's property order to the header's keys */
static const enum header_key key_of_field[RMQ_FJ_COUNT] = {
    KEY_BODY, KEY_CODE, KEY_EXT, KEY_FLAG, KEY_LANGUAGE, KEY_OPAQUE, KEY_REMARK, KEY_SERIALIZE, KEY_VERSION};

/* The property a key token names; an escaped key is compared exactly, without the
 * loose match (it would need the key unescaped into the arena). */
static int key_field(const rmq_jreader *jr, const rmq_jtoken *key, bool loose, bool *was_loose)
{
    *was_loose = false;
    if (!key->has_escape) {
        size_t a = key->kind == RMQ_J_WORD ? key->start : key->start + 1;
        size_t b = key->kind == RMQ_J_WORD ? key->end : key->end - 1;
        return rmq_fj_field_of((const char *)jr->s + a, b - a, loose, was_loose);
    }
    for (int f = 0; f < RMQ_FJ_COUNT; f++)
        if (rmq_jr_token_is(jr, key, rmq_fj_name(f))) return f;
    return RMQ_FJ_NONE;
}

static bool ascii_iequal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = (char)(x - 32);
        if (y >= 'a' && y <= 'z') y = (char)(y - 32);
        if (x != y) return false;
    }
    return true;
}

static int language_value(rmq_jreader *jr, const rmq_jtoken *tok, const rmq_limits *lim,
                          rmq_arena *arena, int32_t *lang)
{
    if (tok->kind == RMQ_J_NULL) {
        *lang = RMQ_LANG_NULL;
        return RMQ_OK;
    }
    if (tok->kind == RMQ_J_NUMBER) {
        if (!(jr->leniency & RMQ_LENIENT_LANGUAGE_ORDINAL))
            return rmq_jr_fail(jr, RMQ_ERR_JSON_LENIENT, tok->start, "language given as a number");
        int32_t v;
        int rc = rmq_jr_int32(jr, tok, &v);
        if (rc) return rc;
        /* fastjson reads a number as the enum ordinal; out of range is an error */
        if (!rmq_language_name(v, lim->release))
            return rmq_jr_fail(jr, RMQ_ERR_LANGUAGE, tok->start, "language ordinal out of range");
        jr->notes |= RMQ_NOTE_LANGUAGE_ORDINAL;
        *lang = v;
        return RMQ_OK;
    }
    if (tok->kind != RMQ_J_STRING) return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "language must be a string");
    const char *name;
    size_t n;
    int rc = rmq_jr_string(jr, tok, arena, &name, &n);
    if (rc) return rc;
    int32_t v = rmq_language_from_name(name, n, lim->release);
    if (v < 0 && (jr->leniency & RMQ_LENIENT_LANGUAGE_CASE)) {
        for (int32_t c = 0; c < 256 && v < 0; c++) {
            const char *known = rmq_language_name(c, lim->release);
            if (known && strlen(known) == n && ascii_iequal(known, name, n)) {
                v = c;
                jr->notes |= RMQ_NOTE_LANGUAGE_CASE;
            }
        }
    }
    if (v < 0) {
        if (!(jr->leniency & RMQ_LENIENT_LANGUAGE_UNKNOWN))
            return rmq_jr_fail(jr, RMQ_ERR_LANGUAGE, tok->start, "unknown language name");
        jr->notes |= RMQ_NOTE_LANGUAGE_UNKNOWN;
        v = RMQ_LANG_NULL; /* Java: valueOf fails quietly, language null */
    }
    *lang = v;
    return RMQ_OK;
}

/* The byte[] property: fastjson takes a base64 string, null or an array of numbers; the
 * decoder then replaces it with the frame's body. */
static int body_value(rmq_jreader *jr, const rmq_jtoken *tok)
{
    if (tok->kind == RMQ_J_STRING || tok->kind == RMQ_J_NULL) return RMQ_OK;
    if (tok->kind == RMQ_J_ARRAY && !memchr(jr->s + tok->start, '"', tok->end - tok->start) &&
        !memchr(jr->s + tok->start, '\'', tok->end - tok->start) && !memchr(jr->s + tok->start, '{', tok->end - tok->start))
        return RMQ_OK;
    return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok->start, "body must be a base64 string or an array of bytes");
}

/* Members kept as tokens during the first walk, so most headers are scanned once. */
#define EXT_TOKENS_ON_STACK 48

static int ext_fill(rmq_jreader *jr, const rmq_jtoken *key, const rmq_jtoken *val, rmq_arena *arena,
                    rmq_ext_field *f)
{
    int rc = rmq_jr_string(jr, key, arena, &f->key.ptr, &f->key.len);
    return rc ? rc : rmq_fj_string_value(jr, val, arena, &f->value);
}


/* How a fastjson object or map walk left off. */
typedef struct member_walk {
    bool after_comma; /* the last separator was a ',' (a '}' next is a trailing comma) */
    bool done;
    rmq_fj_token ended_by; /* RBRACE, or the token that ended a map (EOF, ']') */
} member_walk;

static int identifier_key(rmq_jreader *jr, const rmq_jtoken *key)
{
    if (key->kind == RMQ_J_WORD && !rmq_jr_fj_identifier(jr->s + key->start, key->end - key->start))
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, key->start, "unquoted key with a character fastjson refuses");
    return RMQ_OK;
}

/*
 * The next extFields entry as MapDeserializer.parseMap reads it: commas before a key are
 * passed over, and after a value one token of any kind goes on to the next key, except
 * '}' and (ending the map, left for the enclosing object) the end and ']'.
 */
static int ext_next(rmq_jreader *jr, member_walk *w, rmq_jtoken *key, rmq_jtoken *val, bool *entry)
{
    int rc;
    *entry = false;
    for (;;) {
        rmq_fj_key what;
        size_t at = jr->pos;
        if ((rc = rmq_jr_fj_key(jr, RMQ_FJ_MAP_KEY, key, &what))) return rc;
        if (what == RMQ_FJK_COMMA) {
            if ((rc = rmq_fj_odd_separator(jr, jr->pos - 1))) return rc;
            w->after_comma = true;
            continue;
        }
        if (what == RMQ_FJK_END) {
            if (w->after_comma &&
                (rc = rmq_jr_need_leniency(jr, RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_NOTE_TRAILING_COMMA, at,
                                           "trailing comma")))
                return rc;
            w->done = true;
            w->ended_by = RMQ_FJT_RBRACE;
            jr->next_by_comma = true; /* a '}' where a key would be: parseMap's nextToken(COMMA) */
            return RMQ_OK;
        }
        break;
    }
    if ((rc = identifier_key(jr, key))) return rc;
    if ((rc = rmq_fj_parse_value(jr, val, 1))) return rc;
    *entry = true;
    /* a null value parseMap reads on after itself (nextToken()), any other StringCodec */
    rmq_fj_codec_read(jr, RMQ_FJC_STRING, val);
    size_t at = jr->pos;
    rmq_fj_token t;
    if ((rc = rmq_jr_fj_token_after_value(jr, &t))) return rc;
    w->after_comma = t == RMQ_FJT_COMMA;
    if (t == RMQ_FJT_COMMA) return RMQ_OK;
    if (t == RMQ_FJT_EOF && !(jr->leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS))
        return rmq_jr_fail(jr, RMQ_ERR_JSON_SYNTAX, at, "unterminated object");
    if (t != RMQ_FJT_RBRACE && (rc = rmq_fj_odd_separator(jr, at))) return rc;
    if (t == RMQ_FJT_RBRACE || t == RMQ_FJT_EOF || t == RMQ_FJT_RBRACKET) {
        w->ended_by = t; /* after this entry */
        w->done = true;
        jr->next_by_comma = false; /* parseMap reads on past a '}' after a value with nextToken() */
    }
    return RMQ_OK;
}

/* Offset of the i-th key of the map whose entries start at `start` (error path only). */
static size_t nth_key_start(rmq_jreader *jr, size_t start, size_t i)
{
    size_t saved = jr->pos;
    rmq_error *saved_err = jr->err;
    jr->err = NULL;
    jr->pos = start;
    member_walk w = {0};
    size_t at = start;
    for (size_t k = 0; k <= i && !w.done;) {
        rmq_jtoken key, val;
        bool entry;
        if (ext_next(jr, &w, &key, &val, &entry)) break;
        if (entry) {
            at = key.start;
            k++;
        }
    }
    jr->pos = saved;
    jr->err = saved_err;
    return at;
}

/*
 * extFields object, '{' not yet consumed. The entry count must be known before the
 * array is placed in the arena: the first walk keeps up to EXT_TOKENS_ON_STACK
 * member tokens, and only larger objects are walked a second time. Duplicates are
 * looked for once the keys are known; the first failure in wire order is reported,
 * whether it is a duplicate or an entry that cannot be read. *ended_by: RBRACE, or the
 * token (EOF, ']') that ended the map and that the enclosing object reads as its own.
 */
static int ext_object(rmq_jreader *jr, const rmq_limits *lim, rmq_arena *arena, rmq_command *cmd,
                      rmq_fj_token *ended_by)
{
    int rc = rmq_jr_expect(jr, '{');
    if (rc) return rc;
    size_t start = jr->pos, count = 0;
    rmq_jtoken keys[EXT_TOKENS_ON_STACK], vals[EXT_TOKENS_ON_STACK];
    member_walk w = {0};
    while (!w.done) {
        rmq_jtoken key, val;
        bool entry;
        if ((rc = ext_next(jr, &w, &key, &val, &entry))) return rc;
        if (!entry) break;
        if (count < EXT_TOKENS_ON_STACK) {
            keys[count] = key;
            vals[count] = val;
        }
        if (++count > lim->max_ext_fields) return rmq_jr_fail(jr, RMQ_ERR_TOO_MANY_FIELDS, key.start, NULL);
    }
    /* after a '}' the enclosing object reads its own token; EOF and ']' it takes as read */
    *ended_by = w.ended_by == RMQ_FJT_RBRACE ? RMQ_FJT_COMMA : w.ended_by;
    size_t end = jr->pos;
    bool end_by_comma = jr->next_by_comma; /* a second walk below stops before the end */
    rmq_ext_field *fields = NULL;
    if (count) {
        fields = rmq_arena_alloc(arena, count * sizeof *fields, _Alignof(rmq_ext_field));
        if (!fields) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, start, NULL);
    }
    size_t filled = 0;
    int fill_rc = RMQ_OK;
    if (count <= EXT_TOKENS_ON_STACK) {
        for (; filled < count; filled++)
            if ((fill_rc = ext_fill(jr, &keys[filled], &vals[filled], arena, &fields[filled]))) break;
    } else {
        jr->pos = start;
        member_walk again = {0};
        while (filled < count) {
            rmq_jtoken key, val;
            bool entry;
            if ((fill_rc = ext_next(jr, &again, &key, &val, &entry))) break;
            if (!entry) break;
            if ((fill_rc = ext_fill(jr, &key, &val, arena, &fields[filled]))) break;
            filled++;
        }
        jr->pos = end;
        jr->next_by_comma = end_by_comma;
    }
    size_t dup;
    if (rmq_ext_first_duplicate(fields, filled, arena, &dup)) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, start, NULL);
    if (dup < filled) {
        if (!(jr->leniency & RMQ_LENIENT_JSON_DUPLICATE_KEYS)) {
            size_t at = dup < EXT_TOKENS_ON_STACK ? keys[dup].start : nth_key_start(jr, start, dup);
            return rmq_jr_fail(jr, RMQ_ERR_JSON_DUPLICATE_KEY, at, NULL);
        }
        jr->notes |= RMQ_NOTE_DUPLICATE_KEY;
    }
    if (fill_rc) return fill_rc;
    cmd->has_ext = true;
    cmd->ext = fields;
    cmd->ext_count = count;
    return RMQ_OK;
}

/* An int property: a quick scan's value stands even where Java's int arithmetic wrapped
 * (its overflow test misses some 11-digit numbers); the key path converts as IntegerCodec. */
static int int_member(rmq_jreader *jr, const rmq_jtoken *tok, const rmq_fj_matcher *m, int32_t *field,
                      bool *assigned)
{
    int rc = rmq_fj_int_value(jr, tok, field, assigned);
    if (rc == RMQ_ERR_JSON_NUMBER && m->quick && (tok->kind == RMQ_J_NUMBER || tok->kind == RMQ_J_STRING) &&
        (jr->leniency & RMQ_LENIENT_JSON_NUMBER_FORMS)) {
        jr->notes |= RMQ_NOTE_NUMBER_FORM;
        *field = m->quick_int;
        *assigned = true;
        return RMQ_OK;
    }
    return rc;
}

/* The remark as fastjson 1.2.69's scanFieldString unescapes it after a space before the quote. */
static int quick_remark(rmq_jreader *jr, const rmq_fj_matcher *m, rmq_arena *arena, rmq_str *out)
{
    size_t a = m->quick_text_at, b = m->quick_text_end;
    uint8_t *dst = rmq_arena_alloc(arena, 3 * (b - a) + RMQ_UNESCAPE_SLACK, 1);
    if (!dst) return rmq_jr_fail(jr, RMQ_ERR_NO_MEMORY, a, NULL);
    size_t len;
    int rc = rmq_jr_unescape(jr, a, b, false, dst, &len);
    if (rc) return rc;
    out->ptr = (const char *)dst;
    out->len = len;
    return RMQ_OK;
}

/* *ended_by: RMQ_FJT_COMMA, or the token that ended an extFields map (ext_object) */
static int member_value(rmq_jreader *jr, enum header_key k, const rmq_limits *lim, rmq_arena *arena,
                        const rmq_fj_matcher *m, rmq_command *cmd, bool *opaque_assigned,
                        rmq_fj_token *ended_by)
{
    rmq_jtoken tok;
    int rc;
    bool assigned;
    *ended_by = RMQ_FJT_COMMA;
    if (k == KEY_EXT && rmq_jr_peek(jr) == '{') return ext_object(jr, lim, arena, cmd, ended_by);
    if ((rc = rmq_fj_parse_value(jr, &tok, 1))) return rc;
    /* the codec of each property: IntegerCodec for the ints, EnumDeserializer for the
     * enums, ObjectArrayCodec for body and MapDeserializer for a null extFields read on
     * after their value as IntegerCodec does */
    rmq_fj_codec_read(jr, k == KEY_REMARK ? RMQ_FJC_STRING : k == KEY_UNKNOWN ? RMQ_FJC_PARSE : RMQ_FJC_INTEGER, &tok);
    switch (k) {
    case KEY_CODE: return int_member(jr, &tok, m, &cmd->code, &assigned);
    case KEY_FLAG: return int_member(jr, &tok, m, &cmd->flag, &assigned);
    case KEY_OPAQUE:
        rc = int_member(jr, &tok, m, &cmd->opaque, &assigned);
        *opaque_assigned |= rc == RMQ_OK && assigned;
        return rc;
    case KEY_VERSION: return int_member(jr, &tok, m, &cmd->version, &assigned);
    case KEY_BODY: return body_value(jr, &tok);
    case KEY_LANGUAGE: return language_value(jr, &tok, lim, arena, &cmd->language);
    case KEY_REMARK:
        /* fastjson 1.2.83 (RocketMQ 5.3.3) no longer does it */
        if (m->quick && m->quick_text_at != SIZE_MAX && lim->release == RMQ_RELEASE_4_9_8)
            return quick_remark(jr, m, arena, &cmd->remark);
        return rmq_fj_string_value(jr, &tok, arena, &cmd->remark);
    case KEY_SERIALIZE: {
        /* the frame's type wins, but Java's enum reader still refuses what is no name */
        if (tok.kind == RMQ_J_STRING || tok.kind == RMQ_J_NULL) return RMQ_OK;
        int32_t v;
        if (tok.kind == RMQ_J_NUMBER && rmq_jr_int32(jr, &tok, &v) == RMQ_OK && v >= 0 && v <= 1) return RMQ_OK;
        return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok.start, "serializeTypeCurrentRPC must be JSON or ROCKETMQ");
    }
    case KEY_EXT:
        if (tok.kind != RMQ_J_NULL) return rmq_jr_fail(jr, RMQ_ERR_JSON_TYPE, tok.start, "extFields must be an object");
        cmd->has_ext = false;
        cmd->ext = NULL;
        cmd->ext_count = 0;
        return RMQ_OK;
    default: return RMQ_OK; /* unknown keys */
    }
}

static int decode_general(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                          rmq_arena *arena, rmq_command *cmd, rmq_error *err)
{
    rmq_jreader jr;
    rmq_jr_init(&jr, h, n, base, lim, err);

    /* fastjson's parser, not finding '{' first, reads the first token with nextToken: the
     * reader's token skipping passes over what it does (control characters, comments) */
    int c = rmq_jr_peek(&jr);
    bool odd_ok = (jr.leniency & RMQ_LENIENT_JSON_ODD_SEPARATORS) != 0;
    /* another first token: the generated deserializer runs its quick scans after it and reads
     * on where one matches (a '[' goes to its array mapping, which RemotingCommand refuses) */
    enum rmq_fj_last start = RMQ_FJ_LAST_OPEN;
    bool after_token = false;
    if (c >= 0 && c != '{' && c != '[' && odd_ok) {
        size_t at = jr.pos;
        rmq_fj_token t;
        jr.fastjson_words = true;
        /* after a ',' JavaBeanDeserializer reads an object body as after a '{' */
        if (rmq_jr_fj_token(&jr, &t) == RMQ_OK &&
            (t == RMQ_FJT_COMMA || rmq_fj_quick_name_at(&rmq_fj_remoting_command, h, n, jr.pos))) {
            after_token = true;
            jr.notes |= RMQ_NOTE_ODD_SEPARATOR;
            start = rmq_fj_last_of(t);
        } else {
            jr.pos = at;
        }
        jr.fastjson_words = false;
    }
    /* a lone '}' is a RBRACE token, and JavaBeanDeserializer makes an empty command of it */
    bool lone_brace = !after_token && c == '}' && odd_ok;
    if (lone_brace) jr.notes |= RMQ_NOTE_ODD_SEPARATOR;
    if (c != '{' && !lone_brace && !after_token) {
        if (c < 0) return rmq_jr_fail(&jr, RMQ_ERR_JSON_NOT_OBJECT, 0, "empty JSON header");
        rmq_jtoken tok;
        if (rmq_jr_value(&jr, &tok, 0) == RMQ_OK && rmq_jr_end(&jr) == RMQ_OK)
            return rmq_jr_fail(&jr, RMQ_ERR_JSON_NOT_OBJECT, tok.start, NULL);
        return rmq_jr_fail(&jr, RMQ_ERR_JSON_SYNTAX, tok.start, "JSON header does not start with '{'");
    }
    if (!after_token) jr.pos++;
    bool loose = (jr.leniency & RMQ_LENIENT_JSON_LOOSE_NAMES) != 0;
    rmq_fj_matcher match;
    rmq_fj_init(&match, h, n);
    rmq_fj_after_object(&match, start); /* the token the lexer holds as the object starts */
    uint32_t seen = 0;
    int rc;
    bool opaque_assigned = false, after_value = false, after_comma = false;
    jr.fastjson_words = true;
    /* what JavaBeanDeserializer checks after the value depends on how it was read */
    enum { READ_QUICK, READ_BY_KEY, DROPPED } last_read = READ_QUICK;
    bool ended_after_dropped = false; /* then the end is read by nextToken(), not (COMMA) */
    rmq_fj_token pending = RMQ_FJT_COMMA; /* the token that ended an extFields map, or ',' for none */
    while (!lone_brace) {
        size_t closed_at = SIZE_MAX; /* a '}' after extFields or body, in the first stage */
        if (after_value) {
            /* fastjson reads one token after a value before it decides */
            bool object_quick = match.object_quick;
            size_t at = jr.pos;
            rmq_fj_token t = pending;
            if (t == RMQ_FJT_COMMA && (rc = rmq_jr_fj_token_after_value(&jr, &t))) return rc;
            after_value = false;
            after_comma = t == RMQ_FJT_COMMA;
            if (t == RMQ_FJT_RBRACE && (!object_quick || !odd_ok)) {
                ended_after_dropped = last_read == DROPPED;
                break;
            }
            if (object_quick) {
                /* the first stage goes on to the next property: the token is judged
                 * only if the second stage takes over (rmq_fj_route_member) */
                rmq_fj_after_object(&match, rmq_fj_last_of(t));
                if (t == RMQ_FJT_RBRACE) closed_at = at;
                else if (t != RMQ_FJT_COMMA && (rc = rmq_fj_odd_separator(&jr, at))) return rc;
            } else if (t != RMQ_FJT_COMMA) {
                /* a dropped value may be followed by anything; a set one not by an
                 * identifier, a character fastjson has no token for, or (key read) ':' */
                if (last_read != DROPPED &&
                    (t == RMQ_FJT_IDENT || t == RMQ_FJT_ERROR || (last_read == READ_BY_KEY && t == RMQ_FJT_COLON)))
                    return rmq_jr_fail(&jr, RMQ_ERR_JSON_SYNTAX, at, "fastjson refuses this token after a value");
                if ((rc = rmq_fj_odd_separator(&jr, at))) return rc;
            }
        }
        /* fastjson's lexer stands here: just past the '{' or the token after a value */
        size_t bp = jr.pos;
        int field;
        rmq_fj_route route = rmq_fj_route_member(&match, bp, &field);
        if (route == RMQ_FJ_HANGS)
            return rmq_jr_fail(&jr, RMQ_ERR_JSON_JAVA_HANGS, match.java_spins_at,
                               "unterminated enum string at the end: Java spins 2^31 steps, then fails");
        if (route == RMQ_FJ_ENDS) {
            /* a '}' after extFields or body ended the object: what came after it is the rest */
            jr.pos = bp;
            break;
        }
        if (route == RMQ_FJ_REFUSED)
            return rmq_jr_fail(&jr, RMQ_ERR_JSON_SYNTAX, bp, "fastjson refuses the token after extFields or body here");
        /* the first stage read on past that '}' */
        if (closed_at != SIZE_MAX && (rc = rmq_fj_odd_separator(&jr, closed_at))) return rc;
        rmq_jtoken key;
        rmq_fj_key what;
        size_t key_at = jr.pos;
        if ((rc = rmq_jr_fj_key(&jr, RMQ_FJ_BEAN_KEY, &key, &what))) return rc;
        if (what == RMQ_FJK_END) {
            if (after_comma &&
                (rc = rmq_jr_need_leniency(&jr, RMQ_LENIENT_JSON_TRAILING_COMMA, RMQ_NOTE_TRAILING_COMMA, key_at,
                                           "trailing comma")))
                return rc;
            break;
        }
        if (what == RMQ_FJK_COMMA) {
            /* AllowArbitraryCommas; the quick scans try again past it */
            if ((rc = rmq_fj_odd_separator(&jr, jr.pos - 1))) return rc;
            after_comma = true;
            continue;
        }
        if ((rc = identifier_key(&jr, &key))) return rc;
        bool was_loose;
        int named = key_field(&jr, &key, true, &was_loose);
        if (was_loose && !loose)
            return rmq_jr_fail(&jr, RMQ_ERR_JSON_LENIENT, key.start, "key names a field only loosely (case, '_', '-')");
        if (named != RMQ_FJ_NONE) {
            if (seen & (1u << named)) {
                if (!(jr.leniency & RMQ_LENIENT_JSON_DUPLICATE_KEYS))
                    return rmq_jr_fail(&jr, RMQ_ERR_JSON_DUPLICATE_KEY, key.start, NULL);
                jr.notes |= RMQ_NOTE_DUPLICATE_KEY;
            }
            seen |= 1u << named;
            if (was_loose) jr.notes |= RMQ_NOTE_LOOSE_NAME;
        }
        last_read = READ_QUICK;
        if (route == RMQ_FJ_KEY) {
            route = rmq_fj_route_key(&match, named, &field);
            last_read = route == RMQ_FJ_SKIP ? DROPPED : READ_BY_KEY;
        }
        after_value = true;
        pending = RMQ_FJT_COMMA;
        if (route == RMQ_FJ_SKIP) {
            /* unknown, or a property fastjson had set already: read and dropped */
            if ((rc = rmq_fj_parse_skip(&jr, 1))) return rc;
            continue;
        }
        enum header_key k = field == RMQ_FJ_NONE ? KEY_UNKNOWN : key_of_field[field];
        if ((rc = member_value(&jr, k, lim, arena, &match, cmd, &opaque_assigned, &pending))) return rc;
    }
    /* the bean reads on past its '}' with nextToken(COMMA), after a dropped value with nextToken() */
    jr.next_by_comma = !ended_after_dropped;
    if ((rc = rmq_jr_fj_end(&jr))) return rc;
    if (!opaque_assigned) {
        /* Java would take a fresh local counter value: not reproducible, so a choice. */
        if (!(jr.leniency & RMQ_LENIENT_JSON_MISSING_OPAQUE))
            return rmq_jr_fail(&jr, RMQ_ERR_JSON_MISSING_OPAQUE, 0, NULL);
        jr.notes |= RMQ_NOTE_OPAQUE_MISSING;
        cmd->opaque = 0;
    }
    cmd->notes |= jr.notes;
    return RMQ_OK;
}

int rmq_json_header_decode(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                           rmq_arena *arena, rmq_command *cmd, rmq_error *err)
{
    if (lim->general_reader_only) return decode_general(h, n, base, lim, arena, cmd, err);
    rmq_arena_mark mark = rmq_arena_get_mark(arena);
    if (rmq_json_header_decode_canonical(h, n, lim, arena, cmd)) return RMQ_OK;
    rmq_arena_rewind(arena, &mark);
    /* back to what the frame decoder gave the header reader */
    rmq_command_init(cmd);
    cmd->serialize_type = RMQ_SERIALIZE_JSON;
    return decode_general(h, n, base, lim, arena, cmd, err);
}

/* The extFields members, nulls left out as fastjson does. The writer's position is
 * kept in a local: stores through the byte buffer could otherwise alias it. */
static void write_ext(rmq_writer *w, const rmq_ext_field *ext, size_t count)
{
    uint8_t *buf = w->buf;
    size_t len = w->len, cap = w->cap;
    bool first = true;
    for (size_t i = 0; i < count; i++) {
        const rmq_ext_field *f = &ext[i];
        if (!f->key.ptr || !f->value.ptr) continue;
        size_t klen = f->key.len, vlen = f->value.len;
        if (klen <= 16 && vlen <= 16 && len <= cap && cap - len >= klen + vlen + 6 &&
            rmq_jw_member_is_plain(f->key.ptr, klen, f->value.ptr, vlen)) {
            len += rmq_jw_member_plain(buf + len, !first, f->key.ptr, klen, f->value.ptr, vlen);
        } else {
            w->len = len;
            if (!first) rmq_write_u8(w, ',');
            rmq_jw_string(w, f->key.ptr, klen);
            rmq_write_u8(w, ':');
            rmq_jw_string(w, f->value.ptr, vlen);
            len = w->len;
        }
        first = false;
    }
    w->len = len;
}

int rmq_json_header_encode(rmq_writer *w, const rmq_command *cmd, rmq_error *err)
{
    /* JSON carries the language by name: a byte without one would read back as another language */
    const char *lang = cmd->language == RMQ_LANG_NULL ? NULL : rmq_language_name(cmd->language, RMQ_RELEASE_5_3_3);
    if (cmd->language != RMQ_LANG_NULL && !lang)
        return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, 0, "JSON needs a language with a name (or RMQ_LANG_NULL)");
    /* fastjson writes bean properties in alphabetical order, nulls omitted (SPEC §2.1) */
    RMQ_WRITE_LIT(w, "{\"code\":");
    rmq_jw_int(w, cmd->code);
    if (cmd->has_ext) {
        RMQ_WRITE_LIT(w, ",\"extFields\":{");
        write_ext(w, cmd->ext, cmd->ext_count);
        rmq_write_u8(w, '}');
    }
    RMQ_WRITE_LIT(w, ",\"flag\":");
    rmq_jw_int(w, cmd->flag);
    if (lang) {
        RMQ_WRITE_LIT(w, ",\"language\":");
        rmq_jw_string(w, lang, strlen(lang));
    }
    RMQ_WRITE_LIT(w, ",\"opaque\":");
    rmq_jw_int(w, cmd->opaque);
    if (cmd->remark.ptr) {
        RMQ_WRITE_LIT(w, ",\"remark\":");
        rmq_jw_string(w, cmd->remark.ptr, cmd->remark.len);
    }
    RMQ_WRITE_LIT(w, ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":");
    rmq_jw_int(w, cmd->version);
    rmq_write_u8(w, '}');
    if (w->bad_utf8_at != SIZE_MAX)
        return rmq_fail(err, RMQ_ERR_UTF8, w->bad_utf8_at, "a string is not UTF-8 (no Java String holds it)");
    return RMQ_OK;
}
