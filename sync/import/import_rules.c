/* import_rules.c - the gate rules import: Lanyard's rules CSV into the organizer database's
 * opening hours and notices, which the file replaces as a whole. See import_rules.h. */
#include "import/import_rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "event/records.h"
#include "common/num.h"

enum { R_RULE, R_PLACE, R_CATEGORY, R_DAY, R_OPENS, R_CLOSES, R_TEXT, R_COUNT };

static const char *const rule_columns[R_COUNT] = {
    "rule", "place", "category", "day", "opens", "closes", "text",
};

#define PLACE_FORMS "empty (every gate), venue, session:ID, room:NAME or type:SESSION_TYPE"

struct rules {
    int64_t first_day, last_day; /* the days opening hours may be given for */
    size_t notices_seen;         /* notice rows so far: the next notice's id */
    /* writing pass: the rows, known good, as the database takes them */
    struct ly_kiosk_hours *hours;
    struct ly_kiosk_notice *notices;
    size_t nhours, nnotices, hours_cap, notices_cap;
};

/* Reports the database failing: nothing further can be checked. */
static void database_failed(struct ly_import_ctx *x, const char *err)
{
    ly_import_problem(x, "database: %s", err);
    x->fatal = true;
}

/* Reads the event's days: opening hours may start LY_RULE_DAYS_BEFORE days before it. */
static bool event_days(struct ly_import_ctx *x, struct rules *r)
{
    struct ly_event ev;
    char err[256];
    int64_t last;
    ly_import_begin_row(x, 1);
    if (!ly_hubdb_event(x->db, &ev, err, sizeof err)) {
        ly_import_problem(x, "%s", err);
        x->fatal = true;
        return false;
    }
    if (!ly_num_date(ev.starts, &r->first_day) || !ly_num_date(ev.ends, &last)) {
        ly_import_problem(x, "the event's dates are unreadable: %s to %s", ev.starts, ev.ends);
        x->fatal = true;
        return false;
    }
    r->first_day -= LY_RULE_DAYS_BEFORE;
    r->last_day = last;
    return true;
}

/* Reports a value in a column that a row of this rule has no use for. */
static bool unused(struct ly_import_ctx *x, const char *col, const char *in, const char *rule)
{
    if (in == NULL || in[strspn(in, " ")] == '\0')
        return true;
    ly_import_problem(x, "%s must be empty in %s row", col, rule);
    return false;
}

/* Reads a time of day into out as HH:MM and *minutes. */
static bool take_time(struct ly_import_ctx *x, const char *col, const char *in, int *minutes,
                      char out[6])
{
    char text[32];
    if (!ly_import_text(x, col, in, text, sizeof text - 1, true))
        return false;
    if (!ly_num_time(text, minutes)) {
        ly_import_problem(x, "%s \"%s\" is not a time like 08:00 (24-hour clock%s)", col, text,
                          strcmp(text, "24:00") == 0 ? "; use 23:59 for midnight" : "");
        return false;
    }
    unsigned m = (unsigned)*minutes % 1440;
    snprintf(out, 6, "%02u:%02u", m / 60, m % 60);
    return true;
}

