/*
 * rmqdump's capture path: pcap/pcapng records → link/IP/TCP parsing → TCP
 * reassembly → the library's conversation (framing, probing, gaps, links), as rmqdump
 * runs it. Oracles: each direction's delivered bytes plus reported gaps add up to its
 * stream offset, in the reassembler and in the conversation; every frame lies inside
 * what was delivered.
 */
#include "fuzz_common.h"

#include "capture/packet.h"
#include "capture/pcap_read.h"
#include "capture/tcp_reasm.h"

#define MAX_FRAME (1 << 16)

typedef struct conn_check {
    uint64_t bytes[2];    /* delivered + gaps, as the callbacks saw them */
    rmq_conversation cv;
    uint8_t buf[2][MAX_FRAME];
    rmq_pending slots[2][16];
} conn_check;

static bool on_open(void *ctx, tcp_conn *c)
{
    (void)ctx;
    if (!((c->port[0] ^ c->port[1]) & 1)) return false; /* ignore some connections too */
    conn_check *k = calloc(1, sizeof *k);
    if (!k) return false;
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_frame = MAX_FRAME;
    rmq_conversation_memory mem = {{k->buf[0], k->buf[1]}, MAX_FRAME, {k->slots[0], k->slots[1]}, 16};
    /* a known port starts confirmed, as in rmqdump */
    bool known = c->port[0] == 10911 || c->port[1] == 10911 || c->port[0] == 9876 || c->port[1] == 9876;
    FUZZ_ASSERT(rmq_conversation_init(&k->cv, &mem, &o, known, NULL) == RMQ_OK, "conversation init");
    c->user = k;
    return true;
}

static void on_data(void *ctx, tcp_conn *c, int dir, const uint8_t *data, size_t len, uint64_t ts)
{
    (void)ctx;
    conn_check *k = c->user;
    k->bytes[dir] += len;
    FUZZ_ASSERT(k->bytes[dir] == c->dir[dir].delivered, "delivered bytes and stream offset disagree");
    size_t pos = 0;
    while (pos < len) {
        static uint8_t mem[1 << 18];
        rmq_arena a;
        rmq_arena_init(&a, mem, sizeof mem);
        rmq_conv_frame f;
        size_t used;
        rmq_error err;
        int rc = rmq_conversation_feed(&k->cv, dir, data + pos, len - pos, (int64_t)ts, &a, &used, &f, &err);
        pos += used;
        if (rc == RMQ_INCOMPLETE || rc == RMQ_DONE) break;
        if (rc != RMQ_OK) {
            FUZZ_CHECK_ERROR(rc, err);
            continue;
        }
        FUZZ_ASSERT(f.offset + f.len <= rmq_conversation_offset(&k->cv, dir), "frame past the delivered bytes");
        if (f.decode_status != RMQ_OK) FUZZ_CHECK_ERROR(f.decode_status, f.decode_error);
    }
    FUZZ_ASSERT(rmq_conversation_offset(&k->cv, dir) == k->bytes[dir], "conversation offset and delivered bytes");
}

static void on_gap(void *ctx, tcp_conn *c, int dir, uint64_t missing, uint64_t ts)
{
    (void)ctx;
    (void)ts;
    conn_check *k = c->user;
    k->bytes[dir] += missing;
    FUZZ_ASSERT(missing > 0 && missing < (1ull << 32), "gap size out of range");
    rmq_conversation_gap(&k->cv, dir, missing);
}

static void on_close(void *ctx, tcp_conn *c)
{
    (void)ctx;
    conn_check *k = c->user;
    for (int d = 0; d < 2; d++) {
        FUZZ_ASSERT(k->bytes[d] == c->dir[d].delivered, "stream offset after close");
        FUZZ_ASSERT(rmq_conversation_offset(&k->cv, d) == k->bytes[d], "conversation offset after close");
    }
    free(k);
    c->user = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cap_reader rd;
    if (!cap_open(&rd, data, size)) return 0;
    static const uint16_t ports[] = {9876, 10911};
    tcp_events ev = {on_open, on_data, on_gap, on_close, NULL};
    tcp_reasm ra;
    if (!tcp_reasm_init(&ra, &ev, 1 << 16, ports, 2)) return 0;
    cap_packet pkt;
    int rc;
    uint64_t ts = 0;
    while ((rc = cap_next(&rd, &pkt)) == 1) {
        FUZZ_ASSERT(pkt.data >= data && pkt.data + pkt.caplen <= data + size, "packet outside the file");
        ts = pkt.ts_usec;
        tcp_segment seg;
        const char *why;
        int pr = packet_parse_tcp(pkt.link_type, pkt.data, pkt.caplen, &seg, &why);
        if (pr < 0) FUZZ_ASSERT(why != NULL, "malformed packet without a reason");
        if (pr != 1) continue;
        FUZZ_ASSERT(seg.payload >= pkt.data && seg.payload + seg.payload_len <= pkt.data + pkt.caplen,
                    "TCP payload outside the packet");
        tcp_reasm_segment(&ra, &seg, ts);
    }
    if (rc < 0) FUZZ_ASSERT(rd.error && rd.error_offset <= size, "capture error without a reason or offset");
    tcp_reasm_finish(&ra, ts);
    tcp_reasm_free(&ra);
    return 0;
}
