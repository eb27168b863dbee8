/* gate_reasons.h - every reason a gate decision can carry: its stable code and its English
 * sentence as a template with {1}, {2}, {3} for the variable parts (the msgid a screen
 * translates), and the substitution of the parts into a template. The sentences follow
 * docs/gates.md word for word. */
#ifndef LY_GATE_REASONS_H
#define LY_GATE_REASONS_H

#include <stddef.h>

#include "gate/decision.h"

/* A denial's stable code and its English sentence template. */
struct ly_reason_template {
    const char *code;     /* "not_open_yet" */
    const char *template; /* "The venue opens at {1}." */
};

/* Returns every reason a decision can carry (static; *n is the count), for a translation
 * catalogue: each template is the msgid of a sentence. */
const struct ly_reason_template *ly_gate_reasons(size_t *n);

/* Writes template with {1}, {2}, {3} replaced by args[0..nargs) ("" past nargs) into out
 * (outsz bytes), cut on a character boundary if need be; returns the length. The screen uses it
 * with a translated template, whose parts may come in another order. */
size_t ly_gate_reason_format(const char *template, const char args[][LY_REASON_ARG_MAX + 1],
                             size_t nargs, char *out, size_t outsz);

#endif
