/* Frame-level checks shared by the whole-frame decoder, the view and the splitter. */
#ifndef RMQ_INTERNAL_FRAME_CHECK_H
#define RMQ_INTERNAL_FRAME_CHECK_H

#include "bytes.h"
#include "error_set.h"
#include "header_codec.h"
#include "rmqwire/frame.h"

/* total_length against 4 and the limit (max_frame 0 = default); inline, as every
 * decode starts with it. */
static inline int rmq_frame_length_check(uint32_t total, uint32_t max_frame, size_t offset, rmq_error *err)
{
    if (max_frame == 0) max_frame = RMQ_DEFAULT_MAX_FRAME;
    /* Netty adds the 4-byte length field before comparing (SPEC §1.2) */
    if ((uint64_t)total + RMQ_FRAME_PREFIX_LEN > max_frame)
        return rmq_fail(err, RMQ_ERR_FRAME_TOO_LONG, offset, NULL);
    if (total < 4) return rmq_fail(err, RMQ_ERR_FRAME_TOO_SHORT, offset, NULL);
    return RMQ_OK;
}

/* Header word of a frame of frame_len bytes (prefix excluded, >= 4). */
static inline int rmq_header_word_check(uint32_t word, size_t frame_len, size_t offset, rmq_serialize_type *type,
                                        size_t *header_len, rmq_error *err)
{
    size_t len = word & RMQ_MAX_HEADER_FIELD;
    uint8_t t = (uint8_t)(word >> 24);
    if (len > frame_len - 4) return rmq_fail(err, RMQ_ERR_HEADER_LENGTH, offset, "bad header length");
    if (t != RMQ_SERIALIZE_JSON && t != RMQ_SERIALIZE_ROCKETMQ)
        return rmq_fail(err, RMQ_ERR_SERIALIZE_TYPE, offset, NULL);
    *type = (rmq_serialize_type)t;
    *header_len = len;
    return RMQ_OK;
}

#endif
