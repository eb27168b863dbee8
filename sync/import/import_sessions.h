/* import_sessions.h - private to the import module: one pass over a sessions CSV (columns in
 * docs/import-formats.md). In the checking pass every problem is reported and rooms whose
 * capacity disagrees between rows are found; in the writing pass (x->writing) rooms and
 * sessions are upserted. */
#ifndef LY_IMPORT_SESSIONS_H
#define LY_IMPORT_SESSIONS_H

#include "import/import_check.h"

/* Runs one pass over the len bytes at data, counting rows, rooms and upserts into res. */
void ly_import_sessions_pass(struct ly_import_ctx *x, const char *data, size_t len,
                             struct ly_import_result *res);

#endif
