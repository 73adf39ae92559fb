/* Sequence arithmetic is modulo 2^32: every comparison goes through seq_diff. */
#include "tcp_reasm.h"

#include <stdlib.h>
#include <string.h>

struct held_segment {
    uint32_t seq;
    size_t len;
    struct held_segment *next;
    uint8_t data[];
};

static int32_t seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }

bool tcp_reasm_init(tcp_reasm *r, const tcp_events *ev, size_t max_held_per_dir, const uint16_t *server_ports,
                    size_t server_port_count)
{
    memset(r, 0, sizeof *r);
    r->ev = *ev;
    r->nbuckets = 4096;
    r->buckets = calloc(r->nbuckets, sizeof *r->buckets);
    r->next_id = 1;
    r->max_held = max_held_per_dir;
    r->server_ports = server_ports;
    r->server_port_count = server_port_count;
    return r->buckets != NULL;
}

static size_t bucket_of(const tcp_reasm *r, const tcp_segment *s)
{
    /* symmetric in the two endpoints so both directions land in one bucket */
    uint32_t h = 2166136261u;
    size_t alen = s->family == 4 ? 4 : 16;
    for (size_t i = 0; i < alen; i++) h ^= (uint32_t)(s->src[i] ^ s->dst[i]) * 16777619u + (uint32_t)i;
    h ^= (uint32_t)(s->sport ^ s->dport) * 2654435761u;
    return h % r->nbuckets;
}

/* 0: segment goes client → server, 1: server → client, -1: another connection. */
static int direction_in(const tcp_conn *c, const tcp_segment *s)
{
    size_t alen = s->family == 4 ? 4 : 16;
    if (c->family != s->family) return -1;
    for (int d = 0; d < 2; d++)
        if (c->port[d] == s->sport && c->port[1 - d] == s->dport && !memcmp(c->addr[d], s->src, alen) &&
            !memcmp(c->addr[1 - d], s->dst, alen))
            return d;
    return -1;
}

static bool is_server_port(const tcp_reasm *r, uint16_t port)
{
    for (size_t i = 0; i < r->server_port_count; i++)
        if (r->server_ports[i] == port) return true;
    return false;
}

static void free_held(tcp_dir *d)
{
    while (d->held) {
        held_segment *n = d->held->next;
        free(d->held);
        d->held = n;
    }
    d->held_bytes = 0;
}

static void deliver(tcp_reasm *r, tcp_conn *c, int dir, const uint8_t *data, size_t len, uint64_t ts)
{
    tcp_dir *d = &c->dir[dir];
    d->next_seq += (uint32_t)len;
    d->delivered += len;
    if (!c->ignored && r->ev.on_data) r->ev.on_data(r->ev.ctx, c, dir, data, len, ts);
}

/* Deliver held segments the stream has reached, trimming what was already delivered. */
static void drain(tcp_reasm *r, tcp_conn *c, int dir, uint64_t ts)
{
    tcp_dir *d = &c->dir[dir];
    while (d->held && seq_diff(d->held->seq, d->next_seq) <= 0) {
        held_segment *h = d->held;
        d->held = h->next;
        d->held_bytes -= h->len;
        int32_t behind = seq_diff(d->next_seq, h->seq);
        if ((size_t)behind < h->len) deliver(r, c, dir, h->data + behind, h->len - (size_t)behind, ts);
        free(h);
    }
}

/* Skip the hole before the first held segment: report it, then go on from there. */
static void skip_hole(tcp_reasm *r, tcp_conn *c, int dir, uint64_t ts)
{
    tcp_dir *d = &c->dir[dir];
    if (!d->held) return;
    uint32_t missing = (uint32_t)seq_diff(d->held->seq, d->next_seq);
    r->stats.gaps++;
    r->stats.gap_bytes += missing;
    if (!c->ignored && r->ev.on_gap) r->ev.on_gap(r->ev.ctx, c, dir, missing, ts);
    d->next_seq = d->held->seq;
    d->delivered += missing;
    drain(r, c, dir, ts);
}

static void hold(tcp_reasm *r, tcp_conn *c, int dir, uint32_t seq, const uint8_t *data, size_t len, uint64_t ts)
{
    tcp_dir *d = &c->dir[dir];
    r->stats.out_of_order++;
    held_segment **pp = &d->held;
    while (*pp && seq_diff((*pp)->seq, seq) < 0) pp = &(*pp)->next;
    if (*pp && (*pp)->seq == seq && (*pp)->len >= len) {
        r->stats.retransmits++; /* the same out-of-order segment again */
        return;
    }
    held_segment *h = malloc(sizeof *h + len);
    if (!h) {
        r->stats.dropped_held++;
        return;
    }
    h->seq = seq;
    h->len = len;
    memcpy(h->data, data, len);
    h->next = *pp;
    *pp = h;
    d->held_bytes += len;
    /* a hole that never fills must not hold the whole capture in memory */
    while (d->held_bytes > r->max_held && d->held) skip_hole(r, c, dir, ts);
}

