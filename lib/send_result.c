/* SendResult from a send response (SPEC §6.5). */
#include "rmqwire/send_result.h"

#include "internal/error_set.h"
#include "rmqwire/codes.h"
#include "rmqwire/headers.h"

#include <string.h>

rmq_send_status rmq_send_status_from_code(int32_t code)
{
    switch (code) {
    case RMQ_RESP_SUCCESS: return RMQ_SEND_OK;
    case RMQ_RESP_FLUSH_DISK_TIMEOUT: return RMQ_SEND_FLUSH_DISK_TIMEOUT;
    case RMQ_RESP_FLUSH_SLAVE_TIMEOUT: return RMQ_SEND_FLUSH_SLAVE_TIMEOUT;
    case RMQ_RESP_SLAVE_NOT_AVAILABLE: return RMQ_SEND_SLAVE_NOT_AVAILABLE;
    default: return RMQ_SEND_BROKER_ERROR;
    }
}

const char *rmq_send_status_name(rmq_send_status status)
{
    switch (status) {
    case RMQ_SEND_OK: return "SEND_OK";
    case RMQ_SEND_FLUSH_DISK_TIMEOUT: return "FLUSH_DISK_TIMEOUT";
    case RMQ_SEND_FLUSH_SLAVE_TIMEOUT: return "FLUSH_SLAVE_TIMEOUT";
    case RMQ_SEND_SLAVE_NOT_AVAILABLE: return "SLAVE_NOT_AVAILABLE";
    default: return "BROKER_ERROR";
    }
}

int rmq_send_result_from_response(const rmq_command *resp, rmq_str uniq_key, rmq_str batch_inner_keys,
                                  rmq_send_result *out, rmq_error *err)
{
    if (!resp || !out) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (!rmq_command_is_response(resp)) return rmq_fail(err, RMQ_ERR_WRONG_HEADER, 0, "a request, not a send response");
    memset(out, 0, sizeof *out);
    out->code = resp->code;
    out->remark = resp->remark;
    out->status = rmq_send_status_from_code(resp->code);
    if (out->status == RMQ_SEND_BROKER_ERROR) return RMQ_OK;

    rmq_send_response h;
    int rc = rmq_send_response_decode(resp, &h, NULL, err);
    if (rc) return rc;
    /* Java only logs a missing field, then unboxes queueId and queueOffset: a NullPointerException */
    if (!(h.present & RMQ_SEND_RESP_QUEUE_ID))
        return rmq_fail_field(err, RMQ_ERR_FIELD_MISSING, "queueId", "send response without queueId");
    if (!(h.present & RMQ_SEND_RESP_QUEUE_OFFSET))
        return rmq_fail_field(err, RMQ_ERR_FIELD_MISSING, "queueOffset", "send response without queueOffset");
    out->offset_msg_id = h.msg_id;
    out->queue_id = h.queue_id;
    out->queue_offset = h.queue_offset;
    out->transaction_id = h.transaction_id;
    out->recall_handle = h.recall_handle;
    out->batch_uniq_id = h.batch_uniq_id;
    out->msg_id = (batch_inner_keys.ptr && !h.batch_uniq_id.ptr) ? batch_inner_keys : uniq_key;

    /* absent ext fields behave as an empty map */
    rmq_str region = RMQ_STR_NULL, trace = RMQ_STR_NULL;
    rmq_ext_get(resp, "MSG_REGION", 10, &region);
    rmq_ext_get(resp, "TRACE_ON", 8, &trace);
    out->region_id = (region.ptr && region.len) ? region : rmq_str_from_cstr("DefaultRegion");
    out->trace_on = !rmq_str_equal_cstr(trace, "false");
    return RMQ_OK;
}

bool rmq_send_should_retry(const rmq_send_result *r, rmq_release release, bool retry_another_broker_when_not_store_ok)
{
    if (!r) return false;
    if (r->status == RMQ_SEND_OK) return false;
    if (r->status != RMQ_SEND_BROKER_ERROR) return retry_another_broker_when_not_store_ok;
    switch (r->code) {
    case RMQ_RESP_TOPIC_NOT_EXIST:
    case RMQ_RESP_SERVICE_NOT_AVAILABLE:
    case RMQ_RESP_SYSTEM_ERROR:
    case RMQ_RESP_NO_PERMISSION:
    case RMQ_RESP_NO_BUYER_ID:
    case RMQ_RESP_NOT_IN_CURRENT_UNIT:
        return true;
    case RMQ_RESP_SYSTEM_BUSY: case RMQ_RESP_GO_AWAY: return release == RMQ_RELEASE_5_3_3;
    default: return false;
    }
}

bool rmq_msgid_list_next(rmq_str list, size_t *pos, rmq_str *id)
{
    if (!pos || !id) return false;
    if (!list.ptr || *pos >= list.len) return false;
    size_t start = *pos;
    while (*pos < list.len && list.ptr[*pos] != ',') (*pos)++;
    id->ptr = list.ptr + start;
    id->len = *pos - start;
    if (*pos < list.len) (*pos)++;
    return true;
}
