/* venue.c - the venue corpus's conditions: how each draws a frame's object, pose, light and
 * camera from a seed, and the entering-view sequences. See venue.h and docs/scanning.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "venue_int.h"

const int venue_sizes[VENUE_SIZES][2] = {{640, 480}, {1280, 720}};

static const struct {
    const char *name, *doc;
} conds[VC_COUNT] = {
    [VC_PLAIN] = {"plain", "a badge held up in a lit hall, 2.3-4.5 px/module, mild angles"},
    [VC_FAR] = {"far", "a badge at arm's length or beyond: 1.5-2.2 px/module"},
    [VC_ROTATED] = {"rotated", "a badge at any rotation"},
    [VC_PERSPECTIVE] = {"perspective", "a badge tilted 20-35 degrees in 3D"},
    [VC_DEFOCUS] = {"defocus", "outside the fixed-focus lens's depth of field: sigma 0.6-1.4 px "
                               "at f = 900 px"},
    [VC_MOTION] = {"motion", "moving: 1.5-5 px of motion blur at f = 900 px, rolling-shutter "
                             "skew 1.5 times that"},
    [VC_DIM] = {"dim", "underexposed 3-6x: gain and signal-dependent noise"},
    [VC_BRIGHT] = {"bright", "overexposed and backlit: clipped paper, veiling flare"},
    [VC_GLARE] = {"glare", "specular spots on the badge's plastic sleeve"},
    [VC_JPEG] = {"jpeg", "MJPEG at a cheap webcam's quality, 30-45"},
    [VC_MIRRORED] = {"mirrored", "a front camera's mirrored image"},
    [VC_PHONE] = {"phone", "a code on a phone screen: pixel grid, moire, bright screen"},
    [VC_PHONE_DARK] = {"phone-dark", "a phone in dark mode: light code on dark"},
    [VC_TICKETS] = {"tickets", "imported tickets (pretix, Eventbrite-like) on paper and phones"},
    [VC_HANDS] = {"hands", "fingers over the badge's edges, a busy background"},
    [VC_MIXED] = {"mixed", "every effect drawn at random"},
    [VC_IDLE] = {"idle", "no code: photographs, text, faces, grids, fabric, badge backs"},
};

const char *venue_cond_name(int c)
{
    return c >= 0 && c < VC_COUNT ? conds[c].name : "?";
}

const char *venue_cond_doc(int c)
{
    return c >= 0 && c < VC_COUNT ? conds[c].doc : "?";
}

int venue_cond_by_name(const char *name)
{
    for (int c = 0; c < VC_COUNT; c++)
        if (strcmp(conds[c].name, name) == 0)
            return c;
    return -1;
}

void venue_rng_seed(struct venue_rng *r, uint64_t seed)
{
    r->s = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
}

uint32_t venue_rng_u32(struct venue_rng *r) /* splitmix64 */
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

double venue_rng_uniform(struct venue_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (venue_rng_u32(r) / 4294967296.0);
}

double venue_rng_gauss(struct venue_rng *r)
{
    double u = (venue_rng_u32(r) + 1.0) / 4294967297.0, w = venue_rng_u32(r) / 4294967296.0;
    return sqrt(-2 * log(u)) * cos(2 * M_PI * w);
}

bool venue_open(struct venue **out, char *err, size_t errsz)
{
    struct venue *v = calloc(1, sizeof(*v));
    *out = NULL;
    if (v == NULL) {
        snprintf(err, errsz, "venue: out of memory");
        return false;
    }
    if (!venue_build_codes_and_badges(v, err, errsz) || !venue_load_photos(v, err, errsz)) {
        venue_close(v);
        return false;
    }
    *out = v;
    return true;
}

void venue_close(struct venue *v)
{
    if (v == NULL)
        return;
    for (int i = 0; i < VENUE_BADGES; i++) {
        vtex_free(&v->badge[i]);
        vtex_free(&v->badge_back[i]);
    }
    for (int i = 0; i < VENUE_CODES; i++) {
        vtex_free(&v->phone[i][0]);
        vtex_free(&v->phone[i][1]);
        vtex_free(&v->ticket[i]);
    }
    for (int i = 0; i < v->nphotos; i++)
        ly_frame_free(&v->photos[i]);
    free(v);
}

