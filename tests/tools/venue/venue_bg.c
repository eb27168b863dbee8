/* venue_bg.c - what is behind and around the codes: a procedural hall or a photograph, the idle
 * things held up to a camera (text, faces, grids, fabric, posters), the Gaussian blur of the
 * optics and the camera's JPEG round trip. See venue.h. */
#include <cairo.h>
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h> /* after stdio.h: it needs FILE and size_t */

#include "venue_int.h"

static void fill_rect(float *img, int w, int h, double x0, double y0, double x1, double y1, float v)
{
    int ax = (int)fmax(0, x0), ay = (int)fmax(0, y0), bx = (int)fmin(w, x1), by = (int)fmin(h, y1);
    for (int y = ay; y < by; y++)
        for (int x = ax; x < bx; x++)
            img[(size_t)y * w + x] = v;
}

static void fill_ellipse(float *img, int w, int h, double cx, double cy, double rx, double ry,
                         float v)
{
    int ax = (int)fmax(0, cx - rx), ay = (int)fmax(0, cy - ry);
    int bx = (int)fmin(w, cx + rx + 1), by = (int)fmin(h, cy + ry + 1);
    for (int y = ay; y < by; y++) {
        for (int x = ax; x < bx; x++) {
            double dx = (x - cx) / rx, dy = (y - cy) / ry;
            if (dx * dx + dy * dy <= 1)
                img[(size_t)y * w + x] = v;
        }
    }
}

/* A conference hall: lit wall with panels and a banner, ceiling lights, people in the queue
 * (heads and shoulders), a desk; radiance 0-1 (paper white about 0.85). */
static void hall(const struct venue_shot *s, struct venue_rng *r, float *img)
{
    int w = s->width, h = s->height;
    double base = venue_rng_uniform(r, 0.25, 0.55), slope = venue_rng_uniform(r, -0.2, 0.2);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            img[(size_t)y * w + x] = (float)(base + slope * x / w - 0.1 * y / h);
    for (int p = 0; p < 5; p++) { /* wall panels, doors, screens */
        double x0 = venue_rng_uniform(r, -0.1, 1) * w, y0 = venue_rng_uniform(r, 0, 0.6) * h;
        fill_rect(img, w, h, x0, y0, x0 + venue_rng_uniform(r, 0.05, 0.35) * w,
                  y0 + venue_rng_uniform(r, 0.1, 0.5) * h, (float)venue_rng_uniform(r, 0.1, 0.8));
    }
    double bx = venue_rng_uniform(r, 0, 0.6) * w, by = venue_rng_uniform(r, 0.02, 0.2) * h;
    fill_rect(img, w, h, bx, by, bx + 0.4 * w, by + 0.1 * h, 0.85f); /* banner with lettering */
    for (int c = 0; c < 14; c++)
        fill_rect(img, w, h, bx + 0.02 * w + c * 0.027 * w, by + 0.03 * h,
                  bx + 0.02 * w + c * 0.027 * w + venue_rng_uniform(r, 0.008, 0.02) * w,
                  by + 0.07 * h, 0.12f);
    for (int l = 0; l < 3; l++) /* ceiling lights, clipped */
        fill_ellipse(img, w, h, venue_rng_uniform(r, 0, 1) * w,
                     venue_rng_uniform(r, -0.05, 0.1) * h, 0.06 * w, 0.03 * h, 1.6f);
    int people = (int)(venue_rng_u32(r) % 4);
    for (int p = 0; p < people; p++) {
        double px = venue_rng_uniform(r, 0, 1) * w, py = venue_rng_uniform(r, 0.35, 0.6) * h;
        double sz = venue_rng_uniform(r, 0.06, 0.14) * h;
        float shirt = (float)venue_rng_uniform(r, 0.05, 0.7),
              skin = (float)venue_rng_uniform(r, 0.2, 0.6);
        fill_ellipse(img, w, h, px, py + 2.6 * sz, 2.2 * sz, 1.8 * sz, shirt);
        fill_ellipse(img, w, h, px, py, 0.75 * sz, 0.95 * sz, skin);
        fill_ellipse(img, w, h, px, py - 0.5 * sz, 0.8 * sz, 0.55 * sz, 0.08f); /* hair */
    }
    if (venue_rng_u32(r) % 2) /* the check-in desk's edge at the bottom */
        fill_rect(img, w, h, 0, 0.85 * h, w, h, (float)venue_rng_uniform(r, 0.15, 0.6));
}

