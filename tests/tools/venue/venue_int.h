/* venue_int.h - what the venue corpus's files share: textures with their mip levels, the code
 * set, the photographs. Not for users of venue.h. */
#ifndef LY_VENUE_INT_H
#define LY_VENUE_INT_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/ly_limits.h"
#include "venue.h"

#define VT_LEVELS        8
#define VENUE_PHOTOS_MAX 16

/* A flat object's look: luminance (0-255, reflectance for paper, emission for screens) and
 * coverage, with box-averaged mip levels. Level 0 is px_per_mm texels per millimetre. */
struct vtex {
    int levels;
    int w[VT_LEVELS], h[VT_LEVELS];
    uint8_t *lum[VT_LEVELS], *alpha[VT_LEVELS];
    double px_per_mm;
    double qr_x0, qr_y0, qr_mm; /* the symbol without quiet zone: top-left corner and side, mm */
    int qr_modules, qr_version;
    double pixel_pitch_mm; /* screens: the pixel grid's pitch (0: paper) */
    bool strap;            /* a lanyard strap runs up from the top edge's middle */
};

struct venue_code {
    char payload[LY_BADGE_CODE_MAX + 1];
    size_t len;
    int modules; /* the QR's side in modules (error correction M) */
};

struct venue {
    struct venue_code codes[VENUE_CODES];
    struct vtex badge[VENUE_BADGES];      /* printed cards, front */
    struct vtex badge_back[VENUE_BADGES]; /* the same cards with the code covered */
    struct vtex phone[VENUE_CODES][2];    /* made on first use; [1]: dark mode */
    struct vtex ticket[VENUE_CODES];      /* made on first use */
    struct ly_frame photos[VENUE_PHOTOS_MAX];
    int nphotos;
};

/* venue_tex.c: textures (vtex_cairo runs draw on a white cairo surface of t's size, user units
 * millimetres, and keeps its luminance), the objects made on first use, the code set, photos */
bool vtex_alloc(struct vtex *t, int w, int h, double px_per_mm);
void vtex_build_mips(struct vtex *t);
void vtex_free(struct vtex *t);
bool vtex_qr(struct vtex *t, const char *payload, double x0, double y0, double qr_mm, int light,
             int dark, bool quiet);
bool vtex_cairo(struct vtex *t, void (*draw)(cairo_t *, void *), void *arg);
bool venue_phone_tex(struct venue *v, int code, bool dark, struct vtex **out);
bool venue_ticket_tex(struct venue *v, int code, struct vtex **out);
bool venue_idle_tex(struct venue_rng *r, enum venue_idle kind, const struct venue *v,
                    struct vtex *out);
bool venue_build_codes_and_badges(struct venue *v, char *err, size_t errsz);
bool venue_load_photos(struct venue *v, char *err, size_t errsz);

/* The side of one module in millimetres of code i shown as object o (venue_tex.c's sizes). */
double venue_module_mm(const struct venue *v, enum venue_object o, int code);

/* venue_bg.c */
void venue_background(const struct venue *v, const struct venue_shot *s, struct venue_rng *r,
                      float *img);
void venue_gauss_blur(float *img, int w, int h, double sigma, float *tmp);
bool venue_jpeg_roundtrip(struct ly_frame *f, int quality, char *err, size_t errsz);

#endif
