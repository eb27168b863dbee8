/* flow.c - the kiosk screen's flow. See flow.h. */
#include "flow/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "event/country.h"
#include "event/vocab.h"

#define CORNER_TAPS    5     /* taps on the hidden corner that open the staff PIN pad */
#define CORNER_TAPS_MS 3000  /* ... within this time */
#define IDLE_LANG_MS   60000 /* a language chosen but unused reverts to the kiosk's after this */

struct ly_flow {
    struct ly_ui_state st;
    struct ly_flow_hooks hooks;
    int result_ms, staff_idle_s;
    unsigned long generation;
    bool redraw;
    int64_t result_until;   /* monotonic ms; 0: no result shown */
    int64_t staff_activity; /* monotonic ms of the last staff touch */
    int64_t lang_chosen;    /* monotonic ms the language was last chosen */
    int corner_taps;
    int64_t corner_first;
    uint64_t next_req;
    struct ly_flow_result shown; /* decoded_ns 0: none waiting */
};

const char *const ly_staff_reasons[LY_STAFF_REASONS] = {
    N_("Badge does not scan"),
    N_("Forgot badge, identity checked"),
    N_("Badge printer fault"),
    N_("Other"),
};

const char *const ly_detail_names[LY_DETAILS] = {
    "",      "granted", "notice", "already", "denied", "fault",
    "wrong", "locked",  "found",  "none",    "reason", "ready",
};

static const char *const screen_names[LY_SCR_COUNT] = {
    [LY_SCR_IDLE] = "idle",     [LY_SCR_LANG] = "language", [LY_SCR_RESULT] = "result",
    [LY_SCR_PIN] = "pin",       [LY_SCR_STAFF] = "staff",   [LY_SCR_SEARCH] = "search",
    [LY_SCR_PERSON] = "person", [LY_SCR_GATES] = "gates",   [LY_SCR_COUNTS] = "counts",
    [LY_SCR_HEALTH] = "health", [LY_SCR_JOBS] = "jobs",     [LY_SCR_WALKIN] = "walkin",
};

const char *ly_screen_name(enum ly_screen s)
{
    return (unsigned)s < LY_SCR_COUNT ? screen_names[s] : "unknown";
}

const char *ly_result_name(const struct ly_ui_state *s)
{
    if (s->journal_failed)
        return "fault";
    if (s->decision.kind == LY_DECISION_DENIED)
        return "denied";
    if (s->decision.kind == LY_DECISION_ALREADY_INSIDE)
        return "already";
    return s->decision.nnotices ? "notice" : "granted";
}

int ly_detail_of(const struct ly_ui_state *s)
{
    const char *d = "";
    if (s->screen == LY_SCR_RESULT)
        d = ly_result_name(s);
    else if (s->screen == LY_SCR_PIN && s->locked_until_ms > s->now_ms)
        d = "locked";
    else if (s->screen == LY_SCR_PIN && s->pin_wrong)
        d = "wrong";
    else if (s->screen == LY_SCR_SEARCH && s->searched)
        d = s->nfound ? "found" : "none";
    else if (s->screen == LY_SCR_PERSON && s->reason >= 0)
        d = "reason";
    else if ((s->screen == LY_SCR_COUNTS && s->have_stats) ||
             (s->screen == LY_SCR_HEALTH && s->have_health) ||
             (s->screen == LY_SCR_GATES && s->ngates > 0))
        d = "ready";
    for (int i = 0; i < LY_DETAILS; i++)
        if (strcmp(ly_detail_names[i], d) == 0)
            return i;
    return 0;
}

/* --- changes ------------------------------------------------------------------------------- */

static void changed(struct ly_flow *f)
{
    f->generation++;
    f->redraw = true;
}

static void sound(struct ly_flow *f, enum ly_sound s)
{
    if (f->hooks.sound)
        f->hooks.sound(f->hooks.ctx, s);
}

static void go(struct ly_flow *f, enum ly_screen s)
{
    f->st.screen = s;
    f->st.message[0] = '\0';
    /* Scanning pauses while staff work at the kiosk: a badge held up then is not decided
     * behind their back. */
    if (f->hooks.pause)
        f->hooks.pause(f->hooks.ctx, s >= LY_SCR_PIN);
    changed(f);
}

