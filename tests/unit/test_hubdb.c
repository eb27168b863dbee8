/* test_hubdb.c - the organizer database on real SQLite files: creation, migrations, the event
 * and its key, upserts and the change sequence, alternate codes, reissue and revocation. */
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "orgdb/hubdb.h"

static char dir[] = "/tmp/lanyard-hubdb-XXXXXX";
static char path[256];
static int file_no;

static struct ly_hubdb *fresh(void)
{
    struct ly_hubdb *db = NULL;
    char err[256];
    snprintf(path, sizeof path, "%s/db%d.sqlite", dir, file_no++);
    CHECK(ly_hubdb_open(path, &db, err, sizeof err));
    return db;
}

static struct ly_registration reg(const char *id, const char *name)
{
    struct ly_registration r = {0};
    snprintf(r.ext_id, sizeof r.ext_id, "%s", id);
    snprintf(r.name, sizeof r.name, "%s", name);
    memcpy(r.country, "NO", 3);
    snprintf(r.region, sizeof r.region, "western_european_others");
    snprintf(r.stakeholder, sizeof r.stakeholder, "civil_society");
    snprintf(r.attendance, sizeof r.attendance, "onsite");
    snprintf(r.category, sizeof r.category, "participant");
    snprintf(r.language, sizeof r.language, "en");
    snprintf(r.source, sizeof r.source, "lanyard");
    return r;
}

static int64_t seq_of(struct ly_hubdb *db)
{
    struct ly_hubdb_stats s;
    char err[256];
    CHECK(ly_hubdb_stats(db, &s, err, sizeof err));
    return s.change_seq;
}

