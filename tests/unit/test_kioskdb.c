/* test_kioskdb.c - the kiosk database on real SQLite files: a schema without contact data or
 * secret keys, refusal of damaged and newer files, the journal's UUIDs and sequence numbers
 * (across reopening and across kill -9 of the writer), the lookups and occupancy. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_sync.h"
#include "rawsql.h"

static char dir[] = "/tmp/lanyard-kioskdb-XXXXXX";
static char path[256];
static int file_no;

static struct ly_kioskdb *fresh(enum ly_kioskdb_mode mode)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    snprintf(path, sizeof path, "%s/kiosk%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, mode, &db, err, sizeof err));
    if (!db)
        fprintf(stderr, "open: %s\n", err);
    return db;
}

static struct ly_checkin entry(const char *decision, uint32_t attendee, const char *place,
                               int direction)
{
    struct ly_checkin c = {0};
    snprintf(c.gate, sizeof c.gate, "entrance");
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "%s", decision);
    snprintf(c.place, sizeof c.place, "%s", place);
    c.attendee_id = attendee;
    c.direction = direction;
    return c;
}

/* Every column of every table, checked against words that would mean personal contact data,
 * free-text health data or a secret key on a kiosk. */
static void schema_holds_no_contact_data_or_secret(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    static const char *const banned[] = {"email",       "mail",          "phone", "secret",
                                         "affiliation", "accessibility", "sk"};
    struct stat st;
    sqlite3 *raw;
    sqlite3_stmt *tables, *cols;
    int ntables = 0, ncols = 0;

    ly_kioskdb_close(db);
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    CHECK_INT(raw_int(path, "PRAGMA user_version"), LY_KIOSKDB_SCHEMA_VERSION);
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(raw, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1,
                             &tables, NULL) == SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(tables, 0);
        char sql[128];
        ntables++;
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", t);
        CHECK(sqlite3_prepare_v2(raw, sql, -1, &cols, NULL) == SQLITE_OK);
        while (sqlite3_step(cols) == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(cols, 0);
            ncols++;
            /* Two deliberate exceptions (docs/badge-format.md, "Kiosk keys"): the kiosk's own
             * signing key, certified by the hub for the badges it reprints and issues, and a
             * walk-in's affiliation, typed at this kiosk's badge desk for the badge it prints. */
            bool excepted = (strcmp(t, "kiosk_key") == 0 && strcmp(c, "secret_key") == 0) ||
                            (strcmp(t, "walkins") == 0 && strcmp(c, "affiliation") == 0);
            for (size_t i = 0; !excepted && i < sizeof banned / sizeof banned[0]; i++) {
                bool bad = strcmp(banned[i], "sk") == 0 ? strcmp(c, "sk") == 0
                                                        : strstr(c, banned[i]) != NULL;
                if (bad)
                    fprintf(stderr, "table %s has column %s\n", t, c);
                CHECK(!bad);
            }
        }
        sqlite3_finalize(cols);
    }
    sqlite3_finalize(tables);
    sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &cols, NULL);
    CHECK(sqlite3_step(cols) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(cols, 0), "wal");
    sqlite3_finalize(cols);
    sqlite3_close(raw);
    CHECK(ntables >= 9); /* meta, kiosk, event, keys, attendees, codes, rooms, sessions, checkins */
    CHECK(ncols >= 40);
}

static void refuses_newer_schema(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    char err[256] = "";
    sqlite3 *raw;
    ly_kioskdb_close(db);
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(strstr(err, "newer") != NULL);
}

