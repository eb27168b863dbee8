/* app.c - the kiosk screen's main loop: window, events, state, presenting. See ui.h.
 *
 * The loop sleeps in SDL_WaitEventTimeout until something happens (an engine result, a camera
 * frame, a touch, a deadline), updates the state, and draws and presents the screen only when
 * it changed. Nothing here waits for a disk or a network: requests go to the engine's queue and
 * their answers come back as events. */
#include "ui.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draw.h"
#include "engine.h"
#include "fail.h"
#include "frame.h"
#include "headless.h"
#include "i18n.h"
#include "input.h"
#include "json.h"
#include "screens.h"
#include "shot.h"
#include "sound.h"
#include "text.h"

#define CORNER_TAPS    5     /* taps on the hidden corner that open the staff PIN pad */
#define CORNER_TAPS_MS 3000  /* ... within this time */
#define IDLE_LANG_MS   60000 /* a language chosen but unused reverts to the kiosk's after this */
#define SHOT_DELAY_MS  400   /* the idle screen's shot waits this long for a camera frame */

struct app {
    const struct ly_kiosk_config *cfg;
    const struct ly_ui_options *opt;
    FILE *out;
    SDL_Window *win;
    SDL_Renderer *ren;
    uint32_t ev_engine, ev_tap, ev_code;
    struct ly_engine *engine;
    struct ly_text *text;
    struct ly_i18n *i18n;
    struct ly_textcache *cache;
    struct ly_sound_player *sound;
    struct ly_input *input;
    struct ly_dc dc;
    struct ly_ui_state st;

    uint8_t *pbuf, *uv; /* preview pixels and the constant chroma planes */
    size_t pbuf_size, uv_size;
    uint64_t preview_seq;

    bool dirty;               /* the screen must be drawn again */
    unsigned long generation; /* bumped by every change other than a camera frame */
    unsigned long shown_generation;
    int64_t generation_ms; /* when generation last changed */
    bool shot_pending;     /* the current generation still needs its screenshot */
    unsigned long shots;
    int64_t result_until;   /* monotonic ms; 0: no result shown */
    int64_t staff_activity; /* monotonic ms of the last staff touch */
    int64_t lang_chosen;    /* monotonic ms the language was last chosen */
    int corner_taps;
    int64_t corner_first;
    uint64_t next_req;
    int64_t pending_decoded_ns; /* a decision waiting to be presented */
    int64_t pending_seq;
    char pending_result[16];
    atomic_int screen_index; /* read by the --events thread: screen * DETAILS + detail */
    int finger_down_widget;  /* index of the widget a touch began on, -1: none */
    bool trace_frames;       /* LY_UI_TRACE_FRAMES: one line per frame presented (benchmarks) */
};

static int64_t mono_ms(void)
{
    return (int64_t)SDL_GetTicks64();
}

static void changed(struct app *a)
{
    a->generation++;
    a->generation_ms = mono_ms();
    a->dirty = true;
    a->shot_pending = a->opt->screenshot_dir != NULL;
}

static void go(struct app *a, enum ly_screen s)
{
    a->st.screen = s;
    a->st.message[0] = '\0';
    /* Scanning pauses while staff work at the kiosk: a badge held up then is not decided
     * behind their back. */
    ly_engine_pause(a->engine, s >= LY_SCR_PIN);
    changed(a);
}

static void request(struct app *a, enum ly_request_kind kind, const char *text,
                    uint32_t attendee_id, bool override)
{
    struct ly_request r = {
        .kind = kind, .id = ++a->next_req, .attendee_id = attendee_id, .override = override};
    if (text)
        snprintf(r.text, sizeof r.text, "%s", text);
    if (!ly_engine_request(a->engine, &r))
        snprintf(a->st.message, sizeof a->st.message, "busy: try again");
}

/* What a screen shows beyond its name, for scripts to wait on ("result-denied", "pin-wrong",
 * "search-found") and for the screen lines of the output. */
static const char *const details[] = {"",      "granted", "notice", "already", "denied", "fault",
                                      "wrong", "locked",  "found",  "none",    "reason", "ready"};
#define DETAILS (int)(sizeof details / sizeof details[0])

static int detail_of(const struct ly_ui_state *s)
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
    for (int i = 0; i < DETAILS; i++)
        if (strcmp(details[i], d) == 0)
            return i;
    return 0;
}

