/* test_kioskdb_staff.c - the kiosk database for staff mode, on real SQLite files: the name
 * search against a brute-force reading of every attendee (demo forums of 400 and 12,000
 * multilingual names, so that both of its strategies run), names that must be found however they
 * are typed, keys that follow a renamed attendee, the migration of a version 2 file (made by the
 * previous code: tests/data/kioskdb/v2.sql) that keys its attendees once, and this kiosk's
 * counts. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "common/fold.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_staff.h"
#include "tools/demo_kiosk.h"
#include "rawsql.h"

static char dir[] = "/tmp/lanyard-kstaff-XXXXXX";
static char path[256];
static int file_no;
static char err[512];

static struct ly_kioskdb *fresh(void)
{
    struct ly_kioskdb *db = NULL;
    snprintf(path, sizeof path, "%s/k%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (!db)
        fprintf(stderr, "open: %s\n", err);
    return db;
}

static bool put(struct ly_kioskdb *db, uint32_t id, const char *name, const char *latin)
{
    struct ly_kiosk_attendee a = {.id = id, .badge_version = 1};
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.name_latin, sizeof a.name_latin, "%s", latin);
    snprintf(a.category, sizeof a.category, "participant");
    snprintf(a.country, sizeof a.country, "KE");
    return ly_kioskdb_put_attendee(db, &a, err, sizeof err);
}

/* ---- The brute force: every attendee, keyed and matched here, sorted as the search promises. */

struct entry {
    uint32_t id;
    char name[LY_NAME_MAX + 1];
    char key[2 * LY_NAME_MAX + 2];
};

static struct entry *everyone;
static size_t neveryone;

static int by_name(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c == 0)
        c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void load_everyone(struct ly_kioskdb *db, uint32_t last_id)
{
    free(everyone);
    everyone = calloc(last_id, sizeof *everyone);
    neveryone = 0;
    for (uint32_t id = 1; everyone && id <= last_id; id++) {
        struct ly_kiosk_attendee a;
        bool found = false;
        CHECK(ly_kioskdb_attendee(db, id, &a, &found, err, sizeof err));
        if (!found)
            continue;
        struct entry *e = &everyone[neveryone++];
        char latin[LY_NAME_MAX + 1];
        e->id = id;
        snprintf(e->name, sizeof e->name, "%s", a.name);
        size_t n = ly_fold(a.name, e->key, sizeof e->key);
        ly_fold(a.name_latin, latin, sizeof latin);
        snprintf(e->key + n, sizeof e->key - n, " %s", latin);
    }
    qsort(everyone, neveryone, sizeof *everyone, by_name);
}

/* Whether every word of the folded query starts a word of key. */
static bool matches(const char *key, const char *query)
{
    char q[512], k[sizeof everyone->key + 2], needle[520];
    ly_fold(query, q, sizeof q);
    snprintf(k, sizeof k, " %s", key);
    for (const char *w = q; *w;) {
        size_t len = strcspn(w, " ");
        snprintf(needle, sizeof needle, " %.*s", (int)len, w);
        if (!strstr(k, needle))
            return false;
        w += len;
        w += strspn(w, " ");
    }
    return true;
}

/* Searches query and compares with the brute force; returns the number of results. */
static size_t same_as_brute_force(struct ly_kioskdb *db, const char *query, size_t max)
{
    static struct ly_kiosk_attendee got[LY_SEARCH_RESULTS_MAX];
    size_t n = 999, want = 0, bad = 0;
    CHECK(ly_kioskdb_search(db, query, got, max, &n, err, sizeof err));
    for (size_t i = 0; i < neveryone && want < max; i++) {
        if (!matches(everyone[i].key, query))
            continue;
        if (want >= n || got[want].id != everyone[i].id)
            bad++;
        want++;
    }
    if (bad || n != want)
        fprintf(stderr, "search \"%s\": %zu results, %zu expected, %zu differ\n", query, n, want,
                bad);
    CHECK_INT(n, want);
    CHECK_INT(bad, 0);
    return n;
}

