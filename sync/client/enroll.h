/* enroll.h - a kiosk joins a hub: it redeems a single-use enrollment code (made by `lanyard
 * enroll`) for its own token, and keeps the hub URL, the token, its name and its gate in its
 * database (meta), so that later starts need only the database. See docs/sync-protocol.md. */
#ifndef LY_ENROLL_H
#define LY_ENROLL_H

#include <stdbool.h>
#include <stddef.h>

#include "proto/pin.h"
#include "proto/wire.h"

/* What an enrollment needs. */
struct ly_enroll_args {
    const char *db;      /* the kiosk database (created when absent, drawing its identity) */
    const char *url;     /* the hub */
    const char *ca_file; /* a private CA, NULL or "" for the system's */
    const char *text;    /* the enrollment text of `lanyard enroll` (proto/pin.h): its code,
                          * and the pins of the hub's TLS key the kiosk will accept */
    bool insecure_http;  /* --insecure-http: allow plain http over the network, or https
                          * without a pin (ly_http_channel_ok) */
};

/* Enrolls the kiosk database a->db with the hub at a->url, redeeming the code of a->text over
 * a channel ly_http_channel_ok allows (pinned when the text carries pins). Fills *out (name,
 * gate, event; the token is stored, not returned). The kiosk keeps the hub URL, the pins, the
 * token, its name and gate, and the event's root keys the hub answered with (the keys that
 * must vouch for every later key, docs/security.md). A kiosk revoked before is active again; a
 * kiosk moved to another event starts again from a snapshot. Returns false with a sentence in
 * err: a bad code (unknown, used or expired), the hub unreachable or not the pinned one, a bad
 * answer. */
__attribute__((warn_unused_result)) bool
ly_enroll(const struct ly_enroll_args *a, struct ly_wire_enrollment *out, char *err, size_t errsz);

/* Reads an enrollment text from path ("-": standard input): its first line, at most
 * LY_ENROLL_TEXT_MAX bytes, into out (room for outsz). Returns false with a sentence in err. */
__attribute__((warn_unused_result)) bool ly_enroll_read_text(const char *path, char *out,
                                                             size_t outsz, char *err, size_t errsz);

#endif
