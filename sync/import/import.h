/* import.h - registration, programme and gate-rule import from CSV. Registrations come in
 * Lanyard's own format (docs/import-formats.md) or as a pretix, Eventbrite or Indico export,
 * detected from the header row; their ticket codes are kept as alternate badge codes (an export
 * without its ticket-code column is refused unless the caller accepts Lanyard badges only). A
 * registration without a country is kept with country "not stated" (country.h). An import is
 * all or nothing: every bad row is reported as "NAME:LINE: reason" and, if there is any, the
 * database is left exactly as it was. Re-importing an updated file updates rows in place and leaves
 * unchanged rows untouched. */
#ifndef LY_IMPORT_H
#define LY_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "import/import_format.h"
#include "orgdb/hubdb.h"

/* Imports registrations from data (len bytes; name is used in messages) as opt says (NULL: the
 * defaults, all zero). Writes one line per problem to errout and, when committed, one warning
 * line ("NAME: warning: ...") for registrations without a country and one for an export
 * imported without its ticket codes. Returns true when the import was committed; false leaves
 * the database unchanged. res is filled in both cases. */
__attribute__((warn_unused_result)) bool
ly_import_registrations(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                        const struct ly_import_options *opt, FILE *errout,
                        struct ly_import_result *res);

/* Imports the programme (rooms and sessions) from Lanyard's sessions CSV, same contract. */
__attribute__((warn_unused_result)) bool ly_import_sessions(struct ly_hubdb *db, const char *name,
                                                            const char *data, size_t len,
                                                            FILE *errout,
                                                            struct ly_import_result *res);

/* Replaces the gate rules (opening hours, notices) with those of Lanyard's rules CSV, same
 * contract; notices may name only sessions and rooms already in the database. A file equal to
 * the stored rules changes nothing (res->changed false, no change sequence taken). */
__attribute__((warn_unused_result)) bool ly_import_rules(struct ly_hubdb *db, const char *name,
                                                         const char *data, size_t len, FILE *errout,
                                                         struct ly_import_result *res);

#endif
