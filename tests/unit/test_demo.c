/* test_demo.c - the demo event generator (sync/demo*.c) and `lanyard demo-data` against a real
 * temporary hub database: realism targets, scripts and romanizations, a programme without
 * double-booked rooms and opening hours that cover it, determinism, and a second run that
 * changes nothing. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../check.h"
#include "cli/cli.h"
#include "event/country.h"
#include "common/csv.h"
#include "demo/demo.h"
#include "orgdb/hubdb.h"
#include "import/import.h"
#include "common/num.h"
#include "common/utf8.h"
#include "event/vocab.h"

#define MAX_ROWS 4000

/* A parsed CSV file: rows of NUL-terminated fields, header first. */
struct table {
    size_t nrows, ncols;
    char **cells; /* nrows * ncols */
};

static const char *cell(const struct table *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

static bool parse_csv(const char *data, size_t len, size_t ncols, struct table *t)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->cells = calloc((size_t)MAX_ROWS * ncols, sizeof *t->cells);
    struct ly_csv *c = ly_csv_new(data, len, ',');
    if (t->cells == NULL || c == NULL) {
        ly_csv_free(c);
        return false;
    }
    char err[256];
    bool ok = true;
    for (;;) {
        enum ly_csv_status st = ly_csv_next(c, err, sizeof err);
        if (st == LY_CSV_END)
            break;
        if (st != LY_CSV_RECORD || ly_csv_count(c) != ncols || t->nrows >= MAX_ROWS) {
            fprintf(stderr, "csv line %ld: %s\n", ly_csv_line(c), st == LY_CSV_RECORD ? "" : err);
            ok = false;
            break;
        }
        for (size_t i = 0; i < ncols; i++)
            t->cells[t->nrows * ncols + i] = strdup(ly_csv_field(c, i, NULL));
        t->nrows++;
    }
    ly_csv_free(c);
    return ok;
}

