/*
 * rmqdump on captures made from vectors/streams: for every TCP stream of the vectors
 * (both directions), captures in pcap, pcap-ns and pcapng, over Ethernet, Linux
 * cooked v1/v2, BSD loopback and raw IP, IPv4 and IPv6, with segments split at random
 * sizes, reordered, duplicated and overlapping, sequence numbers that wrap. rmqdump
 * must print every frame of both directions in order (offset, length, code, opaque),
 * match each response to the request with its opaque, and report a lost segment as
 * a gap and resynchronise after it.
 * With the dissector plugin built, tshark must find the same frames in every capture
 * (same order per direction, codes, opaques, lengths) and the same request/response
 * links, through tests/run_tshark.sh.
 *
 *   check_capture RMQDUMP VECTORS_DIR [RUN_TSHARK PLUGIN WIRESHARK_RELEASE]
 */
#define _POSIX_C_SOURCE 200809L
#include "rmqwire.h"
#include "support/capture_builder.h"
#include "common/base64.h"
#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "support/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures, checks;
#define CHECK(cond, ...)                                                                                         \
    do {                                                                                                         \
        checks++;                                                                                                \
        if (!(cond)) {                                                                                           \
            printf("FAIL %s: ", label);                                                                          \
            printf(__VA_ARGS__);                                                                                 \
            printf("\n");                                                                                        \
            failures++;                                                                                          \
        }                                                                                                        \
    } while (0)

typedef struct frame_info {
    int dir;
    size_t off, len;
    int32_t code, opaque, flag;
    int32_t answers;   /* responses: code of the matched request, -1 none */
} frame_info;

#define MAX_FRAMES 4096

typedef struct conversation {
    const uint8_t *stream[2];
    size_t len[2];
    frame_info frames[MAX_FRAMES]; /* in capture order */
    size_t count;
    cb_piece pieces[MAX_FRAMES];
} conversation;

/* Frames of one direction, straight from the library. */
static size_t split_frames(const uint8_t *s, size_t len, int dir, frame_info *out, size_t max)
{
    static uint8_t buf[1 << 24], mem[1 << 22];
    rmq_splitter sp;
    rmq_splitter_init(&sp, buf, sizeof buf, 0, NULL);
    size_t n = 0, pos = 0;
    while (pos < len && n < max) {
        rmq_split_result r;
        int rc = rmq_splitter_feed(&sp, s + pos, len - pos, &r, NULL);
        pos += r.consumed;
        if (rc != RMQ_OK) break;
        rmq_arena a;
        rmq_arena_init(&a, mem, sizeof mem);
        rmq_command c;
        if (rmq_frame_decode(r.frame, r.frame_len, NULL, &a, &c, NULL) != RMQ_OK) continue;
        out[n++] = (frame_info){dir, (size_t)r.frame_offset, r.frame_len, c.code, c.opaque, c.flag, -1};
    }
    return n;
}

static bool is_response(const frame_info *f) { return (f->flag & 1) != 0; }

/*
 * Interleave the directions so every response comes after its request, and work out
 * which request each response answers the way an observer on the wire would.
 */
static void interleave(conversation *cv)
{
    static frame_info dirs[2][MAX_FRAMES];
    size_t n[2], at[2] = {0, 0};
    for (int d = 0; d < 2; d++) n[d] = split_frames(cv->stream[d], cv->len[d], d, dirs[d], MAX_FRAMES);
    cv->count = 0;
    while (at[0] < n[0] || at[1] < n[1]) {
        int pick;
        if (at[0] == n[0]) pick = 1;
        else if (at[1] == n[1]) pick = 0;
        else {
            /* a response waits until a request with its opaque went the other way */
            pick = 0;
            for (int d = 1; d >= 0; d--) {
                const frame_info *f = &dirs[d][at[d]];
                bool ready = !is_response(f);
                for (size_t i = 0; !ready && i < cv->count; i++)
                    ready = cv->frames[i].dir != d && !is_response(&cv->frames[i]) && cv->frames[i].opaque == f->opaque;
                if (ready) {
                    pick = d;
                    break;
                }
            }
        }
        frame_info f = dirs[pick][at[pick]++];
        if (is_response(&f)) {
            /* the latest unanswered request of the other direction with this opaque */
            for (size_t i = cv->count; i-- > 0;) {
                frame_info *q = &cv->frames[i];
                if (q->dir != f.dir && !is_response(q) && !(q->flag & 2) && q->opaque == f.opaque && q->answers != -2) {
                    f.answers = q->code;
                    q->answers = -2; /* answered */
                    break;
                }
            }
        }
        cv->pieces[cv->count] = (cb_piece){f.dir, f.off, f.len};
        cv->frames[cv->count++] = f;
    }
}