static void search_matches_brute_force(void)
{
    struct ly_kioskdb *db = fresh();
    static const char *const queries[] = {
        "a",   "m",    "mo",     "jo",  "james w", "al",      "wang", "li",    "李",  "иван",
        "kim", "ma s", "nguyen", "e",   "abdel",   "محمد",    "sara", "ю",     "o k", "de la",
        "x",   "zzzz", "a a",    "j j", "pat",     "ahmed e", "s",    "maria", "t",   "ch",
    };
    size_t nonempty = 0;
    CHECK(dk_fill(db, 400, 7, err, sizeof err));
    load_everyone(db, 400);
    CHECK_INT(neveryone, 400);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        nonempty += same_as_brute_force(db, queries[i], 50) > 0;
    }
    fprintf(stderr, "%zu of %zu searches found someone\n", nonempty,
            sizeof queries / sizeof queries[0]);
    CHECK(nonempty >= 20); /* the queries do find people */
    CHECK(same_as_brute_force(db, "a", 5) == 5);
    CHECK(same_as_brute_force(db, "a", 1000) > 50); /* capped at LY_SEARCH_RESULTS_MAX */
    ly_kioskdb_close(db);
}

/* Over 10,000 attendees with a word starting with "a": more than the search's candidate limit,
 * so it walks the name index instead; the answers must not change. */
static void search_walks_name_order_for_common_prefixes(void)
{
    static const char *const given[] = {"Amina", "Ahmed", "Ana", "Arjun", "Aiko", "Alexei", "Ama"};
    static const char *const family[] = {"Mensah", "Okafor", "Silva",       "Tanaka", "Ivanova",
                                         "Haddad", "Kim",    "Müller",      "Nguyễn", "García",
                                         "Otieno", "Dubois", "Papadopoulos"};
    struct ly_kioskdb *db = fresh();
    char name[64];
    CHECK(dk_fill(db, 400, 11, err, sizeof err));
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    for (uint32_t i = 0; i < 10500; i++) {
        snprintf(name, sizeof name, "%s %s", given[i % 7], family[i % 13]);
        CHECK(put(db, 1001 + i, name, ""));
    }
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    load_everyone(db, 1000 + 10500);
    CHECK(raw_int(path, "SELECT count(*) FROM search_words WHERE word >= 'a' AND word < 'b'") >
          10000);
    CHECK_INT(same_as_brute_force(db, "a", 20), 20);
    CHECK_INT(same_as_brute_force(db, "a m", 20), 20);
    CHECK_INT(same_as_brute_force(db, "a a", 200), 200);
    CHECK_INT(same_as_brute_force(db, "a nguyen", 30), 30);
    CHECK_INT(same_as_brute_force(db, "am", 50), 50);
    CHECK(same_as_brute_force(db, "a z", 20) > 0);
    ly_kioskdb_close(db);
}

static bool finds(struct ly_kioskdb *db, const char *query, uint32_t id)
{
    struct ly_kiosk_attendee got[20];
    size_t n = 0;
    if (!ly_kioskdb_search(db, query, got, 20, &n, err, sizeof err))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (got[i].id == id)
            return true;
    }
    fprintf(stderr, "search \"%s\" did not find %u (%zu results)\n", query, id, n);
    return false;
}