static void free_table(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

static struct ly_demo_params default_params(void)
{
    struct ly_demo_params p = {.count = LY_DEMO_DEFAULT_COUNT, .days = LY_DEMO_DAYS, .seed = 1};
    if (!ly_num_date("2026-06-01", &p.first_day))
        abort();
    return p;
}

enum reg_col {
    R_ID,
    R_NAME,
    R_LATIN,
    R_AFFILIATION,
    R_COUNTRY,
    R_REGION,
    R_STAKEHOLDER,
    R_ATTENDANCE,
    R_CATEGORY,
    R_LANGUAGE,
    R_ACCESS,
    R_EMAIL,
    R_PHONE,
    R_TICKET,
    R_NCOLS
};

enum ses_col {
    S_ID,
    S_TITLE,
    S_TYPE,
    S_ROOM,
    S_ROOM_CAP,
    S_STARTS,
    S_ENDS,
    S_CAP,
    S_CATS,
    S_NCOLS
};

static size_t count_value(const struct table *t, size_t col, const char *value)
{
    size_t n = 0;
    for (size_t r = 1; r < t->nrows; r++)
        n += strcmp(cell(t, r, col), value) == 0;
    return n;
}

static size_t distinct(const struct table *t, size_t col)
{
    size_t n = 0;
    for (size_t r = 1; r < t->nrows; r++) {
        bool seen = false;
        for (size_t q = 1; q < r && !seen; q++)
            seen = strcmp(cell(t, q, col), cell(t, r, col)) == 0;
        n += !seen;
    }
    return n;
}

/* Share of rows with value in col, in tenths of a percent. */
static size_t permille(const struct table *t, size_t col, const char *value)
{
    return count_value(t, col, value) * 1000 / (t->nrows - 1);
}

static void test_registrations_meet_targets(void)
{
    struct ly_demo_params p = default_params();
    struct ly_demo d;
    char err[256];
    struct table t;
    CHECK(ly_demo_generate(&p, &d, err, sizeof err));
    CHECK(parse_csv(d.registrations, d.registrations_len, R_NCOLS, &t));
    CHECK_INT(t.nrows, LY_DEMO_DEFAULT_COUNT + 1);
    CHECK_STR(cell(&t, 0, R_ID), "id");
    CHECK_STR(cell(&t, 0, R_TICKET), "ticket_code");
    CHECK_INT(distinct(&t, R_ID), LY_DEMO_DEFAULT_COUNT);
    CHECK_INT(distinct(&t, R_EMAIL), LY_DEMO_DEFAULT_COUNT);
    CHECK(distinct(&t, R_COUNTRY) >= 120);
    CHECK_INT(d.summary.countries, distinct(&t, R_COUNTRY));
    CHECK_INT(d.summary.registrations, LY_DEMO_DEFAULT_COUNT);

    bool region_seen[8] = {false}, known = true, vocab_ok = true, email_ok = true;
    size_t tickets = 0, access = 0, phones = 0;
    const char *groups[] = {"african", "asia_pacific", "eastern_european",
                            "latin_american_caribbean", "western_european_others"};
    for (size_t r = 1; r < t.nrows; r++) {
        const struct ly_country *c = ly_country_find(cell(&t, r, R_COUNTRY));
        known = known && c != NULL && strcmp(c->region, cell(&t, r, R_REGION)) == 0;
        for (size_t g = 0; c && g < 5; g++)
            region_seen[g] = region_seen[g] || strcmp(c->region, groups[g]) == 0;
        vocab_ok = vocab_ok &&
                   ly_vocab_find(LY_VOCAB_STAKEHOLDER, cell(&t, r, R_STAKEHOLDER)) != NULL &&
                   ly_vocab_find(LY_VOCAB_CATEGORY, cell(&t, r, R_CATEGORY)) != NULL &&
                   ly_vocab_find(LY_VOCAB_ATTENDANCE, cell(&t, r, R_ATTENDANCE)) != NULL &&
                   ly_vocab_language_valid(cell(&t, r, R_LANGUAGE)) &&
                   cell(&t, r, R_AFFILIATION)[0] != '\0';
        const char *email = cell(&t, r, R_EMAIL);
        size_t n = strlen(email);
        email_ok = email_ok && n > 13 && strcmp(email + n - 12, "@example.org") == 0 &&
                   strspn(email, "abcdefghijklmnopqrstuvwxyz0123456789.-@") == n;
        const char *ticket = cell(&t, r, R_TICKET);
        if (ticket[0] != '\0') {
            tickets++;
            CHECK(strlen(ticket) == 32 &&
                  strspn(ticket, "abcdefghijklmnopqrstuvwxyz0123456789") == 32);
        }
        access += cell(&t, r, R_ACCESS)[0] != '\0';
        phones += cell(&t, r, R_PHONE)[0] != '\0';
    }
    CHECK(known);
    CHECK(vocab_ok);
    CHECK(email_ok);
    for (size_t g = 0; g < 5; g++)
        CHECK(region_seen[g]);
    const char *stakeholders[] = {"government",          "private_sector",    "civil_society",
                                  "technical_community", "intergovernmental", "press"};
    for (size_t s = 0; s < 6; s++)
        CHECK(count_value(&t, R_STAKEHOLDER, stakeholders[s]) > 0);
    /* civil society and the private sector are the largest groups */
    CHECK(count_value(&t, R_STAKEHOLDER, "civil_society") >
          count_value(&t, R_STAKEHOLDER, "government"));
    CHECK(count_value(&t, R_STAKEHOLDER, "private_sector") >
          count_value(&t, R_STAKEHOLDER, "technical_community"));

    size_t onsite = permille(&t, R_ATTENDANCE, "onsite");
    CHECK(onsite >= 650 && onsite <= 750);
    size_t speakers = permille(&t, R_CATEGORY, "speaker"),
           press = permille(&t, R_CATEGORY, "press");
    size_t host = permille(&t, R_CATEGORY, "host_country"),
           staff = permille(&t, R_CATEGORY, "staff");
    size_t vip = permille(&t, R_CATEGORY, "vip"),
           exhibitors = permille(&t, R_CATEGORY, "exhibitor");
    CHECK(speakers >= 80 && speakers <= 120);
    CHECK(press >= 30 && press <= 55);
    CHECK(host >= 60 && host <= 100);
    CHECK(staff >= 20 && staff <= 45);
    CHECK(vip >= 5 && vip <= 20);
    CHECK(exhibitors >= 10 && exhibitors <= 35);
    CHECK(permille(&t, R_STAKEHOLDER, "press") >= 30 && permille(&t, R_STAKEHOLDER, "press") <= 55);
    CHECK(count_value(&t, R_COUNTRY, ly_demo_host_country()) > 250);
    CHECK(tickets * 1000 / LY_DEMO_DEFAULT_COUNT >= 30 &&
          tickets * 1000 / LY_DEMO_DEFAULT_COUNT <= 70);
    CHECK(access > 20 && access < 200);
    CHECK(phones > 0 && phones < LY_DEMO_DEFAULT_COUNT / 4);
    free_table(&t);
    ly_demo_free(&d);
}

/* Whether cp is written in the Latin script (with its diacritics), or is common punctuation. */
static bool latin_cp(unsigned long cp)
{
    return cp < 0x250 || cp == 0x259 || (cp >= 0x1E00 && cp <= 0x1EFF);
}

static void test_names_in_their_scripts(void)
{
    static const struct {
        const char *script;
        unsigned long lo, hi;
    } scripts[] = {
        {"Arabic", 0x0600, 0x06FF},        {"Han", 0x4E00, 0x9FFF},
        {"Cyrillic", 0x0400, 0x04FF},      {"Devanagari", 0x0900, 0x097F},
        {"Bengali", 0x0980, 0x09FF},       {"Tamil", 0x0B80, 0x0BFF},
        {"Thai", 0x0E00, 0x0E7F},          {"Greek", 0x0370, 0x03FF},
        {"Hebrew", 0x0590, 0x05FF},        {"Ethiopic", 0x1200, 0x137F},
        {"Georgian", 0x10A0, 0x10FF},      {"Armenian", 0x0530, 0x058F},
        {"Hangul", 0xAC00, 0xD7AF},        {"Hiragana", 0x3040, 0x309F},
        {"Latin diacritics", 0xC0, 0x24F}, {"Vietnamese", 0x1EA0, 0x1EF9},
    };
#define NSCRIPTS (sizeof scripts / sizeof scripts[0])
    size_t found[NSCRIPTS] = {0};
    struct ly_demo_params p = default_params();
    struct ly_demo d;
    char err[256];
    struct table t;
    CHECK(ly_demo_generate(&p, &d, err, sizeof err));
    CHECK(parse_csv(d.registrations, d.registrations_len, R_NCOLS, &t));
    size_t non_latin = 0, missing_latin = 0, bad_latin = 0, needless_latin = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        const char *name = cell(&t, r, R_NAME), *latin = cell(&t, r, R_LATIN);
        size_t n = strlen(name);
        bool is_latin = true;
        CHECK(n > 0 && ly_utf8_valid(name, n));
        for (size_t i = 0; i < n;) {
            unsigned long cp;
            size_t len = ly_utf8_decode(name + i, n - i, &cp);
            if (len == 0)
                break;
            i += len;
            is_latin = is_latin && latin_cp(cp);
            for (size_t s = 0; s < NSCRIPTS; s++)
                found[s] += cp >= scripts[s].lo && cp <= scripts[s].hi;
        }
        if (is_latin) {
            needless_latin += latin[0] != '\0';
            continue;
        }
        non_latin++;
        if (latin[0] == '\0') {
            missing_latin++;
            continue;
        }
        for (size_t i = 0, m = strlen(latin); i < m;) {
            unsigned long cp;
            size_t len = ly_utf8_decode(latin + i, m - i, &cp);
            if (len == 0 || !latin_cp(cp)) {
                bad_latin++;
                break;
            }
            i += len;
        }
    }
    CHECK_INT(missing_latin, 0);
    CHECK_INT(bad_latin, 0);
    CHECK_INT(needless_latin, 0);
    CHECK(non_latin > LY_DEMO_DEFAULT_COUNT / 10);
    for (size_t s = 0; s < NSCRIPTS; s++) {
        if (found[s] == 0)
            fprintf(stderr, "no name in %s script\n", scripts[s].script);
        CHECK(found[s] > 0);
    }
    free_table(&t);
    ly_demo_free(&d);
}

