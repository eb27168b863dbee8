/* app.c - the kiosk screen's shell: window, renderer, events, presenting, screenshots. See ui.h.
 *
 * The loop sleeps in SDL_WaitEventTimeout until something happens (a result of the kiosk loop,
 * a camera frame, a touch, a deadline), hands it to the screen's flow (flow.h), and draws and
 * presents the screen only when it changed. Nothing here waits for a disk or a network:
 * requests go to the kiosk loop's queue and their answers come back as events (sdl_sink.h). */
#include "shell/ui.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/frame.h"
#include "common/fail.h"
#include "common/json.h"
#include "flow/flow.h"
#include "i18n/i18n.h"
#include "kiosk/jsonl.h"
#include "kiosk/loop.h"
#include "kiosk/sdnotify.h"
#include "screens/draw.h"
#include "screens/screens.h"
#include "shell/input.h"
#include "shell/sdl_sink.h"
#include "shell/shot.h"
#include "shell/sound.h"
#include "text/text.h"

#define SHOT_DELAY_MS 400 /* the idle screen's shot waits this long for a camera frame */

struct app {
    const struct ly_kiosk_config *cfg;
    const struct ly_ui_options *opt;
    struct ly_hublink *hub;
    FILE *out;
    SDL_Window *win;
    SDL_Renderer *ren;
    uint32_t ev_loop, ev_tap, ev_code;
    struct ly_sdl_sink sink;
    struct ly_loop *loop;
    struct ly_flow *flow;
    struct ly_text *text;
    struct ly_i18n *i18n;
    struct ly_textcache *cache;
    struct ly_sound_player *sound;
    struct ly_input *input;
    struct ly_dc dc;

    uint8_t *pbuf, *uv; /* preview pixels and the constant chroma planes */
    size_t pbuf_size, uv_size;
    uint64_t preview_seq;

