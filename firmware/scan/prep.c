/* prep.c - resampling, upright mapping and contrast normalisation of candidate areas (prep.h). */
#include "scan/prep.h"

#include <math.h>
#include <string.h>

/* Sums the pixels of line (step apart) from a to b, in 1/256 pixels, each weighted by how much of
 * it lies in [a, b): the area average of a box filter of any width, times b - a. */
static uint32_t area_sum(const uint8_t *line, size_t step, uint32_t a, uint32_t b)
{
    uint32_t i = a >> 8, last = (b - 1) >> 8, sum;
    if (i == last)
        return line[i * step] * (b - a);
    sum = line[i * step] * (256 - (a & 255)) + line[last * step] * (b - (last << 8));
    for (i++; i < last; i++)
        sum += line[i * step] * 256u;
    return sum;
}

/* Shrinks along both axes by area averages (dw <= w, dh <= h). */
static void shrink_box(const struct ly_frame *f, int x0, int y0, int w, int h, uint8_t *dst, int dw,
                       int dh, bool invert)
{
    uint8_t column[LY_FRAME_DIM_MAX];
    const uint8_t *box = f->data + (size_t)y0 * (size_t)f->stride + (size_t)x0;
    for (int y = 0; y < dh; y++) {
        uint8_t *out = dst + (size_t)y * (size_t)dw;
        const uint8_t *row = box + (size_t)y * (size_t)f->stride;
        if (dh < h) {
            uint32_t a = (uint32_t)(((uint64_t)y * (uint64_t)h << 8) / (uint64_t)dh);
            uint32_t b = (uint32_t)(((uint64_t)(y + 1) * (uint64_t)h << 8) / (uint64_t)dh);
            for (int x = 0; x < w; x++)
                column[x] = (uint8_t)(area_sum(box + x, (size_t)f->stride, a, b) / (b - a));
            row = column;
        }
        for (int x = 0; x < dw; x++) {
            int v = row[x];
            if (dw < w) {
                uint32_t a = (uint32_t)(((uint64_t)x * (uint64_t)w << 8) / (uint64_t)dw);
                uint32_t b = (uint32_t)(((uint64_t)(x + 1) * (uint64_t)w << 8) / (uint64_t)dw);
                v = (int)(area_sum(row, 1, a, b) / (b - a));
            }
            out[x] = (uint8_t)(invert ? 255 - v : v);
        }
    }
}

/* Bilinear resampling, in 1/256 pixels: pixel centres of dst map onto those of the box. */
static void grow_box(const struct ly_frame *f, int x0, int y0, int w, int h, uint8_t *dst, int dw,
                     int dh, bool invert)
{
    int32_t xi[LY_PREP_SIDE_MAX];
    uint8_t xf[LY_PREP_SIDE_MAX];
    for (int x = 0; x < dw; x++) {
        int32_t s = (int32_t)(((2 * x + 1) * (int64_t)w * 128) / dw) - 128; /* 1/256 px */
        s = s < 0 ? 0 : s > (w - 1) * 256 ? (w - 1) * 256 : s;
        xi[x] = s >> 8;
        xf[x] = (uint8_t)(s & 255);
    }
    for (int y = 0; y < dh; y++) {
        int32_t s = (int32_t)(((2 * y + 1) * (int64_t)h * 128) / dh) - 128;
        s = s < 0 ? 0 : s > (h - 1) * 256 ? (h - 1) * 256 : s;
        int yi = s >> 8, fy = s & 255, yn = yi + 1 < h ? yi + 1 : yi;
        const uint8_t *r0 = f->data + (size_t)(y0 + yi) * (size_t)f->stride + (size_t)x0;
        const uint8_t *r1 = f->data + (size_t)(y0 + yn) * (size_t)f->stride + (size_t)x0;
        uint8_t *out = dst + (size_t)y * (size_t)dw;
        for (int x = 0; x < dw; x++) {
            int i = xi[x], n = i + 1 < w ? i + 1 : i, fx = xf[x];
            int top = r0[i] * (256 - fx) + r0[n] * fx, bot = r1[i] * (256 - fx) + r1[n] * fx;
            int v = (top * (256 - fy) + bot * fy + 32768) >> 16;
            out[x] = (uint8_t)(invert ? 255 - v : v);
        }
    }
}

