/* render.h - print-ready badge cards: the attendee's name shaped in its own script (Pango on
 * fontconfig's Noto fonts), transliteration, affiliation, country, event, a category band with
 * text and colour, and the badge code as a QR (libqrencode, error correction M). Draws to a
 * multi-page PDF (A6, or four A6 on A4 with cut marks) or to one PNG per page, with cairo. */
#ifndef LY_RENDER_H
#define LY_RENDER_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ly_render;

enum ly_render_layout {
    LY_RENDER_A6,     /* one A6 portrait badge (105 x 148 mm) per page */
    LY_RENDER_A4_4UP, /* four A6 badges on an A4 portrait sheet, with light cut marks */
};

/* One badge's content. Strings are NUL-terminated UTF-8 owned by the caller; NULL or "" means
 * absent (only name and code are required). The renderer keeps no pointer after a call. */
struct ly_card {
    const char *name;        /* as the person writes it, any script */
    const char *name_latin;  /* transliteration, printed under the name when it differs */
    const char *name_lang;   /* optional language tag ("ja", "zh-tw") choosing CJK glyph forms */
    const char *affiliation; /* organization */
    const char *country;     /* country name */
    const char *category;    /* band text, e.g. vocab.h label "Speaker" (printed uppercase) */
    uint32_t category_rgb;   /* band colour 0xRRGGBB; the band's text stays readable on it */
    const char *event_name;  /* e.g. "Internet Governance Forum 2025" */
    const char *event_dates; /* e.g. "23-27 June 2025" */
    const char *reference;   /* small print under the QR, e.g. "No. 1042 - badge version 2" */
    const char *code;        /* the badge code put in the QR (ASCII) */
};

/* How the name was fitted: the font size chosen, its line count, whether it was cut with an
 * ellipsis, how it was shaped, and its ink and allowed box in millimetres relative to the card's
 * top-left corner. */
struct ly_render_fit {
    double size_pt;
    int lines;
    bool ellipsized;
    bool rtl;                          /* the first line runs right to left */
    int unknown_glyphs;                /* characters no installed font has (drawn as boxes) */
    char family[64];                   /* family of the font of the name's first glyph run */
    double ink_x, ink_y, ink_w, ink_h; /* where the name's glyphs are drawn */
    double box_x, box_y, box_w, box_h; /* the area the name may use (it shares its height with
                                          the transliteration, affiliation and country) */
};

/* Creates a renderer for PNG output only (fonts loaded once, reused for every card). Returns
 * false with a message in err. The caller frees *out with ly_render_close. */
__attribute__((warn_unused_result)) bool ly_render_open(struct ly_render **out, char *err,
                                                        size_t errsz);

/* Creates a renderer that also writes a PDF at path in the given layout. Returns false with a
 * message in err (nothing to free then). The caller finishes and frees it with ly_render_close. */
__attribute__((warn_unused_result)) bool ly_render_open_pdf(const char *path,
                                                            enum ly_render_layout layout,
                                                            struct ly_render **out, char *err,
                                                            size_t errsz);

/* Appends card c to the PDF (a new page in A6; the next free quarter of a sheet in A4) and
 * stores the QR version used in *qr_version (may be NULL). Returns false with a message when
 * the renderer has no PDF, the code does not fit a QR, or cairo reports an error. */
__attribute__((warn_unused_result)) bool ly_render_card(struct ly_render *r,
                                                        const struct ly_card *c, int *qr_version,
                                                        char *err, size_t errsz);

/* Writes one page of the layout to a PNG at dpi (36 to 1200): one card in A6, up to four (n)
 * in A4. Stores each card's QR version in qr_versions[i] (may be NULL). Returns false with a
 * message on a bad argument, a code that does not fit, or a write error. */
__attribute__((warn_unused_result)) bool
ly_render_png(struct ly_render *r, enum ly_render_layout layout, const struct ly_card *cards,
              size_t n, const char *path, double dpi, int *qr_versions, char *err, size_t errsz);

/* Fits c's name into its box as a card would, without drawing, and describes the result in
 * *out. Returns false when the name is missing. */
__attribute__((warn_unused_result)) bool
ly_render_fit_name(struct ly_render *r, const struct ly_card *c, struct ly_render_fit *out);

/* The card's size in millimetres (A6 portrait). */
#define LY_RENDER_CARD_W_MM 105.0
#define LY_RENDER_CARD_H_MM 148.0

/* Draws card c on cr with its top-left corner at cr's current origin, cr's user unit being one
 * millimetre (the caller scales and turns cr to fit a label; print/label.h does). On an image
 * surface the QR's modules are snapped to whole device pixels. Stores the QR version in
 * *qr_version (may be NULL). Returns false with a message as ly_render_card does. cr's state is
 * restored. */
__attribute__((warn_unused_result)) bool ly_render_draw_card(struct ly_render *r, cairo_t *cr,
                                                             const struct ly_card *c,
                                                             int *qr_version, char *err,
                                                             size_t errsz);

/* Draws code as a QR (error correction M, smallest version) whose symbol without its quiet zone
 * is symbol_mm wide, centred at cx, its white quiet zone of four modules starting at top (user
 * units of cr, millimetres). Stores the version in *version (may be NULL). Returns false with a
 * message when the code is empty, too long or cannot be encoded. */
__attribute__((warn_unused_result)) bool ly_render_draw_qr(cairo_t *cr, const char *code, double cx,
                                                           double top, double symbol_mm,
                                                           int *version, char *err, size_t errsz);

/* Returns the number of cards appended to the PDF so far. */
size_t ly_render_count(const struct ly_render *r);

/* Finishes the PDF (completing a partial sheet), closes it and frees r (NULL is allowed).
 * Returns false with a message when cairo reported an error at any point, e.g. a full disk:
 * the file is then incomplete. */
bool ly_render_close(struct ly_render *r, char *err, size_t errsz);

#endif
