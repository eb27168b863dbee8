/* counts.c - writing the hub's counts as JSON, as text and as the event statistics report. See
 * counts.h. */
#include "counts/counts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/json.h"
#include "event/country.h"

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

static void groups_json(FILE *f, const char *name, const char *key, const struct ly_count_group *g,
                        size_t n, bool types)
{
    fprintf(f, ",\"%s\":[", name);
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &first, key, g[i].key);
        if (types) {
            ly_json_kv_int(f, &first, "sessions", g[i].sessions);
            ly_json_kv_int(f, &first, "attendance", g[i].n);
        } else {
            ly_json_kv_int(f, &first, "n", g[i].n);
        }
        fputc('}', f);
    }
    fputc(']', f);
}

static void kiosks_json(FILE *f, const struct ly_counts *c)
{
    fputs(",\"kiosks\":[", f);
    for (size_t i = 0; i < c->nkiosks; i++) {
        const struct ly_count_kiosk *k = &c->kiosks[i];
        int first = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &first, "name", k->name);
        ly_json_kv_str(f, &first, "gate", k->gate);
        ly_json_kv_int(f, &first, "scans", k->scans);
        ly_json_kv_int(f, &first, "granted", k->granted);
        fputs(",\"denied\":{", f);
        int dfirst = 1;
        for (size_t j = 0; j < k->ndenied; j++)
            ly_json_kv_int(f, &dfirst, k->denied[j].reason, k->denied[j].n);
        fputc('}', f);
        ly_json_kv_int(f, &first, "last_contact_ms", k->last_contact_ms);
        ly_json_kv_int(f, &first, "queue", k->queue);
        ly_json_kv_bool(f, &first, "revoked", k->revoked);
        fputc('}', f);
    }
    fputc(']', f);
}

void ly_counts_json(FILE *f, const struct ly_counts *c)
{
    int first = 1;
    fputc('{', f);
    ly_json_kv_int(f, &first, "onsite_unique", c->onsite_unique);
    ly_json_kv_int(f, &first, "inside_now", c->inside_now);
    ly_json_kv_int(f, &first, "countries", c->countries);
    fputs(",\"days\":[", f);
    for (size_t i = 0; i < c->ndays; i++) {
        int ff = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &ff, "day", c->days[i].day);
        ly_json_kv_int(f, &ff, "onsite_unique", c->days[i].onsite_unique);
        fputc('}', f);
    }
    fputs("],\"places\":[", f);
    for (size_t i = 0; i < c->nplaces; i++) {
        const struct ly_count_place *p = &c->places[i];
        int ff = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &ff, "place", p->place);
        ly_json_kv_str(f, &ff, "name", p->name);
        ly_json_kv_int(f, &ff, "capacity", p->capacity);
        ly_json_kv_int(f, &ff, "inside", p->inside);
        ly_json_kv_int(f, &ff, "attendance", p->attendance);
        fputc('}', f);
    }
    fputs("],\"sessions\":[", f);
    for (size_t i = 0; i < c->nsessions; i++) {
        const struct ly_count_session *s = &c->sessions[i];
        int ff = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_kv_str(f, &ff, "session", s->session);
        ly_json_kv_str(f, &ff, "title", s->title);
        ly_json_kv_str(f, &ff, "type", s->type);
        ly_json_kv_str(f, &ff, "room", s->room);
        ly_json_kv_str(f, &ff, "starts", s->starts);
        ly_json_kv_int(f, &ff, "capacity", s->capacity);
        ly_json_kv_int(f, &ff, "inside", s->inside);
        ly_json_kv_int(f, &ff, "attendance", s->attendance);
        fputc('}', f);
    }
    fputc(']', f);
    groups_json(f, "by_country", "country", c->by_country, c->nby_country, false);
    groups_json(f, "by_region", "region", c->by_region, c->nby_region, false);
    groups_json(f, "by_stakeholder", "stakeholder", c->by_stakeholder, c->nby_stakeholder, false);
    groups_json(f, "by_session_type", "type", c->by_session_type, c->nby_session_type, true);
    kiosks_json(f, c);
    fputs(",\"timeline\":[", f);
    for (size_t i = 0; i < c->ntimeline; i++)
        fprintf(f, "%s{\"t\":%" PRId64 ",\"entries\":%" PRId64 "}", i ? "," : "", c->timeline[i].t,
                c->timeline[i].entries);
    fputc(']', f);
    ly_json_kv_int(f, &first, "generated_ms", c->generated_ms);
    ly_json_kv_str(f, &first, "event", c->event_name);
    ly_json_kv_str(f, &first, "today", c->today);
    ly_json_kv_int(f, &first, "utc_offset_min", c->utc_offset_min);
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

/* Writes one CSV field, quoted when it needs to be (RFC 4180). */
static void csv_field(FILE *f, const char *s)
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
    csv_field(f, section);
    fputc(',', f);
    csv_field(f, key);
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
