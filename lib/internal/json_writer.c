#include "json_writer.h"

#include <string.h>

static const char hex_upper[] = "0123456789ABCDEF";

static void write_u_escape(rmq_writer *w, unsigned cp)
{
    char e[6] = {'\\', 'u', hex_upper[(cp >> 12) & 15], hex_upper[(cp >> 8) & 15],
                 hex_upper[(cp >> 4) & 15], hex_upper[cp & 15]};
    rmq_write_bytes(w, e, 6);
}

void rmq_jw_string(rmq_writer *w, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    rmq_write_u8(w, '"');
    /* bytes that may need escaping: controls, '"', '\\', DEL, and the leads of U+0080..9F, U+2028/9 */
    static const uint8_t attention[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        ['"'] = 1, ['\\'] = 1, [0x7F] = 1, [0xC2] = 1, [0xE2] = 1,
    };
    size_t run = 0; /* start of the pending run of bytes written as they are */
    for (size_t i = 0; i < len;) {
        while (i < len && !attention[p[i]]) i++;
        if (i >= len) break;
        uint8_t c = p[i];
        unsigned esc = 0;     /* code point to escape, when size > 0 */
        size_t size = 0;      /* bytes of input the escape replaces */
        char short_esc = 0;
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) {
            size = 1;
            esc = c;
            switch (c) {
            case '\b': short_esc = 'b'; break;
            case '\t': short_esc = 't'; break;
            case '\n': short_esc = 'n'; break;
            case '\f': short_esc = 'f'; break;
            case '\r': short_esc = 'r'; break;
            case '"': short_esc = '"'; break;
            case '\\': short_esc = '\\'; break;
            default: break;
            }
        } else if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
            size = 2; /* U+0080..U+009F */
            esc = p[i + 1];
        } else if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            size = 3; /* U+2028, U+2029 */
            esc = 0x2000u | (p[i + 2] == 0xA8 ? 0x28u : 0x29u);
        }
        if (!size) {
            i++;
            continue;
        }
        rmq_write_bytes(w, p + run, i - run);
        if (short_esc) {
            char e[2] = {'\\', short_esc};
            rmq_write_bytes(w, e, 2);
        } else {
            write_u_escape(w, esc);
        }
        i += size;
        run = i;
    }
    rmq_write_bytes(w, p + run, len - run);
    rmq_write_u8(w, '"');
}

void rmq_jw_int(rmq_writer *w, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[sizeof tmp - 1 - n++] = '-';
    rmq_write_bytes(w, tmp + sizeof tmp - n, n);
}

void rmq_jw_raw(rmq_writer *w, const char *text) { rmq_write_bytes(w, text, strlen(text)); }
