/* Streaming splitter: any chunking, zero copy when possible, specific errors. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static uint8_t stream[256];
static size_t stream_len;
static size_t frame_at[3], frame_len[3];

/* Three frames: JSON {} with body "abc", ROCKETMQ minimal, JSON {} no body. */
static void setup(void)
{
    static const uint8_t f0[] = {0, 0, 0, 9, 0, 0, 0, 2, '{', '}', 'a', 'b', 'c'};
    static const uint8_t f1[] = {0, 0, 0, 25, 1, 0, 0, 21, 0, 34, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t f2[] = {0, 0, 0, 6, 0, 0, 0, 2, '{', '}'};
    const uint8_t *fs[] = {f0, f1, f2};
    size_t ls[] = {sizeof f0, sizeof f1, sizeof f2};
    stream_len = 0;
    for (int i = 0; i < 3; i++) {
        frame_at[i] = stream_len;
        frame_len[i] = ls[i];
        memcpy(stream + stream_len, fs[i], ls[i]);
        stream_len += ls[i];
    }
}
TestSuite(splitter, .init = setup);

static size_t split_in_chunks(size_t chunk, uint8_t *buf, size_t cap)
{
    rmq_splitter sp;
    cr_assert_eq(rmq_splitter_init(&sp, buf, cap, (uint32_t)cap, NULL), RMQ_OK);
    size_t got = 0;
    for (size_t pos = 0; pos < stream_len; pos += chunk) {
        size_t n = chunk < stream_len - pos ? chunk : stream_len - pos, off = 0;
        for (;;) {
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&sp, stream + pos + off, n - off, &r, &err);
            off += r.consumed;
            if (rc == RMQ_INCOMPLETE) {
                cr_assert_eq(off, n, "incomplete means the whole chunk was taken");
                cr_assert_gt(r.need, 0);
                break;
            }
            cr_assert_eq(rc, RMQ_OK, "%s", err.message);
            cr_assert_lt(got, 3);
            cr_assert_eq(r.frame_len, frame_len[got]);
            cr_assert_eq(r.frame_offset, frame_at[got]);
            cr_assert_eq(memcmp(r.frame, stream + frame_at[got], r.frame_len), 0);
            got++;
            if (off == n) break;
        }
    }
    cr_assert_eq(rmq_splitter_pending(&sp), 0);
    return got;
}

Test(splitter, every_chunk_size_gives_the_same_frames)
{
    uint8_t buf[64];
    for (size_t chunk = 1; chunk <= stream_len; chunk++)
        cr_assert_eq(split_in_chunks(chunk, buf, sizeof buf), 3, "chunk %zu", chunk);
}

Test(splitter, whole_frames_in_a_chunk_are_not_copied)
{
    uint8_t buf[64];
    rmq_splitter sp;
    rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
    rmq_split_result r;
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, NULL), RMQ_OK);
    cr_assert_eq(r.frame, stream, "points into the caller's chunk");
    cr_assert_eq(r.consumed, frame_len[0]);
}

Test(splitter, partial_input_is_left_untouched_and_need_is_exact)
{
    uint8_t copy[256], buf[64];
    memcpy(copy, stream, stream_len);
    rmq_splitter sp;
    rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
    rmq_split_result r;
    cr_assert_eq(rmq_splitter_feed(&sp, stream, 2, &r, NULL), RMQ_INCOMPLETE);
    cr_assert_eq(r.need, 6, "lower bound before the prefix is complete");
    cr_assert_eq(rmq_splitter_feed(&sp, stream + 2, 3, &r, NULL), RMQ_INCOMPLETE);
    cr_assert_eq(r.need, frame_len[0] - 5, "exact once the length is known");
    cr_assert_eq(memcmp(copy, stream, stream_len), 0);
    cr_assert_eq(rmq_splitter_pending(&sp), 5);
}

Test(splitter, bad_lengths_are_specific_and_sticky)
{
    uint8_t buf[64];
    rmq_splitter sp;
    rmq_error err;
    rmq_split_result r;
    static const uint8_t short_len[] = {0, 0, 0, 3, 0, 0, 0};
    rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, frame_len[0], &r, &err), RMQ_OK);
    cr_assert_eq(rmq_splitter_feed(&sp, short_len, sizeof short_len, &r, &err), RMQ_ERR_FRAME_TOO_SHORT);
    cr_assert_eq(err.offset, frame_len[0], "stream offset of the bad frame");
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, &err), RMQ_ERR_SPLITTER_FAILED);
    rmq_splitter_reset(&sp);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, &err), RMQ_OK);

    static const uint8_t huge[] = {0xFF, 0xFF, 0xFF, 0xFF};
    rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
    cr_assert_eq(rmq_splitter_feed(&sp, huge, 1, &r, &err), RMQ_INCOMPLETE);
    cr_assert_eq(rmq_splitter_feed(&sp, huge + 1, 3, &r, &err), RMQ_ERR_FRAME_TOO_LONG);
}

