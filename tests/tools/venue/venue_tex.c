/* venue_tex.c - the venue corpus's objects: the code set (signed Lanyard badge codes and other
 * systems' ticket codes), badges rendered by print/render.h, phone screens, paper tickets, the
 * idle things a camera sees (text, faces, grids, fabric) and Debian's photographs. See venue.h. */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "badge/badge.h"
#include "print/render.h"
#include "venue_int.h"

#define BADGE_DPI   200.0
#define CARD_W_MM   105.0 /* A6, as print/render.c lays it out */
#define CARD_H_MM   148.0
#define QR_TOP_MM   73.0          /* render.c QR_TOP: top of the quiet zone */
#define QR_SIDE_MM  38.0          /* render.c QR_SYMBOL: the symbol without quiet zone */
#define SLEEVE_MM   4.0           /* the clear plastic holder around the card */
#define SCREEN_PPMM (1.0 / 0.085) /* a 300 ppi phone screen, one texel per screen pixel */

bool vtex_alloc(struct vtex *t, int w, int h, double px_per_mm)
{
    memset(t, 0, sizeof(*t));
    t->lum[0] = calloc((size_t)w * h, 1);
    t->alpha[0] = malloc((size_t)w * h);
    if (t->lum[0] == NULL || t->alpha[0] == NULL) {
        free(t->lum[0]);
        free(t->alpha[0]);
        return false;
    }
    memset(t->alpha[0], 255, (size_t)w * h);
    t->levels = 1;
    t->w[0] = w;
    t->h[0] = h;
    t->px_per_mm = px_per_mm;
    return true;
}

/* Each level halves the one before by 2x2 box averaging, down to about 16 texels. */
void vtex_build_mips(struct vtex *t)
{
    for (int l = 1; l < t->levels; l++) {
        free(t->lum[l]);
        free(t->alpha[l]);
        t->lum[l] = t->alpha[l] = NULL;
    }
    t->levels = 1;
    for (int l = 1; l < VT_LEVELS; l++) {
        int pw = t->w[l - 1], ph = t->h[l - 1], w = pw / 2, h = ph / 2;
        if (w < 16 || h < 16)
            break;
        uint8_t *lum = malloc((size_t)w * h), *al = malloc((size_t)w * h);
        if (lum == NULL || al == NULL) {
            free(lum);
            free(al);
            break;
        }
        const uint8_t *pl = t->lum[l - 1], *pa = t->alpha[l - 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                size_t i = (size_t)2 * y * pw + 2 * x;
                lum[(size_t)y * w + x] =
                    (uint8_t)((pl[i] + pl[i + 1] + pl[i + pw] + pl[i + pw + 1] + 2) / 4);
                al[(size_t)y * w + x] =
                    (uint8_t)((pa[i] + pa[i + 1] + pa[i + pw] + pa[i + pw + 1] + 2) / 4);
            }
        }
        t->lum[l] = lum;
        t->alpha[l] = al;
        t->w[l] = w;
        t->h[l] = h;
        t->levels = l + 1;
    }
}

void vtex_free(struct vtex *t)
{
    for (int l = 0; l < VT_LEVELS; l++) {
        free(t->lum[l]);
        free(t->alpha[l]);
    }
    memset(t, 0, sizeof(*t));
}

/* Draws payload as a QR (error correction M, as badges are printed) with its symbol's top-left
 * corner at (x0, y0) mm, qr_mm wide, modules dark on light; with quiet, the 4-module quiet zone
 * is painted light too. Records the symbol's place. */
