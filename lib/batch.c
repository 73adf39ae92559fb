/* Batch bodies (SPEC §10.1): MessageDecoder.encodeMessages / decodeMessages. */
#include "rmqwire/batch.h"

#include "internal/bytes.h"
#include "internal/error_set.h"
#include "rmqwire/options.h"

void rmq_batch_iter_init(rmq_batch_iter *it, const uint8_t *data, size_t len, uint32_t leniency)
{
    if (!it) return;
    it->data = data;
    it->len = data ? len : 0;
    it->pos = 0;
    it->leniency = leniency;
}

int rmq_batch_next(rmq_batch_iter *it, rmq_batch_record *rec, rmq_error *err)
{
    if (!it || !rec) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (it->pos >= it->len) return RMQ_DONE;
    size_t start = it->pos;
    rmq_reader r;
    rmq_reader_init(&r, it->data, it->len);
    r.pos = start;
    int32_t total, magic, crc, body_len;
    int16_t props_len;
    const uint8_t *body, *props;
    if (!rmq_read_be32(&r, &total) || !rmq_read_be32(&r, &magic) || !rmq_read_be32(&r, &crc) ||
        !rmq_read_be32(&r, &rec->flag) || !rmq_read_be32(&r, &body_len))
        return rmq_fail(err, RMQ_ERR_BATCH_RECORD, start, "record header truncated");
    if (body_len < 0 || !rmq_read_span(&r, (size_t)body_len, &body))
        return rmq_fail(err, RMQ_ERR_BATCH_RECORD, start + 16, "body length out of range");
    if (!rmq_read_be16(&r, &props_len) || props_len < 0 || !rmq_read_span(&r, (size_t)props_len, &props))
        return rmq_fail(err, RMQ_ERR_BATCH_RECORD, start + 20 + (size_t)body_len, "properties length out of range");
    if ((size_t)(uint32_t)total != r.pos - start && !(it->leniency & RMQ_LENIENT_BATCH_TOTAL_SIZE))
        return rmq_fail(err, RMQ_ERR_BATCH_RECORD, start, "TOTALSIZE disagrees with the record");
    rec->body = body;
    rec->body_len = (size_t)body_len;
    rec->properties.ptr = (const char *)props;
    rec->properties.len = (size_t)props_len;
    it->pos = r.pos;
    return RMQ_OK;
}

static int encode(const rmq_batch_record *recs, size_t count, rmq_writer *w, rmq_error *err)
{
    if (count && !recs) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    for (size_t i = 0; i < count; i++) {
        const rmq_batch_record *m = &recs[i];
        size_t props = m->properties.ptr ? m->properties.len : 0;
        if ((m->body_len && !m->body) || props > INT16_MAX)
            return rmq_fail(err, props > INT16_MAX ? RMQ_ERR_UNREPRESENTABLE : RMQ_ERR_INVALID_ARGUMENT, i, NULL);
        if (m->body_len > (size_t)INT32_MAX - RMQ_BATCH_RECORD_OVERHEAD - props)
            return rmq_fail(err, RMQ_ERR_UNREPRESENTABLE, i, "record longer than 2 GiB");
        rmq_write_be32(w, (uint32_t)(RMQ_BATCH_RECORD_OVERHEAD + m->body_len + props));
        rmq_write_be32(w, 0); /* MAGICCODE: unused in a batch */
        rmq_write_be32(w, 0); /* BODYCRC: the broker computes it */
        rmq_write_be32(w, (uint32_t)m->flag);
        rmq_write_be32(w, (uint32_t)m->body_len);
        rmq_write_bytes(w, m->body, m->body_len);
        rmq_write_be16(w, (uint16_t)props);
        if (props) rmq_write_bytes(w, m->properties.ptr, props);
    }
    return RMQ_OK;
}

int rmq_batch_encoded_size(const rmq_batch_record *recs, size_t count, size_t *size, rmq_error *err)
{
    if (!size) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    int rc = encode(recs, count, &w, err);
    if (rc == RMQ_OK && size) *size = w.len;
    return rc;
}

int rmq_batch_encode(const rmq_batch_record *recs, size_t count, uint8_t *out, size_t cap, size_t *written,
                     rmq_error *err)
{
    rmq_writer w;
    rmq_writer_init(&w, out, cap);
    int rc = encode(recs, count, &w, err);
    if (rc) return rc;
    if (rmq_writer_overflowed(&w)) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    if (written) *written = w.len;
    return RMQ_OK;
}
