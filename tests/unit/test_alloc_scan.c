/* test_alloc_scan.c - allocation failure in turn (tests/allocfail.h) in the scanner, which reads
 * every camera frame (untrusted: anything held up to the camera), fed its fuzz harnesses'
 * corpora (fuzz_finder, fuzz_scanner): the finder-pattern pre-check, and the whole pipeline with
 * the camera's and the still image's settings. Each allocation of Lanyard's code fails in turn
 * (zxing-cpp's and ZBar's are their libraries' own, not counted); each run must find exactly what
 * the run without faults found, or fail with a sentence that says memory ran out. Then
 * LeakSanitizer must find nothing leaked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocfail.h"
#include "check.h"
#include "scan/finder.h"
#include "scan/scanner.h"
#include "tools/qrsynth.h"

static FILE *sum_open(char *sum, size_t sumsz)
{
    FILE *f = fmemopen(sum, sumsz, "w");
    if (f == NULL)
        abort();
    return f;
}

/* fuzz_finder: an image (width from the first two bytes, padding from the third). */
static bool p_finder(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    const uint8_t *data = (const uint8_t *)in;
    struct ly_finder_area a[LY_FINDER_POLARITIES];
    if (n < 4)
        return snprintf(err, errsz, "too short") < 0;
    int width = ((int)data[0] | (int)data[1] << 8) % 1024 + 1, stride = width + data[2] % 16;
    int height = (int)((n - 3) / (size_t)stride);
    if (height < 1)
        return snprintf(err, errsz, "no row") < 0;
    af_on();
    struct ly_finder *fd = ly_finder_open();
    bool ok = fd && ly_finder_find(fd, data + 3, width, height, stride, a);
    af_off();
    ly_finder_close(fd);
    if (!ok) {
        snprintf(err, errsz, "finder: out of memory");
        return false;
    }
    FILE *f = sum_open(sum, sumsz);
    for (int p = 0; p < LY_FINDER_POLARITIES; p++)
        fprintf(f, "%d %d %d %d %d %g %d;", a[p].found, a[p].x0, a[p].y0, a[p].x1, a[p].y1,
                (double)a[p].module, a[p].candidates);
    fclose(f);
    return true;
}

/* fuzz_scanner: the whole scan pipeline on a frame drawn (odd first byte: a code with parameters
 * and payload from the input) or made of the input's bytes, with the camera's and the still
 * image's settings. The scanner is opened and run under the countdown; zxing-cpp's C++
 * allocations are its own library's and not counted. */
static bool p_scanner(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    const uint8_t *data = (const uint8_t *)in;
    struct ly_frame f;
    if (n < 16)
        return snprintf(err, errsz, "too short") < 0;
    if (!qrs_frame_from_bytes(&f, data, n, LY_BADGE_CODE_MAX))
        abort();
    struct ly_scanner *sc = NULL;
    struct ly_scan_result r[2];
    memset(r, 0, sizeof r);
    af_on();
    bool ok = ly_scanner_open(NULL, &sc, err, errsz) && ly_scanner_scan(sc, &f, &r[0], err, errsz);
    af_pause();
    ly_scanner_close(sc);
    sc = NULL;
    af_resume();
    ok = ok && ly_scanner_open(&ly_scanner_still, &sc, err, errsz) &&
         ly_scanner_scan(sc, &f, &r[1], err, errsz);
    af_off();
    ly_scanner_close(sc);
    ly_frame_free(&f);
    if (!ok)
        return false;
    FILE *o = sum_open(sum, sumsz);
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < r[k].count; i++)
            fprintf(o, "%d:%.*s %d %d;", k, r[k].codes[i].oversized ? 0 : (int)r[k].codes[i].len,
                    r[k].codes[i].payload, r[k].codes[i].x0, r[k].codes[i].y0);
    fclose(o);
    return true;
}

static const struct af_target targets[] = {
    {"scanner: finder pre-check", "finder", p_finder, 4, 40000, NULL, NULL},
    {"scanner: the whole pipeline", "scanner", p_scanner, 4, 4096, NULL, NULL},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static void scanner_fails_cleanly(void)
{
    (void)af_check_targets(targets, NTARGETS, "scanner", true);
}

int main(void)
{
    if (!af_install()) {
        fprintf(stderr, "test_alloc_scan: set-up failed\n");
        return 1;
    }
    RUN(scanner_fails_cleanly);
    return CHECK_DONE();
}