struct interval {
    const char *room;
    int64_t from, to;
};

/* Checks the programme of a p-day event starting on p->first_day. */
static void check_programme(const struct ly_demo_params *p, const struct ly_demo *d,
                            size_t min_sessions, size_t max_sessions)
{
    struct table t;
    CHECK(parse_csv(d->sessions, d->sessions_len, S_NCOLS, &t));
    CHECK_STR(cell(&t, 0, S_ID), "id");
    CHECK_STR(cell(&t, 0, S_CATS), "categories");
    size_t n = t.nrows - 1;
    CHECK(n >= min_sessions && n <= max_sessions);
    CHECK_INT(d->summary.sessions, n);
    CHECK_INT(distinct(&t, S_ID), n);
    CHECK_INT(count_value(&t, S_TYPE, "opening_ceremony"), 1);
    CHECK_INT(count_value(&t, S_TYPE, "closing_ceremony"), 1);

    struct interval *iv = calloc(n + 1, sizeof *iv);
    bool fields_ok = true, rooms_ok = true;
    int64_t event_from = p->first_day * 1440, event_to = (p->first_day + p->days) * 1440;
    for (size_t r = 1; r <= n && iv; r++) {
        int64_t room_cap, cap = 0;
        struct interval *v = &iv[r - 1];
        v->room = cell(&t, r, S_ROOM);
        fields_ok = fields_ok && cell(&t, r, S_TITLE)[0] != '\0' &&
                    ly_vocab_find(LY_VOCAB_SESSION_TYPE, cell(&t, r, S_TYPE)) != NULL &&
                    ly_num_int(cell(&t, r, S_ROOM_CAP), 40, 2000, &room_cap) &&
                    ly_num_datetime(cell(&t, r, S_STARTS), &v->from) &&
                    ly_num_datetime(cell(&t, r, S_ENDS), &v->to) && v->from < v->to &&
                    v->from >= event_from && v->to <= event_to &&
                    (cell(&t, r, S_CAP)[0] == '\0' ||
                     ly_num_int(cell(&t, r, S_CAP), 1, room_cap - 1, &cap));
        /* categories: space-separated category ids */
        char cats[256];
        snprintf(cats, sizeof cats, "%s", cell(&t, r, S_CATS));
        for (char *w = cats, *end; *w != '\0'; w = end) {
            end = strchr(w, ' ');
            if (end == NULL)
                end = w + strlen(w);
            else
                *end++ = '\0';
            fields_ok = fields_ok && ly_vocab_find(LY_VOCAB_CATEGORY, w) != NULL;
        }
        /* a room has one capacity */
        for (size_t q = 1; q < r; q++) {
            if (strcmp(cell(&t, q, S_ROOM), v->room) == 0)
                rooms_ok =
                    rooms_ok && strcmp(cell(&t, q, S_ROOM_CAP), cell(&t, r, S_ROOM_CAP)) == 0;
        }
    }
    CHECK(fields_ok);
    CHECK(rooms_ok);
    size_t clashes = 0;
    for (size_t a = 0; a < n && iv; a++) {
        for (size_t b = a + 1; b < n; b++) {
            if (strcmp(iv[a].room, iv[b].room) == 0 && iv[a].from < iv[b].to &&
                iv[b].from < iv[a].to) {
                if (clashes++ < 5)
                    fprintf(stderr, "double-booked: %s and %s in %s\n", cell(&t, a + 1, S_ID),
                            cell(&t, b + 1, S_ID), iv[a].room);
            }
        }
    }
    CHECK(iv != NULL);
    CHECK_INT(clashes, 0);

    /* The gate rules: a row of opening hours for every day from Day 0 on, from 08:00 until
     * the day's programme ends (19:00 at the earliest), then the notices. */
    struct table rules;
    CHECK(parse_csv(d->rules, d->rules_len, 7, &rules));
    CHECK_STR(cell(&rules, 0, 0), "rule");
    CHECK_STR(cell(&rules, 0, 6), "text");
    CHECK_INT(rules.nrows, 1 + (size_t)p->days + 8);
    CHECK_INT(d->summary.opening_days, (size_t)p->days);
    CHECK_INT(d->summary.notices, 8);
    bool hours_ok = true;
    for (int day = 0; day < p->days && (size_t)day + 1 < rules.nrows; day++) {
        char date[11], latest[6] = "19:00";
        ly_num_format_date(p->first_day + day, date);
        for (size_t r = 1; r <= n; r++) {
            if (strncmp(cell(&t, r, S_ENDS), date, 10) == 0 &&
                strcmp(cell(&t, r, S_ENDS) + 11, latest) > 0)
                snprintf(latest, sizeof latest, "%s", cell(&t, r, S_ENDS) + 11);
        }
        size_t row = (size_t)day + 1;
        hours_ok = hours_ok && strcmp(cell(&rules, row, 0), "hours") == 0 &&
                   strcmp(cell(&rules, row, 3), date) == 0 &&
                   strcmp(cell(&rules, row, 4), "08:00") == 0 &&
                   strcmp(cell(&rules, row, 5), latest) == 0;
    }
    CHECK(hours_ok);
    CHECK_INT(count_value(&rules, 6, "Collect an interpretation headset at the door"), 4);
    CHECK_INT(count_value(&rules, 0, "notice"), 8);
    free_table(&rules);
    free(iv);
    free_table(&t);
}

