/*
 * rmqdump — a RocketMQ remoting protocol analyzer.
 *
 * Input: a pcap or pcapng capture (TCP reassembled per connection and direction),
 * or a raw byte stream of frames (one direction of a connection, as in
 * vectors/streams/ *.bin), either as bytes or as hex text. Output: one JSON object
 * (or one text line) per frame, with responses matched to their requests by opaque.
 * Decode errors are reported with their byte offset and the dump goes on; a framing
 * error (bad length prefix) ends that direction, because it can no longer be cut.
 *
 * --encode is the inverse: JSON objects in, wire frames out (dump_encode.c).
 */
#include "rmqwire.h"

#include "capture/packet.h"
#include "capture/pcap_read.h"
#include "capture/tcp_reasm.h"
#include "common/file_bytes.h"
#include "common/hex_text.h"
#include "dump_encode.h"
#include "dump_print.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PORTS 64
#define CORRELATOR_SLOTS 256
/* connections analysed at once; more are skipped with a notice (a SYN flood must not exhaust memory) */
#define MAX_LIVE_CONNECTIONS 10000
#define HELD_PER_DIRECTION (64u << 20)

typedef struct run_opts {
    dump_opts dump;
    const char *path;
    const char *out_path;
    bool raw;              /* never treat the input as a capture */
    bool hex;              /* input is hex text */
    bool encode;
    bool probe;            /* decode connections on other ports when their frames decode */
    uint16_t ports[MAX_PORTS];
    size_t port_count;
} run_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: rmqdump [options] [FILE|-]\n"
            "       rmqdump --encode [-o OUT] [FILE|-]\n"
            "Print every RocketMQ remoting frame of a capture (pcap or pcapng: Ethernet,\n"
            "Linux cooked, loopback or raw IP; IPv4/IPv6; TCP reassembled) or of a raw\n"
            "byte stream (one direction of a connection) as one JSON object per line.\n"
            "In captures, responses carry the request they answer (same opaque on the same\n"
            "connection) and its latency; gaps in a TCP stream are reported.\n"
            "\n"
            "  --raw            the input is a raw frame stream, even if it looks like a capture\n"
            "  --hex            the input is hex text (whitespace, ':' and '0x' ignored)\n"
            "  --text           one compact text line per frame instead of JSON\n"
            "  --port=N         a RocketMQ port (repeat; default 9876 10909 10911 10912)\n"
            "  --no-probe       ignore connections on other ports (default: decode them\n"
            "                   when their first bytes frame and decode as RocketMQ)\n"
            "  --lenient=MODE   java (default: what a Java peer accepts), all (every\n"
            "                   tolerance, for analysis), strict (standard JSON only)\n"
            "  --release=R      4.9.8 or 5.3.3: name tables and Java quirks to mirror\n"
            "                   (default: chosen per frame from its version field)\n"
            "  --max-frame=N    largest frame accepted, prefix included (default 16777216)\n"
            "  --encode         read JSON objects (rmqdump output, or the frames/ .json of vectors)\n"
            "                   and write the wire frames they describe\n"
            "  -o FILE          --encode output (default stdout, refused when a terminal)\n"
            "  -h, --help       this text\n"
            "\n"
            "Exit status: 0 when every frame decoded, 1 when some did not, a stream ended\n"
            "inside a frame, could not be framed or had gaps, 2 on usage or I/O errors.\n");
}

