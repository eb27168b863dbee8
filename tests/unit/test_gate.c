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

#include "badge/badge.h"
#include "check.h"
#include "gate/gate.h"
#include "gate/gate_count.h"
#include "gate/gate_reasons.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_peer.h"
#include "kioskdb/kioskdb_records.h"
#include "tools/kiosk_fixture.h"
#include "common/utf8.h"

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

/* ---- Reasons: every decision's English sentence is its template with its parts put in. */

static char seen[64][32]; /* the reason codes decided so far, in any case */
static size_t nseen;

/* Puts the parts into a template: this test's own reading of "{n}". */
static void substitute(const struct ly_decision *d, char *out, size_t outsz, size_t *used)
{
    size_t o = 0;
    *used = 0;
    for (const char *p = d->reason_template; *p && o + 1 < outsz;) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            const char *part = i < d->nreason_args ? d->reason_args[i] : "<missing>";
            *used = i + 1 > *used ? i + 1 : *used;
            o += (size_t)snprintf(out + o, outsz - o, "%s", part);
            p += 3;
        } else {
            out[o++] = *p++;
        }
    }
    out[o < outsz ? o : outsz - 1] = '\0';
}

static void check_reason(const struct ly_decision *d)
{
    char built[LY_REASON_MAX * 2];
    size_t used;
    if (d->held_off)
        return;
    if (d->reason_code[0] == '\0') {
        CHECK(d->reason_template == NULL);
        CHECK_STR(d->reason, "");
        CHECK_INT(d->nreason_args, 0);
        return;
    }
    CHECK(d->reason_template != NULL);
    if (!d->reason_template)
        return;
    substitute(d, built, sizeof built, &used);
    CHECK_STR(d->reason, built);
    CHECK_INT(used, d->nreason_args);
    CHECK(ly_utf8_valid(d->reason, strlen(d->reason)));
    for (size_t i = 0; i < nseen; i++) {
        if (strcmp(seen[i], d->reason_code) == 0)
            return;
    }
    if (nseen < sizeof seen / sizeof seen[0])
        snprintf(seen[nseen++], sizeof seen[0], "%s", d->reason_code);
}