static void test_programme(void)
{
    struct ly_demo_params p = default_params();
    struct ly_demo d;
    char err[256];
    struct table t;
    CHECK(ly_demo_generate(&p, &d, err, sizeof err));
    check_programme(&p, &d, 210, 250);
    CHECK(parse_csv(d.sessions, d.sessions_len, S_NCOLS, &t));
    size_t workshops = count_value(&t, S_TYPE, "workshop");
    CHECK(workshops >= 70 && workshops <= 90);
    const char *types[] = {
        "high_level",          "main_session",      "parliamentary",  "open_forum",
        "best_practice_forum", "dynamic_coalition", "lightning_talk", "launch",
        "networking",          "unconference",      "day0_event"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        CHECK(count_value(&t, S_TYPE, types[i]) > 0);
    size_t rooms = distinct(&t, S_ROOM);
    CHECK(rooms >= 15 && rooms <= 20);
    CHECK_INT(d.summary.rooms, rooms);
    CHECK(count_value(&t, S_ROOM_CAP, "2000") > 0);
    CHECK(count_value(&t, S_ROOM_CAP, "40") > 0);
    CHECK(count_value(&t, S_CATS, "press speaker staff") > 0);
    CHECK(count_value(&t, S_CATS, "vip host_country staff") > 0);
    /* Day 0 is mostly Day 0 events */
    size_t day0 = 0, day0_events = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        if (strncmp(cell(&t, r, S_STARTS), "2026-06-01", 10) == 0) {
            day0++;
            day0_events += strcmp(cell(&t, r, S_TYPE), "day0_event") == 0;
        }
    }
    CHECK(day0_events * 2 > day0);
    free_table(&t);
    ly_demo_free(&d);
}

