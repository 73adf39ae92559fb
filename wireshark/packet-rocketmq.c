/*
 * RocketMQ remoting protocol dissector for Wireshark and tshark, on rmqwire: the same
 * decoders as rmqdump, so both show the same frames, fields and links.
 *
 * TCP reassembly by tcp_dissect_pdus (the 4-byte length prefix); ports 9876, 10909,
 * 10911, 10912 and a heuristic (rmqwire's stream probe) for the others. Every decode
 * error becomes expert info at its byte offset. Memory for the decoders comes from
 * the packet scope, through rmqwire's allocator hooks.
 */
#define WS_BUILD_DLL
#include <wireshark.h>

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/dissectors/packet-tcp.h>

#include "rmqwire.h"

#include <string.h>

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = RMQ_VERSION_STRING;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

#define ROCKETMQ_PORTS "9876,10909,10911,10912"
#define INFLATE_CAP (16u << 20)

static int proto_rocketmq = -1;
static dissector_handle_t rocketmq_handle;
static dissector_handle_t json_handle;

static int hf_length = -1, hf_serialize_type = -1, hf_header_length = -1, hf_code = -1, hf_code_name = -1;
static int hf_kind = -1, hf_opaque = -1, hf_flag = -1, hf_flag_response = -1, hf_flag_oneway = -1;
static int hf_language = -1, hf_language_code = -1, hf_version = -1, hf_version_name = -1, hf_remark = -1;
static int hf_ext = -1, hf_ext_key = -1, hf_ext_value = -1, hf_header_class = -1;
static int hf_property = -1, hf_property_name = -1, hf_property_value = -1, hf_tags = -1, hf_keys = -1;
static int hf_sys_flag = -1, hf_sf_compressed = -1, hf_sf_multi_tags = -1, hf_sf_transaction = -1;
static int hf_sf_bornhost_v6 = -1, hf_sf_storehost_v6 = -1, hf_sf_need_unwrap = -1, hf_sf_inner_batch = -1;
static int hf_sf_compression = -1;
static int hf_body = -1, hf_body_kind = -1, hf_body_inflated = -1, hf_body_json = -1;
static int hf_broker = -1, hf_broker_name = -1, hf_broker_cluster = -1, hf_broker_addr = -1;
static int hf_queue = -1, hf_queue_broker = -1, hf_queue_read = -1, hf_queue_write = -1, hf_queue_perm = -1;
static int hf_queue_topic_sys_flag = -1;
static int hf_batch_record = -1, hf_batch_flag = -1, hf_batch_body = -1;
static int hf_message = -1, hf_msg_topic = -1, hf_msg_queue_id = -1, hf_msg_queue_offset = -1;
static int hf_msg_commit_log_offset = -1, hf_msg_id = -1, hf_msg_born_host = -1, hf_msg_store_host = -1;
static int hf_msg_born_ts = -1, hf_msg_store_ts = -1, hf_msg_reconsume = -1, hf_msg_body = -1;
static int hf_response_in = -1, hf_response_to = -1, hf_time = -1, hf_request_code = -1;

static gint ett_rocketmq = -1, ett_flag = -1, ett_ext = -1, ett_ext_entry = -1, ett_header = -1;
static gint ett_properties = -1, ett_property = -1, ett_sys_flag = -1, ett_body = -1, ett_route = -1;
static gint ett_broker = -1, ett_queue = -1, ett_batch = -1, ett_record = -1, ett_messages = -1, ett_message = -1;

static expert_field ei_decode = EI_INIT, ei_framing = EI_INIT, ei_body = EI_INIT, ei_header = EI_INIT;

/* ---- typed header fields: one filterable field per ext key any header class has ---- */

typedef struct header_hf {
    const char *key;      /* ext key; V2 letters are shown under their V1 names */
    rmq_field_type type;
    int hf;
} header_hf;

static GArray *header_hfs; /* of header_hf, filled once at registration */

static int header_hf_for(const char *key, rmq_field_type type)
{
    for (guint i = 0; header_hfs && i < header_hfs->len; i++) {
        const header_hf *h = &g_array_index(header_hfs, header_hf, i);
        if (h->type == type && !strcmp(h->key, key)) return h->hf;
    }
    return -1;
}

/* The V1 name of a V2 letter: both schemas list the same fields in the same order. */
static const char *display_key(const rmq_header_schema *s, size_t i, const char *key)
{
    if (strcmp(rmq_header_schema_name(s), "SendMessageRequestHeaderV2") != 0) return key;
    const rmq_header_schema *v1 = rmq_header_schema_for(RMQ_REQ_SEND_MESSAGE, false);
    return v1 ? rmq_header_schema_field(v1, i, NULL) : key;
}

static void register_header_fields(void)
{
    header_hfs = g_array_new(FALSE, TRUE, sizeof(header_hf));
    GPtrArray *infos = g_ptr_array_new();
    for (int32_t code = 0; code < 4096; code++) {
        for (int resp = 0; resp < 2; resp++) {
            const rmq_header_schema *s = rmq_header_schema_for(code, resp != 0);
            for (size_t i = 0; s && i < rmq_header_schema_field_count(s); i++) {
                rmq_field_type type;
                const char *raw = rmq_header_schema_field(s, i, &type);
                const char *key = display_key(s, i, raw);
                if (header_hf_for(key, type) >= 0) continue;
                /* the same key with another type in another class gets a suffixed field */
                bool clash = false;
                for (guint j = 0; j < header_hfs->len; j++) clash |= !strcmp(g_array_index(header_hfs, header_hf, j).key, key);
                header_hf h = {key, type, -1};
                g_array_append_val(header_hfs, h);
                const char *tname = type == RMQ_FIELD_STRING ? "text" : type == RMQ_FIELD_BOOL ? "bool" : "number";
                hf_register_info *info = g_new0(hf_register_info, 1);
                info->hfinfo.name = g_strdup(key);
                info->hfinfo.abbrev = clash ? g_strdup_printf("rocketmq.header.%s_%s", key, tname)
                                            : g_strdup_printf("rocketmq.header.%s", key);
                info->hfinfo.type = type == RMQ_FIELD_STRING ? FT_STRING
                                    : type == RMQ_FIELD_BOOL ? FT_BOOLEAN
                                    : type == RMQ_FIELD_INT32 ? FT_INT32 : FT_INT64;
                info->hfinfo.display = type == RMQ_FIELD_STRING || type == RMQ_FIELD_BOOL ? BASE_NONE : BASE_DEC;
                info->hfinfo.blurb = g_strdup_printf("%s field %s", rmq_header_schema_name(s), raw);
                HFILL_INIT(info[0]);
                g_ptr_array_add(infos, info);
            }
        }
    }
    /* header_hfs is complete: its slots no longer move, so they can receive the ids */
    hf_register_info *all = g_new0(hf_register_info, infos->len);
    for (guint i = 0; i < infos->len; i++) {
        all[i] = *(hf_register_info *)g_ptr_array_index(infos, i);
        all[i].p_id = &g_array_index(header_hfs, header_hf, i).hf;
    }
    proto_register_field_array(proto_rocketmq, all, (int)infos->len);
    g_ptr_array_free(infos, TRUE);
}

