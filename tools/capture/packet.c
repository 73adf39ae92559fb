/* Headers are read only after their length is checked against what was captured. */
#include "packet.h"

#include "pcap_read.h"

#include <stdio.h>
#include <string.h>

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86DD
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88A8

static int bad(const char **why, const char *text)
{
    *why = text;
    return -1;
}

static int parse_tcp(const uint8_t *p, size_t len, bool truncated, tcp_segment *seg, const char **why)
{
    if (len < 20) return bad(why, "TCP header truncated");
    size_t hl = (size_t)(p[12] >> 4) * 4;
    if (hl < 20 || hl > len) return bad(why, "TCP header length bad");
    seg->sport = be16(p);
    seg->dport = be16(p + 2);
    seg->seq = be32(p + 4);
    seg->ack = be32(p + 8);
    seg->flags = p[13];
    seg->payload = p + hl;
    seg->payload_len = len - hl;
    seg->truncated = truncated;
    return 1;
}

static int parse_ipv4(const uint8_t *p, size_t len, tcp_segment *seg, const char **why)
{
    if (len < 20) return bad(why, "IPv4 header truncated");
    size_t ihl = (size_t)(p[0] & 0x0F) * 4;
    if ((p[0] >> 4) != 4 || ihl < 20 || ihl > len) return bad(why, "IPv4 header bad");
    size_t total = be16(p + 2);
    if (total < ihl) return bad(why, "IPv4 total length smaller than its header");
    uint16_t frag = be16(p + 6);
    if ((frag & 0x1FFF) || (frag & 0x2000)) return 0; /* fragments are not reassembled */
    if (p[9] != 6) return 0;
    /* Ethernet pads short frames; the IP length says where the payload ends */
    bool truncated = total > len;
    size_t end = truncated ? len : total;
    seg->family = 4;
    memset(seg->src, 0, 16);
    memset(seg->dst, 0, 16);
    memcpy(seg->src, p + 12, 4);
    memcpy(seg->dst, p + 16, 4);
    return parse_tcp(p + ihl, end - ihl, truncated, seg, why);
}

static int parse_ipv6(const uint8_t *p, size_t len, tcp_segment *seg, const char **why)
{
    if (len < 40 || (p[0] >> 4) != 6) return bad(why, "IPv6 header bad");
    size_t plen = be16(p + 4);
    bool truncated = 40 + plen > len;
    size_t end = truncated ? len : 40 + plen;
    uint8_t next = p[6];
    size_t off = 40;
    /* walk the extension headers that can precede TCP */
    for (int hops = 0; hops < 8; hops++) {
        if (next == 6) break;
        if (next == 0 || next == 43 || next == 60) { /* hop-by-hop, routing, destination options */
            if (end - off < 8) return bad(why, "IPv6 extension header truncated");
            size_t elen = ((size_t)p[off + 1] + 1) * 8;
            if (elen > end - off) return bad(why, "IPv6 extension header runs past the packet");
            next = p[off];
            off += elen;
        } else {
            return 0; /* fragment, ESP, UDP, ICMPv6, … */
        }
    }
    if (next != 6) return 0;
    seg->family = 6;
    memcpy(seg->src, p + 8, 16);
    memcpy(seg->dst, p + 24, 16);
    return parse_tcp(p + off, end - off, truncated, seg, why);
}

static int parse_ip(uint16_t ethertype, const uint8_t *p, size_t len, tcp_segment *seg, const char **why)
{
    if (ethertype == ETHERTYPE_IPV4) return parse_ipv4(p, len, seg, why);
    if (ethertype == ETHERTYPE_IPV6) return parse_ipv6(p, len, seg, why);
    return 0;
}

/* BSD loopback families: AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 by OS. */
static uint16_t ethertype_of_family(uint32_t fam)
{
    if (fam == 2) return ETHERTYPE_IPV4;
    if (fam == 10 || fam == 24 || fam == 28 || fam == 30) return ETHERTYPE_IPV6;
    return 0;
}

int packet_parse_tcp(uint32_t link_type, const uint8_t *data, size_t len, tcp_segment *seg, const char **why)
{
    memset(seg, 0, sizeof *seg);
    *why = NULL;
    switch (link_type) {
    case CAP_LINK_ETHERNET: {
        if (len < 14) return bad(why, "Ethernet header truncated");
        size_t off = 12;
        uint16_t et = be16(data + off);
        while ((et == ETHERTYPE_VLAN || et == ETHERTYPE_QINQ) && len - off >= 6) {
            off += 4;
            et = be16(data + off);
        }
        off += 2;
        if (off > len) return bad(why, "VLAN tag truncated");
        return parse_ip(et, data + off, len - off, seg, why);
    }
    case CAP_LINK_LINUX_SLL:
        if (len < 16) return bad(why, "Linux cooked header truncated");
        return parse_ip(be16(data + 14), data + 16, len - 16, seg, why);
    case CAP_LINK_LINUX_SLL2:
        if (len < 20) return bad(why, "Linux cooked v2 header truncated");
        return parse_ip(be16(data), data + 20, len - 20, seg, why);
    case CAP_LINK_NULL: {
        if (len < 4) return bad(why, "loopback header truncated");
        /* host byte order of the capturing machine: accept either */
        uint32_t le = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
        uint16_t et = ethertype_of_family(le);
        if (!et) et = ethertype_of_family(be32(data));
        return parse_ip(et, data + 4, len - 4, seg, why);
    }
    case CAP_LINK_LOOP:
        if (len < 4) return bad(why, "loopback header truncated");
        return parse_ip(ethertype_of_family(be32(data)), data + 4, len - 4, seg, why);
    case CAP_LINK_RAW:
    case 12: /* LINKTYPE_RAW as some BSDs write it */
        if (len < 1) return bad(why, "empty raw IP packet");
        return parse_ip((data[0] >> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, data, len, seg, why);
    default:
        return 0;
    }
}

void packet_format_endpoint(uint8_t family, const uint8_t *a, uint16_t port, char out[56])
{
    if (family == 4) {
        snprintf(out, 56, "%u.%u.%u.%u:%u", a[0], a[1], a[2], a[3], port);
        return;
    }
    /* RFC 5952 would compress zeros; the plain form is unambiguous and stable */
    snprintf(out, 56, "[%x:%x:%x:%x:%x:%x:%x:%x]:%u", be16(a), be16(a + 2), be16(a + 4), be16(a + 6), be16(a + 8),
             be16(a + 10), be16(a + 12), be16(a + 14), port);
}
