#include "rmqwire/alloc.h"

#include "internal/arena.h"

#include <stdint.h>

/* Header of a chunk obtained from the hooks; the chunk's bytes follow it. */
typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t cap;
    size_t used;
    /* 16-byte alignment of the payload on every common ABI */
    _Alignas(16) unsigned char data[];
} arena_chunk;

#define ARENA_DEFAULT_CHUNK 4096u

void rmq_arena_init(rmq_arena *arena, void *buf, size_t cap)
{
    rmq_arena_init_hooks(arena, buf, cap, NULL);
}

void rmq_arena_init_hooks(rmq_arena *arena, void *buf, size_t cap, const rmq_allocator *hooks)
{
    if (!arena) return;
    arena->buf = buf;
    arena->cap = buf ? cap : 0;
    arena->used = 0;
    arena->total = 0;
    arena->hooks = hooks;
    arena->chunks = NULL;
    arena->chunk_min = ARENA_DEFAULT_CHUNK;
    arena->grown_bytes = 0;
}

/* Offset of the first `align`-aligned byte at or after base + used, or SIZE_MAX. */
static size_t aligned_offset(const unsigned char *base, size_t used, size_t align)
{
    uintptr_t at = (uintptr_t)base + used;
    uintptr_t pad = (align - (at & (align - 1))) & (align - 1);
    return used > SIZE_MAX - pad ? SIZE_MAX : used + pad;
}

static void *take_from(unsigned char *base, size_t cap, size_t *used, size_t size, size_t align)
{
    if (!base) return NULL;
    size_t start = aligned_offset(base, *used, align);
    if (start > cap || cap - start < size) return NULL;
    *used = start + size;
    return base + start;
}

void *rmq_arena_alloc(rmq_arena *arena, size_t size, size_t align)
{
    if (!arena || align == 0 || align > 16 || (align & (align - 1)) != 0) return NULL;
    if (size == 0) size = 1; /* distinct non-NULL pointers for empty strings */

    size_t before = arena->used;
    void *p = take_from(arena->buf, arena->cap, &arena->used, size, align);
    if (p) {
        arena->total += arena->used - before;
        return p;
    }

    arena_chunk *head = arena->chunks;
    if (head) {
        before = head->used;
        p = take_from(head->data, head->cap, &head->used, size, align);
        if (p) {
            arena->total += head->used - before;
            return p;
        }
    }
    if (!arena->hooks || !arena->hooks->alloc) return NULL;

    size_t want = size + align;
    if (want < size) return NULL;
    if (want < arena->chunk_min) want = arena->chunk_min;
    if (want > SIZE_MAX - sizeof(arena_chunk)) return NULL;
    arena_chunk *c = arena->hooks->alloc(arena->hooks->ctx, sizeof(arena_chunk) + want);
    if (!c) return NULL;
    c->next = head;
    c->cap = want;
    c->used = 0;
    arena->chunks = c;
    arena->grown_bytes += want;
    /* Grow geometrically so a large decode needs few hook calls. */
    if (arena->chunk_min < ((size_t)1 << 24)) arena->chunk_min *= 2;
    p = take_from(c->data, c->cap, &c->used, size, align);
    arena->total += c->used;
    return p;
}

void rmq_arena_reset(rmq_arena *arena)
{
    if (!arena) return;
    arena_chunk *c = arena->chunks;
    while (c) {
        arena_chunk *next = c->next;
        if (arena->hooks && arena->hooks->free) arena->hooks->free(arena->hooks->ctx, c);
        c = next;
    }
    arena->chunks = NULL;
    arena->used = 0;
    arena->total = 0;
    arena->grown_bytes = 0;
    arena->chunk_min = ARENA_DEFAULT_CHUNK;
}

size_t rmq_arena_used(const rmq_arena *arena) { return arena ? arena->total : 0; }

rmq_arena_mark rmq_arena_get_mark(const rmq_arena *arena)
{
    rmq_arena_mark m = {0, NULL, 0, 0, 0, 0};
    if (!arena) return m;
    m.used = arena->used;
    m.chunks = arena->chunks;
    m.head_used = arena->chunks ? ((const arena_chunk *)arena->chunks)->used : 0;
    m.total = arena->total;
    m.chunk_min = arena->chunk_min;
    m.grown_bytes = arena->grown_bytes;
    return m;
}

void rmq_arena_rewind(rmq_arena *arena, const rmq_arena_mark *mark)
{
    if (!arena) return;
    while (arena->chunks && arena->chunks != mark->chunks) {
        arena_chunk *c = arena->chunks;
        arena->chunks = c->next;
        if (arena->hooks && arena->hooks->free) arena->hooks->free(arena->hooks->ctx, c);
    }
    if (arena->chunks) ((arena_chunk *)arena->chunks)->used = mark->head_used;
    arena->used = mark->used;
    arena->total = mark->total;
    arena->chunk_min = mark->chunk_min;
    arena->grown_bytes = mark->grown_bytes;
}

/* Grow p in place when it ends at the top of `base`'s used bytes. */
static bool extend_in(unsigned char *base, size_t cap, size_t *used, const unsigned char *p, size_t old_size,
                      size_t grow)
{
    uintptr_t b = (uintptr_t)base, at = (uintptr_t)p;
    if (!base || at < b || at - b > *used || (size_t)(at - b) + old_size != *used) return false;
    if (cap - *used < grow) return false;
    *used += grow;
    return true;
}

bool rmq_arena_extend(rmq_arena *arena, void *p, size_t old_size, size_t new_size)
{
    if (!arena || !p || new_size < old_size) return false;
    size_t grow = new_size - old_size;
    arena_chunk *c = arena->chunks;
    bool ok = extend_in(arena->buf, arena->cap, &arena->used, p, old_size, grow) ||
              (c && extend_in(c->data, c->cap, &c->used, p, old_size, grow));
    if (ok) arena->total += grow;
    return ok;
}

void rmq_arena_trim(rmq_arena *arena, void *p, size_t old_size, size_t new_size)
{
    if (!arena || !p || new_size > old_size) return;
    size_t drop = old_size - new_size;
    arena_chunk *c = arena->chunks;
    /* extend_in with grow 0 tells whether p ends at the top of that block */
    if (extend_in(arena->buf, arena->cap, &arena->used, p, old_size, 0)) arena->used -= drop;
    else if (c && extend_in(c->data, c->cap, &c->used, p, old_size, 0)) c->used -= drop;
    else return;
    arena->total -= drop;
}
