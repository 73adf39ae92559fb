/* rmqdump's capture layer on its own: file readers, packet parsing, TCP reassembly. */
#include "capture/packet.h"
#include "capture/pcap_read.h"
#include "capture/tcp_reasm.h"

#include <criterion/criterion.h>
#include <string.h>

static const uint8_t pcap_header_le[24] = {0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                           0xFF, 0xFF, 0, 0, 1, 0, 0, 0};

Test(capture, detects_every_magic)
{
    static const uint8_t magics[][4] = {{0xA1, 0xB2, 0xC3, 0xD4}, {0xD4, 0xC3, 0xB2, 0xA1}, {0xA1, 0xB2, 0x3C, 0x4D},
                                        {0x4D, 0x3C, 0xB2, 0xA1}};
    for (size_t i = 0; i < 4; i++) cr_expect_eq(cap_detect(magics[i], 4), 1);
    static const uint8_t ng[4] = {0x0A, 0x0D, 0x0D, 0x0A};
    cr_expect_eq(cap_detect(ng, 4), 2);
    static const uint8_t frame[4] = {0, 0, 0, 9};
    cr_expect_eq(cap_detect(frame, 4), 0);
    cr_expect_eq(cap_detect(ng, 3), 0);
}

Test(capture, classic_header_and_records_are_bounds_checked)
{
    cap_reader r;
    cr_expect_not(cap_open(&r, pcap_header_le, 20));
    cr_expect_str_eq(r.error, "pcap file header truncated");

    uint8_t file[24 + 16 + 4];
    memcpy(file, pcap_header_le, 24);
    uint8_t rec[16] = {1, 0, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0}; /* says 8 bytes, 4 follow */
    memcpy(file + 24, rec, 16);
    memset(file + 40, 0xEE, 4);
    cr_assert(cap_open(&r, file, sizeof file));
    cap_packet p;
    cr_expect_eq(cap_next(&r, &p), -1);
    cr_expect_eq(r.error_offset, 32);

    rec[8] = 4;
    rec[12] = 4;
    memcpy(file + 24, rec, 16);
    cr_assert(cap_open(&r, file, sizeof file));
    cr_assert_eq(cap_next(&r, &p), 1);
    cr_expect_eq(p.caplen, 4);
    cr_expect_eq(p.ts_usec, 1000002);
    cr_expect_eq(p.link_type, CAP_LINK_ETHERNET);
    cr_expect_eq(cap_next(&r, &p), 0);
}

static void le32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }

Test(capture, pcapng_blocks_are_checked_and_timestamps_scaled)
{
    /* section header (28) + interface block (28) + enhanced packet block (36) */
    uint8_t g[28 + 28 + 36];
    memset(g, 0, sizeof g);
    le32(g, 0x0A0D0D0A); le32(g + 4, 28); le32(g + 8, 0x1A2B3C4D); g[12] = 1; le32(g + 24, 28);
    uint8_t *idb = g + 28; /* Ethernet, option if_tsresol = 3 (milliseconds), end of options */
    le32(idb, 1); le32(idb + 4, 28); idb[8] = 1;
    idb[16] = 9; idb[18] = 1; idb[20] = 3;
    le32(idb + 24, 28);
    uint8_t *epb = g + 56;
    le32(epb, 6); le32(epb + 4, 36); le32(epb + 16, 1500); le32(epb + 20, 4); le32(epb + 24, 4); le32(epb + 32, 36);
    cap_reader r;
    cap_packet p;
    cr_assert(cap_open(&r, g, sizeof g));
    cr_assert_eq(cap_next(&r, &p), 1, "%s", r.error ? r.error : "");
    cr_expect_eq(p.ts_usec, 1500000, "1500 ms");
    cr_expect_eq(p.caplen, 4);
    cr_expect_eq(cap_next(&r, &p), 0);

    le32(epb + 8, 7); /* an interface that does not exist */
    cr_assert(cap_open(&r, g, sizeof g));
    cr_expect_eq(cap_next(&r, &p), -1);
    cr_expect_str_eq(r.error, "pcapng packet names an unknown interface");
    le32(epb + 8, 0);
    le32(epb + 32, 40); /* trailing length disagrees */
    cr_assert(cap_open(&r, g, sizeof g));
    cr_expect_eq(cap_next(&r, &p), -1);
    cr_expect_str_eq(r.error, "pcapng trailing block length differs");
}

