/* demo_programme.h - the demo event's programme and gate rules (demo_programme.c), which
 * ly_demo_generate (demo.c) writes after the registrations. Private to sync/demo*.c. */
#ifndef LY_DEMO_PROGRAMME_H
#define LY_DEMO_PROGRAMME_H

#include "demo/demo_gen.h"
#include "demo/demo_types.h"

/* Writes the programme CSV for p into b and its gate rules CSV into rules, and counts both into
 * sum. */
void demo_programme(const struct ly_demo_params *p, struct demo_buf *b, struct demo_buf *rules,
                    struct ly_demo_summary *sum);

#endif
