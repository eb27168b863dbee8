/* cmd_snapshot.c - `lanyard kiosk-snapshot`: writes a kiosk's starting database from the
 * organizer database (snapshot.h), to OUT.part first and renamed into place once complete, so
 * that a kiosk never finds half a snapshot. See cli.h. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "orgdb/snapshot.h"

#define USAGE "usage: lanyard --db HUB.db kiosk-snapshot --out KIOSK.db [--force]\n"

/* Removes path and the -wal and -shm files SQLite may have left beside it. */
static void remove_db(const char *path)
{
    char side[4096 + 8];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Makes a rename in path's folder durable. */
static void sync_dir(const char *path)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int run_kiosk_snapshot(struct ly_hubdb *db, int argc, char **argv)
{
    const char *out = NULL;
    bool force = false;
    char part[4096], err[512];
    struct ly_snapshot_counts n;
    struct stat st;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf(USAGE "Writes a kiosk's database: the event, public keys, attendees without\n"
                         "contact data, ticket codes, rooms, sessions, gate rules (opening\n"
                         "hours, notices) and the sync cursor.\n"
                         "  --out FILE  the kiosk database to write (refused if it exists)\n"
                         "  --force     replace an existing FILE (never one a kiosk has open)\n");
            return 0;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc && argv[i + 1][0] != '\0') {
            out = argv[++i];
        } else if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else {
            fprintf(stderr, "kiosk-snapshot: unknown option or missing value: %s\n" USAGE, argv[i]);
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "kiosk-snapshot: --out is required\n" USAGE);
        return 2;
    }
    if ((size_t)snprintf(part, sizeof part, "%s.part", out) >= sizeof part - 4) {
        fprintf(stderr, "kiosk-snapshot: path too long: %s\n", out);
        return 2;
    }
    if (stat(out, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            fprintf(stderr, "kiosk-snapshot: %s exists and is not a regular file\n", out);
            return 1;
        }
        if (!force) {
            fprintf(stderr, "kiosk-snapshot: %s exists; give --force to replace it\n", out);
            return 1;
        }
    } else if (errno != ENOENT) {
        fprintf(stderr, "kiosk-snapshot: %s: %s\n", out, strerror(errno));
        return 1;
    }

    remove_db(part); /* left by an interrupted run */
    if (!ly_snapshot_write(db, part, &n, err, sizeof err)) {
        fprintf(stderr, "kiosk-snapshot: %s\n", err);
        remove_db(part);
        return 1;
    }
    /* The old file's WAL would be replayed into the new one: remove it with the file. */
    if (force) {
        char side[4096 + 8];
        snprintf(side, sizeof side, "%s-wal", out);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", out);
        unlink(side);
    }
    if (rename(part, out) != 0) {
        fprintf(stderr, "kiosk-snapshot: %s: %s\n", out, strerror(errno));
        remove_db(part);
        return 1;
    }
    sync_dir(out);
    printf("wrote %s: %lld attendees, %lld ticket codes, %lld rooms, %lld sessions, "
           "%lld days of opening hours, %lld notices, %lld public key%s, change seq %lld\n",
           out, (long long)n.attendees, (long long)n.alt_codes, (long long)n.rooms,
           (long long)n.sessions, (long long)n.opening_days, (long long)n.notices,
           (long long)n.keys, n.keys == 1 ? "" : "s", (long long)n.cursor);
    return 0;
}

const struct ly_cmd_entry ly_cmd_kiosk_snapshot = {
    .name = "kiosk-snapshot",
    .usage = "kiosk-snapshot --out KIOSK.db [--force]",
    .help = "write a kiosk's starting database (no e-mail, no phone, public keys only)",
    .run = run_kiosk_snapshot,
};
