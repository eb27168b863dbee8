/* fontset.h - the Noto faces the kiosk screen draws text with, for ui/text.c: the script of a
 * code point, a fallback chain of faces per script, and the open (face, pixel size) pairs, kept
 * in a bounded least-recently-used cache. Faces are found when the set is opened and opened only
 * when a character first needs them. Main thread only. */
#ifndef LY_FONTSET_H
#define LY_FONTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>

/* Directories in a font_dirs list, and bytes in one font file's path. */
#define LY_FONTSET_DIRS_MAX 8
#define LY_FONTSET_PATH_MAX 1024

/* The scripts the set has faces for, plus Common (spaces, digits, punctuation) and Inherited
 * (combining marks), which take the script of the text around them. */
enum ly_script {
    LY_SCRIPT_COMMON,
    LY_SCRIPT_INHERITED,
    LY_SCRIPT_LATIN,
    LY_SCRIPT_GREEK,
    LY_SCRIPT_CYRILLIC,
    LY_SCRIPT_ARMENIAN,
    LY_SCRIPT_HEBREW,
    LY_SCRIPT_ARABIC,
    LY_SCRIPT_SYRIAC,
    LY_SCRIPT_THAANA,
    LY_SCRIPT_DEVANAGARI,
    LY_SCRIPT_BENGALI,
    LY_SCRIPT_GURMUKHI,
    LY_SCRIPT_GUJARATI,
    LY_SCRIPT_ORIYA,
    LY_SCRIPT_TAMIL,
    LY_SCRIPT_TELUGU,
    LY_SCRIPT_KANNADA,
    LY_SCRIPT_MALAYALAM,
    LY_SCRIPT_SINHALA,
    LY_SCRIPT_THAI,
    LY_SCRIPT_LAO,
    LY_SCRIPT_MYANMAR,
    LY_SCRIPT_GEORGIAN,
    LY_SCRIPT_HANGUL,
    LY_SCRIPT_ETHIOPIC,
    LY_SCRIPT_KHMER,
    LY_SCRIPT_HIRAGANA,
    LY_SCRIPT_KATAKANA,
    LY_SCRIPT_BOPOMOFO,
    LY_SCRIPT_HAN,
    LY_SCRIPT_COUNT
};

/* Returns the script of code point cp (Common for anything the set has no script for). */
enum ly_script ly_script_of(uint32_t cp);

/* Returns the ISO 15924 tag of s ("Latn", "Arab", "Zyyy" for Common), as HarfBuzz takes it. */
const char *ly_script_tag(enum ly_script s);

/* Returns whether s is written without spaces between words and may break between any two
 * characters (Han, kana, Hangul, Bopomofo). */
bool ly_script_is_cjk(enum ly_script s);

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

/* Returns the file name of face (for messages and tests), "" for an unknown face. */
const char *ly_fontset_face_name(const struct ly_fontset *fs, int face);

#endif
