/* screens.h - what the kiosk shows and the one function that draws it. The attendee's screens
 * (scan, language, result: attendee.c) and the staff's (PIN, home, search with an on-screen
 * keyboard, a person, the gate switch, counts, health: staff.c) are laid out from the screen's
 * shorter side (layout.h), so they work in portrait and landscape from 800x480 to 1920x1080, with
 * touch targets of at least LY_TOUCH_MIN_PX. The state (state.h) belongs to the screen's flow
 * (flow/flow.h); drawing only reads it. */
#ifndef LY_SCREENS_H
#define LY_SCREENS_H

#include "screens/draw.h"
#include "screens/layout.h"
#include "screens/state.h"

/* Draws screen s->screen into dc (which gets its widgets; dc->preview is the camera). */
void ly_screen_draw(struct ly_dc *dc, const struct ly_ui_state *s);

#endif
