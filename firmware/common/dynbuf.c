/* dynbuf.c - the capped growable buffer. See dynbuf.h. */
#include "common/dynbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DYN_FIRST 64 /* bytes of the first allocation */

void ly_dynbuf_init(struct ly_dynbuf *b, size_t toobig)
{
    memset(b, 0, sizeof *b);
    b->toobig = toobig;
}

void ly_dynbuf_free(struct ly_dynbuf *b)
{
    free(b->buf);
    b->buf = NULL;
    b->len = b->cap = 0;
}

void ly_dynbuf_reset(struct ly_dynbuf *b)
{
    b->len = 0;
    if (b->buf)
        b->buf[0] = '\0';
}

/* Makes room for extra more bytes of content and the NUL. */
static enum ly_dyn room(struct ly_dynbuf *b, size_t extra)
{
    if (extra > b->toobig - b->len) {
        ly_dynbuf_free(b);
        return LY_DYN_TOO_BIG;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return LY_DYN_OK;
    size_t cap = b->cap ? b->cap : DYN_FIRST;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > b->toobig + 1)
        cap = b->toobig + 1; /* never allocate past what the cap allows */
    char *p = realloc(b->buf, cap);
    if (p == NULL) {
        ly_dynbuf_free(b);
        return LY_DYN_NOMEM;
    }
    b->buf = p;
    b->cap = cap;
    return LY_DYN_OK;
}

enum ly_dyn ly_dynbuf_add(struct ly_dynbuf *b, const void *mem, size_t len)
{
    enum ly_dyn rc = room(b, len);
    if (rc != LY_DYN_OK)
        return rc;
    if (len > 0)
        memcpy(b->buf + b->len, mem, len);
    b->len += len;
    b->buf[b->len] = '\0';
    return LY_DYN_OK;
}

enum ly_dyn ly_dynbuf_add_str(struct ly_dynbuf *b, const char *s)
{
    return ly_dynbuf_add(b, s, strlen(s));
}

enum ly_dyn ly_dynbuf_addf(struct ly_dynbuf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        ly_dynbuf_free(b);
        return LY_DYN_NOMEM;
    }
    if ((size_t)n < sizeof small)
        return ly_dynbuf_add(b, small, (size_t)n);
    enum ly_dyn rc = room(b, (size_t)n);
    if (rc != LY_DYN_OK)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return LY_DYN_OK;
}

enum ly_dyn ly_dynbuf_add_file(struct ly_dynbuf *b, FILE *f)
{
    char chunk[65536];
    for (;;) {
        size_t got = fread(chunk, 1, sizeof chunk, f);
        if (got > 0) {
            enum ly_dyn rc = ly_dynbuf_add(b, chunk, got);
            if (rc != LY_DYN_OK)
                return rc;
        }
        if (got < sizeof chunk)
            break;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        ly_dynbuf_free(b);
        errno = e;
        return LY_DYN_IO;
    }
    return LY_DYN_OK;
}

enum ly_dyn ly_dynbuf_read_file(struct ly_dynbuf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ly_dynbuf_free(b);
        return LY_DYN_IO;
    }
    errno = 0;
    enum ly_dyn rc = ly_dynbuf_add_file(b, f);
    int e = errno;
    fclose(f);
    errno = e;
    return rc == LY_DYN_OK ? ly_dynbuf_add(b, "", 0) : rc; /* allocates for an empty file */
}

char *ly_dynbuf_ptr(const struct ly_dynbuf *b)
{
    return b->buf;
}

const char *ly_dynbuf_str(const struct ly_dynbuf *b)
{
    return b->buf ? b->buf : "";
}

size_t ly_dynbuf_len(const struct ly_dynbuf *b)
{
    return b->len;
}

char *ly_dynbuf_take(struct ly_dynbuf *b, size_t *len)
{
    char *p = b->buf;
    if (len)
        *len = b->len;
    b->buf = NULL;
    b->len = b->cap = 0;
    return p;
}

bool ly_array_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t max)
{
    if (need <= *cap)
        return true;
    if (need > max)
        return false;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n = n > max / 2 ? max : n * 2;
    if (n > max)
        n = max;
    if (n > SIZE_MAX / elem)
        return false;
    void *p = realloc(*arr, n * elem);
    if (p == NULL)
        return false;
    *arr = p;
    *cap = n;
    return true;
}
