/* test_scanner.c - the scanner on camera-like frames (tests/tools/qrsynth.h): a 144-character
 * badge-like code scaled, rotated, in perspective, blurred, noisy, low in contrast, inverted and
 * mirrored, at 640x480 and 1280x720, read on the first frame and around its finder patterns;
 * ZBar never run on idle frames; nothing in blank and noise frames; oversized and binary
 * payloads; frame skipping; padded strides. */
#include <stdlib.h>

#include "../check.h"
#include "../tools/qrsynth.h"
#include "capture/frame.h"
#include "scan/scanner.h"
#include "scan/zxread.h"

static char payload[145];

/* Scans f once with cfg; returns the number of codes, with the first in *code. */
static int scan_with(const struct ly_scanner_config *cfg, const struct ly_frame *f,
                     struct ly_scan_code *code)
{
    struct ly_scanner *sc;
    struct ly_scan_result res;
    char err[128];
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)))
        return -1;
    if (!ly_scanner_scan(sc, f, &res, err, sizeof(err)))
        res.count = -1;
    if (res.count > 0)
        *code = res.codes[0];
    ly_scanner_close(sc);
    return res.count;
}

/* Every variant decodes to exactly the payload with all passes run on the one frame (what
 * --scan does); also reports whether one plain ZBar pass alone reads it, for docs/scanning.md. */
static void test_variants_single_frame(void)
{
    struct ly_scanner_config all = ly_scanner_defaults;
    struct ly_scanner_config plain = {.qr_only = true, .density = 1, .scale = 1};
    all.skip_unchanged = false;
    all.extras_every = 1;
    all.full_res = true;
    for (size_t s = 0; s < 2; s++) {
        for (size_t v = 0; v < QRS_VARIANTS; v++) {
            struct ly_frame f;
            struct ly_scan_code code;
            CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
            CHECK(qrs_frame(&f, payload, &qrs_variants[v].p));
            int n = scan_with(&all, &f, &code);
            if (n != 1 || strcmp(code.payload, payload) != 0)
                fprintf(stderr, "%dx%d %s: not decoded\n", qrs_sizes[s][0], qrs_sizes[s][1],
                        qrs_variants[v].name);
            CHECK_INT(n, 1);
            CHECK_STR(n == 1 ? code.payload : "", payload);
            CHECK_INT(code.len, 144);
            /* the box lies around the code's centre */
            int cx = (int)((qrs_variants[v].p.cx > 0 ? qrs_variants[v].p.cx : 0.5) * f.width);
            int cy = (int)((qrs_variants[v].p.cy > 0 ? qrs_variants[v].p.cy : 0.5) * f.height);
            CHECK(code.x0 < cx && cx < code.x1 && code.y0 < cy && cy < code.y1);
            CHECK(code.inverted == qrs_variants[v].p.inverted);
            struct ly_scan_code pc;
            int np = scan_with(&plain, &f, &pc);
            printf("# %dx%d %-18s one plain full-resolution ZBar pass: %s\n", qrs_sizes[s][0],
                   qrs_sizes[s][1], qrs_variants[v].name, np == 1 ? "read" : "nothing");
            ly_frame_free(&f);
        }
    }
}

/* With the kiosk's defaults every variant is read on the first camera frame it is in, as before
 * the pre-check (docs/scanning.md), and in the same place as the pipeline without the pre-check
 * (whole-frame passes) finds it: the areas ZBar reads map back to the frame. */
