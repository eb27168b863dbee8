/* kioskdb_journal.c - the check-in journal of the kiosk database. See kioskdb_journal.h. */
#include "kioskdb/kioskdb_journal.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "common/uuid.h"
#include "kioskdb/kioskdb_int.h"

/* The journal's columns, in the order row_checkin reads them. */
#define CHECKIN_COLS                                                                               \
    "uuid, seq, kiosk_id, wall_time, mono_time, gate, attendee_id, code_kind, decision, "          \
    "reason, place, direction, sent, reason_code, staff_note, badge_version, badge_key, policy"

/* A walk-in's registration, read beside its journal row (NULLs for other rows). */
#define WALKIN_COL  18 /* the first of them in "SELECT " CHECKIN_COLS ", " WALKIN_COLS */
#define WALKIN_COLS "w.name, w.affiliation, w.country, w.stakeholder, w.category, w.language"

static int64_t clock_ms(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Copies the current row of a "SELECT " CHECKIN_COLS statement into *out. */
static void row_checkin(sqlite3_stmt *st, struct ly_checkin *out)
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
    out->badge_version = (uint16_t)sqlite3_column_int(st, 15);
    out->badge_key = (uint32_t)sqlite3_column_int64(st, 16);
    ly_sqldb_copy_col(st, 17, out->policy, sizeof out->policy);
}

/* Copies the walk-in columns (WALKIN_COLS from column col on) of the current row. */
static void row_walkin(sqlite3_stmt *st, int col, struct ly_walkin *w)
{
    ly_sqldb_copy_col(st, col, w->name, sizeof w->name);
    ly_sqldb_copy_col(st, col + 1, w->affiliation, sizeof w->affiliation);
    ly_sqldb_copy_col(st, col + 2, w->country, sizeof w->country);
    ly_sqldb_copy_col(st, col + 3, w->stakeholder, sizeof w->stakeholder);
    ly_sqldb_copy_col(st, col + 4, w->category, sizeof w->category);
    ly_sqldb_copy_col(st, col + 5, w->language, sizeof w->language);
}

