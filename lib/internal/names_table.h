/* Name tables generated from the Java classes (tools/gen_names.py). */
#ifndef RMQ_INTERNAL_NAMES_TABLE_H
#define RMQ_INTERNAL_NAMES_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct rmq_name_entry {
    int32_t code;
    const char *name;
    uint8_t releases; /* bit 0: 4.9.8, bit 1: 5.3.3 (rmq_release values as bits) */
} rmq_name_entry;

/* Sorted by code, then name. */
extern const rmq_name_entry rmq_request_codes[];
extern const size_t rmq_request_codes_count;
extern const rmq_name_entry rmq_response_codes[];
extern const size_t rmq_response_codes_count;
extern const rmq_name_entry rmq_language_codes[];
extern const size_t rmq_language_codes_count;
/* Indexed by ordinal; the last one is HIGHER_VERSION. */
extern const char *const rmq_version_names[];
extern const size_t rmq_version_names_count;

#endif
