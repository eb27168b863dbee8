/* test_gate.c - every gate rule on a real kiosk database: each case sets up the one condition
 * a rule reads and checks the decision, its reason and the journal, so that removing or
 * breaking the rule fails a case. The event is in Nairobi (UTC+3) to prove that the rules read
 * event local time. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "badge.h"
#include "check.h"
#include "gate.h"
#include "kioskdb.h"
#include "tools/kiosk_fixture.h"

static char dir[] = "/tmp/lanyard-gate-XXXXXX";
static int file_no;
static struct kf_keys keys;
static char err[512];

static int64_t mono = 1000000; /* advanced past the hold-off by every decision */

static struct ly_gate_time at(const char *local)
{
    mono += 60000;
    return (struct ly_gate_time){kf_eat(local), mono};
}

static void code_for(uint32_t attendee, uint16_t version, uint32_t event, bool other_key, char *out)
{
    if (!kf_code(&keys, attendee, version, event, other_key, out))
        abort();
}

/* A fresh kiosk database holding the fixture's forum. */
static struct ly_kioskdb *fixture(bool with_hours)
{
    struct ly_kioskdb *db = NULL;
    char path[256];
    snprintf(path, sizeof path, "%s/k%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (!db)
        return NULL;
    CHECK(kf_fill(db, &keys, with_hours, err, sizeof err));
    return db;
}

static struct ly_gate *gate(struct ly_kioskdb *db, const char *spec, const struct ly_gate_policy *p)
{
    struct ly_gate *g = NULL;
    CHECK(ly_gate_open(db, spec, p, &g, err, sizeof err));
    if (!g)
        fprintf(stderr, "gate %s: %s\n", spec, err);
    return g;
}

/* Decides a code at local time when; returns the decision (a static copy). */
static struct ly_decision *decide(struct ly_gate *g, const char *code, const char *when)
{
    static struct ly_decision d;
    CHECK(ly_gate_decide(g, code, strlen(code), at(when), &d, err, sizeof err));
    return &d;
}

static struct ly_decision *badge(struct ly_gate *g, uint32_t who, const char *when)
{
    char code[LY_BADGE_CODE_MAX + 1];
    code_for(who, who == KF_REISSUED ? 2 : 1, KF_EVENT_ID, false, code);
    return decide(g, code, when);
}

#define EXPECT(d, kind_, code_)                                                                    \
    do {                                                                                           \
        CHECK_STR(ly_decision_name((d)->kind), kind_);                                             \
        CHECK_STR((d)->reason_code, code_);                                                        \
    } while (0)

static void granted_is_journaled_with_identity(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    struct ly_decision *d = badge(g, KF_PARTICIPANT, "2026-12-08T09:00");
    struct ly_checkin row;
    bool found = false;
    EXPECT(d, "granted", "");
    CHECK(d->identified && d->registered);
    CHECK_STR(d->attendee.name, "Amina Njoroge");
    CHECK_STR(d->code_kind, "badge");
    CHECK_INT(d->checkin.seq, 1);
    CHECK_INT(d->checkin.direction, 1);
    CHECK_STR(d->checkin.place, "venue");
    CHECK(ly_kioskdb_checkin(db, 1, &row, &found, err, sizeof err) && found);
    CHECK_STR(row.uuid, d->checkin.uuid);
    CHECK_STR(row.decision, "granted");
    CHECK_INT(row.attendee_id, KF_PARTICIPANT);
    CHECK_STR(ly_gate_place(g), "venue");
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* The code itself: forged, other event, unknown key, damaged, not a badge, ticket codes. */
static void code_checks(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    char code[LY_BADGE_CODE_MAX + 1];
    const char *t = "2026-12-08T09:00";
    int64_t seq0;

    code_for(KF_PARTICIPANT, 1, KF_EVENT_ID, false, code);
    code[20] = code[20] == 'A' ? 'B' : 'A';
    EXPECT(decide(g, code, t), "denied", "bad_signature");
    code_for(KF_PARTICIPANT, 1, KF_EVENT_ID + 1, false, code);
    EXPECT(decide(g, code, t), "denied", "wrong_event");
    code_for(KF_PARTICIPANT, 1, KF_EVENT_ID, true, code);
    EXPECT(decide(g, code, t), "denied", "unknown_key");
    EXPECT(decide(g, "LY1:AAAA", t), "denied", "malformed");
    EXPECT(decide(g, "LY9:AAAA", t), "denied", "unsupported_version");
    EXPECT(decide(g, "https://example.org/ticket", t), "denied", "unknown_code");
    struct ly_decision *d = decide(g, "PRETIX-7Q2X", t);
    EXPECT(d, "granted", "");
    CHECK_STR(d->code_kind, "ticket_code");
    CHECK_INT(d->attendee.id, KF_PARTICIPANT);
    /* Binary junk and an empty code: unreadable, still journaled. */
    struct ly_decision bin;
    seq0 = d->checkin.seq;
    CHECK(ly_gate_decide(g, "\x01\xff\x00z", 4, at(t), &bin, err, sizeof err));
    EXPECT(&bin, "denied", "malformed");
    CHECK_STR(bin.code_kind, "unreadable");
    CHECK(ly_gate_decide(g, "", 0, at(t), &bin, err, sizeof err));
    EXPECT(&bin, "denied", "malformed");
    CHECK_INT(bin.checkin.seq, seq0 + 2);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* The registration: revoked, superseded by a reissue, online, not yet synced. */
static void registration_checks(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    char old[LY_BADGE_CODE_MAX + 1];
    const char *t = "2026-12-08T09:00";
    EXPECT(badge(g, KF_REVOKED, t), "denied", "revoked");
    code_for(KF_REISSUED, 1, KF_EVENT_ID, false, old);
    EXPECT(decide(g, old, t), "denied", "superseded");
    EXPECT(badge(g, KF_REISSUED, t), "granted", "");
    EXPECT(badge(g, KF_ONLINE, t), "denied", "registered_online");
    struct ly_decision *d = badge(g, KF_UNSYNCED, t);
    EXPECT(d, "granted", ""); /* the signature is the hub's word */
    CHECK(d->identified && !d->registered);
    CHECK(d->nnotices >= 1 && strstr(d->notices[0], "not yet on this kiosk") != NULL);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* Days and hours, read in the event's time zone. */
static void days_and_hours(void)
{
    struct ly_kioskdb *db = fixture(true), *nohours = fixture(false);
    struct ly_gate *g = gate(db, "entrance", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-08T07:59"), "denied", "not_open_yet");
    CHECK(strstr(decide(g, "PRETIX-7Q2X", "2026-12-08T07:30")->reason, "08:00") != NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-08T08:00"), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-08T19:00"), "denied", "closed");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-10T10:00"), "denied", "closed_today"); /* no row */
    EXPECT(badge(g, KF_SPEAKER, "2026-12-07T11:00"), "denied", "not_open_yet"); /* Day 0 */
    EXPECT(badge(g, KF_SPEAKER, "2026-12-07T12:30"), "granted", "");
    /* 05:30 UTC is 08:30 in Nairobi: open. A UTC reading would deny it. */
    struct ly_decision d;
    struct ly_gate_time t = {kf_eat("2026-12-09T08:30"), mono += 60000};
    CHECK(ly_gate_decide(g, "PRETIX-7Q2X", 11, t, &d, err, sizeof err));
    EXPECT(&d, "granted", "");
    ly_gate_close(g);

    /* Without opening hours: the event's days, all day. */
    g = gate(nohours, "entrance", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-07T12:00"), "denied", "not_event_day");
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-10T23:30"), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-11T00:10"), "denied", "not_event_day");
    ly_gate_close(g);
    ly_kioskdb_close(db);
    ly_kioskdb_close(nohours);
}

/* A session door: its time window, late entry, category access. */
static void session_rules(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate_policy p = ly_gate_policy_defaults;
    struct ly_gate *g = gate(db, "session:MS-1", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-08T09:29"), "denied", "session_not_open");
    CHECK(strstr(badge(g, KF_SPEAKER, "2026-12-08T09:10")->reason, "09:30") != NULL);
    struct ly_decision *d = badge(g, KF_PARTICIPANT, "2026-12-08T09:30");
    EXPECT(d, "granted", "");
    CHECK_STR(d->checkin.place, "session:MS-1");
    CHECK_STR(d->session, "MS-1");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-08T11:30"), "denied", "session_over");
    ly_gate_close(g);

    p.late_entry_min = 15;
    g = gate(db, "session:MS-1", &p);
    EXPECT(badge(g, KF_SPEAKER, "2026-12-08T10:15"), "granted", "");
    EXPECT(badge(g, KF_VIP, "2026-12-08T10:16"), "denied", "late");
    ly_gate_close(g);

    g = gate(db, "session:HL-1", NULL);
    d = badge(g, KF_PARTICIPANT, "2026-12-08T14:00");
    EXPECT(d, "denied", "category");
    CHECK(strstr(d->reason, "VIP, Speaker") != NULL);
    EXPECT(badge(g, KF_VIP, "2026-12-08T14:00"), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-08T14:00"), "granted", "");
    EXPECT(badge(g, KF_UNSYNCED, "2026-12-08T14:00"), "denied", "not_on_list");
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* Re-entry policies against the journal, with the venue exit in between. */
static void reentry_policies(void)
{
    static const char *const policies[] = {"allowed", "once_per_day", "never"};
    /* Second entry the same day after leaving, and the next day. */
    static const char *const same_day[] = {"", "reentry_today", "reentry_never"};
    static const char *const next_day[] = {"", "", "reentry_never"};
    for (int i = 0; i < 3; i++) {
        struct ly_kioskdb *db = fixture(true);
        struct ly_gate_policy p = ly_gate_policy_defaults;
        CHECK(ly_reentry_parse(policies[i], &p.reentry));
        struct ly_gate *in = gate(db, "entrance", &p), *out = gate(db, "exit", &p);
        EXPECT(badge(in, KF_PARTICIPANT, "2026-12-08T09:00"), "granted", "");
        struct ly_decision *d = badge(in, KF_PARTICIPANT, "2026-12-08T09:05");
        EXPECT(d, "already_inside", "");
        CHECK_INT(d->checkin.direction, 0);
        d = badge(out, KF_PARTICIPANT, "2026-12-08T12:00");
        EXPECT(d, "granted", "");
        CHECK_INT(d->checkin.direction, -1);
        d = badge(in, KF_PARTICIPANT, "2026-12-08T13:00");
        CHECK_STR(ly_decision_name(d->kind), same_day[i][0] ? "denied" : "granted");
        CHECK_STR(d->reason_code, same_day[i]);
        if (same_day[i][0] == '\0')
            EXPECT(badge(out, KF_PARTICIPANT, "2026-12-08T18:00"), "granted", "");
        d = badge(in, KF_PARTICIPANT, "2026-12-09T09:00");
        CHECK_STR(ly_decision_name(d->kind), next_day[i][0] ? "denied" : "granted");
        CHECK_STR(d->reason_code, next_day[i]);
        ly_gate_close(in);
        ly_gate_close(out);
        ly_kioskdb_close(db);
    }
}

/* Capacity against entries minus exits, at a session and in a lounge. */
static void capacity(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate_policy off = ly_gate_policy_defaults;
    struct ly_gate *g = gate(db, "room:Room 3", NULL), *out = gate(db, "exit:room:3", NULL);
    const char *t = "2026-12-09T09:00";
    int64_t occ = -1;
    EXPECT(badge(g, KF_PARTICIPANT, t), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, t), "granted", "");
    struct ly_decision *d = badge(g, KF_VIP, t);
    EXPECT(d, "denied", "full");
    CHECK(strstr(d->reason, "2 of 2") != NULL);
    CHECK(ly_kioskdb_occupancy(db, "session:WS-3", &occ, err, sizeof err));
    CHECK_INT(occ, 2);
    d = badge(out, KF_SPEAKER, "2026-12-09T09:30");
    EXPECT(d, "granted", "");
    CHECK_STR(d->checkin.place, "session:WS-3");
    CHECK_INT(d->checkin.direction, -1);
    EXPECT(badge(g, KF_VIP, "2026-12-09T09:31"), "granted", "");
    /* The next session in the room starts empty. */
    EXPECT(badge(g, KF_REISSUED, "2026-12-09T10:45"), "granted", "");
    /* Between sessions and after the last one, the door has nothing to admit to. */
    EXPECT(badge(g, KF_ONLINE, "2026-12-09T12:30"), "denied", "no_session");
    ly_gate_close(g);
    ly_gate_close(out);

    off.enforce_capacity = false;
    g = gate(db, "room:9", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, t), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, t), "denied", "full");
    ly_gate_close(g);
    g = gate(db, "room:9", &off);
    EXPECT(badge(g, KF_SPEAKER, t), "granted", "");
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* Notices: the organizer's by place and category, and the kiosk's own. */
static void notices(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    struct ly_decision *d = badge(g, KF_SPEAKER, "2026-12-08T09:00");
    EXPECT(d, "granted", "");
    CHECK_INT(d->nnotices, 2);
    CHECK_STR(d->notices[0], "Assistance requested at registration: offer help.");
    CHECK_STR(d->notices[1], "Speakers: the speaker lounge is Room 3.");
    CHECK_INT(badge(g, KF_PARTICIPANT, "2026-12-08T09:00")->nnotices, 0);
    ly_gate_close(g);
    g = gate(db, "session:MS-1", NULL);
    d = badge(g, KF_PARTICIPANT, "2026-12-08T10:00");
    CHECK_INT(d->nnotices, 1);
    CHECK_STR(d->notices[0], "Collect an interpretation headset.");
    ly_gate_close(g);
    g = gate(db, "room:3", NULL);
    d = badge(g, KF_PARTICIPANT, "2026-12-09T09:00");
    CHECK(d->nnotices == 1 && strstr(d->notices[0], "moved") != NULL);
    ly_gate_close(g);
    g = gate(db, "room:Quiet room", NULL);
    d = badge(g, KF_PARTICIPANT, "2026-12-09T09:00");
    CHECK(d->nnotices == 1 && strstr(d->notices[0], "silent") != NULL);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* A desk identifies without moving anyone; the exit lets out even a revoked badge. */
static void desk_and_exit(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "desk", NULL);
    struct ly_decision *d = badge(g, KF_PARTICIPANT, "2026-12-10T23:00");
    EXPECT(d, "granted", "");
    CHECK_INT(d->checkin.direction, 0);
    CHECK_STR(d->checkin.place, "");
    EXPECT(badge(g, KF_REVOKED, "2026-12-08T09:00"), "denied", "revoked");
    ly_gate_close(g);
    g = gate(db, "exit", NULL);
    d = badge(g, KF_REVOKED, "2026-12-08T09:00");
    EXPECT(d, "granted", "");
    CHECK_INT(d->checkin.direction, -1);
    CHECK_INT(d->nnotices, 0);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* The same code in consecutive frames counts once; a held badge stays held off. */
static void holdoff(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    char code[LY_BADGE_CODE_MAX + 1];
    struct ly_decision d;
    struct ly_gate_time t = {kf_eat("2026-12-08T09:00"), 5000000};
    int64_t unsent = 0;
    code_for(KF_PARTICIPANT, 1, KF_EVENT_ID, false, code);
    CHECK(ly_gate_decide(g, code, strlen(code), t, &d, err, sizeof err) && !d.held_off);
    for (int i = 1; i <= 20; i++) { /* 20 frames at 100 ms: in view for 2 s */
        t.mono_ms += 100;
        CHECK(ly_gate_decide(g, code, strlen(code), t, &d, err, sizeof err) && d.held_off);
    }
    t.mono_ms += 2900; /* still within 3 s of the last sighting */
    CHECK(ly_gate_decide(g, code, strlen(code), t, &d, err, sizeof err) && d.held_off);
    t.mono_ms += 3001;
    CHECK(ly_gate_decide(g, code, strlen(code), t, &d, err, sizeof err) && !d.held_off);
    EXPECT(&d, "already_inside", "");
    CHECK(ly_kioskdb_unsent(db, &unsent, err, sizeof err));
    CHECK_INT(unsent, 2);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void bad_gates_and_databases(void)
{
    struct ly_kioskdb *db = fixture(true), *empty = NULL;
    struct ly_gate *g = NULL;
    char path[256];
    CHECK(!ly_gate_open(db, "lobby", NULL, &g, err, sizeof err));
    CHECK(strstr(err, "unknown gate") != NULL);
    CHECK(!ly_gate_open(db, "session:NOPE", NULL, &g, err, sizeof err));
    CHECK(strstr(err, "no session") != NULL);
    CHECK(!ly_gate_open(db, "room:Attic", NULL, &g, err, sizeof err));
    CHECK(!ly_gate_open(db, "exit:desk", NULL, &g, err, sizeof err));
    snprintf(path, sizeof path, "%s/empty.db", dir);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &empty, err, sizeof err));
    CHECK(!ly_gate_open(empty, "entrance", NULL, &g, err, sizeof err));
    CHECK(strstr(err, "no event") != NULL);
    ly_kioskdb_close(empty);
    ly_kioskdb_close(db);
}

int main(void)
{
    if (!mkdtemp(dir) || sodium_init() < 0)
        return 1;
    kf_keys(&keys);
    RUN(granted_is_journaled_with_identity);
    RUN(code_checks);
    RUN(registration_checks);
    RUN(days_and_hours);
    RUN(session_rules);
    RUN(reentry_policies);
    RUN(capacity);
    RUN(notices);
    RUN(desk_and_exit);
    RUN(holdoff);
    RUN(bad_gates_and_databases);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
