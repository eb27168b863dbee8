/* camshot.c - photographs an image (a badge rendered by `lanyard badges --png`) the way a kiosk
 * camera would see it held up: the image is found by its QR code, placed so that the code has
 * the requested size and position, rotated, tilted in perspective, over an office-like scene,
 * then blurred, noised, lowered in contrast, inverted (a phone screen in dark mode) or mirrored.
 *   camshot IN.png OUT.png WIDTHxHEIGHT [size=PCT] [angle=DEG] [tilt=PCT] [blur=PX]
 *           [noise=SIGMA] [dark=LEVEL] [light=LEVEL] [cx=PCT] [cy=PCT] [inverted] [mirrored]
 *           [seed=N] [scene=N]
 * size is the QR code's side as a percent of the frame height (default 45). */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "capture/frame.h"
#include "common/num.h"
#include "pngout.h"
#include "qrsynth.h"
#include "scan/scanner.h"

/* Bilinear sample of src at (x, y) in pixels; paper white outside. */
static double sample(const struct ly_frame *src, double x, double y)
{
    int x0 = (int)floor(x), y0 = (int)floor(y);
    double fx = x - x0, fy = y - y0, v = 0;
    for (int j = 0; j < 2; j++) {
        for (int i = 0; i < 2; i++) {
            int xi = x0 + i, yj = y0 + j;
            double w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
            double p = xi < 0 || yj < 0 || xi >= src->width || yj >= src->height
                           ? 255
                           : src->data[(size_t)yj * src->stride + xi];
            v += w * p;
        }
    }
    return v;
}

/* Finds the QR code's box in the source image with the kiosk's own scanner. */
static bool find_code(const struct ly_frame *src, double box[4])
{
    struct ly_scanner_config cfg = ly_scanner_defaults;
    struct ly_scanner *sc;
    struct ly_scan_result res;
    char err[256];
    cfg.skip_unchanged = false;
    cfg.scale = 1;
    if (!ly_scanner_open(&cfg, &sc, err, sizeof err))
        return false;
    bool ok = ly_scanner_scan(sc, src, &res, err, sizeof err) && res.count == 1;
    if (ok) {
        box[0] = res.codes[0].x0;
        box[1] = res.codes[0].y0;
        box[2] = res.codes[0].x1;
        box[3] = res.codes[0].y1;
    }
    ly_scanner_close(sc);
    return ok;
}

