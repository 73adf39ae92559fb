/* Arena operations only the decoders need: undo to a mark, grow the last block in place. */
#ifndef RMQ_INTERNAL_ARENA_H
#define RMQ_INTERNAL_ARENA_H

#include "rmqwire/alloc.h"

#include <stdbool.h>

typedef struct rmq_arena_mark {
    size_t used;
    void *chunks;
    size_t head_used;
    size_t total;
    size_t chunk_min;
    size_t grown_bytes;
} rmq_arena_mark;

/* Where the arena stands now (arena may be NULL). */
rmq_arena_mark rmq_arena_get_mark(const rmq_arena *arena);

/* Forget everything allocated since the mark; chunks grown since go back to the hooks. */
void rmq_arena_rewind(rmq_arena *arena, const rmq_arena_mark *mark);

/*
 * Grow the block p (old_size bytes, the arena's most recent allocation) to
 * new_size bytes where it lies. False, with nothing changed, when p is not the
 * last allocation or there is no room after it.
 */
bool rmq_arena_extend(rmq_arena *arena, void *p, size_t old_size, size_t new_size);

/* Give back the tail of the block p when it is the arena's last allocation (else a no-op). */
void rmq_arena_trim(rmq_arena *arena, void *p, size_t old_size, size_t new_size);

#endif