static bool parse_args(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    rmq_decode_options_default(&o->dump.decode);
    o->path = "-";
    o->probe = true;
    bool have_path = false, ports_given = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else if (!strncmp(a, "--lenient=", 10)) {
            const char *m = a + 10;
            if (!strcmp(m, "java")) o->dump.decode.leniency = RMQ_LENIENCY_JAVA_498;
            else if (!strcmp(m, "all")) o->dump.decode.leniency = RMQ_LENIENCY_ALL;
            else if (!strcmp(m, "strict")) o->dump.decode.leniency = RMQ_LENIENCY_STRICT;
            else return false;
        } else if (!strncmp(a, "--release=", 10)) {
            if (!strcmp(a + 10, "4.9.8")) o->dump.release_forced = RMQ_RELEASE_4_9_8;
            else if (!strcmp(a + 10, "5.3.3")) o->dump.release_forced = RMQ_RELEASE_5_3_3;
            else return false;
            o->dump.decode.release = (rmq_release)o->dump.release_forced;
        } else if (!strncmp(a, "--max-frame=", 12)) {
            char *end;
            errno = 0;
            unsigned long v = strtoul(a + 12, &end, 10);
            if (errno || *end || v < 8 || v > 0xFFFFFFFFul) return false;
            o->dump.decode.max_frame = (uint32_t)v;
        } else if (!strncmp(a, "--port=", 7)) {
            char *end;
            unsigned long v = strtoul(a + 7, &end, 10);
            if (*end || v == 0 || v > 65535 || o->port_count == MAX_PORTS) return false;
            if (!ports_given) o->port_count = 0;
            ports_given = true;
            o->ports[o->port_count++] = (uint16_t)v;
        } else if (!strcmp(a, "--no-probe")) {
            o->probe = false;
        } else if (!strcmp(a, "--raw")) {
            o->raw = true;
        } else if (!strcmp(a, "--hex")) {
            o->hex = true;
        } else if (!strcmp(a, "--text")) {
            o->dump.text = true;
        } else if (!strcmp(a, "--encode")) {
            o->encode = true;
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            o->out_path = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return false;
        } else if (!have_path) {
            o->path = a;
            have_path = true;
        } else {
            return false;
        }
    }
    if (!ports_given) {
        static const uint16_t defaults[] = {9876, 10909, 10911, 10912};
        memcpy(o->ports, defaults, sizeof defaults);
        o->port_count = 4;
    }
    return true;
}

static void *heap_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void heap_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const rmq_allocator heap = {heap_alloc, heap_free, NULL};

/* decode scratch: 1 MiB up front, more from malloc for the rare huge header */
#define ARENA_CAP (1u << 20)
static void *arena_mem;

static size_t max_frame_of(const run_opts *o)
{
    return o->dump.decode.max_frame ? o->dump.decode.max_frame : RMQ_DEFAULT_MAX_FRAME;
}

/* ---- raw streams ---- */

static int run_raw_stream(const run_opts *o, FILE *in, const uint8_t *first, size_t first_len)
{
    size_t max_frame = max_frame_of(o);
    uint8_t *frame_buf = malloc(max_frame);
    static uint8_t chunk[65536];
    if (!frame_buf) {
        fprintf(stderr, "rmqdump: out of memory\n");
        return 2;
    }
    rmq_splitter sp;
    rmq_error init_err;
    if (rmq_splitter_init(&sp, frame_buf, max_frame, o->dump.decode.max_frame, &init_err) != RMQ_OK) {
        fprintf(stderr, "rmqdump: --max-frame: %s\n", init_err.message);
        free(frame_buf);
        return 2;
    }
    int status = 0;
    bool stop = false;
    const uint8_t *data = first;
    size_t got = first_len;
    while (!stop && (data || (in && (got = fread(chunk, 1, sizeof chunk, in)) > 0))) {
        if (!data) data = chunk;
        size_t pos = 0;
        while (pos < got) {
            rmq_split_result r;
            rmq_error err;
            int rc = rmq_splitter_feed(&sp, data + pos, got - pos, &r, &err);
            pos += r.consumed;
            if (rc == RMQ_INCOMPLETE) break;
            if (rc != RMQ_OK) {
                dump_error(&o->dump, NULL, err.offset, &err, false);
                status = 1;
                stop = true;
                break;
            }
            rmq_arena arena;
            rmq_arena_init_hooks(&arena, arena_mem, ARENA_CAP, &heap);
            rmq_command cmd;
            rc = rmq_frame_decode(r.frame, r.frame_len, &o->dump.decode, &arena, &cmd, &err);
            if (rc == RMQ_OK) {
                dump_frame(&o->dump, NULL, r.frame_offset, r.frame_len, &cmd, &arena);
            } else {
                dump_error(&o->dump, NULL, r.frame_offset, &err, true);
                status = 1;
            }
            rmq_arena_reset(&arena);
        }
        data = NULL;
        if (!in) break;
    }
    if (in && ferror(in)) {
        fprintf(stderr, "rmqdump: read error on %s\n", o->path);
        status = 2;
    } else if (!stop && rmq_splitter_pending(&sp)) {
        if (o->dump.text)
            printf("@%llu INCOMPLETE stream ends inside a frame (%zu bytes pending)\n",
                   (unsigned long long)sp.stream_offset, rmq_splitter_pending(&sp));
        else
            printf("{\"offset\":%llu,\"error\":\"RMQ_INCOMPLETE\",\"message\":\"stream ends inside a frame\","
                   "\"pendingBytes\":%zu}\n",
                   (unsigned long long)sp.stream_offset, rmq_splitter_pending(&sp));
        status = 1;
    }
    free(frame_buf);
    return status;
}

