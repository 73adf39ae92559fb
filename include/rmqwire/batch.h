/* rmqwire — SEND_BATCH_MESSAGE bodies (SPEC §10.1). */
#ifndef RMQWIRE_BATCH_H
#define RMQWIRE_BATCH_H

#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed bytes of one record: TOTALSIZE MAGICCODE BODYCRC FLAG BODYLEN + PROPERTIESLEN. */
#define RMQ_BATCH_RECORD_OVERHEAD 22u

/* One message of a batch; body and properties point into the batch body. */
typedef struct rmq_batch_record {
    int32_t flag;
    const uint8_t *body;     /* never NULL for a decoded record (may have length 0) */
    size_t body_len;
    rmq_str properties;      /* the §7 string of this message ("" when empty) */
} rmq_batch_record;

/* Zero-allocation walk over a batch body. Treat the fields as private. */
typedef struct rmq_batch_iter {
    const uint8_t *data;
    size_t len;
    size_t pos;
    uint32_t leniency;
} rmq_batch_iter;

/* leniency: RMQ_LENIENT_BATCH_TOTAL_SIZE accepts a TOTALSIZE that disagrees with the
 * lengths (Java never reads it); without it such a record is RMQ_ERR_BATCH_RECORD. */
RMQ_API void rmq_batch_iter_init(rmq_batch_iter *it, const uint8_t *data, size_t len, uint32_t leniency);

/* RMQ_OK and *rec for the next record, RMQ_DONE at the end, or a negative error with
 * err->offset at the bad record (negative or overlong lengths). */
RMQ_API int rmq_batch_next(rmq_batch_iter *it, rmq_batch_record *rec, rmq_error *err);

/* MessageDecoder.encodeMessages: one record per entry, in order. Properties longer
 * than 32767 bytes cannot be carried (RMQ_ERR_UNREPRESENTABLE; 4.9.8 throws too). */
RMQ_API int rmq_batch_encoded_size(const rmq_batch_record *recs, size_t count, size_t *size, rmq_error *err);
RMQ_API int rmq_batch_encode(const rmq_batch_record *recs, size_t count, uint8_t *out, size_t cap,
                             size_t *written, rmq_error *err);

#ifdef __cplusplus
}
#endif
#endif
