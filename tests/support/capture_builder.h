/* Builds pcap/pcapng captures of one TCP connection from the two directions' byte
 * streams (vectors/streams), with real framing and sequence numbers, split,
 * reordered, retransmitted and (optionally) lost segments. Tests only. */
#ifndef RMQ_TEST_CAPTURE_BUILDER_H
#define RMQ_TEST_CAPTURE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum cb_format { CB_PCAP, CB_PCAP_NS, CB_PCAPNG } cb_format;
typedef enum cb_link { CB_ETHERNET, CB_SLL, CB_SLL2, CB_NULL, CB_RAW } cb_link;

typedef struct cb_options {
    cb_format format;
    cb_link link;
    bool ipv6;
    uint32_t seed;
    bool reorder;          /* swap some neighbouring segments of one direction */
    bool retransmit;       /* send some segments twice, some overlapping */
    bool with_handshake;   /* SYN / SYN-ACK / ACK first, FIN at the end */
    size_t drop_c2s_segment; /* 0: none; k: never send the k-th client segment (a gap) */
    uint32_t isn[2];       /* initial sequence numbers (c2s, s2c): test wrap-around */
    uint16_t client_port, server_port;
} cb_options;

/*
 * One piece of the conversation: `len` bytes of direction `dir` (0 c2s, 1 s2c),
 * starting at stream offset `off`. The builder cuts pieces into segments.
 */
typedef struct cb_piece {
    int dir;
    size_t off, len;
} cb_piece;

/* A malloc'ed capture file; NULL when out of memory. */
uint8_t *cb_build(const cb_options *o, const uint8_t *const stream[2], const size_t stream_len[2], const cb_piece *pieces,
                  size_t piece_count, size_t *out_len);

#endif
