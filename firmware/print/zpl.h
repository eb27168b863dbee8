/* zpl.h - Zebra ZPL II: a label as one ^GF bitmap in ZPL's compressed ASCII hex (never printer
 * fonts, so every script prints as the renderer shaped it), and the printer's ~HS host status
 * reply (paper out, pause, head open, formats waiting, labels left to print). */
#ifndef LY_ZPL_H
#define LY_ZPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"
#include "print/label.h"
#include "print/rawprint.h"

/* The ~HS reply is three short framed strings; a longer one is not a Zebra's. */
#define LY_ZPL_HS_MAX 256

/* What ~HS says (ZPL II Programming Guide, ~HS). */
struct ly_zpl_status {
    bool paper_out, paused, head_open, ribbon_out;
    bool buffer_full, corrupt_ram, under_temp, over_temp;
    int label_length;    /* dots */
    int formats_waiting; /* formats in the receive buffer */
    long labels_left;    /* labels remaining in the batch */
};

/* Parses a ~HS reply of n bytes (three <STX>...<ETX> strings, CR LF between them). Returns false
 * with a message when it is not one (a field missing or not a number, more than LY_ZPL_HS_MAX
 * bytes). */
__attribute__((warn_unused_result)) bool
ly_zpl_parse_hs(const uint8_t *buf, size_t n, struct ly_zpl_status *out, char *err, size_t errsz);

/* True when buf holds three ETX bytes: a whole ~HS reply has arrived. */
bool ly_zpl_hs_complete(const uint8_t *buf, size_t n);

/* Appends bitmap b as one ZPL label (^XA ... ^GFA ... ^XZ) to out: die-cut media when
 * continuous is false. Returns false with a message when out passes its cap. */
__attribute__((warn_unused_result)) bool ly_zpl_encode(const struct ly_bitmap *b, bool continuous,
                                                       struct ly_dynbuf *out, char *err,
                                                       size_t errsz);

/* The Zebra ZPL path for the print worker (rawprint.h). */
extern const struct ly_raw_lang ly_zpl_lang;

#endif
