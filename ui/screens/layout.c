/* layout.c - the measures and helpers the screen files share. See layout.h. */
#include "screens/layout.h"

#include <stdio.h>
#include <string.h>

const char *ly_tr(const struct ly_ui_state *s, const char *msgid)
{
    return ly_i18n_get(s->i18n, s->lang, msgid);
}

/* Translates a template and fills its {n} placeholders. */
const char *ly_scr_trf(const struct ly_ui_state *s, char *buf, size_t bufsz, const char *msgid,
                       const char *const *args, size_t nargs)
{
    (void)ly_i18n_format(buf, bufsz, ly_tr(s, msgid), args, nargs); /* truncation is shown */
    return buf;
}

int ly_scr_imax(int a, int b)
{
    return a > b ? a : b;
}

/* A touch target's size: n units, but never under LY_TOUCH_MIN_PX. */
int ly_scr_touch(const struct ly_dc *dc, float n)
{
    return ly_scr_imax((int)(dc->u * n), LY_TOUCH_MIN_PX);
}

bool ly_scr_landscape(const struct ly_dc *dc)
{
    return dc->w >= dc->h;
}

/* The x where START-aligned text begins inside rect r, for the interface's direction. */
int ly_scr_start_x(const struct ly_dc *dc, SDL_Rect r)
{
    return dc->rtl ? r.x + r.w : r.x;
}

/* The gate's name for people: "Entrance", "Session: TITLE", "Room: NAME". */
const char *ly_scr_gate_title(const struct ly_ui_state *s, const char *spec, const char *label,
                              char *buf, size_t bufsz)
{
    const char *args[1] = {label};
    if (strcmp(spec, "entrance") == 0)
        return ly_tr(s, "Entrance");
    if (strcmp(spec, "exit") == 0)
        return ly_tr(s, "Exit");
    if (strcmp(spec, "desk") == 0)
        return ly_tr(s, "Badge desk");
    if (strcmp(spec, "pickup") == 0)
        return ly_tr(s, "Badge pickup");
    if (strncmp(spec, "exit:", 5) == 0)
        return ly_scr_trf(s, buf, bufsz, "Exit from {1}", args, 1);
    if (strncmp(spec, "session:", 8) == 0)
        return ly_scr_trf(s, buf, bufsz, "Session: {1}", args, 1);
    if (strncmp(spec, "room:", 5) == 0)
        return ly_scr_trf(s, buf, bufsz, "Room: {1}", args, 1);
    return spec;
}

/* The staff banner across the top, with the screen's title and (except at home) Back. */
SDL_Rect ly_scr_staff_banner(struct ly_dc *dc, const struct ly_ui_state *s, const char *title,
                             bool back)
{
    int pad = (int)(dc->u * 2);
    int h = ly_scr_imax(ly_scr_touch(dc, 11), LY_TOUCH_MIN_PX + pad);
    SDL_Rect bar = {0, 0, dc->w, h};
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, C_STAFF_BG);
    ly_fill(dc, bar, C_AMBER);
    float px = dc->u * 4.2f;
    char t[LY_TITLE_MAX + 64];
    const char *mode = ly_tr(s, "Staff mode");
    if (strcmp(title, mode) == 0)
        snprintf(t, sizeof t, "%s", mode);
    else
        snprintf(t, sizeof t, "%s  ·  %s", mode, title);
    int bw = back ? ly_scr_touch(dc, 22) : 0;
    SDL_Rect text = {pad + bw + pad, 0, dc->w - 2 * (bw + 2 * pad), h};
    ly_text(dc, t, px, LY_TEXT_BOLD, C_BLACK, dc->w / 2, (h - (int)(px * 1.4f)) / 2, text.w, 1,
            LY_TEXT_CENTER);
    if (back) {
        SDL_Rect b = ly_mirror(dc, (SDL_Rect){pad / 2, pad / 2, bw, h - pad});
        ly_button(dc, "back", b, ly_tr(s, "Back"), C_BLACK, C_WHITE);
    }
    return (SDL_Rect){0, h, dc->w, dc->h - h};
}
