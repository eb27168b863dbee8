/* source_dir.c - the "dir:" source: the images of a folder (.png, .pgm, .jpg, .jpeg), replayed in
 * byte order of their names at a fixed frame rate, as a camera would deliver them; the source
 * ends when the folder is exhausted. An unreadable image is reported and skipped. */
#include "capture/source_impl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/dynbuf.h"
#include "common/ly_limits.h"

struct dir_state {
    char **names;
    size_t count, next;
    int64_t start_ns; /* when the first frame was due */
    struct ly_frame frame;
};

static bool is_image_name(const char *name)
{
    static const char *const exts[] = {".png", ".pgm", ".jpg", ".jpeg"};
    size_t n = strlen(name);
    if (name[0] == '.')
        return false;
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(name + n - e, exts[i]) == 0)
            return true;
    }
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dir_close(struct ly_source *src)
{
    struct dir_state *st = src->state;
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->count; i++)
        free(st->names[i]);
    free(st->names);
    ly_frame_free(&st->frame);
    free(st);
    src->state = NULL;
}

static bool dir_open(struct ly_source *src, char *err, size_t errsz)
{
    struct dir_state *st = calloc(1, sizeof(*st));
    DIR *d;
    struct dirent *e;
    size_t cap = 0;
    if (st == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    src->state = st;
    d = opendir(src->spec.path);
    if (d == NULL) {
        snprintf(err, errsz, "%s: %s", src->spec.path, strerror(errno));
        dir_close(src);
        return false;
    }
    for (;;) {
        e = readdir(d);
        if (e == NULL)
            break;
        if (!is_image_name(e->d_name))
            continue;
        if (st->count == LY_DIR_FILES_MAX) {
            snprintf(err, errsz, "%s: more than %d images", src->spec.path, LY_DIR_FILES_MAX);
            goto fail;
        }
        if (!ly_array_reserve((void **)&st->names, &cap, st->count + 1, sizeof(*st->names),
                              LY_DIR_FILES_MAX))
            goto oom;
        st->names[st->count] = strdup(e->d_name);
        if (st->names[st->count] == NULL)
            goto oom;
        st->count++;
    }
    closedir(d);
    if (st->count > 0)
        qsort(st->names, st->count, sizeof(*st->names), by_name);
    return true;
oom:
    snprintf(err, errsz, "out of memory");
fail:
    closedir(d);
    dir_close(src);
    return false;
}

static void sleep_ns(int64_t ns)
{
    struct timespec ts = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static enum ly_source_status dir_next(struct ly_source *src, int timeout_ms,
                                      struct ly_source_item *item, char *err, size_t errsz)
{
    struct dir_state *st = src->state;
    char path[LY_SOURCE_PATH_MAX + 256 + 2];
    int64_t now = ly_frame_now_ns();
    if (st->next >= st->count)
        return LY_SOURCE_END;
    if (st->next == 0 && st->start_ns == 0)
        st->start_ns = now;
    if (src->spec.fps > 0) {
        int64_t due = st->start_ns + (int64_t)((double)st->next * 1e9 / src->spec.fps);
        if (due > now) {
            if (timeout_ms >= 0 && due - now > (int64_t)timeout_ms * 1000000) {
                sleep_ns((int64_t)timeout_ms * 1000000);
                return LY_SOURCE_TIMEOUT;
            }
            sleep_ns(due - now);
        }
    }
    snprintf(path, sizeof(path), "%s/%s", src->spec.path, st->names[st->next]);
    st->next++;
    ly_frame_free(&st->frame);
    if (!ly_image_load(path, &st->frame, err, errsz))
        return LY_SOURCE_SKIP;
    item->frame = st->frame;
    item->captured_ns = st->frame.captured_ns;
    return LY_SOURCE_FRAME;
}

const struct ly_source_ops ly_source_dir_ops = {"dir", dir_open, dir_next, dir_close};
