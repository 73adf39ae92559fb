/* Java's conversions of JSON numbers as fastjson applies them (java_number.h). */
#include "java_number.h"

/* A JSON number split as BigDecimal reads it: sign, integer and fraction digits, exponent. */
typedef struct decimal {
    bool neg, has_point_or_exp;
    size_t int_at, int_len, frac_at, frac_len;
    int64_t exp;
} decimal;

static bool parse_decimal(const uint8_t *t, size_t n, decimal *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    d->neg = i < n && t[i] == '-';
    if (d->neg) i++;
    d->int_at = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') i++;
    d->int_len = i - d->int_at;
    d->frac_at = i;
    if (i < n && t[i] == '.') {
        d->has_point_or_exp = true;
        d->frac_at = ++i;
        while (i < n && t[i] >= '0' && t[i] <= '9') i++;
        d->frac_len = i - d->frac_at;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        d->has_point_or_exp = true;
        i++;
        bool eneg = i < n && t[i] == '-';
        if (i < n && (t[i] == '-' || t[i] == '+')) i++;
        size_t digits = 0;
        while (i < n && t[i] >= '0' && t[i] <= '9') {
            if (++digits > 9) return false; /* beyond Java's int exponent */
            d->exp = d->exp * 10 + (t[i++] - '0');
        }
        if (!digits) return false;
        if (eneg) d->exp = -d->exp;
    }
    return i == n && d->int_len + d->frac_len > 0;
}

/* the k-th digit of the coefficient (integer digits, then fraction digits) */
static uint8_t digit_at(const uint8_t *t, const decimal *d, size_t k)
{
    return k < d->int_len ? t[d->int_at + k] : t[d->frac_at + k - d->int_len];
}

bool rmq_java_decimal_int(const uint8_t *t, size_t n, int32_t *out)
{
    decimal d;
    if (!parse_decimal(t, n, &d)) return false;
    size_t ndig = d.int_len + d.frac_len;
    bool nonzero = false;
    for (size_t k = 0; k < ndig && !nonzero; k++) nonzero = digit_at(t, &d, k) != '0';
    int64_t scale = (int64_t)d.frac_len - d.exp;
    if (scale < -100 || scale > 100) {
        if (nonzero) return false;
        *out = 0;
        return true;
    }
    /* the integer part: the coefficient without its last `scale` digits, or with -scale zeros */
    int64_t keep = (int64_t)ndig - scale;
    uint32_t v = 0;
    for (int64_t k = 0; k < keep; k++)
        v = v * 10u + ((size_t)k < ndig ? (uint32_t)(digit_at(t, &d, (size_t)k) - '0') : 0u);
    *out = (int32_t)(d.neg ? 0u - v : v);
    return true;
}

size_t rmq_java_number_text(const uint8_t *t, size_t n, uint8_t *dst)
{
    decimal d;
    if (!parse_decimal(t, n, &d)) return 0;
    size_t o = 0;
#define PUT(c) do { uint8_t put_ = (uint8_t)(c); if (dst) dst[o] = put_; o++; } while (0)
    if (!d.has_point_or_exp) {
        /* StringCodec keeps an integer's text as it stands */
        for (size_t k = 0; k < n; k++) PUT(t[k]);
        return n;
    }
    size_t ndig = d.int_len + d.frac_len, lead = 0;
    while (lead + 1 < ndig && digit_at(t, &d, lead) == '0') lead++; /* one zero when all are */
    size_t len = ndig - lead;
    if (d.neg && !(len == 1 && digit_at(t, &d, lead) == '0')) PUT('-');
    int64_t scale = (int64_t)d.frac_len - d.exp;
    int64_t adjusted = -scale + (int64_t)len - 1;
    if (scale >= 0 && adjusted >= -6) {
        /* plain notation; a point `scale` digits from the right */
        if ((int64_t)len <= scale) {
            PUT('0');
            PUT('.');
            for (int64_t z = 0; z < scale - (int64_t)len; z++) PUT('0');
        }
        for (size_t k = lead; k < ndig; k++) {
            if ((int64_t)len > scale && scale > 0 && (int64_t)(ndig - k) == scale) PUT('.');
            PUT(digit_at(t, &d, k));
        }
        return o;
    }
    PUT(digit_at(t, &d, lead));
    if (len > 1) {
        PUT('.');
        for (size_t k = lead + 1; k < ndig; k++) PUT(digit_at(t, &d, k));
    }
    if (adjusted != 0) {
        PUT('E');
        PUT(adjusted > 0 ? '+' : '-');
        uint64_t a = adjusted > 0 ? (uint64_t)adjusted : (uint64_t)-adjusted;
        char e[24];
        int el = 0;
        do e[el++] = (char)('0' + a % 10); while ((a /= 10));
        while (el) PUT(e[--el]);
    }
    return o;
#undef PUT
}

/* t without its commas: in place when it has none, else copied to clean (false when that
 * holds more than 64 characters, which no int or long needs). */
