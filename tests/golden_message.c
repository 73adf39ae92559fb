/* Golden checks of the message layer: properties, batch, msgid, stored, and the
 * message / pulled_messages views of send and pull frames. */
#define _POSIX_C_SOURCE 200809L
#include "golden.h"

#include <arpa/inet.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIFF(...) do { snprintf(why, n, __VA_ARGS__); return false; } while (0)

static bool vstr_eq(rmq_str s, const vj *v)
{
    if (vj_is_null(v)) return s.ptr == NULL;
    return v->type == VJ_STR && s.ptr && s.len == v->slen && memcmp(s.ptr, v->s, s.len) == 0;
}

static bool vint_eq(int64_t x, const vj *v) { return v && v->type == VJ_NUM && v->is_int && v->i == x; }

/* A boxed Java number: null when the header did not carry it. */
static bool opt_int_eq(uint32_t present, int64_t x, const vj *v) { return present ? vint_eq(x, v) : vj_is_null(v); }

bool properties_match(rmq_str s, const vj *map, char *why, size_t n)
{
    static uint8_t mem[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_property *props;
    size_t count;
    if (rmq_properties_parse(s.ptr, s.len, &a, &props, &count, NULL) != RMQ_OK) DIFF("properties: out of memory");
    if (!map || map->type != VJ_OBJ) DIFF("properties: no map in vector");
    if (count != map->n) DIFF("properties: %zu entries, Java %zu", count, map->n);
    for (size_t i = 0; i < map->n; i++) {
        rmq_str v;
        if (!rmq_properties_get(props, count, map->keys[i], &v)) DIFF("property %s missing", map->keys[i]);
        if (!vstr_eq(v, map->items[i])) DIFF("property %s differs", map->keys[i]);
    }
    return true;
}

bool check_properties_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    rmq_release rel = case_release(c->json);
    rmq_str text = {(const char *)c->bin, c->bin_len};
    const vj *string = vj_get(c->json, "string");
    if (string && !vstr_eq(text, string)) DIFF(".bin differs from \"string\"");
    if (!properties_match(text, vj_get(c->json, "properties"), why, n)) return false;
    const vj *input = vj_get(c->json, "input");
    if (!input) return true; /* a parser case */
    const vj *order = vj_get(c->json, "input_iteration_order");
    size_t count = vj_is_null(input) ? 0 : input->n;
    rmq_property *props = calloc(count + 1, sizeof *props);
    for (size_t i = 0; i < count; i++) {
        /* the map Java serialized, in the order Java iterated it */
        const char *key = order && order->type == VJ_ARR && i < order->n ? order->items[i]->s : input->keys[i];
        const vj *val = vj_get(input, key);
        props[i].name = rmq_str_from_cstr(key);
        props[i].value = vj_is_null(val) ? RMQ_STR_NULL : (rmq_str){val->s, val->slen};
    }
    size_t size = 0, written = 0;
    char *out = NULL;
    bool ok = rmq_properties_encoded_size(props, count, rel, &size, NULL) == RMQ_OK;
    if (ok) {
        out = malloc(size + 1);
        ok = rmq_properties_encode(props, count, rel, out, size, &written, NULL) == RMQ_OK && written == c->bin_len &&
             memcmp(out, c->bin, written) == 0;
    }
    /* Decision: a name or value holding 0x01/0x02 is refused, Java would corrupt the string */
    bool has_sep = false;
    for (size_t i = 0; i < count; i++)
        if (props[i].value.ptr && (memchr(props[i].value.ptr, 1, props[i].value.len) || memchr(props[i].value.ptr, 2, props[i].value.len) ||
                                   memchr(props[i].name.ptr, 1, props[i].name.len) || memchr(props[i].name.ptr, 2, props[i].name.len)))
            has_sep = true;
    if (has_sep) {
        rmq_error err;
        ok = rmq_properties_encoded_size(props, count, rel, &size, &err) == RMQ_ERR_UNREPRESENTABLE;
        free(out);
        free(props);
        if (!ok) DIFF("separator inside a value must be refused");
        return true;
    }
    free(out);
    free(props);
    if (!ok) DIFF("encoding the input does not give the .bin");
    return true;
}

