/* test_kioskdb_sync.c - the kiosk database's sync side on real SQLite files: settings in meta,
 * deletions, the capacity count with and without the hub's occupancy, a downloaded snapshot
 * merged into a kiosk that keeps its identity and journal (and a bad one refused with nothing
 * changed), and the wipe of a revoked kiosk. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_count.h"
#include "kioskdb/kioskdb_sync.h"
#include "rawsql.h"

static char dir[] = "/tmp/lanyard-kioskdb-sync-XXXXXX";
static int file_no;

static struct ly_kioskdb *fresh(enum ly_kioskdb_mode mode, char *path, size_t pathsz)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    snprintf(path, pathsz, "%s/k%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, mode, &db, err, sizeof err));
    if (!db)
        fprintf(stderr, "open: %s\n", err);
    return db;
}

static bool put_person(struct ly_kioskdb *db, uint32_t id, const char *name)
{
    struct ly_kiosk_attendee a = {.id = id, .badge_version = 1};
    char err[256];
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.category, sizeof a.category, "participant");
    memcpy(a.country, "KE", 3);
    bool ok = ly_kioskdb_put_attendee(db, &a, err, sizeof err);
    if (!ok)
        fprintf(stderr, "put: %s\n", err);
    return ok;
}

static bool journal(struct ly_kioskdb *db, const char *place, int direction, struct ly_checkin *out)
{
    struct ly_checkin c = {0};
    char err[256];
    snprintf(c.gate, sizeof c.gate, "entrance");
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "granted");
    snprintf(c.place, sizeof c.place, "%s", place);
    c.attendee_id = 1;
    c.direction = direction;
    return ly_kioskdb_journal(db, &c, out, err, sizeof err);
}

/* Records a hub count of place as an occupancy change would, without as_of or grace. */
static bool hub_occ(struct ly_kioskdb *db, const char *place, int64_t inside, int64_t through)
{
    char err[256];
    struct ly_hub_occupancy o = {place, inside, 0, -1};
    return ly_kioskdb_set_hub_occupancy(db, &o, through, err, sizeof err);
}

/* A movement of attendee through place at wall time wall_ms. */
static bool move(struct ly_kioskdb *db, uint32_t attendee, const char *place, int direction,
                 int64_t wall_ms, struct ly_checkin *out)
{
    struct ly_checkin c = {0};
    char err[256];
    snprintf(c.gate, sizeof c.gate, "%s", place);
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "granted");
    snprintf(c.place, sizeof c.place, "%s", place);
    c.attendee_id = attendee;
    c.direction = direction;
    c.wall_ms = wall_ms;
    return ly_kioskdb_journal(db, &c, out, err, sizeof err);
}

/* A snapshot file like the hub's: an event, a key, rooms, a session, n attendees, a ticket
 * code, rules, at cursor. */
static bool write_snapshot(const char *path, int n, int64_t cursor)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    struct ly_event ev = {.id = 9};
    struct ly_badge_key key = {.key_id = 5};
    struct ly_kiosk_room room = {.id = 3, .capacity = 50};
    struct ly_kiosk_session s = {.id = 4, .room_id = 3};
    struct ly_kiosk_hours h = {"2026-06-01", "08:00", "18:00"};
    bool ok = ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &db, err, sizeof err);
    snprintf(ev.name, sizeof ev.name, "Forum");
    snprintf(ev.starts, sizeof ev.starts, "2026-06-01");
    snprintf(ev.ends, sizeof ev.ends, "2026-06-03");
    snprintf(ev.timezone, sizeof ev.timezone, "UTC");
    memset(key.pk, 7, sizeof key.pk);
    snprintf(room.name, sizeof room.name, "Hall");
    snprintf(s.ext_id, sizeof s.ext_id, "MS-1");
    snprintf(s.title, sizeof s.title, "Opening");
    snprintf(s.type, sizeof s.type, "main_session");
    snprintf(s.starts, sizeof s.starts, "2026-06-01T09:00");
    snprintf(s.ends, sizeof s.ends, "2026-06-01T10:00");
    ok = ok && ly_kioskdb_begin(db, err, sizeof err) &&
         ly_kioskdb_put_event(db, &ev, err, sizeof err) &&
         ly_kioskdb_put_key(db, &key, err, sizeof err) &&
         ly_kioskdb_put_room(db, &room, err, sizeof err) &&
         ly_kioskdb_put_session(db, &s, err, sizeof err) &&
         ly_kioskdb_put_hours(db, &h, err, sizeof err);
    for (int i = 1; ok && i <= n; i++) {
        char name[32];
        snprintf(name, sizeof name, "Person %d", i);
        ok = put_person(db, (uint32_t)(100 + i), name);
    }
    ok = ok && ly_kioskdb_put_alt_code(db, "TICKET-1", 101, err, sizeof err) &&
         ly_kioskdb_set_sync_cursor(db, cursor, err, sizeof err) &&
         ly_kioskdb_commit(db, err, sizeof err);
    if (!ok)
        fprintf(stderr, "snapshot: %s\n", err);
    ly_kioskdb_close(db);
    return ok;
}

