/* render.c - print-ready badge cards with cairo, Pango and libqrencode. See render.h.
 *
 * Everything is drawn in millimetres: the card's top-left corner is (0, 0) and the Pango context
 * runs at 25.4 "dots" per inch, so point sizes mean what they mean on paper. Hinting is off and
 * glyph positions are not rounded, so a card is laid out identically in the PDF and in a PNG of
 * any resolution. */
#include "print/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/ly_limits.h"

#define MM_PER_INCH 25.4
#define PT_PER_MM   (72.0 / MM_PER_INCH)

/* The card: A6 portrait. Everything inside keeps a 5 mm margin, which is also more than the
 * unprintable edge of common office printers. */
#define CARD_W    105.0
#define CARD_H    148.0
#define A4_W      210.0
#define A4_H      297.0
#define MARGIN    6.0
#define CONTENT_W (CARD_W - 2 * MARGIN)

#define HEADER_Y   5.5  /* event name and dates start here */
#define RULE_Y     19.0 /* a thin rule in the category colour under the header */
#define IDENTITY_Y 21.5 /* name, transliteration, affiliation and country, centred ... */
#define IDENTITY_H 51.0 /* ... vertically in this band */
#define NAME_H     26.0 /* the name never takes more height than this */
#define QR_TOP     73.0 /* top of the QR's quiet zone */
#define QR_SYMBOL                                                                                  \
    38.0 /* width of the QR without its quiet zone: version 6 gets 0.93 mm modules                 \
          */
#define REF_Y  119.3
#define BAND_X 5.0
#define BAND_Y 125.0
#define BAND_W (CARD_W - 2 * BAND_X)
#define BAND_H 17.0
#define QUIET  4 /* modules of quiet zone around the QR */

/* Noto for every script (fonts-noto-core, fonts-noto-cjk). The scripts DejaVu also covers are
 * named, or fontconfig's preference for DejaVu would win; the rest, CJK included, come by
 * fontconfig's fallback order for the language set on the text. */
#define FONT_FAMILY                                                                                \
    "Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Armenian, Noto Sans Georgian, "      \
    "sans-serif"

struct text_style {
    double max_pt, min_pt; /* shrink from max to min before wrapping */
    int max_lines;         /* wrap to at most this many lines, then ellipsize */
    double max_h;          /* mm; 0 for no limit */
    bool bold;
    double letter_mm; /* extra space between letters */
};

static const struct text_style name_style = {30, 16, 2, NAME_H, true, 0};
static const struct text_style latin_style = {13, 9, 1, 0, false, 0};
static const struct text_style affiliation_style = {11, 8.5, 2, 0, false, 0};
static const struct text_style country_style = {11, 8.5, 1, 0, true, 0};
static const struct text_style event_style = {11, 8, 2, 8.5, true, 0};
static const struct text_style dates_style = {9, 7, 1, 0, false, 0};
static const struct text_style band_style = {26, 12, 1, BAND_H - 3, true, 0.7};
static const struct text_style ref_style = {6.5, 5, 1, 0, false, 0};

enum slot { S_EVENT, S_DATES, S_NAME, S_LATIN, S_AFFILIATION, S_COUNTRY, S_REF, S_BAND, S_COUNT };

/* A fitted text: its layout is ready to draw at (x, y), left edge of a box w mm wide. */
struct placed {
    bool present;
    double x, y, w, h; /* h: logical height of the layout */
    double size_pt;
    int lines;
    bool ellipsized;
};

struct ly_render {
    PangoFontMap *fontmap;
    PangoContext *pango;
    PangoFontDescription *regular, *bold;
    PangoLayout *slot[S_COUNT];
    cairo_surface_t *pdf;
    cairo_t *pdf_cr;
    enum ly_render_layout layout;
    size_t count;
};

