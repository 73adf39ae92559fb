/* Which decoder a body needs: by the request code, the send header, or the answered request. */
#include "rmqwire/body_kind.h"

#include "rmqwire/codes.h"
#include "rmqwire/headers.h"
#include "rmqwire/sysflag.h"

#include <string.h>

/* fastjson writes no leading whitespace, but a hand-written body may have some */
static bool looks_like_json(const uint8_t *b, size_t n)
{
    size_t i = 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
    return i < n && (b[i] == '{' || b[i] == '[');
}

static bool contains(const uint8_t *b, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (b[i] == (uint8_t)needle[0] && memcmp(b + i, needle, k) == 0) return true;
    return false;
}

static rmq_body_kind request_body(const rmq_command *cmd)
{
    rmq_send_request h;
    if (rmq_send_variant_for_code(cmd->code) != RMQ_SEND_NOT_A_SEND && rmq_send_request_decode(cmd, &h, NULL, NULL) == RMQ_OK) {
        if (cmd->code == RMQ_REQ_SEND_BATCH_MESSAGE || ((h.present & RMQ_SEND_BATCH) && h.batch)) return RMQ_BODY_BATCH;
        if ((h.present & RMQ_SEND_SYS_FLAG) && rmq_sysflag_compressed(h.sys_flag)) return RMQ_BODY_MESSAGE_COMPRESSED;
        return RMQ_BODY_MESSAGE;
    }
    return looks_like_json(cmd->body, cmd->body_len) ? RMQ_BODY_JSON : RMQ_BODY_BINARY;
}

static bool answers_with_messages(int32_t code)
{
    return code == RMQ_REQ_PULL_MESSAGE || code == RMQ_REQ_LITE_PULL_MESSAGE || code == RMQ_REQ_QUERY_MESSAGE ||
           code == RMQ_REQ_VIEW_MESSAGE_BY_ID;
}

rmq_body_kind rmq_body_kind_of(const rmq_command *cmd, int32_t request_code)
{
    if (!cmd || !cmd->body || cmd->body_len == 0) return RMQ_BODY_NONE;
    if (!rmq_command_is_response(cmd)) return request_body(cmd);
    bool json = looks_like_json(cmd->body, cmd->body_len);
    if (cmd->code == RMQ_RESP_SUCCESS) {
        if (request_code == RMQ_REQUEST_CODE_UNKNOWN) {
            /* joined mid-stream: the pull header's keys, or a route's own members */
            if (rmq_ext_get(cmd, "nextBeginOffset", 15, NULL)) return RMQ_BODY_STORED_MESSAGES;
            if (json && (contains(cmd->body, cmd->body_len, "\"brokerDatas\"") ||
                         contains(cmd->body, cmd->body_len, "\"queueDatas\"")))
                return RMQ_BODY_ROUTE;
        } else if (answers_with_messages(request_code)) {
            return RMQ_BODY_STORED_MESSAGES;
        } else if (request_code == RMQ_REQ_GET_ROUTEINFO_BY_TOPIC && json) {
            return RMQ_BODY_ROUTE;
        }
    }
    return json ? RMQ_BODY_JSON : RMQ_BODY_BINARY;
}

const char *rmq_body_kind_name(rmq_body_kind kind)
{
    static const char *const names[] = {"NONE", "MESSAGE", "MESSAGE_COMPRESSED", "BATCH", "STORED_MESSAGES",
                                        "ROUTE", "JSON", "BINARY"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : NULL;
}
