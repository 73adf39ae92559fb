#include "vjson.h"

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

uint8_t *read_file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            uint8_t *b = realloc(buf, cap * 2 + 1);
            if (!b) { free(buf); fclose(f); return NULL; }
            buf = b;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

uint8_t *b64_decode(const char *s, size_t slen, size_t *out_len)
{
    uint8_t *out = malloc(slen / 4 * 3 + 3);
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < slen; i++) {
        char c = s[i];
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+') v = 62;
        else if (c == '/') v = 63;
        else if (c == '=') break;
        else { free(out); return NULL; }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    *out_len = o;
    return out;
}

/* FIPS 180-4 SHA-256, small and slow: tests only. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t h[8], const uint8_t *b)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = ((uint32_t)b[4 * i] << 24) | ((uint32_t)b[4 * i + 1] << 16) | ((uint32_t)b[4 * i + 2] << 8) | b[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = bb; bb = a; a = t1 + t2;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

void sha256_hex(const uint8_t *data, size_t len, char out[65])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t i = 0;
    for (; i + 64 <= len; i += 64) block(h, data + i);
    uint8_t tail[128] = {0};
    size_t rest = len - i;
    if (rest) memcpy(tail, data + i, rest);
    tail[rest] = 0x80;
    size_t tl = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int k = 0; k < 8; k++) tail[tl - 1 - k] = (uint8_t)(bits >> (8 * k));
    block(h, tail);
    if (tl == 128) block(h, tail + 64);
    for (int k = 0; k < 8; k++) snprintf(out + 8 * k, 9, "%08x", h[k]);
}
