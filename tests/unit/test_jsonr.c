/* test_jsonr.c - the bounded JSON reader: values and accessors, every limit at and past its
 * bound, malformed text, UTF-8 and escapes, duplicate keys. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "common/jsonr.h"
#include "common/ly_limits.h"

static struct ly_jsonr *parse(const char *s)
{
    char err[200];
    return ly_jsonr_parse(s, strlen(s), err, sizeof err);
}

/* Whether s is refused, with an error that mentions want. */
static int refused(const char *s, size_t n, const char *want)
{
    char err[200] = "";
    struct ly_jsonr *d = ly_jsonr_parse(s, n, err, sizeof err);
    if (d != NULL) {
        ly_jsonr_free(d);
        return 0;
    }
    if (strstr(err, want) == NULL) {
        fprintf(stderr, "error \"%s\" does not mention \"%s\"\n", err, want);
        return 0;
    }
    return 1;
}
#define REFUSED(s, want) refused((s), sizeof(s) - 1, (want))

static void test_batch_shape(void)
{
    struct ly_jsonr *d = parse(" {\"kiosk_id\":\"8c1e\",\"queue\":3,\"checkins\":[{\"uuid\":\"a\","
                               "\"seq\":1,\"ok\":true},{\"uuid\":\"b\",\"seq\":-2,\"ok\":false,"
                               "\"x\":null}],\"f\":1.5e3} \n");
    CHECK(d != NULL);
    if (d == NULL)
        return;
    const struct ly_jsonr_val *r = ly_jsonr_root(d);
    CHECK_INT(ly_jsonr_type(r), LY_JSONR_OBJECT);
    CHECK_INT(ly_jsonr_len(r), 4);
    CHECK_STR(ly_jsonr_get_str(r, "kiosk_id", 36), "8c1e");
    CHECK(ly_jsonr_get_str(r, "kiosk_id", 3) == NULL); /* longer than maxlen */
    int64_t q = 0;
    CHECK(ly_jsonr_get_int(r, "queue", 0, 100, &q));
    CHECK_INT(q, 3);
    CHECK(!ly_jsonr_get_int(r, "queue", 4, 100, &q)); /* out of range */
    CHECK(!ly_jsonr_get_int(r, "f", 0, 10000, &q));   /* not an integer */
    CHECK_STR(ly_jsonr_num_text(ly_jsonr_get(r, "f")), "1.5e3");
    CHECK(!ly_jsonr_get_int(r, "missing", 0, 1, &q));
    const struct ly_jsonr_val *a = ly_jsonr_get(r, "checkins");
    CHECK_INT(ly_jsonr_len(a), 2);
    const struct ly_jsonr_val *c = ly_jsonr_first(a);
    CHECK(ly_jsonr_key(c) == NULL);
    CHECK_STR(ly_jsonr_get_str(c, "uuid", 36), "a");
    bool b = false;
    CHECK(ly_jsonr_bool(ly_jsonr_get(c, "ok"), &b) && b);
    c = ly_jsonr_next(c);
    CHECK(ly_jsonr_get_int(c, "seq", -5, 5, &q));
    CHECK_INT(q, -2);
    CHECK(ly_jsonr_bool(ly_jsonr_get(c, "ok"), &b) && !b);
    CHECK_INT(ly_jsonr_type(ly_jsonr_get(c, "x")), LY_JSONR_NULL);
    CHECK(ly_jsonr_next(c) == NULL);
    /* keys of an object in order */
    const struct ly_jsonr_val *m = ly_jsonr_first(r);
    CHECK_STR(ly_jsonr_key(m), "kiosk_id");
    CHECK_STR(ly_jsonr_key(ly_jsonr_next(m)), "queue");
    ly_jsonr_free(d);
}

static void test_scalars_at_top(void)
{
    struct ly_jsonr *d = parse("\"x\"");
    CHECK(d && ly_jsonr_type(ly_jsonr_root(d)) == LY_JSONR_STRING);
    ly_jsonr_free(d);
    d = parse("-0");
    int64_t v = 5;
    CHECK(d && ly_jsonr_int(ly_jsonr_root(d), -1, 1, &v) && v == 0);
    ly_jsonr_free(d);
    d = parse("9223372036854775807");
    CHECK(d && ly_jsonr_int(ly_jsonr_root(d), INT64_MIN, INT64_MAX, &v) && v == INT64_MAX);
    ly_jsonr_free(d);
    d = parse("9223372036854775808"); /* valid JSON, not an int64 */
    CHECK(d && !ly_jsonr_int(ly_jsonr_root(d), INT64_MIN, INT64_MAX, &v));
    ly_jsonr_free(d);
    d = parse("[]");
    CHECK(d && ly_jsonr_len(ly_jsonr_root(d)) == 0 && ly_jsonr_first(ly_jsonr_root(d)) == NULL);
    ly_jsonr_free(d);
}

