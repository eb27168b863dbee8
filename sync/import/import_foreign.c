/* import_foreign.c - pretix, Eventbrite and Indico exports read as Lanyard registration rows.
 * See import_foreign.h. The header lists come from the exporters' sources (pretix
 * src/pretix/base/exporters/orderlist.py, "Order positions" sheet; Indico
 * indico/modules/events/registration/util.py, generate_spreadsheet_from_registrations) and, for
 * Eventbrite, whose exporter is not public, from published importers of its attendee report;
 * docs/import-formats.md lists them. */
#include "import/import_foreign.h"

#include <stdio.h>
#include <string.h>

#include "event/vocab.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Header names a role may be read from, most preferred first; NULL-terminated. */
struct role_names {
    enum ly_foreign_role role;
    const char *names[8];
};

static const struct role_names pretix_roles[] = {
    {LY_FR_ID, {"Order code", NULL}},
    {LY_FR_POSITION, {"Position ID", NULL}},
    {LY_FR_NAME, {"Attendee name", "Invoice address name", NULL}},
    {LY_FR_FIRST, {"Attendee name: Given name", "Attendee name: First name", NULL}},
    {LY_FR_LAST, {"Attendee name: Family name", "Attendee name: Last name", NULL}},
    {LY_FR_COMPANY, {"Company", NULL}},
    {LY_FR_COUNTRY, {"Country", "Invoice address country", NULL}},
    {LY_FR_EMAIL, {"Attendee email", "Email", "E-mail", NULL}},
    {LY_FR_PHONE, {"Phone number", NULL}},
    {LY_FR_TYPE, {"Product", "Variation", NULL}},
    {LY_FR_CODE, {"Ticket secret", "Secret", NULL}},
    {LY_FR_STATUS, {"Status", NULL}},
    {LY_FR_LANG, {"Order locale", NULL}},
};

static const struct role_names eventbrite_roles[] = {
    {LY_FR_ID, {"Attendee #", "Attendee ID", "Attendee no.", NULL}},
    {LY_FR_NAME, {"Attendee name", "Full name", NULL}},
    {LY_FR_FIRST, {"First Name", NULL}},
    {LY_FR_LAST, {"Last Name", "Surname", NULL}},
    {LY_FR_COMPANY, {"Company", "Organization", "Organisation", NULL}},
    {LY_FR_COUNTRY,
     {"Country", "Home Country", "Work Country", "Billing Country", "Shipping Country", NULL}},
    {LY_FR_EMAIL, {"Email", "Email Address", "Attendee email", NULL}},
    {LY_FR_PHONE, {"Cell Phone", "Mobile Phone", "Work Phone", "Home Phone", "Phone", NULL}},
    {LY_FR_TYPE, {"Ticket Type", "Ticket type name", NULL}},
    {LY_FR_CODE, {"Barcode #", "Barcode", "Barcode number", NULL}},
    {LY_FR_STATUS, {"Attendee Status", "Order Type", "Order Status", NULL}},
};

static const struct role_names indico_roles[] = {
    {LY_FR_ID, {"ID", NULL}},
    {LY_FR_NAME, {"Name", NULL}},
    {LY_FR_FIRST, {"First Name", NULL}},
    {LY_FR_LAST, {"Last Name", NULL}},
    {LY_FR_COMPANY, {"Affiliation", "Organisation", "Organization", "Institution", NULL}},
    {LY_FR_COUNTRY, {"Country", "Country of residence", NULL}},
    {LY_FR_EMAIL, {"Email Address", "Email", "E-mail", NULL}},
    {LY_FR_PHONE, {"Phone", "Phone number", "Telephone", NULL}},
    {LY_FR_TYPE,
     {"Registration type", "Participant type", "Participation", "Category", "Role", "Tags", NULL}},
    {LY_FR_CODE, {"Ticket UUID", "Checkin secret", "Check-in secret", "Ticket code", NULL}},
    {LY_FR_STATUS, {"Registration state", NULL}},
};

/* Header names compare without case and without surrounding spaces (Eventbrite's report has
 * trailing spaces in some names). */