static bool check_hours(struct ly_import_ctx *x, const struct rules *r, const char *const *v,
                        struct ly_kiosk_hours *h)
{
    char place[LY_GATE_MAX + 1], day[32];
    bool ok = true;
    memset(h, 0, sizeof *h);
    if (ly_import_text(x, "place", v[R_PLACE], place, LY_GATE_MAX, false)) {
        if (place[0] != '\0' && strcasecmp(place, "venue") != 0) {
            ly_import_problem(x,
                              "place \"%s\": opening hours are the venue's; leave place empty or "
                              "write venue",
                              place);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= unused(x, "category", v[R_CATEGORY], "an hours");
    ok &= unused(x, "text", v[R_TEXT], "an hours");

    int64_t d;
    if (!ly_import_text(x, "day", v[R_DAY], day, sizeof day - 1, true)) {
        ok = false;
    } else if (!ly_num_date(day, &d)) {
        ly_import_problem(x, "day \"%s\" is not a date like 2025-06-23", day);
        ok = false;
    } else if (d < r->first_day || d > r->last_day) {
        char from[11], to[11];
        ly_num_format_date(r->first_day, from);
        ly_num_format_date(r->last_day, to);
        ly_import_problem(x,
                          "day %s is outside the event: opening hours may be given from %s (%d "
                          "days before the first day) to %s",
                          day, from, LY_RULE_DAYS_BEFORE, to);
        ok = false;
    } else {
        ly_num_format_date(d, h->day);
    }

    int opens = 0, closes = 0;
    bool times = take_time(x, "opens", v[R_OPENS], &opens, h->opens);
    times &= take_time(x, "closes", v[R_CLOSES], &closes, h->closes);
    if (times && closes <= opens) {
        ly_import_problem(x, "closes (%s) is not after opens (%s)", h->closes, h->opens);
        times = false;
    }
    return ok && times;
}

/* The places a notice may name in the programme, and how they are looked up. */
static const struct {
    const char *kind;
    bool (*find)(struct ly_hubdb *db, const char *key, int64_t *id, char *err, size_t errsz);
    const char *absent; /* the problem, given the key */
} references[] = {
    {"session", ly_hubdb_find_session, "no session has the id"},
    {"room", ly_hubdb_find_room, "no room is named"},
};

/* Checks a notice's place and writes it in its stored form ("session:S-001", "type:workshop"):
 * the session or room must be in the database, the type in the vocabulary. */
static bool check_place(struct ly_import_ctx *x, const char *in, char out[LY_GATE_MAX + 1])
{
    char place[LY_GATE_MAX + 1], err[256];
    out[0] = '\0';
    if (!ly_import_text(x, "place", in, place, LY_GATE_MAX, false))
        return false;
    if (place[0] == '\0')
        return true;
    if (strcasecmp(place, "venue") == 0) {
        snprintf(out, LY_GATE_MAX + 1, "venue");
        return true;
    }
    size_t kind_len = strcspn(place, ":");
    const char *key = place + kind_len + (place[kind_len] == ':');
    key += strspn(key, " ");
    bool keyed = place[kind_len] == ':' && *key != '\0';
    for (size_t i = 0; keyed && i < sizeof references / sizeof references[0]; i++) {
        if (strlen(references[i].kind) != kind_len ||
            strncasecmp(place, references[i].kind, kind_len) != 0)
            continue;
        int64_t id;
        if (!references[i].find(x->db, key, &id, err, sizeof err)) {
            database_failed(x, err);
            return false;
        }
        if (id == 0) {
            ly_import_problem(x, "place \"%s\": %s \"%s\" (import the programme first)", place,
                              references[i].absent, key);
            return false;
        }
        snprintf(out, LY_GATE_MAX + 1, "%s:%s", references[i].kind, key);
        return true;
    }
    if (!keyed || kind_len != 4 || strncasecmp(place, "type", 4) != 0) {
        ly_import_problem(x, "place \"%s\" is not one of: " PLACE_FORMS, place);
        return false;
    }
    const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_SESSION_TYPE, key);
    if (e == NULL) {
        char words[600];
        ly_import_list_words(LY_VOCAB_SESSION_TYPE, words, sizeof words);
        ly_import_problem(x, "place \"%s\": \"%s\" is not a session type: one of %s", place, key,
                          words);
        return false;
    }
    snprintf(out, LY_GATE_MAX + 1, "type:%s", e->id);
    return true;
}

static bool check_notice(struct ly_import_ctx *x, const char *const *v, struct ly_kiosk_notice *n)
{
    bool ok = true;
    memset(n, 0, sizeof *n);
    ok &= check_place(x, v[R_PLACE], n->place);
    ok &= ly_import_word(x, "category", v[R_CATEGORY], LY_VOCAB_CATEGORY, "", n->category);
    ok &= ly_import_text(x, "text", v[R_TEXT], n->text, LY_NOTICE_MAX, true);
    ok &= unused(x, "day", v[R_DAY], "a notice");
    ok &= unused(x, "opens", v[R_OPENS], "a notice");
    ok &= unused(x, "closes", v[R_CLOSES], "a notice");
    return ok;
}

/* Checking pass: adds key to set and returns the line it was first seen on, 0 when it is new
 * (or memory ran out, which ends the import). */
static long seen_on(struct ly_import_ctx *x, struct ly_strset *set, const char *key)
{
    bool found;
    const struct ly_strset_entry *e;
    if (!ly_strset_put(set, key, x->line, 0, &found, &e)) {
        ly_import_problem(x, "out of memory");
        x->fatal = true;
        return 0;
    }
    return found ? e->line : 0;
}

/* Checking pass: a day given twice (days are kept in x->ids). */
static void unique_hours(struct ly_import_ctx *x, const struct ly_kiosk_hours *h)
{
    long first = seen_on(x, &x->ids, h->day);
    if (first > 0)
        ly_import_problem(x, "duplicate opening hours for %s (first on line %ld)", h->day, first);
}

/* Checking pass: the same notice twice (kept in x->codes), or one too many. */
static void unique_notice(struct ly_import_ctx *x, const struct ly_kiosk_notice *n, size_t seen)
{
    char key[sizeof n->place + sizeof n->category + sizeof n->text];
    if (seen == LY_NOTICES_MAX + 1)
        ly_import_problem(x, "more than %d notices", LY_NOTICES_MAX);
    /* no field holds a line break, so this joins them unambiguously */
    snprintf(key, sizeof key, "%.*s\n%.*s\n%.*s", LY_GATE_MAX, n->place, LY_LABEL_MAX, n->category,
             LY_NOTICE_MAX, n->text);
    long first = seen_on(x, &x->codes, key);
    if (first > 0)
        ly_import_problem(x, "the same notice as on line %ld", first);
}

/* Writing pass: keeps a good row for the replacement. */
static void keep(struct ly_import_ctx *x, struct rules *r, const struct ly_kiosk_hours *h,
                 const struct ly_kiosk_notice *n)
{
    if (n != NULL && r->nnotices < r->notices_cap) {
        r->notices[r->nnotices++] = *n;
    } else if (n == NULL && r->nhours < r->hours_cap) {
        r->hours[r->nhours++] = *h;
    } else {
        ly_import_problem(x, "internal error: more rows than in the first pass");
        x->fatal = true;
    }
}

/* Checks one record; in the writing pass keeps it. */
static void rules_row(struct ly_import_ctx *x, struct rules *r, const struct ly_csv *csv,
                      const int col[R_COUNT], struct ly_import_result *res)
{
    const char *v[R_COUNT];
    char rule[LY_LABEL_MAX + 1];
    struct ly_kiosk_hours h;
    struct ly_kiosk_notice n;
    for (size_t k = 0; k < R_COUNT; k++)
        v[k] = col[k] >= 0 ? ly_csv_field(csv, (size_t)col[k], NULL) : NULL;
    if (!ly_import_text(x, "rule", v[R_RULE], rule, LY_LABEL_MAX, true))
        return;
    bool notice = strcasecmp(rule, "notice") == 0;
    if (!notice && strcasecmp(rule, "hours") != 0) {
        ly_import_problem(x, "rule \"%s\" is not hours or notice", rule);
        return;
    }
    if (notice) {
        r->notices_seen++;
        if (!check_notice(x, v, &n))
            return;
        n.id = (int64_t)r->notices_seen; /* the file's order is the display order */
    } else if (!check_hours(x, r, v, &h)) {
        return;
    }
    if (x->writing) {
        keep(x, r, &h, notice ? &n : NULL);
        return;
    }
    if (notice) {
        unique_notice(x, &n, r->notices_seen);
        res->notices++;
    } else {
        unique_hours(x, &h);
        res->hours++;
    }
}

void ly_import_rules_pass(struct ly_import_ctx *x, const char *data, size_t len,
                          struct ly_import_result *res)
{
    static const size_t required[] = {R_RULE};
    struct ly_csv *csv = ly_csv_new(data, len, 0);
    struct rules r = {0};
    int col[R_COUNT];
    bool good;
    char err[512];

    res->format = LY_IMPORT_RULES;
    if (!event_days(x, &r))
        goto end;
    if (x->writing) {
        /* the counts of the checking pass */
        r.hours_cap = res->hours;
        r.notices_cap = res->notices;
        r.hours = calloc(r.hours_cap + 1, sizeof *r.hours);
        r.notices = calloc(r.notices_cap + 1, sizeof *r.notices);
        if (r.hours == NULL || r.notices == NULL) {
            ly_import_problem(x, "out of memory");
            x->fatal = true;
            goto end;
        }
    }
    if (!ly_import_read_header(x, csv) ||
        !ly_import_header(x, csv, rule_columns, R_COUNT, required, 1, col)) {
        x->fatal = true;
        goto end;
    }
    size_t width = ly_csv_count(csv);
    while (ly_import_next_row(x, csv, width, res, &good)) {
        if (good)
            rules_row(x, &r, csv, col, res);
    }
    if (x->writing && !x->fatal && x->bad_rows == 0 &&
        !ly_hubdb_replace_rules(x->db, r.hours, r.nhours, r.notices, r.nnotices, &res->changed, err,
                                sizeof err))
        database_failed(x, err);
end:
    free(r.hours);
    free(r.notices);
    ly_csv_free(csv);
}