static tcp_conn *open_conn(tcp_reasm *r, const tcp_segment *s, size_t bucket)
{
    tcp_conn *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->id = r->next_id++;
    c->family = s->family;
    /* the client is who sent a bare SYN; without one, whoever is not on a server port */
    bool src_is_client;
    if (s->flags & TCP_SYN) src_is_client = !(s->flags & TCP_ACK);
    else if (is_server_port(r, s->dport) != is_server_port(r, s->sport)) src_is_client = is_server_port(r, s->dport);
    else src_is_client = s->sport > s->dport; /* ephemeral ports are the high ones */
    int cd = src_is_client ? 0 : 1;
    size_t alen = s->family == 4 ? 4 : 16;
    memcpy(c->addr[cd], s->src, alen);
    memcpy(c->addr[1 - cd], s->dst, alen);
    c->port[cd] = s->sport;
    c->port[1 - cd] = s->dport;
    c->next = r->buckets[bucket];
    r->buckets[bucket] = c;
    if (r->last) r->last->order_next = c;
    else r->first = c;
    r->last = c;
    if (r->ev.on_open && !r->ev.on_open(r->ev.ctx, c)) c->ignored = true;
    return c;
}

static void close_conn(tcp_reasm *r, tcp_conn *c, uint64_t ts)
{
    if (c->closed) return;
    for (int d = 0; d < 2; d++)
        while (c->dir[d].held) skip_hole(r, c, d, ts);
    c->closed = true;
    if (!c->ignored && r->ev.on_close) r->ev.on_close(r->ev.ctx, c);
}

void tcp_reasm_segment(tcp_reasm *r, const tcp_segment *s, uint64_t ts)
{
    r->stats.segments++;
    size_t b = bucket_of(r, s);
    tcp_conn *c = r->buckets[b];
    int dir = -1;
    for (; c; c = c->next)
        if ((dir = direction_in(c, s)) >= 0) break;
    /* a fresh SYN on a closed connection's 4-tuple starts a new connection */
    if (c && c->closed && (s->flags & TCP_SYN) && !(s->flags & TCP_ACK)) c = NULL;
    if (!c) {
        if (s->flags & TCP_RST) return;
        c = open_conn(r, s, b);
        if (!c) return;
        dir = direction_in(c, s);
    }
    if (c->closed) return;
    tcp_dir *d = &c->dir[dir];
    uint32_t seq = s->seq;
    if (s->flags & TCP_SYN) {
        if (!d->seq_known) {
            d->seq_known = true;
            d->next_seq = seq + 1;
        }
        seq += 1; /* the SYN takes one sequence number */
    }
    size_t len = s->payload_len;
    const uint8_t *data = s->payload;
    if (len) {
        if (!d->seq_known) {
            d->seq_known = true; /* joined mid-stream */
            d->next_seq = seq;
        }
        int32_t ahead = seq_diff(seq, d->next_seq);
        if (ahead > 0) {
            hold(r, c, dir, seq, data, len, ts);
        } else if ((size_t)(-(int64_t)ahead) >= len) {
            r->stats.retransmits++;
        } else {
            size_t skip = (size_t)(-(int64_t)ahead);
            if (skip) r->stats.retransmits++;
            deliver(r, c, dir, data + skip, len - skip, ts);
            drain(r, c, dir, ts);
        }
    }
    if (s->flags & TCP_FIN) c->fin[dir] = true;
    if ((s->flags & TCP_RST) || (c->fin[0] && c->fin[1])) close_conn(r, c, ts);
}

void tcp_reasm_finish(tcp_reasm *r, uint64_t ts)
{
    /* in order of appearance, so the output is stable */
    for (tcp_conn *c = r->first; c; c = c->order_next) close_conn(r, c, ts);
}

void tcp_reasm_free(tcp_reasm *r)
{
    for (size_t b = 0; r->buckets && b < r->nbuckets; b++) {
        tcp_conn *c = r->buckets[b];
        while (c) {
            tcp_conn *n = c->next;
            free_held(&c->dir[0]);
            free_held(&c->dir[1]);
            free(c);
            c = n;
        }
    }
    free(r->buckets);
    r->buckets = NULL;
}
