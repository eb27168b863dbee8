/* attendee.c - the attendee's screens. See attendee.h.
 *
 * Every size is a multiple of u, a hundredth of the screen's shorter side, so one layout serves
 * 800x480 and 1920x1080 alike; where u would make a touch target smaller than LY_TOUCH_MIN_PX,
 * the minimum wins. Results are told apart by background colour, icon shape, words and sound,
 * never by colour alone. */
#include "screens/attendee.h"

#include <stdio.h>
#include <string.h>

#include "screens/fullness.h"
#include "screens/layout.h"

/* Whether the printer said it cannot print (out of labels, cover open, offline, ...). */
static bool printer_trouble(const struct ly_ui_state *s)
{
    return s->status.printer && (s->status.printer_state == LY_PRINTER_ERROR ||
                                 s->status.printer_state == LY_PRINTER_OFFLINE);
}

/* The status line: gate, online or offline (a filled or a hollow dot, and the word), the
 * check-ins waiting to upload and, on a kiosk with a printer, the printer's state. */
static void status_line(struct ly_dc *dc, const struct ly_ui_state *s, SDL_Rect bar)
{
    char gbuf[LY_TITLE_MAX + 64], qbuf[96], n[24];
    ly_fill(dc, bar, 0x1C232Cu);
    float px = dc->u * 3.4f;
    int pad = (int)(dc->u * 2), y = bar.y + (bar.h - (int)(px * 1.4f)) / 2;
    const char *gate =
        ly_scr_gate_title(s, s->status.gate, s->status.gate_label, gbuf, sizeof gbuf);
    /* The gate on the start side (two fifths), the network and queue on the end side. */
    SDL_Rect left = ly_mirror(dc, (SDL_Rect){bar.x + pad, bar.y, bar.w * 2 / 5 - pad, bar.h});
    ly_text(dc, gate, px, LY_TEXT_BOLD, C_WHITE, ly_scr_start_x(dc, left), y, left.w, 1,
            LY_TEXT_START);

    bool online = s->hub_configured && s->online;
    const char *net = ly_tr(s, online ? "Online" : "Offline");
    snprintf(n, sizeof n, "%lld", (long long)s->status.unsent);
    const char *args[1] = {n};
    const char *queue =
        s->status.unsent > 0
            ? ly_scr_trf(s, qbuf, sizeof qbuf, "{1} check-ins waiting to upload", args, 1)
            : ly_tr(s, "All check-ins uploaded");
    char right[256];
    const char *prn = s->status.printer ? ly_scr_printer_state(s, s->status.printer_state,
                                                               s->status.printer_reason)
                                        : NULL;
    if (prn && printer_trouble(s)) /* first, where a cut-off line still shows it */
        snprintf(right, sizeof right, "%s  ·  %s  ·  %s", prn, net, queue);
    else if (prn)
        snprintf(right, sizeof right, "%s  ·  %s  ·  %s", net, queue, prn);
    else
        snprintf(right, sizeof right, "%s  ·  %s", net, queue);
    int dot = (int)(px * 0.7f);
    int avail = bar.w * 3 / 5 - 2 * pad - dot - pad / 2;
    SDL_Point ext = ly_text_extent(dc, right, px, LY_TEXT_REGULAR, 0, 1);
    int w = ext.x < avail ? ext.x : avail; /* a longer text is cut with an ellipsis */
    int tx = dc->rtl ? bar.x + pad + dot + pad / 2 : bar.x + bar.w - pad - w;
    ly_text(dc, right, px, LY_TEXT_REGULAR, C_DIM, dc->rtl ? tx + w : tx, y, w, 1, LY_TEXT_START);
    float cx =
        dc->rtl ? (float)(bar.x + pad) + (float)dot / 2 : (float)(tx - pad / 2) - (float)dot / 2;
    float cy = (float)y + px * 0.7f;
    ly_fill_circle(dc, cx, cy, (float)dot / 2, online ? 0x3FB950u : C_DIM);
    if (!online)
        ly_fill_circle(dc, cx, cy, (float)dot / 2 - 2.5f, 0x1C232Cu); /* hollow when offline */
}

/* --- attendee screens ---------------------------------------------------------------------- */

