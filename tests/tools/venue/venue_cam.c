/* venue_cam.c - the camera: a pinhole projection of a flat object posed in 3D over the
 * background, the lanyard strap and the fingers holding it, room light and glare, optics
 * (defocus, motion blur, rolling shutter), the sensor (shot and read noise, exposure, gain,
 * gamma) and the camera's JPEG. See venue.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "venue_int.h"

#define FULL_WELL  2500.0 /* electrons at paper white, exposure 1: a small webcam pixel */
#define READ_NOISE 3.0    /* electrons */
#define PAPER      0.85   /* radiance of white paper in the hall's light */
#define MAX_GAIN   4.0    /* the auto-exposure's digital gain limit */

struct finger {
    double ax, ay, bx, by, r; /* a capsule in the object's millimetres */
    float shade;
};

struct spot {
    double u, v, r, amp; /* glare on the object, millimetres and radiance */
};

struct pose {
    double hinv[9]; /* image pixel -> object millimetres */
    double h[9];    /* object millimetres -> image pixel */
    const struct vtex *tex;
    int level;
    bool supersample; /* 2x2 samples a pixel (level 0 finer than a pixel, or a screen's grid) */
    bool grid, emissive;
    double screen_gain;
    struct finger fingers[4];
    int nfingers;
    struct spot spots[4];
    int nspots;
    float strap;
};

static void mat3_inverse(const double m[9], double out[9])
{
    double a = m[4] * m[8] - m[5] * m[7], b = m[5] * m[6] - m[3] * m[8],
           c = m[3] * m[7] - m[4] * m[6];
    double det = m[0] * a + m[1] * b + m[2] * c;
    out[0] = a / det;
    out[1] = (m[2] * m[7] - m[1] * m[8]) / det;
    out[2] = (m[1] * m[5] - m[2] * m[4]) / det;
    out[3] = b / det;
    out[4] = (m[0] * m[8] - m[2] * m[6]) / det;
    out[5] = (m[2] * m[3] - m[0] * m[5]) / det;
    out[6] = c / det;
    out[7] = (m[1] * m[6] - m[0] * m[7]) / det;
    out[8] = (m[0] * m[4] - m[1] * m[3]) / det;
}

static void project(const double h[9], double u, double v, double *x, double *y)
{
    double w = h[6] * u + h[7] * v + h[8];
    *x = (h[0] * u + h[1] * v + h[2]) / w;
    *y = (h[3] * u + h[4] * v + h[5]) / w;
}

/* The homography of the object plane: centre of the code (or of the texture) at distance_mm,
 * seen at (cx, cy); R = Ry(tilt_y) Rx(tilt_x) Rz(roll). */
static void pose_homography(const struct venue_shot *s, const struct vtex *t, struct pose *p)
{
    double f = s->width / 2.0 / tan(s->hfov_deg * M_PI / 360.0);
    double cu = t->qr_mm > 0 ? t->qr_x0 + t->qr_mm / 2 : t->w[0] / t->px_per_mm / 2;
    double cv = t->qr_mm > 0 ? t->qr_y0 + t->qr_mm / 2 : t->h[0] / t->px_per_mm / 2;
    double rz = s->roll_deg * M_PI / 180, rx = s->tilt_x_deg * M_PI / 180,
           ry = s->tilt_y_deg * M_PI / 180;
    double Rz[9] = {cos(rz), -sin(rz), 0, sin(rz), cos(rz), 0, 0, 0, 1};
    double Rx[9] = {1, 0, 0, 0, cos(rx), -sin(rx), 0, sin(rx), cos(rx)};
    double Ry[9] = {cos(ry), 0, sin(ry), 0, 1, 0, -sin(ry), 0, cos(ry)};
    double T1[9], R[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            T1[i * 3 + j] = 0;
            for (int k = 0; k < 3; k++)
                T1[i * 3 + j] += Rx[i * 3 + k] * Rz[k * 3 + j];
        }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            R[i * 3 + j] = 0;
            for (int k = 0; k < 3; k++)
                R[i * 3 + j] += Ry[i * 3 + k] * T1[k * 3 + j];
        }
    double Z = s->distance_mm;
    double tx = (s->cx - 0.5) * s->width * Z / f, ty = (s->cy - 0.5) * s->height * Z / f;
    /* camera point = R (u - cu, v - cv, 0) + (tx, ty, Z); image = K * camera */
    double c0[3] = {R[0], R[3], R[6]}, c1[3] = {R[1], R[4], R[7]};
    double c2[3] = {tx - R[0] * cu - R[1] * cv, ty - R[3] * cu - R[4] * cv,
                    Z - R[6] * cu - R[7] * cv};
    double ppx = s->width / 2.0, ppy = s->height / 2.0;
    double *h = p->h;
    h[0] = f * c0[0] + ppx * c0[2];
    h[1] = f * c1[0] + ppx * c1[2];
    h[2] = f * c2[0] + ppx * c2[2];
    h[3] = f * c0[1] + ppy * c0[2];
    h[4] = f * c1[1] + ppy * c1[2];
    h[5] = f * c2[1] + ppy * c2[2];
    h[6] = c0[2];
    h[7] = c1[2];
    h[8] = c2[2];
    mat3_inverse(h, p->hinv);
}

