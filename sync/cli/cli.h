/* cli.h - the subcommands of bin/lanyard, the organizer's command line. Each takes the open
 * organizer database and its own arguments (argv[0] is the subcommand's name), writes results
 * to stdout and messages to stderr, and returns the process exit status. */
#ifndef LY_CLI_H
#define LY_CLI_H

#include "orgdb/hubdb.h"
#include "store/store.h"

int ly_cmd_init(struct ly_hubdb *db, int argc, char **argv); /* init --event --start --end */
int ly_cmd_import(struct ly_hubdb *db, int argc,
                  char **argv); /* import registrations|sessions|rules FILE */
int ly_cmd_demo_data(struct ly_hubdb *db, int argc, char **argv); /* demo-data */
int ly_cmd_badges(struct ly_hubdb *db, int argc, char **argv);    /* badges --out PDF ... */
int ly_cmd_badge(struct ly_hubdb *db, int argc, char **argv);     /* badge verify|reissue|revoke */
int ly_cmd_stats(struct ly_hubdb *db, int argc, char **argv);     /* stats */
int ly_cmd_kiosk_snapshot(struct ly_hubdb *db, int argc, char **argv); /* kiosk-snapshot --out */

/* Hub commands (cmd_hub.c) work through the storage interface: --db takes a file or a database
 * URL. counts may run without a store (--hub URL): st is then NULL. */
int ly_cmd_enroll(struct ly_store *st, int argc, char **argv);     /* enroll --name --gate */
int ly_cmd_kiosks(struct ly_store *st, int argc, char **argv);     /* kiosks [--revoke NAME] */
int ly_cmd_read_token(struct ly_store *st, int argc, char **argv); /* read-token --label */
int ly_cmd_counts(struct ly_store *st, int argc, char **argv);     /* counts [--json] [--hub] */
int ly_cmd_report(struct ly_store *st, int argc, char **argv);     /* report --out FILE */
int ly_cmd_load(struct ly_store *st, int argc, char **argv);       /* load --from HUB.db */
/* badge revoke|restore ID on a store (a database URL); other badge commands need the file. */
int ly_cmd_badge_store(struct ly_store *st, int argc, char **argv);

#endif
