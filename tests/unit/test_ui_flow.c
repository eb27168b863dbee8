/* test_ui_flow.c - the kiosk screen's flow (ui/flow/flow.h) without a window: inputs (touches on
 * widgets, text, keys, scripted codes, decisions, answers, status, time) and the states they lead
 * to, the requests the flow makes of the kiosk loop, its pauses and its sounds. No SDL video or
 * audio is opened: the flow has none. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "flow/flow.h"

#define RESULT_MS    4000
#define STAFF_IDLE_S 60

/* What the hooks saw. */
static struct {
    struct ly_request req[32];
    int nreq;
    bool busy; /* the loop's queue is full: requests fail */
    int pauses;
    bool paused;
    enum ly_sound sound[32];
    int nsound;
    int decided;
    int64_t decided_seq;
} seen;

static bool on_request(void *ctx, const struct ly_request *r)
{
    (void)ctx;
    if (seen.busy)
        return false;
    if (seen.nreq < 32)
        seen.req[seen.nreq++] = *r;
    return true;
}

static void on_pause(void *ctx, bool paused)
{
    (void)ctx;
    seen.pauses++;
    seen.paused = paused;
}

static void on_sound(void *ctx, enum ly_sound s)
{
    (void)ctx;
    if (seen.nsound < 32)
        seen.sound[seen.nsound++] = s;
}

static void on_decided(void *ctx, const struct ly_kiosk_decision *d)
{
    (void)ctx;
    seen.decided++;
    seen.decided_seq = d->decision.checkin.seq;
}

static struct ly_flow *flow_new(void)
{
    static const struct ly_flow_hooks hooks = {
        .request = on_request, .pause = on_pause, .sound = on_sound, .decided = on_decided};
    struct ly_flow_config cfg = {.lang = LY_LANG_EN,
                                 .result_ms = RESULT_MS,
                                 .staff_idle_s = STAFF_IDLE_S,
                                 .gate = "entrance",
                                 .event_name = "Forum 2026",
                                 .fonts_missing = ""};
    struct ly_flow *f = NULL;
    memset(&seen, 0, sizeof seen);
    if (!ly_flow_init(&f, &cfg, &hooks))
        abort();
    ly_flow_start(f);
    return f;
}

static const struct ly_ui_state *st(const struct ly_flow *f)
{
    return ly_flow_state(f);
}

/* "SCREEN" or "SCREEN-DETAIL", as the screen lines and scripts name a state. */
static const char *named(const struct ly_flow *f)
{
    static char buf[64];
    const struct ly_ui_state *s = st(f);
    const char *d = ly_detail_names[ly_detail_of(s)];
    snprintf(buf, sizeof buf, "%s%s%s", ly_screen_name(s->screen), d[0] ? "-" : "", d);
    return buf;
}

/* A decision at the gate: kind, the attendee's language ("" for none), its sequence number. */
static struct ly_kiosk_decision decision(enum ly_decision_kind kind, const char *lang, int64_t seq)
{
    static struct ly_kiosk_decision zero;
    struct ly_kiosk_decision d = zero;
    d.decision.kind = kind;
    d.decision.identified = true;
    d.decision.attendee.id = 42;
    snprintf(d.decision.attendee.category, sizeof d.decision.attendee.category, "participant");
    snprintf(d.decision.attendee.language, sizeof d.decision.attendee.language, "%s", lang);
    d.decision.checkin.seq = seq;
    d.decoded_ns = 1000000 * seq;
    return d;
}

static struct ly_kiosk_reply reply_to(const struct ly_request *r, bool ok)
{
    static struct ly_kiosk_reply zero;
    struct ly_kiosk_reply m = zero;
    m.req = *r;
    m.ok = ok;
    return m;
}

static void taps(struct ly_flow *f, const char *id, int n, int64_t t0, int64_t step)
{
    for (int i = 0; i < n; i++)
        ly_flow_widget(f, id, t0 + i * step);
}