static void test_malformed(void)
{
    CHECK(REFUSED("", "unexpected end"));
    CHECK(REFUSED("   ", "unexpected end"));
    CHECK(REFUSED("{", "expected a key"));
    CHECK(REFUSED("{\"a\"}", "expected ':'"));
    CHECK(REFUSED("{\"a\":1,}", "expected a key"));
    CHECK(REFUSED("[1,]", "unexpected character"));
    CHECK(REFUSED("[1 2]", "expected ',' or ']'"));
    CHECK(REFUSED("{\"a\":1} x", "text after the value"));
    CHECK(REFUSED("{} {}", "text after the value"));
    CHECK(REFUSED("01", "text after the value"));
    CHECK(REFUSED("1.", "bad number"));
    CHECK(REFUSED("-", "bad number"));
    CHECK(REFUSED("1e", "bad number"));
    CHECK(REFUSED("+1", "unexpected character"));
    CHECK(REFUSED("tru", "unexpected character"));
    CHECK(REFUSED("nul", "unexpected character"));
    CHECK(REFUSED("'a'", "unexpected character"));
    CHECK(REFUSED("\"abc", "unterminated string"));
    CHECK(REFUSED("\"a\\", "unterminated string"));
    CHECK(REFUSED("\"a\\x\"", "bad escape"));
    CHECK(REFUSED("\"a\nb\"", "control character"));
    CHECK(REFUSED("{\"a\":1,\"a\":2}", "duplicate key"));
    CHECK(REFUSED("[1]\0", "text after the value"));
}

static void test_strings_and_utf8(void)
{
    struct ly_jsonr *d =
        parse("[\"Fran\\u00e7ois\",\"\\ud83d\\ude00\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\","
              "\"\xe7\x8e\x8b\"]");
    CHECK(d != NULL);
    if (d == NULL)
        return;
    const struct ly_jsonr_val *v = ly_jsonr_first(ly_jsonr_root(d));
    CHECK_STR(ly_jsonr_str(v, NULL), "Fran\xc3\xa7ois");
    v = ly_jsonr_next(v);
    size_t len = 0;
    CHECK_STR(ly_jsonr_str(v, &len), "\xf0\x9f\x98\x80");
    CHECK_INT(len, 4);
    v = ly_jsonr_next(v);
    CHECK_STR(ly_jsonr_str(v, NULL), "\"\\/\b\f\n\r\t");
    v = ly_jsonr_next(v);
    CHECK_STR(ly_jsonr_str(v, NULL), "\xe7\x8e\x8b");
    CHECK(ly_jsonr_str(ly_jsonr_root(d), NULL) == NULL); /* an array is not a string */
    ly_jsonr_free(d);

    CHECK(REFUSED("\"\\u0000\"", "\\u0000"));
    CHECK(REFUSED("\"\\ud800\"", "lone high surrogate"));
    CHECK(REFUSED("\"\\ud800\\u0041\"", "lone high surrogate"));
    CHECK(REFUSED("\"\\udc00\"", "lone low surrogate"));
    CHECK(REFUSED("\"\\u12g4\"", "bad \\u escape"));
    CHECK(REFUSED("\"\\u12\"", "truncated \\u escape"));
    CHECK(REFUSED("\"\xc0\xaf\"", "invalid UTF-8"));     /* overlong */
    CHECK(REFUSED("\"\xed\xa0\x80\"", "invalid UTF-8")); /* raw surrogate */
    CHECK(REFUSED("\"\xff\"", "invalid UTF-8"));
    CHECK(REFUSED("\"a\0b\"", "control character"));
}

