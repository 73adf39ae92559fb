/* A small JSON DOM (malloc-backed) for what the tools and tests read: vector files,
 * rmqdump --encode input. Not the library's decoder: it only has to be simple and right. */
#ifndef RMQ_TOOLS_JSON_DOM_H
#define RMQ_TOOLS_JSON_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum vj_type { VJ_NULL, VJ_BOOL, VJ_NUM, VJ_STR, VJ_ARR, VJ_OBJ } vj_type;

typedef struct vj {
    vj_type type;
    bool b;
    int64_t i;        /* integral numbers */
    bool is_int;
    double d;
    char *s;          /* VJ_STR: UTF-8, NUL-terminated, slen bytes */
    size_t slen;
    struct vj **items;/* VJ_ARR / VJ_OBJ values */
    char **keys;      /* VJ_OBJ keys (NUL-terminated) */
    size_t *key_lens;
    size_t n;
} vj;

vj *vj_parse(const char *text, size_t len);
vj *vj_parse_file(const char *path);
void vj_free(vj *v);
/* Member of an object (NULL when absent or not an object). */
const vj *vj_get(const vj *obj, const char *key);
bool vj_is_null(const vj *v); /* absent or JSON null */

#endif
