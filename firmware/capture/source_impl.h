/* source_impl.h - what a frame source is: its spec, what it produces, and the operations each
 * kind implements (source_v4l2.c, source_image.c, source_dir.c, source_wedge.c) behind the one
 * interface of source.h. Types and the implementations' tables only. */
#ifndef LY_SOURCE_IMPL_H
#define LY_SOURCE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/frame.h"
#include "common/ly_limits.h"

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

#endif
