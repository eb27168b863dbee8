/* fullness.h - the idle screen's panel at a room's or session's door: how full the place is
 * (colour, a shape, a word and the number, so that it never depends on colour alone) and, when
 * it is full, where to go instead: the overflow room and where it is, the online link as text
 * and as a QR code (libqrencode). */
#ifndef LY_SCREENS_FULLNESS_H
#define LY_SCREENS_FULLNESS_H

#include "screens/draw.h"
#include "screens/state.h"

/* Whether the idle screen has a fullness panel to show (the kiosk loop's status says so). */
bool ly_scr_has_fullness(const struct ly_ui_state *s);

/* Draws the panel into r (laid out left to right; mirrored by the caller for right-to-left). */
void ly_scr_draw_fullness(struct ly_dc *dc, const struct ly_ui_state *s, SDL_Rect r);

#endif
