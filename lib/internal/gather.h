/*
 * A list whose length is known only at its end, read in one pass: items go to a
 * caller stack buffer first, then to the arena, where the block grows in place
 * while it is the last allocation and moves (doubling) otherwise. Finishing
 * leaves one contiguous arena array. Worst case: 4 x the final array's bytes.
 */
#ifndef RMQ_INTERNAL_GATHER_H
#define RMQ_INTERNAL_GATHER_H

#include "rmqwire/alloc.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct rmq_gather {
    unsigned char *items;
    size_t count;
    size_t cap;
    size_t size;
    size_t align;
    bool on_stack;
} rmq_gather;

/* Arena bytes a list of n items of `size` bytes can take while it is gathered. */
#define RMQ_GATHER_WORST(n, size) (4 * (n) * (size) + 32)

static inline void rmq_gather_init(rmq_gather *g, void *stack, size_t stack_cap, size_t size, size_t align)
{
    g->items = stack;
    g->count = 0;
    g->cap = stack_cap;
    g->size = size;
    g->align = align;
    g->on_stack = true;
}

/* The slow half of rmq_gather_next: the list moves to or grows in the arena. */
void *rmq_gather_grow(rmq_gather *g, rmq_arena *arena);

/* A zeroed slot for the next item, or NULL when the arena has no room. With an
 * item_size known at compile time the zeroing is inlined. */
#define RMQ_GATHER_NEXT(g, arena, item_size)                                                           \
    ((g)->count == (g)->cap ? rmq_gather_grow((g), (arena))                                            \
                            : memset((g)->items + (g)->count++ * (item_size), 0, (item_size)))

static inline void *rmq_gather_next(rmq_gather *g, rmq_arena *arena) { return RMQ_GATHER_NEXT(g, arena, g->size); }

/* The items as one arena array in *out (NULL when there are none); false when out of memory. */
bool rmq_gather_finish(rmq_gather *g, rmq_arena *arena, void **out);

#endif