void ly_scr_draw_idle(struct ly_dc *dc, const struct ly_ui_state *s)
{
    int pad = (int)(dc->u * 3);
    int bar_h = ly_scr_touch(dc, 9);
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, C_BG);

    /* The language button, top corner (end side); the hidden staff corner, the other top one. */
    int lb_w = ly_scr_touch(dc, 26), lb_h = ly_scr_touch(dc, 10);
    SDL_Rect lb = ly_mirror(dc, (SDL_Rect){dc->w - lb_w - pad / 2, pad / 2, lb_w, lb_h});
    char lang[96];
    snprintf(lang, sizeof lang, "%s\n%s", ly_tr(s, "Language"), ly_lang_native_name(s->lang));
    ly_button(dc, "language", lb, lang, C_BUTTON, C_WHITE);
    ly_widget_add(dc, "corner", ly_mirror(dc, (SDL_Rect){0, 0, lb_h, lb_h}));

    int y = pad / 2;
    if (s->event_name[0]) {
        SDL_Rect r = ly_text(dc, s->event_name, dc->u * 3.2f, LY_TEXT_REGULAR, C_DIM, dc->w / 2, y,
                             dc->w - 2 * (lb_w + pad), 1, LY_TEXT_CENTER);
        y += r.h;
    }
    y = ly_scr_imax(y, lb.y + lb.h / 3);
    SDL_Rect title =
        ly_text(dc, ly_tr(s, "Show your badge to the camera"), dc->u * 7.5f, LY_TEXT_BOLD, C_WHITE,
                dc->w / 2, y, dc->w - 2 * (lb_w + pad), 2, LY_TEXT_CENTER);
    y = ly_scr_imax(title.y + title.h, lb.y + lb.h) + pad / 2;

    float hint_px = dc->u * 3.8f;
    int hint_h = (int)(hint_px * 1.5f);
    SDL_Rect area = {pad, y, dc->w - 2 * pad, dc->h - bar_h - y - hint_h - pad};
    /* At a room's or session's door, how full it is: beside the camera (on the end side) in
     * landscape, under it in portrait. */
    if (ly_scr_has_fullness(s)) {
        SDL_Rect panel;
        if (ly_scr_landscape(dc)) {
            bool away = s->status.fullness.level == LY_FULLNESS_FULL;
            int pw = (int)((float)dc->w * (away ? 0.40f : 0.32f));
            panel = (SDL_Rect){dc->w - pad - pw, y, pw, dc->h - bar_h - y - pad / 2};
            area.w -= pw + pad;
            area = ly_mirror(dc, area);
        } else {
            int ph = (int)((float)dc->h * 0.36f);
            panel = (SDL_Rect){pad, dc->h - bar_h - pad / 2 - ph, dc->w - 2 * pad, ph};
            area.h -= ph + pad;
        }
        ly_scr_draw_fullness(dc, s, ly_mirror(dc, panel));
    }
    if (area.h < 10)
        area.h = 10;
    /* The preview keeps the camera's shape (the kiosk loop has mirrored it already). */
    int pw = dc->preview ? dc->preview_w : 4, ph = dc->preview ? dc->preview_h : 3;
    SDL_Rect view = area;
    if ((long)area.w * ph > (long)area.h * pw)
        view.w = (int)((long)area.h * pw / ph);
    else
        view.h = (int)((long)area.w * ph / pw);
    view.x = area.x + (area.w - view.w) / 2;
    view.y = area.y + (area.h - view.h) / 2;
    if (dc->preview) {
        SDL_RenderCopy(dc->r, dc->preview, NULL, &view);
    } else {
        ly_fill(dc, view, 0x232A33u);
        ly_text(dc, ly_tr(s, "Camera"), dc->u * 4, LY_TEXT_REGULAR, C_DIM, view.x + view.w / 2,
                view.y + view.h / 2 - (int)(dc->u * 3), view.w, 1, LY_TEXT_CENTER);
    }
    /* The frame guide: corner brackets around a square in the middle of the view. */
    int g = (int)(view.h * 0.7f), t = ly_scr_imax(4, (int)(dc->u * 1.1f)), arm = g / 4;
    SDL_Rect guide = {view.x + (view.w - g) / 2, view.y + (view.h - g) / 2, g, g};
    int xs[2] = {guide.x, guide.x + g - t}, ys[2] = {guide.y, guide.y + g - t};
    /* White on a dark edge, so the guide shows on a white badge as on a dark coat. */
    for (int pass = 0; pass < 2; pass++) {
        int e = pass ? 0 : ly_scr_imax(2, t / 3);
        unsigned c = pass ? C_WHITE : C_BLACK;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                ly_fill(dc,
                        (SDL_Rect){(i ? guide.x + g - arm : guide.x) - e, ys[j] - e, arm + 2 * e,
                                   t + 2 * e},
                        c);
                ly_fill(dc,
                        (SDL_Rect){xs[i] - e, (j ? guide.y + g - arm : guide.y) - e, t + 2 * e,
                                   arm + 2 * e},
                        c);
            }
        }
    }
    ly_text(dc, ly_tr(s, "Hold the QR code inside the frame"), hint_px, LY_TEXT_REGULAR, C_DIM,
            area.x + area.w / 2, view.y + view.h + pad / 3, area.w, 1, LY_TEXT_CENTER);
    /* A printer that failed its last job, or says it cannot print: said until it can (scanning
     * goes on). */
    if (s->have_print && s->print.state == LY_PJOB_FAILED)
        ly_text(dc, ly_scr_print_problem(s, s->print.reason), hint_px, LY_TEXT_BOLD, C_AMBER,
                view.x + view.w / 2, view.y + pad / 3, view.w, 2, LY_TEXT_CENTER);
    else if (printer_trouble(s)) /* before anyone finds out from a badge that did not print */
        ly_text(dc,
                ly_scr_print_problem(s, s->status.printer_state == LY_PRINTER_OFFLINE
                                            ? LY_PR_OFFLINE
                                            : s->status.printer_reason),
                hint_px, LY_TEXT_BOLD, C_AMBER, view.x + view.w / 2, view.y + pad / 3, view.w, 2,
                LY_TEXT_CENTER);
    status_line(dc, s, (SDL_Rect){0, dc->h - bar_h, dc->w, bar_h});
}

