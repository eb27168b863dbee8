/* import.c - registration and programme import. See import.h.
 * Two passes over the file: the first parses and checks every row, printing every problem; only
 * when there is none does the second parse it again and write it in one transaction. Nothing
 * but the duplicate-detection sets is kept between rows, so memory stays small whatever the
 * number of rows. */
#include "import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "country.h"
#include "csv.h"
#include "import_foreign.h"
#include "num.h"
#include "utf8.h"
#include "vocab.h"

#define COUNTRY_TEXT_MAX 100 /* the longest country name in any list is 52 bytes */

const char *ly_import_format_name(enum ly_import_format f)
{
    switch (f) {
    case LY_IMPORT_AUTO:
        return "auto";
    case LY_IMPORT_LANYARD:
        return "lanyard";
    case LY_IMPORT_PRETIX:
        return "pretix";
    case LY_IMPORT_EVENTBRITE:
        return "eventbrite";
    case LY_IMPORT_INDICO:
        return "indico";
    case LY_IMPORT_SESSIONS:
        return "sessions";
    }
    return "unknown";
}

/* --- a set of strings, for duplicate ids, ticket codes and rooms ---------------------------- */

struct strset_entry {
    size_t off; /* key in the arena */
    long line;  /* where it was first seen */
    long value; /* room capacity */
};

struct strset {
    size_t *slots; /* entry index + 1; 0 is empty */
    size_t nslots;
    struct strset_entry *e;
    size_t n, ecap;
    char *arena;
    size_t alen, acap;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static void strset_free(struct strset *s)
{
    free(s->slots);
    free(s->e);
    free(s->arena);
    memset(s, 0, sizeof(*s));
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * elem);
    if (np == NULL)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

static bool strset_rehash(struct strset *s, size_t nslots)
{
    size_t *slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = (size_t)hash_str(s->arena + s->e[i].off) & (nslots - 1);
        while (slots[h] != 0)
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    return true;
}

/* Finds key; when absent, adds it with line and value. *found tells which; *entry points to
 * the (old or new) entry. Returns false when out of memory. */
static bool strset_put(struct strset *s, const char *key, long line, long value, bool *found,
                       const struct strset_entry **entry)
{
    if ((s->n + 1) * 2 > s->nslots && !strset_rehash(s, s->nslots ? s->nslots * 2 : 1024))
        return false;
    size_t h = (size_t)hash_str(key) & (s->nslots - 1);
    while (s->slots[h] != 0) {
        struct strset_entry *e = &s->e[s->slots[h] - 1];
        if (strcmp(s->arena + e->off, key) == 0) {
            *found = true;
            *entry = e;
            return true;
        }
        h = (h + 1) & (s->nslots - 1);
    }
    size_t klen = strlen(key) + 1;
    if (!grow((void **)&s->arena, &s->acap, s->alen + klen, 1) ||
        !grow((void **)&s->e, &s->ecap, s->n + 1, sizeof(*s->e)))
        return false;
    memcpy(s->arena + s->alen, key, klen);
    s->e[s->n] = (struct strset_entry){.off = s->alen, .line = line, .value = value};
    s->alen += klen;
    s->slots[h] = ++s->n;
    *found = false;
    *entry = &s->e[s->n - 1];
    return true;
}

/* --- problem reporting ---------------------------------------------------------------------- */

struct ctx {
    struct ly_hubdb *db;
    const char *name;
    FILE *out;
    bool writing; /* second pass: rows are known good, write them */
    long line;    /* line of the row being checked */
    bool row_bad;
    size_t bad_rows, printed, unprinted;
    bool fatal; /* stop reading (out of memory, broken header, unreadable file) */
    struct strset ids, codes, rooms;
    struct ly_import_result *res;
};

__attribute__((format(printf, 2, 3))) static void problem(struct ctx *x, const char *fmt, ...)
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

static void begin_row(struct ctx *x, long line)
{
    x->line = line;
    x->row_bad = false;
}

/* --- field checks --------------------------------------------------------------------------- */

/* Copies the value of column col into out (room for max bytes and a NUL), trimmed of
 * surrounding spaces, after checking it is UTF-8 without control characters and within max.
 * Absent (NULL) values are empty. Returns false, having reported why, when it is not. */
static bool take_text(struct ctx *x, const char *col, const char *in, char *out, size_t max,
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
        problem(x, "%s is not valid UTF-8 (save the file as UTF-8)", col);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)in[i];
        bool c1 = ch == 0xC2 && i + 1 < n && (unsigned char)in[i + 1] <= 0x9F;
        if (ch < 0x20 || ch == 0x7F || c1) {
            problem(x, "%s contains a control character (a line break or tab inside the field?)",
                    col);
            return false;
        }
    }
    if (n > max) {
        problem(x, "%s is longer than %zu bytes", col, max);
        return false;
    }
    if (required && n == 0) {
        problem(x, "%s is missing", col);
        return false;
    }
    memcpy(out, in, n);
    out[n] = '\0';
    return true;
}