/* Opens staff mode through the corner and the right PIN. */
static void open_staff(struct ly_flow *f, int64_t t)
{
    taps(f, "corner", 5, t, 100);
    ly_flow_text(f, "2468", t + 600);
    ly_flow_key(f, LY_KEY_RETURN, t + 700);
    struct ly_kiosk_reply r = reply_to(&seen.req[seen.nreq - 1], true);
    r.pin = LY_PIN_OK;
    ly_flow_reply(f, &r, t + 800);
}

static void starts_idle(void)
{
    struct ly_flow *f = flow_new();
    CHECK_STR(named(f), "idle");
    CHECK_STR(st(f)->event_name, "Forum 2026");
    CHECK_STR(st(f)->status.gate, "entrance");
    CHECK_INT(st(f)->lang, LY_LANG_EN);
    CHECK(seen.pauses == 1 && !seen.paused); /* scanning runs */
    CHECK(ly_flow_generation(f) > 0);
    CHECK(ly_flow_take_redraw(f));
    CHECK(!ly_flow_take_redraw(f));
    ly_flow_destroy(f);
}

static void result_shown_then_taken_down(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "", 7);
    unsigned long g = ly_flow_generation(f);
    ly_flow_decision(f, &d, 10000);
    CHECK_STR(named(f), "result-granted");
    CHECK(ly_flow_generation(f) > g);
    CHECK_INT(seen.decided, 1); /* logged as a JSON line */
    CHECK_INT(seen.decided_seq, 7);
    CHECK(seen.nsound == 1 && seen.sound[0] == LY_SOUND_GRANTED);
    struct ly_flow_result r;
    CHECK(ly_flow_take_result(f, &r));
    CHECK_STR(r.kind, "granted");
    CHECK_INT(r.seq, 7);
    CHECK(!ly_flow_take_result(f, &r)); /* one presented line per result */
    /* the next deadline is the result's end */
    CHECK_INT(ly_flow_tick(f, 10000 + RESULT_MS - 300), 300);
    CHECK_STR(named(f), "result-granted");
    ly_flow_tick(f, 10000 + RESULT_MS);
    CHECK_STR(named(f), "idle");
    ly_flow_destroy(f);
}

/* A pickup: the result follows its print job; a failure is kept up a result's time from when it
 * came, sounds, and stays on the idle screen until a job prints. */
static void pickup_follows_its_print_job(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_PICKED_UP, "fr", 9);
    d.decision.print_job = 5;
    ly_flow_decision(f, &d, 10000);
    CHECK_STR(named(f), "result-granted");
    CHECK_INT(st(f)->lang, LY_LANG_FR);
    CHECK(!st(f)->have_print);
    struct ly_kiosk_print ev = {.job = 5, .attendee_id = 42, .state = LY_PJOB_SENT};
    ly_flow_print(f, &ev, 10100);
    CHECK(st(f)->have_print && st(f)->print.state == LY_PJOB_SENT);
    int before = seen.nsound;
    ev.state = LY_PJOB_FAILED;
    ev.reason = LY_PR_MEDIA_OUT;
    ly_flow_print(f, &ev, 10000 + RESULT_MS - 100);
    CHECK_INT(st(f)->print.reason, LY_PR_MEDIA_OUT);
    CHECK(seen.nsound == before + 1 && seen.sound[before] == LY_SOUND_DENIED);
    ly_flow_tick(f, 10000 + RESULT_MS);
    CHECK_STR(named(f), "result-granted"); /* kept up to be read */
    ly_flow_tick(f, 10000 + 2 * RESULT_MS);
    CHECK_STR(named(f), "idle");
    CHECK(st(f)->have_print && st(f)->print.state == LY_PJOB_FAILED); /* said on the idle screen */
    ev.job = 6;
    ev.state = LY_PJOB_PRINTED;
    ev.reason = LY_PR_NONE;
    ly_flow_print(f, &ev, 10000 + 2 * RESULT_MS + 10);
    CHECK(st(f)->print.state == LY_PJOB_PRINTED);
    ly_flow_destroy(f);
}

