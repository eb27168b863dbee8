/* kioskdb_print.c - print jobs, the kiosk's key, reprinted and walk-in badges in the kiosk
 * database. See kioskdb_print.h. */
#include "kioskdb/kioskdb_print.h"

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "kioskdb/kioskdb_int.h"

static const char *const state_names[] = {
    [LY_PJOB_QUEUED] = "queued",   [LY_PJOB_SENT] = "sent",     [LY_PJOB_HELD] = "held",
    [LY_PJOB_PRINTED] = "printed", [LY_PJOB_FAILED] = "failed", [LY_PJOB_CANCELLED] = "cancelled",
};

#define NSTATES (int)(sizeof state_names / sizeof state_names[0])

const char *ly_pjob_state_name(enum ly_pjob_state s)
{
    return (int)s >= 0 && (int)s < NSTATES ? state_names[s] : "?";
}

static enum ly_pjob_state state_parse(const char *s)
{
    for (int i = 0; i < NSTATES; i++)
        if (strcmp(state_names[i], s) == 0)
            return (enum ly_pjob_state)i;
    return LY_PJOB_FAILED;
}

#define PJOB_COLS                                                                                  \
    "id, checkin_uuid, kind, attendee_id, code, session, state, reason, attempts, created_ms, "    \
    "updated_ms"

static void row_pjob(sqlite3_stmt *st, struct ly_kiosk_pjob *out)
{
    char kind[8], state[16];
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    ly_sqldb_copy_col(st, 1, out->checkin_uuid, sizeof out->checkin_uuid);
    ly_sqldb_copy_col(st, 2, kind, sizeof kind);
    out->slip = strcmp(kind, "slip") == 0;
    out->attendee_id = (uint32_t)sqlite3_column_int64(st, 3);
    ly_sqldb_copy_col(st, 4, out->code, sizeof out->code);
    ly_sqldb_copy_col(st, 5, out->session, sizeof out->session);
    ly_sqldb_copy_col(st, 6, state, sizeof state);
    out->state = state_parse(state);
    ly_sqldb_copy_col(st, 7, out->reason, sizeof out->reason);
    out->attempts = sqlite3_column_int(st, 8);
    out->created_ms = sqlite3_column_int64(st, 9);
    out->updated_ms = sqlite3_column_int64(st, 10);
}

bool ly_kioskdb_pjob_add(struct ly_kioskdb *db, const struct ly_kiosk_pjob *job, int64_t now_ms,
                         int64_t *id, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_terminated(job->code, sizeof job->code, "code", err, errsz) ||
        !ly_sqldb_terminated(job->session, sizeof job->session, "session", err, errsz) ||
        !ly_sqldb_terminated(job->checkin_uuid, sizeof job->checkin_uuid, "uuid", err, errsz))
        return false;
    if (job->code[0] == '\0')
        return ly_sqldb_fail(err, errsz, "a print job needs the code its QR holds");
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO print_jobs (checkin_uuid, kind, attendee_id, code, session, "
                          "state, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) "
                          "RETURNING id",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, job->checkin_uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, job->slip ? "slip" : "badge", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, job->attendee_id);
    sqlite3_bind_text(st, 4, job->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, job->session, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, now_ms);
    sqlite3_bind_int64(st, 7, now_ms);
    bool row, ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row)
        *id = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    return ok && (row || ly_sqldb_fail(err, errsz, "print job not stored"));
}

bool ly_kioskdb_pjob_set(struct ly_kioskdb *db, int64_t id, enum ly_pjob_state state,
                         const char *reason, int64_t now_ms, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE print_jobs SET state = ?2, reason = ?3, updated_ms = ?4, "
                          "attempts = attempts + (?2 = 'sent') WHERE id = ?1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, ly_pjob_state_name(state), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, reason ? reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now_ms);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    return sqlite3_changes(db->sql.db) == 1 ||
           ly_sqldb_fail(err, errsz, "no print job %lld", (long long)id);
}

bool ly_kioskdb_pjobs_recover(struct ly_kioskdb *db, int64_t now_ms, int *held, char *err,
                              size_t errsz)
{
    sqlite3_stmt *st;
    *held = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE print_jobs SET state = 'held', reason = 'interrupted', "
                          "updated_ms = ? WHERE state = 'sent'",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, now_ms);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    *held = sqlite3_changes(db->sql.db);
    return true;
}

bool ly_kioskdb_pjobs_open(struct ly_kioskdb *db, struct ly_kiosk_pjob *out, size_t max, size_t *n,
                           char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT " PJOB_COLS " FROM print_jobs WHERE state <> 'printed' AND "
                          "state <> 'cancelled' ORDER BY id LIMIT ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, (int64_t)max);
    bool row, ok;
    while ((ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz)) && row && *n < max)
        row_pjob(st, &out[(*n)++]);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_pjob(struct ly_kioskdb *db, int64_t id, struct ly_kiosk_pjob *out, bool *found,
                     char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT " PJOB_COLS " FROM print_jobs WHERE id = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found)
        row_pjob(st, out);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_pjob_retry(struct ly_kioskdb *db, int64_t id, int64_t now_ms, char *err,
                           size_t errsz)
{
    struct ly_kiosk_pjob j;
    bool found = false;
    if (!ly_kioskdb_pjob(db, id, &j, &found, err, errsz))
        return false;
    if (!found)
        return ly_sqldb_fail(err, errsz, "no print job %lld", (long long)id);
    if (j.state != LY_PJOB_HELD && j.state != LY_PJOB_FAILED)
        return ly_sqldb_fail(err, errsz,
                             "print job %lld is %s: only a held or failed job is retried",
                             (long long)id, ly_pjob_state_name(j.state));
    return ly_kioskdb_pjob_set(db, id, LY_PJOB_QUEUED, "", now_ms, err, errsz);
}