static bool b64_matches(const uint8_t *bytes, size_t len, const vj *b64)
{
    if (!b64 || b64->type != VJ_STR) return true; /* not in the vector */
    size_t k;
    uint8_t *want = b64_decode(b64->s, b64->slen, &k);
    bool same = want && k == len && (len == 0 || memcmp(want, bytes, len) == 0);
    free(want);
    return same;
}

static bool sha_matches(const uint8_t *bytes, size_t len, const vj *sha)
{
    if (!sha || sha->type != VJ_STR) return true;
    char hex[65];
    sha256_hex(len ? bytes : (const uint8_t *)"", len, hex);
    return strcmp(hex, sha->s) == 0;
}

/* Records of a batch body against a list of Java's messages (fields present are compared). */
static bool batch_matches(const uint8_t *body, size_t len, const vj *messages, bool reencode, char *why, size_t n)
{
    rmq_batch_iter it;
    rmq_batch_record recs[256];
    size_t count = 0;
    rmq_error err;
    int rc;
    rmq_batch_iter_init(&it, body, len, RMQ_LENIENCY_STRICT);
    while ((rc = rmq_batch_next(&it, &recs[count], &err)) == RMQ_OK)
        if (++count == 256) DIFF("more than 256 records");
    if (rc < 0) DIFF("batch record %zu: %s at %zu", count, err.message, err.offset);
    if (!messages || messages->type != VJ_ARR || messages->n != count) DIFF("batch has %zu records", count);
    for (size_t i = 0; i < count; i++) {
        const vj *m = messages->items[i];
        if (vj_get(m, "flag") && !vint_eq(recs[i].flag, vj_get(m, "flag"))) DIFF("record %zu flag", i);
        if (vj_get(m, "body_len") && !vint_eq((int64_t)recs[i].body_len, vj_get(m, "body_len"))) DIFF("record %zu body_len", i);
        if (!b64_matches(recs[i].body, recs[i].body_len, vj_get(m, "body_b64"))) DIFF("record %zu body", i);
        /* properties_string is Java re-serializing the decoded map: same map, maybe another order */
        const vj *ps = vj_get(m, "properties_string");
        if (ps && ps->type == VJ_STR && !properties_match((rmq_str){ps->s, ps->slen}, vj_get(m, "properties"), why, n)) return false;
        if (!properties_match(recs[i].properties, vj_get(m, "properties"), why, n)) return false;
    }
    if (reencode) {
        size_t size = 0, written = 0;
        if (rmq_batch_encoded_size(recs, count, &size, NULL) != RMQ_OK || size != len) DIFF("re-encoded size %zu, vector %zu", size, len);
        uint8_t *out = malloc(size + 1);
        bool same = rmq_batch_encode(recs, count, out, size, &written, NULL) == RMQ_OK && memcmp(out, body, len) == 0;
        free(out);
        if (!same) DIFF("re-encoded batch differs");
    }
    return true;
}

bool check_batch_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    return batch_matches(c->bin, c->bin_len, vj_get(c->json, "messages"), true, why, n);
}

static bool ip_text_to_bytes(const char *text, uint8_t *addr, uint8_t *len)
{
    if (inet_pton(AF_INET, text, addr) == 1) {
        *len = 4;
        return true;
    }
    if (inet_pton(AF_INET6, text, addr) == 1) {
        *len = 16;
        return true;
    }
    return false;
}

static int32_t utc_offset_of(const vj *tz, bool *known)
{
    *known = tz && tz->type == VJ_STR && (!strcmp(tz->s, "Etc/UTC") || !strcmp(tz->s, "UTC") || !strcmp(tz->s, "GMT"));
    return 0;
}

/* Java decoded this id at some moment after generated_at_ms; a minute later is inside the same window. */
#define DECODE_DELAY_MS 60000

