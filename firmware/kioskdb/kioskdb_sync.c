/* kioskdb_sync.c - the kiosk database's side of sync: the cursor, settings kept in meta (hub,
 * token, name, gate), occupancy pulled from the hub, a downloaded snapshot merged into a live
 * kiosk, and the wipe of a revoked kiosk. See kioskdb_sync.h. */
#include "kioskdb/kioskdb_sync.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/num.h"
#include "event/records.h"
#include "kioskdb/kioskdb_count.h"
#include "kioskdb/kioskdb_int.h"
#include "kioskdb/kioskdb_secret.h"

/* Meta keys written here, besides sync_cursor. Hub occupancy is three keys per place:
 * "hub_inside:PLACE" (the count), "hub_seq:PLACE" (this kiosk's last check-in the hub
 * had committed when the count was asked for) and "hub_as_of:PLACE" (the count's freshest
 * input), and one for the event: "occupancy_grace_s" (kioskdb_count.c reads them). */
#define HUB_INSIDE "hub_inside:"
#define HUB_SEQ    "hub_seq:"
#define HUB_AS_OF  "hub_as_of:"

#define STR_(x)          #x
#define STR(x)           STR_(x)
#define SESSION_CATS_MAX (LY_LABEL_MAX * 4) /* struct ly_kiosk_session's categories */

bool ly_kioskdb_sync_cursor(struct ly_kioskdb *db, int64_t *cursor, char *err, size_t errsz)
{
    return ly_sqldb_scalar(&db->sql, "SELECT value FROM meta WHERE key = 'sync_cursor'", NULL,
                           cursor, err, errsz);
}

