/* hubdb_rules.c - the organizer database's gate rules (opening hours, notices), replaced as one
 * set, and the programme lookups their import checks references with. See hubdb.h. */
#include <stdio.h>
#include <string.h>

#include "orgdb/hubdb_int.h"
#include "event/records.h"
#include "event/records_sql.h"

bool ly_hubdb_find_session(struct ly_hubdb *db, const char *ext_id, int64_t *id, char *err,
                           size_t errsz)
{
    return ly_sqldb_lookup(&db->sql, "SELECT id FROM sessions WHERE ext_id = ?", ext_id, id, err,
                           errsz);
}

bool ly_hubdb_find_room(struct ly_hubdb *db, const char *name, int64_t *id, char *err, size_t errsz)
{
    return ly_sqldb_lookup(&db->sql, "SELECT id FROM rooms WHERE name = ?", name, id, err, errsz);
}

/* Binds h as ?1 (day), ?2 (opens), ?3 (closes). */
static void bind_hours(sqlite3_stmt *st, const struct ly_kiosk_hours *h)
{
    sqlite3_bind_text(st, 1, h->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->opens, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h->closes, -1, SQLITE_STATIC);
}

/* Binds n as ?1 (id), ?2 (place), ?3 (category), ?4 (text). */
static void bind_notice(sqlite3_stmt *st, const struct ly_kiosk_notice *n)
{
    sqlite3_bind_int64(st, 1, n->id);
    sqlite3_bind_text(st, 2, n->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, n->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, n->text, -1, SQLITE_STATIC);
}

static bool terminated(const char *s, size_t sz)
{
    return memchr(s, '\0', sz) != NULL;
}

/* Refuses a set the tables could hold but that is not one: a day twice, ids out of order,
 * strings without their NUL. The schema checks the rest (times, empty text). */
static bool check_set(const struct ly_kiosk_hours *hours, size_t nhours,
                      const struct ly_kiosk_notice *notices, size_t nnotices, char *err,
                      size_t errsz)
{
    if (nhours > LY_EVENT_DAYS_MAX + LY_RULE_DAYS_BEFORE)
        return ly_sqldb_fail(err, errsz, "more than %d days of opening hours",
                             LY_EVENT_DAYS_MAX + LY_RULE_DAYS_BEFORE);
    if (nnotices > LY_NOTICES_MAX)
        return ly_sqldb_fail(err, errsz, "more than %d notices", LY_NOTICES_MAX);
    for (size_t i = 0; i < nhours; i++) {
        const struct ly_kiosk_hours *h = &hours[i];
        if (!terminated(h->day, sizeof h->day) || !terminated(h->opens, sizeof h->opens) ||
            !terminated(h->closes, sizeof h->closes))
            return ly_sqldb_fail(err, errsz, "opening hours %zu: a field lacks its end", i + 1);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(hours[j].day, h->day) == 0)
                return ly_sqldb_fail(err, errsz, "opening hours for %s twice", h->day);
        }
    }
    for (size_t i = 0; i < nnotices; i++) {
        const struct ly_kiosk_notice *n = &notices[i];
        if (!terminated(n->place, sizeof n->place) ||
            !terminated(n->category, sizeof n->category) || !terminated(n->text, sizeof n->text))
            return ly_sqldb_fail(err, errsz, "notice %lld: a field lacks its end",
                                 (long long)n->id);
        if (i > 0 && n->id <= notices[i - 1].id)
            return ly_sqldb_fail(err, errsz, "notice ids must increase (%lld after %lld)",
                                 (long long)n->id, (long long)notices[i - 1].id);
    }
    return true;
}

/* Sets *found to whether sql, with the row bound by bind, finds a row. */
static bool row_exists(struct ly_hubdb *db, const char *sql, const void *row,
                       void (*bind)(sqlite3_stmt *, const void *), bool *found, char *err,
                       size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    bind(st, row);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE ||
              ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(db->sql.db));
    ly_sqldb_release(&db->sql, st);
    return ok;
}

static void bind_hours_row(sqlite3_stmt *st, const void *row)
{
    bind_hours(st, row);
}

static void bind_notice_row(sqlite3_stmt *st, const void *row)
{
    bind_notice(st, row);
}

/* Sets *same to whether the stored set is exactly the given one (hours in any order). */
static bool same_set(struct ly_hubdb *db, const struct ly_kiosk_hours *hours, size_t nhours,
                     const struct ly_kiosk_notice *notices, size_t nnotices, bool *same, char *err,
                     size_t errsz)
{
    int64_t have_hours, have_notices;
    *same = false;
    if (!ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM opening_hours", NULL, &have_hours, err,
                         errsz) ||
        !ly_sqldb_scalar(&db->sql, "SELECT count(*) FROM notices", NULL, &have_notices, err, errsz))
        return false;
    if ((size_t)have_hours != nhours || (size_t)have_notices != nnotices)
        return true;
    bool found = true;
    for (size_t i = 0; i < nhours && found; i++) {
        if (!row_exists(db,
                        "SELECT 1 FROM opening_hours WHERE day = ?1 AND opens = ?2 AND closes = ?3",
                        &hours[i], bind_hours_row, &found, err, errsz))
            return false;
    }
    for (size_t i = 0; i < nnotices && found; i++) {
        if (!row_exists(db,
                        "SELECT 1 FROM notices WHERE id = ?1 AND place = ?2 AND category = ?3 "
                        "AND text = ?4",
                        &notices[i], bind_notice_row, &found, err, errsz))
            return false;
    }
    *same = found;
    return true;
}

