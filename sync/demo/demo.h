/* demo.h - a generated demonstration event: the registrations, programme and gate rules of a
 * UN-style multistakeholder forum (about 150 countries, every stakeholder and regional group,
 * names in their own scripts, ~230 sessions in 18 rooms, opening hours and notices), written as
 * Lanyard-format CSV text so that it enters a database through the real import path. Fully
 * determined by the parameters. */
#ifndef LY_DEMO_H
#define LY_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LY_DEMO_DEFAULT_COUNT 2500   /* registrations of the default demo event */
#define LY_DEMO_COUNT_MAX     200000 /* enough for benchmarks; keeps the CSV far below limits */
#define LY_DEMO_DAYS          5      /* a new demo event: Day 0 and four days */
#define LY_DEMO_SLOTS         16     /* room for any vocabulary's entries in a summary */

struct ly_demo_params {
    size_t count;      /* registrations, 1 to LY_DEMO_COUNT_MAX */
    int64_t first_day; /* the event's first day (Day 0), in days since 1970-01-01 */
    int days;          /* the event's length in days, 1 to LY_EVENT_DAYS_MAX */
    uint64_t seed;     /* the same seed and parameters give byte-identical CSV */
};

/* What was generated. Vocabulary counts are indexed like ly_vocab_list() of their kind. */
struct ly_demo_summary {
    size_t registrations, onsite, online, countries;
    size_t regions[LY_DEMO_SLOTS];
    size_t stakeholders[LY_DEMO_SLOTS];
    size_t categories[LY_DEMO_SLOTS];
    size_t sessions, rooms;
    size_t session_types[LY_DEMO_SLOTS];
    size_t opening_days, notices; /* gate rules */
};

struct ly_demo {
    char *registrations; /* registration CSV (Lanyard format), NUL-terminated */
    size_t registrations_len;
    char *sessions; /* programme CSV (Lanyard sessions format), NUL-terminated */
    size_t sessions_len;
    char *rules; /* gate rules CSV (Lanyard rules format), NUL-terminated */
    size_t rules_len;
    struct ly_demo_summary summary;
};

/* Writes the name of a new demo event held in year into out (outsz bytes). */
void ly_demo_event_name(int year, char *out, size_t outsz);

/* Returns the host country's ISO alpha-2 code (static). */
const char *ly_demo_host_country(void);

/* Generates the demo event into *out. Returns false with a message in err on bad parameters or
 * when out of memory (out is then empty). The caller frees *out with ly_demo_free. */
__attribute__((warn_unused_result)) bool
ly_demo_generate(const struct ly_demo_params *p, struct ly_demo *out, char *err, size_t errsz);

/* Frees the CSV text of d and empties it; d itself belongs to the caller. */
void ly_demo_free(struct ly_demo *d);

#endif
