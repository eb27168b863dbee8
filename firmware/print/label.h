/* label.h - a print job laid out on a label: a badge card (print/render.h) fitted to the label,
 * or a session access slip, drawn as a one-bit bitmap at the printer's resolution (ZPL, Brother
 * QL and ESC/POS paths) or as a PDF (the IPP path). One struct ly_label per printer, used by one
 * thread at a time. */
#ifndef LY_LABEL_H
#define LY_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print/pspec.h"

/* A one-bit image: width x height dots, rows of stride bytes, the leftmost dot in the most
 * significant bit, 1 = black (ink). */
struct ly_bitmap {
    int width, height;
    size_t stride;
    uint8_t *bits;
};

/* Continuous media (62 mm, receipts) is cut at this length at most: a slip or a card is far
 * shorter; anything longer is a layout bug, refused rather than printed by the metre. */
#define LY_LABEL_LENGTH_MAX_MM 400.0

struct ly_label;

/* Creates a layout for label size at dpi dots per inch (100 to 600). Returns false with a
 * message in err. The caller frees *out with ly_label_close. */
__attribute__((warn_unused_result)) bool
ly_label_open(struct ly_label **out, enum ly_label_size size, int dpi, char *err, size_t errsz);

/* The label's width in dots (the bitmap's width for every job) and its height in dots, 0 for
 * continuous media. */
void ly_label_dots(const struct ly_label *l, int *width, int *height);

/* Draws job into *out (allocated; the caller frees it with ly_bitmap_free) and stores the QR's
 * version in *qr_version (may be NULL). Returns false with a message when the job cannot be
 * drawn (no name, a code too long for a QR). */
__attribute__((warn_unused_result)) bool ly_label_raster(struct ly_label *l,
                                                         const struct ly_print_job *job,
                                                         struct ly_bitmap *out, int *qr_version,
                                                         char *err, size_t errsz);

/* Writes job as a one-page PDF at path: a badge for A6 or 4x6 media exactly as `lanyard badges`
 * draws it (A6; the printer's driver fits it to the media), any other job laid out as on a raw
 * printer at the label's size. Returns false with a message on a drawing or write error. */
__attribute__((warn_unused_result)) bool ly_label_pdf(struct ly_label *l,
                                                      const struct ly_print_job *job,
                                                      const char *path, char *err, size_t errsz);

/* Frees the bitmap's bits and zeroes it (NULL or an empty bitmap is allowed). */
void ly_bitmap_free(struct ly_bitmap *b);

/* Returns dot (x, y) of b: 1 for black. */
static inline int ly_bitmap_get(const struct ly_bitmap *b, int x, int y)
{
    return (b->bits[(size_t)y * b->stride + (size_t)x / 8] >> (7 - x % 8)) & 1;
}

/* Frees the layout (NULL is allowed). */
void ly_label_close(struct ly_label *l);

#endif
