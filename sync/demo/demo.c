/* demo.c - the demo event's registrations: who comes, from where, in which role, with which
 * name, and the CSV text that carries them. See demo.h; the programme is in demo_programme.c
 * and the tables in demo_names_*.c and demo_countries.c. */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/country.h"
#include "demo/demo_data.h"
#include "demo/demo_gen.h"
#include "demo/demo_programme.h"
#include "common/ly_limits.h"
#include "event/vocab.h"

#define REGISTRATION_HEADER                                                                        \
    "id,name,name_latin,affiliation,country,region,stakeholder,attendance,category,language,"      \
    "accessibility,email,phone,ticket_code\n"

/* ---- tables -----------------------------------------------------------------------------------*/

const struct demo_pool *demo_pool(enum demo_pool_id id)
{
    if (id < POOL_FIRST_SCRIPT)
        return &demo_latin_pools[id];
    return &demo_script_pools[id - POOL_FIRST_SCRIPT];
}

const char *ly_demo_host_country(void)
{
    return demo_countries[DEMO_HOST_INDEX].alpha2;
}

void ly_demo_event_name(int year, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, "Global Digital Cooperation Forum %d", year);
    if (n < 0 || (size_t)n >= outsz)
        snprintf(out, outsz, "Global Digital Cooperation Forum");
}

static size_t vocab_index(enum ly_vocab_kind kind, const char *id)
{
    size_t n;
    const struct ly_vocab_entry *list = ly_vocab_list(kind, &n);
    for (size_t i = 0; i < n && i < LY_DEMO_SLOTS; i++) {
        if (strcmp(list[i].id, id) == 0)
            return i;
    }
    return LY_DEMO_SLOTS - 1;
}

/* ---- names ------------------------------------------------------------------------------------*/

/* ASCII letters for U+00C0..U+017F ('.' where none fits), for e-mail addresses. */
static const char latin1_ext_a[] =
    "AAAAAAACEEEEIIIIDNOOOOO.OUUUUYTsaaaaaaaceeeeiiiidnooooo.ouuuuyty" /* C0-FF */
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRr"
    "RrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"; /* 100-17F */

/* Returns the ASCII letter for a Latin code point, or 0. */
static char fold_codepoint(unsigned long cp)
{
    if (cp < 0x80)
        return (char)cp;
    if (cp >= 0xC0 && cp <= 0x17F) {
        char c = latin1_ext_a[cp - 0xC0];
        return c == '.' ? 0 : c;
    }
    if (cp == 0x1A1)
        return 'o'; /* ơ */
    if (cp == 0x1B0)
        return 'u'; /* ư */
    if (cp == 0x218 || cp == 0x219)
        return 's'; /* ș */
    if (cp == 0x21A || cp == 0x21B)
        return 't'; /* ț */
    if (cp == 0x259 || cp == 0x18F)
        return 'e'; /* ə */
    if (cp >= 0x1EA0 && cp <= 0x1EB7)
        return 'a'; /* Vietnamese vowels with two marks, in alphabetical blocks */
    if (cp >= 0x1EB8 && cp <= 0x1EC7)
        return 'e';
    if (cp >= 0x1EC8 && cp <= 0x1ECB)
        return 'i';
    if (cp >= 0x1ECC && cp <= 0x1EE3)
        return 'o';
    if (cp >= 0x1EE4 && cp <= 0x1EF1)
        return 'u';
    if (cp >= 0x1EF2 && cp <= 0x1EF9)
        return 'y';
    return 0;
}

/* Appends the lowercase ASCII letters, digits and hyphens of s to out (capacity outsz).
 * Stops at a space when first_word. */
