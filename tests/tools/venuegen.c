/* venuegen.c - writes the venue corpus (tests/tools/venue/venue.h) as image files with a
 * manifest, so that any decoder (lanyard-kiosk --scan, zbarimg, ...) runs on the same frames
 * and a person can look at them. Each file is the frame as the camera sent it: its MJPEG frame
 * (.jpg) when it had one, else a PNG.
 *   build/tools/venuegen [-o DIR] [-n PER] [-c CONDITION] [-s 640|1280] [-q TRIALS]
 * writes DIR/CONDITION-WxH-NNN.{png,jpg} for PER frames per condition and size (default 16), and
 * TRIALS entering-view sequences per size as DIR/seq-WxH-TT-FF.{png,jpg} (default 0), and
 * DIR/manifest.tsv: file, condition, width, height, px per module, code inside, payload or -. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/num.h"
#include "tools/pngout.h"
#include "tools/venue/venue.h"

/* Writes payload with anything but printable ASCII (and backslash, tab) escaped. */
static void put_payload(FILE *m, const char *p)
{
    if (p == NULL) {
        fputs("-", m);
        return;
    }
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c > 0x7e || c == '\\')
            fprintf(m, "\\x%02x", c);
        else
            fputc(c, m);
    }
}

/* Renders s and writes it as the camera sent it: the MJPEG frame's JPEG bytes when it had
 * JPEG, else a PNG; adds its manifest line. */
static bool emit(struct venue *v, const struct venue_shot *s, const char *dir, const char *name,
                 const char *cond, FILE *m)
{
    struct ly_frame f;
    struct venue_truth t;
    struct venue_shot raw = *s;
    char err[256], path[1024];
    raw.jpeg_quality = 0;
    if (!ly_frame_alloc(&f, s->width, s->height)) {
        fprintf(stderr, "venuegen: out of memory\n");
        return false;
    }
    bool ok = venue_render(v, &raw, &f, &t, err, sizeof(err));
    snprintf(path, sizeof(path), "%s/%s.%s", dir, name, s->jpeg_quality > 0 ? "jpg" : "png");
    if (ok && s->jpeg_quality > 0) {
        unsigned char *buf = NULL;
        unsigned long len = 0;
        ok = venue_jpeg_encode(&f, s->jpeg_quality, &buf, &len, err, sizeof(err));
        FILE *out = ok ? fopen(path, "wb") : NULL;
        if (ok && (out == NULL || fwrite(buf, 1, len, out) != len)) {
            snprintf(err, sizeof(err), "cannot write %.200s", path);
            ok = false;
        }
        if (out != NULL && fclose(out) != 0 && ok) {
            snprintf(err, sizeof(err), "cannot write %.200s", path);
            ok = false;
        }
        free(buf);
    } else if (ok && !write_png(&f, path)) {
        snprintf(err, sizeof(err), "cannot write %.200s", path);
        ok = false;
    }
    if (ok) {
        fprintf(m, "%s.%s\t%s\t%d\t%d\t%.2f\t%d\t", name, s->jpeg_quality > 0 ? "jpg" : "png", cond,
                s->width, s->height, t.module_px, t.code_inside);
        put_payload(m, t.payload);
        fputc('\n', m);
    } else {
        fprintf(stderr, "venuegen: %s\n", err);
    }
    ly_frame_free(&f);
    return ok;
}

int main(int argc, char **argv)
{
    const char *dir = "out/venue";
    int64_t per = 16, trials = 0, only_w = 0;
    int only_cond = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = val != NULL;
        if (ok && strcmp(a, "-o") == 0)
            dir = val;
        else if (ok && strcmp(a, "-n") == 0)
            ok = ly_num_int(val, 1, 1000, &per);
        else if (ok && strcmp(a, "-q") == 0)
            ok = ly_num_int(val, 0, 200, &trials);
        else if (ok && strcmp(a, "-s") == 0)
            ok = ly_num_int(val, 640, 1280, &only_w) && (only_w == 640 || only_w == 1280);
        else if (ok && strcmp(a, "-c") == 0)
            ok = (only_cond = venue_cond_by_name(val)) >= 0;
        else
            ok = false;
        if (!ok) {
            fprintf(stderr, "usage: venuegen [-o DIR] [-n PER 1-1000] [-c CONDITION] "
                            "[-s 640|1280] [-q TRIALS 0-200]\nconditions:");
            for (int c = 0; c < VC_COUNT; c++)
                fprintf(stderr, " %s", venue_cond_name(c));
            fputc('\n', stderr);
            return 2;
        }
        i++;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "venuegen: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    struct venue *v;
    char err[512], path[1024];
    if (!venue_open(&v, err, sizeof(err))) {
        fprintf(stderr, "venuegen: %s\n", err);
        return 1;
    }
    snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
    FILE *m = fopen(path, "w");
    if (m == NULL) {
        fprintf(stderr, "venuegen: %s: %s\n", path, strerror(errno));
        venue_close(v);
        return 1;
    }
    fprintf(m, "file\tcondition\twidth\theight\tmodule_px\tinside\tpayload\n");
    int rc = 0, written = 0;
    for (int si = 0; si < VENUE_SIZES && rc == 0; si++) {
        int w = venue_sizes[si][0], h = venue_sizes[si][1];
        if (only_w != 0 && only_w != w)
            continue;
        for (int c = 0; c < VC_COUNT && rc == 0; c++) {
            if (only_cond >= 0 && c != only_cond)
                continue;
            for (int64_t i = 0; i < per && rc == 0; i++) {
                struct venue_shot s;
                char name[128];
                venue_shot_draw(v, c, w, h, (uint32_t)i, &s);
                snprintf(name, sizeof(name), "%s-%dx%d-%03d", venue_cond_name(c), w, h, (int)i);
                rc = emit(v, &s, dir, name, venue_cond_name(c), m) ? 0 : 1;
                written++;
            }
        }
        for (int64_t t = 0; t < trials && rc == 0; t++) {
            struct venue_seq q;
            venue_seq_draw(v, w, h, (uint32_t)t, &q);
            for (int i = 0; i < q.n && rc == 0; i++) {
                char name[128];
                snprintf(name, sizeof(name), "seq-%dx%d-%02d-%02d", w, h, (int)t, i);
                rc = emit(v, &q.shots[i], dir, name, "seq", m) ? 0 : 1;
                written++;
            }
        }
    }
    if (fclose(m) != 0)
        rc = 1;
    venue_close(v);
    if (rc == 0)
        printf("venuegen: %d frames and %s/manifest.tsv\n", written, dir);
    return rc;
}