/* ---- request/response links, per TCP conversation ---- */

typedef struct link_key {
    guint32 frame;
    gint32 opaque;
    gboolean response;
} link_key;

typedef struct link_info {
    guint32 request_frame, response_frame;
    nstime_t request_time;
    gint32 request_code;
} link_info;

typedef struct pending_request {
    guint32 frame;
    nstime_t time;
    gint32 code;
    link_info *link;
} pending_request;

typedef struct conv_data {
    address client;
    guint32 client_port;
    wmem_map_t *pending[2];   /* opaque → pending_request, per direction that sent it */
    wmem_map_t *links;        /* link_key → link_info */
} conv_data;

static guint link_hash(gconstpointer k)
{
    const link_key *l = k;
    return g_int_hash(&l->frame) ^ (guint)l->opaque * 2654435761u ^ (guint)l->response;
}

static gboolean link_equal(gconstpointer a, gconstpointer b)
{
    const link_key *x = a, *y = b;
    return x->frame == y->frame && x->opaque == y->opaque && x->response == y->response;
}

static conv_data *conversation_data(packet_info *pinfo, int *dir)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    conv_data *cd = conversation_get_proto_data(conv, proto_rocketmq);
    if (!cd) {
        cd = wmem_new0(wmem_file_scope(), conv_data);
        copy_address_wmem(wmem_file_scope(), &cd->client, &pinfo->src);
        cd->client_port = pinfo->srcport;
        for (int d = 0; d < 2; d++) cd->pending[d] = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
        cd->links = wmem_map_new(wmem_file_scope(), link_hash, link_equal);
        conversation_add_proto_data(conv, proto_rocketmq, cd);
    }
    *dir = (addresses_equal(&cd->client, &pinfo->src) && cd->client_port == pinfo->srcport) ? 0 : 1;
    return cd;
}

/* First pass: remember requests, pair responses; every pass: the link of this frame. */
static const link_info *link_of(packet_info *pinfo, const rmq_command *cmd)
{
    int dir;
    conv_data *cd = conversation_data(pinfo, &dir);
    bool response = rmq_command_is_response(cmd);
    link_key key = {pinfo->num, cmd->opaque, response};
    if (!PINFO_FD_VISITED(pinfo)) {
        gpointer opaque_key = GINT_TO_POINTER(cmd->opaque);
        if (response) {
            pending_request *req = wmem_map_remove(cd->pending[1 - dir], opaque_key);
            if (req) {
                req->link->response_frame = pinfo->num;
                link_key *k = wmem_new(wmem_file_scope(), link_key);
                *k = key;
                wmem_map_insert(cd->links, k, req->link);
            }
        } else if (rmq_command_expects_response(cmd)) {
            pending_request *req = wmem_new0(wmem_file_scope(), pending_request);
            req->frame = pinfo->num;
            req->time = pinfo->abs_ts;
            req->code = cmd->code;
            req->link = wmem_new0(wmem_file_scope(), link_info);
            req->link->request_frame = pinfo->num;
            req->link->request_time = pinfo->abs_ts;
            req->link->request_code = cmd->code;
            wmem_map_insert(cd->pending[dir], opaque_key, req);
            link_key *k = wmem_new(wmem_file_scope(), link_key);
            *k = key;
            wmem_map_insert(cd->links, k, req->link);
        }
    }
    return wmem_map_lookup(cd->links, &key);
}

/* ---- helpers ---- */

static void *packet_alloc(void *ctx, size_t size) { return wmem_alloc((wmem_allocator_t *)ctx, size); }
static void packet_free(void *ctx, void *ptr)
{
    (void)ctx;
    (void)ptr; /* the packet scope frees everything at once */
}

/* Where s lies in the frame, or the whole range `fallback` when it was rewritten (unescaped). */
static void span_of(const guint8 *frame, guint frame_len, rmq_str s, guint fb_off, guint fb_len, guint *off, guint *len)
{
    const guint8 *p = (const guint8 *)s.ptr;
    if (p && p >= frame && p + s.len <= frame + frame_len) {
        *off = (guint)(p - frame);
        *len = (guint)s.len;
    } else {
        *off = fb_off;
        *len = fb_len;
    }
}

static const char *text_of(packet_info *pinfo, rmq_str s)
{
    return s.ptr ? wmem_strndup(pinfo->pool, s.ptr, s.len) : "(null)";
}