bool vtex_qr(struct vtex *t, const char *payload, double x0, double y0, double qr_mm, int light,
             int dark, bool quiet)
{
    QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL)
        return false;
    int n = q->width, margin = quiet ? 4 : 0;
    double m = qr_mm / n, k = t->px_per_mm;
    int ax = (int)floor((x0 - margin * m) * k), ay = (int)floor((y0 - margin * m) * k);
    int bx = (int)ceil((x0 + qr_mm + margin * m) * k),
        by = (int)ceil((y0 + qr_mm + margin * m) * k);
    for (int y = ay < 0 ? 0 : ay; y < by && y < t->h[0]; y++) {
        for (int x = ax < 0 ? 0 : ax; x < bx && x < t->w[0]; x++) {
            int mx = (int)floor(((x + 0.5) / k - x0) / m),
                my = (int)floor(((y + 0.5) / k - y0) / m);
            bool on = mx >= 0 && my >= 0 && mx < n && my < n && (q->data[my * n + mx] & 1);
            t->lum[0][(size_t)y * t->w[0] + x] = (uint8_t)(on ? dark : light);
        }
    }
    t->qr_x0 = x0;
    t->qr_y0 = y0;
    t->qr_mm = qr_mm;
    t->qr_modules = n;
    t->qr_version = q->version;
    QRcode_free(q);
    return true;
}

/* Runs draw on a white cairo surface the size of t (user units: millimetres) and copies its
 * luminance (BT.601) into t. */
bool vtex_cairo(struct vtex *t, void (*draw)(cairo_t *, void *), void *arg)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, t->w[0], t->h[0]);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return false;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, t->px_per_mm, t->px_per_mm);
    draw(cr, arg);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const uint8_t *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < t->h[0]; y++) {
        for (int x = 0; x < t->w[0]; x++) {
            uint32_t p;
            memcpy(&p, px + (size_t)y * stride + 4 * x, 4);
            t->lum[0][(size_t)y * t->w[0] + x] =
                (uint8_t)((299 * (p >> 16 & 255) + 587 * (p >> 8 & 255) + 114 * (p & 255)) / 1000);
        }
    }
    cairo_surface_destroy(s);
    return true;
}

/* The code set: Lanyard badge codes signed with a demo-like key (with and without a validity
 * window, so of both real lengths), then imported tickets of other systems' shapes. */