__attribute__((format(printf, 3, 4))) static void set_err(char *err, size_t errsz, const char *fmt,
                                                          ...)
{
    if (err == NULL || errsz == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    if (n < 0)
        err[0] = '\0';
}

static bool present(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* --- lifecycle ------------------------------------------------------------------------------ */

bool ly_render_open(struct ly_render **out, char *err, size_t errsz)
{
    *out = NULL;
    struct ly_render *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        set_err(err, errsz, "out of memory");
        return false;
    }
    r->fontmap = pango_cairo_font_map_new();
    if (r->fontmap == NULL) {
        set_err(err, errsz, "cannot create a Pango font map (is fontconfig configured?)");
        free(r);
        return false;
    }
    r->pango = pango_font_map_create_context(r->fontmap);
    pango_cairo_context_set_resolution(r->pango, MM_PER_INCH);
    pango_context_set_round_glyph_positions(r->pango, FALSE);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(r->pango, fo);
    cairo_font_options_destroy(fo);

    r->regular = pango_font_description_from_string(FONT_FAMILY);
    r->bold = pango_font_description_copy(r->regular);
    pango_font_description_set_weight(r->bold, PANGO_WEIGHT_BOLD);
    for (int i = 0; i < S_COUNT; i++) {
        r->slot[i] = pango_layout_new(r->pango);
        pango_layout_set_single_paragraph_mode(r->slot[i], TRUE);
        pango_layout_set_alignment(r->slot[i], PANGO_ALIGN_CENTER);
        pango_layout_set_wrap(r->slot[i], PANGO_WRAP_WORD_CHAR);
    }
    *out = r;
    return true;
}

bool ly_render_open_pdf(const char *path, enum ly_render_layout layout, struct ly_render **out,
                        char *err, size_t errsz)
{
    struct ly_render *r;
    *out = NULL;
    if (!ly_render_open(&r, err, errsz))
        return false;
    double w = layout == LY_RENDER_A4_4UP ? A4_W : CARD_W;
    double h = layout == LY_RENDER_A4_4UP ? A4_H : CARD_H;
    r->layout = layout;
    r->pdf = cairo_pdf_surface_create(path, w * PT_PER_MM, h * PT_PER_MM);
    cairo_status_t st = cairo_surface_status(r->pdf);
    if (st != CAIRO_STATUS_SUCCESS) {
        set_err(err, errsz, "%s: %s", path, cairo_status_to_string(st));
        (void)ly_render_close(r, NULL, 0);
        return false;
    }
    cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_TITLE, "Badges");
    cairo_pdf_surface_set_metadata(r->pdf, CAIRO_PDF_METADATA_CREATOR, "Lanyard");
    r->pdf_cr = cairo_create(r->pdf);
    cairo_scale(r->pdf_cr, PT_PER_MM, PT_PER_MM);
    *out = r;
    return true;
}

size_t ly_render_count(const struct ly_render *r)
{
    return r->count;
}

/* --- text ----------------------------------------------------------------------------------- */

/* Returns the language to shape and choose fonts for text with: the caller's hint when it is
 * written in the text's script, Chinese (simplified) for Han unless kana or hangul say Japanese
 * or Korean, else Pango's representative language for the script (NULL when there is none). */
static PangoLanguage *text_language(const char *text, const char *hint)
{
    GUnicodeScript script = G_UNICODE_SCRIPT_COMMON;
    bool kana = false, hangul = false;
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));
        if (s == G_UNICODE_SCRIPT_HIRAGANA || s == G_UNICODE_SCRIPT_KATAKANA)
            kana = true;
        if (s == G_UNICODE_SCRIPT_HANGUL)
            hangul = true;
        if (script == G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_COMMON &&
            s != G_UNICODE_SCRIPT_INHERITED && s != G_UNICODE_SCRIPT_UNKNOWN)
            script = s;
    }
    PangoLanguage *h = present(hint) ? pango_language_from_string(hint) : NULL;
    if (script == G_UNICODE_SCRIPT_COMMON)
        return h;
    if (h != NULL && pango_language_includes_script(h, (PangoScript)script))
        return h;
    if (script == G_UNICODE_SCRIPT_HAN || kana || hangul)
        return pango_language_from_string(kana ? "ja" : hangul ? "ko" : "zh-cn");
    return pango_script_get_sample_language((PangoScript)script);
}

