/* fullness.c - the fullness panel of the idle screen. See fullness.h.
 *
 * The three levels differ by colour (green, amber, red), shape (a circle, a triangle, a square:
 * the dashboard's ▲ and ■), word and the number "inside / places". */
#include "screens/fullness.h"

#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "screens/layout.h"

#define QR_QUIET 4 /* modules of white around a QR code, as the standard asks */

bool ly_scr_has_fullness(const struct ly_ui_state *s)
{
    return s->status.fullness.level != LY_FULLNESS_NONE;
}

/* The panel's ground, ink and word for a level. */
static void level_style(enum ly_fullness_level l, unsigned *bg, unsigned *fg, const char **word)
{
    switch (l) {
    case LY_FULLNESS_FULL:
        *bg = C_RED, *fg = C_WHITE, *word = N_("Full");
        return;
    case LY_FULLNESS_NEARLY:
        *bg = C_AMBER, *fg = C_BLACK, *word = N_("Nearly full");
        return;
    default:
        *bg = C_GREEN, *fg = C_WHITE, *word = N_("Space available");
        return;
    }
}

/* The level's shape, size pixels across, centred on (cx, cy), in fg. */
static void level_shape(struct ly_dc *dc, enum ly_fullness_level l, float cx, float cy, float size,
                        unsigned fg)
{
    float r = size / 2;
    if (l == LY_FULLNESS_FULL) {
        ly_fill(dc,
                (SDL_Rect){(int)(cx - r * 0.85f), (int)(cy - r * 0.85f), (int)(size * 0.85f),
                           (int)(size * 0.85f)},
                fg);
    } else if (l == LY_FULLNESS_NEARLY) {
        float xy[6] = {cx, cy - r, cx + r, cy + r * 0.8f, cx - r, cy + r * 0.8f};
        ly_fill_convex(dc, xy, 3, fg);
    } else {
        ly_fill_circle(dc, cx, cy, r * 0.9f, fg);
    }
}

/* A QR code of text, as large as fits a square of side at most max with at least 2 pixels a
 * module, its quiet zone included, its top at y and its end side at x_end (the right edge, or
 * the left one in a right-to-left interface); returns the side drawn, 0 when none. */
static int draw_qr(struct ly_dc *dc, const char *text, int x_end, int y, int max)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL)
        return 0;
    int n = q->width + 2 * QR_QUIET, px = max / n;
    if (px < 2) {
        QRcode_free(q);
        return 0;
    }
    int side = n * px, x = dc->rtl ? x_end : x_end - side;
    ly_fill(dc, (SDL_Rect){x, y, side, side}, C_PANEL);
    for (int r = 0; r < q->width; r++) {
        for (int c = 0; c < q->width; c++) {
            if (q->data[r * q->width + c] & 1)
                ly_fill(dc, (SDL_Rect){x + (c + QR_QUIET) * px, y + (r + QR_QUIET) * px, px, px},
                        C_BLACK);
        }
    }
    QRcode_free(q);
    return side;
}

/* A link (ASCII, no spaces: nothing for the text's own wrapping to break at) in lines of at most
 * w pixels, cut where they fill up, at most max_lines (the last one ending in "…" when the link is
 * longer); returns the y below them. */
static int draw_link(struct ly_dc *dc, const char *url, float px, unsigned fg, int x, int y, int w,
                     int max_lines)
{
    size_t len = strlen(url), at = 0;
    for (int line = 0; line < max_lines && at < len; line++) {
        char buf[LY_URL_MAX + 4];
        size_t lo = 1, hi = len - at; /* the longest piece that fits: at least one character */
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            memcpy(buf, url + at, mid);
            buf[mid] = '\0';
            if (ly_text_extent(dc, buf, px, LY_TEXT_BOLD, 0, 1).x <= w)
                lo = mid;
            else
                hi = mid - 1;
        }
        memcpy(buf, url + at, lo);
        buf[lo] = '\0';
        if (line == max_lines - 1 && at + lo < len && lo >= 1)
            memcpy(buf + lo - 1, "\xE2\x80\xA6", 4); /* the rest does not fit: … */
        SDL_Rect t = ly_text(dc, buf, px, LY_TEXT_BOLD, fg, x, y, w, 1, LY_TEXT_START);
        y += t.h;
        at += lo;
    }
    return y;
}

/* The online link: the words, the link as text, and its QR code on the end side, as large as the
 * rest of the panel allows. */
