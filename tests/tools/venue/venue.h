/* venue.h - a venue-like corpus of camera frames for the scanner's benchmark and regression test
 * (docs/scanning.md "The venue corpus"). Real Lanyard badges (drawn by print/render.h), codes on
 * phone screens and imported tickets are placed in 3D in front of a pinhole camera (640x480 or
 * 1280x720) over venue-like backgrounds and Debian's photographs, then go through the optics
 * (defocus, motion blur, rolling shutter), the sensor (signal-dependent noise, exposure) and
 * the camera's JPEG. Every frame comes from a seed and knows the payload it holds, if any. */
#ifndef LY_VENUE_H
#define LY_VENUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/frame.h"

/* Where Debian's python3-skimage installs its sample photographs (board/deps.sh test). */
#define VENUE_PHOTO_DIR "/usr/lib/python3/dist-packages/skimage/data"

/* Bounds: the frame sizes the corpus is drawn at, the longest sequence, the codes in the set. */
#define VENUE_SIZES   2
#define VENUE_SEQ_MAX 40
#define VENUE_BADGES  8 /* Lanyard badges, rendered once each */
#define VENUE_TICKETS 6 /* imported tickets of other lengths */
#define VENUE_CODES   (VENUE_BADGES + VENUE_TICKETS)

extern const int venue_sizes[VENUE_SIZES][2]; /* 640x480, 1280x720 */

/* The named conditions. Each is a set of frames with mixed distances and angles within it. */
enum venue_cond {
    VC_PLAIN,       /* a badge held up in a lit hall, mild angles */
    VC_FAR,         /* at arm's length and beyond: 1.5 to 2 px per module */
    VC_ROTATED,     /* any rotation */
    VC_PERSPECTIVE, /* tilted 20 to 35 degrees in 3D */
    VC_DEFOCUS,     /* outside the fixed-focus lens's depth of field */
    VC_MOTION,      /* moving: motion blur and rolling-shutter skew */
    VC_DIM,         /* underexposed: high gain, strong signal-dependent noise */
    VC_BRIGHT,      /* overexposed: paper clipped, low contrast */
    VC_GLARE,       /* specular spots on the badge sleeve */
    VC_JPEG,        /* MJPEG at a cheap webcam's quality (30 to 45) */
    VC_MIRRORED,    /* a front camera's mirrored image */
    VC_PHONE,       /* a code on a phone screen: pixel grid, moire */
    VC_PHONE_DARK,  /* the same in dark mode: light code on dark */
    VC_TICKETS,     /* imported tickets of other lengths, on paper and phones */
    VC_HANDS,       /* fingers over the badge's edges, a busy background */
    VC_MIXED,       /* every effect drawn at random */
    VC_IDLE,        /* no code: photographs, text, faces, grids, textures */
    VC_COUNT,
};

/* What the camera sees in front of the background. */
enum venue_object { VO_NONE, VO_BADGE, VO_PHONE, VO_TICKET, VO_BADGE_BACK };

/* Idle content placed in focus (VO_NONE only). */
enum venue_idle { VI_SCENE, VI_PHOTO, VI_TEXT, VI_FACES, VI_GRID, VI_TEXTURE, VI_COUNT };

/* Everything one frame depends on: drawn from a seed by venue_shot_draw, or set by hand. */
struct venue_shot {
    int width, height;
    double hfov_deg; /* horizontal field of view */
    enum venue_object object;
    int code;       /* index into the code set (venue_payload) */
    bool dark_mode; /* phone: light code on a dark screen */
    /* pose: the object's centre at distance_mm, projected at (cx, cy) (fractions of the frame),
     * turned by roll, then tilted about the horizontal and vertical axes */
    double distance_mm, cx, cy, roll_deg, tilt_x_deg, tilt_y_deg;
    int fingers; /* 0-4 fingers over the edges */
    /* optics */
    double defocus_px;             /* Gaussian sigma over the whole frame */
    double motion_dx, motion_dy;   /* object's movement during the exposure, px */
    double shutter_dx, shutter_dy; /* object's movement during the readout (top to bottom), px */
    int aperture_bias; /* sampling of the object: 0 area-averaged; -1, -2 sharper (aliasing) */
    /* light and sensor */
    double exposure;    /* 1: paper just below white; < 1 underexposed (gain brings it up) */
    double light_grad;  /* illumination falling off across the frame, 0-0.5 */
    double light_angle; /* its direction, radians */
    double screen_gain; /* phone screens: emitted light relative to paper */
    int glare_spots;
    double noise; /* sensor noise scale, 1 = a webcam in good light */
    bool mirrored;
    int jpeg_quality; /* 0: none */
    /* background and idle content */
    int background; /* < 0: procedural hall, else a photograph index */
    double bg_blur; /* background defocus sigma, px */
    enum venue_idle idle;
    double flare;        /* veiling glare: light added over the whole frame, 0-0.3 */
    uint32_t scene_seed; /* background layout, fingers, glare places: fixed in a sequence */
    uint32_t seed;       /* sensor noise: fresh in every frame */
};

