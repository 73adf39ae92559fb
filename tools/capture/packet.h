/* Link layer → IPv4/IPv6 → TCP: the parts of a captured packet a TCP reassembler needs. */
#ifndef RMQ_TOOLS_PACKET_H
#define RMQ_TOOLS_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10 };

typedef struct tcp_segment {
    uint8_t family;          /* 4 or 6 */
    uint8_t src[16], dst[16];/* addresses (first 4 bytes for IPv4) */
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *payload;  /* inside the packet */
    size_t payload_len;
    bool truncated;          /* the capture cut the payload short (snaplen) */
} tcp_segment;

/*
 * Parse one captured packet down to TCP. Returns 1 with *seg, 0 when the packet is
 * not TCP over IP (ARP, UDP, IP fragments, …), -1 when it is malformed (*why set).
 */
int packet_parse_tcp(uint32_t link_type, const uint8_t *data, size_t len, tcp_segment *seg, const char **why);

/* "1.2.3.4:80" or "[::1]:80"; out needs 56 bytes. */
void packet_format_endpoint(uint8_t family, const uint8_t *addr, uint16_t port, char out[56]);

#endif
