/* fuzz_hub_frame.c - libFuzzer harness for the hub's framing checks (hub_frame.h): the input is a
 * request head, cut into lines at LF (a CR before it dropped), the first line into method,
 * target and version at its first and last space, each other line into name and value at its
 * first colon, the raw bytes (NUL included) handed over with their lengths, as the HTTP layer
 * does. Checks: a head accepted has one way to find its body end at most (never both lengths,
 * one Content-Length of digits, one coding and that one "chunked"), no NUL or control byte in
 * a value, a token for each name, HTTP/1.0 or 1.1; the target percent-decoded never grows and,
 * when not refused, holds no control byte or NUL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hub/hub_frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_unescape(const char *s, size_t n)
{
    char *u = malloc(n + 1);
    if (u == NULL)
        return;
    memcpy(u, s, n);
    u[n] = '\0';
    size_t in = strlen(u);
    bool bad = false;
    size_t out = ly_frame_unescape(u, &bad);
    if (out > in || strlen(u) != out)
        abort();
    if (!bad)
        for (size_t i = 0; i < out; i++)
            if ((unsigned char)u[i] < 0x20 || (unsigned char)u[i] == 0x7f)
                abort();
    free(u);
}

static void check_header(const char *name, size_t nlen, const char *value, size_t vlen, int *cl,
                         int *te)
{
    if (memchr(name, '\0', nlen) || memchr(value, '\0', vlen))
        abort();
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = (unsigned char)value[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            abort();
    }
    if (nlen == 0)
        abort();
    if (nlen == 14 && strncasecmp(name, "Content-Length", 14) == 0) {
        ++*cl;
        for (size_t i = 0; i < vlen; i++)
            if (value[i] < '0' || value[i] > '9')
                abort();
        if (vlen == 0)
            abort();
    }
    if (nlen == 17 && strncasecmp(name, "Transfer-Encoding", 17) == 0) {
        ++*te;
        if (vlen != 7 || strncasecmp(value, "chunked", 7) != 0)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    struct ly_frame f;
    ly_frame_init(&f);
    int cl = 0, te = 0;
    bool first = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t n = (size_t)(le - p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (first) {
            first = false;
            char *line = malloc(n + 1);
            if (line == NULL)
                return 0;
            memcpy(line, p, n);
            line[n] = '\0';
            char *sp1 = strchr(line, ' '), *sp2 = strrchr(line, ' ');
            if (sp1 && sp2 > sp1) {
                *sp1 = *sp2 = '\0';
                check_unescape(sp1 + 1, strlen(sp1 + 1));
                if (ly_frame_line(&f, line, sp1 + 1, sp2 + 1) && strcmp(sp2 + 1, "HTTP/1.1") != 0 &&
                    strcmp(sp2 + 1, "HTTP/1.0") != 0)
                    abort();
            }
            free(line);
        } else if (n > 0) {
            const char *colon = memchr(p, ':', n);
            if (colon) {
                const char *v = colon + 1, *ve = p + n;
                while (v < ve && (*v == ' ' || *v == '\t'))
                    v++;
                size_t nlen = (size_t)(colon - p), vlen = (size_t)(ve - v);
                if (ly_frame_header(&f, p, nlen, v, vlen))
                    check_header(p, nlen, v, vlen, &cl, &te);
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (!f.bad && (cl > 1 || te > 1 || (cl && te)))
        abort();
    if (f.bad && f.why == NULL)
        abort();
    return 0;
}