const char *venue_payload(const struct venue *v, int i, size_t *len)
{
    *len = v->codes[i].len;
    return v->codes[i].payload;
}

static double focal_px(const struct venue_shot *s)
{
    return s->width / 2.0 / tan(s->hfov_deg * M_PI / 360.0);
}

/* Puts the object at the distance (20-80 cm: a badge is held close to a kiosk's camera) that
 * gives about px pixels per module. */
static void set_module_px(const struct venue *v, struct venue_shot *s, double px)
{
    double d = focal_px(s) * venue_module_mm(v, s->object, s->code) / px;
    s->distance_mm = d < 200 ? 200 : d > 800 ? 800 : d;
}

/* The camera and a plain, lit frame of a badge: the base every condition changes. */
static void base_shot(const struct venue *v, struct venue_rng *r, int width, int height,
                      uint32_t index, struct venue_shot *s)
{
    memset(s, 0, sizeof(*s));
    s->width = width;
    s->height = height;
    /* a VGA webcam has a narrower lens than a 720p one */
    s->hfov_deg = width <= 640 ? venue_rng_uniform(r, 56, 66) : venue_rng_uniform(r, 64, 78);
    s->object = VO_BADGE;
    s->code = (int)(index % VENUE_BADGES);
    s->cx = venue_rng_uniform(r, 0.35, 0.65);
    s->cy = venue_rng_uniform(r, 0.35, 0.65);
    s->roll_deg = venue_rng_uniform(r, -12, 12);
    s->tilt_x_deg = venue_rng_uniform(r, -12, 12);
    s->tilt_y_deg = venue_rng_uniform(r, -12, 12);
    s->defocus_px = venue_rng_uniform(r, 0.3, 0.7);
    s->exposure = venue_rng_uniform(r, 0.8, 1.1);
    s->light_grad = venue_rng_uniform(r, 0, 0.25);
    s->light_angle = venue_rng_uniform(r, 0, 2 * M_PI);
    s->noise = 1;
    s->screen_gain = venue_rng_uniform(r, 1.0, 1.7);
    /* a VGA camera sends raw YUYV or MJPEG; at 720p USB 2 allows MJPEG only */
    s->jpeg_quality = width <= 640 && venue_rng_u32(r) % 2 ? 0 : (int)venue_rng_uniform(r, 50, 76);
    s->background = venue_rng_u32(r) % 2 ? (int)(venue_rng_u32(r) % VENUE_PHOTOS_MAX) : -1;
    s->bg_blur = venue_rng_uniform(r, 0.8, 3);
    s->scene_seed = venue_rng_u32(r);
    s->seed = venue_rng_u32(r);
    set_module_px(v, s, venue_rng_uniform(r, 2.3, 4.5));
}

static void tilt_by(struct venue_rng *r, struct venue_shot *s, double lo, double hi)
{
    double mag = venue_rng_uniform(r, lo, hi), dir = venue_rng_uniform(r, 0, 2 * M_PI);
    s->tilt_x_deg = mag * cos(dir);
    s->tilt_y_deg = mag * sin(dir);
}

