/* source.c - source specs and the dispatch to the source implementations (source_*.c). See
 * source.h. */
#include "capture/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/num.h"

/* Splits "PATH@SUFFIX" at the last '@' into path (copied into out->path) and *suffix (NULL when
 * there is none). */
static bool split_suffix(const char *rest, bool allow_suffix, struct ly_source_spec *out,
                         const char **suffix, char *err, size_t errsz)
{
    const char *at = allow_suffix ? strrchr(rest, '@') : NULL;
    size_t len = at ? (size_t)(at - rest) : strlen(rest);
    *suffix = at ? at + 1 : NULL;
    if (len == 0) {
        snprintf(err, errsz, "source spec has an empty path");
        return false;
    }
    if (len >= sizeof(out->path)) {
        snprintf(err, errsz, "source path is longer than %d bytes", LY_SOURCE_PATH_MAX - 1);
        return false;
    }
    memcpy(out->path, rest, len);
    out->path[len] = '\0';
    return true;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char buf[32];
    const char *x = strchr(s, 'x');
    int64_t vw, vh;
    if (x == NULL || (size_t)(x - s) >= sizeof(buf))
        return false;
    memcpy(buf, s, (size_t)(x - s));
    buf[x - s] = '\0';
    if (!ly_num_int(buf, 16, LY_FRAME_DIM_MAX, &vw) ||
        !ly_num_int(x + 1, 16, LY_FRAME_DIM_MAX, &vh))
        return false;
    *w = (int)vw;
    *h = (int)vh;
    return true;
}

bool ly_source_spec_parse(const char *spec, struct ly_source_spec *out, char *err, size_t errsz)
{
    static const struct {
        const char *prefix;
        enum ly_source_kind kind;
    } kinds[] = {
        {"v4l2:", LY_SOURCE_V4L2},
        {"file:", LY_SOURCE_FILE},
        {"dir:", LY_SOURCE_DIR},
        {"wedge:", LY_SOURCE_WEDGE},
    };
    const char *rest = NULL;
    const char *suffix = NULL;

    memset(out, 0, sizeof(*out));
    out->width = 1280;
    out->height = 720;
    out->fps = 10;
    out->retry_ms = 1000;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(spec, kinds[i].prefix, n) == 0) {
            out->kind = kinds[i].kind;
            rest = spec + n;
            break;
        }
    }
    if (rest == NULL) {
        snprintf(err, errsz,
                 "unknown source \"%.40s\": expected v4l2:DEVICE[@WxH], file:PATH, "
                 "dir:PATH[@FPS] or wedge:PATH|stdin",
                 spec);
        return false;
    }
    bool with_suffix = out->kind == LY_SOURCE_V4L2 || out->kind == LY_SOURCE_DIR;
    if (!split_suffix(rest, with_suffix, out, &suffix, err, errsz))
        return false;
    if (suffix != NULL && out->kind == LY_SOURCE_V4L2 &&
        !parse_size(suffix, &out->width, &out->height)) {
        snprintf(err, errsz, "bad camera size \"%.20s\": expected WIDTHxHEIGHT, e.g. 1280x720",
                 suffix);
        return false;
    }
    if (suffix != NULL && out->kind == LY_SOURCE_DIR) {
        int64_t fps;
        if (!ly_num_int(suffix, 0, 240, &fps)) {
            snprintf(err, errsz, "bad frame rate \"%.20s\": expected a whole number 0 to 240",
                     suffix);
            return false;
        }
        out->fps = (double)fps;
    }
    return true;
}

bool ly_source_open(const struct ly_source_spec *spec, struct ly_source **out, char *err,
                    size_t errsz)
{
    const struct ly_source_ops *ops = NULL;
    struct ly_source *src;

    *out = NULL;
    switch (spec->kind) {
    case LY_SOURCE_V4L2:
        ops = &ly_source_v4l2_ops;
        break;
    case LY_SOURCE_FILE:
        ops = &ly_source_file_ops;
        break;
    case LY_SOURCE_DIR:
        ops = &ly_source_dir_ops;
        break;
    case LY_SOURCE_WEDGE:
        ops = &ly_source_wedge_ops;
        break;
    }
    if (ops == NULL) {
        snprintf(err, errsz, "unknown source kind %d", (int)spec->kind);
        return false;
    }
    src = calloc(1, sizeof(*src));
    if (src == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    src->ops = ops;
    src->spec = *spec;
    if (!ops->open(src, err, errsz)) {
        free(src);
        return false;
    }
    *out = src;
    return true;
}

enum ly_source_status ly_source_next(struct ly_source *src, int timeout_ms,
                                     struct ly_source_item *item, char *err, size_t errsz)
{
    enum ly_source_status st;
    memset(&item->frame, 0, sizeof(item->frame));
    item->code[0] = '\0';
    item->code_len = 0;
    item->captured_ns = 0;
    if (errsz > 0)
        err[0] = '\0';
    st = src->ops->next(src, timeout_ms, item, err, errsz);
    if (st == LY_SOURCE_FRAME || st == LY_SOURCE_CODE) {
        src->sequence++;
        item->frame.sequence = src->sequence;
    }
    return st;
}

void ly_source_close(struct ly_source *src)
{
    if (src == NULL)
        return;
    src->ops->close(src);
    free(src);
}

const char *ly_source_status_name(enum ly_source_status st)
{
    switch (st) {
    case LY_SOURCE_FRAME:
        return "frame";
    case LY_SOURCE_CODE:
        return "code";
    case LY_SOURCE_TIMEOUT:
        return "timeout";
    case LY_SOURCE_OFFLINE:
        return "offline";
    case LY_SOURCE_SKIP:
        return "skip";
    case LY_SOURCE_END:
        return "end";
    case LY_SOURCE_ERROR:
        return "error";
    }
    return "unknown";
}