static bool uniq_matches(const vj *entry, int64_t generated_at, bool tz_known, char *why, size_t n)
{
    const vj *id = vj_get(entry, "id");
    if (!id || id->type != VJ_STR) DIFF("no id");
    rmq_uniq_id u;
    rmq_error err;
    if (rmq_uniq_id_parse(id->s, id->slen, &u, &err) != RMQ_OK) DIFF("id %s: %s", id->s, err.message);
    char ip[40];
    rmq_ip_format(u.ip, u.ip_len, RMQ_IP_STYLE_UTILALL, ip);
    if (!vstr_eq(rmq_str_from_cstr(ip), vj_get(entry, "ip"))) DIFF("id %s: ip %s", id->s, ip);
    if (!vint_eq(u.pid, vj_get(entry, "pid"))) DIFF("id %s: pid %u", id->s, u.pid);
    const vj *nt = vj_get(entry, "nearlyTime_ms");
    if (nt && tz_known) {
        /* Java's answer depends on the instant it decoded, somewhere after generated_at */
        int64_t early = rmq_uniq_id_nearly_time(&u, generated_at, 0);
        int64_t late = rmq_uniq_id_nearly_time(&u, generated_at + DECODE_DELAY_MS, 0);
        if (!vint_eq(early, nt) && !vint_eq(late, nt)) DIFF("id %s: nearly time %lld / %lld", id->s, (long long)early, (long long)late);
    }
    const vj *bytes_hex = vj_get(entry, "bytes_hex");
    if (bytes_hex && bytes_hex->type == VJ_STR) {
        if (bytes_hex->slen != id->slen || strncasecmp(bytes_hex->s, id->s, id->slen) != 0) DIFF("bytes_hex differs from id");
    }
    /* regenerate: same prefix and tail from the generator */
    rmq_uniq_gen g;
    char again[57];
    rmq_uniq_gen_init(&g, u.ip, u.ip_len, u.pid, u.loader_hash, 0);
    g.counter = u.counter;
    int64_t month = rmq_month_start_ms(generated_at, 0);
    rmq_uniq_gen_next(&g, month + u.ms_in_month, again);
    if (strcmp(again, id->s) != 0) DIFF("generator gives %s for %s", again, id->s);
    return true;
}

bool check_msgid_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    const vj *ids = vj_get(c->json, "ids");
    const vj *gen = vj_get(c->json, "generated_at_ms");
    bool tz_known;
    utc_offset_of(vj_get(c->json, "timezone"), &tz_known);
    if (ids && ids->type == VJ_ARR) {
        for (size_t i = 0; i < ids->n; i++)
            if (!uniq_matches(ids->items[i], gen ? gen->i : 0, tz_known, why, n)) return false;
        return true;
    }
    const vj *decoded = vj_get(c->json, "decoded");
    const vj *id = vj_get(c->json, "id");
    if (!id || id->type != VJ_STR) DIFF("no id");
    if (!decoded) return uniq_matches(c->json, gen ? gen->i : 0, tz_known, why, n);
    /* offset message id */
    if (c->bin && (c->bin_len != id->slen || memcmp(c->bin, id->s, id->slen) != 0)) DIFF(".bin differs from id");
    rmq_host h;
    int64_t off;
    rmq_error err;
    if (rmq_offset_msgid_parse(id->s, id->slen, &h, &off, &err) != RMQ_OK) DIFF("parse: %s", err.message);
    char ip[40];
    rmq_ip_format(h.addr, h.addr_len, RMQ_IP_STYLE_INET, ip);
    if (!vstr_eq(rmq_str_from_cstr(ip), vj_get(decoded, "ip"))) DIFF("ip %s", ip);
    if (!vint_eq(h.port, vj_get(decoded, "port"))) DIFF("port %d", h.port);
    if (!vint_eq(off, vj_get(decoded, "offset"))) DIFF("offset %lld", (long long)off);
    char again[57];
    rmq_offset_msgid_format(&h, off, again);
    if (strcmp(again, id->s) != 0) DIFF("re-encoded %s", again);
    const vj *input = vj_get(c->json, "input");
    if (input) {
        rmq_host in = {0};
        const vj *iip = vj_get(input, "ip");
        if (!iip || iip->type != VJ_STR || !ip_text_to_bytes(iip->s, in.addr, &in.addr_len)) DIFF("input ip unreadable");
        in.port = (int32_t)vj_get(input, "port")->i;
        rmq_offset_msgid_format(&in, vj_get(input, "offset")->i, again);
        if (strcmp(again, id->s) != 0) DIFF("from input: %s", again);
    }
    return true;
}

