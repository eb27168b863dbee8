/* test_rules.c - the gate rules on real SQLite files: replacing the organizer database's rule
 * set (a change sequence only when something changed, deletions visible through rules_seq, all
 * or nothing, inside or outside the caller's transaction), reading it back in order, and the
 * rules CSV import (normalized places and times, any script, limits, references checked). */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "orgdb/hubdb.h"
#include "import/import.h"
#include "event/records.h"

static char dir[] = "/tmp/lanyard-rules-XXXXXX";
static char path[256];
static int file_no;

/* A database with an event (2026-06-01 to 2026-06-05) and, when programme, one session in one
 * room. */
static struct ly_hubdb *fresh(bool programme)
{
    struct ly_hubdb *db = NULL;
    char err[256] = "";
    enum ly_upsert w;
    struct ly_session s = {.capacity = 0};
    snprintf(path, sizeof path, "%s/db%d.sqlite", dir, file_no++);
    CHECK(ly_hubdb_open(path, &db, err, sizeof err));
    CHECK(ly_hubdb_create_event(db, "Forum", "2026-06-01", "2026-06-05", "UTC", NULL, err,
                                sizeof err));
    if (!programme)
        return db;
    snprintf(s.ext_id, sizeof s.ext_id, "S-001");
    snprintf(s.title, sizeof s.title, "Opening Ceremony");
    snprintf(s.type, sizeof s.type, "opening_ceremony");
    snprintf(s.room, sizeof s.room, "Plenary Hall");
    snprintf(s.starts, sizeof s.starts, "2026-06-02T09:00");
    snprintf(s.ends, sizeof s.ends, "2026-06-02T10:30");
    CHECK(ly_hubdb_upsert_room(db, "Plenary Hall", 2000, &w, err, sizeof err));
    CHECK(ly_hubdb_upsert_session(db, &s, &w, err, sizeof err));
    return db;
}

static struct ly_kiosk_hours hours(const char *day, const char *opens, const char *closes)
{
    struct ly_kiosk_hours h;
    memset(&h, 0, sizeof h);
    snprintf(h.day, sizeof h.day, "%s", day);
    snprintf(h.opens, sizeof h.opens, "%s", opens);
    snprintf(h.closes, sizeof h.closes, "%s", closes);
    return h;
}

static struct ly_kiosk_notice notice(int64_t id, const char *place, const char *category,
                                     const char *text)
{
    struct ly_kiosk_notice n;
    memset(&n, 0, sizeof n);
    n.id = id;
    snprintf(n.place, sizeof n.place, "%s", place);
    snprintf(n.category, sizeof n.category, "%s", category);
    snprintf(n.text, sizeof n.text, "%s", text);
    return n;
}

static struct ly_hubdb_stats stats(struct ly_hubdb *db)
{
    struct ly_hubdb_stats s;
    char err[256];
    memset(&s, 0, sizeof s);
    CHECK(ly_hubdb_stats(db, &s, err, sizeof err));
    return s;
}

/* Every rule row's seq, read from the file by another connection: "seq,seq,..." by table. */
static void row_seqs(char *out, size_t outsz)
{
    sqlite3 *raw;
    sqlite3_stmt *q;
    out[0] = '\0';
    CHECK(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(raw,
                             "SELECT group_concat(seq) FROM (SELECT seq FROM opening_hours "
                             "UNION ALL SELECT seq FROM notices)",
                             -1, &q, NULL) == SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != NULL)
        snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(raw);
}

struct seen {
    char text[2048];
    int stop_after; /* 0: never stop */
    int calls;
};

static void append(struct seen *s, const char *what)
{
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof s->text - n, "%s;", what);
}

static bool seen_hours(void *ctx, const struct ly_kiosk_hours *h)
{
    struct seen *s = ctx;
    char line[64];
    snprintf(line, sizeof line, "%s %s-%s", h->day, h->opens, h->closes);
    append(s, line);
    return ++s->calls != s->stop_after;
}

static bool seen_notice(void *ctx, const struct ly_kiosk_notice *n)
{
    struct seen *s = ctx;
    char line[600];
    snprintf(line, sizeof line, "%lld %s|%s|%s", (long long)n->id, n->place, n->category, n->text);
    append(s, line);
    return ++s->calls != s->stop_after;
}

