/* imgdiff - compares two PNG images of the same size with a tolerance, for the screenshot
 * tests: a pixel differs when one of its colour channels differs by more than THRESHOLD (0-255),
 * and the images match when at most MAX_PERCENT of their pixels differ.
 *   imgdiff A.png B.png [THRESHOLD [MAX_PERCENT]]     (defaults 40 and 0.5)
 * Prints "differ P% of pixels (N of M)" and exits 0 when they match, 1 when they do not, 2 on
 * an unreadable file or different sizes. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/num.h"

static cairo_surface_t *load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "imgdiff: %s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

int main(int argc, char **argv)
{
    int64_t threshold = 40;
    double max_percent = 0.5;
    if (argc < 3 || argc > 5 || (argc > 3 && !ly_num_int(argv[3], 0, 255, &threshold))) {
        fprintf(stderr, "usage: imgdiff A.png B.png [THRESHOLD [MAX_PERCENT]]\n");
        return 2;
    }
    if (argc > 4) {
        char *end;
        max_percent = strtod(argv[4], &end);
        if (*end || max_percent < 0 || max_percent > 100) {
            fprintf(stderr, "imgdiff: MAX_PERCENT is 0 to 100\n");
            return 2;
        }
    }
    cairo_surface_t *a = load(argv[1]), *b = load(argv[2]);
    int rc = 2;
    if (!a || !b)
        goto end;
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        fprintf(stderr, "imgdiff: sizes differ: %dx%d and %dx%d\n", w, h,
                cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
        goto end;
    }
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    const unsigned char *pa = cairo_image_surface_get_data(a),
                        *pb = cairo_image_surface_get_data(b);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    long differ = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)(pa + (size_t)y * (size_t)sa);
        const uint32_t *rb = (const uint32_t *)(pb + (size_t)y * (size_t)sb);
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < 24; c += 8) {
                int d = (int)((ra[x] >> c) & 0xFF) - (int)((rb[x] >> c) & 0xFF);
                if (d > threshold || -d > threshold) {
                    differ++;
                    break;
                }
            }
        }
    }
    double percent = 100.0 * (double)differ / ((double)w * (double)h);
    printf("differ %.3f%% of pixels (%ld of %ld)\n", percent, differ, (long)w * h);
    rc = percent <= max_percent ? 0 : 1;
end:
    if (a)
        cairo_surface_destroy(a);
    if (b)
        cairo_surface_destroy(b);
    return rc;
}