void ly_scr_draw_language(struct ly_dc *dc, const struct ly_ui_state *s)
{
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, C_BG);
    int pad = (int)(dc->u * 3);
    SDL_Rect t = ly_text(dc, ly_tr(s, "Language"), dc->u * 7, LY_TEXT_BOLD, C_WHITE, dc->w / 2, pad,
                         dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    int cols = ly_scr_landscape(dc) ? 3 : 2, rows = (LY_LANG_COUNT + cols - 1) / cols;
    int top = t.y + t.h + pad;
    int bw = (dc->w - pad * (cols + 1)) / cols;
    int bh = ly_scr_imax(LY_TOUCH_MIN_PX, (dc->h - top - pad * (rows + 1)) / rows);
    for (int i = 0; i < LY_LANG_COUNT; i++) {
        char id[32];
        snprintf(id, sizeof id, "lang:%s", ly_lang_tag((enum ly_lang)i));
        SDL_Rect r = {pad + (i % cols) * (bw + pad), top + (i / cols) * (bh + pad), bw, bh};
        bool chosen = (enum ly_lang)i == s->lang;
        ly_button(dc, id, ly_mirror(dc, r), ly_lang_native_name((enum ly_lang)i),
                  chosen ? C_CHOSEN : C_BUTTON, chosen ? C_BLACK : C_WHITE);
    }
}

/* The denial's sentence in the interface language: its template translated, its arguments
 * (times, titles, numbers) filled in. */
static const char *reason_text(const struct ly_ui_state *s, char *buf, size_t bufsz)
{
    const struct ly_decision *d = &s->decision;
    if (!d->reason_template || !d->reason_template[0])
        return d->reason;
    const char *args[LY_REASON_ARGS_MAX];
    for (size_t i = 0; i < d->nreason_args && i < LY_REASON_ARGS_MAX; i++)
        args[i] = d->reason_args[i];
    return ly_scr_trf(s, buf, bufsz, d->reason_template, args, d->nreason_args);
}

const char *ly_scr_print_problem(const struct ly_ui_state *s, enum ly_print_reason r)
{
    switch (r) {
    case LY_PR_MEDIA_OUT:
    case LY_PR_WRONG_MEDIA:
        return ly_tr(s, "The printer is out of labels. Please see the badge desk.");
    case LY_PR_COVER_OPEN:
        return ly_tr(s, "The printer's cover is open. Please see the badge desk.");
    case LY_PR_OFFLINE:
    case LY_PR_PAUSED:
        return ly_tr(s, "The printer is offline. Please see the badge desk.");
    case LY_PR_JAMMED:
    case LY_PR_CUTTER_JAM:
        return ly_tr(s, "The printer is jammed. Please see the badge desk.");
    default:
        return ly_tr(s, "The badge could not be printed. Please see the badge desk.");
    }
}

