/* country.h - ISO 3166-1 countries and territories with their UN regional group. A static
 * table; lookups never allocate. */
#ifndef LY_COUNTRY_H
#define LY_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

/* The country kept for an attendee who did not state one (an export without a country column,
 * an empty cell). ZZ is an ISO 3166-1 code reserved for user assignment, which no country will
 * ever get, and CLDR's "Unknown Region". Two letters keep every database's
 * CHECK (length(country) = 2), the sync protocol and the kiosks of earlier releases as they are.
 * Such an attendee's region is LY_REGION_NOT_STATED (a vocab.h region id). */
#define LY_COUNTRY_NOT_STATED       "ZZ"
#define LY_COUNTRY_NOT_STATED_LABEL "Not stated"
#define LY_REGION_NOT_STATED        "not_stated"

struct ly_country {
    const char *alpha2; /* "NO" */
    const char *alpha3; /* "NOR" */
    const char *name;   /* English short name, "Norway" */
    const char *region; /* vocab.h region id: "western_european_others"; "none" for territories
                           and states outside the five UN regional groups */
};

/* Returns the country whose alpha-2 code, alpha-3 code or English name equals s (ASCII case
 * ignored), or NULL. */
const struct ly_country *ly_country_find(const char *s);

/* Returns whether code is a country someone stated: false for NULL, "" and
 * LY_COUNTRY_NOT_STATED. */
bool ly_country_stated(const char *code);

/* Returns the English short name of alpha-2 code for a badge or a list: "" when the country is
 * not stated (nothing is shown for it), code itself when it is not in the table. */
const char *ly_country_name(const char *code);

/* Returns the whole table (static) and stores its length in *n. */
const struct ly_country *ly_country_list(size_t *n);

#endif