/* "SCREEN" or "SCREEN-DETAIL", from a static table: safe to read from the --events thread. */
static const char *screen_name_cb(void *ctx)
{
    struct app *a = ctx;
    static char names[LY_SCR_COUNT][DETAILS][32];
    int v = atomic_load(&a->screen_index);
    int scr = v / DETAILS, det = v % DETAILS;
    if (scr < 0 || scr >= LY_SCR_COUNT)
        return "";
    if (!names[scr][det][0]) /* the same bytes whoever writes them first */
        snprintf(names[scr][det], sizeof names[0][0], "%s%s%s", ly_screen_name(scr), det ? "-" : "",
                 details[det]);
    return names[scr][det];
}

/* --- presenting ---------------------------------------------------------------------------- */

static void print_screen(struct app *a, const char *shot)
{
    FILE *f = a->out;
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "screen", ly_screen_name(a->st.screen));
    if (a->st.screen == LY_SCR_RESULT) {
        ly_json_kv_str(f, &first, "result", ly_result_name(&a->st));
        ly_json_kv_bool(f, &first, "manual", a->st.manual);
    }
    ly_json_kv_str(f, &first, "detail", details[detail_of(&a->st)]);
    ly_json_kv_str(f, &first, "lang", ly_lang_tag(a->st.lang));
    ly_json_kv_int(f, &first, "w", a->dc.w);
    ly_json_kv_int(f, &first, "h", a->dc.h);
    if (shot)
        ly_json_kv_str(f, &first, "shot", shot);
    fputs(",\"widgets\":{", f);
    for (int i = 0; i < a->dc.nwidgets; i++) {
        const struct ly_widget *w = &a->dc.widgets[i];
        fprintf(f, "%s", i ? "," : "");
        ly_json_str(f, w->id);
        fprintf(f, ":[%d,%d,%d,%d]", w->r.x, w->r.y, w->r.w, w->r.h);
    }
    fputs("}}\n", f);
    fflush(f);
}