static bool header_is(const char *field, const char *name)
{
    while (*field == ' ')
        field++;
    size_t n = strlen(field);
    while (n > 0 && field[n - 1] == ' ')
        n--;
    size_t i = 0;
    for (; i < n && name[i] != '\0'; i++) {
        unsigned char a = (unsigned char)field[i], b = (unsigned char)name[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return i == n && name[i] == '\0';
}

static int find_column(const struct ly_csv *h, const char *name)
{
    size_t n = ly_csv_count(h);
    for (size_t i = 0; i < n; i++) {
        if (header_is(ly_csv_field(h, i, NULL), name))
            return (int)i;
    }
    return -1;
}

static bool has(const struct ly_csv *h, const char *name)
{
    return find_column(h, name) >= 0;
}

enum ly_import_format ly_import_foreign_detect(const struct ly_csv *h)
{
    if (has(h, "Order code") &&
        (has(h, "Position ID") || has(h, "Ticket secret") || has(h, "Secret")))
        return LY_IMPORT_PRETIX;
    if (has(h, "Barcode #") || (has(h, "Attendee #") && has(h, "Order #")))
        return LY_IMPORT_EVENTBRITE;
    static const char *const indico_only[] = {
        "Registration date", "Registration state", "Checked in", "Check-in date",
        "Modification date", "First Name",         "Last Name",  "Email Address",
    };
    if (ly_csv_count(h) >= 2 && header_is(ly_csv_field(h, 0, NULL), "ID") &&
        header_is(ly_csv_field(h, 1, NULL), "Name")) {
        for (size_t i = 0; i < COUNT(indico_only); i++) {
            if (has(h, indico_only[i]))
                return LY_IMPORT_INDICO;
        }
    }
    return LY_IMPORT_LANYARD;
}

/* Each format's columns, and what its ticket-code column holds and how to export it, for the
 * message that refuses an export without it. */
static const struct foreign_format {
    enum ly_import_format fmt;
    const char *system; /* as the system writes its name */
    const struct role_names *roles;
    size_t nroles;
    const char *code_column; /* the ticket-code column to ask for */
    const char *code_help;
} formats[] = {
    {LY_IMPORT_PRETIX, "pretix", pretix_roles, COUNT(pretix_roles), "Ticket secret",
     "the secret in the QR code of each pretix ticket: without it those tickets will not open "
     "the doors. Export the file again from pretix (Orders > Export > \"Order data\", sheet "
     "\"Order positions\", which has the column) and keep that column"},
    {LY_IMPORT_EVENTBRITE, "Eventbrite", eventbrite_roles, COUNT(eventbrite_roles), "Barcode #",
     "the barcode of each Eventbrite ticket: without it those tickets will not open the doors. "
     "Export Eventbrite's attendee report again with its \"Barcode #\" column"},
    {LY_IMPORT_INDICO, "Indico", indico_roles, COUNT(indico_roles), "Checkin secret",
     "the check-in secret in the QR code of each Indico ticket: without it those tickets will "
     "not open the doors. Indico's CSV export leaves it out: add it as a column named "
     "\"Checkin secret\" (Indico's HTTP API gives it as checkin_secret)"},
};

static const struct foreign_format *format_of(enum ly_import_format fmt)
{
    for (size_t i = 0; i < COUNT(formats); i++) {
        if (formats[i].fmt == fmt)
            return &formats[i];
    }
    return NULL;
}

const char *ly_import_foreign_system(enum ly_import_format fmt)
{
    const struct foreign_format *ff = format_of(fmt);
    return ff != NULL ? ff->system : ly_import_format_name(fmt);
}

const char *ly_import_foreign_code_column(enum ly_import_format fmt)
{
    const struct foreign_format *ff = format_of(fmt);
    return ff != NULL ? ff->code_column : "ticket_code";
}

bool ly_import_foreign_header(struct ly_import_foreign *f, enum ly_import_format fmt,
                              const struct ly_csv *h, bool without_codes, char *err, size_t errsz)
{
    const char *sys = ly_import_format_name(fmt);
    const struct foreign_format *ff = format_of(fmt);
    if (ff == NULL) {
        snprintf(err, errsz, "internal error: %s is not a foreign format", sys);
        return false;
    }
    const struct role_names *roles = ff->roles;
    size_t nroles = ff->nroles;
    f->fmt = fmt;
    for (size_t r = 0; r < LY_FR_COUNT; r++) {
        for (size_t k = 0; k < LY_FOREIGN_PICKS; k++)
            f->col[r][k] = -1;
    }
    /* Every column bearing one of the role's names, in order of preference: pretix writes
     * "Company" and "Country" twice, the attendee's first and then the invoice address's. */
    size_t nh = ly_csv_count(h);
    for (size_t r = 0; r < nroles; r++) {
        size_t k = 0;
        for (size_t j = 0; roles[r].names[j] != NULL; j++) {
            for (size_t i = 0; i < nh && k < LY_FOREIGN_PICKS; i++) {
                if (header_is(ly_csv_field(h, i, NULL), roles[r].names[j]))
                    f->col[roles[r].role][k++] = (int)i;
            }
        }
    }
    const struct role_names *idr = &roles[0];
    if (f->col[LY_FR_ID][0] < 0) {
        snprintf(err, errsz, "not a %s export: it has no \"%s\" column", sys, idr->names[0]);
        return false;
    }
    if (fmt == LY_IMPORT_PRETIX && f->col[LY_FR_POSITION][0] < 0) {
        snprintf(err, errsz,
                 "not a pretix order positions export: it has no \"Position ID\" column (export "
                 "\"Order data\", sheet \"Order positions\")");
        return false;
    }
    if (f->col[LY_FR_NAME][0] < 0 && f->col[LY_FR_FIRST][0] < 0 && f->col[LY_FR_LAST][0] < 0) {
        snprintf(err, errsz, "this %s export has no attendee name column", sys);
        return false;
    }
    f->has_country = f->col[LY_FR_COUNTRY][0] >= 0;
    f->has_codes = f->col[LY_FR_CODE][0] >= 0;
    if (!f->has_codes && !without_codes) {
        snprintf(err, errsz,
                 "this %s export has no \"%s\" column, %s; or, to give these attendees Lanyard "
                 "badges only, import it with --without-codes",
                 sys, ly_import_foreign_code_column(fmt), ff->code_help);
        return false;
    }
    return true;
}

static const char *trimmed(const char *s, size_t *n)
{
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    *n = len;
    return s;
}

/* Returns the first non-empty value among the role's columns, or NULL when the role has no
 * column at all. */
static const char *pick(const struct ly_import_foreign *f, const struct ly_csv *row,
                        enum ly_foreign_role role)
{
    const char *found = NULL;
    for (size_t k = 0; k < LY_FOREIGN_PICKS && f->col[role][k] >= 0; k++) {
        size_t n;
        const char *v = ly_csv_field(row, (size_t)f->col[role][k], NULL);
        if (found == NULL)
            found = v;
        trimmed(v, &n);
        if (n > 0)
            return v;
    }
    return found;
}

/* Appends the trimmed s to out (size outsz, holding *len bytes), always NUL-terminating. */
static void append(char *out, size_t outsz, size_t *len, const char *s)
{
    size_t n;
    s = trimmed(s, &n);
    if (n > outsz - 1 - *len)
        n = outsz - 1 - *len;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

/* ASCII case-insensitive substring search. */
static bool contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay != '\0'; hay++) {
        size_t i = 0;
        while (i < n && hay[i] != '\0') {
            unsigned char a = (unsigned char)hay[i];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a - 'A' + 'a');
            if (a != (unsigned char)needle[i])
                break;
            i++;
        }
        if (i == n)
            return true;
    }
    return false;
}

