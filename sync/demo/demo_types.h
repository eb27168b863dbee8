/* demo_types.h - what a demo event is generated from (struct ly_demo_params) and what came out of
 * it (struct ly_demo_summary), shared by the generator's parts (demo.c, demo_programme.c) and
 * its callers through demo.h. Types only. */
#ifndef LY_DEMO_TYPES_H
#define LY_DEMO_TYPES_H

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

#endif
