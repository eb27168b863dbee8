/* demo_data.h - the tables behind the demo event generator, private to sync/demo*.c: name pools
 * written in their own scripts with their usual romanization, the countries that attend with
 * their weights and pools, and the phrases affiliations and session titles are made of. */
#ifndef LY_DEMO_DATA_H
#define LY_DEMO_DATA_H

#include <stdbool.h>
#include <stddef.h>

#define DEMO_COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct demo_name {
    const char *native; /* as the person writes it */
    const char *latin;  /* its romanization (equal to native for Latin-script pools) */
};

/* A family name; languages that inflect family names for women (Russian, Polish, Greek,
 * Icelandic patronymics, Malay "bin"/"binti") give the feminine form too. */
struct demo_family {
    const char *native, *latin;
    const char *native_f, *latin_f; /* NULL: the same for women */
};

enum demo_order {
    DEMO_GIVEN_FIRST,  /* "Anna Müller", "Анна Иванова" / "Anna Ivanova" */
    DEMO_FAMILY_FIRST, /* "Nagy László", "Nguyễn Thu Hà": family name first in both forms */
    DEMO_CJK,          /* "王伟" / "Wang Wei": no space in the script, family first in Latin */
    DEMO_CJK_WESTERN, /* "佐藤健" / "Ken Sato", "陳志明" / "Chih-Ming Chen": Latin given first */
};

struct demo_pool {
    const char *id;
    enum demo_order order;
    bool latin;          /* written in Latin script: no separate romanization */
    bool two_families;   /* Spanish and Portuguese: often two family names */
    unsigned single_pct; /* share of people known by one name only (Indonesia) */
    const struct demo_name *male, *female;
    size_t nmale, nfemale;
    const struct demo_family *family;
    size_t nfamily;
};

enum demo_pool_id {
    POOL_ENGLISH,
    POOL_SPANISH,
    POOL_PORTUGUESE,
    POOL_FRENCH,
    POOL_GERMAN,
    POOL_DUTCH,
    POOL_ITALIAN,
    POOL_SCANDINAVIAN,
    POOL_FINNISH,
    POOL_ICELANDIC,
    POOL_POLISH,
    POOL_CZECH,
    POOL_HUNGARIAN,
    POOL_ROMANIAN,
    POOL_SOUTH_SLAVIC,
    POOL_ALBANIAN,
    POOL_LITHUANIAN,
    POOL_LATVIAN,
    POOL_ESTONIAN,
    POOL_TURKISH,
    POOL_AZERBAIJANI,
    POOL_UZBEK,
    POOL_VIETNAMESE,
    POOL_INDONESIAN,
    POOL_MALAY,
    POOL_FILIPINO,
    POOL_EAST_AFRICAN,
    POOL_SOUTHERN_AFRICAN,
    POOL_NIGERIAN,
    POOL_GHANAIAN,
    POOL_WEST_AFRICAN_FR,
    POOL_CENTRAL_AFRICAN_FR,
    POOL_SOMALI,
    POOL_MALAGASY,
    POOL_PACIFIC,
    POOL_SINHALESE,
    POOL_ARABIC,
    POOL_MAGHREB,
    POOL_PERSIAN,
    POOL_URDU,
    POOL_HINDI,
    POOL_NEPALI,
    POOL_BENGALI,
    POOL_TAMIL,
    POOL_THAI,
    POOL_CHINESE,
    POOL_TAIWANESE,
    POOL_SINGAPOREAN,
    POOL_JAPANESE,
    POOL_KOREAN,
    POOL_RUSSIAN,
    POOL_UKRAINIAN,
    POOL_KAZAKH,
    POOL_BULGARIAN,
    POOL_SERBIAN,
    POOL_MACEDONIAN,
    POOL_GREEK,
    POOL_HEBREW,
    POOL_AMHARIC,
    POOL_GEORGIAN,
    POOL_ARMENIAN,
    POOL_COUNT
};

#define POOL_FIRST_SCRIPT POOL_ARABIC /* pools before this one are written in Latin script */

/* Defined in demo_names_latin.c and demo_names_script.c; demo_pool() picks the right one. */
extern const struct demo_pool demo_latin_pools[POOL_FIRST_SCRIPT];
extern const struct demo_pool demo_script_pools[POOL_COUNT - POOL_FIRST_SCRIPT];

/* Returns the pool with this id (static). */
const struct demo_pool *demo_pool(enum demo_pool_id id);

struct demo_pool_use {
    enum demo_pool_id pool;
    unsigned weight;
    bool romanized; /* the person types the romanized form only (no native script) */
};

struct demo_country {
    const char *alpha2;
    unsigned weight;             /* relative share of registrations */
    const char *city;            /* capital or largest city, in English, for affiliations */
    const char *dial;            /* international calling code */
    const char *lang;            /* preferred language besides English ("en" when none) */
    unsigned lang_pct;           /* how many in a hundred choose it over English */
    struct demo_pool_use use[3]; /* unused entries have weight 0 */
};

extern const struct demo_country demo_countries[];
extern const size_t demo_ncountries;

/* The host country's alpha-2 code: the first entry of demo_countries. */
#define DEMO_HOST_INDEX 0

/* Returns the city's name in the country's language when it differs from the English one
 * ("Ciudad de México", "Genève"), else its English name. Static. */
const char *demo_local_city(const struct demo_country *c);

/* Words of affiliations, by stakeholder group (vocab ids) and language. A "%s" in a template
 * stands for the city. */
struct demo_words {
    const char *const *list;
    size_t n;
};

/* Returns the affiliation templates for a stakeholder group in a language ("en", "fr", "es",
 * "pt"); falls back to English. */
struct demo_words demo_affiliations(const char *stakeholder, const char *lang);

#endif