typedef struct dump_result {
    vj *lines[MAX_FRAMES + 64];
    size_t count;
    int status;
} dump_result;

static void run_dump(const char *rmqdump, const char *path, const char *extra, dump_result *res)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' %s '%s' 2>/dev/null", rmqdump, extra, path);
    FILE *p = popen(cmd, "r");
    res->count = 0;
    static char line[1 << 22];
    while (p && fgets(line, sizeof line, p)) {
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = 0;
        if (res->count < MAX_FRAMES + 64) res->lines[res->count++] = vj_parse(line, l);
    }
    int st = p ? pclose(p) : -1;
    res->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void free_dump(dump_result *res)
{
    for (size_t i = 0; i < res->count; i++) vj_free(res->lines[i]);
    res->count = 0;
}

static int64_t num(const vj *o, const char *k)
{
    const vj *v = vj_get(o, k);
    return v && v->type == VJ_NUM ? v->i : INT64_MIN;
}

static void check_frames(const char *label, const conversation *cv, const dump_result *res)
{
    size_t next[2] = {0, 0};
    size_t want[2] = {0, 0};
    for (size_t i = 0; i < cv->count; i++) want[cv->frames[i].dir]++;
    size_t got = 0;
    for (size_t i = 0; i < res->count; i++) {
        const vj *o = res->lines[i];
        CHECK(o != NULL, "line %zu is not JSON", i + 1);
        if (!o || !vj_get(o, "code")) continue;
        const vj *dir = vj_get(o, "dir");
        int d = dir && dir->type == VJ_STR && !strcmp(dir->s, "s2c");
        /* the k-th printed frame of a direction is that direction's k-th frame */
        const frame_info *f = NULL;
        size_t seen = 0;
        for (size_t j = 0; j < cv->count; j++)
            if (cv->frames[j].dir == d && seen++ == next[d]) {
                f = &cv->frames[j];
                break;
            }
        next[d]++;
        got++;
        CHECK(f != NULL, "extra frame printed in direction %d", d);
        if (!f) continue;
        CHECK(num(o, "offset") == (int64_t)f->off && num(o, "length") == (int64_t)f->len && num(o, "code") == f->code &&
                  num(o, "opaque") == f->opaque,
              "dir %d frame %zu: offset %lld length %lld code %lld opaque %lld, want %zu %zu %d %d", d, next[d] - 1,
              (long long)num(o, "offset"), (long long)num(o, "length"), (long long)num(o, "code"),
              (long long)num(o, "opaque"), f->off, f->len, f->code, f->opaque);
        if (is_response(f)) {
            const vj *req = vj_get(o, "request");
            if (f->answers >= 0)
                CHECK(req && req->type == VJ_OBJ && num(req, "code") == f->answers && num(req, "latencyUs") >= 0,
                      "dir %d response opaque %d not matched to request code %d", d, f->opaque, f->answers);
            else
                CHECK(req && req->type == VJ_NULL, "dir %d response opaque %d matched a request it does not answer", d,
                      f->opaque);
        }
    }
    CHECK(next[0] == want[0] && next[1] == want[1], "printed %zu/%zu frames, want %zu/%zu", next[0], next[1], want[0],
          want[1]);
    (void)got;
}

/* A string field of a tshark JSON layer as a number (INT64_MIN when absent). */
static int64_t field_num(const vj *layer, const char *key)
{
    const vj *v = vj_get(layer, key);
    if (v && v->type == VJ_ARR && v->n) v = v->items[0];
    if (!v || v->type != VJ_STR) return INT64_MIN;
    return strtoll(v->s, NULL, 0);
}

typedef struct tshark_run {
    const char *script, *plugin, *release;
} tshark_run;

/* One frame as the dissector showed it. */
typedef struct shown {
    int64_t length, code, opaque, request_code, response_to;
    bool json_kind, json_shown; /* a JSON (or route) body, and its standard-JSON field */
} shown;

static size_t tshark_json_bodies;