/* Sends r (its id set here) to the loop; says so when the loop is busy. */
static void send(struct ly_flow *f, struct ly_request *r)
{
    r->id = ++f->next_req;
    if (!f->hooks.request(f->hooks.ctx, r))
        snprintf(f->st.message, sizeof f->st.message, "busy: try again");
}

static void request(struct ly_flow *f, enum ly_request_kind kind, const char *text,
                    uint32_t attendee_id, bool override)
{
    struct ly_request r = {.kind = kind, .attendee_id = attendee_id, .override = override};
    if (text)
        snprintf(r.text, sizeof r.text, "%s", text);
    send(f, &r);
}

/* Back to the idle screen in the kiosk's language, for the next person. */
static void next_person(struct ly_flow *f)
{
    f->st.lang = f->st.kiosk_lang;
    go(f, LY_SCR_IDLE);
}

/* --- results and answers ------------------------------------------------------------------- */

static void show_result(struct ly_flow *f, const struct ly_kiosk_decision *d, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    s->decision = d->decision;
    s->journal_failed = d->journal_failed || d->locked; /* see staff; nothing recorded */
    s->manual = d->manual || d->desk;                   /* staff's: a Back button, no timeout */
    s->offer_override = d->manual && d->decision.kind == LY_DECISION_DENIED && !d->override;
    enum ly_lang l;
    if (!d->manual && d->decision.identified && ly_lang_from_tag(d->decision.attendee.language, &l))
        s->lang = l; /* the attendee's own language, when the registration says */
    go(f, LY_SCR_RESULT);
    f->result_until = s->manual ? 0 : now_ms + (int64_t)f->result_ms;
    const char *kind = ly_result_name(s);
    snprintf(f->shown.kind, sizeof f->shown.kind, "%s", kind);
    f->shown.decoded_ns = d->decoded_ns;
    f->shown.seq = d->decision.checkin.seq;
    enum ly_sound snd = LY_SOUND_GRANTED;
    if (strcmp(kind, "notice") == 0)
        snd = LY_SOUND_NOTICE;
    else if (strcmp(kind, "already") == 0)
        snd = LY_SOUND_ALREADY;
    else if (strcmp(kind, "denied") == 0 || strcmp(kind, "fault") == 0)
        snd = LY_SOUND_DENIED;
    sound(f, snd);
}

void ly_flow_decision(struct ly_flow *f, const struct ly_kiosk_decision *d, int64_t now_ms)
{
    if (d->journal_failed || d->locked) {
        show_result(f, d, now_ms);
        return;
    }
    if (f->hooks.decided)
        f->hooks.decided(f->hooks.ctx, d);
    if (d->manual || d->desk) {
        show_result(f, d, now_ms);
        return;
    }
    if (d->staff_badge) {
        snprintf(f->st.staff_name, sizeof f->st.staff_name, "%.*s", LY_LABEL_MAX,
                 d->decision.attendee.name);
        f->staff_activity = now_ms;
        sound(f, LY_SOUND_GRANTED);
        go(f, LY_SCR_STAFF);
        return;
    }
    if (f->st.screen >= LY_SCR_PIN)
        return; /* decided before the pause took effect: journaled, shown in the counts */
    show_result(f, d, now_ms);
}

void ly_flow_print(struct ly_flow *f, const struct ly_kiosk_print *ev, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    s->print = *ev;
    s->have_print = true;
    /* A failure shown on the attendee's result stays up long enough to be read. */
    if (s->screen == LY_SCR_RESULT && ev->job == s->decision.print_job &&
        ev->state == LY_PJOB_FAILED && f->result_until > 0)
        f->result_until = now_ms + (int64_t)f->result_ms;
    if (ev->state == LY_PJOB_FAILED)
        sound(f, LY_SOUND_DENIED);
    changed(f);
}

