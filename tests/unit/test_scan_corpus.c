/* test_scan_corpus.c - the scanner against a fixed sample of the venue corpus
 * (tests/tools/venue/venue.h): the first SAMPLE frames of every condition at both sizes and
 * IDLE_SAMPLE idle frames, scanned as the kiosk does (ly_scanner_defaults, one frame) and as
 * lanyard-kiosk --scan does. tests/data/scan/expected.tsv lists what the pipeline read when it
 * was recorded: every frame listed as read must still be read with its payload, no frame may
 * give a wrong payload, no idle frame may give a code. Frames read now but not listed are
 * reported, not failed: `make scan-expected` records the table again (docs/scanning.md). The
 * corpus itself is checked too: deterministic, and each frame's truth is sane.
 * The venue library is linked without sanitizers (only the scanner is under test here), which
 * keeps the run to seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "capture/frame.h"
#include "scan/scanner.h"
#include "tools/venue/venue.h"

#define SAMPLE      2 /* frames per condition and size */
#define IDLE_SAMPLE 6 /* idle frames per size */
#define EXPECTED    "tests/data/scan/expected.tsv"
#define ROWS_MAX    512

enum cfg { CFG_KIOSK, CFG_STILL, CFG_COUNT };
static const char *const cfg_names[CFG_COUNT] = {"kiosk", "still"};

static struct venue *venue;

struct row {
    int w, cond, index, cfg;
    bool read;
};

static struct row rows[ROWS_MAX];
static int nrows;

/* The configuration of lanyard-kiosk --scan (firmware/kiosk/kiosk_main.c scan_files). */
static struct ly_scanner_config config(enum cfg c)
{
    struct ly_scanner_config cfg = ly_scanner_defaults;
    if (c == CFG_STILL) {
        cfg.skip_unchanged = false;
        cfg.extras_every = 1;
        cfg.full_res = true;
    }
    return cfg;
}

/* Reads EXPECTED into rows; false (with a message) when it is missing or malformed. */
static bool load_expected(void)
{
    FILE *f = fopen(EXPECTED, "r");
    char line[256];
    if (f == NULL) {
        fprintf(stderr, "%s: missing (run: make scan-expected)\n", EXPECTED);
        return false;
    }
    bool ok = true;
    while (ok && fgets(line, sizeof(line), f) != NULL) {
        char cond[32], cfg[16], verdict[16];
        int w, h, index;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (nrows >= ROWS_MAX ||
            sscanf(line, "%dx%d %31s %d %15s %15s", &w, &h, cond, &index, cfg, verdict) != 6) {
            fprintf(stderr, "%s: bad line: %s", EXPECTED, line);
            ok = false;
            break;
        }
        struct row *r = &rows[nrows++];
        r->w = w;
        r->cond = venue_cond_by_name(cond);
        r->index = index;
        r->cfg = strcmp(cfg, "still") == 0 ? CFG_STILL : CFG_KIOSK;
        r->read = strcmp(verdict, "read") == 0;
        ok = r->cond >= 0 && (strcmp(verdict, "read") == 0 || strcmp(verdict, "-") == 0);
        if (!ok)
            fprintf(stderr, "%s: bad line: %s", EXPECTED, line);
    }
    fclose(f);
    return ok;
}

static const struct row *expected_row(int w, int cond, int index, int cfg)
{
    for (int i = 0; i < nrows; i++)
        if (rows[i].w == w && rows[i].cond == cond && rows[i].index == index && rows[i].cfg == cfg)
            return &rows[i];
    return NULL;
}

/* Scans f with a fresh scanner; returns 1 read, 0 nothing, -1 a code that is not payload. */
static int scan(enum cfg c, const struct ly_frame *f, const char *payload)
{
    struct ly_scanner_config cfg = config(c);
    struct ly_scanner *sc;
    struct ly_scan_result res;
    char err[256];
    if (!ly_scanner_open(&cfg, &sc, err, sizeof(err)))
        return -1;
    int out = 0;
    if (!ly_scanner_scan(sc, f, &res, err, sizeof(err)))
        res.count = 0, out = -1;
    for (int k = 0; k < res.count; k++) {
        bool right = payload != NULL && res.codes[k].len == strlen(payload) &&
                     memcmp(res.codes[k].payload, payload, res.codes[k].len) == 0;
        out = right && out == 0 ? 1 : -1;
    }
    ly_scanner_close(sc);
    return out;
}

/* The same shot renders to the same bytes, with or without the background kept; code frames
 * know their payload and module size. */
