/* timing.h - whether finder patterns the pre-check found have a QR code's timing pattern between
 * them: every QR code has a line of alternating modules between its finders (row and column 6),
 * which textures, photographs and grids seldom have where their finder-like spots lie. A camera
 * frame gives the decoders only areas that pass (docs/scanning.md). Private to firmware/scan. */
#ifndef LY_SCAN_TIMING_H
#define LY_SCAN_TIMING_H

#include <stdbool.h>

#include "capture/frame.h"

/* Whether the code whose three finder centres are corner (the corner finder second) shows either
 * of its timing lines, for any version the finders' distance allows (module: their module size
 * in pixels; light: a light code on dark). A thumb may cover one line, so one is enough; three
 * fifths of the steps must alternate (on the venue corpus three quarters rejected real codes in
 * dim light and in motion, three fifths no more idle frames). Codes of modules under 2 pixels
 * always pass: their finder centres are not known to a module's precision. */
bool ly_timing_corner(const struct ly_frame *f, const float corner[3][2], float module, bool light);

/* The same for two finders of one side (a third hidden by a thumb or glare), on either side of
 * the line between them (which side is the code's is not known). A pair along a code's diagonal
 * has no timing line between its finders: it fails, and is left to a still image's passes.
 * *side receives the side the code lies on when only one side shows a timing line: 1 towards
 * (-(p1 - p0).y, (p1 - p0).x), -1 away from it; else 0 (both sides, or modules too small to
 * check). */
bool ly_timing_pair(const struct ly_frame *f, const float p0[2], const float p1[2], float module,
                    bool light, int *side);

/* The box (x0, y0, x1, y1; x1 and y1 exclusive, not clipped) of the square that finder centres
 * p0 and p1 span on side (as ly_timing_pair gives it), margin pixels beyond the centres. */
void ly_timing_pair_box(const float p0[2], const float p1[2], int side, float margin, int box[4]);

#endif
