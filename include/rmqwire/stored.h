/* rmqwire — stored messages, as pull response bodies carry them (SPEC §10.2). */
#ifndef RMQWIRE_STORED_H
#define RMQWIRE_STORED_H

#include "command.h"
#include "error.h"
#include "msgid.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_STORED_MAGIC_V1 ((int32_t)0xDAA320A7)
#define RMQ_STORED_MAGIC_V2 ((int32_t)0xDAA320AB) /* 5.x: 2-byte topic length */
#define RMQ_STORED_MAGIC_BLANK ((int32_t)0xCBD43194)

/* One record; body, topic and properties point into the pull body. */
typedef struct rmq_stored_message {
    size_t record_offset;      /* offset of the record in the body given to the iterator */
    int32_t store_size;        /* TOTALSIZE */
    int32_t magic;
    int32_t body_crc;
    int32_t queue_id;
    int32_t flag;
    int64_t queue_offset;
    int64_t commit_log_offset;
    int32_t sys_flag;
    int64_t born_timestamp;
    rmq_host born_host;
    int64_t store_timestamp;
    rmq_host store_host;
    int32_t reconsume_times;
    int64_t prepared_transaction_offset;
    const uint8_t *body;       /* as stored: compressed when sys_flag has RMQ_MSG_COMPRESSED */
    size_t body_len;
    rmq_str topic;
    rmq_str properties;        /* §7 string, ptr NULL when PROPERTIESLEN <= 0 */
} rmq_stored_message;

/* Zero-allocation walk over a pull body. Treat the fields as private. */
typedef struct rmq_stored_iter {
    const uint8_t *data;
    size_t len;
    size_t pos;
    rmq_release release;
    uint32_t leniency;
} rmq_stored_iter;

/*
 * release 4.9.8: the topic length is always one signed byte (V2 records then fail,
 * as in Java 4.9.8). 5.3.3: the magic picks V1/V2 and must be one of them unless
 * leniency has RMQ_LENIENT_STORED_MAGIC. TOTALSIZE must match the fields unless
 * leniency has RMQ_LENIENT_BATCH_TOTAL_SIZE (Java ignores it).
 */
RMQ_API void rmq_stored_iter_init(rmq_stored_iter *it, const uint8_t *data, size_t len, rmq_release release,
                                  uint32_t leniency);

/* RMQ_OK and *msg for the next record, RMQ_DONE at the end, or a negative error
 * (RMQ_ERR_STORED_RECORD, err->offset inside the body). Java's decodes() stops at the
 * first bad record too. */
RMQ_API int rmq_stored_next(rmq_stored_iter *it, rmq_stored_message *msg, rmq_error *err);

/* CRC-32 (IEEE, as zlib's crc32) & 0x7FFFFFFF: what the broker stores as BODYCRC. */
RMQ_API int32_t rmq_body_crc(const uint8_t *body, size_t len);

/* BODYCRC check: rmq_body_crc of the stored body. */
RMQ_API bool rmq_stored_body_crc_ok(const rmq_stored_message *msg);

/* The offset msg id of the record (store host + commit-log offset); returns its length. */
RMQ_API size_t rmq_stored_offset_msgid(const rmq_stored_message *msg, char out[57]);

#ifdef __cplusplus
}
#endif
#endif