/* A photograph, cropped and scaled to fill the frame (bilinear), as radiance. */
static void photo(const struct venue *v, const struct venue_shot *s, struct venue_rng *r,
                  float *img)
{
    const struct ly_frame *p = &v->photos[s->background % v->nphotos];
    int w = s->width, h = s->height;
    double zoom = venue_rng_uniform(r, 1.0, 1.6);
    double scale = fmin((double)p->width / w, (double)p->height / h) / zoom; /* photo px per px */
    double ox = venue_rng_uniform(r, 0, p->width - w * scale),
           oy = venue_rng_uniform(r, 0, p->height - h * scale);
    double gain = venue_rng_uniform(r, 0.6, 1.0);
    float lin[256]; /* the photo is gamma-encoded: interpolate in linear light */
    for (int i = 0; i < 256; i++)
        lin[i] = (float)(pow(i / 255.0, 2.2) * gain);
    int *cx0 = malloc(sizeof(int) * 2 * (size_t)w);
    float *cfx = malloc(sizeof(float) * (size_t)w);
    if (cx0 == NULL || cfx == NULL) { /* out of memory: a flat grey wall */
        for (size_t i = 0; i < (size_t)w * h; i++)
            img[i] = 0.3f;
        free(cx0);
        free(cfx);
        return;
    }
    for (int x = 0; x < w; x++) { /* the columns' sources, the same on every row */
        double px = ox + (x + 0.5) * scale - 0.5;
        int x0 = (int)fmax(0, floor(px));
        cx0[2 * x] = x0;
        cx0[2 * x + 1] = x0 + 1 < p->width ? x0 + 1 : x0;
        cfx[x] = (float)fmin(fmax(px - x0, 0), 1);
    }
    for (int y = 0; y < h; y++) {
        double py = oy + (y + 0.5) * scale - 0.5;
        int y0 = (int)fmax(0, floor(py)), y1 = y0 + 1 < p->height ? y0 + 1 : y0;
        float fy = (float)fmin(fmax(py - y0, 0), 1);
        const uint8_t *a = p->data + (size_t)y0 * p->stride, *b = p->data + (size_t)y1 * p->stride;
        for (int x = 0; x < w; x++) {
            int x0 = cx0[2 * x], x1 = cx0[2 * x + 1];
            float fx = cfx[x];
            img[(size_t)y * w + x] = (lin[a[x0]] * (1 - fx) + lin[a[x1]] * fx) * (1 - fy) +
                                     (lin[b[x0]] * (1 - fx) + lin[b[x1]] * fx) * fy;
        }
    }
    free(cx0);
    free(cfx);
}

/* Mottles the frame (value noise at two scales: wall paint, carpet, shadows) so that no drawn
 * surface is flat. */
static void mottle(int w, int h, struct venue_rng *r, float *img)
{
    static const int cells[2] = {96, 24};
    static const float amp[2] = {0.06f, 0.025f};
    for (int o = 0; o < 2; o++) {
        int gw = w / cells[o] + 2, gh = h / cells[o] + 2;
        float *g = malloc(sizeof(float) * (size_t)gw * gh);
        if (g == NULL)
            return;
        for (int i = 0; i < gw * gh; i++)
            g[i] = (float)venue_rng_uniform(r, -1, 1) * amp[o];
        for (int y = 0; y < h; y++) {
            float gy = (float)y / cells[o];
            int y0 = (int)gy;
            float fy = gy - y0;
            for (int x = 0; x < w; x++) {
                float gx = (float)x / cells[o];
                int x0 = (int)gx;
                float fx = gx - x0;
                const float *a = g + (size_t)y0 * gw + x0, *b = a + gw;
                float n =
                    (a[0] * (1 - fx) + a[1] * fx) * (1 - fy) + (b[0] * (1 - fx) + b[1] * fx) * fy;
                float *px = &img[(size_t)y * w + x];
                *px = *px * (1 + n) > 0 ? *px * (1 + n) : 0;
            }
        }
        free(g);
    }
}