/* ---- captures ---- */

/* One TCP connection: the library's conversation (framing, probing, gaps, links) over
 * buffers and slots this tool owns. */
typedef struct conn_state {
    bool known_port;
    char client[56], server[56];
    bool started;         /* the conversation exists (from the first data on) */
    rmq_conversation cv;
    uint8_t *buf[2];
    rmq_pending slots[2][CORRELATOR_SLOTS];
} conn_state;

typedef struct capture_run {
    const run_opts *o;
    int status;
    uint64_t frames, connections, live, skipped;
} capture_run;

/* Where a frame of this connection and direction was seen; responses fill in the request later. */
static frame_origin origin_of(const tcp_conn *c, const conn_state *s, int dir, uint64_t ts)
{
    frame_origin at = {c->id, s->client, s->server, dir ? "s2c" : "c2s", ts, -1, 0, false};
    return at;
}

static bool is_port(const run_opts *o, uint16_t p)
{
    for (size_t i = 0; i < o->port_count; i++)
        if (o->ports[i] == p) return true;
    return false;
}

static bool on_open(void *ctx, tcp_conn *c)
{
    capture_run *run = ctx;
    bool known = is_port(run->o, c->port[0]) || is_port(run->o, c->port[1]);
    if (!known && !run->o->probe) return false;
    if (run->live >= MAX_LIVE_CONNECTIONS) {
        if (run->skipped++ == 0)
            dump_notice(&run->o->dump, 0, "too many open connections: later ones are not analysed", 0);
        return false;
    }
    conn_state *s = calloc(1, sizeof *s);
    if (!s) return false;
    s->known_port = known;
    packet_format_endpoint(c->family, c->addr[0], c->port[0], s->client);
    packet_format_endpoint(c->family, c->addr[1], c->port[1], s->server);
    c->user = s;
    run->connections++;
    run->live++;
    return true;
}

/* Buffers come with the first data, so a connection that never sends costs no frame buffers. */
static bool start_conversation(capture_run *run, conn_state *s)
{
    size_t max_frame = max_frame_of(run->o);
    for (int d = 0; d < 2; d++) s->buf[d] = malloc(max_frame);
    rmq_conversation_memory mem = {{s->buf[0], s->buf[1]}, max_frame, {s->slots[0], s->slots[1]}, CORRELATOR_SLOTS};
    if (!s->buf[0] || !s->buf[1] || rmq_conversation_init(&s->cv, &mem, &run->o->dump.decode, s->known_port, NULL) != RMQ_OK)
        return false;
    s->started = true;
    return true;
}

