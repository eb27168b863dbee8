/* change.c - whether a camera frame changed since the last scanned one (change.h). */
#include "scan/change.h"

#include <string.h>

/* Change detection samples the mean of BLOCK x BLOCK pixels on a GRID_W x GRID_H grid: means of
 * 64 pixels shrug off sensor noise, and a badge entering view moves some of them far. */
#define GRID_W        LY_CHANGE_GRID_W
#define GRID_H        LY_CHANGE_GRID_H
#define BLOCK         8
#define CHANGE_LEVELS 6 /* a block mean moving more than this is a change */

/* Returns whether the frame differs from the last scanned one; now receives its block means. */
static bool frame_changed(const struct ly_change *c, const struct ly_frame *f,
                          uint8_t now[LY_CHANGE_BLOCKS])
{
    bool changed = !c->have_grid || c->grid_w != f->width || c->grid_h != f->height;
    int bw = f->width / GRID_W < BLOCK ? f->width / GRID_W : BLOCK;
    int bh = f->height / GRID_H < BLOCK ? f->height / GRID_H : BLOCK;
    memset(now, 0, GRID_W * GRID_H);
    if (bw < 1 || bh < 1)
        return true;
    for (int gy = 0; gy < GRID_H; gy++) {
        int y0 = (int)(((int64_t)(2 * gy + 1) * f->height) / (2 * GRID_H)) - bh / 2;
        for (int gx = 0; gx < GRID_W; gx++) {
            int x0 = (int)(((int64_t)(2 * gx + 1) * f->width) / (2 * GRID_W)) - bw / 2;
            unsigned sum = 0;
            for (int y = 0; y < bh; y++) {
                const uint8_t *row = f->data + (size_t)(y0 + y) * (size_t)f->stride + x0;
                for (int x = 0; x < bw; x++)
                    sum += row[x];
            }
            now[gy * GRID_W + gx] = (uint8_t)(sum / (unsigned)(bw * bh));
        }
    }
    for (int i = 0; !changed && i < GRID_W * GRID_H; i++) {
        int d = (int)now[i] - (int)c->grid[i];
        if (d > CHANGE_LEVELS || d < -CHANGE_LEVELS)
            changed = true;
    }
    return changed;
}

bool ly_change_skip(struct ly_change *c, const struct ly_frame *frame, int settle_frames,
                    int rescan_every)
{
    uint8_t now[LY_CHANGE_BLOCKS];
    bool changed = frame_changed(c, frame, now);
    if (changed)
        c->settle = settle_frames;
    if (!changed && c->settle <= 0 && c->since_scan + 1 < rescan_every) {
        c->since_scan++;
        return true;
    }
    if (c->settle > 0)
        c->settle--;
    c->since_scan = 0;
    /* compare with the last scanned frame, so that a slow change adds up until it counts */
    memcpy(c->grid, now, sizeof(now));
    c->have_grid = true;
    c->grid_w = frame->width;
    c->grid_h = frame->height;
    return false;
}

void ly_change_hit(struct ly_change *c, int settle_frames)
{
    c->settle = settle_frames;
}

void ly_change_reset(struct ly_change *c)
{
    c->have_grid = false;
    c->since_scan = 0;
    c->settle = 0;
}