void ly_flow_reply(struct ly_flow *f, const struct ly_kiosk_reply *m, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    const struct ly_request *r = &m->req;
    if (!m->ok) {
        snprintf(s->message, sizeof s->message, "%.200s", m->err);
        s->pin_busy = false;
        changed(f);
        return;
    }
    switch (r->kind) {
    case LY_REQ_PIN:
        s->pin_busy = false;
        s->pin[0] = '\0';
        if (m->pin == LY_PIN_OK) {
            snprintf(s->staff_name, sizeof s->staff_name, "staff PIN");
            f->staff_activity = now_ms;
            s->locked_until_ms = 0;
            s->pin_wrong = false;
            go(f, LY_SCR_STAFF);
            return;
        }
        /* A wrong PIN that reached the limit locks the pad at once: its wait comes with it. */
        s->pin_wrong = m->pin == LY_PIN_WRONG;
        s->locked_until_ms = m->retry_after_ms > 0 ? now_ms + m->retry_after_ms : 0;
        break;
    case LY_REQ_LOCK:
        s->locked_until_ms = m->pin == LY_PIN_LOCKED ? now_ms + m->retry_after_ms : 0;
        break;
    case LY_REQ_SEARCH:
        if (strcmp(r->text, s->query) != 0)
            return; /* an answer to an older query */
        memcpy(s->found, m->found, sizeof s->found);
        s->nfound = m->nfound;
        s->searched = true;
        break;
    case LY_REQ_MANUAL:
    case LY_REQ_CODE:
    case LY_REQ_REPRINT:
    case LY_REQ_WALKIN:
        return; /* the check-in (the badge) came as a decision */
    case LY_REQ_PRINT_JOBS:
        memcpy(s->jobs, m->jobs, sizeof s->jobs);
        s->njobs = m->njobs < LY_PJOBS_MAX ? m->njobs : LY_PJOBS_MAX;
        s->printer_health = m->printer;
        s->have_jobs = true;
        break;
    case LY_REQ_PRINT_RETRY:
        request(f, LY_REQ_PRINT_JOBS, NULL, 0, false); /* the list as it is now */
        break;
    case LY_REQ_GATE:
        go(f, LY_SCR_STAFF);
        break;
    case LY_REQ_GATES:
        memcpy(s->gates, m->gates, sizeof s->gates);
        memcpy(s->gate_names, m->gate_names, sizeof s->gate_names);
        s->ngates = m->ngates;
        break;
    case LY_REQ_STATS:
        s->stats = m->stats;
        s->have_stats = true;
        break;
    case LY_REQ_HEALTH:
        s->disk_free_bytes = m->disk_free_bytes;
        s->disk_total_bytes = m->disk_total_bytes;
        s->journal_bytes = m->journal_bytes;
        s->last_sync_ms = m->last_sync_ms;
        s->printer_health = m->printer;
        s->printer_problem_ms = m->printer_problem_ms;
        s->have_health = true;
        break;
    }
    changed(f);
}

void ly_flow_status(struct ly_flow *f, const struct ly_kiosk_status *st)
{
    f->st.status = *st;
    f->st.hub_configured = st->hub;
    f->st.online = st->online;
    if (f->st.screen == LY_SCR_IDLE)
        f->redraw = true; /* the status line */
}

/* --- touches and keys ---------------------------------------------------------------------- */

static void type_char(struct ly_flow *f, char c)
{
    struct ly_ui_state *s = &f->st;
    size_t n = strlen(s->query);
    if (n < LY_QUERY_MAX) {
        s->query[n] = c;
        s->query[n + 1] = '\0';
    }
}

static void query_changed(struct ly_flow *f)
{
    f->st.searched = false;
    if (f->st.query[0])
        request(f, LY_REQ_SEARCH, f->st.query, 0, false);
    else
        f->st.nfound = 0;
    changed(f);
}

