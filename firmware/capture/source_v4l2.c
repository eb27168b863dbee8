/* source_v4l2.c - the "v4l2:" source: a camera through libv4l2 (which converts formats the
 * camera does not offer natively). Negotiates GREY, YUYV or YUV420 at the requested size, keeps
 * only the Y plane, queues two mmap buffers so that a frame is never older than one frame
 * interval, waits with poll and a timeout, and reconnects every retry_ms after an unplug. */
#include "capture/source_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define V4L2_BUFFERS 2 /* one being filled, one being read: never a stale frame */

struct v4l2_state {
    int fd; /* -1 while offline */
    struct {
        void *start;
        size_t length;
    } buf[V4L2_BUFFERS];
    unsigned nbuf;
    int width, height, bytesperline;
    uint32_t pixfmt;
    bool streaming;
    int64_t retry_at_ns;   /* while offline: when to try again */
    struct ly_frame frame; /* Y plane of the last dequeued buffer */
    size_t frame_size;
};

static int xioctl(int fd, unsigned long req, void *arg)
{
    int r;
    do {
        r = v4l2_ioctl(fd, req, arg);
    } while (r == -1 && errno == EINTR);
    return r;
}

/* v4l2_open, after checking that the path is a character device: libv4l2 would otherwise
 * print its own complaints about a regular file or a FIFO. */
static int default_open(const char *path, int flags)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISCHR(st.st_mode)) {
        errno = ENOTTY;
        return -1;
    }
    return v4l2_open(path, flags);
}

static void disconnect(struct v4l2_state *st)
{
    if (st->fd < 0)
        return;
    if (st->streaming) {
        enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(st->fd, VIDIOC_STREAMOFF, &type);
        st->streaming = false;
    }
    for (unsigned i = 0; i < st->nbuf; i++)
        if (st->buf[i].start != NULL && st->buf[i].start != MAP_FAILED)
            v4l2_munmap(st->buf[i].start, st->buf[i].length);
    memset(st->buf, 0, sizeof(st->buf));
    st->nbuf = 0;
    v4l2_close(st->fd);
    st->fd = -1;
}

/* Tries the formats we can take the luma of, best first. YUV420 comes last: libv4l2 offers it
 * by converting from MJPEG, which costs a JPEG decode per frame but is all some cameras have. */
static bool negotiate(struct v4l2_state *st, const struct ly_source_spec *spec, char *err,
                      size_t errsz)
{
    static const uint32_t formats[] = {V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_YUV420};
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        struct v4l2_format fmt;
        memset(&fmt, 0, sizeof(fmt));
        fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        fmt.fmt.pix.width = (uint32_t)spec->width;
        fmt.fmt.pix.height = (uint32_t)spec->height;
        fmt.fmt.pix.pixelformat = formats[i];
        fmt.fmt.pix.field = V4L2_FIELD_ANY;
        if (xioctl(st->fd, VIDIOC_S_FMT, &fmt) != 0)
            continue;
        if (fmt.fmt.pix.pixelformat != formats[i])
            continue; /* the driver (or libv4l2) offered something else */
        if (fmt.fmt.pix.width < 16 || fmt.fmt.pix.height < 16 ||
            fmt.fmt.pix.width > LY_FRAME_DIM_MAX || fmt.fmt.pix.height > LY_FRAME_DIM_MAX)
            continue;
        st->pixfmt = formats[i];
        st->width = (int)fmt.fmt.pix.width;
        st->height = (int)fmt.fmt.pix.height;
        st->bytesperline = (int)fmt.fmt.pix.bytesperline;
        int bpp = formats[i] == V4L2_PIX_FMT_YUYV ? 2 : 1;
        if (st->bytesperline < st->width * bpp)
            st->bytesperline = st->width * bpp;
        return true;
    }
    snprintf(err, errsz, "%s: offers none of GREY, YUYV, YUV420 at %dx%d", spec->path, spec->width,
             spec->height);
    return false;
}

/* Opens the device, negotiates, maps the buffers and starts streaming. On failure err says why
 * and *gone tells whether the device is absent (worth retrying) rather than unusable. */
