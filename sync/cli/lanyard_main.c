/* lanyard_main.c - bin/lanyard, the organizer's command line: create the event, import
 * registrations, the programme and the gate rules, issue and check badges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"

#define LY_VERSION "0.1.0"

/* In the order --help lists them. */
static const struct ly_cmd_entry *const commands[] = {
    &ly_cmd_init,      &ly_cmd_import,        &ly_cmd_demo_data,       &ly_cmd_badges,
    &ly_cmd_badge,     &ly_cmd_stats,         &ly_cmd_kiosk_snapshot,  &ly_cmd_enroll,
    &ly_cmd_kiosks,    &ly_cmd_read_token,    &ly_cmd_counts,          &ly_cmd_report,
    &ly_cmd_conflicts, &ly_cmd_load,          &ly_cmd_occupancy_grace, &ly_cmd_attendance_names,
    &ly_cmd_export,    &ly_cmd_kiosk_details,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Writes each line of text with indent spaces before it. */
static void indented(FILE *f, int indent, const char *text)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        fprintf(f, "%*s%.*s\n", indent, "", (int)n, text);
        text += n + (text[n] == '\n');
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: lanyard [--db FILE] COMMAND [ARGS]\n\n"
               "Lanyard's organizer tool. FILE is the organizer database (default: $LANYARD_DB);\n"
               "--db may also follow the command. The hub commands (enroll, kiosks, read-token,\n"
               "counts, report, load, badge revoke|restore) also take a hub's database URL,\n"
               "postgresql://...\n"
               "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++) {
        fprintf(f, "  %s\n", commands[i]->usage); /* its other forms start at the margin */
        indented(f, 8, commands[i]->help);
    }
}

/* Runs cmd on the store at path (a file or a URL). */
static int run_store(const struct ly_cmd_entry *cmd, const char *path, int argc, char **argv)
{
    struct ly_store *st;
    char err[512];
    if (!ly_store_open(path, &st, err, sizeof err)) {
        fprintf(stderr, "lanyard: %s\n", err);
        return 1;
    }
    int rc = cmd->run_store(st, argc, argv);
    ly_store_close(st);
    return rc;
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
    const struct ly_cmd_entry *cmd = NULL;
    for (size_t c = 0; c < NCOMMANDS; c++) {
        if (strcmp(argv[i], commands[c]->name) == 0)
            cmd = commands[c];
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
    if (cmd->run_store && (url || cmd->run == NULL))
        return run_store(cmd, path, argc - i, argv + i);
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
