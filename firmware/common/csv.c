/* csv.c - RFC 4180 CSV reader. See csv.h.
 * A record's fields are unescaped into one buffer, each NUL-terminated. No byte of input is
 * ever stored twice, so the buffer never needs more than the input's length plus one
 * terminator per field, and never more than LY_CSV_FIELDS_MAX fields of LY_CSV_FIELD_MAX. */
#include "common/csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/ly_limits.h"

struct ly_csv {
    const unsigned char *p;
    size_t len, pos;
    char delim;
    long line;     /* physical line at pos */
    long rec_line; /* line on which the current record starts */
    size_t records;
    bool done;
    char *buf; /* unescaped fields of the current record */
    size_t bufsz, used;
    size_t off[LY_CSV_FIELDS_MAX]; /* start of each field in buf */
    size_t flen[LY_CSV_FIELDS_MAX];
    size_t nfields;
};

/* Picks the delimiter that occurs most often, outside quotes, in the first record. Ties go to
 * ',' then ';' then TAB: a header such as "name" alone has none and is comma-separated. */
static char detect_delimiter(const unsigned char *p, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = p[i];
        if (ch == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (ch == '\n' || ch == '\r')
            break;
        else if (ch == ',')
            comma++;
        else if (ch == ';')
            semi++;
        else if (ch == '\t')
            tab++;
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

struct ly_csv *ly_csv_new(const char *data, size_t len, char delim)
{
    struct ly_csv *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    c->p = (const unsigned char *)data;
    c->len = len;
    if (len >= 3 && c->p[0] == 0xEF && c->p[1] == 0xBB && c->p[2] == 0xBF)
        c->pos = 3;
    c->line = 1;
    c->delim = delim != 0 ? delim : detect_delimiter(c->p + c->pos, len - c->pos);
    size_t cap = (size_t)LY_CSV_FIELDS_MAX * (LY_CSV_FIELD_MAX + 1);
    c->bufsz = len - c->pos + LY_CSV_FIELDS_MAX + 1;
    if (c->bufsz > cap)
        c->bufsz = cap;
    c->buf = malloc(c->bufsz);
    if (c->buf == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

void ly_csv_free(struct ly_csv *c)
{
    if (c == NULL)
        return;
    free(c->buf);
    free(c);
}

size_t ly_csv_count(const struct ly_csv *c)
{
    return c->nfields;
}

const char *ly_csv_field(const struct ly_csv *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len != NULL)
            *len = 0;
        return "";
    }
    if (len != NULL)
        *len = c->flen[i];
    return c->buf + c->off[i];
}

long ly_csv_line(const struct ly_csv *c)
{
    return c->rec_line;
}

char ly_csv_delimiter(const struct ly_csv *c)
{
    return c->delim;
}

static bool at_end(const struct ly_csv *c)
{
    return c->pos >= c->len;
}

/* Consumes one line break (LF, CRLF or a lone CR) at pos, if there is one. */
static bool take_newline(struct ly_csv *c)
{
    if (at_end(c))
        return false;
    if (c->p[c->pos] == '\n') {
        c->pos++;
        c->line++;
        return true;
    }
    if (c->p[c->pos] == '\r') {
        c->pos++;
        if (!at_end(c) && c->p[c->pos] == '\n')
            c->pos++;
        c->line++;
        return true;
    }
    return false;
}

/* Resynchronises after a structural error: skips the rest of the physical line. */
static void skip_line(struct ly_csv *c)
{
    while (!at_end(c) && c->p[c->pos] != '\n' && c->p[c->pos] != '\r')
        c->pos++;
    take_newline(c);
}

/* The state of the record being read: the first problem wins the report, and fields past
 * the limits are parsed (to find where the record ends) but not stored. */
struct rec {
    bool bad;
    bool storing;   /* the current field is stored (field count within limit) */
    bool truncated; /* the current field hit LY_CSV_FIELD_MAX */
    char *err;
    size_t errsz;
};

__attribute__((format(printf, 2, 3))) static void rec_error(struct rec *r, const char *fmt, ...)
{
    if (r->bad)
        return;
    r->bad = true;
    if (r->errsz > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err, r->errsz, fmt, ap);
        va_end(ap);
    }
}

static void emit(struct ly_csv *c, struct rec *r, unsigned char ch)
{
    if (ch == '\0')
        rec_error(r, "field %zu contains a NUL byte", c->nfields + 1);
    if (!r->storing)
        return;
    if (c->flen[c->nfields] >= LY_CSV_FIELD_MAX) {
        if (!r->truncated)
            rec_error(r, "field %zu is longer than %d bytes", c->nfields + 1, LY_CSV_FIELD_MAX);
        r->truncated = true;
        return;
    }
    c->buf[c->used++] = (char)ch;
    c->flen[c->nfields]++;
}

static void begin_field(struct ly_csv *c, struct rec *r)
{
    r->truncated = false;
    r->storing = c->nfields < LY_CSV_FIELDS_MAX;
    if (!r->storing) {
        rec_error(r, "more than %d fields", LY_CSV_FIELDS_MAX);
        return;
    }
    c->off[c->nfields] = c->used;
    c->flen[c->nfields] = 0;
}

static void end_field(struct ly_csv *c, struct rec *r)
{
    if (!r->storing)
        return;
    c->buf[c->used++] = '\0';
    c->nfields++;
}

enum field_end { FIELD_DELIM, FIELD_RECORD_END, FIELD_BROKEN, FIELD_UNTERMINATED };

/* Whether a field ends at pos: at the end of the input, or at a delimiter or a line break, which
 * it consumes; *end says which. */
static bool field_ends(struct ly_csv *c, enum field_end *end)
{
    if (!at_end(c) && (unsigned char)c->p[c->pos] == (unsigned char)c->delim) {
        c->pos++;
        *end = FIELD_DELIM;
        return true;
    }
    *end = FIELD_RECORD_END;
    return at_end(c) || take_newline(c);
}

static enum field_end read_quoted(struct ly_csv *c, struct rec *r)
{
    c->pos++; /* the opening quote */
    for (;;) {
        if (at_end(c))
            return FIELD_UNTERMINATED;
        unsigned char ch = c->p[c->pos];
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->p[c->pos + 1] == '"') {
                emit(c, r, '"');
                c->pos += 2;
                continue;
            }
            c->pos++;
            break;
        }
        if (ch == '\n' || (ch == '\r' && (c->pos + 1 >= c->len || c->p[c->pos + 1] != '\n')))
            c->line++;
        emit(c, r, ch);
        c->pos++;
    }
    enum field_end end;
    if (field_ends(c, &end))
        return end;
    rec_error(r, "field %zu has characters after its closing quote", c->nfields + 1);
    return FIELD_BROKEN;
}

