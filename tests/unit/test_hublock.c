/* test_hublock.c - lock-after on a real kiosk database, at explicit times: off never locks;
 * silence shorter than lock-after does not lock, reaching it does; the hub's answer and a staff
 * unlock each unlock (the unlock gives staff a whole lock-after period); the time of the hub's
 * last answer survives a close and reopen of the database (a restart does not unlock), a staff
 * unlock does not; a kiosk with no stored time starts counting at its first start. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "kiosk/hublock.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_sync.h"

static char dir[] = "/tmp/lanyard-hublock-XXXXXX";
static char path[256];
static char err[512];

static const int64_t T0 = 1800000000000LL; /* Unix ms */
static const int64_t MIN = 60000, HOUR = 3600000;

static struct ly_kioskdb *open_db(void)
{
    struct ly_kioskdb *db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    return db;
}

static void off_never_locks(void)
{
    struct ly_hublock k;
    struct ly_kioskdb *db = open_db();
    if (!db)
        return;
    /* a kiosk with no hub never locks, lock-after or not */
    CHECK(ly_hublock_init(&k, db, 360, T0, err, sizeof err));
    CHECK(!ly_hublock_locked(&k, T0 + 400 * 24 * HOUR));
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", "https://hub.venue.lan:8443", err, sizeof err));
    CHECK(ly_hublock_init(&k, db, 0, T0, err, sizeof err));
    CHECK(!ly_hublock_locked(&k, T0 + 400 * 24 * HOUR));
    ly_kioskdb_close(db);
}

static void silence_locks_and_answers_unlock(void)
{
    struct ly_hublock k;
    struct ly_kioskdb *db = open_db();
    if (!db)
        return;
    CHECK(ly_hublock_init(&k, db, 360, T0, err, sizeof err)); /* nothing stored: from now */
    CHECK(!ly_hublock_locked(&k, T0 + 6 * HOUR - 1));
    CHECK(ly_hublock_locked(&k, T0 + 6 * HOUR));
    CHECK(ly_hublock_locked(&k, T0 + 6 * HOUR + 1)); /* stays locked */
    ly_hublock_heard(&k, db, T0 + 7 * HOUR);         /* the hub answers */
    CHECK(!ly_hublock_locked(&k, T0 + 7 * HOUR + MIN));
    CHECK(ly_hublock_locked(&k, T0 + 13 * HOUR));
    ly_hublock_unlock(&k, T0 + 14 * HOUR); /* staff */
    CHECK(!ly_hublock_locked(&k, T0 + 20 * HOUR - 1));
    CHECK(ly_hublock_locked(&k, T0 + 20 * HOUR));
    ly_hublock_heard(&k, db, T0 + 21 * HOUR);
    ly_kioskdb_close(db);

    /* a restart: the hub's last answer (T0 + 21 h) was kept, the unlock is not */
    db = open_db();
    if (!db)
        return;
    CHECK(ly_hublock_init(&k, db, 360, T0 + 22 * HOUR, err, sizeof err));
    CHECK(!ly_hublock_locked(&k, T0 + 27 * HOUR - 1));
    CHECK(ly_hublock_locked(&k, T0 + 27 * HOUR));
    ly_kioskdb_close(db);
    db = open_db();
    if (!db)
        return;
    CHECK(ly_hublock_init(&k, db, 360, T0 + 28 * HOUR, err, sizeof err));
    CHECK(ly_hublock_locked(&k, T0 + 28 * HOUR)); /* restarting does not unlock it */
    /* an answer older than the last is no news */
    ly_hublock_heard(&k, db, T0 + 20 * HOUR);
    CHECK(ly_hublock_locked(&k, T0 + 28 * HOUR));
    ly_kioskdb_close(db);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    RUN(off_never_locks);
    RUN(silence_locks_and_answers_unlock);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