/* Ethernet + IPv4 + TCP around a payload. */
static size_t eth_ipv4_tcp(uint8_t *pkt, uint16_t frag, uint8_t tcp_words, const char *payload)
{
    size_t pl = strlen(payload);
    memset(pkt, 0, 64);
    pkt[12] = 0x08;
    uint8_t *ip = pkt + 14;
    ip[0] = 0x45;
    size_t total = 20 + (size_t)tcp_words * 4 + pl;
    ip[2] = (uint8_t)(total >> 8); ip[3] = (uint8_t)total;
    ip[6] = (uint8_t)(frag >> 8); ip[7] = (uint8_t)frag;
    ip[9] = 6;
    ip[12] = 127; ip[15] = 1; ip[16] = 127; ip[19] = 2;
    uint8_t *tcp = ip + 20;
    tcp[0] = 0xA0; tcp[1] = 0x28; tcp[2] = 0x2A; tcp[3] = 0x9F; /* 41000 → 10911 */
    tcp[4] = 0; tcp[5] = 0; tcp[6] = 1; tcp[7] = 0;
    tcp[12] = (uint8_t)(tcp_words << 4);
    tcp[13] = 0x18;
    memcpy(tcp + tcp_words * 4, payload, pl);
    return 14 + total + 6; /* Ethernet padding after the IP packet */
}

Test(capture, packets_parse_to_tcp_and_padding_is_not_payload)
{
    uint8_t pkt[128];
    tcp_segment s;
    const char *why;
    size_t n = eth_ipv4_tcp(pkt, 0x4000, 5, "abc");
    cr_assert_eq(packet_parse_tcp(CAP_LINK_ETHERNET, pkt, n, &s, &why), 1);
    cr_expect_eq(s.payload_len, 3);
    cr_expect(memcmp(s.payload, "abc", 3) == 0);
    cr_expect_eq(s.sport, 41000);
    cr_expect_eq(s.dport, 10911);
    cr_expect_eq(s.seq, 256);
    char ep[56];
    packet_format_endpoint(s.family, s.src, s.sport, ep);
    cr_expect_str_eq(ep, "127.0.0.1:41000");

    n = eth_ipv4_tcp(pkt, 0x2000, 5, "abc"); /* more fragments follow */
    cr_expect_eq(packet_parse_tcp(CAP_LINK_ETHERNET, pkt, n, &s, &why), 0);
    n = eth_ipv4_tcp(pkt, 0, 4, "abc"); /* IP says 19 bytes of TCP: less than a header */
    cr_expect_eq(packet_parse_tcp(CAP_LINK_ETHERNET, pkt, n, &s, &why), -1);
    cr_expect_str_eq(why, "TCP header truncated");
    n = eth_ipv4_tcp(pkt, 0, 5, "abc");
    pkt[14 + 20 + 12] = 0xF0; /* a 60-byte TCP header in 23 bytes */
    cr_expect_eq(packet_parse_tcp(CAP_LINK_ETHERNET, pkt, n, &s, &why), -1);
    cr_expect_str_eq(why, "TCP header length bad");
    cr_expect_eq(packet_parse_tcp(CAP_LINK_ETHERNET, pkt, 10, &s, &why), -1);
    cr_expect_eq(packet_parse_tcp(9999, pkt, n, &s, &why), 0, "unknown link types are skipped");
}

Test(capture, ipv6_extension_headers_are_walked)
{
    uint8_t pkt[128];
    memset(pkt, 0, sizeof pkt);
    pkt[0] = 0x60;
    pkt[5] = 8 + 20 + 2;  /* payload length: hop-by-hop 8 + TCP 20 + 2 bytes */
    pkt[6] = 0;           /* hop-by-hop */
    pkt[23] = 1;
    pkt[39] = 1;
    pkt[40] = 6;          /* next: TCP */
    pkt[41] = 0;          /* 8 bytes */
    uint8_t *tcp = pkt + 48;
    tcp[1] = 80; tcp[3] = 81;
    tcp[12] = 0x50;
    tcp[20] = 'h'; tcp[21] = 'i';
    tcp_segment s;
    const char *why;
    cr_assert_eq(packet_parse_tcp(CAP_LINK_RAW, pkt, 70, &s, &why), 1);
    cr_expect_eq(s.family, 6);
    cr_expect_eq(s.payload_len, 2);
    char ep[56];
    packet_format_endpoint(s.family, s.src, s.sport, ep);
    cr_expect_str_eq(ep, "[0:0:0:0:0:0:0:1]:80");
}

/* ---- reassembly ---- */

typedef struct collected {
    char data[2][256];
    size_t len[2];
    uint64_t gaps[2];
    int closes;
} collected;

static void on_data(void *ctx, tcp_conn *c, int dir, const uint8_t *d, size_t n, uint64_t ts)
{
    (void)c;
    (void)ts;
    collected *k = ctx;
    memcpy(k->data[dir] + k->len[dir], d, n);
    k->len[dir] += n;
}
static void on_gap(void *ctx, tcp_conn *c, int dir, uint64_t missing, uint64_t ts)
{
    (void)c;
    (void)ts;
    ((collected *)ctx)->gaps[dir] += missing;
}
static void on_close(void *ctx, tcp_conn *c)
{
    (void)c;
    ((collected *)ctx)->closes++;
}

