/* Message ids (SPEC §11): UtilAll hex, offset ids, client unique ids. */
#include "rmqwire/msgid.h"

#include "internal/error_set.h"
#include "internal/hex.h"

#include <stdio.h>
#include <string.h>

static size_t hex_put(char *out, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = rmq_hex_upper[b[i] >> 4];
        out[2 * i + 1] = rmq_hex_upper[b[i] & 15];
    }
    return 2 * n;
}

/* Decode 2*n hex chars; returns -1 or the offset of the first bad char. */
static long hex_get(const char *s, uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* either case: string2bytes upper-cases first */
        int hi = rmq_hex_value((uint8_t)s[2 * i]), lo = rmq_hex_value((uint8_t)s[2 * i + 1]);
        if (hi < 0) return (long)(2 * i);
        if (lo < 0) return (long)(2 * i + 1);
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    return -1;
}

static void be_put(uint8_t *p, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--, v >>= 8) p[i] = (uint8_t)v;
}

static uint64_t be_get(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v = v << 8 | p[i];
    return v;
}

size_t rmq_ip_format(const uint8_t *addr, size_t addr_len, rmq_ip_style style, char out[40])
{
    if (!addr || !out) return 0;
    int n = 0;
    if (addr_len == 4) {
        n = snprintf(out, 40, "%u.%u.%u.%u", addr[0], addr[1], addr[2], addr[3]);
    } else if (addr_len == 16) {
        for (int g = 0; g < 8; g++) {
            unsigned v = (unsigned)addr[2 * g] << 8 | addr[2 * g + 1];
            n += snprintf(out + n, (size_t)(40 - n), style == RMQ_IP_STYLE_UTILALL ? "%s%04x" : "%s%x", g ? ":" : "", v);
        }
    } else {
        out[0] = 0;
    }
    return n < 0 ? 0 : (size_t)n;
}

size_t rmq_host_format(const rmq_host *host, char out[52])
{
    if (!host || !out) return 0;
    char ip[40];
    rmq_ip_format(host->addr, host->addr_len, RMQ_IP_STYLE_INET, ip);
    int n = snprintf(out, 52, "%s:%d", ip, host->port);
    return n < 0 ? 0 : (size_t)n;
}

size_t rmq_offset_msgid_format(const rmq_host *h, int64_t offset, char out[57])
{
    if (!h || !out) return 0;
    uint8_t b[28];
    size_t a = h->addr_len == 16 ? 16 : 4;
    memcpy(b, h->addr, a);
    be_put(b + a, (uint32_t)h->port, 4);
    be_put(b + a + 4, (uint64_t)offset, 8);
    size_t n = hex_put(out, b, a + 12);
    out[n] = 0;
    return n;
}

int rmq_offset_msgid_parse(const char *id, size_t len, rmq_host *h, int64_t *offset, rmq_error *err)
{
    if (!id || !h || !offset) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (!id || (len != RMQ_MSGID_IPV4_CHARS && len != RMQ_MSGID_IPV6_CHARS))
        return rmq_fail(err, RMQ_ERR_MSGID, 0, "offset message id must be 32 or 56 hex chars");
    uint8_t b[28];
    long bad = hex_get(id, b, len / 2);
    if (bad >= 0) return rmq_fail(err, RMQ_ERR_MSGID, (size_t)bad, "not a hex digit");
    size_t a = len == RMQ_MSGID_IPV4_CHARS ? 4 : 16;
    memset(h, 0, sizeof *h);
    memcpy(h->addr, b, a);
    h->addr_len = (uint8_t)a;
    h->port = (int32_t)(uint32_t)be_get(b + a, 4);
    *offset = (int64_t)be_get(b + a + 4, 8);
    return RMQ_OK;
}

