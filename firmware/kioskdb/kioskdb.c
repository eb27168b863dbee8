/* kioskdb.c - the kiosk database on SQLite. See kioskdb.h. */
#include "kioskdb/kioskdb.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kioskdb/kioskdb_int.h"
#include "common/sqldb.h"

/* Schema migrations: migrations[i] takes the schema from version i to i + 1 (PRAGMA
 * user_version). Never edit a released migration; append a new one. Tables hold only what a
 * gate decides with: see the header for what is deliberately left at the hub. */
static const char *const migrations[] = {
    /* 1: the first schema. */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value ANY) STRICT;"
    "INSERT INTO meta VALUES ('sync_cursor', 0);"
    "CREATE TABLE kiosk ("
    "  only INTEGER PRIMARY KEY CHECK (only = 1),"
    "  kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) = 36),"
    "  next_seq INTEGER NOT NULL CHECK (next_seq >= 1),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
    "CREATE TABLE event ("
    "  id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),"
    "  name TEXT NOT NULL, starts TEXT NOT NULL, ends TEXT NOT NULL, timezone TEXT NOT NULL)"
    "  STRICT;"
    "CREATE TABLE public_keys ("
    "  key_id INTEGER PRIMARY KEY CHECK (key_id BETWEEN 0 AND 4294967295),"
    "  public_key BLOB NOT NULL CHECK (length(public_key) = 32)) STRICT;"
    "CREATE TABLE attendees ("
    "  id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),"
    "  badge_version INTEGER NOT NULL CHECK (badge_version BETWEEN 1 AND 65535),"
    "  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),"
    "  assistance INTEGER NOT NULL DEFAULT 0 CHECK (assistance IN (0, 1)),"
    "  name TEXT NOT NULL, name_latin TEXT NOT NULL, category TEXT NOT NULL,"
    "  country TEXT NOT NULL CHECK (length(country) = 2),"
    "  region TEXT NOT NULL, stakeholder TEXT NOT NULL, attendance TEXT NOT NULL,"
    "  language TEXT NOT NULL) STRICT;"
    "CREATE TABLE alt_codes ("
    "  code TEXT PRIMARY KEY,"
    "  attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE) STRICT;"
    "CREATE INDEX alt_codes_attendee ON alt_codes(attendee_id);"
    "CREATE TABLE rooms ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0)) STRICT;"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  ext_id TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL, type TEXT NOT NULL,"
    "  room_id INTEGER NOT NULL REFERENCES rooms(id),"
    "  starts TEXT NOT NULL, ends TEXT NOT NULL,"
    "  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
    "  categories TEXT NOT NULL) STRICT;"
    "CREATE INDEX sessions_room ON sessions(room_id);"
    /* The journal. attendee_id has no foreign key on purpose: a check-in is never refused
     * or deleted because a later sync removed the attendee. */
    "CREATE TABLE checkins ("
    "  uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36),"
    "  seq INTEGER UNIQUE NOT NULL CHECK (seq >= 1),"
    "  kiosk_id TEXT NOT NULL,"
    "  wall_time INTEGER NOT NULL,"
    "  mono_time INTEGER NOT NULL,"
    "  gate TEXT NOT NULL,"
    "  attendee_id INTEGER,"
    "  code_kind TEXT NOT NULL,"
    "  decision TEXT NOT NULL CHECK (decision <> ''),"
    "  reason TEXT NOT NULL,"
    "  place TEXT NOT NULL DEFAULT '',"
    "  direction INTEGER NOT NULL DEFAULT 0 CHECK (direction BETWEEN -1 AND 1),"
    "  sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))) STRICT;"
    "CREATE INDEX checkins_unsent ON checkins(seq) WHERE sent = 0;"
    "CREATE INDEX checkins_place ON checkins(place, direction) WHERE direction <> 0;",
    /* 2: gate rules (venue opening hours, notices shown with a grant), the index the re-entry
     * rule reads an attendee's movements through, and a stable reason identifier next to the
     * sentence shown (counts group by it; the sentence is in the kiosk's language). Rules are
     * replaced as a whole. */
    "CREATE TABLE opening_hours ("
    "  day TEXT PRIMARY KEY CHECK (length(day) = 10),"
    "  opens TEXT NOT NULL CHECK (length(opens) = 5),"
    "  closes TEXT NOT NULL CHECK (length(closes) = 5 AND closes > opens)) STRICT;"
    "CREATE TABLE notices ("
    "  id INTEGER PRIMARY KEY,"
    "  place TEXT NOT NULL, category TEXT NOT NULL,"
    "  text TEXT NOT NULL CHECK (text <> '')) STRICT;"
    "CREATE INDEX checkins_attendee ON checkins(attendee_id, place, seq) WHERE direction <> 0;"
    "ALTER TABLE checkins ADD COLUMN reason_code TEXT NOT NULL DEFAULT '';",
    /* 3: staff mode. A name search key per attendee (fold(name) + " " + fold(name_latin), see
     * fold.h) and its words, one row per distinct word, so that a search finds the attendees
     * with a word starting with the typed prefix by an index range. Rows that exist before this
     * migration are keyed in C right after it (search_backfill in kioskdb_staff.c, driven by
     * meta 'search_fold', the fold version the keys were made with); the name index carries the
     * key, so that a search can walk attendees in name order without reading their rows. The
     * staff's note for a
     * manual check-in beside the journal row (reason and reason_code keep their meaning). The
     * staff PIN lockout, one row, so that a reboot does not reset it. An index for this
     * kiosk's counts since a time. */
    "ALTER TABLE attendees ADD COLUMN search_key TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX attendees_name ON attendees(name, search_key);"
    "CREATE TABLE search_words ("
    "  word TEXT NOT NULL CHECK (word <> ''),"
    "  attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (word, attendee_id)) WITHOUT ROWID, STRICT;"
    "CREATE INDEX search_words_attendee ON search_words(attendee_id);"
    "INSERT INTO meta VALUES ('search_fold', 0);"
    "ALTER TABLE checkins ADD COLUMN staff_note TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX checkins_time ON checkins(wall_time);"
    "CREATE TABLE staff_pin ("
    "  only INTEGER PRIMARY KEY CHECK (only = 1),"
    "  failures INTEGER NOT NULL CHECK (failures >= 0),"
    "  locked_until INTEGER NOT NULL) STRICT;"
    "INSERT INTO staff_pin VALUES (1, 0, 0);",
};