bool ly_kioskdb_pjobs_count(struct ly_kioskdb *db, enum ly_pjob_state state, int64_t *n, char *err,
                            size_t errsz)
{
    return ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM print_jobs WHERE state = ?",
                           ly_pjob_state_name(state), n, err, errsz);
}

/* --- the kiosk's key ------------------------------------------------------------------------ */

bool ly_kioskdb_key(struct ly_kioskdb *db, struct ly_kiosk_key *out, bool *found, char *err,
                    size_t errsz)
{
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    if (!ly_sqldb_prepare(
            &db->sql, "SELECT key_id, secret_key, certificate, id_first, id_last FROM kiosk_key",
            &st, err, errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found) {
        out->key_id = (uint32_t)sqlite3_column_int64(st, 0);
        if (sqlite3_column_bytes(st, 1) == LY_BADGE_SK_BYTES)
            memcpy(out->sk, sqlite3_column_blob(st, 1), LY_BADGE_SK_BYTES);
        out->certified = sqlite3_column_bytes(st, 2) == LY_BADGE_CERT_BYTES;
        if (out->certified)
            memcpy(out->cert, sqlite3_column_blob(st, 2), LY_BADGE_CERT_BYTES);
        out->id_first = (uint32_t)sqlite3_column_int64(st, 3);
        out->id_last = (uint32_t)sqlite3_column_int64(st, 4);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_key_make(struct ly_kioskdb *db, struct ly_kiosk_key *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found = false;
    uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    if (!ly_kioskdb_key(db, out, &found, err, errsz))
        return false;
    if (found)
        return true;
    crypto_sign_keypair(pk, sk);
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO kiosk_key (only, key_id, secret_key) VALUES (1, ?, ?)", &st,
                          err, errsz)) {
        sodium_memzero(sk, sizeof sk);
        return false;
    }
    sqlite3_bind_int64(st, 1, ly_badge_key_id(pk));
    sqlite3_bind_blob(st, 2, sk, sizeof sk, SQLITE_STATIC); /* read by the step: zeroed after */
    bool ok = ly_sqldb_step_done(&db->sql, st, err, errsz);
    sodium_memzero(sk, sizeof sk);
    return ok && ly_kioskdb_key(db, out, &found, err, errsz);
}

bool ly_kioskdb_key_certify(struct ly_kioskdb *db, const uint8_t cert[LY_BADGE_CERT_BYTES],
                            uint32_t id_first, uint32_t id_last, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (id_first == 0 || id_last < id_first)
        return ly_sqldb_fail(err, errsz, "bad walk-in id range %u..%u", id_first, id_last);
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE kiosk_key SET certificate = ?1, id_first = ?2, id_last = ?3, "
                          "next_id = max(next_id, ?2)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_blob(st, 1, cert, LY_BADGE_CERT_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id_first);
    sqlite3_bind_int64(st, 3, id_last);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    return sqlite3_changes(db->sql.db) == 1 ||
           ly_sqldb_fail(err, errsz, "this kiosk has no key to certify");
}

bool ly_kioskdb_take_walkin_id(struct ly_kioskdb *db, uint32_t *id, char *err, size_t errsz)
{
    int64_t next = 0;
    struct ly_kiosk_key k;
    bool found = false;
    if (!ly_kioskdb_key(db, &k, &found, err, errsz))
        return false;
    if (!found || !k.certified)
        return ly_sqldb_fail(err, errsz,
                             "this kiosk has no key certified by the hub: enroll it to register "
                             "walk-ins");
    if (!ly_sqldb_scalar(&db->sql,
                         "UPDATE kiosk_key SET next_id = next_id + 1 RETURNING next_id - 1", NULL,
                         &next, err, errsz))
        return false;
    if (next < (int64_t)k.id_first || next > (int64_t)k.id_last)
        return ly_sqldb_fail(err, errsz, "this kiosk's walk-in ids are used up (%u..%u)",
                             k.id_first, k.id_last);
    *id = (uint32_t)next;
    return true;
}

bool ly_kioskdb_set_badge(struct ly_kioskdb *db, uint32_t attendee_id, uint16_t version,
                          uint32_t key_id, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "UPDATE attendees SET badge_version = ?, badge_key = ? WHERE id = ?", &st,
                          err, errsz))
        return false;
    sqlite3_bind_int(st, 1, version);
    sqlite3_bind_int64(st, 2, key_id);
    sqlite3_bind_int64(st, 3, attendee_id);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    return sqlite3_changes(db->sql.db) == 1 ||
           ly_sqldb_fail(err, errsz, "attendee %u is not in this kiosk's database", attendee_id);
}

bool ly_kioskdb_picked_up(struct ly_kioskdb *db, uint32_t attendee_id, int64_t *seq, char *err,
                          size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    *seq = 0;
    if (!ly_sqldb_prepare(&db->sql,
                          /* this kiosk's pickup, else -1 for another pickup point's, as
                           * the hub said */
                          "SELECT coalesce((SELECT max(seq) FROM checkins WHERE attendee_id = ?1 "
                          "AND decision = 'picked_up'), (SELECT -1 FROM attendees WHERE id = ?1 "
                          "AND picked_up), 0)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, attendee_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row)
        *seq = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_walkin_affiliation(struct ly_kioskdb *db, uint32_t attendee_id, char *out,
                                   size_t outsz, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    out[0] = '\0';
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT w.affiliation FROM walkins w JOIN checkins c ON c.uuid = "
                          "w.checkin_uuid WHERE c.attendee_id = ? LIMIT 1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, attendee_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row)
        ly_sqldb_copy_col(st, 0, out, outsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}