/* Bilinear samples of a level's coverage (returned, 0-1) and luminance (*lum, 0-1) at texel
 * coordinates (x, y), edges clamped; the weights are shared, and a fully covered neighbourhood
 * (most of an object) skips the coverage's interpolation. */
static inline double bilinear2(const struct vtex *t, int l, double x, double y, double *lum)
{
    int w = t->w[l], h = t->h[l];
    x -= 0.5;
    y -= 0.5;
    int x0 = (int)floor(x), y0 = (int)floor(y);
    double fx = x - x0, fy = y - y0;
    int x1 = x0 + 1, y1 = y0 + 1;
    x0 = x0 < 0 ? 0 : x0 >= w ? w - 1 : x0;
    x1 = x1 < 0 ? 0 : x1 >= w ? w - 1 : x1;
    y0 = y0 < 0 ? 0 : y0 >= h ? h - 1 : y0;
    y1 = y1 < 0 ? 0 : y1 >= h ? h - 1 : y1;
    size_t i00 = (size_t)y0 * w + x0, i01 = (size_t)y0 * w + x1;
    size_t i10 = (size_t)y1 * w + x0, i11 = (size_t)y1 * w + x1;
    double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
    const uint8_t *L = t->lum[l], *A = t->alpha[l];
    *lum = (L[i00] * w00 + L[i01] * w01 + L[i10] * w10 + L[i11] * w11) / 255.0;
    if ((A[i00] & A[i01] & A[i10] & A[i11]) == 255)
        return 1;
    return (A[i00] * w00 + A[i01] * w01 + A[i10] * w10 + A[i11] * w11) / 255.0;
}

/* An RGB-stripe screen's luminance across one pixel: G brightest, gaps between rows; mean 1. */
static inline double screen_grid(double u, double v, double pitch)
{
    double fx = u / pitch - floor(u / pitch), fy = v / pitch - floor(v / pitch);
    double sub = fx < 1.0 / 3 ? 0.9 : fx < 2.0 / 3 ? 1.76 : 0.34;
    return sub * (fy < 0.8 ? 1.1 : 0.6);
}

/* The object (with strap and fingers) at image point (x, y): radiance in *val, coverage 0-1
 * returned. light is the room's light there. */
