/* import.c - registration, programme and rules import. See import.h.
 * Two passes over the file: the first parses and checks every row, printing every problem; only
 * when there is none does the second parse it again and write it in one transaction. Nothing
 * but the duplicate-detection sets is kept between rows, so memory stays small whatever the
 * number of rows. */
#include "import/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "event/country.h"
#include "common/csv.h"
#include "import/import_check.h"
#include "import/import_foreign.h"
#include "import/import_rules.h"
#include "import/import_sessions.h"

#define COUNTRY_TEXT_MAX 100 /* the longest country name in any list is 52 bytes */

/* --- registrations -------------------------------------------------------------------------- */

static const char *const lanyard_columns[LY_COL_COUNT] = {
    [LY_COL_ID] = "id",
    [LY_COL_NAME] = "name",
    [LY_COL_NAME_LATIN] = "name_latin",
    [LY_COL_AFFILIATION] = "affiliation",
    [LY_COL_COUNTRY] = "country",
    [LY_COL_REGION] = "region",
    [LY_COL_STAKEHOLDER] = "stakeholder",
    [LY_COL_ATTENDANCE] = "attendance",
    [LY_COL_CATEGORY] = "category",
    [LY_COL_LANGUAGE] = "language",
    [LY_COL_ACCESSIBILITY] = "accessibility",
    [LY_COL_EMAIL] = "email",
    [LY_COL_PHONE] = "phone",
    [LY_COL_TICKET_CODE] = "ticket_code",
};

/* Reads the row's country into r->country and its region's default into *region. An empty
 * country is kept as "not stated" (*not_stated), in every format: guessing one would put
 * people on the wrong line of the statistics, and refusing the file would leave them out. */
static bool check_country(struct ly_import_ctx *x, const char *in, struct ly_registration *r,
                          const char **region, bool *not_stated)
{
    char country[COUNTRY_TEXT_MAX + 1];
    *region = NULL;
    *not_stated = false;
    if (!ly_import_text(x, "country", in, country, COUNTRY_TEXT_MAX, false))
        return false;
    if (country[0] == '\0') {
        memcpy(r->country, LY_COUNTRY_NOT_STATED, 3);
        *region = LY_REGION_NOT_STATED;
        *not_stated = true;
        return true;
    }
    const struct ly_country *c = ly_country_find(country);
    if (c == NULL) {
        ly_import_problem(x,
                          "unknown country \"%s\" (use an ISO 3166-1 code such as NO or NOR, or "
                          "the English name; leave it empty when it is not known)",
                          country);
        return false;
    }
    memcpy(r->country, c->alpha2, 3);
    *region = c->region;
    return true;
}

/* Checks one row (in Lanyard's terms) and fills r. Reports every problem of the row; says in
 * *not_stated whether the row has no country. */
