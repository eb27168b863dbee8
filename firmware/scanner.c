/* scanner.c - ZBar image scanner with Lanyard's passes; the choices and their measured costs are
 * in docs/scanning.md. */
#include "scanner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

/* Change detection samples the mean of BLOCK x BLOCK pixels on a GRID_W x GRID_H grid: means of
 * 64 pixels shrug off sensor noise, and a badge entering view moves some of them far. */
#define GRID_W        32
#define GRID_H        24
#define BLOCK         8
#define CHANGE_LEVELS 6 /* a block mean moving more than this is a change */

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
};

struct ly_scanner {
    struct ly_scanner_config cfg;
    zbar_image_scanner_t *zs;
    uint8_t *scratch; /* contiguous, inverted or mirrored copy of a frame */
    size_t scratch_size;
    uint8_t *small; /* the frame shrunk by cfg.scale */
    size_t small_size;
    unsigned next_extra;           /* with extras_every > 1: which extra pass runs next */
    unsigned frame_no;             /* frames scanned, for extras_every */
    uint8_t grid[GRID_W * GRID_H]; /* block means of the last scanned frame */
    bool have_grid;
    int grid_w, grid_h; /* frame size the grid was taken from */
    int since_scan;     /* frames skipped since the last scan */
    int settle;         /* frames still to scan in any case after a change or a hit */
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
    free(sc->scratch);
    free(sc->small);
    free(sc);
}

void ly_scanner_reset(struct ly_scanner *sc)
{
    sc->have_grid = false;
    sc->since_scan = 0;
    sc->settle = 0;
}

/* Returns whether the frame differs from the last scanned one; now receives its block means. */
static bool frame_changed(struct ly_scanner *sc, const struct ly_frame *f,
                          uint8_t now[GRID_W * GRID_H])
{
    bool changed = !sc->have_grid || sc->grid_w != f->width || sc->grid_h != f->height;
    int bw = f->width / GRID_W < BLOCK ? f->width / GRID_W : BLOCK;
    int bh = f->height / GRID_H < BLOCK ? f->height / GRID_H : BLOCK;
    memset(now, 0, GRID_W * GRID_H);
    if (bw < 1 || bh < 1)
        return true;
    for (int gy = 0; gy < GRID_H; gy++) {
        int y0 = (int)(((int64_t)(2 * gy + 1) * f->height) / (2 * GRID_H)) - bh / 2;
        for (int gx = 0; gx < GRID_W; gx++) {
            int x0 = (int)(((int64_t)(2 * gx + 1) * f->width) / (2 * GRID_W)) - bw / 2;
            unsigned sum = 0;
            for (int y = 0; y < bh; y++) {
                const uint8_t *row = f->data + (size_t)(y0 + y) * (size_t)f->stride + x0;
                for (int x = 0; x < bw; x++)
                    sum += row[x];
            }
            now[gy * GRID_W + gx] = (uint8_t)(sum / (unsigned)(bw * bh));
        }
    }
    for (int i = 0; !changed && i < GRID_W * GRID_H; i++) {
        int d = (int)now[i] - (int)sc->grid[i];
        if (d > CHANGE_LEVELS || d < -CHANGE_LEVELS)
            changed = true;
    }
    return changed;
}

enum pass {
    PASS_PLAIN,
    PASS_INVERTED,
    PASS_MIRRORED,
    PASS_MIRRORED_INVERTED,
    PASS_FULL_RES,
};

