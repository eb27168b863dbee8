/* flow.h - the kiosk screen's flow, without SDL: the state of the screen (screens/state.h: which
 * screen, in which language, with what on it; the screens draw it) and what each input does to
 * it: a touch on a widget, typed text, a key, a scripted code, a decision, an answer, the status
 * line's figures and the passing of time (results taken down, staff mode closed when idle, the PIN
 * lock's countdown). The flow asks the kiosk loop for things, pauses it and plays sounds through
 * hooks, so that it runs and is tested without a window (tests/unit/test_ui_flow.c). Times are
 * monotonic ms, given by the caller. The shell (ui/shell/app.c) owns one flow on the main
 * thread. */
#ifndef LY_FLOW_H
#define LY_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "i18n/i18n.h"
#include "kiosk/sink.h"
#include "screens/state.h"
#include "shell/sound.h"

#define LY_DETAILS 12 /* what a screen shows beyond its name: see ly_detail_names */

/* The keys the flow reads; any other key only counts as a staff member's activity. */
enum ly_flow_key { LY_KEY_BACKSPACE, LY_KEY_RETURN, LY_KEY_ESCAPE, LY_KEY_OTHER };

/* What the flow asks of the rest of the kiosk; ctx is passed back. request is required, the
 * others may be NULL. */
struct ly_flow_hooks {
    bool (*request)(void *ctx, const struct ly_request *req); /* false: the loop is busy */
    void (*pause)(void *ctx, bool paused);                    /* staff at work on the screen */
    void (*sound)(void *ctx, enum ly_sound s);
    void (*decided)(void *ctx, const struct ly_kiosk_decision *d); /* log a decision shown */
    void *ctx;
};

struct ly_flow_config {
    enum ly_lang lang; /* the kiosk's default language */
    const struct ly_i18n *i18n;
    int result_ms;    /* a result stays this long */
    int staff_idle_s; /* staff mode closes after this long without a touch */
    const char *gate; /* the gate until the loop says (it may come from enrollment) */
    const char *event_name;
    const char *fonts_missing; /* kept, not copied */
    bool printer;              /* a printer is configured: reprints, walk-ins, print jobs */
};

/* A result just shown, for the line that says when it reached the screen. */
struct ly_flow_result {
    char kind[16]; /* ly_result_name */
    int64_t seq;   /* the check-in's sequence number */
    int64_t decoded_ns;
};

struct ly_flow;

/* Makes a flow on the idle screen (cfg and hooks copied; the strings cfg points at copied but
 * fonts_missing). Returns false on out of memory. Free with ly_flow_destroy. */
__attribute__((warn_unused_result)) bool ly_flow_init(struct ly_flow **out,
                                                      const struct ly_flow_config *cfg,
                                                      const struct ly_flow_hooks *hooks);
void ly_flow_destroy(struct ly_flow *f);

/* The state to draw; valid until the next call on f. */
const struct ly_ui_state *ly_flow_state(const struct ly_flow *f);
/* Grows with every change of what the screen shows (a new screen to present and log). */
unsigned long ly_flow_generation(const struct ly_flow *f);
/* Whether the screen must be drawn again since the last call (a change, a countdown, the status
 * line on the idle screen); clears it. */
bool ly_flow_take_redraw(struct ly_flow *f);
/* The result shown since the last call, if a scanned or typed code brought one: true and *out. */
bool ly_flow_take_result(struct ly_flow *f, struct ly_flow_result *out);

/* Inputs. Each may change the state, ask the loop and play a sound. */
void ly_flow_start(struct ly_flow *f);                                  /* shows the idle screen */
void ly_flow_widget(struct ly_flow *f, const char *id, int64_t now_ms); /* a touch on widget id */
void ly_flow_text(struct ly_flow *f, const char *utf8, int64_t now_ms);
void ly_flow_key(struct ly_flow *f, enum ly_flow_key key, int64_t now_ms);
void ly_flow_code(struct ly_flow *f, const char *code); /* typed as a wedge scanner types */
void ly_flow_decision(struct ly_flow *f, const struct ly_kiosk_decision *d, int64_t now_ms);
/* What became of a print job (kprint.h): the result screen of its decision follows it (printing,
 * take your badge, or the printer's problem in the attendee's language, kept up for a result's
 * time); a failure also sounds and shows on the idle screen until a job prints. */
void ly_flow_print(struct ly_flow *f, const struct ly_kiosk_print *ev, int64_t now_ms);
void ly_flow_reply(struct ly_flow *f, const struct ly_kiosk_reply *r, int64_t now_ms);
void ly_flow_status(struct ly_flow *f, const struct ly_kiosk_status *st);
/* Takes down what is due at now_ms; returns the ms until the next deadline (at least 1). */
int ly_flow_tick(struct ly_flow *f, int64_t now_ms);

/* The stable name of a screen, for the log and the screenshots ("idle", "result", ...). */
const char *ly_screen_name(enum ly_screen s);
/* The name of the result being shown ("granted", "notice", "already", "denied", "fault"). */
const char *ly_result_name(const struct ly_ui_state *s);
/* What a screen shows beyond its name, for scripts to wait on ("result-denied", "pin-wrong",
 * "search-found") and for the screen lines of the output: an index into ly_detail_names. */
int ly_detail_of(const struct ly_ui_state *s);
extern const char *const ly_detail_names[LY_DETAILS];
/* The staff's reasons for a manual check-in, as untranslated messages. */
extern const char *const ly_staff_reasons[LY_STAFF_REASONS];

#endif
