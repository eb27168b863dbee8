/* cmd_settings.c - the event settings kept in the store: `lanyard occupancy-grace [DURATION]`,
 * after which a session's occupancy ends without exit scans (docs/gates.md, "Occupancy"), and
 * `lanyard attendance-names [on|off]`, whether a session's attendance export names people
 * (docs/organizer.md, "Who attended a session"). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "gate/gate_occupancy.h"

static int run_grace(struct ly_store *st, int argc, char **argv)
{
    char err[256];
    int64_t set = -1, now;
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr, "usage: lanyard --db DB %s\n", ly_cmd_occupancy_grace.usage);
        return argc == 2 ? 0 : 2;
    }
    if (argc == 2 && !ly_occupancy_parse_grace(argv[1], &set)) {
        fprintf(stderr,
                "lanyard occupancy-grace: '%.32s' is not a duration of 0 to %d minutes (15m, "
                "900s, 1h)\n",
                argv[1], LY_OCCUPANCY_GRACE_MAX_S / 60);
        return 2;
    }
    if (!st->ops->setting(st, "occupancy_grace_s", set, &now, err, sizeof err)) {
        fprintf(stderr, "lanyard occupancy-grace: %s\n", err);
        return 1;
    }
    if (now % 60 == 0)
        printf("occupancy-grace = %" PRId64 "m\n", now / 60);
    else
        printf("occupancy-grace = %" PRId64 "s\n", now);
    return 0;
}

const struct ly_cmd_entry ly_cmd_occupancy_grace = {
    .name = "occupancy-grace",
    .usage = "occupancy-grace [DURATION]",
    .help = "shows or sets how long after a session's end its room count ends\n"
            "without exit scans (15m by default; 900s, 1h, 0)",
    .run_store = run_grace,
};

static int run_names(struct ly_store *st, int argc, char **argv)
{
    char err[256];
    int64_t set = -1, now;
    if (argc == 2 && strcmp(argv[1], "on") == 0)
        set = 1;
    else if (argc == 2 && strcmp(argv[1], "off") == 0)
        set = 0;
    else if (argc != 1) {
        fprintf(stderr, "usage: lanyard --db DB %s\n", ly_cmd_attendance_names.usage);
        return 2;
    }
    if (!st->ops->setting(st, "attendance_names", set, &now, err, sizeof err)) {
        fprintf(stderr, "lanyard attendance-names: %s\n", err);
        return 1;
    }
    printf("attendance-names = %s\n", now ? "on" : "off");
    return 0;
}

const struct ly_cmd_entry ly_cmd_attendance_names = {
    .name = "attendance-names",
    .usage = "attendance-names [on|off]",
    .help = "shows or sets whether `export attendance` names the people who\n"
            "attended (off by default: counts only, small groups folded)",
    .run_store = run_names,
};
