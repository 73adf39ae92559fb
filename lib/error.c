#include "internal/error_set.h"

#include <stddef.h>

typedef struct status_entry {
    int code;
    const char *name;
    const char *message;
} status_entry;

static const status_entry status_table[] = {
#define STATUS_ENTRY(name, value, message) {name, #name, message},
    RMQ_STATUS_LIST(STATUS_ENTRY)
#undef STATUS_ENTRY
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
        err->field = NULL;
    }
    return code;
}

int rmq_fail_field(rmq_error *err, int code, const char *field, const char *message)
{
    rmq_fail(err, code, 0, message);
    if (err) err->field = field;
    return code;
}