static void take_shot(struct app *a, char *path, size_t pathsz)
{
    char err[256];
    snprintf(path, pathsz, "%s/%04lu-%s%s%s-%s.png", a->opt->screenshot_dir, ++a->shots,
             ly_screen_name(a->st.screen), a->st.screen == LY_SCR_RESULT ? "-" : "",
             a->st.screen == LY_SCR_RESULT ? ly_result_name(&a->st) : "", ly_lang_tag(a->st.lang));
    if (!ly_shot_save(a->ren, a->dc.w, a->dc.h, path, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        path[0] = '\0';
    }
}

static void present(struct app *a)
{
    int64_t t0 = SDL_GetPerformanceCounter();
    SDL_GetRendererOutputSize(a->ren, &a->dc.w, &a->dc.h);
    a->st.now_ms = mono_ms();
    ly_screen_draw(&a->dc, &a->st);
    char shot[4200] = "";
    bool new_screen = a->shown_generation != a->generation;
    /* The idle screen's picture waits for the camera's first frame, briefly. */
    bool ready = a->st.screen != LY_SCR_IDLE || a->st.preview ||
                 mono_ms() - a->generation_ms >= SHOT_DELAY_MS;
    if (a->shot_pending && ready) {
        take_shot(a, shot, sizeof shot);
        a->shot_pending = false;
    }
    SDL_RenderPresent(a->ren);
    a->dirty = false;
    double frame_ms =
        (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
    if (a->pending_decoded_ns) {
        int first = 1;
        double ms = (double)(ly_frame_now_ns() - a->pending_decoded_ns) / 1e6;
        fputc('{', a->out);
        ly_json_kv_str(a->out, &first, "presented", a->pending_result);
        ly_json_kv_int(a->out, &first, "seq", a->pending_seq);
        fprintf(a->out, ",\"ms_decoded_to_presented\":%.3f,\"ms_frame\":%.3f}\n", ms, frame_ms);
        fflush(a->out);
        a->pending_decoded_ns = 0;
    }
    if (new_screen || shot[0]) {
        a->shown_generation = a->generation;
        print_screen(a, shot[0] ? shot : NULL);
    }
    /* Scripts waiting for a screen see it once it is presented (and its picture taken). */
    if (!a->shot_pending)
        atomic_store(&a->screen_index, (int)a->st.screen * DETAILS + detail_of(&a->st));
    if (a->trace_frames)
        fprintf(a->out, "{\"frame_ms\":%.3f,\"screen\":\"%s\"}\n", frame_ms,
                ly_screen_name(a->st.screen));
}

/* --- engine events ----------------------------------------------------------------------- */

static void show_result(struct app *a, struct ly_engine_msg *m)
{
    struct ly_ui_state *s = &a->st;
    s->decision = m->decision;
    s->journal_failed = m->journal_failed;
    s->manual = m->manual;
    s->offer_override = m->manual && m->decision.kind == LY_DECISION_DENIED && !m->req.override;
    enum ly_lang l;
    if (!m->manual && m->decision.identified && ly_lang_from_tag(m->decision.attendee.language, &l))
        s->lang = l; /* the attendee's own language, when the registration says */
    go(a, LY_SCR_RESULT);
    a->result_until = m->manual ? 0 : mono_ms() + (int64_t)a->cfg->result_ms;
    const char *kind = ly_result_name(s);
    snprintf(a->pending_result, sizeof a->pending_result, "%s", kind);
    a->pending_decoded_ns = m->decoded_ns;
    a->pending_seq = m->decision.checkin.seq;
    enum ly_sound snd = LY_SOUND_GRANTED;
    if (strcmp(kind, "notice") == 0)
        snd = LY_SOUND_NOTICE;
    else if (strcmp(kind, "already") == 0)
        snd = LY_SOUND_ALREADY;
    else if (strcmp(kind, "denied") == 0 || strcmp(kind, "fault") == 0)
        snd = LY_SOUND_DENIED;
    ly_sound_play(a->sound, snd);
}

static void on_decision(struct app *a, struct ly_engine_msg *m)
{
    if (m->journal_failed) {
        show_result(a, m);
        return;
    }
    ly_decision_print(a->out, a->st.status.gate, &m->decision, NULL, 0, 0, 0, 0);
    if (m->staff_badge) {
        a->staff_activity = mono_ms();
        ly_sound_play(a->sound, LY_SOUND_GRANTED);
        go(a, LY_SCR_STAFF);
        return;
    }
    if (a->st.screen >= LY_SCR_PIN)
        return; /* decided before the pause took effect: journaled, shown in the counts */
    show_result(a, m);
}

static void on_reply(struct app *a, struct ly_engine_msg *m)
{
    struct ly_ui_state *s = &a->st;
    const struct ly_request *r = &m->req;
    if (!m->ok && r->kind != LY_REQ_MANUAL) {
        snprintf(s->message, sizeof s->message, "%.200s", m->err);
        s->pin_busy = false;
        changed(a);
        return;
    }
    switch (r->kind) {
    case LY_REQ_PIN:
        s->pin_busy = false;
        s->pin[0] = '\0';
        if (m->pin == LY_PIN_OK) {
            a->staff_activity = mono_ms();
            s->locked_until_ms = 0;
            s->pin_wrong = false;
            go(a, LY_SCR_STAFF);
            return;
        }
        /* A wrong PIN that reached the limit locks the pad at once: its wait comes with it. */
        s->pin_wrong = m->pin == LY_PIN_WRONG;
        s->locked_until_ms = m->retry_after_ms > 0 ? mono_ms() + m->retry_after_ms : 0;
        break;
    case LY_REQ_LOCK:
        s->locked_until_ms = m->pin == LY_PIN_LOCKED ? mono_ms() + m->retry_after_ms : 0;
        break;
    case LY_REQ_SEARCH:
        if (strcmp(r->text, s->query) != 0)
            return; /* an answer to an older query */
        memcpy(s->found, m->found, sizeof s->found);
        s->nfound = m->nfound;
        s->searched = true;
        break;
    case LY_REQ_MANUAL:
        if (!m->ok) {
            snprintf(s->message, sizeof s->message, "%.200s", m->err);
            break;
        }
        ly_decision_print(a->out, s->status.gate, &m->decision, NULL, 0, 0, 0, 0);
        show_result(a, m);
        return;
    case LY_REQ_GATE:
        go(a, LY_SCR_STAFF);
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
        s->have_health = true;
        break;
    case LY_REQ_CODE:
        break;
    }
    changed(a);
}

static void on_preview(struct app *a)
{
    int w = 0, h = 0;
    if (!ly_engine_preview(a->engine, a->pbuf, a->pbuf_size, &w, &h, &a->preview_seq))
        return;
    struct ly_ui_state *s = &a->st;
    if (!s->preview || s->preview_w != w || s->preview_h != h) {
        if (s->preview)
            SDL_DestroyTexture(s->preview);
        s->preview =
            SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING, w, h);
        s->preview_w = w;
        s->preview_h = h;
        size_t uv = (size_t)((w + 1) / 2) * (size_t)((h + 1) / 2);
        if (uv > a->uv_size) {
            free(a->uv);
            a->uv = malloc(uv);
            a->uv_size = a->uv ? uv : 0;
            if (a->uv)
                memset(a->uv, 128, uv); /* no colour: the scanner's frames are grey */
        }
    }
    if (s->preview && a->uv)
        SDL_UpdateYUVTexture(s->preview, NULL, a->pbuf, w, a->uv, (w + 1) / 2, a->uv, (w + 1) / 2);
    if (s->screen == LY_SCR_IDLE)
        a->dirty = true;
}

static bool on_engine(struct app *a, const SDL_UserEvent *ev)
{
    struct ly_engine_msg *m = ev->data1;
    bool go_on = true;
    if (m && ev->code != LY_MSG_FATAL) {
        a->st.status = m->status;
        a->st.hub_configured = m->status.hub;
        a->st.online = m->status.online;
    }
    switch ((enum ly_engine_msg_kind)ev->code) {
    case LY_MSG_DECISION:
        on_decision(a, m);
        break;
    case LY_MSG_PREVIEW:
        on_preview(a);
        break;
    case LY_MSG_STATUS:
        a->dirty = a->st.screen == LY_SCR_IDLE;
        break;
    case LY_MSG_REPLY:
        on_reply(a, m);
        break;
    case LY_MSG_ENDED:
        fprintf(stderr, "lanyard-kiosk: the frame source ended\n");
        break;
    case LY_MSG_FATAL:
        fprintf(stderr, "lanyard-kiosk: %s\n", m ? m->err : "the engine failed");
        go_on = false;
        break;
    }
    ly_engine_free_msg(m);
    return go_on;
}

/* --- touches and keys ---------------------------------------------------------------------- */

static void type_char(struct app *a, char c)
{
    struct ly_ui_state *s = &a->st;
    size_t n = strlen(s->query);
    if (n < LY_QUERY_MAX) {
        s->query[n] = c;
        s->query[n + 1] = '\0';
    }
}

static void query_changed(struct app *a)
{
    a->st.searched = false;
    if (a->st.query[0])
        request(a, LY_REQ_SEARCH, a->st.query, 0, false);
    else
        a->st.nfound = 0;
    changed(a);
}

static void pin_key(struct app *a, const char *k)
{
    struct ly_ui_state *s = &a->st;
    size_t n = strlen(s->pin);
    if (s->pin_busy || s->locked_until_ms > mono_ms())
        return;
    s->pin_wrong = false;
    if (strcmp(k, "del") == 0) {
        if (n)
            s->pin[n - 1] = '\0';
    } else if (strcmp(k, "ok") == 0) {
        if (n) {
            s->pin_busy = true;
            request(a, LY_REQ_PIN, s->pin, 0, false);
        }
    } else if (k[0] >= '0' && k[0] <= '9' && n < LY_PIN_DIGITS) {
        s->pin[n] = k[0];
        s->pin[n + 1] = '\0';
    }
    changed(a);
}

static void open_pin(struct app *a)
{
    a->st.pin[0] = '\0';
    a->st.pin_wrong = a->st.pin_busy = false;
    a->staff_activity = mono_ms();
    go(a, LY_SCR_PIN);
    request(a, LY_REQ_LOCK, NULL, 0, false);
}

static void on_widget(struct app *a, const char *id)
{
    struct ly_ui_state *s = &a->st;
    size_t idx = 0;
    if (s->screen >= LY_SCR_PIN)
        a->staff_activity = mono_ms();
    ly_sound_play(a->sound, LY_SOUND_KEY);
    if (strcmp(id, "language") == 0) {
        go(a, LY_SCR_LANG);
    } else if (strncmp(id, "lang:", 5) == 0) {
        enum ly_lang l;
        if (ly_lang_from_tag(id + 5, &l))
            s->lang = l;
        a->lang_chosen = mono_ms();
        go(a, LY_SCR_IDLE);
    } else if (strcmp(id, "corner") == 0) {
        int64_t t = mono_ms();
        if (a->corner_taps == 0 || t - a->corner_first > CORNER_TAPS_MS) {
            a->corner_taps = 0;
            a->corner_first = t;
        }
        if (++a->corner_taps >= CORNER_TAPS) {
            a->corner_taps = 0;
            open_pin(a);
        }
    } else if (strcmp(id, "dismiss") == 0) {
        a->result_until = 0;
        s->lang = s->kiosk_lang;
        go(a, LY_SCR_IDLE);
    } else if (strncmp(id, "pin:", 4) == 0) {
        pin_key(a, id + 4);
    } else if (strcmp(id, "cancel") == 0) {
        go(a, LY_SCR_IDLE);
    } else if (strcmp(id, "exit") == 0) {
        s->lang = s->kiosk_lang;
        go(a, LY_SCR_IDLE);
    } else if (strcmp(id, "search") == 0) {
        s->query[0] = '\0';
        s->nfound = 0;
        s->searched = false;
        go(a, LY_SCR_SEARCH);
    } else if (strcmp(id, "gates") == 0) {
        s->ngates = 0;
        s->gates_page = 0;
        go(a, LY_SCR_GATES);
        request(a, LY_REQ_GATES, NULL, 0, false);
    } else if (strcmp(id, "counts") == 0) {
        s->have_stats = false;
        go(a, LY_SCR_COUNTS);
        request(a, LY_REQ_STATS, NULL, 0, false);
    } else if (strcmp(id, "health") == 0) {
        s->have_health = false;
        go(a, LY_SCR_HEALTH);
        request(a, LY_REQ_HEALTH, NULL, 0, false);
    } else if (strcmp(id, "back") == 0) {
        if (s->screen == LY_SCR_PERSON)
            go(a, LY_SCR_SEARCH);
        else if (s->screen == LY_SCR_RESULT)
            go(a, LY_SCR_PERSON);
        else
            go(a, LY_SCR_STAFF);
    } else if (strncmp(id, "key:", 4) == 0) {
        const char *k = id + 4;
        size_t n = strlen(s->query);
        if (strcmp(k, "del") == 0 && n)
            s->query[n - 1] = '\0';
        else if (strcmp(k, "clear") == 0)
            s->query[0] = '\0';
        else if (strcmp(k, "space") == 0 && n && s->query[n - 1] != ' ')
            type_char(a, ' ');
        else if (k[0] && !k[1])
            type_char(a, k[0]);
        query_changed(a);
    } else if (sscanf(id, "found:%zu", &idx) == 1 && idx < s->nfound) {
        s->person = s->found[idx];
        s->reason = -1;
        go(a, LY_SCR_PERSON);
    } else if (sscanf(id, "reason:%zu", &idx) == 1 && idx < LY_STAFF_REASONS) {
        s->reason = (int)idx;
        changed(a);
    } else if (strcmp(id, "checkin") == 0 && s->reason >= 0) {
        request(a, LY_REQ_MANUAL, ly_staff_reasons[s->reason], s->person.id, false);
    } else if (strcmp(id, "override") == 0 && s->reason >= 0) {
        request(a, LY_REQ_MANUAL, ly_staff_reasons[s->reason], s->person.id, true);
    } else if (strcmp(id, "gates:prev") == 0 || strcmp(id, "gates:next") == 0) {
        s->gates_page += strcmp(id, "gates:next") == 0 ? 1 : -1;
        if (s->gates_page < 0)
            s->gates_page = 0;
        changed(a);
    } else if (sscanf(id, "gate:%zu", &idx) == 1 && idx < s->ngates) {
        request(a, LY_REQ_GATE, s->gates[idx], 0, false);
    }
}

static void on_touch(struct app *a, int x, int y, bool down)
{
    const struct ly_widget *w = ly_widget_at(&a->dc, x, y);
    int i = w ? (int)(w - a->dc.widgets) : -1;
    if (down) {
        a->finger_down_widget = i;
        return;
    }
    /* A touch counts where it began and ended on the same widget (a slide off cancels it). */
    if (i >= 0 && i == a->finger_down_widget) {
        char id[LY_WIDGET_ID_MAX];
        snprintf(id, sizeof id, "%s", w->id);
        on_widget(a, id);
    }
    a->finger_down_widget = -1;
}

/* A scripted tap: a real finger down and up at the widget's centre (or at "@X,Y"). */
static void on_tap(struct app *a, const char *id)
{
    int x, y;
    if (sscanf(id, "@%d,%d", &x, &y) != 2) {
        const struct ly_widget *w = ly_widget_find(&a->dc, id);
        if (!w) {
            fprintf(stderr, "lanyard-kiosk: --events: no widget %s on screen %s\n", id,
                    ly_screen_name(a->st.screen));
            return;
        }
        x = w->r.x + w->r.w / 2;
        y = w->r.y + w->r.h / 2;
    }
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = (float)x / (float)a->dc.w;
    ev.tfinger.y = (float)y / (float)a->dc.h;
    ev.tfinger.pressure = 1;
    ev.type = SDL_FINGERDOWN;
    SDL_PushEvent(&ev);
    ev.type = SDL_FINGERUP;
    SDL_PushEvent(&ev);
}

static void on_text(struct app *a, const char *text)
{
    struct ly_ui_state *s = &a->st;
    if (s->screen == LY_SCR_SEARCH) {
        for (const char *p = text; *p; p++)
            if ((unsigned char)*p >= 0x20)
                type_char(a, *p);
        query_changed(a);
    } else if (s->screen == LY_SCR_PIN) {
        for (const char *p = text; *p; p++) {
            char k[2] = {*p, 0};
            if (*p >= '0' && *p <= '9')
                pin_key(a, k);
        }
    }
}

static bool on_key(struct app *a, SDL_Keycode k)
{
    struct ly_ui_state *s = &a->st;
    if (s->screen >= LY_SCR_PIN)
        a->staff_activity = mono_ms();
    if (k == SDLK_BACKSPACE) {
        if (s->screen == LY_SCR_PIN)
            pin_key(a, "del");
        else if (s->screen == LY_SCR_SEARCH)
            on_widget(a, "key:del");
    } else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
        if (s->screen == LY_SCR_PIN)
            pin_key(a, "ok");
        else if (s->screen == LY_SCR_RESULT && !s->manual)
            on_widget(a, "dismiss");
    } else if (k == SDLK_ESCAPE) {
        if (s->screen == LY_SCR_PIN || s->screen == LY_SCR_STAFF || s->screen == LY_SCR_LANG)
            go(a, LY_SCR_IDLE);
        else if (s->screen > LY_SCR_STAFF)
            on_widget(a, "back");
    }
    return true;
}

