/* fuzz_finder.c - libFuzzer harness for the scanner's finder-pattern pre-check, which reads every
 * camera frame: any image (width from the first two bytes, row padding from the third, the rest
 * pixels) must get an answer within bounds: an area inside the image, or nothing. Only the first
 * FINDER_PIXELS_MAX bytes of pixels are read, so that a run reaches its million executions: the
 * pre-check's time goes with the pixels (images of 30,000 pixels ran at about 116 a second). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/finder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 128 x 96: still room for more finder candidates than LY_FINDER_GROUPS_MAX, and for two codes */
#define FINDER_PIXELS_MAX (128 * 96)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ly_finder *fd;
    struct ly_finder_area a[LY_FINDER_POLARITIES];
    if (size < 4)
        return 0;
    if (fd == NULL && (fd = ly_finder_open()) == NULL)
        abort();
    int width = ((int)data[0] | (int)data[1] << 8) % 1024 + 1, stride = width + data[2] % 16;
    size_t pixels = size - 3 > FINDER_PIXELS_MAX ? FINDER_PIXELS_MAX : size - 3;
    int height = (int)(pixels / (size_t)stride);
    if (height < 1)
        return 0;
    /* a copy of exactly the image, so that reading past it is caught */
    uint8_t *px = malloc((size_t)stride * (size_t)height);
    if (px == NULL)
        return 0;
    memcpy(px, data + 3, (size_t)stride * (size_t)height);
    if (!ly_finder_find(fd, px, width, height, stride, a))
        abort(); /* out of memory on a small image */
    for (int rank = 0; rank < 2; rank++) {
        if (rank == 1) /* the same crossings, corners ranked by size alone */
            ly_finder_by_size(fd, a);
        for (int p = 0; p < LY_FINDER_POLARITIES; p++) {
            if (!a[p].found)
                continue;
            if (a[p].x0 < 0 || a[p].x0 >= a[p].x1 || a[p].x1 > width || a[p].y0 < 0 ||
                a[p].y0 >= a[p].y1 || a[p].y1 > height || a[p].module < 0)
                abort();
        }
    }
    free(px);
    return 0;
}
