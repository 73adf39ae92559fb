/* Code ↔ name lookups over the generated tables (SPEC §4.3–§5). */
#include "rmqwire/names.h"

#include "internal/names_table.h"

#include <string.h>

static const char *by_code(const rmq_name_entry *t, size_t n, int32_t code, rmq_release release)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first entry with t.code >= code */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].code < code) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < n && t[lo].code == code; lo++)
        if (t[lo].releases & (unsigned)release) return t[lo].name;
    return NULL;
}

static bool name_is(const char *known, const char *name, size_t len)
{
    return strlen(known) == len && memcmp(known, name, len) == 0;
}

static int64_t by_name(const rmq_name_entry *t, size_t n, const char *name, size_t len, rmq_release release)
{
    if (!name) return INT64_MIN;
    for (size_t i = 0; i < n; i++)
        if ((t[i].releases & (unsigned)release) && name_is(t[i].name, name, len)) return t[i].code;
    return INT64_MIN;
}

const char *rmq_request_code_name(int32_t code, rmq_release release)
{
    return by_code(rmq_request_codes, rmq_request_codes_count, code, release);
}

const char *rmq_response_code_name(int32_t code, rmq_release release)
{
    return by_code(rmq_response_codes, rmq_response_codes_count, code, release);
}

const char *rmq_language_name(int32_t language, rmq_release release)
{
    /* the table is indexed by the code itself (LanguageCode ordinals 0..n-1): no search */
    if (language >= 0 && (size_t)language < rmq_language_codes_count && rmq_language_codes[language].code == language)
        return (rmq_language_codes[language].releases & (unsigned)release) ? rmq_language_codes[language].name : NULL;
    return by_code(rmq_language_codes, rmq_language_codes_count, language, release);
}

int32_t rmq_language_from_name(const char *name, size_t len, rmq_release release)
{
    int64_t v = by_name(rmq_language_codes, rmq_language_codes_count, name, len, release);
    return v == INT64_MIN ? -1 : (int32_t)v;
}

int32_t rmq_request_code_from_name(const char *name, size_t len, rmq_release release)
{
    int64_t v = by_name(rmq_request_codes, rmq_request_codes_count, name, len, release);
    return v == INT64_MIN ? INT32_MIN : (int32_t)v;
}

const char *rmq_mq_version_name(int32_t ordinal)
{
    if (ordinal < 0) return NULL;
    /* Java clamps unknown future ordinals to HIGHER_VERSION, the last constant */
    if ((size_t)ordinal >= rmq_version_names_count) ordinal = (int32_t)rmq_version_names_count - 1;
    return rmq_version_names[ordinal];
}

int32_t rmq_mq_version_from_name(const char *name, size_t len)
{
    if (!name) return -1;
    for (size_t i = 0; i < rmq_version_names_count; i++)
        if (name_is(rmq_version_names[i], name, len)) return (int32_t)i;
    return -1;
}

rmq_release rmq_release_for_mq_version(int32_t ordinal)
{
    /* V5_0_0 is ordinal 413: from there on a peer names codes the 5.x way */
    return ordinal >= 413 ? RMQ_RELEASE_5_3_3 : RMQ_RELEASE_4_9_8;
}
