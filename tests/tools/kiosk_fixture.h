/* kiosk_fixture.h - a small forum in a kiosk database, for the gate's unit test, its fuzz
 * harness and the decision benchmark: an event in Nairobi (UTC+3) from 2026-12-08 to 12-10,
 * one signing key (and another event's), attendees in every state a rule reads, rooms, sessions,
 * opening hours and notices. Keys come from fixed seeds, so codes stay valid across runs. */
#ifndef LY_TOOLS_KIOSK_FIXTURE_H
#define LY_TOOLS_KIOSK_FIXTURE_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "badge/badge.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"

#define KF_EVENT_ID 777u

/* Attendees of the fixture. */
enum {
    KF_PARTICIPANT = 1, /* onsite participant */
    KF_SPEAKER = 2,     /* speaker, assistance flag */
    KF_REVOKED = 3,
    KF_REISSUED = 4, /* badge version 2 */
    KF_ONLINE = 5,
    KF_UNSYNCED = 6, /* signed badge, not in the kiosk database */
    KF_VIP = 7,
};

struct kf_keys {
    uint8_t pk[32], sk[64];             /* the event's signing key */
    uint8_t other_pk[32], other_sk[64]; /* a key the kiosk does not hold */
};

static inline void kf_keys(struct kf_keys *k)
{
    uint8_t seed[32];
    memset(seed, 0x11, sizeof seed);
    crypto_sign_seed_keypair(k->pk, k->sk, seed);
    memset(seed, 0x22, sizeof seed);
    crypto_sign_seed_keypair(k->other_pk, k->other_sk, seed);
}

/* Unix ms of a Nairobi local time "YYYY-MM-DDTHH:MM" (UTC+3, no daylight saving). */
static inline int64_t kf_eat(const char *local)
{
    struct tm tm = {0};
    int y, mo, d, h, mi;
    if (sscanf(local, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5)
        abort();
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return ((int64_t)timegm(&tm) - 3 * 3600) * 1000;
}

/* Writes a genuine badge code into out (LY_BADGE_CODE_MAX + 1 bytes). */
static inline bool kf_code(const struct kf_keys *k, uint32_t attendee, uint16_t version,
                           uint32_t event, bool other_key, char *out)
{
    struct ly_badge b = {.event_id = event, .attendee_id = attendee, .badge_version = version};
    b.key_id = ly_badge_key_id(other_key ? k->other_pk : k->pk);
    return ly_badge_encode(&b, other_key ? k->other_sk : k->sk, out, LY_BADGE_CODE_MAX + 1);
}

static inline bool kf_attendee(struct ly_kioskdb *db, uint32_t id, const char *name,
                               const char *cat, uint16_t version, bool revoked,
                               const char *attendance, bool assistance, char *err, size_t errsz)
{
    struct ly_kiosk_attendee a = {
        .id = id, .badge_version = version, .revoked = revoked, .assistance = assistance};
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.category, sizeof a.category, "%s", cat);
    snprintf(a.attendance, sizeof a.attendance, "%s", attendance);
    memcpy(a.country, "KE", 3);
    return ly_kioskdb_put_attendee(db, &a, err, errsz);
}

static inline bool kf_session(struct ly_kioskdb *db, int64_t id, const char *ext, const char *type,
                              int64_t room, const char *starts, const char *ends, int capacity,
                              const char *cats, char *err, size_t errsz)
{
    struct ly_kiosk_session s = {.id = id, .room_id = room, .capacity = capacity};
    snprintf(s.ext_id, sizeof s.ext_id, "%s", ext);
    snprintf(s.title, sizeof s.title, "Session %s", ext);
    snprintf(s.type, sizeof s.type, "%s", type);
    snprintf(s.starts, sizeof s.starts, "%s", starts);
    snprintf(s.ends, sizeof s.ends, "%s", ends);
    snprintf(s.categories, sizeof s.categories, "%s", cats);
    return ly_kioskdb_put_session(db, &s, err, errsz);
}

static inline bool kf_notice(struct ly_kioskdb *db, int64_t id, const char *place, const char *cat,
                             const char *text, char *err, size_t errsz)
{
    struct ly_kiosk_notice n = {.id = id};
    snprintf(n.place, sizeof n.place, "%s", place);
    snprintf(n.category, sizeof n.category, "%s", cat);
    snprintf(n.text, sizeof n.text, "%s", text);
    return ly_kioskdb_put_notice(db, &n, err, errsz);
}