static void add_sys_flag(proto_tree *tree, tvbuff_t *tvb, guint off, guint len, gint32 f)
{
    proto_item *it = proto_tree_add_int(tree, hf_sys_flag, tvb, off, len, f);
    char names[160];
    rmq_sys_flag_names(f, names, sizeof names);
    proto_item_append_text(it, " (%s)", names);
    proto_tree *t = proto_item_add_subtree(it, ett_sys_flag);
    guint32 u = (guint32)f;
    proto_tree_add_boolean(t, hf_sf_compressed, tvb, off, len, u);
    proto_tree_add_boolean(t, hf_sf_multi_tags, tvb, off, len, u);
    proto_tree_add_uint(t, hf_sf_transaction, tvb, off, len, u);
    proto_tree_add_boolean(t, hf_sf_bornhost_v6, tvb, off, len, u);
    proto_tree_add_boolean(t, hf_sf_storehost_v6, tvb, off, len, u);
    proto_tree_add_boolean(t, hf_sf_need_unwrap, tvb, off, len, u);
    proto_tree_add_boolean(t, hf_sf_inner_batch, tvb, off, len, u);
    proto_tree_add_uint(t, hf_sf_compression, tvb, off, len, u);
}

static void add_properties(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const guint8 *frame, guint frame_len,
                           rmq_str s, guint fb_off, guint fb_len)
{
    guint off, len;
    span_of(frame, frame_len, s, fb_off, fb_len, &off, &len);
    proto_tree *t = proto_tree_add_subtree(tree, tvb, off, len, ett_properties, NULL, "Properties");
    rmq_properties_iter it;
    rmq_property p;
    rmq_properties_iter_init(&it, s.ptr, s.len);
    while (rmq_properties_next(&it, &p)) {
        guint poff, plen;
        span_of(frame, frame_len, p.name, off, len, &poff, &plen);
        proto_item *pi = proto_tree_add_string_format(t, hf_property, tvb, poff, plen, text_of(pinfo, p.name), "%s = %s",
                                                      text_of(pinfo, p.name), text_of(pinfo, p.value));
        proto_tree *pt = proto_item_add_subtree(pi, ett_property);
        proto_tree_add_string(pt, hf_property_name, tvb, poff, plen, text_of(pinfo, p.name));
        guint voff, vlen;
        span_of(frame, frame_len, p.value, off, len, &voff, &vlen);
        proto_tree_add_string(pt, hf_property_value, tvb, voff, vlen, text_of(pinfo, p.value));
        if (rmq_str_equal_cstr(p.name, "TAGS")) proto_tree_add_string(t, hf_tags, tvb, voff, vlen, text_of(pinfo, p.value));
        if (rmq_str_equal_cstr(p.name, "KEYS")) proto_tree_add_string(t, hf_keys, tvb, voff, vlen, text_of(pinfo, p.value));
    }
}

/* The typed header the code carries (for responses: the answered request's), field by field. */
static void add_typed_header(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const guint8 *frame, guint frame_len,
                             const rmq_command *cmd, const link_info *link, guint hdr_off, guint hdr_len,
                             const char **topic)
{
    const rmq_header_schema *s =
        rmq_command_is_response(cmd)
            ? rmq_header_schema_for_response(cmd, link && link->response_frame && link->request_frame != pinfo->num
                                                      ? link->request_code
                                                      : RMQ_REQUEST_CODE_UNKNOWN)
            : rmq_header_schema_for(cmd->code, false);
    if (!s) return;
    proto_item *hi = proto_tree_add_string(tree, hf_header_class, tvb, hdr_off, hdr_len, rmq_header_schema_name(s));
    proto_tree *t = proto_item_add_subtree(hi, ett_header);
    rmq_header_values vals;
    rmq_error err;
    if (rmq_header_decode(s, cmd, &vals, NULL, &err) != RMQ_OK) {
        proto_tree_add_expert_format(t, pinfo, &ei_header, tvb, hdr_off, hdr_len, "%s: %s%s%s",
                                     rmq_status_name(err.code), err.message, err.field ? " in " : "",
                                     err.field ? err.field : "");
        return;
    }
    for (size_t i = 0; i < rmq_header_schema_field_count(s); i++) {
        if (!(vals.present & (1u << i))) continue;
        rmq_field_type type;
        const char *raw = rmq_header_schema_field(s, i, &type);
        const char *key = display_key(s, i, raw);
        rmq_str wire = RMQ_STR_NULL;
        rmq_ext_get(cmd, raw, strlen(raw), &wire);
        guint off, len;
        span_of(frame, frame_len, wire, hdr_off, hdr_len, &off, &len);
        int hf = header_hf_for(key, type);
        if (hf < 0) continue;
        switch (type) {
        case RMQ_FIELD_STRING:
            proto_tree_add_string(t, hf, tvb, off, len, text_of(pinfo, vals.v[i].s));
            if (!strcmp(key, "topic")) *topic = text_of(pinfo, vals.v[i].s);
            if (!strcmp(key, "properties"))
                add_properties(t, pinfo, tvb, frame, frame_len, vals.v[i].s, off, len);
            break;
        case RMQ_FIELD_BOOL: proto_tree_add_boolean(t, hf, tvb, off, len, vals.v[i].b); break;
        case RMQ_FIELD_INT32:
            proto_tree_add_int(t, hf, tvb, off, len, vals.v[i].i32);
            if (!strcmp(key, "sysFlag") && cmd->code != RMQ_REQ_PULL_MESSAGE && cmd->code != RMQ_REQ_LITE_PULL_MESSAGE)
                add_sys_flag(t, tvb, off, len, vals.v[i].i32);
            break;
        default: proto_tree_add_int64(t, hf, tvb, off, len, vals.v[i].i64); break;
        }
    }
}

/* A body as standard JSON: the text, and Wireshark's JSON tree over it. */
static void add_body_json(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                          const rmq_command *cmd, rmq_arena *arena)
{
    size_t need = 0;
    rmq_error err;
    int rc = rmq_json_body_to_standard(cmd->body, cmd->body_len, NULL, arena, NULL, 0, &need, &err);
    if (rc != RMQ_ERR_BUFFER_TOO_SMALL) {
        proto_tree_add_expert_format(tree, pinfo, &ei_body, tvb, off + (guint)MIN(err.offset, len ? len - 1 : 0), 1,
                                     "JSON body: %s: %s", rmq_status_name(err.code), err.message);
        return;
    }
    guint8 *text = wmem_alloc(pinfo->pool, need + 1);
    size_t written = 0;
    if (rmq_json_body_to_standard(cmd->body, cmd->body_len, NULL, arena, text, need, &written, &err) != RMQ_OK) return;
    text[written] = 0;
    proto_tree_add_string(tree, hf_body_json, tvb, off, len, (const char *)text);
    if (!json_handle) return;
    tvbuff_t *jt = tvb_new_child_real_data(tvb, text, (guint)written, (gint)written);
    add_new_data_source(pinfo, jt, "Body as standard JSON");
    /* the JSON dissector would take over the columns */
    col_set_writable(pinfo->cinfo, -1, FALSE);
    call_dissector_only(json_handle, jt, pinfo, tree, NULL);
    col_set_writable(pinfo->cinfo, -1, TRUE);
}

