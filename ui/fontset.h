/* fontset.h - the Noto faces the kiosk screen draws text with, for ui/text.c: a fallback chain
 * of faces per script (unichar.h), and the open (face, pixel size) pairs, kept
 * in a bounded least-recently-used cache. Faces are found when the set is opened and opened only
 * when a character first needs them. Main thread only. */
#ifndef LY_FONTSET_H
#define LY_FONTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>

#include "unichar.h"

/* Directories in a font_dirs list, and bytes in one font file's path. */
#define LY_FONTSET_DIRS_MAX 8
#define LY_FONTSET_PATH_MAX 1024
/* Faces are numbered below this (two weights of each face in the set). */
#define LY_FONTSET_FACES_MAX 64

struct ly_fontset;

/* Finds the faces in font_dirs (a ':'-separated list; NULL for the Noto directories of Debian).
 * Fails when NotoSans-Regular.ttf is in none of them. Calls TTF_Init (ly_fontset_close calls
 * TTF_Quit). Returns true and *out (free with ly_fontset_close), or false with a message in err. */
__attribute__((warn_unused_result)) bool
ly_fontset_open(const char *font_dirs, struct ly_fontset **out, char *err, size_t errsz);

/* Closes every open font and frees fs. NULL is allowed. */
void ly_fontset_close(struct ly_fontset *fs);

/* Returns the face (an index for ly_fontset_font) for cp in a run of script s: the first face in
 * s's fallback chain that has a glyph for cp, else the first face of the chain that opens (it
 * draws the font's missing-glyph box). Returns -1 when no face of the chain opens at all. */
int ly_fontset_pick(struct ly_fontset *fs, enum ly_script s, bool bold, uint32_t cp, int px);

/* Returns whether face has a glyph for cp. */
bool ly_fontset_has(struct ly_fontset *fs, int face, uint32_t cp, int px);

/* Returns face open at px pixels, opening it (and closing the least recently used pair) when it
 * is not in the cache, or NULL when the face cannot be opened. The font belongs to fs and stays
 * valid until the next call of a ly_fontset function. */
TTF_Font *ly_fontset_font(struct ly_fontset *fs, int face, int px);

/* Returns how many (face, pixel size) pairs are open now (at most LY_TEXT_FONT_CACHE). */
int ly_fontset_open_count(const struct ly_fontset *fs);

/* Returns the file name of face (for messages and tests), "" for an unknown face. */
const char *ly_fontset_face_name(const struct ly_fontset *fs, int face);

#endif
