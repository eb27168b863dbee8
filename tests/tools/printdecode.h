/* printdecode.h - turns captured printer jobs back into images, for the print tests: a ZPL label's
 * ^GFA bitmap (ZPL's compressed ASCII hex: repeat counts G-Y and g-z, ',' '!' ':'), a Brother QL
 * raster job (PackBits lines, mirrored, 62 mm tape) and an ESC/POS job's GS v 0 images. Written
 * from the printers' documentation, independently of the encoders in firmware/print, so that a
 * mistake on one side shows. Header-only: included by tests and tests/tools/printdecode.c. */
#ifndef LY_PRINTDECODE_H
#define LY_PRINTDECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/label.h"

#define PD_MAX_DOTS 20000 /* either side of a decoded image */

static inline bool pd_fail(char *err, size_t errsz, const char *msg)
{
    snprintf(err, errsz, "%s", msg);
    return false;
}

static inline bool pd_alloc(struct ly_bitmap *b, int w, int h)
{
    memset(b, 0, sizeof(*b));
    if (w <= 0 || h <= 0 || w > PD_MAX_DOTS || h > PD_MAX_DOTS)
        return false;
    b->width = w;
    b->height = h;
    b->stride = ((size_t)w + 7) / 8;
    b->bits = calloc((size_t)h, b->stride);
    return b->bits != NULL;
}

static inline void pd_set(struct ly_bitmap *b, int x, int y)
{
    b->bits[(size_t)y * b->stride + (size_t)x / 8] |= (uint8_t)(0x80 >> (x % 8));
}

/* Finds needle (nlen bytes) in hay (n bytes); NULL when absent. */
static inline const char *pd_find(const char *hay, size_t n, const char *needle, size_t nlen)
{
    for (size_t i = 0; i + nlen <= n; i++) {
        if (memcmp(hay + i, needle, nlen) == 0)
            return hay + i;
    }
    return NULL;
}

/* Reads a decimal number at *p (advancing it); -1 when there is none. */
static inline long pd_number(const char **p, const char *end)
{
    long v = -1;
    while (*p < end && **p >= '0' && **p <= '9' && v < 100000000) {
        v = (v < 0 ? 0 : v * 10) + (**p - '0');
        (*p)++;
    }
    return v;
}

static inline int pd_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ZPL: the first ^GFA field of the job, cropped to ^PW when given. */
static inline bool pd_zpl(const uint8_t *data, size_t n, struct ly_bitmap *out, char *err,
                          size_t errsz)
{
    memset(out, 0, sizeof(*out));
    const char *s = (const char *)data, *end = s + n;
    const char *gf = pd_find(s, n, "^GFA,", 5);
    if (gf == NULL)
        return pd_fail(err, errsz, "no ^GFA field");
    const char *p = gf + 5;
    long total = pd_number(&p, end);
    if (p >= end || *p++ != ',')
        return pd_fail(err, errsz, "^GFA: no field count");
    long total2 = pd_number(&p, end);
    if (p >= end || *p++ != ',')
        return pd_fail(err, errsz, "^GFA: no byte count");
    long bpr = pd_number(&p, end);
    if (p >= end || *p++ != ',' || total <= 0 || bpr <= 0 || total != total2 || total % bpr != 0)
        return pd_fail(err, errsz, "^GFA: bad counts");
    int width = (int)bpr * 8, rows = (int)(total / bpr);
    const char *pw = pd_find(s, (size_t)(gf - s), "^PW", 3);
    if (pw != NULL) {
        const char *q = pw + 3;
        long w = pd_number(&q, gf);
        if (w > 0 && w <= width)
            width = (int)w;
    }
    if (!pd_alloc(out, width, rows))
        return pd_fail(err, errsz, "^GFA: image too large");
    size_t nib = 2 * (size_t)bpr;
    uint8_t *row = calloc(1, (size_t)bpr), *prev = calloc(1, (size_t)bpr);
    int y = 0;
    size_t col = 0;
    int count = 0;
    bool ok = row != NULL && prev != NULL;
    for (; ok && p < end && y < rows; p++) {
        char c = *p;
        bool row_done = false;
        if (c == '^' || c == '~')
            break;
        if (c == '\n' || c == '\r' || c == ' ')
            continue;
        if (c >= 'G' && c <= 'Y') {
            count += c - 'G' + 1;
        } else if (c >= 'g' && c <= 'z') {
            count += (c - 'g' + 1) * 20;
        } else if (c == ',' || c == '!') {
            for (; col < nib; col++) {
                int shift = col % 2 ? 0 : 4;
                row[col / 2] =
                    (uint8_t)((row[col / 2] & ~(0xF << shift)) | ((c == '!' ? 0xF : 0) << shift));
            }
            row_done = true;
        } else if (c == ':') {
            if (col != 0)
                ok = pd_fail(err, errsz, "^GFA: ':' inside a row");
            memcpy(row, prev, (size_t)bpr);
            col = nib;
            row_done = true;
        } else if (pd_hex(c) >= 0) {
            int times = count > 0 ? count : 1;
            count = 0;
            if (col + (size_t)times > nib) {
                ok = pd_fail(err, errsz, "^GFA: a run passes the end of its row");
                break;
            }
            for (int k = 0; k < times; k++, col++) {
                int shift = col % 2 ? 0 : 4;
                row[col / 2] = (uint8_t)((row[col / 2] & ~(0xF << shift)) | (pd_hex(c) << shift));
            }
            row_done = col == nib;
        } else {
            ok = pd_fail(err, errsz, "^GFA: a character ZPL does not use in hex data");
        }
        if (ok && row_done) {
            for (int x = 0; x < width; x++) {
                if ((row[x / 8] >> (7 - x % 8)) & 1)
                    pd_set(out, x, y);
            }
            memcpy(prev, row, (size_t)bpr);
            memset(row, 0, (size_t)bpr);
            col = 0;
            y++;
        }
    }
    free(row);
    free(prev);
    if (ok && y != rows)
        ok = pd_fail(err, errsz, "^GFA: fewer rows than its byte count says");
    while (ok && p < end && (*p == '\n' || *p == '\r' || *p == ' '))
        p++;
    if (ok && (p >= end || *p != '^'))
        ok = pd_fail(err, errsz, "^GFA: more data than its byte count says");
    if (!ok)
        ly_bitmap_free(out);
    return ok;
}