static bool check_registration(struct ly_import_ctx *x, const struct ly_import_row *row,
                               enum ly_import_format fmt, struct ly_registration *r,
                               bool *not_stated)
{
    const char *const *v = row->v;
    bool ok = true;
    memset(r, 0, sizeof(*r));
    snprintf(r->source, sizeof r->source, "%s", ly_import_format_name(fmt));

    ok &= ly_import_id(x, "id", v[LY_COL_ID], r->ext_id);
    ok &= ly_import_text(x, "name", v[LY_COL_NAME], r->name, LY_NAME_MAX, true);
    ok &= ly_import_text(x, "name_latin", v[LY_COL_NAME_LATIN], r->name_latin, LY_NAME_MAX, false);
    ok &= ly_import_text(x, "affiliation", v[LY_COL_AFFILIATION], r->affiliation,
                         LY_AFFILIATION_MAX, false);

    const char *region;
    ok &= check_country(x, v[LY_COL_COUNTRY], r, &region, not_stated);
    ok &= ly_import_word(x, "region", v[LY_COL_REGION], LY_VOCAB_REGION, region, r->region);
    ok &= ly_import_word(x, "stakeholder", v[LY_COL_STAKEHOLDER], LY_VOCAB_STAKEHOLDER,
                         "unspecified", r->stakeholder);
    ok &= ly_import_word(x, "attendance", v[LY_COL_ATTENDANCE], LY_VOCAB_ATTENDANCE, "onsite",
                         r->attendance);
    ok &= ly_import_word(x, "category", v[LY_COL_CATEGORY], LY_VOCAB_CATEGORY, "participant",
                         r->category);
    if (ly_import_text(x, "language", v[LY_COL_LANGUAGE], r->language, LY_LABEL_MAX, false)) {
        if (r->language[0] == '\0') {
            snprintf(r->language, sizeof r->language, "en");
        } else if (!ly_vocab_language_valid(r->language)) {
            ly_import_problem(x, "language \"%s\" is not a language tag such as en, fr, zh-Hans",
                              r->language);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= ly_import_text(x, "accessibility", v[LY_COL_ACCESSIBILITY], r->accessibility,
                         LY_ACCESSIBILITY_MAX, false);
    ok &= ly_import_text(x, "email", v[LY_COL_EMAIL], r->email, LY_EMAIL_MAX, false);
    ok &= ly_import_text(x, "phone", v[LY_COL_PHONE], r->phone, LY_PHONE_MAX, false);
    if (ly_import_text(x, "ticket_code", v[LY_COL_TICKET_CODE], r->alt_code, LY_ALT_CODE_MAX,
                       false)) {
        for (const char *p = r->alt_code; *p != '\0'; p++) {
            if (*p < 0x21 || *p > 0x7E) {
                ly_import_problem(x, "ticket_code may only contain printable ASCII without spaces");
                ok = false;
                break;
            }
        }
    } else {
        ok = false;
    }
    return ok;
}

/* First-pass checks across rows: duplicate ids and ticket codes in the file, and ticket codes
 * the database already gives to someone else. */
static void check_unique(struct ly_import_ctx *x, const struct ly_registration *r)
{
    bool found;
    const struct ly_strset_entry *e;
    if (!ly_strset_put(&x->ids, r->ext_id, x->line, 0, &found, &e)) {
        ly_import_problem(x, "out of memory");
        x->fatal = true;
        return;
    }
    if (found)
        ly_import_problem(x, "duplicate id \"%s\" (first on line %ld)", r->ext_id, e->line);
    if (r->alt_code[0] == '\0')
        return;
    if (!ly_strset_put(&x->codes, r->alt_code, x->line, 0, &found, &e)) {
        ly_import_problem(x, "out of memory");
        x->fatal = true;
        return;
    }
    if (found) {
        ly_import_problem(x, "duplicate ticket_code \"%s\" (first on line %ld)", r->alt_code,
                          e->line);
        return;
    }
    char err[256];
    uint32_t holder = 0;
    struct ly_attendee a;
    if (!ly_hubdb_find_alt_code(x->db, r->alt_code, &holder, err, sizeof err)) {
        ly_import_problem(x, "database: %s", err);
        x->fatal = true;
        return;
    }
    if (holder == 0)
        return;
    if (!ly_hubdb_attendee(x->db, holder, &a, err, sizeof err)) {
        ly_import_problem(x, "database: %s", err);
        x->fatal = true;
        return;
    }
    if (strcmp(a.reg.ext_id, r->ext_id) != 0)
        ly_import_problem(x, "ticket_code \"%s\" already belongs to registration \"%s\"",
                          r->alt_code, a.reg.ext_id);
}

/* Lanyard header: every column known, none twice, the required ones present (not the country:
 * without it every row is "not stated", as in an export without one). */
static bool lanyard_header(struct ly_import_ctx *x, const struct ly_csv *h, int col[LY_COL_COUNT])
{
    static const size_t required[] = {LY_COL_ID, LY_COL_NAME};
    return ly_import_header(x, h, lanyard_columns, LY_COL_COUNT, required,
                            sizeof required / sizeof required[0], col);
}

/* One pass over a registrations file. In the first pass, checks; in the second, writes. */
static void registrations_pass(struct ly_import_ctx *x, const char *data, size_t len,
                               const struct ly_import_options *opt, struct ly_import_result *res)
{
    enum ly_import_format fmt = opt->format;
    struct ly_csv *csv = ly_csv_new(data, len, 0);
    struct ly_import_foreign *foreign = NULL;
    struct ly_registration *r = malloc(sizeof(*r));
    bool good;
    /* (no registration buffer counts as no reader: out of memory) */
    if (!ly_import_read_header(x, r != NULL ? csv : NULL))
        goto end;
    size_t width = ly_csv_count(csv);
    if (fmt == LY_IMPORT_AUTO)
        fmt = ly_import_foreign_detect(csv);
    res->format = fmt;
    int col[LY_COL_COUNT];
    if (fmt == LY_IMPORT_LANYARD) {
        if (!lanyard_header(x, csv, col)) {
            x->fatal = true;
            goto end;
        }
        res->no_country_column = col[LY_COL_COUNTRY] < 0;
    } else {
        char err[512];
        foreign = malloc(sizeof(*foreign));
        if (foreign == NULL) {
            ly_import_problem(x, "out of memory");
            x->fatal = true;
            goto end;
        }
        if (!ly_import_foreign_header(foreign, fmt, csv, opt->without_codes, err, sizeof err)) {
            ly_import_problem(x, "%s", err);
            x->fatal = true;
            goto end;
        }
        res->no_country_column = !foreign->has_country;
        res->no_codes = !foreign->has_codes;
    }

    while (ly_import_next_row(x, csv, width, res, &good)) {
        if (!good)
            continue;
        struct ly_import_row row;
        if (foreign != NULL) {
            ly_import_foreign_row(foreign, csv, &row);
        } else {
            memset(&row, 0, sizeof row);
            for (size_t k = 0; k < LY_COL_COUNT; k++)
                row.v[k] = col[k] >= 0 ? ly_csv_field(csv, (size_t)col[k], NULL) : NULL;
        }
        if (row.cancelled) {
            if (!x->writing)
                res->skipped++;
            continue;
        }
        bool not_stated;
        bool good_row = check_registration(x, &row, fmt, r, &not_stated);
        if (not_stated && !x->writing) {
            if (res->no_country == 0)
                res->no_country_line = x->line;
            res->no_country++;
        }
        if (!good_row)
            continue;
        if (!x->writing) {
            check_unique(x, r);
            continue;
        }
        char err[512];
        enum ly_upsert what;
        if (!ly_hubdb_upsert_registration(x->db, r, &what, err, sizeof err)) {
            ly_import_problem(x, "database: %s", err);
            x->fatal = true;
            break;
        }
        ly_import_count_upsert(res, what);
    }
end:
    free(r);
    free(foreign);
    ly_csv_free(csv);
}

/* --- the two passes ------------------------------------------------------------------------- */

enum kind { REGISTRATIONS, SESSIONS, RULES };

static void pass(struct ly_import_ctx *x, const char *data, size_t len,
                 const struct ly_import_options *opt, enum kind kind, struct ly_import_result *res)
{
    if (kind == REGISTRATIONS)
        registrations_pass(x, data, len, opt, res);
    else if (kind == SESSIONS)
        ly_import_sessions_pass(x, data, len, res);
    else
        ly_import_rules_pass(x, data, len, res);
}

static bool run(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                const struct ly_import_options *opt, enum kind kind, FILE *errout,
                struct ly_import_result *res)
{
    struct ly_import_ctx x = {.db = db, .name = name, .out = errout, .res = res};
    enum ly_import_format fmt = opt->format;
    memset(res, 0, sizeof(*res));
    res->format = fmt;

    if (kind == REGISTRATIONS && (fmt == LY_IMPORT_SESSIONS || fmt == LY_IMPORT_RULES)) {
        ly_import_begin_row(&x, 1);
        ly_import_problem(&x, "%s are imported with 'import %s'", ly_import_format_name(fmt),
                          ly_import_format_name(fmt));
    } else {
        pass(&x, data, len, opt, kind, res);
    }
    ly_strset_free(&x.ids);
    ly_strset_free(&x.codes);
    if (x.bad_rows > 0) {
        ly_strset_free(&x.rooms);
        if (x.unprinted > 0 && errout != NULL)
            fprintf(errout, "%s: ... and %zu more problems\n", name, x.unprinted);
        res->errors = x.bad_rows;
        return false;
    }

    /* Second pass: the same rows, known good, written in one transaction. */
    char err[512];
    struct ly_import_result counts = *res;
    counts.inserted = counts.updated = counts.unchanged = 0;
    x.writing = true;
    if (!ly_hubdb_begin(db, err, sizeof err)) {
        if (errout != NULL)
            fprintf(errout, "%s: %s\n", name, err); /* err says "database: ..." */
        ly_strset_free(&x.rooms);
        return false;
    }
    struct ly_import_options detected = *opt;
    detected.format = res->format;
    pass(&x, data, len, &detected, kind, &counts);
    ly_strset_free(&x.rooms);
    if (x.bad_rows > 0 || !ly_hubdb_commit(db, err, sizeof err)) {
        /* Only the database can fail here: the rows were all checked. */
        if (x.bad_rows == 0 && errout != NULL)
            fprintf(errout, "%s: %s\n", name, err); /* err says "database: ..." */
        ly_hubdb_rollback(db);
        res->errors = 0;
        return false;
    }
    res->inserted = counts.inserted;
    res->updated = counts.updated;
    res->unchanged = counts.unchanged;
    res->changed = counts.changed;
    return true;
}

/* The warnings of a committed registrations import: what it kept that the organizer should
 * know about. */
static void registrations_warnings(FILE *out, const char *name, const struct ly_import_result *res)
{
    if (out == NULL)
        return;
    if (res->no_codes) {
        const char *sys = ly_import_foreign_system(res->format);
        fprintf(out,
                "%s: warning: no \"%s\" column: imported without %s ticket codes, as "
                "--without-codes asks; these attendees need a Lanyard badge, their %s tickets "
                "will not open the doors\n",
                name, ly_import_foreign_code_column(res->format), sys, sys);
    }
    size_t n = res->no_country;
    if (n == 0)
        return;
    if (res->no_country_column)
        fprintf(out,
                "%s: warning: the file has no country column: %zu registration%s imported with "
                "country \"not stated\" (counted on a line of their own in the statistics); to "
                "count them by country, ask for the country in the registration form and import "
                "a new export\n",
                name, n, n == 1 ? "" : "s");
    else
        fprintf(out,
                "%s: warning: %zu registration%s without a country (first on line %ld): "
                "imported with country \"not stated\" (counted on a line of their own in the "
                "statistics)\n",
                name, n, n == 1 ? "" : "s", res->no_country_line);
}

bool ly_import_registrations(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                             const struct ly_import_options *opt, FILE *errout,
                             struct ly_import_result *res)
{
    static const struct ly_import_options defaults = {.format = LY_IMPORT_AUTO};
    if (!run(db, name, data, len, opt != NULL ? opt : &defaults, REGISTRATIONS, errout, res))
        return false;
    registrations_warnings(errout, name, res);
    return true;
}

bool ly_import_sessions(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                        FILE *errout, struct ly_import_result *res)
{
    static const struct ly_import_options sessions = {.format = LY_IMPORT_SESSIONS};
    return run(db, name, data, len, &sessions, SESSIONS, errout, res);
}

bool ly_import_rules(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                     FILE *errout, struct ly_import_result *res)
{
    static const struct ly_import_options rules = {.format = LY_IMPORT_RULES};
    return run(db, name, data, len, &rules, RULES, errout, res);
}