static void fold_ascii(const char *s, bool first_word, char *out, size_t outsz)
{
    size_t n = strlen(out);
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0' && n + 1 < outsz) {
        unsigned long cp = *p;
        size_t len = 1;
        if (*p >= 0xF0 && p[1] && p[2] && p[3]) {
            cp = ((*p & 0x07UL) << 18) | ((p[1] & 0x3FUL) << 12) | ((p[2] & 0x3FUL) << 6) |
                 (p[3] & 0x3FUL);
            len = 4;
        } else if (*p >= 0xE0 && p[1] && p[2]) {
            cp = ((*p & 0x0FUL) << 12) | ((p[1] & 0x3FUL) << 6) | (p[2] & 0x3FUL);
            len = 3;
        } else if (*p >= 0xC0 && p[1]) {
            cp = ((*p & 0x1FUL) << 6) | (p[1] & 0x3FUL);
            len = 2;
        }
        p += len;
        if (cp == ' ' && first_word)
            break;
        char c = fold_codepoint(cp);
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && n > 0))
            out[n++] = c;
        if (c == 's' && cp == 0xDF && n + 1 < outsz)
            out[n++] = 's'; /* ß is ss */
    }
    out[n] = '\0';
}

struct person_name {
    char name[LY_NAME_MAX + 1];
    char latin[LY_NAME_MAX + 1];
    char local[LY_EMAIL_MAX + 1]; /* e-mail local part */
};

/* Joins a and b into out with sep between them (sep may be ""); a or b may be empty. */
static void join(char *out, size_t outsz, const char *a, const char *sep, const char *b)
{
    int n;
    if (*a == '\0')
        n = snprintf(out, outsz, "%s", b);
    else if (*b == '\0')
        n = snprintf(out, outsz, "%s", a);
    else
        n = snprintf(out, outsz, "%s%s%s", a, sep, b);
    if (n < 0 || (size_t)n >= outsz)
        out[0] = '\0'; /* cannot happen with the tables' short names */
}

static void make_name(struct demo_rng *r, const struct demo_pool *pool, bool romanized, bool female,
                      struct person_name *out)
{
    const struct demo_name *g = female ? &pool->female[demo_rng_below(r, pool->nfemale)]
                                       : &pool->male[demo_rng_below(r, pool->nmale)];
    const struct demo_family *f = &pool->family[demo_rng_below(r, pool->nfamily)];
    const char *fam = female && f->native_f ? f->native_f : f->native;
    const char *fam_l = female && f->latin_f ? f->latin_f : f->latin;
    char fam2[LY_NAME_MAX + 1], fam2_l[LY_NAME_MAX + 1];

    if (pool->single_pct > 0 && demo_rng_pct(r, pool->single_pct)) {
        fam = fam_l = "";
    } else if (pool->two_families && demo_rng_pct(r, 40)) {
        const struct demo_family *f2 = &pool->family[demo_rng_below(r, pool->nfamily)];
        if (f2 != f) {
            join(fam2, sizeof fam2, fam, " ", f2->native);
            join(fam2_l, sizeof fam2_l, fam_l, " ", f2->latin);
            fam = fam2;
            fam_l = fam2_l;
        }
    }

    char native[LY_NAME_MAX + 1], latin[LY_NAME_MAX + 1];
    switch (pool->order) {
    case DEMO_GIVEN_FIRST:
        join(native, sizeof native, g->native, " ", fam);
        join(latin, sizeof latin, g->latin, " ", fam_l);
        break;
    case DEMO_FAMILY_FIRST:
        join(native, sizeof native, fam, " ", g->native);
        join(latin, sizeof latin, fam_l, " ", g->latin);
        break;
    case DEMO_CJK:
        join(native, sizeof native, fam, "", g->native);
        join(latin, sizeof latin, fam_l, " ", g->latin);
        break;
    case DEMO_CJK_WESTERN:
        join(native, sizeof native, fam, "", g->native);
        join(latin, sizeof latin, g->latin, " ", fam_l);
        break;
    }
    if (pool->latin || romanized) {
        snprintf(out->name, sizeof out->name, "%s", pool->latin ? native : latin);
        out->latin[0] = '\0';
    } else {
        snprintf(out->name, sizeof out->name, "%s", native);
        snprintf(out->latin, sizeof out->latin, "%s", latin);
    }