static double sample(const struct pose *p, double x, double y, double light, double *val)
{
    const double *m = p->hinv;
    double w = m[6] * x + m[7] * y + m[8];
    if (w <= 0)
        return 0;
    double u = (m[0] * x + m[1] * y + m[2]) / w, v = (m[3] * x + m[4] * y + m[5]) / w;
    for (int i = 0; i < p->nfingers; i++) { /* fingers are in front of everything */
        const struct finger *f = &p->fingers[i];
        double dx = f->bx - f->ax, dy = f->by - f->ay;
        double t = ((u - f->ax) * dx + (v - f->ay) * dy) / (dx * dx + dy * dy);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = u - f->ax - t * dx, ey = v - f->ay - t * dy, d2 = ex * ex + ey * ey;
        if (d2 < f->r * f->r) {
            *val = f->shade * (0.55 + 0.45 * sqrt(1 - d2 / (f->r * f->r))) * light;
            return 1;
        }
    }
    const struct vtex *t = p->tex;
    double k = t->px_per_mm, tw = t->w[0] / k, th = t->h[0] / k;
    if (u < 0 || v < 0 || u >= tw || v >= th) {
        if (t->strap && v < 0 && fabs(u - tw / 2) < 10) { /* woven strap */
            *val = p->strap * (0.8 + 0.2 * (fmod(fabs(v), 3.0) < 1.5)) * light;
            return 1;
        }
        return 0;
    }
    int l = p->level;
    double s = k / (1 << l);
    double lum;
    double a = bilinear2(t, l, u * s, v * s, &lum);
    if (a <= 0)
        return 0;
    double out;
    if (p->emissive && lum > 0.06) { /* the screen: its own light, and its pixel grid */
        out = lum * p->screen_gain * PAPER * (p->grid ? screen_grid(u, v, t->pixel_pitch_mm) : 1.0);
    } else {
        out = lum * PAPER * light;
    }
    for (int i = 0; i < p->nspots; i++) { /* specular glare on the sleeve or the glass */
        double du = u - p->spots[i].u, dv = v - p->spots[i].v;
        out += p->spots[i].amp * exp(-(du * du + dv * dv) / (2 * p->spots[i].r * p->spots[i].r));
    }
    *val = out;
    return a;
}

/* The room's light over the frame: a gradient and the lens's vignetting. */
static float *room_light_map(const struct venue_shot *s)
{
    float *m = malloc(sizeof(float) * (size_t)s->width * s->height);
    if (m == NULL)
        return NULL;
    double c = cos(s->light_angle), sn = sin(s->light_angle);
    for (int y = 0; y < s->height; y++) {
        double ny = (double)y / s->height - 0.5;
        for (int x = 0; x < s->width; x++) {
            double nx = (double)x / s->width - 0.5;
            double g = 1 + s->light_grad * 2 * (nx * c + ny * sn);
            m[(size_t)y * s->width + x] = (float)(g * (1 - 0.35 * (nx * nx + ny * ny)));
        }
    }
    return m;
}

/* Fingers holding the object at its left, right or bottom edge, never over the code itself
 * (they may cover part of the quiet zone). */
static void place_fingers(const struct venue_shot *s, struct venue_rng *r, struct pose *p)
{
    const struct vtex *t = p->tex;
    double tw = t->w[0] / t->px_per_mm, th = t->h[0] / t->px_per_mm;
    double qm = t->qr_mm / (t->qr_modules > 0 ? t->qr_modules : 1);
    double qx0 = t->qr_x0 - 2 * qm, qy0 = t->qr_y0 - 2 * qm;
    double qx1 = t->qr_x0 + t->qr_mm + 2 * qm, qy1 = t->qr_y0 + t->qr_mm + 2 * qm;
    float skin = (float)venue_rng_uniform(r, 0.25, 0.7);
    for (int i = 0; i < s->fingers && i < 4; i++) {
        struct finger *f = &p->fingers[p->nfingers];
        int edge = (int)(venue_rng_u32(r) % 3);
        f->r = venue_rng_uniform(r, 7, 9.5);
        double depth = venue_rng_uniform(r, 4, 16);
        if (edge == 2) { /* a thumb from below */
            f->ax = f->bx = venue_rng_uniform(r, 0.15, 0.85) * tw;
            f->ay = th + 40;
            f->by = th - depth + f->r;
            f->ax += venue_rng_uniform(r, -15, 15);
        } else {
            f->ay = f->by = venue_rng_uniform(r, 0.35, 0.95) * th;
            f->ax = edge == 0 ? -40 : tw + 40;
            f->bx = edge == 0 ? depth - f->r : tw - depth + f->r;
            f->ay += venue_rng_uniform(r, -10, 10);
        }
        /* pull back out of the code */
        for (int k = 0; k < 40; k++) {
            double cx = fmin(fmax(f->bx, qx0), qx1), cy = fmin(fmax(f->by, qy0), qy1);
            if (hypot(f->bx - cx, f->by - cy) >= f->r)
                break;
            f->bx += (f->ax - f->bx) * 0.1;
            f->by += (f->ay - f->by) * 0.1;
        }
        f->shade = skin * (float)venue_rng_uniform(r, 0.9, 1.1);
        p->nfingers++;
    }
}

