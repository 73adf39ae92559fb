/*
 * Golden-vector runner: checks every case of every group it knows in a vectors
 * directory (default: the project's vectors/), one line per failing case, and
 * ends with "N passed, M failed". Exit status 1 when anything failed.
 */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RMQ_VECTORS_DIR
#define RMQ_VECTORS_DIR "vectors"
#endif

static size_t passed, failed;

static void verdict(const char *group, const char *name, bool ok, const char *why)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s/%s: %s\n", group, name, why);
}

static bool load_case(const char *dir, const char *group, const char *name, vcase *c, char *why, size_t n)
{
    char path[4096];
    memset(c, 0, sizeof *c);
    snprintf(path, sizeof path, "%s/%s/%s.json", dir, group, name);
    c->json = vj_parse_file(path);
    if (!c->json) {
        snprintf(why, n, "cannot read %s", path);
        return false;
    }
    snprintf(path, sizeof path, "%s/%s/%s.bin", dir, group, name);
    c->bin = read_file_bytes(path, &c->bin_len); /* some groups have .json only */
    return true;
}

static void free_case(vcase *c)
{
    free(c->bin);
    vj_free(c->json);
}

/* Decode with a caller buffer of exactly the documented bound. */
typedef struct decoded {
    int rc;
    rmq_error err;
    rmq_command cmd;
    void *mem;
} decoded;

static void decode_frame(const uint8_t *bytes, size_t len, bool prefixed, const rmq_decode_options *opts, decoded *d)
{
    size_t bound = rmq_frame_decode_bound(len);
    d->mem = malloc(bound ? bound : 1);
    rmq_arena arena;
    rmq_arena_init(&arena, d->mem, bound);
    memset(&d->err, 0, sizeof d->err);
    d->rc = prefixed ? rmq_frame_decode(bytes, len, opts, &arena, &d->cmd, &d->err)
                     : rmq_frame_decode_unprefixed(bytes, len, opts, &arena, &d->cmd, &d->err);
}

static bool check_frame_case(const vcase *c, char *why, size_t n)
{
    rmq_release rel = case_release(c->json);
    rmq_decode_options opts;
    rmq_decode_options_for_release(&opts, rel);
    decoded d;
    decode_frame(c->bin, c->bin_len, true, &opts, &d);
    bool ok = false;
    if (d.rc != RMQ_OK) {
        snprintf(why, n, "decode failed: %s at %zu (%s)", rmq_status_name(d.rc), d.err.offset, d.err.message);
    } else if (command_matches(&d.cmd, c->json, rel, false, why, n) && check_message_views(&d.cmd, c->json, rel, why, n) &&
               check_route_response(&d.cmd, c->json, rel, why, n)) {
        size_t size = 0;
        int rc = rmq_frame_encoded_size(&d.cmd, &size, NULL);
        uint8_t *out = malloc(size ? size : 1);
        size_t written = 0;
        if (rc != RMQ_OK) snprintf(why, n, "encoded_size failed: %s", rmq_status_name(rc));
        else if (size != c->bin_len) snprintf(why, n, "re-encoded size %zu, vector %zu", size, c->bin_len);
        else if ((rc = rmq_frame_encode(&d.cmd, out, size, &written, NULL)) != RMQ_OK) snprintf(why, n, "encode failed: %s", rmq_status_name(rc));
        else if (written != size || memcmp(out, c->bin, size) != 0) {
            size_t at = 0;
            while (at < size && out[at] == c->bin[at]) at++;
            snprintf(why, n, "re-encoded bytes differ at offset %zu", at);
        } else ok = true;
        free(out);
    }
    free(d.mem);
    return ok;
}

/* Codes by which this library deliberately rejects what Java accepts (README "Decisions"). */
static bool is_documented_strictness(int rc)
{
    return rc == RMQ_ERR_RMQ_HEADER_SLACK || rc == RMQ_ERR_JSON_MISSING_OPAQUE;
}

/*
 * Java accepted the frame: we must either decode it to Java's fields, or reject it
 * with a documented strictness code and then, with every leniency on, decode it to
 * Java's fields (an opaque Java invented is not compared).
 */