/* tshark's frames of a capture, per direction in order; false when tshark failed. */
static bool run_tshark(const char *label, const tshark_run *ts, const char *path, const char *extra, uint16_t client_port,
                       shown *out[2], size_t count[2])
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s' %s 2>/dev/null", ts->script, ts->plugin, ts->release, path, extra);
    FILE *p = popen(cmd, "r");
    size_t cap = 1 << 20, n = 0;
    char *text = malloc(cap);
    for (size_t k; p && text && (k = fread(text + n, 1, cap - n - 1, p)) > 0;) {
        n += k;
        if (n + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger) free(text);
            text = bigger;
        }
    }
    int st = p ? pclose(p) : -1;
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "tshark exit status %d", st);
    vj *doc = text ? vj_parse(text, n) : NULL;
    free(text);
    CHECK(doc && doc->type == VJ_ARR, "tshark output is not a JSON array");
    count[0] = count[1] = 0;
    for (int d = 0; d < 2; d++) out[d] = calloc(MAX_FRAMES, sizeof(shown));
    for (size_t i = 0; doc && doc->type == VJ_ARR && i < doc->n; i++) {
        const vj *layers = vj_get(vj_get(doc->items[i], "_source"), "layers");
        const vj *tcp = vj_get(layers, "tcp"), *rmq = vj_get(layers, "rocketmq");
        if (tcp && tcp->type == VJ_ARR && tcp->n) tcp = tcp->items[0];
        if (!rmq) continue;
        int d = field_num(tcp, "tcp.srcport") == client_port ? 0 : 1;
        for (size_t k = 0; k < (rmq->type == VJ_ARR ? rmq->n : 1) && count[d] < MAX_FRAMES; k++) {
            const vj *pdu = rmq->type == VJ_ARR ? rmq->items[k] : rmq;
            shown *f = &out[d][count[d]++];
            f->length = field_num(pdu, "rocketmq.length");
            f->code = field_num(pdu, "rocketmq.code");
            f->opaque = field_num(pdu, "rocketmq.opaque");
            f->request_code = field_num(pdu, "rocketmq.request_code");
            f->response_to = field_num(pdu, "rocketmq.response_to");
            const vj *body = vj_get(pdu, "rocketmq.body_tree");
            const vj *kind = vj_get(body, "rocketmq.body.kind");
            f->json_kind = kind && kind->type == VJ_STR && (!strcmp(kind->s, "JSON") || !strcmp(kind->s, "ROUTE"));
            f->json_shown = vj_get(body, "rocketmq.body.json") != NULL;
        }
    }
    bool ok = doc && doc->type == VJ_ARR;
    vj_free(doc);
    return ok;
}

/* The frames tshark's dissector found, against the expected ones, as for rmqdump. */
static void check_tshark(const char *label, const conversation *cv, const tshark_run *ts, const char *path,
                         uint16_t client_port)
{
    shown *got[2];
    size_t count[2];
    bool ran = run_tshark(label, ts, path, "", client_port, got, count);
    size_t next[2] = {0, 0}, want[2] = {0, 0};
    for (size_t i = 0; i < cv->count; i++) want[cv->frames[i].dir]++;
    for (size_t i = 0; ran && i < cv->count; i++) {
        const frame_info *f = &cv->frames[i];
        int d = f->dir;
        if (next[d] >= count[d]) {
            next[d]++;
            continue;
        }
        const shown *g = &got[d][next[d]++];
        CHECK(g->length == (int64_t)f->len - 4 && g->code == f->code && g->opaque == f->opaque,
              "tshark dir %d frame %zu: length %lld code %lld opaque %lld, want %zu %d %d", d, next[d] - 1,
              (long long)g->length, (long long)g->code, (long long)g->opaque, f->len - 4, f->code, f->opaque);
        CHECK(!g->json_kind || g->json_shown, "tshark dir %d frame %zu: a JSON body not shown as JSON", d, next[d] - 1);
        tshark_json_bodies += g->json_kind;
        if (!is_response(f)) continue;
        if (f->answers >= 0)
            CHECK(g->request_code == f->answers && g->response_to > 0,
                  "tshark dir %d response opaque %d not linked to request code %d", d, f->opaque, f->answers);
        else
            CHECK(g->request_code == INT64_MIN, "tshark dir %d response opaque %d linked to a request it does not answer",
                  d, f->opaque);
    }
    CHECK(count[0] == want[0] && count[1] == want[1], "tshark found %zu/%zu frames, want %zu/%zu", count[0], count[1],
          want[0], want[1]);
    for (int d = 0; d < 2; d++) free(got[d]);
}

/* After a lost segment: tshark must find the frames rmqdump printed, in order. TCP's
 * out-of-order reassembly would wait for the lost bytes forever, so it is off here. */
