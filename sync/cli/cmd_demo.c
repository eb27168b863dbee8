/* cmd_demo.c - `lanyard demo-data`: fills the organizer database with the demo forum of demo.h,
 * through the same CSV import an organizer uses, and optionally writes the three CSV files as a
 * template. See cli.h. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "import/import.h"
#include "common/num.h"
#include "event/vocab.h"

#define REGISTRATIONS_FILE "demo-registrations.csv"
#define SESSIONS_FILE      "demo-sessions.csv"
#define RULES_FILE         "demo-rules.csv"

struct demo_options {
    int64_t count, seed;
    const char *start; /* NULL: today, or the existing event's first day */
    const char *csv_dir;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: lanyard demo-data [--count N] [--start YYYY-MM-DD] [--seed N] [--csv DIR]\n"
            "  --count N     registrations to create (default %d)\n"
            "  --start DATE  first day (Day 0) of a new event (default: today)\n"
            "  --seed N      generator seed (default 1); same seed, same data\n"
            "  --csv DIR     also write " REGISTRATIONS_FILE ", " SESSIONS_FILE " and " RULES_FILE
            " to DIR\n",
            LY_DEMO_DEFAULT_COUNT);
}

/* Returns 0 when the options parsed, else the exit status. */
static int parse_options(int argc, char **argv, struct demo_options *o)
{
    *o = (struct demo_options){.count = LY_DEMO_DEFAULT_COUNT, .seed = 1};
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "demo-data: unknown option or missing value: %s\n", opt);
            usage(stderr);
            return 2;
        }
        const char *val = argv[++i];
        int64_t day;
        if (strcmp(opt, "--count") == 0 && ly_num_int(val, 1, LY_DEMO_COUNT_MAX, &o->count)) {
            continue;
        } else if (strcmp(opt, "--seed") == 0 && ly_num_int(val, 0, INT64_MAX, &o->seed)) {
            continue;
        } else if (strcmp(opt, "--start") == 0 && ly_num_date(val, &day)) {
            o->start = val;
        } else if (strcmp(opt, "--csv") == 0 && val[0] != '\0') {
            o->csv_dir = val;
        } else {
            fprintf(stderr, "demo-data: bad option: %s %s\n", opt, val);
            usage(stderr);
            return 2;
        }
    }
    return 0;
}

static bool today(int64_t *days, char *err, size_t errsz)
{
    time_t now = time(NULL);
    struct tm tm;
    char date[16];
    if (localtime_r(&now, &tm) == NULL || strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0 ||
        !ly_num_date(date, days)) {
        snprintf(err, errsz, "cannot read today's date");
        return false;
    }
    return true;
}

/* Finds the event's dates, or picks those of a new one (created later, once the data is
 * ready). *create tells which. */
static bool event_dates(struct ly_hubdb *db, const struct demo_options *o, struct ly_event *ev,
                        bool *create, int64_t *first, int *days, char *err, size_t errsz)
{
    char why[256];
    int64_t last;
    *create = !ly_hubdb_event(db, ev, why, sizeof why);
    if (*create && strstr(why, "no event") == NULL) {
        snprintf(err, errsz, "%s", why);
        return false;
    }
    if (!*create) {
        if (!ly_num_date(ev->starts, first) || !ly_num_date(ev->ends, &last) || last < *first) {
            snprintf(err, errsz, "the event's dates are unreadable: %s to %s", ev->starts,
                     ev->ends);
            return false;
        }
        if (o->start != NULL && strcmp(o->start, ev->starts) != 0) {
            snprintf(err, errsz,
                     "the database's event starts on %s; leave out --start or use a new database",
                     ev->starts);
            return false;
        }
        *days = (int)(last - *first + 1);
        return true;
    }
    if (o->start != NULL) {
        if (!ly_num_date(o->start, first)) { /* checked by parse_options */
            snprintf(err, errsz, "bad date: %.20s", o->start);
            return false;
        }
    } else if (!today(first, err, errsz)) {
        return false;
    }
    *days = LY_DEMO_DAYS;
    return true;
}