static bool code_opaque_match(const rmq_command *cmd, const int64_t *want, char *why, size_t n)
{
    if (!want) return true;
    if (cmd->code != want[0]) {
        snprintf(why, n, "code %d, Netty saw %lld", cmd->code, (long long)want[0]);
        return false;
    }
    if (!(cmd->notes & RMQ_NOTE_OPAQUE_MISSING) && cmd->opaque != want[1]) {
        snprintf(why, n, "opaque %d, Netty saw %lld", cmd->opaque, (long long)want[1]);
        return false;
    }
    return true;
}

static bool expect_java_accepts(const uint8_t *bytes, size_t len, bool prefixed, const vj *java_view,
                                const int64_t *code_opaque, rmq_release rel, char *why, size_t n)
{
    rmq_decode_options opts;
    rmq_decode_options_for_release(&opts, rel);
    decoded d;
    decode_frame(bytes, len, prefixed, &opts, &d);
    bool ok;
    if (d.rc == RMQ_OK) {
        ok = (!java_view || command_matches(&d.cmd, java_view, rel, false, why, n)) &&
             code_opaque_match(&d.cmd, code_opaque, why, n);
    } else if (is_documented_strictness(d.rc)) {
        free(d.mem);
        opts.leniency = RMQ_LENIENCY_ALL;
        decode_frame(bytes, len, prefixed, &opts, &d);
        if (d.rc != RMQ_OK) {
            snprintf(why, n, "rejected even with every leniency: %s", rmq_status_name(d.rc));
            ok = false;
        } else {
            ok = (!java_view || command_matches(&d.cmd, java_view, rel, (d.cmd.notes & RMQ_NOTE_OPAQUE_MISSING) != 0, why, n)) &&
                 code_opaque_match(&d.cmd, code_opaque, why, n);
        }
    } else {
        snprintf(why, n, "Java accepts, we reject with %s (%s) at %zu", rmq_status_name(d.rc), d.err.message, d.err.offset);
        ok = false;
    }
    free(d.mem);
    return ok;
}

static bool expect_rejected(const uint8_t *bytes, size_t len, bool prefixed, rmq_release rel, char *why, size_t n)
{
    rmq_decode_options opts;
    rmq_decode_options_for_release(&opts, rel);
    decoded d;
    decode_frame(bytes, len, prefixed, &opts, &d);
    free(d.mem);
    if (d.rc == RMQ_OK) {
        snprintf(why, n, "Java rejects, we accept");
        return false;
    }
    if (d.rc >= 0 || !d.err.message) {
        snprintf(why, n, "rejected without an error record (%d)", d.rc);
        return false;
    }
    return true;
}

static bool starts_with(const vj *v, const char *prefix)
{
    return v && v->type == VJ_STR && strncmp(v->s, prefix, strlen(prefix)) == 0;
}

/* Split a whole byte string with the splitter; report frames and the final status. */
typedef struct split_outcome {
    size_t frames;
    const uint8_t *first; /* first frame (inside the input or the buffer copy) */
    size_t first_len;
    int final_rc;         /* RMQ_INCOMPLETE, RMQ_OK (input ended on a boundary) or an error */
} split_outcome;

static void split_all(const uint8_t *bytes, size_t len, uint8_t *buf, size_t cap, split_outcome *o)
{
    rmq_splitter sp;
    rmq_splitter_init(&sp, buf, cap, (uint32_t)cap, NULL);
    memset(o, 0, sizeof *o);
    size_t pos = 0;
    o->final_rc = RMQ_OK;
    while (pos < len) {
        rmq_split_result r;
        int rc = rmq_splitter_feed(&sp, bytes + pos, len - pos, &r, NULL);
        pos += r.consumed;
        if (rc == RMQ_OK) {
            if (o->frames++ == 0) {
                o->first = r.frame;
                o->first_len = r.frame_len;
            }
            o->final_rc = RMQ_OK;
            continue;
        }
        o->final_rc = rc;
        break;
    }
}

