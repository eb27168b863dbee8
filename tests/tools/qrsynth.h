/* qrsynth.h - camera-like test frames holding a QR code, for the scanner's tests, benchmark and
 * tests/tools/qrframe. Encodes a payload with libqrencode (error correction M, as badges are
 * printed) and draws it into a Y800 frame through a perspective transform, with blur, noise,
 * contrast, inversion and mirroring. Header-only so that each program links only the library. */
#ifndef LY_QRSYNTH_H
#define LY_QRSYNTH_H

#include <math.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame.h"

/* How to draw the code. Zero fields mean: centred, upright, no effect. */
struct qrs_params {
    double cx, cy;    /* centre of the code in the frame, as a fraction of width and height */
    double size;      /* side of the code with its quiet zone, as a fraction of frame height */
    double angle_deg; /* rotation */
    double tilt;      /* perspective: top edge shorter by this fraction, bottom edge longer */
    int blur;         /* box-blur radius in pixels (two passes) */
    double noise;     /* Gaussian noise sigma in grey levels */
    int dark, light;  /* ink and paper levels (0 and 0: 20 and 235) */
    bool inverted;    /* light code on dark, as on a phone in dark mode */
    bool mirrored;    /* seen through a mirror or a selfie camera */
    unsigned seed;    /* sensor noise */
    unsigned scene;   /* background */
};

