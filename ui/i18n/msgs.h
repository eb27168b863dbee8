/* msgs.h - the English messages of the kiosk screen, as msgids of the catalogues
 * (ui/i18n/po/lanyard.pot): the sentence for each denial reason of the gate (struct ly_decision's
 * reason_code), with placeholders {1}, {2}... for the values the screen fills in, and every other
 * string of the screens, listed in ui/i18n/msgs.c so that xgettext finds them. The screens
 * translate them with T(lang, msgid) (i18n.h) and fill placeholders with ly_i18n_format. */
#ifndef LY_MSGS_H
#define LY_MSGS_H

#include <stddef.h>

struct ly_reason_msg {
    const char *code;  /* a reason_code of gate.c or of badge.c's ly_badge_status_name */
    const char *msgid; /* the sentence, English */
    const char *args;  /* what {1}, {2}... stand for, for the screen's author */
};

/* Returns the message of reason code (NULL for an unknown code or NULL). */
const struct ly_reason_msg *ly_msgs_reason(const char *code);

/* Every reason message (ly_reason_msgs_count of them), and every other string of the screens
 * (ly_screen_msgids_count), for tests that check the catalogues. */
extern const struct ly_reason_msg ly_reason_msgs[];
extern const size_t ly_reason_msgs_count;
extern const char *const ly_screen_msgids[];
extern const size_t ly_screen_msgids_count;

#endif
