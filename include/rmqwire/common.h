/* rmqwire — basic types shared by every module. */
#ifndef RMQWIRE_COMMON_H
#define RMQWIRE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmqwire/version.h" /* generated: every public header carries the version */

#if defined(RMQ_BUILDING_LIBRARY) && defined(__GNUC__)
#define RMQ_API __attribute__((visibility("default")))
#else
#define RMQ_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A string as Java holds it, as bytes of UTF-8 that are NOT NUL-terminated.
 * ptr == NULL means Java null; ptr != NULL with len == 0 is the empty string.
 * Decoded strings point into the caller's input or into the caller's arena.
 */
typedef struct rmq_str {
    const char *ptr;
    size_t len;
} rmq_str;

#ifdef __cplusplus
#define RMQ_STR_NULL (rmq_str{nullptr, 0}) /* C++ has no compound literals */
#else
#define RMQ_STR_NULL ((rmq_str){NULL, 0})
#endif

/* Build an rmq_str from a NUL-terminated C string (NULL gives Java null). */
RMQ_API rmq_str rmq_str_from_cstr(const char *s);
/* True when both are null, or both non-null with the same bytes. */
RMQ_API bool rmq_str_equal(rmq_str a, rmq_str b);
/* True when s is non-null and equals the NUL-terminated text. */
RMQ_API bool rmq_str_equal_cstr(rmq_str s, const char *text);

/* The Java releases whose behaviour the library can mirror where they differ. */
typedef enum rmq_release {
    RMQ_RELEASE_4_9_8 = 1,
    RMQ_RELEASE_5_3_3 = 2
} rmq_release;

#ifdef __cplusplus
}
#endif
#endif