static bool take_id(struct ctx *x, const char *col, const char *in, char *out)
{
    if (!take_text(x, col, in, out, LY_EXT_ID_MAX, true))
        return false;
    size_t bad = strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");
    if (out[bad] != '\0') {
        problem(x, "%s \"%s\" may only contain letters A-Z, digits and . _ : -", col, out);
        return false;
    }
    return true;
}

static void list_words(enum ly_vocab_kind kind, char *buf, size_t bufsz)
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

/* Reads a vocabulary word (default def when empty) and stores its id in out. */
static bool take_word(struct ctx *x, const char *col, const char *in, enum ly_vocab_kind kind,
                      const char *def, char *out)
{
    char word[LY_LABEL_MAX + 1];
    if (!take_text(x, col, in, word, LY_LABEL_MAX, false))
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
        list_words(kind, words, sizeof words);
        problem(x, "%s \"%s\" is not one of: %s", col, word, words);
        return false;
    }
    snprintf(out, LY_LABEL_MAX + 1, "%s", e->id);
    return true;
}

/* --- registrations -------------------------------------------------------------------------- */

static const char *const lanyard_columns[LY_COL_COUNT] = {
    [LY_COL_ID] = "id",
    [LY_COL_NAME] = "name",
    [LY_COL_NAME_LATIN] = "name_latin",
    [LY_COL_AFFILIATION] = "affiliation",
    [LY_COL_COUNTRY] = "country",
    [LY_COL_REGION] = "region",
    [LY_COL_STAKEHOLDER] = "stakeholder",
    [LY_COL_ATTENDANCE] = "attendance",
    [LY_COL_CATEGORY] = "category",
    [LY_COL_LANGUAGE] = "language",
    [LY_COL_ACCESSIBILITY] = "accessibility",
    [LY_COL_EMAIL] = "email",
    [LY_COL_PHONE] = "phone",
    [LY_COL_TICKET_CODE] = "ticket_code",
};

/* Checks one row (in Lanyard's terms) and fills r. Reports every problem of the row. */
static bool check_registration(struct ctx *x, const struct ly_import_row *row,
                               enum ly_import_format fmt, struct ly_registration *r)
{
    const char *const *v = row->v;
    bool ok = true;
    memset(r, 0, sizeof(*r));
    snprintf(r->source, sizeof r->source, "%s", ly_import_format_name(fmt));

    ok &= take_id(x, "id", v[LY_COL_ID], r->ext_id);
    ok &= take_text(x, "name", v[LY_COL_NAME], r->name, LY_NAME_MAX, true);
    ok &= take_text(x, "name_latin", v[LY_COL_NAME_LATIN], r->name_latin, LY_NAME_MAX, false);
    ok &= take_text(x, "affiliation", v[LY_COL_AFFILIATION], r->affiliation, LY_AFFILIATION_MAX,
                    false);