/* TIFF PackBits; returns the decoded length, or -1 when src does not decode into max bytes. */
static inline long pd_unpackbits(const uint8_t *src, size_t n, uint8_t *dst, size_t max)
{
    size_t i = 0, o = 0;
    while (i < n) {
        int h = (int8_t)src[i++];
        if (h >= 0) {
            if (i + (size_t)h + 1 > n || o + (size_t)h + 1 > max)
                return -1;
            memcpy(dst + o, src + i, (size_t)h + 1);
            i += (size_t)h + 1;
            o += (size_t)h + 1;
        } else if (h != -128) {
            if (i >= n || o + (size_t)(1 - h) > max)
                return -1;
            memset(dst + o, src[i++], (size_t)(1 - h));
            o += (size_t)(1 - h);
        }
    }
    return (long)o;
}

/* Brother QL: 62 mm tape, 696 dots 12 pins in from the right edge of a 720-pin line. */
static inline bool pd_ql(const uint8_t *d, size_t n, struct ly_bitmap *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof(*out));
    enum { PINS = 720, BYTES = 90, DOTS = 696, RIGHT = 12, MAXLINES = 10000 };
    uint8_t(*lines)[BYTES] = calloc(MAXLINES, BYTES);
    if (lines == NULL)
        return pd_fail(err, errsz, "out of memory");
    long declared = -1, nlines = 0;
    bool packed = false, printed = false, ok = true;
    size_t i = 0;
    while (ok && i < n && !printed) {
        uint8_t c = d[i];
        if (c == 0x00) {
            i++;
        } else if (c == 0x1b && i + 1 < n && d[i + 1] == '@') {
            i += 2;
        } else if (c == 0x1b && i + 2 < n && d[i + 1] == 'i') {
            uint8_t k = d[i + 2];
            size_t len = k == 'z'                                         ? 13
                         : k == 'd'                                       ? 5
                         : (k == 'a' || k == 'M' || k == 'A' || k == 'K') ? 4
                         : k == 'S'                                       ? 3
                                                                          : 0;
            if (len == 0 || i + len > n) {
                ok = pd_fail(err, errsz, "QL: unknown or cut ESC i command");
                break;
            }
            if (k == 'z')
                declared = (long)d[i + 7] | (long)d[i + 8] << 8 | (long)d[i + 9] << 16 |
                           (long)d[i + 10] << 24;
            i += len;
        } else if (c == 'M' && i + 1 < n) {
            packed = d[i + 1] == 0x02;
            i += 2;
        } else if (c == 'Z') {
            if (nlines >= MAXLINES)
                ok = pd_fail(err, errsz, "QL: too many lines");
            else
                memset(lines[nlines++], 0, BYTES);
            i++;
        } else if (c == 'g' && i + 2 < n) {
            size_t len = d[i + 2];
            if (i + 3 + len > n || nlines >= MAXLINES) {
                ok = pd_fail(err, errsz, "QL: a cut raster line");
                break;
            }
            if (packed) {
                if (pd_unpackbits(d + i + 3, len, lines[nlines], BYTES) != BYTES)
                    ok = pd_fail(err, errsz, "QL: a line that does not unpack to 90 bytes");
            } else if (len == BYTES) {
                memcpy(lines[nlines], d + i + 3, BYTES);
            } else {
                ok = pd_fail(err, errsz, "QL: an uncompressed line not 90 bytes long");
            }
            nlines++;
            i += 3 + len;
        } else if (c == 0x1a || c == 0x0c) {
            printed = true;
            i++;
        } else {
            ok = pd_fail(err, errsz, "QL: a byte that starts no command");
        }
    }
    if (ok && !printed)
        ok = pd_fail(err, errsz, "QL: no print command at the end");
    if (ok && declared != nlines)
        ok = pd_fail(err, errsz, "QL: the print information's line count is not the lines sent");
    if (ok && !pd_alloc(out, DOTS, (int)nlines))
        ok = pd_fail(err, errsz, "QL: no lines");
    for (long y = 0; ok && y < nlines; y++) {
        for (int x = 0; x < DOTS; x++) {
            int pin = PINS - 1 - (x + RIGHT);
            if ((lines[y][pin / 8] >> (7 - pin % 8)) & 1)
                pd_set(out, x, (int)y);
        }
    }
    free(lines);
    if (!ok)
        ly_bitmap_free(out);
    return ok;
}