static double qr_module_px(const struct pose *p, const struct vtex *t, bool *inside, int w, int h)
{
    double c[4][2], q = t->qr_mm / t->qr_modules;
    double us[4] = {t->qr_x0 - q, t->qr_x0 + t->qr_mm + q, t->qr_x0 + t->qr_mm + q, t->qr_x0 - q};
    double vs[4] = {t->qr_y0 - q, t->qr_y0 - q, t->qr_y0 + t->qr_mm + q, t->qr_y0 + t->qr_mm + q};
    *inside = true;
    for (int i = 0; i < 4; i++) {
        project(p->h, us[i], vs[i], &c[i][0], &c[i][1]);
        if (c[i][0] < 0 || c[i][1] < 0 || c[i][0] >= w || c[i][1] >= h)
            *inside = false;
    }
    double side = 0;
    for (int i = 0; i < 4; i++)
        side += hypot(c[(i + 1) % 4][0] - c[i][0], c[(i + 1) % 4][1] - c[i][1]);
    return side / 4 / (t->qr_modules + 2);
}

/* Draws the object into img (radiance, background already there and lit). */
static void draw_object(const struct venue_shot *s, struct pose *p, float *img, const float *lmap)
{
    int w = s->width, h = s->height;
    const struct vtex *t = p->tex;
    double tw = t->w[0] / t->px_per_mm, th = t->h[0] / t->px_per_mm;
    /* bounding box: the texture, the strap's top and the fingers' far ends, plus the motion */
    double pts[8][2] = {{0, 0},         {tw, 0},       {tw, th},          {0, th},
                        {tw / 2, -600}, {-45, th / 2}, {tw + 45, th / 2}, {tw / 2, th + 45}};
    double x0 = w, y0 = h, x1 = 0, y1 = 0;
    for (int i = 0; i < 8; i++) {
        if ((i == 4 && !t->strap) || (i > 4 && p->nfingers == 0))
            continue;
        double x, y, ww = p->h[6] * pts[i][0] + p->h[7] * pts[i][1] + p->h[8];
        if (ww <= 0) {
            x0 = y0 = 0;
            x1 = w;
            y1 = h;
            break;
        }
        project(p->h, pts[i][0], pts[i][1], &x, &y);
        x0 = fmin(x0, x);
        y0 = fmin(y0, y);
        x1 = fmax(x1, x);
        y1 = fmax(y1, y);
    }
    double pad =
        2 + fabs(s->motion_dx) + fabs(s->motion_dy) + fabs(s->shutter_dx) + fabs(s->shutter_dy);
    int ax = (int)fmax(0, x0 - pad), ay = (int)fmax(0, y0 - pad);
    int bx = (int)fmin(w, x1 + pad + 1), by = (int)fmin(h, y1 + pad + 1);
    double mlen = hypot(s->motion_dx, s->motion_dy);
    int steps = mlen < 0.5 ? 1 : (int)fmin(24, ceil(mlen * 1.5) + 1);
    static const double sub[4][2] = {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}};
    for (int y = ay; y < by; y++) {
        double frac = (double)y / h - 0.5; /* rolling shutter: this row's time */
        double rsx = s->shutter_dx * frac, rsy = s->shutter_dy * frac;
        for (int x = ax; x < bx; x++) {
            float bg = img[(size_t)y * w + x];
            double light = lmap[(size_t)y * w + x], acc = 0;
            int n = 0;
            for (int k = 0; k < steps; k++) {
                double tk = steps == 1 ? 0 : (double)k / (steps - 1) - 0.5;
                double ox = x - rsx - s->motion_dx * tk, oy = y - rsy - s->motion_dy * tk;
                int nsub = steps == 1 && p->supersample ? 4 : 1;
                for (int j = 0; j < nsub; j++) {
                    double val = 0, sx = nsub == 1 ? 0.5 + 0.3 * ((k & 1) - 0.5) : sub[j][0];
                    double sy = nsub == 1 ? 0.5 + 0.3 * ((k >> 1 & 1) - 0.5) : sub[j][1];
                    double a = sample(p, ox + sx, oy + sy, light, &val);
                    acc += a * val + (1 - a) * bg;
                    n++;
                }
            }
            img[(size_t)y * w + x] = (float)(acc / n);
        }
    }
}

