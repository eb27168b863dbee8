/* rawsql.h - for unit tests: looks into a SQLite file with a connection of its own, beside the
 * module under test, so that a check sees what is on disk rather than what the module says. */
#ifndef LY_TESTS_RAWSQL_H
#define LY_TESTS_RAWSQL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* The first column of the first row of sql on file, as an integer; -1 when there is none. */
static inline int64_t raw_int(const char *file, const char *sql)
{
    sqlite3 *raw;
    sqlite3_stmt *q;
    int64_t v = -1;
    if (sqlite3_open(file, &raw) != SQLITE_OK) {
        sqlite3_close(raw);
        return -1;
    }
    if (sqlite3_prepare_v2(raw, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return v;
}

/* Runs sql on file; false when it fails. */
static inline bool raw_exec(const char *file, const char *sql)
{
    sqlite3 *raw;
    bool ok = sqlite3_open(file, &raw) == SQLITE_OK &&
              sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(raw);
    return ok;
}

#endif
