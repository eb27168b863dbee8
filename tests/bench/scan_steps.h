/* scan_steps.h - bench_scan's older modes, on tests/tools/qrsynth.h frames: LY_BENCH_MATRIX=1
 * (scale and density against idle cost and reads) and LY_BENCH_READS=N (what the finder-pattern
 * pre-check changes in what is read), the measurements behind docs/scanning.md's pipeline
 * choices. Included by bench_scan.c only. */
#ifndef LY_BENCH_SCAN_STEPS_H
#define LY_BENCH_SCAN_STEPS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame.h"
#include "scan/scanner.h"
#include "tools/qrsynth.h"

static int steps_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* LY_BENCH_MATRIX=1: the measurements behind the default configuration (docs/scanning.md). For
 * each scale and density, one plain pass: idle ms per 1280x720 frame and how many of a set of
 * badge frames (code sizes 15% to 70% of the height, upright and rotated) it reads. */
static int steps_matrix(const char *payload)
{
    static const double code_sizes[] = {0.15, 0.2, 0.3, 0.45, 0.7};
    static const int res[][2] = {{640, 480}, {1280, 720}};
    printf("%-10s %5s %7s %8s  %s\n", "frame", "scale", "density", "idle ms",
           "read at code size 15% 20% 30% 45% 70% (of 4 each)");
    for (size_t r = 0; r < 2; r++) {
        for (int scale = 1; scale <= 3; scale++) {
            for (int density = 1; density <= 3; density++) {
                struct ly_scanner_config cfg = {
                    .qr_only = true, .density = density, .scale = scale};
                struct ly_scanner *sc;
                struct ly_frame f;
                struct ly_scan_result out;
                char err[128];
                double t[41];
                if (!ly_scanner_open(&cfg, &sc, err, sizeof(err)) ||
                    !ly_frame_alloc(&f, res[r][0], res[r][1]))
                    return 1;
                for (int i = 0; i < 41; i++) {
                    struct qrs_params p = {
                        .blur = 1, .noise = 3, .seed = (unsigned)i + 1, .scene = 7};
                    qrs_frame(&f, NULL, &p);
                    int64_t t0 = ly_frame_now_ns();
                    if (!ly_scanner_scan(sc, &f, &out, err, sizeof(err)))
                        return 1;
                    t[i] = (double)(ly_frame_now_ns() - t0) / 1e6;
                }
                qsort(t, 41, sizeof(double), steps_cmp_double);
                printf("%4dx%-5d %5d %7d %8.3f ", res[r][0], res[r][1], scale, density, t[20]);
                for (size_t c = 0; c < sizeof(code_sizes) / sizeof(code_sizes[0]); c++) {
                    int read = 0;
                    for (int v = 0; v < 4; v++) {
                        struct qrs_params p = {.size = code_sizes[c],
                                               .angle_deg = v * 17.0,
                                               .tilt = v == 3 ? 0.15 : 0,
                                               .blur = 1,
                                               .noise = 3,
                                               .seed = (unsigned)v + 1,
                                               .scene = 7,
                                               .cx = 0.4 + 0.05 * v,
                                               .cy = 0.45 + 0.03 * v};
                        qrs_frame(&f, payload, &p);
                        if (!ly_scanner_scan(sc, &f, &out, err, sizeof(err)))
                            return 1;
                        read += out.count > 0 && strcmp(out.codes[0].payload, payload) == 0;
                    }
                    printf(" %d", read);
                }
                printf("\n");
                fflush(stdout);
                ly_frame_free(&f);
                ly_scanner_close(sc);
            }
        }
    }
    return 0;
}

/* Scans f with a fresh scanner with cfg (every frame a first one); returns whether it read
 * payload, and with *cropped whether from the area around finder patterns. */
static bool steps_read_once(const struct ly_scanner_config *cfg, const struct ly_frame *f,
                            const char *payload, bool *cropped)
{
    struct ly_scanner *sc;
    struct ly_scan_result res;
    char err[128];
    bool ok = false;
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)))
        exit(1);
    if (ly_scanner_scan(sc, f, &res, err, sizeof(err)))
        ok = res.count == 1 && strcmp(res.codes[0].payload, payload) == 0;
    *cropped = res.cropped;
    ly_scanner_close(sc);
    return ok;
}

/* LY_BENCH_READS=N: what the pre-check changes in what is read. Each test variant and the
 * matrix's harder codes, N frames each (fresh noise, turned 3 degrees more each time), scanned as
 * the first camera frame with and without the pre-check: read around the finder patterns, read
 * by the whole-frame fallback, and frames read without the pre-check but not with it (lost). */
static int steps_reads(const char *payload, int64_t n)
{
    static const struct qrs_variant harder[] = {
        {"20% of the height", {.size = 0.2, .angle_deg = 17, .blur = 1, .noise = 3, .scene = 7}},
        {"30%, 17 degrees", {.size = 0.3, .angle_deg = 17, .blur = 1, .noise = 3, .scene = 7}},
        {"30%, 34 degrees", {.size = 0.3, .angle_deg = 34, .blur = 1, .noise = 3, .scene = 7}},
        {"70%, 34 degrees", {.size = 0.7, .angle_deg = 34, .blur = 1, .noise = 3, .scene = 7}},
        {"15% keystone", {.size = 0.45, .angle_deg = 5, .tilt = 0.15, .blur = 1, .scene = 7}},
    };
    struct ly_scanner_config with = ly_scanner_defaults, without;
    with.skip_unchanged = false;
    without = with;
    without.precheck = false;
    printf("%-10s %-18s %8s %8s %8s %8s %8s\n", "frame", "code", "cropped", "fallback", "with",
           "without", "lost");
    for (size_t s = 0; s < 2; s++) {
        for (size_t v = 0; v < QRS_VARIANTS + sizeof(harder) / sizeof(harder[0]); v++) {
            const struct qrs_variant *var =
                v < QRS_VARIANTS ? &qrs_variants[v] : &harder[v - QRS_VARIANTS];
            int cropped = 0, fallback = 0, old = 0, lost = 0;
            struct ly_frame f;
            if (!ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]))
                return 1;
            for (int64_t i = 0; i < n; i++) {
                struct qrs_params p = var->p;
                bool crop, ignored;
                p.seed = (unsigned)i + 1;
                p.angle_deg += 3.0 * (double)i;
                if (!qrs_frame(&f, payload, &p))
                    return 1;
                bool now = steps_read_once(&with, &f, payload, &crop);
                bool before = steps_read_once(&without, &f, payload, &ignored);
                cropped += now && crop;
                fallback += now && !crop;
                old += before;
                lost += before && !now;
            }
            printf("%4dx%-5d %-18s %8d %8d %8d %8d %8d\n", qrs_sizes[s][0], qrs_sizes[s][1],
                   var->name, cropped, fallback, cropped + fallback, old, lost);
            fflush(stdout);
            ly_frame_free(&f);
        }
    }
    return 0;
}

#endif