static void test_depth_limit(void)
{
    char buf[2 * (LY_JSON_DEPTH_MAX + 1) + 1];
    for (int i = 0; i < LY_JSON_DEPTH_MAX; i++) {
        buf[i] = '[';
        buf[LY_JSON_DEPTH_MAX + i] = ']';
    }
    struct ly_jsonr *d = ly_jsonr_parse(buf, 2 * LY_JSON_DEPTH_MAX, NULL, 0);
    CHECK(d != NULL); /* exactly the limit */
    ly_jsonr_free(d);
    for (int i = 0; i <= LY_JSON_DEPTH_MAX; i++) {
        buf[i] = '[';
        buf[LY_JSON_DEPTH_MAX + 1 + i] = ']';
    }
    CHECK(refused(buf, 2 * (LY_JSON_DEPTH_MAX + 1), "nested too deeply"));
    /* a hostile nesting far past the limit stops at the limit, not at the stack */
    size_t n = 1000000;
    char *deep = malloc(n);
    memset(deep, '[', n);
    CHECK(refused(deep, n, "nested too deeply"));
    free(deep);
}

static void test_size_limits(void)
{
    /* a string at the limit and one byte past it */
    size_t n = LY_JSON_STRING_MAX + 3;
    char *s = malloc(n + 1);
    s[0] = '"';
    memset(s + 1, 'a', n - 2);
    s[n - 1] = '"';
    CHECK(refused(s, n, "string too long"));
    struct ly_jsonr *d = ly_jsonr_parse(s + 1, n - 1, NULL, 0);
    CHECK(d == NULL); /* no opening quote */
    s[1] = '"';
    d = ly_jsonr_parse(s + 1, n - 1, NULL, 0);
    CHECK(d != NULL);
    size_t len = 0;
    CHECK(d && ly_jsonr_str(ly_jsonr_root(d), &len) && len == LY_JSON_STRING_MAX);
    ly_jsonr_free(d);
    free(s);

    /* members of one array: the limit and one past it */
    size_t cap = 2 * (LY_JSON_MEMBERS_MAX + 1) + 2;
    char *a = malloc(cap);
    size_t k = 0;
    a[k++] = '[';
    for (int i = 0; i < LY_JSON_MEMBERS_MAX; i++) {
        a[k++] = '0';
        a[k++] = ',';
    }
    a[k - 1] = ']';
    d = ly_jsonr_parse(a, k, NULL, 0);
    CHECK(d && ly_jsonr_len(ly_jsonr_root(d)) == LY_JSON_MEMBERS_MAX);
    ly_jsonr_free(d);
    a[k - 1] = ',';
    a[k++] = '0';
    a[k++] = ']';
    CHECK(refused(a, k, "too many members"));
    free(a);

    /* a number literal past its limit */
    char num[LY_JSON_NUMBER_MAX + 2];
    memset(num, '1', sizeof num);
    CHECK(refused(num, sizeof num, "number too long"));

    /* the whole text */
    CHECK(refused("1", (size_t)LY_JSON_TEXT_MAX + 1, "over the limit"));
}

static void test_node_limit(void)
{
    /* many small arrays, each under the member limit, past the document's value limit */
    size_t per = 1000, arrays = LY_JSON_NODES_MAX / per + 1;
    size_t cap = arrays * (2 * per + 2) + 2;
    char *t = malloc(cap);
    size_t k = 0;
    t[k++] = '[';
    for (size_t i = 0; i < arrays; i++) {
        t[k++] = '[';
        for (size_t j = 0; j < per; j++) {
            t[k++] = '0';
            t[k++] = ',';
        }
        t[k - 1] = ']';
        t[k++] = ',';
    }
    t[k - 1] = ']';
    CHECK(refused(t, k, "too many values"));
    free(t);
}

static void test_many_keys_unique(void)
{
    /* an object with many keys goes through the sorted duplicate check */
    char buf[64 * 16];
    size_t k = 0;
    buf[k++] = '{';
    for (int i = 0; i < 50; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "\"k%02d\":%d,", i, i);
    buf[k - 1] = '}';
    struct ly_jsonr *d = ly_jsonr_parse(buf, k, NULL, 0);
    int64_t v = 0;
    CHECK(d && ly_jsonr_get_int(ly_jsonr_root(d), "k49", 0, 100, &v) && v == 49);
    ly_jsonr_free(d);
    buf[k - 1] = ',';
    k += (size_t)snprintf(buf + k, sizeof buf - k, "\"k17\":1}");
    CHECK(refused(buf, k, "duplicate key"));
}

int main(void)
{
    RUN(test_batch_shape);
    RUN(test_scalars_at_top);
    RUN(test_malformed);
    RUN(test_strings_and_utf8);
    RUN(test_depth_limit);
    RUN(test_size_limits);
    RUN(test_node_limit);
    RUN(test_many_keys_unique);
    return CHECK_DONE();
}
