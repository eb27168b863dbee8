/* records_sql.h - records of records.h read from the current row of a SQLite statement, for the
 * two databases that hold them (the kiosk's, kioskdb/, and the organizer's, orgdb/): each reads
 * the columns named in its comment, in that order, from column col on. */
#ifndef LY_RECORDS_SQL_H
#define LY_RECORDS_SQL_H

#include <sqlite3.h>

#include "event/records.h"

/* Fills the caller's *out from id, name, starts, ends, timezone. */
void ly_records_event_row(sqlite3_stmt *st, int col, struct ly_event *out);

/* Fills the caller's *out from day, opens, closes. */
void ly_records_hours_row(sqlite3_stmt *st, int col, struct ly_kiosk_hours *out);

/* Fills the caller's *out from id, place, category, text. */
void ly_records_notice_row(sqlite3_stmt *st, int col, struct ly_kiosk_notice *out);

#endif