#define MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

static bool db_fail(struct ly_kioskdb *db, char *err, size_t errsz, const char *what)
{
    return ly_sqldb_fail(err, errsz, "%s: %s", what, sqlite3_errmsg(db->db));
}

static bool exec(struct ly_kioskdb *db, const char *sql, char *err, size_t errsz)
{
    return ly_sqldb_exec(db->db, sql, err, errsz);
}

/* Runs a one-row, one-column query with an optional text parameter. */
static bool scalar(struct ly_kioskdb *db, const char *sql, const char *arg, int64_t *out, char *err,
                   size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, sql, &st, err, errsz))
        return false;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        db_fail(db, err, errsz, "database");
    kdb_release(db, st);
    return rc == SQLITE_ROW;
}

/* Text fields come from fixed arrays the caller filled: refuse one without its NUL. */
bool ly_kioskdb_terminated(const char *s, size_t sz, const char *what, char *err, size_t errsz)
{
    return memchr(s, '\0', sz) ? true : ly_sqldb_fail(err, errsz, "%s is not terminated", what);
}

/* Formats 16 random bytes as a version 4, variant 1 UUID. */
static void uuid4(char out[LY_UUID_LEN + 1])
{
    uint8_t b[16];
    size_t o = 0;
    randombytes_buf(b, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        snprintf(out + o, 3, "%02x", b[i]);
        o += 2;
    }
    out[o] = '\0';
}

