/* kioskdb.c - the kiosk database on SQLite: its schema, opening and closing, the kiosk's
 * identity, transactions and checkpoints. See kioskdb.h. */
#include "kioskdb/kioskdb.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/uuid.h"
#include "kioskdb/kioskdb_int.h"
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_words.h"

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
     * migration are keyed in C right after it (ly_kioskdb_search_backfill in kioskdb_words.c,
     * driven by meta 'search_fold', the fold version the keys were made with); the name index
     * carries the key, so that a search can walk attendees in name order without reading their
     * rows. The staff's note for a manual check-in beside the journal row (reason and reason_code
     * keep their meaning). The staff PIN lockout, one row, so that a reboot does not reset it. An
     * index for this kiosk's counts since a time. */
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
    /* 4: printing at the kiosk (docs/badge-format.md "Kiosk keys", docs/gates.md "Badge
     * pickup"). The key that signed an attendee's current badge version (0: any trusted key),
     * so that of two badges of one version only the winner's is valid. The badge a journal
     * entry printed or issued. A walk-in's registration beside its journal entry. Print jobs
     * with their state: a job "sent" when the kiosk stopped is never sent again by itself.
     * The kiosk's own signing key, certified by the event's key at enrollment, and its range
     * of attendee ids for walk-ins. Sessions whose admitted people get an access slip. */
    "ALTER TABLE attendees ADD COLUMN badge_key INTEGER NOT NULL DEFAULT 0"
    "  CHECK (badge_key BETWEEN 0 AND 4294967295);"
    "ALTER TABLE checkins ADD COLUMN badge_version INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE checkins ADD COLUMN badge_key INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX checkins_pickup ON checkins(attendee_id) WHERE decision = 'picked_up';"
    "CREATE TABLE walkins ("
    "  checkin_uuid TEXT PRIMARY KEY REFERENCES checkins(uuid),"
    "  name TEXT NOT NULL CHECK (name <> ''), affiliation TEXT NOT NULL,"
    "  country TEXT NOT NULL CHECK (length(country) = 2), stakeholder TEXT NOT NULL,"
    "  category TEXT NOT NULL, language TEXT NOT NULL) STRICT;"
    "CREATE TABLE print_jobs ("
    "  id INTEGER PRIMARY KEY,"
    "  checkin_uuid TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('badge', 'slip')),"
    "  attendee_id INTEGER NOT NULL,"
    "  code TEXT NOT NULL,"
    "  session TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'held', 'printed', 'failed',"
    "    'cancelled')),"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL) STRICT;"
    "CREATE INDEX print_jobs_open ON print_jobs(state) WHERE state <> 'printed'"
    "  AND state <> 'cancelled';"
    "CREATE TABLE kiosk_key ("
    "  only INTEGER PRIMARY KEY CHECK (only = 1),"
    "  key_id INTEGER NOT NULL,"
    "  secret_key BLOB NOT NULL CHECK (length(secret_key) = 64),"
    "  certificate BLOB CHECK (certificate IS NULL OR length(certificate) = 64),"
    "  id_first INTEGER NOT NULL DEFAULT 0, id_last INTEGER NOT NULL DEFAULT 0,"
    "  next_id INTEGER NOT NULL DEFAULT 0) STRICT;"
    "ALTER TABLE sessions ADD COLUMN slips INTEGER NOT NULL DEFAULT 0 CHECK (slips IN (0, 1));",
    /* 5: what vouches for a kiosk's key (docs/security.md): the event key's certificate of it
     * and the kiosk's walk-in ids, checked against the root keys enrollment gave before the
     * key is trusted; an event key has none and must be a root itself. */
    "ALTER TABLE public_keys ADD COLUMN certificate BLOB"
    "  CHECK (certificate IS NULL OR length(certificate) = 64);"
    "ALTER TABLE public_keys ADD COLUMN id_first INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE public_keys ADD COLUMN id_last INTEGER NOT NULL DEFAULT 0;",
    /* 6: the reason the hub gave when it refused an entry (docs/security.md, "What the hub
     * accepts from a kiosk"): such an entry is marked sent, never offered again, and kept. */
    "ALTER TABLE checkins ADD COLUMN refused TEXT NOT NULL DEFAULT '';",
    /* 7: a badge a pickup point printed, as the hub heard it from any kiosk: this kiosk, as a
     * pickup point, refuses to print it again (only staff reprint). */
    "ALTER TABLE attendees ADD COLUMN picked_up INTEGER NOT NULL DEFAULT 0;",
    /* 8: a stolen kiosk is worth less (docs/security.md): another system's ticket code, still
     * a valid entry credential, is kept as its keyed hash under the kiosk's key, which is not
     * in this file (kioskdb_secret.h). A kiosk's open moves the clear codes of alt_codes (a
     * file of schema 7, a snapshot: the hub sends codes in clear over its pinned channel) here,
     * and seals a clear hub_token into hub_token_sealed; in a kiosk alt_codes stays empty. */
    "CREATE TABLE code_hashes ("
    "  hash BLOB PRIMARY KEY CHECK (length(hash) = 32),"
    "  attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE) STRICT;"
    "CREATE INDEX code_hashes_attendee ON code_hashes(attendee_id);",
    /* 9: fullness at the door: where a room is, and a session's overflow room (0: none) and
     * online link, shown on the idle screen of the session's door when it is full. */
    ("ALTER TABLE rooms ADD COLUMN location TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE sessions ADD COLUMN overflow_room_id INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE sessions ADD COLUMN online_url TEXT NOT NULL DEFAULT '';"),
    /* 10: doors that agree without the hub (docs/sync-protocol.md, "Peer exchange"): the
     * re-entry policy a decision applied, which the hub needs to tell a double admission; the
     * other kiosks of the event as the hub lists them (their key, peer address, and how far
     * the hub's counts include their check-ins); and their check-ins as they sent them to this
     * kiosk, kept apart from this kiosk's own journal and never uploaded by it. */
    "ALTER TABLE checkins ADD COLUMN policy TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE peers ("
    "  key_id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) = 36),"
    "  addr TEXT NOT NULL, acked_seq INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE TABLE peer_checkins ("
    "  origin TEXT NOT NULL CHECK (length(origin) = 36), seq INTEGER NOT NULL,"
    "  uuid TEXT NOT NULL, wall_time INTEGER NOT NULL, gate TEXT NOT NULL,"
    "  attendee_id INTEGER NOT NULL, decision TEXT NOT NULL, place TEXT NOT NULL,"
    "  direction INTEGER NOT NULL CHECK (direction BETWEEN -1 AND 1), policy TEXT NOT NULL,"
    "  received_ms INTEGER NOT NULL, PRIMARY KEY (origin, seq)) STRICT;"
    "CREATE INDEX peer_checkins_attendee ON peer_checkins(attendee_id, place);"
    "CREATE INDEX peer_checkins_place ON peer_checkins(place) WHERE direction <> 0;",
    /* 11: details sealed per badge (kioskdb_sealed.h, docs/security.md): an event in that mode
     * sends an attendee's details sealed; the row keeps the sealed text, its name, Latin name,
     * region, stakeholder and language empty, its country '--' (the column's check wants two
     * bytes) and no search key or words. */
    "ALTER TABLE attendees ADD COLUMN sealed TEXT NOT NULL DEFAULT '';",
};

