/* Name tables: generated from the Java classes, release differences kept. */
#include "rmqwire.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

Test(names, request_codes)
{
    cr_assert_str_eq(rmq_request_code_name(105, RMQ_RELEASE_4_9_8), "GET_ROUTEINFO_BY_TOPIC");
    cr_assert_str_eq(rmq_request_code_name(310, RMQ_RELEASE_5_3_3), "SEND_MESSAGE_V2");
    cr_assert_str_eq(rmq_request_code_name(200050, RMQ_RELEASE_5_3_3), "POP_MESSAGE");
    cr_assert_null(rmq_request_code_name(200050, RMQ_RELEASE_4_9_8), "5.x only");
    cr_assert_str_eq(rmq_request_code_name(50, RMQ_RELEASE_4_9_8), "UPDATE_AND_CREATE_ACL_CONFIG");
    cr_assert_null(rmq_request_code_name(-12345, RMQ_RELEASE_5_3_3));
    cr_assert_eq(rmq_request_code_from_name("SEND_MESSAGE", 12, RMQ_RELEASE_4_9_8), 10);
    cr_assert_eq(rmq_request_code_from_name("NOPE", 4, RMQ_RELEASE_4_9_8), INT32_MIN);
}

Test(names, response_codes_differ_between_releases)
{
    cr_assert_str_eq(rmq_response_code_name(0, RMQ_RELEASE_4_9_8), "SUCCESS");
    cr_assert_str_eq(rmq_response_code_name(17, RMQ_RELEASE_5_3_3), "TOPIC_NOT_EXIST");
    cr_assert_str_eq(rmq_response_code_name(209, RMQ_RELEASE_4_9_8), "UPDATE_AND_CREATE_ACL_CONFIG_FAILED");
    cr_assert_str_eq(rmq_response_code_name(209, RMQ_RELEASE_5_3_3), "POLLING_FULL");
    cr_assert_str_eq(rmq_response_code_name(-1000, RMQ_RELEASE_5_3_3), "RPC_UNKNOWN");
}

Test(names, languages)
{
    cr_assert_str_eq(rmq_language_name(0, RMQ_RELEASE_4_9_8), "JAVA");
    cr_assert_str_eq(rmq_language_name(12, RMQ_RELEASE_4_9_8), "RUST");
    cr_assert_null(rmq_language_name(13, RMQ_RELEASE_4_9_8));
    cr_assert_str_eq(rmq_language_name(13, RMQ_RELEASE_5_3_3), "NODE_JS");
    cr_assert_null(rmq_language_name(RMQ_LANG_NULL, RMQ_RELEASE_5_3_3));
    cr_assert_eq(rmq_language_from_name("CPP", 3, RMQ_RELEASE_4_9_8), 1);
    cr_assert_eq(rmq_language_from_name("cpp", 3, RMQ_RELEASE_4_9_8), -1, "exact match");
}

Test(names, versions_and_the_clamp)
{
    cr_assert_str_eq(rmq_mq_version_name(409), "V4_9_8");
    cr_assert_str_eq(rmq_mq_version_name(479), "V5_3_3");
    cr_assert_str_eq(rmq_mq_version_name(0), "V3_0_0_SNAPSHOT");
    cr_assert_str_eq(rmq_mq_version_name(612), "HIGHER_VERSION");
    cr_assert_str_eq(rmq_mq_version_name(40000), "HIGHER_VERSION");
    cr_assert_null(rmq_mq_version_name(-1));
    cr_assert_eq(rmq_mq_version_from_name("V4_9_4", 6), 401);
    /* SPEC §4.4 formula for 4.x/5.x */
    cr_assert_eq(rmq_mq_version_from_name("V5_0_0", 6), 213 + 200 * 1);
}

Test(names, library_version_matches_the_header)
{
    cr_assert_eq(rmq_version(), RMQ_VERSION_NUMBER);
    cr_assert_str_eq(rmq_version_string(), RMQ_VERSION_STRING);
    /* the generated header carries meson's project version, not a hand-kept copy */
    cr_assert_str_eq(RMQ_VERSION_STRING, RMQ_PROJECT_VERSION);
    char parts[32];
    snprintf(parts, sizeof parts, "%d.%d.%d", RMQ_VERSION_MAJOR, RMQ_VERSION_MINOR, RMQ_VERSION_PATCH);
    cr_assert_str_eq(parts, RMQ_PROJECT_VERSION);
}

/* Every entry of RMQ_STATUS_LIST, in list order, as the library expands it. */
typedef struct listed_status {
    int value;
    const char *name;
    const char *message;
} listed_status;

#define LISTED_STATUS(name, value, message) {value, #name, message},
static const listed_status listed[] = {RMQ_STATUS_LIST(LISTED_STATUS)};
#undef LISTED_STATUS
#define LISTED_COUNT (sizeof listed / sizeof listed[0])

Test(names, every_listed_status_has_its_name_and_message)
{
    cr_assert_gt(LISTED_COUNT, 40);
    for (size_t i = 0; i < LISTED_COUNT; i++) {
        cr_assert_str_eq(rmq_status_name(listed[i].value), listed[i].name, "%d", listed[i].value);
        cr_assert_str_eq(rmq_strerror(listed[i].value), listed[i].message, "%s", listed[i].name);
        cr_assert_gt(strlen(listed[i].message), 0);
        /* errors are negative, the other statuses are not */
        bool is_error = strncmp(listed[i].name, "RMQ_ERR_", 8) == 0;
        cr_assert_eq(is_error, listed[i].value < 0, "%s", listed[i].name);
        for (size_t j = 0; j < i; j++) {
            cr_assert_neq(listed[i].value, listed[j].value, "%s and %s", listed[i].name, listed[j].name);
            cr_assert_str_neq(listed[i].message, listed[j].message, "%s and %s", listed[i].name, listed[j].name);
        }
    }
}

Test(names, unlisted_codes_are_unknown)
{
    for (int code = -1000; code <= 1000; code++) {
        bool in_list = false;
        for (size_t i = 0; i < LISTED_COUNT; i++) in_list |= listed[i].value == code;
        if (in_list) continue;
        cr_assert_null(rmq_status_name(code), "%d", code);
        cr_assert_str_eq(rmq_strerror(code), "unknown error code", "%d", code);
    }
    cr_assert_null(rmq_status_name(INT32_MIN));
    cr_assert_null(rmq_status_name(INT32_MAX));
}