    char country[COUNTRY_TEXT_MAX + 1];
    const struct ly_country *c = NULL;
    if (take_text(x, "country", v[LY_COL_COUNTRY], country, COUNTRY_TEXT_MAX, true)) {
        c = ly_country_find(country);
        if (c == NULL) {
            problem(x,
                    "unknown country \"%s\" (use an ISO 3166-1 code such as NO or NOR, or "
                    "the English name)",
                    country);
            ok = false;
        } else {
            memcpy(r->country, c->alpha2, 3);
        }
    } else {
        ok = false;
    }
    ok &=
        take_word(x, "region", v[LY_COL_REGION], LY_VOCAB_REGION, c ? c->region : NULL, r->region);
    ok &= take_word(x, "stakeholder", v[LY_COL_STAKEHOLDER], LY_VOCAB_STAKEHOLDER, "unspecified",
                    r->stakeholder);
    ok &= take_word(x, "attendance", v[LY_COL_ATTENDANCE], LY_VOCAB_ATTENDANCE, "onsite",
                    r->attendance);
    ok &=
        take_word(x, "category", v[LY_COL_CATEGORY], LY_VOCAB_CATEGORY, "participant", r->category);
    if (take_text(x, "language", v[LY_COL_LANGUAGE], r->language, LY_LABEL_MAX, false)) {
        if (r->language[0] == '\0') {
            snprintf(r->language, sizeof r->language, "en");
        } else if (!ly_vocab_language_valid(r->language)) {
            problem(x, "language \"%s\" is not a language tag such as en, fr, zh-Hans",
                    r->language);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= take_text(x, "accessibility", v[LY_COL_ACCESSIBILITY], r->accessibility,
                    LY_ACCESSIBILITY_MAX, false);
    ok &= take_text(x, "email", v[LY_COL_EMAIL], r->email, LY_EMAIL_MAX, false);
    ok &= take_text(x, "phone", v[LY_COL_PHONE], r->phone, LY_PHONE_MAX, false);
    if (take_text(x, "ticket_code", v[LY_COL_TICKET_CODE], r->alt_code, LY_ALT_CODE_MAX, false)) {
        for (const char *p = r->alt_code; *p != '\0'; p++) {
            if (*p < 0x21 || *p > 0x7E) {
                problem(x, "ticket_code may only contain printable ASCII without spaces");
                ok = false;
                break;
            }
        }
    } else {
        ok = false;
    }
    return ok;
}

/* First-pass checks across rows: duplicate ids and ticket codes in the file, and ticket codes
 * the database already gives to someone else. */
static void check_unique(struct ctx *x, const struct ly_registration *r)
{
    bool found;
    const struct strset_entry *e;
    if (!strset_put(&x->ids, r->ext_id, x->line, 0, &found, &e)) {
        problem(x, "out of memory");
        x->fatal = true;
        return;
    }
    if (found)
        problem(x, "duplicate id \"%s\" (first on line %ld)", r->ext_id, e->line);
    if (r->alt_code[0] == '\0')
        return;
    if (!strset_put(&x->codes, r->alt_code, x->line, 0, &found, &e)) {
        problem(x, "out of memory");
        x->fatal = true;
        return;
    }
    if (found) {
        problem(x, "duplicate ticket_code \"%s\" (first on line %ld)", r->alt_code, e->line);
        return;
    }
    char err[256];
    uint32_t holder = 0;
    struct ly_attendee a;
    if (!ly_hubdb_find_alt_code(x->db, r->alt_code, &holder, err, sizeof err)) {
        problem(x, "database: %s", err);
        x->fatal = true;
        return;
    }
    if (holder == 0)
        return;
    if (!ly_hubdb_attendee(x->db, holder, &a, err, sizeof err)) {
        problem(x, "database: %s", err);
        x->fatal = true;
        return;
    }
    if (strcmp(a.reg.ext_id, r->ext_id) != 0)
        problem(x, "ticket_code \"%s\" already belongs to registration \"%s\"", r->alt_code,
                a.reg.ext_id);
}

static void count_upsert(struct ly_import_result *res, enum ly_upsert what)
{
    if (what == LY_UPSERT_INSERTED)
        res->inserted++;
    else if (what == LY_UPSERT_UPDATED)
        res->updated++;
    else
        res->unchanged++;
}

/* Lanyard header: every column known, none twice, the required ones present. */
static bool lanyard_header(struct ctx *x, const struct ly_csv *h, int col[LY_COL_COUNT])
{
    bool ok = true;
    for (size_t k = 0; k < LY_COL_COUNT; k++)
        col[k] = -1;
    for (size_t i = 0; i < ly_csv_count(h); i++) {
        char name[LY_LABEL_MAX + 1];
        const char *f = ly_csv_field(h, i, NULL);
        if (!take_text(x, "column name", f, name, LY_LABEL_MAX, false)) {
            ok = false;
            continue;
        }
        if (name[0] == '\0') {
            problem(x, "column %zu has no name", i + 1);
            ok = false;
            continue;
        }
        size_t k = 0;
        while (k < LY_COL_COUNT && strcasecmp(name, lanyard_columns[k]) != 0)
            k++;
        if (k == LY_COL_COUNT) {
            problem(x,
                    "unknown column \"%s\" (a typo? the columns are described in "
                    "docs/import-formats.md)",
                    name);
            ok = false;
        } else if (col[k] >= 0) {
            problem(x, "column \"%s\" appears twice", lanyard_columns[k]);
            ok = false;
        } else {
            col[k] = (int)i;
        }
    }
    static const enum ly_import_col required[] = {LY_COL_ID, LY_COL_NAME, LY_COL_COUNTRY};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
        if (col[required[k]] < 0) {
            problem(x, "required column \"%s\" is missing", lanyard_columns[required[k]]);
            ok = false;
        }
    }
    return ok;
}

/* The record count must match the header's: a shorter or longer row is usually a quoting
 * mistake that shifted the columns. */
static bool row_width(struct ctx *x, const struct ly_csv *csv, size_t want)
{
    if (ly_csv_count(csv) == want)
        return true;
    problem(x, "has %zu fields; the header has %zu", ly_csv_count(csv), want);
    return false;
}

/* Reads the next record, reporting malformed ones. Returns false at the end of the file. */
static bool next_record(struct ctx *x, struct ly_csv *csv, bool *good)
{
    char err[256];
    enum ly_csv_status st = ly_csv_next(csv, err, sizeof err);
    if (st == LY_CSV_END)
        return false;
    begin_row(x, ly_csv_line(csv));
    if (st == LY_CSV_RECORD) {
        *good = true;
        return true;
    }
    problem(x, "%s", err);
    *good = false;
    if (st == LY_CSV_FATAL) {
        x->fatal = true;
        return false;
    }
    return true;
}

/* One pass over a registrations file. In the first pass, checks; in the second, writes. */
static void registrations_pass(struct ctx *x, const char *data, size_t len,
                               enum ly_import_format fmt, struct ly_import_result *res)
{
    struct ly_csv *csv = ly_csv_new(data, len, 0);
    struct ly_import_foreign *foreign = NULL;
    struct ly_registration *r = malloc(sizeof(*r));
    if (csv == NULL || r == NULL) {
        begin_row(x, 1);
        problem(x, "out of memory");
        x->fatal = true;
        goto end;
    }
    bool good;
    if (!next_record(x, csv, &good)) {
        if (!x->fatal) {
            begin_row(x, 1);
            problem(x, "the file is empty: the header row is missing");
        }
        x->fatal = true;
        goto end;
    }
    if (!good) {
        x->fatal = true;
        goto end;
    }
    size_t width = ly_csv_count(csv);
    if (fmt == LY_IMPORT_AUTO)
        fmt = ly_import_foreign_detect(csv);
    res->format = fmt;
    int col[LY_COL_COUNT];
    if (fmt == LY_IMPORT_LANYARD) {
        if (!lanyard_header(x, csv, col)) {
            x->fatal = true;
            goto end;
        }
    } else {
        char err[512];
        foreign = malloc(sizeof(*foreign));
        if (foreign == NULL) {
            problem(x, "out of memory");
            x->fatal = true;
            goto end;
        }
        if (!ly_import_foreign_header(foreign, fmt, csv, err, sizeof err)) {
            problem(x, "%s", err);
            x->fatal = true;
            goto end;
        }
    }

