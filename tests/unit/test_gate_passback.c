/* test_gate_passback.c - the re-entry rule for someone recorded inside, on a real kiosk database
 * (docs/gates.md, "The checks, in order"): under once_per_day and never a badge shown again is
 * refused (already_entered), whether its entry was this kiosk's or another door's (a peer entry,
 * stored as the peer exchange stores it), except as a repeat at the admitting kiosk within
 * LY_GATE_REPEAT_MS; under allowed it is already inside; someone who left is refused by the
 * reentry rules as before. The fixture's event is in Nairobi (UTC+3). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge.h"
#include "check.h"
#include "gate/gate.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_peer.h"
#include "kioskdb/kioskdb_sync.h"
#include "tools/kiosk_fixture.h"

#define OTHER_KIOSK "6f1d2c1e-0000-4000-8000-00000000d002"
#define ENTERED     "This badge entered at 09:00 and has not left since."

static char dir[] = "/tmp/lanyard-passback-XXXXXX";
static int file_no;
static struct kf_keys keys;
static char err[512];
static int64_t mono = 1000000; /* moved past the hold-off by every decision */

/* A kiosk of the fixture's forum at one gate, and the peer entries it was sent. */
struct door {
    struct ly_kioskdb *db;
    struct ly_gate *g;
    int64_t peer_seq;
};

static bool open_door(struct door *k, const char *spec, const char *policy)
{
    struct ly_gate_policy p = ly_gate_policy_defaults;
    char path[256];
    memset(k, 0, sizeof *k);
    snprintf(path, sizeof path, "%s/k%d.db", dir, file_no++);
    bool ok = ly_reentry_parse(policy, &p.reentry) &&
              ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &k->db, err, sizeof err) &&
              kf_fill(k->db, &keys, true, err, sizeof err) &&
              ly_gate_open(k->db, spec, &p, &k->g, err, sizeof err);
    if (!ok)
        fprintf(stderr, "door %s (%s): %s\n", spec, policy, err);
    CHECK(ok);
    return ok;
}

static void close_door(struct door *k)
{
    ly_gate_close(k->g);
    ly_kioskdb_close(k->db);
}

/* Unix ms of local time "YYYY-MM-DDTHH:MM" plus ms. */
static int64_t eat(const char *local, int64_t ms)
{
    return kf_eat(local) + ms;
}

/* Shows who's badge at wall time wall_ms; returns the decision (a static copy). */
static struct ly_decision *show(struct door *k, uint32_t who, int64_t wall_ms)
{
    static struct ly_decision d;
    char code[LY_BADGE_CODE_MAX + 1];
    memset(&d, 0, sizeof d);
    mono += 10000;
    struct ly_gate_time t = {wall_ms, mono};
    CHECK(kf_code(&keys, who, 1, KF_EVENT_ID, false, code) &&
          ly_gate_decide(k->g, code, strlen(code), t, &d, err, sizeof err));
    CHECK(!d.held_off);
    return &d;
}

/* Stores who's movement through place at wall_ms, made by another kiosk at gate and sent here
 * directly (ly_kioskdb_peer_store, as the peer listener stores it). */
static void peer_move(struct door *k, uint32_t who, const char *gate, const char *place, int way,
                      int64_t wall_ms)
{
    struct ly_checkin c = {.seq = ++k->peer_seq,
                           .kiosk_id = OTHER_KIOSK,
                           .wall_ms = wall_ms,
                           .attendee_id = who,
                           .decision = "granted",
                           .direction = way};
    enum ly_peer_put put = LY_PEER_GAP;
    snprintf(c.uuid, sizeof c.uuid, "6f1d2c1e-0000-4000-8000-%012llu",
             (unsigned long long)c.seq % 1000000000000ULL); /* 12 digits at most */
    snprintf(c.gate, sizeof c.gate, "%s", gate);
    snprintf(c.place, sizeof c.place, "%s", place);
    snprintf(c.policy, sizeof c.policy, "%s", way > 0 ? "once_per_day" : "");
    CHECK(ly_kioskdb_peer_store(k->db, &c, wall_ms, &put, err, sizeof err));
    CHECK_INT(put, LY_PEER_STORED);
}

#define EXPECT(d, kind_, code_)                                                                    \
    do {                                                                                           \
        CHECK_STR(ly_decision_name((d)->kind), kind_);                                             \
        CHECK_STR((d)->reason_code, code_);                                                        \
    } while (0)

static const char *const one_entry[] = {"once_per_day", "never"};

/* Admitted at another door a second ago: refused here at once, journaled as a denial that moves
 * nobody (uploaded like any other), and refused again later. */
