/* brother_ql.h - Brother QL raster: a label as raster lines (PackBits-compressed, 720 pins, the
 * image mirrored as the head sees it) between invalidate, initialise, raster mode, print
 * information, cut and print commands; and the printer's 32-byte status reply (media empty,
 * cover open, cutter jam, the loaded media's width and type, printing completed). */
#ifndef LY_BROTHER_QL_H
#define LY_BROTHER_QL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"
#include "print/label.h"
#include "print/rawprint.h"

#define LY_QL_STATUS_LEN 32  /* every status message is exactly this long */
#define LY_QL_PINS       720 /* QL-5xx/7xx/8xx head: 90 bytes a raster line */

/* What a status message says (Brother QL raster command reference, "Status item"). */
struct ly_ql_status {
    uint8_t error1, error2; /* error information 1 and 2, bit by bit */
    int media_width_mm;     /* 0: no media */
    int media_length_mm;    /* die-cut labels; 0 for continuous */
    uint8_t media_type;     /* 0x0A continuous, 0x0B die-cut, 0 none */
    uint8_t status_type;    /* 0 reply, 1 printing completed, 2 error, 5 notification, 6 phase */
    uint8_t phase;          /* 0 receiving, 1 printing */
};

/* Parses one status message (n must be LY_QL_STATUS_LEN, with the 0x80 0x20 0x42 header).
 * Returns false with a message otherwise. */
__attribute__((warn_unused_result)) bool
ly_ql_parse_status(const uint8_t *buf, size_t n, struct ly_ql_status *out, char *err, size_t errsz);

/* Appends bitmap b (LY_QL_62MM_DOTS wide) as one 62 mm continuous job with a cut to out.
 * Returns false with a message on a wrong width or when out passes its cap. */
#define LY_QL_62MM_DOTS 696
__attribute__((warn_unused_result)) bool
ly_ql_encode(const struct ly_bitmap *b, struct ly_dynbuf *out, char *err, size_t errsz);

/* Appends n bytes of src PackBits-compressed (TIFF 6.0) to out. */
__attribute__((warn_unused_result)) bool ly_packbits(const uint8_t *src, size_t n,
                                                     struct ly_dynbuf *out);

/* The Brother QL path for the print worker (rawprint.h). */
extern const struct ly_raw_lang ly_ql_lang;

#endif