    /* given.family, with Malay "bin"/"binti" left out of the address */
    out->local[0] = '\0';
    fold_ascii(g->latin, pool->order != DEMO_CJK, out->local, sizeof out->local);
    if (strncmp(fam_l, "bin ", 4) == 0)
        fam_l += 4;
    else if (strncmp(fam_l, "binti ", 6) == 0)
        fam_l += 6;
    if (*fam_l != '\0') {
        size_t n = strlen(out->local);
        if (n + 2 < sizeof out->local) {
            out->local[n] = '.';
            out->local[n + 1] = '\0';
        }
        fold_ascii(fam_l, false, out->local, sizeof out->local);
    }
}

/* A set of 64-bit hashes of the e-mail addresses handed out, to keep them unique. */
struct hash_set {
    uint64_t *slots; /* 0 = empty */
    size_t mask;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h ? h : 1;
}

/* Adds s; returns false when it was already there. */
static bool hash_set_add(struct hash_set *set, const char *s)
{
    uint64_t h = hash_str(s);
    for (size_t i = (size_t)h & set->mask;; i = (i + 1) & set->mask) {
        if (set->slots[i] == h)
            return false;
        if (set->slots[i] == 0) {
            set->slots[i] = h;
            return true;
        }
    }
}

/* ---- people -----------------------------------------------------------------------------------*/

struct person {
    const struct demo_country *c;
    bool host;
    const char *category, *stakeholder, *attendance, *language;
};

struct choice {
    const char *id;
    unsigned weight;
};

static const char *pick(struct demo_rng *r, const struct choice *c, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += c[i].weight;
    size_t x = demo_rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < c[i].weight)
            return c[i].id;
        x -= c[i].weight;
    }
    return c[n - 1].id;
}

#define PICK(r, table) pick(r, table, DEMO_COUNT(table))

/* Shares in a thousand, set so the whole list lands near the targets once the host country's
 * own category (about 8%) is taken out: speakers 10%, press 4%, staff 3%, VIPs 1%, exhibitors
 * 2%. */
static const struct choice categories[] = {
    {"participant", 778}, {"speaker", 108}, {"press", 43},
    {"staff", 30},        {"vip", 11},      {"exhibitor", 22},
};
static const struct choice stakeholders[] = {
    {"civil_society", 34},       {"private_sector", 28},   {"government", 16},
    {"technical_community", 14}, {"intergovernmental", 8},
};
static const struct choice host_stakeholders[] = {
    {"government", 60},
    {"civil_society", 15},
    {"private_sector", 15},
    {"technical_community", 10},
};
static const struct choice vip_stakeholders[] = {{"government", 70}, {"intergovernmental", 30}};
static const struct choice exhibitor_stakeholders[] = {
    {"private_sector", 60}, {"civil_society", 25}, {"technical_community", 15}};

static void make_role(struct demo_rng *r, struct person *p)
{
    if (p->host && demo_rng_below(r, 1000) < 520)
        p->category = "host_country";
    else
        p->category = PICK(r, categories);

    unsigned onsite = 60;
    if (strcmp(p->category, "press") == 0) {
        p->stakeholder = "press";
        onsite = 85;
    } else if (strcmp(p->category, "vip") == 0) {
        p->stakeholder = PICK(r, vip_stakeholders);
        onsite = 100;
    } else if (strcmp(p->category, "staff") == 0) {
        p->stakeholder = p->host ? "government" : "intergovernmental";
        onsite = 100;
    } else if (strcmp(p->category, "exhibitor") == 0) {
        p->stakeholder = PICK(r, exhibitor_stakeholders);
        onsite = 100;
    } else if (strcmp(p->category, "host_country") == 0) {
        p->stakeholder = PICK(r, host_stakeholders);
        onsite = 95;
    } else {
        p->stakeholder = PICK(r, stakeholders);
        if (strcmp(p->category, "speaker") == 0)
            onsite = 85;
        else if (p->host)
            onsite = 85;
    }
    p->attendance = demo_rng_pct(r, onsite) ? "onsite" : "online";
    p->language =
        strcmp(p->c->lang, "en") != 0 && demo_rng_pct(r, p->c->lang_pct) ? p->c->lang : "en";
}