const char *ly_scr_printer_state(const struct ly_ui_state *s, enum ly_printer_state st,
                                 enum ly_print_reason r)
{
    switch (st) {
    case LY_PRINTER_READY:
        return ly_tr(s, "Printer ready");
    case LY_PRINTER_PRINTING:
        return ly_tr(s, "Printing");
    case LY_PRINTER_OFFLINE:
        return ly_tr(s, "Printer offline");
    case LY_PRINTER_ERROR:
        break;
    default:
        return ly_tr(s, "Printer not checked yet");
    }
    switch (r) {
    case LY_PR_MEDIA_OUT:
    case LY_PR_WRONG_MEDIA:
        return ly_tr(s, "Printer out of labels");
    case LY_PR_COVER_OPEN:
        return ly_tr(s, "Printer cover open");
    case LY_PR_PAUSED:
        return ly_tr(s, "Printer paused");
    case LY_PR_OFFLINE:
        return ly_tr(s, "Printer offline");
    case LY_PR_JAMMED:
    case LY_PR_CUTTER_JAM:
        return ly_tr(s, "Printer jammed");
    default:
        return ly_tr(s, "Printer fault");
    }
}

/* A result that handed out a badge (a pickup, a reprint, a walk-in): its title follows the
 * print job; *problem is the printer's failure, or NULL. */
static const char *badge_title(const struct ly_ui_state *s, const char **problem)
{
    const struct ly_decision *d = &s->decision;
    bool mine = s->have_print && s->print.job == d->print_job;
    *problem = NULL;
    if (mine && s->print.state == LY_PJOB_PRINTED)
        return ly_tr(s, "Take your badge");
    if (mine && s->print.state == LY_PJOB_FAILED) {
        *problem = ly_scr_print_problem(s, s->print.reason);
        return ly_tr(s, "Please see the badge desk");
    }
    return ly_tr(s, "Printing your badge");
}