/* The client view of one stored record, as MessageDecoder.decodes gives it. */
static bool stored_matches(const rmq_stored_message *m, const vj *want, rmq_release rel, bool client_view, char *why,
                           size_t n)
{
    static uint8_t props_mem[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, props_mem, sizeof props_mem);
    rmq_property *props;
    size_t count;
    rmq_properties_parse(m->properties.ptr, m->properties.len, &a, &props, &count, NULL);
    rmq_str tags = RMQ_STR_NULL, keys = RMQ_STR_NULL, uniq = RMQ_STR_NULL;
    rmq_properties_get(props, count, RMQ_PROP_TAGS, &tags);
    rmq_properties_get(props, count, RMQ_PROP_KEYS, &keys);
    rmq_properties_get(props, count, RMQ_PROP_UNIQ_KEY, &uniq);
    char offset_id[57], born[52], store[52];
    rmq_stored_offset_msgid(m, offset_id);
    rmq_host_format(&m->born_host, born);
    rmq_host_format(&m->store_host, store);
    rmq_str msg_id = client_view && uniq.ptr ? uniq : rmq_str_from_cstr(offset_id);

    const uint8_t *body = m->body;
    size_t body_len = m->body_len;
    int32_t sys_flag = m->sys_flag;
    uint8_t *inflated = NULL;
    if (client_view && rmq_sysflag_compressed(m->sys_flag)) {
        static uint8_t scratch[RMQ_ZLIB_INFLATE_SCRATCH];
        rmq_arena zs;
        rmq_arena_init(&zs, scratch, sizeof scratch);
        size_t cap = 64u << 20;
        inflated = malloc(cap);
        rmq_error err;
        if (rmq_zlib_inflate(m->body, m->body_len, &zs, inflated, cap, &body_len, &err) != RMQ_OK) {
            free(inflated);
            DIFF("inflate: %s", err.message);
        }
        body = inflated;
        if (rel == RMQ_RELEASE_5_3_3) sys_flag = rmq_sysflag_clear_compressed(sys_flag); /* 5.3.3 clears bit 0 */
    }
    bool ok = false;
    if (!vstr_eq(m->topic, vj_get(want, "topic"))) snprintf(why, n, "topic");
    else if (!vstr_eq(tags, vj_get(want, "tags"))) snprintf(why, n, "tags");
    else if (!vstr_eq(keys, vj_get(want, "keys"))) snprintf(why, n, "keys");
    else if (!vstr_eq(msg_id, vj_get(want, "msgId"))) snprintf(why, n, "msgId %.*s", (int)msg_id.len, msg_id.ptr);
    else if (!vint_eq(m->store_size, vj_get(want, "storeSize"))) snprintf(why, n, "storeSize");
    else if (!vint_eq(m->body_crc, vj_get(want, "bodyCRC"))) snprintf(why, n, "bodyCRC");
    else if (!vint_eq(m->queue_id, vj_get(want, "queueId"))) snprintf(why, n, "queueId");
    else if (!vint_eq(m->flag, vj_get(want, "flag"))) snprintf(why, n, "flag");
    else if (!vint_eq(m->queue_offset, vj_get(want, "queueOffset"))) snprintf(why, n, "queueOffset");
    else if (!vint_eq(m->commit_log_offset, vj_get(want, "commitLogOffset"))) snprintf(why, n, "commitLogOffset");
    else if (!vint_eq(sys_flag, vj_get(want, "sysFlag"))) snprintf(why, n, "sysFlag %d", sys_flag);
    else if (!vint_eq(m->born_timestamp, vj_get(want, "bornTimestamp"))) snprintf(why, n, "bornTimestamp");
    else if (!vstr_eq(rmq_str_from_cstr(born), vj_get(want, "bornHost"))) snprintf(why, n, "bornHost %s", born);
    else if (!vint_eq(m->store_timestamp, vj_get(want, "storeTimestamp"))) snprintf(why, n, "storeTimestamp");
    else if (!vstr_eq(rmq_str_from_cstr(store), vj_get(want, "storeHost"))) snprintf(why, n, "storeHost %s", store);
    else if (!vint_eq(m->reconsume_times, vj_get(want, "reconsumeTimes"))) snprintf(why, n, "reconsumeTimes");
    else if (!vint_eq(m->prepared_transaction_offset, vj_get(want, "preparedTransactionOffset"))) snprintf(why, n, "preparedTransactionOffset");
    else if (!vint_eq((int64_t)body_len, vj_get(want, "body_len"))) snprintf(why, n, "body_len %zu", body_len);
    else if (!b64_matches(body, body_len, vj_get(want, "body_b64"))) snprintf(why, n, "body bytes");
    else if (!sha_matches(body, body_len, vj_get(want, "body_sha256"))) snprintf(why, n, "body sha256");
    else if (!properties_match(m->properties, vj_get(want, "properties"), why, n)) ;
    /* the generator's CRC of a compressed record covers the original body (a broker's covers the stored one) */
    else if (m->body_crc != 0 && !rmq_stored_body_crc_ok(m) &&
             (!rmq_sysflag_compressed(m->sys_flag) || (inflated && rmq_body_crc(body, body_len) != m->body_crc)))
        snprintf(why, n, "bodyCRC does not match the body");
    else ok = true;
    free(inflated);
    return ok;
}