bool ly_kioskdb_set_sync_cursor(struct ly_kioskdb *db, int64_t cursor, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "UPDATE meta SET value = ? WHERE key = 'sync_cursor'", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, cursor);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_meta_text(struct ly_kioskdb *db, const char *key, char *out, size_t outsz,
                          bool *found, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT CAST(value AS TEXT) FROM meta WHERE key = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found && sqlite3_column_type(st, 0) == SQLITE_NULL)
        *found = false;
    if (ok && *found) {
        if ((size_t)sqlite3_column_bytes(st, 0) >= outsz)
            ok = ly_sqldb_fail(err, errsz, "the kiosk setting %s is longer than %zu bytes", key,
                               outsz - 1);
        else
            ly_sqldb_copy_col(st, 0, out, outsz);
    }
    if (outsz > 0 && (!ok || !*found))
        out[0] = '\0';
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_set_meta_text(struct ly_kioskdb *db, const char *key, const char *value, char *err,
                              size_t errsz)
{
    sqlite3_stmt *st;
    if (!value) {
        if (!ly_sqldb_prepare(&db->sql, "DELETE FROM meta WHERE key = ?", &st, err, errsz))
            return false;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        return ly_sqldb_step_done(&db->sql, st, err, errsz);
    }
    if (strlen(value) > LY_KIOSKDB_META_MAX)
        return ly_sqldb_fail(err, errsz, "the kiosk setting %s is longer than %d bytes", key,
                             LY_KIOSKDB_META_MAX);
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                          "ON CONFLICT (key) DO UPDATE SET value = ?2",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_set_hub_occupancy(struct ly_kioskdb *db, const struct ly_hub_occupancy *o,
                                  int64_t counted_through, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (strlen(o->place) > LY_GATE_MAX || o->place[0] == '\0')
        return ly_sqldb_fail(err, errsz, "an occupancy place must be 1 to %d bytes", LY_GATE_MAX);
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO meta (key, value) VALUES ('" HUB_INSIDE "' || ?1, ?2), "
                          "('" HUB_SEQ "' || ?1, ?3), ('" HUB_AS_OF "' || ?1, ?4) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, o->place, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, o->inside);
    sqlite3_bind_int64(st, 3, counted_through);
    sqlite3_bind_int64(st, 4, o->as_of);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    if (o->grace_s < 0)
        return true;
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO meta (key, value) VALUES ('occupancy_grace_s', ?1) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, o->grace_s);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_kioskdb_capacity_count(struct ly_kioskdb *db, const char *place, int64_t *n, char *err,
                               size_t errsz)
{
    /* At a door the capacity rule runs only while its session's doors are open, before its
     * end: no count ends by the clock here. */
    struct ly_kiosk_count c;
    bool ok = ly_kioskdb_count(db, place, 0, 0, &c, err, errsz);
    *n = c.inside;
    return ok;
}

bool ly_kioskdb_wipe(struct ly_kioskdb *db, char *err, size_t errsz)
{
    /* secure_delete overwrites the freed pages, and the truncating checkpoint empties the
     * write-ahead log, so that the names are not left in the file's free space. */
    bool ok =
        ly_sqldb_exec(&db->sql, "PRAGMA secure_delete = ON", err, errsz) &&
        ly_kioskdb_begin(db, err, errsz) &&
        ly_sqldb_exec(&db->sql,
                      "DELETE FROM alt_codes; DELETE FROM code_hashes; "
                      "DELETE FROM attendees; "
                      "DELETE FROM public_keys; DELETE FROM sessions; DELETE FROM rooms; "
                      "DELETE FROM opening_hours; DELETE FROM notices; "
                      "DELETE FROM peers; DELETE FROM peer_checkins; "
                      "DELETE FROM meta WHERE key LIKE '" HUB_INSIDE "%' "
                      "  OR key LIKE '" HUB_SEQ "%' OR key IN ('hub_token', 'hub_token_sealed'); "
                      "UPDATE meta SET value = 0 WHERE key = 'sync_cursor'",
                      err, errsz) &&
        ly_kioskdb_commit(db, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(db);
    if (!db->kiosk)
        ly_sqldb_exec(&db->sql, "PRAGMA secure_delete = OFF", NULL, 0);
    if (ok)
        sqlite3_wal_checkpoint_v2(db->sql.db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return ok;
}

/* ---- Merging a snapshot. */

/* The synced tables, parents before children; deletion runs in reverse. The attendees' search
 * words come with them (a snapshot's attendees were keyed when it was written): deleting the
 * attendees takes the words along, and without the copy staff search would find nobody. */
static const char *const synced_tables[] = {
    "event",       "public_keys",  "rooms",         "sessions", "attendees", "alt_codes",
    "code_hashes", "search_words", "opening_hours", "notices",  "peers",
};

#define N_SYNCED (sizeof synced_tables / sizeof synced_tables[0])

/* Rows of a downloaded snapshot that break a limit of ly_limits.h (the kiosk's structures
 * would cut them): each query counts offending rows. */
static const struct {
    const char *what, *sql;
} snapshot_limits[] =
    {
        {"event", "SELECT count(*) FROM snap.event WHERE length(name) > " STR(
                      LY_EVENT_NAME_MAX) " OR length(starts) <> 10 OR length(ends) <> 10 OR "
                                         "length(timezone) > 63"},
        {"one event", "SELECT count(*) > 1 FROM snap.event"},
        /* the event's keys (no certificate) and one certified key per enrolled kiosk */
        {"public keys",
         "SELECT (SELECT count(*) FROM snap.public_keys WHERE certificate IS "
         "NULL) > " STR(LY_EVENT_KEYS_MAX) " OR (SELECT count(*) FROM "
                                           "snap.public_keys WHERE certificate IS NOT NULL) > " STR(
                                               LY_KIOSK_KEYS_MAX)},
        {"attendees", "SELECT count(*) FROM snap.attendees WHERE length(name) > " STR(LY_NAME_MAX) " OR length(name_latin) > " STR(LY_NAME_MAX) " OR length(category) > " STR(LY_LABEL_MAX) " OR length(region) > " STR(
                          LY_LABEL_MAX) " OR "
                                        "length("
                                        "stakeholder) "
                                        "> " STR(LY_LABEL_MAX) " OR length(attendance) > " STR(LY_LABEL_MAX) " OR length(language) > " STR(
                                            LY_LABEL_MAX) " OR length(sealed) > " STR(LY_SEALED_TEXT_MAX)},
        {"ticket codes",
         "SELECT count(*) FROM snap.alt_codes WHERE length(code) NOT BETWEEN 1 AND " STR(
             LY_ALT_CODE_MAX)},
        {"rooms", "SELECT count(*) FROM snap.rooms WHERE length(name) > " STR(
                      LY_ROOM_NAME_MAX) " OR length(location) > " STR(LY_ROOM_LOCATION_MAX)},
        {"session links",
         "SELECT count(*) FROM snap.sessions WHERE length(online_url) > " STR(LY_URL_MAX)},
        {"sessions", "SELECT count(*) FROM snap.sessions WHERE length(ext_id) > " STR(LY_EXT_ID_MAX) " OR length(title) > " STR(
                         LY_TITLE_MAX) " OR length(type) > " STR(LY_LABEL_MAX) " OR length(starts) "
                                                                               "<> 16 OR "
                                                                               "length(ends) <> 16 "
                                                                               "OR "
                                                                               "length(categories) "
                                                                               ">= " STR(
                                                                                   SESSION_CATS_MAX)},
        {"notices", "SELECT count(*) > " STR(LY_NOTICES_MAX) " FROM snap.notices"},
        {"notices",
         "SELECT count(*) FROM snap.notices WHERE length(place) > " STR(
             LY_GATE_MAX) " OR length(category) > " STR(LY_LABEL_MAX) " OR length(text) "
                                                                      "> " STR(LY_NOTICE_MAX)},
};

/* Runs a dynamic one-number query (not through the statement cache, which is keyed by the
 * address of literal SQL). */
static bool query_int(struct ly_kioskdb *db, const char *sql, int64_t *out, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql.db, sql, -1, &st, NULL) != SQLITE_OK)
        return ly_sqldb_fail(err, errsz, "snapshot: %s", sqlite3_errmsg(db->sql.db));
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW)
        ly_sqldb_fail(err, errsz, "snapshot: %s", sqlite3_errmsg(db->sql.db));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

/* Copies table from snap into main: the columns both have (a snapshot of an older or newer
 * schema may lack or add some; a missing NOT NULL column fails the insert). */
static bool copy_table(struct ly_kioskdb *db, const char *table, char *err, size_t errsz)
{
    char sql[1200], cols[512] = "";
    size_t used = 0;
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql,
             "SELECT m.name FROM pragma_table_info('%.20s', 'main') m "
             "JOIN pragma_table_info('%.20s', 'snap') s ON s.name = m.name ORDER BY m.cid",
             table, table);
    if (sqlite3_prepare_v2(db->sql.db, sql, -1, &st, NULL) != SQLITE_OK)
        return ly_sqldb_fail(err, errsz, "snapshot: %s", sqlite3_errmsg(db->sql.db));
    /* Every column or none: a list cut short by an error (out of memory) would copy the rows
     * with the other columns at their defaults (a revoked badge no longer revoked). */
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        int n = name ? snprintf(cols + used, sizeof cols - used, "%s\"%s\"", used ? ", " : "", name)
                     : -1;
        if (n < 0 || (size_t)n >= sizeof cols - used) {
            sqlite3_finalize(st);
            return name ? ly_sqldb_fail(err, errsz, "snapshot: too many columns in %s", table)
                        : ly_sqldb_fail(err, errsz, "snapshot: out of memory");
        }
        used += (size_t)n;
    }
    if (rc != SQLITE_DONE) {
        ly_sqldb_fail(err, errsz, "snapshot: %s", sqlite3_errmsg(db->sql.db));
        sqlite3_finalize(st);
        return false;
    }
    sqlite3_finalize(st);
    if (used == 0)
        return ly_sqldb_fail(err, errsz, "snapshot: no table %s", table);
    snprintf(sql, sizeof sql, "INSERT INTO main.%.20s (%s) SELECT %s FROM snap.%.20s", table, cols,
             cols, table);
    return ly_sqldb_exec(&db->sql, sql, err, errsz);
}