static void refuses_damaged_file(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_SNAPSHOT);
    struct ly_kiosk_attendee a = {.badge_version = 1};
    char err[256] = "";
    memcpy(a.country, "KE", 3);
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    for (uint32_t i = 1; i <= 400; i++) {
        a.id = i;
        snprintf(a.name, sizeof a.name, "Attendee number %u with a longish name", i);
        CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    }
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    ly_kioskdb_close(db);
    /* Overwrite a table page in the middle of the file with garbage. */
    int fd = open(path, O_WRONLY);
    char junk[4096];
    memset(junk, 0x5a, sizeof junk);
    CHECK(fd >= 0 && pwrite(fd, junk, sizeof junk, 4096 * 8) == (ssize_t)sizeof junk);
    close(fd);
    CHECK(!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(strstr(err, "database is damaged: ") != NULL);

    /* A file that is not a database at all is refused the same way. */
    snprintf(path, sizeof path, "%s/junk.db", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && write(fd, junk, sizeof junk) == (ssize_t)sizeof junk);
    close(fd);
    CHECK(!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(strstr(err, "database is damaged: ") != NULL);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void journal_assigns_uuid_and_sequence(void)
{
    enum { N = 300 };
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    static char uuids[N][LY_UUID_LEN + 1];
    char err[256] = "";
    char kiosk[LY_UUID_LEN + 1];
    int64_t last = 0, unsent = -1;

    snprintf(kiosk, sizeof kiosk, "%s", ly_kioskdb_kiosk_id(db));
    CHECK_INT(strlen(kiosk), LY_UUID_LEN);
    for (int i = 0; i < N; i++) {
        struct ly_checkin in = entry(i % 3 ? "granted" : "denied", (uint32_t)i, "venue", 1);
        struct ly_checkin out;
        CHECK(ly_kioskdb_journal(db, &in, &out, err, sizeof err));
        CHECK(out.seq > last);
        CHECK_INT(out.seq, i + 1);
        last = out.seq;
        CHECK_INT(strlen(out.uuid), LY_UUID_LEN);
        CHECK(out.uuid[14] == '4' && strchr("89ab", out.uuid[19]) != NULL);
        CHECK_STR(out.kiosk_id, kiosk);
        CHECK(out.wall_ms > 1600000000000LL && out.mono_ms > 0);
        memcpy(uuids[i], out.uuid, sizeof uuids[i]);
    }
    qsort(uuids, N, sizeof uuids[0], cmp_str);
    int dups = 0;
    for (int i = 1; i < N; i++)
        dups += strcmp(uuids[i - 1], uuids[i]) == 0;
    CHECK_INT(dups, 0);

    struct ly_checkin back;
    bool found = false;
    CHECK(ly_kioskdb_checkin(db, 4, &back, &found, err, sizeof err) && found);
    CHECK_STR(back.decision, "denied");
    CHECK_INT(back.attendee_id, 3);
    CHECK_STR(back.place, "venue");
    CHECK(ly_kioskdb_checkin(db, 1, &back, &found, err, sizeof err) && found);
    CHECK_INT(back.attendee_id, 0); /* stored as NULL: nobody identified */
    CHECK(ly_kioskdb_checkin(db, N + 1, &back, &found, err, sizeof err) && !found);
    CHECK(ly_kioskdb_unsent(db, &unsent, err, sizeof err));
    CHECK_INT(unsent, N);

    struct ly_checkin bad = entry("", 1, "", 0);
    CHECK(!ly_kioskdb_journal(db, &bad, NULL, err, sizeof err));
    bad = entry("granted", 1, "venue", 2);
    CHECK(!ly_kioskdb_journal(db, &bad, NULL, err, sizeof err));
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM checkins"), N);
}

static void sequence_and_identity_survive_reopen(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    struct ly_checkin in = entry("granted", 7, "venue", 1), out;
    char err[256] = "", kiosk[LY_UUID_LEN + 1];
    for (int i = 0; i < 5; i++)
        CHECK(ly_kioskdb_journal(db, &in, &out, err, sizeof err));
    snprintf(kiosk, sizeof kiosk, "%s", ly_kioskdb_kiosk_id(db));
    ly_kioskdb_close(db);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK_STR(ly_kioskdb_kiosk_id(db), kiosk);
    CHECK(ly_kioskdb_journal(db, &in, &out, err, sizeof err));
    CHECK_INT(out.seq, 6);
    ly_kioskdb_close(db);

    /* Another kiosk's file draws another identity. */
    db = fresh(LY_KIOSKDB_KIOSK);
    CHECK(strcmp(ly_kioskdb_kiosk_id(db), kiosk) != 0);
    ly_kioskdb_close(db);
}

static void snapshot_has_no_identity_until_a_kiosk_opens_it(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_SNAPSHOT);
    struct ly_checkin in = entry("granted", 1, "", 0), out;
    char err[256] = "";
    CHECK_STR(ly_kioskdb_kiosk_id(db), "");
    CHECK(!ly_kioskdb_journal(db, &in, &out, err, sizeof err));
    CHECK(strstr(err, "identity") != NULL);
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM kiosk"), 0);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK_INT(strlen(ly_kioskdb_kiosk_id(db)), LY_UUID_LEN);
    CHECK(ly_kioskdb_journal(db, &in, &out, err, sizeof err));
    CHECK_INT(out.seq, 1);
    ly_kioskdb_close(db);
}

static void lookups_and_occupancy(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    char err[256] = "";
    struct ly_event ev = {.id = 4242}, ev2;
    struct ly_badge_key key = {.key_id = 0xdeadbeef}, keys[4];
    struct ly_kiosk_attendee a = {.id = 17, .badge_version = 3, .revoked = true}, a2;
    struct ly_kiosk_room room = {.id = 5, .capacity = 2}, room2;
    struct ly_kiosk_session s = {.id = 9, .room_id = 5, .capacity = 0}, s2;
    bool found = false;
    size_t n = 0;
    uint32_t who = 99;
    int64_t v = -1;

    snprintf(ev.name, sizeof ev.name, "Forum");
    snprintf(ev.starts, sizeof ev.starts, "2026-12-07");
    snprintf(ev.ends, sizeof ev.ends, "2026-12-11");
    snprintf(ev.timezone, sizeof ev.timezone, "Africa/Nairobi");
    memset(key.pk, 0xab, sizeof key.pk);
    snprintf(a.name, sizeof a.name, "Wanjiru Kamau");
    snprintf(a.category, sizeof a.category, "speaker");
    memcpy(a.country, "KE", 3);
    snprintf(room.name, sizeof room.name, "Room 3");
    snprintf(s.ext_id, sizeof s.ext_id, "WS-12");
    snprintf(s.title, sizeof s.title, "Workshop 12");
    snprintf(s.starts, sizeof s.starts, "2026-12-08T10:00");
    snprintf(s.ends, sizeof s.ends, "2026-12-08T11:30");

    CHECK(ly_kioskdb_event(db, &ev2, &found, err, sizeof err) && !found);
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_put_event(db, &ev, err, sizeof err));
    CHECK(ly_kioskdb_put_key(db, &key, err, sizeof err));
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_put_alt_code(db, "PRETIX-ABC", 17, err, sizeof err));
    CHECK(!ly_kioskdb_put_alt_code(db, "ORPHAN", 18, err, sizeof err)); /* no such attendee */
    CHECK(ly_kioskdb_put_room(db, &room, err, sizeof err));
    CHECK(ly_kioskdb_put_session(db, &s, err, sizeof err));
    CHECK(ly_kioskdb_set_sync_cursor(db, 1234, err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));

    CHECK(ly_kioskdb_event(db, &ev2, &found, err, sizeof err) && found);
    CHECK_INT(ev2.id, 4242);
    CHECK_STR(ev2.timezone, "Africa/Nairobi");
    CHECK(ly_kioskdb_public_keys(db, keys, 4, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(keys[0].key_id == 0xdeadbeef && keys[0].pk[31] == 0xab);
    CHECK(ly_kioskdb_attendee(db, 17, &a2, &found, err, sizeof err) && found);
    CHECK_STR(a2.name, "Wanjiru Kamau");
    CHECK(a2.revoked && a2.badge_version == 3 && !a2.assistance);
    CHECK(ly_kioskdb_attendee(db, 18, &a2, &found, err, sizeof err) && !found);
    CHECK(ly_kioskdb_find_alt_code(db, "PRETIX-ABC", &who, err, sizeof err));
    CHECK_INT(who, 17);
    CHECK(ly_kioskdb_find_alt_code(db, "nope", &who, err, sizeof err));
    CHECK_INT(who, 0);
    CHECK(ly_kioskdb_room(db, 5, &room2, &found, err, sizeof err) && found);
    CHECK_STR(room2.name, "Room 3");
    CHECK(ly_kioskdb_session(db, 9, NULL, &s2, &found, err, sizeof err) && found);
    CHECK_STR(s2.ext_id, "WS-12");
    CHECK(ly_kioskdb_session(db, 0, "WS-12", &s2, &found, err, sizeof err) && found);
    CHECK_INT(s2.room_id, 5);
    CHECK(ly_kioskdb_session(db, 10, NULL, &s2, &found, err, sizeof err) && !found);
    CHECK(ly_kioskdb_sync_cursor(db, &v, err, sizeof err));
    CHECK_INT(v, 1234);

    /* Updating an attendee keeps their ticket code (an upsert, not a delete and insert). */
    a.revoked = false;
    a.badge_version = 4;
    CHECK(ly_kioskdb_put_attendee(db, &a, err, sizeof err));
    CHECK(ly_kioskdb_find_alt_code(db, "PRETIX-ABC", &who, err, sizeof err));
    CHECK_INT(who, 17);

    struct ly_checkin in_ = entry("granted", 17, "room:5", 1);
    struct ly_checkin denied = entry("denied", 18, "room:5", 0);
    struct ly_checkin out_ = entry("granted", 17, "room:5", -1);
    CHECK(ly_kioskdb_journal(db, &in_, NULL, err, sizeof err));
    CHECK(ly_kioskdb_journal(db, &in_, NULL, err, sizeof err));
    CHECK(ly_kioskdb_journal(db, &denied, NULL, err, sizeof err));
    CHECK(ly_kioskdb_journal(db, &out_, NULL, err, sizeof err));
    CHECK(ly_kioskdb_occupancy(db, "room:5", &v, err, sizeof err));
    CHECK_INT(v, 1);
    CHECK(ly_kioskdb_occupancy(db, "venue", &v, err, sizeof err));
    CHECK_INT(v, 0);
    ly_kioskdb_close(db);
}

/* Opening hours, notices, room and session lookups, presence, and the journal's sync side. */
static void rules_presence_and_sent(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    char err[256] = "";
    struct ly_kiosk_room room = {.id = 5, .capacity = 2}, lounge = {.id = 6, .capacity = 40}, r2;
    struct ly_kiosk_session s1 = {.id = 9, .room_id = 5}, s2 = {.id = 10, .room_id = 5}, got;
    struct ly_kiosk_hours h = {0}, h2;
    struct ly_kiosk_notice nt[3] = {{.id = 1}, {.id = 2}, {.id = 3}}, out[4];
    struct ly_kiosk_presence p;
    bool found = false, any = true;
    size_t n = 0;

    snprintf(room.name, sizeof room.name, "Room 3");
    snprintf(lounge.name, sizeof lounge.name, "Prayer room");
    snprintf(s1.ext_id, sizeof s1.ext_id, "WS-1");
    snprintf(s1.starts, sizeof s1.starts, "2026-12-08T09:00");
    snprintf(s1.ends, sizeof s1.ends, "2026-12-08T10:30");
    snprintf(s2.ext_id, sizeof s2.ext_id, "WS-2");
    snprintf(s2.starts, sizeof s2.starts, "2026-12-08T11:00");
    snprintf(s2.ends, sizeof s2.ends, "2026-12-08T12:00");
    snprintf(nt[0].text, sizeof nt[0].text, "Everyone");
    snprintf(nt[1].place, sizeof nt[1].place, "session:WS-2");
    snprintf(nt[1].text, sizeof nt[1].text, "Collect an interpretation headset");
    snprintf(nt[2].place, sizeof nt[2].place, "venue");
    snprintf(nt[2].category, sizeof nt[2].category, "speaker");
    snprintf(nt[2].text, sizeof nt[2].text, "Speakers: green room is Room 3");

    CHECK(ly_kioskdb_hours(db, "2026-12-08", &h2, &found, &any, err, sizeof err));
    CHECK(!found && !any);
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_put_room(db, &room, err, sizeof err));
    CHECK(ly_kioskdb_put_room(db, &lounge, err, sizeof err));
    CHECK(ly_kioskdb_put_session(db, &s1, err, sizeof err));
    CHECK(ly_kioskdb_put_session(db, &s2, err, sizeof err));
    memcpy(h.day, "2026-12-08", 11);
    memcpy(h.opens, "08:00", 6);
    memcpy(h.closes, "19:00", 6);
    CHECK(ly_kioskdb_put_hours(db, &h, err, sizeof err));
    memcpy(h.closes, "07:00", 6); /* closes before it opens */
    memcpy(h.day, "2026-12-09", 11);
    CHECK(!ly_kioskdb_put_hours(db, &h, err, sizeof err));
    for (int i = 0; i < 3; i++)
        CHECK(ly_kioskdb_put_notice(db, &nt[i], err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));

    CHECK(ly_kioskdb_hours(db, "2026-12-08", &h2, &found, &any, err, sizeof err));
    CHECK(found && any);
    CHECK_STR(h2.opens, "08:00");
    CHECK_STR(h2.closes, "19:00");
    CHECK(ly_kioskdb_hours(db, "2026-12-09", &h2, &found, &any, err, sizeof err));
    CHECK(!found && any);

    const char *venue[] = {"venue"}, *ws2[] = {"session:WS-2", "room:Room 3"};
    CHECK(ly_kioskdb_notices(db, venue, 1, "speaker", out, 4, &n, err, sizeof err));
    CHECK_INT(n, 2);
    CHECK_STR(out[0].text, "Everyone");
    CHECK_STR(out[1].text, "Speakers: green room is Room 3");
    CHECK(ly_kioskdb_notices(db, venue, 1, "participant", out, 4, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(ly_kioskdb_notices(db, ws2, 2, "speaker", out, 4, &n, err, sizeof err));
    CHECK_INT(n, 2);
    CHECK_STR(out[1].text, "Collect an interpretation headset");
    CHECK(ly_kioskdb_notices(db, ws2, 2, "speaker", out, 1, &n, err, sizeof err));
    CHECK_INT(n, 1);

    CHECK(ly_kioskdb_room_by_name(db, "Room 3", &r2, &found, err, sizeof err) && found);
    CHECK_INT(r2.id, 5);
    CHECK(ly_kioskdb_room_by_name(db, "Room 4", &r2, &found, err, sizeof err) && !found);
    /* 10:45 with a 30-minute lead: WS-1 ended, WS-2 opens its doors at 10:30. */
    CHECK(ly_kioskdb_session_in_room(db, 5, "2026-12-08T10:45", "2026-12-08T11:15", &got, &found,
                                     err, sizeof err) &&
          found);
    CHECK_STR(got.ext_id, "WS-2");
    CHECK(ly_kioskdb_session_in_room(db, 5, "2026-12-08T10:00", "2026-12-08T10:30", &got, &found,
                                     err, sizeof err) &&
          found);
    CHECK_STR(got.ext_id, "WS-1");
    CHECK(ly_kioskdb_session_in_room(db, 5, "2026-12-08T12:00", "2026-12-08T12:30", &got, &found,
                                     err, sizeof err) &&
          !found);
    CHECK(ly_kioskdb_room_has_sessions(db, 5, &any, err, sizeof err) && any);
    CHECK(ly_kioskdb_room_has_sessions(db, 6, &any, err, sizeof err) && !any);

    CHECK(ly_kioskdb_presence(db, 17, "venue", &p, err, sizeof err));
    CHECK(p.last_direction == 0 && p.last_entry_ms == 0 && p.last_source == LY_PRESENCE_NONE);
    struct ly_checkin c = entry("granted", 17, "venue", 1), stored[4];
    c.wall_ms = 1000;
    CHECK(ly_kioskdb_journal(db, &c, NULL, err, sizeof err));
    c.direction = -1;
    c.wall_ms = 2000;
    CHECK(ly_kioskdb_journal(db, &c, NULL, err, sizeof err));
    CHECK(ly_kioskdb_presence(db, 17, "venue", &p, err, sizeof err));
    CHECK(p.last_direction == -1 && p.last_wall_ms == 2000 && p.last_entry_ms == 1000);
    CHECK_INT(p.last_source, LY_PRESENCE_OWN);
    CHECK(ly_kioskdb_presence(db, 17, "room:5", &p, err, sizeof err));
    CHECK_INT(p.last_direction, 0);

    CHECK(ly_kioskdb_unsent_batch(db, 0, stored, 4, &n, err, sizeof err));
    CHECK_INT(n, 2);
    CHECK(stored[0].seq == 1 && stored[1].seq == 2 && stored[1].direction == -1);
    const char *uuids[] = {stored[0].uuid, "00000000-0000-4000-8000-000000000000"};
    CHECK(ly_kioskdb_mark_sent(db, uuids, 2, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(ly_kioskdb_mark_sent(db, uuids, 1, &n, err, sizeof err));
    CHECK_INT(n, 0); /* already sent */
    CHECK(ly_kioskdb_unsent_batch(db, 0, stored, 4, &n, err, sizeof err));
    CHECK(n == 1 && stored[0].seq == 2);
    CHECK(ly_kioskdb_unsent_batch(db, 2, stored, 4, &n, err, sizeof err));
    CHECK_INT(n, 0);
    /* refused by the hub: sent (never offered again), the reason kept in the journal */
    const char *no[] = {stored[0].uuid}, *why[] = {"gate"};
    CHECK(ly_kioskdb_unsent_batch(db, 0, stored, 4, &n, err, sizeof err) && n == 1);
    CHECK(ly_kioskdb_mark_refused(db, no, why, 1, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(ly_kioskdb_unsent_batch(db, 0, stored, 4, &n, err, sizeof err));
    CHECK_INT(n, 0);

    /* No automatic checkpoint in a kiosk: the log holds the journal until asked. */
    int frames = -1;
    CHECK(ly_kioskdb_checkpoint(db, &frames, err, sizeof err));
    CHECK(frames > 0);
    CHECK(ly_kioskdb_checkpoint(db, &frames, err, sizeof err));

    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_clear_rules(db, err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    CHECK(ly_kioskdb_hours(db, "2026-12-08", &h2, &found, &any, err, sizeof err));
    CHECK(!found && !any);
    CHECK(ly_kioskdb_notices(db, venue, 1, "speaker", out, 4, &n, err, sizeof err));
    CHECK_INT(n, 0);
    ly_kioskdb_close(db);
}

/* A log past LY_KIOSKDB_WAL_FRAMES is restarted and cut to nothing by the next checkpoint, so
 * a kiosk that never idles does not fill its card (it grew by 470 MB in three days before). */
static void long_log_is_truncated(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    char err[256] = "", wal[300];
    struct stat st;
    int frames = 0, i = 0;
    snprintf(wal, sizeof wal, "%s-wal", path);
    while (frames <= LY_KIOSKDB_WAL_FRAMES && i < 100000) {
        struct ly_checkin in = entry("granted", (uint32_t)(i % 500) + 1, "venue", 1);
        CHECK(ly_kioskdb_journal(db, &in, NULL, err, sizeof err));
        if (++i % 256 == 0) { /* a passive checkpoint copies, but the log only grows */
            CHECK(stat(wal, &st) == 0);
            frames = (int)(st.st_size / 4096);
            if (frames <= LY_KIOSKDB_WAL_FRAMES)
                CHECK(ly_kioskdb_checkpoint(db, NULL, err, sizeof err));
        }
    }
    CHECK(frames > LY_KIOSKDB_WAL_FRAMES);
    CHECK(ly_kioskdb_checkpoint(db, &frames, err, sizeof err));
    CHECK(frames > LY_KIOSKDB_WAL_FRAMES);
    CHECK(stat(wal, &st) == 0);
    CHECK_INT(st.st_size, 0);
    int64_t n = 0;
    CHECK(ly_kioskdb_unsent(db, &n, err, sizeof err));
    CHECK_INT(n, i); /* every entry is still there */
    ly_kioskdb_close(db);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child: journal forever, reporting each sequence number only once journal() returned,
 * as the kiosk reports a decision only once it is durable. */
static void crash_child(const char *file, int fd)
{
    struct ly_kioskdb *db;
    char err[256];
    struct ly_checkin in = entry("granted", 1, "venue", 1), out;
    if (!ly_kioskdb_open(file, LY_KIOSKDB_KIOSK, &db, err, sizeof err))
        _exit(3);
    for (uint32_t i = 0;; i++) {
        in.attendee_id = i + 1;
        if (!ly_kioskdb_journal(db, &in, &out, err, sizeof err))
            _exit(4);
        if (write(fd, &out.seq, sizeof out.seq) != (ssize_t)sizeof out.seq)
            _exit(5);
    }
}

/* Reads reported sequence numbers from fd until the deadline (or EOF when deadline < 0). */
static void collect(int fd, int64_t deadline, int64_t **seqs, size_t *n, size_t *cap)
{
    for (;;) {
        int64_t left = deadline < 0 ? -1 : deadline - now_ms();
        if (deadline >= 0 && left <= 0)
            return;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, (int)left) <= 0)
            return;
        int64_t buf[512];
        ssize_t got = read(fd, buf, sizeof buf);
        if (got <= 0)
            return;
        for (size_t i = 0; i < (size_t)got / sizeof buf[0]; i++) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 1024;
                *seqs = realloc(*seqs, *cap * sizeof **seqs);
            }
            (*seqs)[(*n)++] = buf[i];
        }
    }
}

static void kill9_loses_no_reported_checkin(void)
{
    struct ly_kioskdb *db = fresh(LY_KIOSKDB_KIOSK);
    char err[256] = "";
    int64_t *seqs = NULL;
    size_t n = 0, cap = 0, total = 0;
    int missing = 0, rounds_ok = 0;
    ly_kioskdb_close(db);

    for (int round = 0; round < 20; round++) {
        int fds[2];
        CHECK(pipe(fds) == 0);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            crash_child(path, fds[1]);
        }
        close(fds[1]);
        n = 0;
        collect(fds[0], now_ms() + 50 + randombytes_uniform(151), &seqs, &n, &cap);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        collect(fds[0], -1, &seqs, &n, &cap);
        close(fds[0]);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        total += n;

        /* open() runs quick_check: it refuses a damaged file. */
        if (!ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err)) {
            fprintf(stderr, "round %d: %s\n", round, err);
            CHECK(false);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            struct ly_checkin c;
            bool found = false;
            if (!ly_kioskdb_checkin(db, seqs[i], &c, &found, err, sizeof err) || !found ||
                c.seq != seqs[i] || strcmp(c.decision, "granted") != 0)
                missing++;
        }
        ly_kioskdb_close(db);
        /* No half-written check-in: the rows are exactly 1..max, and the counter is past
         * the last one, because both commit in one transaction. */
        int64_t count = raw_int(path, "SELECT count(*) FROM checkins");
        int64_t max = raw_int(path, "SELECT coalesce(max(seq), 0) FROM checkins");
        int64_t next = raw_int(path, "SELECT next_seq FROM kiosk");
        rounds_ok += count == max && next == max + 1 && (n == 0 || seqs[n - 1] <= max);
    }
    free(seqs);
    CHECK_INT(missing, 0);
    CHECK_INT(rounds_ok, 20);
    CHECK(total > 20); /* the child did journal between the kills */
    fprintf(stderr, "kill -9: %zu reported check-ins over 20 rounds, none lost\n", total);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir)) {
        printf("not ok - setup\n");
        return 1;
    }
    RUN(schema_holds_no_contact_data_or_secret);
    RUN(refuses_newer_schema);
    RUN(refuses_damaged_file);
    RUN(journal_assigns_uuid_and_sequence);
    RUN(sequence_and_identity_survive_reopen);
    RUN(snapshot_has_no_identity_until_a_kiosk_opens_it);
    RUN(lookups_and_occupancy);
    RUN(rules_presence_and_sent);
    RUN(long_log_is_truncated);
    RUN(kill9_loses_no_reported_checkin);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_DONE();
}