#define MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

/* Loads the kiosk identity, drawing it first when asked to and the file has none. */
static bool identity(struct ly_kioskdb *db, bool draw, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (draw) {
        char id[LY_UUID_LEN + 1];
        ly_uuid4(id);
        if (!ly_sqldb_prepare(&db->sql,
                              "INSERT INTO kiosk (only, kiosk_id, next_seq) VALUES (1, ?, 1) "
                              "ON CONFLICT (only) DO NOTHING",
                              &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            return false;
    }
    if (!ly_sqldb_prepare(&db->sql, "SELECT kiosk_id FROM kiosk", &st, err, errsz))
        return false;
    bool found, ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found)
        ly_sqldb_copy_col(st, 0, db->kiosk_id, sizeof db->kiosk_id);
    ly_sqldb_release(&db->sql, st);
    return ok;
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
    db->kiosk = mode == LY_KIOSKDB_KIOSK;
    if (snprintf(db->path, sizeof db->path, "%s", path) >= (int)sizeof db->path) {
        free(db);
        return ly_sqldb_fail(err, errsz, "the database path is too long");
    }

    /* Names and check-ins are personal data: sqldb creates the file for its owner only. */
    if (!ly_sqldb_open(&db->sql, path, "kiosk database", migrations, MIGRATIONS, err, errsz)) {
        free(db);
        return false;
    }
    /* A kiosk overwrites what it deletes (a replaced name, a wiped attendee list), and keeps
     * no ticket code or token in clear (kioskdb_secret.h). */
    if (!identity(db, mode == LY_KIOSKDB_KIOSK, err, errsz) ||
        !ly_kioskdb_search_backfill(db, err, errsz) ||
        (db->kiosk && (!ly_sqldb_exec(&db->sql, "PRAGMA secure_delete = ON", err, errsz) ||
                       !ly_kioskdb_seal_clear(db, false, err, errsz))))
        goto fail;
    /* A kiosk checkpoints when it has time (ly_kioskdb_checkpoint), never inside a decision. */
    if (mode == LY_KIOSKDB_KIOSK)
        sqlite3_wal_autocheckpoint(db->sql.db, 0);
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
    ly_sqldb_close(&db->sql);
    ly_kioskdb_secret_forget(db);
    free(db);
}

bool ly_kioskdb_storage_fault(const struct ly_kioskdb *db)
{
    return ly_sqldb_storage_fault(&db->sql);
}

const char *ly_kioskdb_kiosk_id(const struct ly_kioskdb *db)
{
    return db->kiosk_id;
}

bool ly_kioskdb_begin(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return ly_sqldb_begin(&db->sql, err, errsz);
}

bool ly_kioskdb_commit(struct ly_kioskdb *db, char *err, size_t errsz)
{
    return ly_sqldb_commit(&db->sql, err, errsz);
}

void ly_kioskdb_rollback(struct ly_kioskdb *db)
{
    ly_sqldb_rollback(&db->sql);
}

bool ly_kioskdb_checkpoint(struct ly_kioskdb *db, int *wal_frames, char *err, size_t errsz)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db->sql.db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (wal_frames)
        *wal_frames = log;
    /* The log starts again from its beginning only when a writer finds it all copied and no
     * reader in it: with badges all day long and the sync thread reading after each one, that
     * moment may never come, and the file grew by hundreds of megabytes a day. Past
     * LY_KIOSKDB_WAL_FRAMES it is restarted and cut to nothing, waiting a moment at most for
     * the readers (the sync thread's transactions are short; a busy wait is tried again at the
     * next checkpoint). */
    if (rc == SQLITE_OK && log > LY_KIOSKDB_WAL_FRAMES) {
        sqlite3_busy_timeout(db->sql.db, LY_KIOSKDB_WAL_WAIT_MS);
        rc = sqlite3_wal_checkpoint_v2(db->sql.db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
        sqlite3_busy_timeout(db->sql.db, LY_SQLDB_BUSY_MS);
    }
    if (rc == SQLITE_OK || rc == SQLITE_BUSY)
        return true;
    return ly_sqldb_fail(err, errsz, "checkpoint: %s", sqlite3_errmsg(db->sql.db));
}
