/* finder.c - QR finder-pattern pre-check (see finder.h). A threshold per 8x8 block, smoothed over
 * 5x5 blocks (blockth.h), so that low contrast, blur and uneven light still separate ink from
 * paper; then every other row is cut into runs, five runs in the ratio
 * 1:1:3:1:1 are checked again down their centre's column, and the crossings that agree are
 * grouped into candidates. Two or three candidates of one module size at code-like distances make
 * a plausible set; the area around them is what ZBar reads first. */
#include "scan/finder.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/ly_limits.h"
#include "scan/blockth.h"

#define BLOCK_SHIFT LY_BLOCKTH_SHIFT
#define BLOCK       (1 << BLOCK_SHIFT)

/* Crossings. Every ROW_STEP-th row is cut into runs: a finder's centre is 3 modules of at least
 * 2 pixels. A crossing is at least MIN_TOTAL pixels (a module of 1.4 at full size). */
#define ROW_STEP  2
#define MIN_TOTAL 10
/* In a frame whose quietest blocks span more than WILD_NOISE levels (no camera's sensor noise,
 * but random texture), chance makes small crossings everywhere: they must be WILD_MIN_TOTAL. */
#define WILD_NOISE     80
#define WILD_MIN_TOTAL 14

/* Candidates. MIN_HITS crossings at least, and no fewer than HITS_CENTRE of the rows through
 * the centre's 3 modules: chance makes one here and there, a finder one on every row. */
#define MIN_HITS    2
#define HITS_CENTRE 0.3f

/* Sets. Two finders of one code lie PAIR_MIN (14 in a version 1 code) to PAIR_MAX modules apart
 * (about version 20, far beyond a badge's 6), with module sizes within MODULE_SPREAD of each
 * other (perspective). The area around them reaches MARGIN modules beyond their centres: half
 * a finder (3.5) and a quiet zone of 3.5 (ZBar needs one or two; the rest is for perspective,
 * which moves the fourth corner). Of more than CORNERS_MAX corner shapes the largest are kept. */
#define PAIR_MIN      10.0f
#define PAIR_MAX      120.0f
#define MODULE_SPREAD 1.6f
#define MARGIN        7.0f
#define CORNERS_MAX   16

struct group {
    float sx, sy, sm; /* sums of centre and module size over the crossings */
    int n;            /* crossings */
    int square;       /* crossings whose other diagonal agreed too */
};

struct hits {
    struct group g[LY_FINDER_GROUPS_MAX];
    int ngroups;
    int nhits;
    bool overflow; /* too many crossings or candidates to tell */
};

struct ly_finder {
    struct ly_blockth blocks;                  /* the thresholds */
    uint8_t mask[LY_FRAME_DIM_MAX + 128];      /* one row: 1 where dark, padded to 64 */
    uint8_t lim[LY_FRAME_DIM_MAX / BLOCK + 2]; /* one block row's thresholds plus one */
    struct hits hits[LY_FINDER_POLARITIES];
    int width, height;  /* of the last image searched */
    long edges, checks; /* of the last search: run transitions seen, crossings checked again */
};

/* One image being searched. */
struct scan {
    const uint8_t *px;
    int w, h, stride;
    int bw; /* blocks a row */
    const int16_t *th;
    int min_total; /* shortest crossing that counts */
};

struct ly_finder *ly_finder_open(void)
{
    return calloc(1, sizeof(struct ly_finder));
}

void ly_finder_close(struct ly_finder *fd)
{
    if (fd == NULL)
        return;
    ly_blockth_free(&fd->blocks);
    free(fd);
}

/* Whether five runs are in the ratio 1:1:3:1:1, each within half a module (zxing's tolerance)
 * and a pixel (small modules are one pixel more or less after shrinking and blur); *total
 * receives their sum. */
static bool finder_ratios(const int r[5], int *total)
{
    int t = r[0] + r[1] + r[2] + r[3] + r[4];
    *total = t;
    /* with module m = t / 7: |r - m| < m / 2 + 1 for the 1s, |r - 3m| < 3m / 2 + 1 for the
     * centre, all times 14 */
    for (int i = 0; i < 5; i++) {
        int want = i == 2 ? 3 * t : t, d = 7 * r[i] - want;
        if (2 * abs(d) >= want + 14)
            return false;
    }
    /* and the centre clearly wider than the rings around it: an alignment pattern (1:1:1:1:1)
     * would pass the slack above */
    return 2 * r[2] > 3 * (r[1] > r[3] ? r[1] : r[3]);
}