static bool stored_list_matches(const uint8_t *body, size_t len, const vj *list, rmq_release rel, bool client_view,
                                char *why, size_t n)
{
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_error err;
    size_t i = 0;
    int rc;
    if (!list || list->type != VJ_ARR) DIFF("no message list");
    rmq_stored_iter_init(&it, body, len, rel, RMQ_LENIENCY_STRICT);
    while ((rc = rmq_stored_next(&it, &m, &err)) == RMQ_OK) {
        if (i >= list->n) DIFF("more records than Java decoded");
        if (!stored_matches(&m, list->items[i], rel, client_view, why, n)) {
            size_t k = strlen(why);
            snprintf(why + k, n - k, " (record %zu%s)", i, client_view ? "" : ", no decompress");
            return false;
        }
        i++;
    }
    if (rc < 0) DIFF("record %zu: %s at %zu", i, err.message, err.offset);
    if (i != list->n) DIFF("%zu records, Java %zu", i, list->n);
    return true;
}

bool check_stored_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    (void)name;
    rmq_release rel = case_release(c->json);
    return stored_list_matches(c->bin, c->bin_len, vj_get(c->json, "messages"), rel, true, why, n) &&
           stored_list_matches(c->bin, c->bin_len, vj_get(c->json, "messages_no_decompress"), rel, false, why, n);
}

