/* bench_kiosk.c - the kiosk's whole path from a camera frame to a journaled decision: the scanner
 * (as the kiosk runs it, every frame scanned: a moving scene), the badge's signature, the gate's
 * rules and the durable journal write (WAL, synchronous=FULL, on the build folder's disk), at an
 * entrance, on camera-like frames of 640x480 and 1280x720 with and without a badge in view. As
 * in the kiosk, the journal's checkpoints run between badges, outside the timed path.
 * Prints p50 and p99 milliseconds per stage. LY_BENCH_ITERS sets the frames per row (default
 * 300); LY_BENCH_DIR the folder of the journal (default build/bench). The target: frame-to-decision
 * p99 under 5 ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/frame.h"
#include "gate/gate.h"
#include "kioskdb/kioskdb.h"
#include "common/num.h"
#include "scan/scanner.h"
#include "tools/kiosk_fixture.h"
#include "tools/qrsynth.h"
#include "bench/stats.h"

#define SEQ 8 /* frames in one sequence, each with fresh sensor noise */

static double ms(int64_t t0)
{
    return (double)(ly_frame_now_ns() - t0) / 1e6;
}

int main(void)
{
    static const int sizes[][2] = {{640, 480}, {1280, 720}};
    const char *env = getenv("LY_BENCH_ITERS");
    int64_t n = 300;
    if (env && !ly_num_int(env, 20, 1000000, &n)) {
        fprintf(stderr, "bench_kiosk: LY_BENCH_ITERS must be 20 to 1000000\n");
        return 2;
    }
    int iters = (int)n;
    char err[512], path[256], code[LY_BADGE_CODE_MAX + 1];
    struct kf_keys keys;
    struct ly_kioskdb *db;
    struct ly_gate *gate;
    struct ly_gate_policy policy = ly_gate_policy_defaults;
    double *scan = calloc((size_t)iters, sizeof(double)),
           *decide = calloc((size_t)iters, sizeof(double)),
           *journal = calloc((size_t)iters, sizeof(double)),
           *total = calloc((size_t)iters, sizeof(double));

    const char *where = getenv("LY_BENCH_DIR"); /* another disk or a tmpfs, to compare */
    snprintf(path, sizeof path, "%s/kiosk-bench-%d.db", where ? where : "build/bench",
             (int)getpid());
    unlink(path);
    kf_keys(&keys);
    policy.holdoff_ms = 0; /* every frame with the badge is a decision */
    if (!scan || !decide || !journal || !total ||
        !ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !kf_fill(db, &keys, true, err, sizeof err) ||
        !ly_gate_open(db, "entrance", &policy, &gate, err, sizeof err) ||
        !kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, code)) {
        fprintf(stderr, "bench_kiosk: %s\n", err);
        return 1;
    }
    printf("frame to journaled decision at an entrance, %d frames per row, journal in %s; "
           "ms p50 / p99\n",
           iters, where ? where : "build/bench");
    printf("%-9s %-6s %15s %15s %15s %15s %6s\n", "frame", "scene", "scan", "verify+rules",
           "journal", "total", "read");
    for (size_t s = 0; s < 2; s++) {
        for (int with_badge = 0; with_badge < 2; with_badge++) {
            struct ly_frame frames[SEQ];
            struct ly_scanner *sc;
            struct ly_scanner_config cfg = ly_scanner_defaults;
            int read = 0;
            cfg.skip_unchanged = false; /* a moving scene: every frame is scanned */
            if (!ly_scanner_open(&cfg, &sc, err, sizeof err))
                return 1;
            for (int i = 0; i < SEQ; i++) {
                struct qrs_params p = {.size = 0.45,
                                       .angle_deg = 8,
                                       .blur = 1,
                                       .noise = 3,
                                       .seed = (unsigned)i + 1,
                                       .scene = 3};
                if (!ly_frame_alloc(&frames[i], sizes[s][0], sizes[s][1]) ||
                    !qrs_frame(&frames[i], with_badge ? code : NULL, &p))
                    return 1;
            }
            for (int i = 0; i < iters; i++) {
                struct ly_scan_result res;
                struct ly_decision d = {0};
                struct ly_gate_time t = {kf_eat("2026-12-08T09:00") + i * 1000, 1000000 + i};
                int64_t t0 = ly_frame_now_ns();
                if (!ly_scanner_scan(sc, &frames[i % SEQ], &res, err, sizeof err))
                    return 1;
                scan[i] = ms(t0);
                if (res.count > 0) {
                    read++;
                    if (!ly_gate_decide(gate, res.codes[0].payload, res.codes[0].len, t, &d, err,
                                        sizeof err)) {
                        fprintf(stderr, "bench_kiosk: %s\n", err);
                        return 1;
                    }
                }
                total[i] = ms(t0);
                journal[i] = d.ms_journal;
                decide[i] = d.ms_verify + d.ms_rules;
                /* The kiosk checkpoints between badges (idle frames), off the decision path. */
                if (read % 64 == 0 && res.count > 0 &&
                    !ly_kioskdb_checkpoint(db, NULL, err, sizeof err))
                    return 1;
            }
            char name[16];
            snprintf(name, sizeof name, "%dx%d", sizes[s][0], sizes[s][1]);
            printf("%-9s %-6s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %3d/%d\n", name,
                   with_badge ? "badge" : "idle", bench_quantile(scan, iters, 0.5),
                   bench_quantile(scan, iters, 0.99), bench_quantile(decide, iters, 0.5),
                   bench_quantile(decide, iters, 0.99), bench_quantile(journal, iters, 0.5),
                   bench_quantile(journal, iters, 0.99), bench_quantile(total, iters, 0.5),
                   bench_quantile(total, iters, 0.99), read, iters);
            fflush(stdout);
            for (int i = 0; i < SEQ; i++)
                ly_frame_free(&frames[i]);
            ly_scanner_close(sc);
        }
    }
    ly_gate_close(gate);
    ly_kioskdb_close(db);
    unlink(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    free(scan);
    free(decide);
    free(journal);
    free(total);
    return 0;
}