/* Loads the kiosk identity, drawing it first when asked to and the file has none. */
static bool identity(struct ly_kioskdb *db, bool draw, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (draw) {
        char id[LY_UUID_LEN + 1];
        uuid4(id);
        if (!kdb_prepare(db,
                         "INSERT INTO kiosk (only, kiosk_id, next_seq) VALUES (1, ?, 1) "
                         "ON CONFLICT (only) DO NOTHING",
                         &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        if (!kdb_step_done(db, st, err, errsz))
            return false;
    }
    if (!kdb_prepare(db, "SELECT kiosk_id FROM kiosk", &st, err, errsz))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ly_sqldb_copy_col(st, 0, db->kiosk_id, sizeof db->kiosk_id);
    kdb_release(db, st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? true : db_fail(db, err, errsz, "database");
}

bool ly_kioskdb_open(const char *path, enum ly_kioskdb_mode mode, struct ly_kioskdb **out,
                     char *err, size_t errsz)
{
    struct ly_kioskdb *db;
    if (sodium_init() < 0)
        return ly_sqldb_fail(err, errsz, "libsodium failed to initialize");
    db = calloc(1, sizeof *db);
    if (!db)
        return ly_sqldb_fail(err, errsz, "out of memory");

    /* Names and check-ins are personal data: sqldb creates the file for its owner only. */
    if (!ly_sqldb_open(path, "kiosk database", migrations, MIGRATIONS, &db->stmts, &db->db, err,
                       errsz)) {
        free(db);
        return false;
    }
    if (!identity(db, mode == LY_KIOSKDB_KIOSK, err, errsz) ||
        !ly_kioskdb_search_backfill(db, err, errsz))
        goto fail;
    /* A kiosk checkpoints when it has time (ly_kioskdb_checkpoint), never inside a decision. */
    if (mode == LY_KIOSKDB_KIOSK)
        sqlite3_wal_autocheckpoint(db->db, 0);
    *out = db;
    return true;
fail:
    ly_kioskdb_close(db);
    return false;
}

void ly_kioskdb_close(struct ly_kioskdb *db)
{
    if (!db)
        return;
    ly_sqldb_close(&db->stmts, db->db);
    free(db);
}

const char *ly_kioskdb_kiosk_id(const struct ly_kioskdb *db)
{
    return db->kiosk_id;
}

bool ly_kioskdb_begin(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return exec(db, "BEGIN IMMEDIATE", err, errsz);
}

bool ly_kioskdb_commit(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return exec(db, "COMMIT", err, errsz);
}

void ly_kioskdb_rollback(struct ly_kioskdb *db)
{
    if (!sqlite3_get_autocommit(db->db))
        exec(db, "ROLLBACK", NULL, 0);
}

static int64_t clock_ms(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ly_kioskdb_row_checkin(sqlite3_stmt *st, struct ly_checkin *out)
{
    memset(out, 0, sizeof *out);
    ly_sqldb_copy_col(st, 0, out->uuid, sizeof out->uuid);
    out->seq = sqlite3_column_int64(st, 1);
    ly_sqldb_copy_col(st, 2, out->kiosk_id, sizeof out->kiosk_id);
    out->wall_ms = sqlite3_column_int64(st, 3);
    out->mono_ms = sqlite3_column_int64(st, 4);
    ly_sqldb_copy_col(st, 5, out->gate, sizeof out->gate);
    out->attendee_id = (uint32_t)sqlite3_column_int64(st, 6);
    ly_sqldb_copy_col(st, 7, out->code_kind, sizeof out->code_kind);
    ly_sqldb_copy_col(st, 8, out->decision, sizeof out->decision);
    ly_sqldb_copy_col(st, 9, out->reason, sizeof out->reason);
    ly_sqldb_copy_col(st, 10, out->place, sizeof out->place);
    out->direction = sqlite3_column_int(st, 11);
    out->sent = sqlite3_column_int(st, 12) != 0;
    ly_sqldb_copy_col(st, 13, out->reason_code, sizeof out->reason_code);
    ly_sqldb_copy_col(st, 14, out->staff_note, sizeof out->staff_note);
}

static bool checkin_valid(const struct ly_checkin *c, char *err, size_t errsz)
{
    return ly_kioskdb_terminated(c->gate, sizeof c->gate, "gate", err, errsz) &&
           ly_kioskdb_terminated(c->code_kind, sizeof c->code_kind, "code kind", err, errsz) &&
           ly_kioskdb_terminated(c->decision, sizeof c->decision, "decision", err, errsz) &&
           ly_kioskdb_terminated(c->reason, sizeof c->reason, "reason", err, errsz) &&
           ly_kioskdb_terminated(c->reason_code, sizeof c->reason_code, "reason code", err,
                                 errsz) &&
           ly_kioskdb_terminated(c->place, sizeof c->place, "place", err, errsz) &&
           ly_kioskdb_terminated(c->staff_note, sizeof c->staff_note, "staff note", err, errsz) &&
           (c->decision[0] != '\0' || ly_sqldb_fail(err, errsz, "a check-in needs a decision")) &&
           (c->direction >= -1 && c->direction <= 1
                ? true
                : ly_sqldb_fail(err, errsz, "direction must be -1..1"));
}

bool ly_kioskdb_journal(struct ly_kioskdb *db, const struct ly_checkin *in, struct ly_checkin *out,
                        char *err, size_t errsz)
{
    struct ly_checkin c = *in;
    sqlite3_stmt *st;

    if (db->kiosk_id[0] == '\0')
        return ly_sqldb_fail(err, errsz,
                             "this database has no kiosk identity (a snapshot): open it "
                             "as a kiosk to journal");
    if (!checkin_valid(in, err, errsz))
        return false;
    if (c.wall_ms == 0)
        c.wall_ms = clock_ms(CLOCK_REALTIME);
    if (c.mono_ms == 0)
        c.mono_ms = clock_ms(CLOCK_MONOTONIC);
    memcpy(c.kiosk_id, db->kiosk_id, sizeof c.kiosk_id);
    c.sent = false;
    uuid4(c.uuid);

    /* The sequence number and the row commit together or not at all: a crash can leave
     * neither a gap nor a half-written row. */
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    if (!scalar(db, "UPDATE kiosk SET next_seq = next_seq + 1 RETURNING next_seq - 1", NULL, &c.seq,
                err, errsz) ||
        !kdb_prepare(db,
                     "INSERT INTO checkins (" LY_CHECKIN_COLS
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                     &st, err, errsz))
        goto fail;
    sqlite3_bind_text(st, 1, c.uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c.seq);
    sqlite3_bind_text(st, 3, c.kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c.wall_ms);
    sqlite3_bind_int64(st, 5, c.mono_ms);
    sqlite3_bind_text(st, 6, c.gate, -1, SQLITE_STATIC);
    if (c.attendee_id)
        sqlite3_bind_int64(st, 7, c.attendee_id);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_text(st, 8, c.code_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, c.decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, c.reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, c.place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 12, c.direction);
    sqlite3_bind_text(st, 13, c.reason_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, c.staff_note, -1, SQLITE_STATIC);
    if (!kdb_step_done(db, st, err, errsz) || !ly_kioskdb_commit(db, err, errsz))
        goto fail;
    if (out)
        *out = c;
    return true;
fail:
    ly_kioskdb_rollback(db);
    return false;
}

bool ly_kioskdb_checkin(struct ly_kioskdb *db, int64_t seq, struct ly_checkin *out, bool *found,
                        char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT " LY_CHECKIN_COLS " FROM checkins WHERE seq = ?", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        ly_kioskdb_row_checkin(st, out);
    kdb_release(db, st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? true : db_fail(db, err, errsz, "database");
}

bool ly_kioskdb_unsent(struct ly_kioskdb *db, int64_t *n, char *err, size_t errsz)
{
    return scalar(db, "SELECT count(*) FROM checkins WHERE sent = 0", NULL, n, err, errsz);
}

bool ly_kioskdb_occupancy(struct ly_kioskdb *db, const char *place, int64_t *n, char *err,
                          size_t errsz)
{
    return scalar(db,
                  "SELECT coalesce(sum(direction), 0) FROM checkins "
                  "WHERE place = ? AND direction <> 0",
                  place, n, err, errsz);
}

bool ly_kioskdb_sync_cursor(struct ly_kioskdb *db, int64_t *cursor, char *err, size_t errsz)
{
    return scalar(db, "SELECT value FROM meta WHERE key = 'sync_cursor'", NULL, cursor, err, errsz);
}

/* Steps a one-row lookup: *found says whether a row came; false only on a database error. */
bool ly_kioskdb_event(struct ly_kioskdb *db, struct ly_kiosk_event *out, bool *found, char *err,
                      size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT id, name, starts, ends, timezone FROM event LIMIT 1", &st, err,
                     errsz))
        return false;
    bool ok = kdb_step_row(db, st, found, err, errsz);
    if (ok && *found) {
        out->id = (uint32_t)sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out->name, sizeof out->name);
        ly_sqldb_copy_col(st, 2, out->starts, sizeof out->starts);
        ly_sqldb_copy_col(st, 3, out->ends, sizeof out->ends);
        ly_sqldb_copy_col(st, 4, out->timezone, sizeof out->timezone);
    }
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_public_keys(struct ly_kioskdb *db, struct ly_badge_key *keys, size_t max, size_t *n,
                            char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int rc;
    *n = 0;
    if (!kdb_prepare(db, "SELECT key_id, public_key FROM public_keys ORDER BY key_id", &st, err,
                     errsz))
        return false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == max || sqlite3_column_bytes(st, 1) != LY_BADGE_PK_BYTES)
            continue;
        keys[*n].key_id = (uint32_t)sqlite3_column_int64(st, 0);
        memcpy(keys[*n].pk, sqlite3_column_blob(st, 1), LY_BADGE_PK_BYTES);
        (*n)++;
    }
    kdb_release(db, st);
    return rc == SQLITE_DONE ? true : db_fail(db, err, errsz, "database");
}

void ly_kioskdb_row_attendee(sqlite3_stmt *st, struct ly_kiosk_attendee *out)
{
    memset(out, 0, sizeof *out);
    out->id = (uint32_t)sqlite3_column_int64(st, 0);
    out->badge_version = (uint16_t)sqlite3_column_int(st, 1);
    out->revoked = sqlite3_column_int(st, 2) != 0;
    out->assistance = sqlite3_column_int(st, 3) != 0;
    ly_sqldb_copy_col(st, 4, out->name, sizeof out->name);
    ly_sqldb_copy_col(st, 5, out->name_latin, sizeof out->name_latin);
    ly_sqldb_copy_col(st, 6, out->category, sizeof out->category);
    ly_sqldb_copy_col(st, 7, out->country, sizeof out->country);
    ly_sqldb_copy_col(st, 8, out->region, sizeof out->region);
    ly_sqldb_copy_col(st, 9, out->stakeholder, sizeof out->stakeholder);
    ly_sqldb_copy_col(st, 10, out->attendance, sizeof out->attendance);
    ly_sqldb_copy_col(st, 11, out->language, sizeof out->language);
}

bool ly_kioskdb_attendee(struct ly_kioskdb *db, uint32_t id, struct ly_kiosk_attendee *out,
                         bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT " LY_ATTENDEE_COLS " FROM attendees WHERE id = ?", &st, err,
                     errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = kdb_step_row(db, st, found, err, errsz);
    if (ok && *found)
        ly_kioskdb_row_attendee(st, out);
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_find_alt_code(struct ly_kioskdb *db, const char *code, uint32_t *id, char *err,
                              size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    if (!kdb_prepare(db, "SELECT attendee_id FROM alt_codes WHERE code = ?", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    bool ok = kdb_step_row(db, st, &found, err, errsz);
    *id = ok && found ? (uint32_t)sqlite3_column_int64(st, 0) : 0;
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_room(struct ly_kioskdb *db, int64_t id, struct ly_kiosk_room *out, bool *found,
                     char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "SELECT id, name, capacity FROM rooms WHERE id = ?", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = kdb_step_row(db, st, found, err, errsz);
    if (ok && *found) {
        out->id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out->name, sizeof out->name);
        out->capacity = sqlite3_column_int(st, 2);
    }
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_rooms(struct ly_kioskdb *db, struct ly_kiosk_room *out, size_t max, size_t *n,
                      char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!kdb_prepare(db, "SELECT id, name, capacity FROM rooms ORDER BY name, id", &st, err, errsz))
        return false;
    bool ok = true, found = true;
    while (*n < max && (ok = kdb_step_row(db, st, &found, err, errsz)) && found) {
        out[*n].id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out[*n].name, sizeof out[*n].name);
        out[*n].capacity = sqlite3_column_int(st, 2);
        (*n)++;
    }
    kdb_release(db, st);
    return ok;
}

#define SESSION_SELECT                                                                             \
    "SELECT id, ext_id, title, type, room_id, starts, ends, capacity, categories FROM sessions "

bool ly_kioskdb_session(struct ly_kioskdb *db, int64_t id, const char *ext_id,
                        struct ly_kiosk_session *out, bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, ext_id ? SESSION_SELECT "WHERE ext_id = ?" : SESSION_SELECT "WHERE id = ?",
                     &st, err, errsz))
        return false;
    if (ext_id)
        sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, id);
    bool ok = kdb_step_row(db, st, found, err, errsz);
    if (ok && *found) {
        out->id = sqlite3_column_int64(st, 0);
        ly_sqldb_copy_col(st, 1, out->ext_id, sizeof out->ext_id);
        ly_sqldb_copy_col(st, 2, out->title, sizeof out->title);
        ly_sqldb_copy_col(st, 3, out->type, sizeof out->type);
        out->room_id = sqlite3_column_int64(st, 4);
        ly_sqldb_copy_col(st, 5, out->starts, sizeof out->starts);
        ly_sqldb_copy_col(st, 6, out->ends, sizeof out->ends);
        out->capacity = sqlite3_column_int(st, 7);
        ly_sqldb_copy_col(st, 8, out->categories, sizeof out->categories);
    }
    kdb_release(db, st);
    return ok;
}

