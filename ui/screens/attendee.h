/* attendee.h - the attendee's screens: waiting for a badge (camera preview, frame guide, status
 * line), the language chooser and the result. Each draws from the state alone; ly_screen_draw
 * (screens.c) picks one. */
#ifndef LY_SCREENS_ATTENDEE_H
#define LY_SCREENS_ATTENDEE_H

#include "screens/draw.h"
#include "screens/state.h"

void ly_scr_draw_idle(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_language(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_result(struct ly_dc *dc, const struct ly_ui_state *s);
/* The printer's problem r as a sentence in the screen's language (out of labels, cover open,
 * offline, jammed, or could not print). Static or catalogue string. */
const char *ly_scr_print_problem(const struct ly_ui_state *s, enum ly_print_reason r);
/* The printer's state as a few words for the status line and the health screen (ready,
 * printing, offline, out of labels, cover open, paused, jammed, fault, not checked yet). */
const char *ly_scr_printer_state(const struct ly_ui_state *s, enum ly_printer_state st,
                                 enum ly_print_reason r);

#endif