/* --- deadlines ----------------------------------------------------------------------------- */

/* Returns ms until the next deadline (a result to take down, staff idle, a countdown). */
static int deadlines(struct app *a)
{
    struct ly_ui_state *s = &a->st;
    int64_t t = mono_ms(), next = 1000;
    if (a->result_until && t >= a->result_until) {
        a->result_until = 0;
        s->lang = s->kiosk_lang;
        go(a, LY_SCR_IDLE);
    } else if (a->result_until && a->result_until - t < next) {
        next = a->result_until - t;
    }
    int64_t idle = (int64_t)a->cfg->staff_idle_s * 1000;
    if (s->screen >= LY_SCR_PIN && t - a->staff_activity >= idle) {
        fprintf(stderr, "lanyard-kiosk: staff mode closed after %d s without a touch\n",
                a->cfg->staff_idle_s);
        s->lang = s->kiosk_lang;
        go(a, LY_SCR_IDLE);
    }
    if (s->screen == LY_SCR_IDLE && s->lang != s->kiosk_lang &&
        t - a->lang_chosen >= IDLE_LANG_MS) {
        s->lang = s->kiosk_lang;
        changed(a);
    }
    if (s->screen == LY_SCR_PIN && s->locked_until_ms) {
        a->dirty = true; /* the countdown */
        if (s->locked_until_ms <= t)
            s->locked_until_ms = 0;
        next = next > 250 ? 250 : next;
    }
    if (a->shot_pending)
        next = next > 50 ? 50 : next;
    return (int)(next < 1 ? 1 : next);
}

