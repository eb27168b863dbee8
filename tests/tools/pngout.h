/* pngout.h - writes a Y800 frame as a grey PNG with cairo, for the test tools that draw
 * camera-like frames (qrframe, camshot). */
#ifndef LY_TOOLS_PNGOUT_H
#define LY_TOOLS_PNGOUT_H

#include <cairo.h>
#include <stdbool.h>
#include <string.h>

#include "capture/frame.h"

static inline bool write_png(const struct ly_frame *f, const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, f->width, f->height);
    bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    if (ok) {
        uint8_t *px = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        cairo_surface_flush(s);
        for (int y = 0; y < f->height; y++) {
            for (int x = 0; x < f->width; x++) {
                uint32_t v = f->data[(size_t)y * f->stride + x];
                uint32_t p = v << 16 | v << 8 | v;
                memcpy(px + (size_t)y * stride + 4 * x, &p, 4);
            }
        }
        cairo_surface_mark_dirty(s);
        ok = cairo_surface_write_to_png(s, path) == CAIRO_STATUS_SUCCESS;
    }
    cairo_surface_destroy(s);
    return ok;
}

#endif
