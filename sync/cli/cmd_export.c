/* cmd_export.c - `lanyard export attendance SESSION [--format csv|json]`: who attended a
 * session, for its organizers (counts/attendance.h, docs/organizer.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "counts/attendance.h"

struct export_ctx {
    const char *session;
    bool found;
    struct ly_attendance *a;
};

static bool read_attendance(ly_query_fn q, void *db, void *p, char *err, size_t errsz)
{
    struct export_ctx *x = p;
    return ly_attendance_build(q, db, x->session, &x->found, &x->a, err, errsz);
}

static int usage(void)
{
    fprintf(stderr, "usage: lanyard --db DB %s\n", ly_cmd_export.usage);
    return 2;
}

static int run_export(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "csv";
    char err[256];
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f')
            format = optarg;
        else if (c == 'h')
            return usage() - 2;
        else
            return 2;
    }
    if (optind + 2 != argc || strcmp(argv[optind], "attendance") != 0 ||
        (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0))
        return usage();
    struct export_ctx x = {.session = argv[optind + 1]};
    if (!st->ops->read(st, read_attendance, &x, err, sizeof err)) {
        fprintf(stderr, "lanyard export: %s\n", err);
        return 1;
    }
    if (!x.found) {
        fprintf(stderr, "lanyard export: no session '%.64s' in the programme\n", x.session);
        return 1;
    }
    if (strcmp(format, "json") == 0)
        ly_attendance_json(stdout, x.a);
    else
        ly_attendance_csv(stdout, x.a);
    ly_attendance_free(x.a);
    return fflush(stdout) == 0 ? 0 : 1;
}

const struct ly_cmd_entry ly_cmd_export = {
    .name = "export",
    .usage = "export attendance SESSION [--format csv|json]",
    .help = "who attended a session (its programme id): counts by stakeholder\n"
            "group, region and country; names only with attendance-names on",
    .run_store = run_export,
};
