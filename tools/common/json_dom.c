#include "json_dom.h"

#include "file_bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *s;
    size_t n, pos;
    int depth;
} parser;

static void ws(parser *p)
{
    while (p->pos < p->n && strchr(" \t\r\n", p->s[p->pos]) && p->s[p->pos]) p->pos++;
}

static vj *node(vj_type t)
{
    vj *v = calloc(1, sizeof *v);
    if (v) v->type = t;
    return v;
}

static int hex4(const char *h, unsigned *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++) {
        char c = h[i];
        unsigned d = (c >= '0' && c <= '9') ? (unsigned)(c - '0')
                   : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
                   : (c >= 'A' && c <= 'F') ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15) return -1;
        *out = (*out << 4) | d;
    }
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 63)); o[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 63));
    o[2] = (char)(0x80 | ((cp >> 6) & 63)); o[3] = (char)(0x80 | (cp & 63));
    return 4;
}

static char *parse_string(parser *p, size_t *len)
{
    if (p->s[p->pos] != '"') return NULL;
    p->pos++;
    char *out = malloc(p->n - p->pos + 4);
    size_t o = 0;
    while (p->pos < p->n && p->s[p->pos] != '"') {
        char c = p->s[p->pos++];
        if (c != '\\') { out[o++] = c; continue; }
        if (p->pos >= p->n) break;
        char e = p->s[p->pos++];
        unsigned cp;
        switch (e) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'u':
            if (p->pos + 4 > p->n || hex4(p->s + p->pos, &cp)) { free(out); return NULL; }
            p->pos += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && p->pos + 6 <= p->n && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
                unsigned lo;
                if (!hex4(p->s + p->pos + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p->pos += 6;
                }
            }
            o += put_utf8(out + o, cp);
            break;
        default: out[o++] = e; break;
        }
    }
    if (p->pos >= p->n) { free(out); return NULL; }
    p->pos++;
    out[o] = 0;
    *len = o;
    return out;
}

static vj *parse_value(parser *p);

static bool push(vj *v, vj *item, char *key, size_t key_len)
{
    vj **items = realloc(v->items, (v->n + 1) * sizeof *items);
    if (!items) return false;
    v->items = items;
    if (v->type == VJ_OBJ) {
        char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
        size_t *lens = realloc(v->key_lens, (v->n + 1) * sizeof *lens);
        if (keys) v->keys = keys;
        if (lens) v->key_lens = lens;
        if (!keys || !lens) return false;
        v->keys[v->n] = key;
        v->key_lens[v->n] = key_len;
    }
    v->items[v->n++] = item;
    return true;
}

static vj *parse_container(parser *p, bool obj)
{
    vj *v = node(obj ? VJ_OBJ : VJ_ARR);
    p->pos++;
    ws(p);
    if (p->pos < p->n && p->s[p->pos] == (obj ? '}' : ']')) { p->pos++; return v; }
    for (;;) {
        ws(p);
        char *key = NULL;
        size_t klen = 0;
        if (obj) {
            key = parse_string(p, &klen);
            ws(p);
            if (!key || p->pos >= p->n || p->s[p->pos] != ':') { free(key); vj_free(v); return NULL; }
            p->pos++;
        }
        vj *item = parse_value(p);
        if (!item || !push(v, item, key, klen)) { free(key); vj_free(item); vj_free(v); return NULL; }
        ws(p);
        if (p->pos < p->n && p->s[p->pos] == ',') { p->pos++; continue; }
        if (p->pos < p->n && p->s[p->pos] == (obj ? '}' : ']')) { p->pos++; return v; }
        vj_free(v);
        return NULL;
    }
}

static vj *parse_value(parser *p)
{
    ws(p);
    if (p->pos >= p->n || ++p->depth > 200) return NULL;
    vj *v = NULL;
    char c = p->s[p->pos];
    if (c == '{' || c == '[') v = parse_container(p, c == '{');
    else if (c == '"') {
        size_t len;
        char *s = parse_string(p, &len);
        if (s) { v = node(VJ_STR); v->s = s; v->slen = len; }
    } else if (!strncmp(p->s + p->pos, "null", 4)) { p->pos += 4; v = node(VJ_NULL); }
    else if (!strncmp(p->s + p->pos, "true", 4)) { p->pos += 4; v = node(VJ_BOOL); v->b = true; }
    else if (!strncmp(p->s + p->pos, "false", 5)) { p->pos += 5; v = node(VJ_BOOL); }
    else {
        size_t start = p->pos;
        while (p->pos < p->n && strchr("+-0123456789.eE", p->s[p->pos]) && p->s[p->pos]) p->pos++;
        if (p->pos > start) {
            char tmp[64];
            size_t k = p->pos - start < 63 ? p->pos - start : 63;
            memcpy(tmp, p->s + start, k);
            tmp[k] = 0;
            v = node(VJ_NUM);
            v->d = strtod(tmp, NULL);
            v->is_int = !strpbrk(tmp, ".eE");
            if (v->is_int) v->i = strtoll(tmp, NULL, 10);
        }
    }
    p->depth--;
    return v;
}

vj *vj_parse(const char *text, size_t len)
{
    parser p = {text, len, 0, 0};
    vj *v = parse_value(&p);
    ws(&p);
    if (v && p.pos != len) { vj_free(v); return NULL; }
    return v;
}

vj *vj_parse_file(const char *path)
{
    size_t len;
    uint8_t *b = read_file_bytes(path, &len);
    if (!b) return NULL;
    vj *v = vj_parse((const char *)b, len);
    free(b);
    return v;
}

void vj_free(vj *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        vj_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->key_lens);
    free(v->s);
    free(v);
}

const vj *vj_get(const vj *obj, const char *key)
{
    if (!obj || obj->type != VJ_OBJ) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key)) return obj->items[i];
    return NULL;
}

bool vj_is_null(const vj *v) { return !v || v->type == VJ_NULL; }
