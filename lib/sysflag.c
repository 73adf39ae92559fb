#include "rmqwire/sysflag.h"

void rmq_perm_to_string(int32_t perm, char out[4])
{
    if (!out) return;
    out[0] = rmq_perm_readable(perm) ? 'R' : '-';
    out[1] = rmq_perm_writeable(perm) ? 'W' : '-';
    out[2] = rmq_perm_inherited(perm) ? 'X' : '-';
    out[3] = 0;
}