/* Width (ink and logical together, so nothing sticks out) and logical height, in mm. */
static void measure(PangoLayout *l, double *w, double *h)
{
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    int x0 = ink.width > 0 && ink.x < logical.x ? ink.x : logical.x;
    int x1 = logical.x + logical.width;
    if (ink.width > 0 && ink.x + ink.width > x1)
        x1 = ink.x + ink.width;
    *w = (double)(x1 - x0) / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

static void set_size(struct ly_render *r, PangoLayout *l, const struct text_style *st, double pt)
{
    PangoFontDescription *d = st->bold ? r->bold : r->regular;
    pango_font_description_set_size(d, (gint)(pt * PANGO_SCALE));
    pango_layout_set_font_description(l, d);
}

static bool fits(PangoLayout *l, const struct text_style *st, double w, bool wrapped)
{
    double mw, mh;
    measure(l, &mw, &mh);
    if (mw > w + 0.01 || (st->max_h > 0 && mh > st->max_h))
        return false;
    return !wrapped || pango_layout_get_line_count(l) <= st->max_lines;
}

/* Lays text out in slot l to fit a box w mm wide: the largest size from st->max_pt down to
 * st->min_pt that keeps it on one line; failing that, the largest size that wraps it into
 * st->max_lines lines; failing that, the minimum size cut with an ellipsis. */
static void fit_text(struct ly_render *r, PangoLayout *l, const char *text, const char *lang_hint,
                     const struct text_style *st, double w, struct placed *out)
{
    memset(out, 0, sizeof(*out));
    if (!present(text))
        return;
    char *valid = NULL;
    if (!g_utf8_validate(text, -1, NULL)) {
        valid = g_utf8_make_valid(text, -1);
        text = valid;
    }
    out->present = true;
    out->w = w;
    pango_layout_set_text(l, text, -1);

    PangoAttrList *attrs = pango_attr_list_new();
    PangoLanguage *lang = text_language(text, lang_hint);
    if (lang != NULL)
        pango_attr_list_insert(attrs, pango_attr_language_new(lang));
    if (st->letter_mm > 0)
        pango_attr_list_insert(attrs,
                               pango_attr_letter_spacing_new((int)(st->letter_mm * PANGO_SCALE)));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    g_free(valid);

    /* One line: measure at the largest size, then guess the size that fits from the ratio
     * (width is close to linear in size) and step down from there. */
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(l, -1);
    pango_layout_set_width(l, -1);
    double size = st->max_pt, mw, mh;
    set_size(r, l, st, size);
    measure(l, &mw, &mh);
    if (mw > w) {
        size = floor(2 * st->max_pt * w / mw) / 2;
        size = size < st->min_pt ? st->min_pt : size;
        for (;;) {
            set_size(r, l, st, size);
            if (fits(l, st, w, false) || size <= st->min_pt)
                break;
            size = size - 0.5 < st->min_pt ? st->min_pt : size - 0.5;
        }
    }
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    if (fits(l, st, w, false) && pango_layout_get_line_count(l) == 1) {
        out->size_pt = size;
        out->lines = 1;
        measure(l, &mw, &out->h);
        return;
    }
    /* Wrapped: the largest size, in whole points, at which it takes at most max_lines. */
    if (st->max_lines > 1) {
        for (size = st->max_pt; size >= st->min_pt; size -= 1) {
            set_size(r, l, st, size);
            if (fits(l, st, w, true)) {
                out->size_pt = size;
                out->lines = pango_layout_get_line_count(l);
                measure(l, &mw, &out->h);
                return;
            }
        }
    }
    /* Ellipsized at the minimum size. */
    set_size(r, l, st, st->min_pt);
    pango_layout_set_height(l, -st->max_lines);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    out->size_pt = st->min_pt;
    out->lines = pango_layout_get_line_count(l);
    out->ellipsized = pango_layout_is_ellipsized(l);
    measure(l, &mw, &out->h);
}

static bool same_name(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

/* Fits every text of card c into the renderer's slots and places them on the card. */
static void plan_card(struct ly_render *r, const struct ly_card *c, struct placed p[S_COUNT])
{
    fit_text(r, r->slot[S_EVENT], c->event_name, NULL, &event_style, CONTENT_W, &p[S_EVENT]);
    fit_text(r, r->slot[S_DATES], c->event_dates, NULL, &dates_style, CONTENT_W, &p[S_DATES]);
    p[S_EVENT].x = p[S_DATES].x = MARGIN;
    p[S_EVENT].y = HEADER_Y;
    p[S_DATES].y = HEADER_Y + (p[S_EVENT].present ? p[S_EVENT].h + 0.6 : 0);

    fit_text(r, r->slot[S_NAME], c->name, c->name_lang, &name_style, CONTENT_W, &p[S_NAME]);
    const char *latin = c->name_latin;
    if (present(latin) && present(c->name) && same_name(latin, c->name))
        latin = NULL;
    fit_text(r, r->slot[S_LATIN], latin, NULL, &latin_style, CONTENT_W, &p[S_LATIN]);
    fit_text(r, r->slot[S_AFFILIATION], c->affiliation, c->name_lang, &affiliation_style, CONTENT_W,
             &p[S_AFFILIATION]);
    fit_text(r, r->slot[S_COUNTRY], c->country, NULL, &country_style, CONTENT_W, &p[S_COUNTRY]);

    /* The identity block is centred vertically in its band; the gaps group the name with its
     * transliteration and the affiliation with the country. */
    static const double gap_before[S_COUNT] = {
        [S_LATIN] = 1.0, [S_AFFILIATION] = 3.5, [S_COUNTRY] = 1.0};
    double total = 0;
    bool first = true;
    for (int i = S_NAME; i <= S_COUNTRY; i++) {
        if (!p[i].present)
            continue;
        total += (first ? 0 : gap_before[i]) + p[i].h;
        first = false;
    }
    double y = IDENTITY_Y + (total < IDENTITY_H ? (IDENTITY_H - total) / 2 : 0);
    first = true;
    for (int i = S_NAME; i <= S_COUNTRY; i++) {
        if (!p[i].present)
            continue;
        y += first ? 0 : gap_before[i];
        p[i].x = MARGIN;
        p[i].y = y;
        y += p[i].h;
        first = false;
    }

    fit_text(r, r->slot[S_REF], c->reference, NULL, &ref_style, CONTENT_W, &p[S_REF]);
    p[S_REF].x = MARGIN;
    p[S_REF].y = REF_Y;

    char *band = present(c->category) ? g_utf8_strup(c->category, -1) : NULL;
    fit_text(r, r->slot[S_BAND], band, NULL, &band_style, BAND_W - 8, &p[S_BAND]);
    g_free(band);
    p[S_BAND].x = BAND_X + 4;
    p[S_BAND].y = BAND_Y + (BAND_H - p[S_BAND].h) / 2;
}

bool ly_render_fit_name(struct ly_render *r, const struct ly_card *c, struct ly_render_fit *out)
{
    memset(out, 0, sizeof(*out));
    if (!present(c->name))
        return false;
    struct placed p[S_COUNT];
    plan_card(r, c, p);
    PangoRectangle ink;
    pango_layout_get_extents(r->slot[S_NAME], &ink, NULL);

    out->size_pt = p[S_NAME].size_pt;
    out->lines = p[S_NAME].lines;
    out->ellipsized = p[S_NAME].ellipsized;
    PangoLayout *l = r->slot[S_NAME];
    out->unknown_glyphs = pango_layout_get_unknown_glyphs_count(l);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    if (line != NULL) {
        out->rtl = pango_layout_line_get_resolved_direction(line) == PANGO_DIRECTION_RTL;
        if (line->runs != NULL) {
            const PangoGlyphItem *run = line->runs->data;
            PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
            const char *family = pango_font_description_get_family(d);
            int n = family != NULL ? snprintf(out->family, sizeof(out->family), "%s", family) : -1;
            if (n < 0 || (size_t)n >= sizeof(out->family))
                out->family[0] = '\0';
            pango_font_description_free(d);
        }
    }
    out->ink_x = p[S_NAME].x + (double)ink.x / PANGO_SCALE;
    out->ink_y = p[S_NAME].y + (double)ink.y / PANGO_SCALE;
    out->ink_w = (double)ink.width / PANGO_SCALE;
    out->ink_h = (double)ink.height / PANGO_SCALE;
    out->box_x = MARGIN;
    out->box_y = IDENTITY_Y;
    out->box_w = CONTENT_W;
    out->box_h = IDENTITY_H;
    return true;
}

/* --- drawing -------------------------------------------------------------------------------- */

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}

/* WCAG relative luminance of an sRGB colour. */
static double luminance(uint32_t rgb)
{
    double c[3];
    for (int i = 0; i < 3; i++) {
        double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
        c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static void show(cairo_t *cr, PangoLayout *l, const struct placed *p, uint32_t rgb)
{
    if (!p->present)
        return;
    set_rgb(cr, rgb);
    cairo_move_to(cr, p->x, p->y);
    pango_cairo_show_layout(cr, l);
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double rad)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
    cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
    cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
    cairo_arc(cr, x + rad, y + rad, rad, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

/* Fills the dark modules of q as one path of rectangles (one per horizontal run), with the
 * symbol's top-left corner at (ox, oy) and modules module units wide. */
static void fill_module_rects(cairo_t *cr, const QRcode *q, double ox, double oy, double module)
{
    int n = q->width;
    for (int i = 0; i < n; i++) {
        const unsigned char *row = q->data + (size_t)i * (size_t)n;
        for (int j = 0; j < n;) {
            if (!(row[j] & 1)) {
                j++;
                continue;
            }
            int run = 1;
            while (j + run < n && (row[j + run] & 1))
                run++;
            cairo_rectangle(cr, ox + j * module, oy + i * module, run * module, module);
            j += run;
        }
    }
    cairo_fill(cr);
}

/* Paints the dark modules of q through a one-bit stencil, one sample per module, scaled without
 * interpolation: in a PDF this is an /ImageMask of a few hundred bytes that printers and viewers
 * fill module by module with hard edges. Returns false when cairo cannot make the stencil. */
static bool fill_module_stencil(cairo_t *cr, const QRcode *q, double ox, double oy, double module)
{
    int n = q->width;
    cairo_surface_t *m = cairo_image_surface_create(CAIRO_FORMAT_A1, n, n);
    if (cairo_surface_status(m) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(m);
        return false;
    }
    cairo_surface_flush(m);
    unsigned char *bits = cairo_image_surface_get_data(m);
    int stride = cairo_image_surface_get_stride(m);
    for (int i = 0; i < n; i++) {
        uint32_t *words = (uint32_t *)(void *)(bits + (size_t)i * (size_t)stride);
        const unsigned char *row = q->data + (size_t)i * (size_t)n;
        for (int j = 0; j < n; j++) {
            if (!(row[j] & 1))
                continue;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            words[j / 32] |= (uint32_t)1 << (31 - j % 32); /* cairo's A1 bit order is native */
#else
            words[j / 32] |= (uint32_t)1 << (j % 32);
#endif
        }
    }
    cairo_surface_mark_dirty(m);
    cairo_save(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, module, module);
    cairo_pattern_t *stencil = cairo_pattern_create_for_surface(m);
    cairo_pattern_set_filter(stencil, CAIRO_FILTER_NEAREST);
    cairo_mask(cr, stencil);
    cairo_pattern_destroy(stencil);
    cairo_restore(cr);
    cairo_surface_destroy(m);
    return true;
}

/* Draws code as a QR (error correction M, smallest version, case kept) whose symbol is
 * QR_SYMBOL mm wide, centred at cx, with a white quiet zone of QUIET modules starting at top, and
 * stores its version. On an image surface the modules are rectangles snapped to whole device
 * pixels so that their edges stay sharp: the nearest whole size when that is at most 5% larger,
 * else the next smaller one. In a PDF they are a one-bit stencil: as sharp, and three times
 * faster to write than ~450 rectangles whose ~1,800 coordinates cairo prints and deflates. */
static bool draw_qr(cairo_t *cr, const char *code, double cx, double top, double symbol_mm,
                    int *version, char *err, size_t errsz)
{
    if (!present(code)) {
        set_err(err, errsz, "card has no badge code");
        return false;
    }
    if (strlen(code) > LY_BADGE_CODE_MAX) {
        set_err(err, errsz, "badge code longer than %d characters", LY_BADGE_CODE_MAX);
        return false;
    }
    QRcode *q = QRcode_encodeString(code, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL) {
        set_err(err, errsz, "cannot encode the badge code as a QR: %s", strerror(errno));
        return false;
    }
    int n = q->width;
    double module = symbol_mm / n;
    double ox = cx - symbol_mm / 2, oy = top + QUIET * module;
    bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    cairo_save(cr);
    if (raster) {
        double mx = ox + symbol_mm / 2, my = oy + symbol_mm / 2, dw = module, dh = 0;
        cairo_user_to_device(cr, &mx, &my);
        cairo_user_to_device_distance(cr, &dw, &dh);
        module = round(dw) <= dw * 1.05 ? round(dw) : floor(dw);
        module = module < 1 ? 1 : module;
        ox = round(mx - module * n / 2);
        oy = round(my - module * n / 2);
        cairo_identity_matrix(cr);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, ox - QUIET * module, oy - QUIET * module, (n + 2 * QUIET) * module,
                    (n + 2 * QUIET) * module);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    bool ok = true;
    if (raster)
        fill_module_rects(cr, q, ox, oy, module);
    else
        ok = fill_module_stencil(cr, q, ox, oy, module);
    cairo_restore(cr);
    if (version != NULL)
        *version = q->version;
    QRcode_free(q);
    if (!ok)
        set_err(err, errsz, "cannot draw the QR: out of memory");
    return ok;
}

/* Draws card c with its top-left corner at the current origin of cr (user units: mm). */
static bool draw_card(struct ly_render *r, cairo_t *cr, const struct ly_card *c, int *qr_version,
                      char *err, size_t errsz)
{
    if (!present(c->name)) {
        set_err(err, errsz, "card has no name");
        return false;
    }
    pango_cairo_update_context(cr, r->pango);
    struct placed p[S_COUNT];
    plan_card(r, c, p);

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, CARD_W, CARD_H);
    cairo_fill(cr);

    show(cr, r->slot[S_EVENT], &p[S_EVENT], 0x222222);
    show(cr, r->slot[S_DATES], &p[S_DATES], 0x444444);
    set_rgb(cr, c->category_rgb);
    cairo_rectangle(cr, MARGIN, RULE_Y, CONTENT_W, 0.6);
    cairo_fill(cr);

    show(cr, r->slot[S_NAME], &p[S_NAME], 0x111111);
    show(cr, r->slot[S_LATIN], &p[S_LATIN], 0x444444);
    show(cr, r->slot[S_AFFILIATION], &p[S_AFFILIATION], 0x222222);
    show(cr, r->slot[S_COUNTRY], &p[S_COUNTRY], 0x222222);

    if (!draw_qr(cr, c->code, CARD_W / 2, QR_TOP, QR_SYMBOL, qr_version, err, errsz))
        return false;
    show(cr, r->slot[S_REF], &p[S_REF], 0x555555);

    set_rgb(cr, c->category_rgb);
    rounded_rect(cr, BAND_X, BAND_Y, BAND_W, BAND_H, 2.0);
    cairo_fill(cr);
    /* White or black band text, whichever contrasts more with the band. */
    double lum = luminance(c->category_rgb);
    uint32_t ink = (1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05) ? 0xffffff : 0x000000;
    show(cr, r->slot[S_BAND], &p[S_BAND], ink);
    return true;
}

bool ly_render_draw_card(struct ly_render *r, cairo_t *cr, const struct ly_card *c, int *qr_version,
                         char *err, size_t errsz)
{
    cairo_save(cr);
    bool ok = draw_card(r, cr, c, qr_version, err, errsz);
    cairo_restore(cr);
    return ok;
}

bool ly_render_draw_qr(cairo_t *cr, const char *code, double cx, double top, double symbol_mm,
                       int *version, char *err, size_t errsz)
{
    return draw_qr(cr, code, cx, top, symbol_mm, version, err, errsz);
}

/* Light cut marks on an A4 sheet of four A6 cards: ticks at the page edges where the two cuts
 * run, and a small cross where they meet. */
static void draw_cut_marks(cairo_t *cr)
{
    double cx = A4_W / 2, cy = A4_H / 2, tick = 8.0;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.15);
    cairo_move_to(cr, cx, 0);
    cairo_line_to(cr, cx, tick);
    cairo_move_to(cr, cx, A4_H - tick);
    cairo_line_to(cr, cx, A4_H);
    cairo_move_to(cr, 0, cy);
    cairo_line_to(cr, tick, cy);
    cairo_move_to(cr, A4_W - tick, cy);
    cairo_line_to(cr, A4_W, cy);
    cairo_move_to(cr, cx - 3, cy);
    cairo_line_to(cr, cx + 3, cy);
    cairo_move_to(cr, cx, cy - 3);
    cairo_line_to(cr, cx, cy + 3);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Top-left corner of quarter slot (0 to 3) of an A4 sheet: A6 is 0.5 mm shorter than half an
 * A4, so each card is centred in its half. */
static void slot_origin(size_t slot, double *x, double *y)
{
    *x = (double)(slot % 2) * (A4_W / 2);
    *y = (double)(slot / 2) * (A4_H / 2) + (A4_H / 2 - CARD_H) / 2;
}

static bool cairo_ok(cairo_t *cr, const char *what, char *err, size_t errsz)
{
    cairo_status_t st = cairo_status(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(cairo_get_target(cr));
    if (st == CAIRO_STATUS_SUCCESS)
        return true;
    set_err(err, errsz, "%s: %s", what, cairo_status_to_string(st));
    return false;
}

bool ly_render_card(struct ly_render *r, const struct ly_card *c, int *qr_version, char *err,
                    size_t errsz)
{
    if (r->pdf_cr == NULL) {
        set_err(err, errsz, "renderer has no PDF");
        return false;
    }
    cairo_t *cr = r->pdf_cr;
    size_t slot = r->layout == LY_RENDER_A4_4UP ? r->count % 4 : 0;
    double x = 0, y = 0;
    if (r->layout == LY_RENDER_A4_4UP)
        slot_origin(slot, &x, &y);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    bool ok = draw_card(r, cr, c, qr_version, err, errsz);
    cairo_restore(cr);
    if (!ok)
        return false;
    r->count++;
    if (r->layout == LY_RENDER_A4_4UP && slot == 3)
        draw_cut_marks(cr);
    if (r->layout == LY_RENDER_A6 || slot == 3)
        cairo_show_page(cr);
    return cairo_ok(cr, "PDF", err, errsz);
}

bool ly_render_png(struct ly_render *r, enum ly_render_layout layout, const struct ly_card *cards,
                   size_t n, const char *path, double dpi, int *qr_versions, char *err,
                   size_t errsz)
{
    size_t max = layout == LY_RENDER_A4_4UP ? 4 : 1;
    if (n < 1 || n > max || !(dpi >= 36 && dpi <= 1200)) {
        set_err(err, errsz, "PNG: %zu cards at %g dpi (want 1 to %zu cards, 36 to 1200 dpi)", n,
                dpi, max);
        return false;
    }
    double w = layout == LY_RENDER_A4_4UP ? A4_W : CARD_W;
    double h = layout == LY_RENDER_A4_4UP ? A4_H : CARD_H;
    double scale = dpi / MM_PER_INCH;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(w * scale),
                                                    (int)lround(h * scale));
    cairo_t *cr = cairo_create(s);
    bool ok = cairo_ok(cr, path, err, errsz);
    if (ok) {
        cairo_scale(cr, scale, scale);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    for (size_t i = 0; ok && i < n; i++) {
        double x = 0, y = 0;
        if (layout == LY_RENDER_A4_4UP)
            slot_origin(i, &x, &y);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        ok = draw_card(r, cr, &cards[i], qr_versions ? &qr_versions[i] : NULL, err, errsz);
        cairo_restore(cr);
    }
    if (ok && layout == LY_RENDER_A4_4UP)
        draw_cut_marks(cr);
    ok = ok && cairo_ok(cr, path, err, errsz);
    if (ok) {
        cairo_status_t st = cairo_surface_write_to_png(s, path);
        if (st != CAIRO_STATUS_SUCCESS) {
            set_err(err, errsz, "%s: %s", path, cairo_status_to_string(st));
            ok = false;
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return ok;
}

bool ly_render_close(struct ly_render *r, char *err, size_t errsz)
{
    if (r == NULL)
        return true;
    bool ok = true;
    if (r->pdf_cr != NULL) {
        if (r->layout == LY_RENDER_A4_4UP && r->count % 4 != 0) {
            draw_cut_marks(r->pdf_cr);
            cairo_show_page(r->pdf_cr);
        }
        ok = cairo_ok(r->pdf_cr, "PDF", err, errsz);
        cairo_destroy(r->pdf_cr);
    }
    if (r->pdf != NULL) {
        cairo_surface_finish(r->pdf);
        cairo_status_t st = cairo_surface_status(r->pdf);
        if (ok && st != CAIRO_STATUS_SUCCESS) {
            set_err(err, errsz, "PDF: %s", cairo_status_to_string(st));
            ok = false;
        }
        cairo_surface_destroy(r->pdf);
    }
    for (int i = 0; i < S_COUNT; i++) {
        if (r->slot[i] != NULL)
            g_object_unref(r->slot[i]);
    }
    if (r->regular != NULL)
        pango_font_description_free(r->regular);
    if (r->bold != NULL)
        pango_font_description_free(r->bold);
    if (r->pango != NULL)
        g_object_unref(r->pango);
    if (r->fontmap != NULL)
        g_object_unref(r->fontmap);
    free(r);
    return ok;
}
