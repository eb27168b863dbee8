/* test_country.c - the ISO 3166-1 table: completeness, UN regional groups, lookups, and the code
 * of a country not stated. */
#include <string.h>

#include "../check.h"
#include "event/country.h"
#include "event/vocab.h"

static void test_table_complete(void)
{
    size_t n;
    const struct ly_country *c = ly_country_list(&n);
    CHECK_INT(n, 249); /* ISO 3166-1 officially assigned codes */
    int dup2 = 0, dup3 = 0, bad = 0, badregion = 0;
    for (size_t i = 0; i < n; i++) {
        if (strlen(c[i].alpha2) != 2 || strlen(c[i].alpha3) != 3 || c[i].name[0] == '\0')
            bad++;
        for (size_t k = 0; k < 3; k++) {
            if (c[i].alpha3[k] < 'A' || c[i].alpha3[k] > 'Z' ||
                (k < 2 && (c[i].alpha2[k] < 'A' || c[i].alpha2[k] > 'Z')))
                bad++;
        }
        if (ly_vocab_find(LY_VOCAB_REGION, c[i].region) == NULL)
            badregion++;
        for (size_t j = i + 1; j < n; j++) {
            dup2 += strcmp(c[i].alpha2, c[j].alpha2) == 0;
            dup3 += strcmp(c[i].alpha3, c[j].alpha3) == 0;
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(badregion, 0);
    CHECK_INT(dup2, 0);
    CHECK_INT(dup3, 0);
}

static int count_region(const char *region)
{
    size_t n;
    int k = 0;
    const struct ly_country *c = ly_country_list(&n);
    for (size_t i = 0; i < n; i++)
        k += strcmp(c[i].region, region) == 0;
    return k;
}

/* The five groups hold the 193 UN members (the US counted in WEOG). */
static void test_regional_groups(void)
{
    CHECK_INT(count_region("african"), 54);
    CHECK_INT(count_region("asia_pacific"), 54);
    CHECK_INT(count_region("eastern_european"), 23);
    CHECK_INT(count_region("latin_american_caribbean"), 33);
    CHECK_INT(count_region("western_european_others"), 29);
    CHECK_INT(count_region("none"), 249 - 193);
    CHECK_STR(ly_country_find("US")->region, "western_european_others");
    CHECK_STR(ly_country_find("IL")->region, "western_european_others");
    CHECK_STR(ly_country_find("TR")->region, "western_european_others");
    CHECK_STR(ly_country_find("KI")->region, "asia_pacific");
    CHECK_STR(ly_country_find("CY")->region, "asia_pacific");
    CHECK_STR(ly_country_find("NO")->region, "western_european_others");
    CHECK_STR(ly_country_find("KE")->region, "african");
    CHECK_STR(ly_country_find("EE")->region, "eastern_european");
    CHECK_STR(ly_country_find("BR")->region, "latin_american_caribbean");
    CHECK_STR(ly_country_find("VA")->region, "none"); /* observer */
    CHECK_STR(ly_country_find("PS")->region, "none"); /* observer */
    CHECK_STR(ly_country_find("TW")->region, "none");
    CHECK_STR(ly_country_find("PR")->region, "none"); /* territory */
}

static void test_lookups(void)
{
    CHECK_STR(ly_country_find("no")->alpha2, "NO");
    CHECK_STR(ly_country_find("NOR")->alpha2, "NO");
    CHECK_STR(ly_country_find("norway")->alpha2, "NO");
    CHECK_STR(ly_country_find("usa")->alpha2, "US");
    CHECK_STR(ly_country_find("United States")->alpha2, "US");
    CHECK_STR(ly_country_find("United States of America")->alpha2, "US");
    CHECK_STR(ly_country_find("Russia")->alpha2, "RU");
    CHECK_STR(ly_country_find("Russian Federation")->alpha2, "RU");
    CHECK_STR(ly_country_find("Viet Nam")->alpha2, "VN");
    CHECK_STR(ly_country_find("Vietnam")->alpha2, "VN");
    CHECK_STR(ly_country_find("T\xC3\xBCrkiye")->alpha2, "TR");
    CHECK_STR(ly_country_find("Turkey")->alpha2, "TR");
    CHECK_STR(ly_country_find("C\xC3\xB4te d'Ivoire")->alpha2, "CI");
    CHECK_STR(ly_country_find("Cote d'Ivoire")->alpha2, "CI");
    CHECK_STR(ly_country_find("Korea, Republic of")->alpha2, "KR");
    CHECK_STR(ly_country_find("South Korea")->alpha2, "KR");
    CHECK_STR(ly_country_find("UK")->alpha2, "GB");
    CHECK_STR(ly_country_find("United Kingdom")->alpha2, "GB");
    CHECK_STR(ly_country_find("Democratic Republic of the Congo")->alpha2, "CD");
    CHECK_STR(ly_country_find("Congo")->alpha2, "CG");
    CHECK_STR(ly_country_find("Netherlands")->alpha2, "NL");
    CHECK_STR(ly_country_find("iran")->alpha2, "IR");
    CHECK(ly_country_find("") == NULL);
    CHECK(ly_country_find("Narnia") == NULL);
    CHECK(ly_country_find("XX") == NULL);
    CHECK(ly_country_find("N") == NULL);
    CHECK(ly_country_find("Norwa") == NULL);
    CHECK(ly_country_find("NORWAY ") == NULL); /* callers trim */
}

/* Every entry is found by each of its own keys. */
static void test_roundtrip(void)
{
    size_t n;
    int misses = 0;
    const struct ly_country *c = ly_country_list(&n);
    for (size_t i = 0; i < n; i++) {
        misses += ly_country_find(c[i].alpha2) != &c[i];
        misses += ly_country_find(c[i].alpha3) != &c[i];
        misses += ly_country_find(c[i].name) != &c[i];
    }
    CHECK_INT(misses, 0);
}

/* "Not stated" is a code of its own: no country, no name to print, a region of its own. */
static void test_not_stated(void)
{
    CHECK(!ly_country_stated(NULL));
    CHECK(!ly_country_stated(""));
    CHECK(!ly_country_stated(LY_COUNTRY_NOT_STATED));
    CHECK(ly_country_stated("NO"));
    CHECK(ly_country_find(LY_COUNTRY_NOT_STATED) == NULL); /* never read from a file */
    CHECK_INT(strlen(LY_COUNTRY_NOT_STATED), 2);           /* what every database checks */
    CHECK_STR(ly_country_name(LY_COUNTRY_NOT_STATED), "");
    CHECK_STR(ly_country_name(""), "");
    CHECK_STR(ly_country_name("NO"), "Norway");
    CHECK_STR(ly_country_name("CI"), "C\xC3\xB4te d'Ivoire");
    CHECK_STR(ly_country_name("XK"), "XK"); /* not in the table: the code as it is */
    const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_REGION, LY_REGION_NOT_STATED);
    CHECK(e != NULL && strcmp(e->label, LY_COUNTRY_NOT_STATED_LABEL) == 0);
    CHECK_INT(count_region(LY_REGION_NOT_STATED), 0); /* no country has it */
}

int main(void)
{
    RUN(test_table_complete);
    RUN(test_regional_groups);
    RUN(test_lookups);
    RUN(test_roundtrip);
    RUN(test_not_stated);
    return CHECK_DONE();
}
