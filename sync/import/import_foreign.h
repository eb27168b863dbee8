/* import_foreign.h - private to the import module (import.c): reading pretix, Eventbrite and
 * Indico exports as rows of Lanyard's registration columns. Detection is by the header row;
 * the column lists and where they come from are in docs/import-formats.md. */
#ifndef LY_IMPORT_FOREIGN_H
#define LY_IMPORT_FOREIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "common/csv.h"
#include "import/import_format.h"
#include "common/ly_limits.h"

/* Lanyard's registration columns, in the order the documentation lists them. */
enum ly_import_col {
    LY_COL_ID,
    LY_COL_NAME,
    LY_COL_NAME_LATIN,
    LY_COL_AFFILIATION,
    LY_COL_COUNTRY,
    LY_COL_REGION,
    LY_COL_STAKEHOLDER,
    LY_COL_ATTENDANCE,
    LY_COL_CATEGORY,
    LY_COL_LANGUAGE,
    LY_COL_ACCESSIBILITY,
    LY_COL_EMAIL,
    LY_COL_PHONE,
    LY_COL_TICKET_CODE,
    LY_COL_COUNT
};

/* One row in Lanyard's terms: a value per column (not yet trimmed or checked; NULL when the
 * source has no such column), and whether the source says the ticket was cancelled. */
struct ly_import_row {
    const char *v[LY_COL_COUNT];
    bool cancelled;
};

/* Roles a foreign column can play; each may be filled from several columns in order of
 * preference, the first non-empty value winning. */
enum ly_foreign_role {
    LY_FR_ID,       /* attendee id (pretix: order code) */
    LY_FR_POSITION, /* pretix: position id, appended to the order code */
    LY_FR_NAME,     /* full name */
    LY_FR_FIRST,    /* given name, when there is no full name */
    LY_FR_LAST,     /* family name */
    LY_FR_COMPANY,
    LY_FR_COUNTRY,
    LY_FR_EMAIL,
    LY_FR_PHONE,
    LY_FR_TYPE,   /* ticket type or product: every such column is searched for keywords */
    LY_FR_CODE,   /* ticket secret, barcode or check-in UUID */
    LY_FR_STATUS, /* every such column is searched for cancelled / refunded */
    LY_FR_LANG,
    LY_FR_COUNT
};

#define LY_FOREIGN_PICKS 6 /* columns remembered per role */

struct ly_import_foreign {
    enum ly_import_format fmt;
    int col[LY_FR_COUNT][LY_FOREIGN_PICKS]; /* field indexes, -1 when unused */
    char id[2 * LY_CSV_FIELD_MAX + 32];     /* composed values of the current row */
    char name[2 * LY_CSV_FIELD_MAX + 2];
    char lang[LY_LABEL_MAX + 1];
    bool has_country, has_codes; /* the header has a country column, a ticket-code column */
};

/* Returns the foreign format whose signature the header record matches, or LY_IMPORT_LANYARD
 * when none does. */
enum ly_import_format ly_import_foreign_detect(const struct ly_csv *header);

/* Maps the header record's columns for format fmt into f. Returns false with the reason in err
 * when a column the format needs is missing: an id column, a name column, or the ticket-code
 * column unless without_codes. A missing country column is only noted (f->has_country). */
__attribute__((warn_unused_result)) bool
ly_import_foreign_header(struct ly_import_foreign *f, enum ly_import_format fmt,
                         const struct ly_csv *header, bool without_codes, char *err, size_t errsz);

/* Returns the system's name as it writes it ("pretix", "Eventbrite", "Indico"; static). */
const char *ly_import_foreign_system(enum ly_import_format fmt);

/* Returns the name of the format's ticket-code column to ask for in messages (static). */
const char *ly_import_foreign_code_column(enum ly_import_format fmt);

/* Converts the current record into out. Values point into the reader or into f, and stay
 * valid until the next call to either. */
void ly_import_foreign_row(struct ly_import_foreign *f, const struct ly_csv *row,
                           struct ly_import_row *out);

#endif