Test(splitter, configurable_limit_and_buffer_room)
{
    uint8_t buf[64];
    rmq_splitter sp;
    rmq_error err;
    rmq_split_result r;
    rmq_splitter_init(&sp, buf, sizeof buf, 12, NULL); /* frame 0 is 13 bytes with its prefix */
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, &err), RMQ_ERR_FRAME_TOO_LONG);
}

Test(splitter, a_buffer_smaller_than_the_limit_is_refused_for_good)
{
    /* 0.1 took it and then accepted a large frame only when it came whole in one chunk */
    uint8_t buf[64];
    rmq_splitter sp;
    rmq_error err;
    rmq_split_result r;
    cr_assert_eq(rmq_splitter_init(&sp, buf, 8, 0, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_not_null(err.message);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, &err), RMQ_ERR_SPLITTER_FAILED);
    rmq_splitter_reset(&sp);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, stream_len, &r, &err), RMQ_ERR_SPLITTER_FAILED, "reset keeps it refused");
    cr_assert_eq(rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf + 1, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_eq(rmq_splitter_init(&sp, NULL, 0, sizeof buf, &err), RMQ_ERR_INVALID_ARGUMENT);
    cr_assert_eq(rmq_splitter_init(&sp, buf, sizeof buf, 7, &err), RMQ_ERR_INVALID_ARGUMENT, "no frame is that short");
    cr_assert_eq(rmq_splitter_init(&sp, buf, sizeof buf, 8, &err), RMQ_OK);
    /* the README recipe: a buffer of the default limit takes every frame Java takes */
    uint8_t *big = malloc(RMQ_DEFAULT_MAX_FRAME);
    cr_assert_eq(rmq_splitter_init(&sp, big, RMQ_DEFAULT_MAX_FRAME, 0, &err), RMQ_OK);
    free(big);
}

Test(splitter, a_smaller_limit_rejects_large_frames_whatever_the_chunking)
{
    uint8_t buf[12];
    for (size_t chunk = 1; chunk <= stream_len; chunk++) {
        rmq_splitter sp;
        rmq_error err;
        rmq_split_result r;
        cr_assert_eq(rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL), RMQ_OK);
        int rc = RMQ_INCOMPLETE;
        for (size_t pos = 0; pos < stream_len && rc == RMQ_INCOMPLETE; pos += chunk) {
            size_t n = chunk < stream_len - pos ? chunk : stream_len - pos;
            rc = rmq_splitter_feed(&sp, stream + pos, n, &r, &err);
        }
        cr_assert_eq(rc, RMQ_ERR_FRAME_TOO_LONG, "chunk %zu: 13-byte frame, limit 12", chunk);
        cr_assert_eq(err.offset, 0);
    }
}

Test(splitter, empty_chunks_are_harmless)
{
    uint8_t buf[64];
    rmq_splitter sp;
    rmq_split_result r;
    rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
    cr_assert_eq(rmq_splitter_feed(&sp, NULL, 0, &r, NULL), RMQ_INCOMPLETE);
    cr_assert_eq(r.consumed, 0);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, 3, &r, NULL), RMQ_INCOMPLETE);
    cr_assert_eq(rmq_splitter_feed(&sp, stream, 0, &r, NULL), RMQ_INCOMPLETE);
    cr_assert_eq(rmq_splitter_pending(&sp), 3);
}

Test(splitter, frames_by_length_alone_like_javas_frame_decoder)
{
    /* serialize type 0xFF and a header length past the frame: Netty's LengthFieldBasedFrameDecoder
     * still frames it; RemotingCommand.decode is what fails, and so does rmq_frame_decode */
    static const uint8_t bad[] = {0, 0, 0, 8, 0xFF, 0, 0, 9, 'a', 'b', 'c', 'd'};
    uint8_t buf[64];
    for (size_t chunk = 1; chunk <= sizeof bad; chunk++) {
        rmq_splitter sp;
        rmq_splitter_init(&sp, buf, sizeof buf, sizeof buf, NULL);
        size_t pos = 0, frames = 0;
        while (pos < sizeof bad) {
            size_t n = sizeof bad - pos < chunk ? sizeof bad - pos : chunk;
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&sp, bad + pos, n, &r, &err);
            pos += r.consumed;
            if (rc == RMQ_INCOMPLETE) continue;
            cr_assert_eq(rc, RMQ_OK, "chunk %zu: %s", chunk, err.message);
            cr_assert_eq(r.frame_len, sizeof bad);
            cr_assert_eq(memcmp(r.frame, bad, sizeof bad), 0);
            frames++;
            uint8_t mem[256];
            rmq_arena a;
            rmq_arena_init(&a, mem, sizeof mem);
            rmq_command cmd;
            cr_assert_neq(rmq_frame_decode(r.frame, r.frame_len, NULL, &a, &cmd, &err), RMQ_OK);
        }
        cr_assert_eq(frames, 1);
    }
}
