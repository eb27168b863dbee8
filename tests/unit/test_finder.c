/* test_finder.c - the scanner's finder-pattern pre-check (firmware/scan/finder.h) on the images the
 * scanner gives it: every test variant of tests/tools/qrsynth.h is found, in its polarity, with an
 * area that holds the whole code; idle scenes, sensor noise, pure noise and flat frames have no
 * plausible set; a code with a finder hidden is still found, and its pair's timing line tells the
 * side the code lies on; a finder-like spot that is not square on both diagonals does not take a
 * code's corner (but does when corners are ranked by size alone); and images of any size and
 * content (tiny, padded, random, thousands of finder-like rings) stay within their bounds. */
#include <math.h>
#include <stdlib.h>

#include "../check.h"
#include "../tools/qrsynth.h"
#include "scan/finder.h"
#include "scan/timing.h"
#include "capture/frame.h"

static char payload[145];

/* The image the scanner gives the pre-check: frames of 720 lines or more shrunk by 2 (a box
 * average), others as they are. Returns the factor. */
static int work_image(const struct ly_frame *f, struct ly_frame *w)
{
    int k = (long)f->width * f->height > 1280L * 800 ? 2 : 1; /* as the scanner: full size */
    if (!ly_frame_alloc(w, f->width / k, f->height / k))
        return 0;
    for (int y = 0; y < w->height; y++) {
        for (int x = 0; x < w->width; x++) {
            unsigned sum = 0;
            for (int i = 0; i < k * k; i++)
                sum +=
                    f->data[(size_t)(y * k + i / k) * (size_t)f->stride + (size_t)(x * k + i % k)];
            w->data[(size_t)y * (size_t)w->stride + (size_t)x] = (uint8_t)(sum / (unsigned)(k * k));
        }
    }
    return k;
}

static bool inside(const struct ly_finder_area *a, double x, double y)
{
    return a->x0 <= x && x < a->x1 && a->y0 <= y && y < a->y1;
}

/* Whether the area holds the whole symbol (the drawn square but its 4-module quiet zone: 41 of
 * 49 modules) of a code drawn with p into a frame of w x h, seen shrunk by k. */
static bool holds_code(const struct ly_finder_area *a, const struct qrs_params *p, int w, int h,
                       int k)
{
    double side = p->size * h, th = p->angle_deg * M_PI / 180.0, half = 41.0 / 49.0 / 2.0;
    double cx = (p->cx > 0 ? p->cx : 0.5) * w, cy = (p->cy > 0 ? p->cy : 0.5) * h;
    static const double ux[4] = {-1, 1, 1, -1}, uy[4] = {-1, -1, 1, 1};
    for (int i = 0; i < 4; i++) {
        double sx = ux[i] * half * side * (uy[i] < 0 ? 1.0 - p->tilt : 1.0 + p->tilt);
        double sy = uy[i] * half * side;
        double x = cx + sx * cos(th) - sy * sin(th), y = cy + sx * sin(th) + sy * cos(th);
        if (!inside(a, x / k, y / k))
            return false;
    }
    return true;
}

/* Every variant, at both sizes and with three noise seeds: a corner set in the code's polarity,
 * none in the other unless inside the code, an area that holds the code and a module size near
 * the drawn one (41 + 8 modules across size * height). */
