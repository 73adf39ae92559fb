#include "rmqwire/command.h"

#include "internal/ext_dups.h"

#include <string.h>

rmq_str rmq_str_from_cstr(const char *s)
{
    rmq_str r = {s, s ? strlen(s) : 0};
    return r;
}

bool rmq_str_equal(rmq_str a, rmq_str b)
{
    if (!a.ptr || !b.ptr) return !a.ptr && !b.ptr;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool rmq_str_equal_cstr(rmq_str s, const char *text)
{
    return s.ptr && text && rmq_str_equal(s, rmq_str_from_cstr(text));
}

void rmq_command_init(rmq_command *cmd)
{
    if (!cmd) return;
    memset(cmd, 0, sizeof *cmd);
    cmd->language = RMQ_LANG_JAVA;
    cmd->serialize_type = RMQ_SERIALIZE_JSON;
}

bool rmq_ext_get(const rmq_command *cmd, const char *key, size_t key_len, rmq_str *value)
{
    if (value) *value = RMQ_STR_NULL; /* what a caller that ignores the result reads */
    if (!cmd || !cmd->has_ext) return false;
    rmq_str k = {key, key_len};
    for (size_t i = cmd->ext_count; i-- > 0;) {
        if (rmq_str_equal(cmd->ext[i].key, k)) {
            if (value) *value = cmd->ext[i].value;
            return true;
        }
    }
    return false;
}

size_t rmq_ext_distinct_count(const rmq_command *cmd)
{
    if (!cmd || !cmd->has_ext) return 0;
    /* sorted in stack scratch up to DISTINCT_ON_STACK keys (the 4 KiB this function may use) */
    enum { DISTINCT_ON_STACK = 128 };
    if (cmd->ext_count <= DISTINCT_ON_STACK) {
        rmq_ext_sort_rec recs[2 * DISTINCT_ON_STACK];
        return rmq_ext_distinct_in(cmd->ext, cmd->ext_count, recs);
    }
    size_t n = 0;
    for (size_t i = 0; i < cmd->ext_count; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) seen = rmq_str_equal(cmd->ext[j].key, cmd->ext[i].key);
        n += !seen;
    }
    return n;
}
