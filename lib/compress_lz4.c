/* LZ4 frames (5.x Lz4Compressor: lz4-java's LZ4FrameOutputStream / LZ4FrameInputStream).
 * The frame format is parsed here, blocks go through liblz4's raw block functions, so
 * nothing is allocated and output never passes max_out. */
#include "rmqwire/compress.h"

#include "internal/error_set.h"
#include "internal/xxh32.h"

#include <string.h>

#if defined(RMQ_HAVE_LZ4)
#include <lz4.h>
#endif

#define LZ4_FRAME_MAGIC 0x184D2204u
#define BLOCK_MAX (4u << 20)         /* what LZ4FrameOutputStream writes (BD 7) */
#define UNCOMPRESSED_BIT 0x80000000u

bool rmq_have_lz4(void)
{
#if defined(RMQ_HAVE_LZ4)
    return true;
#else
    return false;
#endif
}

size_t rmq_lz4_compress_bound(size_t len)
{
    size_t blocks = len / BLOCK_MAX + 1;
    /* header 7, each block: size word + at worst stored, end mark 4 */
    if (len > SIZE_MAX / 2) return SIZE_MAX;
    return 7 + blocks * 4 + len + 4;
}

#if defined(RMQ_HAVE_LZ4)
static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

int rmq_lz4_compress(const uint8_t *in, size_t len, uint8_t *out, size_t cap, size_t *written, rmq_error *err)
{
    if ((!in && len) || (!out && cap) || !written) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    *written = 0;
    if (cap < 7) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    static const uint8_t descriptor[2] = {0x60, 0x70}; /* version 1, independent blocks; 4 MiB blocks */
    put_le32(out, LZ4_FRAME_MAGIC);
    out[4] = descriptor[0];
    out[5] = descriptor[1];
    out[6] = (uint8_t)(rmq_xxh32(descriptor, 2, 0) >> 8);
    size_t o = 7;
    for (size_t i = 0; i < len;) {
        size_t n = len - i < BLOCK_MAX ? len - i : BLOCK_MAX;
        if (cap - o < 4) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
        size_t room = cap - o - 4 < n - 1 ? cap - o - 4 : n - 1; /* a block must shrink to be kept compressed */
        int c = room ? LZ4_compress_default((const char *)in + i, (char *)out + o + 4, (int)n, (int)room) : 0;
        if (c > 0) {
            put_le32(out + o, (uint32_t)c);
            o += 4 + (size_t)c;
        } else {
            if (cap - o < 4 + n) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
            put_le32(out + o, (uint32_t)n | UNCOMPRESSED_BIT);
            memcpy(out + o + 4, in + i, n);
            o += 4 + n;
        }
        i += n;
    }
    if (cap - o < 4) return rmq_fail(err, RMQ_ERR_BUFFER_TOO_SMALL, cap, NULL);
    put_le32(out + o, 0); /* end mark */
    *written = o + 4;
    return RMQ_OK;
}

static int bad(rmq_error *err, size_t at, const char *why) { return rmq_fail(err, RMQ_ERR_INFLATE, at, why); }