static void test_variants_found(void)
{
    struct ly_finder *fd = ly_finder_open();
    CHECK(fd != NULL);
    for (size_t s = 0; s < 2; s++) {
        for (size_t v = 0; v < QRS_VARIANTS; v++) {
            for (unsigned seed = 1; seed <= 3; seed++) {
                struct qrs_params p = qrs_variants[v].p;
                struct ly_frame f, w;
                struct ly_finder_area a[LY_FINDER_POLARITIES];
                int pol = p.inverted ? LY_FINDER_LIGHT : LY_FINDER_DARK;
                p.seed = seed;
                CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
                CHECK(qrs_frame(&f, payload, &p));
                int k = work_image(&f, &w);
                CHECK(k > 0);
                CHECK(ly_finder_find(fd, w.data, w.width, w.height, w.stride, a));
                double module = p.size * f.height / 49.0 / k;
                bool ok = a[pol].found && a[pol].triple &&
                          holds_code(&a[pol], &p, f.width, f.height, k) &&
                          a[pol].module > 0.6 * module && a[pol].module < 1.5 * module;
                if (!ok)
                    fprintf(stderr,
                            "%dx%d %s seed %u: found %d triple %d area %d,%d-%d,%d "
                            "module %.2f (drawn %.2f)\n",
                            f.width, f.height, qrs_variants[v].name, seed, a[pol].found,
                            a[pol].triple, a[pol].x0, a[pol].y0, a[pol].x1, a[pol].y1,
                            (double)a[pol].module, module);
                CHECK(ok);
                if (seed == 1)
                    printf("# %dx%d %-18s candidates %d, area %dx%d of %dx%d\n", f.width, f.height,
                           qrs_variants[v].name, a[pol].candidates, a[pol].x1 - a[pol].x0,
                           a[pol].y1 - a[pol].y0, w.width, w.height);
                ly_frame_free(&w);
                ly_frame_free(&f);
            }
        }
    }
    ly_finder_close(fd);
}

/* Fills f with the content of kind: 0-7 scenes with sensor noise (sigma 3, 6 and 10), 8 pure
 * noise, 9-11 flat black, grey and white, 12 a gradient. */
static void idle_frame(struct ly_frame *f, int kind, unsigned seed)
{
    static const double sigma[] = {3, 6, 10};
    uint32_t r = seed * 7919 + 1;
    if (kind < 8) {
        struct qrs_params p = {
            .noise = sigma[kind % 3], .blur = kind % 2, .seed = seed, .scene = (unsigned)kind + 1};
        CHECK(qrs_frame(f, NULL, &p));
        return;
    }
    for (int y = 0; y < f->height; y++) {
        for (int x = 0; x < f->width; x++) {
            uint8_t *px = &f->data[(size_t)y * (size_t)f->stride + (size_t)x];
            if (kind == 8)
                *px = (uint8_t)qrs_rand(&r);
            else if (kind == 12)
                *px = (uint8_t)(x * 255 / f->width);
            else
                *px = (uint8_t)((kind - 9) * 127 + (kind == 11));
        }
    }
}

/* Frames without a code have no plausible set in either polarity. */
static void test_idle_not_found(void)
{
    struct ly_finder *fd = ly_finder_open();
    int frames = 0;
    CHECK(fd != NULL);
    for (size_t s = 0; s < 2; s++) {
        for (int kind = 0; kind <= 12; kind++) {
            for (unsigned seed = 1; seed <= 2; seed++) {
                struct ly_frame f, w;
                struct ly_finder_area a[LY_FINDER_POLARITIES];
                CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
                idle_frame(&f, kind, seed);
                CHECK(work_image(&f, &w) > 0);
                CHECK(ly_finder_find(fd, w.data, w.width, w.height, w.stride, a));
                if (a[0].found || a[1].found)
                    fprintf(stderr, "%dx%d idle kind %d seed %u: found %d %d\n", f.width, f.height,
                            kind, seed, a[0].found, a[1].found);
                CHECK(!a[LY_FINDER_DARK].found && !a[LY_FINDER_LIGHT].found);
                frames++;
                ly_frame_free(&w);
                ly_frame_free(&f);
            }
        }
    }
    CHECK_INT(frames, 52);
    ly_finder_close(fd);
}

/* A code with one finder covered (a thumb, glare) is still a plausible set: two finders of one
 * size, with an area reaching to where the third may be. */
