/* Java's replacement of malformed UTF-8 (JDK String/CharsetDecoder behaviour). */
#include "internal/utf8.h"

#include <criterion/criterion.h>
#include <string.h>

static const char *repair(const char *in, size_t n)
{
    static uint8_t out[256];
    size_t k = rmq_utf8_repair((const uint8_t *)in, n, out);
    out[k] = 0;
    return (const char *)out;
}

#define R "\xef\xbf\xbd"

Test(utf8, valid_text_is_unchanged)
{
    const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80";
    cr_assert(rmq_utf8_valid((const uint8_t *)s, strlen(s), NULL));
    cr_assert_str_eq(repair(s, strlen(s)), s);
}

Test(utf8, vector_case_a_c3_28_ff_b)
{
    /* invalid/json_invalid_utf8: Java read "a\ufffd(\ufffdb" */
    cr_assert_str_eq(repair("a\xc3(\xff" "b", 5), "a" R "(" R "b");
}

Test(utf8, maximal_subparts_become_one_replacement_each)
{
    cr_assert_str_eq(repair("\xe4\xb8", 2), R, "truncated 3-byte sequence");
    cr_assert_str_eq(repair("\xe4\xb8x", 3), R "x");
    cr_assert_str_eq(repair("\xf0\x9f\x98", 3), R);
    cr_assert_str_eq(repair("\xe0\x80\x80", 3), R R R, "overlong: lead alone, then each continuation");
    cr_assert_str_eq(repair("\xf4\x90\x80\x80", 4), R R R R, "above U+10FFFF");
    cr_assert_str_eq(repair("\xc0\xaf", 2), R R);
    cr_assert_str_eq(repair("\x80", 1), R);
}

Test(utf8, encoded_surrogates_are_one_replacement_like_the_jdk)
{
    cr_assert_str_eq(repair("\xed\xa0\x80", 3), R);
    cr_assert_str_eq(repair("\xed\xa0x", 3), R "x");
    cr_assert_str_eq(repair("\xed\x9f\xbf", 3), "\xed\x9f\xbf", "U+D7FF is fine");
}

Test(utf8, first_bad_offset_is_reported)
{
    size_t at = 0;
    cr_assert_not(rmq_utf8_valid((const uint8_t *)"abc\xff", 4, &at));
    cr_assert_eq(at, 3);
}