bool ly_kioskdb_put_event(struct ly_kioskdb *db, const struct ly_kiosk_event *ev, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_kioskdb_terminated(ev->name, sizeof ev->name, "event name", err, errsz) ||
        !ly_kioskdb_terminated(ev->starts, sizeof ev->starts, "event start", err, errsz) ||
        !ly_kioskdb_terminated(ev->ends, sizeof ev->ends, "event end", err, errsz) ||
        !ly_kioskdb_terminated(ev->timezone, sizeof ev->timezone, "time zone", err, errsz))
        return false;
    /* A kiosk serves one event: replacing it replaces the row. */
    if (!exec(db, "DELETE FROM event", err, errsz) ||
        !kdb_prepare(db, "INSERT INTO event (id, name, starts, ends, timezone) VALUES (?,?,?,?,?)",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, ev->id);
    sqlite3_bind_text(st, 2, ev->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ev->starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ev->ends, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, ev->timezone, -1, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_put_key(struct ly_kioskdb *db, const struct ly_badge_key *key, char *err,
                        size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db,
                     "INSERT INTO public_keys (key_id, public_key) VALUES (?1, ?2) "
                     "ON CONFLICT (key_id) DO UPDATE SET public_key = ?2",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, key->key_id);
    sqlite3_bind_blob(st, 2, key->pk, LY_BADGE_PK_BYTES, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_put_attendee(struct ly_kioskdb *db, const struct ly_kiosk_attendee *a, char *err,
                             size_t errsz)
{
    const char *text[] = {a->name,   a->name_latin,  a->category,   a->country,
                          a->region, a->stakeholder, a->attendance, a->language};
    const size_t size[] = {sizeof a->name,       sizeof a->name_latin, sizeof a->category,
                           sizeof a->country,    sizeof a->region,     sizeof a->stakeholder,
                           sizeof a->attendance, sizeof a->language};
    char key[LY_SEARCH_KEY_MAX + 1];
    sqlite3_stmt *st;
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        if (!ly_kioskdb_terminated(text[i], size[i], "attendee field", err, errsz))
            return false;
    }
    ly_kioskdb_search_key(a->name, a->name_latin, key);
    /* An upsert, not INSERT OR REPLACE: a replace would delete the row and cascade to the
     * attendee's ticket codes. */
    if (!kdb_prepare(db,
                     "INSERT INTO attendees (id, badge_version, revoked, assistance, name, "
                     "name_latin, category, country, region, stakeholder, attendance, language, "
                     "search_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                     "ON CONFLICT (id) DO UPDATE SET badge_version = ?2, revoked = ?3, "
                     "assistance = ?4, name = ?5, name_latin = ?6, category = ?7, country = ?8, "
                     "region = ?9, stakeholder = ?10, attendance = ?11, language = ?12, "
                     "search_key = ?13",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int(st, 2, a->badge_version);
    sqlite3_bind_int(st, 3, a->revoked);
    sqlite3_bind_int(st, 4, a->assistance);
    for (int i = 0; i < 8; i++)
        sqlite3_bind_text(st, 5 + i, text[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, key, -1, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz) && ly_kioskdb_index_words(db, a->id, key, err, errsz);
}

bool ly_kioskdb_put_alt_code(struct ly_kioskdb *db, const char *code, uint32_t attendee_id,
                             char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (code[0] == '\0' || strlen(code) > LY_ALT_CODE_MAX)
        return ly_sqldb_fail(err, errsz, "ticket code must be 1 to %d bytes", LY_ALT_CODE_MAX);
    if (!kdb_prepare(db,
                     "INSERT INTO alt_codes (code, attendee_id) VALUES (?1, ?2) "
                     "ON CONFLICT (code) DO UPDATE SET attendee_id = ?2",
                     &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, attendee_id);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_put_room(struct ly_kioskdb *db, const struct ly_kiosk_room *r, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_kioskdb_terminated(r->name, sizeof r->name, "room name", err, errsz) ||
        !kdb_prepare(db,
                     "INSERT INTO rooms (id, name, capacity) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT (id) DO UPDATE SET name = ?2, capacity = ?3",
                     &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->capacity);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_put_session(struct ly_kioskdb *db, const struct ly_kiosk_session *s, char *err,
                            size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_kioskdb_terminated(s->ext_id, sizeof s->ext_id, "session id", err, errsz) ||
        !ly_kioskdb_terminated(s->title, sizeof s->title, "session title", err, errsz) ||
        !ly_kioskdb_terminated(s->type, sizeof s->type, "session type", err, errsz) ||
        !ly_kioskdb_terminated(s->starts, sizeof s->starts, "session start", err, errsz) ||
        !ly_kioskdb_terminated(s->ends, sizeof s->ends, "session end", err, errsz) ||
        !ly_kioskdb_terminated(s->categories, sizeof s->categories, "session categories", err,
                               errsz))
        return false;
    if (!kdb_prepare(
            db,
            "INSERT INTO sessions (id, ext_id, title, type, room_id, starts, ends, capacity, "
            "categories) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (id) DO UPDATE SET ext_id = ?2, title = ?3, type = ?4, "
            "room_id = ?5, starts = ?6, ends = ?7, capacity = ?8, categories = ?9",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, s->type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, s->room_id);
    sqlite3_bind_text(st, 6, s->starts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, s->ends, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, s->capacity);
    sqlite3_bind_text(st, 9, s->categories, -1, SQLITE_STATIC);
    return kdb_step_done(db, st, err, errsz);
}

bool ly_kioskdb_set_sync_cursor(struct ly_kioskdb *db, int64_t cursor, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!kdb_prepare(db, "UPDATE meta SET value = ? WHERE key = 'sync_cursor'", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, cursor);
    return kdb_step_done(db, st, err, errsz);
}