static bool check_invalid_case(const vcase *c, char *why, size_t n)
{
    rmq_release rel = case_release(c->json);
    const vj *java = vj_get(c->json, "java");
    const vj *netty = vj_get(c->json, "java_netty_decoder");
    const vj *view = vj_get(c->json, "java_decoded");

    /* 1. RemotingCommand.decode on the bytes after the length prefix. */
    if (c->bin_len >= 4 && !starts_with(java, "not applicable")) {
        bool ok = starts_with(java, "returned a RemotingCommand")
                      ? expect_java_accepts(c->bin + 4, c->bin_len - 4, false, view, NULL, rel, why, n)
                      : expect_rejected(c->bin + 4, c->bin_len - 4, false, rel, why, n);
        if (!ok) {
            size_t k = strlen(why);
            snprintf(why + k, n - k, " [RemotingCommand.decode path]");
            return false;
        }
    }

    /* 2. The server pipeline: length-field framing, then decode. java_decoded
     * describes path 1 (all bytes after the prefix); Netty's line gives code and
     * opaque of the frame it cut. The buffer holds any frame the limit allows. */
    uint8_t *buf = malloc(RMQ_DEFAULT_MAX_FRAME);
    split_outcome o;
    split_all(c->bin, c->bin_len, buf, RMQ_DEFAULT_MAX_FRAME, &o);
    bool ok = true;
    if (starts_with(netty, "no frame emitted")) {
        /* no bytes at all: both wait, the splitter with nothing pending (RMQ_OK) */
        bool waits = o.final_rc == RMQ_INCOMPLETE || (c->bin_len == 0 && o.final_rc == RMQ_OK);
        if (o.frames || !waits) {
            snprintf(why, n, "Netty waits for more bytes; splitter gave %zu frames, %s", o.frames, rmq_status_name(o.final_rc));
            ok = false;
        }
    } else if (starts_with(netty, "frame decoded")) {
        if (!o.frames) {
            snprintf(why, n, "Netty decodes a frame; splitter: %s", rmq_status_name(o.final_rc));
            ok = false;
        } else {
            long long code, opaque;
            if (sscanf(netty->s, "frame decoded: code=%lld opaque=%lld", &code, &opaque) != 2) {
                snprintf(why, n, "cannot read code/opaque from java_netty_decoder");
                ok = false;
            } else {
                int64_t want[2] = {code, opaque};
                ok = expect_java_accepts(o.first, o.first_len, true, NULL, want, rel, why, n);
            }
        }
    } else if (starts_with(netty, "exception")) {
        if (o.frames) ok = expect_rejected(o.first, o.first_len, true, rel, why, n);
        else if (o.final_rc >= 0) {
            snprintf(why, n, "Netty fails; splitter says %s", rmq_status_name(o.final_rc));
            ok = false;
        }
    } else {
        snprintf(why, n, "unrecognised java_netty_decoder outcome");
        ok = false;
    }
    free(buf);
    return ok;
}

/* Deterministic pseudo-random chunk sizes per case. */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static bool check_stream_case(const char *dir, const vcase *c, const char *name, char *why, size_t n)
{
    const vj *list = vj_get(c->json, "frames");
    if (!list || list->type != VJ_ARR) {
        snprintf(why, n, "no frames list");
        return false;
    }
    uint8_t **expect = calloc(list->n + 1, sizeof *expect);
    size_t *expect_len = calloc(list->n + 1, sizeof *expect_len);
    bool ok = true;
    for (size_t i = 0; i < list->n && ok; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/frames/%s.bin", dir, list->items[i]->s);
        expect[i] = read_file_bytes(path, &expect_len[i]);
        if (!expect[i]) {
            snprintf(why, n, "cannot read %s", path);
            ok = false;
        }
    }
    static const size_t fixed[] = {1, 2, 3, 7, 64, 4096};
    const size_t runs = sizeof fixed / sizeof fixed[0] + 4;
    uint8_t *buf = malloc(c->bin_len + 8);
    uint32_t seed = 2166136261u;
    for (const char *p = name; *p; p++) seed = (seed ^ (uint8_t)*p) * 16777619u;
    for (size_t run = 0; run < runs && ok; run++) {
        rmq_splitter sp;
        rmq_splitter_init(&sp, buf, c->bin_len + 8, (uint32_t)(c->bin_len + 8), NULL);
        size_t pos = 0, got = 0;
        while (pos < c->bin_len && ok) {
            size_t chunk = run < 6 ? fixed[run] : 1 + next_rand(&seed) % (run == 6 ? 5 : run == 7 ? 300 : 70000);
            if (chunk > c->bin_len - pos) chunk = c->bin_len - pos;
            size_t off = 0;
            while (ok) {
                rmq_split_result r;
                rmq_error err;
                int rc = rmq_splitter_feed(&sp, c->bin + pos + off, chunk - off, &r, &err);
                off += r.consumed;
                if (rc == RMQ_INCOMPLETE) break;
                if (rc != RMQ_OK) {
                    snprintf(why, n, "run %zu: splitter %s at %zu", run, rmq_status_name(rc), err.offset);
                    ok = false;
                } else if (got >= list->n) {
                    snprintf(why, n, "run %zu: more frames than listed", run);
                    ok = false;
                } else if (r.frame_len != expect_len[got] || memcmp(r.frame, expect[got], r.frame_len) != 0) {
                    snprintf(why, n, "run %zu: frame %zu differs from frames/%s", run, got, list->items[got]->s);
                    ok = false;
                } else {
                    rmq_decode_options opts;
                    rmq_decode_options_for_release(&opts, case_release(c->json));
                    decoded d;
                    decode_frame(r.frame, r.frame_len, true, &opts, &d);
                    free(d.mem);
                    if (d.rc != RMQ_OK) {
                        snprintf(why, n, "run %zu: frame %zu does not decode: %s", run, got, rmq_status_name(d.rc));
                        ok = false;
                    }
                    got++;
                }
                if (off == chunk) break;
            }
            pos += chunk;
        }
        if (ok && got != list->n) {
            snprintf(why, n, "run %zu: %zu frames, listed %zu", run, got, list->n);
            ok = false;
        }
        if (ok && rmq_splitter_pending(&sp) != 0) {
            snprintf(why, n, "run %zu: %zu bytes left over", run, rmq_splitter_pending(&sp));
            ok = false;
        }
    }
    for (size_t i = 0; i < list->n; i++) free(expect[i]);
    free(expect);
    free(expect_len);
    free(buf);
    return ok;
}

