/* utf8.c - strict UTF-8 validation. See utf8.h. The accepted byte sequences are exactly those
 * of the table in RFC 3629 section 4 (Unicode 15, table 3-7). */
#include "common/utf8.h"

size_t ly_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0)
        return 0;
    unsigned char b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    unsigned long v;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        v = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        v = b0 & 0x0Fu;
        if (b0 == 0xE0)
            lo = 0xA0; /* below is overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* above is a surrogate */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        v = b0 & 0x07u;
        if (b0 == 0xF0)
            lo = 0x90; /* below is overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above is past U+10FFFF */
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (n < len)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    v = (v << 6) | (p[1] & 0x3Fu);
    for (size_t i = 2; i < len; i++) {
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    *cp = v;
    return len;
}

bool ly_utf8_count(const char *s, size_t n, size_t *count)
{
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned long cp;
        size_t len = ly_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return false;
        i += len;
        k++;
    }
    *count = k;
    return true;
}

bool ly_utf8_valid(const char *s, size_t n)
{
    size_t k;
    return ly_utf8_count(s, n, &k);
}

size_t ly_utf8_encode(unsigned long cp, char *o)
{
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
