/* ROCKETMQ binary headers, framed as serialize type 1. */
#include "header_wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 8 && data[4] == 1 && ((size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7]) <= size - 8) {
        size_t h = (size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7];
        fuzz_header_bytes(data + 8, h, 1);
    }
    fuzz_header_bytes(data, size, 1);
    return 0;
}
