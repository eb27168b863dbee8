/* cli.h - the commands of bin/lanyard, the organizer's command line (tmux's cmd-*.c model): each
 * sync/cli/cmd_*.c exports the entries of its commands, and lanyard_main.c holds only the list of
 * entries, the generic dispatch and the help. A command takes what its entry asks to be opened
 * and its own arguments (argv[0] is the command's name), writes results to stdout and messages
 * to stderr, and returns the process exit status. */
#ifndef LY_CLI_H
#define LY_CLI_H

#include <stdbool.h>

#include "orgdb/hubdb.h"
#include "store/store.h"

/* One command. run takes the organizer database file; run_store the storage interface (store.h:
 * a file or a database URL such as postgresql://...). With both, a URL goes to run_store and a
 * file to run; with run_store alone, both go to run_store; with run alone, a URL is refused. */
struct ly_cmd_entry {
    const char *name;
    const char *usage; /* the synopsis, one line a form ("init --event NAME ...") */
    const char *help;  /* what it does, in lines of at most 72 characters */
    int (*run)(struct ly_hubdb *db, int argc, char **argv);
    int (*run_store)(struct ly_store *st, int argc, char **argv);
    bool creates; /* may create a new database file */
    bool remote;  /* with --hub it runs without a database: run_store gets NULL */
};

extern const struct ly_cmd_entry ly_cmd_init;             /* cmd_event.c */
extern const struct ly_cmd_entry ly_cmd_stats;            /* cmd_event.c */
extern const struct ly_cmd_entry ly_cmd_import;           /* cmd_import.c */
extern const struct ly_cmd_entry ly_cmd_demo_data;        /* cmd_demo.c */
extern const struct ly_cmd_entry ly_cmd_badges;           /* cmd_badges.c */
extern const struct ly_cmd_entry ly_cmd_badge;            /* cmd_badge.c */
extern const struct ly_cmd_entry ly_cmd_kiosk_snapshot;   /* cmd_snapshot.c */
extern const struct ly_cmd_entry ly_cmd_enroll;           /* cmd_hub.c */
extern const struct ly_cmd_entry ly_cmd_kiosks;           /* cmd_hub.c */
extern const struct ly_cmd_entry ly_cmd_read_token;       /* cmd_read_token.c */
extern const struct ly_cmd_entry ly_cmd_load;             /* cmd_hub.c */
extern const struct ly_cmd_entry ly_cmd_kiosk_details;    /* cmd_event.c */
extern const struct ly_cmd_entry ly_cmd_counts;           /* cmd_counts.c */
extern const struct ly_cmd_entry ly_cmd_report;           /* cmd_counts.c */
extern const struct ly_cmd_entry ly_cmd_occupancy_grace;  /* cmd_settings.c */
extern const struct ly_cmd_entry ly_cmd_attendance_names; /* cmd_settings.c */
extern const struct ly_cmd_entry ly_cmd_export;           /* cmd_export.c */
extern const struct ly_cmd_entry ly_cmd_conflicts;        /* cmd_conflicts.c */

#endif