static bool build_codes(struct venue *v, char *err, size_t errsz)
{
    uint8_t seed[LY_BADGE_SEED_BYTES], pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    for (size_t i = 0; i < sizeof(seed); i++)
        seed[i] = (uint8_t)(0x5a ^ (i * 29));
    if (sodium_init() < 0 || crypto_sign_seed_keypair(pk, sk, seed) != 0) {
        snprintf(err, errsz, "venue: libsodium cannot make the demo key");
        return false;
    }
    for (int i = 0; i < VENUE_BADGES; i++) {
        struct ly_badge b = {.key_id = ly_badge_key_id(pk),
                             .event_id = 2025,
                             .attendee_id = 1000u + (uint32_t)i * 7919u,
                             .badge_version = (uint16_t)(1 + i % 3),
                             .has_window = i % 2 == 0,
                             .valid_from = 1750636800u,
                             .valid_until = 1751068800u};
        if (!ly_badge_encode(&b, sk, v->codes[i].payload, sizeof(v->codes[i].payload))) {
            snprintf(err, errsz, "venue: cannot encode badge %d", i);
            return false;
        }
        v->codes[i].len = strlen(v->codes[i].payload);
    }
    /* pretix's random secret, a pretix signed ticket, an Eventbrite-like numeric barcode, a
     * ticket URL, a short booking reference and a long JSON-ish pass */
    static const char *const tickets[VENUE_TICKETS] = {
        "k4q9xv2mt8zr7hbn3wcyd6jp5fgs0ae1",
        "E4BibOAmZgQZB7DWWn8kD4uM6ZY5Q0Mw3xHv1ESpXPRd2nx8pnxVDVobtjcrsYqB5hKg7LFC-fQw3y1tUx9Ka"
        "NJr0vcbWqPd",
        "106384927501834729001",
        "https://tickets.example.org/t/ORG2025/8F3K2Q9ZTM4",
        "TT-7KQ2-M9XR",
        "{\"t\":\"BEG-2025\",\"n\":\"V7H4-22QK-PLM0\",\"s\":\"a8f2c19e7d3b4650\",\"v\":1}",
    };
    for (int i = 0; i < VENUE_TICKETS; i++) {
        struct venue_code *c = &v->codes[VENUE_BADGES + i];
        snprintf(c->payload, sizeof(c->payload), "%s", tickets[i]);
        c->len = strlen(c->payload);
    }
    for (int i = 0; i < VENUE_CODES; i++) {
        QRcode *q = QRcode_encodeString(v->codes[i].payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (q == NULL) {
            snprintf(err, errsz, "venue: cannot encode code %d", i);
            return false;
        }
        v->codes[i].modules = q->width;
        QRcode_free(q);
    }
    return true;
}

double venue_module_mm(const struct venue *v, enum venue_object o, int code)
{
    if (o != VO_PHONE && o != VO_TICKET) /* a badge: as rendered, modules snapped to pixels */
        return v->badge[code % VENUE_BADGES].qr_mm / v->badge[code % VENUE_BADGES].qr_modules;
    double side =
        o == VO_PHONE ? (code < VENUE_BADGES ? 42 : 34 + 2 * (code % 3)) : 28 + 3 * (code % 3);
    return side / v->codes[code].modules;
}

static const char *const names[VENUE_BADGES] = {
    "Amina Okonkwo", "Jean-Baptiste Lefèvre", "Иван Петров",       "María José García",
    "李小龍",        "Fatima Al-Zahra",       "Ngozi Adeyemi-Ola", "Björn Ångström",
};
static const char *const categories[] = {"Participant", "Speaker", "Press", "Staff"};
static const uint32_t colours[] = {0x1f6fb2, 0xc0392b, 0x27ae60, 0x8e44ad};

/* Renders badge i with print/render.h to a PNG in dir, loads it, and puts it in a clear sleeve. */
static bool render_badge(struct venue *v, struct ly_render *r, const char *dir, int i, char *err,
                         size_t errsz)
{
    char path[512], reference[64];
    snprintf(path, sizeof(path), "%s/badge%d.png", dir, i);
    snprintf(reference, sizeof(reference), "No. %u - badge version %d", 1000u + (unsigned)i * 7919u,
             1 + i % 3);
    struct ly_card c = {.name = names[i],
                        .affiliation =
                            i % 3 ? "Internet Society Chapter" : "Ministry of Digital Affairs",
                        .country = i % 2 ? "Kenya" : "Brazil",
                        .category = categories[i % 4],
                        .category_rgb = colours[i % 4],
                        .event_name = "Internet Governance Forum 2025",
                        .event_dates = "23-27 June 2025",
                        .reference = reference,
                        .code = v->codes[i].payload};
    int version = 0;
    struct ly_frame card;
    if (!ly_render_png(r, LY_RENDER_A6, &c, 1, path, BADGE_DPI, &version, err, errsz) ||
        !ly_image_load(path, &card, err, errsz)) {
        unlink(path);
        return false;
    }
    unlink(path);
    double k = card.width / CARD_W_MM;
    int sleeve = (int)(SLEEVE_MM * k);
    struct vtex *t = &v->badge[i];
    if (!vtex_alloc(t, card.width + 2 * sleeve, card.height + 2 * sleeve, k)) {
        ly_frame_free(&card);
        snprintf(err, errsz, "venue: out of memory");
        return false;
    }
    for (int y = 0; y < t->h[0]; y++) {
        for (int x = 0; x < t->w[0]; x++) {
            int cx = x - sleeve, cy = y - sleeve;
            size_t o = (size_t)y * t->w[0] + x;
            if (cx >= 0 && cy >= 0 && cx < card.width && cy < card.height) {
                t->lum[0][o] = card.data[(size_t)cy * card.stride + cx];
            } else {
                t->lum[0][o] = 225; /* clear plastic: mostly what is behind it */
                t->alpha[0][o] = 70;
            }
        }
    }
    ly_frame_free(&card);
    QRcode *q = QRcode_encodeString(v->codes[i].payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL) {
        snprintf(err, errsz, "venue: cannot encode badge %d's code", i);
        return false;
    }
    t->qr_modules = q->width;
    t->qr_version = q->version;
    QRcode_free(q);
    /* on an image, render.c snaps modules to whole pixels (the nearest size when at most 5%
     * larger, else the next smaller) around the symbol's centre */
    double dw = QR_SIDE_MM / t->qr_modules * k,
           snapped = round(dw) <= dw * 1.05 ? round(dw) : floor(dw);
    double cy = QR_TOP_MM + 4 * QR_SIDE_MM / t->qr_modules + QR_SIDE_MM / 2;
    t->qr_mm = (snapped < 1 ? 1 : snapped) * t->qr_modules / k;
    t->qr_x0 = SLEEVE_MM + CARD_W_MM / 2 - t->qr_mm / 2;
    t->qr_y0 = SLEEVE_MM + cy - t->qr_mm / 2;
    t->strap = true;
    /* render.c's layout is copied above: check that a finder's centre is dark and the quiet
     * zone light, so that a change of layout fails here and not as a corpus of unreadables */
    double mm = t->qr_mm / t->qr_modules;
    int fx = (int)((t->qr_x0 + 3.5 * mm) * k), fy = (int)((t->qr_y0 + 3.5 * mm) * k);
    int qx = (int)((t->qr_x0 - 2 * mm) * k);
    if (version != t->qr_version || t->lum[0][(size_t)fy * t->w[0] + fx] > 80 ||
        t->lum[0][(size_t)fy * t->w[0] + qx] < 180) {
        snprintf(err, errsz,
                 "venue: the badge's QR is not where print/render.c put it before "
                 "(update QR_TOP_MM/QR_SIDE_MM in venue_tex.c)");
        return false;
    }
    vtex_build_mips(t);
    return true;
}

struct back_arg {
    int i;
};

/* The back of a badge (turned around on its lanyard): programme, Wi-Fi, a floor plan. */
static void draw_back(cairo_t *cr, void *arg)
{
    const struct back_arg *a = arg;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 5.5);
    cairo_move_to(cr, SLEEVE_MM + 8, SLEEVE_MM + 14);
    cairo_show_text(cr, "Programme - Day 2");
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 3.2);
    static const char *const lines[] = {
        "09:00  Opening plenary, Hall A",      "10:30  Coffee",
        "11:00  Workshops 1-6, rooms 201-206", "13:00  Lunch, level 0",
        "14:30  Main session, Hall A",         "Wi-Fi: IGF2025 / password on the desk"};
    for (int l = 0; l < 6; l++) {
        cairo_move_to(cr, SLEEVE_MM + 8, SLEEVE_MM + 24 + 6.5 * l);
        cairo_show_text(cr, lines[l]);
    }
    cairo_set_line_width(cr, 0.5);
    for (int r = 0; r < 4 + a->i % 3; r++) /* the floor plan: rooms as nested rectangles */
        cairo_rectangle(cr, SLEEVE_MM + 12 + r * 4, SLEEVE_MM + 72 + r * 3, 80 - r * 8, 50 - r * 6);
    cairo_stroke(cr);
}

