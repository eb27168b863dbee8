/* state.h - what the kiosk shows: the state of the screen (which screen, in which language,
 * with what on it), read by the screen files (screens.h) and written by the screen's flow
 * (flow/flow.h); no SDL, so that the flow runs and is tested without it. The
 * attendee's screens (scan, language, result) and the staff's (PIN, home, search with an on-screen
 * keyboard, a person, the gate switch, counts, health) are laid out from the screen's shorter side,
 * so they work in portrait and landscape from 800x480 to 1920x1080, with touch targets of at least
 * LY_TOUCH_MIN_PX. The state belongs to the flow; drawing only reads it. */
#ifndef LY_SCREENS_STATE_H
#define LY_SCREENS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "i18n/i18n.h"
#include "kiosk/sink.h"

#define LY_TOUCH_MIN_PX  48 /* smallest touch target: about 9 mm on a 7-inch 800x480 panel */
#define LY_PIN_DIGITS    12 /* digits the PIN pad takes */
#define LY_QUERY_MAX     48 /* bytes typed into the name search */
#define LY_STAFF_REASONS 4  /* reasons offered for a manual check-in */

enum ly_screen {
    LY_SCR_IDLE,   /* camera preview, frame guide, status line */
    LY_SCR_LANG,   /* the six languages */
    LY_SCR_RESULT, /* granted, granted with notices, already inside, denied, fault */
    LY_SCR_PIN,    /* staff PIN pad */
    LY_SCR_STAFF,  /* staff home */
    LY_SCR_SEARCH, /* name search and keyboard */
    LY_SCR_PERSON, /* one attendee: check in by hand */
    LY_SCR_GATES,  /* switch gate */
    LY_SCR_COUNTS, /* this kiosk's counts */
    LY_SCR_HEALTH, /* camera, printer, disk, last sync */
    LY_SCR_JOBS,   /* the print jobs not printed: retry a held or failed one */
    LY_SCR_WALKIN, /* a walk-in's registration (a badge desk with a printer) */
    LY_SCR_COUNT
};

/* Everything a screen shows. */
struct ly_ui_state {
    enum ly_screen screen;
    enum ly_lang lang;       /* the interface language now */
    enum ly_lang kiosk_lang; /* the kiosk's default, restored after each person */
    const struct ly_i18n *i18n;
    char event_name[LY_EVENT_NAME_MAX + 1];
    struct ly_kiosk_status status;
    bool hub_configured, online;

    /* LY_SCR_RESULT */
    struct ly_decision decision;
    bool journal_failed; /* nothing was recorded: see staff */
    bool manual;         /* decided for a staff member's manual check-in */

    /* The print worker's latest news (kprint.h): the result of a badge handed out says
     * printing, take your badge, or what went wrong; the idle screen a printer that failed. */
    struct ly_kiosk_print print;
    bool have_print;

    /* LY_SCR_PIN */
    char pin[LY_PIN_DIGITS + 1];
    bool pin_busy;           /* being checked */
    bool pin_wrong;          /* the last PIN was wrong */
    int64_t locked_until_ms; /* monotonic ms; 0 when not locked */

    /* LY_SCR_SEARCH, LY_SCR_PERSON */
    char query[LY_QUERY_MAX + 1];
    bool searched;
    struct ly_kiosk_attendee found[LY_KIOSK_SEARCH_MAX];
    size_t nfound;
    struct ly_kiosk_attendee person;
    int reason;          /* the chosen reason, 0..LY_STAFF_REASONS-1, or -1 */
    bool offer_override; /* the manual check-in was denied: staff may override */

    /* LY_SCR_GATES */
    char gates[LY_KIOSK_GATES_MAX][LY_GATE_MAX + 1];
    char gate_names[LY_KIOSK_GATES_MAX][LY_TITLE_MAX + 1];
    size_t ngates;
    int gates_page; /* the page of the list shown, from 0 */

    /* LY_SCR_COUNTS, LY_SCR_HEALTH */
    struct ly_kiosk_stats stats;
    bool have_stats, have_health;
    int64_t disk_free_bytes, disk_total_bytes, journal_bytes, last_sync_ms;
    struct ly_printer_health printer_health; /* LY_SCR_HEALTH (and the print jobs' answer) */
    int64_t printer_problem_ms; /* how long ago the printer's last problem was; -1: never */
    bool printer_configured;

    /* LY_SCR_JOBS */
    struct ly_kiosk_pjob jobs[LY_PJOBS_MAX];
    size_t njobs;
    bool have_jobs;

    /* LY_SCR_WALKIN: the form, and the text field typing goes into (0 name, 1 affiliation,
     * 2 country) */
    struct ly_walkin walkin;
    char walkin_country[64]; /* as typed: a code or a name, read at registration */
    int walkin_field;
    /* who opened staff mode, journaled with a reprint or a walk-in: a staff badge's name, or
     * "staff PIN" */
    char staff_name[LY_LABEL_MAX + 1];
    const char *fonts_missing; /* scripts no installed font covers, "" = none */

    char message[LY_REASON_MAX + 1]; /* a staff screen's last error, "" when none */
    int64_t now_ms;                  /* monotonic ms of this frame (countdowns) */
};

#endif
