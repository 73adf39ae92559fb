/*
 * Stored messages in pull bodies (SPEC §10.2), both releases, strict and lenient.
 * Oracle: records lie inside the body, in order; the offset msg id of each record
 * parses back to its store host and offset; properties parse; compressed bodies
 * inflate within the limit or fail cleanly.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t zscratch[RMQ_ZLIB_INFLATE_SCRATCH + 4096];
    static uint8_t inflated[1 << 16];
    static uint8_t pscratch[1 << 20];
    for (int mode = 0; mode < 4; mode++) {
        rmq_stored_iter it;
        rmq_stored_iter_init(&it, data, size, (mode & 1) ? RMQ_RELEASE_4_9_8 : RMQ_RELEASE_5_3_3,
                             (mode & 2) ? (RMQ_LENIENT_STORED_MAGIC | RMQ_LENIENT_BATCH_TOTAL_SIZE) : 0);
        rmq_stored_message m;
        rmq_error err;
        int rc;
        size_t last_end = 0;
        while ((rc = rmq_stored_next(&it, &m, &err)) == RMQ_OK) {
            FUZZ_ASSERT(m.record_offset >= last_end && m.record_offset < size, "record out of order");
            last_end = m.record_offset + 1;
            FUZZ_ASSERT(m.body_len == 0 || (m.body >= data && m.body + m.body_len <= data + size), "body outside");
            FUZZ_ASSERT(!m.topic.len || ((const uint8_t *)m.topic.ptr >= data &&
                                         (const uint8_t *)m.topic.ptr + m.topic.len <= data + size), "topic outside");
            FUZZ_ASSERT(m.born_host.addr_len == 4 || m.born_host.addr_len == 16, "born host length");
            FUZZ_ASSERT(m.store_host.addr_len == 4 || m.store_host.addr_len == 16, "store host length");
            (void)rmq_stored_body_crc_ok(&m);
            char id[57], hostbuf[52];
            size_t idlen = rmq_stored_offset_msgid(&m, id);
            FUZZ_ASSERT(idlen == (m.store_host.addr_len == 4 ? 32u : 56u) && strlen(id) == idlen, "offset msg id length");
            rmq_host h;
            int64_t off;
            FUZZ_ASSERT(rmq_offset_msgid_parse(id, idlen, &h, &off, &err) == RMQ_OK, "our offset msg id does not parse");
            FUZZ_ASSERT(off == m.commit_log_offset && h.port == m.store_host.port && h.addr_len == m.store_host.addr_len &&
                            !memcmp(h.addr, m.store_host.addr, h.addr_len), "offset msg id changed host or offset");
            FUZZ_ASSERT(rmq_host_format(&m.born_host, hostbuf) < 52, "host text too long");
            if (m.properties.ptr) {
                rmq_arena a;
                rmq_arena_init(&a, pscratch, sizeof pscratch);
                rmq_property *props;
                size_t count;
                FUZZ_ASSERT(rmq_properties_parse(m.properties.ptr, m.properties.len, &a, &props, &count, &err) == RMQ_OK,
                            "stored properties do not parse");
            }
            if (rmq_sysflag_compressed(m.sys_flag) && mode == 0) {
                rmq_arena z;
                rmq_arena_init(&z, zscratch, sizeof zscratch);
                size_t written = 0;
                rc = rmq_zlib_inflate(m.body, m.body_len, &z, inflated, sizeof inflated, &written, &err);
                if (rc != RMQ_OK) FUZZ_CHECK_ERROR(rc, err);
                FUZZ_ASSERT(rc == RMQ_OK || rc == RMQ_ERR_INFLATE || rc == RMQ_ERR_INFLATE_LIMIT, "unexpected inflate error");
                FUZZ_ASSERT(written <= sizeof inflated, "inflate past the limit");
            }
        }
        if (rc < 0) {
            FUZZ_CHECK_ERROR(rc, err);
            FUZZ_ASSERT(err.offset <= size, "stored error offset past the body");
        }
    }
    return 0;
}
