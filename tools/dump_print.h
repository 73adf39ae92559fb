/* rmqdump's printing of frames and errors, shared by the stream and capture modes. */
#ifndef RMQ_TOOLS_DUMP_PRINT_H
#define RMQ_TOOLS_DUMP_PRINT_H

#include "rmqwire.h"

typedef struct dump_opts {
    rmq_decode_options decode;
    int release_forced;   /* 0: pick from each frame's version */
    bool text;            /* compact one-line text instead of JSON */
} dump_opts;

/* Where a frame was seen in a capture; rmqdump passes NULL for plain streams. */
typedef struct frame_origin {
    uint64_t conn;            /* connection number, from 1 in order of appearance */
    const char *client;       /* "ip:port" of the side that opened the connection */
    const char *server;
    const char *dir;          /* "c2s" or "s2c" */
    uint64_t ts_usec;         /* capture time of the packet that completed the frame */
    int32_t request_code;     /* responses: code of the request with the same opaque, -1 unknown */
    uint64_t request_ts_usec;
    bool matched;             /* responses: request_code is known */
} frame_origin;

/* Allocates the inflate preview buffer; false when out of memory. */
bool dump_init(void);
void dump_done(void);

void dump_frame(const dump_opts *o, const frame_origin *at, uint64_t offset, size_t len, const rmq_command *cmd,
                rmq_arena *arena);

/* in_frame: err->offset counts from frame_offset (decode error), else from the stream start. */
void dump_error(const dump_opts *o, const frame_origin *at, uint64_t frame_offset, const rmq_error *err, bool in_frame);

/* A gap in a reassembled TCP stream: `missing` bytes never captured before stream offset `offset`. */
void dump_gap(const dump_opts *o, const frame_origin *at, uint64_t offset, uint64_t missing);

/* A line about the capture itself (malformed packet, unreadable record). */
void dump_notice(const dump_opts *o, uint64_t packet, const char *what, uint64_t file_offset);

#endif
