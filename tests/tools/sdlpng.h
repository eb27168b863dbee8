/* sdlpng.h - writes an SDL surface as a PNG with cairo, over an opaque background colour, so
 * that the screen tests can keep what they drew for a person to look at (header-only). */
#ifndef LY_TOOLS_SDLPNG_H
#define LY_TOOLS_SDLPNG_H

#include <SDL.h>
#include <cairo.h>
#include <stdbool.h>
#include <string.h>

/* Writes s (any SDL pixel format) blended over bg to path. Returns false when it cannot. */
static inline bool ly_sdl_write_png(SDL_Surface *s, SDL_Color bg, const char *path)
{
    SDL_Surface *rgb = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32, SDL_PIXELFORMAT_XRGB8888);
    if (rgb == NULL)
        return false;
    SDL_FillRect(rgb, NULL, SDL_MapRGB(rgb->format, bg.r, bg.g, bg.b));
    SDL_BlendMode mode;
    SDL_GetSurfaceBlendMode(s, &mode);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    bool ok = SDL_BlitSurface(s, NULL, rgb, NULL) == 0;
    SDL_SetSurfaceBlendMode(s, mode);
    cairo_surface_t *c = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s->w, s->h);
    ok = ok && cairo_surface_status(c) == CAIRO_STATUS_SUCCESS;
    if (ok) {
        /* XRGB8888 and cairo's RGB24 are the same native-endian 32-bit layout. */
        unsigned char *px = cairo_image_surface_get_data(c);
        int stride = cairo_image_surface_get_stride(c);
        cairo_surface_flush(c);
        for (int y = 0; y < s->h; y++)
            memcpy(px + (size_t)y * stride, (unsigned char *)rgb->pixels + (size_t)y * rgb->pitch,
                   (size_t)s->w * 4);
        cairo_surface_mark_dirty(c);
        ok = cairo_surface_write_to_png(c, path) == CAIRO_STATUS_SUCCESS;
    }
    cairo_surface_destroy(c);
    SDL_FreeSurface(rgb);
    return ok;
}

#endif
