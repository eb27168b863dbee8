/* import_check.c - problem reporting and field checks shared by the registration and programme
 * imports. See import_check.h. */
#include "import/import_check.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "common/utf8.h"

void ly_import_problem(struct ly_import_ctx *x, const char *fmt, ...)
{
    if (!x->row_bad) {
        x->row_bad = true;
        x->bad_rows++;
    }
    if (x->printed >= LY_CSV_ERRORS_MAX) {
        x->unprinted++;
        return;
    }
    x->printed++;
    if (x->out == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(x->out, "%s:%ld: ", x->name, x->line);
    vfprintf(x->out, fmt, ap);
    fputc('\n', x->out);
    va_end(ap);
}

void ly_import_begin_row(struct ly_import_ctx *x, long line)
{
    x->line = line;
    x->row_bad = false;
}

/* --- field checks --------------------------------------------------------------------------- */

bool ly_import_text(struct ly_import_ctx *x, const char *col, const char *in, char *out, size_t max,
                    bool required)
{
    out[0] = '\0';
    if (in == NULL)
        in = "";
    while (*in == ' ')
        in++;
    size_t n = strlen(in);
    while (n > 0 && in[n - 1] == ' ')
        n--;
    if (!ly_utf8_valid(in, n)) {
        ly_import_problem(x, "%s is not valid UTF-8 (save the file as UTF-8)", col);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)in[i];
        bool c1 = ch == 0xC2 && i + 1 < n && (unsigned char)in[i + 1] <= 0x9F;
        if (ch < 0x20 || ch == 0x7F || c1) {
            ly_import_problem(
                x, "%s contains a control character (a line break or tab inside the field?)", col);
            return false;
        }
    }
    if (n > max) {
        ly_import_problem(x, "%s is longer than %zu bytes", col, max);
        return false;
    }
    if (required && n == 0) {
        ly_import_problem(x, "%s is missing", col);
        return false;
    }
    memcpy(out, in, n);
    out[n] = '\0';
    return true;
}

bool ly_import_id(struct ly_import_ctx *x, const char *col, const char *in, char *out)
{
    if (!ly_import_text(x, col, in, out, LY_EXT_ID_MAX, true))
        return false;
    size_t bad = strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");
    if (out[bad] != '\0') {
        ly_import_problem(x, "%s \"%s\" may only contain letters A-Z, digits and . _ : -", col,
                          out);
        return false;
    }
    return true;
}

void ly_import_list_words(enum ly_vocab_kind kind, char *buf, size_t bufsz)
{
    size_t n, len = 0;
    const struct ly_vocab_entry *e = ly_vocab_list(kind, &n);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(buf + len, bufsz - len, "%s%s", i ? ", " : "", e[i].id);
        if (w < 0 || (size_t)w >= bufsz - len)
            return;
        len += (size_t)w;
    }
}

bool ly_import_word(struct ly_import_ctx *x, const char *col, const char *in,
                    enum ly_vocab_kind kind, const char *def, char *out)
{
    char word[LY_LABEL_MAX + 1];
    if (!ly_import_text(x, col, in, word, LY_LABEL_MAX, false))
        return false;
    if (word[0] == '\0') {
        if (def == NULL)
            return true;
        snprintf(out, LY_LABEL_MAX + 1, "%s", def);
        return true;
    }
    const struct ly_vocab_entry *e = ly_vocab_find(kind, word);
    if (e == NULL) {
        char words[600];
        ly_import_list_words(kind, words, sizeof words);
        ly_import_problem(x, "%s \"%s\" is not one of: %s", col, word, words);
        return false;
    }
    snprintf(out, LY_LABEL_MAX + 1, "%s", e->id);
    return true;
}

void ly_import_count_upsert(struct ly_import_result *res, enum ly_upsert what)
{
    if (what == LY_UPSERT_INSERTED)
        res->inserted++;
    else if (what == LY_UPSERT_UPDATED)
        res->updated++;
    else
        res->unchanged++;
}

bool ly_import_next_record(struct ly_import_ctx *x, struct ly_csv *csv, bool *good)
{
    char err[256];
    enum ly_csv_status st = ly_csv_next(csv, err, sizeof err);
    if (st == LY_CSV_END)
        return false;
    ly_import_begin_row(x, ly_csv_line(csv));
    if (st == LY_CSV_RECORD) {
        *good = true;
        return true;
    }
    ly_import_problem(x, "%s", err);
    *good = false;
    if (st == LY_CSV_FATAL) {
        x->fatal = true;
        return false;
    }
    return true;
}

bool ly_import_next_row(struct ly_import_ctx *x, struct ly_csv *csv, size_t width,
                        struct ly_import_result *res, bool *usable)
{
    bool good;
    *usable = false;
    if (x->fatal || !ly_import_next_record(x, csv, &good))
        return false;
    if (!x->writing)
        res->rows++;
    if (good && ly_csv_count(csv) != width)
        ly_import_problem(x, "has %zu fields; the header has %zu", ly_csv_count(csv), width);
    else
        *usable = good;
    return true;
}

bool ly_import_read_header(struct ly_import_ctx *x, struct ly_csv *csv)
{
    bool good = false;
    if (csv == NULL) {
        ly_import_begin_row(x, 1);
        ly_import_problem(x, "out of memory");
    } else if (!ly_import_next_record(x, csv, &good) && !x->fatal) {
        ly_import_begin_row(x, 1);
        ly_import_problem(x, "the file is empty: the header row is missing");
    }
    if (!good)
        x->fatal = true;
    return good;
}

bool ly_import_header(struct ly_import_ctx *x, const struct ly_csv *h, const char *const *names,
                      size_t ncols, const size_t *required, size_t nrequired, int *col)
{
    bool ok = true;
    for (size_t k = 0; k < ncols; k++)
        col[k] = -1;
    for (size_t i = 0; i < ly_csv_count(h); i++) {
        char name[LY_LABEL_MAX + 1];
        if (!ly_import_text(x, "column name", ly_csv_field(h, i, NULL), name, LY_LABEL_MAX,
                            false)) {
            ok = false;
            continue;
        }
        size_t k = 0;
        while (k < ncols && strcasecmp(name, names[k]) != 0)
            k++;
        if (name[0] == '\0') {
            ly_import_problem(x, "column %zu has no name", i + 1);
            ok = false;
        } else if (k == ncols) {
            ly_import_problem(x,
                              "unknown column \"%s\" (a typo? the columns are described in "
                              "docs/import-formats.md)",
                              name);
            ok = false;
        } else if (col[k] >= 0) {
            ly_import_problem(x, "column \"%s\" appears twice", names[k]);
            ok = false;
        } else {
            col[k] = (int)i;
        }
    }
    for (size_t r = 0; r < nrequired; r++) {
        if (col[required[r]] < 0) {
            ly_import_problem(x, "required column \"%s\" is missing", names[required[r]]);
            ok = false;
        }
    }
    return ok;
}