bool venue_build_codes_and_badges(struct venue *v, char *err, size_t errsz)
{
    if (!build_codes(v, err, errsz))
        return false;
    char dir[] = "/tmp/lanyard-venue.XXXXXX";
    if (mkdtemp(dir) == NULL) {
        snprintf(err, errsz, "venue: mkdtemp: %s", strerror(errno));
        return false;
    }
    struct ly_render *r = NULL;
    bool ok = ly_render_open(&r, err, errsz);
    for (int i = 0; ok && i < VENUE_BADGES; i++) {
        ok = render_badge(v, r, dir, i, err, errsz);
        struct vtex *b = &v->badge_back[i];
        struct back_arg a = {i};
        if (ok && !vtex_alloc(b, v->badge[i].w[0], v->badge[i].h[0], v->badge[i].px_per_mm))
            ok = false;
        if (ok) {
            memcpy(b->alpha[0], v->badge[i].alpha[0], (size_t)b->w[0] * b->h[0]);
            ok = vtex_cairo(b, draw_back, &a);
            b->strap = true;
            vtex_build_mips(b);
        }
    }
    if (r != NULL) {
        char ignored[64];
        ly_render_close(r, ignored, sizeof(ignored));
    }
    rmdir(dir);
    return ok;
}

struct screen_arg {
    bool dark;
    const char *title;
};