static void check_tshark_like_dump(const char *label, const tshark_run *ts, const char *path, uint16_t client_port,
                                   const dump_result *res)
{
    shown *got[2];
    size_t count[2], next[2] = {0, 0};
    if (!run_tshark(label, ts, path, "-o tcp.reassemble_out_of_order:FALSE", client_port, got, count)) return;
    for (size_t i = 0; i < res->count; i++) {
        const vj *o = res->lines[i];
        if (!o || !vj_get(o, "code")) continue;
        const vj *dir = vj_get(o, "dir");
        int d = dir && dir->type == VJ_STR && !strcmp(dir->s, "s2c");
        size_t k = next[d]++;
        CHECK(k < count[d], "tshark misses dir %d frame %zu that rmqdump prints", d, k);
        if (k >= count[d]) continue;
        CHECK(got[d][k].length == num(o, "length") - 4 && got[d][k].code == num(o, "code") &&
                  got[d][k].opaque == num(o, "opaque"),
              "tshark dir %d frame %zu differs from rmqdump's", d, k);
        /* rmqdump's reassembler holds the client's bytes after the loss until it gives the
         * gap up, so answers seen meanwhile stay unlinked there; tshark links them. What
         * rmqdump links, tshark links to the same request code. */
        const vj *req = vj_get(o, "request");
        if (req && req->type == VJ_OBJ)
            CHECK(got[d][k].request_code == num(req, "code"), "tshark dir %d frame %zu: not linked like rmqdump", d, k);
    }
    CHECK(next[0] == count[0] && next[1] == count[1], "tshark found %zu/%zu frames, rmqdump %zu/%zu", count[0], count[1],
          next[0], next[1]);
    for (int d = 0; d < 2; d++) free(got[d]);
}

/* The conversation as a capture file at path; false when it cannot be written. */
static bool write_capture(const cb_options *o, const conversation *cv, const char *path)
{
    size_t clen;
    uint8_t *cap = cb_build(o, cv->stream, cv->len, cv->pieces, cv->count, &clen);
    FILE *f = fopen(path, "wb");
    bool ok = cap && f && fwrite(cap, 1, clen, f) == clen;
    if (f) ok = fclose(f) == 0 && ok;
    free(cap);
    return ok;
}

/* One capture through rmqdump and, with the plugin, tshark: both must find cv's frames.
 * False when the capture cannot be written. */
static bool check_both(const char *label, const conversation *cv, const cb_options *o, const char *path,
                       const char *rmqdump, const tshark_run *ts, size_t *tshark_captures)
{
    if (!write_capture(o, cv, path)) return false;
    dump_result res;
    run_dump(rmqdump, path, "", &res);
    CHECK(res.status == 0, "rmqdump exit status %d", res.status);
    check_frames(label, cv, &res);
    free_dump(&res);
    if (ts->script) {
        check_tshark(label, cv, ts, path, o->client_port);
        (*tshark_captures)++;
    }
    return true;
}