static bool replace(struct ly_hubdb *db, const struct ly_kiosk_hours *h, size_t nh,
                    const struct ly_kiosk_notice *n, size_t nn, bool *changed)
{
    char err[256] = "";
    bool ok = ly_hubdb_replace_rules(db, h, nh, n, nn, changed, err, sizeof err);
    if (!ok)
        fprintf(stderr, "  (replace: %s)\n", err);
    return ok;
}

static void replace_bumps_only_changes(void)
{
    struct ly_hubdb *db = fresh(false);
    bool changed = true;
    char seqs[256], want[256];
    struct ly_kiosk_hours h[2] = {hours("2026-06-01", "08:00", "19:00"),
                                  hours("2026-06-02", "08:00", "20:00")};
    struct ly_kiosk_hours swapped[2] = {h[1], h[0]};
    struct ly_kiosk_notice n[2] = {
        notice(1, "type:main_session", "", "Collect an interpretation headset at the door"),
        notice(2, "venue", "speaker", "المتحدثون: يرجى التسجيل في مكتب المتحدثين")};

    int64_t s0 = stats(db).change_seq;
    CHECK_INT(stats(db).rules_seq, 0);
    /* nothing replaced by nothing: no change */
    CHECK(replace(db, NULL, 0, NULL, 0, &changed));
    CHECK(!changed);
    CHECK_INT(stats(db).change_seq, s0);

    CHECK(replace(db, h, 2, n, 2, &changed));
    CHECK(changed);
    struct ly_hubdb_stats s = stats(db);
    CHECK_INT(s.change_seq, s0 + 1); /* one value for the whole set */
    CHECK_INT(s.rules_seq, s0 + 1);
    CHECK_INT(s.opening_days, 2);
    CHECK_INT(s.notices, 2);
    row_seqs(seqs, sizeof seqs);
    snprintf(want, sizeof want, "%lld,%lld,%lld,%lld", (long long)s.rules_seq,
             (long long)s.rules_seq, (long long)s.rules_seq, (long long)s.rules_seq);
    CHECK_STR(seqs, want);

    /* the same set, and the same hours in another order: nothing written */
    CHECK(replace(db, h, 2, n, 2, &changed));
    CHECK(!changed);
    CHECK(replace(db, swapped, 2, n, 2, &changed));
    CHECK(!changed);
    CHECK_INT(stats(db).change_seq, s0 + 1);

    /* notices in another order are another display order */
    struct ly_kiosk_notice reordered[2] = {n[1], n[0]};
    reordered[0].id = 1;
    reordered[1].id = 2;
    CHECK(replace(db, h, 2, reordered, 2, &changed));
    CHECK(changed);
    CHECK_INT(stats(db).rules_seq, s0 + 2);

    /* a changed time */
    snprintf(swapped[0].closes, sizeof swapped[0].closes, "19:30");
    CHECK(replace(db, swapped, 2, reordered, 2, &changed));
    CHECK(changed);
    CHECK_INT(stats(db).rules_seq, s0 + 3);

    /* a removed rule leaves no row, but rules_seq moves: kiosks replace their set */
    CHECK(replace(db, h, 1, n, 1, &changed));
    CHECK(changed);
    s = stats(db);
    CHECK_INT(s.rules_seq, s0 + 4);
    CHECK_INT(s.change_seq, s0 + 4);
    CHECK_INT(s.opening_days, 1);
    CHECK_INT(s.notices, 1);
    row_seqs(seqs, sizeof seqs);
    snprintf(want, sizeof want, "%lld,%lld", (long long)s.rules_seq, (long long)s.rules_seq);
    CHECK_STR(seqs, want);

    /* removing everything is a change too, once */
    CHECK(replace(db, NULL, 0, NULL, 0, &changed));
    CHECK(changed);
    CHECK(replace(db, NULL, 0, NULL, 0, &changed));
    CHECK(!changed);
    s = stats(db);
    CHECK_INT(s.rules_seq, s0 + 5);
    CHECK_INT(s.change_seq, s0 + 5);
    CHECK_INT(s.opening_days + s.notices, 0);
    ly_hubdb_close(db);
}