static void pin_key(struct ly_flow *f, const char *k, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    size_t n = strlen(s->pin);
    if (s->pin_busy || s->locked_until_ms > now_ms)
        return;
    s->pin_wrong = false;
    if (strcmp(k, "del") == 0) {
        if (n)
            s->pin[n - 1] = '\0';
    } else if (strcmp(k, "ok") == 0) {
        if (n) {
            s->pin_busy = true;
            request(f, LY_REQ_PIN, s->pin, 0, false);
        }
    } else if (k[0] >= '0' && k[0] <= '9' && n < LY_PIN_DIGITS) {
        s->pin[n] = k[0];
        s->pin[n + 1] = '\0';
    }
    changed(f);
}

static void open_pin(struct ly_flow *f, int64_t now_ms)
{
    f->st.pin[0] = '\0';
    f->st.pin_wrong = f->st.pin_busy = false;
    f->staff_activity = now_ms;
    go(f, LY_SCR_PIN);
    request(f, LY_REQ_LOCK, NULL, 0, false);
}

static void corner(struct ly_flow *f, int64_t now_ms)
{
    if (f->corner_taps == 0 || now_ms - f->corner_first > CORNER_TAPS_MS) {
        f->corner_taps = 0;
        f->corner_first = now_ms;
    }
    if (++f->corner_taps >= CORNER_TAPS) {
        f->corner_taps = 0;
        open_pin(f, now_ms);
    }
}

/* The on-screen keyboard of the name search. */
static void search_key(struct ly_flow *f, const char *k)
{
    struct ly_ui_state *s = &f->st;
    size_t n = strlen(s->query);
    if (strcmp(k, "del") == 0 && n)
        s->query[n - 1] = '\0';
    else if (strcmp(k, "clear") == 0)
        s->query[0] = '\0';
    else if (strcmp(k, "space") == 0 && n && s->query[n - 1] != ' ')
        type_char(f, ' ');
    else if (k[0] && !k[1])
        type_char(f, k[0]);
    query_changed(f);
}

/* The walk-in form's focused text field and its size. */
static char *walkin_field(struct ly_ui_state *s, size_t *size)
{
    struct ly_walkin *w = &s->walkin;
    if (s->walkin_field == 1) {
        *size = sizeof w->affiliation;
        return w->affiliation;
    }
    if (s->walkin_field == 2) {
        *size = sizeof s->walkin_country;
        return s->walkin_country;
    }
    *size = sizeof w->name;
    return w->name;
}

/* Appends UTF-8 text to the focused field, whole characters only, without control characters;
 * what does not fit is dropped. */
static void walkin_type(struct ly_flow *f, const char *text)
{
    size_t size, n;
    char *dst = walkin_field(&f->st, &size);
    n = strlen(dst);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 0;
        if (len == 0 || strnlen((const char *)p, len) < len) /* a stray continuation byte */
            break;
        if (*p >= 0x20 && *p != 0x7f && n + len < size && ly_utf8_valid((const char *)p, len)) {
            memcpy(dst + n, p, len);
            n += len;
            dst[n] = '\0';
        }
        p += len;
    }
    changed(f);
}

/* The on-screen keyboard on the walk-in form. */
static void walkin_key(struct ly_flow *f, const char *k)
{
    size_t size;
    char *dst = walkin_field(&f->st, &size);
    size_t n = strlen(dst);
    if (strcmp(k, "del") == 0) {
        while (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0x80)
            n--; /* a whole character */
        if (n > 0)
            n--;
        dst[n] = '\0';
        changed(f);
    } else if (strcmp(k, "clear") == 0) {
        dst[0] = '\0';
        changed(f);
    } else {
        walkin_type(f, strcmp(k, "space") == 0 ? " " : k);
    }
}

/* The next word of a vocabulary after current (the first after the last). */
static void cycle(enum ly_vocab_kind kind, char *current, size_t size)
{
    size_t n = 0, i = 0;
    const struct ly_vocab_entry *list = ly_vocab_list(kind, &n);
    while (i < n && strcmp(list[i].id, current) != 0)
        i++;
    snprintf(current, size, "%s", list[(i + 1) % n].id);
}