static void test_two_finders(void)
{
    struct ly_finder *fd = ly_finder_open();
    struct ly_frame f;
    struct ly_finder_area a[LY_FINDER_POLARITIES];
    struct qrs_params p = {.size = 0.5, .noise = 2, .scene = 3, .seed = 1};
    CHECK(fd != NULL);
    CHECK(ly_frame_alloc(&f, 640, 480));
    CHECK(qrs_frame(&f, payload, &p));
    /* the top-left finder: modules 0-6 of 41 from the symbol's corner, 4 in from the drawing's */
    double side = 0.5 * 480, m = side / 49.0, x0 = 320 - side / 2 + 3 * m, y0 = 240 - side / 2;
    for (int y = (int)(y0 + 3 * m); y < (int)(y0 + 12 * m); y++)
        memset(f.data + (size_t)y * (size_t)f.stride + (size_t)x0, 230, (size_t)(9 * m));
    CHECK(ly_finder_find(fd, f.data, f.width, f.height, f.stride, a));
    CHECK(a[LY_FINDER_DARK].found);
    CHECK(!a[LY_FINDER_DARK].triple);
    CHECK(holds_code(&a[LY_FINDER_DARK], &p, 640, 480, 1));
    ly_frame_free(&f);
    ly_finder_close(fd);
}

/* Draws a finder pattern (7 x 7 modules of m pixels, dark rings on light) at (x, y). */
static void draw_finder(struct ly_frame *f, int x, int y, int m)
{
    for (int j = 0; j < 7 * m; j++) {
        for (int i = 0; i < 7 * m; i++) {
            int r = abs(i / m - 3) > abs(j / m - 3) ? abs(i / m - 3) : abs(j / m - 3);
            f->data[(size_t)(y + j) * (size_t)f->stride + (size_t)(x + i)] = r == 2 ? 235 : 20;
        }
    }
}

/* Covers the finder whose top-left module is at (x, y) (modules of m pixels) with paper, a module
 * of margin around it. */
static void cover_finder(struct ly_frame *f, double x, double y, double m)
{
    for (int j = (int)(y - m); j < (int)(y + 8 * m); j++)
        memset(f->data + (size_t)j * (size_t)f->stride + (size_t)(x - m), 230, (size_t)(9 * m));
}

/* The code of test_two_finders with its bottom-left finder covered: the two top finders' timing
 * line (row 6) shows below them, and ly_timing_pair says so whichever finder comes first. */
static void test_pair_side(void)
{
    struct ly_finder *fd = ly_finder_open();
    struct ly_frame f;
    struct ly_finder_area a[LY_FINDER_POLARITIES];
    struct qrs_params p = {.size = 0.5, .noise = 2, .scene = 3, .seed = 1};
    CHECK(fd != NULL);
    CHECK(ly_frame_alloc(&f, 640, 480));
    CHECK(qrs_frame(&f, payload, &p));
    double side = 0.5 * 480, m = side / 49.0, x0 = 320 - side / 2 + 4 * m,
           y0 = 240 - side / 2 + 4 * m;
    cover_finder(&f, x0, y0 + 34 * m, m);
    CHECK(ly_finder_find(fd, f.data, f.width, f.height, f.stride, a));
    const struct ly_finder_area *d = &a[LY_FINDER_DARK];
    CHECK(d->found && !d->triple && d->pairs >= 1);
    /* a printed finder agrees along both diagonals: a camera tries such a pair (scanner.c) */
    CHECK(d->pair_square == 2);
    /* the first pair is the top two finders, 34 modules apart on one row */
    CHECK(fabsf(d->corner[0][1] - (float)(y0 + 3.5 * m)) < 2 * m);
    CHECK(fabsf(d->corner[1][1] - (float)(y0 + 3.5 * m)) < 2 * m);
    CHECK(fabsf(fabsf(d->corner[1][0] - d->corner[0][0]) - (float)(34 * m)) < 2 * m);
    int s01 = 0, s10 = 0;
    CHECK(ly_timing_pair(&f, d->corner[0], d->corner[1], d->corner_module, false, &s01));
    CHECK(ly_timing_pair(&f, d->corner[1], d->corner[0], d->corner_module, false, &s10));
    /* side 1 lies towards (-(p1 - p0).y, (p1 - p0).x): down (+y) when p1 is right of p0 */
    bool first_left = d->corner[0][0] < d->corner[1][0];
    CHECK(s01 == (first_left ? 1 : -1));
    CHECK(s10 == -s01);
    /* the square on that side holds the covered finder's centre and the code's far corner */
    int box[4];
    ly_timing_pair_box(d->corner[0], d->corner[1], s01, (float)(7 * m), box);
    CHECK(box[0] <= x0 && box[1] <= y0 && box[2] >= x0 + 41 * m && box[3] >= y0 + 41 * m);
    CHECK(box[1] > y0 - 7 * m && box[3] < y0 + 45 * m); /* and not the other side */
    ly_frame_free(&f);
    ly_finder_close(fd);
}