static void test_variants_camera(void)
{
    struct ly_scanner_config whole = ly_scanner_defaults;
    whole.precheck = false;
    for (size_t s = 0; s < 2; s++) {
        for (size_t v = 0; v < QRS_VARIANTS; v++) {
            struct ly_scanner *sc;
            struct ly_frame f;
            struct ly_scan_result res = {0};
            struct ly_scan_code wc = {0};
            char err[128];
            int frames = 0, found = 0;
            CHECK(ly_scanner_open(NULL, &sc, err, sizeof(err)));
            CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
            while (frames < 5 && !found) {
                struct qrs_params p = qrs_variants[v].p;
                p.seed = (unsigned)frames + 1;
                CHECK(qrs_frame(&f, payload, &p));
                CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
                frames++;
                if (res.count == 1 && strcmp(res.codes[0].payload, payload) == 0)
                    found = frames;
            }
            if (found != 1)
                fprintf(stderr, "%dx%d %s: read at frame %d\n", qrs_sizes[s][0], qrs_sizes[s][1],
                        qrs_variants[v].name, found);
            CHECK_INT(found, 1);
            CHECK_INT(scan_with(&whole, &f, &wc), 1);
            const struct ly_scan_code *c = &res.codes[0];
            int slack = qrs_sizes[s][1] / 80; /* a module or two */
            CHECK(abs(c->x0 - wc.x0) <= slack && abs(c->y0 - wc.y0) <= slack &&
                  abs(c->x1 - wc.x1) <= slack && abs(c->y1 - wc.y1) <= slack);
            printf("# %dx%d %-18s kiosk defaults: read at frame %d%s\n", qrs_sizes[s][0],
                   qrs_sizes[s][1], qrs_variants[v].name, found,
                   res.cropped ? ", around its finder patterns" : ", whole frame");
            ly_frame_free(&f);
            ly_scanner_close(sc);
        }
    }
}

/* The pre-check is what keeps ZBar off idle frames: a moving idle scene (every frame changed,
 * none skipped), in good and in dim light, is never given to ZBar; without the pre-check every
 * frame is. */
static void test_precheck_idle(void)
{
    struct ly_scanner_config whole = ly_scanner_defaults;
    whole.precheck = false;
    for (size_t s = 0; s < 2; s++) {
        struct ly_scanner *sc, *wsc;
        struct ly_frame f;
        char err[128];
        int scanned = 0, zbar_run = 0, whole_run = 0;
        CHECK(ly_scanner_open(NULL, &sc, err, sizeof(err)));
        CHECK(ly_scanner_open(&whole, &wsc, err, sizeof(err)));
        CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
        for (unsigned i = 0; i < 12; i++) {
            struct qrs_params p = {
                .noise = i % 2 ? 10 : 3, .blur = 1, .seed = i + 1, .scene = i + 1};
            struct ly_scan_result res;
            CHECK(qrs_frame(&f, NULL, &p));
            CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
            scanned += !res.skipped;
            zbar_run += res.passes > 0;
            CHECK_INT(res.count, 0);
            CHECK_INT(res.finders, 0);
            CHECK(ly_scanner_scan(wsc, &f, &res, err, sizeof(err)));
            whole_run += res.passes > 0;
        }
        CHECK_INT(scanned, 12);
        CHECK_INT(zbar_run, 0);
        CHECK_INT(whole_run, 12);
        ly_frame_free(&f);
        ly_scanner_close(sc);
        ly_scanner_close(wsc);
    }
}

/* A badge in view takes the fast path: one ZBar pass, over the area around its finder patterns
 * only. A light-on-dark code (a phone in dark mode) is read on any frame it appears in, not only
 * on the frames whose turn it is for the inverted whole-frame pass. */
static void test_precheck_badge(void)
{
    for (size_t s = 0; s < 2; s++) {
        struct ly_scanner *sc;
        struct ly_frame f;
        char err[128];
        CHECK(ly_scanner_open(NULL, &sc, err, sizeof(err)));
        CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
        for (unsigned i = 0; i < 6; i++) {
            struct qrs_params p = {.size = 0.45,
                                   .angle_deg = 8,
                                   .blur = 1,
                                   .noise = 3,
                                   .seed = i + 1,
                                   .scene = 7,
                                   .inverted = i >= 3};
            struct ly_scan_result res;
            CHECK(qrs_frame(&f, payload, &p));
            CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
            CHECK_INT(res.count, 1);
            CHECK_STR(res.count == 1 ? res.codes[0].payload : "", payload);
            CHECK(res.cropped);
            CHECK_INT(res.passes, 1);
            CHECK(res.codes[0].inverted == p.inverted);
        }
        ly_frame_free(&f);
        ly_scanner_close(sc);
    }
}

