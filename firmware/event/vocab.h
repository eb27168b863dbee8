/* vocab.h - the fixed vocabularies of registration and programme data: registration
 * categories, stakeholder groups, UN regional groups, attendance modes and session types.
 * Each word has a stable id (what the databases store), an English label and, for categories,
 * the colour of the badge band. Lookups accept labels and ids in any case, with spaces or
 * hyphens for underscores ("Host country", "host-country" and "host_country" are one word). */
#ifndef LY_VOCAB_H
#define LY_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ly_vocab_kind {
    LY_VOCAB_CATEGORY,     /* participant, speaker, press, host_country, staff, vip, exhibitor */
    LY_VOCAB_STAKEHOLDER,  /* government, private_sector, civil_society, ... , unspecified */
    LY_VOCAB_REGION,       /* african, asia_pacific, eastern_european, latin_american_caribbean,
                              western_european_others, none, not_stated */
    LY_VOCAB_ATTENDANCE,   /* onsite, online */
    LY_VOCAB_SESSION_TYPE, /* opening_ceremony, main_session, workshop, ... */
};

struct ly_vocab_entry {
    const char *id;    /* stable identifier stored in databases and sent to kiosks */
    const char *label; /* English label, also the badge band text for categories */
    uint32_t rgb;      /* band colour 0xRRGGBB (categories only; 0 elsewhere) */
};

/* Returns the entry matching word (id or label, normalized as above), or NULL. Static. */
const struct ly_vocab_entry *ly_vocab_find(enum ly_vocab_kind kind, const char *word);

/* Returns the kind's entries (static array) and stores their count in *n. */
const struct ly_vocab_entry *ly_vocab_list(enum ly_vocab_kind kind, size_t *n);

/* Returns whether tag is an acceptable language tag: two or three lowercase letters, optionally
 * followed by '-' and 2 to 8 letters or digits ("en", "zh", "zh-Hans", "ast"). */
bool ly_vocab_language_valid(const char *tag);

#endif