/* Writes template (which may hold one "%s") with the city in place of "%s", eliding French
 * "de" before a vowel ("Université d'Abidjan"). */
static void fill_template(char *out, size_t outsz, const char *template, const char *city)
{
    const char *at = strstr(template, "%s");
    int n;
    int keep = at ? (int)(at - template) : 0;
    bool elide = at && keep >= 3 && strncmp(at - 3, "de ", 3) == 0 &&
                 (strchr("AEIOU", city[0]) != NULL || strncmp(city, "É", strlen("É")) == 0) &&
                 city[0] != '\0';
    if (at == NULL)
        n = snprintf(out, outsz, "%s", template);
    else if (elide)
        n = snprintf(out, outsz, "%.*sd'%s%s", keep - 3, template, city, at + 2);
    else
        n = snprintf(out, outsz, "%.*s%s%s", keep, template, city, at + 2);
    if (n < 0 || (size_t)n >= outsz)
        out[0] = '\0';
}

static void make_affiliation(struct demo_rng *r, const struct person *p, char *out, size_t outsz)
{
    if (strcmp(p->category, "staff") == 0) {
        fill_template(out, outsz,
                      p->host ? "Host Country Organizing Committee" : "Forum Secretariat", "");
        return;
    }
    const char *lang = "en";
    if ((strcmp(p->c->lang, "fr") == 0 || strcmp(p->c->lang, "es") == 0 ||
         strcmp(p->c->lang, "pt") == 0) &&
        demo_rng_pct(r, 60))
        lang = p->c->lang;
    struct demo_words w = demo_affiliations(p->stakeholder, lang);
    const char *city = strcmp(lang, "en") == 0 ? p->c->city : demo_local_city(p->c);
    fill_template(out, outsz, w.list[demo_rng_below(r, w.n)], city);
}

static const struct choice accessibility[] = {
    {"", 968},
    {"wheelchair user", 10},
    {"sign language interpretation (IS)", 4},
    {"hearing loop", 4},
    {"large print", 4},
    {"step-free access", 4},
    {"guide dog", 2},
    {"wheelchair user, needs accessible transport", 2},
    {"reserved seat near the front (low vision)", 2},
};

static void make_phone(struct demo_rng *r, const struct demo_country *c, char *out, size_t outsz)
{
    int n;
    if (strncmp(c->dial, "+1", 2) == 0) /* 555-01xx: the North American fictional range */
        n = snprintf(out, outsz, "%s%s 555 01%02u", c->dial, c->dial[2] ? "" : " 202",
                     (unsigned)demo_rng_below(r, 100));
    else
        n = snprintf(out, outsz, "%s %u%02u %03u %03u", c->dial,
                     (unsigned)(1 + demo_rng_below(r, 9)), (unsigned)demo_rng_below(r, 100),
                     (unsigned)demo_rng_below(r, 1000), (unsigned)demo_rng_below(r, 1000));
    if (n < 0 || (size_t)n >= outsz)
        out[0] = '\0';
}

/* pretix-style order secret: 32 lowercase letters and digits. */
static void make_ticket(struct demo_rng *r, char out[33])
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 32; i++)
        out[i] = alphabet[demo_rng_below(r, sizeof alphabet - 1)];
    out[32] = '\0';
}

/* Spreads count registrations over the countries by weight (largest remainder, ties to the
 * earlier country), so every country gets its share whatever the seed. Fills who[count] with
 * country indexes; demo_ncountries is at most MAX_COUNTRIES. */