static void replace_is_all_or_nothing(void)
{
    struct ly_hubdb *db = fresh(false);
    char err[256] = "";
    bool changed = true;
    enum ly_upsert w;
    struct ly_kiosk_hours h[2] = {hours("2026-06-01", "08:00", "19:00"),
                                  hours("2026-06-02", "08:00", "20:00")};
    struct ly_kiosk_notice n[2] = {notice(1, "", "", "Welcome"), notice(2, "venue", "", "Hi")};
    struct seen before = {0}, after = {0};

    CHECK(replace(db, h, 2, n, 2, &changed));
    CHECK(ly_hubdb_foreach_rule(db, seen_hours, seen_notice, &before, err, sizeof err));
    struct ly_hubdb_stats s0 = stats(db);

    /* refused before any write */
    struct ly_kiosk_hours twice[2] = {h[0], h[0]};
    CHECK(!ly_hubdb_replace_rules(db, twice, 2, n, 2, &changed, err, sizeof err));
    CHECK(strstr(err, "twice") != NULL);
    struct ly_kiosk_notice backwards[2] = {n[0], n[1]};
    backwards[1].id = 1;
    CHECK(!ly_hubdb_replace_rules(db, h, 2, backwards, 2, &changed, err, sizeof err));
    CHECK(strstr(err, "increase") != NULL);
    CHECK(!ly_hubdb_replace_rules(db, h, 2, n, LY_NOTICES_MAX + 1, &changed, err, sizeof err));
    struct ly_kiosk_notice unterminated = n[0];
    memset(unterminated.text, 'x', sizeof unterminated.text);
    CHECK(!ly_hubdb_replace_rules(db, h, 2, &unterminated, 1, &changed, err, sizeof err));

    /* refused by the schema after the old rows were deleted: rolled back */
    struct ly_kiosk_hours backwards_day[2] = {h[0], hours("2026-06-03", "19:00", "08:00")};
    CHECK(!ly_hubdb_replace_rules(db, backwards_day, 2, n, 2, &changed, err, sizeof err));
    struct ly_kiosk_notice empty_text[2] = {n[0], notice(2, "", "", "")};
    CHECK(!ly_hubdb_replace_rules(db, h, 2, empty_text, 2, &changed, err, sizeof err));
    CHECK(!changed);

    /* inside the caller's transaction: a failure undoes only itself */
    CHECK(ly_hubdb_begin(db, err, sizeof err));
    CHECK(ly_hubdb_upsert_room(db, "Room 3", 120, &w, err, sizeof err));
    CHECK(!ly_hubdb_replace_rules(db, backwards_day, 2, n, 2, &changed, err, sizeof err));
    CHECK(ly_hubdb_commit(db, err, sizeof err));
    int64_t room;
    CHECK(ly_hubdb_find_room(db, "Room 3", &room, err, sizeof err));
    CHECK(room != 0);

    CHECK(ly_hubdb_foreach_rule(db, seen_hours, seen_notice, &after, err, sizeof err));
    CHECK_STR(after.text, before.text);
    struct ly_hubdb_stats s1 = stats(db);
    CHECK_INT(s1.rules_seq, s0.rules_seq);
    CHECK_INT(s1.change_seq, s0.change_seq + 1); /* the room */

    /* and the caller's rollback undoes a replacement that succeeded */
    CHECK(ly_hubdb_begin(db, err, sizeof err));
    CHECK(replace(db, NULL, 0, NULL, 0, &changed));
    CHECK(changed);
    ly_hubdb_rollback(db);
    CHECK_INT(stats(db).notices, 2);
    CHECK_INT(stats(db).rules_seq, s0.rules_seq);
    ly_hubdb_close(db);
}

static void foreach_in_order(void)
{
    struct ly_hubdb *db = fresh(false);
    char err[256] = "";
    bool changed;
    struct ly_kiosk_hours h[3] = {hours("2026-06-03", "08:00", "19:00"),
                                  hours("2026-05-30", "10:00", "18:00"),
                                  hours("2026-06-01", "08:00", "20:00")};
    struct ly_kiosk_notice n[2] = {notice(4, "type:workshop", "", "请在门口领取同声传译耳机"),
                                   notice(9, "", "press", "Press: media centre, level 1")};
    struct seen s = {0};

    CHECK(replace(db, h, 3, n, 2, &changed));
    CHECK(ly_hubdb_foreach_rule(db, seen_hours, seen_notice, &s, err, sizeof err));
    CHECK_STR(s.text, "2026-05-30 10:00-18:00;2026-06-01 08:00-20:00;2026-06-03 08:00-19:00;"
                      "4 type:workshop||请在门口领取同声传译耳机;"
                      "9 |press|Press: media centre, level 1;");
    struct seen stop = {.stop_after = 2};
    CHECK(!ly_hubdb_foreach_rule(db, seen_hours, seen_notice, &stop, err, sizeof err));
    CHECK_INT(stop.calls, 2);
    ly_hubdb_close(db);
}