static void settings_in_meta(void)
{
    char path[256], v[64], err[256] = "";
    bool found = true;
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    CHECK(ly_kioskdb_meta_text(db, "hub_url", v, sizeof v, &found, err, sizeof err));
    CHECK(!found);
    CHECK_STR(v, "");
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", "https://hub.example:8443", err, sizeof err));
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", "https://hub.local", err, sizeof err));
    CHECK(ly_kioskdb_meta_text(db, "hub_url", v, sizeof v, &found, err, sizeof err));
    CHECK(found);
    CHECK_STR(v, "https://hub.local");
    /* too long for the caller's buffer: an error, never cut */
    CHECK(!ly_kioskdb_meta_text(db, "hub_url", v, 8, &found, err, sizeof err));
    CHECK(strstr(err, "longer than 7") != NULL);
    /* an integer value reads as text (sync_cursor is stored as a number) */
    CHECK(ly_kioskdb_meta_text(db, "sync_cursor", v, sizeof v, &found, err, sizeof err));
    CHECK_STR(v, "0");
    char big[LY_KIOSKDB_META_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(!ly_kioskdb_set_meta_text(db, "hub_token", big, err, sizeof err));
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", NULL, err, sizeof err));
    CHECK(ly_kioskdb_meta_text(db, "hub_url", v, sizeof v, &found, err, sizeof err));
    CHECK(!found);
    ly_kioskdb_close(db);
    /* the file stays its owner's: it now holds a token */
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 077) == 0);
}

static void deletions(void)
{
    char path[256], snap[256], err[256] = "";
    int64_t cursor = 0;
    uint32_t id = 0;
    bool found = true;
    struct ly_kiosk_attendee a;
    struct ly_kiosk_session s;
    struct ly_kiosk_room r;
    snprintf(snap, sizeof snap, "%s/del-snap.db", dir);
    CHECK(write_snapshot(snap, 3, 10));
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_delete_attendee(db, 101, err, sizeof err));
    CHECK(ly_kioskdb_delete_attendee(db, 999, err, sizeof err)); /* absent: fine */
    CHECK(ly_kioskdb_delete_room(db, 3, err, sizeof err));       /* takes session 4 along */
    CHECK(ly_kioskdb_delete_key(db, 5, err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    CHECK(ly_kioskdb_attendee(db, 101, &a, &found, err, sizeof err));
    CHECK(!found);
    CHECK(ly_kioskdb_find_alt_code(db, "TICKET-1", &id, err, sizeof err));
    CHECK_INT(id, 0); /* the ticket code went with its attendee */
    CHECK(ly_kioskdb_attendee(db, 102, &a, &found, err, sizeof err));
    CHECK(found);
    CHECK(ly_kioskdb_session(db, 4, NULL, &s, &found, err, sizeof err));
    CHECK(!found);
    CHECK(ly_kioskdb_room(db, 3, &r, &found, err, sizeof err));
    CHECK(!found);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 0);
    CHECK(ly_kioskdb_put_alt_code(db, "TICKET-2", 102, err, sizeof err));
    CHECK(ly_kioskdb_put_alt_code(db, "TICKET-3", 103, err, sizeof err));
    CHECK(ly_kioskdb_delete_alt_codes(db, 102, err, sizeof err));
    CHECK(ly_kioskdb_find_alt_code(db, "TICKET-2", &id, err, sizeof err));
    CHECK_INT(id, 0);
    CHECK(ly_kioskdb_find_alt_code(db, "TICKET-3", &id, err, sizeof err));
    CHECK_INT(id, 103);
    ly_kioskdb_close(db);
}