static void search_finds_names_however_typed(void)
{
    struct ly_kioskdb *db = fresh();
    struct ly_kiosk_attendee got[4];
    size_t n = 9;
    CHECK(dk_fill(db, 300, 3, err, sizeof err));
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(put(db, 1001, "José García", ""));
    CHECK(put(db, 1002, "Hans Müller", ""));
    CHECK(put(db, 1003, "Иван Петров", "Ivan Petrov"));
    CHECK(put(db, 1004, "مُحَمَّد حمدان", "Mohamed Hamdan"));
    CHECK(put(db, 1005, "李娜", "Li Na"));
    CHECK(put(db, 1006, "Nguyễn Thị Minh Khai", ""));
    CHECK(put(db, 1007, "Łukasz Żółkiewski", ""));
    CHECK(put(db, 1008, "Işıl Gürsoy", ""));
    CHECK(put(db, 1009, "Γιώργος Παπαδόπουλος", "Georgios Papadopoulos"));
    CHECK(put(db, 1010, "Jean-Pierre O'Neil", ""));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    CHECK(finds(db, "jose gar", 1001));
    CHECK(finds(db, "GARCÍA", 1001));
    CHECK(finds(db, "müller", 1002));
    CHECK(finds(db, "muller", 1002));
    CHECK(finds(db, "ivan", 1003));
    CHECK(finds(db, "Петров", 1003));
    CHECK(finds(db, "иван пет", 1003));
    CHECK(finds(db, "mohamed", 1004));
    CHECK(finds(db, "محمد", 1004));
    CHECK(finds(db, "li na", 1005));
    CHECK(finds(db, "李", 1005));
    CHECK(finds(db, "nguyen thi", 1006));
    CHECK(finds(db, "khai nguy", 1006));
    CHECK(finds(db, "lukasz zol", 1007));
    CHECK(finds(db, "ISIL", 1008));
    CHECK(finds(db, "γιωργος", 1009));
    CHECK(finds(db, "papadop", 1009));
    CHECK(finds(db, "jean pierre", 1010));
    CHECK(finds(db, "o neil", 1010));
    /* No match, no words, and bad queries. */
    CHECK(ly_kioskdb_search(db, "jose garx", got, 4, &n, err, sizeof err) && n == 0);
    n = 9;
    CHECK(ly_kioskdb_search(db, " , - ", got, 4, &n, err, sizeof err) && n == 0);
    n = 9;
    CHECK(ly_kioskdb_search(db, "jose", got, 0, &n, err, sizeof err) && n == 0);
    char longq[LY_SEARCH_QUERY_MAX + 2];
    memset(longq, 'a', sizeof longq - 1);
    longq[sizeof longq - 1] = '\0';
    CHECK(!ly_kioskdb_search(db, longq, got, 4, &n, err, sizeof err));
    CHECK(strstr(err, "at most") != NULL);
    CHECK(!ly_kioskdb_search(db, "a b c d e f g h i", got, 4, &n, err, sizeof err));
    CHECK(ly_kioskdb_search(db, "a b c d e f g h", got, 4, &n, err, sizeof err));
    /* A rename moves the keys: the old name is gone, the new one found. */
    CHECK(put(db, 1002, "Hanna Schäfer", ""));
    CHECK(finds(db, "schafer", 1002));
    CHECK(ly_kioskdb_search(db, "muller", got, 4, &n, err, sizeof err) && n == 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM search_words WHERE attendee_id = 1002"), 2);
    ly_kioskdb_close(db);
}

/* Loads the version 2 fixture into a new file. */
static bool load_v2(const char *file)
{
    FILE *f = fopen("tests/data/kioskdb/v2.sql", "rb");
    static char sql[64 * 1024];
    size_t n = f ? fread(sql, 1, sizeof sql - 1, f) : 0;
    sqlite3 *raw;
    if (f)
        fclose(f);
    sql[n] = '\0';
    if (n == 0 || sqlite3_open(file, &raw) != SQLITE_OK)
        return false;
    bool ok = sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(raw);
    return ok;
}

static void migration_from_v2_keys_attendees_once(void)
{
    struct ly_kioskdb *db = NULL;
    struct ly_checkin c;
    bool found = false;
    snprintf(path, sizeof path, "%s/v2.db", dir);
    CHECK(load_v2(path));
    CHECK_INT(raw_int(path, "PRAGMA user_version"), 2);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 40);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (!db)
        return;
    CHECK_STR(ly_kioskdb_kiosk_id(db), "51f5eb3f-327d-46e2-a289-ec8e36e60afa");
    CHECK(finds(db, "sunita", 3));
    CHECK(finds(db, "youssef zer", 16));
    CHECK(finds(db, "زروقي", 16));
    CHECK(finds(db, "jerome", 8));
    CHECK(ly_kioskdb_checkin(db, 1, &c, &found, err, sizeof err) && found);
    CHECK_STR(c.staff_note, "");
    CHECK_INT(c.attendee_id, 3);
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "PRAGMA user_version"), LY_KIOSKDB_SCHEMA_VERSION);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees WHERE search_key = ''"), 0);
    CHECK_INT(raw_int(path, "SELECT value FROM meta WHERE key = 'search_fold'"), LY_FOLD_VERSION);
    int64_t words = raw_int(path, "SELECT count(*) FROM search_words");
    CHECK(words >= 80);

    /* Once: a key changed behind the kiosk's back survives the next open. */
    sqlite3 *raw;
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw, "UPDATE attendees SET search_key = 'marker' WHERE id = 3", NULL, NULL,
                       NULL) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees WHERE search_key = 'marker'"), 1);
    /* Keys made by an older fold are made again. */
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw, "UPDATE meta SET value = 0 WHERE key = 'search_fold'", NULL, NULL,
                       NULL) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(finds(db, "sunita agar", 3));
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees WHERE search_key = 'marker'"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM search_words"), words);
}

