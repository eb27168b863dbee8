/* label.c - print jobs laid out on labels. See label.h.
 *
 * Drawing is in millimetres, as in render.c. A badge card on a label at least as large as the
 * A6 card's proportions allow (4x6 in, A6) is render.c's card scaled to the
 * label's width; on a 4x3 in label, worn landscape, the card's parts are laid out side by side
 * (the name across the top, the QR beside the affiliation, the category band at the bottom), and
 * on continuous media (62 mm tape, receipt rolls) one under the other with the QR as wide as the
 * tape allows, so that the QR stays large enough for a camera at arm's length. A slip is a
 * column: event, name, session, room, time, QR. */
#include "print/label.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/fail.h"
#include "common/ly_limits.h"

#define MM_PER_INCH 25.4
#define PT_PER_MM   (72.0 / MM_PER_INCH)
#define FONT_FAMILY                                                                                \
    "Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Armenian, Noto Sans Georgian, "      \
    "sans-serif"

struct ly_label {
    enum ly_label_size size;
    int dpi;
    double w_mm, h_mm;
    int w_dots, h_dots;
    struct ly_render *card;
    PangoFontMap *fontmap;
    PangoContext *pango;
    PangoLayout *text;
    PangoFontDescription *font;
};

bool ly_label_open(struct ly_label **out, enum ly_label_size size, int dpi, char *err, size_t errsz)
{
    *out = NULL;
    if ((unsigned)size >= LY_LABEL_COUNT || dpi < 100 || dpi > 600)
        return ly_fail(err, errsz, "label: size %d at %d dpi (want a known size, 100 to 600 dpi)",
                       (int)size, dpi);
    struct ly_label *l = calloc(1, sizeof(*l));
    if (l == NULL)
        return ly_fail(err, errsz, "out of memory");
    l->size = size;
    l->dpi = dpi;
    ly_label_mm(size, &l->w_mm, &l->h_mm);
    l->w_dots = (int)lround(l->w_mm * dpi / MM_PER_INCH);
    l->h_dots = (int)lround(l->h_mm * dpi / MM_PER_INCH);
    if (!ly_render_open(&l->card, err, errsz)) {
        free(l);
        return false;
    }
    l->fontmap = pango_cairo_font_map_new();
    l->pango = pango_font_map_create_context(l->fontmap);
    pango_cairo_context_set_resolution(l->pango, MM_PER_INCH);
    pango_context_set_round_glyph_positions(l->pango, FALSE);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(l->pango, fo);
    cairo_font_options_destroy(fo);
    l->text = pango_layout_new(l->pango);
    pango_layout_set_alignment(l->text, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap(l->text, PANGO_WRAP_WORD_CHAR);
    l->font = pango_font_description_from_string(FONT_FAMILY);
    *out = l;
    return true;
}

void ly_label_dots(const struct ly_label *l, int *width, int *height)
{
    *width = l->w_dots;
    *height = l->h_dots;
}

void ly_label_close(struct ly_label *l)
{
    if (l == NULL)
        return;
    (void)ly_render_close(l->card, NULL, 0);
    if (l->font != NULL)
        pango_font_description_free(l->font);
    if (l->text != NULL)
        g_object_unref(l->text);
    if (l->pango != NULL)
        g_object_unref(l->pango);
    if (l->fontmap != NULL)
        g_object_unref(l->fontmap);
    free(l);
}

void ly_bitmap_free(struct ly_bitmap *b)
{
    if (b == NULL)
        return;
    free(b->bits);
    memset(b, 0, sizeof(*b));
}

static bool present(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* --- text ----------------------------------------------------------------------------------- */

/* Sets l->text's size from hi down to lo in half points until it takes at most lines lines
 * within w mm; stores its height in *h and returns true, or false when no size does. */
static bool try_sizes(struct ly_label *l, double w, double hi, double lo, int lines, double *h)
{
    PangoRectangle ink, logical;
    for (double pt = hi; pt >= lo; pt -= 0.5) {
        pango_font_description_set_size(l->font, (gint)(pt * PANGO_SCALE));
        pango_layout_set_font_description(l->text, l->font);
        pango_layout_get_extents(l->text, &ink, &logical);
        if (pango_layout_get_line_count(l->text) <= lines &&
            (double)ink.width / PANGO_SCALE <= w + 0.01) {
            *h = (double)logical.height / PANGO_SCALE;
            return true;
        }
    }
    return false;
}

/* Lays text out in l->text for a box w mm wide: on one line at the largest size from max_pt down
 * to 60% of it (in half points); else the largest size down to min_pt at which it takes at most
 * max_lines lines; else min_pt cut with an ellipsis. */
static double fit(struct ly_label *l, const char *text, const char *lang, double max_pt,
                  double min_pt, bool bold, double w, int max_lines)
{
    PangoLayout *t = l->text;
    char *valid = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
    pango_layout_set_text(t, valid != NULL ? valid : text, -1);
    g_free(valid);
    PangoAttrList *attrs = pango_attr_list_new();
    if (present(lang))
        pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(lang)));
    pango_layout_set_attributes(t, attrs);
    pango_attr_list_unref(attrs);
    pango_font_description_set_weight(l->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_width(t, (int)(w * PANGO_SCALE));
    pango_layout_set_height(t, -1);
    pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_NONE);
    double h;
    /* One line if it fits at 60% of the largest size or more; then as few lines as fit. */
    if (max_lines > 1 && try_sizes(l, w, max_pt, fmax(min_pt, 0.6 * max_pt), 1, &h))
        return h;
    if (try_sizes(l, w, max_pt, min_pt, max_lines, &h))
        return h;
    PangoRectangle logical;
    pango_font_description_set_size(l->font, (gint)(min_pt * PANGO_SCALE));
    pango_layout_set_font_description(t, l->font);
    pango_layout_set_height(t, -max_lines);
    pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
    pango_layout_get_extents(t, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

/* Fits text and, when cr is not NULL, draws it at (x, y) in a box w wide; returns its height
 * (0 when text is absent). */
static double text_at(struct ly_label *l, cairo_t *cr, const char *text, const char *lang,
                      double max_pt, double min_pt, bool bold, int max_lines, double x, double y,
                      double w)
{
    if (!present(text))
        return 0;
    double h = fit(l, text, lang, max_pt, min_pt, bold, w, max_lines);
    if (cr != NULL) {
        pango_cairo_update_context(cr, l->pango);
        pango_layout_context_changed(l->text);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, l->text);
    }
    return h;
}

/* The QR's size with its quiet zone (four modules each side) for a symbol symbol_mm wide. */
static double qr_total_mm(const char *code, double symbol_mm)
{
    QRcode *q = present(code) ? QRcode_encodeString(code, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
    if (q == NULL)
        return symbol_mm;
    double total = symbol_mm * (q->width + 8) / q->width;
    QRcode_free(q);
    return total;
}

/* --- layouts -------------------------------------------------------------------------------- */

#define SLIP_MARGIN 3.0

/* Lays the slip out at width w; draws it when cr is not NULL. Returns its height in mm, or a
 * negative value with err set when the QR cannot be drawn. */
static double slip(struct ly_label *l, cairo_t *cr, const struct ly_slip *s, double w,
                   int *qr_version, char *err, size_t errsz)
{
    double m = SLIP_MARGIN, cw = w - 2 * m, y = m;
    if (!present(s->name) || !present(s->code)) {
        ly_fail(err, errsz, "a slip needs a name and a code");
        return -1;
    }
    if (strlen(s->code) > LY_BADGE_CODE_MAX) {
        ly_fail(err, errsz, "slip code longer than %d characters", LY_BADGE_CODE_MAX);
        return -1;
    }
    double h = text_at(l, cr, s->event_name, NULL, 8, 7, false, 1, m, y, cw);
    y += h > 0 ? h + 1 : 0;
    if (cr != NULL) {
        cairo_rectangle(cr, m, y, cw, 0.4);
        cairo_fill(cr);
    }
    y += 1.6;
    y += text_at(l, cr, s->name, s->name_lang, 20, 11, true, 2, m, y, cw) + 2;
    h = text_at(l, cr, s->session, s->name_lang, 13, 9, true, 3, m, y, cw);
    y += h > 0 ? h + 1.5 : 0;
    h = text_at(l, cr, s->room, NULL, 12, 9, false, 1, m, y, cw);
    y += h > 0 ? h + 0.5 : 0;
    h = text_at(l, cr, s->time, NULL, 12, 9, false, 1, m, y, cw);
    y += h > 0 ? h + 1.5 : 0;
    double symbol = cw * 0.85 < 40 ? cw * 0.85 : 40;
    if (cr != NULL && !ly_render_draw_qr(cr, s->code, w / 2, y, symbol, qr_version, err, errsz))
        return -1;
    return y + qr_total_mm(s->code, symbol) + m;
}

/* Draws the category band of card c: a w x h mm box in the category's colour at (x, y), its
 * text upper case in black or white, whichever a one-bit printer keeps readable on it. */
static void band(struct ly_label *l, cairo_t *cr, const struct ly_card *c, double x, double y,
                 double w, double h)
{
    cairo_set_source_rgb(cr, ((c->category_rgb >> 16) & 0xff) / 255.0,
                         ((c->category_rgb >> 8) & 0xff) / 255.0, (c->category_rgb & 0xff) / 255.0);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    if (!present(c->category))
        return;
    char *upper = g_utf8_strup(c->category, -1);
    double bh = fit(l, upper, NULL, 16, 9, true, w - 4, 1);
    double lum = 0.299 * ((c->category_rgb >> 16) & 0xff) +
                 0.587 * ((c->category_rgb >> 8) & 0xff) + 0.114 * (c->category_rgb & 0xff);
    double ink = lum < 128 ? 1 : 0;
    pango_cairo_update_context(cr, l->pango);
    pango_layout_context_changed(l->text);
    cairo_set_source_rgb(cr, ink, ink, ink);
    cairo_move_to(cr, x + 2, y + (h - bh) / 2);
    pango_cairo_show_layout(cr, l->text);
    g_free(upper);
}

/* A badge on continuous media (62 mm tape, receipt rolls), whose width is all there is: a column
 * of event, name, transliteration, affiliation and country, then the QR as wide as the tape
 * allows (45 mm at most), the reference and the category band. Lays it out at width w and draws
 * it when cr is not NULL; returns its height in mm, or a negative value with err set. */
#define COLUMN_QR_MAX 45.0
static double column_card(struct ly_label *l, cairo_t *cr, const struct ly_card *c, double w,
                          int *qr_version, char *err, size_t errsz)
{
    if (!present(c->name)) {
        ly_fail(err, errsz, "card has no name");
        return -1;
    }
    if (!present(c->code) || strlen(c->code) > LY_BADGE_CODE_MAX) {
        ly_fail(err, errsz, "card has no badge code of at most %d characters", LY_BADGE_CODE_MAX);
        return -1;
    }
    double m = SLIP_MARGIN, cw = w - 2 * m, y = m;
    double h = text_at(l, cr, c->event_name, NULL, 9, 7, true, 2, m, y, cw);
    y += h > 0 ? h + 0.3 : 0;
    h = text_at(l, cr, c->event_dates, NULL, 8, 6.5, false, 1, m, y, cw);
    y += h > 0 ? h + 1 : 0;
    if (cr != NULL) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_rectangle(cr, m, y, cw, 0.4);
        cairo_fill(cr);
    }
    y += 2;
    y += text_at(l, cr, c->name, c->name_lang, 22, 11, true, 2, m, y, cw) + 0.8;
    const char *latin =
        present(c->name_latin) && strcasecmp(c->name_latin, c->name) != 0 ? c->name_latin : NULL;
    h = text_at(l, cr, latin, NULL, 11, 8, false, 1, m, y, cw);
    y += h > 0 ? h + 1.5 : 0;
    h = text_at(l, cr, c->affiliation, c->name_lang, 10, 7.5, false, 2, m, y, cw);
    y += h > 0 ? h + 0.5 : 0;
    h = text_at(l, cr, c->country, NULL, 10, 7.5, true, 1, m, y, cw);
    y += h > 0 ? h + 1 : 0;
    double symbol = cw * 0.85 < COLUMN_QR_MAX ? cw * 0.85 : COLUMN_QR_MAX;
    if (cr != NULL && !ly_render_draw_qr(cr, c->code, w / 2, y, symbol, qr_version, err, errsz))
        return -1;
    y += qr_total_mm(c->code, symbol);
    h = text_at(l, cr, c->reference, NULL, 6, 5, false, 1, m, y, cw);
    y += h > 0 ? h + 1.5 : 0.5;
    if (cr != NULL)
        band(l, cr, c, m, y, cw, 10);
    return y + 10 + m;
}

/* The 4x3 in landscape badge: event across the top, the name below it, then the QR on the left
 * with the transliteration, affiliation, country and reference on its right, and the category
 * band along the bottom. */
#define WIDE_MARGIN 3.5
#define WIDE_QR     27.0
static bool wide_card(struct ly_label *l, cairo_t *cr, const struct ly_card *c, int *qr_version,
                      char *err, size_t errsz)
{
    if (!present(c->name))
        return ly_fail(err, errsz, "card has no name");
    double m = WIDE_MARGIN, W = l->w_mm, H = l->h_mm, cw = W - 2 * m;
    double y = 2.5;
    y += text_at(l, cr, c->event_name, NULL, 8, 6.5, true, 1, m, y, cw) + 0.8;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, m, y, cw, 0.4);
    cairo_fill(cr);
    y += 1.2;
    y += text_at(l, cr, c->name, c->name_lang, 24, 11, true, 2, m, y, cw);
    double band_h = 9, band_y = H - 2.5 - band_h;
    double qr_total = qr_total_mm(c->code, WIDE_QR);
    double qr_top = band_y - 1 - qr_total;
    if (qr_top < y)
        qr_top = y;
    if (!ly_render_draw_qr(cr, c->code, m + qr_total / 2, qr_top, WIDE_QR, qr_version, err, errsz))
        return false;
    double tx = m + qr_total + 2, tw = W - m - tx, ty = qr_top + 2;
    const char *latin =
        present(c->name_latin) && strcasecmp(c->name_latin, c->name) != 0 ? c->name_latin : NULL;
    double h = text_at(l, cr, latin, NULL, 11, 8, false, 1, tx, ty, tw);
    ty += h > 0 ? h + 1.5 : 0;
    h = text_at(l, cr, c->affiliation, c->name_lang, 10, 7.5, false, 2, tx, ty, tw);
    ty += h > 0 ? h + 0.8 : 0;
    h = text_at(l, cr, c->country, NULL, 10, 7.5, true, 1, tx, ty, tw);
    ty += h > 0 ? h + 1.5 : 0;
    (void)text_at(l, cr, c->reference, NULL, 6, 5, false, 1, tx, ty, tw);
    band(l, cr, c, m, band_y, cw, band_h);
    return true;
}

