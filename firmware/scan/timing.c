/* timing.c - the timing-pattern check of candidate areas (timing.h). */
#include "scan/timing.h"

#include <math.h>

/* Below this module size (pixels) the timing check is not made: a finder centre found to a pixel
 * is off by most of a module, and the samples fall between modules (measured: codes of 1.4
 * pixels a module turned 45 degrees failed it). */
#define TIMING_MIN_MODULE 2.0

/* The grey level of f at (x, y), bilinear; the nearest edge pixel outside. */
static int sample(const struct ly_frame *f, double x, double y)
{
    x = x < 0 ? 0 : x > f->width - 1 ? f->width - 1 : x;
    y = y < 0 ? 0 : y > f->height - 1 ? f->height - 1 : y;
    int ix = (int)x, iy = (int)y, nx = ix + 1 < f->width ? ix + 1 : ix;
    int ny = iy + 1 < f->height ? iy + 1 : iy;
    double fx = x - ix, fy = y - iy;
    const uint8_t *r0 = f->data + (size_t)iy * (size_t)f->stride;
    const uint8_t *r1 = f->data + (size_t)ny * (size_t)f->stride;
    return (int)((r0[ix] * (1 - fx) + r0[nx] * fx) * (1 - fy) +
                 (r1[ix] * (1 - fx) + r1[nx] * fx) * fy);
}

/* Whether a timing line shows: from the finder centre (x0, y0), modules i = 8 to n - 9 along u
 * (one module, in frame pixels), 3 modules across along v, alternate dark (even i) and light
 * (light: the other way round) in at least three fifths of the steps. Each module is sampled as
 * the mean of 3 x 3 points over its middle: sensor noise in a dim frame otherwise decides single
 * samples. */
static bool timing_line(const struct ly_frame *f, double x0, double y0, const double u[2],
                        const double v[2], int n, bool light, double *share)
{
    int good = 0, steps = 0, prev = -1;
    for (int i = 8; i <= n - 9; i++) {
        double mi = i + 0.5 - 3.5, m6 = 6.5 - 3.5; /* the centre is module (3.5, 3.5) */
        double x = x0 + mi * u[0] + m6 * v[0], y = y0 + mi * u[1] + m6 * v[1];
        int val = 0;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                val +=
                    sample(f, x + (dx * u[0] + dy * v[0]) / 3.0, y + (dx * u[1] + dy * v[1]) / 3.0);
        if (prev >= 0) {
            good += (val < prev) == (((i % 2) == 0) != light); /* into a dark module: down */
            steps++;
        }
        prev = val;
    }
    *share = steps > 0 ? (double)good / steps : 0;
    return steps >= 2 && 5 * good >= 3 * steps;
}

/* The versions whose finder distance (d modules, centre to centre) the module size allows: it
 * comes from crossings, which a turned or tilted finder widens by up to a quarter, so versions
 * from d / 1.3 to d * 1.15 modules apart. */
static void versions(double d, int *v0, int *v1)
{
    *v0 = (int)floor((d / 1.3 - 10.0) / 4.0);
    *v1 = (int)ceil((d * 1.15 - 10.0) / 4.0);
    *v0 = *v0 < 1 ? 1 : *v0;
    *v1 = *v1 > 40 ? 40 : *v1;
}

bool ly_timing_corner(const struct ly_frame *f, const float corner[3][2], float module, bool light)
{
    if (module < TIMING_MIN_MODULE)
        return true; /* finder centres are not known to a module's precision */
    const float *pa = corner[0], *pb = corner[1], *pc = corner[2];
    double d =
        (hypot(pa[0] - pb[0], pa[1] - pb[1]) + hypot(pc[0] - pb[0], pc[1] - pb[1])) / 2.0 / module;
    int v0, v1;
    versions(d, &v0, &v1);
    for (int ver = v0; ver <= v1; ver++) {
        int n = 17 + 4 * ver; /* modules a side */
        double span = n - 7;  /* finder centre to centre */
        double u[2] = {(pa[0] - pb[0]) / span, (pa[1] - pb[1]) / span};
        double v[2] = {(pc[0] - pb[0]) / span, (pc[1] - pb[1]) / span};
        /* row 6 along BA, column 6 along BC */
        double share;
        if (timing_line(f, pb[0], pb[1], u, v, n, light, &share) ||
            timing_line(f, pb[0], pb[1], v, u, n, light, &share))
            return true;
    }
    return false;
}

bool ly_timing_pair(const struct ly_frame *f, const float p0[2], const float p1[2], float module,
                    bool light, int *side)
{
    double m = module;
    bool shown[2] = {false, false}; /* side -1, side 1 */
    double best[2] = {0, 0};        /* the largest share of steps that alternate, per side */
    *side = 0;
    if (m < TIMING_MIN_MODULE)
        return true;
    int v0, v1;
    versions(hypot(p1[0] - p0[0], p1[1] - p0[1]) / m, &v0, &v1);
    for (int ver = v0; ver <= v1; ver++) {
        int n = 17 + 4 * ver;
        double span = n - 7, u[2] = {(p1[0] - p0[0]) / span, (p1[1] - p0[1]) / span};
        for (int k = 0; k < 2; k++) {
            double sd = 2 * k - 1, v[2] = {-u[1] * sd, u[0] * sd}; /* a module across */
            double share;
            shown[k] = timing_line(f, p0[0], p0[1], u, v, n, light, &share) || shown[k];
            best[k] = share > best[k] ? share : best[k];
        }
    }
    if (shown[0] != shown[1])
        *side = shown[0] ? -1 : 1;
    else if (shown[0] && best[0] != best[1]) /* both: the one that alternates more */
        *side = best[0] > best[1] ? -1 : 1;
    return shown[0] || shown[1];
}

void ly_timing_pair_box(const float p0[2], const float p1[2], int side, float margin, int box[4])
{
    float px = -(p1[1] - p0[1]) * (float)side, py = (p1[0] - p0[0]) * (float)side;
    float xs[4] = {p0[0], p1[0], p0[0] + px, p1[0] + px};
    float ys[4] = {p0[1], p1[1], p0[1] + py, p1[1] + py};
    float lo[2] = {xs[0], ys[0]}, hi[2] = {xs[0], ys[0]};
    for (int j = 1; j < 4; j++) {
        lo[0] = fminf(lo[0], xs[j]);
        hi[0] = fmaxf(hi[0], xs[j]);
        lo[1] = fminf(lo[1], ys[j]);
        hi[1] = fmaxf(hi[1], ys[j]);
    }
    box[0] = (int)floorf(lo[0] - margin);
    box[1] = (int)floorf(lo[1] - margin);
    box[2] = (int)ceilf(hi[0] + margin) + 1;
    box[3] = (int)ceilf(hi[1] + margin) + 1;
}