void ly_scr_draw_result(struct ly_dc *dc, const struct ly_ui_state *s)
{
    const struct ly_decision *d = &s->decision;
    const char *kind = ly_result_name(s);
    unsigned bg = C_GREEN;
    enum ly_icon icon = LY_ICON_GRANTED;
    const char *title = ly_tr(s, "Welcome");
    char reason[LY_REASON_MAX * 3];
    const char *detail = NULL;
    if (strcmp(kind, "fault") == 0) {
        bg = C_RED;
        icon = LY_ICON_NOTICE;
        title = ly_tr(s, "Please see the badge desk");
    } else if (strcmp(kind, "denied") == 0) {
        bg = C_RED;
        icon = LY_ICON_DENIED;
        title = ly_tr(s, "Not admitted");
        detail = reason_text(s, reason, sizeof reason);
    } else if (strcmp(kind, "already") == 0) {
        bg = C_BLUE;
        icon = LY_ICON_ALREADY;
        title = ly_tr(s, "Already checked in");
    } else if (d->kind == LY_DECISION_PICKED_UP) {
        title = badge_title(s, &detail);
        if (detail) {
            bg = C_RED;
            icon = LY_ICON_NOTICE;
        }
    } else if (d->print_job > 0 && s->have_print && s->print.job == d->print_job &&
               s->print.state == LY_PJOB_PRINTED) {
        title = ly_tr(s, "Take your access slip"); /* a session door's slip */
    }
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, bg);
    int pad = (int)(dc->u * 4);
    bool land = ly_scr_landscape(dc);
    float isz = land ? dc->u * 42 : dc->u * 34;
    SDL_Rect text;
    if (land) {
        float cx = dc->rtl ? dc->w - pad - isz / 2 : pad + isz / 2;
        ly_icon(dc, icon, cx, dc->h * 0.42f, isz, C_WHITE, bg);
        text = (SDL_Rect){(int)(pad * 2 + isz), pad, dc->w - (int)(pad * 3 + isz), dc->h - pad};
        text = ly_mirror(dc, text);
    } else {
        ly_icon(dc, icon, dc->w / 2.0f, pad + isz / 2, isz, C_WHITE, bg);
        text = (SDL_Rect){pad, (int)(pad * 2 + isz), dc->w - 2 * pad, dc->h};
    }
    enum ly_text_align al = land ? LY_TEXT_START : LY_TEXT_CENTER;
    int tx = land ? ly_scr_start_x(dc, text) : dc->w / 2;
    int y = text.y;
    SDL_Rect r = ly_text(dc, title, dc->u * 9, LY_TEXT_BOLD, C_WHITE, tx, y, text.w, 2, al);
    y += r.h + (int)(dc->u * 1.5f);
    if (d->identified && d->attendee.name[0]) {
        r = ly_text(dc, d->attendee.name, dc->u * 7, LY_TEXT_BOLD, C_WHITE, tx, y, text.w, 2, al);
        y += r.h;
        if (d->attendee.name_latin[0] && strcmp(d->attendee.name_latin, d->attendee.name) != 0) {
            r = ly_text(dc, d->attendee.name_latin, dc->u * 4.5f, LY_TEXT_REGULAR, C_WHITE, tx, y,
                        text.w, 1, al);
            y += r.h;
        }
        y += (int)(dc->u * 2);
    }
    if (detail) {
        r = ly_text(dc, detail, dc->u * 5, LY_TEXT_REGULAR, C_WHITE, tx, y, text.w, 4, al);
        y += r.h + (int)(dc->u * 2);
    }
    if (s->manual && d->kind == LY_DECISION_GRANTED) {
        r = ly_text(dc, ly_tr(s, "Checked in by staff"), dc->u * 4.5f, LY_TEXT_BOLD, C_WHITE, tx, y,
                    text.w, 1, al);
        y += r.h + (int)(dc->u * 2);
    }
    /* Notices: a white panel with a triangle, black text, so they read as "note this". */
    for (size_t i = 0; i < d->nnotices && y < dc->h - pad * 3; i++) {
        float px = dc->u * 4.4f, isz2 = px * 1.4f;
        int ipad = (int)(dc->u * 1.8f);
        int tw = text.w - 3 * ipad - (int)isz2;
        const char *note = ly_tr(s, d->notices[i]);
        SDL_Point ext = ly_text_extent(dc, note, px, LY_TEXT_REGULAR, tw, 3);
        SDL_Rect panel = {text.x, y, text.w, ly_scr_imax(ext.y, (int)isz2) + 2 * ipad};
        ly_fill_round(dc, panel, (int)(dc->u * 1.5f), C_PANEL);
        float icx = dc->rtl ? panel.x + panel.w - ipad - isz2 / 2 : panel.x + ipad + isz2 / 2;
        ly_icon(dc, LY_ICON_NOTICE, icx, (float)(panel.y + ipad) + isz2 / 2, isz2, C_AMBER,
                C_BLACK);
        SDL_Rect tr = {panel.x + 2 * ipad + (int)isz2, panel.y + ipad, tw, ext.y};
        if (dc->rtl)
            tr.x = panel.x + ipad;
        ly_text(dc, note, px, LY_TEXT_REGULAR, C_BLACK, ly_scr_start_x(dc, tr), tr.y, tw, 3,
                LY_TEXT_START);
        y += panel.h + ipad;
    }
    if (s->manual) {
        int bh = ly_scr_touch(dc, 12), bw = ly_scr_touch(dc, 40);
        SDL_Rect b = {dc->w - pad - bw, dc->h - pad - bh, bw, bh};
        ly_button(dc, "back", ly_mirror(dc, b), ly_tr(s, "Back"), C_BLACK, C_WHITE);
        if (s->offer_override) {
            SDL_Rect o = {dc->w - 2 * (pad + bw), dc->h - pad - bh, bw, bh};
            ly_button(dc, "override", ly_mirror(dc, o), ly_tr(s, "Override and admit"), C_AMBER,
                      C_BLACK);
        }
        return;
    }
    ly_widget_add(dc, "dismiss", (SDL_Rect){0, 0, dc->w, dc->h});
    ly_text(dc, ly_tr(s, "Touch the screen for the next person"), dc->u * 3.4f, LY_TEXT_REGULAR,
            C_WHITE, dc->w / 2, dc->h - pad - (int)(dc->u * 3), dc->w - 2 * pad, 1, LY_TEXT_CENTER);
}

/* --- staff screens --------------------------------------------------------------------------- */
