/* frame.h - grayscale frames: a Y800 image, its allocation, the monotonic clock frames are
 * stamped with, and an image file loaded as a frame. The sources that produce frames are in
 * source.h. */
#ifndef LY_FRAME_H
#define LY_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ly_limits.h"

/* A Y800 (8-bit grayscale) image. Pixel (x, y) is data[y * stride + x]. Whoever filled the frame
 * owns data: see ly_frame_alloc and ly_source_next. */
struct ly_frame {
    int width;
    int height;
    int stride;          /* bytes from one row to the next, >= width */
    uint8_t *data;       /* height * stride bytes */
    int64_t captured_ns; /* CLOCK_MONOTONIC when the frame was captured or loaded */
    uint64_t sequence;   /* per-source frame counter, from 1 */
};

/* Allocates a width x height frame (stride = width), zero-filled, captured now. Returns false if
 * the size is out of range or memory runs out. The caller frees it with ly_frame_free. */
__attribute__((warn_unused_result)) bool ly_frame_alloc(struct ly_frame *f, int width, int height);

/* Frees the pixels of a frame made by ly_frame_alloc or ly_image_load and zeroes *f. NULL-safe
 * and safe on a zeroed frame. */
void ly_frame_free(struct ly_frame *f);

/* Returns CLOCK_MONOTONIC now in nanoseconds. */
int64_t ly_frame_now_ns(void);

/* Loads an image file (PNG, PGM P5 and, in builds with LY_HAVE_JPEG, JPEG; recognized by content,
 * not name) as a Y800 frame. Colour is converted with BT.601 weights; transparency is composited
 * over white. Returns false with a message in err (nothing to free then). The caller frees *out
 * with ly_frame_free. */
__attribute__((warn_unused_result)) bool ly_image_load(const char *path, struct ly_frame *out,
                                                       char *err, size_t errsz);

#endif