/* Draws a finder (as draw_finder) whose light ring is dark where one diagonal crosses it, and
 * whose outer ring's corners there are paper: the row, the column and the other diagonal cross
 * it in the ratios, that diagonal not (a spot in a texture that three lines happen to fit). */
static void draw_unsquare_finder(struct ly_frame *f, int x, int y, int m)
{
    static const int light[][2] = {{5, 0}, {6, 0}, {6, 1}, {0, 5}, {0, 6}, {1, 6}};
    static const int dark[][2] = {{4, 1}, {5, 1}, {5, 2}, {1, 4}, {1, 5}, {2, 5}};
    draw_finder(f, x, y, m);
    for (int c = 0; c < 6; c++) {
        for (int j = 0; j < m; j++) {
            memset(f->data + (size_t)(y + light[c][1] * m + j) * (size_t)f->stride +
                       (size_t)(x + light[c][0] * m),
                   235, (size_t)m);
            memset(f->data + (size_t)(y + dark[c][1] * m + j) * (size_t)f->stride +
                       (size_t)(x + dark[c][0] * m),
                   20, (size_t)m);
        }
    }
}

/* A code, and below its top-right finder a finder-like spot that is not square on both
 * diagonals, placed where it makes a larger corner with the top finders than the code's own:
 * the corner reported is the code's; ranked by size alone (ly_finder_by_size), the larger. */
static void test_corner_ranking(void)
{
    struct ly_finder *fd = ly_finder_open();
    struct ly_frame f;
    struct ly_finder_area a[LY_FINDER_POLARITIES], b[LY_FINDER_POLARITIES];
    struct qrs_params p = {.size = 0.45, .cy = 0.4, .noise = 2, .scene = 0, .seed = 3};
    CHECK(fd != NULL);
    ly_finder_by_size(fd, b); /* no search yet: nothing */
    CHECK(!b[0].found && !b[1].found);
    CHECK(ly_frame_alloc(&f, 640, 480));
    CHECK(qrs_frame(&f, payload, &p));
    double side = 0.45 * 480, m = side / 49.0, cx = 320, cy = 0.4 * 480;
    double tl[2] = {cx - side / 2 + 7.5 * m, cy - side / 2 + 7.5 * m};
    double tr[2] = {cx + side / 2 - 7.5 * m, tl[1]}, bl[2] = {tl[0], cy + side / 2 - 7.5 * m};
    double spot[2] = {tr[0], tr[1] + 1.4 * (bl[1] - tl[1])}; /* 1.4 times a side below */
    int mi = (int)lround(m), sx = (int)(spot[0] - 3.5 * mi), sy = (int)(spot[1] - 3.5 * mi);
    cover_finder(&f, sx, sy, mi); /* on paper, as a printed spot */
    draw_unsquare_finder(&f, sx, sy, mi);
    CHECK(ly_finder_find(fd, f.data, f.width, f.height, f.stride, a));
    ly_finder_by_size(fd, b);
    const struct ly_finder_area *d = &a[LY_FINDER_DARK], *s = &b[LY_FINDER_DARK];
    CHECK(d->found && d->triple && s->found && s->triple);
    bool code_corner = true, spot_used = false;
    const double *want[3] = {tr, tl, bl}; /* either order of the outer two */
    for (int j = 0; j < 3; j++) {
        double best = 1e9;
        for (int k = 0; k < 3; k++)
            best = fmin(best, hypot(d->corner[j][0] - want[k][0], d->corner[j][1] - want[k][1]));
        code_corner = code_corner && best < 2 * m;
        spot_used =
            spot_used || hypot(s->corner[j][0] - spot[0], s->corner[j][1] - spot[1]) < 2 * m;
    }
    CHECK(code_corner);
    CHECK(hypot(d->corner[1][0] - tl[0], d->corner[1][1] - tl[1]) < 2 * m);
    CHECK(spot_used);
    ly_frame_free(&f);
    ly_finder_close(fd);
}

