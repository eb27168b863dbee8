/* counts_read.c - reading the counts JSON a hub serves back into a struct ly_counts (for
 * `lanyard counts --hub`). See counts.h. */
#include <stdlib.h>

#include "counts/counts.h"
#include "common/fail.h"
#include "common/fields.h"
#include "common/jsonr.h"

/* Allocates *arr for the members of the array member key of o and reads each by fields (members
 * it does not know are ignored, those it misses are 0); returns their count. */
static size_t objects(const struct ly_jsonr_val *o, const char *key, const struct ly_field *fields,
                      void **arr, size_t elem, bool *oom)
{
    const struct ly_jsonr_val *a = ly_jsonr_get(o, key), *m = ly_jsonr_first(a);
    size_t n = ly_jsonr_type(a) == LY_JSONR_ARRAY ? ly_jsonr_len(a) : 0;
    *arr = calloc(n ? n : 1, elem);
    if (*arr == NULL) {
        *oom = true;
        return 0;
    }
    for (size_t i = 0; i < n; i++, m = ly_jsonr_next(m))
        ly_jsonr_fields_lenient(m, fields, (char *)*arr + i * elem);
    return n;
}

#define OBJECTS(key, fields, field)                                                                \
    objects(r, key, fields, (void **)&c->field, sizeof *c->field, &oom)

/* A denial reason is read as the lenient fields read a text: one too long is cut before the
 * character the end would split (cut inside one, it was written back out as invalid UTF-8, which
 * every JSON reader refuses). */
static const struct ly_field reason_field = LY_FIELD(struct ly_count_reason, reason);

/* The rest of each kiosk: its members after the denials, and the denials, an object of counts by
 * reason. */
static void kiosks_rest(const struct ly_jsonr_val *r, struct ly_counts *c)
{
    const struct ly_jsonr_val *m = ly_jsonr_first(ly_jsonr_get(r, "kiosks"));
    for (size_t i = 0; i < c->nkiosks; i++, m = ly_jsonr_next(m)) {
        struct ly_count_kiosk *k = &c->kiosks[i];
        ly_jsonr_fields_lenient(m, ly_counts_kiosk_tail_fields, k);
        ly_jsonr_fields_lenient(ly_jsonr_get(m, "health"), ly_kiosk_health_fields, &k->health);
        const struct ly_jsonr_val *d = ly_jsonr_get(m, "denied");
        for (const struct ly_jsonr_val *e = ly_jsonr_first(d);
             e && k->ndenied < LY_COUNTS_REASONS_MAX; e = ly_jsonr_next(e)) {
            ly_field_set_text(&reason_field, &k->denied[k->ndenied],
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
    const struct ly_jsonr_val *r = ly_jsonr_root(doc);
    int64_t v;
    if (!ly_jsonr_get_int(r, "onsite_unique", 0, INT64_MAX, &v)) {
        ly_jsonr_free(doc);
        return ly_fail(err, errsz, "the answer is not the hub's counts");
    }
    struct ly_counts *c = calloc(1, sizeof *c);
    bool oom = c == NULL;
    if (c) {
        ly_jsonr_fields_lenient(r, ly_counts_head_fields, c);
        ly_jsonr_fields_lenient(r, ly_counts_tail_fields, c);
        c->ndays = OBJECTS("days", ly_counts_day_fields, days);
        c->nplaces = OBJECTS("places", ly_counts_place_fields, places);
        c->nsessions = OBJECTS("sessions", ly_counts_session_fields, sessions);
        c->nby_country = OBJECTS("by_country", ly_counts_country_fields, by_country);
        c->nby_region = OBJECTS("by_region", ly_counts_region_fields, by_region);
        c->nby_stakeholder =
            OBJECTS("by_stakeholder", ly_counts_stakeholder_fields, by_stakeholder);
        c->nby_session_type =
            OBJECTS("by_session_type", ly_counts_session_type_fields, by_session_type);
        c->nkiosks = OBJECTS("kiosks", ly_counts_kiosk_head_fields, kiosks);
        c->ntimeline = OBJECTS("timeline", ly_counts_tick_fields, timeline);
        kiosks_rest(r, c);
    }
    ly_jsonr_free(doc);
    if (oom) {
        ly_counts_free(c);
        return ly_fail(err, errsz, "out of memory");
    }
    *out = c;
    return true;
}
