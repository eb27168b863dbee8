/* records_sql.c - records read from SQLite rows. See records_sql.h. */
#include "event/records_sql.h"

#include <string.h>

#include "common/sqldb.h"

void ly_records_event_row(sqlite3_stmt *st, int col, struct ly_event *out)
{
    memset(out, 0, sizeof *out);
    out->id = (uint32_t)sqlite3_column_int64(st, col);
    ly_sqldb_copy_col(st, col + 1, out->name, sizeof out->name);
    ly_sqldb_copy_col(st, col + 2, out->starts, sizeof out->starts);
    ly_sqldb_copy_col(st, col + 3, out->ends, sizeof out->ends);
    ly_sqldb_copy_col(st, col + 4, out->timezone, sizeof out->timezone);
}

void ly_records_hours_row(sqlite3_stmt *st, int col, struct ly_kiosk_hours *out)
{
    memset(out, 0, sizeof *out);
    ly_sqldb_copy_col(st, col, out->day, sizeof out->day);
    ly_sqldb_copy_col(st, col + 1, out->opens, sizeof out->opens);
    ly_sqldb_copy_col(st, col + 2, out->closes, sizeof out->closes);
}

void ly_records_notice_row(sqlite3_stmt *st, int col, struct ly_kiosk_notice *out)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, col);
    ly_sqldb_copy_col(st, col + 1, out->place, sizeof out->place);
    ly_sqldb_copy_col(st, col + 2, out->category, sizeof out->category);
    ly_sqldb_copy_col(st, col + 3, out->text, sizeof out->text);
}