static inline int threshold_at(const struct scan *s, int x, int y)
{
    return s->th[(size_t)(y >> BLOCK_SHIFT) * (size_t)s->bw + (size_t)(x >> BLOCK_SHIFT)];
}

/* Counts pixels of colour dark from (*x, *y) on in steps of (dx, dy), at most limit + 1, and
 * leaves (*x, *y) on the first pixel past them. */
static inline __attribute__((always_inline)) int line_run(const struct scan *s, int *x, int *y,
                                                          int dx, int dy, bool dark, int limit)
{
    int cx = *x, cy = *y, most = limit + 1;
    if (cx < 0 || cx >= s->w || cy < 0 || cy >= s->h)
        return 0;
    /* the steps left inside the image, so that the loop checks no bounds */
    int room = dx > 0 ? s->w - cx : dx < 0 ? cx + 1 : most;
    most = room < most ? room : most;
    room = dy > 0 ? s->h - cy : dy < 0 ? cy + 1 : most;
    most = room < most ? room : most;
    const uint8_t *p = s->px + (size_t)cy * (size_t)s->stride + (size_t)cx;
    ptrdiff_t step = (ptrdiff_t)dy * s->stride + dx;
    int n = 0;
    while (n < most && (*p <= threshold_at(s, cx, cy)) == dark) {
        if (++n < most) /* never a pointer past the image */
            p += step;
        cx += dx;
        cy += dy;
    }
    *x = cx;
    *y = cy;
    return n;
}

/* Crosses the finder a row crossing found, through (cx, cy), in direction (dx, dy): it must
 * show the same ratios, with no run longer than limit. Returns whether it does, with the
 * crossing's length (in steps) in *total and its centre, in steps from (cx, cy), in *shift.
 * Callers take no crossing longer than twice limit, so a ring can be no longer than
 * (6 limit + 13) / 14 steps and still pass the ratios (finder_ratios: 14 r < 3 total + 14): the
 * runs stop there, and at the first that cannot pass, instead of running on through glare or a
 * dark area. */
static bool check_line(const struct scan *s, int cx, int cy, int dx, int dy, bool dark, int limit,
                       int *total, int *shift)
{
    int r[5], bx = cx, by = cy, ax = cx + dx, ay = cy + dy, ring = (6 * limit + 13) / 14;
    int back = line_run(s, &bx, &by, -dx, -dy, dark, limit);
    if (back > limit)
        return false;
    int ahead = line_run(s, &ax, &ay, dx, dy, dark, limit - back);
    r[2] = back + ahead;
    if (r[2] == 0 || r[2] > limit)
        return false;
    r[1] = line_run(s, &bx, &by, -dx, -dy, !dark, ring);
    if (r[1] == 0 || r[1] > ring)
        return false;
    r[3] = line_run(s, &ax, &ay, dx, dy, !dark, ring);
    if (r[3] == 0 || r[3] > ring)
        return false;
    r[0] = line_run(s, &bx, &by, -dx, -dy, dark, ring);
    if (r[0] == 0 || r[0] > ring)
        return false;
    r[4] = line_run(s, &ax, &ay, dx, dy, dark, ring);
    if (r[4] == 0 || r[4] > ring)
        return false;
    *shift = (ahead - back + 1) / 2;
    return finder_ratios(r, total);
}

/* Checks the column and a diagonal through a row crossing's centre (cx, y): a finder crosses
 * them in the same ratios and about as wide, where chance in a texture or in noise seldom
 * passes all three. Returns whether they agree, with the centre row in *cy and the module size
 * in *module. */
