/* rmqdump --encode: JSON descriptions of frames in, wire frames out. */
#ifndef RMQ_TOOLS_DUMP_ENCODE_H
#define RMQ_TOOLS_DUMP_ENCODE_H

#include <stdio.h>

/*
 * Read JSON objects from `in` (rmqdump's JSON lines, or vectors/frames/NAME.json) and
 * write one frame per object that has a "code" to out_path (NULL: stdout). Lines
 * that describe errors, gaps or notices are skipped. Returns the exit status: 0,
 * 1 when some object could not be encoded, 2 on I/O or usage errors.
 */
int dump_encode_run(FILE *in, const char *in_name, const char *out_path);

#endif
