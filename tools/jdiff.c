/*
 * jdiff: rmqwire's reading of route bodies, properties strings and batch bodies next
 * to Java's, from the JSON lines `../shared/javaref/jview route|properties|batch`
 * writes. Each input file is decoded with Java 4.9.8's options and compared with what
 * Java produced (maps compared as maps, Java's last-wins for repeated names, invalid
 * UTF-8 as Java's U+FFFD); one summary line per class of result, then the differing
 * inputs. A development tool (fuzz/diff runs it); the build and tests never need Java.
 *
 *   jdiff route|route-5.3.3|properties|batch JSONL INPUT_DIR...
 *   jdiff java-hangs frame|json < PATHS
 *
 * java-hangs prints the paths (one per line on stdin) of the frames, or JSON header bytes,
 * route-5.3.3 reads with release 5.3.3's options and compares the 5.x fields too, against
 * the lines of tools/javagen/RouteView (RocketMQ 5.3.3, fastjson 1.2.83).
 *
 * that Java's fastjson spins on for 2^31 steps before failing (RMQ_ERR_JSON_JAVA_HANGS):
 * seconds each in jview, so the differential leaves them out and counts them.
 */
#include "rmqwire.h"

#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "common/base64.h"
#include "internal/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { ROUTE, PROPERTIES, BATCH };

/* the release whose reading is compared (route-5.3.3: 5.3.3) */
static rmq_release release = RMQ_RELEASE_4_9_8;

/* a string as Java holds it: bytes that are not UTF-8 become U+FFFD */
static bool java_equal(const vj *j, rmq_str s)
{
    if (!j || j->type != VJ_STR) return false;
    static uint8_t fixed[3 << 20];
    const uint8_t *p = (const uint8_t *)s.ptr;
    size_t n = s.len;
    if (n && !rmq_utf8_valid(p, n, NULL)) {
        if (3 * n > sizeof fixed) return false;
        n = rmq_utf8_repair(p, n, fixed);
        p = fixed;
    }
    return j->slen == n && (n == 0 || memcmp(j->s, p, n) == 0);
}

static bool java_null_or_equal(const vj *j, rmq_str s) { return s.ptr ? java_equal(j, s) : vj_is_null(j); }

static bool int_equal(const vj *j, int64_t v) { return j && j->type == VJ_NUM && j->is_int && j->i == v; }

/* Java's HashMap of a key list: the value the last entry with that key left. */
static const rmq_str *last_value(const rmq_property *props, size_t count, size_t i)
{
    const rmq_str *v = &props[i].value;
    for (size_t k = i + 1; k < count; k++)
        if (props[k].name.len == props[i].name.len && !memcmp(props[k].name.ptr, props[i].name.ptr, props[i].name.len))
            v = &props[k].value;
    return v;
}

/* Java's properties map (object) against our parse: same names, each with its last value. */
static bool properties_equal(const vj *j, const rmq_property *props, size_t count, char *why, size_t wl)
{
    if (!j || j->type != VJ_OBJ) return snprintf(why, wl, "java properties not an object"), false;
    size_t distinct = 0;
    for (size_t i = 0; i < count; i++) {
        bool later = false;
        for (size_t k = i + 1; k < count && !later; k++)
            later = props[k].name.len == props[i].name.len && !memcmp(props[k].name.ptr, props[i].name.ptr, props[i].name.len);
        if (later) continue;
        distinct++;
        const vj *jv = NULL;
        for (size_t m = 0; m < j->n; m++)
            if (java_equal(&(vj){.type = VJ_STR, .s = j->keys[m], .slen = j->key_lens[m]}, props[i].name)) jv = j->items[m];
        if (!jv || !java_equal(jv, *last_value(props, count, i)))
            return snprintf(why, wl, "property %.*s", (int)props[i].name.len, props[i].name.ptr), false;
    }
    if (distinct != j->n) return snprintf(why, wl, "%zu names, java %zu (names equal only as Java strings)", distinct, j->n), false;
    return true;
}