static bool check_finder(const struct scan *s, int cx, int y, bool dark, int htotal, int *cy,
                         float *module, bool *square)
{
    int vtotal, dtotal, shift, dshift;
    if (!check_line(s, cx, y, 0, 1, dark, htotal, &vtotal, &shift))
        return false;
    /* a finder seen at an angle is narrower one way, but not by half */
    if (vtotal < s->min_total || 2 * vtotal < htotal || vtotal > 2 * htotal)
        return false;
    *cy = y + shift;
    /* a diagonal step is 1.4 pixels: crossed diagonally the finder is as many steps as a row
     * crossing has pixels when upright, half as many when turned by 45 degrees */
    if (!check_line(s, cx, *cy, 1, 1, dark, htotal, &dtotal, &dshift))
        return false;
    if (5 * dtotal < 2 * htotal || 2 * dtotal > 3 * htotal)
        return false;
    int atotal, ashift;
    *square = check_line(s, cx, *cy, 1, -1, dark, htotal, &atotal, &ashift) &&
              5 * atotal >= 2 * htotal && 2 * atotal <= 3 * htotal;
    /* a row or column crosses a turned finder at a slant, up to 1.41 times its width at 45
     * degrees, where the diagonal crosses it straight: the narrowest of the three (a diagonal
     * step is 1.41 pixels) is within 8% of the width at any angle */
    float width = (float)(htotal < vtotal ? htotal : vtotal), diag = (float)dtotal * 1.4142f;
    *module = (diag < width ? diag : width) / 7.0f;
    return true;
}

/* Whether a group has crossings enough to be a candidate: rows through a finder's centre cross
 * it all along its 3 modules, chance only here and there. */
static bool is_candidate(const struct group *g)
{
    return g->n >= MIN_HITS && (float)(g->n * ROW_STEP) >= HITS_CENTRE * 3.0f * g->sm / (float)g->n;
}

/* Drops the groups too small to be candidates that rows from y on can no longer grow: rows are
 * crossed top to bottom, and a finder's crossings lie within two modules of its centre. */
static void prune(struct hits *h, float y)
{
    int kept = 0;
    for (int i = 0; i < h->ngroups; i++) {
        const struct group *g = &h->g[i];
        float gm = g->sm / (float)g->n;
        if (!is_candidate(g) && g->sy / (float)g->n + 2.0f * gm + 1.0f < y)
            continue;
        h->g[kept++] = *g;
    }
    h->ngroups = kept;
}

/* Adds a confirmed crossing to the candidate it belongs to, or starts a new one. */
static void add_hit(struct hits *h, float x, float y, float m, bool square)
{
    h->nhits++;
    for (int i = 0; i < h->ngroups; i++) {
        struct group *g = &h->g[i];
        float gm = g->sm / (float)g->n, near = 2.0f * gm + 1.0f;
        if (fabsf(x - g->sx / (float)g->n) <= near && fabsf(y - g->sy / (float)g->n) <= near &&
            m < 2.0f * gm && 2.0f * m > gm) {
            g->sx += x;
            g->sy += y;
            g->sm += m;
            g->n++;
            g->square += square;
            return;
        }
    }
    if (h->ngroups == LY_FINDER_GROUPS_MAX)
        prune(h, y);
    if (h->ngroups == LY_FINDER_GROUPS_MAX) {
        h->overflow = true;
        return;
    }
    h->g[h->ngroups++] = (struct group){x, y, m, 1, square};
}

/* Marks the dark pixels of row y in mask (1 dark, 0 light; mask[w] is the opposite of mask[w - 1],
 * so that the row ends with a transition), 16 pixels of one threshold block pair at a time: a
 * loop of known length, which the compiler vectorizes. lim holds each block's threshold plus one
 * (0: flat, never dark), so that dark is px < lim. */
static void dark_mask(const uint8_t *row, const uint8_t *lim, int w, uint8_t *mask)
{
    int x = 0;
    for (; x + 16 <= w; x += 16) {
        uint8_t l[16], m[16];
        if ((lim[x >> BLOCK_SHIFT] | lim[(x >> BLOCK_SHIFT) + 1]) == 0) {
            memset(mask + x, 0, 16); /* flat, no edges around: light, whatever the pixels */
            continue;
        }
        memset(l, lim[x >> BLOCK_SHIFT], BLOCK);
        memset(l + BLOCK, lim[(x >> BLOCK_SHIFT) + 1], BLOCK);
        for (int k = 0; k < 16; k++)
            m[k] = (uint8_t)(row[x + k] < l[k]);
        memcpy(mask + x, m, sizeof(m));
    }
    for (; x < w; x++)
        mask[x] = (uint8_t)(row[x] < lim[x >> BLOCK_SHIFT]);
    mask[w] = (uint8_t)!mask[w - 1];
}

