/* hublock.h - the kiosk that locks itself when its hub has been silent too long (`lock-after`,
 * docs/security.md "A stolen kiosk"): a kiosk carried away from its venue stops admitting anyone
 * once the configured time has passed since the hub last answered, until the hub answers again
 * or staff unlock it with the staff PIN. Times are the kiosk's own clock (the loop's, which
 * `--at` moves), in Unix ms. The time of the last answer is kept in the kiosk database (meta
 * hub_heard_ms), so that a restart does not unlock a kiosk; a staff unlock is not kept, so after
 * a restart staff unlock it again. Used by the decision thread only. */
#ifndef LY_HUBLOCK_H
#define LY_HUBLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "kioskdb/kioskdb.h"

struct ly_hublock {
    int64_t after_ms;  /* silence that locks; 0: never locks */
    int64_t heard_ms;  /* the hub's last answer, a staff unlock or the first start */
    int64_t stored_ms; /* what the database holds */
    bool locked;
};

/* Sets k up for lock_after_min minutes (0: never), from the time stored in db; a kiosk that
 * stores none starts counting now (and stores it). A kiosk that is not enrolled (no hub_url)
 * never locks. Returns false with err on a database error. */
__attribute__((warn_unused_result)) bool ly_hublock_init(struct ly_hublock *k,
                                                         struct ly_kioskdb *db, int lock_after_min,
                                                         int64_t now_ms, char *err, size_t errsz);

/* The hub answered at heard_ms: unlocks, and stores the time when it moved a minute or more
 * (a failed store is reported on standard error; the lock goes on from memory). */
void ly_hublock_heard(struct ly_hublock *k, struct ly_kioskdb *db, int64_t heard_ms);

/* Staff unlocked the kiosk at now_ms: it decides again for after_ms from now. */
void ly_hublock_unlock(struct ly_hublock *k, int64_t now_ms);

/* Whether the kiosk is locked at now_ms. Says so on standard error when it locks. */
bool ly_hublock_locked(struct ly_hublock *k, int64_t now_ms);

#endif