static void capacity_count(void)
{
    char path[256], err[256] = "";
    int64_t n = -1, through = -1;
    struct ly_checkin c[6];
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    /* this kiosk alone: entries minus exits */
    CHECK(journal(db, "room:3", 1, &c[0]) && journal(db, "room:3", 1, &c[1]) &&
          journal(db, "room:3", 1, &c[2]) && journal(db, "room:3", -1, &c[3]));
    CHECK(ly_kioskdb_capacity_count(db, "room:3", &n, err, sizeof err));
    CHECK_INT(n, 2);
    CHECK(ly_kioskdb_sent_through(db, &through, err, sizeof err));
    CHECK_INT(through, 0);
    /* the hub committed the first three and counts 40 inside across doors (other doors let
     * people out too: this kiosk's own count would say 2, the hub's 40) */
    const char *sent[] = {c[0].uuid, c[1].uuid, c[2].uuid};
    size_t marked = 0;
    CHECK(ly_kioskdb_mark_sent(db, sent, 3, &marked, err, sizeof err));
    CHECK(ly_kioskdb_sent_through(db, &through, err, sizeof err));
    CHECK_INT(through, 3);
    CHECK(hub_occ(db, "room:3", 40, through));
    /* the hub's 40 plus this kiosk's exit it has not counted yet (seq 4) */
    CHECK(ly_kioskdb_capacity_count(db, "room:3", &n, err, sizeof err));
    CHECK_INT(n, 39);
    CHECK(journal(db, "room:3", 1, &c[4]));
    CHECK(ly_kioskdb_capacity_count(db, "room:3", &n, err, sizeof err));
    CHECK_INT(n, 40);
    /* a newer count from the hub that includes everything: no double counting */
    CHECK(hub_occ(db, "room:3", 12, 5));
    CHECK(ly_kioskdb_capacity_count(db, "room:3", &n, err, sizeof err));
    CHECK_INT(n, 12);
    /* other places are unaffected; an empty hub count never goes below 0 */
    CHECK(journal(db, "venue", 1, &c[5]));
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(hub_occ(db, "venue", 0, 0));
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(hub_occ(db, "venue", 0, 6));
    CHECK(journal(db, "venue", -1, &c[5]) && journal(db, "venue", -1, &c[5]));
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 0);
    CHECK(!hub_occ(db, "", 1, 0));
    ly_kioskdb_close(db);
}

static void snapshot_merge_keeps_identity_and_journal(void)
{
    char path[256], snap[256], v[64], err[256] = "";
    int64_t cursor = -1, unsent = -1;
    bool found;
    struct ly_checkin c;
    struct ly_kiosk_attendee a;
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    char id[LY_UUID_LEN + 1];
    snprintf(id, sizeof id, "%s", ly_kioskdb_kiosk_id(db));
    /* a kiosk with a journal, settings and an attendee the hub no longer has */
    CHECK(journal(db, "venue", 1, &c) && journal(db, "venue", 1, &c));
    CHECK(ly_kioskdb_set_token(db, "lyk_secret", err, sizeof err));
    CHECK(hub_occ(db, "venue", 5, 0));
    CHECK(ly_kioskdb_begin(db, err, sizeof err) && put_person(db, 5000, "Gone") &&
          ly_kioskdb_commit(db, err, sizeof err));

    snprintf(snap, sizeof snap, "%s/snap-1000.db", dir);
    CHECK(write_snapshot(snap, 1000, 4242));
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    if (err[0])
        fprintf(stderr, "merge: %s\n", err);
    CHECK_INT(cursor, 4242);
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 4242);
    CHECK_STR(ly_kioskdb_kiosk_id(db), id);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 1000);
    CHECK(ly_kioskdb_attendee(db, 5000, &a, &found, err, sizeof err));
    CHECK(!found); /* replaced, not added to */
    CHECK(ly_kioskdb_attendee(db, 1100, &a, &found, err, sizeof err));
    CHECK(found);
    CHECK_STR(a.name, "Person 1000");
    /* the snapshot's clear ticket code is kept as its keyed hash (kioskdb_secret.h) */
    CHECK_INT(raw_int(path, "SELECT count(*) FROM alt_codes"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM code_hashes"), 1);
    uint32_t holder = 0;
    CHECK(ly_kioskdb_find_alt_code(db, "TICKET-1", &holder, err, sizeof err));
    CHECK_INT(holder, 101);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM sessions"), 1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM opening_hours"), 1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 1);
    /* the journal and the token stay; the old hub occupancy goes with the old data */
    CHECK(ly_kioskdb_unsent(db, &unsent, err, sizeof err));
    CHECK_INT(unsent, 2);
    CHECK(ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK_STR(v, "lyk_secret");
    CHECK_INT(raw_int(path, "SELECT count(*) FROM meta WHERE key LIKE 'hub_inside:%'"), 0);
    /* and the next decision continues the sequence */
    CHECK(journal(db, "venue", 1, &c));
    CHECK_INT(c.seq, 3);
    /* merging again (the hub asked for a fresh start) is idempotent */
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 1000);
    ly_kioskdb_close(db);
}