static void apply(const struct venue *v, int cond, struct venue_rng *r, struct venue_shot *s,
                  uint32_t index)
{
    double px = 0;
    switch (cond) {
    case VC_FAR:
        px = venue_rng_uniform(r, 1.5, 2.2);
        break;
    case VC_ROTATED:
        s->roll_deg = venue_rng_uniform(r, 0, 360);
        px = venue_rng_uniform(r, 2.2, 4);
        break;
    case VC_PERSPECTIVE:
        tilt_by(r, s, 20, 35);
        s->roll_deg = venue_rng_uniform(r, -30, 30);
        px = venue_rng_uniform(r, 2.3, 4);
        break;
    case VC_DEFOCUS: /* blur is an angle: in pixels it grows with the focal length */
        px = venue_rng_uniform(r, 2.5, 4.5);
        s->defocus_px = venue_rng_uniform(r, 0.6, 1.4) * focal_px(s) / 900;
        break;
    case VC_MOTION: {
        px = venue_rng_uniform(r, 2.5, 4.5);
        double len = venue_rng_uniform(r, 1.5, 5) * focal_px(s) / 900;
        double dir = venue_rng_uniform(r, 0, 2 * M_PI);
        s->motion_dx = len * cos(dir);
        s->motion_dy = len * sin(dir);
        s->shutter_dx = 1.5 * s->motion_dx; /* readout takes longer than the exposure */
        s->shutter_dy = 1.5 * s->motion_dy;
        break;
    }
    case VC_DIM:
        s->exposure = venue_rng_uniform(r, 0.16, 0.33);
        s->noise = venue_rng_uniform(r, 1.2, 2.0);
        px = venue_rng_uniform(r, 2.3, 4.5);
        break;
    case VC_BRIGHT:
        s->exposure = venue_rng_uniform(r, 1.3, 2.2);
        s->flare = venue_rng_uniform(r, 0.05, 0.25);
        s->light_grad = venue_rng_uniform(r, 0.2, 0.45);
        px = venue_rng_uniform(r, 2.3, 4.5);
        break;
    case VC_GLARE:
        s->glare_spots = 1 + (int)(venue_rng_u32(r) % 3);
        px = venue_rng_uniform(r, 2.3, 4.5);
        break;
    case VC_JPEG:
        s->jpeg_quality = (int)venue_rng_uniform(r, 30, 46);
        px = venue_rng_uniform(r, 2.0, 3.5);
        break;
    case VC_MIRRORED:
        s->mirrored = true;
        break;
    case VC_PHONE:
    case VC_PHONE_DARK:
        s->object = VO_PHONE;
        s->code = (int)(venue_rng_u32(r) % VENUE_CODES);
        s->dark_mode = cond == VC_PHONE_DARK;
        s->glare_spots = (int)(venue_rng_u32(r) % 2);
        px = venue_rng_uniform(r, 2.0, 4.0);
        break;
    case VC_TICKETS:
        s->code = VENUE_BADGES + (int)(index % VENUE_TICKETS);
        s->object = venue_rng_u32(r) % 2 ? VO_TICKET : VO_PHONE;
        s->dark_mode = s->object == VO_PHONE && venue_rng_u32(r) % 3 == 0;
        px = venue_rng_uniform(r, 1.8, 4.0);
        break;
    case VC_HANDS:
        s->fingers = 1 + (int)(venue_rng_u32(r) % 4);
        s->background = venue_rng_u32(r) % 2 ? 0 : -1; /* people, or a busy hall */
        break;
    case VC_MIXED: {
        int o = (int)(venue_rng_u32(r) % 5);
        if (o == 3 || o == 4) {
            s->object = o == 3 ? VO_PHONE : VO_TICKET;
            s->code = (int)(venue_rng_u32(r) % VENUE_CODES);
            s->dark_mode = o == 3 && venue_rng_u32(r) % 2;
        }
        px = venue_rng_uniform(r, 1.8, 4.5);
        s->roll_deg = venue_rng_uniform(r, 0, 360);
        if (venue_rng_uniform(r, 0, 1) < 0.4)
            tilt_by(r, s, 10, 30);
        if (venue_rng_uniform(r, 0, 1) < 0.3)
            s->defocus_px = px * venue_rng_uniform(r, 0.15, 0.3);
        if (venue_rng_uniform(r, 0, 1) < 0.3) {
            double len = px * venue_rng_uniform(r, 0.3, 1.0), dir = venue_rng_uniform(r, 0, 6.3);
            s->motion_dx = len * cos(dir);
            s->motion_dy = len * sin(dir);
            s->shutter_dx = 1.5 * s->motion_dx;
            s->shutter_dy = 1.5 * s->motion_dy;
        }
        if (venue_rng_uniform(r, 0, 1) < 0.25) {
            s->exposure = venue_rng_uniform(r, 0.25, 0.5);
            s->noise = venue_rng_uniform(r, 1, 1.6);
        } else if (venue_rng_uniform(r, 0, 1) < 0.2) {
            s->exposure = venue_rng_uniform(r, 1.2, 1.8);
            s->flare = venue_rng_uniform(r, 0, 0.15);
        }
        s->glare_spots = venue_rng_uniform(r, 0, 1) < 0.2 ? 1 : 0;
        s->mirrored = venue_rng_uniform(r, 0, 1) < 0.3;
        s->fingers = venue_rng_uniform(r, 0, 1) < 0.3 ? 2 : 0;
        if (venue_rng_uniform(r, 0, 1) < 0.3)
            s->jpeg_quality = (int)venue_rng_uniform(r, 35, 60);
        break;
    }
    case VC_IDLE: {
        /* every kind of idle content in turn; one frame in seven a badge turned around */
        s->object = index % 7 == 6 ? VO_BADGE_BACK : VO_NONE;
        s->idle = (enum venue_idle)(index % VI_COUNT);
        if (s->idle == VI_PHOTO)
            s->background = (int)(index % VENUE_PHOTOS_MAX);
        s->roll_deg = venue_rng_uniform(r, -40, 40);
        s->distance_mm = venue_rng_uniform(r, 250, 600);
        if (venue_rng_uniform(r, 0, 1) < 0.3)
            s->exposure = venue_rng_uniform(r, 0.2, 0.4);
        if (venue_rng_uniform(r, 0, 1) < 0.3)
            s->noise = venue_rng_uniform(r, 1.5, 2.5);
        s->mirrored = venue_rng_u32(r) % 2;
        return;
    }
    default:
        break;
    }
    if (px > 0)
        set_module_px(v, s, px);
}