static void frame_out(capture_run *run, tcp_conn *c, conn_state *s, const rmq_conv_frame *f, rmq_arena *arena,
                      uint64_t ts)
{
    const run_opts *o = run->o;
    frame_origin at = origin_of(c, s, f->dir, ts);
    if (f->decode_status != RMQ_OK) {
        dump_error(&o->dump, &at, f->offset, &f->decode_error, true);
        run->status = 1;
        return;
    }
    at.matched = f->answered;
    at.request_code = f->answered ? f->request_code : -1;
    at.request_ts_usec = (uint64_t)f->request_ts;
    dump_frame(&o->dump, &at, f->offset, f->len, &f->cmd, arena);
    run->frames++;
}

static void on_data(void *ctx, tcp_conn *c, int dir, const uint8_t *data, size_t len, uint64_t ts)
{
    capture_run *run = ctx;
    conn_state *s = c->user;
    if (!s) return;
    if (!s->started && !start_conversation(run, s)) return; /* out of memory: not analysed (freed on close) */
    size_t pos = 0;
    while (pos < len) {
        rmq_arena arena;
        rmq_arena_init_hooks(&arena, arena_mem, ARENA_CAP, &heap);
        rmq_conv_frame f;
        size_t used;
        rmq_error err;
        int rc = rmq_conversation_feed(&s->cv, dir, data + pos, len - pos, (int64_t)ts, &arena, &used, &f, &err);
        pos += used;
        if (rc == RMQ_OK) frame_out(run, c, s, &f, &arena, ts);
        rmq_arena_reset(&arena);
        if (rc == RMQ_OK) continue;
        if (rc == RMQ_INCOMPLETE || rc == RMQ_DONE) return;
        /* framing lost: reported, and the conversation looks for the next frame start */
        frame_origin at = origin_of(c, s, dir, ts);
        dump_error(&run->o->dump, &at, err.offset, &err, false);
        run->status = 1;
    }
}

static void on_gap(void *ctx, tcp_conn *c, int dir, uint64_t missing, uint64_t ts)
{
    capture_run *run = ctx;
    conn_state *s = c->user;
    if (!s || !s->started) return;
    if (rmq_conversation_state(&s->cv) == RMQ_CONV_CONFIRMED) {
        frame_origin at = origin_of(c, s, dir, ts);
        dump_gap(&run->o->dump, &at, rmq_conversation_offset(&s->cv, dir), missing);
        run->status = 1;
    }
    /* the frame in progress lost bytes: drop it and look for the next frame start */
    rmq_conversation_gap(&s->cv, dir, missing);
}

static void on_close(void *ctx, tcp_conn *c)
{
    capture_run *run = ctx;
    conn_state *s = c->user;
    if (!s) return;
    for (int dir = 0; s->started && dir < 2; dir++) {
        size_t pending = rmq_conversation_pending(&s->cv, dir);
        if (pending && rmq_conversation_state(&s->cv) == RMQ_CONV_CONFIRMED) {
            frame_origin at = origin_of(c, s, dir, 0);
            uint64_t where = rmq_conversation_offset(&s->cv, dir) - pending;
            rmq_error err = {RMQ_INCOMPLETE, (size_t)where, "stream ends inside a frame", NULL};
            dump_error(&run->o->dump, &at, where, &err, false);
            run->status = 1;
        }
    }
    for (int d = 0; d < 2; d++) free(s->buf[d]);
    free(s);
    c->user = NULL;
    run->live--;
}