/* --- start and stop ------------------------------------------------------------------------ */

/* Opens the faces a result screen may need before the first badge comes: a Chinese or Arabic
 * name must not wait for a 20 MB font file to load. */
static void warm_fonts(struct app *a)
{
    static const char sample[] =
        "Aa \xC3\x89\xC3\xA9 \xCE\xA9 \xD0\x96 \xE4\xB8\xAD\xE6\x96\x87 "
        "\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A \xD7\xA2 \xE0\xA4\xB9 \xE0\xB9\x84";
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    float u = (float)(w < h ? w : h) / 100.0f;
    static const float sizes[] = {9, 7, 5, 4.5f, 4.4f, 3.4f};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int tw, th;
        for (int weight = 0; weight < 2; weight++)
            (void)ly_text_size(a->text, sample, (int)(u * sizes[i] + 0.5f),
                               (enum ly_text_weight)weight, 0, 1, &tw, &th);
    }
}

/* Where the translations are: the configured folder, else build/locale beside the program (a
 * source tree), else the system's. */
static void locale_dir(const struct ly_kiosk_config *cfg, char *out, size_t outsz)
{
    char exe[PATH_MAX];
    struct stat sb;
    if (cfg->locale_dir[0]) {
        snprintf(out, outsz, "%s", cfg->locale_dir);
        return;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        for (int up = 1; up <= 3; up++) {
            snprintf(out, outsz, "%.3900s/%s/build/locale", exe,
                     up == 1   ? ".."
                     : up == 2 ? "../.."
                               : "../../..");
            if (stat(out, &sb) == 0)
                return;
        }
    }
    snprintf(out, outsz, "/usr/share/locale");
}