/* The badge desk's buttons: a reprint from a person's screen, the walk-in form, print jobs. */
static bool desk_widget(struct ly_flow *f, const char *id)
{
    struct ly_ui_state *s = &f->st;
    size_t idx = 0;
    if (strcmp(id, "reprint") == 0 && s->reason >= 0 && s->printer_configured) {
        struct ly_request r = {.kind = LY_REQ_REPRINT, .attendee_id = s->person.id};
        snprintf(r.text, sizeof r.text, "%s", ly_staff_reasons[s->reason]);
        snprintf(r.staff, sizeof r.staff, "%s", s->staff_name[0] ? s->staff_name : "staff");
        send(f, &r);
    } else if (strncmp(id, "field:", 6) == 0) {
        s->walkin_field = strcmp(id + 6, "affiliation") == 0 ? 1
                          : strcmp(id + 6, "country") == 0   ? 2
                                                             : 0;
        changed(f);
    } else if (strcmp(id, "cycle:stakeholder") == 0) {
        cycle(LY_VOCAB_STAKEHOLDER, s->walkin.stakeholder, sizeof s->walkin.stakeholder);
        changed(f);
    } else if (strcmp(id, "cycle:category") == 0) {
        cycle(LY_VOCAB_CATEGORY, s->walkin.category, sizeof s->walkin.category);
        changed(f);
    } else if (strcmp(id, "register") == 0) {
        const struct ly_country *c = ly_country_find(s->walkin_country);
        if (s->walkin.name[0] == '\0' || c == NULL) {
            snprintf(s->message, sizeof s->message, "%s",
                     c ? "a name is needed" : "the country is not known: type its code or name");
            changed(f);
            return true;
        }
        struct ly_request r = {.kind = LY_REQ_WALKIN, .walkin = s->walkin};
        snprintf(r.walkin.country, sizeof r.walkin.country, "%s", c->alpha2);
        snprintf(r.staff, sizeof r.staff, "%s", s->staff_name[0] ? s->staff_name : "staff");
        send(f, &r);
    } else if (sscanf(id, "retry:%zu", &idx) == 1 && idx < s->njobs) {
        struct ly_request r = {.kind = LY_REQ_PRINT_RETRY, .job = s->jobs[idx].id};
        send(f, &r);
    } else {
        return false;
    }
    return true;
}

/* A staff screen's button that opens another screen, which asks the loop for its content. */
static bool staff_screen(struct ly_flow *f, const char *id)
{
    struct ly_ui_state *s = &f->st;
    if (strcmp(id, "search") == 0) {
        s->query[0] = '\0';
        s->nfound = 0;
        s->searched = false;
        go(f, LY_SCR_SEARCH);
    } else if (strcmp(id, "gates") == 0) {
        s->ngates = 0;
        s->gates_page = 0;
        go(f, LY_SCR_GATES);
        request(f, LY_REQ_GATES, NULL, 0, false);
    } else if (strcmp(id, "counts") == 0) {
        s->have_stats = false;
        go(f, LY_SCR_COUNTS);
        request(f, LY_REQ_STATS, NULL, 0, false);
    } else if (strcmp(id, "health") == 0) {
        s->have_health = false;
        go(f, LY_SCR_HEALTH);
        request(f, LY_REQ_HEALTH, NULL, 0, false);
    } else if (strcmp(id, "jobs") == 0 && s->printer_configured) {
        s->have_jobs = false;
        go(f, LY_SCR_JOBS);
        request(f, LY_REQ_PRINT_JOBS, NULL, 0, false);
    } else if (strcmp(id, "walkin") == 0 && s->printer_configured) {
        size_t n = 0;
        memset(&s->walkin, 0, sizeof s->walkin);
        s->walkin_country[0] = '\0';
        snprintf(s->walkin.stakeholder, sizeof s->walkin.stakeholder, "%s",
                 ly_vocab_list(LY_VOCAB_STAKEHOLDER, &n)[0].id);
        snprintf(s->walkin.category, sizeof s->walkin.category, "participant");
        snprintf(s->walkin.language, sizeof s->walkin.language, "%s", ly_lang_tag(s->lang));
        s->walkin_field = 0;
        go(f, LY_SCR_WALKIN);
    } else if (strcmp(id, "back") == 0) {
        if (s->screen == LY_SCR_PERSON)
            go(f, LY_SCR_SEARCH);
        else if (s->screen == LY_SCR_RESULT)
            go(f, strcmp(s->decision.checkin.decision, "registered") == 0 ? LY_SCR_STAFF
                                                                          : LY_SCR_PERSON);
        else
            go(f, LY_SCR_STAFF);
    } else {
        return false;
    }
    return true;
}