static uint8_t *load(const char *path, size_t *len)
{
    uint8_t *b = read_file_bytes(path, len);
    if (!b) *len = 0;
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 6) {
        fprintf(stderr, "usage: check_capture RMQDUMP VECTORS_DIR [RUN_TSHARK PLUGIN WIRESHARK_RELEASE]\n");
        return 2;
    }
    const char *rmqdump = argv[1], *vectors = argv[2];
    tshark_run ts = {argc == 6 ? argv[3] : NULL, argc == 6 ? argv[4] : NULL, argc == 6 ? argv[5] : NULL};
    size_t tshark_captures = 0;
    char tmp[] = "/tmp/rmqcapXXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0) return 2;
    close(fd);
    static conversation cv;
    size_t conversations = 0, captures = 0;
    for (int nn = 0; nn < 100; nn++) {
        char path[2][4096];
        uint8_t *bytes[2];
        for (int d = 0; d < 2; d++) {
            snprintf(path[d], sizeof path[d], "%s/streams/live498_s%02d_%s.bin", vectors, nn, d ? "s2c" : "c2s");
            bytes[d] = load(path[d], &cv.len[d]);
            cv.stream[d] = bytes[d] ? bytes[d] : (const uint8_t *)"";
        }
        if (!bytes[0] && !bytes[1]) continue;
        conversations++;
        interleave(&cv);

        static const struct variant {
            cb_format f;
            cb_link l;
            bool v6, reorder, retransmit, handshake;
            uint32_t isn0, isn1;
        } variants[] = {
            {CB_PCAP, CB_ETHERNET, false, false, false, true, 1000, 2000},
            {CB_PCAP, CB_ETHERNET, false, true, true, true, 0xFFFFFF00u, 0xFFFFFFF0u},
            {CB_PCAP_NS, CB_SLL, false, true, false, true, 7, 0x7FFFFFF0u},
            {CB_PCAPNG, CB_ETHERNET, true, false, true, true, 0xFFFFF000u, 5},
            /* no handshake: the reassembler anchors on the first segment, so that one must come first */
            {CB_PCAPNG, CB_SLL2, false, false, true, false, 0x80000000u, 0},
            {CB_PCAP, CB_NULL, true, true, true, true, 42, 43},
            {CB_PCAPNG, CB_RAW, false, true, true, true, 0xFFFFFFFFu, 0xFFFFFFFEu},
        };
        for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
            const struct variant *va = &variants[v];
            cb_options o = {va->f, va->l, va->v6, (uint32_t)(nn * 31 + v + 1), va->reorder, va->retransmit,
                            va->handshake, 0, {va->isn0, va->isn1}, (uint16_t)(41000 + nn), 10911};
            char label[128];
            snprintf(label, sizeof label, "stream %02d variant %zu", nn, v);
            if (!check_both(label, &cv, &o, tmp, rmqdump, &ts, &tshark_captures)) return 2;
            captures++;
        }

        /* a port RocketMQ does not own: rmqdump's probe and the dissector's heuristic find it */
        {
            cb_options o = {CB_PCAP, CB_ETHERNET, false, (uint32_t)(nn * 7 + 3), false, false, true, 0, {10, 20},
                            (uint16_t)(42000 + nn), 15555};
            char label[128];
            snprintf(label, sizeof label, "stream %02d other port", nn);
            if (!check_both(label, &cv, &o, tmp, rmqdump, &ts, &tshark_captures)) return 2;
            captures++;
        }

        /* text mode: one line per frame */
        {
            char label[128];
            snprintf(label, sizeof label, "stream %02d text", nn);
            dump_result res;
            run_dump(rmqdump, tmp, "--text", &res);
            size_t frames = 0;
            for (size_t i = 0; i < res.count; i++) frames += res.lines[i] == NULL; /* text lines are not JSON */
            CHECK(frames == cv.count, "%zu text lines, %zu frames", frames, cv.count);
            free_dump(&res);
        }

        /* a lost client segment: a gap line, exit 1, the frames after it found again */
        if (cv.len[0] > 4000) {
            cb_options o = {CB_PCAP, CB_ETHERNET, false, 99, false, false, true, 5, {100, 200}, 41999, 10911};
            if (!write_capture(&o, &cv, tmp)) return 2;
            char label[128];
            snprintf(label, sizeof label, "stream %02d gap", nn);
            dump_result res;
            run_dump(rmqdump, tmp, "", &res);
            size_t gaps = 0, c2s_frames = 0, want_c2s = 0;
            for (size_t i = 0; i < cv.count; i++) want_c2s += cv.frames[i].dir == 0;
            int64_t last_offset = -1;
            for (size_t i = 0; i < res.count; i++) {
                const vj *ln = res.lines[i];
                if (!ln) continue;
                if (vj_get(ln, "gap")) gaps++;
                const vj *dir = vj_get(ln, "dir");
                if (vj_get(ln, "code") && dir && dir->type == VJ_STR && !strcmp(dir->s, "c2s")) {
                    c2s_frames++;
                    last_offset = num(ln, "offset");
                }
            }
            int64_t want_last = -1;
            for (size_t i = 0; i < cv.count; i++)
                if (cv.frames[i].dir == 0) want_last = (int64_t)cv.frames[i].off;
            CHECK(gaps == 1, "%zu gap lines", gaps);
            CHECK(res.status == 1, "exit status %d after a gap", res.status);
            CHECK(c2s_frames >= 1 && c2s_frames < want_c2s, "%zu of %zu client frames after a gap", c2s_frames, want_c2s);
            CHECK(last_offset == want_last, "last client frame at %lld, want %lld (no resync)", (long long)last_offset,
                  (long long)want_last);
            if (ts.script) {
                check_tshark_like_dump(label, &ts, tmp, o.client_port, &res);
                tshark_captures++;
            }
            free_dump(&res);
        }
        free(bytes[0]);
        free(bytes[1]);
    }
    unlink(tmp);
    printf("%zu conversations, %zu captures (%zu also through tshark), %d checks, %d failed\n", conversations, captures,
           tshark_captures, checks, failures);
    if (ts.script) printf("tshark showed %zu JSON bodies as JSON\n", tshark_json_bodies);
    return failures || conversations == 0 || (ts.script && (tshark_captures == 0 || tshark_json_bodies == 0)) ? 1 : 0;
}