    bool dirty;                    /* the screen must be drawn again */
    unsigned long flow_generation; /* the flow's, as last seen */
    unsigned long generation;      /* bumped by the flow's changes and the window's */
    unsigned long shown_generation;
    int64_t generation_ms; /* when generation last changed */
    bool shot_pending;     /* the current generation still needs its screenshot */
    unsigned long shots;
    atomic_int screen_index; /* read by the --events thread: screen * LY_DETAILS + detail */
    int finger_down_widget;  /* index of the widget a touch began on, -1: none */
    bool trace_frames;       /* LY_UI_TRACE_FRAMES: one line per frame presented (benchmarks) */
    /* LY_UI_TRACE_TEXT (tests): the words of each drawing, and of the last one printed */
    struct ly_dynbuf texts, texts_shown;
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

/* Takes in what the flow changed since the last call. */
static void follow_flow(struct app *a)
{
    unsigned long g = ly_flow_generation(a->flow);
    if (g != a->flow_generation) {
        a->flow_generation = g;
        changed(a);
    }
    if (ly_flow_take_redraw(a->flow))
        a->dirty = true;
}

/* "SCREEN" or "SCREEN-DETAIL", from a static table: safe to read from the --events thread. */
static const char *screen_name_cb(void *ctx)
{
    struct app *a = ctx;
    static char names[LY_SCR_COUNT][LY_DETAILS][32];
    int v = atomic_load(&a->screen_index);
    int scr = v / LY_DETAILS, det = v % LY_DETAILS;
    if (scr < 0 || scr >= LY_SCR_COUNT)
        return "";
    if (!names[scr][det][0]) /* the same bytes whoever writes them first */
        snprintf(names[scr][det], sizeof names[0][0], "%s%s%s", ly_screen_name(scr), det ? "-" : "",
                 ly_detail_names[det]);
    return names[scr][det];
}

/* --- the flow's hooks ---------------------------------------------------------------------- */

static bool hook_request(void *ctx, const struct ly_request *req)
{
    struct app *a = ctx;
    return ly_loop_request(a->loop, req);
}

static void hook_pause(void *ctx, bool paused)
{
    struct app *a = ctx;
    ly_loop_pause(a->loop, paused);
}

static void hook_sound(void *ctx, enum ly_sound s)
{
    struct app *a = ctx;
    ly_sound_play(a->sound, s);
}

static void hook_decided(void *ctx, const struct ly_kiosk_decision *d)
{
    struct app *a = ctx;
    ly_jsonl_decision(a->out, d, a->cfg->output_names);
}

/* --- presenting ---------------------------------------------------------------------------- */

static void print_screen(struct app *a, const struct ly_ui_state *st, const char *shot)
{
    FILE *f = a->out;
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "screen", ly_screen_name(st->screen));
    if (st->screen == LY_SCR_RESULT) {
        ly_json_kv_str(f, &first, "result", ly_result_name(st));
        ly_json_kv_bool(f, &first, "manual", st->manual);
    }
    ly_json_kv_str(f, &first, "detail", ly_detail_names[ly_detail_of(st)]);
    ly_json_kv_str(f, &first, "lang", ly_lang_tag(st->lang));
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

static void take_shot(struct app *a, const struct ly_ui_state *st, char *path, size_t pathsz)
{
    char err[256];
    snprintf(path, pathsz, "%s/%04lu-%s%s%s-%s.png", a->opt->screenshot_dir, ++a->shots,
             ly_screen_name(st->screen), st->screen == LY_SCR_RESULT ? "-" : "",
             st->screen == LY_SCR_RESULT ? ly_result_name(st) : "", ly_lang_tag(st->lang));
    if (!ly_shot_save(a->ren, a->dc.w, a->dc.h, path, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        path[0] = '\0';
    }
}

/* With LY_UI_TRACE_TEXT: the screen's words as one line {"texts":[...]} when they changed
 * since the last such line (a status line's refresh included). Names are on it: tests only. */
static void print_texts(struct app *a)
{
    if (!a->dc.texts)
        return;
    size_t n = ly_dynbuf_len(&a->texts);
    if (n == ly_dynbuf_len(&a->texts_shown) &&
        (n == 0 || memcmp(ly_dynbuf_ptr(&a->texts), ly_dynbuf_ptr(&a->texts_shown), n) == 0))
        return;
    ly_dynbuf_reset(&a->texts_shown);
    if (n && ly_dynbuf_add(&a->texts_shown, ly_dynbuf_ptr(&a->texts), n) != LY_DYN_OK)
        return;
    fputs("{\"texts\":[", a->out);
    const char *p = ly_dynbuf_ptr(&a->texts);
    for (size_t off = 0; off < n; off += strlen(p + off) + 1) {
        fputs(off ? "," : "", a->out);
        ly_json_str(a->out, p + off);
    }
    fputs("]}\n", a->out);
    fflush(a->out);
}

/* The line that says how long a result took from the scanner to the screen. */
static void print_presented(struct app *a, double frame_ms)
{
    struct ly_flow_result r;
    if (!ly_flow_take_result(a->flow, &r))
        return;
    int first = 1;
    double ms = (double)(ly_frame_now_ns() - r.decoded_ns) / 1e6;
    fputc('{', a->out);
    ly_json_kv_str(a->out, &first, "presented", r.kind);
    ly_json_kv_int(a->out, &first, "seq", r.seq);
    fprintf(a->out, ",\"ms_decoded_to_presented\":%.3f,\"ms_frame\":%.3f}\n", ms, frame_ms);
    fflush(a->out);
}

static void present(struct app *a)
{
    const struct ly_ui_state *st = ly_flow_state(a->flow);
    int64_t t0 = SDL_GetPerformanceCounter();
    SDL_GetRendererOutputSize(a->ren, &a->dc.w, &a->dc.h);
    ly_screen_draw(&a->dc, st);
    char shot[4200] = "";
    bool new_screen = a->shown_generation != a->generation;
    /* The idle screen's picture waits for the camera's first frame, briefly. */
    bool ready =
        st->screen != LY_SCR_IDLE || a->dc.preview || mono_ms() - a->generation_ms >= SHOT_DELAY_MS;
    if (a->shot_pending && ready) {
        take_shot(a, st, shot, sizeof shot);
        a->shot_pending = false;
    }
    SDL_RenderPresent(a->ren);
    a->dirty = false;
    double frame_ms =
        (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
    print_presented(a, frame_ms);
    if (new_screen || shot[0]) {
        a->shown_generation = a->generation;
        print_screen(a, st, shot[0] ? shot : NULL);
    }
    print_texts(a);
    /* Scripts waiting for a screen see it once it is presented (and its picture taken). */
    if (!a->shot_pending)
        atomic_store(&a->screen_index, (int)st->screen * LY_DETAILS + ly_detail_of(st));
    if (a->trace_frames)
        fprintf(a->out, "{\"frame_ms\":%.3f,\"screen\":\"%s\"}\n", frame_ms,
                ly_screen_name(st->screen));
}

/* --- events -------------------------------------------------------------------------------- */

static void on_preview(struct app *a)
{
    int w = 0, h = 0;
    if (!ly_loop_preview(a->loop, a->pbuf, a->pbuf_size, &w, &h, &a->preview_seq))
        return;
    struct ly_dc *dc = &a->dc;
    if (!dc->preview || dc->preview_w != w || dc->preview_h != h) {
        if (dc->preview)
            SDL_DestroyTexture(dc->preview);
        dc->preview =
            SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING, w, h);
        dc->preview_w = w;
        dc->preview_h = h;
        size_t uv = (size_t)((w + 1) / 2) * (size_t)((h + 1) / 2);
        if (uv > a->uv_size) {
            free(a->uv);
            a->uv = malloc(uv);
            a->uv_size = a->uv ? uv : 0;
            if (a->uv)
                memset(a->uv, 128, uv); /* no colour: the scanner's frames are grey */
        }
    }
    if (dc->preview && a->uv)
        SDL_UpdateYUVTexture(dc->preview, NULL, a->pbuf, w, a->uv, (w + 1) / 2, a->uv, (w + 1) / 2);
    if (ly_flow_state(a->flow)->screen == LY_SCR_IDLE)
        a->dirty = true;
}

/* A result of the kiosk loop. Returns false when the kiosk cannot go on. */
static bool on_loop(struct app *a, const SDL_UserEvent *ev)
{
    struct ly_sdl_msg *m = ev->data1;
    bool go_on = true;
    int64_t now = mono_ms();
    switch ((enum ly_sdl_msg_kind)ev->code) {
    case LY_MSG_DECISION:
        ly_flow_decision(a->flow, &m->u.decision, now);
        break;
    case LY_MSG_STATUS:
        ly_flow_status(a->flow, &m->u.status);
        break;
    case LY_MSG_REPLY:
        ly_flow_reply(a->flow, &m->u.reply, now);
        break;
    case LY_MSG_PREVIEW:
        on_preview(a);
        break;
    case LY_MSG_PRINT:
        ly_flow_print(a->flow, &m->u.print, now);
        break;
    case LY_MSG_END:
        if (m->u.end.why == LY_KIOSK_ENDED) {
            fprintf(stderr, "lanyard-kiosk: the frame source ended\n");
        } else {
            fprintf(stderr, "lanyard-kiosk: %s\n", m->u.end.detail);
            go_on = false;
        }
        break;
    }
    ly_sdl_msg_free(m);
    return go_on;
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
        ly_flow_widget(a->flow, id, mono_ms());
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
                    ly_screen_name(ly_flow_state(a->flow)->screen));
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

static void on_key(struct app *a, SDL_Keycode k)
{
    enum ly_flow_key key = LY_KEY_OTHER;
    if (k == SDLK_BACKSPACE)
        key = LY_KEY_BACKSPACE;
    else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
        key = LY_KEY_RETURN;
    else if (k == SDLK_ESCAPE)
        key = LY_KEY_ESCAPE;
    ly_flow_key(a->flow, key, mono_ms());
}

/* Handles one event; returns false when the kiosk must close (*rc: its exit status). */
static bool on_event(struct app *a, SDL_Event *ev, int *rc)
{
    if (ev->type == a->ev_loop) {
        if (!on_loop(a, &ev->user)) {
            *rc = 1;
            return false;
        }
    } else if (ev->type == a->ev_tap) {
        on_tap(a, ev->user.data1);
        free(ev->user.data1);
    } else if (ev->type == a->ev_code) {
        ly_flow_code(a->flow, ev->user.data1);
        free(ev->user.data1);
    } else if (ev->type == SDL_QUIT) {
        return false;
    } else if (ev->type == SDL_FINGERDOWN || ev->type == SDL_FINGERUP) {
        on_touch(a, (int)(ev->tfinger.x * (float)a->dc.w), (int)(ev->tfinger.y * (float)a->dc.h),
                 ev->type == SDL_FINGERDOWN);
    } else if ((ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_MOUSEBUTTONUP) &&
               ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT) {
        on_touch(a, ev->button.x, ev->button.y, ev->type == SDL_MOUSEBUTTONDOWN);
    } else if (ev->type == SDL_TEXTINPUT) {
        ly_flow_text(a->flow, ev->text.text, mono_ms());
    } else if (ev->type == SDL_KEYDOWN) {
        on_key(a, ev->key.keysym.sym);
    } else if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                               ev->window.event == SDL_WINDOWEVENT_EXPOSED)) {
        changed(a); /* a rotated or uncovered screen is drawn again */
    }
    return true;
}

