/* Conversations and the stream probe: both directions of the captured streams, any
 * chunking, gaps, probing, request/response links. */
#include "rmqwire.h"
#include "support/vcase.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_CAP (1u << 21)
#define SLOTS 64

static uint8_t *bufs[2];
static rmq_pending slots[2][SLOTS];
static uint8_t arena_mem[1 << 20];

static void setup(void)
{
    for (int d = 0; d < 2; d++) bufs[d] = malloc(BUF_CAP);
}
static void teardown(void)
{
    for (int d = 0; d < 2; d++) free(bufs[d]);
}
TestSuite(conversation, .init = setup, .fini = teardown);

static void start(rmq_conversation *cv, bool confirmed)
{
    rmq_decode_options o;
    rmq_decode_options_default(&o);
    o.max_frame = BUF_CAP;
    rmq_conversation_memory mem = {{bufs[0], bufs[1]}, BUF_CAP, {slots[0], slots[1]}, SLOTS};
    rmq_error err;
    cr_assert_eq(rmq_conversation_init(cv, &mem, &o, confirmed, &err), RMQ_OK, "%s", err.message);
}

typedef struct seen {
    size_t frames, answered, decode_failures;
    uint64_t offsets[256];
    int32_t opaques[256];
    int dirs[256];
    int32_t answered_code[256];
} seen;

/* Feed one chunk; record every frame. Returns the last status. */
static int feed(rmq_conversation *cv, int dir, const uint8_t *data, size_t len, int64_t ts, seen *s)
{
    size_t pos = 0;
    for (;;) {
        rmq_arena a;
        rmq_arena_init(&a, arena_mem, sizeof arena_mem);
        rmq_conv_frame f;
        size_t used;
        rmq_error err;
        int rc = rmq_conversation_feed(cv, dir, data + pos, len - pos, ts, &a, &used, &f, &err);
        cr_assert_leq(used, len - pos);
        pos += used;
        if (rc != RMQ_OK) return rc;
        cr_assert_eq(f.dir, dir);
        if (s->frames < 256) {
            s->offsets[s->frames] = f.offset;
            s->dirs[s->frames] = dir;
            s->opaques[s->frames] = f.decode_status == RMQ_OK ? f.cmd.opaque : -1;
            s->answered_code[s->frames] = f.answered ? f.request_code : -1;
        }
        s->frames++;
        if (f.answered) s->answered++;
        if (f.decode_status != RMQ_OK) s->decode_failures++;
        if (f.answered) cr_assert_leq(f.request_ts, ts, "a request is seen before its answer");
    }
}

static uint8_t *stream_bytes(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/streams/%s.bin", RMQ_VECTORS_DIR, name);
    uint8_t *b = read_file_bytes(path, len);
    cr_assert_not_null(b, "%s", path);
    return b;
}

/* Frames of one direction found independently, by the length prefixes. */
static size_t count_by_prefix(const uint8_t *b, size_t n)
{
    size_t frames = 0;
    for (size_t pos = 0; pos + 4 <= n; frames++)
        pos += 4 + ((size_t)b[pos] << 24 | (size_t)b[pos + 1] << 16 | (size_t)b[pos + 2] << 8 | b[pos + 3]);
    return frames;
}

