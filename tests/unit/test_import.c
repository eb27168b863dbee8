/* test_import.c - registration and programme import against a real temporary SQLite hub
 * database: good files import, bad files are refused with every problem listed and the
 * database unchanged to the byte, re-imports change nothing, foreign exports are detected and
 * mapped; a country not stated is kept as such with a warning, and a foreign export without its
 * ticket codes is refused unless asked for. Run from the repository root (tests/run.sh does). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../check.h"
#include "orgdb/hubdb.h"
#include "import/import.h"

#define DATA "tests/data/import/"

static char db_path[64];
static struct ly_hubdb *db;

static void open_db(void)
{
    char err[256];
    snprintf(db_path, sizeof db_path, "/tmp/lanyard-test-import-XXXXXX");
    int fd = mkstemp(db_path);
    if (fd >= 0)
        close(fd);
    unlink(db_path); /* let hubdb create it */
    if (!ly_hubdb_open(db_path, &db, err, sizeof err)) {
        fprintf(stderr, "ly_hubdb_open: %s\n", err);
        exit(1);
    }
}

static void close_db(void)
{
    char p[96];
    ly_hubdb_close(db);
    db = NULL;
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static char *load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Imports a file as opt says (NULL: registrations, the defaults); problems and warnings go to
 * msgs (caller frees). */
static bool import_opt(const char *path, const struct ly_import_options *opt, bool sessions,
                       struct ly_import_result *res, char **msgs)
{
    size_t len, msz;
    char *data = load(path, &len);
    FILE *out = open_memstream(msgs, &msz);
    const char *name = strrchr(path, '/') + 1;
    bool ok = sessions ? ly_import_sessions(db, name, data, len, out, res)
                       : ly_import_registrations(db, name, data, len, opt, out, res);
    fclose(out);
    free(data);
    return ok;
}

static bool import_file(const char *path, enum ly_import_format fmt, bool sessions,
                        struct ly_import_result *res, char **msgs)
{
    struct ly_import_options opt = {.format = fmt};
    return import_opt(path, &opt, sessions, res, msgs);
}

static bool import_text(const char *text, struct ly_import_result *res, char **msgs)
{
    size_t msz;
    FILE *out = open_memstream(msgs, &msz);
    bool ok = ly_import_registrations(db, "t.csv", text, strlen(text), NULL, out, res);
    fclose(out);
    return ok;
}

/* Every row of every table, as text, in a fixed order: two dumps are equal exactly when the
 * database content is. */
static char *dump(void)
{
    sqlite3 *s;
    sqlite3_stmt *tables, *rows;
    char *text;
    size_t tsz;
    FILE *out = open_memstream(&text, &tsz);
    if (sqlite3_open_v2(db_path, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        exit(1);
    sqlite3_prepare_v2(s,
                       "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                       "'sqlite_%' ORDER BY name",
                       -1, &tables, NULL);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid",
                 (const char *)sqlite3_column_text(tables, 0));
        fprintf(out, "table %s\n", (const char *)sqlite3_column_text(tables, 0));
        if (sqlite3_prepare_v2(s, sql, -1, &rows, NULL) != SQLITE_OK) {
            /* WITHOUT ROWID tables */
            snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1",
                     (const char *)sqlite3_column_text(tables, 0));
            sqlite3_prepare_v2(s, sql, -1, &rows, NULL);
        }
        while (sqlite3_step(rows) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(rows); i++) {
                const unsigned char *v = sqlite3_column_blob(rows, i);
                int n = sqlite3_column_bytes(rows, i);
                fprintf(out, "%d:%d:", sqlite3_column_type(rows, i), n);
                if (v != NULL)
                    fwrite(v, 1, (size_t)n, out);
                fputc('|', out);
            }
            fputc('\n', out);
        }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(s);
    fclose(out);
    return text;
}

static int64_t change_seq(void)
{
    struct ly_hubdb_stats st;
    char err[256];
    if (!ly_hubdb_stats(db, &st, err, sizeof err))
        return -1;
    return st.change_seq;
}

/* Loads the registration with this source id; returns false when absent. */
static bool get(const char *ext_id, struct ly_attendee *a)
{
    char err[256];
    uint32_t id = 0;
    if (!ly_hubdb_find_ext_id(db, ext_id, &id, err, sizeof err) || id == 0)
        return false;
    return ly_hubdb_attendee(db, id, a, err, sizeof err);
}

