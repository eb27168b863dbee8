/* test_kiosk_print.c - printing at the kiosk on real kiosk databases (the fixture's forum in
 * Nairobi): print jobs and their states (a job left "sent" held at the next open, only held or
 * failed jobs retried), the kiosk's key and its walk-in ids (certified, used up), kiosk key
 * certificates, the pickup rules (registration checked, entry rules not, a repeat refused, a
 * staff override printing again), reprints (the old badge refused at once, the tie between two
 * kiosks' reprints of one version decided by the higher key id), walk-ins (an id of the
 * kiosk's range, the badge verifying, bad fields refused with nothing journaled) and session
 * access slips. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "badge/badge.h"
#include "check.h"
#include "event/records.h"
#include "gate/gate.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_staff.h"
#include "tools/kiosk_fixture.h"

static char dir[] = "/tmp/lanyard-kprint-XXXXXX";
static int file_no;
static struct kf_keys keys;
static char err[512];
static int64_t mono = 1000000;

static struct ly_gate_time at(const char *local)
{
    mono += 60000;
    return (struct ly_gate_time){kf_eat(local), mono};
}

static struct ly_kioskdb *fixture(void)
{
    struct ly_kioskdb *db = NULL;
    char path[256];
    snprintf(path, sizeof path, "%s/k%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (db)
        CHECK(kf_fill(db, &keys, true, err, sizeof err));
    return db;
}

static int64_t count(struct ly_kioskdb *db, const char *decision)
{
    int64_t seq = 0, n = 0;
    struct ly_checkin c;
    bool found = true;
    for (seq = 1; found; seq++) {
        CHECK(ly_kioskdb_checkin(db, seq, &c, &found, err, sizeof err));
        n += found && strcmp(c.decision, decision) == 0;
    }
    return n;
}

/* Gives db a key certified by the fixture's event key for ids first..first+9. */
static void certify(struct ly_kioskdb *db, uint32_t first, uint8_t pk[32])
{
    struct ly_kiosk_key k;
    uint8_t cert[LY_BADGE_CERT_BYTES];
    CHECK(ly_kioskdb_key_make(db, &k, err, sizeof err));
    crypto_sign_ed25519_sk_to_pk(pk, k.sk);
    CHECK(ly_badge_certify(keys.sk, KF_EVENT_ID, pk, first, first + 9, cert));
    CHECK(ly_kioskdb_key_certify(db, cert, first, first + 9, err, sizeof err));
}