static void test_corpus_deterministic(void)
{
    struct ly_frame a, b;
    struct venue_truth ta, tb;
    struct venue_shot s;
    char err[256];
    CHECK(ly_frame_alloc(&a, 640, 480));
    CHECK(ly_frame_alloc(&b, 640, 480));
    for (int c = 0; c < VC_COUNT; c += 3) {
        venue_shot_draw(venue, c, 640, 480, 1, &s);
        CHECK(venue_render(venue, &s, &a, &ta, err, sizeof(err)));
        CHECK(venue_render(venue, &s, &b, &tb, err, sizeof(err)));
        CHECK(memcmp(a.data, b.data, (size_t)a.stride * a.height) == 0);
        if (c == VC_IDLE) {
            CHECK(ta.payload == NULL);
        } else {
            CHECK(ta.payload != NULL);
            CHECK(ta.module_px > 1.2 && ta.module_px < 12);
        }
    }
    /* an entering-view trial drawn with its background kept between frames is the same */
    struct venue_seq q;
    struct venue_bgcache cache = {0};
    venue_seq_draw(venue, 640, 480, 3, &q);
    for (int i = 0; i < q.n; i += 7) {
        CHECK(venue_render(venue, &q.shots[i], &a, &ta, err, sizeof(err)));
        CHECK(venue_render_cached(venue, &q.shots[i], &cache, &b, &tb, err, sizeof(err)));
        CHECK(memcmp(a.data, b.data, (size_t)a.stride * a.height) == 0);
    }
    venue_bgcache_free(&cache);
    ly_frame_free(&a);
    ly_frame_free(&b);
}

/* The sample against the table; with LY_SCAN_EXPECTED_WRITE=PATH, writes the table instead. */
static void test_corpus_reads(void)
{
    const char *write_path = getenv("LY_SCAN_EXPECTED_WRITE");
    FILE *out = NULL;
    if (write_path != NULL) {
        out = fopen(write_path, "w");
        CHECK(out != NULL);
        if (out == NULL)
            return;
        fprintf(out, "# What the scan pipeline read on test_scan_corpus's sample of the venue "
                     "corpus. Written by\n# `make scan-expected` (docs/scanning.md); columns: "
                     "size, condition, frame, configuration, read or -.\n");
    } else if (!load_expected()) {
        CHECK(false);
        return;
    }
    int listed = 0, kept = 0, lost = 0, wrong = 0, gained = 0;
    for (int si = 0; si < VENUE_SIZES; si++) {
        int w = venue_sizes[si][0], h = venue_sizes[si][1];
        struct ly_frame f;
        CHECK(ly_frame_alloc(&f, w, h));
        for (int c = 0; c < VC_COUNT; c++) {
            for (int i = 0; i < (c == VC_IDLE ? IDLE_SAMPLE : SAMPLE); i++) {
                struct venue_shot s;
                struct venue_truth t;
                char err[256];
                venue_shot_draw(venue, c, w, h, (uint32_t)i, &s);
                CHECK(venue_render(venue, &s, &f, &t, err, sizeof(err)));
                for (int k = 0; k < CFG_COUNT; k++) {
                    int got = scan((enum cfg)k, &f, t.payload);
                    if (got < 0) {
                        fprintf(stderr, "%dx%d %s %d %s: a wrong code\n", w, h, venue_cond_name(c),
                                i, cfg_names[k]);
                        wrong++;
                    }
                    if (out != NULL) {
                        fprintf(out, "%dx%d\t%s\t%d\t%s\t%s\n", w, h, venue_cond_name(c), i,
                                cfg_names[k], got > 0 ? "read" : "-");
                        continue;
                    }
                    const struct row *r = expected_row(w, c, i, k);
                    if (r == NULL) {
                        fprintf(stderr, "%dx%d %s %d %s: not in %s (run: make scan-expected)\n", w,
                                h, venue_cond_name(c), i, cfg_names[k], EXPECTED);
                        lost++;
                        continue;
                    }
                    listed += r->read;
                    if (r->read && got > 0)
                        kept++;
                    else if (r->read) {
                        fprintf(stderr, "%dx%d %s %d %s: no longer read\n", w, h,
                                venue_cond_name(c), i, cfg_names[k]);
                        lost++;
                    } else if (got > 0) {
                        printf("# %dx%d %s %d %s: read now, not in the table (make "
                               "scan-expected)\n",
                               w, h, venue_cond_name(c), i, cfg_names[k]);
                        gained++;
                    }
                }
            }
        }
        ly_frame_free(&f);
    }
    if (out != NULL) {
        CHECK(fclose(out) == 0);
        printf("# wrote %s\n", write_path);
    } else {
        printf("# %d of %d listed reads kept, %d newly read\n", kept, listed, gained);
        CHECK(listed > 0);
        CHECK_INT(lost, 0);
    }
    CHECK_INT(wrong, 0);
}

int main(void)
{
    char err[512];
    if (!venue_open(&venue, err, sizeof(err))) {
        fprintf(stderr, "test_scan_corpus: %s\n", err);
        printf("not ok - venue corpus\n");
        return 1;
    }
    RUN(test_corpus_deterministic);
    RUN(test_corpus_reads);
    venue_close(venue);
    return CHECK_DONE();
}