/* The height in mm the job takes on this label: the label's for die-cut media, the content's on
 * continuous media. Negative with err set when the job cannot be laid out. */
static double job_height(struct ly_label *l, const struct ly_print_job *job, char *err,
                         size_t errsz)
{
    if (l->h_mm > 0)
        return l->h_mm;
    if (job->kind == LY_JOB_SLIP)
        return slip(l, NULL, &job->slip, l->w_mm, NULL, err, errsz);
    return column_card(l, NULL, &job->card, l->w_mm, NULL, err, errsz);
}

/* Draws job on cr (user units: mm, origin the label's top-left corner, white already). */
static bool draw_job(struct ly_label *l, cairo_t *cr, const struct ly_print_job *job, double height,
                     int *qr_version, char *err, size_t errsz)
{
    if (job->kind == LY_JOB_SLIP) {
        double need = slip(l, NULL, &job->slip, l->w_mm, NULL, err, errsz);
        if (need < 0)
            return false;
        cairo_save(cr);
        if (need > height) { /* a die-cut label too short for the slip: shrink it to fit */
            double s = height / need;
            cairo_translate(cr, l->w_mm * (1 - s) / 2, 0);
            cairo_scale(cr, s, s);
        }
        bool ok = slip(l, cr, &job->slip, l->w_mm, qr_version, err, errsz) >= 0;
        cairo_restore(cr);
        return ok;
    }
    if (l->size == LY_LABEL_4X3)
        return wide_card(l, cr, &job->card, qr_version, err, errsz);
    if (l->h_mm == 0)
        return column_card(l, cr, &job->card, l->w_mm, qr_version, err, errsz) >= 0;
    double s = l->w_mm / LY_RENDER_CARD_W_MM;
    if (LY_RENDER_CARD_H_MM * s > height)
        s = height / LY_RENDER_CARD_H_MM;
    cairo_save(cr);
    cairo_translate(cr, (l->w_mm - LY_RENDER_CARD_W_MM * s) / 2,
                    (height - LY_RENDER_CARD_H_MM * s) / 2);
    cairo_scale(cr, s, s);
    bool ok = ly_render_draw_card(l->card, cr, &job->card, qr_version, err, errsz);
    cairo_restore(cr);
    return ok;
}

