/* kioskdb_int.h - the kiosk database handle, shared by the files that implement kioskdb.h
 * (kioskdb.c: schema, journal, synced data; kioskdb_rules.c: gate rules and movements). Not for
 * other modules. */
#ifndef LY_KIOSKDB_INT_H
#define LY_KIOSKDB_INT_H

#include <sqlite3.h>

#include "kioskdb.h"
#include "sqldb.h"

struct ly_kioskdb {
    sqlite3 *db;
    char kiosk_id[LY_UUID_LEN + 1]; /* "" until drawn (never in a snapshot) */
    struct ly_sqlcache stmts;
};

/* The journal's columns, in the order ly_kioskdb_row_checkin reads them. */
#define LY_CHECKIN_COLS                                                                            \
    "uuid, seq, kiosk_id, wall_time, mono_time, gate, attendee_id, code_kind, decision, "          \
    "reason, place, direction, sent, reason_code"

/* Copies the current row of a "SELECT " LY_CHECKIN_COLS statement into *out. */
void ly_kioskdb_row_checkin(sqlite3_stmt *st, struct ly_checkin *out);

/* Fails with err unless s (an array of sz bytes) holds its NUL. */
bool ly_kioskdb_terminated(const char *s, size_t sz, const char *what, char *err, size_t errsz);

#endif
