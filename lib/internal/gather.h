/*
 * A list whose length is known only at its end, read in one pass: items go to a
 * caller stack buffer first, then to the arena, where the block grows in place
 * while it is the last allocation and moves (doubling) otherwise. Finishing
 * leaves one contiguous arena array. Worst case: 4 x the final array's bytes.
 */
#ifndef RMQ_INTERNAL_GATHER_H
#define RMQ_INTERNAL_GATHER_H

#include "arena.h"
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

/*
 * A list read where nothing else is allocated until it ends (no strings copied, no
 * nested lists): gathered straight at the arena's top, where it grows in place (or
 * moves when the arena takes a new chunk), then trimmed to its count — no stack copy.
 * Slots are not zeroed: for items whose every field the reader sets.
 */
typedef struct rmq_top_list {
    unsigned char *items;
    size_t count;
    size_t cap;
    size_t size;
    size_t align;
} rmq_top_list;

/* False when the arena has no room for `first` items. */
static inline bool rmq_top_list_init(rmq_top_list *t, rmq_arena *arena, size_t first, size_t size, size_t align)
{
    t->count = 0;
    t->cap = first;
    t->size = size;
    t->align = align;
    t->items = rmq_arena_alloc_quick(arena, first * size, align);
    return t->items != NULL;
}

/* The slow half of RMQ_TOP_NEXT: the block doubles. */
void *rmq_top_list_grow(rmq_top_list *t, rmq_arena *arena);

/* The next slot (not zeroed), or NULL when the arena has no room. */
#define RMQ_TOP_NEXT(t, arena, item_size) \
    ((t)->count == (t)->cap ? rmq_top_list_grow((t), (arena)) : (void *)((t)->items + (t)->count++ * (item_size)))

/* The items, trimmed to the count (NULL when there are none). */
static inline void *rmq_top_list_finish(rmq_top_list *t, rmq_arena *arena)
{
    rmq_arena_trim_quick(arena, t->items, t->cap * t->size, t->count * t->size);
    return t->count ? t->items : NULL;
}

/* Gives the block back, for a reader that reads the same bytes again another way. */
static inline void rmq_top_list_abandon(rmq_top_list *t, rmq_arena *arena)
{
    rmq_arena_trim_quick(arena, t->items, t->cap * t->size, 0);
}

#endif
