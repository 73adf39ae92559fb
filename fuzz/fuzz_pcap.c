/*
 * rmqdump's capture path: pcap/pcapng records → link/IP/TCP parsing → TCP
 * reassembly → splitter → frame decode. Oracle: each direction's delivered bytes
 * plus reported gaps add up to its stream offset; every frame the splitter yields
 * lies inside what was delivered.
 */
#include "fuzz_common.h"

#include "capture/packet.h"
#include "capture/pcap_read.h"
#include "capture/tcp_reasm.h"

typedef struct dir_check {
    uint64_t bytes;     /* delivered + gaps, as the callbacks saw them */
    rmq_splitter sp;
    uint8_t buf[1 << 16];
    bool failed;
} dir_check;

typedef struct conn_check {
    dir_check d[2];
} conn_check;

static bool on_open(void *ctx, tcp_conn *c)
{
    (void)ctx;
    if (!((c->port[0] ^ c->port[1]) & 1)) return false; /* ignore some connections too */
    conn_check *k = calloc(1, sizeof *k);
    if (!k) return false;
    for (int d = 0; d < 2; d++) rmq_splitter_init(&k->d[d].sp, k->d[d].buf, sizeof k->d[d].buf, sizeof k->d[d].buf, NULL);
    c->user = k;
    return true;
}

static void on_data(void *ctx, tcp_conn *c, int dir, const uint8_t *data, size_t len, uint64_t ts)
{
    (void)ctx;
    (void)ts;
    conn_check *k = c->user;
    dir_check *d = &k->d[dir];
    d->bytes += len;
    FUZZ_ASSERT(d->bytes == c->dir[dir].delivered, "delivered bytes and stream offset disagree");
    size_t pos = 0;
    while (!d->failed && pos < len) {
        rmq_split_result r;
        rmq_error err;
        int rc = rmq_splitter_feed(&d->sp, data + pos, len - pos, &r, &err);
        pos += r.consumed;
        if (rc == RMQ_INCOMPLETE) break;
        if (rc != RMQ_OK) {
            d->failed = true;
            break;
        }
        static uint8_t mem[1 << 18];
        rmq_arena a;
        rmq_arena_init(&a, mem, sizeof mem);
        rmq_command cmd;
        if (r.frame_len <= sizeof mem / 4) (void)rmq_frame_decode(r.frame, r.frame_len, NULL, &a, &cmd, &err);
    }
}

static void on_gap(void *ctx, tcp_conn *c, int dir, uint64_t missing, uint64_t ts)
{
    (void)ctx;
    (void)ts;
    conn_check *k = c->user;
    k->d[dir].bytes += missing;
    FUZZ_ASSERT(missing > 0 && missing < (1ull << 32), "gap size out of range");
    rmq_splitter_reset(&k->d[dir].sp);
    k->d[dir].failed = false;
}

static void on_close(void *ctx, tcp_conn *c)
{
    (void)ctx;
    conn_check *k = c->user;
    for (int d = 0; d < 2; d++) FUZZ_ASSERT(k->d[d].bytes == c->dir[d].delivered, "stream offset after close");
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
