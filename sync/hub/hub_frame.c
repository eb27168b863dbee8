/* hub_frame.c - the checks of a request's framing. See hub_frame.h. */
#include <string.h>
#include <strings.h>

#include "common/num.h"
#include "hub/hub_frame.h"

#define CONTENT_LENGTH_DIGITS 18 /* more digits than any body the hub reads; no overflow */

void ly_frame_init(struct ly_frame *f)
{
    memset(f, 0, sizeof *f);
}

static bool fail(struct ly_frame *f, const char *why)
{
    if (!f->bad) {
        f->bad = true;
        f->why = why;
    }
    return false;
}

/* RFC 9110 tchar: what a method or a header name is made of. */
static bool is_tchar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool is_token(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_tchar((unsigned char)s[i]))
            return false;
    return true;
}

/* A field value: visible ASCII, spaces and tabs, and bytes above 0x7f (obs-text); never a
 * control byte, DEL or NUL. */
static bool is_field_value(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0 || n > CONTENT_LENGTH_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool ly_frame_header(struct ly_frame *f, const char *name, size_t nlen, const char *value,
                     size_t vlen)
{
    if (f->bad)
        return false;
    if (name == NULL || value == NULL)
        return fail(f, "A header is malformed.");
    if (strnlen(name, nlen) != nlen || strnlen(value, vlen) != vlen)
        return fail(f, "A header holds a NUL byte.");
    if (!is_token(name, nlen))
        return fail(f, "A header name is not a token.");
    if (!is_field_value(value, vlen))
        return fail(f, "A header value holds a control byte.");
    if (nlen == 14 && strncasecmp(name, "Content-Length", 14) == 0) {
        if (++f->content_length > 1)
            return fail(f, "Content-Length is given more than once.");
        if (!all_digits(value, vlen))
            return fail(f, "Content-Length is not a plain number.");
    } else if (nlen == 17 && strncasecmp(name, "Transfer-Encoding", 17) == 0) {
        if (f->http10)
            return fail(f, "Transfer-Encoding in an HTTP/1.0 request.");
        if (++f->transfer_encoding > 1)
            return fail(f, "Transfer-Encoding is given more than once.");
        if (vlen != 7 || strncasecmp(value, "chunked", 7) != 0)
            return fail(f, "The only transfer coding accepted is chunked.");
    }
    if (f->content_length > 0 && f->transfer_encoding > 0)
        return fail(f, "Content-Length and Transfer-Encoding together.");
    return true;
}

bool ly_frame_line(struct ly_frame *f, const char *method, const char *url, const char *version)
{
    if (f->bad)
        return false;
    if (method == NULL || url == NULL || version == NULL)
        return fail(f, "The request line is malformed.");
    if (!is_token(method, strlen(method)))
        return fail(f, "The method is not a token.");
    if (strcmp(version, "HTTP/1.1") != 0 && strcmp(version, "HTTP/1.0") != 0)
        return fail(f, "Only HTTP/1.0 and HTTP/1.1 are spoken here.");
    f->http10 = strcmp(version, "HTTP/1.0") == 0;
    if (url[0] != '/')
        return fail(f, "The request target is not a path.");
    for (const char *p = url; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7f)
            return fail(f, "The request target holds a control byte or a space.");
    }
    return true;
}

size_t ly_frame_unescape(char *s, bool *bad)
{
    size_t r = 0, w = 0;
    while (s[r] != '\0') {
        unsigned char c = (unsigned char)s[r];
        if (c == '%') {
            int hi = ly_num_hex_digit(s[r + 1]), lo = hi < 0 ? -1 : ly_num_hex_digit(s[r + 2]);
            if (lo < 0) {
                *bad = true;
                break;
            }
            c = (unsigned char)(hi * 16 + lo);
            r += 3;
        } else {
            r++;
        }
        if (c < 0x20 || c == 0x7f) {
            *bad = true;
            break;
        }
        s[w++] = (char)c;
    }
    s[w] = '\0';
    return w;
}