static void add_route(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const guint8 *frame, guint frame_len,
                      guint off, guint len, const rmq_command *cmd, rmq_arena *arena)
{
    rmq_route r;
    rmq_error err;
    if (rmq_route_decode(cmd->body, cmd->body_len, NULL, arena, &r, &err) != RMQ_OK) {
        proto_tree_add_expert_format(tree, pinfo, &ei_body, tvb, off + (guint)MIN(err.offset, len ? len - 1 : 0), 1,
                                     "route: %s: %s", rmq_status_name(err.code), err.message);
        return;
    }
    proto_tree *rt = proto_tree_add_subtree(tree, tvb, off, len, ett_route, NULL, "TopicRouteData");
    for (size_t i = 0; i < r.broker_count; i++) {
        const rmq_broker_data *b = &r.broker_datas[i];
        guint bo, bl;
        span_of(frame, frame_len, b->broker_name, off, len, &bo, &bl);
        proto_item *bi = proto_tree_add_string(rt, hf_broker, tvb, bo, bl, text_of(pinfo, b->broker_name));
        proto_tree *bt = proto_item_add_subtree(bi, ett_broker);
        proto_tree_add_string(bt, hf_broker_name, tvb, bo, bl, text_of(pinfo, b->broker_name));
        guint co, cl;
        span_of(frame, frame_len, b->cluster, off, len, &co, &cl);
        proto_tree_add_string(bt, hf_broker_cluster, tvb, co, cl, text_of(pinfo, b->cluster));
        for (size_t a = 0; a < b->addr_count; a++) {
            guint ao, al;
            span_of(frame, frame_len, b->addrs[a].addr, off, len, &ao, &al);
            proto_tree_add_string_format_value(bt, hf_broker_addr, tvb, ao, al, text_of(pinfo, b->addrs[a].addr),
                                               "%s (id %" PRId64 ")", text_of(pinfo, b->addrs[a].addr), b->addrs[a].id);
        }
    }
    for (size_t i = 0; i < r.queue_count; i++) {
        const rmq_queue_data *q = &r.queue_datas[i];
        guint qo, ql;
        span_of(frame, frame_len, q->broker_name, off, len, &qo, &ql);
        proto_item *qi = proto_tree_add_string(rt, hf_queue, tvb, qo, ql, text_of(pinfo, q->broker_name));
        proto_tree *qt = proto_item_add_subtree(qi, ett_queue);
        proto_tree_add_string(qt, hf_queue_broker, tvb, qo, ql, text_of(pinfo, q->broker_name));
        proto_tree_add_int(qt, hf_queue_read, tvb, off, len, q->read_queue_nums);
        proto_tree_add_int(qt, hf_queue_write, tvb, off, len, q->write_queue_nums);
        char perm[48];
        rmq_perm_names(q->perm, perm, sizeof perm);
        proto_tree_add_int_format_value(qt, hf_queue_perm, tvb, off, len, q->perm, "%d (%s)", q->perm, perm);
        proto_tree_add_int(qt, hf_queue_topic_sys_flag, tvb, off, len, q->topic_sys_flag);
    }
}

static void add_inflated(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len, const guint8 *body,
                         size_t body_len)
{
    guint8 *scratch = wmem_alloc(pinfo->pool, RMQ_ZLIB_INFLATE_SCRATCH);
    rmq_arena sa;
    rmq_arena_init(&sa, scratch, RMQ_ZLIB_INFLATE_SCRATCH);
    size_t cap = body_len > INFLATE_CAP / 1032 ? INFLATE_CAP : body_len * 1032 + 64, got = 0;
    guint8 *out = wmem_alloc(pinfo->pool, cap);
    rmq_error err;
    if (rmq_zlib_inflate(body, body_len, &sa, out, cap, &got, &err) != RMQ_OK) {
        proto_tree_add_expert_format(tree, pinfo, &ei_body, tvb, off, len, "inflate: %s: %s", rmq_status_name(err.code),
                                     err.message);
        return;
    }
    tvbuff_t *it = tvb_new_child_real_data(tvb, out, (guint)got, (gint)got);
    add_new_data_source(pinfo, it, "Inflated body");
    proto_tree_add_item(tree, hf_body_inflated, it, 0, (gint)got, ENC_NA);
}

static void add_batch(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const guint8 *frame, guint frame_len, guint off,
                      guint len, const rmq_command *cmd)
{
    proto_tree *bt = proto_tree_add_subtree(tree, tvb, off, len, ett_batch, NULL, "Batch");
    rmq_batch_iter it;
    rmq_batch_record r;
    rmq_error err;
    int rc;
    rmq_batch_iter_init(&it, cmd->body, cmd->body_len, RMQ_LENIENCY_ALL);
    while ((rc = rmq_batch_next(&it, &r, &err)) == RMQ_OK) {
        guint ro = (guint)(r.body - frame);
        proto_tree *rt = proto_tree_add_subtree(bt, tvb, ro, (guint)r.body_len, ett_record, NULL, "Message");
        proto_tree_add_int(rt, hf_batch_flag, tvb, ro, 0, r.flag);
        if (r.properties.len) add_properties(rt, pinfo, tvb, frame, frame_len, r.properties, ro, 0);
        proto_tree_add_item(rt, hf_batch_body, tvb, ro, (gint)r.body_len, ENC_NA);
    }
    if (rc < 0)
        proto_tree_add_expert_format(bt, pinfo, &ei_body, tvb, off + (guint)MIN(err.offset, len ? len - 1 : 0), 1,
                                     "batch: %s: %s", rmq_status_name(rc), err.message);
}

