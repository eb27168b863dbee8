/* kioskdb_peer.c - the other kiosks of the event and their check-ins. See kioskdb_peer.h. */
#include "kioskdb/kioskdb_peer.h"

#include <sqlite3.h>
#include <string.h>

#include "kioskdb/kioskdb_int.h"
#include "kioskdb/kioskdb_keyproof.h"

bool ly_kioskdb_put_peer(struct ly_kioskdb *db, uint32_t key_id, const struct ly_peer_info *p,
                         char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (strlen(p->kiosk_id) != LY_UUID_LEN || strlen(p->addr) > LY_PEER_ADDR_MAX ||
        p->acked_seq < 0)
        return ly_sqldb_fail(err, errsz,
                             "a peer needs a kiosk id, an address of at most %d "
                             "bytes and a sequence of 0 or more",
                             LY_PEER_ADDR_MAX);
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO peers (key_id, kiosk_id, addr, acked_seq) "
                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key_id) DO UPDATE SET "
                          "kiosk_id = ?2, addr = ?3, acked_seq = ?4",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, key_id);
    sqlite3_bind_text(st, 2, p->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->addr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, p->acked_seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_delete_peer(struct ly_kioskdb *db, uint32_t key_id, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "DELETE FROM peers WHERE key_id = ?", &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, key_id);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_key_held(struct ly_kioskdb *db, const struct ly_key_proof *p, bool *held, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT 1 FROM public_keys WHERE key_id = ?1 AND public_key = ?2 AND "
                          "certificate IS ?3",
                          &st, err, errsz))
        return false;
    ly_kioskdb_bind_key_proof(st, p);
    bool ok = ly_sqldb_step_row(&db->sql, st, held, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* A peer joined with its certified key; ?1 is this kiosk's id, which is never a peer. */
#define PEER_SELECT                                                                                \
    "SELECT p.key_id, k.public_key, p.kiosk_id, p.addr, p.acked_seq FROM peers p "                 \
    "JOIN public_keys k ON k.key_id = p.key_id AND k.certificate IS NOT NULL "                     \
    "AND length(k.public_key) = 32 WHERE p.kiosk_id <> ?1 "

static void row_peer(sqlite3_stmt *st, struct ly_kioskdb_peer *out)
{
    memset(out, 0, sizeof *out);
    out->key_id = (uint32_t)sqlite3_column_int64(st, 0);
    memcpy(out->pk, sqlite3_column_blob(st, 1), LY_BADGE_PK_BYTES);
    ly_sqldb_copy_col(st, 2, out->info.kiosk_id, sizeof out->info.kiosk_id);
    ly_sqldb_copy_col(st, 3, out->info.addr, sizeof out->info.addr);
    out->info.acked_seq = sqlite3_column_int64(st, 4);
}

bool ly_kioskdb_peers(struct ly_kioskdb *db, struct ly_kioskdb_peer *out, size_t max, size_t *n,
                      char *err, size_t errsz)
{
    sqlite3_stmt *st;
    *n = 0;
    if (!ly_sqldb_prepare(&db->sql, PEER_SELECT "AND p.addr <> '' ORDER BY p.key_id LIMIT ?2", &st,
                          err, errsz))
        return false;
    sqlite3_bind_text(st, 1, db->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)max);
    bool row, ok;
    while ((ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz)) && row && *n < max)
        row_peer(st, &out[(*n)++]);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_peer_by_key(struct ly_kioskdb *db, uint32_t key_id, struct ly_kioskdb_peer *out,
                            bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, PEER_SELECT "AND p.key_id = ?2", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, db->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, key_id);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found)
        row_peer(st, out);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_peer_have(struct ly_kioskdb *db, const char *origin, int64_t *have, char *err,
                          size_t errsz)
{
    return ly_sqldb_scalar(&db->sql,
                           "SELECT coalesce(max(seq), 0) FROM peer_checkins WHERE origin = ?",
                           origin, have, err, errsz);
}

/* Whether the held entry at c's origin and sequence is c (its uuid and what it decided). */
static bool same_entry(struct ly_kioskdb *db, const struct ly_checkin *c, bool *same, char *err,
                       size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT uuid = ?3 AND attendee_id = ?4 AND decision = ?5 AND place = ?6 "
                          "AND direction = ?7 FROM peer_checkins WHERE origin = ?1 AND seq = ?2",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, c->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->seq);
    sqlite3_bind_text(st, 3, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c->attendee_id);
    sqlite3_bind_text(st, 5, c->decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, c->direction);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    *same = ok && row && sqlite3_column_int(st, 0) == 1;
    ly_sqldb_release(&db->sql, st);
    return ok;
}

static bool insert(struct ly_kioskdb *db, const struct ly_checkin *c, int64_t now_ms, char *err,
                   size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO peer_checkins (origin, seq, uuid, wall_time, gate, "
                          "attendee_id, decision, place, direction, policy, received_ms) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, c->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->seq);
    sqlite3_bind_text(st, 3, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c->wall_ms);
    sqlite3_bind_text(st, 5, c->gate, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, c->attendee_id);
    sqlite3_bind_text(st, 7, c->decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 9, c->direction);
    sqlite3_bind_text(st, 10, c->policy, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, now_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_peer_store(struct ly_kioskdb *db, const struct ly_checkin *c, int64_t now_ms,
                           enum ly_peer_put *res, char *err, size_t errsz)
{
    int64_t have;
    bool same = false;
    *res = LY_PEER_GAP;
    if (strlen(c->kiosk_id) != LY_UUID_LEN || strcmp(c->kiosk_id, db->kiosk_id) == 0 ||
        c->seq < 1 || c->direction < -1 || c->direction > 1)
        return ly_sqldb_fail(err, errsz,
                             "a peer check-in needs another kiosk's id, a sequence "
                             "of 1 or more and a direction of -1 to 1");
    if (!ly_kioskdb_begin(db, err, errsz))
        return false;
    bool ok = ly_kioskdb_peer_have(db, c->kiosk_id, &have, err, errsz);
    if (ok && c->seq <= have) {
        ok = same_entry(db, c, &same, err, errsz);
        *res = same ? LY_PEER_DUPLICATE : LY_PEER_MISMATCH;
    } else if (ok && c->seq == have + 1) {
        ok = insert(db, c, now_ms, err, errsz);
        *res = LY_PEER_STORED;
    }
    if (ok && ly_kioskdb_commit(db, err, errsz))
        return true;
    ly_kioskdb_rollback(db);
    return false;
}

bool ly_kioskdb_peer_count(struct ly_kioskdb *db, int64_t *n, char *err, size_t errsz)
{
    return ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM peer_checkins", NULL, n, err, errsz);
}
