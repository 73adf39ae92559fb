/* rmqwire — what a Java producer makes of a send response (SPEC §6.5). */
#ifndef RMQWIRE_SEND_RESULT_H
#define RMQWIRE_SEND_RESULT_H

#include "command.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rmq_send_status {
    RMQ_SEND_OK = 0,
    RMQ_SEND_FLUSH_DISK_TIMEOUT = 1,
    RMQ_SEND_FLUSH_SLAVE_TIMEOUT = 2,
    RMQ_SEND_SLAVE_NOT_AVAILABLE = 3,
    RMQ_SEND_BROKER_ERROR = 4   /* any other code: Java throws MQBrokerException(code, remark) */
} rmq_send_status;

/* SUCCESS → OK, 10 → FLUSH_DISK_TIMEOUT, 12 → FLUSH_SLAVE_TIMEOUT, 11 → SLAVE_NOT_AVAILABLE. */
RMQ_API rmq_send_status rmq_send_status_from_code(int32_t code);
RMQ_API const char *rmq_send_status_name(rmq_send_status status);

typedef struct rmq_send_result {
    rmq_send_status status;
    int32_t code;            /* the response code */
    rmq_str remark;          /* for BROKER_ERROR: the broker's reason */
    rmq_str msg_id;          /* the client id: UNIQ_KEY, or the batch's inner keys joined */
    rmq_str offset_msg_id;   /* header msgId: broker offset id(s), comma-joined for a batch */
    int32_t queue_id;
    int64_t queue_offset;
    rmq_str transaction_id;
    rmq_str region_id;       /* MSG_REGION, "DefaultRegion" when absent or empty */
    bool trace_on;           /* false only when TRACE_ON is exactly "false" */
    rmq_str recall_handle;   /* 5.x */
    rmq_str batch_uniq_id;   /* 5.x */
} rmq_send_result;

/*
 * MQClientAPIImpl.processSendResponse. uniq_key is the sent message's UNIQ_KEY (for
 * a batch: the batch's own, 5.x); batch_inner_keys is NULL for a single message, or
 * the inner messages' UNIQ_KEYs joined with ','. Java reports the inner keys unless
 * a 5.3.3 response carries batchUniqId. For BROKER_ERROR only status, code and remark
 * are set (and RMQ_OK is returned: the result is the error). Fails with
 * RMQ_ERR_FIELD_VALUE when a success response's header cannot be parsed, with
 * RMQ_ERR_FIELD_MISSING when it has no queueId or queueOffset (Java only logs the
 * missing field, then fails unboxing it; a missing msgId leaves offset_msg_id
 * null, as in Java), and with RMQ_ERR_WRONG_HEADER for a command that is not a
 * response.
 */
RMQ_API int rmq_send_result_from_response(const rmq_command *resp, rmq_str uniq_key, rmq_str batch_inner_keys,
                                          rmq_send_result *out, rmq_error *err);

/*
 * DefaultMQProducerImpl's retry decision for a sync send: broker errors in
 * retryResponseCodes (17, 14, 1, 16, 204, 205; 5.3.3 adds 2 and 1500) are retried;
 * a non-OK store status only when retry_another_broker_when_not_store_ok.
 */
RMQ_API bool rmq_send_should_retry(const rmq_send_result *r, rmq_release release,
                                   bool retry_another_broker_when_not_store_ok);

/* Next id of a comma-joined id list (batch msgId / offsetMsgId). */
RMQ_API bool rmq_msgid_list_next(rmq_str list, size_t *pos, rmq_str *id);

#ifdef __cplusplus
}
#endif
#endif
