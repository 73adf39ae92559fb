/* rmqwire — caller-owned memory: allocator hooks and an arena. */
#ifndef RMQWIRE_ALLOC_H
#define RMQWIRE_ALLOC_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Allocator hooks, in the spirit of zlib's zalloc/zfree. The library never calls
 * malloc or free itself: the only heap memory it ever touches comes from these.
 * `alloc` returns NULL on failure; `free` accepts what `alloc` returned.
 */
typedef struct rmq_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} rmq_allocator;

/*
 * A bump arena. Decoders place the memory they need (ext field arrays, unescaped
 * strings) here. It starts with an optional caller buffer; when that runs out and
 * hooks were given, it grows in chunks taken from the hooks, otherwise the
 * allocation fails and the decoder returns RMQ_ERR_NO_MEMORY.
 * Treat the fields as private.
 */
typedef struct rmq_arena {
    unsigned char *buf;
    size_t cap;
    size_t used;           /* bytes used in buf */
    size_t total;          /* bytes handed out, buf and chunks */
    const rmq_allocator *hooks;
    void *chunks;          /* singly linked list of grown chunks */
    size_t chunk_min;      /* smallest chunk asked from the hooks */
    size_t grown_bytes;    /* bytes obtained from the hooks so far */
} rmq_arena;

/* Arena over a caller buffer only (buf may be NULL with cap 0). */
RMQ_API void rmq_arena_init(rmq_arena *arena, void *buf, size_t cap);

/* Arena over an optional caller buffer that may grow through `hooks` (kept by
 * pointer: it must outlive the arena). */
RMQ_API void rmq_arena_init_hooks(rmq_arena *arena, void *buf, size_t cap,
                                  const rmq_allocator *hooks);

/* `size` bytes aligned to `align` (a power of two, at most 16), or NULL. */
RMQ_API void *rmq_arena_alloc(rmq_arena *arena, size_t size, size_t align);

/* Forget every allocation; chunks obtained from the hooks are returned to them. */
RMQ_API void rmq_arena_reset(rmq_arena *arena);

/* Bytes handed out since init/reset (including alignment padding). */
RMQ_API size_t rmq_arena_used(const rmq_arena *arena);

#ifdef __cplusplus
}
#endif
#endif
