/* kioskdb_staff.c - the kiosk database for staff mode: the name search, this kiosk's counts, the
 * PIN lockout. See kioskdb_staff.h.
 *
 * The search: attendees.search_key holds fold(name) + " " + fold(name_latin) and search_words
 * one row per distinct word of it, keyed (word, attendee_id). A query word is a prefix, so the
 * attendees having a word that starts with it are an index range [word, word + 0xFF). The
 * search counts each query word's range (up to SEARCH_CANDIDATES_MAX) and starts from the
 * rarest: those attendees, narrowed in SQL by the next rarest word, are sorted by name and
 * checked against every query word until max of them matched. When even the rarest word is
 * that common (a single letter), matches are dense, and walking the attendees in name order
 * (index attendees_name, which carries the key) finds the first max of them sooner. Either way
 * only the matches' rows are read. */
#include "kioskdb/kioskdb_staff.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/fold.h"
#include "kioskdb/kioskdb_int.h"
#include "kioskdb/kioskdb_records.h"

/* Above this many attendees with a word starting with the rarest query word, the search walks
 * the name index instead. Starting from the words costs about 1.2 us per candidate, the walk
 * about 0.25 us per attendee passed: on 100,000 attendees both stay near 12 ms at this limit
 * (tests/bench/bench_search.c). */
#define SEARCH_CANDIDATES_MAX 10000

/* Whether every one of the nwords query words starts a word of key. */
static bool key_matches(const char *key, char *const *words, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++) {
        size_t len = strlen(words[i]);
        bool hit = false;
        for (const char *k = key; *k && !hit;) {
            hit = strncmp(k, words[i], len) == 0;
            k += strcspn(k, " ");
            k += strspn(k, " ");
        }
        if (!hit)
            return false;
    }
    return true;
}

/* Binds a prefix's range [word, word + 0xFF) at parameters first and first + 1: every UTF-8
 * string starting with word sorts inside it, byte by byte (BINARY collation). */
static void bind_prefix(sqlite3_stmt *st, int first, const char *word, char *upper, size_t uppersz)
{
    snprintf(upper, uppersz, "%s\xff", word);
    sqlite3_bind_text(st, first, word, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, first + 1, upper, -1, SQLITE_STATIC);
}

/* The number of attendees with a word starting with word, up to SEARCH_CANDIDATES_MAX + 1. */
static bool count_prefix(struct ly_kioskdb *db, const char *word, int64_t *count, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    char upper[LY_SEARCH_QUERY_MAX + 2];
    bool found;
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT count(*) FROM (SELECT 1 FROM search_words "
                          "WHERE word >= ?1 AND word < ?2 LIMIT ?3)",
                          &st, err, errsz))
        return false;
    bind_prefix(st, 1, word, upper, sizeof upper);
    sqlite3_bind_int(st, 3, SEARCH_CANDIDATES_MAX + 1);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    *count = ok && found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(&db->sql, st);
    return ok;
}

/* Splits the folded query q in place into words; false when there are too many. */
static bool split_words(char *q, char **words, size_t *nwords)
{
    *nwords = 0;
    for (char *w = q; *w;) {
        if (*nwords == LY_SEARCH_WORDS_MAX)
            return false;
        words[(*nwords)++] = w;
        w += strcspn(w, " ");
        if (*w)
            *w++ = '\0';
    }
    return true;
}

/* The candidates, in name order (then key and id: the order of the attendees_name index), as
 * id and key (full rows are read for the matches alone): the attendees with a word starting
 * with the rarest query word (?1, ?2) and, checked through search_words_attendee, with one
 * starting with the next rarest (?3, ?4); or every attendee. */
static const char search_one_word[] =
    "SELECT id, search_key FROM attendees WHERE id IN (SELECT attendee_id FROM search_words "
    "WHERE word >= ?1 AND word < ?2) ORDER BY name, search_key, id";
static const char search_two_words[] =
    "SELECT id, search_key FROM attendees WHERE id IN (SELECT w.attendee_id FROM search_words w "
    "WHERE w.word >= ?1 AND w.word < ?2 AND EXISTS (SELECT 1 FROM search_words v "
    "WHERE v.attendee_id = w.attendee_id AND v.word >= ?3 AND v.word < ?4)) "
    "ORDER BY name, search_key, id";
static const char search_by_name[] =
    "SELECT id, search_key FROM attendees ORDER BY name, search_key, id";