bool ly_label_raster(struct ly_label *l, const struct ly_print_job *job, struct ly_bitmap *out,
                     int *qr_version, char *err, size_t errsz)
{
    memset(out, 0, sizeof(*out));
    double height = job_height(l, job, err, errsz);
    if (height < 0)
        return false;
    if (height > LY_LABEL_LENGTH_MAX_MM)
        return ly_fail(err, errsz, "label: the job is %.0f mm long (at most %.0f)", height,
                       LY_LABEL_LENGTH_MAX_MM);
    double scale = l->dpi / MM_PER_INCH;
    int w = l->w_dots, h = l->h_dots > 0 ? l->h_dots : (int)ceil(height * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        return ly_fail(err, errsz, "label: cannot make a %dx%d image", w, h);
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    int version = 0;
    bool ok = draw_job(l, cr, job, height, &version, err, errsz);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    if (ok) {
        out->width = w;
        out->height = h;
        out->stride = ((size_t)w + 7) / 8;
        out->bits = calloc((size_t)h, out->stride);
        ok = out->bits != NULL || ly_fail(err, errsz, "out of memory");
    }
    if (ok) {
        const unsigned char *px = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        for (int y = 0; y < h; y++) {
            const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * stride);
            uint8_t *o = out->bits + (size_t)y * out->stride;
            for (int x = 0; x < w; x++) {
                uint32_t p = row[x];
                unsigned lum =
                    (299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff)) / 1000;
                if (lum < 128)
                    o[x / 8] |= (uint8_t)(0x80 >> (x % 8));
            }
        }
    }
    cairo_surface_destroy(s);
    if (ok && qr_version != NULL)
        *qr_version = version;
    return ok;
}