/* A poster on the hall's wall: one of the photographs, in linear light. */
static void poster(const struct venue *v, const struct venue_shot *s, struct venue_rng *r,
                   float *img)
{
    const struct ly_frame *p = &v->photos[venue_rng_u32(r) % v->nphotos];
    int w = s->width, h = s->height;
    int pw = (int)(venue_rng_uniform(r, 0.12, 0.3) * w), ph = pw * p->height / p->width;
    int x0 = (int)(venue_rng_uniform(r, 0, 1) * (w - pw)),
        y0 = (int)(venue_rng_uniform(r, 0, 0.5) * h);
    for (int y = y0 < 0 ? 0 : y0; y < y0 + ph && y < h; y++) {
        const uint8_t *row = p->data + (size_t)((y - y0) * p->height / ph) * p->stride;
        for (int x = x0; x < x0 + pw && x < w; x++) {
            float val = row[(x - x0) * p->width / pw] / 255.0f;
            img[(size_t)y * w + x] = 0.8f * val * val; /* about gamma 2 */
        }
    }
}

void venue_background(const struct venue *v, const struct venue_shot *s, struct venue_rng *r,
                      float *img)
{
    if (s->background >= 0 && v->nphotos > 0) {
        photo(v, s, r, img);
        return;
    }
    hall(s, r, img);
    for (int k = (int)(venue_rng_u32(r) % 3); k > 0 && v->nphotos > 0; k--)
        poster(v, s, r, img);
    mottle(s->width, s->height, r, img);
}

/* Three passes of a box of radius rad, horizontal and vertical, edges clamped: about a Gaussian
 * of sigma sqrt(rad (rad + 1)), for the wide blurs where a kernel would be slow. */
static void box3(float *img, int w, int h, int rad, float *tmp)
{
    double *acc = malloc(sizeof(double) * (size_t)w);
    if (acc == NULL)
        return;
    for (int pass = 0; pass < 3; pass++) {
        for (int y = 0; y < h; y++) { /* horizontal, img -> tmp */
            const float *row = img + (size_t)y * w;
            float *o = tmp + (size_t)y * w;
            double a = row[0] * (rad + 1);
            for (int x = 1; x <= rad; x++)
                a += row[x < w ? x : w - 1];
            for (int x = 0; x < w; x++) {
                o[x] = (float)(a / (2 * rad + 1));
                a += row[x + rad + 1 < w ? x + rad + 1 : w - 1] - row[x - rad > 0 ? x - rad : 0];
            }
        }
        for (int x = 0; x < w; x++) /* vertical, tmp -> img: one running sum per column */
            acc[x] = tmp[x] * (rad + 1);
        for (int y = 1; y <= rad; y++)
            for (int x = 0; x < w; x++)
                acc[x] += tmp[(size_t)(y < h ? y : h - 1) * w + x];
        for (int y = 0; y < h; y++) {
            const float *add = tmp + (size_t)(y + rad + 1 < h ? y + rad + 1 : h - 1) * w;
            const float *sub = tmp + (size_t)(y - rad > 0 ? y - rad : 0) * w;
            float *o = img + (size_t)y * w;
            for (int x = 0; x < w; x++) {
                o[x] = (float)(acc[x] / (2 * rad + 1));
                acc[x] += add[x] - sub[x];
            }
        }
    }
    free(acc);
}

/* Gaussian blur: a separable kernel of radius 3 sigma up to sigma 1.5, three box passes above
 * (edges clamped); below sigma 0.3, nothing. tmp: w*h floats. */
void venue_gauss_blur(float *img, int w, int h, double sigma, float *tmp)
{
    if (sigma < 0.3)
        return;
    if (sigma >= 1.5) {
        box3(img, w, h, (int)lround((sqrt(4 * sigma * sigma + 1) - 1) / 2), tmp);
        return;
    }
    int rad = (int)ceil(3 * sigma);
    if (rad > 32)
        rad = 32;
    float k[65];
    double sum = 0;
    for (int i = -rad; i <= rad; i++)
        sum += k[i + rad] = (float)exp(-i * i / (2 * sigma * sigma));
    for (int i = 0; i <= 2 * rad; i++)
        k[i] = (float)(k[i] / sum);
    for (int y = 0; y < h; y++) { /* horizontal, img -> tmp */
        const float *row = img + (size_t)y * w;
        float *o = tmp + (size_t)y * w;
        for (int x = 0; x < w; x++) {
            float a = 0;
            if (x >= rad && x + rad < w) {
                for (int i = -rad; i <= rad; i++)
                    a += k[i + rad] * row[x + i];
            } else {
                for (int i = -rad; i <= rad; i++) {
                    int xx = x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i;
                    a += k[i + rad] * row[xx];
                }
            }
            o[x] = a;
        }
    }
    for (int y = 0; y < h; y++) { /* vertical, tmp -> img */
        float *o = img + (size_t)y * w;
        for (int x = 0; x < w; x++)
            o[x] = 0;
        for (int i = -rad; i <= rad; i++) {
            int yy = y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i;
            const float *row = tmp + (size_t)yy * w;
            float kk = k[i + rad];
            for (int x = 0; x < w; x++)
                o[x] += kk * row[x];
        }
    }
}

