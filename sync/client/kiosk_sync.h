/* kiosk_sync.h - the sync client as the kiosk loop's hub link (firmware/kiosk/hublink.h):
 * starting the client when the kiosk is enrolled, following it (the loop reloads its gate when
 * pulled data changed and stops when the hub revoked the kiosk) and stopping it with one bounded
 * last upload. The program that assembles the kiosk makes one and hands &ks->link to the loop,
 * which calls it from one thread at a time. */
#ifndef LY_KIOSK_SYNC_H
#define LY_KIOSK_SYNC_H

#include "client/client.h"
#include "kiosk/hublink.h"
#include "peer/peer_node.h"

#define LY_KIOSK_SYNC_FLUSH_MS 3000 /* the last upload at a clean stop */

struct ly_kiosk_sync {
    struct ly_hublink link;       /* the operations, for the loop */
    struct ly_sync *client;       /* NULL when the kiosk has no hub (or the client failed) */
    struct ly_sync_status status; /* as last followed */
    struct ly_peer_node *peer;    /* the peer exchange; NULL when the kiosk has none */
};

/* Makes ks a hub link with no client yet (the loop's start starts one). */
void ly_kiosk_sync_init(struct ly_kiosk_sync *ks);

#endif
