/* rmqwire — flag words (SPEC §8): MessageSysFlag, PermName, TopicSysFlag, PullSysFlag. */
#ifndef RMQWIRE_SYSFLAG_H
#define RMQWIRE_SYSFLAG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* MessageSysFlag: send header sysFlag and stored SYSFLAG. */
#define RMQ_MSG_COMPRESSED 0x0001
#define RMQ_MSG_MULTI_TAGS 0x0002
#define RMQ_MSG_TRANSACTION_MASK 0x000C
#define RMQ_MSG_TRANSACTION_NOT_TYPE 0x0000
#define RMQ_MSG_TRANSACTION_PREPARED 0x0004
#define RMQ_MSG_TRANSACTION_COMMIT 0x0008
#define RMQ_MSG_TRANSACTION_ROLLBACK 0x000C
#define RMQ_MSG_BORNHOST_V6 0x0010
#define RMQ_MSG_STOREHOST_V6 0x0020
#define RMQ_MSG_NEED_UNWRAP 0x0040
#define RMQ_MSG_INNER_BATCH 0x0080
#define RMQ_MSG_COMPRESSION_MASK 0x0700
#define RMQ_MSG_COMPRESSION_LZ4 0x0100
#define RMQ_MSG_COMPRESSION_ZSTD 0x0200
#define RMQ_MSG_COMPRESSION_ZLIB 0x0300

/* CompressionType values (bits 8–10 shifted down). 0 means "old producer" = ZLIB. */
typedef enum rmq_compression {
    RMQ_COMPRESSION_ZLIB_OLD = 0,
    RMQ_COMPRESSION_LZ4 = 1,
    RMQ_COMPRESSION_ZSTD = 2,
    RMQ_COMPRESSION_ZLIB = 3,
    RMQ_COMPRESSION_INVALID = -1 /* 4..7: Java throws */
} rmq_compression;

static inline bool rmq_sysflag_compressed(int32_t f) { return (f & RMQ_MSG_COMPRESSED) != 0; }
static inline int32_t rmq_sysflag_transaction(int32_t f) { return f & RMQ_MSG_TRANSACTION_MASK; }
static inline int32_t rmq_sysflag_set_transaction(int32_t f, int32_t t)
{
    return (f & ~RMQ_MSG_TRANSACTION_MASK) | (t & RMQ_MSG_TRANSACTION_MASK);
}
static inline int32_t rmq_sysflag_clear_compressed(int32_t f) { return f & ~RMQ_MSG_COMPRESSED; }
static inline rmq_compression rmq_sysflag_compression(int32_t f)
{
    int32_t t = (f & RMQ_MSG_COMPRESSION_MASK) >> 8;
    return t <= 3 ? (rmq_compression)t : RMQ_COMPRESSION_INVALID;
}
/* The producer's flag for a zlib-compressed body: 0x301 (SPEC §9). */
static inline int32_t rmq_sysflag_mark_zlib(int32_t f)
{
    return (f & ~RMQ_MSG_COMPRESSION_MASK) | RMQ_MSG_COMPRESSED | RMQ_MSG_COMPRESSION_ZLIB;
}

/* PermName. */
#define RMQ_PERM_PRIORITY 8
#define RMQ_PERM_READ 4
#define RMQ_PERM_WRITE 2
#define RMQ_PERM_INHERIT 1
/* 5.x bit indexes of the same permissions */
#define RMQ_PERM_INDEX_PRIORITY 3
#define RMQ_PERM_INDEX_READ 2
#define RMQ_PERM_INDEX_WRITE 1
#define RMQ_PERM_INDEX_INHERIT 0

static inline bool rmq_perm_readable(int32_t p) { return (p & RMQ_PERM_READ) == RMQ_PERM_READ; }
static inline bool rmq_perm_writeable(int32_t p) { return (p & RMQ_PERM_WRITE) == RMQ_PERM_WRITE; }
static inline bool rmq_perm_inherited(int32_t p) { return (p & RMQ_PERM_INHERIT) == RMQ_PERM_INHERIT; }
static inline bool rmq_perm_priority(int32_t p) { return (p & RMQ_PERM_PRIORITY) == RMQ_PERM_PRIORITY; }
static inline bool rmq_perm_valid(int32_t p) { return p >= 0 && p < 8; }
static inline bool rmq_perm_accessible(int32_t p) { return rmq_perm_readable(p) || rmq_perm_writeable(p); }

/* PermName.perm2String: "RWX" with '-' for missing bits; out gets 4 bytes. */
RMQ_API void rmq_perm_to_string(int32_t perm, char out[4]);

/* TopicSysFlag. */
#define RMQ_TOPIC_FLAG_UNIT 1
#define RMQ_TOPIC_FLAG_UNIT_SUB 2
static inline int32_t rmq_topic_sysflag_build(bool unit, bool has_unit_sub)
{
    return (unit ? RMQ_TOPIC_FLAG_UNIT : 0) | (has_unit_sub ? RMQ_TOPIC_FLAG_UNIT_SUB : 0);
}
static inline bool rmq_topic_sysflag_unit(int32_t f) { return (f & RMQ_TOPIC_FLAG_UNIT) != 0; }
static inline bool rmq_topic_sysflag_unit_sub(int32_t f) { return (f & RMQ_TOPIC_FLAG_UNIT_SUB) != 0; }

/* PullSysFlag. */
#define RMQ_PULL_COMMIT_OFFSET 0x01
#define RMQ_PULL_SUSPEND 0x02
#define RMQ_PULL_SUBSCRIPTION 0x04
#define RMQ_PULL_CLASS_FILTER 0x08
#define RMQ_PULL_LITE_PULL 0x10
static inline int32_t rmq_pull_sysflag_build(bool commit_offset, bool suspend, bool subscription, bool class_filter)
{
    return (commit_offset ? RMQ_PULL_COMMIT_OFFSET : 0) | (suspend ? RMQ_PULL_SUSPEND : 0) |
           (subscription ? RMQ_PULL_SUBSCRIPTION : 0) | (class_filter ? RMQ_PULL_CLASS_FILTER : 0);
}

/*
 * Names for analyzers, written "|"-separated into out (NUL-terminated when cap > 0,
 * truncated to fit; out may be NULL to ask the size); each returns the length the whole
 * text needs, like snprintf.
 * Message sysFlag: the set bits (COMPRESSED, MULTI_TAGS, BORNHOST_V6, STOREHOST_V6,
 * NEED_UNWRAP, INNER_BATCH), then the transaction type (TRANSACTION_NOT_TYPE…), then the
 * compression type when COMPRESSED is set (COMPRESSION_ZLIB, _LZ4, _ZSTD, _INVALID).
 */
RMQ_API size_t rmq_sys_flag_names(int32_t sys_flag, char *out, size_t cap);
/* PullSysFlag bits: COMMIT_OFFSET, SUSPEND, SUBSCRIPTION, CLASS_FILTER, LITE_PULL. */
RMQ_API size_t rmq_pull_sys_flag_names(int32_t flag, char *out, size_t cap);
/* PermName bits: PRIORITY, READ, WRITE, INHERIT. */
RMQ_API size_t rmq_perm_names(int32_t perm, char *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
