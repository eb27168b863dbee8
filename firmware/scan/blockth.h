/* blockth.h - the thresholds the finder-pattern pre-check (finder.h) binarizes an image with: one
 * per 8x8 block, its mean when its pixels span enough grey levels to hold edges, averaged with its
 * neighbours' over 5x5 blocks (as zxing-cpp's hybrid binarizer does), so that low contrast, blur
 * and uneven light still separate ink from paper. Private to firmware/scan. */
#ifndef LY_SCAN_BLOCKTH_H
#define LY_SCAN_BLOCKTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LY_BLOCKTH_SHIFT    3    /* blocks are 1 << LY_BLOCKTH_SHIFT pixels a side */
#define LY_BLOCKTH_NO_EDGES (-1) /* the threshold of a flat block with no edges around: light */

/* The thresholds of one image and the work arrays behind them, (width + 7) / 8 blocks a row. */
struct ly_blockth {
    int16_t *raw;   /* per block: mean grey level */
    uint8_t *range; /* per block: brightest minus darkest pixel */
    int32_t *hsum;
    int16_t *hcnt;  /* horizontal sums and counts of raw over 5 blocks */
    int16_t *th;    /* per block: the threshold its pixels are compared with */
    size_t nblocks; /* blocks the arrays hold */
};

/* Makes b hold at least n blocks. Returns false when out of memory (b then holds none). */
__attribute__((warn_unused_result)) bool ly_blockth_reserve(struct ly_blockth *b, size_t n);

/* Fills b->th for the width x height image at px (rows stride bytes apart; 1 to
 * LY_FRAME_DIM_MAX a side; b reserved for its blocks). Returns the image's noise level: the range
 * of grey levels of its quietest blocks. */
int ly_blockth_compute(struct ly_blockth *b, const uint8_t *px, int width, int height, int stride);

/* Frees what b holds and zeroes it. */
void ly_blockth_free(struct ly_blockth *b);

#endif