static void another_door_refused_at_once(void)
{
    for (size_t i = 0; i < 2; i++) {
        struct door k;
        struct ly_checkin row;
        bool found = false;
        int64_t occ = -1, unsent = -1, n = -1;
        if (!open_door(&k, "entrance", one_entry[i]))
            continue;
        peer_move(&k, KF_PARTICIPANT, "entrance", "venue", 1, eat("2026-12-08T09:00", 0));
        struct ly_decision *d = show(&k, KF_PARTICIPANT, eat("2026-12-08T09:00", 1000));
        EXPECT(d, "denied", "already_entered");
        CHECK_STR(d->reason, ENTERED);
        CHECK_STR(d->reason_template, "This badge entered at {1} and has not left since.");
        CHECK(d->nreason_args == 1 && strcmp(d->reason_args[0], "09:00") == 0);
        CHECK(ly_kioskdb_checkin(k.db, d->checkin.seq, &row, &found, err, sizeof err) && found);
        CHECK_STR(row.decision, "denied");
        CHECK_STR(row.reason_code, "already_entered");
        CHECK_STR(row.reason, ENTERED);
        CHECK_STR(row.place, "venue");
        CHECK_INT(row.direction, 0);
        CHECK_INT(row.attendee_id, KF_PARTICIPANT);
        CHECK(ly_kioskdb_unsent(k.db, &unsent, err, sizeof err) && unsent == 1);
        CHECK(ly_kioskdb_occupancy(k.db, "venue", &occ, err, sizeof err) && occ == 0);
        CHECK(ly_kioskdb_capacity_count(k.db, "venue", &n, err, sizeof err) && n == 1);
        EXPECT(show(&k, KF_PARTICIPANT, eat("2026-12-08T11:30", 0)), "denied", "already_entered");
        /* someone else is not concerned */
        EXPECT(show(&k, KF_VIP, eat("2026-12-08T09:01", 0)), "granted", "");
        close_door(&k);
    }
}

/* At the kiosk that admitted the badge: a repeat within the window is already inside (a repeat
 * does not move the window on); from its end on, a refusal naming the entry's time. */
static void same_kiosk_repeat_window(void)
{
    for (size_t i = 0; i < 2; i++) {
        struct door k;
        int64_t entered = eat("2026-12-08T09:00", 0), occ = -1;
        if (!open_door(&k, "entrance", one_entry[i]))
            continue;
        EXPECT(show(&k, KF_PARTICIPANT, entered), "granted", "");
        struct ly_decision *d = show(&k, KF_PARTICIPANT, entered + 30000);
        EXPECT(d, "already_inside", "");
        CHECK_INT(d->checkin.direction, 0);
        EXPECT(show(&k, KF_PARTICIPANT, entered + LY_GATE_REPEAT_MS - 1), "already_inside", "");
        d = show(&k, KF_PARTICIPANT, entered + LY_GATE_REPEAT_MS);
        EXPECT(d, "denied", "already_entered");
        CHECK_STR(d->reason, ENTERED);
        CHECK_INT(d->checkin.direction, 0);
        EXPECT(show(&k, KF_PARTICIPANT, eat("2026-12-08T09:10", 0)), "denied", "already_entered");
        CHECK(ly_kioskdb_occupancy(k.db, "venue", &occ, err, sizeof err) && occ == 1);
        /* A clock set back since the entry is not a repeat. */
        EXPECT(show(&k, KF_PARTICIPANT, entered - 30000), "denied", "already_entered");
        close_door(&k);
    }
}

/* Under "allowed", someone recorded inside is already inside, wherever and whenever they
 * entered: not refused, not counted twice. */
static void allowed_is_already_inside(void)
{
    struct door k;
    int64_t occ = -1;
    if (!open_door(&k, "entrance", "allowed"))
        return;
    peer_move(&k, KF_PARTICIPANT, "entrance", "venue", 1, eat("2026-12-08T09:00", 0));
    EXPECT(show(&k, KF_PARTICIPANT, eat("2026-12-08T09:00", 1000)), "already_inside", "");
    EXPECT(show(&k, KF_SPEAKER, eat("2026-12-08T09:00", 0)), "granted", "");
    struct ly_decision *d = show(&k, KF_SPEAKER, eat("2026-12-08T10:00", 0));
    EXPECT(d, "already_inside", "");
    CHECK_INT(d->checkin.direction, 0);
    CHECK(ly_kioskdb_occupancy(k.db, "venue", &occ, err, sizeof err) && occ == 1);
    close_door(&k);
}

/* Someone who left (through another door's exit, or this kiosk's own) and comes back meets the
 * reentry rules as before, inside the repeat window too; yesterday's entry without an exit is
 * not today's presence at the entrance. */
