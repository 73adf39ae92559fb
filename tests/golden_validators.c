/* vectors/validators: Java 4.9.8's Validators verdicts; ours must be the same status. */
#include "golden.h"

#include <stdlib.h>
#include <string.h>

#define DIFF(...) return (snprintf(why, n, __VA_ARGS__), false)

/* The rmqwire status a Java verdict stands for; 1 when the text is not one we know. */
static int status_of(const char *java)
{
    static const struct {
        const char *text;
        int status;
    } known[] = {
        {"The specified topic is blank", RMQ_ERR_TOPIC_BLANK},
        {"longer than topic max length", RMQ_ERR_TOPIC_TOO_LONG},
        {"The specified topic[", RMQ_ERR_TOPIC_ILLEGAL},
        {"Sending message to topic[", RMQ_ERR_TOPIC_FORBIDDEN},
        {"the specified group is blank", RMQ_ERR_GROUP_BLANK},
        {"longer than group max length", RMQ_ERR_GROUP_TOO_LONG},
        {"the specified group[", RMQ_ERR_GROUP_ILLEGAL},
        {"the message body is null", RMQ_ERR_BODY_EMPTY},
        {"the message body length is zero", RMQ_ERR_BODY_EMPTY},
        {"the message body size over max value", RMQ_ERR_BODY_TOO_LARGE},
    };
    if (!strcmp(java, "ok")) return RMQ_OK;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(java, known[i].text)) return known[i].status;
    return 1;
}

static bool same(const char *what, const vj *java, int ours, char *why, size_t n)
{
    if (!java || java->type != VJ_STR) DIFF("%s: no Java verdict", what);
    int want = status_of(java->s);
    if (want == 1) DIFF("%s: Java said \"%s\", which maps to no status", what, java->s);
    if (ours != want) DIFF("%s: we say %s, Java \"%s\"", what, rmq_status_name(ours), java->s);
    return true;
}

bool check_validators_case(const char *dir, const char *name, const vcase *c, char *why, size_t n)
{
    (void)dir;
    const vj *j = c->json;
    if (!strncmp(name, "body_", 5)) {
        const vj *len = vj_get(j, "body_length");
        size_t size = len && len->type == VJ_NUM ? (size_t)len->i : 0;
        uint8_t *body = len && len->type == VJ_NUM ? calloc(1, size ? size : 1) : NULL;
        int rc = rmq_validate_message(rmq_str_from_cstr("TopicTest"), body, size, RMQ_STR_NULL, 0, RMQ_RELEASE_4_9_8, NULL);
        free(body);
        return same("checkMessage", vj_get(j, "checkMessage"), rc, why, n);
    }
    const vj *b64 = vj_get(j, "input_b64");
    if (!b64 || b64->type != VJ_STR) DIFF("no input");
    size_t len;
    uint8_t *text = b64_decode(b64->s, b64->slen, &len);
    if (!text) DIFF("bad base64");
    rmq_str s = {(const char *)text, len};
    static const uint8_t one[1] = {0};
    bool ok = same("checkTopic", vj_get(j, "checkTopic"), rmq_validate_topic(s, NULL), why, n) &&
              same("checkGroup", vj_get(j, "checkGroup"), rmq_validate_group(s, NULL), why, n) &&
              same("checkMessage", vj_get(j, "checkMessage_body_1"),
                   rmq_validate_message(s, one, 1, RMQ_STR_NULL, 0, RMQ_RELEASE_4_9_8, NULL), why, n);
    const vj *sys = vj_get(j, "isSystemTopic"), *forbidden = vj_get(j, "isNotAllowedSendTopic");
    if (ok && (!sys || sys->type != VJ_BOOL || sys->b != rmq_topic_is_system(s, RMQ_RELEASE_4_9_8))) {
        snprintf(why, n, "isSystemTopic differs");
        ok = false;
    }
    /* send-topic = checkTopic, then the forbidden set */
    if (ok && forbidden && forbidden->type == VJ_BOOL && rmq_validate_topic(s, NULL) == RMQ_OK &&
        (rmq_validate_send_topic(s, NULL) == RMQ_ERR_TOPIC_FORBIDDEN) != forbidden->b) {
        snprintf(why, n, "isNotAllowedSendTopic differs");
        ok = false;
    }
    free(text);
    return ok;
}
