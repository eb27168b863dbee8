/* fuzz_scanner.c - libFuzzer harness for the whole scan pipeline (pre-check, the tries on each
 * candidate area, zxing-cpp, the whole-frame passes), camera and still-image configurations.
 * Random pixels seldom hold finder patterns, so half the inputs are frames drawn by qrsynth with
 * parameters and a payload taken from the input (the tries then run on real candidates), the
 * other half raw pixels. Frames are small (at most 96 x 96 pixels, raw ones sometimes 128 to 143
 * a side: qrs_frame_from_bytes says why), so that a run reaches its million executions. Every
 * result must lie within bounds: at most LY_SCAN_CODES_MAX codes, payloads within
 * LY_BADGE_CODE_MAX (or flagged oversized), boxes inside the frame. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scanner.h"
#include "tools/qrsynth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct ly_frame *f, const struct ly_scan_result *r)
{
    if (r->count < 0 || r->count > LY_SCAN_CODES_MAX)
        abort();
    for (int i = 0; i < r->count; i++) {
        const struct ly_scan_code *c = &r->codes[i];
        if ((!c->oversized && c->len > LY_BADGE_CODE_MAX) || (c->oversized && c->len == 0))
            abort();
        if (c->x0 < 0 || c->y0 < 0 || c->x1 >= f->width || c->y1 >= f->height || c->x0 > c->x1 ||
            c->y0 > c->y1)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ly_scanner *cam, *still;
    char err[128];
    if (size < 16)
        return 0;
    if (cam == NULL) {
        if (!ly_scanner_open(NULL, &cam, err, sizeof(err)) ||
            !ly_scanner_open(&ly_scanner_still, &still, err, sizeof(err)))
            abort();
    }
    struct ly_frame f;
    if (!qrs_frame_from_bytes(&f, data, size, LY_BADGE_CODE_MAX))
        return 0;
    struct ly_scan_result r;
    ly_scanner_reset(cam);
    if (!ly_scanner_scan(cam, &f, &r, err, sizeof(err)))
        abort();
    check(&f, &r);
    if (!ly_scanner_scan(still, &f, &r, err, sizeof(err)))
        abort();
    check(&f, &r);
    ly_frame_free(&f);
    return 0;
}