static void creates_private_file_with_schema(void)
{
    struct ly_hubdb *db = fresh();
    struct stat st;
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0600); /* it holds secret signing keys */
    ly_hubdb_close(db);

    sqlite3 *raw;
    sqlite3_stmt *q;
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(q) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(q, 0), LY_HUBDB_SCHEMA_VERSION);
    sqlite3_finalize(q);
    CHECK(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(q) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    /* A database from a newer Lanyard is refused, not damaged. */
    CHECK(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(raw);
    struct ly_hubdb *again = NULL;
    char err[256] = "";
    CHECK(!ly_hubdb_open(path, &again, err, sizeof err));
    CHECK(strstr(err, "newer") != NULL);
}

static void refuses_damaged_file(void)
{
    struct ly_hubdb *db = fresh();
    char err[256] = "";
    struct ly_registration r = reg("A1", "Ada");
    enum ly_upsert w;
    CHECK(ly_hubdb_create_event(db, "Forum", "2026-12-07", "2026-12-11", "UTC", NULL, err,
                                sizeof err));
    for (int i = 0; i < 300; i++) {
        snprintf(r.ext_id, sizeof r.ext_id, "A%d", i);
        CHECK(ly_hubdb_upsert_registration(db, &r, &w, err, sizeof err));
    }
    ly_hubdb_close(db);
    /* Overwrite the middle of the file (a table page) with garbage. */
    int fd = open(path, O_WRONLY);
    char junk[4096];
    memset(junk, 0x5a, sizeof junk);
    CHECK(fd >= 0 && pwrite(fd, junk, sizeof junk, 4096 * 3) == (ssize_t)sizeof junk);
    close(fd);
    CHECK(!ly_hubdb_open(path, &db, err, sizeof err));
    CHECK(strstr(err, "damaged") != NULL || strstr(err, "malformed") != NULL);
}

static void event_and_key(void)
{
    struct ly_hubdb *db = fresh();
    struct ly_event ev;
    char err[256] = "";
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t key_id;
    struct ly_badge_key keys[4];
    size_t n;

    CHECK(!ly_hubdb_event(db, &ev, err, sizeof err));
    CHECK(strstr(err, "lanyard init") != NULL);
    CHECK(
        !ly_hubdb_create_event(db, "F", "2026-02-30", "2026-03-01", "UTC", NULL, err, sizeof err));
    CHECK(
        !ly_hubdb_create_event(db, "F", "2026-12-07", "2026-12-01", "UTC", NULL, err, sizeof err));
    CHECK(strstr(err, "before") != NULL);
    CHECK(!ly_hubdb_create_event(db, "", "2026-12-07", "2026-12-08", "UTC", NULL, err, sizeof err));
    CHECK(
        !ly_hubdb_create_event(db, "F", "2026-01-01", "2026-12-31", "UTC", NULL, err, sizeof err));
    CHECK(ly_hubdb_create_event(db, "Forum", "2026-12-07", "2026-12-11", "Europe/Oslo", &ev, err,
                                sizeof err));
    CHECK(ev.id != 0);
    CHECK_STR(ev.starts, "2026-12-07");
    CHECK_STR(ev.timezone, "Europe/Oslo");
    CHECK(!ly_hubdb_create_event(db, "Other", "2026-12-07", "2026-12-11", "UTC", NULL, err,
                                 sizeof err));
    CHECK(strstr(err, "already") != NULL);

    CHECK(ly_hubdb_signing_key(db, sk, &key_id, err, sizeof err));
    CHECK(ly_hubdb_public_keys(db, keys, 4, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK_INT(keys[0].key_id, key_id);
    CHECK_INT(ly_badge_key_id(keys[0].pk), key_id);
    CHECK(memcmp(keys[0].pk, sk + 32, 32) == 0); /* the secret key matches the public one */
    ly_hubdb_close(db);
}

static void upserts_bump_only_changes(void)
{
    struct ly_hubdb *db = fresh();
    char err[256] = "";
    enum ly_upsert w;
    struct ly_registration a = reg("R1", "فاطمة الزهراء"), b = reg("R2", "王小明");
    snprintf(a.alt_code, sizeof a.alt_code, "pretixsecret1");

    CHECK(ly_hubdb_upsert_registration(db, &a, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_INSERTED);
    CHECK(ly_hubdb_upsert_registration(db, &b, &w, err, sizeof err));
    int64_t s0 = seq_of(db);
    CHECK(ly_hubdb_upsert_registration(db, &a, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UNCHANGED);
    CHECK_INT(seq_of(db), s0);

    snprintf(a.affiliation, sizeof a.affiliation, "Ministry of Digital Affairs");
    CHECK(ly_hubdb_upsert_registration(db, &a, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UPDATED);
    CHECK_INT(seq_of(db), s0 + 1);

    uint32_t id_a, id_alt;
    CHECK(ly_hubdb_find_ext_id(db, "R1", &id_a, err, sizeof err));
    CHECK(ly_hubdb_find_alt_code(db, "pretixsecret1", &id_alt, err, sizeof err));
    CHECK(id_a != 0 && id_a == id_alt);
    CHECK(ly_hubdb_find_alt_code(db, "nope", &id_alt, err, sizeof err));
    CHECK_INT(id_alt, 0);

    /* A ticket code belongs to one registration only. */
    snprintf(b.alt_code, sizeof b.alt_code, "pretixsecret1");
    CHECK(!ly_hubdb_upsert_registration(db, &b, &w, err, sizeof err));
    CHECK(strstr(err, "already used") != NULL);

    struct ly_attendee at;
    CHECK(ly_hubdb_attendee(db, id_a, &at, err, sizeof err));
    CHECK_STR(at.reg.name, "فاطمة الزهراء");
    CHECK_STR(at.reg.affiliation, "Ministry of Digital Affairs");
    CHECK_STR(at.reg.alt_code, "pretixsecret1");
    CHECK_INT(at.badge_version, 1);
    CHECK(!at.revoked);
    ly_hubdb_close(db);
}

struct programme_seen {
    int rooms, sessions, capacity_sum;
    int64_t first_room_id, session_room;
    char last_room[LY_ROOM_NAME_MAX + 1], last_session[256];
    bool stop;
};

static bool seen_room(void *ctx, const struct ly_kiosk_room *r)
{
    struct programme_seen *p = ctx;
    if (p->rooms++ == 0)
        p->first_room_id = r->id;
    p->capacity_sum += r->capacity;
    snprintf(p->last_room, sizeof p->last_room, "%s", r->name);
    return !p->stop;
}

static bool seen_session(void *ctx, int64_t id, int64_t room_id, const struct ly_session *s)
{
    struct programme_seen *p = ctx;
    p->sessions += id > 0;
    p->session_room = room_id;
    snprintf(p->last_session, sizeof p->last_session, "%s|%s|%d|%s", s->ext_id, s->room,
             s->capacity, s->ends);
    return true;
}

static void programme(void)
{
    struct ly_hubdb *db = fresh();
    char err[256] = "";
    enum ly_upsert w;
    struct ly_session s = {0};
    snprintf(s.ext_id, sizeof s.ext_id, "WS1");
    snprintf(s.title, sizeof s.title, "Workshop one");
    snprintf(s.type, sizeof s.type, "workshop");
    snprintf(s.room, sizeof s.room, "Room 3");
    snprintf(s.starts, sizeof s.starts, "2026-12-08T10:00");
    snprintf(s.ends, sizeof s.ends, "2026-12-08T11:30");

    CHECK(!ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    CHECK(strstr(err, "no room") != NULL);
    CHECK(!ly_hubdb_upsert_room(db, "Room 3", 0, &w, err, sizeof err));
    CHECK(ly_hubdb_upsert_room(db, "Room 3", 120, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_INSERTED);
    CHECK(ly_hubdb_upsert_room(db, "Room 3", 120, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UNCHANGED);
    CHECK(ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_INSERTED);
    int64_t s0 = seq_of(db);
    CHECK(ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UNCHANGED);
    CHECK_INT(seq_of(db), s0);
    s.capacity = 60;
    CHECK(ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UPDATED);
    CHECK_INT(seq_of(db), s0 + 1);
    /* The schema refuses a session that ends before it starts. */
    snprintf(s.ends, sizeof s.ends, "2026-12-08T09:00");
    CHECK(!ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    CHECK(ly_hubdb_upsert_room(db, "Hall A", 900, &w, err, sizeof err));

    /* Iteration in id order: rooms with ids and capacities, sessions with their room's id. */
    struct programme_seen seen = {0};
    CHECK(ly_hubdb_foreach_room(db, seen_room, &seen, err, sizeof err));
    CHECK_INT(seen.rooms, 2);
    CHECK_STR(seen.last_room, "Hall A");
    CHECK_INT(seen.capacity_sum, 1020);
    CHECK(ly_hubdb_foreach_session(db, seen_session, &seen, err, sizeof err));
    CHECK_INT(seen.sessions, 1);
    CHECK_INT(seen.session_room, seen.first_room_id);
    CHECK_STR(seen.last_session, "WS1|Room 3|60|2026-12-08T11:30");
    seen.stop = true;
    CHECK(!ly_hubdb_foreach_room(db, seen_room, &seen, err, sizeof err));
    ly_hubdb_close(db);
}

static bool collect(void *ctx, const struct ly_attendee *a)
{
    int *n = ctx;
    (*n)++;
    return a->id != 0;
}

static void reissue_revoke_foreach(void)
{
    struct ly_hubdb *db = fresh();
    char err[256] = "";
    enum ly_upsert w;
    struct ly_registration r = reg("X", "Ola Nordmann");
    uint32_t id;
    uint16_t v;
    struct ly_attendee a;

    CHECK(ly_hubdb_upsert_registration(db, &r, &w, err, sizeof err));
    CHECK(ly_hubdb_find_ext_id(db, "X", &id, err, sizeof err));
    int64_t s0 = seq_of(db);
    CHECK(ly_hubdb_reissue(db, id, &v, err, sizeof err));
    CHECK_INT(v, 2);
    CHECK_INT(seq_of(db), s0 + 1);
    CHECK(!ly_hubdb_reissue(db, 999999, &v, err, sizeof err));
    CHECK(ly_hubdb_set_revoked(db, id, true, err, sizeof err));
    CHECK(ly_hubdb_attendee(db, id, &a, err, sizeof err));
    CHECK(a.revoked);
    CHECK_INT(a.badge_version, 2);
    /* Re-importing the same row does not undo a reissue or a revocation. */
    CHECK(ly_hubdb_upsert_registration(db, &r, &w, err, sizeof err));
    CHECK_INT(w, LY_UPSERT_UNCHANGED);
    CHECK(ly_hubdb_attendee(db, id, &a, err, sizeof err));
    CHECK(a.revoked && a.badge_version == 2);

    r = reg("Y", "Kari");
    CHECK(ly_hubdb_upsert_registration(db, &r, &w, err, sizeof err));
    int n = 0;
    CHECK(ly_hubdb_foreach_attendee(db, NULL, 0, collect, &n, err, sizeof err));
    CHECK_INT(n, 2);
    uint32_t only[] = {id, 424242};
    n = 0;
    CHECK(!ly_hubdb_foreach_attendee(db, only, 2, collect, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(strstr(err, "424242") != NULL);
    ly_hubdb_close(db);
}

static void rollback_leaves_nothing(void)
{
    struct ly_hubdb *db = fresh();
    char err[256] = "";
    enum ly_upsert w;
    struct ly_registration r = reg("T1", "Temp");
    int64_t s0 = seq_of(db);
    CHECK(ly_hubdb_begin(db, err, sizeof err));
    CHECK(ly_hubdb_upsert_registration(db, &r, &w, err, sizeof err));
    ly_hubdb_rollback(db);
    uint32_t id;
    CHECK(ly_hubdb_find_ext_id(db, "T1", &id, err, sizeof err));
    CHECK_INT(id, 0);
    CHECK_INT(seq_of(db), s0);
    ly_hubdb_close(db);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(creates_private_file_with_schema);
    RUN(refuses_damaged_file);
    RUN(event_and_key);
    RUN(upserts_bump_only_changes);
    RUN(programme);
    RUN(reissue_revoke_foreach);
    RUN(rollback_leaves_nothing);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
