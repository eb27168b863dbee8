/* lanyard_main.c - bin/lanyard, the organizer's command line: create the event, import
 * registrations, the programme and the gate rules, issue and check badges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"

#define LY_VERSION "0.1.0"

struct command {
    const char *name;
    int (*run)(struct ly_hubdb *db, int argc, char **argv);
    bool creates; /* may create a new database file */
    const char *help;
};

static const struct command commands[] = {
    {"init", ly_cmd_init, true,
     "init --event NAME --start YYYY-MM-DD --end YYYY-MM-DD [--tz ZONE]\n"
     "        create the event and its badge signing key"},
    {"import", ly_cmd_import, false,
     "import registrations [--format auto|lanyard|pretix|eventbrite|indico] FILE.csv\n"
     "import sessions FILE.csv\n"
     "import rules FILE.csv\n"
     "        import registrations, the programme or the gate rules (opening hours,\n"
     "        notices); all or nothing"},
    {"demo-data", ly_cmd_demo_data, true,
     "demo-data [--count N] [--start YYYY-MM-DD] [--seed N] [--csv DIR]\n"
     "        fill the database with a demo forum (2,500 registrations, ~230 sessions,\n"
     "        opening hours and notices)"},
    {"badges", ly_cmd_badges, false,
     "badges --out FILE.pdf [--png DIR [--dpi N]] [--only IDS] [--sheet a6|a4] [--online]\n"
     "        [--no-window]\n"
     "        render print-ready badges"},
    {"badge", ly_cmd_badge, false,
     "badge verify CODE [--now TIME] | code ID | reissue ID | revoke ID | restore ID\n"
     "        check one badge (JSON verdict; exit 0 only when valid), print its code,\n"
     "        reprint it (the old badge stops working), or withdraw it"},
    {"stats", ly_cmd_stats, false, "stats [--json]\n        what the database holds"},
    {"kiosk-snapshot", ly_cmd_kiosk_snapshot, false,
     "kiosk-snapshot --out KIOSK.db [--force]\n        write a kiosk's starting database (no "
     "e-mail, no phone, public keys only)"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: lanyard [--db FILE] COMMAND [ARGS]\n\n"
               "Lanyard's organizer tool. FILE is the organizer database (default: $LANYARD_DB).\n"
               "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %s\n", commands[i].help);
}

int main(int argc, char **argv)
{
    const char *path = getenv("LANYARD_DB");
    int i = 1;
    char err[512];

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            path = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("lanyard %s\n", LY_VERSION);
            return 0;
        } else {
            fprintf(stderr, "lanyard: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (i == argc) {
        usage(stderr);
        return 2;
    }
    const struct command *cmd = NULL;
    for (size_t c = 0; c < NCOMMANDS; c++) {
        if (strcmp(argv[i], commands[c].name) == 0)
            cmd = &commands[c];
    }
    if (!cmd) {
        fprintf(stderr, "lanyard: unknown command '%s'\n", argv[i]);
        usage(stderr);
        return 2;
    }
    if (!path || path[0] == '\0') {
        fprintf(stderr, "lanyard: no database: give --db FILE or set LANYARD_DB\n");
        return 2;
    }
    if (!cmd->creates && access(path, F_OK) != 0) {
        fprintf(stderr, "lanyard: %s does not exist: create it with 'lanyard --db %s init'\n", path,
                path);
        return 1;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "lanyard: libsodium failed to initialize\n");
        return 1;
    }
    struct ly_hubdb *db;
    if (!ly_hubdb_open(path, &db, err, sizeof err)) {
        fprintf(stderr, "lanyard: %s\n", err);
        return 1;
    }
    int rc = cmd->run(db, argc - i, argv + i);
    ly_hubdb_close(db);
    return rc;
}
