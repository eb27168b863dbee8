/* counts_read.c - reading the counts JSON a hub serves back into a struct ly_counts (for
 * `lanyard counts --hub`). See counts.h. */
#include <stdio.h>
#include <stdlib.h>

#include "counts/counts.h"
#include "common/fail.h"
#include "common/jsonr.h"

static int64_t num(const struct ly_jsonr_val *o, const char *key)
{
    int64_t v = 0;
    return ly_jsonr_get_int(o, key, INT64_MIN, INT64_MAX, &v) ? v : 0;
}

static void text(const struct ly_jsonr_val *o, const char *key, char *dst, size_t dstsz)
{
    const char *s = ly_jsonr_str(ly_jsonr_get(o, key), NULL);
    snprintf(dst, dstsz, "%s", s ? s : "");
}

/* Allocates *arr for the members of the array member key of o; returns their count. */
static size_t array(const struct ly_jsonr_val *o, const char *key, void **arr, size_t elem,
                    const struct ly_jsonr_val **first, bool *oom)
{
    const struct ly_jsonr_val *a = ly_jsonr_get(o, key);
    size_t n = ly_jsonr_type(a) == LY_JSONR_ARRAY ? ly_jsonr_len(a) : 0;
    *first = ly_jsonr_first(a);
    *arr = calloc(n ? n : 1, elem);
    if (*arr == NULL)
        *oom = true;
    return *arr ? n : 0;
}

#define ARRAY(key, field, first) array(r, key, (void **)&c->field, sizeof *c->field, &first, &oom)

static void groups(const struct ly_jsonr_val *r, const char *key, const char *name,
                   struct ly_count_group **arr, size_t *n, bool *oom)
{
    const struct ly_jsonr_val *m;
    *n = array(r, key, (void **)arr, sizeof **arr, &m, oom);
    for (size_t i = 0; i < *n; i++, m = ly_jsonr_next(m)) {
        text(m, name, (*arr)[i].key, sizeof(*arr)[i].key);
        (*arr)[i].n = ly_jsonr_get(m, "n") ? num(m, "n") : num(m, "attendance");
        (*arr)[i].sessions = num(m, "sessions");
    }
}

static void kiosks(const struct ly_jsonr_val *r, struct ly_counts *c, bool *oom)
{
    const struct ly_jsonr_val *m;
    c->nkiosks = array(r, "kiosks", (void **)&c->kiosks, sizeof *c->kiosks, &m, oom);
    for (size_t i = 0; i < c->nkiosks; i++, m = ly_jsonr_next(m)) {
        struct ly_count_kiosk *k = &c->kiosks[i];
        text(m, "name", k->name, sizeof k->name);
        text(m, "gate", k->gate, sizeof k->gate);
        k->scans = num(m, "scans");
        k->granted = num(m, "granted");
        k->last_contact_ms = num(m, "last_contact_ms");
        k->queue = num(m, "queue");
        bool b = false;
        k->revoked = ly_jsonr_bool(ly_jsonr_get(m, "revoked"), &b) && b;
        const struct ly_jsonr_val *d = ly_jsonr_get(m, "denied");
        for (const struct ly_jsonr_val *e = ly_jsonr_first(d);
             e && k->ndenied < LY_COUNTS_REASONS_MAX; e = ly_jsonr_next(e)) {
            snprintf(k->denied[k->ndenied].reason, sizeof k->denied[0].reason, "%s",
                     ly_jsonr_key(e) ? ly_jsonr_key(e) : "");
            int64_t v = 0;
            k->denied[k->ndenied++].n = ly_jsonr_int(e, 0, INT64_MAX, &v) ? v : 0;
        }
    }
}

bool ly_counts_parse(const char *body, size_t n, struct ly_counts **out, char *err, size_t errsz)
{
    struct ly_jsonr *doc = ly_jsonr_parse(body, n, err, errsz);
    if (doc == NULL)
        return false;
    const struct ly_jsonr_val *r = ly_jsonr_root(doc), *m;
    int64_t v;
    if (!ly_jsonr_get_int(r, "onsite_unique", 0, INT64_MAX, &v)) {
        ly_jsonr_free(doc);
        return ly_fail(err, errsz, "the answer is not the hub's counts");
    }
    struct ly_counts *c = calloc(1, sizeof *c);
    bool oom = c == NULL;
    if (c) {
        c->onsite_unique = v;
        c->inside_now = num(r, "inside_now");
        c->countries = num(r, "countries");
        c->generated_ms = num(r, "generated_ms");
        text(r, "event", c->event_name, sizeof c->event_name);
        text(r, "today", c->today, sizeof c->today);
        int64_t off = 0;
        c->utc_offset_min =
            ly_jsonr_get_int(r, "utc_offset_min", -24 * 60, 24 * 60, &off) ? off : 0;
        c->ndays = ARRAY("days", days, m);
        for (size_t i = 0; i < c->ndays; i++, m = ly_jsonr_next(m)) {
            text(m, "day", c->days[i].day, sizeof c->days[i].day);
            c->days[i].onsite_unique = num(m, "onsite_unique");
        }
        c->nplaces = ARRAY("places", places, m);
        for (size_t i = 0; i < c->nplaces; i++, m = ly_jsonr_next(m)) {
            struct ly_count_place *p = &c->places[i];
            text(m, "place", p->place, sizeof p->place);
            text(m, "name", p->name, sizeof p->name);
            p->capacity = num(m, "capacity");
            p->inside = num(m, "inside");
            p->attendance = num(m, "attendance");
        }
        c->nsessions = ARRAY("sessions", sessions, m);
        for (size_t i = 0; i < c->nsessions; i++, m = ly_jsonr_next(m)) {
            struct ly_count_session *s = &c->sessions[i];
            text(m, "session", s->session, sizeof s->session);
            text(m, "title", s->title, sizeof s->title);
            text(m, "type", s->type, sizeof s->type);
            text(m, "room", s->room, sizeof s->room);
            text(m, "starts", s->starts, sizeof s->starts);
            s->capacity = num(m, "capacity");
            s->inside = num(m, "inside");
            s->attendance = num(m, "attendance");
        }
        groups(r, "by_country", "country", &c->by_country, &c->nby_country, &oom);
        groups(r, "by_region", "region", &c->by_region, &c->nby_region, &oom);
        groups(r, "by_stakeholder", "stakeholder", &c->by_stakeholder, &c->nby_stakeholder, &oom);
        groups(r, "by_session_type", "type", &c->by_session_type, &c->nby_session_type, &oom);
        kiosks(r, c, &oom);
        c->ntimeline = ARRAY("timeline", timeline, m);
        for (size_t i = 0; i < c->ntimeline; i++, m = ly_jsonr_next(m)) {
            c->timeline[i].t = num(m, "t");
            c->timeline[i].entries = num(m, "entries");
        }
    }
    ly_jsonr_free(doc);
    if (oom) {
        ly_counts_free(c);
        return ly_fail(err, errsz, "out of memory");
    }
    *out = c;
    return true;
}
