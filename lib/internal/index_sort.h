/* Sorting index arrays in place, O(n log n) and without allocating (libc's qsort may). */
#ifndef RMQ_INTERNAL_INDEX_SORT_H
#define RMQ_INTERNAL_INDEX_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Strict order of the items behind two indexes. */
typedef bool (*rmq_index_less)(const void *items, uint32_t a, uint32_t b);

/* Heap sort of idx[0..n) by less (not stable: make less break ties by index). */
void rmq_index_sort(uint32_t *idx, size_t n, rmq_index_less less, const void *items);

#endif
