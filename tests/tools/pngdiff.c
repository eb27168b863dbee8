/* pngdiff - compares two PNG images of the same size: `pngdiff A.png B.png [--tolerance T]`.
 * Prints the fraction of pixels that differ by more than a per-channel threshold and the mean
 * absolute channel difference. Exits 0 when the fraction is at most T (default 0.001), 1 when
 * it is more, and 2 on a usage error or an image it cannot read or compare. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pngcmp.h"

static int usage(void)
{
    fprintf(stderr, "usage: pngdiff A.png B.png [--tolerance FRACTION] [--threshold 0-255]\n");
    return 2;
}

static bool parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    const char *path[2] = {NULL, NULL};
    double tolerance = 0.001, threshold = LY_PNGCMP_THRESHOLD;
    int npaths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tolerance") == 0 && i + 1 < argc) {
            if (!parse_double(argv[++i], 0, 1, &tolerance))
                return usage();
        } else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) {
            if (!parse_double(argv[++i], 0, 255, &threshold))
                return usage();
        } else if (argv[i][0] == '-' || npaths == 2) {
            return usage();
        } else {
            path[npaths++] = argv[i];
        }
    }
    if (npaths != 2)
        return usage();

    cairo_surface_t *img[2];
    for (int i = 0; i < 2; i++) {
        img[i] = cairo_image_surface_create_from_png(path[i]);
        cairo_status_t st = cairo_surface_status(img[i]);
        if (st != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "pngdiff: %s: %s\n", path[i], cairo_status_to_string(st));
            cairo_surface_destroy(img[i]);
            if (i == 1)
                cairo_surface_destroy(img[0]);
            return 2;
        }
    }
    struct ly_pngcmp cmp;
    char err[256];
    bool ok = ly_pngcmp_surfaces(img[0], img[1], (int)threshold, &cmp, err, sizeof err);
    cairo_surface_destroy(img[0]);
    cairo_surface_destroy(img[1]);
    if (!ok) {
        fprintf(stderr, "pngdiff: %s\n", err);
        return 2;
    }
    bool within = cmp.fraction <= tolerance;
    printf("%dx%d: %ld pixels differ (fraction %.6f, tolerance %.6f), mean absolute difference "
           "%.3f: %s\n",
           cmp.width, cmp.height, cmp.differing, cmp.fraction, tolerance, cmp.mean_abs,
           within ? "same" : "different");
    return within ? 0 : 1;
}