/* --- idle things held up to the camera ----------------------------------------------------- */

struct idle_arg {
    enum venue_idle kind;
    uint32_t seed;
};

static void draw_idle(cairo_t *cr, void *arg)
{
    const struct idle_arg *a = arg;
    struct venue_rng r;
    venue_rng_seed(&r, a->seed);
    cairo_set_source_rgb(cr, 0.93, 0.93, 0.9); /* off-white paper, a wall, a shirt */
    cairo_paint(cr);
    switch (a->kind) {
    case VI_TEXT: { /* a printed page: programme, signage, a menu */
        static const char *const words[] = {
            "session", "room",   "Hall",     "panel", "keynote", "coffee", "9:30",     "lunch",
            "policy",  "access", "WORKSHOP", "the",   "and",     "of",     "internet", "data"};
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
        cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        double size = venue_rng_uniform(&r, 2.5, 6);
        cairo_set_font_size(cr, size);
        for (double y = 8; y < 140; y += size * 1.5) {
            char line[256] = "";
            size_t len = 0;
            for (int k = 0; k < 12 && len < 200; k++)
                len += (size_t)snprintf(line + len, sizeof(line) - len, "%s ",
                                        words[venue_rng_u32(&r) % 16]);
            cairo_move_to(cr, 6, y);
            cairo_show_text(cr, line);
        }
        break;
    }
    case VI_FACES: /* faces and face-like shapes: eyes are dark rings in light, like finders */
        for (int f = 0; f < 2; f++) {
            double cx = 30 + 50 * f, cy = venue_rng_uniform(&r, 45, 85),
                   s = venue_rng_uniform(&r, 18, 28);
            cairo_set_source_rgb(cr, 0.2, 0.15, 0.1);
            cairo_arc(cr, cx, cy - s * 0.5, s * 1.05, M_PI, 2 * M_PI);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.75, 0.62, 0.52);
            cairo_save(cr);
            cairo_translate(cr, cx, cy);
            cairo_scale(cr, s * 0.8, s);
            cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
            cairo_restore(cr);
            cairo_fill(cr);
            for (int e = -1; e <= 1; e += 2) {
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_arc(cr, cx + e * s * 0.33, cy - s * 0.15, s * 0.14, 0, 2 * M_PI);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
                cairo_arc(cr, cx + e * s * 0.33, cy - s * 0.15, s * 0.07, 0, 2 * M_PI);
                cairo_fill(cr);
                cairo_set_line_width(cr, s * 0.05); /* glasses: square frames around the eyes */
                if (f == 1)
                    cairo_rectangle(cr, cx + e * s * 0.33 - s * 0.2, cy - s * 0.35, s * 0.4,
                                    s * 0.4);
                cairo_stroke(cr);
            }
            cairo_set_source_rgb(cr, 0.4, 0.15, 0.15);
            cairo_rectangle(cr, cx - s * 0.25, cy + s * 0.45, s * 0.5, s * 0.08);
            cairo_fill(cr);
        }
        break;
    case VI_GRID: { /* a calibration chessboard, tiles, a window, nested squares (logos) */
        double cell = venue_rng_uniform(&r, 3, 12);
        int style = (int)(venue_rng_u32(&r) % 3);
        cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
        for (int y = 0; y * cell < 150; y++)
            for (int x = 0; x * cell < 110; x++)
                if (style == 0 ? (x + y) % 2 == 0 : style == 1 ? (x % 3 == 0 || y % 3 == 0) : 0)
                    cairo_rectangle(cr, x * cell, y * cell, cell, cell);
        cairo_fill(cr);
        if (style == 2) {
            for (int k = 0; k < 6; k++) {
                double x = venue_rng_uniform(&r, 5, 80), y = venue_rng_uniform(&r, 5, 120),
                       s = venue_rng_uniform(&r, 6, 20);
                cairo_rectangle(cr, x, y, s, s);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_rectangle(cr, x + s / 7, y + s / 7, s * 5 / 7, s * 5 / 7);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
                cairo_rectangle(cr, x + 2 * s / 7, y + 2 * s / 7, s * 3 / 7, s * 3 / 7);
                cairo_fill(cr);
            }
        }
        break;
    }
    default: { /* fabric: stripes, plaid, houndstooth-like checks */
        double p = venue_rng_uniform(&r, 1.5, 6);
        double ang = venue_rng_uniform(&r, 0, M_PI);
        cairo_translate(cr, 55, 75);
        cairo_rotate(cr, ang);
        cairo_set_source_rgb(cr, 0.15, 0.18, 0.3);
        for (double x = -120; x < 120; x += 2 * p)
            cairo_rectangle(cr, x, -120, p, 240);
        cairo_fill(cr);
        if (venue_rng_u32(&r) % 2) {
            cairo_set_source_rgba(cr, 0.5, 0.1, 0.1, 0.5);
            for (double y = -120; y < 120; y += 3 * p)
                cairo_rectangle(cr, -120, y, 240, p);
            cairo_fill(cr);
        }
    }
    }
}

