/* Capture files written by hand, field by field, as tcpdump/dumpcap would. */
#include "capture_builder.h"

#include <stdlib.h>
#include <string.h>

typedef struct out_buf {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} out_buf;

static void put(out_buf *b, const void *data, size_t n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) cap *= 2;
        uint8_t *q = realloc(b->p, cap);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

/* pcap and pcapng files here are little-endian, as x86 writers make them */
static void le32(out_buf *b, uint32_t v)
{
    uint8_t q[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(b, q, 4);
}
static void le16(out_buf *b, uint16_t v)
{
    uint8_t q[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    put(b, q, 2);
}
static void be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void be32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

static uint32_t link_type_of(cb_link l)
{
    switch (l) {
    case CB_ETHERNET: return 1;
    case CB_SLL: return 113;
    case CB_SLL2: return 276;
    case CB_NULL: return 0;
    default: return 101;
    }
}

typedef struct segment {
    int dir;
    uint32_t seq;
    uint8_t flags;
    const uint8_t *data;
    size_t len;
} segment;

/* Link + IP + TCP headers around a payload, into pkt; returns the packet length. */
static size_t make_packet(const cb_options *o, const segment *s, uint32_t ack, uint8_t *pkt)
{
    size_t off = 0;
    uint16_t ethertype = o->ipv6 ? 0x86DD : 0x0800;
    switch (o->link) {
    case CB_ETHERNET: {
        static const uint8_t mac[2][6] = {{2, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 2}};
        memcpy(pkt, mac[1 - s->dir], 6);
        memcpy(pkt + 6, mac[s->dir], 6);
        be16(pkt + 12, ethertype);
        off = 14;
        break;
    }
    case CB_SLL:
        memset(pkt, 0, 16);
        be16(pkt, s->dir ? 0 : 4); /* incoming / outgoing */
        be16(pkt + 2, 772);        /* ARPHRD_LOOPBACK */
        be16(pkt + 14, ethertype);
        off = 16;
        break;
    case CB_SLL2:
        memset(pkt, 0, 20);
        be16(pkt, ethertype);
        be16(pkt + 8, 772);
        off = 20;
        break;
    case CB_NULL: {
        uint32_t fam = o->ipv6 ? 30 : 2; /* AF_INET6 of macOS, in the writer's (little-endian) order */
        pkt[0] = (uint8_t)fam; pkt[1] = 0; pkt[2] = 0; pkt[3] = 0;
        off = 4;
        break;
    }
    default:
        break;
    }
    uint8_t client[16] = {0}, server[16] = {0};
    if (o->ipv6) {
        client[15] = 1; /* ::1 talking to ::1 */
        server[15] = 1;
    } else {
        client[0] = 127; client[3] = 1;
        server[0] = 127; server[3] = 1;
    }
    const uint8_t *src = s->dir ? server : client, *dst = s->dir ? client : server;
    uint16_t sport = s->dir ? o->server_port : o->client_port, dport = s->dir ? o->client_port : o->server_port;
    size_t tcp_len = 20 + s->len;
    if (o->ipv6) {
        uint8_t *ip = pkt + off;
        memset(ip, 0, 40);
        ip[0] = 0x60;
        be16(ip + 4, (uint16_t)tcp_len);
        ip[6] = 6;
        ip[7] = 64;
        memcpy(ip + 8, src, 16);
        memcpy(ip + 24, dst, 16);
        off += 40;
    } else {
        uint8_t *ip = pkt + off;
        memset(ip, 0, 20);
        ip[0] = 0x45;
        be16(ip + 2, (uint16_t)(20 + tcp_len));
        be16(ip + 6, 0x4000); /* don't fragment */
        ip[8] = 64;
        ip[9] = 6;
        memcpy(ip + 12, src, 4);
        memcpy(ip + 16, dst, 4);
        off += 20;
    }
    uint8_t *tcp = pkt + off;
    memset(tcp, 0, 20);
    be16(tcp, sport);
    be16(tcp + 2, dport);
    be32(tcp + 4, s->seq);
    be32(tcp + 8, ack);
    tcp[12] = 5 << 4;
    tcp[13] = s->flags;
    be16(tcp + 14, 65535);
    off += 20;
    if (s->len) memcpy(pkt + off, s->data, s->len);
    return off + s->len;
}

static void file_header(out_buf *b, const cb_options *o)
{
    uint32_t lt = link_type_of(o->link);
    if (o->format == CB_PCAPNG) {
        le32(b, 0x0A0D0D0A);
        le32(b, 28);
        le32(b, 0x1A2B3C4D);
        le16(b, 1);
        le16(b, 0);
        le32(b, 0xFFFFFFFF); /* section length unknown */
        le32(b, 0xFFFFFFFF);
        le32(b, 28);
        /* interface with if_tsresol = 9 (nanoseconds) */
        le32(b, 1);
        le32(b, 32);
        le16(b, (uint16_t)lt);
        le16(b, 0);
        le32(b, 262144);
        le16(b, 9);
        le16(b, 1);
        uint8_t res[4] = {9, 0, 0, 0};
        put(b, res, 4);
        le16(b, 0);
        le16(b, 0);
        le32(b, 32);
        return;
    }
    le32(b, o->format == CB_PCAP_NS ? 0xA1B23C4D : 0xA1B2C3D4);
    le16(b, 2);
    le16(b, 4);
    le32(b, 0);
    le32(b, 0);
    le32(b, 262144);
    le32(b, lt);
}

static void record(out_buf *b, const cb_options *o, uint64_t ts_usec, const uint8_t *pkt, size_t len)
{
    if (o->format == CB_PCAPNG) {
        size_t padded = (len + 3) & ~(size_t)3;
        uint32_t total = (uint32_t)(32 + padded);
        uint64_t ns = ts_usec * 1000;
        le32(b, 6);
        le32(b, total);
        le32(b, 0);
        le32(b, (uint32_t)(ns >> 32));
        le32(b, (uint32_t)ns);
        le32(b, (uint32_t)len);
        le32(b, (uint32_t)len);
        put(b, pkt, len);
        static const uint8_t zero[4] = {0};
        put(b, zero, padded - len);
        le32(b, total);
        return;
    }
    le32(b, (uint32_t)(ts_usec / 1000000));
    le32(b, (uint32_t)(o->format == CB_PCAP_NS ? (ts_usec % 1000000) * 1000 : ts_usec % 1000000));
    le32(b, (uint32_t)len);
    le32(b, (uint32_t)len);
    put(b, pkt, len);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

uint8_t *cb_build(const cb_options *o, const uint8_t *const stream[2], const size_t stream_len[2], const cb_piece *pieces,
                  size_t piece_count, size_t *out_len)
{
    size_t cap = 64;
    for (size_t i = 0; i < piece_count; i++) cap += pieces[i].len + 8; /* at most one segment per byte, + extras */
    segment *segs = malloc((cap * 3 + 16) * sizeof *segs);
    uint8_t *pkt = malloc(65536 + 128);
    if (!segs || !pkt) {
        free(segs);
        free(pkt);
        return NULL;
    }
    uint32_t seed = o->seed ? o->seed : 1;
    size_t n = 0;
    uint32_t data_seq[2] = {o->isn[0] + 1, o->isn[1] + 1};
    if (o->with_handshake) {
        segs[n++] = (segment){0, o->isn[0], 0x02, NULL, 0};
        segs[n++] = (segment){1, o->isn[1], 0x12, NULL, 0};
        segs[n++] = (segment){0, data_seq[0], 0x10, NULL, 0};
    }
    size_t client_segments = 0;
    for (size_t i = 0; i < piece_count; i++) {
        const cb_piece *pc = &pieces[i];
        size_t done = 0;
        size_t first = n;
        while (done < pc->len) {
            static const size_t scales[] = {1, 7, 100, 1460};
            size_t k = 1 + rnd(&seed) % scales[rnd(&seed) % 4];
            if (k > pc->len - done) k = pc->len - done;
            uint32_t seq = data_seq[pc->dir] + (uint32_t)(pc->off + done);
            segment s = {pc->dir, seq, 0x18, stream[pc->dir] + pc->off + done, k};
            if (pc->dir == 0 && ++client_segments == o->drop_c2s_segment) {
                done += k;
                continue;
            }
            segs[n++] = s;
            if (o->retransmit && rnd(&seed) % 5 == 0) segs[n++] = s; /* exact duplicate */
            if (o->retransmit && done > 0 && rnd(&seed) % 7 == 0) {
                /* overlapping resend: the previous 1..3 bytes again plus this segment */
                size_t back = 1 + rnd(&seed) % 3;
                if (back > done) back = done;
                segs[n++] = (segment){pc->dir, seq - (uint32_t)back, 0x18, s.data - back, k + back};
            }
            done += k;
        }
        if (o->reorder)
            for (size_t j = first; j + 1 < n; j++)
                if (segs[j].dir == segs[j + 1].dir && rnd(&seed) % 3 == 0) {
                    segment t = segs[j];
                    segs[j] = segs[j + 1];
                    segs[j + 1] = t;
                    j++;
                }
    }
    if (o->with_handshake) {
        segs[n++] = (segment){0, data_seq[0] + (uint32_t)stream_len[0], 0x11, NULL, 0};
        segs[n++] = (segment){1, data_seq[1] + (uint32_t)stream_len[1], 0x11, NULL, 0};
    }
    out_buf b = {0};
    file_header(&b, o);
    uint64_t ts = 1795584651000000ull;
    for (size_t i = 0; i < n; i++) {
        size_t len = make_packet(o, &segs[i], data_seq[1 - segs[i].dir], pkt);
        record(&b, o, ts, pkt, len);
        ts += 250;
    }
    free(segs);
    free(pkt);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    *out_len = b.len;
    return b.p;
}
