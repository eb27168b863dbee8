/* staff.h - the staff's screens: the PIN pad, staff home, the name search with its on-screen
 * keyboard, a person with the manual check-in, the gate switch, counts and health. Each draws
 * from the state alone; ly_screen_draw (screens.c) picks one. Private to ui/screens/. */
#ifndef LY_SCREENS_STAFF_H
#define LY_SCREENS_STAFF_H

#include "screens/draw.h"
#include "screens/state.h"

void ly_scr_draw_pin(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_staff(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_search(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_person(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_gates(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_counts(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_health(struct ly_dc *dc, const struct ly_ui_state *s);

/* The badge desk with a printer: the print jobs not printed (retry a held or failed one), and a
 * walk-in's registration form over the on-screen keyboard. */
void ly_scr_draw_jobs(struct ly_dc *dc, const struct ly_ui_state *s);
void ly_scr_draw_walkin(struct ly_dc *dc, const struct ly_ui_state *s);

#endif
