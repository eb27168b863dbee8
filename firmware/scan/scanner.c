/* scanner.c - ZBar image scanner with Lanyard's passes: a finder-pattern pre-check picks the
 * frames and the areas ZBar reads, whole-frame passes are the fallback. The choices and their
 * measured costs are in docs/scanning.md. */
#include "scan/scanner.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "common/dynbuf.h"
#include "common/ly_limits.h"
#include "scan/change.h"
#include "scan/finder.h"
#include "scan/prep.h"
#include "scan/timing.h"
#include "scan/zxread.h"

/* The area around finder patterns is read from the frame at full size when their modules are
 * under CROP_FULL_RES_MODULE pixels in the shrunk frame (ZBar misses many codes with modules of
 * about 2 pixels), and shrunk so that a module is CROP_MODULE pixels when larger: ZBar's time
 * goes with the pixels it is given. Shrunk by a fraction, ZBar needs more pixels a module than
 * in a frame shrunk by 2 (measured: 3 loses one code in eight, 5 none; docs/scanning.md). */
#define CROP_FULL_RES_MODULE 2.5
#define CROP_MODULE          5.0

const struct ly_scanner_config ly_scanner_defaults = {
    .qr_only = true,
    .density = 1,
    .scale = 0,
    .full_res = false,
    .try_inverted = true,
    .try_mirrored = false,
    .skip_unchanged = true,
    .rescan_every = 8,
    .settle_frames = 15,
    .extras_every = 3,
    .precheck = true,
    .module_px = 3.0,
    .tries_per_frame = 1,
    .zxing = true,
    .pixel_budget = 90000,
    .frame_budget = 85000,
};

const struct ly_scanner_config ly_scanner_still = {
    .qr_only = true,
    .density = 1,
    .scale = 0,
    .full_res = true, /* and at full resolution too: there is no next frame */
    .try_inverted = true,
    .try_mirrored = false,
    .skip_unchanged = false,
    .extras_every = 1, /* every try at once, where a camera spreads them over frames */
    .precheck = true,
    .module_px = 3.0,
    .tries_per_frame = 1,
    .zxing = true,
    .pixel_budget = 0,
};

struct ly_scanner {
    struct ly_scanner_config cfg;
    zbar_image_scanner_t *zs;
    uint8_t *scratch; /* what a pass reads when not the frame itself: a contiguous, inverted or
                         mirrored copy, or a crop */
    size_t scratch_size;
    uint8_t *small; /* the frame shrunk by cfg.scale */
    size_t small_size;
    struct ly_finder *finder; /* the pre-check, with cfg.precheck */
    unsigned next_extra;      /* with extras_every > 1: which extra pass runs next */
    unsigned next_try;        /* on a camera: which other ZBar try on an area runs next */
    unsigned area_frames;     /* on a camera: areas tried, for the order of the tries */
    unsigned frame_no;        /* frames scanned, for extras_every */
    struct ly_change change;  /* with cfg.skip_unchanged */
};