/* Writes the new set under one fresh change sequence, which rules_seq records. */
static bool write_set(struct ly_hubdb *db, const struct ly_kiosk_hours *hours, size_t nhours,
                      const struct ly_kiosk_notice *notices, size_t nnotices, char *err,
                      size_t errsz)
{
    sqlite3_stmt *st;
    int64_t seq;
    if (!ly_hubdb_next_seq(db, &seq, err, errsz) ||
        !ly_sqldb_exec(&db->sql, "DELETE FROM opening_hours; DELETE FROM notices", err, errsz) ||
        !ly_sqldb_prepare(&db->sql, "UPDATE meta SET value = ? WHERE key = 'rules_seq'", &st, err,
                          errsz))
        return false;
    sqlite3_bind_int64(st, 1, seq);
    if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
        return false;
    for (size_t i = 0; i < nhours; i++) {
        if (!ly_sqldb_prepare(
                &db->sql, "INSERT INTO opening_hours (day, opens, closes, seq) VALUES (?, ?, ?, ?)",
                &st, err, errsz))
            return false;
        bind_hours(st, &hours[i]);
        sqlite3_bind_int64(st, 4, seq);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            return false;
    }
    for (size_t i = 0; i < nnotices; i++) {
        if (!ly_sqldb_prepare(
                &db->sql,
                "INSERT INTO notices (id, place, category, text, seq) VALUES (?, ?, ?, ?, ?)", &st,
                err, errsz))
            return false;
        bind_notice(st, &notices[i]);
        sqlite3_bind_int64(st, 5, seq);
        if (!ly_sqldb_step_done(&db->sql, st, err, errsz))
            return false;
    }
    return true;
}

bool ly_hubdb_replace_rules(struct ly_hubdb *db, const struct ly_kiosk_hours *hours, size_t nhours,
                            const struct ly_kiosk_notice *notices, size_t nnotices, bool *changed,
                            char *err, size_t errsz)
{
    /* Inside the caller's transaction (an import) a savepoint undoes just this on failure. */
    bool outer = !sqlite3_get_autocommit(db->sql.db);
    bool same = false;
    *changed = false;
    if (!check_set(hours, nhours, notices, nnotices, err, errsz) ||
        !ly_sqldb_exec(&db->sql, outer ? "SAVEPOINT rules" : "BEGIN IMMEDIATE", err, errsz))
        return false;
    bool ok = same_set(db, hours, nhours, notices, nnotices, &same, err, errsz) &&
              (same || write_set(db, hours, nhours, notices, nnotices, err, errsz)) &&
              ly_sqldb_exec(&db->sql, outer ? "RELEASE rules" : "COMMIT", err, errsz);
    if (!ok) {
        ly_sqldb_exec(&db->sql, outer ? "ROLLBACK TO rules; RELEASE rules" : "ROLLBACK", NULL, 0);
        return false;
    }
    *changed = !same;
    return true;
}

struct rule_walk {
    ly_hubdb_hours_fn hours;
    ly_hubdb_notice_fn notice;
    void *ctx;
};

static bool hours_row(void *ctx, sqlite3_stmt *st)
{
    struct rule_walk *w = ctx;
    struct ly_kiosk_hours h;
    ly_records_hours_row(st, 0, &h);
    return w->hours(w->ctx, &h);
}

static bool notice_row(void *ctx, sqlite3_stmt *st)
{
    struct rule_walk *w = ctx;
    struct ly_kiosk_notice n;
    ly_records_notice_row(st, 0, &n);
    return w->notice(w->ctx, &n);
}

bool ly_hubdb_foreach_rule(struct ly_hubdb *db, ly_hubdb_hours_fn hours_fn,
                           ly_hubdb_notice_fn notice_fn, void *ctx, char *err, size_t errsz)
{
    struct rule_walk w = {hours_fn, notice_fn, ctx};
    sqlite3_stmt *hours, *notices;
    return ly_sqldb_prepare(&db->sql, "SELECT day, opens, closes FROM opening_hours ORDER BY day",
                            &hours, err, errsz) &&
           ly_sqldb_each(&db->sql, hours, hours_row, &w, err, errsz) &&
           ly_sqldb_prepare(&db->sql, "SELECT id, place, category, text FROM notices ORDER BY id",
                            &notices, err, errsz) &&
           ly_sqldb_each(&db->sql, notices, notice_row, &w, err, errsz);
}