static void bad_snapshots_change_nothing(void)
{
    char path[256], snap[256], err[256] = "";
    int64_t cursor = -1;
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    snprintf(snap, sizeof snap, "%s/good.db", dir);
    CHECK(write_snapshot(snap, 10, 77));
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));

    /* a name over LY_NAME_MAX */
    snprintf(snap, sizeof snap, "%s/long.db", dir);
    CHECK(write_snapshot(snap, 20, 80));
    CHECK(raw_exec(snap, "UPDATE attendees SET name = printf('%.500c', 'x') WHERE id = 105"));
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK(strstr(err, "attendees") != NULL);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 10);
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 77);

    /* a newer schema */
    snprintf(snap, sizeof snap, "%s/newer.db", dir);
    CHECK(write_snapshot(snap, 20, 80));
    CHECK(raw_exec(snap, "PRAGMA user_version = 99"));
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK(strstr(err, "newer") != NULL);

    /* not a database at all */
    snprintf(snap, sizeof snap, "%s/garbage.db", dir);
    FILE *f = fopen(snap, "wb");
    CHECK(f != NULL);
    if (f) {
        for (int i = 0; i < 8192; i++)
            fputc(i * 7 & 0xff, f);
        fclose(f);
    }
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 10);

    /* a file without the tables (an empty file becomes an empty kiosk database: that merges
     * to no data, which is what it says; a table missing is an error) */
    snprintf(snap, sizeof snap, "%s/notables.db", dir);
    CHECK(write_snapshot(snap, 3, 90));
    CHECK(raw_exec(snap, "DROP TABLE notices"));
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 10);
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 77);
    ly_kioskdb_close(db);
}

static void wipe_keeps_journal(void)
{
    char path[256], snap[256], v[64], err[256] = "";
    int64_t cursor = -1, unsent = -1;
    bool found = true;
    struct ly_checkin c;
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    snprintf(snap, sizeof snap, "%s/wipe-snap.db", dir);
    CHECK(write_snapshot(snap, 50, 12));
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK(ly_kioskdb_set_token(db, "lyk_secret", err, sizeof err));
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", "http://127.0.0.1:1", err, sizeof err));
    CHECK(journal(db, "venue", 1, &c) && journal(db, "venue", 1, &c));
    CHECK(ly_kioskdb_wipe(db, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM alt_codes"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM sessions"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM rooms"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM opening_hours"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM event"), 1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM checkins"), 2);
    CHECK(ly_kioskdb_unsent(db, &unsent, err, sizeof err));
    CHECK_INT(unsent, 2);
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 0);
    CHECK(ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK(!found);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM code_hashes"), 0);
    CHECK(ly_kioskdb_meta_text(db, "hub_url", v, sizeof v, &found, err, sizeof err));
    CHECK(found); /* where it was enrolled stays, to re-enroll */
    ly_kioskdb_close(db);
    /* the names are gone from the file itself, free pages and log included */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cat '%s' '%s-wal' 2>/dev/null | grep -qa 'Person 1'", path, path);
    CHECK(system(cmd) != 0);
}