bool ly_scanner_open(const struct ly_scanner_config *cfg, struct ly_scanner **out, char *err,
                     size_t errsz)
{
    struct ly_scanner *sc = calloc(1, sizeof(*sc));
    *out = NULL;
    if (sc == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    sc->cfg = cfg ? *cfg : ly_scanner_defaults;
    if (sc->cfg.density < 1)
        sc->cfg.density = 1;
    if (sc->cfg.scale < 0 || sc->cfg.scale > 4)
        sc->cfg.scale = 1;
    sc->zs = zbar_image_scanner_create();
    if (sc->zs == NULL) {
        snprintf(err, errsz, "cannot create the ZBar image scanner");
        free(sc);
        return false;
    }
    if (sc->cfg.precheck) {
        sc->finder = ly_finder_open();
        if (sc->finder == NULL) {
            snprintf(err, errsz, "out of memory");
            zbar_image_scanner_destroy(sc->zs);
            free(sc);
            return false;
        }
    }
    if (sc->cfg.qr_only) {
        zbar_image_scanner_set_config(sc->zs, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
        zbar_image_scanner_set_config(sc->zs, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
        /* keep bytes as they are: ZBar otherwise guesses a text encoding and converts */
        zbar_image_scanner_set_config(sc->zs, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    }
    zbar_image_scanner_set_config(sc->zs, ZBAR_NONE, ZBAR_CFG_X_DENSITY, sc->cfg.density);
    zbar_image_scanner_set_config(sc->zs, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, sc->cfg.density);
    /* no inter-frame cache: the kiosk's hold-off per badge lives above the scanner */
    zbar_image_scanner_enable_cache(sc->zs, 0);
    *out = sc;
    return true;
}

void ly_scanner_close(struct ly_scanner *sc)
{
    if (sc == NULL)
        return;
    zbar_image_scanner_destroy(sc->zs);
    ly_finder_close(sc->finder);
    free(sc->scratch);
    free(sc->small);
    free(sc);
}

void ly_scanner_reset(struct ly_scanner *sc)
{
    ly_change_reset(&sc->change);
}

enum pass {
    PASS_PLAIN,
    PASS_INVERTED,
    PASS_MIRRORED,
    PASS_MIRRORED_INVERTED,
    PASS_FULL_RES,
};

/* Makes *buf hold at least size bytes (at most LY_FRAME_BYTES_MAX), keeping it between frames
 * (*cap bytes). Returns *buf, or NULL when out of memory (*buf is then unchanged). */
static uint8_t *grow(uint8_t **buf, size_t *cap, size_t size)
{
    return ly_array_reserve((void **)buf, cap, size, 1, LY_FRAME_BYTES_MAX) ? *buf : NULL;
}

/* Adds n pixels of row to acc, 16 at a time: a loop of known length, which the compiler
 * vectorizes at -O2 (one of unknown length it leaves alone). */
static void add_row(uint16_t *acc, const uint8_t *row, int n)
{
    int x = 0;
    for (; x + 16 <= n; x += 16) {
        uint16_t t[16];
        for (int i = 0; i < 16; i++)
            t[i] = (uint16_t)(acc[x + i] + row[x + i]);
        memcpy(acc + x, t, sizeof(t));
    }
    for (; x < n; x++)
        acc[x] = (uint16_t)(acc[x] + row[x]);
}

/* Writes the means of w pairs of acc (sums of two rows) to dst, 16 at a time as in add_row. */
static void halve_row(uint8_t *dst, const uint16_t *acc, int w)
{
    int x = 0;
    for (; x + 16 <= w; x += 16) {
        uint8_t t[16];
        for (int i = 0; i < 16; i++)
            t[i] = (uint8_t)((acc[2 * (x + i)] + acc[2 * (x + i) + 1]) >> 2);
        memcpy(dst + x, t, sizeof(t));
    }
    for (; x < w; x++)
        dst[x] = (uint8_t)((acc[2 * x] + acc[2 * x + 1]) >> 2);
}

/* Shrinks f by k (box average) into sc->small. Returns false when out of memory. The k rows of
 * one output row are summed first, and the division by k * k is a multiplication: exact for
 * sums up to 16 * 255 (checked for k = 1 to 4). */
static bool shrink(struct ly_scanner *sc, const struct ly_frame *f, int k, struct ly_frame *out)
{
    int w = f->width / k, h = f->height / k;
    size_t size = (size_t)w * (size_t)h;
    uint16_t acc[LY_FRAME_DIM_MAX];
    uint32_t recip = (1u << 16) / (uint32_t)(k * k) + 1;
    if (grow(&sc->small, &sc->small_size, size) == NULL)
        return false;
    for (int y = 0; y < h; y++) {
        uint8_t *dst = sc->small + (size_t)y * (size_t)w;
        memset(acc, 0, sizeof(acc[0]) * (size_t)(w * k));
        for (int dy = 0; dy < k; dy++)
            add_row(acc, f->data + (size_t)(y * k + dy) * (size_t)f->stride, w * k);
        if (k == 2) {
            halve_row(dst, acc, w);
            continue;
        }
        for (int x = 0; x < w; x++) {
            uint32_t sum = 0;
            for (int dx = 0; dx < k; dx++)
                sum += acc[x * k + dx];
            dst[x] = (uint8_t)((sum * recip) >> 16);
        }
    }
    *out = *f;
    out->width = w;
    out->height = h;
    out->stride = w;
    out->data = sc->small;
    return true;
}

/* Makes the contiguous image one pass scans: the frame itself when it has no padding, otherwise
 * (or when transformed) a copy in sc->scratch. */
static const uint8_t *pass_image(struct ly_scanner *sc, const struct ly_frame *f, enum pass p)
{
    size_t size = (size_t)f->width * (size_t)f->height;
    if ((p == PASS_PLAIN || p == PASS_FULL_RES) && f->stride == f->width)
        return f->data;
    if (grow(&sc->scratch, &sc->scratch_size, size) == NULL)
        return NULL;
    for (int y = 0; y < f->height; y++) {
        const uint8_t *src = f->data + (size_t)y * (size_t)f->stride;
        uint8_t *dst = sc->scratch + (size_t)y * (size_t)f->width;
        int w = f->width;
        switch (p) {
        case PASS_INVERTED:
            for (int x = 0; x < w; x++)
                dst[x] = (uint8_t)(255 - src[x]);
            break;
        case PASS_MIRRORED:
            for (int x = 0; x < w; x++)
                dst[x] = src[w - 1 - x];
            break;
        case PASS_MIRRORED_INVERTED:
            for (int x = 0; x < w; x++)
                dst[x] = (uint8_t)(255 - src[w - 1 - x]);
            break;
        case PASS_PLAIN:
        case PASS_FULL_RES:
            memcpy(dst, src, (size_t)w);
            break;
        }
    }
    return sc->scratch;
}

/* Where an image a pass reads lies in the frame: a point (x, y) of the image is
 * (x0 + x * xx + y * yx, y0 + x * xy + y * yy) in the frame (an affine map: a box of the frame
 * resampled, or a code's square mapped upright). */
struct place {
    double x0, y0; /* where the image's (0, 0) lies */
    double xx, xy; /* a step along the image's x moves this far in the frame's x and y */
    double yx, yy; /* a step along its y */
};

/* A box of the frame at (x0, y0), step frame pixels a pixel of the image. */
static struct place box_place(double x0, double y0, double step)
{
    return (struct place){x0, y0, step, 0, 0, step};
}

/* Appends a code of len bytes to res unless it holds one with those bytes already (two tries may
 * read one code), as found by pass p, with its corners (nxy points of the image read, w pixels
 * wide) mapped to the frame by at. */
static void add_code(struct ly_scan_result *res, const void *bytes, size_t len, enum pass p,
                     const int *xs, const int *ys, int nxy, int w, struct place at)
{
    bool mirrored = p == PASS_MIRRORED || p == PASS_MIRRORED_INVERTED;
    for (int i = 0; i < res->count; i++)
        if (res->codes[i].len == len && !res->codes[i].oversized &&
            memcmp(res->codes[i].payload, bytes, len) == 0)
            return;
    if (res->count >= LY_SCAN_CODES_MAX)
        return;
    struct ly_scan_code *c = &res->codes[res->count++];
    memset(c, 0, sizeof(*c));
    c->len = len;
    if (len > LY_BADGE_CODE_MAX) {
        c->oversized = true; /* refused whole, never truncated */
    } else {
        memcpy(c->payload, bytes, len);
        c->payload[len] = '\0';
    }
    c->inverted = p == PASS_INVERTED || p == PASS_MIRRORED_INVERTED;
    c->mirrored = mirrored;
    c->x0 = INT_MAX;
    c->y0 = INT_MAX;
    for (int i = 0; i < nxy; i++) {
        int x = mirrored ? w - 1 - xs[i] : xs[i], y = ys[i];
        int fx = (int)lround(at.x0 + x * at.xx + y * at.yx);
        int fy = (int)lround(at.y0 + x * at.xy + y * at.yy);
        c->x0 = fx < c->x0 ? fx : c->x0;
        c->y0 = fy < c->y0 ? fy : c->y0;
        c->x1 = fx > c->x1 ? fx : c->x1;
        c->y1 = fy > c->y1 ? fy : c->y1;
    }
}

/* Runs ZBar over the w x h image px and appends what it finds to res, as found by pass p, with
 * positions mapped to the frame by at. Returns false when out of memory. */
static bool read_image(struct ly_scanner *sc, const uint8_t *px, int w, int h, struct place at,
                       enum pass p, struct ly_scan_result *res)
{
    zbar_image_t *img = zbar_image_create();
    if (img == NULL)
        return false;
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, px, (unsigned long)w * (unsigned long)h, NULL);
    res->passes++;
    if (zbar_scan_image(sc->zs, img) > 0) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(img);
        for (; sym != NULL; sym = zbar_symbol_next(sym)) {
            int xs[8], ys[8], n = 0;
            for (unsigned i = 0; i < zbar_symbol_get_loc_size(sym) && n < 8; i++, n++) {
                xs[n] = zbar_symbol_get_loc_x(sym, i);
                ys[n] = zbar_symbol_get_loc_y(sym, i);
            }
            add_code(res, zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym), p, xs, ys, n,
                     w, at);
        }
    }
    zbar_image_destroy(img);
    return true;
}

/* Runs zxing-cpp over the w x h image px (thorough: its harder search) and appends what it finds
 * to res as read_image does. Returns false when out of memory. */
static bool read_zxing(const uint8_t *px, int w, int h, int stride, bool thorough, struct place at,
                       enum pass p, struct ly_scan_result *res)
{
    struct ly_zxread_code codes[LY_SCAN_CODES_MAX];
    int n = ly_zxread(px, w, h, stride, thorough, codes, LY_SCAN_CODES_MAX);
    res->zxing++;
    if (n < 0)
        return false;
    for (int i = 0; i < n; i++)
        add_code(res, codes[i].bytes, codes[i].len, p, codes[i].x, codes[i].y, 4, w, at);
    return true;
}

/* Runs one ZBar pass p over all of f (the frame shrunk by scale, or the frame itself). Returns
 * false when out of memory. */
static bool run_pass(struct ly_scanner *sc, const struct ly_frame *f, int scale, enum pass p,
                     struct ly_scan_result *res)
{
    const uint8_t *px = pass_image(sc, f, p);
    return px != NULL && read_image(sc, px, f->width, f->height, box_place(0, 0, scale), p, res);
}

/* A place where the pre-check found finder patterns, in frame pixels. */
struct area {
    int x0, y0, x1, y1; /* the box around the code(s), margin included; x1, y1 exclusive */
    float module;       /* smallest module size seen there */
    bool light;         /* light code on dark */
    bool triple;        /* three finders in a corner: corner[] holds their centres */
    bool pair;          /* else two finders: corner[0] and corner[1] hold their centres */
    int pair_square;    /* with pair: those of the two square on both diagonals */
    float corner[3][2]; /* the corner finder second */
    float corner_module;
};

/* The pre-check on the frame shrunk by k (1: the frame itself), areas mapped back to the frame;
 * by_size: the last pre-check's finders again (it was on the frame shrunk by k), their corners
 * ranked by size alone (finder.h). */
static bool find_areas(struct ly_scanner *sc, const struct ly_frame *frame, int k, bool by_size,
                       struct area *out, int *n, int max, struct ly_scan_result *res)
{
    struct ly_frame work = *frame;
    struct ly_finder_area fa[LY_FINDER_POLARITIES];
    if (by_size)
        ly_finder_by_size(sc->finder, fa);
    else if ((k > 1 && !shrink(sc, frame, k, &work)) ||
             !ly_finder_find(sc->finder, work.data, work.width, work.height, work.stride, fa))
        return false;
    for (int pol = 0; pol < LY_FINDER_POLARITIES && *n < max; pol++) {
        const struct ly_finder_area *a = &fa[pol];
        if (!a->found || (pol == LY_FINDER_LIGHT && !sc->cfg.try_inverted))
            continue;
        res->finders += !by_size;
        struct area *o = &out[(*n)++];
        memset(o, 0, sizeof(*o));
        o->x0 = a->x0 * k;
        o->y0 = a->y0 * k;
        o->x1 = a->x1 * k > frame->width ? frame->width : a->x1 * k;
        o->y1 = a->y1 * k > frame->height ? frame->height : a->y1 * k;
        o->module = a->module * (float)k; /* 0: too many crossings to tell where */
        o->light = pol == LY_FINDER_LIGHT;
        o->triple = a->triple;
        o->pair = !a->triple && a->pairs > 0;
        o->pair_square = a->pair_square;
        for (int j = 0; j < 3; j++) {
            o->corner[j][0] = (a->corner[j][0] + 0.5f) * (float)k - 0.5f;
            o->corner[j][1] = (a->corner[j][1] + 0.5f) * (float)k - 0.5f;
        }
        o->corner_module = a->corner_module * (float)k;
    }
    return true;
}

/* The pre-check's scales: the frame itself up to FINDER_PIXELS (larger ones shrunk to about
 * that), and, for what that finds nothing in, the frame shrunk twice as much (a large code whose
 * blurred rings merge at full size). */
#define FINDER_PIXELS (1280 * 800)

static int finder_scale(const struct ly_frame *f)
{
    int k = 1;
    while (k < 4 && (int64_t)f->width * f->height > (int64_t)FINDER_PIXELS * k * k)
        k++;
    return k;
}

/* The tries on an area, in the order a camera spreads them over frames. */
enum try {
    TRY_UPRIGHT,  /* the code's square mapped upright from its finders, normalised */
    TRY_CROP,     /* the box resampled to cfg.module_px a module, normalised */
    TRY_ZXING,    /* the box as it is (modules under 2 pixels enlarged), read by zxing-cpp */
    TRY_CROP_RAW, /* the box at one and a half times cfg.module_px a module, as it is */
    TRY_KINDS,
};

/* Largest image a try gives ZBar (a side), and the resampling that keeps within it. */
static int fit_side(double want)
{
    return want > LY_PREP_SIDE_MAX ? LY_PREP_SIDE_MAX : want < 16 ? 16 : (int)want;
}

/* Makes the image of try t on area a in sc->scratch; returns its size in *w x *h and where it lies
 * in the frame in *at. Returns false when the try does not apply, or when out of memory (then
 * with *nomem set: the scan fails, rather than reading less without saying so). */
static bool try_image(struct ly_scanner *sc, const struct ly_frame *f, const struct area *a,
                      enum try t, long max_px, int *w, int *h, struct place *at, bool *nomem)
{
    /* the fewest pixels a module may be shrunk to in order to stay within max_px */
    const double min_module = t == TRY_ZXING ? 1.5 : 2.0;
    int x0 = a->x0, y0 = a->y0, x1 = a->x1, y1 = a->y1;
    double target = sc->cfg.module_px > 0 ? sc->cfg.module_px : 3.0;
    double module = a->module > 0 ? a->module : target;
    if (t == TRY_ZXING || t == TRY_CROP_RAW) {
        /* a sixth wider each way: under a strong keystone the far corner lies beyond the
         * parallelogram the finders span (measured: zxing-cpp then reads the crop) */
        int gx = (x1 - x0) / 6, gy = (y1 - y0) / 6;
        x0 = x0 - gx < 0 ? 0 : x0 - gx;
        y0 = y0 - gy < 0 ? 0 : y0 - gy;
        x1 = x1 + gx > f->width ? f->width : x1 + gx;
        y1 = y1 + gy > f->height ? f->height : y1 + gy;
    }
    int bw = x1 - x0, bh = y1 - y0;
    if (t == TRY_UPRIGHT) {
        if (!a->triple || a->corner_module <= 0)
            return false;
        const float *pa = a->corner[0], *pb = a->corner[1], *pc = a->corner[2];
        float ba[2] = {pa[0] - pb[0], pa[1] - pb[1]}, bc[2] = {pc[0] - pb[0], pc[1] - pb[1]};
        /* finder centres lie 3.5 modules inside the code; D modules apart */
        double d = (hypot(ba[0], ba[1]) + hypot(bc[0], bc[1])) / 2.0 / a->corner_module;
        if (d < 8)
            return false;
        double margin = 4.0, span = d + 7.0 + 2.0 * margin, off = 3.5 + margin;
        double px_module = target + 0.5;
        if (span * px_module * span * px_module > (double)max_px)
            px_module = sqrt((double)max_px) / span;
        if (px_module < min_module)
            return false;
        float o[2] = {(float)(pb[0] - off * (ba[0] + bc[0]) / d),
                      (float)(pb[1] - off * (ba[1] + bc[1]) / d)};
        float u[2] = {(float)(ba[0] * span / d), (float)(ba[1] * span / d)};
        float v[2] = {(float)(bc[0] * span / d), (float)(bc[1] * span / d)};
        int side = fit_side(span * px_module);
        if (grow(&sc->scratch, &sc->scratch_size, (size_t)side * (size_t)side + 2u * 128u * 128u) ==
            NULL) {
            *nomem = true;
            return false;
        }
        ly_prep_affine(f, o, u, v, sc->scratch, side, a->light);
        *w = *h = side;
        *at = (struct place){
            o[0], o[1], u[0] / (side - 1), u[1] / (side - 1), v[0] / (side - 1), v[1] / (side - 1)};
    } else {
        double k = (t == TRY_CROP_RAW ? 1.5 * target : target) / module;
        if (t == TRY_ZXING) /* zxing-cpp reads most as they are (measured: better unresampled) */
            k = module < 2.0 ? 2.5 / module : module > 8.0 ? 4.0 / module : 1.0;
        /* one scale for both axes, within LY_PREP_SIDE_MAX a side and max_px in all */
        double fit = (double)LY_PREP_SIDE_MAX / (bw > bh ? bw : bh);
        k = k > fit ? fit : k;
        fit = sqrt((double)max_px / ((double)bw * (double)bh));
        k = k > fit ? fit : k;
        if (module * k < min_module && k < 1.0)
            return false;
        int dw = (int)(bw * k), dh = (int)(bh * k);
        dw = dw < 1 ? 1 : dw > LY_PREP_SIDE_MAX ? LY_PREP_SIDE_MAX : dw;
        dh = dh < 1 ? 1 : dh > LY_PREP_SIDE_MAX ? LY_PREP_SIDE_MAX : dh;
        if (k < 1.0) { /* shrinking: never past the box on either axis */
            dw = dw > bw ? bw : dw;
            dh = dh > bh ? bh : dh;
        }
        if (grow(&sc->scratch, &sc->scratch_size, (size_t)dw * (size_t)dh + 2u * 128u * 128u) ==
            NULL) {
            *nomem = true;
            return false;
        }
        ly_prep_resample(f, x0, y0, bw, bh, sc->scratch, dw, dh, a->light);
        *w = dw;
        *h = dh;
        *at = box_place(x0, y0, (double)bw / dw);
    }
    if (t != TRY_CROP_RAW && t != TRY_ZXING) {
        int block = 8;
        ly_prep_normalize(sc->scratch, *w, *h, block, 24, sc->scratch + (size_t)*w * (size_t)*h);
    }
    return true;
}

/* Runs try t on area a, within *budget pixels (taken from it); codes found are added to res.
 * Returns false when out of memory. */
static bool run_try(struct ly_scanner *sc, const struct ly_frame *f, const struct area *a,
                    enum try t, long *budget, struct ly_scan_result *res)
{
    int w, h;
    struct place at;
    bool nomem = false;
    static const unsigned bit[TRY_KINDS] = {LY_SCAN_TRY_UPRIGHT, LY_SCAN_TRY_CROP,
                                            LY_SCAN_TRY_ZXING, LY_SCAN_TRY_RAW};
    if ((t == TRY_ZXING && !sc->cfg.zxing) || (sc->cfg.tries != 0 && !(sc->cfg.tries & bit[t])) ||
        *budget < 16 * 16 || !try_image(sc, f, a, t, *budget, &w, &h, &at, &nomem))
        return !nomem; /* does not apply, or no budget left for it; or out of memory */
    *budget -= (long)w * h;
    res->pixels += (long)w * h;
    enum pass p = a->light ? PASS_INVERTED : PASS_PLAIN;
    if (t == TRY_ZXING)
        return read_zxing(sc->scratch, w, h, w, false, at, p, res);
    return read_image(sc, sc->scratch, w, h, at, p, res);
}

/* A pair's code on side of the line between its finders (timing.h): the square they span that
 * way with the pre-check's margin of 7 modules (finder.c), within the pre-check's area, which
 * holds both sides and beyond (three times the pixels to try). */
static struct area pair_side_area(const struct area *a, int side)
{
    struct area o = *a;
    int b[4];
    ly_timing_pair_box(a->corner[0], a->corner[1], side, 7.0f * a->corner_module, b);
    o.x0 = b[0] < a->x0 ? a->x0 : b[0];
    o.y0 = b[1] < a->y0 ? a->y0 : b[1];
    o.x1 = b[2] > a->x1 ? a->x1 : b[2];
    o.y1 = b[3] > a->y1 ? a->y1 : b[3];
    return o;
}

/* The pre-check's work beyond its pass over the frame, in decoder pixels (about 36 ns each):
 * measured on the venue frames at 1280x720, a run transition costs about 16 ns and a crossing
 * checked again down its column and diagonals about 120 ns (docs/scanning.md). */
static long precheck_work(const struct ly_finder *fd)
{
    long edges, checks;
    ly_finder_work(fd, &edges, &checks);
    return edges / 2 + checks * 4;
}

/* Runs the tries on each area: on a still image all of them, ZBar's first; on a camera one ZBar
 * try (varied from frame to frame: a badge stays in view), then zxing-cpp on what ZBar failed on,
 * all within cfg.pixel_budget. A camera tries only areas whose finders show a timing pattern
 * (timing.h): without it textures, photographs and grids gave most idle frames a try; and a pair
 * without a third finder only when one of the two is square on both diagonals. */
static bool area_tries(struct ly_scanner *sc, const struct ly_frame *f, const struct area *areas,
                       int n, bool still, struct ly_scan_result *res)
{
    long budget = still || sc->cfg.pixel_budget <= 0 ? LONG_MAX : sc->cfg.pixel_budget;
    if (!still && sc->cfg.frame_budget > 0 && sc->finder != NULL) {
        long left = sc->cfg.frame_budget - precheck_work(sc->finder);
        long least = budget == LONG_MAX ? left : budget / 3;
        left = left < least ? least : left;
        budget = left < budget ? left : budget;
    }
    for (int i = 0; i < n && res->count == 0; i++) {
        const struct area *a = &areas[i];
        struct area sided;
        int side = 0;
        bool timed = sc->cfg.no_timing ||
                     (a->triple ? ly_timing_corner(f, a->corner, a->corner_module, a->light)
                                : a->pair && ly_timing_pair(f, a->corner[0], a->corner[1],
                                                            a->corner_module, a->light, &side));
        if (!still && a->pair && a->pair_square == 0)
            continue; /* on a camera, a pair of which neither finder agreed along its second
                         diagonal: chance shapes in text (docs/scanning.md); the next frame
                         may show the code's third finder or a square one */
        if (a->module <= 0 || (!still && !timed))
            continue; /* anywhere (the whole-frame passes), or on a camera finders without timing
                         patterns between them */
        if (!still && side != 0) { /* the pair's timing line shows on one side: the code is there */
            sided = pair_side_area(a, side);
            a = &sided;
        }
        enum try first = a->triple && (sc->cfg.tries == 0 || (sc->cfg.tries & LY_SCAN_TRY_UPRIGHT))
                             ? TRY_UPRIGHT
                             : TRY_CROP;
        if (still) { /* every kind, ZBar's first */
            enum try order[TRY_KINDS] = {first, TRY_CROP, TRY_CROP_RAW, TRY_ZXING};
            for (int k = 0; k < TRY_KINDS && res->count == 0; k++)
                if (k == 0 || order[k] != first)
                    if (!run_try(sc, f, a, order[k], &budget, res))
                        return false;
            res->cropped = res->count > 0;
            continue;
        }
        /* a camera frame: one ZBar try, the first kind on every other frame and the other ZBar
         * kinds in turn between, within two thirds of the budget; then zxing-cpp on what ZBar
         * failed on, within the rest */
        static const enum try zbar_kinds[] = {TRY_UPRIGHT, TRY_CROP, TRY_CROP_RAW};
        enum try t = first;
        if (sc->area_frames++ % 2 == 1) {
            for (int k = 0; k < 3 && t == first; k++)
                t = zbar_kinds[sc->next_try++ % 3];
            if (t == TRY_UPRIGHT && !a->triple)
                t = TRY_CROP_RAW;
        }
        long zbar_budget = budget - budget / 3;
        if (!run_try(sc, f, a, t, &zbar_budget, res))
            return false;
        budget -= (budget - budget / 3) - zbar_budget;
        if (res->count == 0 && sc->cfg.tries_per_frame > 0 &&
            !run_try(sc, f, a, TRY_ZXING, &budget, res))
            return false;
        res->cropped = res->count > 0;
    }
    return true;
}

/* A still image whose areas read nothing: the same finders' corners ranked by size alone (the
 * ranking before the second diagonal counted), tried where they make other areas (k: the scale
 * of the last pre-check; tried: its areas). Returns false when out of memory. */
static bool still_by_size(struct ly_scanner *sc, const struct ly_frame *f, int k,
                          const struct area *tried, int ntried, struct ly_scan_result *res)
{
    struct area other[LY_FINDER_POLARITIES], fresh[LY_FINDER_POLARITIES];
    int n = 0, nfresh = 0;
    if (!find_areas(sc, f, k, true, other, &n, LY_FINDER_POLARITIES, res))
        return false;
    for (int i = 0; i < n; i++) {
        bool seen = false;
        for (int j = 0; j < ntried && !seen; j++)
            seen = memcmp(&other[i], &tried[j], sizeof(other[i])) == 0;
        if (!seen)
            fresh[nfresh++] = other[i];
    }
    return area_tries(sc, f, fresh, nfresh, true, res);
}

/* The passes over the whole frame: a plain one on the frame shrunk by scale, then the extra ones,
 * all on a still image, in turn on one frame in extras_every on a camera. Returns false when out
 * of memory. */
static bool whole_frame_passes(struct ly_scanner *sc, const struct ly_frame *frame, int scale,
                               struct ly_scan_result *res)
{
    enum pass extras[4];
    int nextras = 0;
    struct ly_frame work = *frame;
    bool ok = scale == 1 || shrink(sc, frame, scale, &work);
    ok = ok && run_pass(sc, &work, scale, PASS_PLAIN, res);
    if (sc->cfg.full_res && scale > 1)
        extras[nextras++] = PASS_FULL_RES;
    if (sc->cfg.try_inverted)
        extras[nextras++] = PASS_INVERTED;
    if (sc->cfg.try_mirrored)
        extras[nextras++] = PASS_MIRRORED;
    if (sc->cfg.try_mirrored && sc->cfg.try_inverted)
        extras[nextras++] = PASS_MIRRORED_INVERTED;
    bool extras_now =
        sc->cfg.extras_every <= 1 || sc->frame_no % (unsigned)sc->cfg.extras_every == 0;
    sc->frame_no++;
    for (int i = 0; ok && res->count == 0 && extras_now && i < nextras; i++) {
        enum pass p = extras[i];
        if (sc->cfg.extras_every > 1)
            p = extras[sc->next_extra++ % (unsigned)nextras];
        if (p == PASS_FULL_RES)
            ok = run_pass(sc, frame, 1, p, res);
        else
            ok = run_pass(sc, &work, scale, p, res);
        if (sc->cfg.extras_every > 1)
            break;
    }
    return ok;
}

bool ly_scanner_scan(struct ly_scanner *sc, const struct ly_frame *frame,
                     struct ly_scan_result *res, char *err, size_t errsz)
{
    int scale = sc->cfg.scale;
    bool ok = true, still = sc->cfg.extras_every <= 1;
    struct area areas[2 * LY_FINDER_POLARITIES];
    int nareas = 0;

    memset(res, 0, sizeof(*res));
    if (frame == NULL || frame->data == NULL || frame->width < 1 || frame->height < 1 ||
        frame->width > LY_FRAME_DIM_MAX || frame->height > LY_FRAME_DIM_MAX ||
        frame->stride < frame->width) {
        snprintf(err, errsz, "bad frame");
        return false;
    }
    if (scale == 0) /* auto: keep at least 360 lines, where a badge-sized code stays readable */
        scale = frame->height >= 720 ? frame->height / 360 : 1;
    if (scale > 4)
        scale = 4;
    if (frame->width / scale < 16 || frame->height / scale < 16)
        scale = 1;
    if (sc->cfg.skip_unchanged &&
        ly_change_skip(&sc->change, frame, sc->cfg.settle_frames, sc->cfg.rescan_every)) {
        res->skipped = true;
        return true;
    }
    if (sc->cfg.precheck) {
        int k = finder_scale(frame);
        ok = find_areas(sc, frame, k, false, areas, &nareas, LY_FINDER_POLARITIES, res);
        /* a second scale for what the first found nothing of, on a still image (on a camera it
         * found nothing more in the venue corpus and cost a quarter more on every idle frame) */
        if (ok && still && nareas == 0 && frame->width / (2 * k) >= 64 &&
            frame->height / (2 * k) >= 64) {
            k *= 2;
            ok = find_areas(sc, frame, k, false, areas, &nareas, 2 * LY_FINDER_POLARITIES, res);
        }
        ok = ok && area_tries(sc, frame, areas, nareas, still, res);
        if (ok && still && res->count == 0 && nareas > 0)
            ok = still_by_size(sc, frame, k, areas, nareas, res);
    }
    /* the whole frame: on a still image when the areas read nothing; on a camera only when the
     * pre-check is off (a whole frame costs ten times a camera frame's budget: a frame whose
     * pre-check saw too many crossings to place them is a texture, not a badge) */
    if (ok && res->count == 0 && (!sc->cfg.precheck || still))
        ok = whole_frame_passes(sc, frame, scale, res);
    /* a still image that ZBar read nothing in: zxing-cpp's thorough search, both polarities */
    if (ok && res->count == 0 && still && sc->cfg.zxing) {
        ok = read_zxing(frame->data, frame->width, frame->height, frame->stride, true,
                        box_place(0, 0, 1), PASS_PLAIN, res);
        if (ok && res->count == 0 && sc->cfg.try_inverted) {
            const uint8_t *inv = pass_image(sc, frame, PASS_INVERTED);
            ok = inv != NULL && read_zxing(inv, frame->width, frame->height, frame->width, true,
                                           box_place(0, 0, 1), PASS_INVERTED, res);
        }
    }
    if (!ok) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    for (int i = 0; i < res->count; i++) {
        /* corners found in a margin or mapped from an upright image may lie just outside */
        struct ly_scan_code *c = &res->codes[i];
        c->x0 = c->x0 < 0 ? 0 : c->x0 >= frame->width ? frame->width - 1 : c->x0;
        c->x1 = c->x1 < c->x0 ? c->x0 : c->x1 >= frame->width ? frame->width - 1 : c->x1;
        c->y0 = c->y0 < 0 ? 0 : c->y0 >= frame->height ? frame->height - 1 : c->y0;
        c->y1 = c->y1 < c->y0 ? c->y0 : c->y1 >= frame->height ? frame->height - 1 : c->y1;
    }
    if (res->count > 0)
        ly_change_hit(&sc->change, sc->cfg.settle_frames); /* a badge in view: look closely */
    return true;
}
