/* Hex dumps as input: what rmqdump --hex reads. */
#ifndef RMQ_TOOLS_HEX_TEXT_H
#define RMQ_TOOLS_HEX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hex text to bytes in place: whitespace, ':', ',' and "0x" prefixes are skipped.
 * False at the first byte that is no hex digit (*bad_at), or an odd digit count (*bad_at = *len). */
bool hex_text_decode(uint8_t *buf, size_t *len, size_t *bad_at);

#endif