/* Writes c's walk-in registration beside its journal row (decision "registered" only). */
static bool insert_walkin(struct ly_kioskdb *db, const struct ly_checkin *c, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    const struct ly_walkin *w = &c->walkin;
    if (strcmp(c->decision, "registered") != 0)
        return true;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO walkins (checkin_uuid, name, affiliation, country, "
                          "stakeholder, category, language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, w->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, w->affiliation, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, w->country, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, w->stakeholder, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, w->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, w->language, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

static bool checkin_valid(const struct ly_checkin *c, char *err, size_t errsz)
{
    return ly_sqldb_terminated(c->gate, sizeof c->gate, "gate", err, errsz) &&
           ly_sqldb_terminated(c->code_kind, sizeof c->code_kind, "code kind", err, errsz) &&
           ly_sqldb_terminated(c->decision, sizeof c->decision, "decision", err, errsz) &&
           ly_sqldb_terminated(c->reason, sizeof c->reason, "reason", err, errsz) &&
           ly_sqldb_terminated(c->reason_code, sizeof c->reason_code, "reason code", err, errsz) &&
           ly_sqldb_terminated(c->place, sizeof c->place, "place", err, errsz) &&
           ly_sqldb_terminated(c->staff_note, sizeof c->staff_note, "staff note", err, errsz) &&
           ly_sqldb_terminated(c->policy, sizeof c->policy, "policy", err, errsz) &&
           ly_sqldb_terminated(c->walkin.name, sizeof c->walkin.name, "name", err, errsz) &&
           ly_sqldb_terminated(c->walkin.affiliation, sizeof c->walkin.affiliation, "affiliation",
                               err, errsz) &&
           ly_sqldb_terminated(c->walkin.country, sizeof c->walkin.country, "country", err,
                               errsz) &&
           ly_sqldb_terminated(c->walkin.stakeholder, sizeof c->walkin.stakeholder, "stakeholder",
                               err, errsz) &&
           ly_sqldb_terminated(c->walkin.category, sizeof c->walkin.category, "category", err,
                               errsz) &&
           ly_sqldb_terminated(c->walkin.language, sizeof c->walkin.language, "language", err,
                               errsz) &&
           (c->decision[0] != '\0' || ly_sqldb_fail(err, errsz, "a check-in needs a decision")) &&
           (c->direction >= -1 && c->direction <= 1
                ? true
                : ly_sqldb_fail(err, errsz, "direction must be -1..1"));
}

bool ly_kioskdb_journal(struct ly_kioskdb *db, const struct ly_checkin *in, struct ly_checkin *out,
                        char *err, size_t errsz)
{
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    if (!ly_kioskdb_journal_in(db, in, out, err, errsz)) {
        ly_kioskdb_rollback(db);
        return false;
    }
    if (ly_kioskdb_commit(db, err, errsz))
        return true;
    ly_kioskdb_rollback(db);
    return false;
}

bool ly_kioskdb_journal_in(struct ly_kioskdb *db, const struct ly_checkin *in,
                           struct ly_checkin *out, char *err, size_t errsz)
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
    ly_uuid4(c.uuid);

    /* The sequence number and the row commit together or not at all: a crash can leave
     * neither a gap nor a half-written row. */
    if (!ly_sqldb_scalar(&db->sql,
                         "UPDATE kiosk SET next_seq = next_seq + 1 RETURNING next_seq - 1", NULL,
                         &c.seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "INSERT INTO checkins (" CHECKIN_COLS
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                          &st, err, errsz))
        return false;
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
    sqlite3_bind_int(st, 15, c.badge_version);
    sqlite3_bind_int64(st, 16, c.badge_key);
    sqlite3_bind_text(st, 17, c.policy, -1, SQLITE_STATIC);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz) || !insert_walkin(db, &c, err, errsz))
        return false;
    if (out)
        *out = c;
    return true;
}

bool ly_kioskdb_checkin(struct ly_kioskdb *db, int64_t seq, struct ly_checkin *out, bool *found,
                        char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT " CHECKIN_COLS ", " WALKIN_COLS " FROM checkins "
                          "LEFT JOIN walkins w ON w.checkin_uuid = uuid WHERE seq = ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found) {
        row_checkin(st, out);
        row_walkin(st, WALKIN_COL, &out->walkin);
    }
    ly_sqldb_release(&db->sql, st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? true : ly_sqldb_error(&db->sql, err, errsz);
}

bool ly_kioskdb_unsent(struct ly_kioskdb *db, int64_t *n, char *err, size_t errsz)
{
    return ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM checkins WHERE sent = 0", NULL, n, err,
                           errsz);
}

bool ly_kioskdb_occupancy(struct ly_kioskdb *db, const char *place, int64_t *n, char *err,
                          size_t errsz)
{
    return ly_sqldb_scalar(&db->sql,
                           "SELECT coalesce(sum(direction), 0) FROM checkins "
                           "WHERE place = ? AND direction <> 0",
                           place, n, err, errsz);
}

