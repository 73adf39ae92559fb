#include "internal/error_set.h"

#include <stddef.h>

typedef struct status_entry {
    int code;
    const char *name;
    const char *message;
} status_entry;

static const status_entry status_table[] = {
    {RMQ_OK, "RMQ_OK", "success"},
    {RMQ_INCOMPLETE, "RMQ_INCOMPLETE", "more input needed"},
    {RMQ_ERR_INVALID_ARGUMENT, "RMQ_ERR_INVALID_ARGUMENT", "invalid argument"},
    {RMQ_ERR_NO_MEMORY, "RMQ_ERR_NO_MEMORY", "caller memory exhausted"},
    {RMQ_ERR_BUFFER_TOO_SMALL, "RMQ_ERR_BUFFER_TOO_SMALL", "output buffer too small"},
    {RMQ_ERR_TRUNCATED, "RMQ_ERR_TRUNCATED", "input shorter than the length it announces"},
    {RMQ_ERR_TRAILING_DATA, "RMQ_ERR_TRAILING_DATA", "bytes after the end of the frame"},
    {RMQ_ERR_FRAME_TOO_SHORT, "RMQ_ERR_FRAME_TOO_SHORT", "frame length smaller than 4"},
    {RMQ_ERR_FRAME_TOO_LONG, "RMQ_ERR_FRAME_TOO_LONG", "frame length above the maximum"},
    {RMQ_ERR_HEADER_LENGTH, "RMQ_ERR_HEADER_LENGTH", "header length larger than the frame"},
    {RMQ_ERR_SERIALIZE_TYPE, "RMQ_ERR_SERIALIZE_TYPE", "unknown serialize type"},
    {RMQ_ERR_HEADER_TOO_LONG, "RMQ_ERR_HEADER_TOO_LONG", "header above the configured maximum"},
    {RMQ_ERR_JSON_SYNTAX, "RMQ_ERR_JSON_SYNTAX", "malformed JSON"},
    {RMQ_ERR_JSON_NOT_OBJECT, "RMQ_ERR_JSON_NOT_OBJECT", "JSON header is not an object"},
    {RMQ_ERR_JSON_TRAILING, "RMQ_ERR_JSON_TRAILING", "text after the JSON header object"},
    {RMQ_ERR_JSON_DEPTH, "RMQ_ERR_JSON_DEPTH", "JSON nesting too deep"},
    {RMQ_ERR_JSON_NUMBER, "RMQ_ERR_JSON_NUMBER", "number is not a valid int32"},
    {RMQ_ERR_JSON_TYPE, "RMQ_ERR_JSON_TYPE", "JSON value of the wrong type"},
    {RMQ_ERR_JSON_LENIENT, "RMQ_ERR_JSON_LENIENT", "fastjson-only syntax not allowed by the options"},
    {RMQ_ERR_JSON_DUPLICATE_KEY, "RMQ_ERR_JSON_DUPLICATE_KEY", "duplicate JSON key"},
    {RMQ_ERR_JSON_MISSING_OPAQUE, "RMQ_ERR_JSON_MISSING_OPAQUE", "JSON header has no opaque"},
    {RMQ_ERR_LANGUAGE, "RMQ_ERR_LANGUAGE", "unknown language"},
    {RMQ_ERR_UTF8, "RMQ_ERR_UTF8", "invalid UTF-8"},
    {RMQ_ERR_JSON_ESCAPE, "RMQ_ERR_JSON_ESCAPE", "invalid escape in JSON string"},
    {RMQ_ERR_RMQ_SHORT_HEADER, "RMQ_ERR_RMQ_SHORT_HEADER", "ROCKETMQ header shorter than 21 bytes"},
    {RMQ_ERR_RMQ_REMARK_LENGTH, "RMQ_ERR_RMQ_REMARK_LENGTH", "ROCKETMQ remark length out of range"},
    {RMQ_ERR_RMQ_EXT_LENGTH, "RMQ_ERR_RMQ_EXT_LENGTH", "ROCKETMQ extFields length out of range"},
    {RMQ_ERR_RMQ_KEY_LENGTH, "RMQ_ERR_RMQ_KEY_LENGTH", "ROCKETMQ ext key length out of range"},
    {RMQ_ERR_RMQ_VALUE_LENGTH, "RMQ_ERR_RMQ_VALUE_LENGTH", "ROCKETMQ ext value length out of range"},
    {RMQ_ERR_RMQ_HEADER_SLACK, "RMQ_ERR_RMQ_HEADER_SLACK", "ROCKETMQ header length larger than its fields"},
    {RMQ_ERR_TOO_MANY_FIELDS, "RMQ_ERR_TOO_MANY_FIELDS", "too many ext fields"},
    {RMQ_ERR_STRING_TOO_LONG, "RMQ_ERR_STRING_TOO_LONG", "string too long"},
    {RMQ_ERR_UNREPRESENTABLE, "RMQ_ERR_UNREPRESENTABLE", "value cannot be carried by this encoding"},
    {RMQ_ERR_SPLIT_NO_ROOM, "RMQ_ERR_SPLIT_NO_ROOM", "splitter buffer too small for this frame"},
    {RMQ_ERR_SPLITTER_FAILED, "RMQ_ERR_SPLITTER_FAILED", "splitter failed earlier; reset it"},
    {RMQ_ERR_INFLATE, "RMQ_ERR_INFLATE", "compressed body is not a valid zlib stream"},
    {RMQ_ERR_INFLATE_LIMIT, "RMQ_ERR_INFLATE_LIMIT", "inflated body exceeds the maximum"},
    {RMQ_ERR_DEFLATE, "RMQ_ERR_DEFLATE", "compression failed"},
    {RMQ_ERR_FIELD_VALUE, "RMQ_ERR_FIELD_VALUE", "header field value Java cannot parse"},
    {RMQ_ERR_WRONG_HEADER, "RMQ_ERR_WRONG_HEADER", "header type does not match the request code"},
    {RMQ_ERR_BATCH_RECORD, "RMQ_ERR_BATCH_RECORD", "malformed batch record"},
    {RMQ_ERR_STORED_RECORD, "RMQ_ERR_STORED_RECORD", "malformed stored message record"},
    {RMQ_ERR_MSGID, "RMQ_ERR_MSGID", "malformed message id"},
    {RMQ_ERR_UNKNOWN_OPAQUE, "RMQ_ERR_UNKNOWN_OPAQUE", "no pending request with this opaque"},
    {RMQ_ERR_DUPLICATE_OPAQUE, "RMQ_ERR_DUPLICATE_OPAQUE", "a request with this opaque is already pending"},
    {RMQ_ERR_TABLE_FULL, "RMQ_ERR_TABLE_FULL", "pending-request table full"},
    {RMQ_DONE, "RMQ_DONE", "no more records"},
    {RMQ_ERR_FIELD_MISSING, "RMQ_ERR_FIELD_MISSING", "a header field Java needs is missing"},
};

static const status_entry *find_status(int code)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].code == code) return &status_table[i];
    return NULL;
}

const char *rmq_strerror(int code)
{
    const status_entry *e = find_status(code);
    return e ? e->message : "unknown error code";
}

const char *rmq_status_name(int code)
{
    const status_entry *e = find_status(code);
    return e ? e->name : NULL;
}

int rmq_fail(rmq_error *err, int code, size_t offset, const char *message)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        err->message = message ? message : rmq_strerror(code);
    }
    return code;
}