static void add_messages(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, const guint8 *frame, guint frame_len,
                         guint off, guint len, const rmq_command *cmd, rmq_release rel)
{
    proto_tree *mt = proto_tree_add_subtree(tree, tvb, off, len, ett_messages, NULL, "Messages");
    rmq_stored_iter it;
    rmq_stored_message m;
    rmq_error err;
    int rc;
    rmq_stored_iter_init(&it, cmd->body, cmd->body_len, rel, RMQ_LENIENCY_ALL);
    while ((rc = rmq_stored_next(&it, &m, &err)) == RMQ_OK) {
        guint ro = off + (guint)m.record_offset, rl = (guint)MAX(m.store_size, 0);
        if (ro + rl > off + len) rl = off + len - ro;
        proto_item *mi = proto_tree_add_string(mt, hf_message, tvb, ro, rl, text_of(pinfo, m.topic));
        proto_tree *t = proto_item_add_subtree(mi, ett_message);
        guint to, tl;
        span_of(frame, frame_len, m.topic, ro, rl, &to, &tl);
        proto_tree_add_string(t, hf_msg_topic, tvb, to, tl, text_of(pinfo, m.topic));
        proto_tree_add_int(t, hf_msg_queue_id, tvb, ro, rl, m.queue_id);
        proto_tree_add_int64(t, hf_msg_queue_offset, tvb, ro, rl, m.queue_offset);
        proto_tree_add_int64(t, hf_msg_commit_log_offset, tvb, ro, rl, m.commit_log_offset);
        char id[57], born[52], store[52];
        rmq_stored_offset_msgid(&m, id);
        rmq_host_format(&m.born_host, born);
        rmq_host_format(&m.store_host, store);
        proto_tree_add_string(t, hf_msg_id, tvb, ro, rl, id);
        proto_tree_add_string(t, hf_msg_born_host, tvb, ro, rl, born);
        proto_tree_add_string(t, hf_msg_store_host, tvb, ro, rl, store);
        proto_tree_add_int64(t, hf_msg_born_ts, tvb, ro, rl, m.born_timestamp);
        proto_tree_add_int64(t, hf_msg_store_ts, tvb, ro, rl, m.store_timestamp);
        proto_tree_add_int(t, hf_msg_reconsume, tvb, ro, rl, m.reconsume_times);
        add_sys_flag(t, tvb, ro, rl, m.sys_flag);
        if (m.properties.ptr) add_properties(t, pinfo, tvb, frame, frame_len, m.properties, ro, rl);
        guint bo = m.body ? (guint)(m.body - frame) : ro;
        proto_tree_add_item(t, hf_msg_body, tvb, bo, (gint)m.body_len, ENC_NA);
        if (rmq_sysflag_compressed(m.sys_flag)) add_inflated(t, pinfo, tvb, bo, (guint)m.body_len, m.body, m.body_len);
    }
    if (rc < 0)
        proto_tree_add_expert_format(mt, pinfo, &ei_body, tvb, off + (guint)MIN(err.offset, len ? len - 1 : 0), 1,
                                     "messages: %s: %s", rmq_status_name(rc), err.message);
}

/* ---- one frame ---- */

static const value_string serialize_types[] = {{0, "JSON"}, {1, "ROCKETMQ"}, {0, NULL}};

