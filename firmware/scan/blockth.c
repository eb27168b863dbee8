/* blockth.c - the pre-check's thresholds per block (blockth.h). */
#include "scan/blockth.h"

#include <stdlib.h>
#include <string.h>

#include "common/ly_limits.h"

/* Thresholds come from 8x8 blocks (every STATS_STEP-th row of them: grey levels hardly change
 * from one row to the next), averaged over (2 * SMOOTH + 1)^2 blocks (40x40 pixels). A block is
 * flat (paper, a wall) when its pixels span no more than MIN_DYNAMIC grey levels, or, in a noisy
 * frame (low light), NOISE_FACTOR times the span of the quietest NOISE_QUANTILE percent of the
 * blocks, up to MAX_DYNAMIC (so that a printed code's contrast always counts). A flat block
 * takes its threshold from its neighbours with edges; with none around, all of it is light, so
 * that noise in a plain area makes no runs. */
#define BLOCK          (1 << LY_BLOCKTH_SHIFT)
#define STATS_STEP     2
#define SMOOTH         2
#define MIN_DYNAMIC    24
#define MAX_DYNAMIC    100
#define NOISE_QUANTILE 10
#define NOISE_FACTOR   5 /* halves */

/* One image being thresholded. */
struct image {
    const uint8_t *px;
    int w, h, stride;
};

bool ly_blockth_reserve(struct ly_blockth *fd, size_t n)
{
    if (fd->nblocks >= n)
        return true;
    free(fd->raw);
    free(fd->range);
    free(fd->hsum);
    free(fd->hcnt);
    free(fd->th);
    fd->raw = malloc(n * sizeof(*fd->raw));
    fd->range = malloc(n);
    fd->hsum = malloc(n * sizeof(*fd->hsum));
    fd->hcnt = malloc(n * sizeof(*fd->hcnt));
    fd->th = malloc(n * sizeof(*fd->th));
    fd->nblocks = n;
    if (fd->raw == NULL || fd->range == NULL || fd->hsum == NULL || fd->hcnt == NULL ||
        fd->th == NULL) {
        fd->nblocks = 0;
        return false;
    }
    return true;
}

void ly_blockth_free(struct ly_blockth *fd)
{
    free(fd->raw);
    free(fd->range);
    free(fd->hsum);
    free(fd->hcnt);
    free(fd->th);
    memset(fd, 0, sizeof(*fd));
}

/* Folds row into the running minimum, maximum and sum of each column, 16 columns at a time: a
 * loop of known length, which the compiler vectorizes at -O2 (one of unknown length it leaves
 * alone). */
static void fold_row(const uint8_t *row, int n, uint8_t *lo, uint8_t *hi, uint16_t *sum)
{
    int x = 0;
    for (; x + 16 <= n; x += 16) {
        uint8_t l[16], u[16];
        uint16_t t[16];
        for (int i = 0; i < 16; i++) {
            uint8_t v = row[x + i];
            l[i] = v < lo[x + i] ? v : lo[x + i];
            u[i] = v > hi[x + i] ? v : hi[x + i];
            t[i] = (uint16_t)(sum[x + i] + v);
        }
        memcpy(lo + x, l, sizeof(l));
        memcpy(hi + x, u, sizeof(u));
        memcpy(sum + x, t, sizeof(t));
    }
    for (; x < n; x++) {
        uint8_t v = row[x];
        lo[x] = v < lo[x] ? v : lo[x];
        hi[x] = v > hi[x] ? v : hi[x];
        sum[x] = (uint16_t)(sum[x] + v);
    }
}

/* Halve a row of n values into the minima, maxima or sums of its pairs (an odd last one is
 * dropped), 16 at a time: loops of known length, which the compiler vectorizes. Three halvings
 * make one value per 8-pixel block. */
static void halve_min(uint8_t *v, int n)
{
    int x = 0;
    for (; x + 16 <= n / 2; x += 16) {
        uint8_t t[16];
        for (int i = 0; i < 16; i++) {
            uint8_t a = v[2 * (x + i)], b = v[2 * (x + i) + 1];
            t[i] = a < b ? a : b;
        }
        memcpy(v + x, t, sizeof(t));
    }
    for (; x < n / 2; x++)
        v[x] = v[2 * x] < v[2 * x + 1] ? v[2 * x] : v[2 * x + 1];
}