/* Images of any shape and content give areas within the image: tiny and one-line images, padded
 * rows, random content, and a wall of finder rings (more candidates than are kept: reported as a
 * set anywhere in the image, with the module size unknown). */
static void test_bounds(void)
{
    struct ly_finder *fd = ly_finder_open();
    struct ly_finder_area a[LY_FINDER_POLARITIES];
    static const int shapes[][3] = {{1, 1, 1},       {1, 9, 1},    {9, 1, 9},    {7, 7, 16},
                                    {8192, 2, 8192}, {2, 8192, 3}, {17, 13, 40}, {300, 200, 301}};
    uint32_t r = 12345;
    CHECK(fd != NULL);
    CHECK(ly_finder_find(fd, NULL, 10, 10, 10, a)); /* nothing to look at */
    CHECK(!a[0].found && !a[1].found);
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        int w = shapes[i][0], h = shapes[i][1], stride = shapes[i][2];
        uint8_t *px = malloc((size_t)stride * (size_t)h);
        CHECK(px != NULL);
        for (int round = 0; round < 20 && px != NULL; round++) {
            for (size_t k = 0; k < (size_t)stride * (size_t)h; k++)
                px[k] = (uint8_t)(round % 2 ? qrs_rand(&r) : (qrs_rand(&r) & 1) * 255);
            CHECK(ly_finder_find(fd, px, w, h, stride, a));
            for (int p = 0; p < LY_FINDER_POLARITIES; p++)
                CHECK(!a[p].found || (0 <= a[p].x0 && a[p].x0 < a[p].x1 && a[p].x1 <= w &&
                                      0 <= a[p].y0 && a[p].y0 < a[p].y1 && a[p].y1 <= h));
        }
        free(px);
    }
    struct ly_frame f;
    CHECK(ly_frame_alloc(&f, 1280, 720));
    memset(f.data, 235, (size_t)f.stride * (size_t)f.height);
    for (int y = 0; y + 21 <= 720; y += 24)
        for (int x = 0; x + 21 <= 1280; x += 24)
            draw_finder(&f, x, y, 3);
    CHECK(ly_finder_find(fd, f.data, f.width, f.height, f.stride, a));
    CHECK(a[LY_FINDER_DARK].found);
    CHECK(a[LY_FINDER_DARK].x0 == 0 && a[LY_FINDER_DARK].y0 == 0);
    CHECK(a[LY_FINDER_DARK].x1 == 1280 && a[LY_FINDER_DARK].y1 == 720);
    CHECK(a[LY_FINDER_DARK].module == 0);
    ly_frame_free(&f);
    ly_finder_close(fd);
}

int main(void)
{
    qrs_badge_payload(42, payload);
    RUN(test_variants_found);
    RUN(test_idle_not_found);
    RUN(test_two_finders);
    RUN(test_pair_side);
    RUN(test_corner_ranking);
    RUN(test_bounds);
    return CHECK_DONE();
}
