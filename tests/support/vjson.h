/* A small JSON DOM for reading the vector files in tests (tests may use malloc). */
#ifndef RMQ_TEST_VJSON_H
#define RMQ_TEST_VJSON_H

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

/* Whole file into malloc'ed memory (NUL-terminated); NULL on failure. */
uint8_t *read_file_bytes(const char *path, size_t *len);
/* base64 → malloc'ed bytes; NULL on bad input. */
uint8_t *b64_decode(const char *s, size_t slen, size_t *out_len);
/* SHA-256 as 64 lower-case hex characters + NUL. */
void sha256_hex(const uint8_t *data, size_t len, char out[65]);

#endif
