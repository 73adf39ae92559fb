/*
 * Duplicate ext keys in O(n log n) worst case, whatever the keys: a hash table
 * would be linear on average but a peer can choose colliding keys, so large
 * arrays are sorted instead (radix on the first 8 bytes, heap sort inside runs
 * sharing them: no recursion, nothing beyond n log n). Key equality is
 * rmq_str_equal's (null equals only null).
 */
#ifndef RMQ_INTERNAL_EXT_DUPS_H
#define RMQ_INTERNAL_EXT_DUPS_H

#include "rmqwire/alloc.h"
#include "rmqwire/command.h"

#include <stddef.h>
#include <stdint.h>

/* Up to this many entries are compared pairwise behind a filter, without memory. */
#define RMQ_EXT_DUPS_PAIRWISE 32u

/* One sort record per entry: the first key bytes as an integer decide most comparisons. */
typedef struct rmq_ext_sort_rec {
    uint64_t prefix;
    uint32_t len;
    uint32_t index;
} rmq_ext_sort_rec;

/* Arena bytes rmq_ext_first_duplicate may take (given back before it returns). */
#define RMQ_EXT_DUPS_SCRATCH(count) (2 * (count) * sizeof(rmq_ext_sort_rec) + 16)

/*
 * *first = the smallest i whose key equals the key of some j < i, or count when
 * the keys are distinct. RMQ_ERR_NO_MEMORY when more than RMQ_EXT_DUPS_PAIRWISE
 * entries need scratch the arena cannot give.
 */
int rmq_ext_first_duplicate(const rmq_ext_field *fields, size_t count, rmq_arena *arena, size_t *first);

/* Number of distinct keys, sorting in caller scratch (recs holds 2 * count records). */
size_t rmq_ext_distinct_in(const rmq_ext_field *fields, size_t count, rmq_ext_sort_rec *recs);

#endif
