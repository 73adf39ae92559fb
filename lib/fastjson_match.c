/* fastjson 1.2.69's choice of the property a JSON header member sets (fastjson_match.h):
 * the quick scans of JSONScanner (scanFieldInt, scanFieldString), JSONLexerBase
 * (scanEnumSymbol, matchField), and the two stages that call them. */
#include "internal/fastjson_match.h"

#include <string.h>

#define EOI 0x1A /* fastjson's end of input; the character itself reads the same */

enum scan_result { NO_NAME, NO_VALUE, TAKEN, HANGS };

#define P(name, kind) {name, "\"" name "\":", (uint8_t)(sizeof name + 2), kind}
static const rmq_fj_prop command_props[RMQ_FJ_COUNT] = {
    P("body", RMQ_FJK_MATCH), P("code", RMQ_FJK_INT), P("extFields", RMQ_FJK_MATCH), P("flag", RMQ_FJK_INT),
    P("language", RMQ_FJK_ENUM), P("opaque", RMQ_FJK_INT), P("remark", RMQ_FJK_STRING),
    P("serializeTypeCurrentRPC", RMQ_FJK_ENUM), P("version", RMQ_FJK_INT),
};
#undef P
const rmq_fj_bean rmq_fj_remoting_command = {command_props, RMQ_FJ_COUNT};

void rmq_fj_init(rmq_fj_matcher *m, const uint8_t *s, size_t n) { rmq_fj_init_bean(m, &rmq_fj_remoting_command, s, n); }

void rmq_fj_init_bean(rmq_fj_matcher *m, const rmq_fj_bean *bean, const uint8_t *s, size_t n)
{
    memset(m, 0, sizeof *m);
    m->bean = bean;
    m->s = s;
    m->n = n;
    m->java_spins_at = SIZE_MAX;
    m->quick_text_at = SIZE_MAX;
}

static int at(const rmq_fj_matcher *m, size_t i)
{
    return i < m->n ? m->s[i] : EOI;
}

/* JSONLexerBase.isWhitespace: fewer characters than nextToken passes over */
static bool fj_space(int c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\b';
}

static bool name_at(const rmq_fj_matcher *m, size_t bp, int f)
{
    size_t len = m->bean->props[f].quoted_len;
    return bp <= m->n && m->n - bp >= len && !memcmp(m->s + bp, m->bean->props[f].quoted, len);
}

/* matchField and scanFieldString pass over whitespace before comparing the name, and
 * keep it passed even when the name is another one */
size_t rmq_fj_space_end(const uint8_t *s, size_t n, size_t p)
{
    while (p < n && fj_space(s[p])) p++;
    return p;
}

static size_t eat_space(const rmq_fj_matcher *m, size_t bp) { return rmq_fj_space_end(m->s, m->n, bp); }

bool rmq_fj_quick_name_at(const rmq_fj_bean *bean, const uint8_t *s, size_t n, size_t p)
{
    p = rmq_fj_space_end(s, n, p);
    for (int f = 0; f < bean->count; f++) {
        size_t len = bean->props[f].quoted_len;
        if (n - p >= len && !memcmp(s + p, bean->props[f].quoted, len)) return true;
    }
    return false;
}

/* after a closing '}' the object must be followed by ',', ']', '}' or the end */
static bool closes(int c)
{
    return c == ',' || c == ']' || c == '}' || c == EOI;
}

/* JSONScanner.scanFieldInt after the name */
static int quick_int(rmq_fj_matcher *m, size_t i)
{
    int c = at(m, i++);
    bool quote = c == '"';
    if (quote) c = at(m, i++);
    bool negative = c == '-';
    if (negative) c = at(m, i++);
    if (c < '0' || c > '9') return NO_VALUE;
    int32_t value = c - '0';
    for (;;) {
        c = at(m, i++);
        if (c >= '0' && c <= '9') {
            /* Java's int arithmetic, and its incomplete overflow test */
            int32_t value_10 = (int32_t)((uint32_t)value * 10u);
            if (value_10 < value) return NO_VALUE;
            value = (int32_t)((uint32_t)value_10 + (uint32_t)(c - '0'));
        } else if (c == '.') {
            return NO_VALUE;
        } else {
            break;
        }
    }
    if (value < 0) return NO_VALUE;
    m->quick_int = negative ? -value : value;
    if (quote) {
        if (c != '"') return NO_VALUE;
        c = at(m, i++);
    }
    while (c != ',' && c != '}') {
        if (!fj_space(c)) return NO_VALUE;
        c = at(m, i++);
    }
    if (c == ',') return TAKEN;
    for (;;) {
        c = at(m, i++);
        if (closes(c)) return TAKEN;
        if (!fj_space(c)) return NO_VALUE;
    }
}

