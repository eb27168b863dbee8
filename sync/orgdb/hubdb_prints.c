/* hubdb_prints.c - printing at the kiosk in the organizer database: certifying a kiosk's signing
 * key at enrollment, and what a journal entry that printed a badge changes at the hub (a
 * reprint's new badge version, a walk-in's registration). See hubdb_hub.h. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/fail.h"
#include "event/country.h"
#include "orgdb/hubdb_hub.h"
#include "orgdb/hubdb_int.h"

bool ly_hubdb_certify_kiosk(struct ly_hubdb *db, int64_t kiosk_id,
                            const uint8_t pk[LY_BADGE_PK_BYTES], uint8_t cert[LY_BADGE_CERT_BYTES],
                            uint32_t *id_first, uint32_t *id_last, char *err, size_t errsz)
{
    struct ly_event ev;
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t event_key;
    int64_t seq;
    sqlite3_stmt *st;
    if (kiosk_id < 1 || kiosk_id > LY_WALKIN_KIOSKS_MAX)
        return ly_fail(err, errsz, "more than %d kiosks were enrolled: no walk-in ids are left",
                       LY_WALKIN_KIOSKS_MAX);
    *id_first = LY_WALKIN_FIRST(kiosk_id);
    *id_last = LY_WALKIN_LAST(kiosk_id);
    if (!ly_hubdb_event(db, &ev, err, errsz) ||
        !ly_hubdb_signing_key(db, sk, &event_key, err, errsz))
        return false;
    bool signed_ok = ly_badge_certify(sk, ev.id, pk, *id_first, *id_last, cert);
    memset(sk, 0, sizeof sk);
    if (!signed_ok)
        return ly_fail(err, errsz, "cannot certify the kiosk's key with the event's key");
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "UPDATE kiosks SET key_id = ?2, sign_pk = ?3, certificate = ?4, "
                          "id_first = ?5, key_seq = ?6 WHERE id = ?1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, kiosk_id);
    sqlite3_bind_int64(st, 2, ly_badge_key_id(pk));
    sqlite3_bind_blob(st, 3, pk, LY_BADGE_PK_BYTES, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, cert, LY_BADGE_CERT_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, *id_first);
    sqlite3_bind_int64(st, 6, seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_revoke_kiosk_key(struct ly_hubdb *db, const char *name, int64_t revoked_ms, char *err,
                               size_t errsz)
{
    int64_t seq, n = 0;
    sqlite3_stmt *st;
    /* A new change sequence only when a key goes: kiosks' cursors follow every sequence. */
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT count(*) FROM kiosks WHERE name = ? AND key_id IS NOT NULL AND "
                          "revoked_ms = ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, revoked_ms);
    bool row, ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
    if (ok && row)
        n = sqlite3_column_int64(st, 0);
    ly_sqldb_release(&db->sql, st);
    if (!ok || n == 0)
        return ok;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "UPDATE kiosks SET key_seq = ?2 WHERE name = ?1 AND key_id IS NOT NULL "
                          "AND revoked_ms = ?3",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, revoked_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* A reprint: the registration's badge becomes the entry's version and key when that wins
 * (docs/badge-format.md, "Reprints": the higher version, then the higher key id). */
static bool reprinted(struct ly_hubdb *db, const struct ly_checkin *c, char *err, size_t errsz)
{
    int64_t seq;
    sqlite3_stmt *st;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "UPDATE registrations SET badge_version = ?2, badge_key = ?3, seq = ?4, "
                          "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND "
                          "(badge_version < ?2 OR (badge_version = ?2 AND badge_key < ?3))",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_int(st, 2, c->badge_version);
    sqlite3_bind_int64(st, 3, c->badge_key);
    sqlite3_bind_int64(st, 4, seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* A walk-in: a new registration with the kiosk's id (a second copy of the entry changes
 * nothing). The organizer's own ids stay below LY_WALKIN_ID_BASE: the id sequence is put back. */
static bool registered(struct ly_hubdb *db, const struct ly_checkin *c, char *err, size_t errsz)
{
    const struct ly_walkin *w = &c->walkin;
    const struct ly_country *country = ly_country_find(w->country);
    char ext_id[64];
    int64_t seq;
    sqlite3_stmt *st;
    snprintf(ext_id, sizeof ext_id, "walkin:%s", c->uuid);
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(
            &db->sql,
            "INSERT INTO registrations (id, ext_id, name, name_latin, affiliation, country, "
            "region, stakeholder, attendance, category, language, accessibility, email, phone, "
            "source, badge_version, badge_key, seq) VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7, "
            "'onsite', ?8, ?9, '', '', '', 'walkin', ?10, ?11, ?12) ON CONFLICT (id) DO NOTHING",
            &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_text(st, 2, ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, w->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, w->affiliation, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, w->country, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, country ? country->region : "none", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, w->stakeholder, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, w->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, w->language, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, c->badge_version);
    sqlite3_bind_int64(st, 11, c->badge_key);
    sqlite3_bind_int64(st, 12, seq);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(id), 0) FROM "
                          "registrations WHERE id < ?) WHERE name = 'registrations'",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, LY_WALKIN_ID_BASE);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* A pickup: the registration's badge was printed; kiosks learn it with the next change. */
static bool picked_up(struct ly_hubdb *db, const struct ly_checkin *c, char *err, size_t errsz)
{
    int64_t seq;
    sqlite3_stmt *st;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_prepare(&db->sql,
                          "UPDATE registrations SET picked_up = 1, seq = ?2, updated_at = "
                          "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND picked_up = 0",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, c->attendee_id);
    sqlite3_bind_int64(st, 2, seq);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

bool ly_hubdb_ingest_print(struct ly_hubdb *db, const struct ly_checkin *c, char *err, size_t errsz)
{
    if (strcmp(c->decision, "picked_up") == 0)
        return picked_up(db, c, err, errsz);
    if (strcmp(c->decision, "reprinted") == 0)
        return reprinted(db, c, err, errsz);
    if (strcmp(c->decision, "registered") == 0)
        return registered(db, c, err, errsz);
    return true;
}