static void result_kinds_and_sounds(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "", 1);
    d.decision.nnotices = 1;
    ly_flow_decision(f, &d, 0);
    CHECK_STR(named(f), "result-notice");
    CHECK(seen.sound[seen.nsound - 1] == LY_SOUND_NOTICE);
    d = decision(LY_DECISION_ALREADY_INSIDE, "", 2);
    ly_flow_decision(f, &d, 10); /* the next badge replaces the result */
    CHECK_STR(named(f), "result-already");
    CHECK(seen.sound[seen.nsound - 1] == LY_SOUND_ALREADY);
    d = decision(LY_DECISION_DENIED, "", 3);
    ly_flow_decision(f, &d, 20);
    CHECK_STR(named(f), "result-denied");
    CHECK(seen.sound[seen.nsound - 1] == LY_SOUND_DENIED);
    CHECK_INT(seen.decided, 3);
    ly_flow_destroy(f);
}

static void journal_failure_is_a_fault(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "", 0);
    d.journal_failed = true;
    ly_flow_decision(f, &d, 0);
    CHECK_STR(named(f), "result-fault");
    CHECK_INT(seen.decided, 0); /* nothing was recorded: nothing logged as decided */
    CHECK(seen.sound[seen.nsound - 1] == LY_SOUND_DENIED);
    ly_flow_destroy(f);
}

static void attendee_language_then_back(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "fr", 1);
    ly_flow_decision(f, &d, 0);
    CHECK_INT(st(f)->lang, LY_LANG_FR);
    ly_flow_widget(f, "dismiss", 500);
    CHECK_STR(named(f), "idle");
    CHECK_INT(st(f)->lang, LY_LANG_EN);
    /* a language chosen on the screen lasts until a minute unused */
    ly_flow_widget(f, "language", 1000);
    CHECK_STR(named(f), "language");
    ly_flow_widget(f, "lang:ar", 2000);
    CHECK_STR(named(f), "idle");
    CHECK_INT(st(f)->lang, LY_LANG_AR);
    ly_flow_tick(f, 2000 + 59999);
    CHECK_INT(st(f)->lang, LY_LANG_AR);
    ly_flow_tick(f, 2000 + 60000);
    CHECK_INT(st(f)->lang, LY_LANG_EN);
    ly_flow_destroy(f);
}

static void staff_badge_opens_staff_mode(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "", 1);
    d.staff_badge = true;
    ly_flow_decision(f, &d, 0);
    CHECK_STR(named(f), "staff");
    CHECK(seen.paused);
    CHECK_INT(seen.decided, 1);
    /* a badge decided before the pause took effect is logged, not shown */
    d = decision(LY_DECISION_GRANTED, "", 2);
    ly_flow_decision(f, &d, 100);
    CHECK_STR(named(f), "staff");
    CHECK_INT(seen.decided, 2);
    /* staff mode closes after staff_idle_s without a touch */
    ly_flow_widget(f, "counts", 1000);
    ly_flow_tick(f, 1000 + STAFF_IDLE_S * 1000 - 1);
    CHECK_STR(named(f), "counts");
    ly_flow_tick(f, 1000 + STAFF_IDLE_S * 1000);
    CHECK_STR(named(f), "idle");
    CHECK(!seen.paused);
    ly_flow_destroy(f);
}

static void corner_taps_open_the_pin_pad(void)
{
    struct ly_flow *f = flow_new();
    taps(f, "corner", 4, 0, 100);
    CHECK_STR(named(f), "idle");
    taps(f, "corner", 5, 10000, 800); /* too slow: the last tap is 3.2 s after the first */
    CHECK_STR(named(f), "idle");
    taps(f, "corner", 5, 20000, 100);
    CHECK_STR(named(f), "pin");
    CHECK(seen.paused);
    CHECK(seen.nreq == 1 && seen.req[0].kind == LY_REQ_LOCK);
    ly_flow_key(f, LY_KEY_ESCAPE, 21000);
    CHECK_STR(named(f), "idle");
    ly_flow_destroy(f);
}