/* Returns ms until the next deadline: the flow's, or a screenshot still to take. */
static int deadlines(struct app *a)
{
    int next = ly_flow_tick(a->flow, mono_ms());
    follow_flow(a);
    if (a->shot_pending && next > 50)
        next = 50;
    return next;
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

/* The window and its renderer. */
static bool open_window(struct app *a, char *err, size_t errsz)
{
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
    return true;
}

/* Faces, translations and the text cache. */
static bool open_text(struct app *a, char *err, size_t errsz)
{
    char dir[PATH_MAX];
    locale_dir(a->cfg, dir, sizeof dir);
    if (!ly_text_open(a->cfg->font_dir, a->cfg->fonts, &a->text, err, errsz) ||
        !ly_i18n_open(dir, &a->i18n, err, errsz))
        return false;
    /* Said once, here and on the health screen: names in these scripts would show as boxes. */
    const char *missing = ly_text_missing_scripts(a->text);
    if (missing[0])
        fprintf(stderr,
                "lanyard-kiosk: fonts: no installed font covers %s; text in %s is drawn as "
                "boxes (Debian: fonts-noto-core, fonts-noto-cjk, or the fonts option)\n",
                missing, strchr(missing, ',') ? "them" : "it");
    warm_fonts(a);
    a->cache = ly_textcache_new(a->ren);
    a->pbuf_size = (size_t)LY_PREVIEW_MAX_W * LY_FRAME_DIM_MAX;
    a->pbuf = malloc(a->pbuf_size);
    if (!a->cache || !a->pbuf)
        return ly_fail(err, errsz, "out of memory");
    a->dc = (struct ly_dc){.r = a->ren, .text = a->text, .cache = a->cache, .texts = a->dc.texts};
    return true;
}

/* The kiosk loop, its results posted as events, and the flow over them. */
static bool start_kiosk(struct app *a, char *err, size_t errsz)
{
    enum ly_lang l = LY_LANG_EN;
    if (a->cfg->language[0] && !ly_lang_from_tag(a->cfg->language, &l))
        return ly_fail(err, errsz, "language %s is not one of en, fr, es, ru, zh, ar",
                       a->cfg->language);
    ly_sdl_sink_init(&a->sink, a->ev_loop);
    if (!ly_loop_init(&a->loop, a->cfg, a->hub, &a->sink.sink))
        return ly_fail(err, errsz, "out of memory");
    if (!ly_loop_start(a->loop, err, errsz))
        return false;
    struct ly_flow_config fc = {.lang = l,
                                .i18n = a->i18n,
                                .result_ms = a->cfg->result_ms,
                                .staff_idle_s = a->cfg->staff_idle_s,
                                .printer = a->cfg->printer[0] != '\0',
                                .gate = a->cfg->gate,
                                .event_name = ly_loop_event_name(a->loop),
                                .fonts_missing = ly_text_missing_scripts(a->text)};
    struct ly_flow_hooks hooks = {.request = hook_request,
                                  .pause = hook_pause,
                                  .sound = hook_sound,
                                  .decided = hook_decided,
                                  .ctx = a};
    if (!ly_flow_init(&a->flow, &fc, &hooks))
        return ly_fail(err, errsz, "out of memory");
    return true;
}

static bool start(struct app *a, char *err, size_t errsz)
{
    /* What is missing from the settings is said before a window opens (the gate may come from
     * the enrollment stored in the database: the loop checks it there). */
    if (!ly_loop_check_config(a->cfg, err, errsz))
        return false;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return ly_fail(err, errsz, "cannot open the screen: %s", SDL_GetError());
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0)
        a->sound = ly_sound_open();
    else
        fprintf(stderr, "lanyard-kiosk: no sound: %s\n", SDL_GetError());
    a->ev_loop = SDL_RegisterEvents(3);
    if (a->ev_loop == (uint32_t)-1)
        return ly_fail(err, errsz, "cannot register events: %s", SDL_GetError());
    a->ev_tap = a->ev_loop + 1;
    a->ev_code = a->ev_loop + 2;
    if (!open_window(a, err, errsz) || !open_text(a, err, errsz) || !start_kiosk(a, err, errsz))
        return false;
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

/* Stops the loop and frees what is left, events still queued for the screen included. */
static void stop(struct app *a)
{
    ly_input_stop(a->input);
    if (a->loop) {
        ly_loop_stop(a->loop);
        ly_loop_join(a->loop);
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            if (ev.type == a->ev_loop)
                ly_sdl_msg_free(ev.user.data1);
            else if (ev.type == a->ev_tap || ev.type == a->ev_code)
                free(ev.user.data1);
        }
        ly_loop_destroy(a->loop);
    }
    ly_flow_destroy(a->flow);
    if (a->dc.preview)
        SDL_DestroyTexture(a->dc.preview);
    ly_textcache_free(a->cache);
    ly_i18n_close(a->i18n);
    ly_text_close(a->text);
    ly_sound_close(a->sound);
    free(a->pbuf);
    free(a->uv);
    ly_dynbuf_free(&a->texts);
    ly_dynbuf_free(&a->texts_shown);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    SDL_Quit();
}

