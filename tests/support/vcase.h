/* Helpers shared by the golden runner and the Criterion tests: vector cases and
 * comparison of a decoded command with Java's reading of it. */
#ifndef RMQ_TEST_VCASE_H
#define RMQ_TEST_VCASE_H

#include "rmqwire.h"
#include "common/base64.h"
#include "common/file_bytes.h"
#include "common/json_dom.h"
#include "sha256.h"

#include <stddef.h>

/* Sorted names (without extension) of the cases in dir/group with this extension. */
char **list_cases(const char *dir, const char *group, const char *ext, size_t *count);
void free_cases(char **names, size_t count);
/* Subdirectories of dir, sorted. */
char **list_groups(const char *dir, size_t *count);

/* "5.3.3" → RMQ_RELEASE_5_3_3, anything else 4.9.8. */
rmq_release case_release(const vj *json);

/*
 * Compare cmd with a Java view (a frames/ case .json, or java_decoded of an invalid/ case): every frame
 * field, language by name, remark, extFields as Java's map, body bytes and hash.
 * Returns true when equal; otherwise writes the first difference to why.
 */
bool command_matches(const rmq_command *cmd, const vj *view, rmq_release release,
                     bool ignore_opaque, char *why, size_t why_len);

#endif
