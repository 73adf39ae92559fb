/* Java String semantics over UTF-8 bytes: hashCode, compareTo and HashMap order. */
#ifndef RMQ_INTERNAL_JAVA_STRING_H
#define RMQ_INTERNAL_JAVA_STRING_H

#include <stddef.h>
#include <stdint.h>

/* String.hashCode over the UTF-16 units of a UTF-8 string (malformed bytes as U+FFFD). */
uint32_t rmq_java_string_hash(const char *s, size_t len);

/* String.compareTo: UTF-16 code-unit order. */
int rmq_java_string_compare(const char *a, size_t an, const char *b, size_t bn);

/* Long.hashCode. */
static inline uint32_t rmq_java_long_hash(int64_t v) { return (uint32_t)((uint64_t)v ^ ((uint64_t)v >> 32)); }

/*
 * Bucket of a Java hash in a HashMap that started at initial_capacity and holds
 * count entries (it doubles whenever size exceeds 0.75 × capacity).
 */
size_t rmq_java_map_capacity(size_t initial_capacity, size_t count);
static inline size_t rmq_java_bucket(uint32_t h, size_t capacity) { return (h ^ (h >> 16)) & (capacity - 1); }

/*
 * items[0..n) (records of `size` <= 64 bytes, each with an rmq_str key at key_offset)
 * reordered in place the way a HashMap that started at initial_capacity iterates them:
 * by bucket, insertion order inside a bucket, a null key in bucket 0. Insertion sort:
 * n is a header's or a message's handful of entries.
 */
void rmq_java_map_reorder(void *items, size_t n, size_t size, size_t key_offset, size_t initial_capacity);

/* Stable sort of idx[0..n) by key[idx[i]] (insertion sort: n is small). */
void rmq_stable_sort_by_key(size_t *idx, size_t n, const uint64_t *key);

#endif
