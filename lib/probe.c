/* Stream probing and resynchronisation, on the frame checks every decoder makes. */
#include "rmqwire/probe.h"

#include "internal/error_set.h"
#include "internal/frame_check.h"

int rmq_stream_probe(const uint8_t *data, size_t len, uint32_t max_frame, size_t *need, rmq_error *err)
{
    if (!data && len) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    /* each check as soon as its bytes are there: a stream can be refused before 9 bytes */
    if (len >= RMQ_FRAME_PREFIX_LEN) {
        uint32_t total = rmq_load_be32(data);
        int rc = rmq_frame_length_check(total, max_frame, 0, err);
        if (rc) return rc;
        if (len >= 8) {
            rmq_serialize_type type = RMQ_SERIALIZE_JSON;
            size_t header_len = 0;
            rc = rmq_header_word_check(rmq_load_be32(data + 4), total, 4, &type, &header_len, err);
            if (rc) return rc;
            if (type == RMQ_SERIALIZE_ROCKETMQ && header_len < RMQ_ROCKETMQ_FIXED_HEADER)
                return rmq_fail(err, RMQ_ERR_RMQ_SHORT_HEADER, 4, NULL);
            if (type == RMQ_SERIALIZE_JSON && header_len == 0)
                return rmq_fail(err, RMQ_ERR_JSON_NOT_OBJECT, 8, "empty JSON header");
            if (len >= RMQ_PROBE_BYTES) {
                /* fastjson writes no whitespace: a header it wrote starts with its brace */
                if (type == RMQ_SERIALIZE_JSON && data[8] != '{')
                    return rmq_fail(err, RMQ_ERR_JSON_NOT_OBJECT, 8, "JSON header does not start with '{'");
                return RMQ_OK;
            }
        }
    }
    if (need) *need = RMQ_PROBE_BYTES - len;
    return RMQ_INCOMPLETE;
}

size_t rmq_find_frame_start(const uint8_t *data, size_t len, uint32_t max_frame)
{
    if (!data) return 0;
    for (size_t i = 0; i < len; i++) {
        int rc = rmq_stream_probe(data + i, len - i, max_frame, NULL, NULL);
        if (rc == RMQ_OK || rc == RMQ_INCOMPLETE) return i;
    }
    return len;
}
