/* hublink.h - what the kiosk loop (loop.h) needs of a hub, as a table of operations: start a
 * sync client beside the loop, follow what it did, tell it of a new journal entry, stop it. The
 * sync client (sync/client/kiosk_sync.h) implements it and the program that assembles the kiosk
 * (kiosk_main.c) hands it in, so that the loop in firmware/ never includes sync/. A kiosk
 * without a hub passes NULL.
 *
 * The loop calls every operation from one thread at a time: start and stop from the thread that
 * starts and joins the loop, follow and kick from its decision thread. */
#ifndef LY_HUBLINK_H
#define LY_HUBLINK_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/kconfig.h"
#include "kioskdb/kioskdb.h"

#define LY_HUBLINK_STATE_MAX 16 /* bytes of a state's name, with its NUL */

/* The client as last followed, for the screen's status line and the decisions' JSON lines. */
struct ly_hublink_status {
    bool active;                      /* a client runs: the kiosk syncs with a hub */
    bool online;                      /* the hub answered the last request */
    char state[LY_HUBLINK_STATE_MAX]; /* "connecting", "online", "offline", "refused", "revoked" */
    int64_t unsent;                   /* journal entries the hub has not committed */
    int64_t last_contact_ms;          /* Unix ms of the hub's last answer; 0: never */
};

/* What a follow found. */
enum ly_hublink_news {
    LY_HUBLINK_SAME,    /* nothing the loop must act on */
    LY_HUBLINK_CHANGED, /* pulled data changed the database: reload the gate */
    LY_HUBLINK_REVOKED, /* the hub revoked the kiosk and its data is wiped: stop deciding */
};

struct ly_hublink;

struct ly_hublink_ops {
    /* Starts a client for the kiosk database db (open, the loop's) when the kiosk is enrolled
     * or cfg names a hub. A client that cannot start is reported on standard error and the
     * kiosk runs on its own: it never stops admitting for the hub's sake. */
    void (*start)(struct ly_hublink *link, struct ly_kioskdb *db,
                  const struct ly_kiosk_config *cfg);
    /* Takes in what the client did since the last call; fills *out. */
    enum ly_hublink_news (*follow)(struct ly_hublink *link, struct ly_hublink_status *out);
    /* The journal has a new entry (cheap, never blocks). */
    void (*kick)(struct ly_hublink *link);
    /* Stops the client; after a clean stop, one bounded attempt to upload what is unsent. */
    void (*stop)(struct ly_hublink *link, bool clean);
};

/* Embedded in the implementation's own struct (container_of style), as scrcpy's sinks are. */
struct ly_hublink {
    const struct ly_hublink_ops *ops;
};

#endif