Test(conversation, both_directions_of_every_stream_in_any_chunking_with_links)
{
    size_t n;
    char **names = list_cases(RMQ_VECTORS_DIR, "streams", ".bin", &n);
    cr_assert_gt(n, 0);
    size_t pairs = 0, links = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c2s = strstr(names[i], "_c2s");
        if (!c2s || c2s[4]) continue;
        char other[256];
        snprintf(other, sizeof other, "%.*s_s2c", (int)(c2s - names[i]), names[i]);
        char path[4096];
        snprintf(path, sizeof path, "%s/streams/%s.bin", RMQ_VECTORS_DIR, other);
        size_t ln[2];
        uint8_t *b[2] = {stream_bytes(names[i], &ln[0]), NULL};
        b[1] = read_file_bytes(path, &ln[1]);
        if (!b[1]) {
            free(b[0]);
            continue;
        }
        pairs++;
        seen whole = {0};
        rmq_conversation cv;
        start(&cv, false);
        /* requests first, then answers: every answer whose request was sent is linked */
        cr_assert_eq(feed(&cv, RMQ_DIR_C2S, b[0], ln[0], 1, &whole), RMQ_INCOMPLETE, "%s", names[i]);
        cr_assert_eq(feed(&cv, RMQ_DIR_S2C, b[1], ln[1], 2, &whole), RMQ_INCOMPLETE, "%s", other);
        cr_assert_eq(rmq_conversation_state(&cv), RMQ_CONV_CONFIRMED);
        cr_assert_eq(whole.frames, count_by_prefix(b[0], ln[0]) + count_by_prefix(b[1], ln[1]), "%s", names[i]);
        cr_assert_eq(whole.decode_failures, 0);
        cr_assert_gt(whole.answered, 0, "%s: the broker answered something", names[i]);
        links += whole.answered;
        /* every link names the request with that opaque, found independently */
        for (size_t k = 0; k < whole.frames && k < 256; k++) {
            if (whole.answered_code[k] < 0) continue;
            bool found = false;
            for (size_t j = 0; j < whole.frames && j < 256 && !found; j++)
                found = whole.dirs[j] == RMQ_DIR_C2S && whole.opaques[j] == whole.opaques[k];
            cr_assert(found, "%s: frame %zu linked to a request never sent", names[i], k);
        }
        /* the same frames at the same offsets in any chunking, directions interleaved */
        static const size_t chunks[] = {1, 7, 100, 4096};
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            seen cut = {0};
            start(&cv, false);
            for (size_t pos = 0; pos < ln[0]; pos += chunks[c])
                feed(&cv, RMQ_DIR_C2S, b[0] + pos, ln[0] - pos < chunks[c] ? ln[0] - pos : chunks[c], 1, &cut);
            for (size_t pos = 0; pos < ln[1]; pos += chunks[c])
                feed(&cv, RMQ_DIR_S2C, b[1] + pos, ln[1] - pos < chunks[c] ? ln[1] - pos : chunks[c], 2, &cut);
            cr_assert_eq(cut.frames, whole.frames, "%s chunk %zu", names[i], chunks[c]);
            cr_assert_eq(cut.answered, whole.answered);
            for (size_t k = 0; k < whole.frames && k < 256; k++) {
                cr_assert_eq(cut.offsets[k], whole.offsets[k]);
                cr_assert_eq(cut.answered_code[k], whole.answered_code[k]);
            }
        }
        free(b[0]);
        free(b[1]);
    }
    cr_assert_gt(pairs, 3);
    cr_assert_gt(links, 10);
    free_cases(names, n);
}

Test(conversation, a_gap_drops_the_partial_frame_and_framing_resumes_at_the_next_frame)
{
    size_t len;
    uint8_t *b = stream_bytes("live498_s04_c2s", &len);
    seen all = {0};
    rmq_conversation cv;
    start(&cv, true);
    feed(&cv, RMQ_DIR_C2S, b, len, 0, &all);
    cr_assert_geq(all.frames, 3);
    /* lose 10 bytes inside the second frame */
    size_t cut = (size_t)all.offsets[1] + 10, lost = 10;
    seen gapped = {0};
    start(&cv, true);
    feed(&cv, RMQ_DIR_C2S, b, cut, 0, &gapped);
    rmq_conversation_gap(&cv, RMQ_DIR_C2S, lost);
    cr_assert_eq(rmq_conversation_pending(&cv, RMQ_DIR_C2S), 0, "the partial frame is gone");
    feed(&cv, RMQ_DIR_C2S, b + cut + lost, len - cut - lost, 0, &gapped);
    cr_assert_eq(rmq_conversation_offset(&cv, RMQ_DIR_C2S), len, "offsets count the lost bytes");
    /* frame 0 before the gap; then every frame from the third on, at its true offset (a
     * stray plausible start inside frame 1's remains could add one in between) */
    cr_assert_eq(gapped.offsets[0], all.offsets[0]);
    size_t k = 1;
    while (k < gapped.frames && gapped.offsets[k] < all.offsets[2]) k++;
    cr_assert_eq(gapped.frames - k, all.frames - 2);
    for (size_t j = 2; j < all.frames && j < 256; j++, k++) cr_assert_eq(gapped.offsets[k], all.offsets[j]);
    /* after the gap in tiny chunks: a frame start cut by a chunk end is still found */
    static const size_t chunks[] = {1, 2, 5, 8, 9};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        seen small = {0};
        start(&cv, true);
        feed(&cv, RMQ_DIR_C2S, b, cut, 0, &small);
        rmq_conversation_gap(&cv, RMQ_DIR_C2S, lost);
        for (size_t pos = cut + lost; pos < len; pos += chunks[c])
            feed(&cv, RMQ_DIR_C2S, b + pos, len - pos < chunks[c] ? len - pos : chunks[c], 0, &small);
        cr_assert_eq(small.frames, gapped.frames, "chunk %zu", chunks[c]);
        for (size_t j = 0; j < small.frames && j < 256; j++) cr_assert_eq(small.offsets[j], gapped.offsets[j]);
    }
    free(b);
}