/* Decides a code at local time when; returns the decision (a static copy). */
static struct ly_decision *decide(struct ly_gate *g, const char *code, const char *when)
{
    static struct ly_decision d;
    CHECK(ly_gate_decide(g, code, strlen(code), at(when), &d, err, sizeof err));
    check_reason(&d);
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

/* Re-entry policies against the journal, with the venue exit in between (test_gate_passback
 * has the cases of someone recorded inside). */
static void reentry_policies(void)
{
    static const char *const policies[] = {"allowed", "once_per_day", "never"};
    /* Shown again 5 minutes after entering (past the repeat window), while inside. */
    static const char *const inside[] = {"already_inside", "denied", "denied"};
    static const char *const inside_code[] = {"", "already_entered", "already_entered"};
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
        EXPECT(d, inside[i], inside_code[i]);
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

/* The count a door shows (gate_count.h): a room's sessions' counts, each ending at its end
 * plus the grace (15 minutes before the hub says otherwise), with no exit scan. */
static void count_ends_with_the_session(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "room:Room 3", NULL), *s = gate(db, "session:WS-3", NULL);
    struct ly_kiosk_count n;
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-09T09:00"), "granted", "");
    struct ly_decision *d = badge(g, KF_SPEAKER, "2026-12-09T09:05");
    EXPECT(d, "granted", "");
    int64_t entered = d->checkin.wall_ms;
    CHECK(ly_gate_count(g, at("2026-12-09T09:30").wall_ms, &n, err, sizeof err));
    CHECK(n.inside == 2 && n.as_of == entered && !n.hub);
    CHECK(ly_gate_count(g, at("2026-12-09T10:14").wall_ms, &n, err, sizeof err));
    CHECK_INT(n.inside, 2);
    int64_t until = at("2026-12-09T10:15").wall_ms;
    CHECK(ly_gate_count(g, until, &n, err, sizeof err));
    CHECK(n.inside == 0 && n.as_of == until);
    CHECK(ly_gate_count(s, until + 60000, &n, err, sizeof err));
    CHECK(n.inside == 0 && n.as_of == until);
    /* the next session in the room counts its own people */
    EXPECT(badge(g, KF_REISSUED, "2026-12-09T10:45"), "granted", "");
    CHECK(ly_gate_count(g, at("2026-12-09T10:50").wall_ms, &n, err, sizeof err));
    CHECK_INT(n.inside, 1);
    ly_gate_close(g);
    ly_gate_close(s);
    ly_kioskdb_close(db);
}

/* Fullness at the door: the levels' bounds, and a room door's panel as people come in: the
 * session on now counted as the capacity rule counts it, its overflow room (with where it is)
 * and its link; nothing at an entrance, an exit or between sessions. */
static void fullness(void)
{
    CHECK_INT(ly_fullness_level_of(0, 0), LY_FULLNESS_NONE);
    CHECK_INT(ly_fullness_level_of(89, 100), LY_FULLNESS_SPACE);
    CHECK_INT(ly_fullness_level_of(90, 100), LY_FULLNESS_NEARLY);
    CHECK_INT(ly_fullness_level_of(99, 100), LY_FULLNESS_NEARLY);
    CHECK_INT(ly_fullness_level_of(100, 100), LY_FULLNESS_FULL);
    CHECK_INT(ly_fullness_level_of(101, 100), LY_FULLNESS_FULL);
    CHECK_INT(ly_fullness_level_of(1, 2), LY_FULLNESS_SPACE);
    CHECK_STR(ly_fullness_level_name(LY_FULLNESS_NEARLY), "nearly_full");

    struct ly_kioskdb *db = fixture(true);
    struct ly_kiosk_session ws;
    struct ly_kiosk_room quiet;
    bool found;
    CHECK(ly_kioskdb_session(db, 0, "WS-3", &ws, &found, err, sizeof err) && found);
    CHECK(ly_kioskdb_room(db, 9, &quiet, &found, err, sizeof err) && found);
    snprintf(quiet.location, sizeof quiet.location, "Level 0");
    ws.overflow_room_id = 9;
    snprintf(ws.online_url, sizeof ws.online_url, "https://live.example.org/ws-3");
    CHECK(ly_kioskdb_put_room(db, &quiet, err, sizeof err) &&
          ly_kioskdb_put_session(db, &ws, err, sizeof err));
    struct ly_gate *g = gate(db, "room:Room 3", NULL);
    const char *t = "2026-12-09T09:00";
    struct ly_fullness f;
    CHECK(ly_gate_fullness(g, ly_gate_local_ms(t), &f, err, sizeof err));
    CHECK(f.level == LY_FULLNESS_SPACE && f.inside == 0 && f.capacity == 2);
    CHECK_STR(f.place, "session:WS-3");
    CHECK_STR(f.overflow, "Quiet room");
    CHECK_STR(f.overflow_location, "Level 0");
    CHECK_STR(f.online_url, "https://live.example.org/ws-3");
    EXPECT(badge(g, KF_PARTICIPANT, t), "granted", "");
    /* another door's entry, as the peer exchange stores it, fills the session: the panel and
     * the capacity rule both count it */
    struct ly_checkin pc = {.uuid = "6f1d2c1e-0000-4000-8000-000000000001",
                            .seq = 1,
                            .kiosk_id = "6f1d2c1e-0000-4000-8000-00000000d002",
                            .wall_ms = ly_gate_local_ms(t),
                            .gate = "room:Room 3",
                            .attendee_id = 4242,
                            .decision = "granted",
                            .place = "session:WS-3",
                            .direction = 1};
    enum ly_peer_put put;
    CHECK(ly_kioskdb_peer_store(db, &pc, pc.wall_ms, &put, err, sizeof err));
    CHECK_INT(put, LY_PEER_STORED);
    CHECK(ly_gate_fullness(g, ly_gate_local_ms(t), &f, err, sizeof err));
    CHECK(f.level == LY_FULLNESS_FULL && f.inside == 2);
    EXPECT(badge(g, KF_VIP, t), "denied", "full"); /* the panel and the rule agree */
    CHECK(ly_gate_fullness(g, ly_gate_local_ms("2026-12-09T12:30"), &f, err, sizeof err));
    CHECK_INT(f.level, LY_FULLNESS_NONE); /* no session on */
    ly_gate_close(g);
    const char *others[] = {"entrance", "exit:room:3", "desk"};
    for (size_t i = 0; i < 3; i++) {
        g = gate(db, others[i], NULL);
        CHECK(ly_gate_fullness(g, ly_gate_local_ms(t), &f, err, sizeof err));
        CHECK_INT(f.level, LY_FULLNESS_NONE);
        ly_gate_close(g);
    }
    g = gate(db, "room:9", NULL); /* a lounge counts itself, without anywhere to send people */
    CHECK(ly_gate_fullness(g, ly_gate_local_ms(t), &f, err, sizeof err));
    CHECK(f.level == LY_FULLNESS_SPACE && f.capacity == 1 && f.overflow[0] == '\0');
    CHECK_STR(f.place, "room:9");
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
    /* A pickup point hands a badge out once, outside opening hours too (test_kiosk_print). */
    g = gate(db, "pickup", NULL);
    d = badge(g, KF_PARTICIPANT, "2026-12-10T23:00");
    EXPECT(d, "picked_up", "");
    d = badge(g, KF_PARTICIPANT, "2026-12-10T23:30");
    EXPECT(d, "denied", "already_picked_up");
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

/* ---- Manual check-in. */

static struct ly_decision *manual(struct ly_gate *g, uint32_t who, const char *reason,
                                  bool override, const char *when)
{
    static struct ly_decision d;
    bool ok = ly_gate_manual(g, who, reason, override, at(when), &d, err, sizeof err);
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "manual: %s\n", err);
    check_reason(&d);
    return &d;
}

static void manual_checkin_follows_the_rules(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    struct ly_checkin row;
    bool found = false;
    const char *why = "Badge left at the hotel; passport checked";
    struct ly_decision *d = manual(g, KF_PARTICIPANT, why, false, "2026-12-08T09:00");
    EXPECT(d, "granted", "");
    CHECK_STR(d->code_kind, "manual");
    CHECK(d->identified && d->registered);
    CHECK_STR(d->attendee.name, "Amina Njoroge");
    CHECK_INT(d->checkin.direction, 1);
    CHECK_STR(d->checkin.place, "venue");
    CHECK_STR(d->checkin.staff_note, why);
    CHECK(ly_kioskdb_checkin(db, d->checkin.seq, &row, &found, err, sizeof err) && found);
    CHECK_STR(row.code_kind, "manual");
    CHECK_STR(row.staff_note, why);
    CHECK_INT(row.attendee_id, KF_PARTICIPANT);
    /* The same rules as a badge: re-entry, hours, registration. No hold-off: the same time
     * twice is decided twice. */
    struct ly_gate_time t = at("2026-12-08T09:01");
    struct ly_decision a, b;
    CHECK(ly_gate_manual(g, KF_PARTICIPANT, why, false, t, &a, err, sizeof err));
    CHECK(ly_gate_manual(g, KF_PARTICIPANT, why, false, t, &b, err, sizeof err));
    CHECK(!a.held_off && !b.held_off && b.checkin.seq == a.checkin.seq + 1);
    EXPECT(&a, "already_inside", "");
    EXPECT(manual(g, KF_SPEAKER, why, false, "2026-12-08T07:30"), "denied", "not_open_yet");
    EXPECT(manual(g, KF_ONLINE, why, false, "2026-12-08T10:00"), "denied", "registered_online");
    d = manual(g, KF_REVOKED, "Says the badge is new", false, "2026-12-08T10:00");
    EXPECT(d, "denied", "revoked");
    CHECK_STR(d->code_kind, "manual");
    CHECK_INT(d->checkin.direction, 0);
    CHECK_STR(d->checkin.staff_note, "Says the badge is new");
    ly_gate_close(g);
    g = gate(db, "session:HL-1", NULL);
    EXPECT(manual(g, KF_PARTICIPANT, why, false, "2026-12-08T14:00"), "denied", "category");
    EXPECT(manual(g, KF_VIP, why, false, "2026-12-08T14:00"), "granted", "");
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void manual_override_records_the_denial(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    int64_t occ = -1;
    struct ly_decision *d = manual(g, KF_REVOKED, "Organizer approved", true, "2026-12-08T10:00");
    EXPECT(d, "granted", "staff_override");
    CHECK_STR(d->reason, "Admitted by staff.");
    CHECK_STR(d->checkin.decision, "granted");
    CHECK_STR(d->checkin.reason_code, "staff_override");
    CHECK_STR(d->checkin.staff_note, "Organizer approved [overrode revoked: This badge was "
                                     "cancelled. Please see the badge desk.]");
    CHECK_INT(d->checkin.direction, 1);
    CHECK_STR(d->checkin.place, "venue");
    CHECK(ly_kioskdb_occupancy(db, "venue", &occ, err, sizeof err) && occ == 1);
    /* Overriding again: already inside, not counted twice. */
    d = manual(g, KF_REVOKED, "Organizer approved", true, "2026-12-08T10:05");
    EXPECT(d, "already_inside", "");
    CHECK_INT(d->checkin.direction, 0);
    CHECK(strstr(d->checkin.staff_note, "[overrode revoked:") != NULL);
    CHECK(ly_kioskdb_occupancy(db, "venue", &occ, err, sizeof err) && occ == 1);
    /* Not a denial: nothing to override, the note is the reason alone. */
    d = manual(g, KF_PARTICIPANT, "Queue too long", true, "2026-12-08T10:05");
    EXPECT(d, "granted", "");
    CHECK_STR(d->checkin.staff_note, "Queue too long");
    ly_gate_close(g);

    /* A full room: the override counts the person into the session on now. */
    g = gate(db, "room:3", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-09T09:00"), "granted", "");
    EXPECT(badge(g, KF_SPEAKER, "2026-12-09T09:00"), "granted", "");
    d = manual(g, KF_VIP, "Panel moderator", true, "2026-12-09T09:05");
    EXPECT(d, "granted", "staff_override");
    CHECK_STR(d->checkin.place, "session:WS-3");
    CHECK_STR(d->session, "WS-3");
    CHECK(strstr(d->checkin.staff_note, "[overrode full: Session WS-3 is full (2 of 2 places).]"));
    CHECK(d->nnotices == 1 && strstr(d->notices[0], "moved") != NULL);
    CHECK(ly_kioskdb_occupancy(db, "session:WS-3", &occ, err, sizeof err) && occ == 3);
    /* No session on: into the room itself. */
    d = manual(g, KF_VIP, "Setting up the next workshop", true, "2026-12-09T12:30");
    CHECK_STR(d->checkin.place, "room:3");
    CHECK(strstr(d->checkin.staff_note, "[overrode no_session: No session in Room 3 now.]"));
    ly_gate_close(g);

    /* A session limited to some categories. */
    g = gate(db, "session:HL-1", NULL);
    d = manual(g, KF_REVOKED, "Protocol office", true, "2026-12-08T13:00");
    EXPECT(d, "granted", "staff_override");
    CHECK_STR(d->session, "HL-1");
    CHECK_STR(d->checkin.place, "session:HL-1");
    CHECK(strstr(d->checkin.staff_note, "[overrode revoked:") != NULL);
    ly_gate_close(g);
    g = gate(db, "desk", NULL);
    d = manual(g, KF_REVOKED, "Reprint approved", true, "2026-12-08T13:00");
    EXPECT(d, "granted", "staff_override");
    CHECK_INT(d->checkin.direction, 0);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void manual_refuses_bad_reasons_and_strangers(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    struct ly_decision d;
    char longer[LY_STAFF_REASON_MAX + 2], longest[LY_STAFF_REASON_MAX + 1];
    static const char *const bad[] = {"", "   ", "tab\there", "line\nbreak", "bad \xff utf-8"};
    int64_t before = 0, after = -1;
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    memset(longest, 'x', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    CHECK(ly_kioskdb_unsent(db, &before, err, sizeof err));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        CHECK(!ly_gate_manual(g, KF_PARTICIPANT, bad[i], false, at("2026-12-08T09:00"), &d, err,
                              sizeof err));
        CHECK(err[0] != '\0');
    }
    CHECK(!ly_gate_manual(g, KF_PARTICIPANT, NULL, true, at("2026-12-08T09:00"), &d, err,
                          sizeof err));
    CHECK(!ly_gate_manual(g, KF_PARTICIPANT, longer, false, at("2026-12-08T09:00"), &d, err,
                          sizeof err));
    CHECK(
        !ly_gate_manual(g, KF_UNSYNCED, "ok", false, at("2026-12-08T09:00"), &d, err, sizeof err));
    CHECK(strstr(err, "not in this kiosk's database") != NULL);
    CHECK(ly_kioskdb_unsent(db, &after, err, sizeof err));
    CHECK_INT(after, before); /* nothing journaled */
    /* The longest reason with the longest override note fits. */
    struct ly_decision *m = manual(g, KF_REVOKED, longest, true, "2026-12-08T09:00");
    EXPECT(m, "granted", "staff_override");
    CHECK(strncmp(m->checkin.staff_note, longest, LY_STAFF_REASON_MAX) == 0);
    CHECK(strstr(m->checkin.staff_note, "Please see the badge desk.]") != NULL);
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

/* The denials the other cases do not reach: a badge outside its validity window, a session
 * whose times cannot be read, titles too long for a sentence. */
static void rare_denials(void)
{
    struct ly_kioskdb *db = fixture(true);
    struct ly_gate *g = gate(db, "entrance", NULL);
    struct ly_badge b = {.event_id = KF_EVENT_ID,
                         .attendee_id = KF_PARTICIPANT,
                         .badge_version = 1,
                         .has_window = true};
    char code[LY_BADGE_CODE_MAX + 1], title[LY_TITLE_MAX + 1] = "";
    int64_t now = kf_eat("2026-12-08T09:00") / 1000;
    b.key_id = ly_badge_key_id(keys.pk);
    b.valid_from = (uint32_t)(now + 86400);
    b.valid_until = (uint32_t)(now + 2 * 86400);
    CHECK(ly_badge_encode(&b, keys.sk, code, sizeof code));
    EXPECT(decide(g, code, "2026-12-08T09:00"), "denied", "not_yet_valid");
    b.valid_from = (uint32_t)(now - 2 * 86400);
    b.valid_until = (uint32_t)(now - 86400);
    CHECK(ly_badge_encode(&b, keys.sk, code, sizeof code));
    EXPECT(decide(g, code, "2026-12-08T09:00"), "denied", "expired");
    ly_gate_close(g);

    /* 150 "é" (300 bytes): cut to whole characters inside the sentence. */
    for (int i = 0; i < 150; i++)
        memcpy(title + 2 * i, "\xc3\xa9", 3); /* the NUL moves on with each one */
    struct ly_kiosk_session s = {.id = 90, .room_id = 1};
    snprintf(s.ext_id, sizeof s.ext_id, "LONG-1");
    snprintf(s.title, sizeof s.title, "%s", title);
    snprintf(s.type, sizeof s.type, "workshop");
    snprintf(s.starts, sizeof s.starts, "2026-12-08T16:00");
    snprintf(s.ends, sizeof s.ends, "2026-12-08T17:00");
    CHECK(ly_kioskdb_put_session(db, &s, err, sizeof err));
    s.id = 91;
    snprintf(s.ext_id, sizeof s.ext_id, "BAD-1");
    snprintf(s.starts, sizeof s.starts, "soon");
    CHECK(ly_kioskdb_put_session(db, &s, err, sizeof err));
    g = gate(db, "session:LONG-1", NULL);
    struct ly_decision *d = badge(g, KF_PARTICIPANT, "2026-12-08T09:00");
    EXPECT(d, "denied", "session_not_open");
    CHECK_INT(strlen(d->reason_args[1]), 80);
    CHECK(strncmp(d->reason_args[1], title, 80) == 0);
    ly_gate_close(g);
    g = gate(db, "session:BAD-1", NULL);
    EXPECT(badge(g, KF_PARTICIPANT, "2026-12-08T09:00"), "denied", "session_unreadable");
    ly_gate_close(g);
    ly_kioskdb_close(db);
}

static void reason_format_for_translations(void)
{
    char args[3][LY_REASON_ARG_MAX + 1] = {"Room 3", "2", "2"}, out[64];
    CHECK_INT(
        ly_gate_reason_format("{1} ist voll ({2} von {3} Plätzen).", args, 3, out, sizeof out),
        strlen("Room 3 ist voll (2 von 2 Plätzen)."));
    CHECK_STR(out, "Room 3 ist voll (2 von 2 Plätzen).");
    CHECK(ly_gate_reason_format("{3}/{1}/{4}/{0}", args, 3, out, sizeof out) > 0);
    CHECK_STR(out, "2/Room 3/{4}/{0}");
    CHECK(ly_gate_reason_format("{2} {1}", args, 1, out, sizeof out) == 7);
    CHECK_STR(out, " Room 3");
    /* Cut on a character boundary: "é" does not fit in the last byte. */
    snprintf(args[0], sizeof args[0], "ééé");
    CHECK_INT(ly_gate_reason_format("ab{1}", args, 1, out, 6), 4);
    CHECK_STR(out, "abé");
}

/* The docs/gates.md sentence for code, from its table row "| `a`, `b` | Sentence A. / Sentence
 * B. |": the sentence in the code's place, or the whole cell for a row with one. */
static bool docs_sentence(const char *docs, const char *code, char *out, size_t outsz)
{
    char line[1024];
    for (const char *p = docs; *p;) {
        size_t n = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        p += n + (p[n] == '\n');
        char *mid = strstr(line, "` | "), *last = line + strlen(line) - 2;
        if (strncmp(line, "| `", 3) != 0 || !mid || strcmp(last, " |") != 0)
            continue;
        mid[1] = '\0';
        *last = '\0';
        char *sentences = mid + 4;
        size_t ncodes = 0, mine = 0, nsent = 1;
        bool found = false;
        for (char *c = line + 2; c && *c; c = strstr(c, ", `") ? strstr(c, ", `") + 2 : NULL) {
            size_t len = strcspn(c + 1, "`");
            if (len == strlen(code) && strncmp(c + 1, code, len) == 0) {
                found = true;
                mine = ncodes;
            }
            ncodes++;
        }
        if (!found)
            continue;
        for (char *s = strstr(sentences, " / "); s; s = strstr(s + 3, " / "))
            nsent++;
        if (nsent != ncodes) { /* one sentence for all the row's codes */
            mine = 0;
            nsent = 1;
        }
        char *s = sentences;
        for (size_t k = 0; k < mine; k++)
            s = strstr(s, " / ") + 3;
        size_t len = nsent > 1 && strstr(s, " / ") ? (size_t)(strstr(s, " / ") - s) : strlen(s);
        snprintf(out, outsz, "%.*s", (int)len, s);
        return true;
    }
    return false;
}

/* Whether sentence reads as template with each {n} standing for an example value: some text
 * that does not hold a quote, start or end with a blank, or end a sentence with a full stop (so
 * that the template's own words and punctuation must all be there). */
static bool fits(const char *template, const char *sentence)
{
    if (*template == '\0')
        return *sentence == '\0';
    if (template[0] == '{' && template[2] == '}') {
        size_t n = strlen(sentence);
        for (size_t len = 1; len <= n; len++) {
            const char *last = sentence + len - 1;
            if (*last == '"' || sentence[0] == ' ' || *last == ' ' || *last == '.')
                continue;
            if (memchr(sentence, '"', len) == NULL && fits(template + 3, sentence + len))
                return true;
        }
        return false;
    }
    return *template == *sentence && fits(template + 1, sentence + 1);
}

/* Last: every reason a decision can carry was decided in this test (its sentence checked against
 * its template), and every template is docs/gates.md's sentence with {n} for its parts. */
static void every_reason_decided_and_documented(void)
{
    static char docs[64 * 1024];
    FILE *f = fopen("docs/gates.md", "rb");
    size_t n = f ? fread(docs, 1, sizeof docs - 1, f) : 0, count = 0;
    if (f)
        fclose(f);
    docs[n] = '\0';
    CHECK(n > 1000);
    const struct ly_reason_template *r = ly_gate_reasons(&count);
    CHECK(count >= 26);
    for (size_t i = 0; i < count; i++) {
        char sentence[LY_REASON_MAX * 2];
        bool decided = false;
        for (size_t k = 0; k < nseen; k++)
            decided = decided || strcmp(seen[k], r[i].code) == 0;
        if (!decided)
            fprintf(stderr, "reason %s was never decided\n", r[i].code);
        CHECK(decided);
        bool documented = docs_sentence(docs, r[i].code, sentence, sizeof sentence);
        if (!documented || !fits(r[i].template, sentence))
            fprintf(stderr, "%s: template \"%s\", docs/gates.md \"%s\"\n", r[i].code, r[i].template,
                    documented ? sentence : "(no row)");
        CHECK(documented && fits(r[i].template, sentence));
    }
    CHECK_INT(nseen, count); /* and nothing else was decided */
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
    RUN(count_ends_with_the_session);
    RUN(notices);
    RUN(desk_and_exit);
    RUN(holdoff);
    RUN(bad_gates_and_databases);
    RUN(manual_checkin_follows_the_rules);
    RUN(manual_override_records_the_denial);
    RUN(manual_refuses_bad_reasons_and_strangers);
    RUN(rare_denials);
    RUN(fullness);
    RUN(reason_format_for_translations);
    RUN(every_reason_decided_and_documented);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
