/* bench_sealed.c - what sealing attendee details per badge (kioskdb_sealed.h, docs/security.md)
 * costs the decision path: ly_gate_decide at an entrance, for a Lanyard badge and for another
 * system's ticket code, on the same kiosk database with the attendee's details in clear and then
 * sealed (the scan's code opening them: a BLAKE2b and two XChaCha20-Poly1305 opens). Prints p50
 * and p99 milliseconds of verify+rules (the lookups, the open and the rules) and of the whole
 * decision with its journal write, each row on a fresh database (the re-entry rule reads the
 * attendee's movements, which grow along a row), then the key and open alone in microseconds.
 * LY_BENCH_ITERS sets the decisions per row (default 2000);
 * LY_BENCH_DIR the folder of the database (default build/bench). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/frame.h"
#include "common/num.h"
#include "gate/gate.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sealed.h"
#include "tools/kiosk_fixture.h"
#include "bench/stats.h"

#define TICKET "PRETIX-7Q2X" /* KF_PARTICIPANT's ticket code in the fixture */

/* Decides code iters times; prints a row. False on an error or when the name was not shown. */
static bool row(struct ly_gate *gate, const char *what, const char *code, int iters, double *decide,
                double *total)
{
    static int64_t mono = 1000000; /* on from row to row: an earlier time would be held off */
    char err[512];
    for (int i = 0; i < iters; i++) {
        struct ly_decision d = {0};
        struct ly_gate_time t = {kf_eat("2026-12-08T09:00") + (mono - 1000000) * 1000, mono};
        mono++;
        if (!ly_gate_decide(gate, code, strlen(code), t, &d, err, sizeof err)) {
            fprintf(stderr, "bench_sealed: %s\n", err);
            return false;
        }
        if (strcmp(d.attendee.name, "Amina Njoroge") != 0) {
            fprintf(stderr, "bench_sealed: %s: the name was not shown\n", what);
            return false;
        }
        decide[i] = d.ms_verify + d.ms_rules;
        total[i] = d.ms_verify + d.ms_rules + d.ms_journal;
    }
    printf("%-22s %7.4f %7.4f %9.4f %7.4f\n", what, bench_quantile(decide, iters, 0.5),
           bench_quantile(decide, iters, 0.99), bench_quantile(total, iters, 0.5),
           bench_quantile(total, iters, 0.99));
    return true;
}

/* A fresh kiosk database in path (the re-entry rule reads the attendee's movements, so every
 * row starts from an empty journal), its participant sealed when asked; the row's decisions. */
static bool run(const char *path, bool sealed, const char *what, const char *code, int iters,
                double *decide, double *total)
{
    char err[512], side[300];
    struct kf_keys keys;
    struct ly_kioskdb *db = NULL;
    struct ly_gate *gate = NULL;
    struct ly_gate_policy policy = ly_gate_policy_defaults;
    struct ly_kiosk_attendee a;
    struct ly_badge b;
    uint8_t k[2][LY_SEALED_KEY_BYTES];
    bool found = false;
    kf_keys(&keys);
    policy.holdoff_ms = 0;
    unlink(path);
    bool ok = ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err) &&
              kf_fill(db, &keys, true, err, sizeof err);
    if (ok && sealed) {
        /* sealed as the hub seals it: under its badge and its ticket code */
        char badge[LY_BADGE_CODE_MAX + 1];
        ok = kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, badge) &&
             ly_badge_parse(badge, strlen(badge), &b) == LY_BADGE_OK;
        if (ok) {
            ly_sealed_key_badge(b.sig, k[0]);
            ly_sealed_key_code(TICKET, k[1]);
        }
        ok = ok && ly_kioskdb_attendee(db, KF_PARTICIPANT, &a, &found, err, sizeof err) && found &&
             ly_sealed_seal(&a, (const uint8_t(*)[LY_SEALED_KEY_BYTES])k, 2) &&
             ly_kioskdb_begin(db, err, sizeof err) &&
             ly_kioskdb_put_attendee(db, &a, err, sizeof err) &&
             ly_kioskdb_commit(db, err, sizeof err);
    }
    ok = ok && ly_gate_open(db, "entrance", &policy, &gate, err, sizeof err);
    if (!ok)
        fprintf(stderr, "bench_sealed: %s\n", err);
    ok = ok && row(gate, what, code, iters, decide, total);
    ly_gate_close(gate);
    ly_kioskdb_close(db);
    unlink(path);
    static const char *const ext[] = {"-wal", "-shm", ".key"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", path, ext[i]);
        unlink(side);
    }
    return ok;
}

int main(void)
{
    const char *env = getenv("LY_BENCH_ITERS"), *where = getenv("LY_BENCH_DIR");
    int64_t n = 2000;
    if (env && !ly_num_int(env, 20, 1000000, &n)) {
        fprintf(stderr, "bench_sealed: LY_BENCH_ITERS must be 20 to 1000000\n");
        return 2;
    }
    int iters = (int)n;
    char path[256], code[LY_BADGE_CODE_MAX + 1];
    struct kf_keys keys;
    double *decide = calloc((size_t)iters, sizeof(double)),
           *total = calloc((size_t)iters, sizeof(double));
    snprintf(path, sizeof path, "%s/sealed-bench-%d.db", where ? where : "build/bench",
             (int)getpid());
    kf_keys(&keys);
    if (!decide || !total || !kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, code))
        return 1;
    printf("decision at an entrance, %d per row, each row on a fresh database in %s; "
           "ms p50 / p99\n",
           iters, where ? where : "build/bench");
    printf("%-22s %15s %17s\n", "details", "verify+rules", "with journal");
    bool ok = run(path, false, "clear, badge", code, iters, decide, total) &&
              run(path, true, "sealed, badge", code, iters, decide, total) &&
              run(path, false, "clear, ticket code", TICKET, iters, decide, total) &&
              run(path, true, "sealed, ticket code", TICKET, iters, decide, total);
    /* The open alone, as a scan adds it: the key from the signature, then the open. */
    struct ly_kiosk_attendee a = {.id = KF_PARTICIPANT, .badge_version = 1};
    struct ly_badge b;
    uint8_t k[LY_SEALED_KEY_BYTES];
    snprintf(a.name, sizeof a.name, "Amina Njoroge");
    memcpy(a.country, "KE", 3);
    ok = ok && ly_badge_parse(code, strlen(code), &b) == LY_BADGE_OK;
    ly_sealed_key_badge(b.sig, k);
    ok = ok && ly_sealed_seal(&a, (const uint8_t(*)[LY_SEALED_KEY_BYTES]) & k, 1);
    for (int i = 0; ok && i < iters; i++) {
        struct ly_kiosk_attendee c = a;
        int64_t t0 = ly_frame_now_ns();
        ly_sealed_key_badge(b.sig, k);
        ok = ly_sealed_open(&c, k);
        decide[i] = (double)(ly_frame_now_ns() - t0) / 1e3;
    }
    if (ok)
        printf("key and open alone: %.2f us p50, %.2f us p99\n", bench_quantile(decide, iters, 0.5),
               bench_quantile(decide, iters, 0.99));
    free(decide);
    free(total);
    return ok ? 0 : 1;
}
