/* test_utf8.c - strict UTF-8 validation: RFC 3629 boundaries, overlongs, surrogates. */
#include <string.h>

#include "../check.h"
#include "common/utf8.h"

#define V(s) ly_utf8_valid((s), sizeof(s) - 1)

static void test_ascii_and_scripts(void)
{
    CHECK(V(""));
    CHECK(V("Ada Lovelace"));
    CHECK(V("Fran\xC3\xA7ois"));                          /* French */
    CHECK(V("\xD0\x9C\xD0\xB0\xD1\x80\xD0\xB8\xD1\x8F")); /* Мария */
    CHECK(V("\xE7\x8E\x8B\xE4\xBC\x9F"));                 /* 王伟 */
    CHECK(V("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"));         /* محمد */
    CHECK(V("\xF0\x9F\x98\x80"));                         /* an emoji, 4 bytes */
    CHECK(V("a\0b"));                                     /* NUL is U+0000, well-formed */
}

static void test_boundaries(void)
{
    CHECK(V("\x7F"));
    CHECK(V("\xC2\x80"));         /* U+0080 */
    CHECK(V("\xDF\xBF"));         /* U+07FF */
    CHECK(V("\xE0\xA0\x80"));     /* U+0800 */
    CHECK(V("\xED\x9F\xBF"));     /* U+D7FF */
    CHECK(V("\xEE\x80\x80"));     /* U+E000 */
    CHECK(V("\xEF\xBF\xBF"));     /* U+FFFF */
    CHECK(V("\xF0\x90\x80\x80")); /* U+10000 */
    CHECK(V("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
}

static void test_rejects(void)
{
    CHECK(!V("\x80"));             /* lone continuation */
    CHECK(!V("\xC3"));             /* truncated */
    CHECK(!V("\xE2\x82"));         /* truncated */
    CHECK(!V("\xC0\xAF"));         /* overlong '/' */
    CHECK(!V("\xC1\xBF"));         /* overlong */
    CHECK(!V("\xE0\x80\xAF"));     /* overlong 3-byte */
    CHECK(!V("\xE0\x9F\xBF"));     /* overlong U+07FF */
    CHECK(!V("\xF0\x80\x80\xAF")); /* overlong 4-byte */
    CHECK(!V("\xF0\x8F\xBF\xBF")); /* overlong U+FFFF */
    CHECK(!V("\xED\xA0\x80"));     /* U+D800 surrogate */
    CHECK(!V("\xED\xBF\xBF"));     /* U+DFFF surrogate */
    CHECK(!V("\xF4\x90\x80\x80")); /* U+110000 */
    CHECK(!V("\xF5\x80\x80\x80"));
    CHECK(!V("\xFE"));
    CHECK(!V("\xFF"));
    CHECK(!V("abc\xC3(")); /* bad continuation */
    CHECK(!V("\xE2\x28\xA1"));
    CHECK(!V("\xF0\x9F\x98")); /* truncated emoji */
}

static void test_count_and_decode(void)
{
    size_t n = 99;
    CHECK(ly_utf8_count("Fran\xC3\xA7ois", 8, &n));
    CHECK_INT(n, 7);
    CHECK(ly_utf8_count("", 0, &n));
    CHECK_INT(n, 0);
    n = 42;
    CHECK(!ly_utf8_count("\xFF", 1, &n));
    CHECK_INT(n, 42);
    unsigned long cp = 0;
    CHECK_INT(ly_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_INT(cp, 0x1F600);
    CHECK_INT(ly_utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
    CHECK_INT(cp, 0x20AC);
    CHECK_INT(ly_utf8_decode("\xE2\x82\xAC", 2, &cp), 0); /* needs 3 bytes, 2 available */
}

/* Every 1- and 2-byte sequence against a reference decoder written from the definition. */
static void test_exhaustive_two_bytes(void)
{
    int mismatches = 0;
    for (int a = 0; a < 256; a++) {
        for (int b = 0; b < 256; b++) {
            char s[2] = {(char)a, (char)b};
            bool want;
            if (a < 0x80)
                want = b < 0x80;
            else if (a >= 0xC2 && a <= 0xDF)
                want = b >= 0x80 && b <= 0xBF;
            else
                want = false;
            if (ly_utf8_valid(s, 2) != want)
                mismatches++;
        }
    }
    CHECK_INT(mismatches, 0);
}

/* Every scalar value encodes to the bytes that decode back to it; surrogates and values past
 * U+10FFFF become U+FFFD. */
static void test_encode_round_trip(void)
{
    long bad = 0;
    for (unsigned long cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char b[4];
        unsigned long back = 0;
        size_t n = ly_utf8_encode(cp, b);
        bad += ly_utf8_decode(b, n, &back) != n || back != cp;
    }
    CHECK_INT(bad, 0);
    char b[4];
    CHECK_INT(ly_utf8_encode(0xD800, b), 3);
    CHECK(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    CHECK_INT(ly_utf8_encode(0x110000, b), 3);
    CHECK(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    CHECK_INT(ly_utf8_encode(0x10FFFF, b), 4);
    CHECK(memcmp(b, "\xF4\x8F\xBF\xBF", 4) == 0);
}

int main(void)
{
    RUN(test_ascii_and_scripts);
    RUN(test_boundaries);
    RUN(test_rejects);
    RUN(test_count_and_decode);
    RUN(test_exhaustive_two_bytes);
    RUN(test_encode_round_trip);
    return CHECK_DONE();
}
