/* text.h - the kiosk screen's text: UTF-8 in any mix of scripts, shaped by HarfBuzz (through
 * SDL2_ttf), ordered by the Unicode bidirectional algorithm (FriBidi), wrapped and drawn into an
 * SDL surface. Faces come from fontconfig by what they cover (fontset.h), opened when a run first
 * needs them.
 * A struct ly_text is for the main (UI) thread only. */
#ifndef LY_TEXT_H
#define LY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* Bounds on the inputs of ly_text_render and ly_text_size; a call outside them fails. */
#define LY_TEXT_BYTES_MAX 4096 /* UTF-8 bytes of one text: a long notice, ten session titles */
#define LY_TEXT_PX_MIN    6    /* pixel size: smaller is unreadable on any kiosk screen */
#define LY_TEXT_PX_MAX    400  /* pixel size: a one-word headline on a 4K screen */
#define LY_TEXT_LINES_MAX 64   /* lines of one text (max_lines 0 means this many) */
/* Width and height of a rendered text in pixels (a 4K screen); wrap_w may not exceed it, and a
 * text that would be taller is cut, with an ellipsis, at the last line that fits. A line that is
 * wider without wrapping (wrap_w 0) is cut with an ellipsis at this width. */
#define LY_TEXT_DIM_MAX 4096
/* (face, pixel size) pairs kept open at once; the least recently used is closed beyond this. */
#define LY_TEXT_FONT_CACHE 32

/* The font set. Opened once; main thread only. */
struct ly_text;

/* Opens the font set (fontset.h): the installed faces as fontconfig lists them, plus those in
 * font_dirs (a ':'-separated list of folders; NULL or "" for none), with the fonts in prefer (a
 * ','-separated list of families or font files; NULL or "" for none) before the built-in
 * preferences. Nothing is opened yet. It calls TTF_Init itself (SDL_ttf counts the calls) and
 * ly_text_close calls TTF_Quit, so the caller need not; SDL_Init is not needed either. Fails when
 * a folder or a preferred font is not found, or when no installed face draws Latin letters.
 * Returns true and *out (free with ly_text_close), or false with a message in err. */
__attribute__((warn_unused_result)) bool ly_text_open(const char *font_dirs, const char *prefer,
                                                      struct ly_text **out, char *err,
                                                      size_t errsz);

/* Returns the English names of the scripts that no installed face covers, separated by ", "
 * ("" when none): text in them would show as boxes. The string belongs to t. */
const char *ly_text_missing_scripts(const struct ly_text *t);

/* Closes every font and frees t. NULL is allowed. */
void ly_text_close(struct ly_text *t);

enum ly_text_weight { LY_TEXT_REGULAR, LY_TEXT_BOLD };

/* START is the left for a left-to-right paragraph and the right for a right-to-left one. */
enum ly_text_align { LY_TEXT_START, LY_TEXT_CENTER, LY_TEXT_END };

/* Renders UTF-8 text (any mix of scripts; bytes that are not UTF-8 show as U+FFFD; "\n" starts a
 * new paragraph, with its own base direction) at px pixels in colour fg, wrapped to wrap_w pixels
 * (0: one line per paragraph, no wrapping) at spaces and between CJK ideographs (a word longer
 * than the line is broken between characters), at most max_lines lines (0: LY_TEXT_LINES_MAX; the
 * last line ends with an ellipsis when text was cut), each line aligned as asked within the widest
 * line (or within wrap_w when it is not 0). Returns a new ARGB8888 surface with alpha, transparent
 * where there is no ink (the caller frees it with SDL_FreeSurface), or NULL with a message in err.
 * "" gives a 1 x line-height surface (wrap_w x line-height when wrap_w is not 0). */
SDL_Surface *ly_text_render(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w,
                            SDL_Color fg, int wrap_w, int max_lines, enum ly_text_align align,
                            char *err, size_t errsz);

/* Stores the width and height ly_text_render would produce with the same arguments, without
 * drawing. Returns false (leaving *wout and *hout alone) where ly_text_render would fail. */
bool ly_text_size(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w, int wrap_w,
                  int max_lines, int *wout, int *hout);

/* Returns true when the base direction of the first paragraph of utf8 is right-to-left: its
 * first strong character (skipping isolates, Unicode bidi rules P2/P3) is right-to-left. False
 * for text with no strong character, and for NULL. */
bool ly_text_is_rtl(const char *utf8);

/* One run of text as ly_text_render shapes it: one face, script and direction. */
struct ly_text_run {
    const char *file;   /* the face's font file */
    long index;         /* the face's index in that file */
    const char *utf8;   /* the run's characters, without hidden ones; NUL-terminated */
    const char *script; /* ISO 15924 tag, as HarfBuzz takes it */
    bool rtl;
};

/* Lays utf8 out as ly_text_render would at px pixels and weight w, one line per paragraph, and
 * calls fn(ctx, run) for every run of every line in visual order (the pointers in run are valid
 * during the call only). For tests and diagnostics. Returns false with a message in err where
 * ly_text_render would fail. */
bool ly_text_runs(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w,
                  void (*fn)(void *ctx, const struct ly_text_run *run), void *ctx, char *err,
                  size_t errsz);

#endif
