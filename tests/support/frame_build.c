#include "frame_build.h"

#include <string.h>

size_t frame_of(uint8_t *out, int type, const void *header, size_t hlen, const void *body, size_t blen)
{
    uint32_t total = (uint32_t)(4 + hlen + blen);
    out[0] = (uint8_t)(total >> 24);
    out[1] = (uint8_t)(total >> 16);
    out[2] = (uint8_t)(total >> 8);
    out[3] = (uint8_t)total;
    out[4] = (uint8_t)type;
    out[5] = (uint8_t)(hlen >> 16);
    out[6] = (uint8_t)(hlen >> 8);
    out[7] = (uint8_t)hlen;
    memcpy(out + 8, header, hlen);
    if (blen) memcpy(out + 8 + hlen, body, blen);
    return 8 + hlen + blen;
}