static void test_other_event_lengths(void)
{
    char err[256];
    int lengths[] = {1, 2, 3, 9, 60};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        struct ly_demo_params p = default_params();
        struct ly_demo d;
        p.days = lengths[i];
        p.count = 50;
        CHECK(ly_demo_generate(&p, &d, err, sizeof err));
        check_programme(&p, &d, 10, 3500);
        ly_demo_free(&d);
    }
    struct ly_demo_params p = default_params();
    struct ly_demo d;
    p.count = 1;
    CHECK(ly_demo_generate(&p, &d, err, sizeof err));
    CHECK_INT(d.summary.registrations, 1);
    ly_demo_free(&d);
    p.count = 0;
    CHECK(!ly_demo_generate(&p, &d, err, sizeof err));
    p.count = LY_DEMO_COUNT_MAX + 1;
    CHECK(!ly_demo_generate(&p, &d, err, sizeof err));
    p.count = 10;
    p.days = 0;
    CHECK(!ly_demo_generate(&p, &d, err, sizeof err));
}

static void test_deterministic(void)
{
    struct ly_demo_params p = default_params();
    struct ly_demo a, b, c;
    char err[256];
    CHECK(ly_demo_generate(&p, &a, err, sizeof err));
    CHECK(ly_demo_generate(&p, &b, err, sizeof err));
    p.seed = 2;
    CHECK(ly_demo_generate(&p, &c, err, sizeof err));
    CHECK(a.registrations_len == b.registrations_len &&
          memcmp(a.registrations, b.registrations, a.registrations_len) == 0);
    CHECK(a.sessions_len == b.sessions_len && memcmp(a.sessions, b.sessions, a.sessions_len) == 0);
    CHECK(a.rules_len == b.rules_len && memcmp(a.rules, b.rules, a.rules_len) == 0);
    CHECK(a.registrations_len != c.registrations_len ||
          memcmp(a.registrations, c.registrations, a.registrations_len) != 0);
    CHECK(memcmp(&a.summary, &b.summary, sizeof a.summary) == 0);
    ly_demo_free(&a);
    ly_demo_free(&b);
    ly_demo_free(&c);
}