/* One frame at in[*pos]; appends to out[*o]. */
static int one_frame(const uint8_t *in, size_t len, size_t *pos, uint8_t *out, size_t max_out, size_t *o,
                     rmq_error *err)
{
    size_t p = *pos, start = *o;
    if (len - p < 7 || le32(in + p) != LZ4_FRAME_MAGIC) return bad(err, p, "not an LZ4 frame");
    uint8_t flg = in[p + 4], bd = in[p + 5];
    if ((flg >> 6) != 1 || (flg & 0x02) || (bd & 0x8F)) return bad(err, p + 4, "unknown LZ4 frame version or flags");
    if (flg & 0x01) return bad(err, p + 4, "LZ4 frames with a dictionary are not supported");
    bool independent = flg & 0x20, block_sum = flg & 0x10, has_size = flg & 0x08, content_sum = flg & 0x04;
    unsigned id = (bd >> 4) & 7;
    if (id < 4) return bad(err, p + 5, "unknown LZ4 block size");
    size_t block_max = (size_t)1 << (8 + 2 * id);
    size_t desc = 2 + (has_size ? 8 : 0);
    if (len - p < 4 + desc + 1) return bad(err, len, "LZ4 frame header cut short");
    if (in[p + 4 + desc] != (uint8_t)(rmq_xxh32(in + p + 4, desc, 0) >> 8)) return bad(err, p + 4 + desc, "LZ4 header checksum");
    uint64_t declared = 0;
    if (has_size)
        for (int k = 7; k >= 0; k--) declared = declared << 8 | in[p + 6 + k];
    if (has_size && declared > max_out - *o) return rmq_fail(err, RMQ_ERR_INFLATE_LIMIT, p + 6, NULL);
    p += 4 + desc + 1;
    for (;;) {
        if (len - p < 4) return bad(err, len, "LZ4 block size cut short");
        uint32_t word = le32(in + p);
        p += 4;
        if (word == 0) break;
        size_t n = word & ~UNCOMPRESSED_BIT;
        if (n > block_max || n > len - p) return bad(err, p - 4, "LZ4 block size out of range");
        if (word & UNCOMPRESSED_BIT) {
            if (n > max_out - *o) return rmq_fail(err, RMQ_ERR_INFLATE_LIMIT, p, NULL);
            memcpy(out + *o, in + p, n);
            *o += n;
        } else {
            size_t room = max_out - *o < block_max ? max_out - *o : block_max;
            /* linked blocks may copy from the 64 KiB written before */
            size_t dict = independent ? 0 : (*o - start < 65536 ? *o - start : 65536);
            int got = LZ4_decompress_safe_usingDict((const char *)in + p, (char *)out + *o, (int)n, (int)room,
                                                    (const char *)out + *o - dict, (int)dict);
            if (got < 0) {
                /* a block that does not fit what is left is the limit; anything else is corruption */
                if (room < block_max && LZ4_decompress_safe_partial((const char *)in + p, (char *)out + *o, (int)n,
                                                                    (int)room, (int)room) == (int)room)
                    return rmq_fail(err, RMQ_ERR_INFLATE_LIMIT, p, NULL);
                return bad(err, p, "corrupt LZ4 block");
            }
            *o += (size_t)got;
        }
        if (block_sum) {
            if (len - (p + n) < 4) return bad(err, len, "LZ4 block checksum cut short");
            if (le32(in + p + n) != rmq_xxh32(in + p, n, 0)) return bad(err, p + n, "LZ4 block checksum");
            p += 4;
        }
        p += n;
    }
    if (content_sum) {
        if (len - p < 4) return bad(err, len, "LZ4 content checksum cut short");
        if (le32(in + p) != rmq_xxh32(out + start, *o - start, 0)) return bad(err, p, "LZ4 content checksum");
        p += 4;
    }
    if (has_size && declared != *o - start) return bad(err, p, "LZ4 content size differs");
    *pos = p;
    return RMQ_OK;
}

int rmq_lz4_decompress(const uint8_t *in, size_t len, uint8_t *out, size_t max_out, size_t *written, rmq_error *err)
{
    if ((!in && len) || (!out && max_out) || !written) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    static uint8_t no_room; /* out may be NULL with max_out 0: never offset a null pointer */
    if (!out) out = &no_room;
    size_t p = 0, o = 0;
    int rc;
    /* LZ4FrameInputStream reads frame after frame */
    do {
        rc = one_frame(in, len, &p, out, max_out, &o, err);
    } while (rc == RMQ_OK && p < len);
    *written = o;
    return rc;
}
#else
int rmq_lz4_compress(const uint8_t *in, size_t len, uint8_t *out, size_t cap, size_t *written, rmq_error *err)
{
    (void)in, (void)len, (void)out, (void)cap;
    if (written) *written = 0;
    return rmq_fail(err, RMQ_ERR_UNSUPPORTED, 0, "built without LZ4 (liblz4-dev)");
}

int rmq_lz4_decompress(const uint8_t *in, size_t len, uint8_t *out, size_t max_out, size_t *written, rmq_error *err)
{
    (void)in, (void)len, (void)out, (void)max_out;
    if (written) *written = 0;
    return rmq_fail(err, RMQ_ERR_UNSUPPORTED, 0, "built without LZ4 (liblz4-dev)");
}
#endif