#define MAX_COUNTRIES 256
static void allot_countries(size_t count, uint16_t *who)
{
    unsigned long long total = 0, rem[MAX_COUNTRIES];
    size_t quota[MAX_COUNTRIES], given = 0;
    bool bumped[MAX_COUNTRIES] = {false};
    for (size_t i = 0; i < demo_ncountries; i++)
        total += demo_countries[i].weight;
    for (size_t i = 0; i < demo_ncountries; i++) {
        unsigned long long share = (unsigned long long)count * demo_countries[i].weight;
        quota[i] = (size_t)(share / total);
        rem[i] = share % total;
        given += quota[i];
    }
    while (given < count) { /* fewer left over than there are countries */
        size_t best = demo_ncountries;
        for (size_t i = 0; i < demo_ncountries; i++) {
            if (!bumped[i] && (best == demo_ncountries || rem[i] > rem[best]))
                best = i;
        }
        quota[best]++;
        bumped[best] = true;
        given++;
    }
    size_t k = 0;
    for (size_t i = 0; i < demo_ncountries; i++)
        for (size_t j = 0; j < quota[i] && k < count; j++)
            who[k++] = (uint16_t)i;
}

static const struct demo_pool_use *pick_pool(struct demo_rng *r, const struct demo_country *c)
{
    unsigned total = 0;
    for (size_t i = 0; i < DEMO_COUNT(c->use); i++)
        total += c->use[i].weight;
    size_t x = demo_rng_below(r, total);
    for (size_t i = 0; i < DEMO_COUNT(c->use); i++) {
        if (x < c->use[i].weight)
            return &c->use[i];
        x -= c->use[i].weight;
    }
    return &c->use[0];
}

struct generator {
    struct demo_rng rng;
    struct hash_set emails;
    struct demo_buf *out;
    struct ly_demo_summary *sum;
    bool seen[MAX_COUNTRIES];
};

static void write_registration(struct generator *g, size_t index, size_t country)
{
    struct demo_rng *r = &g->rng;
    struct person p = {.c = &demo_countries[country], .host = country == DEMO_HOST_INDEX};
    const struct ly_country *iso = ly_country_find(p.c->alpha2);
    const struct demo_pool_use *use = pick_pool(r, p.c);
    struct person_name name;
    char id[32], affiliation[LY_AFFILIATION_MAX + 1], email[LY_EMAIL_MAX + 1];
    char phone[LY_PHONE_MAX + 1] = "", ticket[33] = "";

    make_name(r, demo_pool(use->pool), use->romanized, demo_rng_pct(r, 50), &name);
    make_role(r, &p);
    make_affiliation(r, &p, affiliation, sizeof affiliation);
    const char *access = PICK(r, accessibility);
    if (demo_rng_pct(r, p.host ? 30 : 8))
        make_phone(r, p.c, phone, sizeof phone);
    if (demo_rng_pct(r, 5))
        make_ticket(r, ticket);

    /* the first free address of given.family, given.family2, given.family3... */
    for (unsigned k = 1;; k++) {
        int n = k == 1 ? snprintf(email, sizeof email, "%s@example.org", name.local)
                       : snprintf(email, sizeof email, "%s%u@example.org", name.local, k);
        if (n < 0 || (size_t)n >= sizeof email || hash_set_add(&g->emails, email))
            break;
    }
    snprintf(id, sizeof id, "R%05zu", index + 1);

    demo_buf_field(g->out, id, ',');
    demo_buf_field(g->out, name.name, ',');
    demo_buf_field(g->out, name.latin, ',');
    demo_buf_field(g->out, affiliation, ',');
    demo_buf_field(g->out, p.c->alpha2, ',');
    demo_buf_field(g->out, iso->region, ',');
    demo_buf_field(g->out, p.stakeholder, ',');
    demo_buf_field(g->out, p.attendance, ',');
    demo_buf_field(g->out, p.category, ',');
    demo_buf_field(g->out, p.language, ',');
    demo_buf_field(g->out, access, ',');
    demo_buf_field(g->out, email, ',');
    demo_buf_field(g->out, phone, ',');
    demo_buf_field(g->out, ticket, '\n');

    struct ly_demo_summary *sum = g->sum;
    sum->registrations++;
    if (strcmp(p.attendance, "onsite") == 0)
        sum->onsite++;
    else
        sum->online++;
    if (!g->seen[country]) {
        g->seen[country] = true;
        sum->countries++;
    }
    sum->regions[vocab_index(LY_VOCAB_REGION, iso->region)]++;
    sum->stakeholders[vocab_index(LY_VOCAB_STAKEHOLDER, p.stakeholder)]++;
    sum->categories[vocab_index(LY_VOCAB_CATEGORY, p.category)]++;
}

