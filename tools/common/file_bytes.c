#include "file_bytes.h"

#include <stdlib.h>

uint8_t *read_stream_bytes(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap + 1);
    while (buf) {
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap * 2 + 1);
            if (!b) break;
            buf = b;
            cap *= 2;
        }
    }
    if (!buf || ferror(f) || n == cap) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

uint8_t *read_file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = read_stream_bytes(f, len);
    fclose(f);
    return buf;
}