/* Frames with no badge decode nothing: a scene, pure noise, flat grey, black, white. */
static void test_blank_and_noise(void)
{
    struct ly_scanner_config all = ly_scanner_defaults;
    all.skip_unchanged = false;
    all.extras_every = 1;
    for (size_t s = 0; s < 2; s++) {
        struct ly_frame f;
        struct ly_scan_code code;
        uint32_t r = 99;
        struct qrs_params scene = {.noise = 6, .scene = 5, .seed = 1};
        CHECK(ly_frame_alloc(&f, qrs_sizes[s][0], qrs_sizes[s][1]));
        CHECK(qrs_frame(&f, NULL, &scene));
        CHECK_INT(scan_with(&all, &f, &code), 0);
        for (size_t i = 0; i < (size_t)f.width * (size_t)f.height; i++)
            f.data[i] = (uint8_t)qrs_rand(&r);
        CHECK_INT(scan_with(&all, &f, &code), 0);
        static const int levels[] = {128, 0, 255};
        for (int k = 0; k < 3; k++) {
            memset(f.data, levels[k], (size_t)f.width * (size_t)f.height);
            CHECK_INT(scan_with(&all, &f, &code), 0);
        }
        ly_frame_free(&f);
    }
}

/* A symbol longer than LY_BADGE_CODE_MAX is reported as oversized with no payload. */
static void test_oversized(void)
{
    char big[301];
    struct ly_frame f;
    struct ly_scan_code code;
    struct qrs_params p = {.size = 0.9, .scene = 1};
    memset(big, 'A', 300);
    big[300] = '\0';
    CHECK(ly_frame_alloc(&f, 1280, 720));
    CHECK(qrs_frame(&f, big, &p));
    CHECK_INT(scan_with(&ly_scanner_defaults, &f, &code), 1);
    CHECK(code.oversized);
    CHECK_INT(code.len, 300);
    CHECK_STR(code.payload, "");
    ly_frame_free(&f);
}

/* Binary mode: bytes that are not ASCII come back unchanged (ZBar would otherwise convert). */
static void test_binary_payload(void)
{
    static const char bytes[] = "LY1:\xe9t\xe9\xff\x80\x01end";
    struct ly_frame f;
    struct ly_scan_code code;
    struct qrs_params p = {.size = 0.5, .scene = 1};
    CHECK(ly_frame_alloc(&f, 640, 480));
    CHECK(qrs_frame(&f, bytes, &p));
    CHECK_INT(scan_with(&ly_scanner_defaults, &f, &code), 1);
    CHECK_INT(code.len, strlen(bytes));
    CHECK(memcmp(code.payload, bytes, strlen(bytes)) == 0);
    ly_frame_free(&f);
}

/* An unchanged frame is skipped, but never more than rescan_every - 1 times in a row, and a
 * change is scanned at once. */
static void test_skip_unchanged(void)
{
    struct ly_scanner_config cfg = ly_scanner_defaults;
    struct ly_scanner *sc;
    struct ly_frame f;
    struct ly_scan_result res;
    struct qrs_params scene = {.noise = 2, .scene = 4, .seed = 1};
    char err[128];
    int skipped = 0;
    cfg.settle_frames = 0;
    cfg.rescan_every = 4;
    CHECK(ly_scanner_open(&cfg, &sc, err, sizeof(err)));
    CHECK(ly_frame_alloc(&f, 640, 480));
    CHECK(qrs_frame(&f, NULL, &scene));
    CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
    CHECK(!res.skipped);
    for (int i = 0; i < 3; i++) {
        scene.seed = (unsigned)i + 2; /* fresh sensor noise, same scene */
        CHECK(qrs_frame(&f, NULL, &scene));
        CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
        skipped += res.skipped;
    }
    CHECK_INT(skipped, 3);
    CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
    CHECK(!res.skipped); /* the 4th frame is scanned anyway */
    struct qrs_params badge = {.size = 0.5, .noise = 2, .scene = 4, .seed = 9};
    CHECK(qrs_frame(&f, payload, &badge));
    CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
    CHECK(!res.skipped);
    CHECK_INT(res.count, 1);
    ly_scanner_reset(sc);
    CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
    CHECK(!res.skipped);
    ly_frame_free(&f);
    ly_scanner_close(sc);
}

