/* TCP stream reassembly for captures: in-order bytes per direction, retransmits and
 * overlaps trimmed, out-of-order segments held until the hole fills, gaps reported. */
#ifndef RMQ_TOOLS_TCP_REASM_H
#define RMQ_TOOLS_TCP_REASM_H

#include "packet.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct held_segment held_segment;

typedef struct tcp_dir {
    bool seq_known;
    uint32_t next_seq;        /* sequence number of the next byte to deliver */
    uint64_t delivered;       /* bytes handed on so far (the stream offset) */
    held_segment *held;       /* out-of-order segments, sorted by sequence */
    size_t held_bytes;
} tcp_dir;

typedef struct tcp_conn {
    uint64_t id;              /* from 1, in order of first packet */
    uint8_t family;
    uint8_t addr[2][16];      /* [0] client (opened the connection, or guessed), [1] server */
    uint16_t port[2];
    tcp_dir dir[2];           /* [0] client → server, [1] server → client */
    bool closed;              /* RST, or FIN both ways */
    bool fin[2];
    bool ignored;             /* on_open said no: no callbacks */
    void *user;               /* the analyzer's state for this connection */
    struct tcp_conn *next;    /* same hash bucket */
    struct tcp_conn *order_next; /* all connections, in order of appearance */
} tcp_conn;

typedef struct tcp_stats {
    uint64_t segments, retransmits, out_of_order, gaps, gap_bytes, dropped_held;
} tcp_stats;

typedef struct tcp_events {
    /* a new connection; return false to ignore all of its traffic */
    bool (*on_open)(void *ctx, tcp_conn *c);
    void (*on_data)(void *ctx, tcp_conn *c, int dir, const uint8_t *data, size_t len, uint64_t ts_usec);
    void (*on_gap)(void *ctx, tcp_conn *c, int dir, uint64_t missing, uint64_t ts_usec);
    void (*on_close)(void *ctx, tcp_conn *c);
    void *ctx;
} tcp_events;

typedef struct tcp_reasm {
    tcp_events ev;
    tcp_conn **buckets;
    size_t nbuckets;
    uint64_t next_id;
    tcp_conn *first, *last;
    size_t max_held;          /* per direction: past this, the oldest hole is declared a gap */
    const uint16_t *server_ports;  /* guesses which side is the server when no SYN was seen */
    size_t server_port_count;
    tcp_stats stats;
} tcp_reasm;

bool tcp_reasm_init(tcp_reasm *r, const tcp_events *ev, size_t max_held_per_dir, const uint16_t *server_ports,
                    size_t server_port_count);
void tcp_reasm_segment(tcp_reasm *r, const tcp_segment *seg, uint64_t ts_usec);
/* End of capture: holes still open become gaps, held data is delivered, every connection closed. */
void tcp_reasm_finish(tcp_reasm *r, uint64_t ts_usec);
void tcp_reasm_free(tcp_reasm *r);

#endif