Test(conversation, probing_rejects_other_protocols_and_a_confirmed_one_resynchronises)
{
    static const uint8_t http[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    rmq_conversation cv;
    seen s = {0};
    start(&cv, false);
    cr_assert_eq(feed(&cv, RMQ_DIR_C2S, http, sizeof http - 1, 0, &s), RMQ_DONE);
    cr_assert_eq(rmq_conversation_state(&cv), RMQ_CONV_REJECTED);
    cr_assert_eq(feed(&cv, RMQ_DIR_S2C, http, sizeof http - 1, 0, &s), RMQ_DONE, "rejected for good");

    size_t len;
    uint8_t *b = stream_bytes("live498_s04_c2s", &len);
    uint8_t *mixed = malloc(len + sizeof http);
    memcpy(mixed, http, sizeof http - 1);
    memcpy(mixed + sizeof http - 1, b, len);
    start(&cv, true);
    s = (seen){0};
    rmq_arena a;
    rmq_arena_init(&a, arena_mem, sizeof arena_mem);
    rmq_conv_frame f;
    size_t used;
    rmq_error err;
    int rc = rmq_conversation_feed(&cv, RMQ_DIR_C2S, mixed, len + sizeof http - 1, 0, &a, &used, &f, &err);
    cr_assert_lt(rc, 0, "a confirmed conversation reports the framing error");
    cr_assert_eq(err.offset, 0);
    cr_assert_eq(feed(&cv, RMQ_DIR_C2S, mixed + used, len + sizeof http - 1 - used, 0, &s), RMQ_INCOMPLETE);
    cr_assert_eq(s.frames, count_by_prefix(b, len), "every frame after the junk");
    cr_assert_eq(s.offsets[0], sizeof http - 1);
    free(mixed);
    free(b);
}

Test(conversation, probe_and_frame_start_use_the_frame_checks)
{
    size_t len;
    uint8_t *b = stream_bytes("live498_s04_c2s", &len);
    size_t need;
    rmq_error err;
    cr_assert_eq(rmq_stream_probe(b, len, 0, &need, &err), RMQ_OK);
    cr_assert_eq(rmq_stream_probe(b, 3, 0, &need, &err), RMQ_INCOMPLETE);
    cr_assert_eq(need, RMQ_PROBE_BYTES - 3);
    static const uint8_t too_long[] = {0x7F, 0, 0, 0, 0, 0, 0, 2, '{'};
    cr_assert_eq(rmq_stream_probe(too_long, sizeof too_long, 0, NULL, &err), RMQ_ERR_FRAME_TOO_LONG);
    static const uint8_t bad_type[] = {0, 0, 0, 8, 7, 0, 0, 2, '{'};
    cr_assert_eq(rmq_stream_probe(bad_type, sizeof bad_type, 0, NULL, &err), RMQ_ERR_SERIALIZE_TYPE);
    cr_assert_eq(rmq_stream_probe(bad_type, 5, 0, NULL, &err), RMQ_INCOMPLETE, "the header word is not complete");
    static const uint8_t not_brace[] = {0, 0, 0, 8, 0, 0, 0, 2, 'x', '}'};
    cr_assert_eq(rmq_stream_probe(not_brace, sizeof not_brace, 0, NULL, &err), RMQ_ERR_JSON_NOT_OBJECT);
    static const uint8_t short_rmq[] = {0, 0, 0, 8, 1, 0, 0, 2, 0, 0};
    cr_assert_eq(rmq_stream_probe(short_rmq, sizeof short_rmq, 0, NULL, &err), RMQ_ERR_RMQ_SHORT_HEADER);
    uint8_t junk[64 + 16];
    memset(junk, 0xEE, 64);
    memcpy(junk + 64, b, 16);
    cr_assert_eq(rmq_find_frame_start(junk, sizeof junk, 0), 64);
    cr_assert_eq(rmq_find_frame_start(junk, 64, 0), 61, "only the last 3 bytes could still start a frame");
    cr_assert_eq(rmq_find_frame_start(junk, 3, 0), 0);
    free(b);
}