static bool any_contains(const struct ly_import_foreign *f, const struct ly_csv *row,
                         enum ly_foreign_role role, const char *const *words)
{
    for (size_t k = 0; k < LY_FOREIGN_PICKS && f->col[role][k] >= 0; k++) {
        const char *v = ly_csv_field(row, (size_t)f->col[role][k], NULL);
        for (size_t w = 0; words[w] != NULL; w++) {
            if (contains(v, words[w]))
                return true;
        }
    }
    return false;
}

/* Ticket-type keywords, checked in this order: the first match decides. */
static const struct {
    const char *category;
    const char *words[6];
} category_words[] = {
    {"speaker", {"speaker", "panelist", "panellist", "moderator", NULL}},
    {"press", {"press", "media", "journalist", NULL}},
    {"staff", {"staff", "volunteer", "organizer", "organiser", NULL}},
    {"vip", {"vip", NULL}},
    {"host_country", {"host", NULL}},
    {"exhibitor", {"exhibitor", NULL}},
};

static const char *const online_words[] = {"online", "virtual", "remote", NULL};
static const char *const cancelled_words[] = {"cancel",   "refund",  "expired",       "withdrawn",
                                              "rejected", "deleted", "not attending", NULL};

static bool is_cancelled(const struct ly_import_foreign *f, const struct ly_csv *row)
{
    for (size_t k = 0; k < LY_FOREIGN_PICKS && f->col[LY_FR_STATUS][k] >= 0; k++) {
        const char *v = ly_csv_field(row, (size_t)f->col[LY_FR_STATUS][k], NULL);
        if (contains(v, "partial")) /* "Partially Refunded": the attendee still comes */
            continue;
        for (size_t w = 0; cancelled_words[w] != NULL; w++) {
            if (contains(v, cancelled_words[w]))
                return true;
        }
    }
    return false;
}