static bool send_message_matches(const rmq_command *cmd, const vj *msg, rmq_release rel, char *why, size_t n)
{
    rmq_send_request h;
    rmq_error err;
    if (rmq_send_request_decode(cmd, &h, NULL, &err) != RMQ_OK) DIFF("send header: %s", err.message);
    if (!vstr_eq(h.topic, vj_get(msg, "topic"))) DIFF("message topic");
    if (!vstr_eq(h.producer_group, vj_get(msg, "producerGroup"))) DIFF("message producerGroup");
    if (!opt_int_eq(h.present & RMQ_SEND_QUEUE_ID, h.queue_id, vj_get(msg, "queueId"))) DIFF("message queueId");
    if (!opt_int_eq(h.present & RMQ_SEND_SYS_FLAG, h.sys_flag, vj_get(msg, "sysFlag"))) DIFF("message sysFlag");
    if (!opt_int_eq(h.present & RMQ_SEND_FLAG, h.flag, vj_get(msg, "flag"))) DIFF("message flag");
    if (!opt_int_eq(h.present & RMQ_SEND_BORN_TIMESTAMP, h.born_timestamp, vj_get(msg, "bornTimestamp"))) DIFF("message bornTimestamp");
    const vj *batch = vj_get(msg, "batch");
    if (batch && batch->type == VJ_BOOL && batch->b != ((h.present & RMQ_SEND_BATCH) && h.batch)) DIFF("message batch");
    const vj *compressed = vj_get(msg, "compressed");
    if (compressed && compressed->type == VJ_BOOL && compressed->b != rmq_sysflag_compressed(h.sys_flag)) DIFF("message compressed");
    if (!properties_match(h.properties, vj_get(msg, "properties"), why, n)) return false;
    static uint8_t mem[1 << 16];
    rmq_arena a;
    rmq_arena_init(&a, mem, sizeof mem);
    rmq_property *props;
    size_t count;
    rmq_properties_parse(h.properties.ptr, h.properties.len, &a, &props, &count, NULL);
    rmq_str tags = RMQ_STR_NULL, keys = RMQ_STR_NULL;
    rmq_properties_get(props, count, RMQ_PROP_TAGS, &tags);
    rmq_properties_get(props, count, RMQ_PROP_KEYS, &keys);
    if (!vstr_eq(tags, vj_get(msg, "tags"))) DIFF("message tags");
    if (!vstr_eq(keys, vj_get(msg, "keys"))) DIFF("message keys");

    const uint8_t *body = cmd->body;
    size_t body_len = cmd->body_len;
    uint8_t *inflated = NULL;
    if (rmq_sysflag_compressed(h.sys_flag)) {
        static uint8_t scratch[RMQ_ZLIB_INFLATE_SCRATCH];
        rmq_arena zs;
        rmq_arena_init(&zs, scratch, sizeof scratch);
        inflated = malloc(8u << 20);
        if (rmq_zlib_inflate(cmd->body, cmd->body_len, &zs, inflated, 8u << 20, &body_len, &err) != RMQ_OK) {
            free(inflated);
            DIFF("inflate: %s", err.message);
        }
        body = inflated;
    }
    bool ok = true;
    const vj *ulen = vj_get(msg, "body_uncompressed_len");
    if (!sha_matches(body, body_len, vj_get(msg, "body_uncompressed_sha256"))) {
        snprintf(why, n, "inflated body sha256");
        ok = false;
    } else if (ulen && !vint_eq((int64_t)body_len, ulen)) {
        snprintf(why, n, "inflated body length %zu", body_len);
        ok = false;
    } else if (rmq_sysflag_compressed(h.sys_flag)) {
        /* the producer's own compression must give the same bytes */
        static uint8_t dscratch[RMQ_ZLIB_DEFLATE_SCRATCH];
        rmq_arena ds;
        rmq_arena_init(&ds, dscratch, sizeof dscratch);
        size_t cap = rmq_zlib_compress_bound(body_len), got = 0;
        uint8_t *again = malloc(cap);
        if (rmq_zlib_compress(body, body_len, RMQ_COMPRESS_LEVEL, &ds, again, cap, &got, &err) != RMQ_OK ||
            got != cmd->body_len || memcmp(again, cmd->body, got) != 0) {
            snprintf(why, n, "re-compressing at level 5 does not give the Java bytes");
            ok = false;
        }
        free(again);
    }
    free(inflated);
    if (!ok) return false;
    const vj *bm = vj_get(msg, "batch_messages");
    if (bm) return batch_matches(cmd->body, cmd->body_len, bm, true, why, n);
    (void)rel;
    return true;
}

bool check_message_views(const rmq_command *cmd, const vj *json, rmq_release rel, char *why, size_t n)
{
    const vj *msg = vj_get(json, "message");
    if (msg && !vj_is_null(msg) && !send_message_matches(cmd, msg, rel, why, n)) return false;
    const vj *pulled = vj_get(json, "pulled_messages");
    if (pulled && !vj_is_null(pulled)) {
        rmq_pull_response h;
        rmq_error err;
        if (rmq_pull_response_decode(cmd, &h, NULL, &err) != RMQ_OK) DIFF("pull response header: %s", err.message);
        if (!stored_list_matches(cmd->body, cmd->body_len, pulled, rel, true, why, n)) return false;
    }
    return true;
}
