/* decision.c - the gate policy's defaults and the names of decision kinds and re-entry
 * policies. See decision.h. */
#include "gate/decision.h"

#include <string.h>

const struct ly_gate_policy ly_gate_policy_defaults = {
    .reentry = LY_REENTRY_ALLOWED,
    .doors_open_min = 30,
    .late_entry_min = -1,
    .enforce_capacity = true,
    .holdoff_ms = 3000,
};

const char *ly_decision_name(enum ly_decision_kind k)
{
    switch (k) {
    case LY_DECISION_GRANTED:
        return "granted";
    case LY_DECISION_ALREADY_INSIDE:
        return "already_inside";
    case LY_DECISION_PICKED_UP:
        return "picked_up";
    case LY_DECISION_DENIED:
        break;
    }
    return "denied";
}

static const char *const reentry_names[] = {"allowed", "once_per_day", "never"};

bool ly_reentry_parse(const char *s, enum ly_reentry *out)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, reentry_names[i]) == 0) {
            *out = (enum ly_reentry)i;
            return true;
        }
    }
    return false;
}

const char *ly_reentry_name(enum ly_reentry r)
{
    return (unsigned)r < 3 ? reentry_names[r] : "?";
}
