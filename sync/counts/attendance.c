/* attendance.c - who attended a session. See attendance.h. */
#include "counts/attendance.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/json.h"
#include "common/ly_limits.h"

/* The people who entered session ?: its place, by any door (a room door counts into it). */
#define ENTERED                                                                                    \
    "SELECT p.attendee_id FROM presence p JOIN sessions s ON p.place = 'session:' || s.ext_id "    \
    "WHERE s.id = ? AND p.entered"

struct ctx {
    struct ly_attendance *a;
    const char *want;
    int64_t id;
    bool found;
    struct ly_count_group **arr;
    size_t *n, cap;
    char *err;
    size_t errsz;
};

void ly_attendance_free(struct ly_attendance *a)
{
    if (a == NULL)
        return;
    free(a->by_stakeholder);
    free(a->by_region);
    free(a->by_country);
    free(a->people);
    free(a);
}

static bool session_row(void *p, const struct ly_row *r)
{
    struct ctx *x = p;
    if (x->found || strcmp(ly_row_text(r, 1), x->want) != 0)
        return true;
    x->found = true;
    x->id = ly_row_num(r, 0);
    ly_row_copy(r, 1, x->a->session, sizeof x->a->session);
    ly_row_copy(r, 2, x->a->title, sizeof x->a->title);
    ly_row_copy(r, 3, x->a->room, sizeof x->a->room);
    ly_row_copy(r, 4, x->a->starts, sizeof x->a->starts);
    ly_row_copy(r, 5, x->a->ends, sizeof x->a->ends);
    return true;
}

static bool scalar_row(void *p, const struct ly_row *r)
{
    *(int64_t *)p = ly_row_num(r, 0);
    return true;
}

static bool group_row(void *p, const struct ly_row *r)
{
    struct ctx *x = p;
    struct ly_count_group *g =
        ly_array_push((void **)x->arr, x->n, &x->cap, sizeof **x->arr, LY_COUNTS_ROWS_MAX);
    if (g == NULL)
        return ly_fail(x->err, x->errsz, "out of memory");
    ly_row_copy(r, 0, g->key, sizeof g->key);
    g->n = ly_row_num(r, 1);
    return true;
}

static bool person_row(void *p, const struct ly_row *r)
{
    struct ctx *x = p;
    size_t cap = x->a->npeople;
    struct ly_attendee_line *e =
        ly_array_push((void **)&x->a->people, &x->a->npeople, &cap, sizeof *e, LY_COUNTS_ROWS_MAX);
    if (e == NULL)
        return ly_fail(x->err, x->errsz, "out of memory");
    ly_row_copy(r, 0, e->name, sizeof e->name);
    ly_row_copy(r, 1, e->affiliation, sizeof e->affiliation);
    ly_row_copy(r, 2, e->country, sizeof e->country);
    ly_row_copy(r, 3, e->stakeholder, sizeof e->stakeholder);
    return true;
}

/* Folds the groups of fewer than LY_ATTENDANCE_MIN_CELL people into one last line. */
static void fold(struct ly_count_group *g, size_t *n)
{
    size_t kept = 0;
    int64_t folded = 0;
    for (size_t i = 0; i < *n; i++) {
        if (g[i].n < LY_ATTENDANCE_MIN_CELL)
            folded += g[i].n;
        else
            g[kept++] = g[i];
    }
    if (folded > 0) {
        memset(&g[kept], 0, sizeof g[kept]);
        snprintf(g[kept].key, sizeof g[kept].key, "%s", LY_ATTENDANCE_FOLDED);
        g[kept++].n = folded;
    }
    *n = kept;
}

/* Runs sql (its ? the session id) for one breakdown into *arr. */
static bool groups(ly_query_fn q, void *db, struct ctx *x, const char *sql,
                   struct ly_count_group **arr, size_t *n)
{
    x->arr = arr;
    x->n = n;
    x->cap = 0;
    if (!q(db, sql, x->id, group_row, x, x->err, x->errsz))
        return false;
    if (!x->a->names)
        fold(*arr, n);
    return true;
}

#define BREAKDOWN(col)                                                                             \
    "SELECT " col ", count(*) AS n FROM registrations WHERE id IN (" ENTERED ") GROUP BY " col     \
    " ORDER BY n DESC, " col