static void pin_wrong_then_locked_then_right(void)
{
    struct ly_flow *f = flow_new();
    taps(f, "corner", 5, 0, 100);
    ly_flow_text(f, "12a3", 1000);
    ly_flow_widget(f, "pin:4", 1100);
    ly_flow_key(f, LY_KEY_BACKSPACE, 1200);
    ly_flow_widget(f, "pin:5", 1300);
    CHECK_STR(st(f)->pin, "1235");
    ly_flow_key(f, LY_KEY_RETURN, 1400);
    CHECK(st(f)->pin_busy);
    CHECK_INT(seen.nreq, 2);
    CHECK(seen.req[1].kind == LY_REQ_PIN && strcmp(seen.req[1].text, "1235") == 0);
    ly_flow_text(f, "9", 1450); /* ignored while the PIN is checked */
    CHECK_STR(st(f)->pin, "1235");
    struct ly_kiosk_reply r = reply_to(&seen.req[1], true);
    r.pin = LY_PIN_WRONG;
    ly_flow_reply(f, &r, 1500);
    CHECK_STR(named(f), "pin-wrong");
    CHECK_STR(st(f)->pin, "");
    /* the wrong PIN that reaches the limit locks the pad with its wait */
    ly_flow_text(f, "1111", 2000);
    ly_flow_key(f, LY_KEY_RETURN, 2100);
    r = reply_to(&seen.req[seen.nreq - 1], true);
    r.pin = LY_PIN_WRONG;
    r.retry_after_ms = 30000;
    ly_flow_reply(f, &r, 2200);
    CHECK_INT(ly_flow_tick(f, 2300), 250); /* the countdown */
    CHECK_STR(named(f), "pin-locked");
    int asked = seen.nreq;
    ly_flow_text(f, "2468", 3000);
    ly_flow_key(f, LY_KEY_RETURN, 3100);
    CHECK_INT(seen.nreq, asked); /* not even tried while locked */
    ly_flow_tick(f, 2200 + 30000);
    CHECK_STR(named(f), "pin-wrong"); /* unlocked; the last PIN tried stays wrong */
    ly_flow_text(f, "2468", 32300);
    ly_flow_key(f, LY_KEY_RETURN, 32400);
    r = reply_to(&seen.req[seen.nreq - 1], true);
    r.pin = LY_PIN_OK;
    ly_flow_reply(f, &r, 32500);
    CHECK_STR(named(f), "staff");
    ly_flow_widget(f, "exit", 33000);
    CHECK_STR(named(f), "idle");
    CHECK(!seen.paused);
    ly_flow_destroy(f);
}

