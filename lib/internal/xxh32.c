/* XXH32 (Yann Collet's xxHash, 32-bit), written from its specification. */
#include "xxh32.h"

#include <string.h>

#define P1 2654435761u
#define P2 2246822519u
#define P3 3266489917u
#define P4 668265263u
#define P5 374761393u

static uint32_t rotl(uint32_t v, int n) { return v << n | v >> (32 - n); }

static uint32_t read32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t round32(uint32_t acc, uint32_t lane) { return rotl(acc + lane * P2, 13) * P1; }

uint32_t rmq_xxh32(const uint8_t *p, size_t len, uint32_t seed)
{
    size_t i = 0;
    uint32_t h;
    if (len >= 16) {
        uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        for (; i + 16 <= len; i += 16) {
            v1 = round32(v1, read32(p + i));
            v2 = round32(v2, read32(p + i + 4));
            v3 = round32(v3, read32(p + i + 8));
            v4 = round32(v4, read32(p + i + 12));
        }
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    } else {
        h = seed + P5;
    }
    h += (uint32_t)len;
    for (; i + 4 <= len; i += 4) h = rotl(h + read32(p + i) * P3, 17) * P4;
    for (; i < len; i++) h = rotl(h + p[i] * P5, 11) * P1;
    h ^= h >> 15;
    h *= P2;
    h ^= h >> 13;
    h *= P3;
    h ^= h >> 16;
    return h;
}
