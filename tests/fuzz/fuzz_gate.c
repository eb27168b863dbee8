/* fuzz_gate.c - libFuzzer harness for the whole payload-to-decision path: a code (arbitrary
 * bytes, or a genuinely signed badge with fuzzed fields) at a fuzzed gate and time goes through
 * identification, the rules and the journal of a real kiosk database (in /dev/shm, so that the
 * durable write stays cheap; removed at exit, as its journal grows by hundreds of megabytes in
 * a short run). Every decision must be one of the three, carry a reason exactly when denied, be
 * journaled with the next sequence number, and a grant needs an identified code.
 *
 * Every SYNC_EVERY decisions the harness does what a kiosk does with time: the sync client takes
 * the unsent check-ins in batches and marks them sent (as when the hub committed them), and the
 * journal is checkpointed. Without that the write-ahead log grows by about 35 kB a decision (35
 * GB in a run of a million) and counting the unsent journal slows every decision down.
 *
 * Input: byte 0 picks the gate, bytes 1-2 the minutes after 2026-12-07 00:00 (Nairobi), byte 3
 * the mode (even: the rest is the code; odd: bytes 4-9 are a badge's attendee, version, event
 * and key, signed, then the rest is appended to the code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate/gate.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "tools/kiosk_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const gates[] = {"entrance",        "exit",         "desk",
                                    "session:MS-1",    "session:HL-1", "room:3",
                                    "room:Quiet room", "exit:room:3"};
#define NGATES (sizeof gates / sizeof gates[0])

/* The kiosk loop's CHECKPOINT_FORCE (firmware/kiosk/loop.c) */
#define SYNC_EVERY 512
#define SYNC_BATCH 256

static struct ly_kioskdb *db;
static struct ly_gate *gate_of[NGATES];
static struct kf_keys keys;
static int64_t mono = 1;
static char path[96];

static void cleanup(void)
{
    char p[128];
    for (size_t i = 0; i < NGATES; i++)
        ly_gate_close(gate_of[i]);
    ly_kioskdb_close(db);
    const char *sides[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sides[i]);
        unlink(p);
    }
}

/* Stops the fuzzer with what broke. */
static void broken(const char *what, const struct ly_decision *d)
{
    fprintf(stderr, "fuzz_gate: %s (decision %s, reason %s, direction %d)\n", what,
            ly_decision_name(d->kind), d->reason_code, d->checkin.direction);
    abort();
}

static void setup(void)
{
    char err[512];
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/lanyard-fuzz-gate-%ld.db", dir, (long)getpid());
    unlink(path);
    atexit(cleanup);
    kf_keys(&keys);
    if (!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !kf_fill(db, &keys, true, err, sizeof err)) {
        fprintf(stderr, "fuzz_gate: %s\n", err);
        abort();
    }
    for (size_t i = 0; i < NGATES; i++) {
        struct ly_gate_policy p = ly_gate_policy_defaults;
        p.reentry = (enum ly_reentry)(i % 3);
        p.late_entry_min = i % 2 ? 10 : -1;
        if (!ly_gate_open(db, gates[i], &p, &gate_of[i], err, sizeof err)) {
            fprintf(stderr, "fuzz_gate: %s\n", err);
            abort();
        }
    }
}

/* Marks every unsent check-in sent, a batch at a time, then checkpoints the journal. */
static void sync_and_checkpoint(void)
{
    static struct ly_checkin batch[SYNC_BATCH];
    const char *uuids[SYNC_BATCH];
    char err[512];
    int64_t after = 0, left = -1;
    size_t n, marked;
    do {
        if (!ly_kioskdb_unsent_batch(db, after, batch, SYNC_BATCH, &n, err, sizeof err))
            goto fail;
        for (size_t i = 0; i < n; i++)
            uuids[i] = batch[i].uuid;
        if (n > 0 && !ly_kioskdb_mark_sent(db, uuids, n, &marked, err, sizeof err))
            goto fail;
        if (n > 0 && marked != n) {
            fprintf(stderr, "fuzz_gate: %zu of %zu unsent check-ins marked sent\n", marked, n);
            abort();
        }
        after = n > 0 ? batch[n - 1].seq : after;
    } while (n == SYNC_BATCH);
    if (!ly_kioskdb_unsent(db, &left, err, sizeof err) ||
        !ly_kioskdb_checkpoint(db, NULL, err, sizeof err))
        goto fail;
    if (left != 0) {
        fprintf(stderr, "fuzz_gate: %lld check-ins left unsent after a sync\n", (long long)left);
        abort();
    }
    return;
fail:
    fprintf(stderr, "fuzz_gate: %s\n", err);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned decisions;
    char code[2 * LY_BADGE_CODE_MAX + 2], err[512];
    size_t len = 0;
    struct ly_decision d;
    if (!db)
        setup();
    if (size < 4)
        return 0;
    struct ly_gate *g = gate_of[data[0] % NGATES];
    int minutes = data[1] << 8 | data[2];
    struct ly_gate_time t = {kf_eat("2026-12-07T00:00") + (int64_t)minutes * 60000, mono += 10000};
    const uint8_t *rest = data + 4;
    size_t nrest = size - 4;
    if (data[3] & 1) {
        if (nrest < 6)
            return 0;
        uint32_t who = rest[0] % 9; /* 0 and 8 are unknown to the kiosk */
        uint16_t version = (uint16_t)(rest[1] % 3 + 1);
        uint32_t event = rest[2] & 1 ? KF_EVENT_ID : KF_EVENT_ID + rest[2];
        if (who == 0 || !kf_code(&keys, who, version, event, rest[3] & 1, code))
            return 0;
        len = strlen(code);
        rest += 6;
        nrest -= 6;
    }
    if (nrest > sizeof code - 1 - len)
        nrest = sizeof code - 1 - len;
    memcpy(code + len, rest, nrest);
    len += nrest;

    int64_t before = 0, after = 0;
    if (!ly_kioskdb_unsent(db, &before, err, sizeof err) ||
        !ly_gate_decide(g, code, len, t, &d, err, sizeof err)) {
        fprintf(stderr, "fuzz_gate: %s\n", err);
        abort();
    }
    if (d.held_off)
        broken("held off 10 s after the last code", &d);
    if (!ly_kioskdb_unsent(db, &after, err, sizeof err) || after != before + 1)
        broken("not journaled once", &d);
    bool denied = d.kind == LY_DECISION_DENIED;
    if (denied != (d.reason_code[0] != '\0') || denied != (d.reason[0] != '\0'))
        broken("a reason without a denial, or a denial without one", &d);
    if (!denied && !d.identified)
        broken("admitted without being identified", &d);
    if (d.checkin.direction != 0 && d.kind != LY_DECISION_GRANTED)
        broken("moved without a grant", &d);
    if (strcmp(d.checkin.decision, ly_decision_name(d.kind)) != 0)
        broken("journaled another decision", &d);
    if (++decisions % SYNC_EVERY == 0)
        sync_and_checkpoint();
    return 0;
}
