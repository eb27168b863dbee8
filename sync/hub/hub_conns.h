/* hub_conns.h - the hub's open connections: who holds them (an address, and a class: not yet
 * authenticated, a read token, a kiosk), the budgets that keep slots for kiosks, and a
 * watchdog that cuts off a request whose headers or body take too long (slow senders), by
 * shutting its socket down so that the connection's own thread sees the end and closes it.
 *
 * Threads: the HTTP library's listen thread admits and opens connections, each connection's
 * thread moves its own through the phases, the watchdog runs on a thread of its own; one mutex
 * guards the table. A connection stays in the table until the library has finished with it and
 * before its socket is closed, so the watchdog never touches a socket number reused since. */
#ifndef LY_HUB_CONNS_H
#define LY_HUB_CONNS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

/* Who a connection answers to. A new connection is LY_CONN_ANON until a request on it
 * authenticates; it keeps the highest class it reached. */
enum ly_conn_class { LY_CONN_ANON, LY_CONN_READ, LY_CONN_KIOSK, LY_CONN_CLASSES };

/* Why a connection was refused or cut off, for /metrics. */
enum ly_conn_event {
    LY_CONN_REFUSED_ADDRESS, /* its address holds per-ip connections already */
    LY_CONN_REFUSED_TOTAL,   /* max-connections are open */
    LY_CONN_REFUSED_READ,    /* read-connections are held by read tokens */
    LY_CONN_EVICTED,         /* the oldest unauthenticated connection, closed for a new one */
    LY_CONN_TIMEOUT_HEADERS, /* headers not complete within header-timeout */
    LY_CONN_TIMEOUT_BODY,    /* headers and body not complete within request-timeout */
    LY_CONN_EVENTS
};

struct ly_conns_limits {
    int total;              /* open connections at most */
    int per_address;        /* from one address (0: no limit) */
    int anon;               /* not authenticated (yet) */
    int read;               /* held by read tokens */
    int header_timeout_ms;  /* from a connection's opening or its last answer to the headers */
    int request_timeout_ms; /* from the same start to the end of the body */
};

struct ly_conns;
struct ly_conn;

/* Starts the table and its watchdog. events[LY_CONN_EVENTS] are counters the caller owns and
 * reads for /metrics. Returns NULL when out of memory or threads. Free with ly_conns_free. */
struct ly_conns *ly_conns_new(const struct ly_conns_limits *lim, _Atomic uint64_t *events);
/* Stops the watchdog and frees the table (every connection must be closed). */
void ly_conns_free(struct ly_conns *cs);

/* Whether a connection from addr may be opened (the library's accept policy). May evict the
 * oldest unauthenticated connection to make room. Counts a refusal. */
bool ly_conns_admit(struct ly_conns *cs, const struct sockaddr *addr);

/* Registers an accepted connection (socket fd, peer addr); NULL when out of memory (the caller
 * then closes it). Unregister with ly_conns_close before the socket is closed. */
struct ly_conn *ly_conns_open(struct ly_conns *cs, int fd, const struct sockaddr *addr);
void ly_conns_close(struct ly_conns *cs, struct ly_conn *c);

/* The phases of one request. */
void ly_conn_headers_done(struct ly_conns *cs, struct ly_conn *c, bool body_follows);
void ly_conn_body_done(struct ly_conns *cs, struct ly_conn *c);
void ly_conn_answered(struct ly_conns *cs, struct ly_conn *c); /* waiting for the next request */

/* Moves c up to class k. Returns false (and counts a refusal) when k's budget is full. */
bool ly_conn_classify(struct ly_conns *cs, struct ly_conn *c, enum ly_conn_class k);

/* The connection's socket, for a stream to notice its peer has gone. */
int ly_conn_fd(const struct ly_conn *c);

/* A flag the HTTP layer raises while the library parses a request line, when the line holds a
 * NUL or a percent escape decodes to a control byte (the library's callbacks have no request of
 * their own yet); taken, and cleared, once the request's headers are complete. */
void ly_conn_set_bad_line(struct ly_conn *c);
bool ly_conn_take_bad_line(struct ly_conn *c);

#endif