static inline bool kf_hours(struct ly_kioskdb *db, const char *day, const char *opens,
                            const char *closes, char *err, size_t errsz)
{
    struct ly_kiosk_hours h;
    snprintf(h.day, sizeof h.day, "%s", day);
    snprintf(h.opens, sizeof h.opens, "%s", opens);
    snprintf(h.closes, sizeof h.closes, "%s", closes);
    return ly_kioskdb_put_hours(db, &h, err, errsz);
}

/* Fills an empty kiosk database with the forum; opening hours only when with_hours (without
 * them, every event day is open all day). Room 3 seats 2 and the quiet room 1. */
static inline bool kf_fill(struct ly_kioskdb *db, const struct kf_keys *k, bool with_hours,
                           char *err, size_t errsz)
{
    struct ly_event ev = {.id = KF_EVENT_ID};
    struct ly_badge_key key = {.key_id = ly_badge_key_id(k->pk)};
    struct ly_kiosk_room hall = {.id = 1, .capacity = 500}, room3 = {.id = 3, .capacity = 2},
                         quiet = {.id = 9, .capacity = 1};
    snprintf(ev.name, sizeof ev.name, "Forum");
    snprintf(ev.starts, sizeof ev.starts, "2026-12-08");
    snprintf(ev.ends, sizeof ev.ends, "2026-12-10");
    snprintf(ev.timezone, sizeof ev.timezone, "Africa/Nairobi");
    memcpy(key.pk, k->pk, sizeof key.pk);
    snprintf(hall.name, sizeof hall.name, "Main Hall");
    snprintf(room3.name, sizeof room3.name, "Room 3");
    snprintf(quiet.name, sizeof quiet.name, "Quiet room");
    bool ok =
        ly_kioskdb_begin(db, err, errsz) && ly_kioskdb_put_event(db, &ev, err, errsz) &&
        ly_kioskdb_put_key(db, &key, err, errsz) &&
        kf_attendee(db, KF_PARTICIPANT, "Amina Njoroge", "participant", 1, false, "onsite", false,
                    err, errsz) &&
        kf_attendee(db, KF_SPEAKER, "李娜", "speaker", 1, false, "onsite", true, err, errsz) &&
        kf_attendee(db, KF_REVOKED, "Revoked Person", "participant", 1, true, "onsite", false, err,
                    errsz) &&
        kf_attendee(db, KF_REISSUED, "Lost Badge", "participant", 2, false, "onsite", false, err,
                    errsz) &&
        kf_attendee(db, KF_ONLINE, "Remote Person", "participant", 1, false, "online", false, err,
                    errsz) &&
        kf_attendee(db, KF_VIP, "Minister", "vip", 1, false, "onsite", false, err, errsz) &&
        ly_kioskdb_put_alt_code(db, "PRETIX-7Q2X", KF_PARTICIPANT, err, errsz) &&
        ly_kioskdb_put_room(db, &hall, err, errsz) && ly_kioskdb_put_room(db, &room3, err, errsz) &&
        ly_kioskdb_put_room(db, &quiet, err, errsz) &&
        kf_session(db, 10, "MS-1", "main_session", 1, "2026-12-08T10:00", "2026-12-08T11:30", 0, "",
                   err, errsz) &&
        kf_session(db, 11, "HL-1", "high_level", 1, "2026-12-08T14:00", "2026-12-08T15:00", 0,
                   "vip speaker", err, errsz) &&
        kf_session(db, 12, "WS-3", "workshop", 3, "2026-12-09T09:00", "2026-12-09T10:00", 0, "",
                   err, errsz) &&
        kf_session(db, 13, "WS-4", "workshop", 3, "2026-12-09T11:00", "2026-12-09T12:00", 0, "",
                   err, errsz) &&
        (!with_hours || (kf_hours(db, "2026-12-08", "08:00", "19:00", err, errsz) &&
                         kf_hours(db, "2026-12-09", "08:00", "19:00", err, errsz) &&
                         kf_hours(db, "2026-12-07", "12:00", "19:00", err, errsz))) &&
        kf_notice(db, 1, "venue", "speaker", "Speakers: the speaker lounge is Room 3.", err,
                  errsz) &&
        kf_notice(db, 2, "type:main_session", "", "Collect an interpretation headset.", err,
                  errsz) &&
        kf_notice(db, 3, "session:WS-3", "", "Workshop WS-3 has moved to Room 3.", err, errsz) &&
        kf_notice(db, 4, "room:Quiet room", "", "Please keep phones silent.", err, errsz) &&
        ly_kioskdb_commit(db, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(db);
    return ok;
}

#endif
