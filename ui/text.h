/* text.h - the kiosk screen's text: UTF-8 in any mix of scripts, shaped by HarfBuzz (through
 * SDL2_ttf), ordered by the Unicode bidirectional algorithm (FriBidi), wrapped and drawn into an
 * SDL surface. Fonts come from a fallback chain of Noto faces, opened when a run first needs them.
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

/* Opens the font set: finds the Noto faces in font_dirs (NULL for the defaults,
 * /usr/share/fonts/truetype/noto:/usr/share/fonts/opentype/noto, or a ':'-separated list of
 * directories) without opening them yet. It calls TTF_Init itself (SDL_ttf counts the calls) and
 * ly_text_close calls TTF_Quit, so the caller need not; SDL_Init is not needed either. Fails when
 * NotoSans-Regular.ttf is in none of the directories. Returns true and *out (free with
 * ly_text_close), or false with a message in err. */
__attribute__((warn_unused_result)) bool ly_text_open(const char *font_dirs, struct ly_text **out,
                                                      char *err, size_t errsz);

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

#endif