bool ly_kioskdb_presence(struct ly_kioskdb *db, uint32_t attendee_id, const char *place,
                         struct ly_kiosk_presence *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    /* This kiosk's movements and those its peers sent it (kioskdb_peer.h), each through its
     * attendee index: the latest movement, the latest entry. */
    if (!ly_sqldb_prepare(&db->sql,
                          "WITH m (direction, wall_time, own, seq) AS ("
                          "  SELECT direction, wall_time, 1, seq FROM checkins "
                          "  WHERE attendee_id = ?1 AND place = ?2 AND direction <> 0 "
                          "  UNION ALL SELECT direction, wall_time, 0, seq FROM peer_checkins "
                          "  WHERE attendee_id = ?1 AND place = ?2 AND direction <> 0) "
                          "SELECT direction, wall_time, (SELECT coalesce(max(wall_time), 0) "
                          "  FROM m WHERE direction = 1), own "
                          "FROM m ORDER BY wall_time DESC, own DESC, seq DESC LIMIT 1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, attendee_id);
    sqlite3_bind_text(st, 2, place, -1, SQLITE_STATIC);
    bool row, ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row) {
        out->last_direction = sqlite3_column_int(st, 0);
        out->last_wall_ms = sqlite3_column_int64(st, 1);
        out->last_entry_ms = sqlite3_column_int64(st, 2);
        out->last_source = sqlite3_column_int(st, 3) ? LY_PRESENCE_OWN : LY_PRESENCE_PEER;
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* Up to max check-ins with a sequence number above after_seq, oldest first: the unsent ones
 * only, or all. */
static bool batch(struct ly_kioskdb *db, bool unsent, int64_t after_seq, struct ly_checkin *out,
                  size_t max, size_t *n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          unsent ? "SELECT " CHECKIN_COLS ", " WALKIN_COLS " FROM checkins "
                                   "LEFT JOIN walkins w ON w.checkin_uuid = uuid "
                                   "WHERE sent = 0 AND seq > ? ORDER BY seq LIMIT ?"
                                 : "SELECT " CHECKIN_COLS ", " WALKIN_COLS " FROM checkins "
                                   "LEFT JOIN walkins w ON w.checkin_uuid = uuid "
                                   "WHERE seq > ? ORDER BY seq LIMIT ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, after_seq);
    sqlite3_bind_int64(st, 2, (int64_t)max);
    bool row, ok;
    while ((ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz)) && row && *n < max) {
        row_checkin(st, &out[*n]);
        row_walkin(st, WALKIN_COL, &out[(*n)++].walkin);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_unsent_batch(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                             size_t max, size_t *n, char *err, size_t errsz)
{
    return batch(db, true, after_seq, out, max, n, err, errsz);
}

bool ly_kioskdb_journal_after(struct ly_kioskdb *db, int64_t after_seq, struct ly_checkin *out,
                              size_t max, size_t *n, char *err, size_t errsz)
{
    return batch(db, false, after_seq, out, max, n, err, errsz);
}

/* Marks uuids sent, with the hub's reason for each refused one (reasons NULL: none). */
static bool mark(struct ly_kioskdb *db, const char *const *uuids, const char *const *reasons,
                 size_t n, size_t *marked, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *marked = 0;
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!ly_sqldb_prepare(&db->sql,
                              "UPDATE checkins SET sent = 1, refused = ?2 WHERE uuid = ?1 AND "
                              "sent = 0",
                              &st, err, errsz))
            goto fail;
        sqlite3_bind_text(st, 1, uuids[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, reasons ? reasons[i] : "", -1, SQLITE_STATIC);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            goto fail;
        *marked += (size_t)sqlite3_changes(db->sql.db);
    }
    if (ly_kioskdb_commit(db, err, errsz))
        return true;
fail:
    *marked = 0;
    ly_kioskdb_rollback(db);
    return false;
}

bool ly_kioskdb_mark_sent(struct ly_kioskdb *db, const char *const *uuids, size_t n, size_t *marked,
                          char *err, size_t errsz)
{
    return mark(db, uuids, NULL, n, marked, err, errsz);
}

bool ly_kioskdb_mark_refused(struct ly_kioskdb *db, const char *const *uuids,
                             const char *const *reasons, size_t n, size_t *marked, char *err,
                             size_t errsz)
{
    return mark(db, uuids, reasons, n, marked, err, errsz);
}

bool ly_kioskdb_sent_through(struct ly_kioskdb *db, int64_t *seq, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    if (!ly_sqldb_prepare(&db->sql, "SELECT coalesce(max(seq), 0) FROM checkins WHERE sent = 1",
                          &st, err, errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    *seq = ok && row ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok;
}