static int dissect_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)data;
    guint frame_len = tvb_reported_length(tvb);
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "RocketMQ");
    proto_item *ti = proto_tree_add_item(tree, proto_rocketmq, tvb, 0, -1, ENC_NA);
    proto_tree *t = proto_item_add_subtree(ti, ett_rocketmq);
    proto_tree_add_item(t, hf_length, tvb, 0, 4, ENC_BIG_ENDIAN);
    if (tvb_captured_length(tvb) < frame_len || frame_len < 8) {
        proto_tree_add_expert_format(t, pinfo, &ei_framing, tvb, 0, -1, "frame cut short (%u bytes)", frame_len);
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", "[malformed frame]");
        return (int)tvb_captured_length(tvb);
    }
    proto_tree_add_item(t, hf_serialize_type, tvb, 4, 1, ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_header_length, tvb, 5, 3, ENC_BIG_ENDIAN);
    const guint8 *frame = tvb_get_ptr(tvb, 0, (gint)frame_len);
    rmq_allocator hooks = {packet_alloc, packet_free, pinfo->pool};
    rmq_arena arena;
    rmq_arena_init_hooks(&arena, NULL, 0, &hooks);
    rmq_command cmd;
    rmq_error err;
    int rc = rmq_frame_decode(frame, frame_len, NULL, &arena, &cmd, &err);
    if (rc != RMQ_OK) {
        guint at = (guint)MIN(err.offset, frame_len - 1);
        proto_tree_add_expert_format(t, pinfo, &ei_decode, tvb, at, 1, "%s: %s (offset %zu)", rmq_status_name(rc),
                                     err.message, err.offset);
        col_append_sep_fstr(pinfo->cinfo, COL_INFO, ", ", "[%s]", rmq_status_name(rc));
        return (int)frame_len;
    }
    guint hdr_off = 8, hdr_len = tvb_get_ntohl(tvb, 4) & 0xFFFFFF;
    bool json = cmd.serialize_type == RMQ_SERIALIZE_JSON, response = rmq_command_is_response(&cmd);
    rmq_release rel = rmq_release_for_mq_version(cmd.version);
    const char *name = response ? rmq_response_code_name(cmd.code, rel) : rmq_request_code_name(cmd.code, rel);
    /* ROCKETMQ fields sit at fixed offsets; JSON numbers only inside the header text */
    guint code_off = hdr_off, code_len = json ? hdr_len : 2;
    proto_tree_add_int(t, hf_code, tvb, code_off, code_len, cmd.code);
    proto_tree_add_string(t, hf_code_name, tvb, code_off, code_len, name ? name : "?");
    const char *kind = response ? "response" : rmq_command_is_oneway(&cmd) ? "oneway" : "request";
    proto_tree_add_string(t, hf_kind, tvb, hdr_off, hdr_len, kind);
    const char *lang = rmq_language_name(cmd.language, rel);
    proto_tree_add_string(t, hf_language, tvb, json ? hdr_off : hdr_off + 2, json ? hdr_len : 1, lang ? lang : "(null)");
    proto_tree_add_int(t, hf_language_code, tvb, json ? hdr_off : hdr_off + 2, json ? hdr_len : 1, cmd.language);
    proto_tree_add_int(t, hf_version, tvb, json ? hdr_off : hdr_off + 3, json ? hdr_len : 2, cmd.version);
    const char *vname = rmq_mq_version_name(cmd.version);
    proto_tree_add_string(t, hf_version_name, tvb, json ? hdr_off : hdr_off + 3, json ? hdr_len : 2,
                          vname ? vname : "(null)");
    proto_tree_add_int(t, hf_opaque, tvb, json ? hdr_off : hdr_off + 5, json ? hdr_len : 4, cmd.opaque);
    proto_item *fi = proto_tree_add_uint(t, hf_flag, tvb, json ? hdr_off : hdr_off + 9, json ? hdr_len : 4,
                                         (guint32)cmd.flag);
    proto_tree *ft = proto_item_add_subtree(fi, ett_flag);
    proto_tree_add_boolean(ft, hf_flag_response, tvb, json ? hdr_off : hdr_off + 9, json ? hdr_len : 4, (guint32)cmd.flag);
    proto_tree_add_boolean(ft, hf_flag_oneway, tvb, json ? hdr_off : hdr_off + 9, json ? hdr_len : 4, (guint32)cmd.flag);
    if (cmd.remark.ptr) {
        guint ro, rl;
        span_of(frame, frame_len, cmd.remark, hdr_off, hdr_len, &ro, &rl);
        proto_tree_add_string(t, hf_remark, tvb, ro, rl, text_of(pinfo, cmd.remark));
    }
    if (cmd.has_ext) {
        proto_item *ei = proto_tree_add_uint(t, hf_ext, tvb, hdr_off, hdr_len, (guint32)cmd.ext_count);
        proto_tree *et = proto_item_add_subtree(ei, ett_ext);
        for (size_t i = 0; i < cmd.ext_count; i++) {
            guint ko, kl, vo, vl;
            span_of(frame, frame_len, cmd.ext[i].key, hdr_off, hdr_len, &ko, &kl);
            span_of(frame, frame_len, cmd.ext[i].value, hdr_off, hdr_len, &vo, &vl);
            guint end = MAX(ko + kl, vo + vl), start = MIN(ko, vo);
            proto_tree *en = proto_tree_add_subtree_format(et, tvb, start, end - start, ett_ext_entry, NULL, "%s = %s",
                                                           text_of(pinfo, cmd.ext[i].key), text_of(pinfo, cmd.ext[i].value));
            proto_tree_add_string(en, hf_ext_key, tvb, ko, kl, text_of(pinfo, cmd.ext[i].key));
            proto_tree_add_string(en, hf_ext_value, tvb, vo, vl, text_of(pinfo, cmd.ext[i].value));
        }
    }

    const link_info *link = link_of(pinfo, &cmd);
    if (link && response) {
        proto_item *li = proto_tree_add_uint(t, hf_response_to, tvb, 0, 0, link->request_frame);
        proto_item_set_generated(li);
        li = proto_tree_add_int(t, hf_request_code, tvb, 0, 0, link->request_code);
        proto_item_set_generated(li);
        nstime_t delta;
        nstime_delta(&delta, &pinfo->abs_ts, &link->request_time);
        li = proto_tree_add_time(t, hf_time, tvb, 0, 0, &delta);
        proto_item_set_generated(li);
    } else if (link && link->response_frame) {
        proto_item *li = proto_tree_add_uint(t, hf_response_in, tvb, 0, 0, link->response_frame);
        proto_item_set_generated(li);
    }

    const char *topic = NULL;
    add_typed_header(t, pinfo, tvb, frame, frame_len, &cmd, link, hdr_off, hdr_len, &topic);

    if (cmd.body) {
        guint bo = (guint)(cmd.body - frame), bl = (guint)cmd.body_len;
        proto_item *bi = proto_tree_add_item(t, hf_body, tvb, bo, (gint)bl, ENC_NA);
        proto_tree *bt = proto_item_add_subtree(bi, ett_body);
        rmq_body_kind bk = rmq_body_kind_of(&cmd, response && link ? link->request_code : RMQ_REQUEST_CODE_UNKNOWN);
        proto_tree_add_string(bt, hf_body_kind, tvb, bo, bl, rmq_body_kind_name(bk));
        switch (bk) {
        case RMQ_BODY_MESSAGE_COMPRESSED: add_inflated(bt, pinfo, tvb, bo, bl, cmd.body, cmd.body_len); break;
        case RMQ_BODY_BATCH: add_batch(bt, pinfo, tvb, frame, frame_len, bo, bl, &cmd); break;
        case RMQ_BODY_STORED_MESSAGES: add_messages(bt, pinfo, tvb, frame, frame_len, bo, bl, &cmd, rel); break;
        case RMQ_BODY_ROUTE:
            add_route(bt, pinfo, tvb, frame, frame_len, bo, bl, &cmd, &arena);
            add_body_json(bt, pinfo, tvb, bo, bl, &cmd, &arena);
            break;
        case RMQ_BODY_JSON: add_body_json(bt, pinfo, tvb, bo, bl, &cmd, &arena); break;
        default: break;
        }
    }

    /* Info: REQ SEND_MESSAGE_V2 topic=T opaque=7 */
    if (!topic) {
        rmq_str v;
        if (rmq_ext_get(&cmd, "topic", 5, &v) && v.ptr) topic = text_of(pinfo, v);
    }
    col_append_sep_fstr(pinfo->cinfo, COL_INFO, ", ", "%s %s%s%s opaque=%d",
                        response ? "RESP" : rmq_command_is_oneway(&cmd) ? "ONEWAY" : "REQ", name ? name : "?",
                        topic ? " topic=" : "", topic ? topic : "", cmd.opaque);
    proto_item_append_text(ti, ", %s %s, opaque %d", kind, name ? name : "?", cmd.opaque);
    return (int)frame_len;
}