static bool start(struct app *a, char *err, size_t errsz)
{
    char dir[PATH_MAX];
    /* What is missing from the settings is said before a window opens (the gate may come from
     * the enrollment stored in the database: the engine checks it there). */
    struct ly_kiosk_config given = *a->cfg;
    if (given.gate[0] == '\0')
        snprintf(given.gate, sizeof given.gate, "(from enrollment)");
    if (!ly_kconfig_complete(&given, err, errsz))
        return false;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return ly_fail(err, errsz, "cannot open the screen: %s", SDL_GetError());
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0)
        a->sound = ly_sound_open();
    else
        fprintf(stderr, "lanyard-kiosk: no sound: %s\n", SDL_GetError());
    a->ev_engine = SDL_RegisterEvents(3);
    if (a->ev_engine == (uint32_t)-1)
        return ly_fail(err, errsz, "cannot register events: %s", SDL_GetError());
    a->ev_tap = a->ev_engine + 1;
    a->ev_code = a->ev_engine + 2;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = a->opt->width, h = a->opt->height;
    if (w <= 0 || h <= 0) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = 1280;
        h = 720;
    }
    a->win =
        SDL_CreateWindow("Lanyard", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!a->win)
        return ly_fail(err, errsz, "cannot open a window: %s", SDL_GetError());
    /* The offscreen driver has no GPU behind it: its GL path is Mesa's software rasteriser, so
     * SDL's own software renderer is quicker there and reads screenshots back directly. */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (driver && strcmp(driver, "offscreen") == 0)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); /* and not for its window surface */
    else
        a->ren =
            SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren)
        return ly_fail(err, errsz, "cannot draw on the window: %s", SDL_GetError());
    SDL_SetRenderDrawBlendMode(a->ren, SDL_BLENDMODE_BLEND);
    if (!(flags & SDL_WINDOW_FULLSCREEN_DESKTOP))
        SDL_ShowCursor(SDL_DISABLE);
    locale_dir(a->cfg, dir, sizeof dir);
    if (!ly_text_open(a->cfg->font_dir, a->cfg->fonts, &a->text, err, errsz) ||
        !ly_i18n_open(dir, &a->i18n, err, errsz))
        return false;
    /* Said once, here and on the health screen: names in these scripts would show as boxes. */
    snprintf(a->st.fonts_missing, sizeof a->st.fonts_missing, "%s",
             ly_text_missing_scripts(a->text));
    if (a->st.fonts_missing[0])
        fprintf(stderr,
                "lanyard-kiosk: fonts: no installed font covers %s; text in %s is drawn as "
                "boxes (Debian: fonts-noto-core, fonts-noto-cjk, or the fonts option)\n",
                a->st.fonts_missing, strchr(a->st.fonts_missing, ',') ? "them" : "it");
    warm_fonts(a);
    a->cache = ly_textcache_new(a->ren);
    a->pbuf_size = (size_t)LY_PREVIEW_MAX_W * LY_FRAME_DIM_MAX;
    a->pbuf = malloc(a->pbuf_size);
    if (!a->cache || !a->pbuf)
        return ly_fail(err, errsz, "out of memory");
    a->dc = (struct ly_dc){.r = a->ren, .text = a->text, .cache = a->cache};
    enum ly_lang l = LY_LANG_EN;
    if (a->cfg->language[0] && !ly_lang_from_tag(a->cfg->language, &l))
        return ly_fail(err, errsz, "language %s is not one of en, fr, es, ru, zh, ar",
                       a->cfg->language);
    a->st.lang = a->st.kiosk_lang = l;
    a->st.i18n = a->i18n;
    a->st.last_sync_ms = -1;
    a->st.reason = -1;
    if (!ly_engine_init(&a->engine, a->cfg, a->ev_engine))
        return ly_fail(err, errsz, "out of memory");
    if (!ly_engine_start(a->engine, err, errsz))
        return false;
    snprintf(a->st.event_name, sizeof a->st.event_name, "%s", ly_engine_event_name(a->engine));
    snprintf(a->st.status.gate, sizeof a->st.status.gate, "%s", a->cfg->gate);
    if (a->opt->screenshot_dir && mkdir(a->opt->screenshot_dir, 0755) != 0 && errno != EEXIST)
        return ly_fail(err, errsz, "cannot make %s: %s", a->opt->screenshot_dir, strerror(errno));
    if (a->opt->events_path) {
        struct ly_input_hooks hooks = {.tap_event_type = a->ev_tap,
                                       .code_event_type = a->ev_code,
                                       .screen_name = screen_name_cb,
                                       .ctx = a};
        if (!ly_input_start(a->opt->events_path, &hooks, &a->input, err, errsz))
            return false;
    }
    SDL_StartTextInput();
    return true;
}

