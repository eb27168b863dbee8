/* bench_ui_screen.c - the kiosk screen, measured in the running program: ly_ui_run (SDL's offscreen
 * video driver, the software renderer, the screen at 1280x800 and 1920x1080) with the camera
 * replaced by a folder of camera-like frames at 30 frames per second, a badge in one frame of
 * five (every one decided: no hold-off) after three seconds without any, the rest a scene
 * without one. Prints, per screen size,
 * p50 and p99 of
 *   - decoded to presented: from the scanner returning a badge's code to the result screen
 *     being presented (the decision, its durable journal write, drawing and presenting);
 *   - frame time: drawing and presenting one frame of the idle screen while the camera preview
 *     runs.
 * LY_BENCH_BADGES sets the badges per size (default 40). */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/frame.h"
#include "kiosk/kconfig.h"
#include "kioskdb/kioskdb.h"
#include "common/num.h"
#include "tools/kiosk_fixture.h"
#include "tools/qrsynth.h"
#include "shell/ui.h"
#include "bench/stats.h"

#define IDLE_PER_BADGE 4
#define IDLE_FIRST     90 /* frames without a badge first: the idle screen with the preview */
#define FPS            30

/* Writes f as a binary PGM (P5): quick to write and to read back. */
static bool write_pgm(const struct ly_frame *f, const char *path)
{
    FILE *out = fopen(path, "wb");
    if (!out)
        return false;
    fprintf(out, "P5\n%d %d\n255\n", f->width, f->height);
    for (int y = 0; y < f->height; y++)
        fwrite(f->data + (size_t)y * (size_t)f->stride, 1, (size_t)f->width, out);
    return fclose(out) == 0;
}

/* Writes the frames: per badge, one frame with it and IDLE_PER_BADGE without. */
static bool make_frames(const char *dir, const struct kf_keys *keys, int badges, int w, int h)
{
    struct ly_frame f;
    char path[512], code[LY_BADGE_CODE_MAX + 1];
    if (!ly_frame_alloc(&f, w, h))
        return false;
    int k = 0;
    for (; k < IDLE_FIRST; k++) {
        struct qrs_params p = {.noise = 3, .seed = (unsigned)k + 1, .scene = 3};
        snprintf(path, sizeof path, "%s/%05d.pgm", dir, k);
        if (!qrs_frame(&f, NULL, &p) || !write_pgm(&f, path))
            return false;
    }
    for (int b = 0; b < badges; b++) {
        for (int i = 0; i <= IDLE_PER_BADGE; i++) {
            struct qrs_params p = {.size = 0.45,
                                   .angle_deg = 8,
                                   .blur = 1,
                                   .noise = 3,
                                   .seed = (unsigned)k + 1,
                                   .scene = 3};
            /* Two attendees in turn: granted, then (entered already, re-entry allowed) granted. */
            if (i == 0 &&
                !kf_code(keys, b % 2 ? KF_PARTICIPANT : KF_SPEAKER, 1, KF_EVENT_ID, false, code))
                return false;
            snprintf(path, sizeof path, "%s/%05d.pgm", dir, k++);
            if (!qrs_frame(&f, i == 0 ? code : NULL, &p) || !write_pgm(&f, path))
                return false;
        }
    }
    ly_frame_free(&f);
    return true;
}

