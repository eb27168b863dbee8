/* cmd_import.c - `lanyard import registrations|sessions|rules FILE.csv`: reads the file (bounded by
 * LY_CSV_FILE_MAX) and hands it to the import module, which checks every row before writing
 * anything. The summary goes to stdout; problems and warnings to stderr. Exit status: 0
 * imported, 1 refused or failed (nothing changed), 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/dynbuf.h"
#include "import/import.h"
#include "common/ly_limits.h"

static int usage(void)
{
    fprintf(stderr, "usage: lanyard --db FILE import registrations "
                    "[--format auto|lanyard|pretix|eventbrite|indico] [--without-codes] FILE.csv\n"
                    "       lanyard --db FILE import sessions FILE.csv\n"
                    "       lanyard --db FILE import rules FILE.csv\n");
    return 2;
}

/* Reads the whole file at path into *out (*len bytes, NUL-terminated for convenience).
 * Returns false with the reason in err. The caller frees *out. */
static bool read_file(const char *path, char **out, size_t *len, char *err, size_t errsz)
{
    struct ly_dynbuf buf;
    ly_dynbuf_init(&buf, (size_t)LY_CSV_FILE_MAX);
    enum ly_dyn rc = ly_dynbuf_read_file(&buf, path);
    if (rc == LY_DYN_OK) {
        *out = ly_dynbuf_take(&buf, len);
        return true;
    }
    if (rc == LY_DYN_TOO_BIG)
        snprintf(err, errsz, "the file is larger than %ld MiB", LY_CSV_FILE_MAX >> 20);
    else if (rc == LY_DYN_IO)
        snprintf(err, errsz, "cannot open: %s", strerror(errno));
    else
        snprintf(err, errsz, "out of memory");
    return false;
}

static bool parse_format(const char *s, enum ly_import_format *out)
{
    static const enum ly_import_format formats[] = {LY_IMPORT_AUTO, LY_IMPORT_LANYARD,
                                                    LY_IMPORT_PRETIX, LY_IMPORT_EVENTBRITE,
                                                    LY_IMPORT_INDICO};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(s, ly_import_format_name(formats[i])) == 0) {
            *out = formats[i];
            return true;
        }
    }
    return false;
}

static int run_import(struct ly_hubdb *db, int argc, char **argv)
{
    if (argc < 2)
        return usage();
    bool sessions = strcmp(argv[1], "sessions") == 0, rules = strcmp(argv[1], "rules") == 0;
    if (!sessions && !rules && strcmp(argv[1], "registrations") != 0)
        return usage();
    bool registrations = !sessions && !rules, format_given = false;
    struct ly_import_options opt = {.format = LY_IMPORT_AUTO};
    const char *path = NULL;
    for (int i = 2; i < argc; i++) {
        if (registrations && !format_given && strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            format_given = true;
            if (!parse_format(argv[++i], &opt.format)) {
                fprintf(stderr, "lanyard import: unknown format '%s'\n", argv[i]);
                return usage();
            }
        } else if (registrations && strcmp(argv[i], "--without-codes") == 0) {
            opt.without_codes = true;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "lanyard import: unknown option '%s'\n", argv[i]);
            return usage();
        } else if (path == NULL) {
            path = argv[i];
        } else {
            return usage();
        }
    }
    if (path == NULL)
        return usage();

    char err[512];
    char *data;
    size_t len;
    if (!read_file(path, &data, &len, err, sizeof err)) {
        fprintf(stderr, "%s: %s\nimport refused: the file could not be read; nothing was changed\n",
                path, err);
        return 1;
    }
    struct ly_import_result res;
    bool ok = sessions ? ly_import_sessions(db, path, data, len, stderr, &res)
              : rules  ? ly_import_rules(db, path, data, len, stderr, &res)
                       : ly_import_registrations(db, path, data, len, &opt, stderr, &res);
    free(data);
    if (!ok && res.errors == 0) {
        fprintf(stderr,
                "import of %s failed: the organizer database could not be written (the line "
                "above says why); nothing was imported, the database is as it was\n",
                path);
        return 1;
    }
    if (!ok) {
        fprintf(stderr, "import refused: %zu bad row%s; nothing was changed\n", res.errors,
                res.errors == 1 ? "" : "s");
        return 1;
    }
    if (rules) {
        printf("imported %zu day%s of opening hours and %zu notice%s from %s: %s\n", res.hours,
               res.hours == 1 ? "" : "s", res.notices, res.notices == 1 ? "" : "s", path,
               res.changed ? "the rule set was replaced" : "the same as before, nothing changed");
    } else if (sessions) {
        printf("imported %zu sessions in %zu rooms from %s: %zu new, %zu updated, %zu unchanged\n",
               res.inserted + res.updated + res.unchanged, res.rooms, path, res.inserted,
               res.updated, res.unchanged);
    } else {
        printf("imported %zu registrations from %s (%s format): %zu new, %zu updated, %zu "
               "unchanged",
               res.inserted + res.updated + res.unchanged, path, ly_import_format_name(res.format),
               res.inserted, res.updated, res.unchanged);
        if (res.skipped > 0)
            printf(", %zu cancelled or refunded skipped", res.skipped);
        printf("\n");
    }
    return 0;
}

const struct ly_cmd_entry ly_cmd_import = {
    .name = "import",
    .usage = "import registrations [--format auto|lanyard|pretix|eventbrite|indico]\n"
             "        [--without-codes] FILE.csv\n"
             "import sessions FILE.csv\n"
             "import rules FILE.csv",
    .help = "import registrations, the programme or the gate rules (opening hours,\n"
            "notices); all or nothing",
    .run = run_import,
};
