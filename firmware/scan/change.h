/* change.h - whether a camera frame is worth scanning: the means of 8x8 blocks on a 32x24 grid
 * are compared with those of the last scanned frame, so that a camera looking at an unchanged
 * scene costs almost nothing, while a change, a hit and every n-th frame are scanned
 * (docs/scanning.md, step 1). Private to firmware/scan. */
#ifndef LY_SCAN_CHANGE_H
#define LY_SCAN_CHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/frame.h"

#define LY_CHANGE_GRID_W 32
#define LY_CHANGE_GRID_H 24
#define LY_CHANGE_BLOCKS (LY_CHANGE_GRID_W * LY_CHANGE_GRID_H)

/* The state between frames; zeroed (or ly_change_reset) before the first. */
struct ly_change {
    uint8_t grid[LY_CHANGE_BLOCKS]; /* block means of the last scanned frame */
    bool have_grid;
    int grid_w, grid_h; /* frame size the grid was taken from */
    int since_scan;     /* frames skipped since the last scan */
    int settle;         /* frames still to scan in any case after a change or a hit */
};

/* Returns whether frame may be skipped: it matches the last scanned frame, no change or hit was
 * seen in the last settle_frames scanned frames, and fewer than rescan_every frames were skipped
 * in a row. A frame not skipped becomes the one the next is compared with. */
bool ly_change_skip(struct ly_change *c, const struct ly_frame *frame, int settle_frames,
                    int rescan_every);

/* A code was read: the next settle_frames frames are scanned in any case. */
void ly_change_hit(struct ly_change *c, int settle_frames);

/* Forgets the last frame: the next one is scanned. */
void ly_change_reset(struct ly_change *c);

#endif