    while (!x->fatal && next_record(x, csv, &good)) {
        if (!x->writing)
            res->rows++;
        if (!good || !row_width(x, csv, width))
            continue;
        struct ly_import_row row;
        if (foreign != NULL) {
            ly_import_foreign_row(foreign, csv, &row);
        } else {
            memset(&row, 0, sizeof row);
            for (size_t k = 0; k < LY_COL_COUNT; k++)
                row.v[k] = col[k] >= 0 ? ly_csv_field(csv, (size_t)col[k], NULL) : NULL;
        }
        if (row.cancelled) {
            if (!x->writing)
                res->skipped++;
            continue;
        }
        if (!check_registration(x, &row, fmt, r))
            continue;
        if (!x->writing) {
            check_unique(x, r);
            continue;
        }
        char err[512];
        enum ly_upsert what;
        if (!ly_hubdb_upsert_registration(x->db, r, &what, err, sizeof err)) {
            problem(x, "database: %s", err);
            x->fatal = true;
            break;
        }
        count_upsert(res, what);
    }
end:
    free(r);
    free(foreign);
    ly_csv_free(csv);
}

/* --- sessions ------------------------------------------------------------------------------- */

enum {
    S_ID,
    S_TITLE,
    S_TYPE,
    S_ROOM,
    S_ROOM_CAPACITY,
    S_STARTS,
    S_ENDS,
    S_CAPACITY,
    S_CATEGORIES,
    S_COUNT
};

static const char *const session_columns[S_COUNT] = {
    "id", "title", "type", "room", "room_capacity", "starts", "ends", "capacity", "categories",
};

static bool session_header(struct ctx *x, const struct ly_csv *h, int col[S_COUNT])
{
    bool ok = true;
    for (size_t k = 0; k < S_COUNT; k++)
        col[k] = -1;
    for (size_t i = 0; i < ly_csv_count(h); i++) {
        char name[LY_LABEL_MAX + 1];
        if (!take_text(x, "column name", ly_csv_field(h, i, NULL), name, LY_LABEL_MAX, false)) {
            ok = false;
            continue;
        }
        size_t k = 0;
        while (k < S_COUNT && strcasecmp(name, session_columns[k]) != 0)
            k++;
        if (name[0] == '\0') {
            problem(x, "column %zu has no name", i + 1);
            ok = false;
        } else if (k == S_COUNT) {
            problem(x,
                    "unknown column \"%s\" (a typo? the columns are described in "
                    "docs/import-formats.md)",
                    name);
            ok = false;
        } else if (col[k] >= 0) {
            problem(x, "column \"%s\" appears twice", session_columns[k]);
            ok = false;
        } else {
            col[k] = (int)i;
        }
    }
    for (size_t k = 0; k < S_CAPACITY; k++) { /* all columns before capacity are required */
        if (col[k] < 0) {
            problem(x, "required column \"%s\" is missing", session_columns[k]);
            ok = false;
        }
    }
    return ok;
}

static bool take_datetime(struct ctx *x, const char *col, const char *in, int64_t *minutes,
                          char out[17])
{
    char text[32];
    if (!take_text(x, col, in, text, sizeof text - 1, true))
        return false;
    if (!ly_num_datetime(text, minutes)) {
        problem(x, "%s \"%s\" is not a date and time like 2025-06-23 09:30", col, text);
        return false;
    }
    ly_num_format_datetime(*minutes, out);
    return true;
}

/* Splits "speaker press" or "speaker|press" into category ids joined by spaces. */
static bool take_categories(struct ctx *x, const char *in, char *out, size_t outsz)
{
    char text[LY_LABEL_MAX * 4];
    if (!take_text(x, "categories", in, text, sizeof text - 1, false))
        return false;
    size_t len = 0;
    out[0] = '\0';
    char *p = text;
    while (*p != '\0') {
        size_t n = strcspn(p, " |");
        if (n == 0) {
            p++;
            continue;
        }
        char word[LY_LABEL_MAX + 1];
        if (n > LY_LABEL_MAX) {
            problem(x, "categories has a word longer than %d bytes", LY_LABEL_MAX);
            return false;
        }
        memcpy(word, p, n);
        word[n] = '\0';
        p += n;
        const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_CATEGORY, word);
        if (e == NULL) {
            char words[600];
            list_words(LY_VOCAB_CATEGORY, words, sizeof words);
            problem(x, "categories: \"%s\" is not one of: %s", word, words);
            return false;
        }
        size_t idn = strlen(e->id);
        bool dup = false;
        for (const char *q = out; (q = strstr(q, e->id)) != NULL; q += idn) {
            if ((q == out || q[-1] == ' ') && (q[idn] == ' ' || q[idn] == '\0'))
                dup = true;
        }
        if (dup)
            continue;
        if (len + idn + 2 > outsz) {
            problem(x, "categories is too long");
            return false;
        }
        if (len > 0)
            out[len++] = ' ';
        memcpy(out + len, e->id, idn + 1);
        len += idn;
    }
    return true;
}