/* A ticket app's screen around the code: status bar, header, event lines. */
static void draw_screen(cairo_t *cr, void *arg)
{
    const struct screen_arg *a = arg;
    double bg = a->dark ? 0.07 : 0.97, fg = a->dark ? 0.9 : 0.12;
    cairo_set_source_rgb(cr, bg, bg, bg);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, a->dark ? 0.18 : 0.25, a->dark ? 0.2 : 0.4, a->dark ? 0.25 : 0.7);
    cairo_rectangle(cr, 0, 0, 64, 22);
    cairo_fill(cr);
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_font_size(cr, 2.6);
    cairo_move_to(cr, 4, 4);
    cairo_show_text(cr, "9:41                                   LTE 87%");
    cairo_set_font_size(cr, 4.4);
    cairo_move_to(cr, 4, 15);
    cairo_show_text(cr, a->title);
    cairo_set_source_rgb(cr, fg, fg, fg);
    cairo_set_font_size(cr, 3.4);
    cairo_move_to(cr, 6, 100);
    cairo_show_text(cr, "Internet Governance Forum 2025");
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_move_to(cr, 6, 106);
    cairo_show_text(cr, "Admission - 23-27 June - Main entrance");
    cairo_move_to(cr, 6, 112);
    cairo_show_text(cr, "Show this code at the check-in desk");
}

/* A phone: rounded black body 71 x 146 mm, a 64 x 132 mm screen of 300 ppi showing the code
 * (42 to 50 mm with its quiet zone, by payload) in a ticket app; dark mode inverts it. */
bool venue_phone_tex(struct venue *v, int code, bool dark, struct vtex **out)
{
    struct vtex *t = &v->phone[code][dark];
    *out = t;
    if (t->levels > 0)
        return true;
    struct vtex screen;
    const double body_w = 71, body_h = 146, sx = 3.5, sy = 7, sw = 64, sh = 132, corner = 8;
    if (!vtex_alloc(&screen, (int)(sw * SCREEN_PPMM), (int)(sh * SCREEN_PPMM), SCREEN_PPMM))
        return false;
    struct screen_arg a = {dark, code < VENUE_BADGES ? "My badge" : "My ticket"};
    if (!vtex_cairo(&screen, draw_screen, &a) ||
        !vtex_alloc(t, (int)(body_w * SCREEN_PPMM), (int)(body_h * SCREEN_PPMM), SCREEN_PPMM)) {
        vtex_free(&screen);
        return false;
    }
    double qr_mm = venue_module_mm(v, VO_PHONE, code) * v->codes[code].modules;
    int light = dark ? 16 : 248, darkv = dark ? 232 : 14;
    double mod = qr_mm / 40.0; /* about 4 modules of quiet zone whatever the version */
    if (!vtex_qr(&screen, v->codes[code].payload, (sw - qr_mm) / 2, 30 + 4 * mod, qr_mm, light,
                 darkv, true)) {
        vtex_free(&screen);
        vtex_free(t);
        return false;
    }
    for (int y = 0; y < t->h[0]; y++) {
        for (int x = 0; x < t->w[0]; x++) {
            double u = (x + 0.5) / SCREEN_PPMM, w = (y + 0.5) / SCREEN_PPMM;
            double dx = fmax(fmax(corner - u, u - (body_w - corner)), 0);
            double dy = fmax(fmax(corner - w, w - (body_h - corner)), 0);
            double out_d = sqrt(dx * dx + dy * dy) - corner; /* > 0 outside the rounded body */
            size_t o = (size_t)y * t->w[0] + x;
            t->alpha[0][o] = (uint8_t)(out_d > 0.1 ? 0 : out_d > -0.1 ? 128 : 255);
            int scx = (int)((u - sx) * SCREEN_PPMM), scy = (int)((w - sy) * SCREEN_PPMM);
            if (scx >= 0 && scy >= 0 && scx < screen.w[0] && scy < screen.h[0])
                t->lum[0][o] = screen.lum[0][(size_t)scy * screen.w[0] + scx];
            else
                t->lum[0][o] = 12; /* bezel */
        }
    }
    t->qr_x0 = screen.qr_x0 + sx;
    t->qr_y0 = screen.qr_y0 + sy;
    t->qr_mm = screen.qr_mm;
    t->qr_modules = screen.qr_modules;
    t->qr_version = screen.qr_version;
    t->pixel_pitch_mm = 1.0 / SCREEN_PPMM;
    vtex_free(&screen);
    vtex_build_mips(t);
    return true;
}