/* Imports text as a rules file named "rules.csv"; problems go to *report (freed by the
 * caller). */
static bool import(struct ly_hubdb *db, const char *text, struct ly_import_result *res,
                   char **report)
{
    size_t len;
    FILE *out = open_memstream(report, &len);
    bool ok = ly_import_rules(db, "rules.csv", text, strlen(text), out, res);
    fclose(out);
    return ok;
}

#define HEADER "rule,place,category,day,opens,closes,text\n"

static void import_normalizes_and_replaces(void)
{
    struct ly_hubdb *db = fresh(true);
    struct ly_import_result res;
    char *report = NULL, err[256];
    struct seen s = {0};
    /* 66 three-byte characters (198 bytes) and two ASCII: exactly LY_NOTICE_MAX */
    char longest[LY_NOTICE_MAX + 1] = "";
    size_t used = 0;
    for (int i = 0; i < 66; i++)
        used += (size_t)snprintf(longest + used, sizeof longest - used, "耳");
    snprintf(longest + used, sizeof longest - used, "!!");
    CHECK_INT(strlen(longest), LY_NOTICE_MAX);
    char file[2048];
    snprintf(file, sizeof file,
             HEADER
             "HOURS,VENUE,,2026-05-25,8:00,18:00,\n"
             "hours,,,2026-06-05,08:00,19:00,\n"
             "notice,Type: Opening Ceremony,,,,,Collect an interpretation headset\n"
             "notice,session:S-001,Host country,,,,\"Bienvenue, délégués\"\n"
             "notice,room:Plenary Hall,press,,,,يرجى من الصحفيين التوجه إلى المركز الإعلامي\n"
             "notice,  ,,,,,%s\n",
             longest);
    CHECK(import(db, file, &res, &report));
    CHECK_STR(report, "");
    free(report);
    CHECK_INT(res.rows, 6);
    CHECK_INT(res.hours, 2);
    CHECK_INT(res.notices, 4);
    CHECK(res.changed);
    CHECK(ly_hubdb_foreach_rule(db, seen_hours, seen_notice, &s, err, sizeof err));
    char want[2048];
    snprintf(want, sizeof want,
             "2026-05-25 08:00-18:00;2026-06-05 08:00-19:00;"
             "1 type:opening_ceremony||Collect an interpretation headset;"
             "2 session:S-001|host_country|Bienvenue, délégués;"
             "3 room:Plenary Hall|press|يرجى من الصحفيين التوجه إلى المركز الإعلامي;"
             "4 ||%s;",
             longest);
    CHECK_STR(s.text, want);

    /* the same file again changes nothing */
    int64_t seq = stats(db).change_seq;
    CHECK(import(db, file, &res, &report));
    free(report);
    CHECK(!res.changed);
    CHECK_INT(stats(db).change_seq, seq);

    /* a header-only file removes every rule */
    CHECK(import(db, HEADER, &res, &report));
    free(report);
    CHECK(res.changed);
    CHECK_INT(res.hours + res.notices, 0);
    CHECK_INT(stats(db).opening_days + stats(db).notices, 0);
    CHECK_INT(stats(db).rules_seq, seq + 1);
    ly_hubdb_close(db);
}