void ly_flow_widget(struct ly_flow *f, const char *id, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    size_t idx = 0;
    if (s->screen >= LY_SCR_PIN)
        f->staff_activity = now_ms;
    sound(f, LY_SOUND_KEY);
    if (strcmp(id, "language") == 0) {
        go(f, LY_SCR_LANG);
    } else if (strncmp(id, "lang:", 5) == 0) {
        enum ly_lang l;
        if (ly_lang_from_tag(id + 5, &l))
            s->lang = l;
        f->lang_chosen = now_ms;
        go(f, LY_SCR_IDLE);
    } else if (strcmp(id, "corner") == 0) {
        corner(f, now_ms);
    } else if (strcmp(id, "dismiss") == 0) {
        f->result_until = 0;
        next_person(f);
    } else if (strncmp(id, "pin:", 4) == 0) {
        pin_key(f, id + 4, now_ms);
    } else if (strcmp(id, "cancel") == 0) {
        go(f, LY_SCR_IDLE);
    } else if (strcmp(id, "exit") == 0) {
        next_person(f);
    } else if (staff_screen(f, id)) {
        return;
    } else if (strncmp(id, "key:", 4) == 0 && s->screen == LY_SCR_WALKIN) {
        walkin_key(f, id + 4);
    } else if (strncmp(id, "key:", 4) == 0) {
        search_key(f, id + 4);
    } else if (desk_widget(f, id)) {
        return;
    } else if (sscanf(id, "found:%zu", &idx) == 1 && idx < s->nfound) {
        s->person = s->found[idx];
        s->reason = -1;
        go(f, LY_SCR_PERSON);
    } else if (sscanf(id, "reason:%zu", &idx) == 1 && idx < LY_STAFF_REASONS) {
        s->reason = (int)idx;
        changed(f);
    } else if (strcmp(id, "checkin") == 0 && s->reason >= 0) {
        request(f, LY_REQ_MANUAL, ly_staff_reasons[s->reason], s->person.id, false);
    } else if (strcmp(id, "override") == 0 && s->reason >= 0) {
        request(f, LY_REQ_MANUAL, ly_staff_reasons[s->reason], s->person.id, true);
    } else if (strcmp(id, "gates:prev") == 0 || strcmp(id, "gates:next") == 0) {
        s->gates_page += strcmp(id, "gates:next") == 0 ? 1 : -1;
        if (s->gates_page < 0)
            s->gates_page = 0;
        changed(f);
    } else if (sscanf(id, "gate:%zu", &idx) == 1 && idx < s->ngates) {
        request(f, LY_REQ_GATE, s->gates[idx], 0, false);
    }
}

void ly_flow_text(struct ly_flow *f, const char *text, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    if (s->screen == LY_SCR_WALKIN) {
        walkin_type(f, text); /* any script, from a USB keyboard or an input method */
    } else if (s->screen == LY_SCR_SEARCH) {
        for (const char *p = text; *p; p++)
            if ((unsigned char)*p >= 0x20)
                type_char(f, *p);
        query_changed(f);
    } else if (s->screen == LY_SCR_PIN) {
        for (const char *p = text; *p; p++) {
            char k[2] = {*p, 0};
            if (*p >= '0' && *p <= '9')
                pin_key(f, k, now_ms);
        }
    }
}