/* ESC/POS: GS v 0 images one under the other, until the cut. */
static inline bool pd_escpos(const uint8_t *d, size_t n, struct ly_bitmap *out, char *err,
                             size_t errsz)
{
    memset(out, 0, sizeof(*out));
    size_t bands = 0, width_bytes = 0;
    long rows = 0;
    /* First pass: the size; second pass: the dots. */
    for (int pass = 0; pass < 2; pass++) {
        size_t i = 0;
        long y = 0;
        bool cut = false;
        while (i < n && !cut) {
            if (d[i] == 0x1b && i + 1 < n && d[i + 1] == '@') {
                i += 2;
            } else if (d[i] == 0x1b && i + 2 < n && d[i + 1] == 'd') {
                i += 3;
            } else if (d[i] == 0x1d && i + 7 < n && d[i + 1] == 'v' && d[i + 2] == '0') {
                size_t x = d[i + 4] | (size_t)d[i + 5] << 8, h = d[i + 6] | (size_t)d[i + 7] << 8;
                if (x == 0 || h == 0 || i + 8 + x * h > n)
                    return pd_fail(err, errsz, "ESC/POS: a cut or empty GS v 0 image");
                if (pass == 0) {
                    if (width_bytes != 0 && width_bytes != x)
                        return pd_fail(err, errsz, "ESC/POS: bands of different widths");
                    width_bytes = x;
                    rows += (long)h;
                    bands++;
                } else {
                    for (size_t r = 0; r < h; r++)
                        memcpy(out->bits + (size_t)(y + (long)r) * out->stride, d + i + 8 + r * x,
                               x);
                    y += (long)h;
                }
                i += 8 + x * h;
            } else if (d[i] == 0x1d && i + 2 < n && d[i + 1] == 'V') {
                cut = true;
            } else {
                return pd_fail(err, errsz, "ESC/POS: a byte that starts no command the slip uses");
            }
        }
        if (!cut)
            return pd_fail(err, errsz, "ESC/POS: no cut at the end");
        if (pass == 0 && (bands == 0 || !pd_alloc(out, (int)width_bytes * 8, (int)rows)))
            return pd_fail(err, errsz, "ESC/POS: no image");
    }
    return true;
}

/* Decodes a job of lang ("zpl", "ql", "escpos"). */
static inline bool pd_decode(const char *lang, const uint8_t *d, size_t n, struct ly_bitmap *out,
                             char *err, size_t errsz)
{
    if (strcmp(lang, "zpl") == 0)
        return pd_zpl(d, n, out, err, errsz);
    if (strcmp(lang, "ql") == 0)
        return pd_ql(d, n, out, err, errsz);
    if (strcmp(lang, "escpos") == 0)
        return pd_escpos(d, n, out, err, errsz);
    return pd_fail(err, errsz, "unknown language");
}

/* Reads a whole file (at most 64 MiB); NULL on error. The caller frees it. */
static inline uint8_t *pd_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (len < cap)
            break;
        uint8_t *more = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
        if (more == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    fclose(f);
    *n = len;
    return buf;
}

#endif
