/* Hexadecimal digits, read and written the same way by every decoder and encoder. */
#ifndef RMQ_INTERNAL_HEX_H
#define RMQ_INTERNAL_HEX_H

#include <stdint.h>

/* A hex digit's value + 1 (either case), 0 for any other byte: a table lookup, no branch. */
extern const uint8_t rmq_hex_plus_one[256];

/* Upper-case digits, as Java's UtilAll.bytes2string and BrowserCompatible escapes write them. */
extern const char rmq_hex_upper[16];

/* 0..15, or -1 for a byte that is no hex digit. */
static inline int rmq_hex_value(uint8_t c) { return (int)rmq_hex_plus_one[c] - 1; }

#endif
