#define _POSIX_C_SOURCE 200809L
#include "vcase.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char **collect(const char *path, const char *ext, bool dirs, size_t *count)
{
    *count = 0;
    DIR *d = opendir(path);
    if (!d) return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    size_t ext_len = ext ? strlen(ext) : 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        size_t len = strlen(e->d_name);
        if (dirs) {
            if (!S_ISDIR(st.st_mode)) continue;
        } else {
            if (!S_ISREG(st.st_mode) || len <= ext_len || strcmp(e->d_name + len - ext_len, ext) != 0) continue;
            len -= ext_len;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        names[n] = malloc(len + 1);
        memcpy(names[n], e->d_name, len);
        names[n][len] = 0;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    *count = n;
    return names;
}

char **list_cases(const char *dir, const char *group, const char *ext, size_t *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, group);
    return collect(path, ext, false, count);
}

char **list_groups(const char *dir, size_t *count) { return collect(dir, NULL, true, count); }

void free_cases(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}

rmq_release case_release(const vj *json)
{
    const vj *r = vj_get(json, "rocketmq");
    return (r && r->type == VJ_STR && !strcmp(r->s, "5.3.3")) ? RMQ_RELEASE_5_3_3 : RMQ_RELEASE_4_9_8;
}

static bool str_matches(rmq_str s, const vj *v)
{
    if (vj_is_null(v)) return s.ptr == NULL;
    return v->type == VJ_STR && s.ptr && s.len == v->slen && memcmp(s.ptr, v->s, s.len) == 0;
}

static bool int_matches(int64_t x, const vj *v) { return v && v->type == VJ_NUM && v->is_int && v->i == x; }

/* Java prints a null map key as "null"; accept our null key there. */
static bool ext_lookup(const rmq_command *cmd, const char *key, size_t key_len, rmq_str *value)
{
    if (rmq_ext_get(cmd, key, key_len, value)) return true;
    if (key_len == 4 && !memcmp(key, "null", 4)) {
        for (size_t i = cmd->ext_count; i-- > 0;)
            if (!cmd->ext[i].key.ptr) {
                *value = cmd->ext[i].value;
                return true;
            }
    }
    return false;
}

#define DIFF(...) do { snprintf(why, why_len, __VA_ARGS__); return false; } while (0)

bool command_matches(const rmq_command *cmd, const vj *view, rmq_release release,
                     bool ignore_opaque, char *why, size_t why_len)
{
    const vj *st = vj_get(view, "serializeType");
    const char *type = cmd->serialize_type == RMQ_SERIALIZE_JSON ? "JSON" : "ROCKETMQ";
    if (!st || st->type != VJ_STR || strcmp(st->s, type)) DIFF("serializeType %s", type);
    if (!int_matches(cmd->code, vj_get(view, "code"))) DIFF("code %d", cmd->code);
    if (!int_matches(cmd->version, vj_get(view, "version"))) DIFF("version %d", cmd->version);
    if (!ignore_opaque && !int_matches(cmd->opaque, vj_get(view, "opaque"))) DIFF("opaque %d", cmd->opaque);
    if (!int_matches(cmd->flag, vj_get(view, "flag"))) DIFF("flag %d", cmd->flag);
    const char *lang = rmq_language_name(cmd->language, release);
    if (!str_matches(rmq_str_from_cstr(lang), vj_get(view, "language"))) DIFF("language %s", lang ? lang : "null");
    if (!str_matches(cmd->remark, vj_get(view, "remark"))) DIFF("remark differs");

    const vj *ext = vj_get(view, "extFields");
    if (vj_is_null(ext)) {
        if (cmd->has_ext) DIFF("extFields present, Java has null");
    } else {
        if (!cmd->has_ext) DIFF("extFields null, Java has a map");
        if (ext->type != VJ_OBJ) DIFF("extFields in vector is not an object");
        if (rmq_ext_distinct_count(cmd) != ext->n) DIFF("extFields has %zu keys, Java %zu", rmq_ext_distinct_count(cmd), ext->n);
        for (size_t i = 0; i < ext->n; i++) {
            rmq_str v;
            if (!ext_lookup(cmd, ext->keys[i], ext->key_lens[i], &v)) DIFF("ext key %s missing", ext->keys[i]);
            if (!str_matches(v, ext->items[i])) DIFF("ext %s differs", ext->keys[i]);
        }
    }

    const vj *b64 = vj_get(view, "body_b64");
    const vj *blen = vj_get(view, "body_len");
    if (!int_matches((int64_t)cmd->body_len, blen)) DIFF("body_len %zu", cmd->body_len);
    if (vj_is_null(b64)) {
        if (cmd->body) DIFF("body present, Java has null");
    } else {
        size_t n;
        uint8_t *bytes = b64_decode(b64->s, b64->slen, &n);
        bool same = bytes && cmd->body && n == cmd->body_len && memcmp(bytes, cmd->body, n) == 0;
        free(bytes);
        if (!same) DIFF("body bytes differ");
    }
    const vj *sha = vj_get(view, "body_sha256");
    if (sha && sha->type == VJ_STR) {
        char hex[65];
        sha256_hex(cmd->body ? cmd->body : (const uint8_t *)"", cmd->body_len, hex);
        if (strcmp(hex, sha->s)) DIFF("body sha256 differs");
    }
    return true;
}