/* A snapshot's keys are taken only when the root keys enrollment gave vouch for each: the
 * event key is a root, a kiosk key carries the root's certificate of it. A key the roots do not
 * know, a tampered certificate, or a kiosk with no roots: the whole snapshot is refused and the
 * kiosk keeps what it had. */
static void snapshot_keys_vouched(void)
{
    char path[256], snap[256], err[256] = "";
    int64_t cursor = 0;
    uint8_t root_sk[LY_BADGE_SK_BYTES], other_sk[LY_BADGE_SK_BYTES];
    struct ly_kioskdb_roots roots = {.n = 1, .event_id = 9};
    struct ly_key_proof kiosk = {
        .certified = true, .id_first = 0x80000000u, .id_last = 0x8000ffffu};
    struct ly_badge_key other;
    CHECK(sodium_init() >= 0);
    crypto_sign_keypair(roots.keys[0].pk, root_sk);
    roots.keys[0].key_id = ly_badge_key_id(roots.keys[0].pk);
    crypto_sign_keypair(kiosk.key.pk, other_sk);
    kiosk.key.key_id = ly_badge_key_id(kiosk.key.pk);
    CHECK(ly_badge_certify(root_sk, 9, kiosk.key.pk, kiosk.id_first, kiosk.id_last,
                           kiosk.certificate));
    crypto_sign_keypair(other.pk, other_sk);
    other.key_id = ly_badge_key_id(other.pk);
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    /* write_snapshot's key 5 is no root: refused, nothing taken */
    snprintf(snap, sizeof snap, "%s/keys-1.db", dir);
    CHECK(write_snapshot(snap, 3, 10));
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, &roots, &cursor, err, sizeof err));
    CHECK(strstr(err, "key 5 is not vouched for") != NULL);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 0);
    /* the root itself and a kiosk key it certified: taken */
    struct ly_kioskdb *sdb = NULL;
    snprintf(snap, sizeof snap, "%s/keys-2.db", dir);
    CHECK(write_snapshot(snap, 3, 11));
    CHECK(ly_kioskdb_open(snap, LY_KIOSKDB_SNAPSHOT, &sdb, err, sizeof err));
    CHECK(ly_kioskdb_begin(sdb, err, sizeof err) &&
          ly_kioskdb_delete_key(sdb, 5, err, sizeof err) &&
          ly_kioskdb_put_key(sdb, &roots.keys[0], err, sizeof err) &&
          ly_kioskdb_put_key_proof(sdb, &kiosk, err, sizeof err) &&
          ly_kioskdb_commit(sdb, err, sizeof err));
    ly_kioskdb_close(sdb);
    CHECK(ly_kioskdb_merge_snapshot(db, snap, &roots, &cursor, err, sizeof err));
    CHECK_INT(cursor, 11);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 2);
    /* a certificate with one bit changed, or a key no certificate covers: refused */
    for (int round = 0; round < 2; round++) {
        snprintf(snap, sizeof snap, "%s/keys-3%d.db", dir, round);
        CHECK(write_snapshot(snap, 3, 12));
        struct ly_key_proof bad = kiosk;
        if (round == 0)
            bad.certificate[10] ^= 1;
        else
            bad.key = other;
        CHECK(ly_kioskdb_open(snap, LY_KIOSKDB_SNAPSHOT, &sdb, err, sizeof err));
        CHECK(ly_kioskdb_begin(sdb, err, sizeof err) &&
              ly_kioskdb_delete_key(sdb, 5, err, sizeof err) &&
              ly_kioskdb_put_key(sdb, &roots.keys[0], err, sizeof err) &&
              ly_kioskdb_put_key_proof(sdb, &bad, err, sizeof err) &&
              ly_kioskdb_commit(sdb, err, sizeof err));
        ly_kioskdb_close(sdb);
        CHECK(!ly_kioskdb_merge_snapshot(db, snap, &roots, &cursor, err, sizeof err));
        CHECK(strstr(err, "not vouched for") != NULL);
        CHECK_INT(raw_int(path, "SELECT value FROM meta WHERE key = 'sync_cursor'"), 11);
    }
    /* no roots at all (enrolled by an older version): every key is refused */
    struct ly_kioskdb_roots none = {.event_id = 9};
    CHECK(!ly_kioskdb_merge_snapshot(db, snap, &none, &cursor, err, sizeof err));
    CHECK(strstr(err, "enroll it again") != NULL);
    /* roots kept in meta read back as written */
    struct ly_kioskdb_roots back;
    CHECK(ly_kioskdb_set_meta_text(db, "event_id", "9", err, sizeof err));
    CHECK(ly_kioskdb_set_roots(db, roots.keys, 1, err, sizeof err));
    CHECK(ly_kioskdb_roots(db, &back, err, sizeof err));
    CHECK(back.n == 1 && back.event_id == 9 && back.keys[0].key_id == roots.keys[0].key_id &&
          memcmp(back.keys[0].pk, roots.keys[0].pk, LY_BADGE_PK_BYTES) == 0);
    sodium_memzero(root_sk, sizeof root_sk);
    ly_kioskdb_close(db);
}

