/* screens.h - what the kiosk shows: the state of the screen (which screen, in which language,
 * with what on it) and one function that draws it. The attendee's screens (scan, language,
 * result) and the staff's (PIN, home, search with an on-screen keyboard, a person, the gate
 * switch, counts, health) are laid out from the screen's shorter side, so they work in portrait
 * and landscape from 800x480 to 1920x1080, with touch targets of at least LY_TOUCH_MIN_PX. The
 * state belongs to the screen's flow (flow.h); drawing only reads it. */
#ifndef LY_SCREENS_H
#define LY_SCREENS_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "flow/flow.h"
#include "i18n/i18n.h"
#include "screens/draw.h"
#include "text/fontset.h"

#define LY_TOUCH_MIN_PX 48 /* smallest touch target: about 9 mm on a 7-inch 800x480 panel */

/* The translation of msgid in the interface language. */
const char *ly_tr(const struct ly_ui_state *s, const char *msgid);
/* Draws screen s->screen into dc (which gets its widgets; dc->preview is the camera). */
void ly_screen_draw(struct ly_dc *dc, const struct ly_ui_state *s);

#endif
