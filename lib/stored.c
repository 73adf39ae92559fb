/* Stored message records (SPEC §10.2): MessageDecoder.decode as the client runs it. */
#include "rmqwire/stored.h"

#include "internal/bytes.h"
#include "internal/error_set.h"
#include "rmqwire/options.h"
#include "rmqwire/sysflag.h"

#include <string.h>
#include <zlib.h>

void rmq_stored_iter_init(rmq_stored_iter *it, const uint8_t *data, size_t len, rmq_release release,
                          uint32_t leniency)
{
    if (!it) return;
    it->data = data;
    it->len = data ? len : 0;
    it->pos = 0;
    it->release = release;
    it->leniency = leniency;
}

static bool read_host(rmq_reader *r, bool v6, rmq_host *h)
{
    const uint8_t *a;
    size_t n = v6 ? 16 : 4;
    memset(h, 0, sizeof *h);
    if (!rmq_read_span(r, n, &a) || !rmq_read_be32(r, &h->port)) return false;
    memcpy(h->addr, a, n);
    h->addr_len = (uint8_t)n;
    return true;
}

#define BAD(at, why) rmq_fail(err, RMQ_ERR_STORED_RECORD, (at), (why))

int rmq_stored_next(rmq_stored_iter *it, rmq_stored_message *m, rmq_error *err)
{
    if (!it || !m) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (it->pos >= it->len) return RMQ_DONE;
    rmq_reader r;
    rmq_reader_init(&r, it->data, it->len);
    r.pos = it->pos;
    memset(m, 0, sizeof *m);
    m->record_offset = it->pos;
    if (!rmq_read_be32(&r, &m->store_size) || !rmq_read_be32(&r, &m->magic) || !rmq_read_be32(&r, &m->body_crc) ||
        !rmq_read_be32(&r, &m->queue_id) || !rmq_read_be32(&r, &m->flag) || !rmq_read_be64(&r, &m->queue_offset) ||
        !rmq_read_be64(&r, &m->commit_log_offset) || !rmq_read_be32(&r, &m->sys_flag) ||
        !rmq_read_be64(&r, &m->born_timestamp))
        return BAD(it->pos, "record truncated");
    bool v2 = false;
    if (it->release == RMQ_RELEASE_5_3_3) {
        if (m->magic == RMQ_STORED_MAGIC_V2) v2 = true;
        else if (m->magic != RMQ_STORED_MAGIC_V1 && !(it->leniency & RMQ_LENIENT_STORED_MAGIC))
            return BAD(it->pos + 4, "unknown magic code");
    }
    if (!read_host(&r, (m->sys_flag & RMQ_MSG_BORNHOST_V6) != 0, &m->born_host) ||
        !rmq_read_be64(&r, &m->store_timestamp) ||
        !read_host(&r, (m->sys_flag & RMQ_MSG_STOREHOST_V6) != 0, &m->store_host) ||
        !rmq_read_be32(&r, &m->reconsume_times) || !rmq_read_be64(&r, &m->prepared_transaction_offset))
        return BAD(it->pos, "record truncated");
    size_t at = r.pos;
    int32_t body_len;
    if (!rmq_read_be32(&r, &body_len) || body_len < 0 || !rmq_read_span(&r, (size_t)body_len, &m->body))
        return BAD(at, "body length out of range");
    m->body_len = (size_t)body_len;
    at = r.pos;
    size_t topic_len;
    if (v2) {
        int16_t t;
        if (!rmq_read_be16(&r, &t) || t < 0) return BAD(at, "topic length out of range");
        topic_len = (size_t)t;
    } else {
        uint8_t t;
        /* a signed byte in Java: topics over 127 bytes fail */
        if (!rmq_read_u8(&r, &t) || t > 127) return BAD(at, "topic length out of range");
        topic_len = t;
    }
    const uint8_t *topic;
    if (!rmq_read_span(&r, topic_len, &topic)) return BAD(at, "topic length out of range");
    m->topic.ptr = (const char *)topic;
    m->topic.len = topic_len;
    at = r.pos;
    int16_t props_len;
    if (!rmq_read_be16(&r, &props_len)) return BAD(at, "record truncated");
    if (props_len > 0) {
        const uint8_t *props;
        if (!rmq_read_span(&r, (size_t)props_len, &props)) return BAD(at, "properties length out of range");
        m->properties.ptr = (const char *)props;
        m->properties.len = (size_t)props_len;
    }
    if ((size_t)(uint32_t)m->store_size != r.pos - it->pos && !(it->leniency & RMQ_LENIENT_BATCH_TOTAL_SIZE))
        return BAD(it->pos, "TOTALSIZE disagrees with the record");
    it->pos = r.pos;
    return RMQ_OK;
}

int32_t rmq_body_crc(const uint8_t *body, size_t len)
{
    if (!body) return 0;
    uLong crc = crc32(0L, Z_NULL, 0);
    while (len) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
        crc = crc32(crc, body, n);
        body += n;
        len -= n;
    }
    return (int32_t)(crc & 0x7FFFFFFF);
}

bool rmq_stored_body_crc_ok(const rmq_stored_message *m)
{
    return m && rmq_body_crc(m->body, m->body_len) == m->body_crc;
}

size_t rmq_stored_offset_msgid(const rmq_stored_message *m, char out[57])
{
    if (!m || !out) return 0;
    return rmq_offset_msgid_format(&m->store_host, m->commit_log_offset, out);
}