/* Packs 64 bytes of 0 and 1 into a word, byte i into bit i: eight at a time with one multiply
 * (each byte's bit lands in the top byte at its own place). */
static uint64_t pack64(const uint8_t *m)
{
    uint64_t bits = 0;
    for (int k = 0; k < 8; k++) {
        uint64_t v;
        memcpy(&v, m + 8 * k, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v);
#endif
        bits |= ((v * 0x0102040810204080ULL) >> 56) << (8 * k);
    }
    return bits;
}

/* Cuts row y into runs and checks every five consecutive runs. The row is turned into a mask
 * first, packed 64 pixels to a word, and its transitions (bits that differ from the bit before)
 * taken one by one from the word, so that a flat stretch costs a word and a texture's many runs
 * no mispredicted branch each. */
static void scan_row(struct ly_finder *fd, const struct scan *s, int y)
{
    const uint8_t *row = s->px + (size_t)y * (size_t)s->stride;
    const int16_t *th = s->th + (size_t)(y >> BLOCK_SHIFT) * (size_t)s->bw;
    uint8_t *mask = fd->mask, *lim = fd->lim;
    int r[5] = {0}, runs = 0, start = 0, words = (s->w + 1 + 63) / 64;
    for (int b = 0; b < s->bw; b++)
        lim[b] = (uint8_t)(th[b] < 0 ? 0 : th[b] >= 255 ? 255 : th[b] + 1);
    lim[s->bw] = lim[s->bw - 1];
    dark_mask(row, lim, s->w, mask);
    /* past the row's end as mask[w]: no transition there */
    memset(mask + s->w + 1, mask[s->w], (size_t)(words * 64 - s->w - 1));
    bool color = mask[0];
    uint64_t carry = mask[0]; /* the bit before the word: pixel 0 starts the first run */
    for (int k = 0; k < words; k++) {
        uint64_t bits = pack64(mask + 64 * k);
        uint64_t edges = bits ^ ((bits << 1) | carry);
        carry = bits >> 63;
        while (edges != 0) {
            int x = 64 * k + __builtin_ctzll(edges), total, cy;
            float module;
            bool square;
            edges &= edges - 1;
            memmove(r, r + 1, sizeof(int) * 4);
            r[4] = x - start;
            start = x;
            runs++;
            /* the five runs end with one of the colour they start with: color */
            struct hits *h = &fd->hits[color ? LY_FINDER_DARK : LY_FINDER_LIGHT];
            /* most runs of a texture are a few pixels, or have no centre wider than the rings
             * beside it: both rule them out before the ratios */
            bool wide = 2 * r[2] > 3 * (r[1] > r[3] ? r[1] : r[3]);
            bool long_enough = r[0] + r[1] + r[2] + r[3] + r[4] >= s->min_total;
            /* one branch for both tests (bitwise and): in noise each alone is a coin toss for
             * the branch predictor, both together seldom pass */
            if ((int)wide & (int)long_enough & (runs >= 5) && !h->overflow &&
                finder_ratios(r, &total)) {
                int cx = x - r[4] - r[3] - r[2] + r[2] / 2;
                fd->checks++;
                if (check_finder(s, cx, y, color, total, &cy, &module, &square)) {
                    add_hit(h, (float)cx, (float)cy, module, square);
                    if (h->nhits > LY_FINDER_HITS_MAX)
                        h->overflow = true;
                }
            }
            color = !color;
        }
    }
    fd->edges += runs;
}

/* Grows the area to hold point (x, y) with a margin. */
static void include(struct ly_finder_area *a, float x, float y, float margin)
{
    int x0 = (int)floorf(x - margin), y0 = (int)floorf(y - margin);
    int x1 = (int)ceilf(x + margin) + 1, y1 = (int)ceilf(y + margin) + 1;
    if (!a->found) {
        a->x0 = x0;
        a->y0 = y0;
        a->x1 = x1;
        a->y1 = y1;
        a->found = true;
        return;
    }
    a->x0 = x0 < a->x0 ? x0 : a->x0;
    a->y0 = y0 < a->y0 ? y0 : a->y0;
    a->x1 = x1 > a->x1 ? x1 : a->x1;
    a->y1 = y1 > a->y1 ? y1 : a->y1;
}

struct cand {
    float x, y, m;
    bool square; /* a crossing of it agreed on both diagonals */
};