/* The length prefix; an impossible one ends the reassembly at the data there is. */
static guint frame_length(packet_info *pinfo, tvbuff_t *tvb, int offset, void *data)
{
    (void)pinfo;
    (void)data;
    guint32 total = tvb_get_ntohl(tvb, offset);
    if (total < 4 || (guint64)total + 4 > RMQ_DEFAULT_MAX_FRAME) return (guint)tvb_reported_length_remaining(tvb, offset);
    return total + 4;
}

static int dissect_rocketmq(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "RocketMQ");
    col_clear(pinfo->cinfo, COL_INFO);
    tcp_dissect_pdus(tvb, pinfo, tree, TRUE, 4, frame_length, dissect_frame, data);
    return (int)tvb_captured_length(tvb);
}

/* Other ports: rmqwire's probe on the first bytes, a whole-frame decode when the segment has it. */
static gboolean dissect_rocketmq_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    guint len = tvb_captured_length(tvb);
    int probe = rmq_stream_probe(tvb_get_ptr(tvb, 0, (gint)MIN(len, RMQ_PROBE_BYTES)), MIN(len, RMQ_PROBE_BYTES), 0,
                                 NULL, NULL);
    if (probe == RMQ_INCOMPLETE) {
        /* a connection's first segment shorter than the probe: at the start of the stream,
         * where a frame must begin, ask TCP for the next segment and decide then */
        const struct tcpinfo *tcp = data;
        if (!tcp || tcp->seq != 1) return FALSE;
        pinfo->desegment_offset = 0;
        pinfo->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
        return TRUE;
    }
    if (probe != RMQ_OK) return FALSE;
    guint32 total = tvb_get_ntohl(tvb, 0);
    if ((guint64)total + 4 <= len) {
        rmq_allocator hooks = {packet_alloc, packet_free, pinfo->pool};
        rmq_arena arena;
        rmq_arena_init_hooks(&arena, NULL, 0, &hooks);
        rmq_command cmd;
        if (rmq_frame_decode(tvb_get_ptr(tvb, 0, (gint)(total + 4)), total + 4, NULL, &arena, &cmd, NULL) != RMQ_OK)
            return FALSE;
    }
    conversation_set_dissector(find_or_create_conversation(pinfo), rocketmq_handle);
    dissect_rocketmq(tvb, pinfo, tree, data);
    return TRUE;
}