int ly_ui_run(const struct ly_kiosk_config *cfg, const struct ly_ui_options *opt,
              struct ly_hublink *hub, FILE *out)
{
    struct app a = {.cfg = cfg,
                    .opt = opt,
                    .hub = hub,
                    .out = out,
                    .finger_down_widget = -1,
                    .trace_frames = getenv("LY_UI_TRACE_FRAMES") != NULL};
    ly_dynbuf_init(&a.texts, 1 << 20);
    ly_dynbuf_init(&a.texts_shown, 1 << 20);
    if (getenv("LY_UI_TRACE_TEXT"))
        a.dc.texts = &a.texts;
    char err[512] = "";
    int rc = 0;
    if (!start(&a, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        stop(&a);
        return 1;
    }
    ly_flow_start(a.flow);
    int beat_ms = ly_sdnotify_screen_wait_ms();
    for (bool running = true; running;) {
        SDL_Event ev;
        ly_sdnotify_screen_beat(); /* the watchdog hears of this thread too (sdnotify.h) */
        int timeout = deadlines(&a);
        if (beat_ms > 0 && (timeout < 0 || timeout > beat_ms))
            timeout = beat_ms;
        if (a.dirty)
            present(&a);
        if (!SDL_WaitEventTimeout(&ev, timeout))
            continue;
        do {
            running = on_event(&a, &ev, &rc) && running;
        } while (SDL_PollEvent(&ev));
    }
    fprintf(stderr, "lanyard-kiosk: screen closed\n");
    stop(&a);
    return rc;
}
