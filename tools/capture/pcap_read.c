/* pcap (tcpdump) and pcapng (IETF draft) records; every length checked against the buffer. */
#include "pcap_read.h"

#include <string.h>

static uint32_t rd32(const cap_reader *r, const uint8_t *p)
{
    if (r->little) return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static uint16_t rd16(const cap_reader *r, const uint8_t *p)
{
    if (r->little) return (uint16_t)(p[0] | p[1] << 8);
    return (uint16_t)(p[1] | p[0] << 8);
}

static int fail(cap_reader *r, const char *why, size_t at)
{
    r->error = why;
    r->error_offset = at;
    return -1;
}

int cap_detect(const uint8_t *buf, size_t len)
{
    if (len < 4) return 0;
    uint32_t be = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
    if (be == 0xA1B2C3D4u || be == 0xD4C3B2A1u || be == 0xA1B23C4Du || be == 0x4D3CB2A1u) return 1;
    if (be == 0x0A0D0D0Au) return 2;
    return 0;
}

static bool open_classic(cap_reader *r)
{
    if (r->len < 24) return fail(r, "pcap file header truncated", 0), false;
    uint32_t be = (uint32_t)r->buf[0] << 24 | (uint32_t)r->buf[1] << 16 | (uint32_t)r->buf[2] << 8 | r->buf[3];
    r->little = (be == 0xD4C3B2A1u || be == 0x4D3CB2A1u);
    r->nanos = (be == 0xA1B23C4Du || be == 0x4D3CB2A1u);
    r->link_type = rd32(r, r->buf + 20) & 0x0FFFFFFFu; /* upper bits: FCS info */
    r->pos = 24;
    return true;
}

/* Section header: fixes the byte order for the section and forgets its interfaces. */
static int read_shb(cap_reader *r, size_t at, size_t *block_len)
{
    if (r->len - at < 28) return fail(r, "pcapng section header truncated", at);
    const uint8_t *p = r->buf + at;
    uint32_t bom = (uint32_t)p[8] | (uint32_t)p[9] << 8 | (uint32_t)p[10] << 16 | (uint32_t)p[11] << 24;
    if (bom == 0x1A2B3C4Du) r->little = true;
    else if (bom == 0x4D3C2B1Au) r->little = false;
    else return fail(r, "pcapng byte-order magic unknown", at + 8);
    uint32_t bl = rd32(r, p + 4);
    if (bl < 28 || bl % 4 || bl > r->len - at) return fail(r, "pcapng section header length bad", at + 4);
    r->if_count = 0;
    *block_len = bl;
    return 0;
}

/* Interface description: link type and the if_tsresol option (default microseconds). */
static int read_idb(cap_reader *r, const uint8_t *p, size_t bl, size_t at)
{
    if (bl < 20) return fail(r, "pcapng interface block too short", at);
    if (r->if_count >= CAP_MAX_INTERFACES) return fail(r, "too many pcapng interfaces", at);
    uint32_t idx = r->if_count++;
    r->if_link[idx] = rd16(r, p + 8);
    r->if_tick_per_sec[idx] = 1000000;
    size_t o = 16, end = bl - 4;
    while (o + 4 <= end) {
        uint16_t code = rd16(r, p + o), olen = rd16(r, p + o + 2);
        if (code == 0) break;
        if ((size_t)olen > end - o - 4) return fail(r, "pcapng option runs past its block", at + o);
        if (code == 9 && olen >= 1) { /* if_tsresol */
            uint8_t v = p[o + 4];
            uint64_t ticks = 1;
            unsigned exp = v & 0x7F;
            if (v & 0x80) {
                if (exp > 63) return fail(r, "pcapng timestamp resolution out of range", at + o);
                ticks = (uint64_t)1 << exp;
            } else {
                if (exp > 19) return fail(r, "pcapng timestamp resolution out of range", at + o);
                for (unsigned k = 0; k < exp; k++) ticks *= 10;
            }
            r->if_tick_per_sec[idx] = ticks;
        }
        o += 4 + (((size_t)olen + 3) & ~(size_t)3);
    }
    return 0;
}

static uint64_t ticks_to_usec(uint64_t ticks, uint64_t per_sec)
{
    if (per_sec == 1000000) return ticks;
    return (ticks / per_sec) * 1000000 + (ticks % per_sec) * 1000000 / per_sec;
}

bool cap_open(cap_reader *r, const uint8_t *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    int kind = cap_detect(buf, len);
    if (kind == 1) return open_classic(r);
    if (kind == 2) {
        r->pcapng = true;
        return true; /* the section header is read as the first block */
    }
    fail(r, "not a pcap or pcapng file", 0);
    return false;
}

static int emit(cap_reader *r, cap_packet *pkt, uint64_t ts_usec, uint32_t link, const uint8_t *data, size_t caplen,
                uint32_t origlen, size_t at)
{
    pkt->ts_usec = ts_usec;
    pkt->link_type = link;
    pkt->data = data;
    pkt->caplen = caplen;
    pkt->origlen = origlen;
    pkt->file_offset = at;
    pkt->index = r->packets++;
    return 1;
}

static int next_classic(cap_reader *r, cap_packet *pkt)
{
    if (r->pos == r->len) return 0;
    if (r->len - r->pos < 16) return fail(r, "pcap record header truncated", r->pos);
    const uint8_t *p = r->buf + r->pos;
    uint32_t sec = rd32(r, p), frac = rd32(r, p + 4), incl = rd32(r, p + 8), orig = rd32(r, p + 12);
    if (incl > r->len - r->pos - 16) return fail(r, "pcap record runs past the end of the file", r->pos + 8);
    r->pos += 16 + (size_t)incl;
    return emit(r, pkt, (uint64_t)sec * 1000000 + (r->nanos ? frac / 1000 : frac), r->link_type, p + 16, incl, orig,
                (size_t)(p - r->buf));
}

static int next_pcapng(cap_reader *r, cap_packet *pkt)
{
    for (;;) {
        if (r->pos == r->len) return 0;
        size_t at = r->pos;
        if (r->len - at < 12) return fail(r, "pcapng block header truncated", at);
        const uint8_t *p = r->buf + at;
        uint32_t type_be = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        size_t bl;
        if (type_be == 0x0A0D0D0Au) {
            if (read_shb(r, at, &bl) < 0) return -1;
            r->pos += bl;
            continue;
        }
        if (at == 0) return fail(r, "pcapng file does not start with a section header", 0);
        uint32_t type = rd32(r, p);
        bl = rd32(r, p + 4);
        if (bl < 12 || bl % 4 || bl > r->len - at) return fail(r, "pcapng block length bad", at + 4);
        if (rd32(r, p + bl - 4) != bl) return fail(r, "pcapng trailing block length differs", at + bl - 4);
        r->pos += bl;
        if (type == 1) {
            if (read_idb(r, p, bl, at) < 0) return -1;
        } else if (type == 6) { /* enhanced packet */
            if (bl < 32) return fail(r, "pcapng packet block too short", at);
            uint32_t ifid = rd32(r, p + 8), caplen = rd32(r, p + 20), orig = rd32(r, p + 24);
            if (ifid >= r->if_count) return fail(r, "pcapng packet names an unknown interface", at + 8);
            if (caplen > bl - 32) return fail(r, "pcapng packet runs past its block", at + 20);
            uint64_t ticks = (uint64_t)rd32(r, p + 12) << 32 | rd32(r, p + 16);
            return emit(r, pkt, ticks_to_usec(ticks, r->if_tick_per_sec[ifid]), r->if_link[ifid], p + 28, caplen,
                        orig, at);
        } else if (type == 3) { /* simple packet: interface 0, no timestamp */
            if (bl < 16) return fail(r, "pcapng simple packet block too short", at);
            if (r->if_count == 0) return fail(r, "pcapng simple packet before any interface", at);
            uint32_t orig = rd32(r, p + 8);
            size_t caplen = orig < bl - 16 ? orig : bl - 16;
            return emit(r, pkt, 0, r->if_link[0], p + 12, caplen, orig, at);
        }
        /* other blocks (name resolution, statistics, custom) carry no packets */
    }
}

int cap_next(cap_reader *r, cap_packet *pkt)
{
    if (r->error) return -1;
    return r->pcapng ? next_pcapng(r, pkt) : next_classic(r, pkt);
}
