/* prep.h - the images the scanner gives ZBar around a candidate code: a box of the frame resampled
 * so that a module is a chosen number of pixels (area average when shrinking, bilinear when
 * enlarging), or the code's square mapped upright through the affine map its three finder patterns
 * give, and local contrast normalisation. Private to firmware/scan; measured in docs/scanning.md.
 */
#ifndef LY_SCAN_PREP_H
#define LY_SCAN_PREP_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/frame.h"

/* Largest side of an image prep makes (a code of 177 modules at 4 pixels, with quiet zones). */
#define LY_PREP_SIDE_MAX 1024

/* Writes into dst (dw x dh, contiguous) the w x h box at (x0, y0) of f resampled to that size:
 * an area average along each axis that shrinks, bilinear along each that grows. The box must lie
 * inside f and dw, dh must be 1 to LY_PREP_SIDE_MAX. With invert, light and dark swap. */
void ly_prep_resample(const struct ly_frame *f, int x0, int y0, int w, int h, uint8_t *dst, int dw,
                      int dh, bool invert);

/* Writes into dst (side x side, contiguous) the parallelogram of f whose corners are origin,
 * origin + u and origin + v (frame pixels; side - 1 pixels of dst span each edge), sampled
 * bilinearly; points outside f take the nearest edge pixel. With invert, light and dark swap. */
void ly_prep_affine(const struct ly_frame *f, const float origin[2], const float u[2],
                    const float v[2], uint8_t *dst, int side, bool invert);

/* Stretches the contrast of the w x h image px (contiguous) locally: each pixel is mapped from
 * the darkest and brightest levels around it (blocks of block pixels, over 3 x 3 blocks) to the
 * full range, so that a dim, washed-out or unevenly lit code has crisp edges. Areas with less
 * than min_range levels between darkest and brightest are left as they are (noise is not
 * amplified into edges). tmp must hold 2 * ((w + block - 1) / block) * ((h + block - 1) / block)
 * bytes. */
void ly_prep_normalize(uint8_t *px, int w, int h, int block, int min_range, uint8_t *tmp);

#endif
