/* shot.c - screenshots as PNG files. See shot.h. */
#include "shell/shot.h"

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/fail.h"

bool ly_shot_save(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errsz)
{
    if (w <= 0 || h <= 0 || w > 8192 || h > 8192)
        return ly_fail(err, errsz, "screenshot: bad size %dx%d", w, h);
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
    unsigned char *px = malloc((size_t)stride * (size_t)h);
    if (!px)
        return ly_fail(err, errsz, "screenshot: out of memory");
    bool ok = false;
    char part[4096 + 8];
    snprintf(part, sizeof part, "%s.part", path);
    /* ARGB8888 in native order is cairo's RGB24 layout (the alpha byte ignored). */
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, stride) != 0) {
        ly_fail(err, errsz, "screenshot: %s", SDL_GetError());
    } else {
        cairo_surface_t *s =
            cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, w, h, stride);
        cairo_status_t st = cairo_surface_write_to_png(s, part);
        cairo_surface_destroy(s);
        if (st != CAIRO_STATUS_SUCCESS)
            ly_fail(err, errsz, "screenshot %s: %s", part, cairo_status_to_string(st));
        else if (rename(part, path) != 0)
            ly_fail(err, errsz, "screenshot: cannot rename %s", part);
        else
            ok = true;
    }
    free(px);
    return ok;
}
