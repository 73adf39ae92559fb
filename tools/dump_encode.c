#define _POSIX_C_SOURCE 200809L
/* Frames from JSON: the fields rmqdump prints (and the vector .json files) map one to one
 * onto rmq_command, so dump → encode gives back the captured bytes. */
#include "dump_encode.h"

#include "rmqwire.h"
#include "common/base64.h"
#include "common/json_dom.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* End of the JSON value starting at or after pos (balanced braces outside strings); 0 when none. */
static size_t value_end(const char *t, size_t len, size_t pos, size_t *start)
{
    while (pos < len && (t[pos] == ' ' || t[pos] == '\n' || t[pos] == '\r' || t[pos] == '\t')) pos++;
    if (pos >= len) return 0;
    *start = pos;
    int depth = 0;
    bool in_str = false;
    for (size_t i = pos; i < len; i++) {
        char c = t[i];
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = false;
            continue;
        }
        if (c == '"') in_str = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return len; /* unbalanced: let the parser report it */
}

static bool int_field(const vj *obj, const char *key, int32_t dflt, int32_t *out)
{
    const vj *v = vj_get(obj, key);
    if (!v || v->type == VJ_NULL) {
        *out = dflt;
        return true;
    }
    if (v->type != VJ_NUM || !v->is_int || v->i < INT32_MIN || v->i > INT32_MAX) return false;
    *out = (int32_t)v->i;
    return true;
}

static rmq_str str_of(const vj *v)
{
    if (!v || v->type == VJ_NULL) return RMQ_STR_NULL;
    return (rmq_str){v->s, v->slen};
}

/* One object → one frame into out; returns NULL and sets *why when it cannot. */
static int encode_object(const vj *obj, FILE *out, const char **why)
{
    rmq_command cmd;
    rmq_command_init(&cmd);
    const vj *ser = vj_get(obj, "serializeType");
    if (ser && ser->type == VJ_STR && !strcmp(ser->s, "ROCKETMQ")) cmd.serialize_type = RMQ_SERIALIZE_ROCKETMQ;
    else if (ser && !(ser->type == VJ_STR && !strcmp(ser->s, "JSON"))) return *why = "serializeType is not JSON or ROCKETMQ", 1;
    if (!int_field(obj, "code", 0, &cmd.code) || !int_field(obj, "version", 0, &cmd.version) ||
        !int_field(obj, "opaque", 0, &cmd.opaque) || !int_field(obj, "flag", 0, &cmd.flag))
        return *why = "code, version, opaque and flag must be int32 numbers", 1;
    const vj *lc = vj_get(obj, "languageCode");
    const vj *ln = vj_get(obj, "language");
    if (lc && lc->type == VJ_NUM) {
        if (!int_field(obj, "languageCode", 0, &cmd.language)) return *why = "languageCode out of range", 1;
    } else if (ln && ln->type == VJ_STR) {
        cmd.language = rmq_language_from_name(ln->s, ln->slen, RMQ_RELEASE_5_3_3);
        if (cmd.language == RMQ_LANG_NULL) return *why = "unknown language name", 1;
    } else if (ln && ln->type == VJ_NULL) {
        cmd.language = RMQ_LANG_NULL;
    }
    const vj *remark = vj_get(obj, "remark");
    if (remark && remark->type != VJ_STR && remark->type != VJ_NULL) return *why = "remark must be a string or null", 1;
    cmd.remark = str_of(remark);

    const vj *ext = vj_get(obj, "extFields");
    rmq_ext_field *fields = NULL;
    if (ext && ext->type == VJ_OBJ) {
        fields = calloc(ext->n ? ext->n : 1, sizeof *fields);
        if (!fields) return *why = "out of memory", 2;
        for (size_t i = 0; i < ext->n; i++) {
            const vj *v = ext->items[i];
            if (v->type != VJ_STR && v->type != VJ_NULL) {
                free(fields);
                return *why = "extFields values must be strings or null", 1;
            }
            fields[i].key = (rmq_str){ext->keys[i], ext->key_lens[i]};
            fields[i].value = str_of(v);
        }
        cmd.has_ext = true;
        cmd.ext = fields;
        cmd.ext_count = ext->n;
    } else if (ext && ext->type != VJ_NULL) {
        return *why = "extFields must be an object or null", 1;
    }

    const vj *body = vj_get(obj, "bodyBase64");
    if (!body) body = vj_get(obj, "body_b64");
    uint8_t *bytes = NULL;
    if (body && body->type == VJ_STR) {
        size_t n = 0;
        bytes = b64_decode(body->s, body->slen, &n);
        if (!bytes) {
            free(fields);
            return *why = "body is not valid base64", 1;
        }
        cmd.body = bytes;
        cmd.body_len = n;
    } else if (vj_get(obj, "bodyLength") && !body) {
        const vj *bl = vj_get(obj, "bodyLength");
        if (bl->type == VJ_NUM && bl->i > 0) {
            free(fields);
            return *why = "body bytes missing (bodyBase64)", 1;
        }
    }

    int status = 0;
    size_t size, written;
    rmq_error err;
    uint8_t *buf = NULL;
    if (rmq_frame_encoded_size(&cmd, &size, &err) != RMQ_OK || !(buf = malloc(size)) ||
        rmq_frame_encode(&cmd, buf, size, &written, &err) != RMQ_OK) {
        *why = buf ? err.message : "cannot encode";
        status = 1;
    } else if (fwrite(buf, 1, written, out) != written) {
        *why = "write failed";
        status = 2;
    }
    free(buf);
    free(bytes);
    free(fields);
    return status;
}

int dump_encode_run(FILE *in, const char *in_name, const char *out_path)
{
    FILE *out = stdout;
    if (out_path && strcmp(out_path, "-")) {
        out = fopen(out_path, "wb");
        if (!out) {
            perror(out_path);
            return 2;
        }
    } else if (isatty(fileno(stdout))) {
        fprintf(stderr, "rmqdump --encode: refusing to write binary frames to a terminal (use -o FILE)\n");
        return 2;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    for (size_t k; text && (k = fread(text + len, 1, cap - len, in)) > 0;) {
        len += k;
        if (len == cap) {
            char *t = realloc(text, cap *= 2);
            if (!t) {
                free(text);
                text = NULL;
            }
            text = t;
        }
    }
    if (!text) {
        fprintf(stderr, "rmqdump --encode: out of memory\n");
        return 2;
    }
    int status = 0;
    size_t pos = 0, start = 0, end, index = 0;
    while ((end = value_end(text, len, pos, &start)) != 0) {
        index++;
        vj *v = vj_parse(text + start, end - start);
        if (!v || v->type != VJ_OBJ) {
            fprintf(stderr, "%s: value %zu (offset %zu) is not a JSON object\n", in_name, index, start);
            status = 1;
        } else if (vj_get(v, "code")) {
            const char *why = NULL;
            int st = encode_object(v, out, &why);
            if (st) {
                fprintf(stderr, "%s: object %zu (offset %zu): %s\n", in_name, index, start, why);
                if (st > status) status = st;
            }
        }
        vj_free(v);
        pos = end;
    }
    free(text);
    if (out != stdout && fclose(out) != 0) status = 2;
    else if (out == stdout) fflush(stdout);
    return status;
}
