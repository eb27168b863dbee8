/* sdl_sink.c - the kiosk loop's results as SDL user events. See sdl_sink.h. */
#include "shell/sdl_sink.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Posts m (which the event then owns) as an event of kind; a lost event is said and freed. */
static void post(struct ly_kiosk_sink *sink, enum ly_sdl_msg_kind kind, struct ly_sdl_msg *m)
{
    struct ly_sdl_sink *s = (struct ly_sdl_sink *)sink;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = s->event_type;
    ev.user.code = (Sint32)kind;
    ev.user.data1 = m;
    if (m)
        m->kind = kind;
    if (SDL_PushEvent(&ev) != 1) {
        fprintf(stderr, "lanyard-kiosk: screen event lost: %s\n", SDL_GetError());
        ly_sdl_msg_free(m);
    }
}

static struct ly_sdl_msg *new_msg(void)
{
    struct ly_sdl_msg *m = calloc(1, sizeof *m);
    if (!m)
        fprintf(stderr, "lanyard-kiosk: out of memory, a result does not reach the screen\n");
    return m;
}

/* Posts a copy of a result (size bytes at data, the union member of kind). */
static void post_copy(struct ly_kiosk_sink *sink, enum ly_sdl_msg_kind kind, const void *data,
                      size_t size)
{
    struct ly_sdl_msg *m = new_msg();
    if (!m)
        return;
    memcpy(&m->u, data, size);
    post(sink, kind, m);
}

static void on_decision(struct ly_kiosk_sink *sink, const struct ly_kiosk_decision *d)
{
    post_copy(sink, LY_MSG_DECISION, d, sizeof *d);
}

static void on_status(struct ly_kiosk_sink *sink, const struct ly_kiosk_status *st)
{
    post_copy(sink, LY_MSG_STATUS, st, sizeof *st);
}

static void on_reply(struct ly_kiosk_sink *sink, const struct ly_kiosk_reply *r)
{
    post_copy(sink, LY_MSG_REPLY, r, sizeof *r);
}

static void on_print(struct ly_kiosk_sink *sink, const struct ly_kiosk_print *ev)
{
    post_copy(sink, LY_MSG_PRINT, ev, sizeof *ev);
}

static void on_preview(struct ly_kiosk_sink *sink)
{
    post(sink, LY_MSG_PREVIEW, NULL);
}

static void on_end(struct ly_kiosk_sink *sink, enum ly_kiosk_end why, const char *detail)
{
    struct ly_sdl_msg *m = new_msg();
    if (!m)
        return;
    m->u.end.why = why;
    snprintf(m->u.end.detail, sizeof m->u.end.detail, "%s", detail);
    post(sink, LY_MSG_END, m);
}

static const struct ly_kiosk_sink_ops sdl_ops = {
    .decision = on_decision,
    .status = on_status,
    .reply = on_reply,
    .preview = on_preview,
    .print = on_print,
    .end = on_end,
};

void ly_sdl_sink_init(struct ly_sdl_sink *s, uint32_t event_type)
{
    s->sink.ops = &sdl_ops;
    s->event_type = event_type;
}

void ly_sdl_msg_free(struct ly_sdl_msg *m)
{
    free(m);
}
