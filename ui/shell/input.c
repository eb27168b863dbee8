/* input.c - scripted input for the kiosk screen. See input.h. */
#include "shell/input.h"

#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fail.h"
#include "common/num.h"

struct ly_input {
    struct ly_input_hooks hooks;
    int fd;
    pthread_t thread;
    atomic_bool stop;
};

/* Splits the next space-separated word off *p (at most end); returns its length. */
static size_t word(const char **p, const char *end, const char **start)
{
    while (*p < end && **p == ' ')
        (*p)++;
    *start = *p;
    while (*p < end && **p != ' ')
        (*p)++;
    return (size_t)(*p - *start);
}

static bool number(const char *s, size_t len, long max, int *out, char *err, size_t errsz)
{
    char buf[24];
    int64_t v;
    if (len == 0 || len >= sizeof buf)
        return ly_fail(err, errsz, "expected a number");
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (!ly_num_int(buf, 0, max, &v))
        return ly_fail(err, errsz, "not a number from 0 to %ld: %s", max, buf);
    *out = (int)v;
    return true;
}

bool ly_input_parse(const char *line, size_t len, struct ly_input_cmd *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    if (len > LY_INPUT_LINE_MAX)
        return ly_fail(err, errsz, "line longer than %d bytes", LY_INPUT_LINE_MAX);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    if (memchr(line, '\0', len))
        return ly_fail(err, errsz, "NUL byte in a command");
    const char *p = line, *end = line + len, *w;
    size_t n = word(&p, end, &w);
    if (n == 0 || w[0] == '#')
        return true;
    static const struct {
        const char *name;
        enum ly_input_kind kind;
    } names[] = {{"tap", LY_INPUT_TAP},       {"touch", LY_INPUT_TOUCH}, {"text", LY_INPUT_TEXT},
                 {"code", LY_INPUT_CODE},     {"key", LY_INPUT_KEY},     {"wait", LY_INPUT_WAIT},
                 {"screen", LY_INPUT_SCREEN}, {"quit", LY_INPUT_QUIT}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && memcmp(names[i].name, w, n) == 0)
            out->kind = names[i].kind;
    if (out->kind == LY_INPUT_NONE)
        return ly_fail(err, errsz, "unknown command: %.*s", (int)(n > 32 ? 32 : n), w);
    if (out->kind == LY_INPUT_TEXT || out->kind == LY_INPUT_CODE) {
        if (p < end && *p == ' ')
            p++;
        n = (size_t)(end - p);
        if (n == 0 || n > LY_INPUT_ARG_MAX)
            return ly_fail(err, errsz, "text needs 1 to %d bytes", LY_INPUT_ARG_MAX);
        memcpy(out->arg, p, n);
        return true;
    }
    if (out->kind == LY_INPUT_QUIT)
        return true;
    n = word(&p, end, &w);
    if (out->kind == LY_INPUT_TOUCH) {
        if (!number(w, n, LY_INPUT_COORD_MAX, &out->x, err, errsz))
            return false;
        n = word(&p, end, &w);
        return number(w, n, LY_INPUT_COORD_MAX, &out->y, err, errsz);
    }
    if (out->kind == LY_INPUT_WAIT)
        return number(w, n, LY_INPUT_WAIT_MAX, &out->ms, err, errsz);
    if (n == 0 || n > LY_INPUT_ARG_MAX)
        return ly_fail(err, errsz, "%.*s needs a name", (int)(n > 32 ? 32 : n), w);
    memcpy(out->arg, w, n);
    out->ms = 10000;
    if (out->kind == LY_INPUT_SCREEN) {
        n = word(&p, end, &w);
        if (n > 0 && !number(w, n, LY_INPUT_WAIT_MAX, &out->ms, err, errsz))
            return false;
    }
    return true;
}

/* --- the thread ------------------------------------------------------------------------------ */

static void push(SDL_Event *ev)
{
    if (SDL_PushEvent(ev) != 1)
        fprintf(stderr, "lanyard-kiosk: --events: event lost: %s\n", SDL_GetError());
}