static void draw_ticket(cairo_t *cr, void *arg)
{
    (void)arg;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 5);
    cairo_move_to(cr, 6, 10);
    cairo_show_text(cr, "E-TICKET  Admit one");
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 3);
    static const char *const lines[] = {"Internet Governance Forum 2025",
                                        "Order #5531902 - 2 items", "General admission, all days"};
    for (int l = 0; l < 3; l++) {
        cairo_move_to(cr, 6, 17 + 5 * l);
        cairo_show_text(cr, lines[l]);
    }
    cairo_set_line_width(cr, 0.3);
    cairo_move_to(cr, 0, 78);
    cairo_line_to(cr, 90, 78);
    cairo_stroke(cr);
    cairo_move_to(cr, 6, 84);
    cairo_show_text(cr, "Bring this page or show it on your phone.");
}

/* A printed ticket: 90 x 110 mm of paper, the code 28 to 34 mm by payload, 8 texels per mm. */
bool venue_ticket_tex(struct venue *v, int code, struct vtex **out)
{
    struct vtex *t = &v->ticket[code];
    *out = t;
    if (t->levels > 0)
        return true;
    if (!vtex_alloc(t, 720, 880, 8.0))
        return false;
    double qr_mm = venue_module_mm(v, VO_TICKET, code) * v->codes[code].modules;
    if (!vtex_cairo(t, draw_ticket, NULL) ||
        !vtex_qr(t, v->codes[code].payload, 45 - qr_mm / 2, 36, qr_mm, 250, 12, true)) {
        vtex_free(t);
        return false;
    }
    for (int y = 0; y < t->h[0]; y++) /* paper seen lit from one side, slightly off-white */
        for (int x = 0; x < t->w[0]; x++)
            if (t->lum[0][(size_t)y * t->w[0] + x] > 240)
                t->lum[0][(size_t)y * t->w[0] + x] = (uint8_t)(238 + (x + y) % 5);
    vtex_build_mips(t);
    return true;
}

/* The Debian photographs (python3-skimage): people, a cat, coffee, a street, textures, text. */
static const char *const photo_files[] = {
    "astronaut.png",       "camera.png", "chelsea.png", "coffee.png",
    "motorcycle_left.png", "rocket.jpg", "brick.png",   "grass.png",
    "gravel.png",          "page.png",   "text.png",    "coins.png",
};

bool venue_load_photos(struct venue *v, char *err, size_t errsz)
{
    for (size_t i = 0; i < sizeof(photo_files) / sizeof(photo_files[0]); i++) {
        char path[512], e[256];
        snprintf(path, sizeof(path), "%s/%s", VENUE_PHOTO_DIR, photo_files[i]);
        if (!ly_image_load(path, &v->photos[v->nphotos], e, sizeof(e))) {
            snprintf(
                err, errsz,
                "venue: %s (the corpus needs Debian's python3-skimage: run board/deps.sh test)", e);
            return false;
        }
        v->nphotos++;
    }
    return true;
}