/* Whether two candidates can be finders of one code. */
static bool pair_ok(const struct cand *a, const struct cand *b)
{
    float m = (a->m + b->m) / 2.0f, d = hypotf(a->x - b->x, a->y - b->y);
    float big = a->m > b->m ? a->m : b->m, small = a->m > b->m ? b->m : a->m;
    return big < MODULE_SPREAD * small && d >= PAIR_MIN * m && d <= PAIR_MAX * m;
}

/* Whether a, b, c are a code's three finders with b at the corner: two sides of about one length
 * at about a right angle (perspective bends both). */
static bool corner_ok(const struct cand *a, const struct cand *b, const struct cand *c)
{
    float ux = a->x - b->x, uy = a->y - b->y, vx = c->x - b->x, vy = c->y - b->y;
    float lu = hypotf(ux, uy), lv = hypotf(vx, vy);
    if (lu > 1.5f * lv || lv > 1.5f * lu)
        return false;
    return fabsf(ux * vx + uy * vy) < 0.35f * lu * lv;
}

/* Three candidates i, b, k in a code's corner shape, b at the corner; side is the sum of the two
 * sides' lengths. */
struct corner {
    int i, b, k;
    int square; /* of the three, candidates square on both diagonals */
    float side;
};

/* Whether corner a ranks before b: more finders square on both diagonals, then larger; or, by
 * size, larger only. */
static bool corner_before(const struct corner *a, const struct corner *b, bool by_size)
{
    return a->square != b->square && !by_size ? a->square > b->square : a->side > b->side;
}

/* Grows the area to hold the code with finders at the corner t of candidates c (the fourth
 * corner completes the parallelogram), and keeps the smallest module size in *minm. */
static void include_corner(struct ly_finder_area *a, const struct cand *c, const struct corner *t,
                           float *minm)
{
    const struct cand *ci = &c[t->i], *cb = &c[t->b], *ck = &c[t->k];
    float margin = MARGIN * (ci->m + cb->m + ck->m) / 3.0f;
    include(a, ci->x, ci->y, margin);
    include(a, cb->x, cb->y, margin);
    include(a, ck->x, ck->y, margin);
    include(a, ci->x + ck->x - cb->x, ci->y + ck->y - cb->y, margin);
    if (!a->triple) { /* the first corner is the largest */
        const struct cand *p[3] = {ci, cb, ck};
        for (int j = 0; j < 3; j++) {
            a->corner[j][0] = p[j]->x;
            a->corner[j][1] = p[j]->y;
        }
        a->corner_module = (ci->m + cb->m + ck->m) / 3.0f;
    }
    a->triple = true;
    const float m[3] = {ci->m, cb->m, ck->m};
    for (int j = 0; j < 3; j++)
        *minm = *minm == 0 || m[j] < *minm ? m[j] : *minm;
}