static void photograph(struct ly_frame *f, const struct ly_frame *src, const double box[4],
                       const struct qrs_params *p)
{
    /* The code's box, with a 4-module quiet zone (about 10% of a version 6 code a side), is
     * the unit square; the source image's corners in that unit are where the transform of
     * qrs_draw puts them in the frame. */
    double bw = box[2] - box[0], bh = box[3] - box[1];
    double bside = (bw > bh ? bw : bh) * 1.2;
    double bcx = (box[0] + box[2]) / 2, bcy = (box[1] + box[3]) / 2;
    double side = (p->size > 0 ? p->size : 0.45) * f->height;
    double cx = (p->cx > 0 ? p->cx : 0.5) * f->width, cy = (p->cy > 0 ? p->cy : 0.5) * f->height;
    double th = p->angle_deg * M_PI / 180.0, q[4][2], m[9];
    double corner_x[4] = {0, src->width, src->width, 0},
           corner_y[4] = {0, 0, src->height, src->height};
    int dark = p->dark || p->light ? p->dark : 20, light = p->dark || p->light ? p->light : 235;
    double top = (0 - bcy) / bside, bottom = (src->height - bcy) / bside;
    for (int i = 0; i < 4; i++) {
        double ux = (corner_x[i] - bcx) / bside, uy = (corner_y[i] - bcy) / bside;
        /* perspective: the top edge shorter, the bottom longer, linearly in between */
        double t = (uy - top) / (bottom - top);
        double k = (1.0 - p->tilt) * (1 - t) + (1.0 + p->tilt) * t;
        double sx = ux * side * k, sy = uy * side;
        q[i][0] = cx + sx * cos(th) - sy * sin(th);
        q[i][1] = cy + sx * sin(th) + sy * cos(th);
    }
    qrs_inverse_homography(q, m);
    for (int y = 0; y < f->height; y++) {
        for (int x = 0; x < f->width; x++) {
            double acc = 0;
            int inside = 0;
            for (int sy = 0; sy < 2; sy++) {
                for (int sx = 0; sx < 2; sx++) {
                    double px = x + (sx + 0.5) / 2.0, py = y + (sy + 0.5) / 2.0;
                    double w = m[6] * px + m[7] * py + m[8];
                    double u = (m[0] * px + m[1] * py + m[2]) / w;
                    double v = (m[3] * px + m[4] * py + m[5]) / w;
                    if (u < 0 || u >= 1 || v < 0 || v >= 1)
                        continue;
                    if (p->mirrored)
                        u = 1.0 - u - 1e-9;
                    double g = sample(src, u * src->width, v * src->height);
                    acc += dark + (light - dark) * g / 255.0;
                    inside++;
                }
            }
            if (inside == 0)
                continue;
            uint8_t *px = &f->data[(size_t)y * f->stride + x];
            double paper = acc / inside;
            if (p->inverted)
                paper = 255 - paper;
            *px = (uint8_t)((paper * inside + *px * (4 - inside)) / 4 + 0.5);
        }
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: camshot IN.png OUT.png WIDTHxHEIGHT [size=PCT] [angle=DEG] "
                    "[tilt=PCT] [blur=PX] [noise=SIGMA] [dark=N] [light=N] [cx=PCT] [cy=PCT] "
                    "[inverted] [mirrored] [seed=N] [scene=N]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct qrs_params p = {0};
    struct ly_frame src, f;
    int w, h;
    double box[4];
    char err[256];
    if (argc < 4 || sscanf(argv[3], "%dx%d", &w, &h) != 2)
        return usage();
    for (int i = 4; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        int64_t v = 0;
        if (strcmp(a, "inverted") == 0) {
            p.inverted = true;
            continue;
        }
        if (strcmp(a, "mirrored") == 0) {
            p.mirrored = true;
            continue;
        }
        if (!eq || !ly_num_int(eq + 1, -360, 100000, &v))
            return usage();
        size_t n = (size_t)(eq - a);
        if (strncmp(a, "size", n) == 0)
            p.size = (double)v / 100;
        else if (strncmp(a, "angle", n) == 0)
            p.angle_deg = (double)v;
        else if (strncmp(a, "tilt", n) == 0)
            p.tilt = (double)v / 100;
        else if (strncmp(a, "blur", n) == 0)
            p.blur = (int)v;
        else if (strncmp(a, "noise", n) == 0)
            p.noise = (double)v;
        else if (strncmp(a, "dark", n) == 0)
            p.dark = (int)v;
        else if (strncmp(a, "light", n) == 0)
            p.light = (int)v;
        else if (strncmp(a, "cx", n) == 0)
            p.cx = (double)v / 100;
        else if (strncmp(a, "cy", n) == 0)
            p.cy = (double)v / 100;
        else if (strncmp(a, "seed", n) == 0)
            p.seed = (unsigned)v;
        else if (strncmp(a, "scene", n) == 0)
            p.scene = (unsigned)v;
        else
            return usage();
    }
    if (!ly_image_load(argv[1], &src, err, sizeof err)) {
        fprintf(stderr, "camshot: %s\n", err);
        return 1;
    }
    if (!find_code(&src, box)) {
        fprintf(stderr, "camshot: %s: no single QR code found to aim at\n", argv[1]);
        ly_frame_free(&src);
        return 1;
    }
    if (!ly_frame_alloc(&f, w, h)) {
        ly_frame_free(&src);
        return usage();
    }
    qrs_background(&f, p.scene);
    photograph(&f, &src, box, &p);
    if (p.blur > 0)
        qrs_blur(&f, p.blur);
    if (p.noise > 0) {
        uint32_t s = p.seed * 747796405u + 2891336453u;
        for (size_t i = 0; i < (size_t)f.height * f.stride; i++) {
            double v = f.data[i] + qrs_gauss(&s) * p.noise;
            f.data[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
        }
    }
    bool ok = write_png(&f, argv[2]);
    ly_frame_free(&f);
    ly_frame_free(&src);
    if (!ok)
        fprintf(stderr, "camshot: cannot write %s\n", argv[2]);
    return ok ? 0 : 1;
}
