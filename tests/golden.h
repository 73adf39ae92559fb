/* Shared pieces of the golden-vector runner (tests/golden*.c). */
#ifndef RMQ_TEST_GOLDEN_H
#define RMQ_TEST_GOLDEN_H

#include "rmqwire.h"
#include "support/vcase.h"
#include "common/base64.h"
#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "support/sha256.h"

typedef struct vcase {
    uint8_t *bin;
    size_t bin_len;
    vj *json;
} vcase;

/* One group's check of one case: true when it passes, else why is filled. */
typedef bool (*case_check)(const char *dir, const char *name, const vcase *c, char *why, size_t n);

bool check_properties_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_batch_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_msgid_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_stored_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_route_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_route_response(const rmq_command *cmd, const vj *json, rmq_release rel, char *why, size_t n);
bool check_tables_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_heartbeat_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_compression_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_acl_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_validators_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);
bool check_json_body_case(const char *dir, const char *name, const vcase *c, char *why, size_t n);

/* The `message` and `pulled_messages` views of a decoded frame (true when absent). */
bool check_message_views(const rmq_command *cmd, const vj *json, rmq_release rel, char *why, size_t n);

/* Properties string vs Java's map. */
bool properties_match(rmq_str s, const vj *map, char *why, size_t n);

#endif
