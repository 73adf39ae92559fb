/* The zero-allocation frame view (SPEC §1). */
#include "internal/error_set.h"
#include "internal/frame_check.h"
#include "internal/header_codec.h"
#include "internal/limits.h"

int rmq_frame_peek(const uint8_t *data, size_t len, uint32_t max_frame, rmq_frame_view *view,
                   size_t *need, rmq_error *err)
{
    if ((!data && len) || !view || !need) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (len < RMQ_FRAME_PREFIX_LEN) {
        if (need) *need = RMQ_FRAME_PREFIX_LEN + 4 - len; /* at least prefix + header word */
        return RMQ_INCOMPLETE;
    }
    uint32_t total = rmq_load_be32(data);
    int rc = rmq_frame_length_check(total, max_frame, 0, err);
    if (rc) return rc;
    size_t frame_len = (size_t)total + RMQ_FRAME_PREFIX_LEN;
    if (len < frame_len) {
        if (need) *need = frame_len - len;
        return RMQ_INCOMPLETE;
    }
    rmq_frame_view v;
    rc = rmq_header_word_check(rmq_load_be32(data + 4), total, 4, &v.serialize_type, &v.header_len, err);
    if (rc) return rc;
    v.frame_len = frame_len;
    v.header = data + 8;
    v.body_len = total - 4 - v.header_len;
    v.body = v.body_len ? v.header + v.header_len : NULL;
    if (view) *view = v;
    return RMQ_OK;
}
