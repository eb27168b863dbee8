/* scanner.h - finds badge QR codes in Y800 frames with ZBar's image scanner, QR only, binary mode
 * (no text conversion), with the preprocessing chosen by measurement (docs/scanning.md): frames
 * whose sampled pixels did not change are skipped, frames of 720 lines or more are shrunk to
 * about 360, and a pre-check for QR finder patterns (finder.h) decides whether ZBar runs at all
 * and on which part of the frame, dark codes and light ones (phone screens in dark mode) alike. */
#ifndef LY_SCANNER_H
#define LY_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/frame.h"
#include "common/ly_limits.h"

/* Most codes reported from one frame; a kiosk expects one badge in view. */
#define LY_SCAN_CODES_MAX 4

/* The tries on an area around finder patterns (docs/scanning.md), for ly_scanner_config.tries. */
#define LY_SCAN_TRY_UPRIGHT 1u /* the code's square mapped upright from its finders */
#define LY_SCAN_TRY_CROP    2u /* the area resampled and contrast-normalised */
#define LY_SCAN_TRY_ZXING   4u /* the area read by zxing-cpp */
#define LY_SCAN_TRY_RAW     8u /* the area resampled, as it is */

/* What the pipeline does. ly_scanner_defaults is what the kiosk's camera uses, ly_scanner_still
 * what it uses on image files; the benchmark and tests switch parts off to measure them. */
struct ly_scanner_config {
    bool qr_only;        /* false: every symbology ZBar has (stock ZBar, for comparison) */
    int density;         /* ZBar X and Y scan density: 1 scans every line, 2 every other one */
    int scale;           /* passes on the frame shrunk by this factor (box average), 1-4;
                            0: auto, height / 360 for frames of 720 lines or more, else 1 */
    bool full_res;       /* nothing found at scale > 1: an extra pass at full resolution */
    bool try_inverted;   /* nothing found: scan the inverted image (light code on dark) */
    bool try_mirrored;   /* nothing found: scan the mirrored image (ZBar reads mirrored QR
                            codes by itself: measured, off by default) */
    bool skip_unchanged; /* skip a frame whose sampled blocks match the last scanned frame */
    int rescan_every;    /* with skip_unchanged: scan at least every N-th frame anyway */
    int settle_frames;   /* with skip_unchanged: after a change, scan N more frames in any case */
    int extras_every;    /* 0-1: extra passes on every frame that shows nothing; N: one extra
                            pass, in turn, on one frame in N (a badge stays in view) */
    bool precheck;       /* look for QR finder patterns first (finder.h): ZBar reads the area
                            around them (inverted for light-on-dark ones), the whole frame only
                            when that finds nothing, and a frame without any not at all (but a
                            still image, extras_every 0-1, still gets every pass) */
    double module_px;    /* areas around finder patterns are resampled so that a module is about
                            this many pixels (0: 3) */
    int tries_per_frame; /* on a camera, 1: zxing-cpp tries an area ZBar failed on in the same
                            frame; 0: ZBar only */
    bool zxing;          /* zxing-cpp reads what ZBar could not: one of the tries on an area, and
                            a still image's whole frame (thorough search) as the last pass */
    unsigned tries;      /* LY_SCAN_TRY_* bits of the tries that may run; 0: all */
    bool no_timing;      /* on a camera, try corners without checking their timing patterns */
    long pixel_budget;   /* on a camera, pixels the tries of one frame may give the decoders in
                            all (about 36 ns each): a try that would need more is made smaller,
                            or left for a later frame; 0: no limit */
    long frame_budget;   /* on a camera, the work of one frame in all, in the same pixels: the
                            pre-check's work beyond its pass over the frame is taken from it
                            (a noisy frame's costs more), the tries get the rest, at most
                            pixel_budget and never less than a third of it; 0: no limit */
};

extern const struct ly_scanner_config ly_scanner_defaults;

/* The configuration for still images (lanyard-kiosk --scan): no next frame, so every try and
 * pass at once, then zxing-cpp's thorough search of the whole image. */
extern const struct ly_scanner_config ly_scanner_still;

/* One code found in a frame. */
struct ly_scan_code {
    char payload[LY_BADGE_CODE_MAX + 1]; /* NUL-terminated; may hold other NULs (binary mode) */
    size_t len;                          /* bytes in payload, or the symbol's length if oversized */
    bool oversized;                      /* longer than LY_BADGE_CODE_MAX: payload left empty */
    bool inverted, mirrored;             /* which pass found it */
    int x0, y0, x1, y1;                  /* bounding box in frame pixels */
};

/* The result of scanning one frame. */
struct ly_scan_result {
    int count; /* codes found */
    struct ly_scan_code codes[LY_SCAN_CODES_MAX];
    bool skipped; /* the frame was not scanned: it matched the last scanned frame */
    int passes;   /* ZBar passes run (0 when skipped, or when the pre-check found nothing) */
    int finders;  /* plausible sets of finder patterns the pre-check found, one per polarity */
    bool cropped; /* the codes were read from the area around finder patterns */
    int zxing;    /* zxing-cpp runs (on areas, or a still image's whole frame) */
    long pixels;  /* pixels the tries on areas gave the decoders */
};

struct ly_scanner;

/* Creates a scanner with cfg (NULL: ly_scanner_defaults). Returns false with a message in err
 * (nothing to free then). The caller frees *out with ly_scanner_close. */
__attribute__((warn_unused_result)) bool ly_scanner_open(const struct ly_scanner_config *cfg,
                                                         struct ly_scanner **out, char *err,
                                                         size_t errsz);

/* Scans one frame into *res. Returns false with a message in err only when the frame cannot be
 * scanned at all (bad size, out of memory); finding nothing is success with res->count == 0.
 * The scanner keeps no pointer into the frame. */
__attribute__((warn_unused_result)) bool ly_scanner_scan(struct ly_scanner *sc,
                                                         const struct ly_frame *frame,
                                                         struct ly_scan_result *res, char *err,
                                                         size_t errsz);

/* Forgets the previous frame, so that the next one is scanned whatever it holds (used between
 * unrelated images, e.g. files given to --scan). */
void ly_scanner_reset(struct ly_scanner *sc);

/* Frees a scanner. NULL-safe. */
void ly_scanner_close(struct ly_scanner *sc);

#endif
