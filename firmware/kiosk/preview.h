/* preview.h - the camera's latest frame for a screen's preview: the capture thread keeps a copy,
 * shrunk by whole factors to at most LY_PREVIEW_MAX_W wide and mirrored (people expect a mirror;
 * flipping here spares the renderer a slow path), and the screen's thread copies it out when it
 * is newer than the one it has. Both calls are safe from any thread. */
#ifndef LY_PREVIEW_H
#define LY_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/frame.h"

#define LY_PREVIEW_MAX_W 640 /* the preview copy is shrunk to at most this width */

struct ly_preview;

/* Makes an empty preview. Returns false on out of memory. Free with ly_preview_destroy. */
__attribute__((warn_unused_result)) bool ly_preview_init(struct ly_preview **out);
void ly_preview_destroy(struct ly_preview *p);

/* Keeps a copy of f. Returns true when the consumer is to be told: it took the copy before
 * (ly_preview_take) or was never told, so that one notice at a time is outstanding. */
bool ly_preview_keep(struct ly_preview *p, const struct ly_frame *f);

/* Copies the kept frame (Y800) into buf (room for bufsz bytes) if it is newer than *seq;
 * returns true and updates *seq, *w, *h when it did. */
bool ly_preview_take(struct ly_preview *p, uint8_t *buf, size_t bufsz, int *w, int *h,
                     uint64_t *seq);

#endif
