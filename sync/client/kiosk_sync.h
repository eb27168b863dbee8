/* kiosk_sync.h - what a kiosk loop (headless.c, the screen's engine) does with the sync client:
 * the settings an enrollment stored (the gate, a revocation), starting the client when the
 * kiosk is enrolled, following it (reloading the gate when pulled data changed, stopping when
 * the hub revoked the kiosk) and stopping it with one bounded last upload. One struct per kiosk
 * loop, used by the thread that owns the loop's database connection and gate. */
#ifndef LY_KIOSK_SYNC_H
#define LY_KIOSK_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "client/client.h"
#include "gate/gate.h"
#include "kiosk/kconfig.h"
#include "kioskdb/kioskdb.h"

#define LY_KIOSK_SYNC_FLUSH_MS 3000 /* the last upload at a clean stop */

struct ly_kiosk_sync {
    struct ly_sync *client;       /* NULL when the kiosk has no hub (or the client failed) */
    struct ly_sync_status status; /* as last followed */
};

/* Fills what cfg leaves open from the enrollment stored in db (the gate), and refuses a kiosk
 * the hub revoked. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool
ly_kiosk_sync_settings(struct ly_kioskdb *db, struct ly_kiosk_config *cfg, char *err, size_t errsz);

/* Starts the client when the kiosk is enrolled (or cfg names a hub). A client that cannot start
 * is reported on standard error and the kiosk runs on its own: it never stops admitting for the
 * hub's sake. */
void ly_kiosk_sync_start(struct ly_kiosk_sync *ks, struct ly_kioskdb *db,
                         const struct ly_kiosk_config *cfg);

/* Takes in what the client did since the last call: reloads gate when pulled data changed
 * (*changed set, when not NULL) and updates ks->status. Returns false when the hub revoked the
 * kiosk: it must stop scanning. */
bool ly_kiosk_sync_follow(struct ly_kiosk_sync *ks, struct ly_gate *gate, bool *changed);

/* Tells the client that the journal has a new entry. */
void ly_kiosk_sync_kick(struct ly_kiosk_sync *ks);

/* Stops the client; after a clean stop, one bounded attempt to upload what is unsent. */
void ly_kiosk_sync_stop(struct ly_kiosk_sync *ks, bool clean);

#endif