static bool check_tables(char *err, size_t errsz)
{
    if (demo_ncountries > MAX_COUNTRIES) {
        snprintf(err, errsz, "demo tables: too many countries");
        return false;
    }
    for (size_t i = 0; i < demo_ncountries; i++) {
        if (ly_country_find(demo_countries[i].alpha2) == NULL) {
            snprintf(err, errsz, "demo tables: unknown country %s", demo_countries[i].alpha2);
            return false;
        }
    }
    return true;
}

bool ly_demo_generate(const struct ly_demo_params *p, struct ly_demo *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    if (p->count < 1 || p->count > LY_DEMO_COUNT_MAX) {
        snprintf(err, errsz, "registrations must be between 1 and %d", LY_DEMO_COUNT_MAX);
        return false;
    }
    if (p->days < 1 || p->days > LY_EVENT_DAYS_MAX) {
        snprintf(err, errsz, "the event must last 1 to %d days", LY_EVENT_DAYS_MAX);
        return false;
    }
    if (!check_tables(err, errsz))
        return false;

    bool ok = false;
    struct demo_buf regs, sessions, rules;
    demo_buf_init(&regs, LY_CSV_FILE_MAX);
    demo_buf_init(&sessions, LY_CSV_FILE_MAX);
    demo_buf_init(&rules, LY_CSV_FILE_MAX);
    struct generator g = {.out = &regs, .sum = &out->summary};
    size_t slots = 1;
    while (slots < p->count * 2)
        slots *= 2;
    g.emails.slots = calloc(slots, sizeof *g.emails.slots);
    g.emails.mask = slots - 1;
    uint16_t *who = calloc(p->count, sizeof *who);
    if (g.emails.slots == NULL || who == NULL)
        goto end;

    demo_rng_seed(&g.rng, p->seed, 1);
    allot_countries(p->count, who);
    for (size_t i = p->count; i > 1; i--) { /* Fisher-Yates: ids do not follow countries */
        size_t j = demo_rng_below(&g.rng, i);
        uint16_t t = who[i - 1];
        who[i - 1] = who[j];
        who[j] = t;
    }
    demo_buf_str(&regs, REGISTRATION_HEADER);
    for (size_t i = 0; i < p->count; i++)
        write_registration(&g, i, who[i]);
    demo_programme(p, &sessions, &rules, &out->summary);
    ok = !regs.failed && !sessions.failed && !rules.failed;

end:
    free(who);
    free(g.emails.slots);
    if (!ok) {
        demo_buf_free(&regs);
        demo_buf_free(&sessions);
        demo_buf_free(&rules);
        memset(out, 0, sizeof *out);
        snprintf(err, errsz, "out of memory");
        return false;
    }
    out->registrations = ly_dynbuf_take(&regs.text, &out->registrations_len);
    out->sessions = ly_dynbuf_take(&sessions.text, &out->sessions_len);
    out->rules = ly_dynbuf_take(&rules.text, &out->rules_len);
    return true;
}

void ly_demo_free(struct ly_demo *d)
{
    free(d->registrations);
    free(d->sessions);
    free(d->rules);
    memset(d, 0, sizeof *d);
}