bool ly_attendance_build(ly_query_fn q, void *db, const char *session, bool *found,
                         struct ly_attendance **out, char *err, size_t errsz)
{
    struct ctx x = {.want = session, .err = err, .errsz = errsz};
    int64_t names = 0;
    *found = false;
    x.a = calloc(1, sizeof *x.a);
    if (x.a == NULL)
        return ly_fail(err, errsz, "out of memory");
    bool ok = q(db,
                "SELECT s.id, s.ext_id, s.title, r.name, s.starts, s.ends FROM sessions s "
                "JOIN rooms r ON r.id = s.room_id ORDER BY s.id",
                -1, session_row, &x, err, errsz);
    if (ok && x.found) {
        ok = q(db, "SELECT value FROM meta WHERE key = 'attendance_names'", -1, scalar_row, &names,
               err, errsz) &&
             q(db, "SELECT count(*) FROM (" ENTERED ") AS e", x.id, scalar_row, &x.a->attendees,
               err, errsz);
        x.a->names = names != 0;
        ok = ok &&
             groups(q, db, &x, BREAKDOWN("stakeholder"), &x.a->by_stakeholder,
                    &x.a->nby_stakeholder) &&
             groups(q, db, &x, BREAKDOWN("region"), &x.a->by_region, &x.a->nby_region) &&
             groups(q, db, &x, BREAKDOWN("country"), &x.a->by_country, &x.a->nby_country) &&
             (!x.a->names ||
              q(db,
                "SELECT name, affiliation, country, stakeholder FROM registrations WHERE id IN "
                "(" ENTERED ") ORDER BY name, id",
                x.id, person_row, &x, err, errsz));
    }
    if (!ok || !x.found) {
        ly_attendance_free(x.a);
        return ok;
    }
    *found = true;
    *out = x.a;
    return true;
}

static void groups_json(FILE *f, int *first, const char *key, const char *member,
                        const struct ly_count_group *g, size_t n)
{
    fputs(*first ? "" : ",", f);
    *first = 0;
    ly_json_str(f, key);
    fputs(":[", f);
    for (size_t i = 0; i < n; i++) {
        int f2 = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &f2, member, g[i].key);
        ly_json_kv_int(f, &f2, "n", g[i].n);
        fputc('}', f);
    }
    fputc(']', f);
}

void ly_attendance_json(FILE *f, const struct ly_attendance *a)
{
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "session", a->session);
    ly_json_kv_str(f, &first, "title", a->title);
    ly_json_kv_str(f, &first, "room", a->room);
    ly_json_kv_str(f, &first, "starts", a->starts);
    ly_json_kv_str(f, &first, "ends", a->ends);
    ly_json_kv_int(f, &first, "attendees", a->attendees);
    ly_json_kv_bool(f, &first, "names", a->names);
    ly_json_kv_int(f, &first, "min_cell", a->names ? 0 : LY_ATTENDANCE_MIN_CELL);
    groups_json(f, &first, "by_stakeholder", "stakeholder", a->by_stakeholder, a->nby_stakeholder);
    groups_json(f, &first, "by_region", "region", a->by_region, a->nby_region);
    groups_json(f, &first, "by_country", "country", a->by_country, a->nby_country);
    if (a->names) {
        fputs(",\"people\":[", f);
        for (size_t i = 0; i < a->npeople; i++) {
            int f2 = 1;
            fputs(i ? ",{" : "{", f);
            ly_json_kv_str(f, &f2, "name", a->people[i].name);
            ly_json_kv_str(f, &f2, "affiliation", a->people[i].affiliation);
            ly_json_kv_str(f, &f2, "country", a->people[i].country);
            ly_json_kv_str(f, &f2, "stakeholder", a->people[i].stakeholder);
            fputc('}', f);
        }
        fputc(']', f);
    }
    fputs("}\n", f);
}

static void csv_row(FILE *f, const char *section, const char *key, const char *value)
{
    ly_counts_csv_field(f, section);
    fputc(',', f);
    ly_counts_csv_field(f, key);
    fputc(',', f);
    ly_counts_csv_field(f, value);
    fputs("\r\n", f);
}

static void groups_csv(FILE *f, const char *section, const struct ly_count_group *g, size_t n)
{
    char v[24];
    for (size_t i = 0; i < n; i++) {
        snprintf(v, sizeof v, "%" PRId64, g[i].n);
        csv_row(f, section, g[i].key, v);
    }
}

void ly_attendance_csv(FILE *f, const struct ly_attendance *a)
{
    char v[24];
    fputs("section,key,value\r\n", f);
    csv_row(f, "session", a->session, a->title);
    csv_row(f, "session", "room", a->room);
    csv_row(f, "session", "starts", a->starts);
    csv_row(f, "session", "ends", a->ends);
    snprintf(v, sizeof v, "%" PRId64, a->attendees);
    csv_row(f, "total", "attendees", v);
    groups_csv(f, "stakeholder", a->by_stakeholder, a->nby_stakeholder);
    groups_csv(f, "region", a->by_region, a->nby_region);
    groups_csv(f, "country", a->by_country, a->nby_country);
    for (size_t i = 0; i < a->npeople; i++)
        csv_row(f, "person", a->people[i].name, a->people[i].country);
}
