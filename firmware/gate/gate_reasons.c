/* gate_reasons.c - every denial's code and English sentence template, and their substitution.
 * See gate_reasons.h and docs/gates.md, whose table of sentences the templates follow word for
 * word. */
#include "gate/gate_reasons.h"

#include <pthread.h>
#include <string.h>

#include "badge/badge.h"

/* The gate's own reasons; the badge's come from badge.h (ly_badge_status_text). */
static const struct ly_reason_template gate_reasons[] = {
    {"unknown_code", "This code is not a badge or ticket of this event."},
    {"revoked", "This badge was cancelled. Please see the badge desk."},
    {"superseded",
     "This badge was replaced by a newer one. Please use the new badge or see the badge desk."},
    {"registered_online", "Registered to attend online. Please see the registration desk."},
    {"closed_today", "The venue is closed today."},
    {"not_open_yet", "The venue opens at {1}."},
    {"closed", "The venue closed at {1}."},
    {"not_event_day", "Not an event day: {1} runs from {2} to {3}."},
    {"session_unreadable", "This session's times cannot be read."},
    {"session_not_open", "The doors open at {1} for \"{2}\"."},
    {"session_over", "\"{1}\" ended at {2}."},
    {"late", "Entry to \"{1}\" closed at {2}."},
    {"category", "\"{1}\" is for {2} only."},
    {"not_on_list", "Your registration has not reached this kiosk yet. Please see the badge desk."},
    {"no_session", "No session in {1} now."},
    {"full", "{1} is full ({2} of {3} places)."},
    {"reentry_today", "Already entered today at {1}: one entry per day."},
    {"reentry_never", "Already entered at {1}: entry is allowed once."},
    {"already_entered", "This badge entered at {1} and has not left since."},
    {"staff_override", "Admitted by staff."},
    {"already_picked_up", "Your badge was printed already. Please see the badge desk."},
};

#define GATE_REASONS (sizeof gate_reasons / sizeof gate_reasons[0])

static const enum ly_badge_status badge_denials[] = {
    LY_BADGE_MALFORMED,     LY_BADGE_UNSUPPORTED_VERSION, LY_BADGE_UNKNOWN_KEY,
    LY_BADGE_BAD_SIGNATURE, LY_BADGE_WRONG_EVENT,         LY_BADGE_NOT_YET_VALID,
    LY_BADGE_EXPIRED,
};

#define BADGE_REASONS (sizeof badge_denials / sizeof badge_denials[0])

static struct ly_reason_template all_reasons[BADGE_REASONS + GATE_REASONS];
static pthread_once_t all_reasons_once = PTHREAD_ONCE_INIT;

static void fill_reasons(void)
{
    for (size_t i = 0; i < BADGE_REASONS; i++) {
        all_reasons[i].code = ly_badge_status_name(badge_denials[i]);
        all_reasons[i].template = ly_badge_status_text(badge_denials[i]);
    }
    memcpy(all_reasons + BADGE_REASONS, gate_reasons, sizeof gate_reasons);
}

const struct ly_reason_template *ly_gate_reasons(size_t *n)
{
    pthread_once(&all_reasons_once, fill_reasons);
    *n = BADGE_REASONS + GATE_REASONS;
    return all_reasons;
}

/* The length of s[0..n) without a last character that does not fit whole. */
static size_t whole_chars(const char *s, size_t n)
{
    size_t start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return n;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - (start - 1) < need ? start - 1 : n;
}

size_t ly_gate_reason_format(const char *template, const char args[][LY_REASON_ARG_MAX + 1],
                             size_t nargs, char *out, size_t outsz)
{
    size_t o = 0;
    if (outsz == 0)
        return 0;
    for (const char *p = template; *p;) {
        const char *part = p;
        size_t len = 1;
        if (p[0] == '{' && p[1] >= '1' && p[1] < '1' + LY_REASON_ARGS_MAX && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            part = i < nargs ? args[i] : "";
            len = strnlen(part, LY_REASON_ARG_MAX);
            p += 3;
        } else {
            p++;
        }
        if (o + len >= outsz) { /* cut, on a character boundary */
            memcpy(out + o, part, outsz - 1 - o);
            o = whole_chars(out, outsz - 1);
            break;
        }
        memcpy(out + o, part, len);
        o += len;
    }
    out[o] = '\0';
    return o;
}