/* A fast Gaussian: the sum of four uniforms, scaled to unit variance. */
static inline double fast_gauss(struct venue_rng *r)
{
    uint32_t a = venue_rng_u32(r), b = venue_rng_u32(r);
    double s = (a & 0xffff) + (a >> 16) + (b & 0xffff) + (b >> 16);
    return (s / 65536.0 - 2.0) * 1.7320508;
}

static bool same_scene(const struct venue_shot *a, const struct venue_shot *b)
{
    return a->width == b->width && a->height == b->height && a->scene_seed == b->scene_seed &&
           a->background == b->background && a->bg_blur == b->bg_blur &&
           a->light_grad == b->light_grad && a->light_angle == b->light_angle;
}

void venue_bgcache_free(struct venue_bgcache *c)
{
    free(c->bg);
    free(c->light);
    memset(c, 0, sizeof(*c));
}

bool venue_render(struct venue *v, const struct venue_shot *s, struct ly_frame *f,
                  struct venue_truth *t, char *err, size_t errsz)
{
    return venue_render_cached(v, s, NULL, f, t, err, errsz);
}

bool venue_render_cached(struct venue *v, const struct venue_shot *s, struct venue_bgcache *c,
                         struct ly_frame *f, struct venue_truth *t, char *err, size_t errsz)
{
    int w = s->width, h = s->height;
    size_t npx = (size_t)w * h;
    struct venue_rng scene, noise;
    struct pose p = {0};
    struct vtex idle = {0};
    float *img = malloc(sizeof(float) * npx), *tmp = malloc(sizeof(float) * npx);
    float *lmap = NULL;
    bool ok = false, hit = c != NULL && c->bg != NULL && same_scene(&c->key, s);
    memset(t, 0, sizeof(*t));
    lmap = hit ? malloc(sizeof(float) * npx) : room_light_map(s);
    if (img == NULL || tmp == NULL || lmap == NULL || f->width != w || f->height != h) {
        snprintf(err, errsz, "venue: out of memory or a frame of the wrong size");
        goto end;
    }
    venue_rng_seed(&noise, (uint64_t)s->seed * 0x9e3779b97f4a7c15ull + 1);
    if (hit) {
        memcpy(img, c->bg, sizeof(float) * npx);
        memcpy(lmap, c->light, sizeof(float) * npx);
        scene = c->after;
    } else {
        venue_rng_seed(&scene, s->scene_seed);
        venue_background(v, s, &scene, img);
        venue_gauss_blur(img, w, h, s->bg_blur, tmp);
        for (size_t i = 0; i < npx; i++)
            img[i] *= lmap[i];
        if (c != NULL) {
            venue_bgcache_free(c);
            c->bg = malloc(sizeof(float) * npx);
            c->light = malloc(sizeof(float) * npx);
            if (c->bg != NULL && c->light != NULL) {
                memcpy(c->bg, img, sizeof(float) * npx);
                memcpy(c->light, lmap, sizeof(float) * npx);
                c->key = *s;
                c->after = scene;
            } else {
                venue_bgcache_free(c);
            }
        }
    }