static bool connect_device(struct v4l2_state *st, const struct ly_source_spec *spec, bool *gone,
                           char *err, size_t errsz)
{
    ly_source_open_fn open_fn = spec->open_device ? spec->open_device : default_open;
    struct v4l2_capability cap;
    struct v4l2_requestbuffers req;
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

    *gone = false;
    st->fd = open_fn(spec->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (st->fd < 0) {
        *gone = errno == ENOENT || errno == ENODEV || errno == ENXIO || errno == EIO;
        if (errno == ENOTTY || errno == EINVAL)
            snprintf(err, errsz, "%s: not a video capture device", spec->path);
        else
            snprintf(err, errsz, "%s: %s", spec->path, strerror(errno));
        return false;
    }
    memset(&cap, 0, sizeof(cap));
    if (xioctl(st->fd, VIDIOC_QUERYCAP, &cap) != 0) {
        *gone = errno == ENODEV || errno == EIO;
        snprintf(err, errsz, "%s: not a video capture device (%s)", spec->path, strerror(errno));
        goto fail;
    }
    uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
        snprintf(err, errsz, "%s: not a video capture device with streaming I/O", spec->path);
        goto fail;
    }
    if (!negotiate(st, spec, err, errsz))
        goto fail;
    memset(&req, 0, sizeof(req));
    req.count = V4L2_BUFFERS;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(st->fd, VIDIOC_REQBUFS, &req) != 0 || req.count < 1) {
        snprintf(err, errsz, "%s: cannot get capture buffers (%s)", spec->path, strerror(errno));
        goto fail;
    }
    st->nbuf = req.count < V4L2_BUFFERS ? req.count : V4L2_BUFFERS;
    for (unsigned i = 0; i < st->nbuf; i++) {
        struct v4l2_buffer b;
        memset(&b, 0, sizeof(b));
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = i;
        if (xioctl(st->fd, VIDIOC_QUERYBUF, &b) != 0) {
            snprintf(err, errsz, "%s: VIDIOC_QUERYBUF: %s", spec->path, strerror(errno));
            goto fail;
        }
        st->buf[i].length = b.length;
        st->buf[i].start =
            v4l2_mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, st->fd, b.m.offset);
        if (st->buf[i].start == MAP_FAILED) {
            st->buf[i].start = NULL;
            snprintf(err, errsz, "%s: mmap: %s", spec->path, strerror(errno));
            goto fail;
        }
        if (xioctl(st->fd, VIDIOC_QBUF, &b) != 0) {
            snprintf(err, errsz, "%s: VIDIOC_QBUF: %s", spec->path, strerror(errno));
            goto fail;
        }
    }
    if (xioctl(st->fd, VIDIOC_STREAMON, &type) != 0) {
        *gone = errno == ENODEV;
        snprintf(err, errsz, "%s: cannot start streaming (%s)", spec->path, strerror(errno));
        goto fail;
    }
    st->streaming = true;
    size_t need = (size_t)st->width * (size_t)st->height;
    if (st->frame_size != need) {
        ly_frame_free(&st->frame);
        st->frame_size = 0;
        if (!ly_frame_alloc(&st->frame, st->width, st->height)) {
            snprintf(err, errsz, "out of memory");
            goto fail;
        }
        st->frame_size = need;
    }
    return true;
fail:
    disconnect(st);
    return false;
}

static void v4l2_src_close(struct ly_source *src)
{
    struct v4l2_state *st = src->state;
    if (st == NULL)
        return;
    disconnect(st);
    ly_frame_free(&st->frame);
    free(st);
    src->state = NULL;
}