static bool check_session(struct ctx *x, const struct ly_csv *csv, const int col[S_COUNT],
                          struct ly_session *s, int *room_capacity)
{
    const char *v[S_COUNT];
    for (size_t k = 0; k < S_COUNT; k++)
        v[k] = col[k] >= 0 ? ly_csv_field(csv, (size_t)col[k], NULL) : NULL;
    bool ok = true;
    memset(s, 0, sizeof(*s));
    ok &= take_id(x, "id", v[S_ID], s->ext_id);
    ok &= take_text(x, "title", v[S_TITLE], s->title, LY_TITLE_MAX, true);
    char type[LY_LABEL_MAX + 1];
    if (take_text(x, "type", v[S_TYPE], type, LY_LABEL_MAX, true))
        ok &= take_word(x, "type", type, LY_VOCAB_SESSION_TYPE, NULL, s->type);
    else
        ok = false;
    ok &= take_text(x, "room", v[S_ROOM], s->room, LY_ROOM_NAME_MAX, true);

    char num[32];
    int64_t cap = 0, scap = 0;
    if (take_text(x, "room_capacity", v[S_ROOM_CAPACITY], num, sizeof num - 1, true)) {
        if (!ly_num_int(num, 1, LY_CAPACITY_MAX, &cap)) {
            problem(x, "room_capacity \"%s\" is not a whole number from 1 to %d", num,
                    LY_CAPACITY_MAX);
            ok = false;
        }
    } else {
        ok = false;
    }
    if (take_text(x, "capacity", v[S_CAPACITY], num, sizeof num - 1, false)) {
        if (num[0] != '\0' && !ly_num_int(num, 0, LY_CAPACITY_MAX, &scap)) {
            problem(x, "capacity \"%s\" is not a whole number from 0 to %d", num, LY_CAPACITY_MAX);
            ok = false;
        } else if (cap > 0 && scap > cap) {
            problem(x, "capacity %lld is more than the room's capacity %lld", (long long)scap,
                    (long long)cap);
            ok = false;
        }
    } else {
        ok = false;
    }
    s->capacity = (int)scap;
    *room_capacity = (int)cap;

