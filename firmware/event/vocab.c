/* vocab.c - fixed vocabularies. See vocab.h. */
#include "event/vocab.h"

#include <ctype.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Band colours are chosen so white text on them has a contrast ratio of at least 4.5:1, and no
 * two are confusable in the common colour-vision deficiencies without their text. */
static const struct ly_vocab_entry categories[] = {
    {"participant", "Participant", 0x1F4E9A},
    {"speaker", "Speaker", 0xB34700},
    {"press", "Press", 0xB0123A},
    {"host_country", "Host Country", 0x2E6B1F},
    {"staff", "Staff", 0x222222},
    {"vip", "VIP", 0x6A2C91},
    {"exhibitor", "Exhibitor", 0x00626B},
};

static const struct ly_vocab_entry stakeholders[] = {
    {"government", "Government", 0},
    {"private_sector", "Private Sector", 0},
    {"civil_society", "Civil Society", 0},
    {"technical_community", "Technical Community", 0},
    {"intergovernmental", "Intergovernmental Organization", 0},
    {"press", "Press and Media", 0},
    {"unspecified", "Not specified", 0},
};

static const struct ly_vocab_entry regions[] = {
    {"african", "African Group", 0},
    {"asia_pacific", "Asia-Pacific Group", 0},
    {"eastern_european", "Eastern European Group", 0},
    {"latin_american_caribbean", "Latin American and Caribbean Group", 0},
    {"western_european_others", "Western European and Others Group", 0},
    {"none", "No regional group", 0},
    {"not_stated", "Not stated", 0}, /* the country is not stated (country.h) */
};

static const struct ly_vocab_entry attendance[] = {
    {"onsite", "Onsite", 0},
    {"online", "Online", 0},
};

static const struct ly_vocab_entry session_types[] = {
    {"opening_ceremony", "Opening Ceremony", 0},
    {"closing_ceremony", "Closing Ceremony", 0},
    {"high_level", "High-Level Session", 0},
    {"main_session", "Main Session", 0},
    {"parliamentary", "Parliamentary Track", 0},
    {"workshop", "Workshop", 0},
    {"open_forum", "Open Forum", 0},
    {"best_practice_forum", "Best Practice Forum", 0},
    {"dynamic_coalition", "Dynamic Coalition", 0},
    {"lightning_talk", "Lightning Talk", 0},
    {"launch", "Launch or Award", 0},
    {"networking", "Networking Session", 0},
    {"unconference", "Unconference Slot", 0},
    {"day0_event", "Day 0 Event", 0},
    {"other", "Other", 0},
};

const struct ly_vocab_entry *ly_vocab_list(enum ly_vocab_kind kind, size_t *n)
{
    switch (kind) {
    case LY_VOCAB_CATEGORY:
        *n = COUNT(categories);
        return categories;
    case LY_VOCAB_STAKEHOLDER:
        *n = COUNT(stakeholders);
        return stakeholders;
    case LY_VOCAB_REGION:
        *n = COUNT(regions);
        return regions;
    case LY_VOCAB_ATTENDANCE:
        *n = COUNT(attendance);
        return attendance;
    case LY_VOCAB_SESSION_TYPE:
        *n = COUNT(session_types);
        return session_types;
    }
    *n = 0;
    return NULL;
}

/* Compares a candidate word with an id or label: case-insensitive ASCII, and ' ', '-' and '_'
 * are one character. */
static bool same_word(const char *word, const char *ref)
{
    for (;; word++, ref++) {
        unsigned char a = (unsigned char)*word, b = (unsigned char)*ref;
        if (a == ' ' || a == '-')
            a = '_';
        if (b == ' ' || b == '-')
            b = '_';
        if (tolower(a) != tolower(b))
            return false;
        if (a == '\0')
            return true;
    }
}

const struct ly_vocab_entry *ly_vocab_find(enum ly_vocab_kind kind, const char *word)
{
    size_t n;
    const struct ly_vocab_entry *list = ly_vocab_list(kind, &n);
    for (size_t i = 0; i < n; i++) {
        if (same_word(word, list[i].id) || same_word(word, list[i].label))
            return &list[i];
    }
    return NULL;
}

bool ly_vocab_language_valid(const char *tag)
{
    size_t i = 0;
    while (tag[i] >= 'a' && tag[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (tag[i] == '\0')
        return true;
    if (tag[i] != '-')
        return false;
    size_t start = ++i;
    while (isalnum((unsigned char)tag[i]) && tag[i] != '\0')
        i++;
    return tag[i] == '\0' && i - start >= 2 && i - start <= 8;
}
