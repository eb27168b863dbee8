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

#include "hubdb.h"

enum ly_import_format {
    LY_IMPORT_AUTO,       /* detect from the header row */
    LY_IMPORT_LANYARD,    /* Lanyard's registration CSV */
    LY_IMPORT_PRETIX,     /* pretix order/attendee export */
    LY_IMPORT_EVENTBRITE, /* Eventbrite attendee export */
    LY_IMPORT_INDICO,     /* Indico registrant export */
    LY_IMPORT_SESSIONS,   /* Lanyard's programme CSV */
    LY_IMPORT_RULES,      /* Lanyard's gate rules CSV */
};

struct ly_import_options {
    enum ly_import_format format; /* LY_IMPORT_AUTO: detect from the header row */
    /* A foreign export without its ticket-code column is imported (its attendees get Lanyard
     * badges only; their tickets of that system will not open the doors) instead of refused. */
    bool without_codes;
};

struct ly_import_result {
    enum ly_import_format format; /* the format used (detected when AUTO was asked) */
    size_t rows;                  /* data rows read */
    size_t inserted, updated, unchanged;
    size_t skipped;        /* foreign rows of cancelled or refunded orders, not imported */
    size_t rooms;          /* sessions import: distinct rooms named in the file */
    size_t hours, notices; /* rules import: days of opening hours and notices in the file */
    bool changed; /* rules import: the file's rule set differs from the stored one (committed) */
    /* registrations imported with country "not stated", the line of the first, and whether the
     * file has no country column at all */
    size_t no_country;
    long no_country_line;
    bool no_country_column;
    bool no_codes; /* a foreign export without its ticket-code column, imported as asked */
    size_t errors; /* bad rows; nothing was written. Zero with a false return: the database
                      failed (reported on errout) and the transaction was rolled back */
};

/* Returns the format's name ("lanyard", "pretix", "eventbrite", "indico", "sessions",
 * "rules"). */
const char *ly_import_format_name(enum ly_import_format f);

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
