/* source.h - the sources of frames: a V4L2 camera, an image file, a folder replayed at a frame
 * rate, and a keyboard-wedge barcode scanner (which yields codes that are already decoded instead
 * of frames). One interface, open/next/close, chosen by a spec string such as
 * "v4l2:/dev/video0@1280x720", "file:badge.png", "dir:frames@15" or "wedge:stdin". */
#ifndef LY_SOURCE_H
#define LY_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "capture/source_impl.h"

/* Parses "v4l2:/dev/video0[@WxH]", "file:PATH", "dir:PATH[@FPS]" or "wedge:PATH|stdin" into
 * *out, with defaults for the rest. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool
ly_source_spec_parse(const char *spec, struct ly_source_spec *out, char *err, size_t errsz);

/* Opens the source a spec describes. Returns false with a message in err (nothing to free then).
 * The caller frees *out with ly_source_close. */
__attribute__((warn_unused_result)) bool
ly_source_open(const struct ly_source_spec *spec, struct ly_source **out, char *err, size_t errsz);

/* Waits up to timeout_ms (-1: no limit) for the next frame or code. Returns what happened; err
 * holds a message for OFFLINE, SKIP and ERROR. Frame pixels stay valid until the next call. */
enum ly_source_status ly_source_next(struct ly_source *src, int timeout_ms,
                                     struct ly_source_item *item, char *err, size_t errsz);

/* Closes a source and frees everything it holds. NULL-safe. */
void ly_source_close(struct ly_source *src);

/* Returns the stable name of a status ("frame", "code", "timeout", "offline", "skip", "end",
 * "error"). Static string. */
const char *ly_source_status_name(enum ly_source_status st);

#endif
