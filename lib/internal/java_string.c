#include "java_string.h"

#include "utf8.h"
#include "rmqwire/common.h"

#include <string.h>

/* Next UTF-16 unit pair of a UTF-8 string: returns 1 or 2 units in u[]. */
static int next_units(const uint8_t *p, size_t len, size_t *i, uint16_t u[2])
{
    bool valid;
    size_t k = rmq_utf8_unit(p + *i, len - *i, &valid);
    uint32_t cp = 0xFFFD;
    if (valid) {
        cp = k == 1 ? p[*i] : k == 2 ? (p[*i] & 0x1Fu) : k == 3 ? (p[*i] & 0x0Fu) : (p[*i] & 0x07u);
        for (size_t j = 1; j < k; j++) cp = cp << 6 | (p[*i + j] & 0x3Fu);
    }
    *i += k;
    if (cp >= 0x10000) {
        u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
        u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        return 2;
    }
    u[0] = (uint16_t)cp;
    return 1;
}

uint32_t rmq_java_string_hash(const char *s, size_t len)
{
    uint32_t h = 0;
    size_t i = 0;
    while (s && i < len) {
        uint16_t u[2];
        int n = next_units((const uint8_t *)s, len, &i, u);
        for (int k = 0; k < n; k++) h = 31 * h + u[k];
    }
    return h;
}

int rmq_java_string_compare(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    uint16_t ua[2], ub[2];
    int na = 0, nb = 0, pa = 0, pb = 0;
    for (;;) {
        if (pa == na) {
            if (i >= an) na = 0;
            else na = next_units((const uint8_t *)a, an, &i, ua);
            pa = 0;
        }
        if (pb == nb) {
            if (j >= bn) nb = 0;
            else nb = next_units((const uint8_t *)b, bn, &j, ub);
            pb = 0;
        }
        if (na == 0 || nb == 0) return (na != 0) - (nb != 0);
        if (ua[pa] != ub[pb]) return ua[pa] < ub[pb] ? -1 : 1;
        pa++;
        pb++;
    }
}

size_t rmq_java_map_capacity(size_t initial_capacity, size_t count)
{
    /* HashMap's table never grows past MAXIMUM_CAPACITY (1 << 30); without the cap a
     * huge initial capacity would double until it wraps to 0 and never stop */
    const size_t max_capacity = (size_t)1 << 30;
    size_t cap = 1;
    while (cap < initial_capacity && cap < max_capacity) cap <<= 1;
    while (count > cap / 4 * 3 && cap < max_capacity) cap <<= 1;
    return cap;
}

void rmq_stable_sort_by_key(size_t *idx, size_t n, const uint64_t *key)
{
    for (size_t i = 1; i < n; i++) {
        size_t cur = idx[i], j = i;
        while (j > 0 && key[idx[j - 1]] > key[cur]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = cur;
    }
}

static size_t bucket_of(const unsigned char *item, size_t key_offset, size_t cap)
{
    rmq_str key;
    memcpy(&key, item + key_offset, sizeof key);
    return rmq_java_bucket(rmq_java_string_hash(key.ptr, key.len), cap);
}

void rmq_java_map_reorder(void *items, size_t n, size_t size, size_t key_offset, size_t initial_capacity)
{
    unsigned char *base = items, cur[64];
    if (!items || n < 2 || size > sizeof cur) return;
    size_t cap = rmq_java_map_capacity(initial_capacity, n);
    for (size_t i = 1; i < n; i++) {
        size_t b = bucket_of(base + i * size, key_offset, cap), j = i;
        memcpy(cur, base + i * size, size);
        while (j > 0 && bucket_of(base + (j - 1) * size, key_offset, cap) > b) j--;
        if (j < i) {
            memmove(base + (j + 1) * size, base + j * size, (i - j) * size);
            memcpy(base + j * size, cur, size);
        }
    }
}