/* A 5.x TopicQueueMappingInfo against Java's view of it. */
static bool mapping_equal(const vj *j, const rmq_queue_mapping *m)
{
    if (vj_is_null(j))
        return !m->bname.ptr && !m->topic.ptr && !m->scope.ptr && !m->total_queues && !m->epoch && !m->dirty &&
               !m->has_curr_id_map;
    const vj *dirty = vj_get(j, "dirty"), *ids = vj_get(j, "currIdMap");
    if (!java_null_or_equal(vj_get(j, "bname"), m->bname) || !java_null_or_equal(vj_get(j, "topic"), m->topic) ||
        !java_null_or_equal(vj_get(j, "scope"), m->scope) || !int_equal(vj_get(j, "totalQueues"), m->total_queues) ||
        !int_equal(vj_get(j, "epoch"), m->epoch) || !dirty || dirty->type != VJ_BOOL || dirty->b != m->dirty)
        return false;
    if (!m->has_curr_id_map) return vj_is_null(ids);
    if (!ids || ids->type != VJ_OBJ) return false;
    size_t distinct = 0;
    for (size_t i = 0; i < m->curr_id_count; i++) {
        bool later = false;
        for (size_t k = i + 1; k < m->curr_id_count && !later; k++) later = m->curr_id_map[k].logical == m->curr_id_map[i].logical;
        if (later) continue;
        distinct++;
        char id[16];
        snprintf(id, sizeof id, "%d", (int)m->curr_id_map[i].logical);
        if (!int_equal(vj_get(ids, id), m->curr_id_map[i].physical)) return false;
    }
    return distinct == ids->n;
}

/* The 5.x fields: BrokerData's zoneName and enableActingMaster, topicQueueMappingByBroker. */
static bool route_v5_equal(const vj *j, const rmq_route *r, char *why, size_t wl)
{
    const vj *bs = vj_get(j, "brokerDatas");
    for (size_t i = 0; r->has_broker_datas && i < r->broker_count; i++) {
        const rmq_broker_data *b = &r->broker_datas[i];
        const vj *jb = bs->items[i], *am = vj_get(jb, "enableActingMaster");
        if (vj_is_null(jb)) {
            if (b->zone_name.ptr || b->enable_acting_master) return snprintf(why, wl, "brokerDatas[%zu] null", i), false;
            continue;
        }
        if (!java_null_or_equal(vj_get(jb, "zoneName"), b->zone_name)) return snprintf(why, wl, "zoneName[%zu]", i), false;
        if (!am || am->type != VJ_BOOL || am->b != b->enable_acting_master)
            return snprintf(why, wl, "enableActingMaster[%zu]", i), false;
    }
    const vj *mp = vj_get(j, "topicQueueMappingByBroker");
    size_t distinct = 0;
    for (size_t i = 0; r->has_queue_mapping && i < r->mapping_count; i++) {
        bool later = false;
        for (size_t k = i + 1; k < r->mapping_count && !later; k++)
            later = rmq_str_equal(r->queue_mappings[k].key, r->queue_mappings[i].key);
        if (later) continue;
        distinct++;
        const vj *jm = NULL;
        bool found = false;
        for (size_t m = 0; mp && mp->type == VJ_OBJ && m < mp->n; m++)
            if (java_equal(&(vj){.type = VJ_STR, .s = mp->keys[m], .slen = mp->key_lens[m]}, r->queue_mappings[i].key)) {
                jm = mp->items[m];
                found = true;
            }
        if (!found || !mapping_equal(jm, &r->queue_mappings[i])) return snprintf(why, wl, "topicQueueMappingByBroker entry %zu", i), false;
    }
    if (!r->has_queue_mapping ? !vj_is_null(mp) : !mp || mp->type != VJ_OBJ || mp->n != distinct)
        return snprintf(why, wl, "topicQueueMappingByBroker"), false;
    return true;
}