static void draw_online(struct ly_dc *dc, const struct ly_ui_state *s, SDL_Rect in, int y,
                        unsigned fg)
{
    const char *url = s->status.fullness.online_url;
    int bottom = in.y + in.h, pad = (int)(dc->u * 1.5f);
    int q = bottom - y;
    if (q > in.w * 45 / 100)
        q = in.w * 45 / 100;
    int drawn = q > 0 ? draw_qr(dc, url, dc->rtl ? in.x : in.x + in.w, y, q) : 0;
    int tw = in.w - (drawn > 0 ? drawn + pad : 0);
    int x = dc->rtl ? in.x + in.w : in.x;
    SDL_Rect t = ly_text(dc, ly_tr(s, "Follow it online:"), dc->u * 3.2f, LY_TEXT_REGULAR, fg, x, y,
                         tw, 2, LY_TEXT_START);
    y += t.h;
    y = draw_link(dc, url, dc->u * 2.8f, fg, x, y, tw, 3) + pad / 2;
    if (drawn > 0)
        ly_text(dc, ly_tr(s, "Scan with your phone"), dc->u * 2.8f, LY_TEXT_REGULAR, fg, x, y, tw,
                2, LY_TEXT_START);
}

void ly_scr_draw_fullness(struct ly_dc *dc, const struct ly_ui_state *s, SDL_Rect r)
{
    const struct ly_fullness *f = &s->status.fullness;
    unsigned bg, fg;
    const char *word;
    level_style(f->level, &bg, &fg, &word);
    ly_fill_round(dc, r, (int)(dc->u * 1.5f), bg);
    int pad = (int)(dc->u * 2), w = r.w - 2 * pad;
    SDL_Rect in = {r.x + pad, r.y + pad, w, r.h - 2 * pad};
    int x = ly_scr_start_x(dc, in), y = in.y;
    bool full = f->level == LY_FULLNESS_FULL;
    bool away = full && (f->overflow[0] || f->online_url[0]); /* the panel says where to go */

    /* The session (or room) it counts. */
    SDL_Rect t = ly_text(dc, f->title, dc->u * 3.2f, LY_TEXT_REGULAR, fg, x, y, w, away ? 1 : 2,
                         LY_TEXT_START);
    y += t.h + pad / 2;
    /* The shape and the word; the number under them, or on the same line at the end side when
     * the panel must say where to go. */
    float word_px = dc->u * (away ? 4.6f : 5.6f), shape = word_px * 1.1f;
    float cx = dc->rtl ? (float)(in.x + in.w) - shape / 2 : (float)in.x + shape / 2;
    level_shape(dc, f->level, cx, (float)y + word_px * 0.7f, shape, fg);
    int indent = (int)(shape * 1.35f), wx = dc->rtl ? x - indent : x + indent;
    char num[64];
    snprintf(num, sizeof num, "%lld / %d", (long long)f->inside, f->capacity);
    if (away) {
        float num_px = dc->u * 5.6f;
        SDL_Point ext = ly_text_extent(dc, num, num_px, LY_TEXT_BOLD, 0, 1);
        int nx = dc->rtl ? in.x + ext.x : in.x + in.w - ext.x;
        SDL_Rect n = ly_text(dc, num, num_px, LY_TEXT_BOLD, fg, nx, y, ext.x, 1, LY_TEXT_START);
        t = ly_text(dc, ly_tr(s, word), word_px, LY_TEXT_BOLD, fg, wx, y,
                    w - indent - ext.x - pad / 2, 1, LY_TEXT_START);
        y += ly_scr_imax(ly_scr_imax(t.h, n.h), (int)shape);
    } else {
        t = ly_text(dc, ly_tr(s, word), word_px, LY_TEXT_BOLD, fg, wx, y, w - indent, 2,
                    LY_TEXT_START);
        y += ly_scr_imax(t.h, (int)shape) + pad / 3;
        t = ly_text(dc, num, dc->u * 11.0f, LY_TEXT_BOLD, fg, x, y, w, 1, LY_TEXT_START);
        y += t.h;
    }
    t = ly_text(dc, ly_tr(s, "people inside / places"), dc->u * 3.0f, LY_TEXT_REGULAR, fg, x, y, w,
                1, LY_TEXT_START);
    y += t.h + pad;
    if (!away)
        return;
    ly_fill(dc, (SDL_Rect){in.x, y - pad / 2, in.w, ly_scr_imax(2, (int)(dc->u * 0.3f))}, fg);
    if (f->overflow[0]) {
        t = ly_text(dc, ly_tr(s, "Please go to the overflow room:"), dc->u * 3.2f, LY_TEXT_REGULAR,
                    fg, x, y, w, 2, LY_TEXT_START);
        y += t.h;
        t = ly_text(dc, f->overflow, dc->u * 4.8f, LY_TEXT_BOLD, fg, x, y, w, 2, LY_TEXT_START);
        y += t.h;
        if (f->overflow_location[0]) {
            t = ly_text(dc, f->overflow_location, dc->u * 3.4f, LY_TEXT_REGULAR, fg, x, y, w, 2,
                        LY_TEXT_START);
            y += t.h;
        }
        y += pad / 2;
    }
    if (f->online_url[0] && y < in.y + in.h)
        draw_online(dc, s, in, y, fg);
}
