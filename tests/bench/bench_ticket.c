/* bench_ticket.c - the decision path's lookup of another system's ticket code
 * (ly_kioskdb_find_alt_code, as ly_gate_decide makes it for a code that is not a Lanyard badge),
 * in a kiosk database of 2,500 attendees each holding a ticket code: since kiosk schema 8 the
 * scanned code is hashed with the kiosk's key (keyed BLAKE2b) and looked up by its hash
 * (docs/security.md, "A stolen kiosk"). Prints p50 and p99 microseconds of a hit and of a miss.
 * LY_BENCH_ITERS sets the lookups per row (default 20000); LY_BENCH_DIR the folder of the
 * database (default build/bench). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/frame.h"
#include "common/num.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "bench/stats.h"

#define ATTENDEES 2500

static bool fill(struct ly_kioskdb *db, char *err, size_t errsz)
{
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    for (uint32_t id = 1; id <= ATTENDEES; id++) {
        struct ly_kiosk_attendee a = {.id = id, .badge_version = 1};
        char code[32];
        snprintf(a.name, sizeof a.name, "Person %u", (unsigned)id);
        snprintf(a.category, sizeof a.category, "participant");
        memcpy(a.country, "KE", 3);
        snprintf(code, sizeof code, "PRETIX-%08u-XK", (unsigned)id * 7919u);
        if (!ly_kioskdb_put_attendee(db, &a, err, errsz) ||
            !ly_kioskdb_put_alt_code(db, code, id, err, errsz))
            return false;
    }
    return ly_kioskdb_commit(db, err, errsz);
}

int main(void)
{
    const char *env = getenv("LY_BENCH_ITERS"), *where = getenv("LY_BENCH_DIR");
    int64_t n = 20000;
    char err[512], path[256];
    struct ly_kioskdb *db = NULL;
    if (env && !ly_num_int(env, 100, 10000000, &n)) {
        fprintf(stderr, "bench_ticket: LY_BENCH_ITERS must be 100 to 10000000\n");
        return 2;
    }
    int iters = (int)n;
    double *t = calloc((size_t)iters, sizeof *t);
    snprintf(path, sizeof path, "%s/ticket-bench-%d.db", where ? where : "build/bench",
             (int)getpid());
    if (!t || !ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !fill(db, err, sizeof err)) {
        fprintf(stderr, "bench_ticket: %s\n", err);
        return 1;
    }
    printf("ticket code lookup among %d codes, %d lookups per row; us p50 / p99\n", ATTENDEES,
           iters);
    for (int miss = 0; miss < 2; miss++) {
        for (int i = 0; i < iters; i++) {
            char code[32];
            uint32_t id = 0, want = (uint32_t)(i % ATTENDEES) + 1;
            snprintf(code, sizeof code, miss ? "EB-%08u-NONE" : "PRETIX-%08u-XK",
                     (unsigned)want * 7919u);
            int64_t t0 = ly_frame_now_ns();
            if (!ly_kioskdb_find_alt_code(db, code, &id, err, sizeof err) ||
                id != (miss ? 0 : want)) {
                fprintf(stderr, "bench_ticket: lookup of %s gave %u: %s\n", code, (unsigned)id,
                        err);
                return 1;
            }
            t[i] = (double)(ly_frame_now_ns() - t0) / 1e3;
        }
        printf("%-5s %8.2f / %8.2f\n", miss ? "miss" : "hit", bench_quantile(t, iters, 0.5),
               bench_quantile(t, iters, 0.99));
    }
    ly_kioskdb_close(db);
    unlink(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    snprintf(side, sizeof side, "%s.key", path);
    unlink(side);
    free(t);
    return 0;
}
