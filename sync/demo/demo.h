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

#include "demo/demo_types.h"

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