/* ---- through the command and the real import, on a temporary database ----------------------*/

static char db_path[] = "/tmp/lanyard-test-demo-XXXXXX";

static struct ly_hubdb *open_temp_db(void)
{
    char err[512];
    struct ly_hubdb *db = NULL;
    int fd = mkstemp(db_path);
    if (fd < 0)
        return NULL;
    close(fd);
    unlink(db_path); /* let the database create it */
    if (!ly_hubdb_open(db_path, &db, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    return db;
}

static void remove_temp_db(void)
{
    char path[sizeof db_path + 8];
    unlink(db_path);
    snprintf(path, sizeof path, "%s-wal", db_path);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db_path);
    unlink(path);
}

/* Folds every attendee's stored fields into one hash, to compare a database before and after. */
static bool hash_attendee(void *ctx, const struct ly_attendee *a)
{
    uint64_t *h = ctx;
    const unsigned char *p = (const unsigned char *)a;
    for (size_t i = 0; i < sizeof *a; i++)
        *h = (*h ^ p[i]) * 1099511628211ULL;
    return true;
}

static int run_demo(struct ly_hubdb *db, const char *count, const char *start)
{
    char *argv[] = {"demo-data",   "--count", (char *)count,
                    "--seed",      "7",       start ? "--start" : NULL,
                    (char *)start, NULL};
    int argc = start ? 7 : 5;
    fflush(stdout);
    return ly_cmd_demo_data.run(db, argc, argv);
}

static void test_demo_data_twice_changes_nothing(void)
{
    struct ly_hubdb *db = open_temp_db();
    char err[512];
    struct ly_hubdb_stats s1, s2;
    struct ly_event ev;
    uint64_t h1 = 1469598103934665603ULL, h2 = h1;
    CHECK(db != NULL);
    if (db == NULL)
        return;
    CHECK_INT(run_demo(db, "400", "2026-06-01"), 0);
    CHECK(ly_hubdb_event(db, &ev, err, sizeof err));
    CHECK_STR(ev.starts, "2026-06-01");
    CHECK_STR(ev.ends, "2026-06-05");
    CHECK_STR(ev.timezone, "UTC");
    CHECK(strstr(ev.name, "2026") != NULL);
    CHECK(ly_hubdb_stats(db, &s1, err, sizeof err));
    CHECK_INT(s1.registrations, 400);
    CHECK(s1.sessions >= 210);
    CHECK(s1.rooms >= 15);
    CHECK_INT(s1.opening_days, 5);
    CHECK_INT(s1.notices, 8);
    CHECK(s1.rules_seq > 0);
    CHECK(ly_hubdb_foreach_attendee(db, NULL, 0, hash_attendee, &h1, err, sizeof err));

    /* again, without --start: the event's dates are used and nothing changes */
    CHECK_INT(run_demo(db, "400", NULL), 0);
    CHECK(ly_hubdb_stats(db, &s2, err, sizeof err));
    CHECK_INT(s2.change_seq, s1.change_seq);
    CHECK_INT(s2.registrations, 400);
    CHECK_INT(s2.sessions, s1.sessions);
    CHECK(ly_hubdb_foreach_attendee(db, NULL, 0, hash_attendee, &h2, err, sizeof err));
    CHECK(h1 == h2);

    /* the import itself reports every row unchanged */
    struct ly_demo_params p = {.count = 400, .days = 5, .seed = 7};
    struct ly_demo d;
    struct ly_import_result res;
    CHECK(ly_num_date("2026-06-01", &p.first_day));
    CHECK(ly_demo_generate(&p, &d, err, sizeof err));
    CHECK(ly_import_registrations(db, "demo", d.registrations, d.registrations_len,
                                  &(struct ly_import_options){.format = LY_IMPORT_LANYARD}, stderr,
                                  &res));
    CHECK_INT(res.rows, 400);
    CHECK_INT(res.unchanged, 400);
    CHECK_INT(res.inserted + res.updated + res.errors, 0);
    CHECK(ly_import_sessions(db, "demo", d.sessions, d.sessions_len, stderr, &res));
    CHECK_INT(res.unchanged, d.summary.sessions);
    CHECK_INT(res.inserted + res.updated + res.errors, 0);
    CHECK(ly_import_rules(db, "demo", d.rules, d.rules_len, stderr, &res));
    CHECK(!res.changed);
    CHECK_INT(res.hours, 5);
    CHECK_INT(res.notices, 8);
    CHECK(ly_hubdb_stats(db, &s2, err, sizeof err));
    CHECK_INT(s2.change_seq, s1.change_seq);
    CHECK_INT(s2.rules_seq, s1.rules_seq);
    ly_demo_free(&d);

    /* a --start that contradicts the event is refused, and so are bad options */
    CHECK_INT(run_demo(db, "400", "2026-07-01"), 1);
    CHECK(run_demo(db, "0", NULL) != 0);
    CHECK(run_demo(db, "12x", NULL) != 0);
    CHECK(ly_hubdb_stats(db, &s2, err, sizeof err));
    CHECK_INT(s2.change_seq, s1.change_seq);
    ly_hubdb_close(db);
    remove_temp_db();
}

int main(void)
{
    RUN(test_registrations_meet_targets);
    RUN(test_names_in_their_scripts);
    RUN(test_programme);
    RUN(test_other_event_lengths);
    RUN(test_deterministic);
    RUN(test_demo_data_twice_changes_nothing);
    return CHECK_DONE();
}
