/* frame.h - grayscale frames and the sources that produce them: a V4L2 camera, an image file, a
 * folder replayed at a frame rate, and a keyboard-wedge barcode scanner (which yields codes that
 * are already decoded instead of frames). One interface, open/next/close, chosen by a spec string
 * such as "v4l2:/dev/video0@1280x720", "file:badge.png", "dir:frames@15" or "wedge:stdin". */
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

enum ly_source_kind {
    LY_SOURCE_V4L2,  /* v4l2:DEVICE[@WxH] */
    LY_SOURCE_FILE,  /* file:PATH */
    LY_SOURCE_DIR,   /* dir:PATH[@FPS] */
    LY_SOURCE_WEDGE, /* wedge:PATH or wedge:stdin */
};

/* Opens a device; the V4L2 source calls it (v4l2_open by default) so that tests can inject
 * failures. Returns a file descriptor or -1 with errno set. */
typedef int (*ly_source_open_fn)(const char *path, int flags);

/* A parsed source spec, plus settings the spec string does not carry. */
struct ly_source_spec {
    enum ly_source_kind kind;
    char path[LY_SOURCE_PATH_MAX]; /* device, file or folder; "stdin" for wedge:stdin */
    int width, height;             /* v4l2: requested size (default 1280x720) */
    double fps;                    /* dir: replay rate (default 10, 0 = as fast as asked) */
    int retry_ms;                  /* v4l2: reconnect interval after an unplug (default 1000) */
    bool wait_for_device;          /* v4l2: start offline when the device is absent at open */
    ly_source_open_fn open_device; /* v4l2: NULL means v4l2_open */
    bool wedge_events;             /* wedge: read struct input_event records even when the path
                                      is not an input device (a recorded capture, tests) */
};

/* Parses "v4l2:/dev/video0[@WxH]", "file:PATH", "dir:PATH[@FPS]" or "wedge:PATH|stdin" into
 * *out, with defaults for the rest. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool
ly_source_spec_parse(const char *spec, struct ly_source_spec *out, char *err, size_t errsz);

/* What ly_source_next produced. */
enum ly_source_status {
    LY_SOURCE_FRAME,   /* item->frame holds a frame, valid until the next call or close */
    LY_SOURCE_CODE,    /* item->code holds a code typed by a wedge scanner */
    LY_SOURCE_TIMEOUT, /* nothing within the timeout; call again */
    LY_SOURCE_OFFLINE, /* the device is gone; reconnecting (err says why); call again */
    LY_SOURCE_SKIP,    /* one input was unusable (err says which); call again */
    LY_SOURCE_END,     /* the source is exhausted (file, folder, end of wedge input) */
    LY_SOURCE_ERROR,   /* a fatal error (err says which); close the source */
};

/* One result of ly_source_next. */
struct ly_source_item {
    struct ly_frame frame;            /* LY_SOURCE_FRAME; pixels owned by the source */
    char code[LY_WEDGE_LINE_MAX + 1]; /* LY_SOURCE_CODE, NUL-terminated */
    size_t code_len;                  /* LY_SOURCE_CODE */
    int64_t captured_ns;              /* when the frame or code arrived (CLOCK_MONOTONIC) */
};

struct ly_source;

/* What one kind of source implements; state is its own. */
struct ly_source_ops {
    const char *name;
    bool (*open)(struct ly_source *src, char *err, size_t errsz);
    enum ly_source_status (*next)(struct ly_source *src, int timeout_ms,
                                  struct ly_source_item *item, char *err, size_t errsz);
    void (*close)(struct ly_source *src);
};

struct ly_source {
    const struct ly_source_ops *ops;
    struct ly_source_spec spec;
    void *state;       /* owned by the implementation, freed by its close */
    uint64_t sequence; /* frames and codes produced so far */
};

extern const struct ly_source_ops ly_source_v4l2_ops;
extern const struct ly_source_ops ly_source_file_ops;
extern const struct ly_source_ops ly_source_dir_ops;
extern const struct ly_source_ops ly_source_wedge_ops;

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