/* Shrinks f by k (box average) into sc->small. Returns false when out of memory. */
static bool shrink(struct ly_scanner *sc, const struct ly_frame *f, int k, struct ly_frame *out)
{
    int w = f->width / k, h = f->height / k;
    size_t size = (size_t)w * (size_t)h;
    if (sc->small_size < size) {
        uint8_t *n = realloc(sc->small, size);
        if (n == NULL)
            return false;
        sc->small = n;
        sc->small_size = size;
    }
    for (int y = 0; y < h; y++) {
        uint8_t *dst = sc->small + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            unsigned sum = 0;
            for (int dy = 0; dy < k; dy++) {
                const uint8_t *row = f->data + (size_t)(y * k + dy) * (size_t)f->stride + x * k;
                for (int dx = 0; dx < k; dx++)
                    sum += row[dx];
            }
            dst[x] = (uint8_t)(sum / (unsigned)(k * k));
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
    if (sc->scratch_size < size) {
        uint8_t *n = realloc(sc->scratch, size);
        if (n == NULL)
            return NULL;
        sc->scratch = n;
        sc->scratch_size = size;
    }
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

/* Runs one ZBar pass over f and appends what it finds to res, with positions multiplied by
 * scale. Returns false when out of memory. */
static bool run_pass(struct ly_scanner *sc, const struct ly_frame *f, int scale, enum pass p,
                     struct ly_scan_result *res)
{
    const uint8_t *px = pass_image(sc, f, p);
    bool mirrored = p == PASS_MIRRORED || p == PASS_MIRRORED_INVERTED;
    zbar_image_t *img;
    if (px == NULL)
        return false;
    img = zbar_image_create();
    if (img == NULL)
        return false;
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)f->width, (unsigned)f->height);
    zbar_image_set_data(img, px, (unsigned long)f->width * (unsigned long)f->height, NULL);
    res->passes++;
    if (zbar_scan_image(sc->zs, img) > 0) {
        const zbar_symbol_t *sym = zbar_image_first_symbol(img);
        for (; sym != NULL && res->count < LY_SCAN_CODES_MAX; sym = zbar_symbol_next(sym)) {
            struct ly_scan_code *c = &res->codes[res->count];
            unsigned len = zbar_symbol_get_data_length(sym);
            memset(c, 0, sizeof(*c));
            c->len = len;
            if (len > LY_BADGE_CODE_MAX) {
                c->oversized = true; /* refused whole, never truncated */
            } else {
                memcpy(c->payload, zbar_symbol_get_data(sym), len);
                c->payload[len] = '\0';
            }
            c->inverted = p == PASS_INVERTED || p == PASS_MIRRORED_INVERTED;
            c->mirrored = mirrored;
            c->x0 = f->width * scale;
            c->y0 = f->height * scale;
            for (unsigned i = 0; i < zbar_symbol_get_loc_size(sym); i++) {
                int x = zbar_symbol_get_loc_x(sym, i), y = zbar_symbol_get_loc_y(sym, i);
                if (mirrored)
                    x = f->width - 1 - x;
                x *= scale;
                y *= scale;
                c->x0 = x < c->x0 ? x : c->x0;
                c->y0 = y < c->y0 ? y : c->y0;
                c->x1 = x > c->x1 ? x : c->x1;
                c->y1 = y > c->y1 ? y : c->y1;
            }
            res->count++;
        }
    }
    zbar_image_destroy(img);
    return true;
}

/* Returns whether this frame should be skipped as unchanged, and keeps the skip state. */
static bool skip_frame(struct ly_scanner *sc, const struct ly_frame *frame)
{
    uint8_t now[GRID_W * GRID_H];
    bool changed = frame_changed(sc, frame, now);
    if (changed)
        sc->settle = sc->cfg.settle_frames;
    if (!changed && sc->settle <= 0 && sc->since_scan + 1 < sc->cfg.rescan_every) {
        sc->since_scan++;
        return true;
    }
    if (sc->settle > 0)
        sc->settle--;
    sc->since_scan = 0;
    /* compare with the last scanned frame, so that a slow change adds up until it counts */
    memcpy(sc->grid, now, sizeof(now));
    sc->have_grid = true;
    sc->grid_w = frame->width;
    sc->grid_h = frame->height;
    return false;
}

bool ly_scanner_scan(struct ly_scanner *sc, const struct ly_frame *frame,
                     struct ly_scan_result *res, char *err, size_t errsz)
{
    enum pass extras[4];
    int nextras = 0;
    struct ly_frame work;
    int scale = sc->cfg.scale;
    bool ok;

    if (scale == 0) /* auto: keep at least 360 lines, where a badge-sized code stays readable */
        scale = frame->height >= 720 ? frame->height / 360 : 1;
    if (scale > 4)
        scale = 4;

    memset(res, 0, sizeof(*res));
    if (frame == NULL || frame->data == NULL || frame->width < 1 || frame->height < 1 ||
        frame->width > LY_FRAME_DIM_MAX || frame->height > LY_FRAME_DIM_MAX ||
        frame->stride < frame->width) {
        snprintf(err, errsz, "bad frame");
        return false;
    }
    if (sc->cfg.skip_unchanged && skip_frame(sc, frame)) {
        res->skipped = true;
        return true;
    }
    if (frame->width / scale < 16 || frame->height / scale < 16)
        scale = 1;
    work = *frame;
    ok = scale == 1 || shrink(sc, frame, scale, &work);
    if (ok)
        ok = run_pass(sc, &work, scale, PASS_PLAIN, res);
    if (sc->cfg.full_res && scale > 1)
        extras[nextras++] = PASS_FULL_RES;
    if (sc->cfg.try_inverted)
        extras[nextras++] = PASS_INVERTED;
    if (sc->cfg.try_mirrored)
        extras[nextras++] = PASS_MIRRORED;
    if (sc->cfg.try_mirrored && sc->cfg.try_inverted)
        extras[nextras++] = PASS_MIRRORED_INVERTED;
    /* extra passes: all of them on a still image; on a camera one pass on one frame in
     * extras_every, in turn, since a badge stays in view for many frames */
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
    if (!ok) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    if (res->count > 0)
        sc->settle = sc->cfg.settle_frames; /* a badge in view: keep looking closely */
    return true;
}