/* A frame with padding at the end of each row decodes like a packed one; bad frames are refused. */
static void test_stride_and_bad_frames(void)
{
    struct ly_frame packed, padded;
    struct ly_scan_code code;
    struct qrs_params p = {.size = 0.5, .scene = 2};
    CHECK(ly_frame_alloc(&packed, 640, 480));
    CHECK(qrs_frame(&packed, payload, &p));
    CHECK(ly_frame_alloc(&padded, 704, 480));
    padded.width = 640;
    for (int y = 0; y < 480; y++)
        memcpy(padded.data + (size_t)y * 704, packed.data + (size_t)y * 640, 640);
    CHECK_INT(scan_with(&ly_scanner_defaults, &padded, &code), 1);
    CHECK_STR(code.payload, payload);
    padded.stride = 100; /* narrower than the width */
    CHECK_INT(scan_with(&ly_scanner_defaults, &padded, &code), -1);
    padded.stride = 704;
    ly_frame_free(&packed);
    ly_frame_free(&padded);
}

/* Reads frames drawn with p (fresh sensor noise each) into a camera scanner with cfg until the
 * payload is read; returns the frame it was read on (1 = first) or 0 after max frames. Counts
 * the ZBar passes and zxing-cpp runs of the busiest frame into *passes and *zx. */
static int frames_to_read(const struct ly_scanner_config *cfg, int w, int h, struct qrs_params p,
                          int max, int *passes, int *zx)
{
    struct ly_scanner *sc;
    struct ly_frame f;
    char err[128];
    int read = 0;
    *passes = *zx = 0;
    if (!ly_scanner_open(cfg, &sc, err, sizeof(err)) || !ly_frame_alloc(&f, w, h))
        return -1;
    for (int i = 1; i <= max && read == 0; i++) {
        struct ly_scan_result res;
        p.seed = (unsigned)i * 31u + 7u;
        CHECK(qrs_frame(&f, payload, &p));
        CHECK(ly_scanner_scan(sc, &f, &res, err, sizeof(err)));
        *passes = res.passes > *passes ? res.passes : *passes;
        *zx = res.zxing > *zx ? res.zxing : *zx;
        if (res.count == 1 && strcmp(res.codes[0].payload, payload) == 0)
            read = i;
    }
    ly_frame_free(&f);
    ly_scanner_close(sc);
    return read;
}

/* Small codes, as a badge held at arm's length is to a 720p camera: modules of 1.5 to 2 pixels,
 * turned by any angle. The pre-check runs at full size and the area is enlarged (and mapped
 * upright) before ZBar reads it: read within three frames, with at most two tries a frame. The
 * old pipeline (pre-check on the frame shrunk by two) read none of them. */
static void test_small_modules(void)
{
    static const double sizes[] = {0.12, 0.14, 0.16};
    static const double angles[] = {0, 17, 45, 100, 200, 290};
    int frames[4] = {0};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (size_t a = 0; a < sizeof(angles) / sizeof(angles[0]); a++) {
            struct qrs_params p = {.size = sizes[i],
                                   .angle_deg = angles[a],
                                   .noise = 3,
                                   .scene = (unsigned)a + 1,
                                   .cx = 0.35 + 0.05 * (double)a,
                                   .cy = 0.45};
            int passes, zx;
            int n = frames_to_read(NULL, 1280, 720, p, 3, &passes, &zx);
            if (n == 0)
                fprintf(stderr, "size %.2f angle %.0f: not read in 3 frames\n", sizes[i],
                        angles[a]);
            CHECK(n >= 1 && n <= 3);
            CHECK(passes <= 2);
            CHECK(zx <= 1);
            frames[n >= 0 && n < 4 ? n : 0]++;
        }
    }
    printf("# small modules at 1280x720: read at frame 1: %d, 2: %d, 3: %d, not: %d\n", frames[1],
           frames[2], frames[3], frames[0]);
    CHECK(frames[1] >= 15); /* most on the first frame */
}

/* Strong keystone (one edge 40% longer than the other), where ZBar's detector fails at any
 * size: zxing-cpp reads it, as a try on the (widened) area on a camera and as a still image's
 * last pass; without zxing-cpp the pipeline reads fewer. */