void ly_import_foreign_row(struct ly_import_foreign *f, const struct ly_csv *row,
                           struct ly_import_row *out)
{
    memset(out, 0, sizeof(*out));
    size_t len = 0;
    const char *id = pick(f, row, LY_FR_ID);
    const char *sys = ly_import_format_name(f->fmt);
    f->id[0] = '\0';
    size_t idn;
    trimmed(id, &idn);
    if (idn > 0) {
        append(f->id, sizeof f->id, &len, sys);
        append(f->id, sizeof f->id, &len, ":");
        if (f->fmt == LY_IMPORT_INDICO && id[strspn(id, " ")] == '#')
            id = id + strspn(id, " ") + 1; /* Indico writes "#12" in some lists */
        append(f->id, sizeof f->id, &len, id);
        if (f->fmt == LY_IMPORT_PRETIX) {
            append(f->id, sizeof f->id, &len, "-");
            append(f->id, sizeof f->id, &len, pick(f, row, LY_FR_POSITION));
        }
    }
    out->v[LY_COL_ID] = f->id;

    size_t n;
    const char *name = pick(f, row, LY_FR_NAME);
    if (name == NULL || (trimmed(name, &n), n == 0)) {
        const char *first = pick(f, row, LY_FR_FIRST), *last = pick(f, row, LY_FR_LAST);
        len = 0;
        f->name[0] = '\0';
        if (first != NULL)
            append(f->name, sizeof f->name, &len, first);
        if (last != NULL && (trimmed(last, &n), n > 0)) {
            if (len > 0 && len + 1 < sizeof f->name) {
                f->name[len++] = ' ';
                f->name[len] = '\0';
            }
            append(f->name, sizeof f->name, &len, last);
        }
        name = f->name;
    }
    out->v[LY_COL_NAME] = name;
    out->v[LY_COL_AFFILIATION] = pick(f, row, LY_FR_COMPANY);
    out->v[LY_COL_COUNTRY] = pick(f, row, LY_FR_COUNTRY);
    out->v[LY_COL_EMAIL] = pick(f, row, LY_FR_EMAIL);
    out->v[LY_COL_PHONE] = pick(f, row, LY_FR_PHONE);
    out->v[LY_COL_TICKET_CODE] = pick(f, row, LY_FR_CODE);

    out->v[LY_COL_CATEGORY] = "participant";
    for (size_t c = 0; c < COUNT(category_words); c++) {
        if (any_contains(f, row, LY_FR_TYPE, category_words[c].words)) {
            out->v[LY_COL_CATEGORY] = category_words[c].category;
            break;
        }
    }
    out->v[LY_COL_ATTENDANCE] =
        any_contains(f, row, LY_FR_TYPE, online_words) ? "online" : "onsite";

    /* A locale the system wrote ("de", "pt-br", "zh-hans") becomes the badge language when it
     * is a valid tag; anything else falls back to the default rather than failing the row. */
    const char *lang = pick(f, row, LY_FR_LANG);
    out->v[LY_COL_LANGUAGE] = NULL;
    if (lang != NULL) {
        lang = trimmed(lang, &n);
        if (n < sizeof f->lang) {
            for (size_t i = 0; i < n; i++) {
                unsigned char ch = (unsigned char)lang[i];
                f->lang[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
                if (ch == '_')
                    f->lang[i] = '-';
            }
            f->lang[n] = '\0';
            if (ly_vocab_language_valid(f->lang))
                out->v[LY_COL_LANGUAGE] = f->lang;
        }
    }
    out->cancelled = is_cancelled(f, row);
}
