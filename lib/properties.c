/* Properties string (SPEC §7.1): MessageDecoder.messageProperties2String / string2messageProperties. */
#include "rmqwire/properties.h"

#include "internal/bytes.h"
#include "internal/error_set.h"
#include "internal/java_string.h"

#include <stddef.h>
#include <string.h>

void rmq_properties_iter_init(rmq_properties_iter *it, const char *s, size_t len)
{
    if (!it) return;
    it->s = s;
    it->len = s ? len : 0;
    it->pos = 0;
}

bool rmq_properties_next(rmq_properties_iter *it, rmq_property *out)
{
    if (!it || !out) return false;
    while (it->pos < it->len) {
        const char *seg = it->s + it->pos;
        size_t left = it->len - it->pos;
        const char *end = memchr(seg, RMQ_PROP_SEP, left);
        size_t seg_len = end ? (size_t)(end - seg) : left;
        it->pos += seg_len + 1;
        /* Java's "segment >= 3 chars" test is implied by the two below */
        const char *sep = memchr(seg, RMQ_PROP_NAME_VALUE_SEP, seg_len);
        if (!sep || sep == seg || sep == seg + seg_len - 1) continue;
        out->name.ptr = seg;
        out->name.len = (size_t)(sep - seg);
        out->value.ptr = sep + 1;
        out->value.len = seg_len - out->name.len - 1;
        return true;
    }
    return false;
}

bool rmq_properties_get(const rmq_property *props, size_t count, const char *name, rmq_str *value)
{
    if (value) *value = RMQ_STR_NULL; /* what a caller that ignores the result reads */
    if ((!props && count) || !name) return false;
    rmq_str key = rmq_str_from_cstr(name);
    for (size_t i = count; i-- > 0;) {
        if (rmq_str_equal(props[i].name, key)) {
            if (value) *value = props[i].value;
            return true;
        }
    }
    return false;
}

/* Order of two parsed entries: by name as Java Strings (bytes that are not UTF-8 compare
 * as U+FFFD, so names Java cannot tell apart are equal), then by position in the string
 * (their names point into it) — or by position alone. */
static int entry_cmp(const rmq_property *a, const rmq_property *b, bool by_name)
{
    if (by_name) {
        int c = rmq_java_string_compare(a->name.ptr, a->name.len, b->name.ptr, b->name.len);
        if (c) return c;
    }
    uintptr_t x = (uintptr_t)a->name.ptr, y = (uintptr_t)b->name.ptr;
    return (x > y) - (x < y);
}

/* In-place heap sort: O(n log n) whatever the input, no memory, no recursion. */
static void sift_down(rmq_property *v, size_t root, size_t n, bool by_name)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && entry_cmp(&v[child], &v[child + 1], by_name) < 0) child++;
        if (entry_cmp(&v[root], &v[child], by_name) >= 0) return;
        rmq_property t = v[root];
        v[root] = v[child];
        v[child] = t;
    }
}

static void heap_sort(rmq_property *v, size_t n, bool by_name)
{
    for (size_t i = n / 2; i-- > 0;) sift_down(v, i, n, by_name);
    for (size_t end = n; end-- > 1;) {
        rmq_property t = v[0];
        v[0] = v[end];
        v[end] = t;
        sift_down(v, 0, end, by_name);
    }
}

/*
 * HashMap.put for each entry in turn: one entry per name where it first appeared, with
 * the value it was last given. Sorting keeps this n log n for any string (a peer may
 * send thousands of names); entries end in the order of the string. Returns the count.
 */
static size_t java_map_puts(rmq_property *v, size_t n)
{
    heap_sort(v, n, true);
    size_t kept = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && rmq_java_string_compare(v[i].name.ptr, v[i].name.len, v[j].name.ptr, v[j].name.len) == 0) j++;
        v[kept] = v[i];                /* the first appearance's name */
        v[kept++].value = v[j - 1].value; /* the last one's value */
        i = j;
    }
    heap_sort(v, kept, false);
    return kept;
}

