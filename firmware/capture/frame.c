/* frame.c - frames. See frame.h. */
#include "capture/frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool ly_frame_alloc(struct ly_frame *f, int width, int height)
{
    memset(f, 0, sizeof(*f));
    if (width < 1 || height < 1 || width > LY_FRAME_DIM_MAX || height > LY_FRAME_DIM_MAX)
        return false;
    f->data = calloc((size_t)width * (size_t)height, 1);
    if (f->data == NULL)
        return false;
    f->width = width;
    f->height = height;
    f->stride = width;
    f->captured_ns = ly_frame_now_ns();
    return true;
}

void ly_frame_free(struct ly_frame *f)
{
    if (f == NULL)
        return;
    free(f->data);
    memset(f, 0, sizeof(*f));
}

int64_t ly_frame_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