    int64_t t0 = 0, t1 = 0;
    bool times = take_datetime(x, "starts", v[S_STARTS], &t0, s->starts);
    times &= take_datetime(x, "ends", v[S_ENDS], &t1, s->ends);
    if (times && t1 <= t0) {
        problem(x, "ends (%s) is not after starts (%s)", s->ends, s->starts);
        times = false;
    }
    ok &= times;
    ok &= take_categories(x, v[S_CATEGORIES], s->categories, sizeof s->categories);
    return ok;
}

static void sessions_pass(struct ctx *x, const char *data, size_t len, struct ly_import_result *res)
{
    struct ly_csv *csv = ly_csv_new(data, len, 0);
    struct ly_session *s = malloc(sizeof(*s));
    int col[S_COUNT];
    bool good;
    res->format = LY_IMPORT_SESSIONS;
    if (csv == NULL || s == NULL) {
        begin_row(x, 1);
        problem(x, "out of memory");
        x->fatal = true;
        goto end;
    }
    if (!next_record(x, csv, &good)) {
        if (!x->fatal) {
            begin_row(x, 1);
            problem(x, "the file is empty: the header row is missing");
        }
        x->fatal = true;
        goto end;
    }
    if (!good || !session_header(x, csv, col)) {
        x->fatal = true;
        goto end;
    }
    size_t width = ly_csv_count(csv);
    while (!x->fatal && next_record(x, csv, &good)) {
        if (!x->writing)
            res->rows++;
        int room_cap;
        if (!good || !row_width(x, csv, width) || !check_session(x, csv, col, s, &room_cap))
            continue;
        char err[512];
        bool found;
        const struct strset_entry *e;
        if (!x->writing) {
            if (!strset_put(&x->ids, s->ext_id, x->line, 0, &found, &e)) {
                problem(x, "out of memory");
                x->fatal = true;
            } else if (found) {
                problem(x, "duplicate id \"%s\" (first on line %ld)", s->ext_id, e->line);
            }
            if (!strset_put(&x->rooms, s->room, x->line, room_cap, &found, &e)) {
                problem(x, "out of memory");
                x->fatal = true;
            } else if (found && e->value != room_cap) {
                problem(x, "room \"%s\" has room_capacity %d here but %ld on line %ld", s->room,
                        room_cap, e->value, e->line);
            }
            continue;
        }
        enum ly_upsert what;
        if (!ly_hubdb_upsert_room(x->db, s->room, room_cap, &what, err, sizeof err) ||
            !ly_hubdb_upsert_session(x->db, s, &what, err, sizeof err)) {
            problem(x, "database: %s", err);
            x->fatal = true;
            break;
        }
        count_upsert(res, what);
    }
    res->rooms = x->rooms.n;
end:
    free(s);
    ly_csv_free(csv);
}

