/* counts.c - writing the hub's counts as JSON, as text and as the event statistics report. See
 * counts.h. */
#include "counts/counts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/json.h"
#include "event/country.h"

const struct ly_field ly_counts_head_fields[] = {
    LY_FIELD(struct ly_counts, onsite_unique),
    LY_FIELD(struct ly_counts, inside_now),
    LY_FIELD(struct ly_counts, countries),
    LY_FIELD_END,
};

const struct ly_field ly_counts_tail_fields[] = {
    LY_FIELD(struct ly_counts, generated_ms),
    LY_FIELD_KEY(struct ly_counts, event_name, "event"),
    LY_FIELD(struct ly_counts, today),
    LY_FIELD_RANGE(struct ly_counts, utc_offset_min, -24 * 60, 24 * 60),
    LY_FIELD_END,
};

const struct ly_field ly_counts_day_fields[] = {
    LY_FIELD(struct ly_count_day, day),
    LY_FIELD(struct ly_count_day, onsite_unique),
    LY_FIELD_END,
};

const struct ly_field ly_counts_place_fields[] = {
    LY_FIELD(struct ly_count_place, place),      LY_FIELD(struct ly_count_place, name),
    LY_FIELD(struct ly_count_place, capacity),   LY_FIELD(struct ly_count_place, inside),
    LY_FIELD(struct ly_count_place, attendance), LY_FIELD(struct ly_count_place, location),
    LY_FIELD(struct ly_count_place, as_of),      LY_FIELD_END,
};

const struct ly_field ly_counts_session_fields[] = {
    LY_FIELD(struct ly_count_session, session),
    LY_FIELD(struct ly_count_session, title),
    LY_FIELD(struct ly_count_session, type),
    LY_FIELD(struct ly_count_session, room),
    LY_FIELD(struct ly_count_session, starts),
    LY_FIELD(struct ly_count_session, capacity),
    LY_FIELD(struct ly_count_session, inside),
    LY_FIELD(struct ly_count_session, attendance),
    LY_FIELD(struct ly_count_session, ends),
    LY_FIELD(struct ly_count_session, restricted),
    LY_FIELD(struct ly_count_session, overflow),
    LY_FIELD(struct ly_count_session, overflow_location),
    LY_FIELD(struct ly_count_session, online_url),
    LY_FIELD(struct ly_count_session, as_of),
    LY_FIELD_END,
};

const struct ly_field ly_counts_country_fields[] = {
    LY_FIELD_KEY(struct ly_count_group, key, "country"),
    LY_FIELD(struct ly_count_group, n),
    LY_FIELD_END,
};

const struct ly_field ly_counts_region_fields[] = {
    LY_FIELD_KEY(struct ly_count_group, key, "region"),
    LY_FIELD(struct ly_count_group, n),
    LY_FIELD_END,
};

const struct ly_field ly_counts_stakeholder_fields[] = {
    LY_FIELD_KEY(struct ly_count_group, key, "stakeholder"),
    LY_FIELD(struct ly_count_group, n),
    LY_FIELD_END,
};

const struct ly_field ly_counts_session_type_fields[] = {
    LY_FIELD_KEY(struct ly_count_group, key, "type"),
    LY_FIELD(struct ly_count_group, sessions),
    LY_FIELD_KEY(struct ly_count_group, n, "attendance"),
    LY_FIELD_END,
};

const struct ly_field ly_counts_kiosk_head_fields[] = {
    LY_FIELD(struct ly_count_kiosk, name),
    LY_FIELD(struct ly_count_kiosk, gate),
    LY_FIELD(struct ly_count_kiosk, scans),
    LY_FIELD(struct ly_count_kiosk, granted),
    LY_FIELD_END,
};

const struct ly_field ly_counts_kiosk_tail_fields[] = {
    LY_FIELD(struct ly_count_kiosk, last_contact_ms),
    LY_FIELD(struct ly_count_kiosk, queue),
    LY_FIELD(struct ly_count_kiosk, revoked),
    LY_FIELD(struct ly_count_kiosk, health_ms),
    LY_FIELD_END,
};

const struct ly_field ly_counts_tick_fields[] = {
    LY_FIELD(struct ly_count_tick, t),
    LY_FIELD(struct ly_count_tick, entries),
    LY_FIELD_END,
};

void ly_counts_free(struct ly_counts *c)
{
    if (c == NULL)
        return;
    free(c->days);
    free(c->places);
    free(c->sessions);
    free(c->by_country);
    free(c->by_region);
    free(c->by_stakeholder);
    free(c->by_session_type);
    free(c->kiosks);
    free(c->timeline);
    free(c);
}

