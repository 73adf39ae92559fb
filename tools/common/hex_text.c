#include "hex_text.h"

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool hex_text_decode(uint8_t *buf, size_t *len, size_t *bad_at)
{
    size_t out = 0, n = *len;
    int hi = -1;
    for (size_t i = 0; i < n; i++) {
        int c = buf[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',') continue;
        if (c == '0' && i + 1 < n && (buf[i + 1] == 'x' || buf[i + 1] == 'X') && hi < 0) {
            i++;
            continue;
        }
        int v = hex_value(c);
        if (v < 0) {
            *bad_at = i;
            return false;
        }
        if (hi < 0) {
            hi = v;
        } else {
            buf[out++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    if (hi >= 0) {
        *bad_at = n;
        return false;
    }
    *len = out;
    return true;
}