static bool run(const char *dir, int badges, int sw, int sh)
{
    char err[512], db[600], src[600], events[600];
    struct kf_keys keys;
    struct ly_kioskdb *kdb;
    kf_keys(&keys);
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    snprintf(src, sizeof src, "dir:%s/frames@%d", dir, FPS);
    snprintf(events, sizeof events, "%s/events", dir);
    unlink(db);
    if (!ly_kioskdb_open(db, LY_KIOSKDB_KIOSK, &kdb, err, sizeof err) ||
        !kf_fill(kdb, &keys, false, err, sizeof err)) {
        fprintf(stderr, "bench_ui_screen: %s\n", err);
        return false;
    }
    ly_kioskdb_close(kdb);
    /* The frames last badges * 5 / FPS seconds; then the kiosk is closed. */
    FILE *ev = fopen(events, "w");
    if (!ev)
        return false;
    fprintf(ev, "screen idle\nwait %d\nquit\n",
            (IDLE_FIRST + badges * (IDLE_PER_BADGE + 1)) * 1000 / FPS + 1500);
    fclose(ev);

    struct ly_kiosk_config cfg;
    struct ly_ui_options opt = {.events_path = events, .width = sw, .height = sh};
    ly_kconfig_defaults(&cfg);
    if (!ly_kconfig_set(&cfg, "db", db, err, sizeof err) ||
        !ly_kconfig_set(&cfg, "gate", "entrance", err, sizeof err) ||
        !ly_kconfig_set(&cfg, "source", src, err, sizeof err) ||
        !ly_kconfig_set(&cfg, "holdoff", "0", err, sizeof err) ||
        !ly_kconfig_set(&cfg, "at", "2026-12-08T10:00", err, sizeof err)) {
        fprintf(stderr, "bench_ui_screen: %s\n", err);
        return false;
    }
    FILE *out = tmpfile();
    if (!out || ly_ui_run(&cfg, &opt, NULL, out) != 0) {
        fprintf(stderr, "bench_ui_screen: the kiosk failed\n");
        return false;
    }
    rewind(out);
    double *present = calloc(4096, sizeof(double)), *frame = calloc(65536, sizeof(double));
    int np = 0, nf = 0;
    char line[8192];
    while (present && frame && fgets(line, sizeof line, out)) {
        const char *p = strstr(line, "\"ms_decoded_to_presented\":");
        const char *f = strstr(line, "\"frame_ms\":");
        if (p && np < 4096)
            present[np++] = strtod(p + 26, NULL);
        if (f && strstr(line, "\"screen\":\"idle\"") && nf < 65536)
            frame[nf++] = strtod(f + 11, NULL);
    }
    fclose(out);
    printf("%4dx%-5d %8.2f %8.2f %5d/%-5d %8.2f %8.2f %7d\n", sw, sh,
           bench_quantile(present, np, 0.5), bench_quantile(present, np, 0.99), np, badges,
           bench_quantile(frame, nf, 0.5), bench_quantile(frame, nf, 0.99), nf);
    fflush(stdout);
    free(present);
    free(frame);
    return np > 0 && nf > 0;
}

int main(void)
{
    static const int screens[][2] = {{1280, 800}, {1920, 1080}};
    const char *env = getenv("LY_BENCH_BADGES");
    int64_t badges = 40;
    if (env && !ly_num_int(env, 5, 1000, &badges)) {
        fprintf(stderr, "bench_ui_screen: LY_BENCH_BADGES must be 5 to 1000\n");
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    setenv("LY_UI_TRACE_FRAMES", "1", 1);
    char dir[256], frames[300];
    snprintf(dir, sizeof dir, "build/bench/ui-%d", (int)getpid());
    snprintf(frames, sizeof frames, "%s/frames", dir);
    struct kf_keys keys;
    kf_keys(&keys);
    if (mkdir(dir, 0755) != 0 || mkdir(frames, 0755) != 0 ||
        !make_frames(frames, &keys, (int)badges, 1280, 720)) {
        fprintf(stderr, "bench_ui_screen: cannot write the frames in %s\n", frames);
        return 1;
    }
    printf("kiosk screen (offscreen, software renderer), camera 1280x720 at %d fps, a badge in "
           "one frame of %d; ms\n",
           FPS, IDLE_PER_BADGE + 1);
    printf("%-10s %8s %8s %11s %8s %8s %7s\n", "screen", "decoded", "to shown", "results", "frame",
           "time", "frames");
    printf("%-10s %8s %8s %11s %8s %8s %7s\n", "", "p50", "p99", "", "p50", "p99", "");
    bool ok = true;
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        ok = run(dir, (int)badges, screens[i][0], screens[i][1]) && ok;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_ui_screen: could not remove %s\n", dir);
    return ok ? 0 : 1;
}