static void search_and_check_in_by_hand(void)
{
    struct ly_flow *f = flow_new();
    open_staff(f, 0);
    CHECK_STR(named(f), "staff");
    ly_flow_widget(f, "search", 1000);
    CHECK_STR(named(f), "search");
    ly_flow_widget(f, "key:A", 1100);
    ly_flow_text(f, "b", 1200);
    CHECK_STR(st(f)->query, "Ab");
    int n = seen.nreq;
    CHECK(seen.req[n - 2].kind == LY_REQ_SEARCH && strcmp(seen.req[n - 2].text, "A") == 0);
    CHECK(seen.req[n - 1].kind == LY_REQ_SEARCH && strcmp(seen.req[n - 1].text, "Ab") == 0);
    /* an answer to the older query is dropped */
    struct ly_kiosk_reply old = reply_to(&seen.req[n - 2], true);
    old.nfound = 1;
    ly_flow_reply(f, &old, 1300);
    CHECK_STR(named(f), "search");
    struct ly_kiosk_reply r = reply_to(&seen.req[n - 1], true);
    r.nfound = 2;
    r.found[0].id = 7;
    r.found[1].id = 9;
    ly_flow_reply(f, &r, 1400);
    CHECK_STR(named(f), "search-found");
    ly_flow_widget(f, "found:5", 1500); /* no such row */
    CHECK_STR(named(f), "search-found");
    ly_flow_widget(f, "found:1", 1600);
    CHECK_STR(named(f), "person");
    CHECK_INT(st(f)->person.id, 9);
    ly_flow_widget(f, "checkin", 1700); /* no reason chosen yet */
    CHECK_INT(seen.nreq, n);
    ly_flow_widget(f, "reason:1", 1800);
    CHECK_STR(named(f), "person-reason");
    ly_flow_widget(f, "checkin", 1900);
    CHECK_INT(seen.nreq, n + 1);
    const struct ly_request *m = &seen.req[n];
    CHECK(m->kind == LY_REQ_MANUAL && m->attendee_id == 9 && !m->override);
    CHECK_STR(m->text, ly_staff_reasons[1]);
    /* the check-in comes back as a decision, then its reply */
    struct ly_kiosk_decision d = decision(LY_DECISION_DENIED, "fr", 12);
    d.manual = true;
    d.decoded_ns = 0;
    ly_flow_decision(f, &d, 2000);
    CHECK_STR(named(f), "result-denied");
    CHECK(st(f)->manual && st(f)->offer_override);
    CHECK_INT(st(f)->lang, LY_LANG_EN); /* staff screens stay in the kiosk's language */
    CHECK_INT(seen.decided, 1);
    struct ly_flow_result shown;
    CHECK(!ly_flow_take_result(f, &shown)); /* no scanner time to report */
    unsigned long g = ly_flow_generation(f);
    struct ly_kiosk_reply ok = reply_to(m, true);
    ly_flow_reply(f, &ok, 2100);
    CHECK(ly_flow_generation(f) == g);
    ly_flow_key(f, LY_KEY_RETURN, 2200); /* a manual result is not dismissed by a key */
    CHECK_STR(named(f), "result-denied");
    ly_flow_tick(f, 2000 + RESULT_MS + 1); /* nor taken down by time */
    CHECK_STR(named(f), "result-denied");
    ly_flow_widget(f, "override", 2300);
    CHECK(seen.req[seen.nreq - 1].kind == LY_REQ_MANUAL && seen.req[seen.nreq - 1].override);
    ly_flow_widget(f, "back", 2400);
    CHECK_STR(named(f), "person-reason"); /* the reason stays chosen */
    ly_flow_key(f, LY_KEY_ESCAPE, 2500);
    CHECK_STR(named(f), "search-found");
    ly_flow_destroy(f);
}

static void failed_requests_say_why(void)
{
    struct ly_flow *f = flow_new();
    open_staff(f, 0);
    ly_flow_widget(f, "search", 1000);
    ly_flow_text(f, "Z", 1100);
    struct ly_kiosk_reply r = reply_to(&seen.req[seen.nreq - 1], false);
    snprintf(r.err, sizeof r.err, "database is locked");
    ly_flow_reply(f, &r, 1200);
    CHECK_STR(st(f)->message, "database is locked");
    seen.busy = true;
    ly_flow_text(f, "Y", 1300);
    CHECK_STR(st(f)->message, "busy: try again");
    seen.busy = false;
    ly_flow_widget(f, "back", 1400); /* a new screen clears the message */
    CHECK_STR(st(f)->message, "");
    ly_flow_destroy(f);
}

static void staff_screens_fill_from_answers(void)
{
    struct ly_flow *f = flow_new();
    open_staff(f, 0);
    ly_flow_widget(f, "counts", 1000);
    CHECK_STR(named(f), "counts");
    struct ly_kiosk_reply r = reply_to(&seen.req[seen.nreq - 1], true);
    CHECK(r.req.kind == LY_REQ_STATS);
    ly_flow_reply(f, &r, 1100);
    CHECK_STR(named(f), "counts-ready");
    ly_flow_widget(f, "back", 1200);
    ly_flow_widget(f, "health", 1300);
    r = reply_to(&seen.req[seen.nreq - 1], true);
    CHECK(r.req.kind == LY_REQ_HEALTH);
    r.last_sync_ms = 5000;
    ly_flow_reply(f, &r, 1400);
    CHECK_STR(named(f), "health-ready");
    CHECK_INT(st(f)->last_sync_ms, 5000);
    ly_flow_widget(f, "back", 1500);
    ly_flow_widget(f, "gates", 1600);
    CHECK_STR(named(f), "gates");
    r = reply_to(&seen.req[seen.nreq - 1], true);
    CHECK(r.req.kind == LY_REQ_GATES);
    r.ngates = 2;
    snprintf(r.gates[0], sizeof r.gates[0], "entrance");
    snprintf(r.gates[1], sizeof r.gates[1], "room:3");
    ly_flow_reply(f, &r, 1700);
    CHECK_STR(named(f), "gates-ready");
    ly_flow_widget(f, "gates:prev", 1750);
    CHECK_INT(st(f)->gates_page, 0);
    ly_flow_widget(f, "gate:1", 1800);
    CHECK(seen.req[seen.nreq - 1].kind == LY_REQ_GATE);
    CHECK_STR(seen.req[seen.nreq - 1].text, "room:3");
    r = reply_to(&seen.req[seen.nreq - 1], true);
    ly_flow_reply(f, &r, 1900);
    CHECK_STR(named(f), "staff");
    ly_flow_destroy(f);
}

