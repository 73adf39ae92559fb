/*
 * Conversations (what rmqdump and any analyzer feed captures through). The input is a
 * script: byte 0 picks the options, byte 1 whether the connection starts confirmed,
 * then records [op][n]: op bit 0 the direction, bit 1 a gap of n bytes, else n bytes
 * of data follow. Oracles: offsets count every byte and gap; frames of a direction
 * come in order without overlap and equal the stream's bytes; a rejected conversation
 * stays rejected; links name a request seen in the other direction; and without gaps,
 * feeding each direction whole gives the same frames as the script's chunking.
 */
#include "fuzz_common.h"

#define MAX_FRAME 4096
#define SLOTS 8
#define MAX_FRAMES 512

static uint8_t bufs[2][MAX_FRAME];
static rmq_pending slots[2][SLOTS];
static uint8_t arena_mem[1 << 16];

typedef struct trace {
    size_t count[2];
    uint64_t off[2][MAX_FRAMES];
    size_t len[2][MAX_FRAMES];
} trace;

typedef struct stream {
    uint8_t bytes[1 << 16];
    bool known[1 << 16];
    uint64_t len;
} stream;

static stream streams[2];
static int32_t request_opaques[2][MAX_FRAMES];
static size_t request_count[2];

static void start(rmq_conversation *cv, const rmq_decode_options *o, bool confirmed)
{
    rmq_conversation_memory mem = {{bufs[0], bufs[1]}, MAX_FRAME, {slots[0], slots[1]}, SLOTS};
    FUZZ_ASSERT(rmq_conversation_init(cv, &mem, o, confirmed, NULL) == RMQ_OK, "init refused");
}

static void check_frame(const rmq_conv_frame *f, uint64_t fed, trace *t, bool check_bytes)
{
    int d = f->dir;
    FUZZ_ASSERT(f->offset + f->len <= fed, "frame past the bytes fed");
    size_t k = t->count[d];
    if (k) FUZZ_ASSERT(f->offset >= t->off[d][k - 1] + t->len[d][k - 1], "frames overlap or go back");
    if (k < MAX_FRAMES) {
        t->off[d][k] = f->offset;
        t->len[d][k] = f->len;
    }
    t->count[d]++;
    const stream *s = &streams[d];
    if (check_bytes && f->offset + f->len <= s->len)
        for (size_t i = 0; i < f->len; i++)
            if (s->known[f->offset + i]) FUZZ_ASSERT(s->bytes[f->offset + i] == f->bytes[i], "frame bytes differ");
    if (f->decode_status != RMQ_OK) {
        FUZZ_CHECK_ERROR(f->decode_status, f->decode_error);
        return;
    }
    if (rmq_command_is_response(&f->cmd)) {
        if (!f->answered) return;
        bool seen = false;
        for (size_t i = 0; i < request_count[1 - d] && !seen; i++) seen = request_opaques[1 - d][i] == f->cmd.opaque;
        FUZZ_ASSERT(seen, "a response linked to a request never seen");
    } else if (request_count[d] < MAX_FRAMES) {
        request_opaques[d][request_count[d]++] = f->cmd.opaque;
    } else {
        FUZZ_ASSERT(!f->answered, "a request marked answered");
    }
}

/* Feed one chunk; returns false once the conversation is rejected. */
static bool feed(rmq_conversation *cv, int d, const uint8_t *p, size_t n, trace *t, bool check_bytes, bool *rejected)
{
    size_t pos = 0;
    for (;;) {
        rmq_arena a;
        rmq_arena_init(&a, arena_mem, sizeof arena_mem);
        rmq_conv_frame f;
        size_t used;
        rmq_error err;
        int rc = rmq_conversation_feed(cv, d, p + pos, n - pos, 0, &a, &used, &f, &err);
        FUZZ_ASSERT(used <= n - pos, "consumed more than given");
        pos += used;
        if (rc == RMQ_DONE) {
            FUZZ_ASSERT(rmq_conversation_state(cv) == RMQ_CONV_REJECTED && pos == n, "done but not rejected");
            *rejected = true;
            return false;
        }
        FUZZ_ASSERT(!*rejected, "a rejected conversation came back");
        if (rc == RMQ_INCOMPLETE) {
            FUZZ_ASSERT(pos == n, "incomplete with bytes left");
            return true;
        }
        if (rc != RMQ_OK) {
            FUZZ_CHECK_ERROR(rc, err);
            FUZZ_ASSERT(err.offset < rmq_conversation_offset(cv, d) + 1, "framing error past the bytes fed");
            continue;
        }
        check_frame(&f, rmq_conversation_offset(cv, d), t, check_bytes);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    rmq_decode_options o = fuzz_options(data[0]);
    o.max_frame = MAX_FRAME;
    bool confirmed = data[1] & 1;
    memset(streams, 0, sizeof streams);
    request_count[0] = request_count[1] = 0;
    static trace scripted, whole;
    memset(&scripted, 0, sizeof scripted);
    rmq_conversation cv;
    start(&cv, &o, confirmed);
    bool rejected = false, gaps = false;
    uint64_t fed[2] = {0, 0};
    for (size_t i = 2; i + 2 <= size;) {
        uint8_t op = data[i], n = data[i + 1];
        int d = op & 1;
        i += 2;
        if (op & 2) {
            if (n == 0) continue;
            rmq_conversation_gap(&cv, d, n);
            streams[d].len += n;
            fed[d] += n;
            gaps = true;
        } else {
            size_t take = n < size - i ? n : size - i;
            stream *s = &streams[d];
            for (size_t k = 0; k < take && s->len + k < sizeof s->bytes; k++) {
                s->bytes[s->len + k] = data[i + k];
                s->known[s->len + k] = true;
            }
            s->len += take;
            if (!rejected) feed(&cv, d, data + i, take, &scripted, true, &rejected);
            else FUZZ_ASSERT(feed(&cv, d, data + i, take, &scripted, true, &rejected) == false, "rejected, then not");
            fed[d] += take;
            i += take;
        }
        FUZZ_ASSERT(rmq_conversation_offset(&cv, d) == fed[d], "offset does not count every byte and gap");
    }
    /* without gaps on a known port, chunking must not matter */
    if (!gaps && confirmed && streams[0].len <= sizeof streams[0].bytes && streams[1].len <= sizeof streams[1].bytes) {
        memset(&whole, 0, sizeof whole);
        request_count[0] = request_count[1] = 0;
        start(&cv, &o, true);
        bool r2 = false;
        for (int d = 0; d < 2; d++) feed(&cv, d, streams[d].bytes, (size_t)streams[d].len, &whole, false, &r2);
        for (int d = 0; d < 2; d++) {
            FUZZ_ASSERT(whole.count[d] == scripted.count[d], "chunking changed the frames");
            for (size_t k = 0; k < whole.count[d] && k < MAX_FRAMES; k++)
                FUZZ_ASSERT(whole.off[d][k] == scripted.off[d][k] && whole.len[d][k] == scripted.len[d][k],
                            "chunking moved a frame");
        }
    }
    return 0;
}