static enum field_end read_plain(struct ly_csv *c, struct rec *r)
{
    for (;;) {
        enum field_end end;
        if (field_ends(c, &end))
            return end;
        unsigned char ch = c->p[c->pos];
        if (ch == '"') {
            rec_error(r, "field %zu has a quote inside an unquoted field", c->nfields + 1);
            return FIELD_BROKEN;
        }
        emit(c, r, ch);
        c->pos++;
    }
}

enum ly_csv_status ly_csv_next(struct ly_csv *c, char *err, size_t errsz)
{
    if (errsz > 0)
        err[0] = '\0';
    c->nfields = 0;
    c->used = 0;
    if (c->done)
        return LY_CSV_END;
    while (!at_end(c) && (c->p[c->pos] == '\n' || c->p[c->pos] == '\r'))
        take_newline(c);
    if (at_end(c)) {
        c->done = true;
        return LY_CSV_END;
    }
    c->rec_line = c->line;
    if (c->records >= (size_t)LY_CSV_ROWS_MAX + 1) { /* the header and ROWS_MAX data rows */
        c->done = true;
        if (errsz > 0)
            snprintf(err, errsz, "more than %d rows", LY_CSV_ROWS_MAX);
        return LY_CSV_FATAL;
    }
    c->records++;

    struct rec r = {.err = err, .errsz = errsz};
    for (;;) {
        begin_field(c, &r);
        enum field_end e;
        if (!at_end(c) && c->p[c->pos] == '"')
            e = read_quoted(c, &r);
        else
            e = read_plain(c, &r);
        end_field(c, &r);
        if (e == FIELD_DELIM)
            continue;
        if (e == FIELD_UNTERMINATED) {
            c->done = true;
            c->nfields = 0;
            if (errsz > 0)
                snprintf(err, errsz,
                         "a quoted field starting on this record is never closed (the file ends "
                         "inside it)");
            return LY_CSV_FATAL;
        }
        if (e == FIELD_BROKEN)
            skip_line(c);
        break;
    }
    if (r.bad) {
        c->nfields = 0;
        return LY_CSV_BAD;
    }
    return LY_CSV_RECORD;
}