/* What a rendered frame holds. */
struct venue_truth {
    const char *payload; /* the code's payload (static in struct venue), NULL for none */
    double module_px;    /* pixels per module at the code's centre */
    bool code_inside;    /* the whole symbol with a module of margin is inside the frame */
    int qr_version;
};

struct venue;

/* Builds the code set and its textures (renders the badges with print/render.h) and loads the
 * photographs from VENUE_PHOTO_DIR. Returns false with a message in err (e.g. the photographs
 * are missing: run board/deps.sh test). The caller frees *out with venue_close. */
__attribute__((warn_unused_result)) bool venue_open(struct venue **out, char *err, size_t errsz);

/* Frees v. NULL-safe. */
void venue_close(struct venue *v);

/* Returns the name ("plain", "phone-dark", ...) and one line describing condition c. */
const char *venue_cond_name(int c);
const char *venue_cond_doc(int c);

/* Returns the condition named name, or -1. */
int venue_cond_by_name(const char *name);

/* Returns the payload of code i (NUL-terminated, static in v), and its length in *len. */
const char *venue_payload(const struct venue *v, int i, size_t *len);

/* Fills *s with frame number index of condition cond at width x height. Deterministic. */
void venue_shot_draw(const struct venue *v, int cond, int width, int height, uint32_t index,
                     struct venue_shot *s);

/* Renders s into f (allocated by the caller at s->width x s->height) and describes it in *t.
 * Returns false with a message in err (out of memory, a JPEG error). */
__attribute__((warn_unused_result)) bool venue_render(struct venue *v, const struct venue_shot *s,
                                                      struct ly_frame *f, struct venue_truth *t,
                                                      char *err, size_t errsz);

/* A deterministic PRNG (splitmix64 seeded), uniform in [0,1), and a Gaussian. */
struct venue_rng {
    uint64_t s;
};
void venue_rng_seed(struct venue_rng *r, uint64_t seed);
uint32_t venue_rng_u32(struct venue_rng *r);
double venue_rng_uniform(struct venue_rng *r, double lo, double hi);
double venue_rng_gauss(struct venue_rng *r);

/* A frame's lit background, kept between the frames of one scene (an entering-view trial) so
 * that it is drawn once. Zero-initialise it; free it with venue_bgcache_free. One per thread. */
struct venue_bgcache {
    struct venue_shot key;  /* the fields the background depends on */
    struct venue_rng after; /* the scene's generator after drawing it */
    float *bg, *light;      /* the lit background and the room's light, width x height */
};

/* venue_render with the background taken from c when s's scene matches it, else drawn and kept
 * in c. The frame is the same as venue_render's. */
__attribute__((warn_unused_result)) bool
venue_render_cached(struct venue *v, const struct venue_shot *s, struct venue_bgcache *c,
                    struct ly_frame *f, struct venue_truth *t, char *err, size_t errsz);

/* Frees what c holds and zeroes it. */
void venue_bgcache_free(struct venue_bgcache *c);

/* Encodes f as a baseline greyscale JPEG at quality (1-100), as the camera's MJPEG, into *buf
 * (*len bytes; the caller frees *buf with free). Returns false with a message in err. */
__attribute__((warn_unused_result)) bool venue_jpeg_encode(const struct ly_frame *f, int quality,
                                                           unsigned char **buf, unsigned long *len,
                                                           char *err, size_t errsz);

/* A badge entering the view at 30 fps: a few idle frames, the badge moving in (motion blur,
 * rolling shutter), settling and held with hand shake. */
struct venue_seq {
    int n; /* frames, <= VENUE_SEQ_MAX */
    struct venue_shot shots[VENUE_SEQ_MAX];
};

#define VENUE_FPS 30

/* Fills *q with entering-view trial number index at width x height. Deterministic. */
void venue_seq_draw(const struct venue *v, int width, int height, uint32_t index,
                    struct venue_seq *q);

#endif
