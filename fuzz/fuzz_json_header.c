/* JSON header text (the fastjson dialect), framed as serialize type 0. */
#include "header_wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* seeds are whole frames: skip their 8-byte prefix when it says JSON */
    if (size >= 8 && data[4] == 0 && ((size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7]) <= size - 8) {
        size_t h = (size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7];
        fuzz_header_bytes(data + 8, h, 0);
    }
    fuzz_header_bytes(data, size, 0);
    return 0;
}
