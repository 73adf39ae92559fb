/*
 * API tour: split bytes into frames, decode a request, build a response and encode
 * it into a caller buffer. No heap: every byte lives in the arrays below.
 */
#include <rmqwire.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    /* A GET_ROUTEINFO_BY_TOPIC request as a Java client sends it (SPEC §15.2), arriving in two reads. */
    static const char header[] = "{\"code\":105,\"extFields\":{\"topic\":\"T1\"},\"flag\":0,\"language\":\"JAVA\","
                                 "\"opaque\":1,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}";
    uint8_t wire[256];
    size_t hlen = sizeof header - 1, n = 8 + hlen;
    wire[0] = 0; wire[1] = 0; wire[2] = (uint8_t)((4 + hlen) >> 8); wire[3] = (uint8_t)(4 + hlen);
    wire[4] = 0; wire[5] = 0; wire[6] = 0; wire[7] = (uint8_t)hlen;
    memcpy(wire + 8, header, hlen);

    /* gathers frames that arrive in pieces; this peer only takes frames up to its size */
    uint8_t split_buf[1024];
    rmq_splitter sp;
    rmq_error err;
    if (rmq_splitter_init(&sp, split_buf, sizeof split_buf, sizeof split_buf, &err) != RMQ_OK) {
        fprintf(stderr, "splitter: %s\n", err.message);
        return 1;
    }

    const size_t reads[2] = {5, n - 5};
    size_t at = 0;
    for (int i = 0; i < 2; i++) {
        const uint8_t *chunk = wire + at;
        size_t len = reads[i], off = 0;
        at += len;
        while (off < len) {
            rmq_split_result r;
            int rc = rmq_splitter_feed(&sp, chunk + off, len - off, &r, &err);
            off += r.consumed;
            if (rc == RMQ_INCOMPLETE) {
                printf("need %zu more bytes\n", r.need);
                break;
            }
            if (rc != RMQ_OK) {
                printf("framing error %s at %zu\n", rmq_status_name(rc), err.offset);
                return 1;
            }

            uint8_t scratch[4096];     /* ext array and unescaped strings go here */
            rmq_arena arena;
            rmq_arena_init(&arena, scratch, sizeof scratch);
            rmq_command req;
            if (rmq_frame_decode(r.frame, r.frame_len, NULL, &arena, &req, &err) != RMQ_OK) {
                printf("decode error %s at byte %zu: %s\n", rmq_status_name(err.code), err.offset, err.message);
                return 1;
            }
            rmq_str topic = RMQ_STR_NULL;
            rmq_ext_get(&req, "topic", 5, &topic);
            printf("%s opaque=%d topic=%.*s\n", rmq_request_code_name(req.code, RMQ_RELEASE_4_9_8), req.opaque,
                   (int)topic.len, topic.ptr);

            rmq_command resp;
            rmq_command_init(&resp);
            resp.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
            resp.code = RMQ_RESP_TOPIC_NOT_EXIST;
            resp.flag = RMQ_FLAG_RESPONSE;
            resp.opaque = req.opaque;
            resp.version = 409;
            resp.remark = rmq_str_from_cstr("No topic route info in name server for the topic: T1");
            size_t size, written;
            uint8_t out[256];
            if (rmq_frame_encoded_size(&resp, &size, &err) != RMQ_OK || size > sizeof out ||
                rmq_frame_encode(&resp, out, sizeof out, &written, &err) != RMQ_OK)
                return 1;
            printf("response: %zu bytes, %s\n", written, rmq_response_code_name(resp.code, RMQ_RELEASE_4_9_8));
        }
    }
    return 0;
}