void ly_flow_key(struct ly_flow *f, enum ly_flow_key key, int64_t now_ms)
{
    struct ly_ui_state *s = &f->st;
    if (s->screen >= LY_SCR_PIN)
        f->staff_activity = now_ms;
    if (key == LY_KEY_BACKSPACE) {
        if (s->screen == LY_SCR_PIN)
            pin_key(f, "del", now_ms);
        else if (s->screen == LY_SCR_SEARCH || s->screen == LY_SCR_WALKIN)
            ly_flow_widget(f, "key:del", now_ms);
    } else if (key == LY_KEY_RETURN) {
        if (s->screen == LY_SCR_PIN)
            pin_key(f, "ok", now_ms);
        else if (s->screen == LY_SCR_RESULT && !s->manual)
            ly_flow_widget(f, "dismiss", now_ms);
    } else if (key == LY_KEY_ESCAPE) {
        if (s->screen == LY_SCR_PIN || s->screen == LY_SCR_STAFF || s->screen == LY_SCR_LANG)
            go(f, LY_SCR_IDLE);
        else if (s->screen > LY_SCR_STAFF)
            ly_flow_widget(f, "back", now_ms);
    }
}

void ly_flow_code(struct ly_flow *f, const char *code)
{
    if (f->st.screen < LY_SCR_PIN) /* as the loop, paused for staff, would */
        request(f, LY_REQ_CODE, code, 0, false);
}

/* --- deadlines ----------------------------------------------------------------------------- */

int ly_flow_tick(struct ly_flow *f, int64_t t)
{
    struct ly_ui_state *s = &f->st;
    int64_t next = 1000;
    s->now_ms = t;
    if (f->result_until && t >= f->result_until) {
        f->result_until = 0;
        next_person(f);
    } else if (f->result_until && f->result_until - t < next) {
        next = f->result_until - t;
    }
    int64_t idle = (int64_t)f->staff_idle_s * 1000;
    if (s->screen >= LY_SCR_PIN && t - f->staff_activity >= idle) {
        fprintf(stderr, "lanyard-kiosk: staff mode closed after %d s without a touch\n",
                f->staff_idle_s);
        next_person(f);
    }
    if (s->screen == LY_SCR_IDLE && s->lang != s->kiosk_lang &&
        t - f->lang_chosen >= IDLE_LANG_MS) {
        s->lang = s->kiosk_lang;
        changed(f);
    }
    if (s->screen == LY_SCR_PIN && s->locked_until_ms) {
        f->redraw = true; /* the countdown */
        if (s->locked_until_ms <= t)
            s->locked_until_ms = 0;
        next = next > 250 ? 250 : next;
    }
    return (int)(next < 1 ? 1 : next);
}

/* --- lifecycle and state ------------------------------------------------------------------- */

bool ly_flow_init(struct ly_flow **out, const struct ly_flow_config *cfg,
                  const struct ly_flow_hooks *hooks)
{
    struct ly_flow *f = calloc(1, sizeof *f);
    *out = f;
    if (!f)
        return false;
    f->hooks = *hooks;
    f->result_ms = cfg->result_ms;
    f->staff_idle_s = cfg->staff_idle_s;
    f->st.lang = f->st.kiosk_lang = cfg->lang;
    f->st.i18n = cfg->i18n;
    f->st.last_sync_ms = -1;
    f->st.reason = -1;
    f->st.fonts_missing = cfg->fonts_missing ? cfg->fonts_missing : "";
    f->st.printer_configured = cfg->printer;
    snprintf(f->st.event_name, sizeof f->st.event_name, "%s",
             cfg->event_name ? cfg->event_name : "");
    snprintf(f->st.status.gate, sizeof f->st.status.gate, "%s", cfg->gate ? cfg->gate : "");
    return true;
}

void ly_flow_destroy(struct ly_flow *f)
{
    free(f);
}

void ly_flow_start(struct ly_flow *f)
{
    go(f, LY_SCR_IDLE);
}

const struct ly_ui_state *ly_flow_state(const struct ly_flow *f)
{
    return &f->st;
}

unsigned long ly_flow_generation(const struct ly_flow *f)
{
    return f->generation;
}

bool ly_flow_take_redraw(struct ly_flow *f)
{
    bool r = f->redraw;
    f->redraw = false;
    return r;
}

bool ly_flow_take_result(struct ly_flow *f, struct ly_flow_result *out)
{
    if (!f->shown.decoded_ns)
        return false;
    *out = f->shown;
    f->shown.decoded_ns = 0;
    return true;
}