static void test_perspective_zxing(void)
{
    struct ly_scanner_config still_zbar = ly_scanner_still, cam_zbar = ly_scanner_defaults;
    still_zbar.zxing = false;
    cam_zbar.zxing = false;
    int read_still = 0, read_cam = 0, zbar_still = 0, zbar_cam = 0, zxing_alone = 0;
    for (unsigned i = 0; i < 4; i++) {
        struct qrs_params p = {.size = 0.3,
                               .tilt = 0.2,
                               .angle_deg = 10.0 + 25.0 * i,
                               .noise = 3,
                               .scene = i + 2,
                               .seed = i + 1};
        struct ly_frame f;
        struct ly_scan_code code;
        int passes, zx;
        CHECK(ly_frame_alloc(&f, 1280, 720));
        CHECK(qrs_frame(&f, payload, &p));
        read_still +=
            scan_with(&ly_scanner_still, &f, &code) == 1 && strcmp(code.payload, payload) == 0;
        zbar_still += scan_with(&still_zbar, &f, &code) == 1;
        struct ly_zxread_code zc[LY_SCAN_CODES_MAX];
        zxing_alone += ly_zxread(f.data, f.width, f.height, f.stride, true, zc, 1) == 1;
        ly_frame_free(&f);
        int n = frames_to_read(NULL, 1280, 720, p, 8, &passes, &zx);
        read_cam += n > 0;
        CHECK(zx <= 1);
        zbar_cam += frames_to_read(&cam_zbar, 1280, 720, p, 8, &passes, &zx) > 0;
    }
    printf(
        "# keystone 0.2: still %d/4 (ZBar alone %d, zxing-cpp alone %d), camera in 8 frames %d/4 "
        "(ZBar alone %d)\n",
        read_still, zbar_still, zxing_alone, read_cam, zbar_cam);
    CHECK(read_still >= 3);
    CHECK(read_still >= zxing_alone);
    CHECK(read_cam >= 3);
    CHECK(zbar_still < read_still);
}

/* The frame budget: a frame whose pre-check met much (sensor noise) gives its tries fewer pixels
 * than without the budget, never more, and a code it left for later is read on a later frame
 * (a badge stays in view). */
static void test_frame_budget(void)
{
    struct ly_scanner_config unbounded = ly_scanner_defaults;
    unbounded.frame_budget = 0;
    int fewer = 0, tried = 0;
    for (int i = 0; i < 12; i++) {
        struct qrs_params p = {.size = 0.16 + 0.02 * (i % 4),
                               .angle_deg = 11.0 * i,
                               .tilt = 0.1 * (i % 3),
                               .noise = 8 + 6 * (i % 4),
                               .scene = (unsigned)i + 1,
                               .seed = (unsigned)i * 131u + 5u};
        struct ly_frame f;
        struct ly_scan_result with, without;
        struct ly_scanner *a, *b;
        char err[128];
        CHECK(ly_frame_alloc(&f, 1280, 720));
        CHECK(qrs_frame(&f, payload, &p));
        CHECK(ly_scanner_open(NULL, &a, err, sizeof(err)));
        CHECK(ly_scanner_open(&unbounded, &b, err, sizeof(err)));
        CHECK(ly_scanner_scan(a, &f, &with, err, sizeof(err)));
        CHECK(ly_scanner_scan(b, &f, &without, err, sizeof(err)));
        CHECK(with.pixels <= without.pixels);
        CHECK(with.pixels <= ly_scanner_defaults.pixel_budget);
        tried += without.pixels > 0;
        fewer += with.pixels < without.pixels;
        if (without.count == 1) { /* read without the budget: read with it within 4 frames */
            int passes, zx;
            CHECK(frames_to_read(NULL, 1280, 720, p, 4, &passes, &zx) >= 1);
        }
        ly_scanner_close(a);
        ly_scanner_close(b);
        ly_frame_free(&f);
    }
    printf("# frame budget: %d of %d noisy frames gave their tries fewer pixels\n", fewer, tried);
    CHECK(tried >= 6);
    CHECK(fewer >= 1);
}

int main(void)
{
    qrs_badge_payload(42, payload);
    RUN(test_variants_single_frame);
    RUN(test_variants_camera);
    RUN(test_precheck_idle);
    RUN(test_precheck_badge);
    RUN(test_blank_and_noise);
    RUN(test_oversized);
    RUN(test_binary_payload);
    RUN(test_skip_unchanged);
    RUN(test_stride_and_bad_frames);
    RUN(test_small_modules);
    RUN(test_perspective_zxing);
    RUN(test_frame_budget);
    return CHECK_DONE();
}