    switch (s->object) {
    case VO_BADGE:
        p.tex = &v->badge[s->code % VENUE_BADGES];
        break;
    case VO_BADGE_BACK:
        p.tex = &v->badge_back[s->code % VENUE_BADGES];
        break;
    case VO_PHONE: {
        struct vtex *pt;
        if (!venue_phone_tex(v, s->code % VENUE_CODES, s->dark_mode, &pt))
            goto oom;
        p.tex = pt;
        p.emissive = true;
        p.grid = true;
        break;
    }
    case VO_TICKET: {
        struct vtex *tt;
        if (!venue_ticket_tex(v, s->code % VENUE_CODES, &tt))
            goto oom;
        p.tex = tt;
        break;
    }
    case VO_NONE:
        if (s->idle != VI_SCENE) {
            if (!venue_idle_tex(&scene, s->idle, v, &idle))
                goto oom;
            p.tex = &idle;
        }
        break;
    }
    if (p.tex != NULL) {
        pose_homography(s, p.tex, &p);
        /* mip level: texels per image pixel at the centre; one sample a pixel from the level
         * whose texel is about a pixel, four from level 0 when even that is coarser */
        double cx = s->cx * w, cy = s->cy * h, u0, v0, u1, v1, u2, v2;
        project(p.hinv, cx, cy, &u0, &v0);
        project(p.hinv, cx + 1, cy, &u1, &v1);
        project(p.hinv, cx, cy + 1, &u2, &v2);
        double tpp = fmax(hypot(u1 - u0, v1 - v0), hypot(u2 - u0, v2 - v0)) * p.tex->px_per_mm;
        int level = tpp > 1 ? (int)floor(log2(tpp)) : 0;
        level += s->aperture_bias;
        p.supersample = level <= 0 || tpp < 2;
        if (p.grid) {
            level = 0; /* the sensor samples the screen's pixel grid: moire */
            p.supersample = true;
        }
        p.level = level < 0 ? 0 : level >= p.tex->levels ? p.tex->levels - 1 : level;
        p.screen_gain = s->screen_gain > 0 ? s->screen_gain : 1.2;
        p.strap = (float)venue_rng_uniform(&scene, 0.05, 0.5);
        place_fingers(s, &scene, &p);
        double tw = p.tex->w[0] / p.tex->px_per_mm, th = p.tex->h[0] / p.tex->px_per_mm;
        for (int i = 0; i < s->glare_spots && i < 4; i++) {
            struct spot *g = &p.spots[p.nspots++];
            bool on_code = p.tex->qr_mm > 0 && venue_rng_uniform(&scene, 0, 1) < 0.6;
            g->u = on_code ? p.tex->qr_x0 + venue_rng_uniform(&scene, 0, p.tex->qr_mm)
                           : venue_rng_uniform(&scene, 0, tw);
            g->v = on_code ? p.tex->qr_y0 + venue_rng_uniform(&scene, 0, p.tex->qr_mm)
                           : venue_rng_uniform(&scene, 0, th);
            g->r = venue_rng_uniform(&scene, 2.5, 7);
            g->amp = venue_rng_uniform(&scene, 0.4, 1.4);
        }
        draw_object(s, &p, img, lmap);
        if (p.tex->qr_mm > 0 && s->object != VO_NONE && s->object != VO_BADGE_BACK) {
            t->payload = v->codes[s->code % VENUE_CODES].payload;
            t->qr_version = p.tex->qr_version;
            t->module_px = qr_module_px(&p, p.tex, &t->code_inside, w, h);
        }
    }
    for (size_t i = 0; i < (size_t)w * h; i++)
        img[i] += (float)s->flare;
    venue_gauss_blur(img, w, h, s->defocus_px, tmp);

    /* the sensor: electrons, shot and read noise, the auto-exposure's gain, gamma, 8 bits */
    double exposure = s->exposure > 0 ? s->exposure : 1.0;
    double gain = exposure < 1 ? fmin(1 / exposure, MAX_GAIN) : 1.0;
    double nscale = s->noise > 0 ? s->noise : 1.0;
    uint8_t lut[4097];
    for (int i = 0; i <= 4096; i++)
        lut[i] = (uint8_t)lround(255.0 * pow(i / 4096.0, 1 / 2.2));
    for (int y = 0; y < h; y++) {
        uint8_t *row = f->data + (size_t)y * f->stride;
        for (int x = 0; x < w; x++) {
            double e = fmax(img[(size_t)y * w + x], 0) * exposure * FULL_WELL;
            e += nscale * sqrt(e + READ_NOISE * READ_NOISE) * fast_gauss(&noise);
            double lin = e / FULL_WELL * gain / PAPER * 0.85;
            lin = lin < 0 ? 0 : lin > 1 ? 1 : lin;
            int xo = s->mirrored ? w - 1 - x : x;
            row[xo] = lut[(int)(lin * 4096)];
        }
    }
    if (s->jpeg_quality > 0 && !venue_jpeg_roundtrip(f, s->jpeg_quality, err, errsz))
        goto end;
    ok = true;
    goto end;
oom:
    snprintf(err, errsz, "venue: out of memory");
end:
    vtex_free(&idle);
    free(lmap);
    free(img);
    free(tmp);
    return ok;
}
