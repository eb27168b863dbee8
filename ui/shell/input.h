/* input.h - scripted touches and keys for the kiosk screen: `lanyard-kiosk --events FILE` reads
 * one command per line from a file or a FIFO and turns it into real SDL input events (finger
 * down and up, text, key presses) in the window's event queue, where they are handled exactly
 * like a person's. Tests, demos and remote support use it. The commands:
 *   tap ID             a touch at the centre of widget ID on the screen shown now ("pin:1")
 *   touch X Y          a touch at window pixel (X, Y)
 *   text STRING        typed text (the rest of the line, UTF-8)
 *   key NAME           a key press by SDL key name ("Return", "Backspace", "Escape")
 *   code STRING        a code read as a keyboard-wedge scanner reads one (the rest of the line)
 *   wait MS            a pause
 *   screen NAME [MS]   waits until screen NAME is presented (at most MS, default 10000); NAME
 *                      is a screen ("result") or a screen and what it shows ("result-denied",
 *                      "pin-wrong", "pin-locked", "search-found", "counts-ready")
 *   quit               closes the kiosk as SIGTERM does
 * Blank lines and lines starting with '#' are skipped; a bad line is reported and skipped. */
#ifndef LY_INPUT_H
#define LY_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LY_INPUT_LINE_MAX  256    /* bytes of one command line */
#define LY_INPUT_ARG_MAX   200    /* bytes of a command's text argument: a badge code fits */
#define LY_INPUT_WAIT_MAX  600000 /* ms: the longest wait or screen timeout */
#define LY_INPUT_COORD_MAX 16384  /* pixels: the largest coordinate of a touch */

enum ly_input_kind {
    LY_INPUT_NONE, /* a blank line or a comment */
    LY_INPUT_TAP,
    LY_INPUT_TOUCH,
    LY_INPUT_TEXT,
    LY_INPUT_CODE,
    LY_INPUT_KEY,
    LY_INPUT_WAIT,
    LY_INPUT_SCREEN,
    LY_INPUT_QUIT,
};

struct ly_input_cmd {
    enum ly_input_kind kind;
    char arg[LY_INPUT_ARG_MAX + 1]; /* TAP: widget id; TEXT, CODE: text; KEY: key name;
                                       SCREEN: name */
    int x, y;                       /* TOUCH */
    int ms;                         /* WAIT, SCREEN */
};

/* Parses one line (len bytes, any content, no newline needed). Returns false with a message in
 * err for a line that is not a command. */
__attribute__((warn_unused_result)) bool
ly_input_parse(const char *line, size_t len, struct ly_input_cmd *out, char *err, size_t errsz);

struct ly_input;
/* The main loop's side: which screen is presented now, and the event types on which the thread
 * posts TAP and TOUCH commands (data1: a malloc'd widget id, or "@X,Y", for the main thread to
 * turn into a touch and free) and CODE commands (data1: the malloc'd code). */
struct ly_input_hooks {
    uint32_t tap_event_type;
    uint32_t code_event_type;
    const char *(*screen_name)(void *ctx); /* thread-safe: the name of the screen presented */
    void *ctx;
};
/* Starts a thread that runs the commands of path. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool ly_input_start(const char *path,
                                                        const struct ly_input_hooks *hooks,
                                                        struct ly_input **out, char *err,
                                                        size_t errsz);
/* Stops and joins the thread (it is blocked at most one read or 50 ms). NULL-safe. */
void ly_input_stop(struct ly_input *in);

#endif
