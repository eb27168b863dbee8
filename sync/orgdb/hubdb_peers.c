/* hubdb_peers.c - the hub's side of doors that agree without it (docs/sync-protocol.md, "Peer
 * exchange"): each kiosk's peer address and the highest of its check-ins the hub committed, which
 * go out with its key change; and the conflicts: two doors that admitted one person where the
 * re-entry policy allowed one admission, because they could reach neither the hub nor each
 * other. See hubdb_hub.h. */
#include <string.h>

#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

#define DAY_MS (24LL * 3600 * 1000)

/* Sets column col ("peer_addr" text or "acked_seq" integer) of kiosk to the value and, when it
 * changed and the kiosk has an active certified key, gives its key change a new sequence. */
static bool set_and_bump(struct ly_hubdb *db, int64_t kiosk, const char *sql_changed,
                         const char *sql_set, const char *text, int64_t num, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    int64_t seq;
    if (!ly_sqldb_prepare(&db->sql, sql_changed, &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, kiosk);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 2, num);
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    ly_sqldb_release(&db->sql, st);
    if (!ok || !row)
        return ok;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql, sql_set, &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, kiosk);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 2, num);
    sqlite3_bind_int64(st, 3, seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

#define ACTIVE_KEY "key_seq IS NOT NULL AND revoked_ms IS NULL"

bool ly_hubdb_peer_acked(struct ly_hubdb *db, int64_t kiosk, int64_t acked, char *err, size_t errsz)
{
    return set_and_bump(
        db, kiosk, "SELECT 1 FROM kiosks WHERE id = ?1 AND acked_seq < ?2 AND " ACTIVE_KEY,
        "UPDATE kiosks SET acked_seq = ?2, key_seq = ?3 WHERE id = ?1", NULL, acked, err, errsz);
}

bool ly_hubdb_peer_addr(struct ly_hubdb *db, int64_t kiosk, const char *addr, char *err,
                        size_t errsz)
{
    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    if (set_and_bump(
            db, kiosk, "SELECT 1 FROM kiosks WHERE id = ?1 AND peer_addr <> ?2 AND " ACTIVE_KEY,
            "UPDATE kiosks SET peer_addr = ?2, key_seq = ?3 WHERE id = ?1", addr, 0, err, errsz) &&
        ly_hubdb_commit(db, err, errsz))
        return true;
    ly_hubdb_rollback(db);
    return false;
}

bool ly_hubdb_conflict_check(struct ly_hubdb *db, int64_t kiosk, const struct ly_checkin *c,
                             int64_t t_ms, int64_t day, int64_t received_ms, char *err,
                             size_t errsz)
{
    sqlite3_stmt *st;
    bool row;
    if (strcmp(c->decision, "granted") != 0 || c->direction != 1 || c->attendee_id == 0 ||
        strcmp(c->reason_code, "staff_override") == 0)
        return true;
    /* Another door's grant into the same place that the stricter of the two policies forbids
     * beside this one: any time for "never", the same local day for "once_per_day". */
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT uuid, kiosk, t_ms, CASE WHEN policy = 'never' OR ?4 = 'never' "
                          "THEN 'never' ELSE 'once_per_day' END FROM checkins "
                          "WHERE attendee_id = ?1 AND place = ?2 AND decision = 'granted' AND "
                          "direction = 1 AND kiosk <> ?3 AND reason_code <> 'staff_override' AND "
                          "(?4 IN ('once_per_day', 'never') OR policy IN ('once_per_day', "
                          "'never')) AND (?4 = 'never' OR policy = 'never' OR "
                          "(t_ms >= ?5 AND t_ms < ?6)) ORDER BY t_ms LIMIT 1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_text(st, 2, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, kiosk);
    sqlite3_bind_text(st, 4, c->policy, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, day);
    sqlite3_bind_int64(st, 6, day + DAY_MS);
    char first[LY_UUID_LEN + 1], policy[LY_POLICY_MAX + 1];
    int64_t first_kiosk = 0, first_ms = 0;
    bool ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row) {
        ly_sqldb_copy_col(st, 0, first, sizeof first);
        first_kiosk = sqlite3_column_int64(st, 1);
        first_ms = sqlite3_column_int64(st, 2);
        ly_sqldb_copy_col(st, 3, policy, sizeof policy);
    }
    ly_sqldb_release(&db->sql, st);
    if (!ok || !row)
        return ok;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO conflicts (attendee_id, place, policy, first_uuid, "
                          "second_uuid, first_kiosk, second_kiosk, first_ms, second_ms, "
                          "detected_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (second_uuid) DO NOTHING",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_text(st, 2, c->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, policy, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, first_kiosk);
    sqlite3_bind_int64(st, 7, kiosk);
    sqlite3_bind_int64(st, 8, first_ms);
    sqlite3_bind_int64(st, 9, t_ms);
    sqlite3_bind_int64(st, 10, received_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_conflicts(struct ly_hubdb *db, ly_hubdb_conflict_fn fn, void *ctx, char *err,
                        size_t errsz)
{
    sqlite3_stmt *st;
    bool row, ok;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT c.id, c.attendee_id, c.place, c.policy, c.first_uuid, "
                          "c.second_uuid, coalesce(a.name, ''), coalesce(b.name, ''), "
                          "c.first_ms, c.second_ms, c.detected_ms FROM conflicts c "
                          "LEFT JOIN kiosks a ON a.id = c.first_kiosk "
                          "LEFT JOIN kiosks b ON b.id = c.second_kiosk ORDER BY c.id",
                          &st, err, errsz))
        return false;
    while ((ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz)) && row) {
        struct ly_hubdb_conflict k;
        memset(&k, 0, sizeof k);
        k.id = sqlite3_column_int64(st, 0);
        k.attendee_id = (uint32_t)sqlite3_column_int64(st, 1);
        ly_sqldb_copy_col(st, 2, k.place, sizeof k.place);
        ly_sqldb_copy_col(st, 3, k.policy, sizeof k.policy);
        ly_sqldb_copy_col(st, 4, k.first_uuid, sizeof k.first_uuid);
        ly_sqldb_copy_col(st, 5, k.second_uuid, sizeof k.second_uuid);
        ly_sqldb_copy_col(st, 6, k.first_kiosk, sizeof k.first_kiosk);
        ly_sqldb_copy_col(st, 7, k.second_kiosk, sizeof k.second_kiosk);
        k.first_ms = sqlite3_column_int64(st, 8);
        k.second_ms = sqlite3_column_int64(st, 9);
        k.detected_ms = sqlite3_column_int64(st, 10);
        if (!fn(ctx, &k))
            break;
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}