void ly_prep_resample(const struct ly_frame *f, int x0, int y0, int w, int h, uint8_t *dst, int dw,
                      int dh, bool invert)
{
    if (dw <= w && dh <= h)
        shrink_box(f, x0, y0, w, h, dst, dw, dh, invert);
    else
        grow_box(f, x0, y0, w, h, dst, dw, dh, invert);
}

void ly_prep_affine(const struct ly_frame *f, const float origin[2], const float u[2],
                    const float v[2], uint8_t *dst, int side, bool invert)
{
    float k = side > 1 ? 1.0f / (float)(side - 1) : 0.0f;
    int wmax = (f->width - 1) * 256, hmax = (f->height - 1) * 256;
    for (int y = 0; y < side; y++) {
        float bx = origin[0] + v[0] * (float)y * k, by = origin[1] + v[1] * (float)y * k;
        uint8_t *out = dst + (size_t)y * (size_t)side;
        for (int x = 0; x < side; x++) {
            float px = bx + u[0] * (float)x * k, py = by + u[1] * (float)x * k;
            int sx = (int)lrintf(px * 256.0f), sy = (int)lrintf(py * 256.0f);
            sx = sx < 0 ? 0 : sx > wmax ? wmax : sx;
            sy = sy < 0 ? 0 : sy > hmax ? hmax : sy;
            int ix = sx >> 8, iy = sy >> 8, fx = sx & 255, fy = sy & 255;
            int nx = ix + 1 < f->width ? ix + 1 : ix, ny = iy + 1 < f->height ? iy + 1 : iy;
            const uint8_t *r0 = f->data + (size_t)iy * (size_t)f->stride;
            const uint8_t *r1 = f->data + (size_t)ny * (size_t)f->stride;
            int top = r0[ix] * (256 - fx) + r0[nx] * fx, bot = r1[ix] * (256 - fx) + r1[nx] * fx;
            int val = (top * (256 - fy) + bot * fy + 32768) >> 16;
            out[x] = (uint8_t)(invert ? 255 - val : val);
        }
    }
}

void ly_prep_normalize(uint8_t *px, int w, int h, int block, int min_range, uint8_t *tmp)
{
    int bw = (w + block - 1) / block, bh = (h + block - 1) / block;
    uint8_t *lo = tmp, *hi = tmp + (size_t)bw * (size_t)bh;
    for (int by = 0; by < bh; by++) {
        for (int bx = 0; bx < bw; bx++) {
            int l = 255, u = 0;
            for (int y = by * block; y < (by + 1) * block && y < h; y++) {
                const uint8_t *row = px + (size_t)y * (size_t)w;
                for (int x = bx * block; x < (bx + 1) * block && x < w; x++) {
                    l = row[x] < l ? row[x] : l;
                    u = row[x] > u ? row[x] : u;
                }
            }
            lo[by * bw + bx] = (uint8_t)l;
            hi[by * bw + bx] = (uint8_t)u;
        }
    }
    for (int by = 0; by < bh; by++) {
        for (int bx = 0; bx < bw; bx++) {
            /* over the 3 x 3 blocks around: a module's neighbours of both colours are in reach */
            int l = 255, u = 0;
            for (int j = by - 1; j <= by + 1; j++) {
                for (int i = bx - 1; i <= bx + 1; i++) {
                    if (i < 0 || j < 0 || i >= bw || j >= bh)
                        continue;
                    l = lo[j * bw + i] < l ? lo[j * bw + i] : l;
                    u = hi[j * bw + i] > u ? hi[j * bw + i] : u;
                }
            }
            int range = u - l;
            if (range < min_range)
                continue;
            uint32_t scale = (255u << 16) / (uint32_t)range;
            for (int y = by * block; y < (by + 1) * block && y < h; y++) {
                uint8_t *row = px + (size_t)y * (size_t)w;
                for (int x = bx * block; x < (bx + 1) * block && x < w; x++) {
                    int d = row[x] - l;
                    d = d < 0 ? 0 : d;
                    uint32_t val = ((uint32_t)d * scale) >> 16;
                    row[x] = (uint8_t)(val > 255 ? 255 : val);
                }
            }
        }
    }
}