bool ly_kioskdb_search(struct ly_kioskdb *db, const char *query, struct ly_kiosk_attendee *out,
                       size_t max, size_t *n, char *err, size_t errsz)
{
    char q[LY_SEARCH_QUERY_MAX + 1], upper[2][LY_SEARCH_QUERY_MAX + 2];
    char *words[LY_SEARCH_WORDS_MAX];
    int64_t counts[LY_SEARCH_WORDS_MAX];
    size_t nwords = 0, rarest = 0, next = 0;
    sqlite3_stmt *st;
    *n = 0;
    if (strlen(query) > LY_SEARCH_QUERY_MAX)
        return ly_sqldb_fail(err, errsz, "a search is at most %d bytes", LY_SEARCH_QUERY_MAX);
    if (max > LY_SEARCH_RESULTS_MAX)
        max = LY_SEARCH_RESULTS_MAX;
    ly_fold(query, q, sizeof q);
    if (!split_words(q, words, &nwords))
        return ly_sqldb_fail(err, errsz, "a search is at most %d words", LY_SEARCH_WORDS_MAX);
    if (nwords == 0 || max == 0)
        return true;
    for (size_t i = 0; i < nwords; i++) {
        if (!count_prefix(db, words[i], &counts[i], err, errsz))
            return false;
        if (counts[i] < counts[rarest])
            rarest = i;
    }
    next = rarest;
    for (size_t i = 0; i < nwords; i++) {
        if (i != rarest && (next == rarest || counts[i] < counts[next]))
            next = i;
    }
    if (counts[rarest] == 0)
        return true;
    const char *sql = counts[rarest] > SEARCH_CANDIDATES_MAX ? search_by_name
                      : next == rarest                       ? search_one_word
                                                             : search_two_words;
    if (!ly_sqldb_prepare(&db->sql, sql, &st, err, errsz))
        return false;
    if (sql != search_by_name)
        bind_prefix(st, 1, words[rarest], upper[0], sizeof upper[0]);
    if (sql == search_two_words)
        bind_prefix(st, 3, words[next], upper[1], sizeof upper[1]);
    uint32_t ids[LY_SEARCH_RESULTS_MAX];
    size_t nids = 0;
    bool ok = true;
    while (nids < max) {
        bool row;
        ok = ly_sqldb_step_row(&db->sql, st, &row, err, errsz);
        if (!ok || !row)
            break;
        const char *key = (const char *)sqlite3_column_text(st, 1);
        if (key && key_matches(key, words, nwords))
            ids[nids++] = (uint32_t)sqlite3_column_int64(st, 0);
    }
    ly_sqldb_release(&db->sql, st);
    for (size_t i = 0; ok && i < nids; i++) {
        bool found;
        ok = ly_kioskdb_attendee(db, ids[i], &out[*n], &found, err, errsz);
        if (ok && found)
            (*n)++;
    }
    if (!ok)
        *n = 0;
    return ok;
}

bool ly_kioskdb_stats(struct ly_kioskdb *db, int64_t since_wall_ms, struct ly_kiosk_stats *out,
                      char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    memset(out, 0, sizeof *out);
    /* The counts through checkins_time; the latest decision is the highest sequence number,
     * whatever the clock said. */
    if (!ly_sqldb_prepare(&db->sql,
                          "SELECT count(*) FILTER (WHERE decision = 'granted'), "
                          "count(*) FILTER (WHERE decision = 'already_inside'), "
                          "count(*) FILTER (WHERE decision = 'denied'), "
                          "count(*) FILTER (WHERE code_kind = 'manual'), "
                          "count(*) FILTER (WHERE direction = 1), "
                          "count(*) FILTER (WHERE direction = -1), "
                          "(SELECT count(*) FROM checkins WHERE sent = 0), "
                          "(SELECT wall_time FROM checkins ORDER BY seq DESC LIMIT 1), "
                          "count(*) FILTER (WHERE decision IN ('picked_up', 'reprinted', "
                          "'registered')), "
                          "count(DISTINCT attendee_id) FILTER (WHERE decision IN ('granted', "
                          "'already_inside', 'picked_up', 'registered')) "
                          "FROM checkins WHERE wall_time >= ?",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, since_wall_ms);
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found) {
        out->granted = sqlite3_column_int64(st, 0);
        out->already_inside = sqlite3_column_int64(st, 1);
        out->denied = sqlite3_column_int64(st, 2);
        out->manual = sqlite3_column_int64(st, 3);
        out->entries = sqlite3_column_int64(st, 4);
        out->exits = sqlite3_column_int64(st, 5);
        out->unsent = sqlite3_column_int64(st, 6);
        out->last_wall_ms = sqlite3_column_int64(st, 7);
        out->badges = sqlite3_column_int64(st, 8);
        out->arrivals = sqlite3_column_int64(st, 9);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_pin_lock(struct ly_kioskdb *db, struct ly_kiosk_pin_lock *out, char *err,
                         size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    memset(out, 0, sizeof *out);
    if (!ly_sqldb_prepare(&db->sql, "SELECT failures, locked_until FROM staff_pin", &st, err,
                          errsz))
        return false;
    bool ok = ly_sqldb_step_row(&db->sql, st, &found, err, errsz);
    if (ok && found) {
        out->failures = sqlite3_column_int64(st, 0);
        out->locked_until_ms = sqlite3_column_int64(st, 1);
    }
    ly_sqldb_release(&db->sql, st);
    return ok;
}

bool ly_kioskdb_put_pin_lock(struct ly_kioskdb *db, const struct ly_kiosk_pin_lock *in, char *err,
                             size_t errsz)
{
    sqlite3_stmt *st;
    if (in->failures < 0)
        return ly_sqldb_fail(err, errsz, "a negative count of wrong PINs");
    if (!ly_sqldb_prepare(&db->sql,
                          "INSERT INTO staff_pin (only, failures, locked_until) VALUES (1, ?1, ?2) "
                          "ON CONFLICT (only) DO UPDATE SET failures = ?1, locked_until = ?2",
                          &st, err, errsz))
        return false;
    sqlite3_bind_int64(st, 1, in->failures);
    sqlite3_bind_int64(st, 2, in->locked_until_ms);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}
