/* import_check.h - private to the import module: the state of one import pass, how problems
 * are reported ("NAME:LINE: reason", counted per bad row, printed up to LY_CSV_ERRORS_MAX), and
 * the checks every text field goes through (trimmed, UTF-8, no control characters, bounded). */
#ifndef LY_IMPORT_CHECK_H
#define LY_IMPORT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/csv.h"
#include "orgdb/hubdb.h"
#include "import/import_format.h"
#include "import/strset.h"
#include "event/vocab.h"

struct ly_import_ctx {
    struct ly_hubdb *db;
    const char *name;
    FILE *out;
    bool writing; /* second pass: rows are known good, write them */
    long line;    /* line of the row being checked */
    bool row_bad;
    size_t bad_rows, printed, unprinted;
    bool fatal; /* stop reading (out of memory, broken header, unreadable file) */
    struct ly_strset ids, codes, rooms;
    struct ly_import_result *res;
};

/* Starts checking the row at line: problems from now on are reported against it. */
void ly_import_begin_row(struct ly_import_ctx *x, long line);

/* Reports a problem of the current row ("NAME:LINE: " and the formatted reason). */
__attribute__((format(printf, 2, 3))) void ly_import_problem(struct ly_import_ctx *x,
                                                             const char *fmt, ...);

/* Copies in (NULL: empty) into out (room for max bytes and a NUL), trimmed of surrounding
 * spaces, after checking it is UTF-8 without control characters, at most max bytes and, when
 * required, not empty. Returns false, having reported why (naming column col), when not. */
bool ly_import_text(struct ly_import_ctx *x, const char *col, const char *in, char *out, size_t max,
                    bool required);

/* As ly_import_text for a required id (at most LY_EXT_ID_MAX of A-Z a-z 0-9 . _ : -). */
bool ly_import_id(struct ly_import_ctx *x, const char *col, const char *in, char *out);

/* Reads a word of vocabulary kind into out (LY_LABEL_MAX + 1 bytes) as the entry's id; an empty
 * value gives def (out untouched when def is NULL). */
bool ly_import_word(struct ly_import_ctx *x, const char *col, const char *in,
                    enum ly_vocab_kind kind, const char *def, char *out);

/* Writes the kind's ids, comma-separated, into buf (for messages). */
void ly_import_list_words(enum ly_vocab_kind kind, char *buf, size_t bufsz);

/* Reads the header record from csv (NULL: the reader could not be allocated), reporting at line
 * 1 an empty file or a reader out of memory. Returns whether a well-formed header row was read;
 * when not, x->fatal is set. */
bool ly_import_read_header(struct ly_import_ctx *x, struct ly_csv *csv);

/* Reads the next record and starts a row for it, reporting a malformed record (*good false).
 * Returns false at the end of the file or after a fatal reader error (x->fatal set). */
bool ly_import_next_record(struct ly_import_ctx *x, struct ly_csv *csv, bool *good);

/* Reads the next data row, counting it into res->rows in the checking pass, and reports a
 * malformed record or one whose field count differs from the header's width (usually a quoting
 * mistake that shifted the columns). Returns false at the end of the file or after a fatal
 * reader error; *usable says whether the row's fields are there to be checked. */
bool ly_import_next_row(struct ly_import_ctx *x, struct ly_csv *csv, size_t width,
                        struct ly_import_result *res, bool *usable);

/* Maps header row h onto the format's ncols column names (ASCII case ignored): col[k] becomes
 * the file's index of names[k], or -1. Reports nameless, unknown and repeated columns, and the
 * missing ones among names[required[0..nrequired-1]]. Returns whether the header is usable. */
bool ly_import_header(struct ly_import_ctx *x, const struct ly_csv *h, const char *const *names,
                      size_t ncols, const size_t *required, size_t nrequired, int *col);

/* Counts one upsert outcome into res. */
void ly_import_count_upsert(struct ly_import_result *res, enum ly_upsert what);

#endif