int rmq_uniq_id_parse(const char *id, size_t len, rmq_uniq_id *out, rmq_error *err)
{
    if (!id || !out) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    if (!id || (len != RMQ_MSGID_IPV4_CHARS && len != RMQ_MSGID_IPV6_CHARS))
        return rmq_fail(err, RMQ_ERR_MSGID, 0, "unique id must be 32 or 56 hex chars");
    uint8_t b[28];
    long bad = hex_get(id, b, len / 2);
    if (bad >= 0) return rmq_fail(err, RMQ_ERR_MSGID, (size_t)bad, "not a hex digit");
    size_t a = len == RMQ_MSGID_IPV4_CHARS ? 4 : 16;
    memset(out, 0, sizeof *out);
    memcpy(out->ip, b, a);
    out->ip_len = (uint8_t)a;
    out->pid = (uint16_t)be_get(b + a, 2);
    out->loader_hash = (uint32_t)be_get(b + a + 2, 4);
    out->ms_in_month = (uint32_t)be_get(b + a + 6, 4);
    out->counter = (uint16_t)be_get(b + a + 10, 2);
    return RMQ_OK;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* Clocks beyond ±2^53 ms (285 000 years) are clamped so no date arithmetic can overflow. */
static int64_t clamp_clock(int64_t t_ms)
{
    const int64_t limit = (int64_t)1 << 53;
    return t_ms > limit ? limit : t_ms < -limit ? -limit : t_ms;
}

int64_t rmq_month_start_ms(int64_t t_ms, int32_t utc_offset_min)
{
    t_ms = clamp_clock(t_ms);
    int64_t off = (int64_t)utc_offset_min * 60000;
    int64_t days = floor_div(t_ms + off, 86400000);
    int64_t y;
    int m;
    civil_from_days(days, &y, &m);
    return days_from_civil(y, m, 1) * 86400000 - off;
}

/* Start of the month before the one starting at month_start. */
static int64_t previous_month_start(int64_t month_start, int32_t utc_offset_min)
{
    return rmq_month_start_ms(month_start - 1, utc_offset_min);
}

int64_t rmq_uniq_id_nearly_time(const rmq_uniq_id *id, int64_t now_ms, int32_t utc_offset_min)
{
    if (!id) return 0;
    now_ms = clamp_clock(now_ms);
    int64_t start = rmq_month_start_ms(now_ms, utc_offset_min);
    if (start + (int64_t)id->ms_in_month >= now_ms) start = previous_month_start(start, utc_offset_min);
    return start + (int64_t)id->ms_in_month;
}

int rmq_uniq_gen_init(rmq_uniq_gen *gen, const uint8_t *ip, size_t ip_len, uint16_t pid, uint32_t loader_hash,
                      int32_t utc_offset_min)
{
    if (!gen || !ip || (ip_len != 4 && ip_len != 16)) return RMQ_ERR_INVALID_ARGUMENT;
    uint8_t b[22];
    memcpy(b, ip, ip_len);
    be_put(b + ip_len, pid, 2);
    be_put(b + ip_len + 2, loader_hash, 4);
    gen->prefix_len = hex_put(gen->prefix, b, ip_len + 6);
    gen->month_start = 0;
    gen->next_month_start = INT64_MIN; /* forces a window computation on first use */
    gen->utc_offset_min = utc_offset_min;
    gen->counter = 0;
    return RMQ_OK;
}

size_t rmq_uniq_gen_next(rmq_uniq_gen *gen, int64_t now_ms, char out[57])
{
    if (!gen || !out) return 0;
    now_ms = clamp_clock(now_ms);
    if (now_ms >= gen->next_month_start) {
        gen->month_start = rmq_month_start_ms(now_ms, gen->utc_offset_min);
        gen->next_month_start = rmq_month_start_ms(gen->month_start + 32LL * 86400000, gen->utc_offset_min);
    }
    int64_t diff = now_ms - gen->month_start;
    if (diff < 0) diff = 0; /* a clock step back: Java clamps to 0 */
    uint8_t tail[6];
    be_put(tail, (uint32_t)diff, 4);
    be_put(tail + 4, gen->counter++, 2);
    memcpy(out, gen->prefix, gen->prefix_len);
    size_t n = gen->prefix_len + hex_put(out + gen->prefix_len, tail, 6);
    out[n] = 0;
    return n;
}