static void run(struct ly_input *in, const struct ly_input_cmd *c)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    switch (c->kind) {
    case LY_INPUT_NONE:
        break;
    case LY_INPUT_TAP: {
        char *id = strdup(c->arg);
        if (!id)
            break;
        ev.type = in->hooks.tap_event_type;
        ev.user.data1 = id;
        if (SDL_PushEvent(&ev) != 1)
            free(id);
        break;
    }
    case LY_INPUT_TOUCH: {
        /* Window pixels go through the tap event too, as "@X,Y", turned into a touch on the
         * main thread, where the window's size is known. */
        char *id = malloc(40);
        if (!id)
            break;
        snprintf(id, 40, "@%d,%d", c->x, c->y);
        ev.type = in->hooks.tap_event_type;
        ev.user.data1 = id;
        if (SDL_PushEvent(&ev) != 1)
            free(id);
        break;
    }
    case LY_INPUT_CODE: {
        char *code = strdup(c->arg);
        if (!code)
            break;
        ev.type = in->hooks.code_event_type;
        ev.user.data1 = code;
        if (SDL_PushEvent(&ev) != 1)
            free(code);
        break;
    }
    case LY_INPUT_TEXT: {
        /* One SDL_TEXTINPUT event per character, as a keyboard would send them. */
        const char *s = c->arg;
        while (*s) {
            size_t n = 1;
            while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80 && n < 4)
                n++;
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_TEXTINPUT;
            memcpy(ev.text.text, s, n);
            push(&ev);
            s += n;
        }
        break;
    }
    case LY_INPUT_KEY: {
        SDL_Keycode k = SDL_GetKeyFromName(c->arg);
        if (k == SDLK_UNKNOWN) {
            fprintf(stderr, "lanyard-kiosk: --events: unknown key %s\n", c->arg);
            break;
        }
        ev.type = SDL_KEYDOWN;
        ev.key.state = SDL_PRESSED;
        ev.key.keysym.sym = k;
        ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
        push(&ev);
        ev.type = SDL_KEYUP;
        ev.key.state = SDL_RELEASED;
        push(&ev);
        break;
    }
    case LY_INPUT_WAIT:
        SDL_Delay((Uint32)c->ms);
        break;
    case LY_INPUT_SCREEN: {
        Uint64 until = SDL_GetTicks64() + (Uint64)c->ms;
        size_t n = strlen(c->arg);
        for (;;) {
            const char *now = in->hooks.screen_name(in->hooks.ctx);
            if (atomic_load(&in->stop) || strcmp(now, c->arg) == 0 ||
                (strncmp(now, c->arg, n) == 0 && now[n] == '-'))
                break;
            if (SDL_GetTicks64() > until) {
                fprintf(stderr, "lanyard-kiosk: --events: screen %s not shown within %d ms\n",
                        c->arg, c->ms);
                break;
            }
            SDL_Delay(10);
        }
        break;
    }
    case LY_INPUT_QUIT:
        ev.type = SDL_QUIT;
        push(&ev);
        break;
    }
}

static void *input_main(void *arg)
{
    struct ly_input *in = arg;
    char buf[LY_INPUT_LINE_MAX + 2];
    size_t have = 0;
    bool skipping = false; /* inside an over-long line */
    while (!atomic_load(&in->stop)) {
        struct pollfd pfd = {.fd = in->fd, .events = POLLIN};
        int r = poll(&pfd, 1, 50);
        if (r <= 0)
            continue;
        ssize_t got = read(in->fd, buf + have, sizeof buf - 1 - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; /* end of the script */
        have += (size_t)got;
        for (;;) {
            char *nl = memchr(buf, '\n', have);
            if (!nl) {
                if (have >= sizeof buf - 1) {
                    fprintf(stderr, "lanyard-kiosk: --events: line too long, skipped\n");
                    have = 0;
                    skipping = true;
                }
                break;
            }
            size_t len = (size_t)(nl - buf);
            if (!skipping) {
                struct ly_input_cmd c;
                char err[160];
                if (ly_input_parse(buf, len, &c, err, sizeof err))
                    run(in, &c);
                else
                    fprintf(stderr, "lanyard-kiosk: --events: %s\n", err);
            }
            skipping = false;
            memmove(buf, nl + 1, have - len - 1);
            have -= len + 1;
        }
    }
    return NULL;
}

bool ly_input_start(const char *path, const struct ly_input_hooks *hooks, struct ly_input **out,
                    char *err, size_t errsz)
{
    *out = NULL;
    struct ly_input *in = calloc(1, sizeof *in);
    if (!in)
        return ly_fail(err, errsz, "out of memory");
    in->hooks = *hooks;
    /* O_RDWR keeps a FIFO open when its writer closes between commands. */
    in->fd = open(path, O_RDWR | O_CLOEXEC);
    if (in->fd < 0)
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (in->fd < 0) {
        free(in);
        return ly_fail(err, errsz, "cannot open --events %s: %s", path, strerror(errno));
    }
    if (pthread_create(&in->thread, NULL, input_main, in) != 0) {
        close(in->fd);
        free(in);
        return ly_fail(err, errsz, "cannot start the --events thread");
    }
    *out = in;
    return true;
}

void ly_input_stop(struct ly_input *in)
{
    if (!in)
        return;
    atomic_store(&in->stop, true);
    pthread_join(in->thread, NULL);
    close(in->fd);
    free(in);
}