static bool route_equal(const vj *j, const rmq_route *r, char *why, size_t wl)
{
    if (!java_null_or_equal(vj_get(j, "orderTopicConf"), r->order_topic_conf))
        return snprintf(why, wl, "orderTopicConf"), false;
    const vj *qs = vj_get(j, "queueDatas");
    if (!r->has_queue_datas ? !vj_is_null(qs) : !qs || qs->type != VJ_ARR || qs->n != r->queue_count)
        return snprintf(why, wl, "queueDatas count"), false;
    for (size_t i = 0; r->has_queue_datas && i < r->queue_count; i++) {
        const rmq_queue_data *q = &r->queue_datas[i];
        const vj *jq = qs->items[i];
        /* a null item is held all-null (no flag for it in the struct) */
        if (vj_is_null(jq)) {
            if (q->broker_name.ptr || q->read_queue_nums || q->write_queue_nums || q->perm || q->topic_sys_flag)
                return snprintf(why, wl, "queueDatas[%zu] null", i), false;
            continue;
        }
        if (!java_null_or_equal(vj_get(jq, "brokerName"), q->broker_name) ||
            !int_equal(vj_get(jq, "readQueueNums"), q->read_queue_nums) ||
            !int_equal(vj_get(jq, "writeQueueNums"), q->write_queue_nums) || !int_equal(vj_get(jq, "perm"), q->perm) ||
            !int_equal(vj_get(jq, "topicSysFlag"), q->topic_sys_flag))
            return snprintf(why, wl, "queueDatas[%zu]", i), false;
    }
    const vj *bs = vj_get(j, "brokerDatas");
    if (!r->has_broker_datas ? !vj_is_null(bs) : !bs || bs->type != VJ_ARR || bs->n != r->broker_count)
        return snprintf(why, wl, "brokerDatas count"), false;
    for (size_t i = 0; r->has_broker_datas && i < r->broker_count; i++) {
        const rmq_broker_data *b = &r->broker_datas[i];
        const vj *jb = bs->items[i], *ja = vj_get(jb, "brokerAddrs");
        if (vj_is_null(jb)) {
            if (b->cluster.ptr || b->broker_name.ptr || b->has_addrs) return snprintf(why, wl, "brokerDatas[%zu] null", i), false;
            continue;
        }
        if (!java_null_or_equal(vj_get(jb, "cluster"), b->cluster) ||
            !java_null_or_equal(vj_get(jb, "brokerName"), b->broker_name))
            return snprintf(why, wl, "brokerDatas[%zu] names", i), false;
        if (!b->has_addrs ? !vj_is_null(ja) : !ja || ja->type != VJ_OBJ) return snprintf(why, wl, "brokerAddrs[%zu]", i), false;
        size_t distinct = 0;
        for (size_t a = 0; b->has_addrs && a < b->addr_count; a++) {
            bool later = false;
            for (size_t k = a + 1; k < b->addr_count && !later; k++) later = b->addrs[k].id == b->addrs[a].id;
            if (later) continue;
            distinct++;
            char id[24];
            snprintf(id, sizeof id, "%lld", (long long)b->addrs[a].id);
            if (!java_null_or_equal(vj_get(ja, id), b->addrs[a].addr))
                return snprintf(why, wl, "brokerAddrs[%zu] id %s", i, id), false;
        }
        if (b->has_addrs && distinct != ja->n) return snprintf(why, wl, "brokerAddrs[%zu] ids", i), false;
    }
    const vj *fs = vj_get(j, "filterServerTable");
    /* a map: a repeated key once, with its last value (HashMap.put) */
    size_t distinct = 0;
    for (size_t i = 0; r->has_filter_server_table && i < r->filter_count; i++) {
        bool later = false;
        for (size_t k = i + 1; k < r->filter_count && !later; k++)
            later = rmq_str_equal(r->filter_servers[k].broker_addr, r->filter_servers[i].broker_addr);
        distinct += !later;
    }
    if (!r->has_filter_server_table ? !vj_is_null(fs) : !fs || fs->type != VJ_OBJ || fs->n != distinct)
        return snprintf(why, wl, "filterServerTable"), false;
    for (size_t i = 0; r->has_filter_server_table && i < r->filter_count; i++) {
        const rmq_filter_servers *f = &r->filter_servers[i];
        bool later = false;
        for (size_t k = i + 1; k < r->filter_count && !later; k++)
            later = rmq_str_equal(r->filter_servers[k].broker_addr, f->broker_addr);
        if (later) continue;
        const vj *jl = NULL;
        for (size_t m = 0; m < fs->n; m++)
            if (java_equal(&(vj){.type = VJ_STR, .s = fs->keys[m], .slen = fs->key_lens[m]}, f->broker_addr)) jl = fs->items[m];
        if (!f->has_servers ? !vj_is_null(jl) : !jl || jl->type != VJ_ARR || jl->n != f->count)
            return snprintf(why, wl, "filterServerTable entry %zu", i), false;
        for (size_t k = 0; f->has_servers && k < f->count; k++)
            if (!java_null_or_equal(jl->items[k], f->servers[k])) return snprintf(why, wl, "filter server"), false;
    }
    return true;
}

