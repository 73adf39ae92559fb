/* The two header encodings behind frame.c (SPEC §2, §3). */
#ifndef RMQ_INTERNAL_HEADER_CODEC_H
#define RMQ_INTERNAL_HEADER_CODEC_H

#include "bytes.h"
#include "limits.h"
#include "rmqwire/frame.h"



/* rmq_frame_decode with resolved limits (tests and fuzz oracles set general_reader_only). */
int rmq_frame_decode_limits(const uint8_t *data, size_t len, const rmq_limits *lim, rmq_arena *arena,
                            rmq_command *cmd, rmq_error *err);

/* Decode header bytes h[0..n) into cmd; `base` is h's offset for error reports. */
int rmq_json_header_decode(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                           rmq_arena *arena, rmq_command *cmd, rmq_error *err);

/*
 * fastjson's exact output in one pass (header_json_canonical.c). False when the
 * header is not in that shape: the caller then undoes any arena use and *cmd and
 * runs the general reader, which alone reports errors and notes.
 */
bool rmq_json_header_decode_canonical(const uint8_t *h, size_t n, const rmq_limits *lim, rmq_arena *arena,
                                      rmq_command *cmd);

/* *consumed = bytes the ROCKETMQ fields occupy (may be < n only under HEADER_SLACK). */
int rmq_rocketmq_header_decode(const uint8_t *h, size_t n, size_t base, const rmq_limits *lim,
                               rmq_arena *arena, rmq_command *cmd, size_t *consumed,
                               rmq_error *err);

/* Fails only for a language byte JSON cannot name (checked before anything is written). */
int rmq_json_header_encode(rmq_writer *w, const rmq_command *cmd, rmq_error *err);

/* Fails only for values ROCKETMQ cannot carry (checked before anything is written). */
int rmq_rocketmq_header_encode(rmq_writer *w, const rmq_command *cmd, rmq_error *err);

#endif