static struct ly_checkin decision(int64_t wall, const char *kind, const char *code_kind,
                                  int direction)
{
    struct ly_checkin c = {.wall_ms = wall, .mono_ms = 1, .attendee_id = 1, .direction = direction};
    snprintf(c.gate, sizeof c.gate, "entrance");
    snprintf(c.code_kind, sizeof c.code_kind, "%s", code_kind);
    snprintf(c.decision, sizeof c.decision, "%s", kind);
    snprintf(c.place, sizeof c.place, "venue");
    return c;
}

static void stats_count_since(void)
{
    struct ly_kioskdb *db = fresh();
    struct ly_kiosk_stats s;
    const int64_t t = 1800000000000LL;
    CHECK(ly_kioskdb_stats(db, 0, &s, err, sizeof err));
    CHECK(s.granted == 0 && s.denied == 0 && s.unsent == 0 && s.last_wall_ms == 0);
    struct ly_checkin in[] = {
        decision(t - 5000, "granted", "badge", 1), /* before the time asked for */
        decision(t, "granted", "badge", 1),
        decision(t + 1000, "denied", "badge", 0),
        decision(t + 2000, "already_inside", "badge", 0),
        decision(t + 3000, "granted", "manual", 1),
        decision(t + 4000, "granted", "badge", -1),
        decision(t + 9000, "denied", "unreadable", 0),
        decision(t + 8000, "granted", "manual", -1), /* the clock stepped back: still the last */
    };
    struct ly_checkin out;
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        CHECK(ly_kioskdb_journal(db, &in[i], &out, err, sizeof err));
    const char *uuid = out.uuid;
    size_t marked = 0;
    CHECK(ly_kioskdb_mark_sent(db, &uuid, 1, &marked, err, sizeof err) && marked == 1);
    CHECK(ly_kioskdb_stats(db, t, &s, err, sizeof err));
    CHECK_INT(s.granted, 4);
    CHECK_INT(s.denied, 2);
    CHECK_INT(s.already_inside, 1);
    CHECK_INT(s.manual, 2);
    CHECK_INT(s.entries, 2);
    CHECK_INT(s.exits, 2);
    CHECK_INT(s.unsent, 7);
    CHECK_INT(s.last_wall_ms, t + 8000);
    CHECK(ly_kioskdb_stats(db, 0, &s, err, sizeof err));
    CHECK_INT(s.granted, 5);
    CHECK_INT(s.entries, 3);
    CHECK(ly_kioskdb_stats(db, t + 10000, &s, err, sizeof err));
    CHECK(s.granted == 0 && s.denied == 0 && s.manual == 0 && s.entries == 0);
    CHECK_INT(s.unsent, 7);
    ly_kioskdb_close(db);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(search_matches_brute_force);
    RUN(search_walks_name_order_for_common_prefixes);
    RUN(search_finds_names_however_typed);
    RUN(migration_from_v2_keys_attendees_once);
    RUN(stats_count_since);
    free(everyone);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