static tcp_segment seg(bool from_client, uint32_t seq, uint8_t flags, const char *payload)
{
    tcp_segment s;
    memset(&s, 0, sizeof s);
    s.family = 4;
    s.src[0] = 127; s.src[3] = from_client ? 1 : 2;
    s.dst[0] = 127; s.dst[3] = from_client ? 2 : 1;
    s.sport = from_client ? 41000 : 10911;
    s.dport = from_client ? 10911 : 41000;
    s.seq = seq;
    s.flags = flags;
    s.payload = (const uint8_t *)payload;
    s.payload_len = strlen(payload);
    return s;
}

static const uint16_t ports[] = {10911};

Test(capture, reassembly_orders_trims_and_wraps)
{
    collected k;
    memset(&k, 0, sizeof k);
    tcp_events ev = {NULL, on_data, on_gap, on_close, &k};
    tcp_reasm r;
    cr_assert(tcp_reasm_init(&r, &ev, 1 << 20, ports, 1));
    uint32_t isn = 0xFFFFFFFCu; /* the data crosses 2^32 */
    tcp_segment s = seg(true, isn, TCP_SYN, "");
    tcp_reasm_segment(&r, &s, 1);
    s = seg(false, 500, TCP_SYN | TCP_ACK, "");
    tcp_reasm_segment(&r, &s, 2);
    s = seg(true, isn + 1 + 4, TCP_ACK, "efgh");   /* ahead: held */
    tcp_reasm_segment(&r, &s, 3);
    cr_expect_eq(k.len[0], 0);
    s = seg(true, isn + 1, TCP_ACK, "abcd");       /* fills the hole */
    tcp_reasm_segment(&r, &s, 4);
    s = seg(true, isn + 1 + 2, TCP_ACK, "cdefghij"); /* overlaps: only "ij" is new */
    tcp_reasm_segment(&r, &s, 5);
    s = seg(true, isn + 1, TCP_ACK, "abcd");       /* a plain retransmit */
    tcp_reasm_segment(&r, &s, 6);
    s = seg(false, 501, TCP_ACK, "OK");
    tcp_reasm_segment(&r, &s, 7);
    cr_expect_eq(k.len[0], 10);
    cr_expect(memcmp(k.data[0], "abcdefghij", 10) == 0);
    cr_expect_eq(k.len[1], 2);
    cr_expect_eq(r.stats.retransmits, 2);
    cr_expect_eq(r.stats.out_of_order, 1);
    s = seg(true, isn + 11, TCP_FIN | TCP_ACK, "");
    tcp_reasm_segment(&r, &s, 8);
    s = seg(false, 503, TCP_FIN | TCP_ACK, "");
    tcp_reasm_segment(&r, &s, 9);
    cr_expect_eq(k.closes, 1);
    tcp_reasm_free(&r);
}

Test(capture, a_hole_that_never_fills_is_a_gap_at_the_end)
{
    collected k;
    memset(&k, 0, sizeof k);
    tcp_events ev = {NULL, on_data, on_gap, on_close, &k};
    tcp_reasm r;
    cr_assert(tcp_reasm_init(&r, &ev, 1 << 20, ports, 1));
    /* no handshake: the stream is joined at the first segment seen */
    tcp_segment s = seg(true, 1000, TCP_ACK, "abc");
    tcp_reasm_segment(&r, &s, 1);
    s = seg(true, 1010, TCP_ACK, "xyz");
    tcp_reasm_segment(&r, &s, 2);
    cr_expect_eq(k.len[0], 3);
    tcp_reasm_finish(&r, 3);
    cr_expect_eq(k.gaps[0], 7);
    cr_expect_eq(k.len[0], 6);
    cr_expect(memcmp(k.data[0], "abcxyz", 6) == 0);
    cr_expect_eq(r.stats.gaps, 1);
    cr_expect_eq(k.closes, 1);
    tcp_reasm_free(&r);
}

Test(capture, held_bytes_are_bounded)
{
    collected k;
    memset(&k, 0, sizeof k);
    tcp_events ev = {NULL, on_data, on_gap, on_close, &k};
    tcp_reasm r;
    cr_assert(tcp_reasm_init(&r, &ev, 4, ports, 1)); /* at most 4 bytes waiting */
    tcp_segment s = seg(true, 0, TCP_ACK, "a");
    tcp_reasm_segment(&r, &s, 1);
    s = seg(true, 5, TCP_ACK, "fgh");
    tcp_reasm_segment(&r, &s, 2);
    cr_expect_eq(k.gaps[0], 0, "3 bytes held: under the bound");
    s = seg(true, 10, TCP_ACK, "kl");
    tcp_reasm_segment(&r, &s, 3);
    cr_expect_eq(k.gaps[0], 4, "over the bound: the first hole is given up");
    cr_expect(memcmp(k.data[0], "afgh", 4) == 0);
    tcp_reasm_free(&r);
}