static bool without_commas(const uint8_t *t, size_t n, char clean[64], rmq_str *out)
{
    *out = (rmq_str){(const char *)t, n};
    if (!memchr(t, ',', n)) return true;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (t[k] == ',') continue;
        if (m == 64) return false;
        clean[m++] = (char)t[k];
    }
    *out = (rmq_str){clean, m};
    return true;
}

bool rmq_java_cast_int(const uint8_t *t, size_t n, int32_t *out)
{
    /* a ".000" end goes first (the pattern \.0*$), then the commas */
    for (size_t k = n; k > 0; k--) {
        if (t[k - 1] == '.') {
            n = k - 1;
            break;
        }
        if (t[k - 1] != '0') break;
    }
    char clean[64];
    rmq_str text;
    if (!without_commas(t, n, clean, &text)) return false;
    int64_t v;
    if (!rmq_java_parse_long(text, INT32_MIN, INT32_MAX, &v)) return false;
    *out = (int32_t)v;
    return true;
}

bool rmq_java_cast_long(const uint8_t *t, size_t n, int64_t *out)
{
    /* TypeUtils.castToLong: the commas dropped (unless the text starts with one), then Long.parseLong */
    char clean[64];
    rmq_str text = {(const char *)t, n};
    if (n && t[0] != ',' && !without_commas(t, n, clean, &text)) return false;
    return rmq_java_parse_long(text, INT64_MIN, INT64_MAX, out);
}

size_t rmq_java_float_text(const uint8_t *t, size_t n, bool is_float, uint8_t *dst)
{
    size_t i = 0;
    bool neg = n && t[0] == '-';
    if (neg) i++;
    /* the digits without the point, and where the point falls: value = 0.D x 10^point */
    char digits[24];
    size_t nd = 0;
    int64_t point = 0;
    bool any = false, in_fraction = false;
    for (; i < n; i++) {
        uint8_t c = t[i];
        if (c == '.' && !in_fraction) {
            in_fraction = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        any = true;
        if (nd == 0 && c == '0') { /* a leading zero moves the point, not the digits */
            if (in_fraction) point--;
            continue;
        }
        if (nd == sizeof digits) return 0;
        digits[nd++] = (char)c;
        if (!in_fraction) point++;
    }
    if (!any) return 0;
    if (i < n) {
        if (t[i] != 'e' && t[i] != 'E') return 0;
        i++;
        bool eneg = i < n && t[i] == '-';
        if (i < n && (t[i] == '-' || t[i] == '+')) i++;
        if (i >= n) return 0;
        int64_t e = 0;
        for (; i < n; i++) {
            if (t[i] < '0' || t[i] > '9') return 0;
            if (e < 100000) e = e * 10 + (t[i] - '0');
        }
        point += eneg ? -e : e;
    }
    while (nd && digits[nd - 1] == '0') nd--;
    uint8_t out[48];
    size_t k = 0;
    if (neg) out[k++] = '-';
    if (nd == 0) {
        memcpy(out + k, "0.0", 3);
        k += 3;
    } else {
        /* within [1e-3, 1e7) and few enough digits to come back exactly, Double.toString and
         * Float.toString print the digits as written; outside it they switch to E notation
         * or to digits of their own, which is not modelled */
        if (nd > (is_float ? 6u : 15u)) return 0;
        if (point < -2 || point > 7) {
            /* computerized scientific notation: one digit, the point, the rest (at least
             * one digit), E and the exponent; far ends (subnormal, infinite) not modelled */
            if (point < (is_float ? -36 : -300) || point > (is_float ? 38 : 308)) return 0;
            out[k++] = (uint8_t)digits[0];
            out[k++] = '.';
            if (nd > 1) {
                memcpy(out + k, digits + 1, nd - 1);
                k += nd - 1;
            } else {
                out[k++] = '0';
            }
            out[k++] = 'E';
            int64_t e = point - 1;
            if (e < 0) {
                out[k++] = '-';
                e = -e;
            }
            char tmp[8];
            size_t m = 0;
            do tmp[m++] = (char)('0' + e % 10); while ((e /= 10) > 0);
            while (m) out[k++] = (uint8_t)tmp[--m];
        } else if (point <= 0) {
            out[k++] = '0';
            out[k++] = '.';
            for (int64_t z = point; z < 0; z++) out[k++] = '0';
            memcpy(out + k, digits, nd);
            k += nd;
        } else if ((size_t)point >= nd) {
            memcpy(out + k, digits, nd);
            k += nd;
            for (size_t z = nd; z < (size_t)point; z++) out[k++] = '0';
            out[k++] = '.';
            out[k++] = '0';
        } else {
            memcpy(out + k, digits, (size_t)point);
            k += (size_t)point;
            out[k++] = '.';
            memcpy(out + k, digits + point, nd - (size_t)point);
            k += nd - (size_t)point;
        }
    }
    if (dst) memcpy(dst, out, k);
    return k;
}