int ly_ui_run(const struct ly_kiosk_config *cfg, const struct ly_ui_options *opt, FILE *out)
{
    struct app a = {.cfg = cfg,
                    .opt = opt,
                    .out = out,
                    .finger_down_widget = -1,
                    .trace_frames = getenv("LY_UI_TRACE_FRAMES") != NULL};
    char err[512] = "";
    int rc = 0;
    if (!start(&a, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        rc = 1;
        goto end;
    }
    go(&a, LY_SCR_IDLE);
    for (bool running = true; running;) {
        SDL_Event ev;
        int timeout = deadlines(&a);
        if (a.dirty)
            present(&a);
        if (!SDL_WaitEventTimeout(&ev, timeout))
            continue;
        do {
            if (ev.type == a.ev_engine) {
                running = on_engine(&a, &ev.user) && running;
                if (!running)
                    rc = 1;
            } else if (ev.type == a.ev_tap) {
                on_tap(&a, ev.user.data1);
                free(ev.user.data1);
            } else if (ev.type == a.ev_code) {
                if (a.st.screen < LY_SCR_PIN) /* as the engine, paused for staff, would */
                    request(&a, LY_REQ_CODE, ev.user.data1, 0, false);
                free(ev.user.data1);
            } else if (ev.type == SDL_QUIT) {
                running = false;
            } else if (ev.type == SDL_FINGERDOWN || ev.type == SDL_FINGERUP) {
                on_touch(&a, (int)(ev.tfinger.x * (float)a.dc.w),
                         (int)(ev.tfinger.y * (float)a.dc.h), ev.type == SDL_FINGERDOWN);
            } else if ((ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEBUTTONUP) &&
                       ev.button.which != SDL_TOUCH_MOUSEID &&
                       ev.button.button == SDL_BUTTON_LEFT) {
                on_touch(&a, ev.button.x, ev.button.y, ev.type == SDL_MOUSEBUTTONDOWN);
            } else if (ev.type == SDL_TEXTINPUT) {
                on_text(&a, ev.text.text);
            } else if (ev.type == SDL_KEYDOWN) {
                on_key(&a, ev.key.keysym.sym);
            } else if (ev.type == SDL_WINDOWEVENT &&
                       (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                        ev.window.event == SDL_WINDOWEVENT_EXPOSED)) {
                changed(&a); /* a rotated or uncovered screen is drawn again */
            }
        } while (SDL_PollEvent(&ev));
    }
    fprintf(stderr, "lanyard-kiosk: screen closed\n");
end:
    ly_input_stop(a.input);
    if (a.engine) {
        ly_engine_stop(a.engine);
        ly_engine_join(a.engine);
        /* Results still queued for the screen are freed with SDL's queue below. */
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            if (ev.type == a.ev_engine)
                ly_engine_free_msg(ev.user.data1);
            else if (ev.type == a.ev_tap || ev.type == a.ev_code)
                free(ev.user.data1);
        }
        ly_engine_destroy(a.engine);
    }
    if (a.st.preview)
        SDL_DestroyTexture(a.st.preview);
    ly_textcache_free(a.cache);
    ly_i18n_close(a.i18n);
    ly_text_close(a.text);
    ly_sound_close(a.sound);
    free(a.pbuf);
    free(a.uv);
    if (a.ren)
        SDL_DestroyRenderer(a.ren);
    if (a.win)
        SDL_DestroyWindow(a.win);
    SDL_Quit();
    return rc;
}
