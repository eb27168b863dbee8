/* enroll.h - a kiosk joins a hub: it redeems a single-use enrollment code (made by `lanyard
 * enroll`) for its own token, and keeps the hub URL, the token, its name and its gate in its
 * database (meta), so that later starts need only the database. See docs/sync-protocol.md. */
#ifndef LY_ENROLL_H
#define LY_ENROLL_H

#include <stdbool.h>
#include <stddef.h>

#include "proto/wire.h"

/* Enrolls the kiosk database at db (created when absent, drawing the kiosk's identity) with the
 * hub at url (ca_file: a private CA, NULL or "" for the system's), redeeming code. Fills *out
 * (name, gate, event; the token is stored, not returned). A kiosk revoked before is active
 * again; a kiosk moved to another event starts again from a snapshot. Returns false with a
 * sentence in err: a bad code (unknown, used or expired), the hub unreachable, a bad answer. */
__attribute__((warn_unused_result)) bool ly_enroll(const char *db, const char *url,
                                                   const char *ca_file, const char *code,
                                                   struct ly_wire_enrollment *out, char *err,
                                                   size_t errsz);

#endif
