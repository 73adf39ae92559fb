/* Frame-level checks shared by the whole-frame decoder, the view and the splitter. */
#ifndef RMQ_INTERNAL_FRAME_CHECK_H
#define RMQ_INTERNAL_FRAME_CHECK_H

#include "bytes.h"
#include "rmqwire/frame.h"

/* total_length against 4 and the limit (max_frame 0 = default). */
int rmq_frame_length_check(uint32_t total, uint32_t max_frame, size_t offset, rmq_error *err);

/* Header word of a frame of frame_len bytes (prefix excluded, >= 4). */
int rmq_header_word_check(uint32_t word, size_t frame_len, size_t offset, rmq_serialize_type *type,
                          size_t *header_len, rmq_error *err);

#endif
