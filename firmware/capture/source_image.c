/* source_image.c - image files as Y800 frames (PNG through cairo, PGM P5 by hand, JPEG through
 * libjpeg when built with LY_HAVE_JPEG), and the "file:" source that yields one such frame. */
#include "capture/source_impl.h"

#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef LY_HAVE_JPEG
#include <jpeglib.h>
#include <setjmp.h>
#endif

#include "common/dynbuf.h"

/* Reads a whole file of at most LY_IMAGE_FILE_MAX bytes. The caller frees *buf. */
static bool read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errsz)
{
    struct ly_dynbuf data;
    ly_dynbuf_init(&data, (size_t)LY_IMAGE_FILE_MAX);
    enum ly_dyn rc = ly_dynbuf_read_file(&data, path);
    if (rc == LY_DYN_OK) {
        *buf = (uint8_t *)ly_dynbuf_take(&data, len);
        return true;
    }
    *buf = NULL;
    if (rc == LY_DYN_TOO_BIG)
        snprintf(err, errsz, "%s: larger than %ld bytes", path, LY_IMAGE_FILE_MAX);
    else
        snprintf(err, errsz, "%s: %s", path, rc == LY_DYN_IO ? strerror(errno) : "out of memory");
    return false;
}

/* PGM header token: skips whitespace and '#' comments, then reads a decimal number of at most
 * five digits. */
static bool pgm_number(const uint8_t *b, size_t len, size_t *pos, int *out)
{
    size_t p = *pos;
    int v = 0, digits = 0;
    for (;;) {
        if (p >= len)
            return false;
        if (b[p] == '#') {
            while (p < len && b[p] != '\n')
                p++;
        } else if (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r') {
            p++;
        } else {
            break;
        }
    }
    while (p < len && b[p] >= '0' && b[p] <= '9') {
        if (++digits > 5)
            return false;
        v = v * 10 + (b[p] - '0');
        p++;
    }
    if (digits == 0)
        return false;
    *pos = p;
    *out = v;
    return true;
}

static bool load_pgm(const char *path, const uint8_t *b, size_t len, struct ly_frame *out,
                     char *err, size_t errsz)
{
    size_t pos = 2;
    int w, h, maxval;
    if (!pgm_number(b, len, &pos, &w) || !pgm_number(b, len, &pos, &h) ||
        !pgm_number(b, len, &pos, &maxval) || pos >= len ||
        !(b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
        snprintf(err, errsz, "%s: bad PGM header", path);
        return false;
    }
    pos++; /* exactly one whitespace byte before the pixels */
    if (w < 1 || h < 1 || w > LY_FRAME_DIM_MAX || h > LY_FRAME_DIM_MAX) {
        snprintf(err, errsz, "%s: PGM size %dx%d out of range (1 to %d)", path, w, h,
                 LY_FRAME_DIM_MAX);
        return false;
    }
    if (maxval < 1 || maxval > 65535) {
        snprintf(err, errsz, "%s: PGM maxval %d out of range", path, maxval);
        return false;
    }
    size_t bpp = maxval > 255 ? 2 : 1;
    size_t need = (size_t)w * (size_t)h * bpp;
    if (len - pos < need) {
        snprintf(err, errsz, "%s: PGM truncated (%zu of %zu pixel bytes)", path, len - pos, need);
        return false;
    }
    if (!ly_frame_alloc(out, w, h)) {
        snprintf(err, errsz, "%s: out of memory", path);
        return false;
    }
    const uint8_t *px = b + pos;
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
        unsigned v = bpp == 2 ? ((unsigned)px[2 * i] << 8 | px[2 * i + 1]) : px[i];
        if (v > (unsigned)maxval)
            v = (unsigned)maxval;
        out->data[i] = (uint8_t)((v * 255u + (unsigned)maxval / 2) / (unsigned)maxval);
    }
    return true;
}

