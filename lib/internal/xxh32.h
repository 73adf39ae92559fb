/* XXH32, the checksum of the LZ4 frame format (header, blocks, content). */
#ifndef RMQ_INTERNAL_XXH32_H
#define RMQ_INTERNAL_XXH32_H

#include <stddef.h>
#include <stdint.h>

uint32_t rmq_xxh32(const uint8_t *p, size_t len, uint32_t seed);

#endif
