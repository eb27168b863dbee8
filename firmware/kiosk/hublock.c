/* hublock.c - the kiosk's lock after its hub's silence. See hublock.h. */
#include "kiosk/hublock.h"

#include <stdio.h>
#include <string.h>

#include "common/num.h"
#include "kioskdb/kioskdb_sync.h"

#define HEARD_KEY      "hub_heard_ms"
#define STORE_EVERY_MS 60000 /* the database hears of a live hub once a minute at most */

static bool store(struct ly_hublock *k, struct ly_kioskdb *db, int64_t ms, char *err, size_t errsz)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)ms);
    if (!ly_kioskdb_set_meta_text(db, HEARD_KEY, text, err, errsz))
        return false;
    k->stored_ms = ms;
    return true;
}

bool ly_hublock_init(struct ly_hublock *k, struct ly_kioskdb *db, int lock_after_min,
                     int64_t now_ms, char *err, size_t errsz)
{
    char text[24], url[LY_KIOSKDB_META_MAX + 1];
    bool found = false;
    int64_t ms = 0;
    memset(k, 0, sizeof *k);
    if (lock_after_min == 0)
        return true;
    /* Enrolled is what counts, not whether the sync client runs: a kiosk whose client cannot
     * start (its key file removed, say) must lock all the same. */
    if (!ly_kioskdb_meta_text(db, "hub_url", url, sizeof url, &found, err, errsz))
        return false;
    if (!found)
        return true; /* no hub to hear from: a kiosk on its own never locks */
    k->after_ms = (int64_t)lock_after_min * 60000;
    if (!ly_kioskdb_meta_text(db, HEARD_KEY, text, sizeof text, &found, err, errsz))
        return false;
    if (found && ly_num_int(text, 1, INT64_MAX, &ms)) {
        k->heard_ms = k->stored_ms = ms;
        return true;
    }
    k->heard_ms = now_ms;
    return store(k, db, now_ms, err, errsz);
}

void ly_hublock_heard(struct ly_hublock *k, struct ly_kioskdb *db, int64_t heard_ms)
{
    char err[256];
    if (k->after_ms == 0 || heard_ms <= k->heard_ms)
        return;
    k->heard_ms = heard_ms;
    if (k->locked)
        fprintf(stderr, "lanyard-kiosk: the hub answered: unlocked\n");
    k->locked = false;
    if (heard_ms - k->stored_ms >= STORE_EVERY_MS && !store(k, db, heard_ms, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: cannot keep the time the hub last answered: %s\n", err);
}

void ly_hublock_unlock(struct ly_hublock *k, int64_t now_ms)
{
    if (k->after_ms == 0)
        return;
    if (k->locked)
        fprintf(stderr, "lanyard-kiosk: unlocked by staff\n");
    k->locked = false;
    if (now_ms > k->heard_ms)
        k->heard_ms = now_ms;
}

bool ly_hublock_locked(struct ly_hublock *k, int64_t now_ms)
{
    if (k->after_ms == 0 || k->locked)
        return k->locked;
    if (now_ms - k->heard_ms < k->after_ms)
        return false;
    k->locked = true;
    fprintf(stderr,
            "lanyard-kiosk: LOCKED: the hub has not answered for %lld minutes (lock-after); "
            "deciding nothing until it answers or staff unlock the kiosk\n",
            (long long)((now_ms - k->heard_ms) / 60000));
    return true;
}
