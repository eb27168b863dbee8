/* peer_node.h - a kiosk's side of the peer exchange (docs/sync-protocol.md, "Peer exchange"): a
 * listener that takes the signed check-ins of the event's other kiosks into the kiosk database
 * (kioskdb_peer.h), and a sender that pushes this kiosk's journal to each of them as soon as an
 * entry is made, and catches each one up from where it says it is after any outage. Started by
 * the sync client beside the hub link (kiosk_sync.c); two threads and two database connections
 * of its own. */
#ifndef LY_PEER_NODE_H
#define LY_PEER_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ly_limits.h"

struct ly_peer_config {
    const char *db;        /* the kiosk database */
    const char *listen;    /* "HOST:PORT" to bind, numeric; port 0: any free one */
    const char *advertise; /* the address other kiosks use, "HOST:PORT"; "" or NULL: the bound
                              one (with its port) */
    bool log; /* one line on standard error per refusal and per peer going up or down */
};

/* What the node did, for tests, benchmarks and the log. */
struct ly_peer_stats {
    int64_t received, stored, refused, sent;
    char addr[LY_PEER_ADDR_MAX + 1]; /* the address it advertises */
};

struct ly_peer_node;

/* Binds the listener, records the address to advertise in the kiosk database (meta peer_addr,
 * which the sync client reports to the hub) and starts both threads. The kiosk must be enrolled
 * with a certified key. Returns false with err; *out is freed with ly_peer_stop. */
__attribute__((warn_unused_result)) bool
ly_peer_start(const struct ly_peer_config *cfg, struct ly_peer_node **out, char *err, size_t errsz);

/* The journal has a new entry: push it now (cheap, never blocks). NULL is ignored. */
void ly_peer_kick(struct ly_peer_node *p);

/* Copies the node's figures. */
void ly_peer_stats(struct ly_peer_node *p, struct ly_peer_stats *out);

/* Stops both threads, closes the listener and frees p (NULL is ignored). */
void ly_peer_stop(struct ly_peer_node *p);

#endif