static int run_capture(const run_opts *o, const uint8_t *buf, size_t len)
{
    cap_reader rd;
    if (!cap_open(&rd, buf, len)) {
        fprintf(stderr, "rmqdump: %s: %s\n", o->path, rd.error);
        return 2;
    }
    capture_run run = {o, 0, 0, 0, 0, 0};
    tcp_events ev = {on_open, on_data, on_gap, on_close, &run};
    tcp_reasm ra;
    if (!tcp_reasm_init(&ra, &ev, HELD_PER_DIRECTION, o->ports, o->port_count)) return 2;
    cap_packet pkt;
    int rc;
    uint64_t last_ts = 0, packets = 0, not_tcp = 0;
    while ((rc = cap_next(&rd, &pkt)) == 1) {
        packets++;
        last_ts = pkt.ts_usec;
        tcp_segment seg;
        const char *why;
        int pr = packet_parse_tcp(pkt.link_type, pkt.data, pkt.caplen, &seg, &why);
        if (pr < 0) {
            dump_notice(&o->dump, pkt.index, why, pkt.file_offset);
            continue;
        }
        if (pr == 0) {
            not_tcp++;
            continue;
        }
        if (seg.truncated) dump_notice(&o->dump, pkt.index, "TCP payload cut by the capture's snaplen", pkt.file_offset);
        tcp_reasm_segment(&ra, &seg, pkt.ts_usec);
    }
    if (rc < 0) {
        dump_notice(&o->dump, rd.packets, rd.error, rd.error_offset);
        run.status = 1;
    }
    tcp_reasm_finish(&ra, last_ts);
    fprintf(stderr,
            "rmqdump: %llu packets (%llu not TCP), %llu segments, %llu RocketMQ connections, %llu frames, "
            "%llu retransmitted, %llu out of order, %llu gaps (%llu bytes)\n",
            (unsigned long long)packets, (unsigned long long)not_tcp, (unsigned long long)ra.stats.segments,
            (unsigned long long)run.connections, (unsigned long long)run.frames,
            (unsigned long long)ra.stats.retransmits, (unsigned long long)ra.stats.out_of_order,
            (unsigned long long)ra.stats.gaps, (unsigned long long)ra.stats.gap_bytes);
    tcp_reasm_free(&ra);
    return run.status;
}

/* ---- input ---- */

int main(int argc, char **argv)
{
    run_opts o;
    if (!parse_args(argc, argv, &o)) {
        usage(stderr);
        return 2;
    }
    FILE *in = strcmp(o.path, "-") ? fopen(o.path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "rmqdump: %s: %s\n", o.path, strerror(errno));
        return 2;
    }
    if (o.encode) {
        int st = dump_encode_run(in, o.path, o.out_path);
        if (in != stdin) fclose(in);
        return st;
    }
    arena_mem = malloc(ARENA_CAP);
    if (!arena_mem || !dump_init()) {
        fprintf(stderr, "rmqdump: out of memory\n");
        return 2;
    }
    int status;
    /* the first bytes tell a capture from a raw stream; a raw stream is then read in chunks */
    static uint8_t head[65536];
    size_t head_len = (o.hex || !o.raw) ? fread(head, 1, sizeof head, in) : 0;
    if (o.hex || (!o.raw && cap_detect(head, head_len))) {
        size_t rest_len = 0;
        uint8_t *rest = read_stream_bytes(in, &rest_len);
        uint8_t *all = rest ? malloc(head_len + rest_len + 1) : NULL;
        if (!rest) fprintf(stderr, "rmqdump: cannot read the input\n");
        if (!all) {
            fprintf(stderr, "rmqdump: out of memory\n");
            return 2;
        }
        memcpy(all, head, head_len);
        memcpy(all + head_len, rest, rest_len);
        free(rest);
        size_t len = head_len + rest_len;
        size_t bad_at;
        if (o.hex && !hex_text_decode(all, &len, &bad_at)) {
            if (bad_at == len) fprintf(stderr, "rmqdump: odd number of hex digits\n");
            else fprintf(stderr, "rmqdump: not a hex digit at input offset %zu\n", bad_at);
            status = 2;
        } else if (!o.raw && cap_detect(all, len)) {
            status = run_capture(&o, all, len);
        } else {
            status = run_raw_stream(&o, NULL, all, len);
        }
        free(all);
    } else {
        status = run_raw_stream(&o, in, head_len ? head : NULL, head_len);
    }
    if (in != stdin) fclose(in);
    free(arena_mem);
    dump_done();
    return status;
}
