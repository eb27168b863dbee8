/* finder.h - the scanner's pre-check: looks for QR finder patterns (the concentric squares at
 * three corners of every QR code, crossed by any line through their centre as dark, light, dark,
 * light, dark runs in the ratio 1:1:3:1:1, or the same light on dark) in a Y800 image, in a
 * fraction of the time a ZBar pass takes. The scanner gives ZBar only frames in which it finds a
 * plausible set of them, and first only the area around them. Private to firmware/scan/scanner.c;
 * the measurements are in docs/scanning.md. */
#ifndef LY_FINDER_H
#define LY_FINDER_H

#include <stdbool.h>
#include <stdint.h>

/* Bounds on the work one image can cause (camera input is untrusted). */
#define LY_FINDER_HITS_MAX                                                                         \
    2048 /* finder-like crossings kept per polarity; beyond this the                               \
            image is a dense texture and is reported as "anywhere" */
#define LY_FINDER_GROUPS_MAX                                                                       \
    64 /* candidates (crossings grouped by place) kept per polarity;                               \
          pairing them is quadratic, triples cubic */

enum ly_finder_polarity {
    LY_FINDER_DARK,  /* dark code on light paper, as printed */
    LY_FINDER_LIGHT, /* light code on dark, as on a phone in dark mode */
    LY_FINDER_POLARITIES,
};

/* What the pre-check found in one polarity. */
struct ly_finder_area {
    bool found;          /* a plausible set: two or three candidates of one module size at the
                            distances a code puts them (or too many crossings to tell) */
    int x0, y0, x1, y1;  /* with found: where the code(s) may lie, margin included, clipped to the
                            image; x1 and y1 exclusive */
    float module;        /* with found: the smallest module size of the set, in pixels; 0 when
                            unknown (too many crossings) */
    int candidates;      /* finder candidates seen, plausible or not (for tests and tuning) */
    bool triple;         /* with found: three candidates in a code's corner shape */
    float corner[3][2];  /* with triple: the largest corner's finder centres, the corner one
                            second (the code's square is mapped upright from them); with pairs
                            only: the first pair's two centres */
    float corner_module; /* with triple or pairs: those finders' mean module size, in pixels */
    int pairs;           /* without triple: pairs of candidates that make the area */
    int pair_square;     /* with pairs only: of the first pair's two candidates, those whose
                            crossings agreed along both diagonals too */
};

struct ly_finder;

/* Creates a finder. Returns NULL when out of memory; the caller frees it with ly_finder_close. */
struct ly_finder *ly_finder_open(void);

/* Looks for finder patterns of both polarities in the width x height image at px (rows stride
 * bytes apart; 1 to LY_FRAME_DIM_MAX a side) and fills out, indexed by enum ly_finder_polarity.
 * Returns false only when out of memory (out then says nothing was found). The finder keeps no
 * pointer into the image. */
__attribute__((warn_unused_result)) bool ly_finder_find(struct ly_finder *fd, const uint8_t *px,
                                                        int width, int height, int stride,
                                                        struct ly_finder_area out[2]);

/* Fills out as the last ly_finder_find did, from the same crossings, but with the corner shapes
 * ranked by size alone: that call ranks first those whose finders also agree along their second
 * diagonal (in noise, chance candidates make larger corners that pass three lines but not four),
 * where a still image, which has no next frame, tries both. Nothing found when no search ran. */
void ly_finder_by_size(const struct ly_finder *fd, struct ly_finder_area out[2]);

/* The work of the last ly_finder_find: run transitions seen and crossings checked again. */
void ly_finder_work(const struct ly_finder *fd, long *edges, long *checks);

/* Frees a finder. NULL-safe. */
void ly_finder_close(struct ly_finder *fd);

#endif
