/* country.h - ISO 3166-1 countries and territories with their UN regional group. A static
 * table; lookups never allocate. */
#ifndef LY_COUNTRY_H
#define LY_COUNTRY_H

#include <stddef.h>

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

/* Returns the whole table (static) and stores its length in *n. */
const struct ly_country *ly_country_list(size_t *n);

#endif
