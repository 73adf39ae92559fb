#include "internal/json_writer.h"
#include "rmqwire/json.h"

size_t rmq_json_quoted_size(const char *s, size_t len)
{
    if (!s && len) return 0;
    rmq_writer w;
    rmq_writer_init(&w, NULL, 0);
    rmq_jw_string(&w, s, len);
    return w.len;
}

size_t rmq_json_quote(char *out, size_t cap, const char *s, size_t len)
{
    if ((!out && cap) || (!s && len)) return 0;
    rmq_writer w;
    rmq_writer_init(&w, (uint8_t *)out, cap);
    rmq_jw_string(&w, s, len);
    return rmq_writer_overflowed(&w) ? 0 : w.len;
}