/* --- the two passes ------------------------------------------------------------------------- */

enum kind { REGISTRATIONS, SESSIONS };

static bool run(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                enum ly_import_format fmt, enum kind kind, FILE *errout,
                struct ly_import_result *res)
{
    struct ctx x = {.db = db, .name = name, .out = errout, .res = res};
    memset(res, 0, sizeof(*res));
    res->format = fmt;

    if (kind == REGISTRATIONS && fmt == LY_IMPORT_SESSIONS) {
        begin_row(&x, 1);
        problem(&x, "sessions are imported with 'import sessions'");
    } else if (kind == REGISTRATIONS) {
        registrations_pass(&x, data, len, fmt, res);
    } else {
        sessions_pass(&x, data, len, res);
    }
    strset_free(&x.ids);
    strset_free(&x.codes);
    if (x.bad_rows > 0) {
        strset_free(&x.rooms);
        if (x.unprinted > 0 && errout != NULL)
            fprintf(errout, "%s: ... and %zu more problems\n", name, x.unprinted);
        res->errors = x.bad_rows;
        return false;
    }

    /* Second pass: the same rows, known good, written in one transaction. */
    char err[512];
    struct ly_import_result counts = *res;
    counts.inserted = counts.updated = counts.unchanged = 0;
    x.writing = true;
    if (!ly_hubdb_begin(db, err, sizeof err)) {
        if (errout != NULL)
            fprintf(errout, "%s: database: %s\n", name, err);
        strset_free(&x.rooms);
        return false;
    }
    if (kind == REGISTRATIONS)
        registrations_pass(&x, data, len, res->format, &counts);
    else
        sessions_pass(&x, data, len, &counts);
    strset_free(&x.rooms);
    if (x.bad_rows > 0 || !ly_hubdb_commit(db, err, sizeof err)) {
        /* Only the database can fail here: the rows were all checked. */
        if (x.bad_rows == 0 && errout != NULL)
            fprintf(errout, "%s: database: %s\n", name, err);
        ly_hubdb_rollback(db);
        res->errors = 0;
        return false;
    }
    res->inserted = counts.inserted;
    res->updated = counts.updated;
    res->unchanged = counts.unchanged;
    return true;
}

bool ly_import_registrations(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                             enum ly_import_format fmt, FILE *errout, struct ly_import_result *res)
{
    return run(db, name, data, len, fmt, REGISTRATIONS, errout, res);
}

bool ly_import_sessions(struct ly_hubdb *db, const char *name, const char *data, size_t len,
                        FILE *errout, struct ly_import_result *res)
{
    return run(db, name, data, len, LY_IMPORT_SESSIONS, SESSIONS, errout, res);
}
