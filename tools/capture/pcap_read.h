/* Classic pcap and pcapng readers over a buffer in memory (no libpcap). */
#ifndef RMQ_TOOLS_PCAP_READ_H
#define RMQ_TOOLS_PCAP_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Link types (LINKTYPE_* of the tcpdump registry). */
enum {
    CAP_LINK_NULL = 0,       /* BSD loopback: 4-byte family in host order */
    CAP_LINK_ETHERNET = 1,
    CAP_LINK_RAW = 101,      /* bare IPv4/IPv6 */
    CAP_LINK_LOOP = 108,     /* OpenBSD loopback: family in network order */
    CAP_LINK_LINUX_SLL = 113,
    CAP_LINK_LINUX_SLL2 = 276
};

typedef struct cap_packet {
    uint64_t ts_usec;        /* microseconds since the epoch */
    uint32_t link_type;
    const uint8_t *data;     /* captured bytes, inside the input buffer */
    size_t caplen;
    uint32_t origlen;
    uint64_t index;          /* 0-based packet number */
    size_t file_offset;      /* where the record starts in the file */
} cap_packet;

#define CAP_MAX_INTERFACES 64

typedef struct cap_reader {
    const uint8_t *buf;
    size_t len;
    size_t pos;
    bool pcapng;
    bool little;             /* file is little-endian */
    bool nanos;              /* classic pcap with nanosecond timestamps */
    uint32_t link_type;      /* classic pcap */
    /* pcapng interfaces of the current section */
    uint32_t if_count;
    uint32_t if_link[CAP_MAX_INTERFACES];
    uint64_t if_tick_per_sec[CAP_MAX_INTERFACES];
    uint64_t packets;
    const char *error;       /* static text after a failure */
    size_t error_offset;
} cap_reader;

/* The file type of a buffer: 1 classic pcap, 2 pcapng, 0 neither. */
int cap_detect(const uint8_t *buf, size_t len);

/* Start reading; false with r->error when the header is bad. */
bool cap_open(cap_reader *r, const uint8_t *buf, size_t len);

/* 1 and *pkt for the next packet, 0 at the end, -1 on a malformed record (r->error, r->error_offset). */
int cap_next(cap_reader *r, cap_packet *pkt);

#endif
