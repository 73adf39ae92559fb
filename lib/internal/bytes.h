/* Bounded big-endian byte reader and writer: the only place that does pointer
 * arithmetic on wire bytes, so every bounds check lives here. */
#ifndef RMQ_INTERNAL_BYTES_H
#define RMQ_INTERNAL_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct rmq_reader {
    const uint8_t *base;
    size_t len;
    size_t pos;
} rmq_reader;

static inline void rmq_reader_init(rmq_reader *r, const uint8_t *base, size_t len)
{
    r->base = base;
    r->len = len;
    r->pos = 0;
}

static inline size_t rmq_reader_left(const rmq_reader *r) { return r->len - r->pos; }

static inline bool rmq_read_u8(rmq_reader *r, uint8_t *v)
{
    if (rmq_reader_left(r) < 1) return false;
    *v = r->base[r->pos++];
    return true;
}

static inline uint32_t rmq_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline bool rmq_read_be16(rmq_reader *r, int16_t *v)
{
    if (rmq_reader_left(r) < 2) return false;
    const uint8_t *p = r->base + r->pos;
    *v = (int16_t)(uint16_t)(((unsigned)p[0] << 8) | p[1]);
    r->pos += 2;
    return true;
}

static inline bool rmq_read_be32(rmq_reader *r, int32_t *v)
{
    if (rmq_reader_left(r) < 4) return false;
    *v = (int32_t)rmq_load_be32(r->base + r->pos);
    r->pos += 4;
    return true;
}

static inline bool rmq_read_be64(rmq_reader *r, int64_t *v)
{
    if (rmq_reader_left(r) < 8) return false;
    uint64_t hi = rmq_load_be32(r->base + r->pos), lo = rmq_load_be32(r->base + r->pos + 4);
    *v = (int64_t)((hi << 32) | lo);
    r->pos += 8;
    return true;
}

/* Hand out n bytes in place. */
static inline bool rmq_read_span(rmq_reader *r, size_t n, const uint8_t **p)
{
    if (rmq_reader_left(r) < n) return false;
    *p = r->base + r->pos;
    r->pos += n;
    return true;
}

/*
 * Writer that counts everything and stores only what fits: encoding into a NULL
 * buffer computes the exact size with the same code that writes the bytes.
 */
typedef struct rmq_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;   /* bytes the output needs so far, stored or not */
    size_t bad_utf8_at; /* output offset of the first string that is not UTF-8, or SIZE_MAX */
} rmq_writer;

static inline void rmq_writer_init(rmq_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->len = 0;
    w->bad_utf8_at = SIZE_MAX;
}

/* Remember the first string that Java could not have held (its String is UTF-16). */
static inline void rmq_writer_note_bad_utf8(rmq_writer *w)
{
    if (w->bad_utf8_at == SIZE_MAX) w->bad_utf8_at = w->len;
}

static inline bool rmq_writer_overflowed(const rmq_writer *w) { return w->len > w->cap; }

static inline void rmq_write_bytes(rmq_writer *w, const void *src, size_t n)
{
    if (n == 0) return;
    if (w->len <= w->cap && w->cap - w->len >= n) memcpy(w->buf + w->len, src, n);
    w->len = (w->len > SIZE_MAX - n) ? SIZE_MAX : w->len + n;
}

static inline void rmq_write_u8(rmq_writer *w, uint8_t v)
{
    size_t l = w->len;
    if (l < w->cap) {
        w->buf[l] = v;
        w->len = l + 1;
    } else if (l != SIZE_MAX) {
        w->len = l + 1;
    }
}

/* Where the next n bytes go when they all fit (one check for a whole field), else NULL. */
static inline uint8_t *rmq_writer_room(rmq_writer *w, size_t n)
{
    return (w->len <= w->cap && w->cap - w->len >= n) ? w->buf + w->len : NULL;
}

/* A literal: its length is known at compile time, so the copy is inlined. */
#define RMQ_WRITE_LIT(w, lit) rmq_write_bytes((w), (lit), sizeof(lit) - 1)

static inline void rmq_write_be16(rmq_writer *w, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    rmq_write_bytes(w, b, 2);
}

static inline void rmq_write_be32(rmq_writer *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    rmq_write_bytes(w, b, 4);
}

static inline void rmq_write_be64(rmq_writer *w, uint64_t v)
{
    rmq_write_be32(w, (uint32_t)(v >> 32));
    rmq_write_be32(w, (uint32_t)v);
}

/* n <= 16 bytes with at most two overlapping loads and stores: no call for tiny copies.
 * Returns the OR of the words it moved (bit 7 of a byte set when a copied byte had it). */
static inline uint64_t rmq_copy_small_or(uint8_t *d, const uint8_t *p, size_t n)
{
    uint64_t a, b;
    uint32_t x, y;
    if (n >= 8) {
        memcpy(&a, p, 8);
        memcpy(&b, p + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
        return a | b;
    }
    if (n >= 4) {
        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
        return x | y;
    }
    if (n) { /* 1..3 bytes: first, middle, last cover them all */
        d[0] = p[0];
        d[n >> 1] = p[n >> 1];
        d[n - 1] = p[n - 1];
        return (uint64_t)(p[0] | p[n >> 1] | p[n - 1]);
    }
    return 0;
}

static inline void rmq_copy_small(uint8_t *d, const uint8_t *p, size_t n) { (void)rmq_copy_small_or(d, p, n); }

/* a[0..n) == b[0..n), word at a time with an overlapping last word: short keys compare without a call. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* literal keys: the compare folds to a few word compares */
#endif
static inline bool rmq_bytes_equal(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    uint64_t u, v, diff = 0;
    if (n < 8) {
        uint32_t p, q, r, t;
        if (n < 4) {
            for (size_t i = 0; i < n; i++) diff |= (uint64_t)(x[i] ^ y[i]);
            return diff == 0;
        }
        memcpy(&p, x, 4);
        memcpy(&q, y, 4);
        memcpy(&r, x + n - 4, 4);
        memcpy(&t, y + n - 4, 4);
        return ((p ^ q) | (r ^ t)) == 0;
    }
    size_t i = 0;
    for (; n - i > 8; i += 8) {
        memcpy(&u, x + i, 8);
        memcpy(&v, y + i, 8);
        diff |= u ^ v;
    }
    memcpy(&u, x + n - 8, 8);
    memcpy(&v, y + n - 8, 8);
    return (diff | (u ^ v)) == 0;
}

/* Copy n bytes: tiny copies without a call. */
static inline void rmq_copy(uint8_t *d, const void *p, size_t n)
{
    if (n <= 16) rmq_copy_small(d, p, n);
    else memcpy(d, p, n);
}

/* Overwrite 4 bytes already reserved at `at` (back-patching lengths). */
static inline void rmq_patch_be32(rmq_writer *w, size_t at, uint32_t v)
{
    if (at <= w->cap && w->cap - at >= 4 && at + 4 <= w->len) {
        w->buf[at] = (uint8_t)(v >> 24);
        w->buf[at + 1] = (uint8_t)(v >> 16);
        w->buf[at + 2] = (uint8_t)(v >> 8);
        w->buf[at + 3] = (uint8_t)v;
    }
}

#endif
