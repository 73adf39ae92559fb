/*
 * Message ids (SPEC §11): offset ids and UNIQ_KEYs. Input: the id text, or a
 * comma-joined list of them. Oracle: a parsed offset id formats to the same text up
 * to hex case and parses back to the same value; uniq ids parse only at 32/56 chars.
 */
#include "fuzz_common.h"

#include <ctype.h>

static void one_id(const char *id, size_t len)
{
    rmq_host h;
    int64_t off;
    rmq_error err;
    int rc = rmq_offset_msgid_parse(id, len, &h, &off, &err);
    if (rc == RMQ_OK) {
        char text[57];
        size_t n = rmq_offset_msgid_format(&h, off, text);
        FUZZ_ASSERT(n == len, "offset id changed length");
        for (size_t i = 0; i < n; i++)
            FUZZ_ASSERT(toupper((unsigned char)id[i]) == text[i], "offset id changed text");
        char host[52];
        FUZZ_ASSERT(rmq_host_format(&h, host) == strlen(host), "host text length");
        char ip[40];
        FUZZ_ASSERT(rmq_ip_format(h.addr, h.addr_len, RMQ_IP_STYLE_UTILALL, ip) < 40, "ip text too long");
    } else {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_ASSERT(err.offset <= len, "msgid error offset past the id");
    }

    rmq_uniq_id u;
    rc = rmq_uniq_id_parse(id, len, &u, &err);
    if (rc == RMQ_OK) {
        FUZZ_ASSERT(len == 32 || len == 56, "uniq id of an odd length parsed");
        FUZZ_ASSERT(u.ip_len == (len == 32 ? 4 : 16), "uniq id address length");
        int64_t t = rmq_uniq_id_nearly_time(&u, 1700000000000LL, 480);
        FUZZ_ASSERT(t <= 1700000000000LL + 32LL * 86400000LL, "nearly time far in the future");
    } else {
        FUZZ_CHECK_ERROR(rc, err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    one_id(s, size);
    rmq_str list = {s, size}, id;
    size_t pos = 0, ids = 0;
    while (rmq_msgid_list_next(list, &pos, &id) && ids++ < 1024) {
        FUZZ_ASSERT(id.ptr >= s && id.ptr + id.len <= s + size, "list item outside the list");
        one_id(id.ptr, id.len);
    }

    /* the generator, driven by the input's first bytes */
    if (size >= 16) {
        rmq_uniq_gen g;
        int32_t tz = (int32_t)((data[4] << 8 | data[5]) % 1681) - 840;
        if (rmq_uniq_gen_init(&g, data, (data[6] & 1) ? 16 : 4, (uint16_t)(data[7] << 8 | data[8]),
                              (uint32_t)data[9] << 24 | (uint32_t)data[10] << 16, tz) == RMQ_OK) {
            int64_t now = (int64_t)((uint64_t)data[11] << 32 | (uint64_t)data[12] << 24 | (uint64_t)data[13] << 16) ;
            for (int i = 0; i < 4; i++) {
                char out[57];
                size_t n = rmq_uniq_gen_next(&g, now + i * (int64_t)data[14] * 86400000LL, out);
                rmq_uniq_id u;
                rmq_error err;
                FUZZ_ASSERT(rmq_uniq_id_parse(out, n, &u, &err) == RMQ_OK, "generated uniq id does not parse");
                FUZZ_ASSERT(!memcmp(u.ip, data, u.ip_len), "generated uniq id lost its address");
            }
        }
    }
    return 0;
}
