#include "rmqwire/sysflag.h"

void rmq_perm_to_string(int32_t perm, char out[4])
{
    if (!out) return;
    out[0] = rmq_perm_readable(perm) ? 'R' : '-';
    out[1] = rmq_perm_writeable(perm) ? 'W' : '-';
    out[2] = rmq_perm_inherited(perm) ? 'X' : '-';
    out[3] = 0;
}

typedef struct flag_name {
    int32_t bit;
    const char *name;
} flag_name;

/* Appends "|name" (no bar first) as far as it fits; counts the whole length. */
static void put_name(char *out, size_t cap, size_t *len, const char *name)
{
    const char *parts[2] = {*len ? "|" : "", name};
    for (int p = 0; p < 2; p++)
        for (const char *c = parts[p]; *c; c++, (*len)++)
            if (*len + 1 < cap) out[*len] = *c;
}

static size_t finish(char *out, size_t cap, size_t len)
{
    if (cap) out[len < cap ? len : cap - 1] = 0;
    return len;
}

static size_t bit_names(int32_t v, const flag_name *names, size_t count, char *out, size_t cap, size_t len)
{
    for (size_t i = 0; i < count; i++)
        if (v & names[i].bit) put_name(out, cap, &len, names[i].name);
    return len;
}

size_t rmq_sys_flag_names(int32_t f, char *out, size_t cap)
{
    static const flag_name bits[] = {{RMQ_MSG_COMPRESSED, "COMPRESSED"},   {RMQ_MSG_MULTI_TAGS, "MULTI_TAGS"},
                                     {RMQ_MSG_BORNHOST_V6, "BORNHOST_V6"}, {RMQ_MSG_STOREHOST_V6, "STOREHOST_V6"},
                                     {RMQ_MSG_NEED_UNWRAP, "NEED_UNWRAP"}, {RMQ_MSG_INNER_BATCH, "INNER_BATCH"}};
    static const char *const tx[] = {"TRANSACTION_NOT_TYPE", "TRANSACTION_PREPARED", "TRANSACTION_COMMIT",
                                     "TRANSACTION_ROLLBACK"};
    static const char *const compression[] = {"COMPRESSION_ZLIB", "COMPRESSION_LZ4", "COMPRESSION_ZSTD",
                                              "COMPRESSION_ZLIB"};
    if (!out) cap = 0;
    size_t len = bit_names(f, bits, sizeof bits / sizeof bits[0], out, cap, 0);
    put_name(out, cap, &len, tx[rmq_sysflag_transaction(f) >> 2]);
    if (rmq_sysflag_compressed(f)) {
        rmq_compression c = rmq_sysflag_compression(f);
        put_name(out, cap, &len, c == RMQ_COMPRESSION_INVALID ? "COMPRESSION_INVALID" : compression[c]);
    }
    return finish(out, cap, len);
}

size_t rmq_pull_sys_flag_names(int32_t f, char *out, size_t cap)
{
    static const flag_name bits[] = {{RMQ_PULL_COMMIT_OFFSET, "COMMIT_OFFSET"}, {RMQ_PULL_SUSPEND, "SUSPEND"},
                                     {RMQ_PULL_SUBSCRIPTION, "SUBSCRIPTION"},   {RMQ_PULL_CLASS_FILTER, "CLASS_FILTER"},
                                     {RMQ_PULL_LITE_PULL, "LITE_PULL"}};
    if (!out) cap = 0;
    return finish(out, cap, bit_names(f, bits, sizeof bits / sizeof bits[0], out, cap, 0));
}

size_t rmq_perm_names(int32_t perm, char *out, size_t cap)
{
    static const flag_name bits[] = {{RMQ_PERM_PRIORITY, "PRIORITY"}, {RMQ_PERM_READ, "READ"},
                                     {RMQ_PERM_WRITE, "WRITE"},       {RMQ_PERM_INHERIT, "INHERIT"}};
    if (!out) cap = 0;
    return finish(out, cap, bit_names(perm, bits, sizeof bits / sizeof bits[0], out, cap, 0));
}