static size_t index_of_quote(const rmq_fj_matcher *m, size_t from)
{
    if (from >= m->n) return SIZE_MAX;
    const uint8_t *q = memchr(m->s + from, '"', m->n - from);
    return q ? (size_t)(q - m->s) : SIZE_MAX;
}

/* JSONScanner.scanFieldString after the name; *bp goes back on one failure, as there */
static int quick_string(rmq_fj_matcher *m, size_t i, size_t *bp, size_t start_bp)
{
    size_t after_colon = i;
    int c = at(m, i++);
    bool spaced = c != '"';
    if (spaced) {
        while (fj_space(c)) c = at(m, i++);
        if (c != '"') return NO_VALUE;
    }
    size_t end = index_of_quote(m, i);
    if (end == SIZE_MAX) return NO_VALUE; /* Java throws "unclosed str"; so does the reader */
    bool escaped = memchr(m->s + i, '\\', end - i) != NULL;
    /* with an escape Java unescapes from one past the colon's next character, as if no
     * space had come first: the space's last character(s) and the quote become text */
    m->quick_text_at = spaced && escaped ? after_colon + 1 : SIZE_MAX;
    if (escaped) {
        for (;;) {
            size_t slashes = 0;
            for (size_t k = end; k > 0 && m->s[k - 1] == '\\'; k--) slashes++;
            if (slashes % 2 == 0) break;
            end = index_of_quote(m, end + 1);
            if (end == SIZE_MAX) return NO_VALUE;
        }
    }
    c = at(m, end + 1);
    while (c != ',' && c != '}') {
        if (!fj_space(c)) return NO_VALUE;
        end++;
        c = at(m, end + 1);
    }
    m->quick_text_end = end;
    if (c == ',') return TAKEN;
    if (closes(at(m, end + 2))) return TAKEN;
    *bp = start_bp;
    return NO_VALUE;
}

/* JSONLexerBase.scanEnumSymbol after the name */
static int quick_enum(rmq_fj_matcher *m, size_t i)
{
    size_t value = i;
    if (at(m, i++) != '"') return NO_VALUE;
    int c;
    for (;;) {
        if (i >= m->n) {
            /* past the end it reads EOI, neither '"' nor '\\', until its int offset wraps
             * (2^31 steps, 9 s here) and charAt throws */
            m->java_spins_at = value;
            return HANGS;
        }
        c = at(m, i++);
        if (c == '"') {
            c = at(m, i++);
            break;
        }
        if (c == '\\') return NO_VALUE;
    }
    if (c == ',') return TAKEN;
    if (c == '}' && closes(at(m, i))) return TAKEN;
    return NO_VALUE;
}

static int quick_scan(rmq_fj_matcher *m, int f, size_t *bp)
{
    size_t start_bp = *bp;
    uint8_t kind = m->bean->props[f].kind;
    if (kind == RMQ_FJK_MATCH || kind == RMQ_FJK_STRING) *bp = eat_space(m, *bp);
    if (!name_at(m, *bp, f)) return NO_NAME;
    size_t v = *bp + m->bean->props[f].quoted_len;
    switch (kind) {
    case RMQ_FJK_INT: return quick_int(m, v);
    case RMQ_FJK_STRING: return quick_string(m, v, bp, start_bp);
    case RMQ_FJK_ENUM: return quick_enum(m, v);
    case RMQ_FJK_MATCH: return TAKEN; /* matchField: the value is parsed whatever it is */
    default: return NO_VALUE; /* a scan not modelled: the key is read */
    }
}