void venue_shot_draw(const struct venue *v, int cond, int width, int height, uint32_t index,
                     struct venue_shot *s)
{
    struct venue_rng r;
    venue_rng_seed(&r, ((uint64_t)cond << 48) ^ ((uint64_t)width << 32) ^ index);
    base_shot(v, &r, width, height, index, s);
    apply(v, cond, &r, s, index);
}

/* A trial: 3 frames of the hall, the badge (or a phone, one trial in four) coming in from an
 * edge over 5 to 10 frames, easing out, then held with hand shake to 0.8 s in all. */
void venue_seq_draw(const struct venue *v, int width, int height, uint32_t index,
                    struct venue_seq *q)
{
    struct venue_rng r;
    struct venue_shot rest;
    venue_rng_seed(&r, 0x5e9ull << 40 ^ ((uint64_t)width << 32) ^ index);
    base_shot(v, &r, width, height, index, &rest);
    if (index % 4 == 3) {
        rest.object = VO_PHONE;
        rest.code = (int)(venue_rng_u32(&r) % VENUE_CODES);
        rest.dark_mode = venue_rng_u32(&r) % 2;
        set_module_px(v, &rest, venue_rng_uniform(&r, 2.2, 4));
    }
    rest.jpeg_quality = width <= 640 ? 0 : (int)venue_rng_uniform(&r, 50, 76);
    int edge = (int)(venue_rng_u32(&r) % 3), idle = 3, moving = 5 + (int)(venue_rng_u32(&r) % 6);
    double sx = edge == 0 ? -0.45 : edge == 1 ? 1.45 : rest.cx;
    double sy = edge == 2 ? 1.6 : rest.cy + venue_rng_uniform(&r, -0.2, 0.3);
    double exposure_frac = rest.exposure < 0.9 ? 0.9 : 0.5, readout_frac = 0.8;
    double px_prev = sx * width, py_prev = sy * height;
    q->n = 24;
    for (int i = 0; i < q->n; i++) {
        struct venue_shot *s = &q->shots[i];
        *s = rest;
        s->seed = venue_rng_u32(&r);
        double t = i < idle ? 0 : i < idle + moving ? (double)(i - idle + 1) / moving : 1;
        double e = 1 - (1 - t) * (1 - t) * (1 - t); /* ease out */
        s->cx = sx + (rest.cx - sx) * e + (t >= 1 ? venue_rng_gauss(&r) * 1.2 / width : 0);
        s->cy = sy + (rest.cy - sy) * e + (t >= 1 ? venue_rng_gauss(&r) * 1.2 / height : 0);
        s->roll_deg = rest.roll_deg + (1 - e) * 25;
        s->distance_mm = rest.distance_mm * (1 + 0.3 * (1 - e));
        double x = s->cx * width, y = s->cy * height, vx = x - px_prev, vy = y - py_prev;
        px_prev = x;
        py_prev = y;
        s->motion_dx = vx * exposure_frac;
        s->motion_dy = vy * exposure_frac;
        s->shutter_dx = vx * readout_frac;
        s->shutter_dy = vy * readout_frac;
        if (i < idle)
            s->motion_dx = s->motion_dy = s->shutter_dx = s->shutter_dy = 0;
    }
}