static void test_jobs_lifecycle(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_kiosk_pjob j = {.attendee_id = KF_PARTICIPANT}, got, open[LY_PJOBS_MAX];
    int64_t a = 0, b = 0, n = 0;
    size_t nopen = 0;
    bool found = false;
    int held = -1;
    snprintf(j.code, sizeof j.code, "LY1:TEST");
    snprintf(j.checkin_uuid, sizeof j.checkin_uuid, "0f8fad5b-d9cb-469f-a165-70867728950e");
    CHECK(ly_kioskdb_pjob_add(db, &j, 1000, &a, err, sizeof err));
    CHECK(ly_kioskdb_pjob_add(db, &j, 1001, &b, err, sizeof err));
    CHECK(a > 0 && b > a);
    j.code[0] = '\0';
    CHECK(!ly_kioskdb_pjob_add(db, &j, 1002, &n, err, sizeof err)); /* no code: refused */
    CHECK(ly_kioskdb_pjob(db, a, &got, &found, err, sizeof err) && found);
    CHECK_INT(got.state, LY_PJOB_QUEUED);
    CHECK_INT(got.attempts, 0);
    CHECK(!ly_kioskdb_pjob_retry(db, a, 1003, err, sizeof err)); /* queued: nothing to retry */
    CHECK(ly_kioskdb_pjob_set(db, a, LY_PJOB_SENT, "", 1004, err, sizeof err));
    CHECK(ly_kioskdb_pjob_set(db, b, LY_PJOB_SENT, "", 1004, err, sizeof err));
    CHECK(ly_kioskdb_pjob_set(db, b, LY_PJOB_PRINTED, "", 1005, err, sizeof err));
    CHECK(!ly_kioskdb_pjob_set(db, 999, LY_PJOB_SENT, "", 1005, err, sizeof err));
    /* The kiosk stops with a sent: at the next open it is held, the printed one left alone. */
    CHECK(ly_kioskdb_pjobs_recover(db, 2000, &held, err, sizeof err));
    CHECK_INT(held, 1);
    CHECK(ly_kioskdb_pjob(db, a, &got, &found, err, sizeof err));
    CHECK_INT(got.state, LY_PJOB_HELD);
    CHECK_STR(got.reason, "interrupted");
    CHECK_INT(got.attempts, 1);
    CHECK(ly_kioskdb_pjobs_recover(db, 2001, &held, err, sizeof err));
    CHECK_INT(held, 0);
    CHECK(ly_kioskdb_pjobs_open(db, open, LY_PJOBS_MAX, &nopen, err, sizeof err));
    CHECK_INT(nopen, 1);
    CHECK(!ly_kioskdb_pjob_retry(db, b, 2002, err, sizeof err)); /* printed: reprint instead */
    CHECK(ly_kioskdb_pjob_retry(db, a, 2003, err, sizeof err));
    CHECK(ly_kioskdb_pjob(db, a, &got, &found, err, sizeof err));
    CHECK_INT(got.state, LY_PJOB_QUEUED);
    CHECK(ly_kioskdb_pjob_set(db, a, LY_PJOB_FAILED, "media-out", 2004, err, sizeof err));
    CHECK(ly_kioskdb_pjobs_count(db, LY_PJOB_FAILED, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(ly_kioskdb_pjob_retry(db, a, 2005, err, sizeof err));
    ly_kioskdb_close(db);
}

static void test_key_and_ids(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_kiosk_key k1, k2;
    uint8_t pk[32], other_pk[32], cert[LY_BADGE_CERT_BYTES];
    uint32_t id = 0;
    struct ly_badge_key event = {ly_badge_key_id(keys.pk), {0}};
    bool found = true;
    memcpy(event.pk, keys.pk, 32);
    CHECK(ly_kioskdb_key(db, &k1, &found, err, sizeof err));
    CHECK(!found);
    CHECK(!ly_kioskdb_begin(db, err, sizeof err) ||
          !ly_kioskdb_take_walkin_id(db, &id, err, sizeof err));
    ly_kioskdb_rollback(db);
    CHECK(ly_kioskdb_key_make(db, &k1, err, sizeof err));
    CHECK(ly_kioskdb_key_make(db, &k2, err, sizeof err)); /* made once, then kept */
    CHECK(k1.key_id == k2.key_id && memcmp(k1.sk, k2.sk, 64) == 0 && !k1.certified);
    certify(db, 0x80000000u, pk);
    CHECK(ly_kioskdb_key(db, &k1, &found, err, sizeof err) && k1.certified);
    CHECK(ly_badge_cert_verify(&event, 1, KF_EVENT_ID, pk, 0x80000000u, 0x80000009u, k1.cert));
    CHECK(!ly_badge_cert_verify(&event, 1, KF_EVENT_ID + 1, pk, 0x80000000u, 0x80000009u, k1.cert));
    CHECK(!ly_badge_cert_verify(&event, 1, KF_EVENT_ID, pk, 0x80000000u, 0x80000010u, k1.cert));
    memcpy(other_pk, pk, 32);
    other_pk[0] ^= 1;
    CHECK(
        !ly_badge_cert_verify(&event, 1, KF_EVENT_ID, other_pk, 0x80000000u, 0x80000009u, k1.cert));
    CHECK(ly_badge_certify(keys.other_sk, KF_EVENT_ID, pk, 1, 2, cert));
    CHECK(!ly_badge_cert_verify(&event, 1, KF_EVENT_ID, pk, 1, 2, cert)); /* another key's */
    /* Ten ids, each once, then none. */
    for (uint32_t i = 0; i < 10; i++) {
        CHECK(ly_kioskdb_begin(db, err, sizeof err));
        CHECK(ly_kioskdb_take_walkin_id(db, &id, err, sizeof err));
        CHECK(ly_kioskdb_commit(db, err, sizeof err));
        CHECK_INT(id, 0x80000000u + i);
    }
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(!ly_kioskdb_take_walkin_id(db, &id, err, sizeof err));
    CHECK(strstr(err, "used up") != NULL);
    ly_kioskdb_rollback(db);
    CHECK(!ly_kioskdb_key_certify(db, cert, 5, 4, err, sizeof err)); /* an empty range */
    /* Walk-in id ranges of two kiosks never meet. */
    CHECK(LY_WALKIN_LAST(1) + 1 == LY_WALKIN_FIRST(2));
    CHECK(LY_WALKIN_LAST(LY_WALKIN_KIOSKS_MAX) == UINT32_MAX);
    ly_kioskdb_close(db);
}

static void test_pickup(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_gate *g = NULL;
    struct ly_decision d;
    char code[LY_BADGE_CODE_MAX + 1];
    CHECK(ly_gate_open(db, "pickup", NULL, &g, err, sizeof err));
    if (!g)
        return;
    CHECK_STR(ly_gate_place(g), "");
    /* A week before the event, at 05:00: the entrance would refuse; a pickup prints. */
    CHECK(kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-01T05:00"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_PICKED_UP);
    CHECK_STR(d.checkin.decision, "picked_up");
    CHECK_INT(d.checkin.direction, 0);
    CHECK_STR(d.checkin.place, "");
    CHECK(d.print_job > 0);
    struct ly_kiosk_pjob j;
    bool found = false;
    CHECK(ly_kioskdb_pjob(db, d.print_job, &j, &found, err, sizeof err) && found);
    CHECK_STR(j.code, code); /* the code shown is the badge printed */
    CHECK_STR(j.checkin_uuid, d.checkin.uuid);
    CHECK_INT(d.checkin.badge_version, 1);
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:00"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "already_picked_up");
    CHECK_INT(d.print_job, 0);
    /* Staff hand it out again: an override at the pickup point prints a code of this kiosk's
     * key (none shown), and moves nobody; without a key there is nothing to print. */
    uint8_t pk[32];
    CHECK(!ly_gate_manual(g, KF_PARTICIPANT, "badge left on the train", true,
                          at("2026-12-08T09:04"), &d, err, sizeof err));
    CHECK(strstr(err, "no key") != NULL);
    CHECK_INT(count(db, "picked_up"), 1);
    certify(db, 0x80000000u, pk);
    CHECK(ly_gate_manual(g, KF_PARTICIPANT, "badge left on the train", true, at("2026-12-08T09:05"),
                         &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_PICKED_UP);
    CHECK(d.print_job > 0);
    CHECK(strstr(d.checkin.staff_note, "overrode already_picked_up") != NULL);
    CHECK_INT(d.checkin.direction, 0);
    CHECK_INT(d.checkin.badge_key, ly_badge_key_id(pk));
    /* The registration is checked: revoked, online, not on this kiosk yet. */
    CHECK(kf_code(&keys, KF_REVOKED, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:10"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "revoked");
    CHECK(kf_code(&keys, KF_ONLINE, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:11"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "registered_online");
    CHECK(kf_code(&keys, KF_UNSYNCED, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:12"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "not_on_list");
    CHECK(kf_code(&keys, KF_REISSUED, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:13"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "superseded");
    CHECK_INT(count(db, "picked_up"), 2);
    /* This kiosk's counts: two badges handed out to one person, who then enters: one arrival. */
    struct ly_gate *door = NULL;
    char in[LY_BADGE_CODE_MAX + 1];
    struct ly_kiosk_stats stats;
    CHECK(ly_gate_open(db, "entrance", NULL, &door, err, sizeof err));
    CHECK(kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, in));
    if (door)
        CHECK(ly_gate_decide(door, in, strlen(in), at("2026-12-08T09:30"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_GRANTED);
    CHECK(ly_kioskdb_stats(db, 0, &stats, err, sizeof err));
    CHECK_INT(stats.badges, 2);
    CHECK_INT(stats.arrivals, 1);
    ly_gate_close(door);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void test_reprint(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_gate *g = NULL, *door = NULL;
    struct ly_decision d;
    char old[LY_BADGE_CODE_MAX + 1];
    uint8_t pk[32];
    CHECK(ly_gate_open(db, "desk", NULL, &g, err, sizeof err));
    if (!g)
        return;
    CHECK(!ly_gate_reprint(g, KF_PARTICIPANT, "Ana", "lost", at("2026-12-08T09:00"), &d, err,
                           sizeof err));
    CHECK(strstr(err, "certified") != NULL); /* no key: no reprint */
    certify(db, 0x80000000u, pk);
    CHECK(!ly_gate_reprint(g, KF_PARTICIPANT, "", "lost", at("2026-12-08T09:00"), &d, err,
                           sizeof err));
    CHECK(!ly_gate_reprint(g, KF_PARTICIPANT, "Ana", "", at("2026-12-08T09:00"), &d, err,
                           sizeof err));
    CHECK(!ly_gate_reprint(g, KF_REVOKED, "Ana", "lost", at("2026-12-08T09:00"), &d, err,
                           sizeof err));
    CHECK(!ly_gate_reprint(g, 99999, "Ana", "lost", at("2026-12-08T09:00"), &d, err, sizeof err));
    CHECK_INT(count(db, "reprinted"), 0);
    CHECK(ly_gate_reprint(g, KF_PARTICIPANT, "Ana", "lost at the hotel", at("2026-12-08T09:01"), &d,
                          err, sizeof err));
    CHECK_STR(d.checkin.decision, "reprinted");
    CHECK_STR(d.checkin.staff_note, "Ana: lost at the hotel");
    CHECK_INT(d.checkin.badge_version, 2);
    CHECK_INT(d.checkin.badge_key, ly_badge_key_id(pk));
    CHECK(d.print_job > 0);
    /* The old badge is refused here at once, the new one (signed by this kiosk) admitted. */
    CHECK(ly_gate_open(db, "entrance", NULL, &door, err, sizeof err));
    if (!door)
        return;
    CHECK(kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, old));
    CHECK(ly_gate_decide(door, old, strlen(old), at("2026-12-08T09:02"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "superseded");
    struct ly_kiosk_pjob j;
    bool found = false;
    CHECK(ly_kioskdb_pjob(db, 1, &j, &found, err, sizeof err) && found);
    CHECK(
        ly_gate_decide(door, j.code, strlen(j.code), at("2026-12-08T09:03"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_GRANTED);
    /* Another kiosk's reprint of the same version arrives from the hub: the higher key id
     * wins, whatever the order; a lower one changes nothing. */
    struct ly_kiosk_attendee a;
    CHECK(ly_kioskdb_attendee(db, KF_PARTICIPANT, &a, &found, err, sizeof err));
    uint32_t mine = a.badge_key;
    a.badge_key = mine - 1;
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_attendee(db, KF_PARTICIPANT, &a, &found, err, sizeof err));
    CHECK_INT(a.badge_key, mine);
    a.badge_key = mine + 1;
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_attendee(db, KF_PARTICIPANT, &a, &found, err, sizeof err));
    CHECK_INT(a.badge_key, mine + 1);
    CHECK(ly_gate_reload(door, err, sizeof err));
    CHECK(
        ly_gate_decide(door, j.code, strlen(j.code), at("2026-12-08T09:04"), &d, err, sizeof err));
    CHECK_STR(d.reason_code, "superseded"); /* this kiosk's print lost the tie */
    a.badge_version = 1;                    /* an older version from the hub never goes back */
    a.badge_key = 0;
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_attendee(db, KF_PARTICIPANT, &a, &found, err, sizeof err));
    CHECK_INT(a.badge_version, 2);
    CHECK_INT(a.badge_key, mine + 1);
    ly_gate_close(door);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void test_walkin(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_gate *g = NULL, *door = NULL;
    struct ly_decision d;
    struct ly_walkin w = {0};
    uint8_t pk[32];
    CHECK(ly_gate_open(db, "desk", NULL, &g, err, sizeof err));
    if (!g)
        return;
    snprintf(w.name, sizeof w.name, "李小龍");
    snprintf(w.country, sizeof w.country, "CN");
    snprintf(w.stakeholder, sizeof w.stakeholder, "technical_community");
    snprintf(w.category, sizeof w.category, "participant");
    CHECK(!ly_gate_walkin(g, &w, "Bo", at("2026-12-08T09:00"), &d, err, sizeof err));
    certify(db, 0x80010000u, pk);
    struct ly_walkin bad = w;
    snprintf(bad.country, sizeof bad.country, "QQ");
    CHECK(!ly_gate_walkin(g, &bad, "Bo", at("2026-12-08T09:00"), &d, err, sizeof err));
    bad = w;
    snprintf(bad.category, sizeof bad.category, "emperor");
    CHECK(!ly_gate_walkin(g, &bad, "Bo", at("2026-12-08T09:00"), &d, err, sizeof err));
    bad = w;
    bad.name[0] = '\0';
    CHECK(!ly_gate_walkin(g, &bad, "Bo", at("2026-12-08T09:00"), &d, err, sizeof err));
    bad = w;
    snprintf(bad.name, sizeof bad.name, "a\x01b");
    CHECK(!ly_gate_walkin(g, &bad, "Bo", at("2026-12-08T09:00"), &d, err, sizeof err));
    CHECK_INT(count(db, "registered"), 0);
    CHECK(ly_gate_walkin(g, &w, "Bo", at("2026-12-08T09:01"), &d, err, sizeof err));
    CHECK_INT(d.attendee.id, 0x80010000u);
    CHECK_STR(d.checkin.decision, "registered");
    CHECK_STR(d.checkin.walkin.name, "李小龍");
    CHECK_INT(d.checkin.badge_version, 1);
    /* The journal carries the registration to the hub. */
    struct ly_checkin batch[4];
    size_t n = 0;
    CHECK(ly_kioskdb_unsent_batch(db, 0, batch, 4, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK_STR(batch[0].walkin.name, "李小龍");
    CHECK_STR(batch[0].walkin.stakeholder, "technical_community");
    CHECK(ly_gate_walkin(g, &w, "Bo", at("2026-12-08T09:02"), &d, err, sizeof err));
    CHECK_INT(d.attendee.id, 0x80010001u);
    /* The badge admits at this kiosk's entrance. */
    CHECK(ly_gate_open(db, "entrance", NULL, &door, err, sizeof err));
    if (!door)
        return;
    struct ly_kiosk_pjob j;
    bool found = false;
    CHECK(ly_kioskdb_pjob(db, d.print_job, &j, &found, err, sizeof err) && found);
    struct ly_decision e;
    CHECK(
        ly_gate_decide(door, j.code, strlen(j.code), at("2026-12-08T09:03"), &e, err, sizeof err));
    CHECK_INT(e.kind, LY_DECISION_GRANTED);
    CHECK(e.registered);
    ly_gate_close(door);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* A session with slips: a grant at its door journals a slip's print job with the code shown; an
 * already-inside person gets none; a session without slips prints nothing. */
static void session_slips(void)
{
    struct ly_kioskdb *db = fixture();
    struct ly_gate *g = NULL, *other = NULL;
    struct ly_decision d;
    struct ly_kiosk_session ms;
    bool found = false;
    char code[LY_BADGE_CODE_MAX + 1];
    CHECK(ly_kioskdb_session(db, 0, "MS-1", &ms, &found, err, sizeof err) && found);
    ms.slips = true;
    CHECK(ly_kioskdb_put_session(db, &ms, err, sizeof err));
    CHECK(ly_gate_open(db, "session:MS-1", NULL, &g, err, sizeof err));
    CHECK(ly_gate_open(db, "session:WS-3", NULL, &other, err, sizeof err));
    if (!g || !other)
        return;
    CHECK(kf_code(&keys, KF_PARTICIPANT, 1, KF_EVENT_ID, false, code));
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:50"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_GRANTED);
    CHECK(d.print_job > 0);
    struct ly_kiosk_pjob j;
    CHECK(ly_kioskdb_pjob(db, d.print_job, &j, &found, err, sizeof err) && found);
    CHECK(j.slip);
    CHECK_STR(j.session, "MS-1");
    CHECK_STR(j.code, code);
    CHECK_STR(j.checkin_uuid, d.checkin.uuid);
    CHECK(ly_gate_decide(g, code, strlen(code), at("2026-12-08T09:55"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_ALREADY_INSIDE);
    CHECK_INT(d.print_job, 0);
    CHECK(ly_gate_decide(other, code, strlen(code), at("2026-12-09T08:50"), &d, err, sizeof err));
    CHECK_INT(d.kind, LY_DECISION_GRANTED);
    CHECK_INT(d.print_job, 0);
    ly_gate_close(other);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    kf_keys(&keys);
    RUN(test_jobs_lifecycle);
    RUN(test_key_and_ids);
    RUN(test_pickup);
    RUN(test_reprint);
    RUN(test_walkin);
    RUN(session_slips);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_DONE();
}
