/* msgs.c - the kiosk screen's messages. See msgs.h. Every string here is marked N_ so that
 * `make pot` (xgettext, keywords N_ and T:2) puts it in ui/i18n/po/lanyard.pot before a screen uses
 * it; the screens show them translated, with T(lang, "...") (i18n.h). A changed sentence here is
 * a new msgid: run `make pot` and translate it in every ui/i18n/po/LANG.po (docs/kiosk.md). */
#include "i18n/msgs.h"

#include <string.h>

#include "i18n/i18n.h"

/* The sentences follow firmware/badge/badge.c (ly_badge_status_text) and firmware/gate/gate.c
 * (deny), with the values they format in replaced by placeholders. */
const struct ly_reason_msg ly_reason_msgs[] = {
    {"malformed", N_("This code is not a badge of this event, or it is damaged."), ""},
    {"unsupported_version", N_("This badge was made by a newer system. Please see the badge desk."),
     ""},
    {"unknown_key", N_("This badge was not issued by this event. Please see the badge desk."), ""},
    {"bad_signature", N_("This badge is not genuine. Please see the badge desk."), ""},
    {"wrong_event", N_("This badge is for another event."), ""},
    {"not_yet_valid", N_("This badge is not valid yet."), ""},
    {"expired", N_("This badge has expired."), ""},
    {"unknown_code", N_("This code is not a badge or ticket of this event."), ""},
    {"revoked", N_("This badge was cancelled. Please see the badge desk."), ""},
    {"superseded",
     N_("This badge was replaced by a newer one. Please use the new badge or see the badge "
        "desk."),
     ""},
    {"registered_online", N_("Registered to attend online. Please see the registration desk."), ""},
    {"closed_today", N_("The venue is closed today."), ""},
    {"not_open_yet", N_("The venue opens at {1}."), "{1} opening time"},
    {"closed", N_("The venue closed at {1}."), "{1} closing time"},
    {"not_event_day", N_("Not an event day: {1} runs from {2} to {3}."),
     "{1} event name, {2} first day, {3} last day"},
    {"session_unreadable", N_("This session's times cannot be read."), ""},
    {"session_not_open", N_("The doors open at {1} for \"{2}\"."),
     "{1} doors-open time, {2} session title"},
    {"session_over", N_("\"{1}\" ended at {2}."), "{1} session title, {2} end time"},
    {"late", N_("Entry to \"{1}\" closed at {2}."), "{1} session title, {2} time entry closed"},
    {"category", N_("\"{1}\" is for {2} only."),
     "{1} session title, {2} registration categories admitted"},
    {"not_on_list",
     N_("Your registration has not reached this kiosk yet. Please see the badge desk."), ""},
    {"no_session", N_("No session in {1} now."), "{1} room name"},
    {"full", N_("{1} is full ({2} of {3} places)."),
     "{1} session title or room name, {2} people inside, {3} capacity"},
    {"reentry_today", N_("Already entered today at {1}: one entry per day."),
     "{1} time of the first entry"},
    {"reentry_never", N_("Already entered at {1}: entry is allowed once."),
     "{1} time of the first entry"},
    {"already_entered", N_("This badge entered at {1} and has not left since."),
     "{1} time of the entry the person is recorded inside by"},
    {"staff_override", N_("Admitted by staff."), ""},
    {"already_picked_up", N_("Your badge was printed already. Please see the badge desk."), ""},
};
const size_t ly_reason_msgs_count = sizeof ly_reason_msgs / sizeof ly_reason_msgs[0];