static void halve_max(uint8_t *v, int n)
{
    int x = 0;
    for (; x + 16 <= n / 2; x += 16) {
        uint8_t t[16];
        for (int i = 0; i < 16; i++) {
            uint8_t a = v[2 * (x + i)], b = v[2 * (x + i) + 1];
            t[i] = a > b ? a : b;
        }
        memcpy(v + x, t, sizeof(t));
    }
    for (; x < n / 2; x++)
        v[x] = v[2 * x] > v[2 * x + 1] ? v[2 * x] : v[2 * x + 1];
}

static void halve_sum(uint16_t *v, int n)
{
    int x = 0;
    for (; x + 16 <= n / 2; x += 16) {
        uint16_t t[16];
        for (int i = 0; i < 16; i++)
            t[i] = (uint16_t)(v[2 * (x + i)] + v[2 * (x + i) + 1]);
        memcpy(v + x, t, sizeof(t));
    }
    for (; x < n / 2; x++)
        v[x] = (uint16_t)(v[2 * x] + v[2 * x + 1]);
}

/* The sums of 2 * SMOOTH + 1 consecutive values and counts from each of n places (v and c hold
 * SMOOTH zeros before and after), 16 places at a time as in fold_row. */
static void box_row(const int16_t *v, const int16_t *c, int n, int32_t *vsum, int16_t *csum)
{
    int x = 0;
    for (; x + 16 <= n; x += 16) {
        int32_t t[16] = {0};
        int16_t u[16] = {0};
        for (int k = 0; k <= 2 * SMOOTH; k++) {
            for (int i = 0; i < 16; i++) {
                t[i] += v[x + i + k];
                u[i] = (int16_t)(u[i] + c[x + i + k]);
            }
        }
        memcpy(vsum + x, t, sizeof(t));
        memcpy(csum + x, u, sizeof(u));
    }
    for (; x < n; x++) {
        int32_t t = 0;
        int16_t u = 0;
        for (int k = 0; k <= 2 * SMOOTH; k++) {
            t += v[x + k];
            u = (int16_t)(u + c[x + k]);
        }
        vsum[x] = t;
        csum[x] = u;
    }
}

/* Adds a row of n sums and counts to tsum and csum, 16 at a time. */
static void add_rows(int32_t *tsum, int32_t *csum, const int32_t *t, const int16_t *c, int n)
{
    int x = 0;
    for (; x + 16 <= n; x += 16) {
        int32_t a[16], b[16];
        for (int i = 0; i < 16; i++) {
            a[i] = tsum[x + i] + t[x + i];
            b[i] = csum[x + i] + c[x + i];
        }
        memcpy(tsum + x, a, sizeof(a));
        memcpy(csum + x, b, sizeof(b));
    }
    for (; x < n; x++) {
        tsum[x] += t[x];
        csum[x] += c[x];
    }
}

