/* fontset.h - the faces the kiosk screen draws text with, for ui/text.c. Faces are chosen through
 * fontconfig by what they cover: for each script, an installed face with glyphs for it, the
 * families the kiosk prefers (Noto Sans, the script's Noto Sans UI face, Noto Sans CJK SC, ...)
 * first when they are installed; a character that no face of its script's chain has is looked up
 * in every installed face. Open (face, pixel size) pairs are kept in a bounded least-recently-used
 * cache. Main thread only. */
#ifndef LY_FONTSET_H
#define LY_FONTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>

#include "unichar.h"

/* Entries in a font_dirs or a prefer list, and bytes in one font file's path. */
#define LY_FONTSET_DIRS_MAX 8
#define LY_FONTSET_PATH_MAX 1024
/* Distinct faces (file and index) a set hands out: the scripts' faces in two weights, and the
 * faces found for single characters that no script face has (when full, such a character is
 * drawn with its script's face, as a missing glyph). */
#define LY_FONTSET_FACES_MAX 96
/* Bytes of the list of scripts that no installed face covers ("Ethiopic, Thaana"). */
#define LY_FONTSET_MISSING_MAX 512

struct ly_fontset;

/* Loads fontconfig's configuration and the installed fonts, adds the fonts of font_dirs (a
 * ':'-separated list of folders; NULL or "" for none) and chooses each script's face. prefer
 * (NULL or "" for none) is a ','-separated list of font families ("Noto Naskh Arabic") or font
 * files (a path starting with '/') that come before the built-in preferences for every script
 * they cover. Fails when a folder or a preferred font cannot be found, or when no installed face
 * draws Latin letters. Calls TTF_Init (ly_fontset_close calls TTF_Quit). Returns true and *out
 * (free with ly_fontset_close), or false with a message in err. */
__attribute__((warn_unused_result)) bool ly_fontset_open(const char *font_dirs, const char *prefer,
                                                         struct ly_fontset **out, char *err,
                                                         size_t errsz);

/* Closes every open font and frees fs. NULL is allowed. */
void ly_fontset_close(struct ly_fontset *fs);

/* Returns the face (an index for ly_fontset_font) for cp in a run of script s: the first face in
 * s's chain (its own face, then the Latin and the CJK face) that has a glyph for cp, else the
 * installed face that has it, else the first face of the chain that opens (it draws the font's
 * missing-glyph box; the script was reported by ly_fontset_missing). Returns -1 when no face of
 * the chain opens at all. */
int ly_fontset_pick(struct ly_fontset *fs, enum ly_script s, bool bold, uint32_t cp, int px);

/* Returns whether face has a glyph for cp. */
bool ly_fontset_has(struct ly_fontset *fs, int face, uint32_t cp, int px);

/* Returns face open at px pixels, opening it (and closing the least recently used pair) when it
 * is not in the cache, or NULL when the face cannot be opened. The font belongs to fs and stays
 * valid until the next call of a ly_fontset function. */
TTF_Font *ly_fontset_font(struct ly_fontset *fs, int face, int px);

/* Returns how many (face, pixel size) pairs are open now (at most LY_TEXT_FONT_CACHE). */
int ly_fontset_open_count(const struct ly_fontset *fs);

/* Returns the file name of face without its folder (for messages and tests), "" for an unknown
 * face. */
const char *ly_fontset_face_name(const struct ly_fontset *fs, int face);

/* Returns the path of face's file and stores its index in that file in *index, or returns NULL
 * for an unknown face. The string belongs to fs. */
const char *ly_fontset_face_file(const struct ly_fontset *fs, int face, long *index);

/* Returns the English names of the scripts that no installed face covers, separated by ", "
 * ("" when every script the screen knows is covered). The string belongs to fs. */
const char *ly_fontset_missing(const struct ly_fontset *fs);

#endif