static void exit_then_entry(void)
{
    static const char *const again[] = {"reentry_today", "reentry_never"};
    static const char *const next_day[] = {"granted", "denied"};
    for (size_t i = 0; i < 2; i++) {
        struct door k;
        if (!open_door(&k, "entrance", one_entry[i]))
            continue;
        EXPECT(show(&k, KF_PARTICIPANT, eat("2026-12-08T09:00", 0)), "granted", "");
        peer_move(&k, KF_PARTICIPANT, "exit", "venue", -1, eat("2026-12-08T09:00", 20000));
        struct ly_decision *d = show(&k, KF_PARTICIPANT, eat("2026-12-08T09:00", 40000));
        EXPECT(d, "denied", again[i]);
        CHECK(strstr(d->reason, "09:00") != NULL);
        EXPECT(show(&k, KF_PARTICIPANT, eat("2026-12-08T13:00", 0)), "denied", again[i]);
        /* out through this kiosk's own exit gate, back 30 s later */
        EXPECT(show(&k, KF_SPEAKER, eat("2026-12-08T09:00", 0)), "granted", "");
        ly_gate_close(k.g);
        struct ly_gate_policy p = ly_gate_policy_defaults;
        CHECK(ly_reentry_parse(one_entry[i], &p.reentry));
        CHECK(ly_gate_open(k.db, "exit", &p, &k.g, err, sizeof err));
        EXPECT(show(&k, KF_SPEAKER, eat("2026-12-08T12:00", 0)), "granted", "");
        ly_gate_close(k.g);
        CHECK(ly_gate_open(k.db, "entrance", &p, &k.g, err, sizeof err));
        EXPECT(show(&k, KF_SPEAKER, eat("2026-12-08T12:00", 30000)), "denied", again[i]);
        /* entered at 12-08 18:00 at another door, never scanned out; back on 12-09 */
        peer_move(&k, KF_VIP, "entrance", "venue", 1, eat("2026-12-08T18:00", 0));
        CHECK_STR(ly_decision_name(show(&k, KF_VIP, eat("2026-12-09T09:00", 0))->kind),
                  next_day[i]);
        close_door(&k);
    }
}

/* A session door: another door of the session admitted the badge. */
static void session_door(void)
{
    struct door k;
    if (!open_door(&k, "session:MS-1", "once_per_day"))
        return;
    peer_move(&k, KF_PARTICIPANT, "session:MS-1", "session:MS-1", 1, eat("2026-12-08T10:00", 0));
    struct ly_decision *d = show(&k, KF_PARTICIPANT, eat("2026-12-08T10:00", 5000));
    EXPECT(d, "denied", "already_entered");
    CHECK_STR(d->checkin.place, "session:MS-1");
    CHECK_STR(d->reason, "This badge entered at 10:00 and has not left since.");
    EXPECT(show(&k, KF_SPEAKER, eat("2026-12-08T10:00", 5000)), "granted", "");
    close_door(&k);
}

/* Staff: a check-in by hand meets the same refusal; their override admits the person without
 * counting them twice (already inside), the note keeping the override and the denial. */
static void staff_override(void)
{
    struct door k;
    struct ly_decision d;
    int64_t occ = -1, n = -1;
    if (!open_door(&k, "entrance", "once_per_day"))
        return;
    peer_move(&k, KF_PARTICIPANT, "entrance", "venue", 1, eat("2026-12-08T09:00", 0));
    struct ly_gate_time t = {eat("2026-12-08T09:10", 0), mono += 10000};
    CHECK(ly_gate_manual(k.g, KF_PARTICIPANT, "Badge in hand", false, t, &d, err, sizeof err));
    EXPECT(&d, "denied", "already_entered");
    CHECK_STR(d.code_kind, "manual");
    t.wall_ms += 60000;
    CHECK(
        ly_gate_manual(k.g, KF_PARTICIPANT, "Left by the side door", true, t, &d, err, sizeof err));
    EXPECT(&d, "already_inside", "");
    CHECK_INT(d.checkin.direction, 0);
    CHECK_STR(d.checkin.staff_note,
              "Left by the side door [overrode already_entered: " ENTERED "]");
    CHECK(ly_kioskdb_occupancy(k.db, "venue", &occ, err, sizeof err) && occ == 0);
    CHECK(ly_kioskdb_capacity_count(k.db, "venue", &n, err, sizeof err) && n == 1);
    close_door(&k);
}

int main(void)
{
    if (!mkdtemp(dir) || sodium_init() < 0)
        return 1;
    kf_keys(&keys);
    RUN(another_door_refused_at_once);
    RUN(same_kiosk_repeat_window);
    RUN(allowed_is_already_inside);
    RUN(exit_then_entry);
    RUN(session_door);
    RUN(staff_override);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