const char *rmq_fj_name(int field)
{
    return field >= 0 && field < RMQ_FJ_COUNT ? command_props[field].name : NULL;
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* smartMatch's comparison: ASCII case folded, '_' and '-' left out */
bool rmq_fj_loose_equal(const char *key, size_t len, const char *name)
{
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        if (key[i] == '_' || key[i] == '-') continue;
        if (!name[j] || fold(key[i]) != fold(name[j])) return false;
        j++;
    }
    return !name[j];
}

int rmq_fj_field_of(const char *key, size_t len, bool loose, bool *was_loose)
{
    *was_loose = false;
    for (int f = 0; f < RMQ_FJ_COUNT; f++)
        if (strlen(command_props[f].name) == len && !memcmp(key, command_props[f].name, len)) return f;
    if (!loose) return RMQ_FJ_NONE;
    for (int f = 0; f < RMQ_FJ_COUNT; f++) {
        if (rmq_fj_loose_equal(key, len, command_props[f].name)) {
            *was_loose = true;
            return f;
        }
    }
    return RMQ_FJ_NONE;
}

void rmq_fj_after_object(rmq_fj_matcher *m, enum rmq_fj_last last)
{
    m->last = (uint8_t)last;
}

rmq_fj_route rmq_fj_route_member(rmq_fj_matcher *m, size_t bp, int *field)
{
    m->quick = false;
    m->object_quick = false;
    if (!m->generic) {
        /* the generated deserializer: one pass over the properties */
        for (;;) {
            int f = (int)m->cursor;
            int count = m->bean->count;
            int r = f < count ? quick_scan(m, f, &bp) : NO_VALUE;
            if (r == HANGS) return RMQ_FJ_HANGS;
            if (r == TAKEN) {
                m->quick = true;
                m->cursor++;
                m->set |= 1u << f;
                /* a quick scan ends on its ','; scanFieldInt then sets the lexer's token to it,
                 * the string and enum scans leave the token as it was (the second stage judges
                 * that one if it takes over); body and extFields end on what follows them
                 * (rmq_fj_after_object) */
                m->object_quick = m->bean->props[f].kind == RMQ_FJK_MATCH;
                if (m->bean->props[f].kind == RMQ_FJK_INT) m->last = RMQ_FJ_LAST_OPEN;
                *field = f;
                return RMQ_FJ_SET;
            }
            if (r == NO_NAME && f < count - 1) {
                m->cursor++;
                continue;
            }
            /* a value it cannot scan, or past the last property: JavaBeanDeserializer,
             * which first looks at the token the lexer holds */
            if (m->last == RMQ_FJ_LAST_CLOSE) return RMQ_FJ_ENDS;
            if (m->last == RMQ_FJ_LAST_OTHER) return RMQ_FJ_REFUSED;
            m->generic = true;
            m->cursor = 0;
            break;
        }
    }
    while ((int)m->cursor < m->bean->count && m->misses < 16) {
        int f = (int)m->cursor++;
        int r = quick_scan(m, f, &bp);
        if (r == HANGS) return RMQ_FJ_HANGS;
        if (m->bean->props[f].kind == RMQ_FJK_MATCH) {
            if (r != TAKEN) continue;
            m->quick = true;
            *field = f; /* parsed again, and not marked as set */
            return RMQ_FJ_SET;
        }
        if (r == NO_NAME) {
            m->misses++;
            continue;
        }
        if (r == TAKEN) {
            m->quick = true;
            m->set |= 1u << f;
            *field = f;
            return RMQ_FJ_SET;
        }
        break; /* the name, but a value it cannot scan: the key is read */
    }
    return RMQ_FJ_KEY;
}

rmq_fj_route rmq_fj_route_key(rmq_fj_matcher *m, int named, int *field)
{
    /* the key read and matched (smartMatch) to a property not set yet */
    *field = named;
    if (named == RMQ_FJ_NONE || (m->set & (1u << named))) return RMQ_FJ_SKIP;
    m->set |= 1u << named;
    return RMQ_FJ_SET;
}