int ly_blockth_compute(struct ly_blockth *fd, const uint8_t *px, int width, int height, int stride)
{
    const struct image img = {px, width, height, stride}, *s = &img;
    int bw = (width + BLOCK - 1) / BLOCK, bh = (height + BLOCK - 1) / BLOCK;
    int whole = s->w / BLOCK; /* blocks a row, of them whole (8 pixels wide) */
    uint8_t lo[LY_FRAME_DIM_MAX], hi[LY_FRAME_DIM_MAX];
    uint16_t sum[LY_FRAME_DIM_MAX];
    /* one block row's values with SMOOTH zeros each side, for the box average */
    int16_t val[LY_FRAME_DIM_MAX / BLOCK + 2 * SMOOTH + 1];
    int16_t cnt[LY_FRAME_DIM_MAX / BLOCK + 2 * SMOOTH + 1];
    size_t ranges[256] = {0};
    for (int by = 0; by < bh; by++) {
        int y0 = by * BLOCK, y1 = y0 + BLOCK < s->h ? y0 + BLOCK : s->h;
        int rows = (y1 - y0 + STATS_STEP - 1) / STATS_STEP;
        int16_t *raw = fd->raw + (size_t)by * (size_t)bw;
        uint8_t *range = fd->range + (size_t)by * (size_t)bw;
        /* the rows of a block row folded into columns, then the columns into blocks */
        memset(lo, 255, (size_t)s->w);
        memset(hi, 0, (size_t)s->w);
        memset(sum, 0, sizeof(sum[0]) * (size_t)s->w);
        for (int y = y0; y < y1; y += STATS_STEP)
            fold_row(s->px + (size_t)y * (size_t)s->stride, s->w, lo, hi, sum);
        if (whole < bw) { /* a narrower last block, taken before the halvings (which write only
                             below whole * 4) */
            int x0 = whole * BLOCK, n = (s->w - x0) * rows;
            uint32_t t = 0;
            uint8_t l = 255, u = 0;
            for (int x = x0; x < s->w; x++) {
                t += sum[x];
                l = lo[x] < l ? lo[x] : l;
                u = hi[x] > u ? hi[x] : u;
            }
            raw[whole] = (int16_t)(t / (uint32_t)n);
            range[whole] = (uint8_t)(u - l);
        }
        for (int n = whole * BLOCK; n > whole; n /= 2) {
            halve_min(lo, n);
            halve_max(hi, n);
            halve_sum(sum, n);
        }
        for (int bx = 0; bx < whole; bx++) {
            raw[bx] = (int16_t)(sum[bx] / (BLOCK * rows));
            range[bx] = (uint8_t)(hi[bx] - lo[bx]);
        }
        for (int bx = 0; bx < bw; bx++)
            ranges[range[bx]]++;
    }
    /* sensor noise: the range of the quietest blocks (a frame is mostly background) */
    size_t quiet = (size_t)bw * (size_t)bh * NOISE_QUANTILE / 100, seen = 0;
    int noise = 0;
    while (noise < 255 && seen + ranges[noise] <= quiet)
        seen += ranges[noise++];
    int flat = noise * NOISE_FACTOR / 2;
    flat = flat < MIN_DYNAMIC ? MIN_DYNAMIC : flat > MAX_DYNAMIC ? MAX_DYNAMIC : flat;
    /* box average over the neighbours with edges, rows then columns */
    memset(val, 0, sizeof(val));
    memset(cnt, 0, sizeof(cnt));
    for (int by = 0; by < bh; by++) {
        const int16_t *raw = fd->raw + (size_t)by * (size_t)bw;
        const uint8_t *range = fd->range + (size_t)by * (size_t)bw;
        int32_t *hsum = fd->hsum + (size_t)by * (size_t)bw;
        int16_t *hcnt = fd->hcnt + (size_t)by * (size_t)bw;
        for (int bx = 0; bx < bw; bx++) {
            bool edges = range[bx] > flat;
            val[SMOOTH + bx] = edges ? raw[bx] : 0;
            cnt[SMOOTH + bx] = edges;
        }
        box_row(val, cnt, bw, hsum, hcnt);
    }
    int32_t tsum[LY_FRAME_DIM_MAX / BLOCK + 1], csum[LY_FRAME_DIM_MAX / BLOCK + 1];
    for (int by = 0; by < bh; by++) {
        int k0 = by - SMOOTH < 0 ? 0 : by - SMOOTH, k1 = by + SMOOTH >= bh ? bh - 1 : by + SMOOTH;
        int16_t *th = fd->th + (size_t)by * (size_t)bw;
        memset(tsum, 0, sizeof(tsum[0]) * (size_t)bw);
        memset(csum, 0, sizeof(csum[0]) * (size_t)bw);
        for (int k = k0; k <= k1; k++)
            add_rows(tsum, csum, fd->hsum + (size_t)k * (size_t)bw,
                     fd->hcnt + (size_t)k * (size_t)bw, bw);
        for (int bx = 0; bx < bw; bx++)
            th[bx] = csum[bx] > 0 ? (int16_t)(tsum[bx] / csum[bx]) : LY_BLOCKTH_NO_EDGES;
    }
    return noise;
}
