/* rmqwire — message ids (SPEC §11) and host addresses as Java prints them. */
#ifndef RMQWIRE_MSGID_H
#define RMQWIRE_MSGID_H

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RMQ_MSGID_IPV4_CHARS 32
#define RMQ_MSGID_IPV6_CHARS 56
#define RMQ_MSGID_MAX_CHARS 56

/* An IPv4 (4 bytes) or IPv6 (16 bytes) address with a port. */
typedef struct rmq_host {
    uint8_t addr[16];
    uint8_t addr_len;   /* 4 or 16 */
    int32_t port;
} rmq_host;

/* How Java renders an address. */
typedef enum rmq_ip_style {
    RMQ_IP_STYLE_INET,    /* InetAddress.getHostAddress: "0:0:0:0:0:0:0:1" */
    RMQ_IP_STYLE_UTILALL  /* UtilAll.ipToIPv6Str: "fd00:0000:…:0002" */
} rmq_ip_style;

/* Address text (no port), NUL-terminated; returns its length. out needs 40 bytes. */
RMQ_API size_t rmq_ip_format(const uint8_t *addr, size_t addr_len, rmq_ip_style style, char out[40]);
/* "address:port" as the Java vectors print socket addresses; out needs 52 bytes. */
RMQ_API size_t rmq_host_format(const rmq_host *host, char out[52]);

/*
 * Offset message id (MessageDecoder.createMessageId): address, int32 port, int64
 * commit-log offset as upper-case hex, 32 chars for IPv4, 56 for IPv6. out needs 57
 * bytes; returns the length written (NUL added).
 */
RMQ_API size_t rmq_offset_msgid_format(const rmq_host *store_host, int64_t offset, char out[57]);

/*
 * decodeMessageId: 32 chars → IPv4, 56 → IPv6 (Java uses IPv6 for any length but
 * 32; other lengths are RMQ_ERR_MSGID here). Hex digits of either case; anything
 * else is RMQ_ERR_MSGID with the offset of the bad character (Java silently maps
 * it to garbage).
 */
RMQ_API int rmq_offset_msgid_parse(const char *id, size_t len, rmq_host *store_host, int64_t *offset,
                                   rmq_error *err);

/* Client unique id (UNIQ_KEY, MessageClientIDSetter). */
typedef struct rmq_uniq_id {
    uint8_t ip[16];
    uint8_t ip_len;          /* 4 (32-char id) or 16 (56-char id) */
    uint16_t pid;            /* low 16 bits of the process id */
    uint32_t loader_hash;    /* class-loader hash: per process, arbitrary */
    uint32_t ms_in_month;    /* ms since the start of the month (sender's time zone) */
    uint16_t counter;
} rmq_uniq_id;

RMQ_API int rmq_uniq_id_parse(const char *id, size_t len, rmq_uniq_id *out, rmq_error *err);

/*
 * getNearlyTimeFromID: start of the month containing now_ms + ms_in_month, or of the
 * previous month when that would not be before now_ms. Java uses the JVM's default
 * time zone; pass its UTC offset in minutes (exact for zones without DST changes).
 */
RMQ_API int64_t rmq_uniq_id_nearly_time(const rmq_uniq_id *id, int64_t now_ms, int32_t utc_offset_min);

/*
 * A UNIQ_KEY generator with Java's layout. The caller supplies what Java reads from
 * the machine: address, pid, a per-process random "loader hash", and the clock on
 * every call (no clock is read inside). Treat the fields as private.
 */
typedef struct rmq_uniq_gen {
    char prefix[45];         /* hex of ip + pid + loader hash */
    size_t prefix_len;
    int64_t month_start;     /* current month window, epoch ms */
    int64_t next_month_start;
    int32_t utc_offset_min;
    uint16_t counter;
} rmq_uniq_gen;

RMQ_API int rmq_uniq_gen_init(rmq_uniq_gen *gen, const uint8_t *ip, size_t ip_len, uint16_t pid,
                              uint32_t loader_hash, int32_t utc_offset_min);
/* Next id for the time now_ms into out (33 or 57 bytes with NUL); returns its length. */
RMQ_API size_t rmq_uniq_gen_next(rmq_uniq_gen *gen, int64_t now_ms, char out[57]);

/* Epoch ms of the start of the month containing t_ms at a fixed UTC offset. */
RMQ_API int64_t rmq_month_start_ms(int64_t t_ms, int32_t utc_offset_min);

/* The time helpers above clamp clocks to ±2^53 ms (about 285 000 years either side of 1970). */

#ifdef __cplusplus
}
#endif
#endif
