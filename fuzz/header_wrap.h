/* Header harnesses: the input is header bytes, framed here with the given serialize type. */
#ifndef RMQ_FUZZ_HEADER_WRAP_H
#define RMQ_FUZZ_HEADER_WRAP_H

#include "frame_oracle.h"

static void fuzz_header_bytes(const uint8_t *data, size_t size, uint8_t type)
{
    if (size > 0x00FFFFFF) return;
    uint8_t *frame = malloc(size + 8);
    uint32_t total = (uint32_t)size + 4;
    frame[0] = (uint8_t)(total >> 24); frame[1] = (uint8_t)(total >> 16); frame[2] = (uint8_t)(total >> 8); frame[3] = (uint8_t)total;
    frame[4] = type; frame[5] = (uint8_t)(size >> 16); frame[6] = (uint8_t)(size >> 8); frame[7] = (uint8_t)size;
    if (size) memcpy(frame + 8, data, size);
    fuzz_frame_oracle(frame, size + 8);
    free(frame);
}

#endif