static bool v4l2_src_open(struct ly_source *src, char *err, size_t errsz)
{
    struct v4l2_state *st = calloc(1, sizeof(*st));
    bool gone;
    if (st == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    st->fd = -1;
    src->state = st;
    if (connect_device(st, &src->spec, &gone, err, errsz))
        return true;
    if (gone && src->spec.wait_for_device) {
        st->retry_at_ns = ly_frame_now_ns(); /* offline from the start: next() retries */
        return true;
    }
    v4l2_src_close(src);
    return false;
}

/* Copies the Y plane of buffer b into the source's frame. */
static void take_luma(struct v4l2_state *st, const struct v4l2_buffer *b)
{
    const uint8_t *in = st->buf[b->index].start;
    size_t avail = b->bytesused ? b->bytesused : st->buf[b->index].length;
    int step = st->pixfmt == V4L2_PIX_FMT_YUYV ? 2 : 1;
    for (int y = 0; y < st->height; y++) {
        const uint8_t *row = in + (size_t)y * (size_t)st->bytesperline;
        uint8_t *out = st->frame.data + (size_t)y * (size_t)st->frame.stride;
        if ((size_t)(y + 1) * (size_t)st->bytesperline > avail) {
            memset(out, 0, (size_t)st->width); /* a short buffer: pad, never read past it */
            continue;
        }
        if (step == 1) {
            memcpy(out, row, (size_t)st->width);
        } else {
            for (int x = 0; x < st->width; x++)
                out[x] = row[2 * x];
        }
    }
}

static enum ly_source_status go_offline(struct ly_source *src, const char *why, char *err,
                                        size_t errsz)
{
    struct v4l2_state *st = src->state;
    disconnect(st);
    st->retry_at_ns = ly_frame_now_ns() + (int64_t)src->spec.retry_ms * 1000000;
    snprintf(err, errsz, "%s: camera lost (%s); retrying every %d ms", src->spec.path, why,
             src->spec.retry_ms);
    return LY_SOURCE_OFFLINE;
}

static enum ly_source_status v4l2_src_next(struct ly_source *src, int timeout_ms,
                                           struct ly_source_item *item, char *err, size_t errsz)
{
    struct v4l2_state *st = src->state;
    struct pollfd pfd;
    struct v4l2_buffer b;
    int r;

    if (st->fd < 0) {
        int64_t wait = st->retry_at_ns - ly_frame_now_ns();
        bool gone;
        if (wait > 0) {
            int ms = (int)((wait + 999999) / 1000000);
            if (timeout_ms >= 0 && ms > timeout_ms) {
                poll(NULL, 0, timeout_ms);
                snprintf(err, errsz, "%s: camera offline; waiting to retry", src->spec.path);
                return LY_SOURCE_OFFLINE;
            }
            poll(NULL, 0, ms);
        }
        if (!connect_device(st, &src->spec, &gone, err, errsz)) {
            if (!gone)
                return LY_SOURCE_ERROR;
            st->retry_at_ns = ly_frame_now_ns() + (int64_t)src->spec.retry_ms * 1000000;
            return LY_SOURCE_OFFLINE;
        }
    }
    pfd.fd = st->fd;
    pfd.events = POLLIN;
    pfd.revents = 0;
    do {
        r = poll(&pfd, 1, timeout_ms);
    } while (r == -1 && errno == EINTR);
    if (r == 0)
        return LY_SOURCE_TIMEOUT;
    if (r < 0 || (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)))
        return go_offline(src, r < 0 ? strerror(errno) : "device hung up", err, errsz);
    memset(&b, 0, sizeof(b));
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    if (xioctl(st->fd, VIDIOC_DQBUF, &b) != 0) {
        if (errno == EAGAIN)
            return LY_SOURCE_TIMEOUT;
        if (errno == ENODEV || errno == EIO)
            return go_offline(src, strerror(errno), err, errsz);
        snprintf(err, errsz, "%s: VIDIOC_DQBUF: %s", src->spec.path, strerror(errno));
        return LY_SOURCE_ERROR;
    }
    if (b.index >= st->nbuf) {
        snprintf(err, errsz, "%s: driver returned buffer %u of %u", src->spec.path, b.index,
                 st->nbuf);
        return LY_SOURCE_ERROR;
    }
    take_luma(st, &b);
    /* queue the buffer back at once: the camera fills it while we decode */
    if (xioctl(st->fd, VIDIOC_QBUF, &b) != 0)
        return go_offline(src, strerror(errno), err, errsz);
    st->frame.captured_ns = ly_frame_now_ns();
    if ((b.flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) == V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC)
        st->frame.captured_ns =
            (int64_t)b.timestamp.tv_sec * 1000000000 + (int64_t)b.timestamp.tv_usec * 1000;
    item->frame = st->frame;
    item->captured_ns = st->frame.captured_ns;
    return LY_SOURCE_FRAME;
}

const struct ly_source_ops ly_source_v4l2_ops = {"v4l2", v4l2_src_open, v4l2_src_next,
                                                 v4l2_src_close};