/* The occupancy model at a kiosk (docs/gates.md, "Occupancy"): entering another room leaves
 * the room, at this kiosk and on top of the hub's count; a venue exit leaves every room but
 * the venue is counted from its own doors only; a session's count ends at its end plus grace;
 * as_of is the freshest input. */
static void one_place_per_person(void)
{
    char path[256], err[256] = "";
    struct ly_checkin c;
    struct ly_kiosk_count n;
    int64_t grace = 0;
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK, path, sizeof path);
    if (!db)
        return;
    CHECK(move(db, 7, "session:A", 1, 1000, &c) && move(db, 8, "session:A", 1, 1100, &c));
    CHECK(ly_kioskdb_count(db, "session:A", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 2);
    CHECK_INT(n.as_of, 1100);
    CHECK(!n.hub);
    /* 7 enters B: A counts 8 alone, B counts 7; the venue knows nothing of it */
    CHECK(move(db, 7, "session:B", 1, 2000, &c));
    CHECK(ly_kioskdb_count(db, "session:A", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 1);
    CHECK(ly_kioskdb_count(db, "session:B", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 1);
    CHECK(ly_kioskdb_count(db, "venue", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 0);
    /* the hub counted everything so far (A: 1 of its own doors and ours) at seq 3; then 8 goes
     * to B at this kiosk: the hub's A loses the one it counted */
    struct ly_hub_occupancy a = {"session:A", 5, 1500, 600};
    CHECK(ly_kioskdb_set_hub_occupancy(db, &a, 3, err, sizeof err));
    CHECK(ly_kioskdb_occupancy_grace(db, &grace, err, sizeof err));
    CHECK_INT(grace, 600);
    CHECK(move(db, 8, "session:B", 1, 2500, &c));
    CHECK(ly_kioskdb_count(db, "session:A", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 4);
    CHECK(n.hub);
    CHECK_INT(n.as_of, 1500); /* 8's move was through B: A's own newest is 1100, the hub's 1500 */
    /* a venue exit takes 7 out of B, not out of the venue count of another place */
    CHECK(move(db, 7, "venue", -1, 3000, &c));
    CHECK(ly_kioskdb_count(db, "session:B", 0, 0, &n, err, sizeof err));
    CHECK_INT(n.inside, 1);
    /* the session's count ends at its end plus grace, as of that moment */
    CHECK(ly_kioskdb_count(db, "session:B", 5000, 4999, &n, err, sizeof err));
    CHECK_INT(n.inside, 1);
    CHECK(ly_kioskdb_count(db, "session:B", 5000, 5000, &n, err, sizeof err));
    CHECK_INT(n.inside, 0);
    CHECK_INT(n.as_of, 5000);
    ly_kioskdb_close(db);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(settings_in_meta);
    RUN(deletions);
    RUN(capacity_count);
    RUN(one_place_per_person);
    RUN(snapshot_merge_keeps_identity_and_journal);
    RUN(bad_snapshots_change_nothing);
    RUN(wipe_keeps_journal);
    RUN(snapshot_keys_vouched);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