/* Opens a database holding lanyard_good.csv; returns its dump (for unchanged(), which frees it)
 * and its change sequence. */
static char *open_good(int64_t *seq)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(import_file(DATA "lanyard_good.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    free(msgs);
    *seq = change_seq();
    return dump();
}

/* Checks that the database is exactly as dumped in before, at change sequence seq; frees
 * before. */
static void unchanged(char *before, int64_t seq)
{
    CHECK_INT(change_seq(), seq);
    char *after = dump();
    CHECK_STR(after, before);
    free(after);
    free(before);
}

static void test_lanyard_good(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    open_db();
    CHECK(import_file(DATA "lanyard_good.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK_INT(res.format, LY_IMPORT_LANYARD);
    CHECK_INT(res.rows, 8);
    CHECK_INT(res.inserted, 8);
    CHECK_INT(res.errors, 0);

    CHECK(get("R-0001", &a));
    CHECK_STR(a.reg.name, "Ingrid Bj\xC3\xB8rnstad");
    CHECK_STR(a.reg.country, "NO");
    CHECK_STR(a.reg.region, "western_european_others");
    CHECK_STR(a.reg.category, "speaker");
    CHECK_STR(a.reg.language, "nb");
    CHECK_STR(a.reg.source, "lanyard");
    CHECK(get("R-0002", &a));
    CHECK_STR(a.reg.country, "CN");
    CHECK_STR(a.reg.region, "asia_pacific");
    CHECK_STR(a.reg.name_latin, "Wang Wei");
    CHECK_STR(a.reg.affiliation, "Tsinghua University, Beijing");
    CHECK_STR(a.reg.language, "zh-Hans");
    CHECK_STR(a.reg.stakeholder, "technical_community");
    CHECK(get("R-0003", &a));
    CHECK_STR(a.reg.country, "RU");
    CHECK_STR(a.reg.attendance, "online");
    CHECK(get("R-0004", &a));
    CHECK_STR(a.reg.stakeholder, "government");
    CHECK_STR(a.reg.category, "vip");
    CHECK_STR(a.reg.accessibility, "wheelchair access");
    CHECK_STR(a.reg.alt_code, "PRETIX-XYZ123");
    CHECK(get("R-0005", &a));
    CHECK_STR(a.reg.name, "Amara \"Ama\" Okafor");
    CHECK_STR(a.reg.stakeholder, "civil_society");
    CHECK_STR(a.reg.category, "press");
    CHECK(get("R-0006", &a));
    CHECK_STR(a.reg.region, "latin_american_caribbean");
    CHECK_STR(a.reg.stakeholder, "private_sector");
    CHECK(get("R-0007", &a)); /* trimmed, every default */
    CHECK_STR(a.reg.name, "Aiko Tanaka");
    CHECK_STR(a.reg.stakeholder, "unspecified");
    CHECK_STR(a.reg.attendance, "onsite");
    CHECK_STR(a.reg.category, "participant");
    CHECK_STR(a.reg.language, "en");
    CHECK_STR(a.reg.region, "asia_pacific");
    CHECK(get("R-0008", &a));
    CHECK_STR(a.reg.category, "host_country");
    CHECK_STR(a.reg.region, "african");

    uint32_t holder = 0;
    char err[256];
    CHECK(ly_hubdb_find_alt_code(db, "EB-1234567890", &holder, err, sizeof err));
    CHECK(get("R-0006", &a));
    CHECK_INT(holder, a.id);
    close_db();
}

static void test_reimport(void)
{
    struct ly_import_result res;
    char *msgs;
    int64_t seq;
    char *before = open_good(&seq);
    CHECK(seq > 0);
    CHECK(import_file(DATA "lanyard_good.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    free(msgs);
    CHECK_INT(res.inserted, 0);
    CHECK_INT(res.updated, 0);
    CHECK_INT(res.unchanged, 8);
    unchanged(before, seq);

    /* One changed row: only it is updated, and only it takes new change sequences. */
    const char *edit = "id,name,country,category\nR-0007,Aiko Tanaka,JP,speaker\n"
                       "R-0008,Kofi Mensah,GH,host_country\n";
    struct ly_attendee a;
    CHECK(get("R-0008", &a));
    CHECK(import_text(edit, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    /* R-0008 loses its fr language (the column is absent: default en) so it changes too. */
    CHECK_INT(res.updated, 2);
    CHECK(change_seq() > seq);
    CHECK(get("R-0007", &a));
    CHECK_STR(a.reg.category, "speaker");
    seq = change_seq();
    CHECK(import_text(edit, &res, &msgs));
    free(msgs);
    CHECK_INT(res.unchanged, 2);
    CHECK_INT(change_seq(), seq);
    close_db();
}

static void test_bad_file_refused(void)
{
    struct ly_import_result res;
    char *msgs;
    int64_t seq;
    char *before = open_good(&seq);
    CHECK(!import_file(DATA "lanyard_bad.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    static const char *const expected[] = {
        "lanyard_bad.csv:3: name is missing\n",
        "lanyard_bad.csv:4: unknown country \"Narnia\"",
        "lanyard_bad.csv:5: category \"astronaut\" is not one of: participant, speaker",
        "lanyard_bad.csv:6: language \"English\" is not a language tag",
        "lanyard_bad.csv:7: duplicate id \"B-01\" (first on line 2)\n",
        "lanyard_bad.csv:8: duplicate ticket_code \"CODE-1\" (first on line 2)\n",
        "lanyard_bad.csv:9: field 2 has a quote inside an unquoted field\n",
        "lanyard_bad.csv:10: field 1 has characters after its closing quote\n",
        "lanyard_bad.csv:11: id \"B 10\" may only contain",
        "lanyard_bad.csv:12: attendance \"hybrid\" is not one of: onsite, online\n",
        "lanyard_bad.csv:13: has 3 fields; the header has 8\n",
        "lanyard_bad.csv:14: ticket_code may only contain printable ASCII without spaces\n",
        "lanyard_bad.csv:15: name contains a control character",
        "lanyard_bad.csv:17: id is missing\n",
        "lanyard_bad.csv:18: name contains a control character",
        "lanyard_bad.csv:19: name is longer than 400 bytes\n",
        "lanyard_bad.csv:20: name is not valid UTF-8",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        if (strstr(msgs, expected[i]) == NULL)
            fprintf(stderr, "missing: %s\n", expected[i]);
        CHECK(strstr(msgs, expected[i]) != NULL);
    }
    CHECK(strstr(msgs, ":2:") == NULL);  /* good rows are not mentioned */
    CHECK(strstr(msgs, ":21:") == NULL); /* nor is the last, good, row */
    CHECK_INT(res.errors, 17);
    CHECK_INT(res.inserted + res.updated + res.unchanged, 0);
    free(msgs);
    unchanged(before, seq);
    struct ly_attendee a;
    CHECK(!get("B-01", &a));
    CHECK(!get("B-19", &a));
    close_db();
}

static void test_error_cap(void)
{
    size_t rows = LY_CSV_ERRORS_MAX + 5, cap = rows * 32 + 64, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text, cap, "id,name,country\n");
    for (size_t i = 0; i < rows; i++)
        n += (size_t)snprintf(text + n, cap - n, "X%zu,Name,Atlantis\n", i);
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(!import_text(text, &res, &msgs));
    CHECK_INT(res.errors, rows);
    size_t lines = 0;
    for (const char *p = msgs; *p != '\0'; p++)
        lines += *p == '\n';
    CHECK_INT(lines, LY_CSV_ERRORS_MAX + 1);
    CHECK(strstr(msgs, "t.csv: ... and 5 more problems\n") != NULL);
    CHECK(strstr(msgs, "t.csv:1001: unknown country") != NULL);
    CHECK(strstr(msgs, "t.csv:1002:") == NULL);
    free(msgs);
    free(text);
    close_db();
}

static void test_header_errors(void)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(!import_text("id,nmae,country\n1,A,NO\n", &res, &msgs));
    CHECK(strstr(msgs, "t.csv:1: unknown column \"nmae\"") != NULL);
    CHECK(strstr(msgs, "t.csv:1: required column \"name\" is missing") != NULL);
    CHECK(strstr(msgs, "t.csv:2") == NULL); /* rows are not read under a broken header */
    CHECK_INT(res.errors, 1);
    free(msgs);
    CHECK(!import_text("ID,Name,Name,Country\n", &res, &msgs));
    CHECK(strstr(msgs, "t.csv:1: column \"name\" appears twice") != NULL);
    free(msgs);
    CHECK(!import_text("", &res, &msgs));
    CHECK(strstr(msgs, "t.csv:1: the file is empty") != NULL);
    free(msgs);
    CHECK(import_text("id;name;country\n", &res, &msgs)); /* header only: nothing to do */
    CHECK_INT(res.rows, 0);
    free(msgs);
    CHECK(import_text("\xEF\xBB\xBFID;Name;Country\r\n1;A;no\r\n", &res, &msgs));
    CHECK_INT(res.inserted, 1);
    free(msgs);
    close_db();
}

static void test_unterminated_ends_file(void)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(!import_text("id,name,country\nA,,NO\nB,\"open,NO\nC,Ok,NO\n", &res, &msgs));
    CHECK(strstr(msgs, "t.csv:2: name is missing\n") != NULL);
    CHECK(strstr(msgs, "t.csv:3: a quoted field starting on this record is never closed") != NULL);
    CHECK_INT(res.errors, 2);
    free(msgs);
    close_db();
}

static void test_pretix(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    open_db();
    CHECK(import_file(DATA "pretix_positions.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK_INT(res.format, LY_IMPORT_PRETIX);
    CHECK_INT(res.rows, 5);
    CHECK_INT(res.inserted, 4);
    CHECK_INT(res.skipped, 1);
    CHECK(get("pretix:AB3CD-1", &a));
    CHECK_STR(a.reg.name, "Lena M\xC3\xBCller");
    CHECK_STR(a.reg.affiliation, "Chaos Computer Club");
    CHECK_STR(a.reg.country, "DE");
    CHECK_STR(a.reg.category, "participant");
    CHECK_STR(a.reg.attendance, "onsite");
    CHECK_STR(a.reg.language, "de");
    CHECK_STR(a.reg.email, "lena@example.de");
    CHECK_STR(a.reg.alt_code, "zr9ksu6gbsnmhuae4sc2dfw3g7y5pbhq");
    CHECK_STR(a.reg.source, "pretix");
    CHECK(get("pretix:AB3CD-2", &a));
    CHECK_STR(a.reg.category, "speaker");
    CHECK_STR(a.reg.country, "CH");
    CHECK_STR(a.reg.email, "buyer@example.org"); /* no attendee email: the order's */
    CHECK(!get("pretix:EF5GH-1", &a));           /* canceled */
    CHECK(get("pretix:IJ7KL-1", &a));
    CHECK_STR(a.reg.name, "Priya Sharma");                  /* from the name parts */
    CHECK_STR(a.reg.country, "IN");                         /* from the invoice address */
    CHECK_STR(a.reg.affiliation, "Internet Society India"); /* likewise */
    CHECK_STR(a.reg.attendance, "online");
    CHECK(get("pretix:MN9OP-1", &a)); /* pending orders are imported */
    CHECK_STR(a.reg.category, "press");
    CHECK_STR(a.reg.language, "en-gb");
    CHECK_STR(a.reg.alt_code, "pq7rs8tu9vw0xy1za2bc3de4fg5hi6jk");

    /* Re-importing the export changes nothing. */
    int64_t seq = change_seq();
    CHECK(import_file(DATA "pretix_positions.csv", LY_IMPORT_PRETIX, false, &res, &msgs));
    free(msgs);
    CHECK_INT(res.unchanged, 4);
    CHECK_INT(change_seq(), seq);
    close_db();
}

static void test_eventbrite(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    open_db();
    CHECK(import_file(DATA "eventbrite_attendees.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK_INT(res.format, LY_IMPORT_EVENTBRITE);
    CHECK_INT(res.inserted, 4);
    CHECK_INT(res.skipped, 1);
    CHECK(get("eventbrite:3312345001", &a));
    CHECK_STR(a.reg.name, "Chidi Okonkwo");
    CHECK_STR(a.reg.affiliation, "University of Lagos");
    CHECK_STR(a.reg.country, "NG");
    CHECK_STR(a.reg.alt_code, "8123456789013312345001001");
    CHECK_STR(a.reg.category, "participant");
    CHECK(get("eventbrite:3312345002", &a));
    CHECK_STR(a.reg.category, "speaker");
    CHECK_STR(a.reg.country, "BR"); /* from Work Country */
    CHECK(get("eventbrite:3312345003", &a));
    CHECK_STR(a.reg.attendance, "online");
    CHECK_STR(a.reg.country, "CZ");
    CHECK(!get("eventbrite:3312345004", &a)); /* refunded */
    CHECK(get("eventbrite:3312345005", &a));  /* checked in: still a registration */
    CHECK_STR(a.reg.category, "staff");
    CHECK_STR(a.reg.country, "VN");
    CHECK_STR(a.reg.phone, "+84 90 000 0000");
    close_db();
}

static void test_indico(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    /* Indico's CSV export has no check-in secret: without one, only when asked */
    struct ly_import_options no_codes = {.format = LY_IMPORT_AUTO, .without_codes = true};
    open_db();
    CHECK(import_opt(DATA "indico_registrants.csv", &no_codes, false, &res, &msgs));
    CHECK_STR(msgs, "indico_registrants.csv: warning: no \"Checkin secret\" column: imported "
                    "without Indico ticket codes, as --without-codes asks; these attendees need a "
                    "Lanyard badge, their Indico tickets will not open the doors\n");
    free(msgs);
    CHECK(res.no_codes);
    CHECK_INT(res.format, LY_IMPORT_INDICO);
    CHECK_INT(res.inserted, 3);
    CHECK_INT(res.skipped, 1);
    CHECK(get("indico:101", &a));
    CHECK_STR(a.reg.name, "Fatima Zahra Benali");
    CHECK_STR(a.reg.affiliation, "Universit\xC3\xA9 Mohammed V");
    CHECK_STR(a.reg.country, "MA");
    CHECK_STR(a.reg.region, "african");
    CHECK_STR(a.reg.alt_code, "");
    CHECK(get("indico:102", &a));
    CHECK_STR(a.reg.attendance, "online");
    CHECK(!get("indico:103", &a)); /* withdrawn */
    CHECK(get("indico:104", &a));
    CHECK_STR(a.reg.category, "press");
    CHECK(import_file(DATA "indico_with_ticket.csv", LY_IMPORT_INDICO, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK(get("indico:201", &a));
    CHECK_STR(a.reg.alt_code, "1f0c9a3e-6b2d-4e8f-9a7c-3d5e2b1f4a6c");
    CHECK_STR(a.reg.country, "PT");
    close_db();
}

static void test_foreign_refusals(void)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    /* no ticket-code column (and no country either: that alone is no reason) */
    CHECK(!import_file(DATA "indico_nocountry.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK(strstr(msgs, "indico_nocountry.csv:1: this indico export has no \"Checkin secret\" "
                       "column") != NULL);
    CHECK(strstr(msgs, "country column") == NULL);
    CHECK_INT(res.errors, 1);
    free(msgs);
    CHECK(!import_file(DATA "lanyard_good.csv", LY_IMPORT_PRETIX, false, &res, &msgs));
    CHECK(strstr(msgs, "lanyard_good.csv:1: not a pretix export") != NULL);
    free(msgs);
    CHECK(!import_file(DATA "sessions_good.csv", LY_IMPORT_SESSIONS, false, &res, &msgs));
    free(msgs);
    CHECK_INT(change_seq(), 0);
    close_db();
}

/* An empty country cell, in any format, is kept as "not stated" with its own region, counted in
 * one warning; an explicit region stays; the statistics do not count it as a country. */
static void test_country_not_stated(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    open_db();
    CHECK(import_text("id,name,country,region\n"
                      "N-1,Ama Mensah,,\n"
                      "N-2,Kofi Boateng,GH,\n"
                      "N-3,\"Chen, Li\",  ,asia_pacific\n",
                      &res, &msgs));
    CHECK_STR(msgs, "t.csv: warning: 2 registrations without a country (first on line 2): "
                    "imported with country \"not stated\" (counted on a line of their own in the "
                    "statistics)\n");
    free(msgs);
    CHECK_INT(res.inserted, 3);
    CHECK_INT(res.no_country, 2);
    CHECK_INT(res.no_country_line, 2);
    CHECK(!res.no_country_column);
    CHECK(get("N-1", &a));
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.region, "not_stated");
    CHECK(get("N-2", &a));
    CHECK_STR(a.reg.country, "GH");
    CHECK_STR(a.reg.region, "african");
    CHECK(get("N-3", &a));
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.region, "asia_pacific"); /* the organizer knows the group */
    struct ly_hubdb_stats st;
    char err[256];
    CHECK(ly_hubdb_stats(db, &st, err, sizeof err));
    CHECK_INT(st.registrations, 3);
    CHECK_INT(st.countries, 1);

    /* The same file again: unchanged, and the same warning. */
    int64_t seq = change_seq();
    CHECK(import_text("id,name,country,region\nN-1,Ama Mensah,,\n", &res, &msgs));
    CHECK(strstr(msgs, "1 registration without a country (first on line 2)") != NULL);
    free(msgs);
    CHECK_INT(res.unchanged, 1);
    CHECK_INT(change_seq(), seq);
    /* A country given later replaces "not stated", and the region follows it. */
    CHECK(import_text("id,name,country\nN-1,Ama Mensah,Ghana\n", &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK(get("N-1", &a));
    CHECK_STR(a.reg.country, "GH");
    CHECK_STR(a.reg.region, "african");

    /* No country column at all: every row, and a warning that says so. */
    CHECK(import_text("id,name,email\nM-1,Ana Silva,ana@example.br\nM-2,Lars Eriksson,\n", &res,
                      &msgs));
    CHECK_STR(msgs, "t.csv: warning: the file has no country column: 2 registrations imported "
                    "with country \"not stated\" (counted on a line of their own in the "
                    "statistics); to count them by country, ask for the country in the "
                    "registration form and import a new export\n");
    free(msgs);
    CHECK(res.no_country_column);
    CHECK(get("M-2", &a));
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.region, "not_stated");

    /* "ZZ" itself is not a country anyone can write; a bad name is still refused. */
    CHECK(!import_text("id,name,country\nP-1,Pat,ZZ\nP-2,Sam,Narnia\n", &res, &msgs));
    CHECK(strstr(msgs, "t.csv:2: unknown country \"ZZ\"") != NULL);
    CHECK(strstr(msgs, "t.csv:3: unknown country \"Narnia\" (use an ISO 3166-1 code such as NO or "
                       "NOR, or the English name; leave it empty when it is not known)\n") != NULL);
    CHECK(strstr(msgs, "warning") == NULL); /* nothing was imported */
    free(msgs);
    close_db();
}

/* Exports without a country column import, each attendee "not stated", with one warning. */
static void test_export_without_country(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    open_db();
    /* Eventbrite, no address or country question: BOM, every field quoted, CRLF, custom
     * questions with commas and quotes in the answers. */
    CHECK(import_file(DATA "eventbrite_nocountry.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK_STR(msgs, "eventbrite_nocountry.csv: warning: the file has no country column: 3 "
                    "registrations imported with country \"not stated\" (counted on a line of "
                    "their own in the statistics); to count them by country, ask for the country "
                    "in the registration form and import a new export\n");
    free(msgs);
    CHECK_INT(res.format, LY_IMPORT_EVENTBRITE);
    CHECK_INT(res.rows, 4);
    CHECK_INT(res.inserted, 3);
    CHECK_INT(res.skipped, 1); /* refunded */
    CHECK_INT(res.no_country, 3);
    CHECK(res.no_country_column);
    CHECK(!res.no_codes);
    CHECK(get("eventbrite:3312346001", &a));
    CHECK_STR(a.reg.name, "Chidi Okonkwo");
    CHECK_STR(a.reg.affiliation, "University of Lagos");
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.region, "not_stated");
    CHECK_STR(a.reg.alt_code, "8123456789013312346001001");
    CHECK(get("eventbrite:3312346002", &a));
    CHECK_STR(a.reg.category, "speaker");
    CHECK(!get("eventbrite:3312346003", &a));
    CHECK(get("eventbrite:3312346004", &a)); /* "Checked In" */
    CHECK_STR(a.reg.category, "staff");
    CHECK_STR(a.reg.country, "ZZ");

    /* pretix without any country column */
    CHECK(import_file(DATA "pretix_nocountry.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK(strstr(msgs, "pretix_nocountry.csv: warning: the file has no country column: 1 "
                       "registration imported") != NULL);
    free(msgs);
    CHECK(get("pretix:AB3CD-1", &a));
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.alt_code, "zr9ksu6gbsnmhuae4sc2dfw3g7y5pbhq");
    struct ly_hubdb_stats st;
    char err[256];
    CHECK(ly_hubdb_stats(db, &st, err, sizeof err));
    CHECK_INT(st.countries, 0);
    close_db();
}

/* A foreign export without its ticket-code column is refused, naming the column, what it is for
 * and how to export it, and nothing changes; with --without-codes it imports, and says so. */
static void test_export_without_codes(void)
{
    struct ly_import_result res;
    char *msgs;
    struct ly_attendee a;
    struct ly_import_options no_codes = {.format = LY_IMPORT_AUTO, .without_codes = true};
    int64_t seq;
    char *before = open_good(&seq);

    /* pretix "Order positions" of a pretix that does not write "Ticket secret" (quoted strings,
     * bare numbers, CRLF, questions between the attendee's and the invoice's columns) */
    CHECK(!import_file(DATA "pretix_nosecret.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK_STR(msgs, "pretix_nosecret.csv:1: this pretix export has no \"Ticket secret\" column, "
                    "the secret in the QR code of each pretix ticket: without it those tickets "
                    "will not open the doors. Export the file again from pretix (Orders > Export > "
                    "\"Order data\", sheet \"Order positions\", which has the column) and keep "
                    "that column; or, to give these attendees Lanyard badges only, import it "
                    "with --without-codes\n");
    free(msgs);
    CHECK_INT(res.errors, 1);
    CHECK_INT(res.format, LY_IMPORT_PRETIX);
    /* Eventbrite's attendee summary: no "Barcode #" */
    CHECK(!import_file(DATA "eventbrite_summary.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    CHECK(strstr(msgs, "eventbrite_summary.csv:1: this eventbrite export has no \"Barcode #\" "
                       "column, the barcode of each Eventbrite ticket:") != NULL);
    CHECK(strstr(msgs, "--without-codes") != NULL);
    free(msgs);
    /* Indico, named with the column to add */
    CHECK(!import_file(DATA "indico_registrants.csv", LY_IMPORT_INDICO, false, &res, &msgs));
    CHECK(strstr(msgs,
                 "indico_registrants.csv:1: this indico export has no \"Checkin secret\" "
                 "column, the check-in secret in the QR code of each Indico ticket:") != NULL);
    CHECK(strstr(msgs, "add it as a column named \"Checkin secret\"") != NULL);
    CHECK(strstr(msgs, "import it with --without-codes\n") != NULL); /* whole, not cut */
    free(msgs);
    unchanged(before, seq);

    /* --without-codes: Lanyard badges only, said once; a row with no country anywhere is "not
     * stated" among rows that have one (from the invoice address too) */
    CHECK(import_opt(DATA "pretix_nosecret.csv", &no_codes, false, &res, &msgs));
    CHECK_STR(msgs, "pretix_nosecret.csv: warning: no \"Ticket secret\" column: imported without "
                    "pretix ticket codes, as --without-codes asks; these attendees need a Lanyard "
                    "badge, their pretix tickets will not open the doors\n"
                    "pretix_nosecret.csv: warning: 1 registration without a country (first on "
                    "line 6): imported with country \"not stated\" (counted on a line of their "
                    "own in the statistics)\n");
    free(msgs);
    CHECK(res.no_codes);
    CHECK_INT(res.inserted, 4);
    CHECK_INT(res.skipped, 1);
    CHECK(get("pretix:QX7RT-2", &a));
    CHECK_STR(a.reg.name, "Jean Dupont");
    CHECK_STR(a.reg.category, "speaker");
    CHECK_STR(a.reg.country, "CH");
    CHECK_STR(a.reg.language, "fr");
    CHECK_STR(a.reg.alt_code, "");
    CHECK(get("pretix:HB2NM-1", &a));
    CHECK_STR(a.reg.name, "Priya Sharma");
    CHECK_STR(a.reg.country, "IN");
    CHECK_STR(a.reg.affiliation, "Internet Society India");
    CHECK(get("pretix:PD8LS-1", &a));
    CHECK_STR(a.reg.country, "ZZ");
    CHECK_STR(a.reg.category, "press");
    CHECK(!get("pretix:ZC4KW-1", &a)); /* canceled */

    CHECK(import_opt(DATA "eventbrite_summary.csv", &no_codes, false, &res, &msgs));
    CHECK(strstr(msgs, "eventbrite_summary.csv: warning: no \"Barcode #\" column: imported "
                       "without Eventbrite ticket codes") != NULL);
    CHECK(strstr(msgs, "eventbrite_summary.csv: warning: the file has no country column: 3 "
                       "registrations") != NULL);
    free(msgs);
    CHECK_INT(res.format, LY_IMPORT_EVENTBRITE);
    CHECK_INT(res.inserted, 3);
    CHECK(get("eventbrite:3312347002", &a));
    CHECK_STR(a.reg.name, "Ana Silva");
    CHECK_STR(a.reg.affiliation, "Instituto Nupef, S\xC3\xA3o Paulo");
    CHECK_STR(a.reg.category, "speaker");
    CHECK_STR(a.reg.alt_code, "");
    CHECK(get("eventbrite:3312347003", &a));
    CHECK_STR(a.reg.attendance, "online");

    /* An export that has its codes keeps them with --without-codes, and no warning is due; the
     * option means nothing to Lanyard's own format. */
    CHECK(import_opt(DATA "pretix_positions.csv", &no_codes, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK(!res.no_codes);
    CHECK(get("pretix:AB3CD-1", &a));
    CHECK_STR(a.reg.alt_code, "zr9ksu6gbsnmhuae4sc2dfw3g7y5pbhq");
    CHECK(import_opt(DATA "lanyard_good.csv", &no_codes, false, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK_INT(res.unchanged, 8);
    close_db();
}

static void test_alt_code_taken_in_db(void)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(import_file(DATA "lanyard_good.csv", LY_IMPORT_AUTO, false, &res, &msgs));
    free(msgs);
    CHECK(!import_text("id,name,country,ticket_code\nNEW-1,New Person,NO,EB-1234567890\n", &res,
                       &msgs));
    CHECK(strstr(msgs, "t.csv:2: ticket_code \"EB-1234567890\" already belongs to registration "
                       "\"R-0006\"") != NULL);
    free(msgs);
    close_db();
}

static void test_sessions(void)
{
    struct ly_import_result res;
    char *msgs;
    open_db();
    CHECK(import_file(DATA "sessions_good.csv", LY_IMPORT_SESSIONS, true, &res, &msgs));
    CHECK_STR(msgs, "");
    free(msgs);
    CHECK_INT(res.inserted, 5);
    CHECK_INT(res.rooms, 3);
    struct ly_hubdb_stats st;
    char err[256];
    CHECK(ly_hubdb_stats(db, &st, err, sizeof err));
    CHECK_INT(st.sessions, 5);
    CHECK_INT(st.rooms, 3);
    int64_t seq = change_seq();
    char *before = dump();
    CHECK(strstr(before, "Workshop: DNS abuse") != NULL);
    CHECK(strstr(before, "2025-06-23T14:00") != NULL);
    CHECK(strstr(before, "participant speaker") != NULL);
    CHECK(strstr(before, "press staff") != NULL);
    CHECK(strstr(before, "lightning_talk") != NULL);
    CHECK(import_file(DATA "sessions_good.csv", LY_IMPORT_SESSIONS, true, &res, &msgs));
    free(msgs);
    CHECK_INT(res.unchanged, 5);
    CHECK_INT(change_seq(), seq);

    CHECK(!import_file(DATA "sessions_bad.csv", LY_IMPORT_SESSIONS, true, &res, &msgs));
    static const char *const expected[] = {
        "sessions_bad.csv:3: type \"party\" is not one of: opening_ceremony",
        "sessions_bad.csv:4: ends (2025-06-23T10:30) is not after starts (2025-06-23T11:00)\n",
        "sessions_bad.csv:5: room \"Plenary Hall\" has room_capacity 1800 here but 2000 on line "
        "2\n",
        "sessions_bad.csv:6: capacity 150 is more than the room's capacity 100\n",
        "sessions_bad.csv:7: starts \"2025-02-30 09:00\" is not a date and time",
        "sessions_bad.csv:7: ends \"2025-02-30 10:00\" is not a date and time",
        "sessions_bad.csv:8: categories: \"astronaut\" is not one of",
        "sessions_bad.csv:9: duplicate id \"S-001\" (first on line 2)\n",
        "sessions_bad.csv:10: room_capacity \"0\" is not a whole number from 1 to 100000\n",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        if (strstr(msgs, expected[i]) == NULL)
            fprintf(stderr, "missing: %s\n", expected[i]);
        CHECK(strstr(msgs, expected[i]) != NULL);
    }
    CHECK_INT(res.errors, 8);
    free(msgs);
    unchanged(before, seq);
    close_db();
}

int main(void)
{
    RUN(test_lanyard_good);
    RUN(test_reimport);
    RUN(test_bad_file_refused);
    RUN(test_error_cap);
    RUN(test_header_errors);
    RUN(test_unterminated_ends_file);
    RUN(test_pretix);
    RUN(test_eventbrite);
    RUN(test_indico);
    RUN(test_foreign_refusals);
    RUN(test_country_not_stated);
    RUN(test_export_without_country);
    RUN(test_export_without_codes);
    RUN(test_alt_code_taken_in_db);
    RUN(test_sessions);
    return CHECK_DONE();
}