static bool write_file(const char *dir, const char *name, const char *data, size_t len, char *err,
                       size_t errsz)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(err, errsz, "path too long: %.200s", dir);
        return false;
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(err, errsz, "%.300s: %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errsz, "%.300s: write failed", path);
    return ok;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void print_counts(const char *heading, enum ly_vocab_kind kind, const size_t *counts)
{
    size_t n;
    const struct ly_vocab_entry *list = ly_vocab_list(kind, &n);
    printf("%s:\n", heading);
    for (size_t i = 0; i < n && i < LY_DEMO_SLOTS; i++) {
        if (counts[i] > 0)
            printf("  %-36s %6zu\n", list[i].label, counts[i]);
    }
}

static void print_summary(const struct ly_event *ev, const struct ly_demo_summary *s,
                          const struct ly_import_result *regs,
                          const struct ly_import_result *sessions,
                          const struct ly_import_result *rules, double gen_ms, double import_ms)
{
    printf("Event: %s, %s to %s (%s), host country %s\n", ev->name, ev->starts, ev->ends,
           ev->timezone, ly_demo_host_country());
    printf("Registrations: %zu (onsite %zu, online %zu)\n", s->registrations, s->onsite, s->online);
    printf("Countries: %zu\n", s->countries);
    print_counts("Regional groups", LY_VOCAB_REGION, s->regions);
    print_counts("Stakeholder groups", LY_VOCAB_STAKEHOLDER, s->stakeholders);
    print_counts("Categories", LY_VOCAB_CATEGORY, s->categories);
    printf("Sessions: %zu in %zu rooms\n", s->sessions, s->rooms);
    print_counts("Session types", LY_VOCAB_SESSION_TYPE, s->session_types);
    printf("Imported registrations: %zu inserted, %zu updated, %zu unchanged\n", regs->inserted,
           regs->updated, regs->unchanged);
    printf("Imported sessions: %zu inserted, %zu updated, %zu unchanged\n", sessions->inserted,
           sessions->updated, sessions->unchanged);
    printf("Imported rules: %zu days of opening hours, %zu notices, %s\n", rules->hours,
           rules->notices, rules->changed ? "replaced" : "unchanged");
    printf("Generated in %.0f ms, imported in %.0f ms\n", gen_ms, import_ms);
}

static int run_demo_data(struct ly_hubdb *db, int argc, char **argv)
{
    struct demo_options o;
    int rc = parse_options(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;

    char err[512];
    struct ly_event ev;
    bool create;
    int64_t first;
    int days;
    if (!event_dates(db, &o, &ev, &create, &first, &days, err, sizeof err)) {
        fprintf(stderr, "demo-data: %s\n", err);
        return 1;
    }

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct ly_demo demo;
    struct ly_demo_params p = {
        .count = (size_t)o.count, .first_day = first, .days = days, .seed = (uint64_t)o.seed};
    if (!ly_demo_generate(&p, &demo, err, sizeof err)) {
        fprintf(stderr, "demo-data: %s\n", err);
        return 1;
    }
    double gen_ms = ms_since(&t0);

    rc = 1;
    if (o.csv_dir != NULL &&
        (!write_file(o.csv_dir, REGISTRATIONS_FILE, demo.registrations, demo.registrations_len, err,
                     sizeof err) ||
         !write_file(o.csv_dir, SESSIONS_FILE, demo.sessions, demo.sessions_len, err, sizeof err) ||
         !write_file(o.csv_dir, RULES_FILE, demo.rules, demo.rules_len, err, sizeof err))) {
        fprintf(stderr, "demo-data: %s\n", err);
        goto end;
    }
    if (create) {
        char name[LY_EVENT_NAME_MAX + 1], starts[11], ends[11];
        ly_num_format_date(first, starts);
        ly_num_format_date(first + LY_DEMO_DAYS - 1, ends);
        char year[5] = {starts[0], starts[1], starts[2], starts[3], '\0'};
        int64_t y;
        if (!ly_num_int(year, 2000, 2199, &y))
            y = 2026; /* cannot happen: ly_num_date accepted the date */
        ly_demo_event_name((int)y, name, sizeof name);
        if (!ly_hubdb_create_event(db, name, starts, ends, "UTC", &ev, err, sizeof err)) {
            fprintf(stderr, "demo-data: %s\n", err);
            goto end;
        }
    }

    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct ly_import_result regs, sessions, rules;
    memset(&regs, 0, sizeof regs);
    memset(&sessions, 0, sizeof sessions);
    memset(&rules, 0, sizeof rules);
    /* the programme first: the rules' notices name its sessions and rooms */
    if (!ly_import_sessions(db, SESSIONS_FILE, demo.sessions, demo.sessions_len, stderr,
                            &sessions) ||
        !ly_import_registrations(db, REGISTRATIONS_FILE, demo.registrations, demo.registrations_len,
                                 &(struct ly_import_options){.format = LY_IMPORT_LANYARD}, stderr,
                                 &regs) ||
        !ly_import_rules(db, RULES_FILE, demo.rules, demo.rules_len, stderr, &rules)) {
        fprintf(stderr, "demo-data: import failed\n");
        goto end;
    }
    print_summary(&ev, &demo.summary, &regs, &sessions, &rules, gen_ms, ms_since(&t0));
    rc = 0;
end:
    ly_demo_free(&demo);
    return rc;
}

const struct ly_cmd_entry ly_cmd_demo_data = {
    .name = "demo-data",
    .usage = "demo-data [--count N] [--start YYYY-MM-DD] [--seed N] [--csv DIR]",
    .help = "fill the database with a demo forum (2,500 registrations, ~230 sessions,\n"
            "opening hours and notices)",
    .run = run_demo_data,
    .creates = true,
};
