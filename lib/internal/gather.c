#include "gather.h"

#include "arena.h"

#include <stdint.h>
#include <string.h>

void *rmq_gather_grow(rmq_gather *g, rmq_arena *arena)
{
    size_t want = g->cap ? g->cap : 8;
    if (want > SIZE_MAX / 2 / g->size) return NULL;
    size_t old_bytes = g->cap * g->size, new_bytes = 2 * want * g->size;
    if (g->on_stack || !rmq_arena_extend(arena, g->items, old_bytes, new_bytes)) {
        unsigned char *moved = rmq_arena_alloc(arena, new_bytes, g->align);
        if (!moved) return NULL;
        if (g->count) memcpy(moved, g->items, g->count * g->size);
        g->items = moved;
        g->on_stack = false;
    }
    g->cap = 2 * want;
    unsigned char *slot = g->items + g->count++ * g->size;
    memset(slot, 0, g->size);
    return slot;
}

bool rmq_gather_finish(rmq_gather *g, rmq_arena *arena, void **out)
{
    *out = NULL;
    if (!g->count) return true;
    if (g->on_stack) {
        void *exact = rmq_arena_alloc_quick(arena, g->count * g->size, g->align);
        if (!exact) return false;
        memcpy(exact, g->items, g->count * g->size);
        *out = exact;
        return true;
    }
    rmq_arena_trim_quick(arena, g->items, g->cap * g->size, g->count * g->size);
    *out = g->items;
    return true;
}

void *rmq_top_list_grow(rmq_top_list *t, rmq_arena *arena)
{
    if (t->cap > SIZE_MAX / 2 / t->size) return NULL;
    size_t old_bytes = t->cap * t->size, new_bytes = 2 * old_bytes;
    if (!rmq_arena_extend(arena, t->items, old_bytes, new_bytes)) {
        unsigned char *moved = rmq_arena_alloc(arena, new_bytes, t->align);
        if (!moved) return NULL;
        memcpy(moved, t->items, t->count * t->size);
        t->items = moved;
    }
    t->cap *= 2;
    return t->items + t->count++ * t->size;
}
