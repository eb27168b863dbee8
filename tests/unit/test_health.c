/* test_health.c - disk figures for a real kiosk database: its file and write-ahead log sizes as
 * the file system reports them after real writes, and the free space of its file system checked
 * against df(1). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "kiosk/health.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"

static char dir[] = "/tmp/lanyard-health-XXXXXX";
static char err[512];

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* Available bytes and size of the file system holding path, as df reports them. */
static bool df(const char *path, uint64_t *avail, uint64_t *size)
{
    char cmd[512];
    unsigned long long a = 0, s = 0;
    snprintf(cmd, sizeof cmd, "df -B1 --output=avail,size '%s' | tail -n 1", path);
    FILE *p = popen(cmd, "r");
    bool ok = p && fscanf(p, "%llu %llu", &a, &s) == 2;
    if (p)
        pclose(p);
    *avail = a;
    *size = s;
    return ok;
}

static void sizes_follow_the_journal(void)
{
    char path[256], wal[300];
    struct ly_kioskdb *db = NULL;
    struct ly_disk_health h;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(ly_health_disk(path, &h, err, sizeof err));
    CHECK(h.db_bytes > 0);
    CHECK_INT(h.db_bytes, file_size(path));
    CHECK_INT(h.wal_bytes, file_size(wal));
    uint64_t before = h.journal_bytes;
    for (int i = 0; i < 200; i++) {
        struct ly_checkin c = {.attendee_id = 1, .direction = 1};
        snprintf(c.gate, sizeof c.gate, "entrance");
        snprintf(c.code_kind, sizeof c.code_kind, "badge");
        snprintf(c.decision, sizeof c.decision, "granted");
        snprintf(c.place, sizeof c.place, "venue");
        CHECK(ly_kioskdb_journal(db, &c, NULL, err, sizeof err));
    }
    CHECK(ly_health_disk(path, &h, err, sizeof err));
    CHECK(h.wal_bytes > 100 * 1024); /* 200 durable commits, a page or more each */
    CHECK_INT(h.wal_bytes, file_size(wal));
    CHECK_INT(h.journal_bytes, h.db_bytes + h.wal_bytes);
    CHECK(h.journal_bytes > before);
    ly_kioskdb_close(db); /* the last connection checkpoints and removes the log */
    CHECK(ly_health_disk(path, &h, err, sizeof err));
    CHECK_INT(h.wal_bytes, 0);
    CHECK_INT(h.db_bytes, file_size(path));
}

static void free_space_matches_df(void)
{
    char path[256];
    struct ly_disk_health h;
    uint64_t avail, size;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    CHECK(ly_health_disk(path, &h, err, sizeof err));
    CHECK(df(path, &avail, &size));
    CHECK_INT(h.total_bytes, size);
    /* Other programs write meanwhile: within 64 MiB. */
    CHECK(h.free_bytes + 64 * 1024 * 1024 > avail && avail + 64 * 1024 * 1024 > h.free_bytes);
    CHECK(h.free_bytes <= h.total_bytes);
    CHECK(h.free_percent > 0.0 && h.free_percent <= 100.0);
    double pct = 100.0 * (double)h.free_bytes / (double)h.total_bytes;
    CHECK(h.free_percent > pct - 0.001 && h.free_percent < pct + 0.001);
}

static void missing_database(void)
{
    char path[256];
    struct ly_disk_health h;
    snprintf(path, sizeof path, "%s/none.db", dir);
    CHECK(!ly_health_disk(path, &h, err, sizeof err));
    CHECK(strstr(err, "none.db") != NULL && strstr(err, "No such file") != NULL);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(sizes_follow_the_journal);
    RUN(free_space_matches_df);
    RUN(missing_database);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