bool venue_idle_tex(struct venue_rng *r, enum venue_idle kind, const struct venue *v,
                    struct vtex *out)
{
    const double ppmm = 5.0;
    if (!vtex_alloc(out, (int)(110 * ppmm), (int)(150 * ppmm), ppmm))
        return false;
    if (kind == VI_PHOTO && v->nphotos > 0) { /* a poster: a photograph printed 110 x 150 mm */
        const struct ly_frame *p = &v->photos[venue_rng_u32(r) % v->nphotos];
        for (int y = 0; y < out->h[0]; y++)
            for (int x = 0; x < out->w[0]; x++)
                out->lum[0][(size_t)y * out->w[0] + x] =
                    p->data[(size_t)(y * p->height / out->h[0]) * p->stride +
                            x * p->width / out->w[0]];
    } else {
        struct idle_arg a = {kind, venue_rng_u32(r)};
        if (!vtex_cairo(out, draw_idle, &a)) {
            vtex_free(out);
            return false;
        }
    }
    vtex_build_mips(out);
    return true;
}

/* --- the camera's JPEG ---------------------------------------------------------------------- */

struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
};

static void jerr_exit(j_common_ptr c)
{
    longjmp(((struct jerr *)c->err)->jump, 1);
}

bool venue_jpeg_encode(const struct ly_frame *f, int quality, unsigned char **buf,
                       unsigned long *len, char *err, size_t errsz)
{
    struct jpeg_compress_struct c;
    struct jerr je;
    unsigned char *volatile out = NULL;
    unsigned long out_len = 0;
    volatile bool init = false;
    c.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = jerr_exit;
    if (setjmp(je.jump)) {
        snprintf(err, errsz, "venue: libjpeg cannot encode the frame");
        if (init)
            jpeg_destroy_compress(&c);
        free(out);
        return false;
    }
    jpeg_create_compress(&c);
    init = true;
    unsigned char *mem = NULL;
    jpeg_mem_dest(&c, &mem, &out_len);
    c.image_width = (JDIMENSION)f->width;
    c.image_height = (JDIMENSION)f->height;
    c.input_components = 1;
    c.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    c.dct_method = JDCT_ISLOW;
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = f->data + (size_t)c.next_scanline * f->stride;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    out = mem;
    jpeg_destroy_compress(&c);
    *buf = out;
    *len = out_len;
    return true;
}

/* Encodes f as the camera would (venue_jpeg_encode) and decodes it back into f with the integer
 * IDCT. The luma of a 4:2:0 colour frame is coded exactly so (subsampling touches only chroma). */
bool venue_jpeg_roundtrip(struct ly_frame *f, int quality, char *err, size_t errsz)
{
    struct jpeg_decompress_struct d;
    struct jerr je;
    unsigned char *buf = NULL;
    unsigned long len = 0;
    volatile bool init = false;
    if (!venue_jpeg_encode(f, quality, &buf, &len, err, errsz))
        return false;
    d.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = jerr_exit;
    if (setjmp(je.jump)) {
        snprintf(err, errsz, "venue: libjpeg cannot decode the frame");
        if (init)
            jpeg_destroy_decompress(&d);
        free(buf);
        return false;
    }
    jpeg_create_decompress(&d);
    init = true;
    jpeg_mem_src(&d, buf, len);
    jpeg_read_header(&d, TRUE);
    d.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&d);
    while (d.output_scanline < d.output_height) {
        JSAMPROW row = f->data + (size_t)d.output_scanline * f->stride;
        jpeg_read_scanlines(&d, &row, 1);
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    free(buf);
    return true;
}