/* A deterministic PRNG (xorshift32), so that frames are the same on every run. */
static inline uint32_t qrs_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static inline double qrs_gauss(uint32_t *s)
{
    double u = ((qrs_rand(s) >> 8) + 1.0) / 16777217.0, v = (qrs_rand(s) >> 8) / 16777216.0;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* Fills a frame with an office-like background: a soft gradient with a few rectangles. */
static inline void qrs_background(struct ly_frame *f, unsigned seed)
{
    uint32_t s = seed * 2654435761u + 1;
    for (int y = 0; y < f->height; y++)
        for (int x = 0; x < f->width; x++)
            f->data[(size_t)y * f->stride + x] =
                (uint8_t)(90 + 60 * x / f->width + 40 * y / f->height);
    for (int r = 0; r < 6; r++) {
        int w = (int)(qrs_rand(&s) % (unsigned)(f->width / 4)) + 10;
        int h = (int)(qrs_rand(&s) % (unsigned)(f->height / 4)) + 10;
        int x0 = (int)(qrs_rand(&s) % (unsigned)(f->width - w));
        int y0 = (int)(qrs_rand(&s) % (unsigned)(f->height - h));
        uint8_t v = (uint8_t)(40 + qrs_rand(&s) % 180);
        for (int y = y0; y < y0 + h; y++)
            memset(f->data + (size_t)y * f->stride + x0, v, (size_t)w);
    }
}

/* Box blur of radius r, horizontal then vertical. */
static inline void qrs_blur(struct ly_frame *f, int r)
{
    int n = f->width > f->height ? f->width : f->height;
    int *acc = malloc(sizeof(int) * (size_t)(n + 1));
    uint8_t *line = malloc((size_t)n);
    if (acc == NULL || line == NULL)
        goto end;
    for (int pass = 0; pass < 2; pass++) {
        int len = pass == 0 ? f->width : f->height, lines = pass == 0 ? f->height : f->width;
        for (int l = 0; l < lines; l++) {
            for (int i = 0; i < len; i++)
                line[i] = pass == 0 ? f->data[(size_t)l * f->stride + i]
                                    : f->data[(size_t)i * f->stride + l];
            acc[0] = 0;
            for (int i = 0; i < len; i++)
                acc[i + 1] = acc[i] + line[i];
            for (int i = 0; i < len; i++) {
                int a = i - r < 0 ? 0 : i - r, b = i + r + 1 > len ? len : i + r + 1;
                uint8_t v = (uint8_t)((acc[b] - acc[a]) / (b - a));
                if (pass == 0)
                    f->data[(size_t)l * f->stride + i] = v;
                else
                    f->data[(size_t)i * f->stride + l] = v;
            }
        }
    }
end:
    free(acc);
    free(line);
}

/* Solves the homography mapping the unit square to quad q (corners for (0,0), (1,0), (1,1),
 * (0,1)) and returns its inverse in m (3x3, row-major): frame pixel -> unit square. */
static inline void qrs_inverse_homography(const double q[4][2], double m[9])
{
    double x0 = q[0][0], y0 = q[0][1], x1 = q[1][0], y1 = q[1][1];
    double x2 = q[2][0], y2 = q[2][1], x3 = q[3][0], y3 = q[3][1];
    double dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
    double dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
    double det = dx1 * dy2 - dx2 * dy1;
    double g = (dx3 * dy2 - dx2 * dy3) / det, h = (dx1 * dy3 - dx3 * dy1) / det;
    double a = x1 - x0 + g * x1, b = x3 - x0 + h * x3, c = x0;
    double d = y1 - y0 + g * y1, e = y3 - y0 + h * y3, ff = y0;
    /* adjugate of [[a b c] [d e ff] [g h 1]] */
    m[0] = e - ff * h;
    m[1] = c * h - b;
    m[2] = b * ff - c * e;
    m[3] = ff * g - d;
    m[4] = a - c * g;
    m[5] = c * d - a * ff;
    m[6] = d * h - e * g;
    m[7] = b * g - a * h;
    m[8] = a * e - b * d;
}

/* Draws payload as a QR (error correction M) into f (already holding a background) with params
 * p. Returns false when the payload cannot be encoded or memory runs out. */
static inline bool qrs_draw(struct ly_frame *f, const char *payload, const struct qrs_params *p)
{
    QRcode *qr = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (qr == NULL)
        return false;
    int n = qr->width, total = n + 8; /* modules including a 4-module quiet zone each side */
    int dark = p->dark || p->light ? p->dark : 20, light = p->dark || p->light ? p->light : 235;
    double side = (p->size > 0 ? p->size : 0.5) * f->height;
    double cx = (p->cx > 0 ? p->cx : 0.5) * f->width, cy = (p->cy > 0 ? p->cy : 0.5) * f->height;
    double th = p->angle_deg * M_PI / 180.0, q[4][2], m[9];
    static const double ux[4] = {-0.5, 0.5, 0.5, -0.5}, uy[4] = {-0.5, -0.5, 0.5, 0.5};
    for (int i = 0; i < 4; i++) {
        double sx = ux[i] * side * (uy[i] < 0 ? 1.0 - p->tilt : 1.0 + p->tilt), sy = uy[i] * side;
        q[i][0] = cx + sx * cos(th) - sy * sin(th);
        q[i][1] = cy + sx * sin(th) + sy * cos(th);
    }
    qrs_inverse_homography(q, m);
    for (int y = 0; y < f->height; y++) {
        for (int x = 0; x < f->width; x++) {
            int hits = 0, inside = 0;
            for (int sy = 0; sy < 3; sy++) {
                for (int sx = 0; sx < 3; sx++) {
                    double px = x + (sx + 0.5) / 3.0, py = y + (sy + 0.5) / 3.0;
                    double w = m[6] * px + m[7] * py + m[8];
                    double u = (m[0] * px + m[1] * py + m[2]) / w;
                    double v = (m[3] * px + m[4] * py + m[5]) / w;
                    if (u < 0 || u >= 1 || v < 0 || v >= 1)
                        continue;
                    inside++;
                    if (p->mirrored)
                        u = 1.0 - u - 1e-9;
                    int mx = (int)(u * total) - 4, my = (int)(v * total) - 4;
                    if (mx >= 0 && my >= 0 && mx < n && my < n && (qr->data[my * n + mx] & 1))
                        hits++;
                }
            }
            if (inside == 0)
                continue;
            uint8_t *px = &f->data[(size_t)y * f->stride + x];
            int paper = (light * (9 - hits) + dark * hits) / 9;
            if (p->inverted)
                paper = 255 - paper;
            *px = (uint8_t)((paper * inside + *px * (9 - inside)) / 9);
        }
    }
    QRcode_free(qr);
    if (p->blur > 0)
        qrs_blur(f, p->blur);
    if (p->noise > 0) {
        uint32_t s = p->seed * 747796405u + 2891336453u;
        for (int y = 0; y < f->height; y++) {
            for (int x = 0; x < f->width; x++) {
                uint8_t *px = &f->data[(size_t)y * f->stride + x];
                double v = *px + qrs_gauss(&s) * p->noise;
                *px = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
            }
        }
    }
    return true;
}

/* Fills f (allocated by the caller) with a background and, when payload is not NULL, a code. */
static inline bool qrs_frame(struct ly_frame *f, const char *payload, const struct qrs_params *p)
{
    qrs_background(f, p->scene);
    if (payload == NULL) {
        struct qrs_params q = *p;
        if (q.blur > 0)
            qrs_blur(f, q.blur);
        if (q.noise > 0) {
            uint32_t s = q.seed * 747796405u + 2891336453u;
            for (size_t i = 0; i < (size_t)f->height * f->stride; i++) {
                double v = f->data[i] + qrs_gauss(&s) * q.noise;
                f->data[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
            }
        }
        return true;
    }
    return qrs_draw(f, payload, p);
}

/* The frames the scanner must read (tests/unit/test_scanner.c and test_finder.c, the table in
 * docs/scanning.md): a badge-like code scaled, rotated, in perspective, blurred, noisy, low in
 * contrast, inverted and mirrored, over an office-like scene with sensor noise. */
struct qrs_variant {
    const char *name;
    struct qrs_params p;
};

static const struct qrs_variant qrs_variants[] = {
    {"upright", {.size = 0.45, .noise = 2, .scene = 3}},
    {"small", {.size = 0.34, .noise = 2, .scene = 3, .cx = 0.3, .cy = 0.6}},
    {"large", {.size = 0.8, .noise = 2, .scene = 3}},
    {"rotated 30", {.size = 0.5, .angle_deg = 30, .noise = 2, .scene = 3}},
    {"rotated 160", {.size = 0.5, .angle_deg = 160, .noise = 2, .scene = 3}},
    {"perspective", {.size = 0.5, .angle_deg = 10, .tilt = 0.1, .noise = 2, .scene = 3}},
    {"blurred", {.size = 0.55, .blur = 2, .noise = 2, .scene = 3}},
    {"noisy", {.size = 0.5, .noise = 10, .scene = 3}},
    {"low contrast", {.size = 0.5, .dark = 110, .light = 160, .noise = 2, .scene = 3}},
    {"inverted", {.size = 0.5, .inverted = true, .noise = 2, .scene = 3}},
    {"mirrored", {.size = 0.5, .mirrored = true, .noise = 2, .scene = 3}},
    {"mirrored inverted",
     {.size = 0.5, .mirrored = true, .inverted = true, .noise = 2, .scene = 3}},
};

#define QRS_VARIANTS (sizeof(qrs_variants) / sizeof(qrs_variants[0]))

/* The frame sizes they are drawn at: a VGA camera and a 720p one. */
static const int qrs_sizes[][2] = {{640, 480}, {1280, 720}};

/* Writes a badge-like payload: "LY1:" and 140 base32 characters from seed (145 bytes). */
static inline void qrs_badge_payload(unsigned seed, char out[145])
{
    static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    uint32_t s = seed * 2246822519u + 7;
    memcpy(out, "LY1:", 4);
    for (int i = 4; i < 144; i++)
        out[i] = b32[qrs_rand(&s) % 32];
    out[144] = '\0';
}

/* The frames fuzz_scanner scans are small, so that a run reaches its million executions (the
 * scan's time and the drawing's go with the pixels: drawing and scanning a 1,088 x 264 frame took
 * about 37 ms, a 96 x 96 one about 6 ms, without the sanitizers): QRS_FUZZ_SIDE_MIN to
 * QRS_FUZZ_SIDE_MAX pixels a side, every width (rows of any length reach the loops' tails). A frame
 * of raw pixels is QRS_FUZZ_LARGE to QRS_FUZZ_LARGE + 15 a side for one value of byte 1 in
 * QRS_FUZZ_LARGE_EVERY: a still image's pre-check runs again on the frame shrunk by 2 from 128
 * pixels a side. Drawn codes stay small, since libFuzzer keeps and mutates mostly the inputs that
 * reach the most code, and drawing is the dearest part of a small frame. */
#define QRS_FUZZ_SIDE_MIN    16
#define QRS_FUZZ_SIDE_MAX    96
#define QRS_FUZZ_LARGE       128
#define QRS_FUZZ_LARGE_EVERY 16

/* A frame made from fuzzer bytes (size >= 16), as fuzz_scanner and test_alloc_scan read them:
 * byte 1 the width, byte 2 the height (see QRS_FUZZ_SIDE_MAX); an odd byte 0 draws a code with
 * parameters from bytes 3-11 and the rest as its payload (at most max_payload bytes, NULs made
 * 'A'), an even one fills the frame with bytes 3 on. Returns false when the frame cannot be
 * allocated; the caller frees it with ly_frame_free. */
static inline bool qrs_frame_from_bytes(struct ly_frame *f, const uint8_t *data, size_t size,
                                        size_t max_payload)
{
    const int sides = QRS_FUZZ_SIDE_MAX - QRS_FUZZ_SIDE_MIN + 1;
    if (size < 16 || max_payload > 4096)
        return false;
    bool large = !(data[0] & 1) && data[1] % QRS_FUZZ_LARGE_EVERY == QRS_FUZZ_LARGE_EVERY - 1;
    int w = large ? QRS_FUZZ_LARGE + data[1] / QRS_FUZZ_LARGE_EVERY
                  : QRS_FUZZ_SIDE_MIN + data[1] % sides;
    int h = large ? QRS_FUZZ_LARGE + data[2] % 16 : QRS_FUZZ_SIDE_MIN + data[2] % sides;
    if (!ly_frame_alloc(f, w, h))
        return false;
    if (data[0] & 1) {
        char payload[4097];
        size_t n = size - 12 > max_payload ? max_payload : size - 12;
        memcpy(payload, data + 12, n);
        payload[n] = '\0';
        for (size_t i = 0; i < n; i++)
            payload[i] = payload[i] ? payload[i] : 'A';
        struct qrs_params p = {
            .cx = 0.2 + data[3] % 60 / 100.0,
            .cy = 0.2 + data[4] % 60 / 100.0,
            .size = 0.2 + data[5] % 80 / 100.0,
            .angle_deg = data[6] * 360.0 / 256.0,
            .tilt = data[7] % 30 / 100.0,
            .blur = data[8] % 3,
            .noise = data[9] % 20,
            .inverted = data[10] & 1,
            .mirrored = data[10] & 2,
            .seed = data[11],
            .scene = data[11] >> 4,
        };
        if (!qrs_frame(f, payload, &p))
            qrs_background(f, 1);
    } else {
        size_t n = (size_t)w * (size_t)h;
        for (size_t i = 0; i < n; i++)
            f->data[i] = data[3 + i % (size - 3)];
    }
    return true;
}

#endif
