/* staff.c - the staff's screens. See staff.h. */
#include "screens/staff.h"

#include <stdio.h>
#include <string.h>

#include "event/country.h"
#include "event/vocab.h"
#include "kioskdb/kioskdb_staff.h"
#include "screens/attendee.h"
#include "screens/layout.h"
#include "text/fontset.h"

void ly_scr_draw_pin(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Enter staff PIN"), false);
    int pad = (int)(dc->u * 2.5f);
    bool land = ly_scr_landscape(dc);
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
        m = ly_scr_trf(s, msg, sizeof msg, "Too many wrong PINs. Try again in {1} seconds.", args,
                       1);
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
    int kh = ly_scr_imax(LY_TOUCH_MIN_PX, (pad_area.h - pad * (rows + 1)) / rows);
    int kw = ly_scr_imax(LY_TOUCH_MIN_PX, ly_scr_imax(kh, (pad_area.w - pad * 4) / 3));
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

void ly_scr_draw_staff(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Staff mode"), false);
    int pad = (int)(dc->u * 2.5f);
    char gbuf[LY_TITLE_MAX + 64];
    const char *gate =
        ly_scr_gate_title(s, s->status.gate, s->status.gate_label, gbuf, sizeof gbuf);
    SDL_Rect r = ly_text(dc, gate, dc->u * 5, LY_TEXT_BOLD, C_WHITE, dc->w / 2, body.y + pad,
                         dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    /* With a printer, the badge desk's two (a person's reprint is on their screen). */
    static const char *const items[][2] = {
        {"search", N_("Search by name")},       {"gates", N_("Switch gate")},
        {"counts", N_("Counts at this kiosk")}, {"health", N_("Kiosk health")},
        {"walkin", N_("Register a walk-in")},   {"jobs", N_("Print jobs")},
        {"exit", N_("Exit staff mode")},
    };
    const char *const(*shown[8])[2];
    int n = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (s->printer_configured ||
            (strcmp(items[i][0], "walkin") != 0 && strcmp(items[i][0], "jobs") != 0))
            shown[n++] = &items[i];
    int cols = ly_scr_landscape(dc) ? 3 : 2, rows = (n + cols - 1) / cols;
    int top = r.y + r.h + pad;
    int bw = (dc->w - pad * (cols + 1)) / cols;
    int bh = ly_scr_imax(LY_TOUCH_MIN_PX, (dc->h - top - pad * (rows + 1)) / rows);
    if (bh > (int)(dc->u * 30))
        bh = (int)(dc->u * 30);
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {pad + (i % cols) * (bw + pad), top + (i / cols) * (bh + pad), bw, bh};
        bool exit = strcmp((*shown[i])[0], "exit") == 0;
        ly_button(dc, (*shown[i])[0], ly_mirror(dc, b), ly_tr(s, (*shown[i])[1]),
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
    float px = ly_scr_imax(14, (int)(r.h * 0.36f));
    ly_text(dc, a->name, px, LY_TEXT_BOLD, C_WHITE, ly_scr_start_x(dc, inner), inner.y, inner.w, 1,
            LY_TEXT_START);
    ly_text(dc, line2, px * 0.72f, LY_TEXT_REGULAR, C_DIM, ly_scr_start_x(dc, inner),
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
    k->kh = ly_scr_touch(dc, 10.5f);
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

void ly_scr_draw_search(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Search by name"), true);
    struct keyboard k;
    keyboard_layout(dc, &k);
    int pad = k.pad;
    /* The field. */
    int fh = ly_scr_touch(dc, 10);
    SDL_Rect field = {pad, body.y + pad, dc->w - 2 * pad, fh};
    ly_fill_round(dc, field, (int)dc->u, C_WHITE);
    char shown[LY_QUERY_MAX + 8];
    snprintf(shown, sizeof shown, "%s|", s->query);
    ly_text(dc, s->query[0] ? shown : ly_tr(s, "Search by name"), dc->u * 4.5f,
            s->query[0] ? LY_TEXT_BOLD : LY_TEXT_REGULAR, s->query[0] ? C_BLACK : 0x5B6570u,
            ly_scr_start_x(dc, (SDL_Rect){field.x + pad, 0, field.w - 2 * pad, 0}),
            field.y + (fh - (int)(dc->u * 6.3f)) / 2, field.w - 2 * pad, 1, LY_TEXT_START);
    /* The results, as many rows as fit above the keyboard. */
    int top = field.y + fh + pad, rh = ly_scr_touch(dc, 12);
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

void ly_scr_draw_person(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Check in by hand"), true);
    const struct ly_kiosk_attendee *a = &s->person;
    int pad = (int)(dc->u * 2.5f);
    SDL_Rect col = {pad, body.y + pad, dc->w - 2 * pad, body.h - 2 * pad};
    int x = ly_scr_start_x(dc, col), y = col.y;
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
    int cols = ly_scr_landscape(dc) ? 4 : 2;
    int bh = ly_scr_touch(dc, 12), bw = (col.w - pad * (cols - 1)) / cols;
    for (int i = 0; i < LY_STAFF_REASONS; i++) {
        char id[32];
        snprintf(id, sizeof id, "reason:%d", i);
        SDL_Rect b = {col.x + (i % cols) * (bw + pad), y + (i / cols) * (bh + pad), bw, bh};
        bool chosen = s->reason == i;
        ly_button(dc, id, ly_mirror(dc, b), ly_tr(s, ly_staff_reasons[i]),
                  chosen ? C_CHOSEN : C_BUTTON, chosen ? C_BLACK : C_WHITE);
    }
    y += ((LY_STAFF_REASONS + cols - 1) / cols) * (bh + pad) + pad;
    SDL_Rect go = {col.x, y, col.w, ly_scr_touch(dc, 13)};
    if (go.y + go.h > dc->h - pad)
        go.y = dc->h - pad - go.h;
    if (s->printer_configured) { /* the badge desk: the reprint beside the check-in */
        SDL_Rect rp = go;
        go.w = rp.w = (go.w - pad) / 2;
        rp.x = go.x + go.w + pad;
        ly_button(dc, s->reason >= 0 ? "reprint" : "reprint-disabled", ly_mirror(dc, rp),
                  ly_tr(s, "Reprint badge"), s->reason >= 0 ? C_PRIMARY : 0x3A4350u,
                  s->reason >= 0 ? C_WHITE : C_DIM);
        go = ly_mirror(dc, go);
    }
    ly_button(dc, s->reason >= 0 ? "checkin" : "checkin-disabled", go, ly_tr(s, "Check in by hand"),
              s->reason >= 0 ? C_GREEN : 0x3A4350u, s->reason >= 0 ? C_WHITE : C_DIM);
    if (s->message[0])
        ly_text(dc, s->message, dc->u * 4, LY_TEXT_BOLD, C_AMBER, dc->w / 2,
                go.y - (int)(dc->u * 6), col.w, 1, LY_TEXT_CENTER);
}

void ly_scr_draw_gates(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Switch gate"), true);
    int pad = (int)(dc->u * 2);
    int cols = ly_scr_landscape(dc) ? 3 : 2;
    int bh = ly_scr_touch(dc, 12), bw = (dc->w - pad * (cols + 1)) / cols;
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
                  ly_scr_gate_title(s, s->gates[i], s->gate_names[i], buf, sizeof buf),
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
    int cols = ly_scr_landscape(dc) ? 3 : 2, rows = (n + cols - 1) / cols;
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

void ly_scr_draw_counts(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Counts at this kiosk"), true);
    char v[8][24];
    const struct ly_kiosk_stats *st = &s->stats;
    snprintf(v[0], sizeof v[0], "%lld", (long long)st->granted);
    snprintf(v[1], sizeof v[1], "%lld", (long long)st->denied);
    snprintf(v[2], sizeof v[2], "%lld", (long long)st->already_inside);
    snprintf(v[3], sizeof v[3], "%lld", (long long)st->manual);
    snprintf(v[4], sizeof v[4], "%lld", (long long)s->status.inside);
    snprintf(v[5], sizeof v[5], "%lld", (long long)s->status.unsent);
    snprintf(v[6], sizeof v[6], "%lld", (long long)st->badges);
    snprintf(v[7], sizeof v[7], "%lld", (long long)st->arrivals);
    const char *labels[8] = {ly_tr(s, "Granted"),           ly_tr(s, "Denied"),
                             ly_tr(s, "Already inside"),    ly_tr(s, "Admitted by staff"),
                             ly_tr(s, "Inside now"),        ly_tr(s, "Waiting to upload"),
                             ly_tr(s, "Badges handed out"), ly_tr(s, "Arrivals")};
    const char *values[8] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]};
    /* A kiosk that prints has two more: its badges, and arrivals counted once. */
    figures(dc, body, labels, values, s->have_stats ? (s->printer_configured ? 8 : 6) : 0);
}

static void human_bytes(char *out, size_t outsz, int64_t b)
{
    if (b >= 1024LL * 1024 * 1024)
        snprintf(out, outsz, "%.1f GB", (double)b / (1024.0 * 1024 * 1024));
    else
        snprintf(out, outsz, "%.0f MB", (double)b / (1024.0 * 1024));
}

/* The health screen's printer rows: "Printer ready · 12 labels printed" (or "No printer"), and
 * the last problem the printer reported with how long ago ("None" when it never had one). */
static void printer_rows(const struct ly_ui_state *s, char *prn, size_t prnsz, char *problem,
                         size_t problemsz)
{
    const struct ly_printer_health *h = &s->printer_health;
    if (!s->printer_configured) {
        snprintf(prn, prnsz, "%s", ly_tr(s, "No printer"));
        problem[0] = '\0';
        return;
    }
    char n[24], printed[96];
    snprintf(n, sizeof n, "%llu", (unsigned long long)h->labels_printed);
    const char *args[1] = {n};
    ly_scr_trf(s, printed, sizeof printed, "{1} labels printed", args, 1);
    snprintf(prn, prnsz, "%s  ·  %s", ly_scr_printer_state(s, h->state, h->reason), printed);
    if (!h->last_error[0] || s->printer_problem_ms < 0) {
        snprintf(problem, problemsz, "%s", ly_tr(s, "None"));
        return;
    }
    char mins[24], ago[64];
    snprintf(mins, sizeof mins, "%lld", (long long)(s->printer_problem_ms / 60000));
    const char *margs[1] = {mins};
    ly_scr_trf(s, ago, sizeof ago, "{1} minutes ago", margs, 1);
    snprintf(problem, problemsz, "%s  ·  %s", ago, h->last_error);
}

void ly_scr_draw_health(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Kiosk health"), true);
    char cam[96], disk[96], sync[96], b[32];
    if (s->status.camera_online)
        snprintf(cam, sizeof cam, "%s · %.0f fps", ly_tr(s, "Working"), s->status.camera_fps);
    else
        snprintf(cam, sizeof cam, "%s", ly_tr(s, "Not found"));
    human_bytes(b, sizeof b, s->disk_free_bytes);
    const char *args[1] = {b};
    ly_scr_trf(s, disk, sizeof disk, "{1} free", args, 1);
    if (s->last_sync_ms < 0) {
        snprintf(sync, sizeof sync, "%s", ly_tr(s, "Never"));
    } else {
        char mins[24];
        snprintf(mins, sizeof mins, "%lld", (long long)(s->last_sync_ms / 60000));
        const char *margs[1] = {mins};
        ly_scr_trf(s, sync, sizeof sync, "{1} minutes ago", margs, 1);
    }
    /* Script names stay in English: they are for the staff who install fonts. */
    char fonts[LY_FONTSET_MISSING_MAX + 64];
    const char *fargs[1] = {s->fonts_missing};
    if (s->fonts_missing[0])
        ly_scr_trf(s, fonts, sizeof fonts, "Missing: {1}", fargs, 1);
    else
        snprintf(fonts, sizeof fonts, "%s", ly_tr(s, "Every script"));
    /* A kiosk with a printer: its state and labels printed, and its last problem. */
    char prn[192], problem[LY_PRINT_DETAIL_MAX + 96];
    printer_rows(s, prn, sizeof prn, problem, sizeof problem);
    enum { ROWS_MAX = 6 };
    const int ROWS = s->printer_configured ? 6 : 5;
    const char *labels[ROWS_MAX] = {ly_tr(s, "Camera"), ly_tr(s, "Printer"),
                                    ly_tr(s, "Disk"),   ly_tr(s, "Last sync"),
                                    ly_tr(s, "Fonts"),  ly_tr(s, "Last printer problem")};
    const char *values[ROWS_MAX] = {cam, prn, disk, sync, fonts, problem};
    int pad = (int)(dc->u * 3), rh = (body.h - pad * (ROWS + 1)) / ROWS;
    for (int i = 0; i < ROWS && s->have_health; i++) {
        SDL_Rect row = {pad, body.y + pad + i * (rh + pad), dc->w - 2 * pad, rh};
        ly_fill_round(dc, row, (int)dc->u, 0x243242u);
        /* The label on the start side (two fifths), the value on the end side; a value too
         * long for one line takes two, smaller. */
        SDL_Rect lab = {row.x + pad, row.y, row.w * 2 / 5 - pad, row.h};
        float px = dc->u * 4.5f;
        int ty = row.y + (rh - (int)(px * 1.4f)) / 2;
        ly_text(dc, labels[i], px, LY_TEXT_BOLD, C_WHITE, ly_scr_start_x(dc, ly_mirror(dc, lab)),
                ty, lab.w, 1, LY_TEXT_START);
        SDL_Rect val = {row.x + row.w * 2 / 5, row.y, row.w * 3 / 5 - pad, row.h};
        int lines = 1;
        if (ly_text_extent(dc, values[i], px, LY_TEXT_REGULAR, 0, 1).x > val.w) {
            px = px < (float)rh / 2.9f ? px : (float)rh / 2.9f;
            lines = 2;
        }
        ty = row.y + (rh - (int)(px * 1.4f) * lines) / 2;
        ly_text(dc, values[i], px, LY_TEXT_REGULAR, C_DIM, ly_scr_start_x(dc, ly_mirror(dc, val)),
                ty, val.w, lines, LY_TEXT_START);
    }
}

/* --- the badge desk with a printer ------------------------------------------------------------ */

void ly_scr_draw_jobs(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Print jobs"), true);
    int pad = (int)(dc->u * 2), rh = ly_scr_touch(dc, 12), y = body.y + pad;
    if (s->have_jobs && s->njobs == 0)
        ly_text(dc, ly_tr(s, "Every job printed"), dc->u * 4.5f, LY_TEXT_REGULAR, C_DIM, dc->w / 2,
                y, dc->w - 2 * pad, 1, LY_TEXT_CENTER);
    for (size_t i = 0; i < s->njobs && y + rh <= dc->h - pad; i++, y += rh + pad) {
        const struct ly_kiosk_pjob *j = &s->jobs[i];
        char line[160], id[32];
        /* A held job may have printed: staff look before they print it again. */
        snprintf(line, sizeof line, "%s %u \u00b7 %s%s%s", j->slip ? "slip" : "badge",
                 j->attendee_id, ly_pjob_state_name(j->state), j->reason[0] ? " \u00b7 " : "",
                 j->reason);
        int bw = ly_scr_imax(ly_scr_touch(dc, 22), dc->w / 4);
        SDL_Rect row = {pad, y, dc->w - 3 * pad - bw, rh};
        ly_fill_round(dc, ly_mirror(dc, row), (int)(dc->u), C_BUTTON);
        SDL_Rect in = ly_mirror(dc, (SDL_Rect){row.x + pad, row.y, row.w - 2 * pad, row.h});
        ly_text(dc, line, dc->u * 4, LY_TEXT_REGULAR, C_WHITE, ly_scr_start_x(dc, in),
                row.y + (rh - (int)(dc->u * 5.6f)) / 2, in.w, 1, LY_TEXT_START);
        bool retry = j->state == LY_PJOB_HELD || j->state == LY_PJOB_FAILED;
        snprintf(id, sizeof id, retry ? "retry:%zu" : "job:%zu", i);
        ly_button(dc, id, ly_mirror(dc, (SDL_Rect){dc->w - pad - bw, y, bw, rh}),
                  ly_tr(s, retry ? "Print again" : "Waiting"), retry ? C_AMBER : 0x3A4350u,
                  retry ? C_BLACK : C_DIM);
    }
    if (s->message[0])
        ly_text(dc, s->message, dc->u * 4, LY_TEXT_BOLD, C_AMBER, dc->w / 2,
                dc->h - pad - (int)(dc->u * 6), dc->w - 2 * pad, 1, LY_TEXT_CENTER);
}

/* One line of the walk-in form: its label, and a field (a text that typing goes to, or a word
 * that cycles through its vocabulary). */
static void form_row(struct ly_dc *dc, const char *label, const char *value, const char *id,
                     bool focused, SDL_Rect r)
{
    int lw = r.w * 3 / 10;
    float lpx = r.h * 0.42f < dc->u * 4.2f ? r.h * 0.42f : dc->u * 4.2f;
    float vpx = r.h * 0.45f < dc->u * 5.5f ? r.h * 0.45f : dc->u * 5.5f;
    SDL_Rect l = ly_mirror(dc, (SDL_Rect){r.x, r.y, lw, r.h});
    ly_text(dc, label, lpx, LY_TEXT_BOLD, C_DIM, ly_scr_start_x(dc, l),
            r.y + (r.h - (int)(lpx * 1.4f)) / 2, l.w, 1, LY_TEXT_START);
    SDL_Rect fld = ly_mirror(dc, (SDL_Rect){r.x + lw, r.y, r.w - lw, r.h});
    ly_fill_round(dc, fld, (int)(dc->u), focused ? 0x2F4B66u : C_BUTTON);
    SDL_Rect in = {fld.x + (int)(dc->u * 1.5f), fld.y, fld.w - (int)(dc->u * 3), fld.h};
    ly_text(dc, value, vpx, LY_TEXT_REGULAR, C_WHITE, ly_scr_start_x(dc, in),
            r.y + (r.h - (int)(vpx * 1.4f)) / 2, in.w, 1, LY_TEXT_START);
    ly_widget_add(dc, id, fld);
}

void ly_scr_draw_walkin(struct ly_dc *dc, const struct ly_ui_state *s)
{
    SDL_Rect body = ly_scr_staff_banner(dc, s, ly_tr(s, "Register a walk-in"), true);
    struct keyboard k;
    keyboard_layout(dc, &k);
    const struct ly_walkin *w = &s->walkin;
    const struct ly_vocab_entry *st = ly_vocab_find(LY_VOCAB_STAKEHOLDER, w->stakeholder);
    const struct ly_vocab_entry *cat = ly_vocab_find(LY_VOCAB_CATEGORY, w->category);
    /* Six rows above the keyboard; on a landscape screen three, two to a row: the name beside
     * the button, so that all fits above the keyboard at 800x480 too. */
    bool two = ly_scr_landscape(dc);
    int nrows = two ? 3 : 6;
    int pad = (int)(dc->u * 1.2f), y = body.y + pad;
    int rh = ly_scr_imax(LY_TOUCH_MIN_PX, (k.area.y - y - (nrows + 1) * pad) / nrows);
    int full = dc->w - 4 * pad, half = (full - 2 * pad) / 2;
    static const int row_of[6] = {0, 1, 1, 2, 2, 0}, right_of[6] = {0, 0, 1, 0, 1, 1};
    SDL_Rect cells[6];
    for (int i = 0; i < 6; i++) {
        bool right = two && right_of[i];
        cells[i] = (SDL_Rect){pad * 2 + (right ? half + 2 * pad : 0),
                              y + (two ? row_of[i] : i) * (rh + pad), two ? half : full, rh};
    }
    form_row(dc, ly_tr(s, "Name"), w->name, "field:name", s->walkin_field == 0, cells[0]);
    form_row(dc, ly_tr(s, "Affiliation"), w->affiliation, "field:affiliation", s->walkin_field == 1,
             cells[1]);
    form_row(dc, ly_tr(s, "Country"), s->walkin_country, "field:country", s->walkin_field == 2,
             cells[2]);
    form_row(dc, ly_tr(s, "Stakeholder group"), st ? st->label : w->stakeholder,
             "cycle:stakeholder", false, cells[3]);
    form_row(dc, ly_tr(s, "Category"), cat ? cat->label : w->category, "cycle:category", false,
             cells[4]);
    ly_button(dc, "register", ly_mirror(dc, cells[5]),
              s->message[0] ? s->message : ly_tr(s, "Register and print the badge"),
              s->message[0] ? C_AMBER : C_GREEN, s->message[0] ? C_BLACK : C_WHITE);
    draw_keyboard(dc, s, &k);
}
