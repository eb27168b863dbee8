/* cmd_conflicts.c - `lanyard conflicts`: the double admissions the hub found at ingest, made by
 * doors that could reach neither the hub nor each other (docs/gates.md, "Doors without the
 * hub"). Attendees are named by id only; the organizer looks them up. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "common/json.h"
#include "orgdb/hubdb_hub.h"

static const struct ly_field conflict_fields[] = {
    LY_FIELD(struct ly_hubdb_conflict, id),
    LY_FIELD(struct ly_hubdb_conflict, attendee_id),
    LY_FIELD(struct ly_hubdb_conflict, place),
    LY_FIELD(struct ly_hubdb_conflict, policy),
    LY_FIELD(struct ly_hubdb_conflict, first_kiosk),
    LY_FIELD(struct ly_hubdb_conflict, first_uuid),
    LY_FIELD(struct ly_hubdb_conflict, first_ms),
    LY_FIELD(struct ly_hubdb_conflict, second_kiosk),
    LY_FIELD(struct ly_hubdb_conflict, second_uuid),
    LY_FIELD(struct ly_hubdb_conflict, second_ms),
    LY_FIELD(struct ly_hubdb_conflict, detected_ms),
    LY_FIELD_END,
};

struct list {
    bool json;
    int n;
};

static void local(int64_t ms, char *out, size_t outsz)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, outsz, "%Y-%m-%d %H:%M:%S", &tm);
}

static bool show(void *ctx, const struct ly_hubdb_conflict *c)
{
    struct list *l = ctx;
    if (l->json) {
        int first = 1;
        fputs(l->n ? ",{" : "{", stdout);
        ly_json_fields(stdout, &first, conflict_fields, c);
        fputc('}', stdout);
    } else {
        char a[32], b[32];
        local(c->first_ms, a, sizeof a);
        local(c->second_ms, b, sizeof b);
        printf("%6" PRId64 "  attendee %-10u %-20s %-12s %s at %s, %s at %s\n", c->id,
               (unsigned)c->attendee_id, c->place, c->policy, a, c->first_kiosk, b,
               c->second_kiosk);
    }
    l->n++;
    return true;
}

static int run_conflicts(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    struct list l = {0};
    char err[256];
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'j')
            return 2;
        l.json = true;
    }
    if (optind != argc) {
        fprintf(stderr, "usage: lanyard conflicts --db HUB.db|URL [--json]\n");
        return 2;
    }
    if (l.json)
        fputc('[', stdout);
    if (!st->ops->conflicts(st, show, &l, err, sizeof err)) {
        fprintf(stderr, "lanyard conflicts: %s\n", err);
        return 1;
    }
    if (l.json)
        fputs("]\n", stdout);
    else
        printf("%d conflict%s\n", l.n, l.n == 1 ? "" : "s");
    return 0;
}

const struct ly_cmd_entry ly_cmd_conflicts = {
    .name = "conflicts",
    .usage = "conflicts [--json]",
    .help = "double admissions by doors that could reach neither the hub nor\n"
            "each other: who (attendee id), where, which policy, which kiosks",
    .run_store = run_conflicts,
};
