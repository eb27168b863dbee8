/* pngcmp.h - compares two images of equal size pixel by pixel, for tests/tools/pngdiff and the
 * render tests (one algorithm, header-only so each links nothing more than cairo). A pixel
 * differs when any of its red, green, blue or alpha channels differs by more than a threshold;
 * the mean absolute difference is over every channel of every pixel, on the 0-255 scale. */
#ifndef LY_PNGCMP_H
#define LY_PNGCMP_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define LY_PNGCMP_THRESHOLD 48 /* per-channel difference a pixel may have and still match */

struct ly_pngcmp {
    int width, height;
    long differing;  /* pixels with a channel beyond the threshold */
    double fraction; /* differing / (width * height) */
    double mean_abs; /* mean absolute channel difference, 0 to 255 */
};

/* Reads channel c (0 alpha, 1 red, 2 green, 3 blue) of a cairo pixel; RGB24 has no alpha. */
static inline int ly_pngcmp_channel(uint32_t px, int c, cairo_format_t f)
{
    if (c == 0)
        return f == CAIRO_FORMAT_ARGB32 ? (int)(px >> 24) : 255;
    return (int)((px >> (8 * (3 - c))) & 0xffu);
}

/* Compares images a and b (ARGB32 or RGB24 image surfaces). Returns false with a message in err
 * when they cannot be compared (not images, different sizes). */
static inline bool ly_pngcmp_surfaces(cairo_surface_t *a, cairo_surface_t *b, int threshold,
                                      struct ly_pngcmp *out, char *err, size_t errsz)
{
    cairo_surface_t *s[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        cairo_format_t f = cairo_image_surface_get_format(s[i]);
        if (cairo_surface_status(s[i]) != CAIRO_STATUS_SUCCESS ||
            cairo_surface_get_type(s[i]) != CAIRO_SURFACE_TYPE_IMAGE ||
            (f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24)) {
            snprintf(err, errsz, "image %d is not a readable RGB image", i + 1);
            return false;
        }
        cairo_surface_flush(s[i]);
    }
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        snprintf(err, errsz, "sizes differ: %dx%d and %dx%d", w, h,
                 cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
        return false;
    }
    cairo_format_t fa = cairo_image_surface_get_format(a), fb = cairo_image_surface_get_format(b);
    const unsigned char *da = cairo_image_surface_get_data(a);
    const unsigned char *db = cairo_image_surface_get_data(b);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    double sum = 0;
    long differing = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)(const void *)(da + (size_t)y * (size_t)sa);
        const uint32_t *rb = (const uint32_t *)(const void *)(db + (size_t)y * (size_t)sb);
        for (int x = 0; x < w; x++) {
            bool differs = false;
            for (int c = 0; c < 4; c++) {
                int d = ly_pngcmp_channel(ra[x], c, fa) - ly_pngcmp_channel(rb[x], c, fb);
                d = d < 0 ? -d : d;
                sum += d;
                differs = differs || d > threshold;
            }
            differing += differs;
        }
    }
    double pixels = (double)w * (double)h;
    out->width = w;
    out->height = h;
    out->differing = differing;
    out->fraction = pixels > 0 ? (double)differing / pixels : 0;
    out->mean_abs = pixels > 0 ? sum / (pixels * 4) : 0;
    return true;
}

#endif
