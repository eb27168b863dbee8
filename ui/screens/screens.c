/* screens.c - the one function that draws any screen. See screens.h. */
#include "screens/screens.h"

#include "screens/attendee.h"
#include "screens/staff.h"

void ly_screen_draw(struct ly_dc *dc, const struct ly_ui_state *s)
{
    dc->nwidgets = 0;
    if (dc->texts)
        ly_dynbuf_reset(dc->texts);
    dc->u = (float)(dc->w < dc->h ? dc->w : dc->h) / 100.0f;
    dc->rtl = ly_lang_rtl(s->lang);
    switch (s->screen) {
    case LY_SCR_IDLE:
        ly_scr_draw_idle(dc, s);
        break;
    case LY_SCR_LANG:
        ly_scr_draw_language(dc, s);
        break;
    case LY_SCR_RESULT:
        ly_scr_draw_result(dc, s);
        break;
    case LY_SCR_PIN:
        ly_scr_draw_pin(dc, s);
        break;
    case LY_SCR_STAFF:
        ly_scr_draw_staff(dc, s);
        break;
    case LY_SCR_SEARCH:
        ly_scr_draw_search(dc, s);
        break;
    case LY_SCR_PERSON:
        ly_scr_draw_person(dc, s);
        break;
    case LY_SCR_GATES:
        ly_scr_draw_gates(dc, s);
        break;
    case LY_SCR_COUNTS:
        ly_scr_draw_counts(dc, s);
        break;
    case LY_SCR_HEALTH:
        ly_scr_draw_health(dc, s);
        break;
    case LY_SCR_JOBS:
        ly_scr_draw_jobs(dc, s);
        break;
    case LY_SCR_WALKIN:
        ly_scr_draw_walkin(dc, s);
        break;
    case LY_SCR_COUNT:
        break;
    }
}