/* rmqwire's reading of one input against Java's line; returns the class of the result. */
static const char *compare(enum kind kind, const uint8_t *in, size_t len, const vj *line, char *why, size_t wl)
{
    static uint8_t mem[64 << 20];
    rmq_arena arena;
    rmq_arena_init(&arena, mem, sizeof mem);
    rmq_decode_options o;
    rmq_decode_options_for_release(&o, release);
    rmq_error err = {0, 0, NULL, NULL};
    const vj *jj = vj_get(line, "java");
    bool java_ok = jj && jj->type == VJ_STR && !strcmp(jj->s, "ok");
    int rc;
    why[0] = 0;
    if (kind == ROUTE) {
        rmq_route r;
        rc = rmq_route_decode(in, len, &o, &arena, &r, &err);
        /* README "Decisions": a body with no JSON value, where Java's decode returns no route */
        if (rc == RMQ_ERR_JSON_NOT_OBJECT && java_ok && vj_is_null(vj_get(line, "route")))
            return "agree: both reject";
        /* 5.3.3's fastjson gives no route for a body that is not UTF-8 (RMQ_ERR_UTF8) */
        if (rc == RMQ_ERR_UTF8 && release != RMQ_RELEASE_4_9_8 && java_ok && vj_is_null(vj_get(line, "route")))
            return "agree: both reject";
        if (rc == RMQ_OK && java_ok) {
            const vj *jr = vj_get(line, "route");
            if (vj_is_null(jr)) return snprintf(why, wl, "java: null route"), "both ok, different";
            bool same = route_equal(jr, &r, why, wl) && (release == RMQ_RELEASE_4_9_8 || route_v5_equal(jr, &r, why, wl));
            return same ? "agree: ok" : "both ok, different";
        }
    } else if (kind == PROPERTIES) {
        rmq_property *props;
        size_t count;
        rc = rmq_properties_parse((const char *)in, len, &arena, &props, &count, &err);
        if (rc == RMQ_OK && java_ok)
            return properties_equal(vj_get(line, "properties"), props, count, why, wl) ? "agree: ok" : "both ok, different";
    } else {
        rmq_batch_iter it;
        rmq_batch_iter_init(&it, in, len, o.leniency);
        rmq_batch_record rec;
        const vj *jb = vj_get(line, "batch");
        size_t i = 0;
        bool same = true;
        while ((rc = rmq_batch_next(&it, &rec, &err)) == RMQ_OK) {
            if (!java_ok) continue;
            const vj *jr = jb && jb->type == VJ_ARR && i < jb->n ? jb->items[i] : NULL;
            rmq_property *props = NULL;
            size_t count = 0;
            uint8_t *body = NULL;
            size_t body_len = 0;
            const vj *b64 = vj_get(jr, "body_b64");
            bool ok = jr && int_equal(vj_get(jr, "flag"), rec.flag) && b64 && b64->type == VJ_STR &&
                      (body = b64_decode(b64->s, b64->slen, &body_len)) != NULL && body_len == rec.body_len &&
                      (body_len == 0 || !memcmp(body, rec.body, body_len)) &&
                      rmq_properties_parse(rec.properties.ptr, rec.properties.len, &arena, &props, &count, NULL) == RMQ_OK &&
                      properties_equal(vj_get(jr, "properties"), props, count, why, wl);
            free(body);
            if (!ok && same) snprintf(why + strlen(why), wl - strlen(why), " record %zu", i);
            same &= ok;
            i++;
        }
        if (rc == RMQ_DONE) rc = RMQ_OK;
        if (rc == RMQ_OK && java_ok)
            return same && jb && jb->type == VJ_ARR && jb->n == i ? "agree: ok" : "both ok, different";
    }
    if (rc != RMQ_OK && !java_ok) return "agree: both reject";
    if (rc != RMQ_OK) {
        snprintf(why, wl, "%s @%zu", rmq_status_name(rc), err.offset);
        return "java ok, rmqwire rejects";
    }
    snprintf(why, wl, "java: %s", jj && jj->type == VJ_STR ? jj->s : "?");
    return "java rejects, rmqwire ok";
}