int rmq_properties_parse(const char *s, size_t len, rmq_arena *arena, rmq_property **props,
                         size_t *count, rmq_error *err)
{
    if ((!s && len) || !props || !count) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_properties_iter it;
    rmq_property p;
    size_t n = 0;
    rmq_properties_iter_init(&it, s, len);
    while (rmq_properties_next(&it, &p)) n++;
    *props = NULL;
    *count = 0;
    if (n == 0) return RMQ_OK;
    rmq_property *arr = rmq_arena_alloc(arena, n * sizeof *arr, _Alignof(rmq_property));
    if (!arr) return rmq_fail(err, RMQ_ERR_NO_MEMORY, 0, NULL);
    size_t k = 0;
    rmq_properties_iter_init(&it, s, len);
    while (rmq_properties_next(&it, &p)) arr[k++] = p;
    *props = arr;
    *count = java_map_puts(arr, k);
    return RMQ_OK;
}

static bool has_separator(rmq_str s)
{
    return s.ptr && (memchr(s.ptr, RMQ_PROP_NAME_VALUE_SEP, s.len) || memchr(s.ptr, RMQ_PROP_SEP, s.len));
}

static int encode(const rmq_property *props, size_t count, rmq_release release, rmq_writer *w, rmq_error *err)
{
    if (count && !props) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    bool any = false;
    for (size_t i = 0; i < count; i++) {
        const rmq_property *p = &props[i];
        if (!p->value.ptr) continue;
        if (has_separator(p->name) || has_separator(p->value))
            return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, i, "property name or value contains 0x01/0x02");
        if (p->name.ptr) rmq_write_bytes(w, p->name.ptr, p->name.len);
        else rmq_write_bytes(w, "null", 4);
        rmq_write_u8(w, RMQ_PROP_NAME_VALUE_SEP);
        rmq_write_bytes(w, p->value.ptr, p->value.len);
        rmq_write_u8(w, RMQ_PROP_SEP);
        any = true;
    }
    /* 4.9.8 deletes the last separator; 5.3.3 keeps it (SPEC §7.1) */
    if (any && release == RMQ_RELEASE_4_9_8) w->len--;
    return RMQ_OK;
}

int rmq_properties_encoded_size(const rmq_property *props, size_t count, rmq_release release,
                                size_t *size, rmq_error *err)
{
    if (!size) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = encode(props, count, release, &w, err);
    if (rc == RMQ_OK && size) *size = w.len;
    return rc;
}

int rmq_properties_encode(const rmq_property *props, size_t count, rmq_release release, char *out,
                          size_t cap, size_t *written, rmq_error *err)
{
    rmq_writer w;
    rmq_writer_init(&w, (uint8_t *)out, cap);
    int rc = encode(props, count, release, &w, err);
    if (rc) return rc;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = w.len;
    return RMQ_OK;
}

bool rmq_keys_next(rmq_str keys, size_t *pos, rmq_str *key)
{
    if (!pos || !key) return false;
    if (!keys.ptr) return false;
    while (*pos < keys.len) {
        size_t start = *pos;
        while (*pos < keys.len && keys.ptr[*pos] != RMQ_PROP_KEY_SEPARATOR) (*pos)++;
        size_t end = *pos;
        if (*pos < keys.len) (*pos)++;
        if (end > start) {
            key->ptr = keys.ptr + start;
            key->len = end - start;
            return true;
        }
    }
    return false;
}

static bool same_name(rmq_str a, rmq_str b)
{
    if (!a.ptr || !b.ptr) return !a.ptr && !b.ptr;
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

size_t rmq_properties_java_order(rmq_property *props, size_t count)
{
    if (!props) return 0;
    /* HashMap.put: a repeated name keeps its entry and takes the new value */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = 0;
        while (k < kept && !same_name(props[k].name, props[i].name)) k++;
        if (k < kept) props[k].value = props[i].value;
        else props[kept++] = props[i];
    }
    rmq_java_map_reorder(props, kept, sizeof *props, offsetof(rmq_property, name), 16);
    return kept;
}
