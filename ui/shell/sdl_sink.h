/* sdl_sink.h - the kiosk loop's results (firmware/kiosk/sink.h) as SDL user events for the
 * screen's main thread: one event type, whose code says what came (enum ly_sdl_msg_kind) and
 * whose data1 is a struct ly_sdl_msg (NULL for a preview) that the main thread frees with
 * ly_sdl_msg_free. SDL_PushEvent is safe from the loop's threads; nothing else of SDL is used. */
#ifndef LY_SDL_SINK_H
#define LY_SDL_SINK_H

#include <stdint.h>

#include "kiosk/sink.h"

enum ly_sdl_msg_kind {
    LY_MSG_DECISION, /* u.decision: journaled (or journal_failed) */
    LY_MSG_STATUS,   /* u.status: the status line's figures */
    LY_MSG_REPLY,    /* u.reply: the answer to a request */
    LY_MSG_PREVIEW,  /* a new preview frame: read it with ly_loop_preview (data1 NULL) */
    LY_MSG_END,      /* u.end: no more decisions from the source */
    LY_MSG_PRINT,    /* u.print: what became of a print job */
};

struct ly_sdl_msg {
    enum ly_sdl_msg_kind kind;
    union {
        struct ly_kiosk_decision decision;
        struct ly_kiosk_status status;
        struct ly_kiosk_reply reply;
        struct ly_kiosk_print print;
        struct {
            enum ly_kiosk_end why;
            char detail[256];
        } end;
    } u;
};

/* A sink posting events of type event_type (from SDL_RegisterEvents). */
struct ly_sdl_sink {
    struct ly_kiosk_sink sink;
    uint32_t event_type;
};

/* Makes s a sink posting events of event_type. */
void ly_sdl_sink_init(struct ly_sdl_sink *s, uint32_t event_type);
/* Frees an event's message. NULL is ignored. */
void ly_sdl_msg_free(struct ly_sdl_msg *m);

#endif