bool ly_kioskdb_roots(struct ly_kioskdb *db, struct ly_kioskdb_roots *out, char *err, size_t errsz)
{
    char text[LY_KIOSKDB_META_MAX + 1], id[24];
    bool found = false, has_event = false;
    int64_t event_id = 0;
    memset(out, 0, sizeof *out);
    if (!ly_kioskdb_meta_text(db, "root_keys", text, sizeof text, &found, err, errsz) ||
        !ly_kioskdb_meta_text(db, "event_id", id, sizeof id, &has_event, err, errsz))
        return false;
    if (!found || !has_event)
        return true;
    if (!ly_num_int(id, 1, UINT32_MAX, &event_id))
        return ly_sqldb_fail(err, errsz, "the stored event id is damaged");
    /* 64 hexadecimal digits a key, ',' between keys; the key id follows from the key */
    for (const char *p = text; *p;) {
        struct ly_badge_key *k = &out->keys[out->n];
        size_t n = 0;
        const char *end = NULL;
        if (out->n == LY_EVENT_KEYS_MAX ||
            sodium_hex2bin(k->pk, sizeof k->pk, p, strlen(p), NULL, &n, &end) != 0 ||
            n != LY_BADGE_PK_BYTES || (*end != '\0' && *end != ','))
            return ly_sqldb_fail(err, errsz, "the stored root keys are damaged");
        k->key_id = ly_badge_key_id(k->pk);
        out->n++;
        p = *end ? end + 1 : end;
    }
    out->event_id = (uint32_t)event_id;
    return true;
}

bool ly_kioskdb_set_roots(struct ly_kioskdb *db, const struct ly_badge_key *keys, size_t n,
                          char *err, size_t errsz)
{
    char text[LY_EVENT_KEYS_MAX * (2 * LY_BADGE_PK_BYTES + 1) + 1];
    size_t used = 0;
    if (n == 0 || n > LY_EVENT_KEYS_MAX)
        return ly_sqldb_fail(err, errsz, "1 to %d root keys", LY_EVENT_KEYS_MAX);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            text[used++] = ',';
        sodium_bin2hex(text + used, sizeof text - used, keys[i].pk, LY_BADGE_PK_BYTES);
        used += 2 * LY_BADGE_PK_BYTES;
    }
    return ly_kioskdb_set_meta_text(db, "root_keys", text, err, errsz);
}