const char *const ly_screen_msgids[] = {
    /* waiting for a badge, and the result */
    N_("Show your badge to the camera"),
    N_("Hold the QR code inside the frame"),
    N_("Welcome"),
    N_("Please note"),
    N_("Already checked in"),
    N_("Not admitted"),
    N_("Please see the badge desk"),
    N_("Assistance is available: please ask a member of staff."),
    N_("Touch the screen for the next person"),
    /* a badge handed out (pickup, reprint, walk-in), a session's access slip, the printer */
    N_("Printing your badge"),
    N_("Take your badge"),
    N_("Take your access slip"),
    N_("The printer is out of labels. Please see the badge desk."),
    N_("The printer's cover is open. Please see the badge desk."),
    N_("The printer is offline. Please see the badge desk."),
    N_("The printer is jammed. Please see the badge desk."),
    N_("The badge could not be printed. Please see the badge desk."),
    /* status bar */
    N_("Language"),
    N_("Online"),
    N_("Offline"),
    N_("{1} check-ins waiting to upload"),
    N_("All check-ins uploaded"),
    /* how full the room is, at its door, and where to go instead */
    N_("Space available"),
    N_("Nearly full"),
    N_("Full"),
    N_("people inside / places"),
    N_("Please go to the overflow room:"),
    N_("Follow it online:"),
    N_("Scan with your phone"),
    /* what the kiosk guards */
    N_("Entrance"),
    N_("Exit"),
    N_("Badge desk"),
    N_("Badge pickup"),
    N_("Session: {1}"),
    N_("Room: {1}"),
    N_("Exit from {1}"),
    /* staff mode */
    N_("Staff mode"),
    N_("Enter staff PIN"),
    N_("Wrong PIN"),
    N_("Too many wrong PINs. Try again in {1} seconds."),
    N_("Cancel"),
    N_("OK"),
    N_("Search by name"),
    N_("Search"),
    N_("No one found"),
    N_("Check in by hand"),
    N_("Reason"),
    N_("Badge does not scan"),
    N_("Forgot badge, identity checked"),
    N_("Badge printer fault"),
    N_("Other"),
    N_("Checked in by staff"),
    N_("Switch gate"),
    N_("Counts at this kiosk"),
    N_("Kiosk health"),
    N_("Exit staff mode"),
    N_("Override and admit"),
    N_("Admitted by staff"),
    /* the badge desk with a printer */
    N_("Reprint badge"),
    N_("Register a walk-in"),
    N_("Print jobs"),
    N_("Every job printed"),
    N_("Print again"),
    N_("Waiting"),
    N_("Name"),
    N_("Affiliation"),
    N_("Country"),
    N_("Stakeholder group"),
    N_("Category"),
    N_("Register and print the badge"),
    N_("Badges handed out"),
    N_("Arrivals"),
    /* kiosk health */
    N_("Camera"),
    N_("Printer"),
    N_("Disk"),
    N_("Last sync"),
    N_("Never"),
    N_("Working"),
    N_("Not found"),
    N_("No printer"),
    N_("Printer ready"),
    N_("Printing"),
    N_("Printer offline"),
    N_("Printer not checked yet"),
    N_("Printer out of labels"),
    N_("Printer cover open"),
    N_("Printer paused"),
    N_("Printer jammed"),
    N_("Printer fault"),
    /* TRANSLATORS: {1} is a number */
    N_("{1} labels printed"),
    N_("Last printer problem"),
    N_("None"),
    N_("{1} free"),
    N_("{1} minutes ago"),
    N_("Fonts"),
    N_("Every script"),
    /* TRANSLATORS: {1} is a list of writing systems in English ("Ethiopic, Thaana") that no
       installed font can draw. */
    N_("Missing: {1}"),
    /* counts */
    N_("Granted"),
    N_("Denied"),
    N_("Already inside"),
    N_("Inside now"),
    N_("Waiting to upload"),
    N_("Today"),
    N_("Scans"),
    /* on-screen keyboard */
    N_("Back"),
    N_("Delete"),
    N_("Space"),
    N_("Clear"),
};
const size_t ly_screen_msgids_count = sizeof ly_screen_msgids / sizeof ly_screen_msgids[0];

const struct ly_reason_msg *ly_msgs_reason(const char *code)
{
    for (size_t i = 0; code && i < ly_reason_msgs_count; i++)
        if (strcmp(ly_reason_msgs[i].code, code) == 0)
            return &ly_reason_msgs[i];
    return NULL;
}
