/* layout.h - what the screen files share (attendee.c, staff.c): the screens' names (from the
 * flow), the colours, the unit-based measures, translation and the staff banner. */
#ifndef LY_SCREENS_LAYOUT_H
#define LY_SCREENS_LAYOUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "flow/flow.h"
#include "screens/draw.h"
#include "screens/state.h"

/* Colours: white text on each background has a contrast ratio of at least 4.5:1. */
#define C_BG       0x0E1116u /* attendee screens */
#define C_STAFF_BG 0x18212Cu /* staff screens: a different ground, so nobody mistakes them */
#define C_WHITE    0xFFFFFFu
#define C_DIM      0xC9D1D9u
#define C_BLACK    0x111111u
#define C_GREEN    0x146C2Eu
#define C_BLUE     0x1F4E9Au
#define C_RED      0xA4161Au
#define C_AMBER    0xF2B01Eu
#define C_BUTTON   0x33465Cu
#define C_PRIMARY  0x0B5CADu
#define C_CHOSEN   0xF2B01Eu
#define C_PANEL    0xFFFFFFu

/* The translation of msgid in the interface language. */
const char *ly_tr(const struct ly_ui_state *s, const char *msgid);
/* Returns msgid translated and its {n} placeholders filled from args, in buf. */
const char *ly_scr_trf(const struct ly_ui_state *s, char *buf, size_t bufsz, const char *msgid,
                       const char *const *args, size_t nargs);
/* Returns the larger of a and b. */
int ly_scr_imax(int a, int b);
/* Returns a touch target's size: n units, but never under LY_TOUCH_MIN_PX. */
int ly_scr_touch(const struct ly_dc *dc, float n);
/* Returns whether the screen is at least as wide as it is high. */
bool ly_scr_landscape(const struct ly_dc *dc);
/* Returns the x where START-aligned text begins inside rect r, for the interface's direction. */
int ly_scr_start_x(const struct ly_dc *dc, SDL_Rect r);
/* Returns the gate's name for people ("Entrance", "Session: TITLE", "Room: NAME"): a catalogue
 * string, or buf. */
const char *ly_scr_gate_title(const struct ly_ui_state *s, const char *spec, const char *label,
                              char *buf, size_t bufsz);
/* Draws the staff background and the banner across the top with the screen's title and (when
 * back) the Back button; returns the rectangle left below it. */
SDL_Rect ly_scr_staff_banner(struct ly_dc *dc, const struct ly_ui_state *s, const char *title,
                             bool back);

#endif