static bool load_png(const char *path, struct ly_frame *out, char *err, size_t errsz)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    bool ok = false;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errsz, "%s: cannot read PNG (%s)", path,
                 cairo_status_to_string(cairo_surface_status(s)));
        goto end;
    }
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t fmt = cairo_image_surface_get_format(s);
    const uint8_t *px = cairo_image_surface_get_data(s);
    if (w > LY_FRAME_DIM_MAX || h > LY_FRAME_DIM_MAX) {
        snprintf(err, errsz, "%s: PNG size %dx%d larger than %d", path, w, h, LY_FRAME_DIM_MAX);
        goto end;
    }
    if (px == NULL ||
        (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_A8)) {
        snprintf(err, errsz, "%s: unsupported PNG pixel format", path);
        goto end;
    }
    if (!ly_frame_alloc(out, w, h)) {
        snprintf(err, errsz, "%s: out of memory", path);
        goto end;
    }
    for (int y = 0; y < h; y++) {
        const uint8_t *row = px + (size_t)y * (size_t)stride;
        uint8_t *dst = out->data + (size_t)y * (size_t)out->stride;
        for (int x = 0; x < w; x++) {
            if (fmt == CAIRO_FORMAT_A8) {
                /* an alpha-only image is black ink on white paper */
                dst[x] = (uint8_t)(255 - row[x]);
                continue;
            }
            uint32_t p;
            memcpy(&p, row + 4 * x, 4);
            unsigned a = fmt == CAIRO_FORMAT_ARGB32 ? (p >> 24) : 255;
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            /* premultiplied colour over white: y + (255 - a) */
            unsigned yv = (77 * r + 150 * g + 29 * b + 128) >> 8;
            dst[x] = (uint8_t)(yv + (255 - a) > 255 ? 255 : yv + (255 - a));
        }
    }
    ok = true;
end:
    cairo_surface_destroy(s);
    return ok;
}

#ifdef LY_HAVE_JPEG
struct jpeg_fail {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
};

static void jpeg_fail_exit(j_common_ptr cinfo)
{
    struct jpeg_fail *f = (struct jpeg_fail *)cinfo->err;
    longjmp(f->jump, 1);
}

static bool load_jpeg(const char *path, const uint8_t *b, size_t len, struct ly_frame *out,
                      char *err, size_t errsz)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_fail fail;
    memset(out, 0, sizeof(*out));
    cinfo.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = jpeg_fail_exit;
    if (setjmp(fail.jump)) {
        snprintf(err, errsz, "%s: cannot read JPEG", path);
        jpeg_destroy_decompress(&cinfo);
        ly_frame_free(out);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, b, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > LY_FRAME_DIM_MAX || cinfo.image_height > LY_FRAME_DIM_MAX) {
        snprintf(err, errsz, "%s: JPEG larger than %d", path, LY_FRAME_DIM_MAX);
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    cinfo.out_color_space = JCS_GRAYSCALE; /* libjpeg keeps only the Y channel of YCbCr */
    jpeg_start_decompress(&cinfo);
    if (!ly_frame_alloc(out, (int)cinfo.output_width, (int)cinfo.output_height)) {
        snprintf(err, errsz, "%s: out of memory", path);
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out->data + (size_t)cinfo.output_scanline * (size_t)out->stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return true;
}
#endif

bool ly_image_load(const char *path, struct ly_frame *out, char *err, size_t errsz)
{
    uint8_t *buf;
    size_t len;
    bool ok = false;
    memset(out, 0, sizeof(*out));
    if (!read_file(path, &buf, &len, err, errsz))
        return false;
    if (len >= 8 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0) {
        ok = load_png(path, out, err, errsz);
    } else if (len >= 2 && buf[0] == 'P' && buf[1] == '5') {
        ok = load_pgm(path, buf, len, out, err, errsz);
    } else if (len >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff) {
#ifdef LY_HAVE_JPEG
        ok = load_jpeg(path, buf, len, out, err, errsz);
#else
        snprintf(err, errsz, "%s: JPEG support is not built in (LY_HAVE_JPEG)", path);
#endif
    } else {
        snprintf(err, errsz, "%s: not a PNG, JPEG or binary PGM (P5) image", path);
    }
    free(buf);
    if (ok)
        out->captured_ns = ly_frame_now_ns();
    return ok;
}

/* --- the "file:" source: one image, then the end -----------------------------------------------
 */

struct file_state {
    struct ly_frame frame;
    bool given;
};

static bool file_open(struct ly_source *src, char *err, size_t errsz)
{
    struct file_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    if (!ly_image_load(src->spec.path, &st->frame, err, errsz)) {
        free(st);
        return false;
    }
    src->state = st;
    return true;
}

static enum ly_source_status file_next(struct ly_source *src, int timeout_ms,
                                       struct ly_source_item *item, char *err, size_t errsz)
{
    struct file_state *st = src->state;
    (void)timeout_ms;
    (void)err;
    (void)errsz;
    if (st->given)
        return LY_SOURCE_END;
    st->given = true;
    item->frame = st->frame;
    item->captured_ns = st->frame.captured_ns;
    return LY_SOURCE_FRAME;
}

static void file_close(struct ly_source *src)
{
    struct file_state *st = src->state;
    if (st == NULL)
        return;
    ly_frame_free(&st->frame);
    free(st);
    src->state = NULL;
}

const struct ly_source_ops ly_source_file_ops = {"file", file_open, file_next, file_close};
