/* Validators and TopicValidator of the Java client, over UTF-8 text. */
#include "rmqwire/validators.h"

#include "internal/error_set.h"
#include "internal/utf8.h"
#include "rmqwire/properties.h"

#include <string.h>

/* Character.isWhitespace: the space, line and paragraph separators except the no-break
 * ones, and \t \n \v \f \r, U+001C..U+001F. */
static bool java_whitespace(uint32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)) return true;
    if (c < 0x1680) return false;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x205F || c == 0x3000;
}

typedef struct name_check {
    int blank, too_long, illegal;
    size_t max_len;
    const char *blank_msg, *long_msg, *illegal_msg;
} name_check;

static bool legal_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '%' || c == '|' ||
           c == '_' || c == '-';
}

/* isBlank, then the length in UTF-16 units, then isTopicOrGroupIllegal: Java's order. */
static int check_name(rmq_str s, const name_check *k, rmq_error *err)
{
    if (!s.ptr || s.len == 0) return rmq_fail(err, k->blank, 0, k->blank_msg);
    const uint8_t *p = (const uint8_t *)s.ptr;
    size_t bad;
    if (!rmq_utf8_valid(p, s.len, &bad)) return rmq_fail(err, RMQ_ERR_UTF8, bad, NULL);
    bool blank = true;
    size_t units = 0, first_illegal = SIZE_MAX;
    for (size_t i = 0; i < s.len;) {
        bool valid; /* checked above */
        size_t at = i, unit = rmq_utf8_unit(p + i, s.len - i, &valid);
        uint32_t c = rmq_utf8_code_point(p + i, unit);
        i += unit;
        units += c >= 0x10000 ? 2 : 1;
        blank = blank && java_whitespace(c);
        if (first_illegal == SIZE_MAX && !legal_char(c)) first_illegal = at;
    }
    if (blank) return rmq_fail(err, k->blank, 0, k->blank_msg);
    if (units > k->max_len) return rmq_fail(err, k->too_long, 0, k->long_msg);
    if (first_illegal != SIZE_MAX) return rmq_fail(err, k->illegal, first_illegal, k->illegal_msg);
    return RMQ_OK;
}

int rmq_validate_topic(rmq_str topic, rmq_error *err)
{
    static const name_check k = {RMQ_ERR_TOPIC_BLANK, RMQ_ERR_TOPIC_TOO_LONG, RMQ_ERR_TOPIC_ILLEGAL,
                                 RMQ_TOPIC_MAX_LENGTH, "The specified topic is blank",
                                 "The specified topic is longer than topic max length 127.",
                                 "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$"};
    return check_name(topic, &k, err);
}

int rmq_validate_group(rmq_str group, rmq_error *err)
{
    static const name_check k = {RMQ_ERR_GROUP_BLANK, RMQ_ERR_GROUP_TOO_LONG, RMQ_ERR_GROUP_ILLEGAL,
                                 RMQ_GROUP_MAX_LENGTH, "the specified group is blank",
                                 "the specified group is longer than group max length 255.",
                                 "the specified group contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$"};
    return check_name(group, &k, err);
}

static bool one_of(rmq_str s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rmq_str_equal_cstr(s, names[i])) return true;
    return false;
}

bool rmq_topic_is_system(rmq_str topic, rmq_release release)
{
    static const char *const system[] = {"TBW102", "SCHEDULE_TOPIC_XXXX", "BenchmarkTest", "RMQ_SYS_TRANS_HALF_TOPIC",
                                         "RMQ_SYS_TRACE_TOPIC", "RMQ_SYS_TRANS_OP_HALF_TOPIC", "TRANS_CHECK_MAX_TIME_TOPIC",
                                         "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT"};
    if (!topic.ptr) return false;
    if (one_of(topic, system, sizeof system / sizeof system[0])) return true;
    if (release != RMQ_RELEASE_4_9_8 && rmq_str_equal_cstr(topic, "CHECKPOINT_TOPIC")) return true;
    return topic.len >= 8 && memcmp(topic.ptr, "rmq_sys_", 8) == 0;
}

int rmq_validate_send_topic(rmq_str topic, rmq_error *err)
{
    static const char *const forbidden[] = {"SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                                            "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT"};
    int rc = rmq_validate_topic(topic, err);
    if (rc) return rc;
    if (one_of(topic, forbidden, sizeof forbidden / sizeof forbidden[0]))
        return rmq_fail(err, RMQ_ERR_TOPIC_FORBIDDEN, 0, "Sending message to this topic is forbidden.");
    return RMQ_OK;
}

int rmq_validate_message(rmq_str topic, const uint8_t *body, size_t body_len, rmq_str properties,
                         uint32_t max_message_size, rmq_release release, rmq_error *err)
{
    if (!body && body_len) return rmq_fail(err, RMQ_ERR_INVALID_ARGUMENT, 0, NULL);
    int rc = rmq_validate_send_topic(topic, err);
    if (rc) return rc;
    if (!body) return rmq_fail(err, RMQ_ERR_BODY_EMPTY, 0, "the message body is null");
    if (body_len == 0) return rmq_fail(err, RMQ_ERR_BODY_EMPTY, 0, "the message body length is zero");
    if (body_len > (max_message_size ? max_message_size : RMQ_DEFAULT_MAX_MESSAGE_SIZE))
        return rmq_fail(err, RMQ_ERR_BODY_TOO_LARGE, 0, "the message body size over max value");
    if (release == RMQ_RELEASE_4_9_8 || !properties.ptr) return RMQ_OK;
    /* 5.3.3: a light message queue path may not name directories */
    rmq_properties_iter it;
    rmq_property p;
    rmq_str lmq = RMQ_STR_NULL;
    rmq_properties_iter_init(&it, properties.ptr, properties.len);
    while (rmq_properties_next(&it, &p))
        if (rmq_str_equal_cstr(p.name, "INNER_MULTI_DISPATCH")) lmq = p.value; /* the map keeps the last */
    if (lmq.ptr && memchr(lmq.ptr, '/', lmq.len))
        return rmq_fail(err, RMQ_ERR_LMQ_PATH, 0, "INNER_MULTI_DISPATCH can not contain /");
    return RMQ_OK;
}