bool ly_label_pdf(struct ly_label *l, const struct ly_print_job *job, const char *path, char *err,
                  size_t errsz)
{
    /* A badge for A6 or 4x6 media is the card `lanyard badges` writes; for other media (4x3,
     * 62 mm, rolls) it is laid out as on a raw printer, at the media's size. */
    if (job->kind == LY_JOB_BADGE && (l->size == LY_LABEL_A6 || l->size == LY_LABEL_4X6)) {
        struct ly_render *r;
        if (!ly_render_open_pdf(path, LY_RENDER_A6, &r, err, errsz))
            return false;
        bool ok = ly_render_card(r, &job->card, NULL, err, errsz);
        bool closed = ly_render_close(r, ok ? err : NULL, ok ? errsz : 0);
        return ok && closed;
    }
    double height = job_height(l, job, err, errsz);
    if (height < 0)
        return false;
    cairo_surface_t *s = cairo_pdf_surface_create(path, l->w_mm * PT_PER_MM, height * PT_PER_MM);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, PT_PER_MM, PT_PER_MM);
    bool ok = draw_job(l, cr, job, height, NULL, err, errsz);
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (ok && st != CAIRO_STATUS_SUCCESS)
        return ly_fail(err, errsz, "%s: %s", path, cairo_status_to_string(st));
    return ok;
}