static int java_hangs(bool whole_frames)
{
    char path[4096];
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        size_t len;
        uint8_t *in = read_file_bytes(path, &len);
        if (!in) continue;
        uint8_t *frame = in;
        size_t frame_len = len;
        if (!whole_frames) {
            /* jview's json mode: the bytes are the header of a JSON frame without a body */
            frame_len = len + 8;
            frame = malloc(frame_len);
            if (!frame || len > 0xFFFFFF) {
                free(frame);
                free(in);
                continue;
            }
            uint32_t total = (uint32_t)len + 4;
            uint8_t prefix[8] = {(uint8_t)(total >> 24), (uint8_t)(total >> 16), (uint8_t)(total >> 8), (uint8_t)total,
                                 0, (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len};
            memcpy(frame, prefix, 8);
            if (len) memcpy(frame + 8, in, len);
        }
        rmq_decode_options o;
        rmq_decode_options_for_release(&o, RMQ_RELEASE_4_9_8);
        size_t bound = rmq_frame_decode_bound(frame_len);
        void *mem = malloc(bound ? bound : 1);
        rmq_arena a;
        rmq_arena_init(&a, mem, bound);
        rmq_command cmd;
        rmq_error err;
        int rc = mem ? rmq_frame_decode(frame, frame_len, &o, &a, &cmd, &err) : RMQ_ERR_NO_MEMORY;
        if (rc == RMQ_ERR_TRAILING_DATA && frame_len >= 4) {
            /* Java's RemotingCommand.decode reads the header whatever follows the frame */
            size_t announced = 4 + ((size_t)frame[0] << 24 | (size_t)frame[1] << 16 | (size_t)frame[2] << 8 | frame[3]);
            rmq_arena_init(&a, mem, bound);
            rc = rmq_frame_decode(frame, announced, &o, &a, &cmd, &err);
        }
        if (rc == RMQ_ERR_JSON_JAVA_HANGS) puts(path);
        free(mem);
        if (frame != in) free(frame);
        free(in);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "java-hangs")) return java_hangs(!strcmp(argv[2], "frame"));
    if (argc < 4) {
        fprintf(stderr, "usage: jdiff route|route-5.3.3|properties|batch JSONL INPUT_DIR...\n");
        return 2;
    }
    if (!strcmp(argv[1], "route-5.3.3")) release = RMQ_RELEASE_5_3_3;
    enum kind kind = !strncmp(argv[1], "route", 5) ? ROUTE : !strcmp(argv[1], "properties") ? PROPERTIES : BATCH;
    size_t text_len;
    char *text = (char *)read_file_bytes(argv[2], &text_len);
    if (!text) {
        fprintf(stderr, "jdiff: cannot read %s\n", argv[2]);
        return 2;
    }
    static const char *classes[] = {"agree: ok", "agree: both reject", "java ok, rmqwire rejects",
                                    "java rejects, rmqwire ok", "both ok, different"};
    size_t counts[5] = {0}, total = 0;
    for (char *p = text, *end = text + text_len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
        vj *line = vj_parse(p, ll);
        p += ll + 1;
        const vj *file = vj_get(line, "file");
        if (!line || !file || file->type != VJ_STR) {
            vj_free(line);
            continue;
        }
        uint8_t *in = NULL;
        size_t len = 0;
        for (int d = 3; d < argc && !in; d++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[d], file->s);
            in = read_file_bytes(path, &len);
        }
        if (!in) {
            vj_free(line);
            continue;
        }
        char why[256];
        const char *cls = compare(kind, in, len, line, why, sizeof why);
        for (int c = 0; c < 5; c++)
            if (!strcmp(cls, classes[c])) counts[c]++;
        total++;
        if (strncmp(cls, "agree", 5) != 0) printf("  %-26s %s (%s)\n", cls, file->s, why);
        free(in);
        vj_free(line);
    }
    free(text);
    printf("%s: %zu inputs, %zu agree (%zu ok, %zu both reject)", argv[1], total, counts[0] + counts[1], counts[0],
           counts[1]);
    for (int c = 2; c < 5; c++) printf(", %zu %s", counts[c], classes[c]);
    printf("\n");
    return counts[2] + counts[3] + counts[4] ? 1 : 0;
}
