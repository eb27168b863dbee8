/* escpos.h - ESC/POS receipt printers, for session access slips: the slip as a raster image
 * (GS v 0, in bands), so every script prints as the renderer shaped it, then a feed and a cut;
 * status by DLE EOT 1 to 4 (offline, cover open, cutter error, paper end) and GS r 1, whose
 * answer comes once the printer has worked through the slip. */
#ifndef LY_ESCPOS_H
#define LY_ESCPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"
#include "print/label.h"
#include "print/rawprint.h"

#define LY_ESCPOS_BAND_ROWS 256 /* rows in one GS v 0 image: small printer buffers cope */

/* What the four DLE EOT answers say. */
struct ly_escpos_status {
    bool offline, cover_open, feed_button, paper_end_stop, error;
    bool cutter_error, unrecoverable, auto_recoverable;
    bool paper_near_end, paper_end;
};

/* Parses the answers to DLE EOT 1, 2, 3 and 4, one byte each, in that order (n must be 4; each
 * byte has bit 1 and bit 4 set and bits 0 and 7 clear). Returns false with a message otherwise. */
__attribute__((warn_unused_result)) bool ly_escpos_parse_status(const uint8_t *buf, size_t n,
                                                                struct ly_escpos_status *out,
                                                                char *err, size_t errsz);

/* Appends bitmap b as a slip (initialise, GS v 0 bands, feed, cut) to out. Returns false with a
 * message when out passes its cap. */
__attribute__((warn_unused_result)) bool
ly_escpos_encode(const struct ly_bitmap *b, struct ly_dynbuf *out, char *err, size_t errsz);

/* The ESC/POS path for the print worker (rawprint.h). */
extern const struct ly_raw_lang ly_escpos_lang;

#endif
