/* test_hub_frame.c - the hub's framing checks (hub_frame.h): lengths, codings, names and values
 * with their NUL bytes, the request line and percent-decoding. */
#include <string.h>

#include "check.h"
#include "hub/hub_frame.h"

/* Feeds "Name: value" pairs (NULL-terminated list; lengths by strlen) and reports the verdict. */
static bool headers(const char *const *kv)
{
    struct ly_frame f;
    ly_frame_init(&f);
    for (size_t i = 0; kv[i]; i += 2)
        ly_frame_header(&f, kv[i], strlen(kv[i]), kv[i + 1], strlen(kv[i + 1]));
    return !f.bad;
}

static void lengths(void)
{
    CHECK(headers((const char *[]){"Host", "h", "Content-Length", "12", NULL}));
    CHECK(headers((const char *[]){"content-length", "0", NULL}));
    CHECK(headers((const char *[]){"Transfer-Encoding", "chunked", NULL}));
    CHECK(headers((const char *[]){"Transfer-Encoding", "CHUNKED", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "4", "Transfer-Encoding", "chunked", NULL}));
    CHECK(!headers((const char *[]){"Transfer-Encoding", "chunked", "Content-Length", "4", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "4", "Content-Length", "4", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "4", "content-length", "5", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "+4", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "-1", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "0x4", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "4, 4", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "4 ", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "", NULL}));
    CHECK(!headers((const char *[]){"Content-Length", "1234567890123456789", NULL}));
    CHECK(!headers((const char *[]){"Transfer-Encoding", "gzip", NULL}));
    CHECK(!headers((const char *[]){"Transfer-Encoding", "gzip, chunked", NULL}));
    CHECK(!headers((const char *[]){"Transfer-Encoding", "chunked, identity", NULL}));
    CHECK(!headers((const char *[]){"Transfer-Encoding", "xchunked", NULL}));
    CHECK(!headers(
        (const char *[]){"Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked", NULL}));
}

static void bytes(void)
{
    struct ly_frame f;
    ly_frame_init(&f);
    CHECK(!ly_frame_header(&f, "X-A", 3, "a\0b", 3) && f.bad && strstr(f.why, "NUL"));
    ly_frame_init(&f);
    CHECK(!ly_frame_header(&f, "X\0A", 3, "b", 1));
    CHECK(!headers((const char *[]){"X-A", "a\001b", NULL}));
    CHECK(!headers((const char *[]){"X-A", "a\x7f", NULL}));
    CHECK(!headers((const char *[]){"X-A", "a\rb", NULL}));
    CHECK(headers((const char *[]){"X-A", "a\tb \xc3\xa9", NULL})); /* tab and UTF-8: fine */
    CHECK(!headers((const char *[]){"X A", "b", NULL}));
    CHECK(!headers((const char *[]){"", "b", NULL}));
    CHECK(!headers((const char *[]){"X:A", "b", NULL}));
    /* once bad, bad: the first reason stays */
    ly_frame_init(&f);
    ly_frame_header(&f, "Content-Length", 14, "x", 1);
    const char *why = f.why;
    CHECK(!ly_frame_header(&f, "Host", 4, "h", 1) && f.why == why);
}

static void request_line(void)
{
    struct ly_frame f;
    ly_frame_init(&f);
    CHECK(ly_frame_line(&f, "GET", "/api/v1/health", "HTTP/1.1"));
    ly_frame_init(&f);
    CHECK(ly_frame_line(&f, "POST", "/api/v1/checkins", "HTTP/1.0"));
    CHECK(!ly_frame_header(&f, "Transfer-Encoding", 17, "chunked", 7) && strstr(f.why, "1.0"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "GET", "/a", "HTTP/2.0"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "G(T", "/a", "HTTP/1.1"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "GET", "/a b", "HTTP/1.1"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "GET", "/a\x1b", "HTTP/1.1"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "GET", "*", "HTTP/1.1"));
    ly_frame_init(&f);
    CHECK(!ly_frame_line(&f, "GET", NULL, "HTTP/1.1"));
}

static void unescape(void)
{
    char s[64];
    bool bad = false;
    snprintf(s, sizeof s, "%s", "/dashboard/index.html");
    CHECK(ly_frame_unescape(s, &bad) == 21 && !bad);
    snprintf(s, sizeof s, "%s", "a%20b%2Fc%7e");
    CHECK(ly_frame_unescape(s, &bad) == 6 && !bad && strcmp(s, "a b/c~") == 0);
    snprintf(s, sizeof s, "%s", "/dashboard/index.html%00.txt");
    bad = false;
    ly_frame_unescape(s, &bad);
    CHECK(bad);
    const char *hostile[] = {"1%0d%0a", "%7f", "%1b", "%", "%4", "%zz", "%0", "a%g0"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        snprintf(s, sizeof s, "%s", hostile[i]);
        bad = false;
        ly_frame_unescape(s, &bad);
        CHECK(bad);
    }
}

int main(void)
{
    RUN(lengths);
    RUN(bytes);
    RUN(request_line);
    RUN(unescape);
    return CHECK_DONE();
}
