/* Arena operations only the decoders need: undo to a mark, grow the last block in place. */
#ifndef RMQ_INTERNAL_ARENA_H
#define RMQ_INTERNAL_ARENA_H

#include "rmqwire/alloc.h"

#include <stdbool.h>
#include <stdint.h>

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

/* rmq_arena_alloc with its common case inline: room in the caller's buffer.
 * align must be a power of two no larger than 16, as for rmq_arena_alloc. */
static inline void *rmq_arena_alloc_quick(rmq_arena *arena, size_t size, size_t align)
{
    if (arena && arena->buf && size) {
        size_t pad = (size_t)(0 - ((uintptr_t)arena->buf + arena->used)) & (align - 1);
        size_t room = arena->cap - arena->used;
        if (pad <= room && size <= room - pad) {
            void *p = arena->buf + arena->used + pad;
            arena->used += pad + size;
            arena->total += pad + size;
            return p;
        }
    }
    return rmq_arena_alloc(arena, size, align);
}

/* rmq_arena_trim with its common case inline: p is the caller buffer's last block. */
static inline void rmq_arena_trim_quick(rmq_arena *arena, const void *p, size_t old_size, size_t new_size)
{
    if (arena && p && new_size <= old_size && arena->used >= old_size &&
        (const unsigned char *)p == arena->buf + (arena->used - old_size)) {
        arena->used -= old_size - new_size;
        arena->total -= old_size - new_size;
        return;
    }
    /* the block is the caller's own (a decoded array it may hand out as const) */
    rmq_arena_trim(arena, (void *)(uintptr_t)p, old_size, new_size);
}

#endif