/* The kiosks, each with its denials by reason as an object between its other members. */
static void kiosks_json(FILE *f, const struct ly_counts *c)
{
    fputs(",\"kiosks\":[", f);
    for (size_t i = 0; i < c->nkiosks; i++) {
        const struct ly_count_kiosk *k = &c->kiosks[i];
        int first = 1, dfirst = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_fields(f, &first, ly_counts_kiosk_head_fields, k);
        fputs(",\"denied\":{", f);
        for (size_t j = 0; j < k->ndenied; j++)
            ly_json_kv_int(f, &dfirst, k->denied[j].reason, k->denied[j].n);
        fputc('}', f);
        ly_json_fields(f, &first, ly_counts_kiosk_tail_fields, k);
        ly_health_json(f, &first, "health", &k->health);
        fputc('}', f);
    }
    fputc(']', f);
}

#define OBJECTS(f, first, key, fields, arr, n)                                                     \
    ly_json_kv_objects(f, first, key, fields, arr, n, sizeof *(arr))

void ly_counts_json(FILE *f, const struct ly_counts *c)
{
    int first = 1;
    fputc('{', f);
    ly_json_fields(f, &first, ly_counts_head_fields, c);
    OBJECTS(f, &first, "days", ly_counts_day_fields, c->days, c->ndays);
    OBJECTS(f, &first, "places", ly_counts_place_fields, c->places, c->nplaces);
    OBJECTS(f, &first, "sessions", ly_counts_session_fields, c->sessions, c->nsessions);
    OBJECTS(f, &first, "by_country", ly_counts_country_fields, c->by_country, c->nby_country);
    OBJECTS(f, &first, "by_region", ly_counts_region_fields, c->by_region, c->nby_region);
    OBJECTS(f, &first, "by_stakeholder", ly_counts_stakeholder_fields, c->by_stakeholder,
            c->nby_stakeholder);
    OBJECTS(f, &first, "by_session_type", ly_counts_session_type_fields, c->by_session_type,
            c->nby_session_type);
    kiosks_json(f, c);
    OBJECTS(f, &first, "timeline", ly_counts_tick_fields, c->timeline, c->ntimeline);
    ly_json_fields(f, &first, ly_counts_tail_fields, c);
    fputc('}', f);
}

void ly_counts_local_time(struct ly_counts *c)
{
    time_t t = (time_t)(c->generated_ms / 1000);
    struct tm tm;
    c->today[0] = '\0';
    c->utc_offset_min = 0;
    if (localtime_r(&t, &tm) == NULL)
        return;
    strftime(c->today, sizeof c->today, "%Y-%m-%d", &tm);
    c->utc_offset_min = tm.tm_gmtoff / 60;
}

static const char *or_none(const char *s)
{
    return s[0] ? s : "(none)";
}

/* Onsite attendees who did not state a country: the by_country line of LY_COUNTRY_NOT_STATED
 * (and of "", which no backend writes but a hub's JSON could carry). */
static int64_t country_not_stated(const struct ly_counts *c)
{
    int64_t n = 0;
    for (size_t i = 0; i < c->nby_country; i++) {
        if (!ly_country_stated(c->by_country[i].key))
            n += c->by_country[i].n;
    }
    return n;
}

void ly_counts_text(FILE *f, const struct ly_counts *c)
{
    fprintf(f,
            "onsite (unique): %" PRId64 "\ninside now:      %" PRId64 "\ncountries:       %" PRId64,
            c->onsite_unique, c->inside_now, c->countries);
    int64_t unstated = country_not_stated(c);
    if (unstated > 0)
        fprintf(f, " (and %" PRId64 " onsite without a stated country)", unstated);
    fputc('\n', f);
    for (size_t i = 0; i < c->ndays; i++)
        fprintf(f, "  %s  %6" PRId64 " onsite\n", c->days[i].day, c->days[i].onsite_unique);
    fputs("places (inside / capacity, attendance):\n", f);
    for (size_t i = 0; i < c->nplaces; i++) {
        const struct ly_count_place *p = &c->places[i];
        if (p->capacity > 0)
            fprintf(f, "  %-40.40s %6" PRId64 " / %-6" PRId64 " %6" PRId64 "\n", p->name, p->inside,
                    p->capacity, p->attendance);
        else
            fprintf(f, "  %-40.40s %6" PRId64 "          %6" PRId64 "\n", p->name, p->inside,
                    p->attendance);
    }
    fputs("by stakeholder group:\n", f);
    for (size_t i = 0; i < c->nby_stakeholder; i++)
        fprintf(f, "  %-30s %6" PRId64 "\n", or_none(c->by_stakeholder[i].key),
                c->by_stakeholder[i].n);
    fputs("by region:\n", f);
    for (size_t i = 0; i < c->nby_region; i++)
        fprintf(f, "  %-30s %6" PRId64 "\n", or_none(c->by_region[i].key), c->by_region[i].n);
    fputs("kiosks (scans, granted, denied, queue):\n", f);
    for (size_t i = 0; i < c->nkiosks; i++) {
        const struct ly_count_kiosk *k = &c->kiosks[i];
        int64_t denied = 0;
        for (size_t j = 0; j < k->ndenied; j++)
            denied += k->denied[j].n;
        fprintf(f, "  %-24.24s %-16.16s %6" PRId64 " %6" PRId64 " %6" PRId64 " %6" PRId64 "%s\n",
                k->name, k->gate, k->scans, k->granted, denied, k->queue,
                k->revoked ? "  revoked" : "");
    }
}

