/* import_format.h - the formats an import reads, their names, and what an import reports
 * (struct ly_import_result): shared by import.h's callers and the import's own passes
 * (import_check.h, import_foreign.h). */
#ifndef LY_IMPORT_FORMAT_H
#define LY_IMPORT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

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

/* Returns the format's name (static) ("lanyard", "pretix", "eventbrite", "indico", "sessions",
 * "rules"). */
const char *ly_import_format_name(enum ly_import_format f);

#endif