static void status_redraws_only_the_idle_screen(void)
{
    struct ly_flow *f = flow_new();
    struct ly_kiosk_status s = {.unsent = 3, .hub = true, .online = true};
    snprintf(s.gate, sizeof s.gate, "room:3");
    (void)ly_flow_take_redraw(f);
    unsigned long g = ly_flow_generation(f);
    ly_flow_status(f, &s);
    CHECK(ly_flow_take_redraw(f));
    CHECK(ly_flow_generation(f) == g); /* the same screen, drawn again */
    CHECK(st(f)->hub_configured && st(f)->online);
    CHECK_STR(st(f)->status.gate, "room:3");
    struct ly_kiosk_decision d = decision(LY_DECISION_GRANTED, "", 1);
    ly_flow_decision(f, &d, 0);
    (void)ly_flow_take_redraw(f);
    s.unsent = 4; /* the status that follows a decision does not undo its redraw */
    ly_flow_status(f, &s);
    CHECK(!ly_flow_take_redraw(f));
    CHECK_INT(st(f)->status.unsent, 4);
    ly_flow_destroy(f);
}

static void scripted_codes_only_when_scanning(void)
{
    struct ly_flow *f = flow_new();
    ly_flow_code(f, "LY1:CODE");
    CHECK(seen.nreq == 1 && seen.req[0].kind == LY_REQ_CODE);
    CHECK_STR(seen.req[0].text, "LY1:CODE");
    open_staff(f, 0);
    int n = seen.nreq;
    ly_flow_code(f, "LY1:CODE");
    CHECK_INT(seen.nreq, n); /* as the paused loop would not decide it */
    ly_flow_destroy(f);
}

static void names(void)
{
    CHECK_STR(ly_screen_name(LY_SCR_IDLE), "idle");
    CHECK_STR(ly_screen_name(LY_SCR_HEALTH), "health");
    CHECK_STR(ly_screen_name(LY_SCR_COUNT), "unknown");
    CHECK_STR(ly_detail_names[0], "");
    struct ly_ui_state s;
    memset(&s, 0, sizeof s);
    s.screen = LY_SCR_PIN;
    s.locked_until_ms = 10;
    s.now_ms = 5;
    CHECK_STR(ly_detail_names[ly_detail_of(&s)], "locked");
    s.now_ms = 10;
    CHECK_STR(ly_detail_names[ly_detail_of(&s)], "");
}

int main(void)
{
    RUN(starts_idle);
    RUN(result_shown_then_taken_down);
    RUN(pickup_follows_its_print_job);
    RUN(result_kinds_and_sounds);
    RUN(journal_failure_is_a_fault);
    RUN(attendee_language_then_back);
    RUN(staff_badge_opens_staff_mode);
    RUN(corner_taps_open_the_pin_pad);
    RUN(pin_wrong_then_locked_then_right);
    RUN(search_and_check_in_by_hand);
    RUN(failed_requests_say_why);
    RUN(staff_screens_fill_from_answers);
    RUN(status_redraws_only_the_idle_screen);
    RUN(scripted_codes_only_when_scanning);
    RUN(names);
    return CHECK_DONE();
}
