/* bench_search.c - staff mode's search by name (ly_kioskdb_search) on a kiosk database of
 * 100,000 demo attendees (names in their own scripts and romanized), for queries a badge desk
 * types: one letter, a first name, a first name and the start of a family name, a name with
 * and without its accents, a name in Cyrillic, Arabic or Chinese, a romanized name, nothing
 * found, and pairs of common letters (which walk the name index). Prints p50 and p99
 * milliseconds per query (up to 20 results, as a screen shows), and how long keying the database
 * took. LY_BENCH_ITERS sets the runs per query (default 200); LY_BENCH_DIR the database's folder
 * (default build/bench). The target: p99 under 20 ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/frame.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_staff.h"
#include "common/num.h"
#include "tools/demo_kiosk.h"
#include "bench/stats.h"

#define ATTENDEES 100000
#define RESULTS   20

int main(void)
{
    static const char *const queries[] = {
        "a",    "m",      "mo",   "james", "jose gar", "müller", "muller", "nguyen",
        "ivan", "wang l", "李",   "иван",  "محمد",     "al hus", "o",      "maria s",
        "sara", "kim ji", "zzzz", "e w",   "abdel",    "a m",    "s a",    "m m",
    };
    const size_t nq = sizeof queries / sizeof queries[0];
    const char *env = getenv("LY_BENCH_ITERS"), *dir = getenv("LY_BENCH_DIR");
    int64_t n = 200;
    if (env && !ly_num_int(env, 10, 100000, &n)) {
        fprintf(stderr, "bench_search: LY_BENCH_ITERS must be 10 to 100000\n");
        return 2;
    }
    int iters = (int)n;
    char err[512], path[256], wal[300];
    struct ly_kioskdb *db = NULL;
    static struct ly_kiosk_attendee found[RESULTS];
    double *t = calloc((size_t)iters, sizeof *t), *all = calloc(nq * (size_t)iters, sizeof *all);
    if (!t || !all)
        return 1;
    snprintf(path, sizeof path, "%s/bench_search.db", dir ? dir : "build/bench");
    unlink(path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    int64_t t0 = ly_frame_now_ns();
    if (!ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &db, err, sizeof err) ||
        !dk_fill(db, ATTENDEES, 2026, err, sizeof err)) {
        fprintf(stderr, "bench_search: %s\n", err);
        return 1;
    }
    printf("%d attendees written and keyed in %.1f s\n", ATTENDEES,
           (double)(ly_frame_now_ns() - t0) / 1e9);
    printf("%-10s %8s %8s %8s\n", "query", "results", "p50 ms", "p99 ms");
    size_t total = 0;
    for (size_t q = 0; q < nq; q++) {
        size_t got = 0;
        for (int i = 0; i < iters; i++) {
            int64_t s = ly_frame_now_ns();
            if (!ly_kioskdb_search(db, queries[q], found, RESULTS, &got, err, sizeof err)) {
                fprintf(stderr, "bench_search: %s\n", err);
                return 1;
            }
            t[i] = all[total++] = (double)(ly_frame_now_ns() - s) / 1e6;
        }
        printf("%-10s %8zu %8.2f %8.2f\n", queries[q], got, bench_quantile(t, iters, 0.5),
               bench_quantile(t, iters, 0.99));
    }
    printf("%-10s %8s %8.2f %8.2f\n", "all", "", bench_quantile(all, (int)total, 0.5),
           bench_quantile(all, (int)total, 0.99));
    ly_kioskdb_close(db);
    free(t);
    free(all);
    return 0;
}
