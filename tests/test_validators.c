/* Validators beyond the Java-made vectors: 5.3.3's additions, offsets, limits, UTF-8. */
#include "rmqwire.h"

#include <criterion/criterion.h>
#include <string.h>

#define S(x) rmq_str_from_cstr(x)

Test(validators, releases_differ_where_java_does)
{
    cr_assert(rmq_topic_is_system(S("CHECKPOINT_TOPIC"), RMQ_RELEASE_5_3_3));
    cr_assert_not(rmq_topic_is_system(S("CHECKPOINT_TOPIC"), RMQ_RELEASE_4_9_8));
    static const uint8_t body[] = "x";
    rmq_str lmq = S("INNER_MULTI_DISPATCH\001%LMQ%/../x\002TAGS\001t");
    rmq_error err;
    cr_assert_eq(rmq_validate_message(S("T"), body, 1, lmq, 0, RMQ_RELEASE_5_3_3, &err), RMQ_ERR_LMQ_PATH);
    cr_assert_eq(rmq_validate_message(S("T"), body, 1, lmq, 0, RMQ_RELEASE_4_9_8, &err), RMQ_OK, "4.9.8 has no such check");
    cr_assert_eq(rmq_validate_message(S("T"), body, 1, S("INNER_MULTI_DISPATCH\001%LMQ%q1,%LMQ%q2"), 0,
                                      RMQ_RELEASE_5_3_3, &err), RMQ_OK);
}

Test(validators, offsets_limits_and_text_that_is_not_utf8)
{
    rmq_error err;
    cr_assert_eq(rmq_validate_topic(S("abc.def"), &err), RMQ_ERR_TOPIC_ILLEGAL);
    cr_assert_eq(err.offset, 3, "the first bad character");
    cr_assert_eq(rmq_validate_topic(RMQ_STR_NULL, &err), RMQ_ERR_TOPIC_BLANK);
    cr_assert_eq(rmq_validate_topic((rmq_str){"a\xff", 2}, &err), RMQ_ERR_UTF8);
    cr_assert_eq(err.offset, 1);
    static uint8_t big[100];
    cr_assert_eq(rmq_validate_message(S("T"), big, 100, RMQ_STR_NULL, 99, RMQ_RELEASE_4_9_8, &err), RMQ_ERR_BODY_TOO_LARGE);
    cr_assert_eq(rmq_validate_message(S("T"), big, 99, RMQ_STR_NULL, 99, RMQ_RELEASE_4_9_8, &err), RMQ_OK);
    cr_assert_eq(rmq_validate_message(S("T"), NULL, 0, RMQ_STR_NULL, 0, RMQ_RELEASE_4_9_8, &err), RMQ_ERR_BODY_EMPTY);
    cr_assert_str_eq(err.message, "the message body is null");
    cr_assert_eq(rmq_validate_message(S("SELF_TEST_TOPIC"), big, 1, RMQ_STR_NULL, 0, RMQ_RELEASE_4_9_8, &err),
                 RMQ_ERR_TOPIC_FORBIDDEN, "the topic is checked before the body");
    cr_assert_eq(rmq_validate_group(S("please_rename_unique_group_name"), &err), RMQ_OK);
}