static void import_refuses_bad_rows(void)
{
    struct ly_hubdb *db = fresh(true);
    struct ly_import_result res;
    char *report = NULL;
    char file[4096];
    char overlong[LY_NOTICE_MAX + 2];
    memset(overlong, 'a', LY_NOTICE_MAX + 1);
    overlong[LY_NOTICE_MAX + 1] = '\0';
    snprintf(file, sizeof file,
             HEADER "hours,,,2026-05-24,08:00,19:00,\n"      /* 2: 8 days early */
                    "hours,,,2026-06-06,08:00,19:00,\n"      /* 3: after the end */
                    "notice,,,,,,%s\n"                       /* 4: 201 bytes */
                    "notice,,,,,,Sortie \xc2\x85 à gauche\n" /* 5: C1 control */
                    "notice,,,,,,bad \xff byte\n"            /* 6: not UTF-8 */
                    "notice,session:S-999,,,,,x\n"           /* 7: unknown session */
                    "notice,room:plenary hall,,,,,x\n"       /* 8: case differs */
                    "notice,type:S-001,,,,,x\n"              /* 9: not a type */
                    "notice,venue,,,,,\n"                    /* 10: no text */
                    "notice,session:,,,,,x\n"                /* 11: no id */
                    "hours,,,2026-06-01,19:00,19:00,\n"      /* 12: closes = opens */
                    "hours,,,2026-06-01,08:00,23:59,\n"      /* 13: fine */
                    "hours,,,2026-06-01,09:00,23:59,\n"      /* 14: day twice */
                    "notice,venue,,,,,x,extra\n",            /* 15: too many fields */
             overlong);
    int64_t seq = stats(db).change_seq;
    CHECK(!import(db, file, &res, &report));
    CHECK_INT(res.errors, 13);
    CHECK_INT(stats(db).change_seq, seq);
    CHECK_INT(stats(db).opening_days, 0);
    static const char *const want[] = {
        "rules.csv:2: day 2026-05-24 is outside the event: opening hours may be given from "
        "2026-05-25 (7 days before the first day) to 2026-06-05",
        "rules.csv:3: day 2026-06-06 is outside the event",
        "rules.csv:4: text is longer than 200 bytes",
        "rules.csv:5: text contains a control character",
        "rules.csv:6: text is not valid UTF-8",
        "rules.csv:7: place \"session:S-999\": no session has the id \"S-999\"",
        "rules.csv:8: place \"room:plenary hall\": no room is named \"plenary hall\"",
        "rules.csv:9: place \"type:S-001\": \"S-001\" is not a session type",
        "rules.csv:10: text is missing",
        "rules.csv:11: place \"session:\" is not one of",
        "rules.csv:12: closes (19:00) is not after opens (19:00)",
        "rules.csv:14: duplicate opening hours for 2026-06-01 (first on line 13)",
        "rules.csv:15: has 8 fields; the header has 7",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (strstr(report, want[i]) == NULL)
            fprintf(stderr, "  missing: %s\n", want[i]);
        CHECK(strstr(report, want[i]) != NULL);
    }
    free(report);

    /* too many notices: reported once, at the first one over */
    size_t cap = sizeof HEADER + (LY_NOTICES_MAX + 1) * 32;
    char *many = malloc(cap);
    CHECK(many != NULL);
    if (many != NULL) {
        size_t len = (size_t)snprintf(many, cap, "%s", HEADER);
        for (int i = 0; i <= LY_NOTICES_MAX; i++)
            len += (size_t)snprintf(many + len, cap - len, "notice,,,,,,Notice %d\n", i);
        CHECK(!import(db, many, &res, &report));
        CHECK_INT(res.errors, 1);
        char line[64];
        snprintf(line, sizeof line, "rules.csv:%d: more than %d notices\n", LY_NOTICES_MAX + 2,
                 LY_NOTICES_MAX);
        CHECK_STR(report, line);
        free(report);
        free(many);
    }

    /* no event: nothing can be checked */
    struct ly_hubdb *empty = NULL;
    char err[256];
    snprintf(path, sizeof path, "%s/empty.sqlite", dir);
    CHECK(ly_hubdb_open(path, &empty, err, sizeof err));
    CHECK(!import(empty, HEADER "notice,,,,,,x\n", &res, &report));
    CHECK(strncmp(report, "rules.csv:1: no event in this database", 38) == 0);
    free(report);
    ly_hubdb_close(empty);
    ly_hubdb_close(db);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(replace_bumps_only_changes);
    RUN(replace_is_all_or_nothing);
    RUN(foreach_in_order);
    RUN(import_normalizes_and_replaces);
    RUN(import_refuses_bad_rows);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