static bool frames_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    return c->bin ? check_frame_case(c, why, n) : (snprintf(why, n, "no .bin"), false);
}

static bool invalid_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    return c->bin ? check_invalid_case(c, why, n) : (snprintf(why, n, "no .bin"), false);
}

static bool streams_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    return c->bin ? check_stream_case(dir, c, name, why, n) : (snprintf(why, n, "no .bin"), false);
}

typedef struct group_entry {
    const char *name;
    case_check check;
} group_entry;

static const group_entry known_groups[] = {
    {"frames", frames_case}, {"invalid", invalid_case}, {"streams", streams_case},
    {"properties", check_properties_case}, {"batch", check_batch_case}, {"msgid", check_msgid_case},
    {"stored", check_stored_case}, {"tables", check_tables_case}, {"route", check_route_case},
    {"json_body", check_json_body_case}, {"validators", check_validators_case},
    {"acl", check_acl_case}, {"compression", check_compression_case},
    {"heartbeat", check_heartbeat_case},
};

static void run_group(const char *dir, const char *group)
{
    /* its cases are the encoder matrix's, which tools/encode_matrix makes: tests/check_readback.sh */
    if (!strcmp(group, "readback")) {
        printf("notice: group readback is checked by the readback test (tests/check_readback.sh)\n");
        return;
    }
    case_check check = NULL;
    for (size_t i = 0; i < sizeof known_groups / sizeof known_groups[0]; i++)
        if (!strcmp(known_groups[i].name, group)) check = known_groups[i].check;
    size_t count;
    char **names = list_cases(dir, group, ".json", &count);
    if (!check) {
        printf("notice: group %s (%zu cases) is not checked by this runner yet\n", group, count);
        free_cases(names, count);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        char why[512] = "";
        vcase c;
        bool ok = load_case(dir, group, names[i], &c, why, sizeof why) && check(dir, names[i], &c, why, sizeof why);
        verdict(group, names[i], ok, why);
        free_case(&c);
    }
    free_cases(names, count);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : RMQ_VECTORS_DIR;
    if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))) {
        printf("usage: golden [VECTORS_DIR]\n");
        return argc > 2 ? 2 : 0;
    }
    size_t ngroups;
    char **groups = list_groups(dir, &ngroups);
    if (!groups || !ngroups) {
        fprintf(stderr, "golden: no vector groups in %s\n", dir);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    for (size_t g = 0; g < ngroups; g++) run_group(dir, groups[g]);
    free_cases(groups, ngroups);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