bool ly_kioskdb_keys_vouched(struct ly_kioskdb *db, const struct ly_kioskdb_roots *roots, char *err,
                             size_t errsz)
{
    sqlite3_stmt *st;
    bool ok = true;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT key_id, public_key, certificate, id_first, id_last FROM "
                          "main.public_keys ORDER BY key_id",
                          &st, err, errsz))
        return false;
    int rc;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct ly_key_proof p;
        memset(&p, 0, sizeof p);
        p.key.key_id = (uint32_t)sqlite3_column_int64(st, 0);
        p.certified = sqlite3_column_bytes(st, 2) == LY_BADGE_CERT_BYTES;
        if (sqlite3_column_bytes(st, 1) == LY_BADGE_PK_BYTES)
            memcpy(p.key.pk, sqlite3_column_blob(st, 1), LY_BADGE_PK_BYTES);
        if (p.certified)
            memcpy(p.certificate, sqlite3_column_blob(st, 2), LY_BADGE_CERT_BYTES);
        p.id_first = (uint32_t)sqlite3_column_int64(st, 3);
        p.id_last = (uint32_t)sqlite3_column_int64(st, 4);
        if (!ly_badge_key_vouched(roots->keys, roots->n, roots->event_id, &p))
            ok = ly_sqldb_fail(err, errsz,
                               "key %u is not vouched for by the event's root keys%s: refused",
                               (unsigned)p.key.key_id,
                               roots->n ? "" : " (this kiosk holds none: enroll it again)");
    }
    if (ok && rc != SQLITE_DONE)
        ok = ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* Replaces the synced tables with the attached snapshot's, inside the open transaction. */
static bool merge_tables(struct ly_kioskdb *db, int64_t *cursor, char *err, size_t errsz)
{
    char sql[128];
    int64_t bad;
    for (size_t i = 0; i < sizeof snapshot_limits / sizeof snapshot_limits[0]; i++) {
        if (!query_int(db, snapshot_limits[i].sql, &bad, err, errsz))
            return false;
        if (bad)
            return ly_sqldb_fail(err, errsz, "the snapshot's %s break a limit: refused",
                                 snapshot_limits[i].what);
    }
    if (!query_int(db, "SELECT value FROM snap.meta WHERE key = 'sync_cursor'", cursor, err, errsz))
        return false;
    if (*cursor < 0)
        return ly_sqldb_fail(err, errsz, "the snapshot's cursor is negative");
    for (size_t i = N_SYNCED; i-- > 0;) {
        snprintf(sql, sizeof sql, "DELETE FROM main.%s", synced_tables[i]);
        if (!ly_sqldb_exec(&db->sql, sql, err, errsz))
            return false;
    }
    for (size_t i = 0; i < N_SYNCED; i++) {
        if (!copy_table(db, synced_tables[i], err, errsz))
            return false;
    }
    /* Occupancy the hub sent before belongs to the old data. */
    return ly_sqldb_exec(&db->sql,
                         "DELETE FROM meta WHERE key LIKE '" HUB_INSIDE "%' OR key LIKE '" HUB_SEQ
                         "%'",
                         err, errsz) &&
           ly_kioskdb_set_sync_cursor(db, *cursor, err, errsz);
}

bool ly_kioskdb_merge_snapshot(struct ly_kioskdb *db, const char *path,
                               const struct ly_kioskdb_roots *roots, int64_t *cursor, char *err,
                               size_t errsz)
{
    struct ly_kioskdb *snap = NULL;
    sqlite3_stmt *st;
    char msg[512];
    *cursor = 0;
    /* The file came from the network: opening it checks it (quick_check), refuses a newer
     * schema and brings an older one up to date, in the file itself. */
    if (!ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &snap, msg, sizeof msg))
        return ly_sqldb_fail(err, errsz, "the snapshot is not usable: %s", msg);
    ly_kioskdb_close(snap);

    if (!ly_sqldb_prepare(&db->sql, "ATTACH ? AS snap", &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    /* The snapshot's ticket codes come in clear: a kiosk hashes them in the same transaction. */
    bool ok = ly_kioskdb_begin(db, err, errsz) && merge_tables(db, cursor, err, errsz) &&
              (!db->kiosk || ly_kioskdb_seal_clear(db, true, err, errsz)) &&
              (roots == NULL || ly_kioskdb_keys_vouched(db, roots, err, errsz)) &&
              ly_kioskdb_commit(db, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(db);
    ly_sqldb_exec(&db->sql, "DETACH snap", NULL, 0);
    return ok;
}
