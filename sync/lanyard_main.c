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
    int (*run_store)(struct ly_store *st, int argc, char **argv); /* instead of run */
    bool remote; /* may run against a hub (--hub) without a database */
};

static const struct command commands[] = {
    {"init", ly_cmd_init, true,
     "init --event NAME --start YYYY-MM-DD --end YYYY-MM-DD [--tz ZONE]\n"
     "        create the event and its badge signing key"},
    {"import", ly_cmd_import, false,
     "import registrations [--format auto|lanyard|pretix|eventbrite|indico]\n"
     "        [--without-codes] FILE.csv\n"
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
    {"enroll", NULL, false,
     "enroll --name NAME --gate GATE [--no-qr]\n"
     "        a single-use enrollment code for a kiosk (line 1), its QR code, its expiry",
     ly_cmd_enroll, false},
    {"kiosks", NULL, false,
     "kiosks [--json] [--revoke NAME]\n        list enrolled kiosks, or revoke one", ly_cmd_kiosks,
     false},
    {"read-token", NULL, false,
     "read-token --label NAME\n        a read-only token for dashboards and `counts --hub`",
     ly_cmd_read_token, false},
    {"counts", NULL, false,
     "counts [--json] [--hub URL --token TOKEN]\n"
     "        live counts from the database or a running hub: onsite, inside, countries,\n"
     "        places, breakdowns, kiosks",
     ly_cmd_counts, true},
    {"report", NULL, false, "report --out FILE.md|FILE.csv\n        the event statistics report",
     ly_cmd_report, false},
    {"load", NULL, false,
     "load --from HUB.db\n"
     "        copy an organizer database's event (keys, rooms, sessions, registrations,\n"
     "        rules) into the PostgreSQL database of --db postgresql://...; run it again\n"
     "        after changes to bring the hubs up to date",
     ly_cmd_load, false},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: lanyard [--db FILE] COMMAND [ARGS]\n\n"
               "Lanyard's organizer tool. FILE is the organizer database (default: $LANYARD_DB);\n"
               "--db may also follow the command. The hub commands (enroll, kiosks, read-token,\n"
               "counts, report, load, badge revoke|restore) also take a hub's database URL,\n"
               "postgresql://...\n"
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
    /* Options of the global kind may follow the command too ("lanyard counts --db HUB.db"). */
    bool hub = false;
    int n = 0;
    for (int a = i + 1; a < argc; a++) {
        if (strcmp(argv[a], "--db") == 0 && a + 1 < argc) {
            path = argv[++a];
            continue;
        }
        hub = hub || strcmp(argv[a], "--hub") == 0;
        argv[i + 1 + n++] = argv[a];
    }
    argc = i + 1 + n;
    if (cmd->remote && hub)
        return cmd->run_store(NULL, argc - i, argv + i);
    if (!path || path[0] == '\0') {
        fprintf(stderr, "lanyard: no database: give --db FILE or set LANYARD_DB\n");
        return 2;
    }
    bool url = strstr(path, "://") != NULL;
    const char *file = strncmp(path, "sqlite:", 7) == 0 ? path + 7 : path;
    if (!cmd->creates && !url && access(file, F_OK) != 0) {
        fprintf(stderr, "lanyard: %s does not exist: create it with 'lanyard --db %s init'\n", path,
                path);
        return 1;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "lanyard: libsodium failed to initialize\n");
        return 1;
    }
    if (cmd->run_store) {
        struct ly_store *st;
        if (!ly_store_open(path, &st, err, sizeof err)) {
            fprintf(stderr, "lanyard: %s\n", err);
            return 1;
        }
        int rc = cmd->run_store(st, argc - i, argv + i);
        ly_store_close(st);
        return rc;
    }
    if (url && strcmp(cmd->name, "badge") == 0) {
        struct ly_store *st;
        if (!ly_store_open(path, &st, err, sizeof err)) {
            fprintf(stderr, "lanyard: %s\n", err);
            return 1;
        }
        int rc = ly_cmd_badge_store(st, argc - i, argv + i);
        ly_store_close(st);
        return rc;
    }
    if (url) {
        fprintf(stderr, "lanyard %s: works on a database file only\n", cmd->name);
        return 2;
    }
    struct ly_hubdb *db;
    if (!ly_hubdb_open(file, &db, err, sizeof err)) {
        fprintf(stderr, "lanyard: %s\n", err);
        return 1;
    }
    int rc = cmd->run(db, argc - i, argv + i);
    ly_hubdb_close(db);
    return rc;
}
