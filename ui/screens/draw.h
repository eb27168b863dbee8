/* draw.h - what the kiosk's screens are drawn with: a drawing context over an SDL renderer
 * (size, unit, direction, the widgets hit by touches), filled shapes, the result icons, and text
 * through a cache of rendered textures (shaping a string once, not every frame). Main thread
 * only. */
#ifndef LY_DRAW_H
#define LY_DRAW_H

#include <SDL.h>
#include <stdbool.h>

#include "common/dynbuf.h"
#include "text/text.h"

#define LY_WIDGETS_MAX     96  /* touch targets on one screen (the keyboard is the most) */
#define LY_WIDGET_ID_MAX   24  /* bytes of a widget id, e.g. "key:A" */
#define LY_TEXTCACHE_SLOTS 160 /* rendered strings kept as textures */

struct ly_widget {
    char id[LY_WIDGET_ID_MAX];
    SDL_Rect r;
};

struct ly_textcache;

/* One frame's drawing: the renderer, the camera's picture, the screen size, the unit u (1/100
 * of the shorter side, which every size is a multiple of), the paragraph direction of the
 * interface language, and the widgets drawn so far (hit-tested by the next touch). */
struct ly_dc {
    SDL_Renderer *r;
    struct ly_text *text;
    struct ly_textcache *cache;
    SDL_Texture *preview; /* the camera, grey (IYUV), NULL before the first frame */
    int preview_w, preview_h;
    int w, h;
    float u;
    bool rtl;
    struct ly_widget widgets[LY_WIDGETS_MAX];
    int nwidgets;
    /* Non-NULL: every string drawn is appended with its NUL, in drawing order (a script's view
     * of the screen's words: LY_UI_TRACE_TEXT); emptied by each ly_screen_draw. */
    struct ly_dynbuf *texts;
};

/* Creates an empty cache of rendered strings for renderer r. Returns NULL on out of memory. */
struct ly_textcache *ly_textcache_new(SDL_Renderer *r);
void ly_textcache_free(struct ly_textcache *c);

/* Colours as 0xRRGGBB. */
SDL_Color ly_rgb(unsigned rgb);
void ly_fill(struct ly_dc *dc, SDL_Rect r, unsigned rgb);
void ly_fill_round(struct ly_dc *dc, SDL_Rect r, int radius, unsigned rgb);
void ly_fill_circle(struct ly_dc *dc, float cx, float cy, float radius, unsigned rgb);
/* A convex polygon of n points (x0, y0, x1, y1, ...). */
void ly_fill_convex(struct ly_dc *dc, const float *xy, int n, unsigned rgb);
void ly_line(struct ly_dc *dc, float x0, float y0, float x1, float y1, float width, unsigned rgb);
/* A rectangle's outline, width pixels wide, inside r. */
void ly_frame_rect(struct ly_dc *dc, SDL_Rect r, int width, unsigned rgb);

/* The result icons, each its own shape so that colour is never the only difference:
 * a circle with a tick (granted), a square with a tick (already inside), an octagon with a
 * cross (denied), a triangle with an exclamation mark (a notice, a fault). size is the
 * diameter; fg draws the mark, bg the shape. */
enum ly_icon { LY_ICON_GRANTED, LY_ICON_ALREADY, LY_ICON_DENIED, LY_ICON_NOTICE };
void ly_icon(struct ly_dc *dc, enum ly_icon icon, float cx, float cy, float size, unsigned bg,
             unsigned fg);

/* Draws text (UTF-8) at px pixels in colour rgb, wrapped to wrap_w (0: one line) in at most
 * max_lines lines (0: any). START and END are the interface's sides, whatever the direction of
 * the text itself: the box's top edge is y; x is its left edge for LY_TEXT_START in a
 * left-to-right interface, its right edge in a right-to-left one (dc->rtl), and its centre for
 * LY_TEXT_CENTER; wrapped lines line up on the same side. Returns the box drawn (w = h = 0 when
 * nothing could be). */
SDL_Rect ly_text(struct ly_dc *dc, const char *utf8, float px, enum ly_text_weight weight,
                 unsigned rgb, int x, int y, int wrap_w, int max_lines, enum ly_text_align align);
/* The size ly_text would draw, without drawing. */
SDL_Point ly_text_extent(struct ly_dc *dc, const char *utf8, float px, enum ly_text_weight weight,
                         int wrap_w, int max_lines);

/* A button: a rounded rectangle with a centred label (up to two lines), registered as widget
 * id for touches. */
void ly_button(struct ly_dc *dc, const char *id, SDL_Rect r, const char *label, unsigned bg,
               unsigned fg);
/* Registers a touch target without drawing. */
void ly_widget_add(struct ly_dc *dc, const char *id, SDL_Rect r);
/* The widget at (x, y), or NULL. */
const struct ly_widget *ly_widget_at(const struct ly_dc *dc, int x, int y);
const struct ly_widget *ly_widget_find(const struct ly_dc *dc, const char *id);
/* Mirrors a rectangle laid out left to right into the right-to-left interface. */
SDL_Rect ly_mirror(const struct ly_dc *dc, SDL_Rect r);

#endif