/* Turns one polarity's candidates into an area. */
static void evaluate(const struct hits *h, int w, int hgt, bool by_size, struct ly_finder_area *a)
{
    struct cand c[LY_FINDER_GROUPS_MAX];
    bool pair[LY_FINDER_GROUPS_MAX][LY_FINDER_GROUPS_MAX];
    int n = 0;
    float minm = 0;
    memset(a, 0, sizeof(*a));
    for (int i = 0; i < h->ngroups; i++) {
        float k = (float)h->g[i].n;
        if (is_candidate(&h->g[i]))
            c[n++] =
                (struct cand){h->g[i].sx / k, h->g[i].sy / k, h->g[i].sm / k, h->g[i].square > 0};
    }
    a->candidates = n;
    if (h->overflow) {
        a->found = true;
        a->x1 = w;
        a->y1 = hgt;
        a->module = 0; /* unknown */
        return;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            pair[i][j] = i != j && pair_ok(&c[i], &c[j]);
    /* corners: the largest first, then only ones that share no candidate with a kept one (a
     * second code), so that a finder-like spot inside a code adds no corner of its own */
    struct corner t[CORNERS_MAX];
    bool used[LY_FINDER_GROUPS_MAX] = {false};
    int nt = 0;
    for (int b = 0; b < n; b++) {
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                if (!pair[b][i] || !pair[b][k] || !corner_ok(&c[i], &c[b], &c[k]))
                    continue;
                struct corner nc = {i, b, k, c[i].square + c[b].square + c[k].square,
                                    hypotf(c[i].x - c[b].x, c[i].y - c[b].y) +
                                        hypotf(c[k].x - c[b].x, c[k].y - c[b].y)};
                int at;
                if (nt < CORNERS_MAX)
                    at = nt++;
                else if (corner_before(&nc, &t[CORNERS_MAX - 1], by_size))
                    at = CORNERS_MAX - 1; /* more corners than kept: the last go */
                else
                    continue;
                while (at > 0 && corner_before(&nc, &t[at - 1], by_size)) {
                    t[at] = t[at - 1];
                    at--;
                }
                t[at] = nc;
            }
        }
    }
    for (int j = 0; j < nt; j++) {
        if (used[t[j].i] || used[t[j].b] || used[t[j].k])
            continue;
        used[t[j].i] = used[t[j].b] = used[t[j].k] = true;
        include_corner(a, c, &t[j], &minm);
    }
    /* no corner: a finder may be missing (blur, glare, a thumb); the third lies a side's length
     * to either side of a pair, or between them when the pair is a diagonal */
    for (int i = 0; !a->triple && i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            if (!pair[i][j])
                continue;
            float m = (c[i].m + c[j].m) / 2.0f, margin = MARGIN * m;
            float px = -(c[j].y - c[i].y), py = c[j].x - c[i].x;
            for (int s = -1; s <= 1; s++) {
                include(a, c[i].x + (float)s * px, c[i].y + (float)s * py, margin);
                include(a, c[j].x + (float)s * px, c[j].y + (float)s * py, margin);
            }
            minm = minm == 0 || c[i].m < minm ? c[i].m : minm;
            minm = c[j].m < minm ? c[j].m : minm;
            if (a->pairs++ == 0) { /* the first pair's centres, for the scanner's checks */
                a->corner[0][0] = c[i].x;
                a->corner[0][1] = c[i].y;
                a->corner[1][0] = c[j].x;
                a->corner[1][1] = c[j].y;
                a->corner_module = m;
                a->pair_square = (int)c[i].square + (int)c[j].square;
            }
        }
    }
    if (!a->found)
        return;
    a->module = minm;
    a->x0 = a->x0 < 0 ? 0 : a->x0;
    a->y0 = a->y0 < 0 ? 0 : a->y0;
    a->x1 = a->x1 > w ? w : a->x1;
    a->y1 = a->y1 > hgt ? hgt : a->y1;
    if (a->x1 <= a->x0 || a->y1 <= a->y0)
        a->found = false; /* only when the centres lie outside, which crossings cannot */
}

bool ly_finder_find(struct ly_finder *fd, const uint8_t *px, int width, int height, int stride,
                    struct ly_finder_area out[2])
{
    struct scan s = {px, width, height, stride, (width + BLOCK - 1) / BLOCK, NULL, MIN_TOTAL};
    int bh = (height + BLOCK - 1) / BLOCK;
    memset(out, 0, sizeof(out[0]) * LY_FINDER_POLARITIES);
    memset(fd->hits, 0, sizeof(fd->hits));
    fd->width = width;
    fd->height = height;
    fd->edges = fd->checks = 0;
    if (px == NULL || width < 1 || height < 1 || width > LY_FRAME_DIM_MAX ||
        height > LY_FRAME_DIM_MAX || stride < width)
        return true; /* nothing to look at */
    if (!ly_blockth_reserve(&fd->blocks, (size_t)s.bw * (size_t)bh))
        return false;
    if (ly_blockth_compute(&fd->blocks, px, width, height, stride) > WILD_NOISE)
        s.min_total = WILD_MIN_TOTAL;
    s.th = fd->blocks.th;
    for (int y = ROW_STEP / 2; y < height; y += ROW_STEP)
        scan_row(fd, &s, y);
    for (int p = 0; p < LY_FINDER_POLARITIES; p++)
        evaluate(&fd->hits[p], width, height, false, &out[p]);
    return true;
}

void ly_finder_by_size(const struct ly_finder *fd, struct ly_finder_area out[2])
{
    for (int p = 0; p < LY_FINDER_POLARITIES; p++)
        evaluate(&fd->hits[p], fd->width, fd->height, true, &out[p]);
}

void ly_finder_work(const struct ly_finder *fd, long *edges, long *checks)
{
    *edges = fd->edges;
    *checks = fd->checks;
}
