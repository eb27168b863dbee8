/* screens.c - drawing the kiosk's screens. See screens.h.
 *
 * Every size is a multiple of u, a hundredth of the screen's shorter side, so one layout serves
 * 800x480 and 1920x1080 alike; where u would make a touch target smaller than LY_TOUCH_MIN_PX,
 * the minimum wins. Results are told apart by background colour, icon shape, words and sound,
 * never by colour alone. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "country.h"

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

const char *const ly_staff_reasons[LY_STAFF_REASONS] = {
    N_("Badge does not scan"),
    N_("Forgot badge, identity checked"),
    N_("Badge printer fault"),
    N_("Other"),
};

static const char *const screen_names[LY_SCR_COUNT] = {
    [LY_SCR_IDLE] = "idle",     [LY_SCR_LANG] = "language", [LY_SCR_RESULT] = "result",
    [LY_SCR_PIN] = "pin",       [LY_SCR_STAFF] = "staff",   [LY_SCR_SEARCH] = "search",
    [LY_SCR_PERSON] = "person", [LY_SCR_GATES] = "gates",   [LY_SCR_COUNTS] = "counts",
    [LY_SCR_HEALTH] = "health",
};

const char *ly_screen_name(enum ly_screen s)
{
    return (unsigned)s < LY_SCR_COUNT ? screen_names[s] : "unknown";
}

const char *ly_result_name(const struct ly_ui_state *s)
{
    if (s->journal_failed)
        return "fault";
    if (s->decision.kind == LY_DECISION_DENIED)
        return "denied";
    if (s->decision.kind == LY_DECISION_ALREADY_INSIDE)
        return "already";
    return s->decision.nnotices ? "notice" : "granted";
}

const char *ly_tr(const struct ly_ui_state *s, const char *msgid)
{
    return ly_i18n_get(s->i18n, s->lang, msgid);
}

/* Translates a template and fills its {n} placeholders. */
static const char *trf(const struct ly_ui_state *s, char *buf, size_t bufsz, const char *msgid,
                       const char *const *args, size_t nargs)
{
    (void)ly_i18n_format(buf, bufsz, ly_tr(s, msgid), args, nargs); /* truncation is shown */
    return buf;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

/* A touch target's size: n units, but never under LY_TOUCH_MIN_PX. */
static int touch(const struct ly_dc *dc, float n)
{
    return imax((int)(dc->u * n), LY_TOUCH_MIN_PX);
}

static bool landscape(const struct ly_dc *dc)
{
    return dc->w >= dc->h;
}

/* The x where START-aligned text begins inside rect r, for the interface's direction. */
static int start_x(const struct ly_dc *dc, SDL_Rect r)
{
    return dc->rtl ? r.x + r.w : r.x;
}

/* --- shared parts ------------------------------------------------------------------------ */

/* The gate's name for people: "Entrance", "Session: TITLE", "Room: NAME". */
static const char *gate_title(const struct ly_ui_state *s, const char *spec, const char *label,
                              char *buf, size_t bufsz)
{
    const char *args[1] = {label};
    if (strcmp(spec, "entrance") == 0)
        return ly_tr(s, "Entrance");
    if (strcmp(spec, "exit") == 0)
        return ly_tr(s, "Exit");
    if (strcmp(spec, "desk") == 0)
        return ly_tr(s, "Badge desk");
    if (strncmp(spec, "exit:", 5) == 0)
        return trf(s, buf, bufsz, "Exit from {1}", args, 1);
    if (strncmp(spec, "session:", 8) == 0)
        return trf(s, buf, bufsz, "Session: {1}", args, 1);
    if (strncmp(spec, "room:", 5) == 0)
        return trf(s, buf, bufsz, "Room: {1}", args, 1);
    return spec;
}

/* The status line: gate, online or offline (a filled or a hollow dot, and the word), and the
 * check-ins waiting to upload. */
static void status_line(struct ly_dc *dc, const struct ly_ui_state *s, SDL_Rect bar)
{
    char gbuf[LY_TITLE_MAX + 64], qbuf[96], n[24];
    ly_fill(dc, bar, 0x1C232Cu);
    float px = dc->u * 3.4f;
    int pad = (int)(dc->u * 2), y = bar.y + (bar.h - (int)(px * 1.4f)) / 2;
    const char *gate = gate_title(s, s->status.gate, s->status.gate_label, gbuf, sizeof gbuf);
    /* The gate on the start side (two fifths), the network and queue on the end side. */
    SDL_Rect left = ly_mirror(dc, (SDL_Rect){bar.x + pad, bar.y, bar.w * 2 / 5 - pad, bar.h});
    ly_text(dc, gate, px, LY_TEXT_BOLD, C_WHITE, start_x(dc, left), y, left.w, 1, LY_TEXT_START);

    bool online = s->hub_configured && s->online;
    const char *net = ly_tr(s, online ? "Online" : "Offline");
    snprintf(n, sizeof n, "%lld", (long long)s->status.unsent);
    const char *args[1] = {n};
    const char *queue = s->status.unsent > 0
                            ? trf(s, qbuf, sizeof qbuf, "{1} check-ins waiting to upload", args, 1)
                            : ly_tr(s, "All check-ins uploaded");
    char right[160];
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

/* The staff banner across the top, with the screen's title and (except at home) Back. */
static SDL_Rect staff_banner(struct ly_dc *dc, const struct ly_ui_state *s, const char *title,
                             bool back)
{
    int pad = (int)(dc->u * 2);
    int h = imax(touch(dc, 11), LY_TOUCH_MIN_PX + pad);
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
    int bw = back ? touch(dc, 22) : 0;
    SDL_Rect text = {pad + bw + pad, 0, dc->w - 2 * (bw + 2 * pad), h};
    ly_text(dc, t, px, LY_TEXT_BOLD, C_BLACK, dc->w / 2, (h - (int)(px * 1.4f)) / 2, text.w, 1,
            LY_TEXT_CENTER);
    if (back) {
        SDL_Rect b = ly_mirror(dc, (SDL_Rect){pad / 2, pad / 2, bw, h - pad});
        ly_button(dc, "back", b, ly_tr(s, "Back"), C_BLACK, C_WHITE);
    }
    return (SDL_Rect){0, h, dc->w, dc->h - h};
}

/* --- attendee screens ---------------------------------------------------------------------- */

static void draw_idle(struct ly_dc *dc, const struct ly_ui_state *s)
{
    int pad = (int)(dc->u * 3);
    int bar_h = touch(dc, 9);
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, C_BG);

    /* The language button, top corner (end side); the hidden staff corner, the other top one. */
    int lb_w = touch(dc, 26), lb_h = touch(dc, 10);
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
    y = imax(y, lb.y + lb.h / 3);
    SDL_Rect title =
        ly_text(dc, ly_tr(s, "Show your badge to the camera"), dc->u * 7.5f, LY_TEXT_BOLD, C_WHITE,
                dc->w / 2, y, dc->w - 2 * (lb_w + pad), 2, LY_TEXT_CENTER);
    y = imax(title.y + title.h, lb.y + lb.h) + pad / 2;

    float hint_px = dc->u * 3.8f;
    int hint_h = (int)(hint_px * 1.5f);
    SDL_Rect area = {pad, y, dc->w - 2 * pad, dc->h - bar_h - y - hint_h - pad};
    if (area.h < 10)
        area.h = 10;
    /* The preview keeps the camera's shape (the engine has mirrored it already). */
    int pw = s->preview ? s->preview_w : 4, ph = s->preview ? s->preview_h : 3;
    SDL_Rect view = area;
    if ((long)area.w * ph > (long)area.h * pw)
        view.w = (int)((long)area.h * pw / ph);
    else
        view.h = (int)((long)area.w * ph / pw);
    view.x = area.x + (area.w - view.w) / 2;
    view.y = area.y + (area.h - view.h) / 2;
    if (s->preview) {
        SDL_RenderCopy(dc->r, s->preview, NULL, &view);
    } else {
        ly_fill(dc, view, 0x232A33u);
        ly_text(dc, ly_tr(s, "Camera"), dc->u * 4, LY_TEXT_REGULAR, C_DIM, view.x + view.w / 2,
                view.y + view.h / 2 - (int)(dc->u * 3), view.w, 1, LY_TEXT_CENTER);
    }
    /* The frame guide: corner brackets around a square in the middle of the view. */
    int g = (int)(view.h * 0.7f), t = imax(4, (int)(dc->u * 1.1f)), arm = g / 4;
    SDL_Rect guide = {view.x + (view.w - g) / 2, view.y + (view.h - g) / 2, g, g};
    int xs[2] = {guide.x, guide.x + g - t}, ys[2] = {guide.y, guide.y + g - t};
    /* White on a dark edge, so the guide shows on a white badge as on a dark coat. */
    for (int pass = 0; pass < 2; pass++) {
        int e = pass ? 0 : imax(2, t / 3);
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
            dc->w / 2, view.y + view.h + pad / 3, dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    status_line(dc, s, (SDL_Rect){0, dc->h - bar_h, dc->w, bar_h});
}

static void draw_language(struct ly_dc *dc, const struct ly_ui_state *s)
{
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, C_BG);
    int pad = (int)(dc->u * 3);
    SDL_Rect t = ly_text(dc, ly_tr(s, "Language"), dc->u * 7, LY_TEXT_BOLD, C_WHITE, dc->w / 2, pad,
                         dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    int cols = landscape(dc) ? 3 : 2, rows = (LY_LANG_COUNT + cols - 1) / cols;
    int top = t.y + t.h + pad;
    int bw = (dc->w - pad * (cols + 1)) / cols;
    int bh = imax(LY_TOUCH_MIN_PX, (dc->h - top - pad * (rows + 1)) / rows);
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
    return trf(s, buf, bufsz, d->reason_template, args, d->nreason_args);
}

static void draw_result(struct ly_dc *dc, const struct ly_ui_state *s)
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
    }
    ly_fill(dc, (SDL_Rect){0, 0, dc->w, dc->h}, bg);
    int pad = (int)(dc->u * 4);
    bool land = landscape(dc);
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
    int tx = land ? start_x(dc, text) : dc->w / 2;
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
        SDL_Rect panel = {text.x, y, text.w, imax(ext.y, (int)isz2) + 2 * ipad};
        ly_fill_round(dc, panel, (int)(dc->u * 1.5f), C_PANEL);
        float icx = dc->rtl ? panel.x + panel.w - ipad - isz2 / 2 : panel.x + ipad + isz2 / 2;
        ly_icon(dc, LY_ICON_NOTICE, icx, (float)(panel.y + ipad) + isz2 / 2, isz2, C_AMBER,
                C_BLACK);
        SDL_Rect tr = {panel.x + 2 * ipad + (int)isz2, panel.y + ipad, tw, ext.y};
        if (dc->rtl)
            tr.x = panel.x + ipad;
        ly_text(dc, note, px, LY_TEXT_REGULAR, C_BLACK, start_x(dc, tr), tr.y, tw, 3,
                LY_TEXT_START);
        y += panel.h + ipad;
    }
    if (s->manual) {
        int bh = touch(dc, 12), bw = touch(dc, 40);
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

static void draw_pin(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Enter staff PIN"), false);
    int pad = (int)(dc->u * 2.5f);
    bool land = landscape(dc);
    SDL_Rect info = body, pad_area = body;
    if (land) {
        info.w = body.w * 4 / 10;
        pad_area.x = info.w;
        pad_area.w = body.w - info.w;
        info = ly_mirror(dc, info);
        pad_area = ly_mirror(dc, pad_area);
    } else {
        info.h = body.h * 3 / 10;
        pad_area.y = body.y + info.h;
        pad_area.h = body.h - info.h;
    }
    int y = info.y + pad;
    SDL_Rect r = ly_text(dc, ly_tr(s, "Enter staff PIN"), dc->u * 5.5f, LY_TEXT_BOLD, C_WHITE,
                         info.x + info.w / 2, y, info.w - 2 * pad, 2, LY_TEXT_CENTER);
    y += r.h + pad;
    /* One dot per digit typed; the digits themselves are never shown. */
    size_t n = strlen(s->pin);
    float d = dc->u * 3.2f;
    float x0 = info.x + info.w / 2.0f - (float)n * d * 0.75f + d * 0.75f;
    for (size_t i = 0; i < n; i++)
        ly_fill_circle(dc, x0 + (float)i * d * 1.5f, y + d, d / 2, C_WHITE);
    y += (int)(d * 2.5f);
    char msg[160];
    const char *m = NULL;
    if (s->locked_until_ms > s->now_ms) {
        char secs[24];
        snprintf(secs, sizeof secs, "%lld",
                 (long long)((s->locked_until_ms - s->now_ms + 999) / 1000));
        const char *args[1] = {secs};
        m = trf(s, msg, sizeof msg, "Too many wrong PINs. Try again in {1} seconds.", args, 1);
    } else if (s->pin_wrong) {
        m = ly_tr(s, "Wrong PIN");
    } else if (s->message[0]) {
        m = s->message;
    }
    if (m)
        ly_text(dc, m, dc->u * 4.2f, LY_TEXT_BOLD, C_AMBER, info.x + info.w / 2, y,
                info.w - 2 * pad, 3, LY_TEXT_CENTER);

    static const char *const keys[12] = {"1", "2", "3", "4",   "5", "6",
                                         "7", "8", "9", "del", "0", "ok"};
    int rows = 5; /* four of keys, one for Cancel */
    int kh = imax(LY_TOUCH_MIN_PX, (pad_area.h - pad * (rows + 1)) / rows);
    int kw = imax(LY_TOUCH_MIN_PX, imax(kh, (pad_area.w - pad * 4) / 3));
    if (kw * 3 + pad * 2 > pad_area.w - 2 * pad)
        kw = (pad_area.w - 4 * pad) / 3;
    int gx = pad_area.x + (pad_area.w - (kw * 3 + pad * 2)) / 2;
    for (int i = 0; i < 12; i++) {
        char id[32];
        snprintf(id, sizeof id, "pin:%s", keys[i]);
        SDL_Rect k = {gx + (i % 3) * (kw + pad), pad_area.y + pad + (i / 3) * (kh + pad), kw, kh};
        const char *label = keys[i];
        unsigned bg = C_BUTTON;
        if (strcmp(keys[i], "del") == 0)
            label = ly_tr(s, "Delete");
        if (strcmp(keys[i], "ok") == 0) {
            label = ly_tr(s, "OK");
            bg = C_PRIMARY;
        }
        ly_button(dc, id, k, label, bg, C_WHITE);
    }
    SDL_Rect c = {gx, pad_area.y + pad + 4 * (kh + pad), kw * 3 + pad * 2, kh};
    ly_button(dc, "cancel", c, ly_tr(s, "Cancel"), 0x5A2A2Au, C_WHITE);
}

static void draw_staff(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Staff mode"), false);
    int pad = (int)(dc->u * 2.5f);
    char gbuf[LY_TITLE_MAX + 64];
    const char *gate = gate_title(s, s->status.gate, s->status.gate_label, gbuf, sizeof gbuf);
    SDL_Rect r = ly_text(dc, gate, dc->u * 5, LY_TEXT_BOLD, C_WHITE, dc->w / 2, body.y + pad,
                         dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    static const char *const items[][2] = {
        {"search", N_("Search by name")},       {"gates", N_("Switch gate")},
        {"counts", N_("Counts at this kiosk")}, {"health", N_("Kiosk health")},
        {"exit", N_("Exit staff mode")},
    };
    int n = (int)(sizeof items / sizeof items[0]);
    int cols = landscape(dc) ? 3 : 2, rows = (n + cols - 1) / cols;
    int top = r.y + r.h + pad;
    int bw = (dc->w - pad * (cols + 1)) / cols;
    int bh = imax(LY_TOUCH_MIN_PX, (dc->h - top - pad * (rows + 1)) / rows);
    if (bh > (int)(dc->u * 30))
        bh = (int)(dc->u * 30);
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {pad + (i % cols) * (bw + pad), top + (i / cols) * (bh + pad), bw, bh};
        bool exit = strcmp(items[i][0], "exit") == 0;
        ly_button(dc, items[i][0], ly_mirror(dc, b), ly_tr(s, items[i][1]),
                  exit ? 0x5A2A2Au : C_PRIMARY, C_WHITE);
    }
}

/* Writes the line under a person's name: the Latin form when it differs, the category and the
 * country (none when not stated). */
static void person_details(const struct ly_kiosk_attendee *a, char *out, size_t outsz)
{
    bool latin = a->name_latin[0] && strcmp(a->name_latin, a->name) != 0;
    bool country = ly_country_stated(a->country);
    snprintf(out, outsz, "%s%s%s%s%s", latin ? a->name_latin : "", latin ? " · " : "", a->category,
             country ? " · " : "", country ? a->country : "");
}

/* One result row of the search: name in its own script, Latin form, category and country. */
static void person_row(struct ly_dc *dc, const struct ly_kiosk_attendee *a, const char *id,
                       SDL_Rect r)
{
    ly_fill_round(dc, r, (int)(dc->u), C_BUTTON);
    int pad = (int)(dc->u * 1.5f);
    char line2[LY_NAME_MAX + 2 * LY_LABEL_MAX + 16];
    person_details(a, line2, sizeof line2);
    SDL_Rect inner = {r.x + pad, r.y + pad / 2, r.w - 2 * pad, r.h - pad};
    float px = imax(14, (int)(r.h * 0.36f));
    ly_text(dc, a->name, px, LY_TEXT_BOLD, C_WHITE, start_x(dc, inner), inner.y, inner.w, 1,
            LY_TEXT_START);
    ly_text(dc, line2, px * 0.72f, LY_TEXT_REGULAR, C_DIM, start_x(dc, inner),
            inner.y + (int)(px * 1.35f), inner.w, 1, LY_TEXT_START);
    ly_widget_add(dc, id, r);
}

/* The on-screen keyboard: Latin letters (names are searched through their Latin form too),
 * QWERTY where ten keys fit a row, else the alphabet in as many columns as fit; Delete at the
 * end of the last row when it has room, else on a row of its own; then Clear and Space. */
struct keyboard {
    char rows[8][11];
    int nrows, cols, kw, kh, pad;
    bool del_inline;
    SDL_Rect area;
};

static void keyboard_layout(const struct ly_dc *dc, struct keyboard *k)
{
    static const char *const qwerty[3] = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
    k->pad = (int)(dc->u * 1.5f);
    k->kh = touch(dc, 10.5f);
    k->cols = (dc->w - k->pad) / (LY_TOUCH_MIN_PX + k->pad);
    if (k->cols > 10)
        k->cols = 10;
    if (k->cols < 4)
        k->cols = 4;
    k->kw = (dc->w - (k->cols + 1) * k->pad) / k->cols;
    k->nrows = 0;
    if (k->cols == 10) {
        for (int r = 0; r < 3; r++)
            snprintf(k->rows[k->nrows++], sizeof k->rows[0], "%s", qwerty[r]);
    } else {
        for (int c = 0; c < 26 && k->nrows < 8; c += k->cols) {
            int n = 26 - c < k->cols ? 26 - c : k->cols;
            for (int i = 0; i < n; i++)
                k->rows[k->nrows][i] = (char)('A' + c + i);
            k->rows[k->nrows++][n] = '\0';
        }
    }
    k->del_inline = (int)strlen(k->rows[k->nrows - 1]) + 2 <= k->cols;
    int krows = k->nrows + (k->del_inline ? 0 : 1) + 1;
    int h = krows * (k->kh + k->pad) + k->pad;
    k->area = (SDL_Rect){0, dc->h - h, dc->w, h};
}

static void draw_keyboard(struct ly_dc *dc, const struct ly_ui_state *s, const struct keyboard *k)
{
    int pad = k->pad, kw = k->kw, kh = k->kh;
    ly_fill(dc, k->area, 0x10161Du);
    for (int row = 0; row < k->nrows; row++) {
        int n = (int)strlen(k->rows[row]);
        int extra = row == k->nrows - 1 && k->del_inline ? 2 : 0; /* Delete: two keys wide */
        int x = (dc->w - (n + extra) * (kw + pad) + pad) / 2;
        int y = k->area.y + pad + row * (kh + pad);
        for (int i = 0; i < n; i++) {
            char id[16], label[2] = {k->rows[row][i], 0};
            snprintf(id, sizeof id, "key:%c", k->rows[row][i]);
            ly_button(dc, id, (SDL_Rect){x + i * (kw + pad), y, kw, kh}, label, C_BUTTON, C_WHITE);
        }
        if (extra)
            ly_button(dc, "key:del", (SDL_Rect){x + n * (kw + pad), y, kw * 2 + pad, kh},
                      ly_tr(s, "Delete"), 0x4A5A6Eu, C_WHITE);
    }
    int y = k->area.y + pad + k->nrows * (kh + pad);
    if (!k->del_inline) {
        ly_button(dc, "key:del", (SDL_Rect){pad, y, dc->w - 2 * pad, kh}, ly_tr(s, "Delete"),
                  0x4A5A6Eu, C_WHITE);
        y += kh + pad;
    }
    int third = (dc->w - 4 * pad) / 3;
    ly_button(dc, "key:clear", (SDL_Rect){pad, y, third, kh}, ly_tr(s, "Clear"), 0x4A5A6Eu,
              C_WHITE);
    ly_button(dc, "key:space", (SDL_Rect){pad * 2 + third, y, dc->w - third - pad * 3, kh},
              ly_tr(s, "Space"), C_BUTTON, C_WHITE);
}

static void draw_search(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Search by name"), true);
    struct keyboard k;
    keyboard_layout(dc, &k);
    int pad = k.pad;
    /* The field. */
    int fh = touch(dc, 10);
    SDL_Rect field = {pad, body.y + pad, dc->w - 2 * pad, fh};
    ly_fill_round(dc, field, (int)dc->u, C_WHITE);
    char shown[LY_QUERY_MAX + 8];
    snprintf(shown, sizeof shown, "%s|", s->query);
    ly_text(dc, s->query[0] ? shown : ly_tr(s, "Search by name"), dc->u * 4.5f,
            s->query[0] ? LY_TEXT_BOLD : LY_TEXT_REGULAR, s->query[0] ? C_BLACK : 0x5B6570u,
            start_x(dc, (SDL_Rect){field.x + pad, 0, field.w - 2 * pad, 0}),
            field.y + (fh - (int)(dc->u * 6.3f)) / 2, field.w - 2 * pad, 1, LY_TEXT_START);
    /* The results, as many rows as fit above the keyboard. */
    int top = field.y + fh + pad, rh = touch(dc, 12);
    int fit = (k.area.y - pad - top) / (rh + pad);
    if (s->searched && s->nfound == 0)
        ly_text(dc, ly_tr(s, "No one found"), dc->u * 4.5f, LY_TEXT_REGULAR, C_DIM, dc->w / 2,
                top + pad, dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    for (size_t i = 0; i < s->nfound && (int)i < fit; i++) {
        char id[32];
        snprintf(id, sizeof id, "found:%zu", i);
        person_row(dc, &s->found[i], id,
                   (SDL_Rect){pad, top + (int)i * (rh + pad), dc->w - 2 * pad, rh});
    }
    draw_keyboard(dc, s, &k);
}

static void draw_person(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Check in by hand"), true);
    const struct ly_kiosk_attendee *a = &s->person;
    int pad = (int)(dc->u * 2.5f);
    SDL_Rect col = {pad, body.y + pad, dc->w - 2 * pad, body.h - 2 * pad};
    int x = start_x(dc, col), y = col.y;
    SDL_Rect r =
        ly_text(dc, a->name, dc->u * 6.5f, LY_TEXT_BOLD, C_WHITE, x, y, col.w, 1, LY_TEXT_START);
    y += r.h;
    char line[LY_NAME_MAX + 2 * LY_LABEL_MAX + 16];
    person_details(a, line, sizeof line);
    r = ly_text(dc, line, dc->u * 4, LY_TEXT_REGULAR, C_DIM, x, y, col.w, 1, LY_TEXT_START);
    y += r.h + pad;
    r = ly_text(dc, ly_tr(s, "Reason"), dc->u * 4.2f, LY_TEXT_BOLD, C_WHITE, x, y, col.w, 1,
                LY_TEXT_START);
    y += r.h + pad / 2;
    int cols = landscape(dc) ? 4 : 2;
    int bh = touch(dc, 12), bw = (col.w - pad * (cols - 1)) / cols;
    for (int i = 0; i < LY_STAFF_REASONS; i++) {
        char id[32];
        snprintf(id, sizeof id, "reason:%d", i);
        SDL_Rect b = {col.x + (i % cols) * (bw + pad), y + (i / cols) * (bh + pad), bw, bh};
        bool chosen = s->reason == i;
        ly_button(dc, id, ly_mirror(dc, b), ly_tr(s, ly_staff_reasons[i]),
                  chosen ? C_CHOSEN : C_BUTTON, chosen ? C_BLACK : C_WHITE);
    }
    y += ((LY_STAFF_REASONS + cols - 1) / cols) * (bh + pad) + pad;
    SDL_Rect go = {col.x, y, col.w, touch(dc, 13)};
    if (go.y + go.h > dc->h - pad)
        go.y = dc->h - pad - go.h;
    ly_button(dc, s->reason >= 0 ? "checkin" : "checkin-disabled", go, ly_tr(s, "Check in by hand"),
              s->reason >= 0 ? C_GREEN : 0x3A4350u, s->reason >= 0 ? C_WHITE : C_DIM);
    if (s->message[0])
        ly_text(dc, s->message, dc->u * 4, LY_TEXT_BOLD, C_AMBER, dc->w / 2,
                go.y - (int)(dc->u * 6), col.w, 1, LY_TEXT_CENTER);
}

static void draw_gates(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Switch gate"), true);
    int pad = (int)(dc->u * 2);
    int cols = landscape(dc) ? 3 : 2;
    int bh = touch(dc, 12), bw = (dc->w - pad * (cols + 1)) / cols;
    /* As many rows as fit; a row of page buttons when the gates need more than one page. */
    int rows = (dc->h - body.y - pad) / (bh + pad);
    int per_page = rows * cols;
    bool paged = (int)s->ngates > per_page;
    if (paged)
        per_page = (rows - 1) * cols;
    if (per_page < 1)
        per_page = 1;
    int pages = ((int)s->ngates + per_page - 1) / per_page;
    int page = s->gates_page < pages ? s->gates_page : (pages > 0 ? pages - 1 : 0);
    for (int k = 0; k < per_page && page * per_page + k < (int)s->ngates; k++) {
        size_t i = (size_t)(page * per_page + k);
        char id[32], buf[LY_TITLE_MAX + 64];
        snprintf(id, sizeof id, "gate:%zu", i);
        SDL_Rect b = {pad + (k % cols) * (bw + pad), body.y + pad + (k / cols) * (bh + pad), bw,
                      bh};
        bool current = strcmp(s->gates[i], s->status.gate) == 0;
        ly_button(dc, id, ly_mirror(dc, b),
                  gate_title(s, s->gates[i], s->gate_names[i], buf, sizeof buf),
                  current ? C_CHOSEN : C_BUTTON, current ? C_BLACK : C_WHITE);
    }
    if (paged) {
        char label[32];
        int y = body.y + pad + (rows - 1) * (bh + pad), half = (dc->w - 3 * pad) / 2;
        /* The arrows point the way the pages turn: backwards is left in a left-to-right
         * interface, right in a right-to-left one. */
        const char *back = dc->rtl ? "\xE2\x80\xBA" : "\xE2\x80\xB9",
                   *fwd = dc->rtl ? "\xE2\x80\xB9" : "\xE2\x80\xBA";
        snprintf(label, sizeof label, "%s  %d / %d", back, page + 1, pages);
        if (page > 0)
            ly_button(dc, "gates:prev", ly_mirror(dc, (SDL_Rect){pad, y, half, bh}), label,
                      0x4A5A6Eu, C_WHITE);
        snprintf(label, sizeof label, "%d / %d  %s", page + 1, pages, fwd);
        if (page + 1 < pages)
            ly_button(dc, "gates:next", ly_mirror(dc, (SDL_Rect){2 * pad + half, y, half, bh}),
                      label, 0x4A5A6Eu, C_WHITE);
    }
    if (s->message[0])
        ly_text(dc, s->message, dc->u * 4, LY_TEXT_BOLD, C_AMBER, dc->w / 2,
                dc->h - pad - (int)(dc->u * 6), dc->w - 2 * pad, 1, LY_TEXT_CENTER);
}

/* A grid of labelled big numbers. */
static void figures(struct ly_dc *dc, SDL_Rect body, const char *const *labels,
                    const char *const *values, int n)
{
    int pad = (int)(dc->u * 2.5f);
    if (n <= 0)
        return;
    int cols = landscape(dc) ? 3 : 2, rows = (n + cols - 1) / cols;
    int cw = (body.w - pad * (cols + 1)) / cols;
    int ch = (body.h - pad * (rows + 1)) / rows;
    for (int i = 0; i < n; i++) {
        SDL_Rect c = {body.x + pad + (i % cols) * (cw + pad),
                      body.y + pad + (i / cols) * (ch + pad), cw, ch};
        c = ly_mirror(dc, c);
        ly_fill_round(dc, c, (int)dc->u, 0x243242u);
        float vpx = dc->u * 9;
        if (vpx > ch * 0.5f)
            vpx = ch * 0.5f;
        SDL_Rect v = ly_text(dc, values[i], vpx, LY_TEXT_BOLD, C_WHITE, c.x + cw / 2,
                             c.y + (int)(dc->u * 1.5f), cw - pad, 1, LY_TEXT_CENTER);
        ly_text(dc, labels[i], dc->u * 3.6f, LY_TEXT_REGULAR, C_DIM, c.x + cw / 2, v.y + v.h,
                cw - pad, 2, LY_TEXT_CENTER);
    }
}

static void draw_counts(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Counts at this kiosk"), true);
    char v[6][24];
    const struct ly_kiosk_stats *st = &s->stats;
    snprintf(v[0], sizeof v[0], "%lld", (long long)st->granted);
    snprintf(v[1], sizeof v[1], "%lld", (long long)st->denied);
    snprintf(v[2], sizeof v[2], "%lld", (long long)st->already_inside);
    snprintf(v[3], sizeof v[3], "%lld", (long long)st->manual);
    snprintf(v[4], sizeof v[4], "%lld", (long long)s->status.inside);
    snprintf(v[5], sizeof v[5], "%lld", (long long)s->status.unsent);
    const char *labels[6] = {ly_tr(s, "Granted"),        ly_tr(s, "Denied"),
                             ly_tr(s, "Already inside"), ly_tr(s, "Admitted by staff"),
                             ly_tr(s, "Inside now"),     ly_tr(s, "Waiting to upload")};
    const char *values[6] = {v[0], v[1], v[2], v[3], v[4], v[5]};
    figures(dc, body, labels, values, s->have_stats ? 6 : 0);
}

static void human_bytes(char *out, size_t outsz, int64_t b)
{
    if (b >= 1024LL * 1024 * 1024)
        snprintf(out, outsz, "%.1f GB", (double)b / (1024.0 * 1024 * 1024));
    else
        snprintf(out, outsz, "%.0f MB", (double)b / (1024.0 * 1024));
}

static void draw_health(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = staff_banner(dc, s, ly_tr(s, "Kiosk health"), true);
    char cam[96], disk[96], sync[96], b[32];
    if (s->status.camera_online)
        snprintf(cam, sizeof cam, "%s · %.0f fps", ly_tr(s, "Working"), s->status.camera_fps);
    else
        snprintf(cam, sizeof cam, "%s", ly_tr(s, "Not found"));
    human_bytes(b, sizeof b, s->disk_free_bytes);
    const char *args[1] = {b};
    trf(s, disk, sizeof disk, "{1} free", args, 1);
    if (s->last_sync_ms < 0) {
        snprintf(sync, sizeof sync, "%s", ly_tr(s, "Never"));
    } else {
        char mins[24];
        snprintf(mins, sizeof mins, "%lld", (long long)(s->last_sync_ms / 60000));
        const char *margs[1] = {mins};
        trf(s, sync, sizeof sync, "{1} minutes ago", margs, 1);
    }
    /* Script names stay in English: they are for the staff who install fonts. */
    char fonts[LY_FONTSET_MISSING_MAX + 64];
    const char *fargs[1] = {s->fonts_missing};
    if (s->fonts_missing[0])
        trf(s, fonts, sizeof fonts, "Missing: {1}", fargs, 1);
    else
        snprintf(fonts, sizeof fonts, "%s", ly_tr(s, "Every script"));
    enum { ROWS = 5 };
    const char *labels[ROWS] = {ly_tr(s, "Camera"), ly_tr(s, "Printer"), ly_tr(s, "Disk"),
                                ly_tr(s, "Last sync"), ly_tr(s, "Fonts")};
    const char *values[ROWS] = {cam, ly_tr(s, s->printer_configured ? "Working" : "No printer"),
                                disk, sync, fonts};
    int pad = (int)(dc->u * 3), rh = (body.h - pad * (ROWS + 1)) / ROWS;
    for (int i = 0; i < ROWS && s->have_health; i++) {
        SDL_Rect row = {pad, body.y + pad + i * (rh + pad), dc->w - 2 * pad, rh};
        ly_fill_round(dc, row, (int)dc->u, 0x243242u);
        SDL_Rect half = {row.x + pad, row.y, row.w / 2 - pad, row.h};
        float px = dc->u * 4.5f;
        int ty = row.y + (rh - (int)(px * 1.4f)) / 2;
        ly_text(dc, labels[i], px, LY_TEXT_BOLD, C_WHITE, start_x(dc, ly_mirror(dc, half)), ty,
                half.w, 1, LY_TEXT_START);
        half.x = row.x + row.w / 2;
        ly_text(dc, values[i], px, LY_TEXT_REGULAR, C_DIM, start_x(dc, ly_mirror(dc, half)), ty,
                half.w - pad, 1, LY_TEXT_START);
    }
}

void ly_screen_draw(struct ly_dc *dc, const struct ly_ui_state *s)
{
    dc->nwidgets = 0;
    dc->u = (float)(dc->w < dc->h ? dc->w : dc->h) / 100.0f;
    dc->rtl = ly_lang_rtl(s->lang);
    switch (s->screen) {
    case LY_SCR_IDLE:
        draw_idle(dc, s);
        break;
    case LY_SCR_LANG:
        draw_language(dc, s);
        break;
    case LY_SCR_RESULT:
        draw_result(dc, s);
        break;
    case LY_SCR_PIN:
        draw_pin(dc, s);
        break;
    case LY_SCR_STAFF:
        draw_staff(dc, s);
        break;
    case LY_SCR_SEARCH:
        draw_search(dc, s);
        break;
    case LY_SCR_PERSON:
        draw_person(dc, s);
        break;
    case LY_SCR_GATES:
        draw_gates(dc, s);
        break;
    case LY_SCR_COUNTS:
        draw_counts(dc, s);
        break;
    case LY_SCR_HEALTH:
        draw_health(dc, s);
        break;
    case LY_SCR_COUNT:
        break;
    }
}