void ly_counts_csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_row(FILE *f, const char *section, const char *key, int64_t value)
{
    ly_counts_csv_field(f, section);
    fputc(',', f);
    ly_counts_csv_field(f, key);
    fprintf(f, ",%" PRId64 "\r\n", value);
}

static void report_csv(FILE *f, const struct ly_counts *c)
{
    fputs("section,key,value\r\n", f);
    csv_row(f, "total", "onsite_participants", c->onsite_unique);
    csv_row(f, "total", "countries", c->countries);
    for (size_t i = 0; i < c->ndays; i++)
        csv_row(f, "day", c->days[i].day, c->days[i].onsite_unique);
    for (size_t i = 0; i < c->nby_stakeholder; i++)
        csv_row(f, "stakeholder", c->by_stakeholder[i].key, c->by_stakeholder[i].n);
    for (size_t i = 0; i < c->nby_region; i++)
        csv_row(f, "region", c->by_region[i].key, c->by_region[i].n);
    for (size_t i = 0; i < c->nby_country; i++)
        csv_row(f, "country", c->by_country[i].key, c->by_country[i].n);
    for (size_t i = 0; i < c->nby_session_type; i++) {
        csv_row(f, "session_type_sessions", c->by_session_type[i].key,
                c->by_session_type[i].sessions);
        csv_row(f, "session_type_attendance", c->by_session_type[i].key, c->by_session_type[i].n);
    }
}

/* A breakdown as a Markdown table; countries says its keys are country codes (the code of
 * "not stated" is written as words). */
static void report_table(FILE *f, const char *title, const char *col,
                         const struct ly_count_group *g, size_t n, int64_t total, bool countries)
{
    fprintf(f, "\n## %s\n\n| %s | participants | share |\n| --- | ---: | ---: |\n", title, col);
    for (size_t i = 0; i < n; i++) {
        const char *key = countries && !ly_country_stated(g[i].key) ? "not stated" : g[i].key;
        fprintf(f, "| %s | %" PRId64 " | %.1f %% |\n", or_none(key), g[i].n,
                total > 0 ? 100.0 * (double)g[i].n / (double)total : 0.0);
    }
}

void ly_counts_report(FILE *f, const struct ly_counts *c, bool csv)
{
    if (csv) {
        report_csv(f, c);
        return;
    }
    fprintf(f, "# %s: participation\n\n", c->event_name[0] ? c->event_name : "Event");
    fprintf(f, "**%" PRId64 " onsite participants from %" PRId64 " countries.**", c->onsite_unique,
            c->countries);
    int64_t unstated = country_not_stated(c);
    if (unstated > 0)
        fprintf(f, " %" PRId64 " of them did not state a country.", unstated);
    fputc('\n', f);
    if (c->ndays > 0) {
        fputs("\n## Onsite participants per day\n\n| day | participants |\n| --- | ---: |\n", f);
        for (size_t i = 0; i < c->ndays; i++)
            fprintf(f, "| %s | %" PRId64 " |\n", c->days[i].day, c->days[i].onsite_unique);
    }
    report_table(f, "By stakeholder group", "stakeholder group", c->by_stakeholder,
                 c->nby_stakeholder, c->onsite_unique, false);
    report_table(f, "By regional group", "region", c->by_region, c->nby_region, c->onsite_unique,
                 false);
    report_table(f, "By country", "country", c->by_country, c->nby_country, c->onsite_unique, true);
    fputs("\n## Per session type\n\n| session type | sessions | attendance |\n| --- | ---: | ---: "
          "|\n",
          f);
    for (size_t i = 0; i < c->nby_session_type; i++)
        fprintf(f, "| %s | %" PRId64 " | %" PRId64 " |\n", or_none(c->by_session_type[i].key),
                c->by_session_type[i].sessions, c->by_session_type[i].n);
    fputs("\nCounted from the check-ins of every kiosk: a participant is onsite once admitted at "
          "any door; attendance of a session counts each participant once.\n",
          f);
}