static void proto_register_rocketmq(void)
{
    static const value_string transaction_types[] = {
        {0, "NOT_TYPE"}, {4, "PREPARED"}, {8, "COMMIT"}, {12, "ROLLBACK"}, {0, NULL}};
    static const value_string compression_types[] = {
        {0, "ZLIB (default)"}, {0x100, "LZ4"}, {0x200, "ZSTD"}, {0x300, "ZLIB"}, {0, NULL}};
    static hf_register_info hf[] = {
        {&hf_length, {"Length", "rocketmq.length", FT_UINT32, BASE_DEC, NULL, 0, "total_length after the prefix", HFILL}},
        {&hf_serialize_type, {"Serialize type", "rocketmq.serialize_type", FT_UINT8, BASE_DEC, VALS(serialize_types), 0, NULL, HFILL}},
        {&hf_header_length, {"Header length", "rocketmq.header_length", FT_UINT24, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_code, {"Code", "rocketmq.code", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_code_name, {"Code name", "rocketmq.code_name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_kind, {"Kind", "rocketmq.kind", FT_STRING, BASE_NONE, NULL, 0, "request, oneway or response", HFILL}},
        {&hf_opaque, {"Opaque", "rocketmq.opaque", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_flag, {"Flag", "rocketmq.flag", FT_UINT32, BASE_HEX, NULL, 0, NULL, HFILL}},
        {&hf_flag_response, {"Response", "rocketmq.flag.response", FT_BOOLEAN, 32, NULL, 0x1, NULL, HFILL}},
        {&hf_flag_oneway, {"Oneway", "rocketmq.flag.oneway", FT_BOOLEAN, 32, NULL, 0x2, NULL, HFILL}},
        {&hf_language, {"Language", "rocketmq.language", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_language_code, {"Language code", "rocketmq.language_code", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_version, {"Version", "rocketmq.version", FT_INT32, BASE_DEC, NULL, 0, "MQVersion ordinal", HFILL}},
        {&hf_version_name, {"Version name", "rocketmq.version_name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_remark, {"Remark", "rocketmq.remark", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_ext, {"Ext fields", "rocketmq.ext", FT_UINT32, BASE_DEC, NULL, 0, "number of extFields entries", HFILL}},
        {&hf_ext_key, {"Key", "rocketmq.ext.key", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_ext_value, {"Value", "rocketmq.ext.value", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_header_class, {"Header class", "rocketmq.header.class", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_property, {"Property", "rocketmq.property", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_property_name, {"Name", "rocketmq.property.name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_property_value, {"Value", "rocketmq.property.value", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_tags, {"Tags", "rocketmq.tags", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_keys, {"Keys", "rocketmq.keys", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_sys_flag, {"sysFlag", "rocketmq.sys_flag", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_sf_compressed, {"Compressed", "rocketmq.sys_flag.compressed", FT_BOOLEAN, 32, NULL, RMQ_MSG_COMPRESSED, NULL, HFILL}},
        {&hf_sf_multi_tags, {"Multi tags", "rocketmq.sys_flag.multi_tags", FT_BOOLEAN, 32, NULL, RMQ_MSG_MULTI_TAGS, NULL, HFILL}},
        {&hf_sf_transaction, {"Transaction", "rocketmq.sys_flag.transaction", FT_UINT32, BASE_HEX, VALS(transaction_types), RMQ_MSG_TRANSACTION_MASK, NULL, HFILL}},
        {&hf_sf_bornhost_v6, {"Born host IPv6", "rocketmq.sys_flag.bornhost_v6", FT_BOOLEAN, 32, NULL, RMQ_MSG_BORNHOST_V6, NULL, HFILL}},
        {&hf_sf_storehost_v6, {"Store host IPv6", "rocketmq.sys_flag.storehost_v6", FT_BOOLEAN, 32, NULL, RMQ_MSG_STOREHOST_V6, NULL, HFILL}},
        {&hf_sf_need_unwrap, {"Need unwrap", "rocketmq.sys_flag.need_unwrap", FT_BOOLEAN, 32, NULL, RMQ_MSG_NEED_UNWRAP, NULL, HFILL}},
        {&hf_sf_inner_batch, {"Inner batch", "rocketmq.sys_flag.inner_batch", FT_BOOLEAN, 32, NULL, RMQ_MSG_INNER_BATCH, NULL, HFILL}},
        {&hf_sf_compression, {"Compression", "rocketmq.sys_flag.compression", FT_UINT32, BASE_HEX, VALS(compression_types), RMQ_MSG_COMPRESSION_MASK, NULL, HFILL}},
        {&hf_body, {"Body", "rocketmq.body", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_body_kind, {"Body kind", "rocketmq.body.kind", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_body_inflated, {"Inflated body", "rocketmq.body.inflated", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_body_json, {"Body as JSON", "rocketmq.body.json", FT_STRING, BASE_NONE, NULL, 0, "standard JSON of a fastjson body", HFILL}},
        {&hf_broker, {"Broker", "rocketmq.route.broker", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_broker_name, {"Broker name", "rocketmq.route.broker_name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_broker_cluster, {"Cluster", "rocketmq.route.cluster", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_broker_addr, {"Address", "rocketmq.route.broker_addr", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_queue, {"Queue data", "rocketmq.route.queue", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_queue_broker, {"Broker name", "rocketmq.route.queue.broker_name", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_queue_read, {"Read queues", "rocketmq.route.queue.read_queue_nums", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_queue_write, {"Write queues", "rocketmq.route.queue.write_queue_nums", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_queue_perm, {"Perm", "rocketmq.route.queue.perm", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_queue_topic_sys_flag, {"Topic sysFlag", "rocketmq.route.queue.topic_sys_flag", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_batch_record, {"Batch record", "rocketmq.batch.record", FT_NONE, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_batch_flag, {"Flag", "rocketmq.batch.flag", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_batch_body, {"Body", "rocketmq.batch.body", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_message, {"Message", "rocketmq.message", FT_STRING, BASE_NONE, NULL, 0, "a stored message", HFILL}},
        {&hf_msg_topic, {"Topic", "rocketmq.message.topic", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_msg_queue_id, {"Queue id", "rocketmq.message.queue_id", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_queue_offset, {"Queue offset", "rocketmq.message.queue_offset", FT_INT64, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_commit_log_offset, {"Commit log offset", "rocketmq.message.commit_log_offset", FT_INT64, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_id, {"Offset message id", "rocketmq.message.msg_id", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_msg_born_host, {"Born host", "rocketmq.message.born_host", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_msg_store_host, {"Store host", "rocketmq.message.store_host", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_msg_born_ts, {"Born timestamp", "rocketmq.message.born_timestamp", FT_INT64, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_store_ts, {"Store timestamp", "rocketmq.message.store_timestamp", FT_INT64, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_reconsume, {"Reconsume times", "rocketmq.message.reconsume_times", FT_INT32, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_msg_body, {"Body", "rocketmq.message.body", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_response_in, {"Response in", "rocketmq.response_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0, NULL, HFILL}},
        {&hf_response_to, {"Response to", "rocketmq.response_to", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0, NULL, HFILL}},
        {&hf_time, {"Time", "rocketmq.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0, "since the request", HFILL}},
        {&hf_request_code, {"Request code", "rocketmq.request_code", FT_INT32, BASE_DEC, NULL, 0, "code of the request answered", HFILL}},
    };
    static gint *ett[] = {&ett_rocketmq, &ett_flag, &ett_ext, &ett_ext_entry, &ett_header, &ett_properties,
                          &ett_property, &ett_sys_flag, &ett_body, &ett_route, &ett_broker, &ett_queue,
                          &ett_batch, &ett_record, &ett_messages, &ett_message};
    static ei_register_info ei[] = {
        {&ei_decode, {"rocketmq.decode_error", PI_MALFORMED, PI_ERROR, "The frame does not decode", EXPFILL}},
        {&ei_framing, {"rocketmq.framing_error", PI_MALFORMED, PI_ERROR, "The frame cannot be cut", EXPFILL}},
        {&ei_body, {"rocketmq.body_error", PI_MALFORMED, PI_WARN, "The body does not decode as its kind", EXPFILL}},
        {&ei_header, {"rocketmq.header_error", PI_MALFORMED, PI_WARN, "The typed header does not decode", EXPFILL}},
    };
    proto_rocketmq = proto_register_protocol("Apache RocketMQ Remoting Protocol", "RocketMQ", "rocketmq");
    proto_register_field_array(proto_rocketmq, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_rocketmq), ei, array_length(ei));
    register_header_fields();
    rocketmq_handle = create_dissector_handle(dissect_rocketmq, proto_rocketmq);
}

static void proto_reg_handoff_rocketmq(void)
{
    dissector_add_uint_range_with_preference("tcp.port", ROCKETMQ_PORTS, rocketmq_handle);
    heur_dissector_add("tcp", dissect_rocketmq_heur, "RocketMQ over TCP", "rocketmq_tcp", proto_rocketmq,
                       HEURISTIC_ENABLE);
    json_handle = find_dissector("json");
}

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = proto_register_rocketmq;
    plug.register_handoff = proto_reg_handoff_rocketmq;
    proto_register_plugin(&plug);
}
