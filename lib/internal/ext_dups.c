#include "ext_dups.h"

#include "arena.h"
#include "rmqwire/error.h"

#include <stdbool.h>
#include <string.h>

static bool key_equal(rmq_str a, rmq_str b)
{
    if (!a.ptr || !b.ptr) return !a.ptr && !b.ptr;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* The first 8 key bytes, big-endian so integer order is byte order; null keys sort first. */
static rmq_ext_sort_rec make_rec(rmq_str k, uint32_t index)
{
    rmq_ext_sort_rec r = {0, 0, index};
    if (!k.ptr) return r;
    uint64_t w = 0;
    memcpy(&w, k.ptr, k.len < 8 ? k.len : 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    r.prefix = __builtin_bswap64(w);
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    r.prefix = w;
#else
    const uint8_t *b = (const uint8_t *)&w;
    for (int i = 0; i < 8; i++) r.prefix = (r.prefix << 8) | b[i];
#endif
    /* len + 1 keeps "" apart from null */
    r.len = k.len >= UINT32_MAX ? UINT32_MAX : (uint32_t)k.len + 1;
    return r;
}

/* Total order: key (prefix, length, remaining bytes), then index. */
static int rec_cmp(const rmq_ext_field *f, const rmq_ext_sort_rec *a, const rmq_ext_sort_rec *b)
{
    if (a->prefix != b->prefix) return a->prefix < b->prefix ? -1 : 1;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    rmq_str ka = f[a->index].key, kb = f[b->index].key;
    if (ka.ptr && kb.ptr && ka.len > 8) {
        int c = memcmp(ka.ptr + 8, kb.ptr + 8, ka.len - 8);
        if (c) return c;
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

static void sift_down(const rmq_ext_field *f, rmq_ext_sort_rec *r, size_t root, size_t n)
{
    rmq_ext_sort_rec top = r[root];
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) break;
        if (child + 1 < n && rec_cmp(f, &r[child], &r[child + 1]) < 0) child++;
        if (rec_cmp(f, &top, &r[child]) >= 0) break;
        r[root] = r[child];
        root = child;
    }
    r[root] = top;
}

static void heap_sort(const rmq_ext_field *f, rmq_ext_sort_rec *r, size_t n)
{
    for (size_t i = n / 2; i-- > 0;) sift_down(f, r, i, n);
    for (size_t end = n; end > 1; end--) {
        rmq_ext_sort_rec t = r[0];
        r[0] = r[end - 1];
        r[end - 1] = t;
        sift_down(f, r, 0, end - 1);
    }
}

/*
 * Records of f in rec_cmp order, in r (tmp: the same room again). A stable LSD
 * radix sort on the 8-byte prefix does the bulk in linear time (bytes all keys
 * share are skipped); only runs that share a prefix are heap sorted, so the
 * worst case, whatever the keys, stays n log n.
 */
static void sort_recs(const rmq_ext_field *f, rmq_ext_sort_rec *r, rmq_ext_sort_rec *tmp, size_t n)
{
    for (size_t i = 0; i < n; i++) r[i] = make_rec(f[i].key, (uint32_t)i);
    rmq_ext_sort_rec *src = r, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t pos[256] = {0};
        for (size_t i = 0; i < n; i++) pos[(src[i].prefix >> shift) & 255]++;
        if (pos[(src[0].prefix >> shift) & 255] == n) continue; /* one value: order unchanged */
        size_t sum = 0;
        for (size_t d = 0; d < 256; d++) {
            size_t c = pos[d];
            pos[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) dst[pos[(src[i].prefix >> shift) & 255]++] = src[i];
        rmq_ext_sort_rec *t = src;
        src = dst;
        dst = t;
    }
    if (src != r) memcpy(r, src, n * sizeof *r);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && r[j].prefix == r[i].prefix) j++;
        if (j - i > 1) heap_sort(f, r + i, j - i);
        i = j;
    }
}

static bool same_key(const rmq_ext_field *f, const rmq_ext_sort_rec *a, const rmq_ext_sort_rec *b)
{
    return a->prefix == b->prefix && a->len == b->len && key_equal(f[a->index].key, f[b->index].key);
}

/* Pairwise for small arrays; a 64-bit filter on (length, first byte) skips most compares. */
static size_t first_duplicate_small(const rmq_ext_field *f, size_t count)
{
    uint64_t seen = 0;
    for (size_t i = 0; i < count; i++) {
        rmq_str k = f[i].key;
        unsigned h = k.ptr ? (unsigned)(k.len * 31u + (k.len ? (uint8_t)k.ptr[0] : 0u) + 1u) : 0u;
        uint64_t bit = (uint64_t)1 << (h & 63u);
        bool maybe = (seen & bit) != 0;
        seen |= bit;
        for (size_t j = 0; maybe && j < i; j++)
            if (key_equal(f[j].key, k)) return i;
    }
    return count;
}

int rmq_ext_first_duplicate(const rmq_ext_field *fields, size_t count, rmq_arena *arena, size_t *first)
{
    if (count <= RMQ_EXT_DUPS_PAIRWISE) {
        *first = first_duplicate_small(fields, count);
        return RMQ_OK;
    }
    if (count > UINT32_MAX) return RMQ_ERR_NO_MEMORY;
    rmq_arena_mark mark = rmq_arena_get_mark(arena);
    rmq_ext_sort_rec *r = rmq_arena_alloc(arena, 2 * count * sizeof *r, _Alignof(rmq_ext_sort_rec));
    if (!r) return RMQ_ERR_NO_MEMORY;
    sort_recs(fields, r, r + count, count);
    /* in each run of equal keys the second record has the smallest repeating index */
    size_t best = count;
    for (size_t i = 1; i < count; i++)
        if (same_key(fields, &r[i - 1], &r[i]) && (i < 2 || !same_key(fields, &r[i - 2], &r[i - 1])) &&
            r[i].index < best)
            best = r[i].index;
    rmq_arena_rewind(arena, &mark);
    *first = best;
    return RMQ_OK;
}

size_t rmq_ext_distinct_in(const rmq_ext_field *fields, size_t count, rmq_ext_sort_rec *recs)
{
    if (count == 0) return 0;
    sort_recs(fields, recs, recs + count, count);
    size_t n = 1;
    for (size_t i = 1; i < count; i++) n += !same_key(fields, &recs[i - 1], &recs[i]);
    return n;
}
